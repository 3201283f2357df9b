import { describe, expect, it } from 'vitest';
import type { LifecycleReport } from '../../shared/types';
import { lifecycleChartOption, lifecycleRows } from './lifecycleModel';

const cell = (accounts: number, ttm: number): { accounts: number; ttm: number } => ({ accounts, ttm });
const report: LifecycleReport = {
  as_of: '2026-06-30',
  pareto: { promoter: cell(1, 87417.66), passive: cell(25, 6313624.8), detractor: cell(6, 1476420.18), non_responder: cell(0, 0) },
  rest: { promoter: cell(36, 317060.87), passive: cell(115, 1060958.64), detractor: cell(55, 472702.79), non_responder: cell(25, 102971.72) },
  climbers: { contacts: 148, ttm: 7890080.8 },
  fallers: { contacts: 98, ttm: 7447025.89 },
  steady: { contacts: 163, ttm: 6022643.7 },
};

describe('lifecycle model', () => {
  it('puts each category of key accounts beside the rest', () => {
    expect(lifecycleRows(report)[2]).toEqual({
      category: 'detractor',
      insideAccounts: 6,
      insideTtm: 1476420.18,
      outsideAccounts: 55,
      outsideTtm: 472702.79,
    });
  });

  it('stacks the revenue of each category', () => {
    const option = lifecycleChartOption(report, { inside: 'in', outside: 'out', category: (c) => c }, String) as {
      yAxis: { data: string[] };
      series: { name: string; data: number[] }[];
    };
    expect(option.yAxis.data).toEqual(['out', 'in']);
    expect(option.series.map((s) => s.name)).toEqual(['promoter', 'passive', 'detractor', 'non_responder']);
    expect(option.series[1].data).toEqual([1060958.64, 6313624.8]);
  });
});
