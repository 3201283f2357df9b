// `/retention`: logo churn against revenue churn, GRR, NRR and earned growth for the book
// and by segment (industry, region, owner, category a year ago).
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { apiGet } from '../../shared/api';
import { Chart } from '../../shared/Chart';
import { formatInteger, formatPercent } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { MessageKey } from '../../shared/messages';
import type { RetentionReport } from '../../shared/types';
import { DataTable, Empty, Kpi, PageTitle, Show, useApi } from '../../shared/ui';
import { navigate, useLocation } from '../../app/router';
import type { ViewProps } from '../../app/views';
import { SEGMENTS, churnChartOption, segmentFromSearch, segmentRows, type Segment } from './retentionModel';

const FIGURES = [
  ['logo_churn', 'overview.logoChurn'],
  ['revenue_churn', 'overview.revenueChurn'],
  ['grr', 'overview.grr'],
  ['nrr', 'overview.nrr'],
  ['egr', 'overview.egr'],
] as const;

function Retention({ report, segment }: { report: RetentionReport; segment: Segment }): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();
  const rows = useMemo(() => segmentRows(report, segment), [report, segment]);
  const pct = (v: number | null): string => formatPercent(v, lang);
  const chart = useMemo(
    () => churnChartOption(rows, { logo: t('overview.logoChurn'), revenue: t('overview.revenueChurn') }, (v) => formatPercent(v, lang, 0)),
    [rows, lang],
  );
  const choose = (next: Segment): void => {
    const params = new URLSearchParams(location.search);
    params.set('segment', next);
    navigate(`/retention?${params.toString()}`, { replace: true });
  };
  return (
    <>
      <div class="kpis">
        {FIGURES.map(([key, label]) => (
          <Kpi key={key} label={t(label)} value={pct(report[key])} testId={`retention-${key}`} />
        ))}
      </div>
      <p class="muted">{t('overview.cohort', { cohort: formatInteger(report.cohort, lang) })}</p>
      <div class="segment-switch" role="group" aria-label={t('col.segment')}>
        {SEGMENTS.map((s) => (
          <button key={s} type="button" class="button" aria-pressed={s === segment} onClick={() => choose(s)}>
            {t(`retention.segment.${s}` as MessageKey)}
          </button>
        ))}
      </div>
      <h2>
        {t('retention.churn')} · {t('retention.bySegment', { segment: t(`retention.segment.${segment}` as MessageKey) })}
      </h2>
      {rows.length === 0 ? (
        <Empty>{t('state.empty')}</Empty>
      ) : (
        <>
          <Chart option={chart} label={t('retention.churn')} height={300} testId="retention-chart" />
          <DataTable
            caption={t('retention.bySegment', { segment: t(`retention.segment.${segment}` as MessageKey) })}
            rows={rows}
            rowKey={(r) => r.value}
            testId="retention-table"
            columns={[
              { key: 'value', header: t('col.segment'), cell: (r) => r.value },
              { key: 'cohort', header: t('col.cohort'), numeric: true, cell: (r) => formatInteger(r.cohort, lang) },
              ...FIGURES.map(([key, label]) => ({ key, header: t(label), numeric: true, cell: (r: (typeof rows)[number]) => pct(r[key]) })),
            ]}
          />
        </>
      )}
    </>
  );
}

export function RetentionView({ asOf }: ViewProps): JSX.Element {
  const { t } = useI18n();
  const location = useLocation();
  const segment = segmentFromSearch(new URLSearchParams(location.search));
  const report = useApi((signal) => apiGet<RetentionReport>('/reports/retention', { as_of: asOf }, signal), [asOf]);
  return (
    <>
      <PageTitle title={t('retention.title')}>
        <p class="muted">{t('retention.intro')}</p>
      </PageTitle>
      <Show loaded={report}>{(data) => <Retention report={data} segment={segment} />}</Show>
    </>
  );
}
