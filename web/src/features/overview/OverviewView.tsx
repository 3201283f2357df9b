// `/`: the book of business at a glance: NPS with margins, coverage with the blind-flight
// warning, response rate, retention, each with its trend over the last 8 quarter ends;
// churn threats and the revenue at risk.
import type { JSX } from 'preact';
import { ApiError, apiGet } from '../../shared/api';
import { getChurn } from '../../shared/churn';
import {
  formatDate,
  formatDecimal,
  formatInteger,
  formatMoneyRounded,
  formatNps,
  formatPercent,
  type Lang,
} from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { MessageKey } from '../../shared/messages';
import type { ChurnThreats, Summary, SummaryTrend } from '../../shared/types';
import { DataTable, Empty, ErrorState, Kpi, Loading, PageTitle, Show, useApi } from '../../shared/ui';
import { linkTo, useLocation } from '../../app/router';
import type { ViewProps } from '../../app/views';
import {
  COVERAGE_KPIS,
  LOYALTY_KPIS,
  RETENTION_KPIS,
  direction,
  isBlindFlight,
  sparklinePath,
  threatRows,
  trendOf,
  type KpiDefinition,
} from './overviewModel';

const TREND_QUARTERS = 8;
const THREAT_ROWS = 10;

function formatKpi(kpi: KpiDefinition, value: number | null, lang: Lang): string {
  return kpi.kind === 'nps' ? formatNps(value, lang) : formatPercent(value, lang);
}

function Sparkline({
  kpi,
  trend,
}: {
  kpi: KpiDefinition;
  trend: Summary[] | null;
}): JSX.Element | null {
  const { lang, t } = useI18n();
  if (!trend) return <div class="sparkline sparkline-loading" aria-hidden="true" />;
  const points = trendOf(trend, kpi);
  const path = sparklinePath(points, 120, 32, 3);
  const dir = direction(points);
  const good = dir === 'flat' ? 'flat' : (dir === 'up') === kpi.higherIsBetter ? 'good' : 'bad';
  const description = points
    .map((p) => `${formatDate(p.asOf, lang)}: ${formatKpi(kpi, p.value, lang)}`)
    .join('; ');
  return (
    <figure class="sparkline">
      <svg viewBox="0 0 120 32" width="120" height="32" role="img" aria-label={`${t('overview.trend')}: ${description}`}>
        <path d={path} class={`spark spark-${good}`} fill="none" />
      </svg>
      <figcaption class="muted">{t('overview.trend')}</figcaption>
    </figure>
  );
}

function KpiCard({
  kpi,
  summary,
  trend,
}: {
  kpi: KpiDefinition;
  summary: Summary;
  trend: Summary[] | null;
}): JSX.Element {
  const { lang, t } = useI18n();
  const margin = kpi.margin?.(summary);
  return (
    <Kpi
      label={t(`overview.${kpi.id}` as MessageKey)}
      value={formatKpi(kpi, kpi.pick(summary), lang)}
      testId={`kpi-${kpi.id}`}
      detail={
        margin !== undefined && margin !== null
          ? t('overview.margin', { margin: formatDecimal(margin, lang) })
          : undefined
      }
    >
      <Sparkline kpi={kpi} trend={trend} />
    </Kpi>
  );
}

export function OverviewView({ asOf, workspace }: ViewProps): JSX.Element {
  const { lang, t } = useI18n();
  const summary = useApi((signal) => apiGet<Summary>('/metrics/summary', { as_of: asOf }, signal), [asOf]);
  // metrics.md figures as of each of the last 8 quarter ends: the API's summary for each,
  // in one request (GET /metrics/trend).
  const trend = useApi(
    (signal) => apiGet<SummaryTrend>('/metrics/trend', { as_of: asOf, quarters: TREND_QUARTERS }, signal),
    [asOf],
  );
  const trendData = trend.data?.summaries ?? null;

  return (
    <>
      <PageTitle title={t('overview.title')}>
        <p class="muted">{formatDate(asOf, lang)}</p>
      </PageTitle>
      <Show loaded={summary}>
        {(s) =>
          s.accounts.active === 0 ? (
            <Empty>{t('state.noAccounts')}</Empty>
          ) : (
            <>
              <p class="lead" data-testid="active-accounts">
                {t('overview.active', {
                  active: formatInteger(s.accounts.active, lang),
                  total: formatInteger(s.accounts.total, lang),
                })}
                {' · '}
                {t('overview.pareto', {
                  accounts: formatInteger(s.pareto.accounts, lang),
                  revenue: formatMoneyRounded(s.pareto.revenue, lang, workspace.currency),
                })}
              </p>
              <h2>{t('overview.loyalty')}</h2>
              <div class="kpis">
                {LOYALTY_KPIS.map((kpi) => (
                  <KpiCard key={kpi.id} kpi={kpi} summary={s} trend={trendData} />
                ))}
              </div>
              <p class="muted" data-testid="categories">
                {t('overview.categories', {
                  promoter: formatInteger(s.categories.promoter, lang),
                  passive: formatInteger(s.categories.passive, lang),
                  detractor: formatInteger(s.categories.detractor, lang),
                  non_responder: formatInteger(s.categories.non_responder, lang),
                })}
              </p>
              <h2>{t('overview.coverage')}</h2>
              {isBlindFlight(s) && (
                <p class="warning" role="status" data-testid="blind-flight">
                  {t('overview.blindFlight', { share: formatPercent(s.coverage.revenue, lang) })}
                </p>
              )}
              <div class="kpis">
                {COVERAGE_KPIS.map((kpi) => (
                  <KpiCard key={kpi.id} kpi={kpi} summary={s} trend={trendData} />
                ))}
              </div>
              <h2>{t('overview.retention')}</h2>
              <p class="muted">{t('overview.cohort', { cohort: formatInteger(s.retention.cohort, lang) })}</p>
              <div class="kpis">
                {RETENTION_KPIS.map((kpi) => (
                  <KpiCard key={kpi.id} kpi={kpi} summary={s} trend={trendData} />
                ))}
              </div>
              {/* After the trend too: the model's first training must not slow the sparklines. */}
              {trend.data !== null || trend.error !== null ? (
                <Threats asOf={asOf} currency={workspace.currency} />
              ) : (
                <section aria-labelledby="threats-heading" data-testid="threats">
                  <h2 id="threats-heading">{t('overview.churn')}</h2>
                  <Loading />
                </section>
              )}
            </>
          )
        }
      </Show>
    </>
  );
}

// The churn threats: asked for only once the figures and trends above are on the page (the
// model may have to learn first, which takes seconds on a large book; docs/dashboard.md).
function Threats({ asOf, currency }: { asOf: string; currency: string }): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();
  const threats = useApi((signal) => getChurn<ChurnThreats>('/churn/threats', { as_of: asOf }, signal), [asOf]);
  let body: JSX.Element;
  if (threats.error) {
    const error = threats.error;
    // 409: too little history to learn churn from; not an error of the dashboard.
    body =
      error instanceof ApiError && error.status === 409 ? (
        <Empty>{t('churn.noModel', { message: error.message })}</Empty>
      ) : (
        <ErrorState error={error} onRetry={threats.reload} />
      );
  } else if (threats.data === null) {
    body = (
      <div data-testid="threats-loading">
        <Loading />
        <p class="muted small">{t('overview.churnLoading')}</p>
      </div>
    );
  } else {
    const data = threats.data;
    const risk = formatPercent(data.threat_risk, lang, 0);
    body = (
      <>
        <div class="kpis">
          <Kpi
            label={t('overview.threats')}
            value={formatInteger(data.total, lang)}
            testId="kpi-threats"
            tone={data.total > 0 ? 'bad' : undefined}
            detail={t('overview.threatsDetail', { risk })}
          />
          <Kpi
            label={t('overview.revenueAtRisk')}
            value={formatMoneyRounded(data.revenue_at_risk, lang, currency)}
            testId="kpi-revenueAtRisk"
            detail={t('overview.revenueAtRiskDetail')}
          />
        </div>
        {data.threats.length === 0 ? (
          <Empty>{t('overview.noThreats', { risk })}</Empty>
        ) : (
          <DataTable
            caption={t('overview.topThreats')}
            rows={threatRows(data, THREAT_ROWS)}
            rowKey={(r) => r.id}
            testId="threats-table"
            columns={[
              {
                key: 'n',
                header: t('col.account'),
                cell: (r) => <a href={linkTo(`/accounts/${encodeURIComponent(r.id)}`, location.search)}>{r.name}</a>,
              },
              { key: 't', header: t('col.tier'), cell: (r) => r.tier },
              { key: 'r', header: t('churn.risk'), numeric: true, cell: (r) => formatPercent(r.risk, lang, 0) },
              {
                key: 'm',
                header: t('overview.revenueAtRisk'),
                numeric: true,
                cell: (r) => formatMoneyRounded(r.revenueAtRisk, lang, currency),
              },
              { key: 'w', header: t('churn.mainReason'), cell: (r) => r.reason ?? '–' },
            ]}
          />
        )}
        <p class="muted small">
          {t('churn.model', {
            date: formatDate(data.model.trained_as_of, lang),
            auc: formatDecimal(data.model.validation_auc, lang, 2),
          })}
        </p>
      </>
    );
  }
  return (
    <section aria-labelledby="threats-heading" data-testid="threats">
      <h2 id="threats-heading">{t('overview.churn')}</h2>
      {body}
    </section>
  );
}
