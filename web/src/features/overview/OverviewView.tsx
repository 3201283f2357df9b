// `/`: the book of business at a glance: NPS with margins, coverage with the blind-flight
// warning, response rate, retention, each with its trend over the last 8 quarter ends.
import type { JSX } from 'preact';
import { apiGet } from '../../shared/api';
import { lastQuarterEnds } from '../../shared/dates';
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
import type { Summary } from '../../shared/types';
import { Empty, Kpi, PageTitle, Show, useApi } from '../../shared/ui';
import type { ViewProps } from '../../app/views';
import {
  COVERAGE_KPIS,
  LOYALTY_KPIS,
  RETENTION_KPIS,
  direction,
  isBlindFlight,
  sparklinePath,
  trendOf,
  type KpiDefinition,
} from './overviewModel';

const TREND_QUARTERS = 8;

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
  // metrics.md figures as of each of the last 8 quarter ends: the API's summary for each.
  const trend = useApi(
    (signal) =>
      Promise.all(
        lastQuarterEnds(asOf, TREND_QUARTERS).map((date) =>
          apiGet<Summary>('/metrics/summary', { as_of: date }, signal),
        ),
      ),
    [asOf],
  );
  const trendData = trend.data;

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
            </>
          )
        }
      </Show>
    </>
  );
}
