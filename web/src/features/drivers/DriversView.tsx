// `/drivers`: what customers name, ranked by NPS beside ranked by revenue at risk.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { apiGet } from '../../shared/api';
import { Chart } from '../../shared/Chart';
import { formatInteger, formatMoney, formatNps } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { DriversReport } from '../../shared/types';
import { DataTable, Empty, PageTitle, Show, useApi } from '../../shared/ui';
import type { ViewProps } from '../../app/views';
import { driverBarOption, orderedDrivers } from './driversModel';

function Drivers({ report, currency }: { report: DriversReport; currency: string }): JSX.Element {
  const { lang, t } = useI18n();
  const byNps = useMemo(() => orderedDrivers(report, report.priority_by_nps), [report]);
  const byRevenue = useMemo(() => orderedDrivers(report, report.priority_by_revenue), [report]);
  const npsChart = useMemo(() => driverBarOption(byNps, 'nps', lang, currency), [byNps, lang]);
  const revenueChart = useMemo(() => driverBarOption(byRevenue, 'detractor_revenue', lang, currency), [byRevenue, lang]);
  if (report.drivers.length === 0) return <Empty>{t('state.empty')}</Empty>;
  const height = 40 + report.drivers.length * 32;
  return (
    <>
      <div class="two-columns">
        <section aria-labelledby="by-nps">
          <h2 id="by-nps">{t('drivers.byNps')}</h2>
          <Chart option={npsChart} label={t('drivers.byNps')} height={height} testId="drivers-nps" />
        </section>
        <section aria-labelledby="by-revenue">
          <h2 id="by-revenue">{t('drivers.byRevenue')}</h2>
          <Chart option={revenueChart} label={t('drivers.byRevenue')} height={height} testId="drivers-revenue" />
        </section>
      </div>
      <h2>{t('drivers.all')}</h2>
      <DataTable
        caption={t('drivers.all')}
        rows={byNps}
        rowKey={(d) => d.driver}
        testId="drivers-table"
        columns={[
          { key: 'driver', header: t('col.driver'), cell: (d) => d.driver },
          { key: 'mentions', header: t('col.mentions'), numeric: true, cell: (d) => formatInteger(d.mentions, lang) },
          { key: 'promoter', header: t('category.promoter'), numeric: true, cell: (d) => formatInteger(d.promoter, lang) },
          { key: 'passive', header: t('category.passive'), numeric: true, cell: (d) => formatInteger(d.passive, lang) },
          { key: 'detractor', header: t('category.detractor'), numeric: true, cell: (d) => formatInteger(d.detractor, lang) },
          { key: 'nps', header: t('col.nps'), numeric: true, cell: (d) => formatNps(d.nps, lang) },
          { key: 'revenue', header: t('col.detractorRevenue'), numeric: true, cell: (d) => formatMoney(d.detractor_revenue, lang, currency) },
        ]}
      />
    </>
  );
}

export function DriversView({ asOf, workspace }: ViewProps): JSX.Element {
  const { t } = useI18n();
  const report = useApi((signal) => apiGet<DriversReport>('/reports/drivers', { as_of: asOf }, signal), [asOf]);
  return (
    <>
      <PageTitle title={t('drivers.title')}>
        <p class="muted">{t('drivers.intro')}</p>
      </PageTitle>
      <Show loaded={report}>{(data) => <Drivers report={data} currency={workspace.currency} />}</Show>
    </>
  );
}
