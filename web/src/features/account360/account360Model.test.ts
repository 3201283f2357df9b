import { describe, expect, it } from 'vitest';
import type { Account360, ChurnScore, ChurnScores, Stakeholder } from '../../shared/types';
import { churnReasons, churnScoreOf, revenueChartOption, stakeholderColumns, timeline } from './account360Model';

function contact(id: string, role: Stakeholder['role'], category: Stakeholder['category'], left: string | null = null): Stakeholder {
  return {
    contact_id: id,
    name: `Name ${id}`,
    email: null,
    role,
    current: left === null,
    left_on: left,
    score: category === 'promoter' ? 9 : category === 'detractor' ? 3 : category === 'passive' ? 7 : null,
    category,
    trend: null,
  };
}

const view: Account360 = {
  as_of: '2026-06-30',
  account: {
    account_id: 'ACC-1',
    name: 'Muster AG',
    owner: null,
    industry: null,
    region: null,
    acquisition: null,
    created_on: null,
    churned_on: null,
    active: true,
  },
  row: null,
  stakeholders: [
    contact('C3', 'decision_maker', 'promoter'),
    contact('C1', 'decision_maker', 'detractor'),
    contact('C2', 'decision_maker', null, '2026-05-01'),
    contact('C4', 'user', 'passive'),
  ],
  revenue: [
    { month: '2026-05', amount: 1200.5 },
    { month: '2026-06', amount: 990 },
  ],
  responses: [
    { response_id: 'R1', responded_on: '2026-05-15', survey_id: '2026-Q2', score: 3, category: 'detractor', comment: 'zu teuer', drivers: ['price'], contact_id: 'C1' },
  ],
  touchpoints: [
    { occurred_on: '2026-06-13', type: 'support_ticket', contact_id: null },
    { occurred_on: '2026-05-15', type: 'call', contact_id: 'C4' },
  ],
  signals: {},
};

describe('account 360 model', () => {
  it('puts stakeholders in role columns, foes first, those who left last', () => {
    const columns = stakeholderColumns(view.stakeholders);
    expect(columns.map((c) => c.role)).toEqual(['decision_maker', 'influencer', 'user']);
    expect(columns[0].cards.map((c) => [c.id, c.category, c.leftOn])).toEqual([
      ['C1', 'detractor', null],
      ['C3', 'promoter', null],
      ['C2', null, '2026-05-01'],
    ]);
    expect(columns[1].cards).toEqual([]);
    expect(columns[2].cards[0].name).toBe('Name C4');
  });

  it('merges answers and touchpoints newest first with contact names', () => {
    const entries = timeline(view);
    expect(entries.map((e) => [e.date, e.kind, e.contact])).toEqual([
      ['2026-06-13', 'touchpoint', null],
      ['2026-05-15', 'answer', 'Name C1'],
      ['2026-05-15', 'touchpoint', 'Name C4'],
    ]);
    expect(entries[1].comment).toBe('zu teuer');
  });

  it('charts the revenue by month as the API sent it', () => {
    const option = revenueChartOption(view, 'de', 'EUR') as {
      xAxis: { data: string[] };
      series: { data: number[] }[];
    };
    expect(option.xAxis.data).toEqual(['05/26', '06/26']);
    expect(option.series[0].data).toEqual([1200.5, 990]);
  });
});

describe('churn risk', () => {
  const score: ChurnScore = {
    account_id: 'ACC-7',
    name: 'Seven',
    tier: 'B',
    risk: 0.42,
    ttm: 1000,
    revenue_at_risk: 420,
    factors: [
      { feature: 'response_rate', value: 0, contribution: 0.1, text: 'no invitation answered' },
      { feature: 'revenue_trend_3m', value: -0.1, contribution: 0.3, text: 'revenue -10 %' },
    ],
    actions: ['Call the sponsor'],
  };
  const scores: ChurnScores = {
    as_of: '2026-06-30',
    model: { trained_as_of: '2026-06-30', validation_auc: 0.66 },
    total: 1,
    limit: 100,
    offset: 0,
    scores: [score],
  };
  it('finds the account in the answer, or none', () => {
    expect(churnScoreOf(scores, 'ACC-7')).toBe(score);
    expect(churnScoreOf(scores, 'ACC-8')).toBeNull();
    expect(churnScoreOf({ ...scores, total: 0, scores: [] }, 'ACC-7')).toBeNull();
  });
  it('lists the reasons largest first with their share', () => {
    const reasons = churnReasons(score);
    expect(reasons.map((r) => r.text)).toEqual(['revenue -10 %', 'no invitation answered']);
    expect(reasons.map((r) => r.contribution)).toEqual([0.3, 0.1]);
    expect(reasons[0].share).toBeCloseTo(0.75, 12);
    expect(reasons[1].share).toBeCloseTo(0.25, 12);
    expect(churnReasons({ ...score, factors: [] })).toEqual([]);
  });
});
