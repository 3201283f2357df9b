// `/lifecycle`: the categories of key accounts (the Pareto set) beside the rest, and the
// contacts whose answers climbed or fell.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { apiGet } from '../../shared/api';
import { Chart } from '../../shared/Chart';
import { formatInteger, formatMoney, formatMoneyCompact } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { LifecycleReport } from '../../shared/types';
import { CategoryBadge, DataTable, Kpi, PageTitle, Show, useApi } from '../../shared/ui';
import type { ViewProps } from '../../app/views';
import { lifecycleChartOption, lifecycleRows } from './lifecycleModel';

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
  const { t } = useI18n();
  const report = useApi((signal) => apiGet<LifecycleReport>('/reports/lifecycle', { as_of: asOf }, signal), [asOf]);
  return (
    <>
      <PageTitle title={t('lifecycle.title')} />
      <Show loaded={report}>{(data) => <Lifecycle report={data} currency={workspace.currency} />}</Show>
    </>
  );
}
