// The building blocks every view shares: loading data from the API with loading, error and
// empty states that say what to do; figure cards; tables; headings.
import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { useI18n } from './i18n';

export interface Loaded<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

// Runs `load` whenever a value in `deps` changes; a newer call cancels the older one.
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, error: null, loading: true }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: Error) => {
        if (!controller.signal.aborted) setState({ data: null, error, loading: false });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

export function Loading(): JSX.Element {
  const { t } = useI18n();
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {t('state.loading')}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }): JSX.Element {
  const { t } = useI18n();
  let text = error.message;
  if (error instanceof ApiError) {
    if (error.code === 'network') text = t('state.network');
    else if (error.status === 404) text = t('state.notFound');
    else if (error.status === 503) text = t('state.unavailable');
    else if (error.status === 400) text = t('state.invalid', { message: error.message });
  }
  return (
    <div class="state state-error" role="alert">
      <h2>{t('state.errorTitle')}</h2>
      <p>{text}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }): JSX.Element {
  return <div class="state state-empty">{children}</div>;
}

// Shows `loaded`'s data through `render`, or its loading / error state.
export function Show<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
}): JSX.Element {
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === null) return <Loading />;
  return <div class={loaded.loading ? 'refreshing' : undefined}>{children(loaded.data)}</div>;
}

export function Kpi({
  label,
  value,
  detail,
  testId,
  tone,
  children,
}: {
  label: string;
  value: string;
  detail?: ComponentChildren;
  testId?: string;
  tone?: 'good' | 'bad' | 'warn';
  children?: ComponentChildren;
}): JSX.Element {
  return (
    <section class={`kpi${tone ? ` kpi-${tone}` : ''}`} aria-label={label}>
      <h3 class="kpi-label">{label}</h3>
      <p class="kpi-value" data-testid={testId}>
        {value}
      </p>
      {detail && <p class="kpi-detail">{detail}</p>}
      {children}
    </section>
  );
}

export interface Column<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
  sort?: string; // the API's sort field; the header becomes a button
}

export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  caption,
  sort,
  onSort,
  testId,
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  caption: string;
  sort?: string | null;
  onSort?: (field: string) => void;
  testId?: string;
}): JSX.Element {
  const { t } = useI18n();
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table class="table" data-testid={testId}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = column.sort && sort && sort.replace(/^-/, '') === column.sort;
              const descending = active && sort?.startsWith('-');
              return (
                <th
                  key={column.key}
                  scope="col"
                  class={column.numeric ? 'num' : undefined}
                  aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
                >
                  {column.sort && onSort ? (
                    <button
                      type="button"
                      class="sort"
                      data-sort={column.sort}
                      aria-label={t('accounts.sortBy', { column: column.header })}
                      onClick={() => onSort(column.sort as string)}
                    >
                      {column.header}
                      <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.key} class={column.numeric ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PageTitle({ title, children }: { title: string; children?: ComponentChildren }): JSX.Element {
  useEffect(() => {
    document.title = `${title} · Bellwether`;
  }, [title]);
  return (
    <div class="page-title">
      <h1 id="page-heading" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

export function CategoryBadge({ category, label }: { category: string | null; label: string }): JSX.Element {
  return <span class={`badge badge-${category ?? 'none'}`}>{label}</span>;
}
