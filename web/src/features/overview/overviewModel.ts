// The overview's figures: which summary values are shown, how, and their trends over the
// last quarter ends. Pure functions of the API's summary objects; nothing is recomputed.
import type { ChurnThreats, Summary } from '../../shared/types';

export type KpiKind = 'nps' | 'percent';

export interface KpiDefinition {
  id: string;
  kind: KpiKind;
  pick: (summary: Summary) => number | null;
  margin?: (summary: Summary) => number | null;
  // Whether a higher value is better (for the trend's colour).
  higherIsBetter: boolean;
}

export const LOYALTY_KPIS: KpiDefinition[] = [
  {
    id: 'contactNps',
    kind: 'nps',
    pick: (s) => s.contact_nps,
    margin: (s) => s.nps_margin.contact,
    higherIsBetter: true,
  },
  {
    id: 'accountNps',
    kind: 'nps',
    pick: (s) => s.account_nps,
    margin: (s) => s.nps_margin.account,
    higherIsBetter: true,
  },
  { id: 'revenueNps', kind: 'nps', pick: (s) => s.revenue_weighted_nps, higherIsBetter: true },
];

export const COVERAGE_KPIS: KpiDefinition[] = [
  { id: 'accountCoverage', kind: 'percent', pick: (s) => s.coverage.accounts, higherIsBetter: true },
  { id: 'revenueCoverage', kind: 'percent', pick: (s) => s.coverage.revenue, higherIsBetter: true },
  { id: 'responseRate', kind: 'percent', pick: (s) => s.response_rate, higherIsBetter: true },
];

export const RETENTION_KPIS: KpiDefinition[] = [
  { id: 'logoChurn', kind: 'percent', pick: (s) => s.retention.logo_churn, higherIsBetter: false },
  { id: 'revenueChurn', kind: 'percent', pick: (s) => s.retention.revenue_churn, higherIsBetter: false },
  { id: 'grr', kind: 'percent', pick: (s) => s.retention.grr, higherIsBetter: true },
  { id: 'nrr', kind: 'percent', pick: (s) => s.retention.nrr, higherIsBetter: true },
  { id: 'egr', kind: 'percent', pick: (s) => s.retention.egr, higherIsBetter: true },
];

// docs/metrics-choices.md: the blind-flight warning shows when revenue coverage is below 50 %.
export const BLIND_FLIGHT_BELOW = 0.5;
export function isBlindFlight(summary: Summary): boolean {
  return summary.coverage.revenue !== null && summary.coverage.revenue < BLIND_FLIGHT_BELOW;
}

export interface TrendPoint {
  asOf: string;
  value: number | null;
}

// The trend of one figure over summaries of several as-of dates, in date order.
export function trendOf(summaries: Summary[], kpi: KpiDefinition): TrendPoint[] {
  return [...summaries]
    .sort((a, b) => (a.as_of < b.as_of ? -1 : a.as_of > b.as_of ? 1 : 0))
    .map((s) => ({ asOf: s.as_of, value: kpi.pick(s) }));
}

// The SVG path of a sparkline through the defined points of `trend`, in a box of
// width x height with `pad` pixels to spare; undefined values break the line.
export function sparklinePath(trend: TrendPoint[], width: number, height: number, pad = 2): string {
  const values = trend.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = trend.length > 1 ? (width - 2 * pad) / (trend.length - 1) : 0;
  let path = '';
  let drawing = false;
  trend.forEach((point, i) => {
    if (point.value === null || !Number.isFinite(point.value)) {
      drawing = false;
      return;
    }
    const x = pad + i * step;
    const y = max === min ? height / 2 : pad + (1 - (point.value - min) / span) * (height - 2 * pad);
    path += `${drawing ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    drawing = true;
  });
  return path;
}

// 'up', 'down' or 'flat' from the first to the last defined value of a trend.
export function direction(trend: TrendPoint[]): 'up' | 'down' | 'flat' {
  const values = trend.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length < 2) return 'flat';
  const first = values[0];
  const last = values[values.length - 1];
  if (Math.abs(last - first) < 1e-9) return 'flat';
  return last > first ? 'up' : 'down';
}

// The overview's churn threats (GET /churn/threats) as table rows: the largest `count` by
// revenue at risk, as the API orders them, each with its main reason (the first factor).
export interface ThreatRow {
  id: string;
  name: string;
  tier: string;
  risk: number;
  revenueAtRisk: number;
  reason: string | null;
}
export function threatRows(threats: ChurnThreats, count: number): ThreatRow[] {
  return threats.threats.slice(0, count).map((s) => ({
    id: s.account_id,
    name: s.name,
    tier: s.tier,
    risk: s.risk,
    revenueAtRisk: s.revenue_at_risk,
    reason: s.factors.length > 0 ? s.factors[0].text : null,
  }));
}
