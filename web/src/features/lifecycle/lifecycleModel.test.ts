import { describe, expect, it } from 'vitest';
import type { LifecycleReport } from '../../shared/types';
import { lifecycleChartOption, lifecycleRows, paretoFromSearch, roundShare, searchWithPareto } from './lifecycleModel';

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

describe('the Pareto share in the URL', () => {
  it('reads a share the API takes, else the workspace default', () => {
    const read = (q: string): number => paretoFromSearch(new URLSearchParams(q), 0.8);
    expect(read('')).toBe(0.8);
    expect(read('pareto=0.65')).toBe(0.65);
    expect(read('pareto=1')).toBe(1);
    expect(read('pareto=0.01')).toBe(0.01);
    expect(read('pareto=0')).toBe(0.8);
    expect(read('pareto=1.5')).toBe(0.8);
    expect(read('pareto=abc')).toBe(0.8);
    expect(read('pareto=')).toBe(0.8);
  });
  it('writes it to two decimals, and not at all when it is the default', () => {
    const base = new URLSearchParams('as_of=2026-06-30');
    expect(searchWithPareto(base, 0.8 - 0.05 * 2, 0.8)).toBe('as_of=2026-06-30&pareto=0.7');
    expect(searchWithPareto(new URLSearchParams('as_of=2026-06-30&pareto=0.7'), 0.8, 0.8)).toBe('as_of=2026-06-30');
    expect(roundShare(0.7000000000000001)).toBe(0.7);
    expect(roundShare(0.856)).toBe(0.86);
  });
});
