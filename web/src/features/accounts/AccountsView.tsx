// `/accounts`: every active account, sorted, filtered and paged by the API; the state is
// in the URL; CSV and Excel downloads hold exactly the filtered view.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../../shared/api';
import { formatDecimal, formatInteger, formatMoney } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { MessageKey } from '../../shared/messages';
import type { AccountPage, AccountRow } from '../../shared/types';
import { CategoryBadge, DataTable, Empty, PageTitle, Show, useApi, type Column } from '../../shared/ui';
import { linkTo, navigate, useLocation } from '../../app/router';
import type { ViewProps } from '../../app/views';
import {
  FILTERS,
  FILTER_VALUES,
  PAGE_SIZE,
  downloadUrl,
  nextSort,
  pageCount,
  pageParams,
  queryFromSearch,
  searchFromQuery,
  withFilter,
  type AccountsQuery,
  type FilterName,
} from './accountsQuery';

const FILTER_LABEL: Record<FilterName, MessageKey> = {
  tier: 'accounts.tier',
  category: 'accounts.category',
  quadrant: 'accounts.quadrant',
  colour: 'accounts.colour',
  flag: 'accounts.flag',
};

function valueLabel(name: FilterName, value: string, t: (k: MessageKey) => string): string {
  if (name === 'tier') return value;
  const prefix = name === 'colour' ? 'colour' : name;
  return t(`${prefix}.${value}` as MessageKey);
}

export function AccountsView({ asOf, workspace }: ViewProps): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();
  const query = queryFromSearch(new URLSearchParams(location.search));
  const [text, setText] = useState(query.q);
  const key = searchFromQuery(query, asOf);
  const page = useApi((signal) => apiGet<AccountPage>('/accounts', pageParams(query, asOf), signal), [key]);

  const go = (next: AccountsQuery, replace = false): void => {
    const urlAsOf = new URLSearchParams(location.search).get('as_of');
    const search = searchFromQuery(next, urlAsOf);
    navigate(`/accounts${search ? `?${search}` : ''}`, { replace });
  };

  // The search box asks the API 300 ms after the last key stroke.
  useEffect(() => {
    if (text === query.q) return undefined;
    const timer = window.setTimeout(() => go({ ...query, q: text.trim(), offset: 0 }, true), 300);
    return () => window.clearTimeout(timer);
  }, [text]);

  const columns: Column<AccountRow>[] = [
    {
      key: 'name',
      header: t('col.account'),
      sort: 'name',
      cell: (row) => (
        <a href={linkTo(`/accounts/${encodeURIComponent(row.account_id)}`, location.search)} class="account-link">
          <span>{row.name}</span>
          <span class="muted small">{row.account_id}</span>
        </a>
      ),
    },
    { key: 'owner', header: t('col.owner'), cell: (row) => row.owner ?? '–' },
    { key: 'tier', header: t('col.tier'), sort: 'tier', cell: (row) => row.tier },
    {
      key: 'ttm',
      header: t('col.ttm'),
      sort: 'ttm',
      numeric: true,
      cell: (row) => formatMoney(row.ttm, lang, workspace.currency),
    },
    { key: 'score', header: t('col.score'), sort: 'score', numeric: true, cell: (row) => formatDecimal(row.score, lang) },
    {
      key: 'category',
      header: t('col.category'),
      cell: (row) => <CategoryBadge category={row.category} label={t(`category.${row.category}`)} />,
    },
    { key: 'quadrant', header: t('col.quadrant'), cell: (row) => t(`quadrant.${row.quadrant}`) },
    {
      key: 'health',
      header: t('col.health'),
      sort: 'health',
      numeric: true,
      cell: (row) =>
        row.health.score === null ? (
          '–'
        ) : (
          <span class={`health health-${row.health.colour}`}>
            <span class="dot" aria-hidden="true" />
            {formatInteger(row.health.score, lang)}
            <span class="visually-hidden"> ({t(`colour.${row.health.colour ?? 'green'}`)})</span>
          </span>
        ),
    },
    {
      key: 'flags',
      header: t('col.flags'),
      cell: (row) => row.flags.map((flag) => t(`flag.${flag}` as MessageKey)).join(', '),
    },
  ];

  const pages = (total: number): number => pageCount(total);
  const current = Math.floor(query.offset / PAGE_SIZE) + 1;

  return (
    <>
      <PageTitle title={t('accounts.title')} />
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="filter filter-search">
          <span>{t('accounts.search')}</span>
          <input
            type="search"
            value={text}
            data-testid="accounts-search"
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
        </label>
        {FILTERS.map((name) => (
          <label class="filter" key={name}>
            <span>{t(FILTER_LABEL[name])}</span>
            <select
              value={query.filters[name] ?? ''}
              data-testid={`filter-${name}`}
              onChange={(e) => go(withFilter(query, name, (e.target as HTMLSelectElement).value))}
            >
              <option value="">{t('accounts.any')}</option>
              {FILTER_VALUES[name].map((value) => (
                <option key={value} value={value}>
                  {valueLabel(name, value, t)}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button
          type="button"
          class="button"
          onClick={() => {
            setText('');
            go({ q: '', filters: {}, sort: query.sort, offset: 0 });
          }}
        >
          {t('accounts.clear')}
        </button>
      </form>
      <div class="toolbar">
        <p class="muted" data-testid="accounts-total" aria-live="polite">
          {page.data ? t('accounts.count', { total: formatInteger(page.data.total, lang) }) : ' '}
        </p>
        <div class="downloads">
          <a class="button" href={downloadUrl('csv', query, asOf)} download data-testid="download-csv">
            {t('accounts.csv')}
          </a>
          <a class="button" href={downloadUrl('xlsx', query, asOf)} download data-testid="download-xlsx">
            {t('accounts.xlsx')}
          </a>
        </div>
      </div>
      <Show loaded={page}>
        {(data) =>
          data.total === 0 ? (
            <Empty>{Object.keys(query.filters).length || query.q ? t('state.noMatch') : t('state.noAccounts')}</Empty>
          ) : (
            <>
              <DataTable
                columns={columns}
                rows={data.accounts}
                rowKey={(row) => row.account_id}
                caption={t('accounts.title')}
                sort={query.sort ?? '-ttm'}
                onSort={(field) => go({ ...query, sort: nextSort(query.sort, field), offset: 0 })}
                testId="accounts-table"
              />
              <nav class="pager" aria-label={t('accounts.page', { page: current, pages: pages(data.total) })}>
                <button
                  type="button"
                  class="button"
                  disabled={query.offset === 0}
                  onClick={() => go({ ...query, offset: Math.max(0, query.offset - PAGE_SIZE) })}
                >
                  {t('accounts.previous')}
                </button>
                <span>{t('accounts.page', { page: current, pages: pages(data.total) })}</span>
                <button
                  type="button"
                  class="button"
                  data-testid="next-page"
                  disabled={query.offset + PAGE_SIZE >= data.total}
                  onClick={() => go({ ...query, offset: query.offset + PAGE_SIZE })}
                >
                  {t('accounts.next')}
                </button>
              </nav>
            </>
          )
        }
      </Show>
    </>
  );
}
