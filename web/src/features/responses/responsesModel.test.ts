import { describe, expect, it } from 'vitest';
import type { ResponsesReport } from '../../shared/types';
import { roleRows, waveChartOption } from './responsesModel';

const report: ResponsesReport = {
  as_of: '2026-06-30',
  total: 0,
  limit: 100,
  offset: 0,
  overall: { sent: 2867, answered: 1056, rate: 0.368 },
  by_wave: [
    { survey_id: '2023-Q3', first_sent: '2023-08-10', sent: 356, answered: 120, rate: 0.337 },
    { survey_id: '2023-Q4', first_sent: '2023-11-10', sent: 392, answered: 133, rate: 0.339 },
  ],
  by_role: {
    decision_maker: { sent: 658, answered: 201, rate: 0.305 },
    influencer: { sent: 992, answered: 345, rate: 0.348 },
    user: { sent: 1217, answered: 510, rate: 0.419 },
  },
  by_account: [],
  never_answering: { accounts: 0, ttm: 0, list: [] },
};

describe('responses model', () => {
  it('lists the roles in order with the API rates', () => {
    expect(roleRows(report).map((r) => [r.role, r.sent, r.rate])).toEqual([
      ['decision_maker', 658, 0.305],
      ['influencer', 992, 0.348],
      ['user', 1217, 0.419],
    ]);
  });
  it('charts the rate of each wave', () => {
    const option = waveChartOption(report, String) as { xAxis: { data: string[] }; series: { data: number[] }[] };
    expect(option.xAxis.data).toEqual(['2023-Q3', '2023-Q4']);
    expect(option.series[0].data).toEqual([0.337, 0.339]);
  });
});
