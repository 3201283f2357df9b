import { describe, expect, it } from 'vitest';
import type { ChurnScore, ChurnThreats, Summary } from '../../shared/types';
import { LOYALTY_KPIS, RETENTION_KPIS, direction, isBlindFlight, sparklinePath, threatRows, trendOf } from './overviewModel';

function summary(asOf: string, accountNps: number | null, revenueCoverage: number | null, grr = 0.9): Summary {
  return {
    as_of: asOf,
    accounts: { total: 10, active: 8 },
    contact_nps: 4.3,
    account_nps: accountNps,
    revenue_weighted_nps: -18.4,
    nps_margin: { contact: 2, account: 3.3 },
    coverage: { accounts: 0.87, revenue: revenueCoverage },
    response_rate: 0.368,
    retention: { cohort: 5, logo_churn: 0.068, revenue_churn: 0.053, grr, nrr: 1.169, enc: 0.033, bnc: 0.024, egr: 0.202 },
    pareto: { accounts: 3, revenue: 1000 },
    categories: { promoter: 2, passive: 3, detractor: 1, non_responder: 2 },
  };
}

describe('overview model', () => {
  it('takes each figure from the summary as it is', () => {
    const s = summary('2026-06-30', -14.5, 0.979);
    expect(LOYALTY_KPIS.map((k) => k.pick(s))).toEqual([4.3, -14.5, -18.4]);
    expect(LOYALTY_KPIS[1].margin?.(s)).toBe(3.3);
    expect(RETENTION_KPIS.map((k) => k.pick(s))).toEqual([0.068, 0.053, 0.9, 1.169, 0.202]);
  });

  it('warns of blind flight below half the revenue covered', () => {
    expect(isBlindFlight(summary('2026-06-30', 1, 0.49))).toBe(true);
    expect(isBlindFlight(summary('2026-06-30', 1, 0.5))).toBe(false);
    expect(isBlindFlight(summary('2026-06-30', 1, null))).toBe(false);
  });

  it('orders a trend by date whatever order the answers came in', () => {
    const trend = trendOf(
      [summary('2026-06-30', 3, 1), summary('2025-12-31', 1, 1), summary('2026-03-31', null, 1)],
      LOYALTY_KPIS[1],
    );
    expect(trend).toEqual([
      { asOf: '2025-12-31', value: 1 },
      { asOf: '2026-03-31', value: null },
      { asOf: '2026-06-30', value: 3 },
    ]);
    expect(direction(trend)).toBe('up');
  });

  it('draws a sparkline that breaks at undefined values', () => {
    const path = sparklinePath(
      [
        { asOf: 'a', value: 0 },
        { asOf: 'b', value: 10 },
        { asOf: 'c', value: null },
        { asOf: 'd', value: 5 },
      ],
      32,
      12,
      2,
    );
    // x = 2 + i * 28/3; y = 2 + (1 - (v - 0) / 10) * 8
    expect(path).toBe('M2.0,10.0L11.3,2.0M30.0,6.0');
    expect(sparklinePath([], 10, 10)).toBe('');
    expect(sparklinePath([{ asOf: 'a', value: 7 }], 10, 10)).toBe('M2.0,5.0');
  });
});

describe('threat rows', () => {
  const score = (id: string, revenueAtRisk: number, reasons: string[]): ChurnScore => ({
    account_id: id,
    name: `Name ${id}`,
    tier: 'A',
    risk: 0.61,
    ttm: revenueAtRisk / 0.61,
    revenue_at_risk: revenueAtRisk,
    factors: reasons.map((text, i) => ({ feature: `f${i}`, value: null, contribution: 0.5 - i * 0.1, text })),
    actions: [],
  });
  const threats: ChurnThreats = {
    as_of: '2026-06-30',
    model: { trained_as_of: '2026-06-30', validation_auc: 0.7 },
    total: 3,
    threat_risk: 0.5,
    revenue_at_risk: 600,
    threats: [score('ACC-1', 300, ['revenue -10 %', 'no answer']), score('ACC-2', 200, []), score('ACC-3', 100, ['x'])],
  };
  it('keeps the API order, cuts to the count and names the main reason', () => {
    const rows = threatRows(threats, 2);
    expect(rows.map((r) => r.id)).toEqual(['ACC-1', 'ACC-2']);
    expect(rows[0]).toEqual({ id: 'ACC-1', name: 'Name ACC-1', tier: 'A', risk: 0.61, revenueAtRisk: 300, reason: 'revenue -10 %' });
    expect(rows[1].reason).toBeNull();
    expect(threatRows(threats, 10)).toHaveLength(3);
  });
});
