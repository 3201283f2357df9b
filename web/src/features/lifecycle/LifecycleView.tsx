// `/lifecycle`: the categories of key accounts (the Pareto set) beside the rest, and the
// contacts whose answers climbed or fell. A slider sets the Pareto share; the API answers
// the lifecycle of that set 250 ms after the slider rests (the URL keeps the share).
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { apiGet } from '../../shared/api';
import { Chart } from '../../shared/Chart';
import { formatInteger, formatMoney, formatMoneyCompact, formatPercent } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { LifecycleReport } from '../../shared/types';
import { CategoryBadge, DataTable, Kpi, PageTitle, Show, useApi } from '../../shared/ui';
import { navigate, useLocation } from '../../app/router';
import type { ViewProps } from '../../app/views';
import {
  PARETO_MAX,
  PARETO_MIN,
  PARETO_STEP,
  lifecycleChartOption,
  lifecycleRows,
  paretoFromSearch,
  roundShare,
  searchWithPareto,
} from './lifecycleModel';

const DEBOUNCE_MS = 250;
// metrics.md's default when the server does not say the workspace's own.
const DEFAULT_PARETO = 0.8;

function Lifecycle({ report, currency }: { report: LifecycleReport; currency: string }): JSX.Element {
  const { lang, t } = useI18n();
  const chart = useMemo(
    () =>
      lifecycleChartOption(
        report,
        { inside: t('lifecycle.inside'), outside: t('lifecycle.outside'), category: (c) => t(`category.${c}`) },
        (v) => formatMoneyCompact(v, lang, currency),
      ),
    [report, lang],
  );
  const money = (v: number): string => formatMoney(v, lang, currency);
  return (
    <>
      <Chart option={chart} label={`${t('lifecycle.inside')} / ${t('lifecycle.outside')}`} height={220} testId="lifecycle-chart" />
      <DataTable
        caption={t('lifecycle.title')}
        rows={lifecycleRows(report)}
        rowKey={(r) => r.category}
        testId="lifecycle-table"
        columns={[
          { key: 'category', header: t('col.category'), cell: (r) => <CategoryBadge category={r.category} label={t(`category.${r.category}`)} /> },
          { key: 'ia', header: `${t('lifecycle.inside')}: ${t('col.accounts')}`, numeric: true, cell: (r) => formatInteger(r.insideAccounts, lang) },
          { key: 'it', header: `${t('lifecycle.inside')}: ${t('col.ttm')}`, numeric: true, cell: (r) => money(r.insideTtm) },
          { key: 'oa', header: `${t('lifecycle.outside')}: ${t('col.accounts')}`, numeric: true, cell: (r) => formatInteger(r.outsideAccounts, lang) },
          { key: 'ot', header: `${t('lifecycle.outside')}: ${t('col.ttm')}`, numeric: true, cell: (r) => money(r.outsideTtm) },
        ]}
      />
      <h2>{t('lifecycle.movement')}</h2>
      <div class="kpis">
        {(['climbers', 'fallers', 'steady'] as const).map((group) => (
          <Kpi
            key={group}
            label={t(`lifecycle.${group}`)}
            value={t('lifecycle.contacts', { count: formatInteger(report[group].contacts, lang) })}
            detail={`${t('col.ttm')}: ${money(report[group].ttm)}`}
            testId={`lifecycle-${group}`}
            tone={group === 'climbers' ? 'good' : group === 'fallers' ? 'bad' : undefined}
          />
        ))}
      </div>
    </>
  );
}

export function LifecycleView({ asOf, workspace }: ViewProps): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();
  const fallback = workspace.pareto ?? DEFAULT_PARETO;
  const [pareto, setPareto] = useState(() => paretoFromSearch(new URLSearchParams(location.search), fallback));
  const [asked, setAsked] = useState(pareto);

  // The API is asked once the slider rests; the URL keeps the share.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setAsked(pareto);
      const search = searchWithPareto(new URLSearchParams(window.location.search), pareto, fallback);
      navigate(`/lifecycle${search ? `?${search}` : ''}`, { replace: true });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [pareto]);

  const report = useApi(
    (signal) =>
      apiGet<LifecycleReport>(
        '/reports/lifecycle',
        { as_of: asOf, pareto: asked === fallback ? undefined : asked },
        signal,
      ),
    [asOf, asked],
  );
  const share = formatPercent(pareto, lang, 0);
  return (
    <>
      <PageTitle title={t('lifecycle.title')} />
      <form class="sliders" onSubmit={(e) => e.preventDefault()}>
        <div class="slider">
          <label for="pareto-share">{t('lifecycle.pareto', { share })}</label>
          <input
            id="pareto-share"
            type="range"
            min={PARETO_MIN}
            max={PARETO_MAX}
            step={PARETO_STEP}
            value={pareto}
            data-testid="pareto-slider"
            aria-valuetext={share}
            aria-describedby="pareto-hint"
            onInput={(e) => setPareto(roundShare(Number((e.target as HTMLInputElement).value)))}
          />
          <p id="pareto-hint" class="muted small">
            {t('lifecycle.paretoHint')}
          </p>
        </div>
      </form>
      <Show loaded={report}>{(data) => <Lifecycle report={data} currency={workspace.currency} />}</Show>
    </>
  );
}
