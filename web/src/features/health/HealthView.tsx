// `/health`: does the health scorecard predict churn? AUC and verdict, churn by colour,
// and each component's AUC.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { apiGet } from '../../shared/api';
import { Chart } from '../../shared/Chart';
import { formatDate, formatDecimal, formatInteger, formatPercent } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { HealthCheckReport } from '../../shared/types';
import { DataTable, Kpi, PageTitle, Show, useApi } from '../../shared/ui';
import type { ViewProps } from '../../app/views';
import { churnByColourOption, colourRows, componentRows } from './healthModel';

function Health({ report }: { report: HealthCheckReport }): JSX.Element {
  const { lang, t } = useI18n();
  const chart = useMemo(
    () => churnByColourOption(report, (c) => t(`colour.${c}`), (v) => formatPercent(v, lang, 0)),
    [report, lang],
  );
  return (
    <>
      <p class="muted">{t('health.intro', { date: formatDate(report.scored_on, lang) })}</p>
      <div class="kpis">
        <Kpi
          label={t('col.auc')}
          value={formatDecimal(report.auc, lang, 2)}
          testId="health-auc"
          detail={report.verdict}
        />
        <Kpi
          label={t('col.accounts')}
          value={formatInteger(report.accounts, lang)}
          detail={t('health.counts', {
            accounts: formatInteger(report.accounts, lang),
            churned: formatInteger(report.churned, lang),
            unscored: formatInteger(report.unscored, lang),
          })}
        />
      </div>
      <div class="two-columns">
        <section aria-labelledby="by-colour">
          <h2 id="by-colour">{t('health.byColour')}</h2>
          <Chart option={chart} label={t('health.byColour')} height={220} testId="health-chart" />
          <DataTable
            caption={t('health.byColour')}
            rows={colourRows(report)}
            rowKey={(r) => r.colour}
            testId="health-colours"
            columns={[
              { key: 'c', header: t('col.health'), cell: (r) => <span class={`health health-${r.colour}`}><span class="dot" aria-hidden="true" />{t(`colour.${r.colour}`)}</span> },
              { key: 'a', header: t('col.accounts'), numeric: true, cell: (r) => formatInteger(r.accounts, lang) },
              { key: 'ch', header: t('col.churned'), numeric: true, cell: (r) => formatInteger(r.churned, lang) },
              { key: 'r', header: t('col.churnRate'), numeric: true, cell: (r) => formatPercent(r.churnRate, lang) },
            ]}
          />
        </section>
        <section aria-labelledby="by-component">
          <h2 id="by-component">{t('health.byComponent')}</h2>
          <DataTable
            caption={t('health.byComponent')}
            rows={componentRows(report)}
            rowKey={(c) => c.name}
            columns={[
              { key: 'n', header: t('col.component'), cell: (c) => c.name },
              { key: 'a', header: t('col.accounts'), numeric: true, cell: (c) => formatInteger(c.accounts, lang) },
              { key: 'auc', header: t('col.auc'), numeric: true, cell: (c) => formatDecimal(c.auc, lang, 2) },
            ]}
          />
        </section>
      </div>
    </>
  );
}

export function HealthView({ asOf }: ViewProps): JSX.Element {
  const { t } = useI18n();
  const report = useApi((signal) => apiGet<HealthCheckReport>('/reports/health-check', { as_of: asOf }, signal), [asOf]);
  return (
    <>
      <PageTitle title={t('health.title')} />
      <Show loaded={report}>{(data) => <Health report={data} />}</Show>
    </>
  );
}
