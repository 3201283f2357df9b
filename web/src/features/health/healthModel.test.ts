import { describe, expect, it } from 'vitest';
import type { HealthCheckReport } from '../../shared/types';
import { churnByColourOption, colourRows, componentRows } from './healthModel';

const report: HealthCheckReport = {
  as_of: '2026-06-30',
  scored_on: '2026-01-01',
  accounts: 245,
  churned: 6,
  unscored: 0,
  auc: 0.54,
  verdict: 'does not separate churners',
  by_colour: {
    green: { accounts: 143, churned: 3, churn_rate: 0.021 },
    yellow: { accounts: 98, churned: 3, churn_rate: 0.031 },
    red: { accounts: 4, churned: 0, churn_rate: 0 },
  },
  by_component: [
    { name: 'loyalty', accounts: 209, auc: 0.56 },
    { name: 'engagement', accounts: 245, auc: null },
    { name: 'support_load', accounts: 245, auc: 0.59 },
  ],
};

describe('health model', () => {
  it('lists the colours green to red with the API churn rates', () => {
    expect(colourRows(report).map((r) => [r.colour, r.accounts, r.churnRate])).toEqual([
      ['green', 143, 0.021],
      ['yellow', 98, 0.031],
      ['red', 4, 0],
    ]);
  });
  it('puts the best separating component first', () => {
    expect(componentRows(report).map((c) => c.name)).toEqual(['support_load', 'loyalty', 'engagement']);
  });
  it('charts churn by colour', () => {
    const option = churnByColourOption(report, (c) => c, String) as { series: { data: { value: number }[] }[] };
    expect(option.series[0].data.map((d) => d.value)).toEqual([0.021, 0.031, 0]);
  });
});
