import { describe, expect, it } from 'vitest';
import type { Retention, RetentionReport } from '../../shared/types';
import { churnChartOption, segmentFromSearch, segmentRows } from './retentionModel';

const r = (cohort: number, logo: number, revenue: number): Retention => ({
  cohort,
  logo_churn: logo,
  revenue_churn: revenue,
  grr: 0.9,
  nrr: 1.1,
  enc: 0,
  bnc: 0,
  egr: 0.1,
});
const report: RetentionReport = {
  as_of: '2026-06-30',
  ...r(30, 0.06, 0.02),
  segments: {
    industry: { Energy: r(11, 0, 0), Automotive: r(10, 0.1, 0.05), Chemicals: r(11, 0.2, 0.01) },
    region: {},
  },
};

describe('retention model', () => {
  it('lists segment values by cohort size, then name', () => {
    expect(segmentRows(report, 'industry').map((row) => [row.value, row.cohort])).toEqual([
      ['Chemicals', 11],
      ['Energy', 11],
      ['Automotive', 10],
    ]);
    expect(segmentRows(report, 'owner')).toEqual([]);
  });

  it('reads the segment from the URL', () => {
    expect(segmentFromSearch(new URLSearchParams('segment=region'))).toBe('region');
    expect(segmentFromSearch(new URLSearchParams('segment=evil'))).toBe('industry');
  });

  it('charts logo churn beside revenue churn', () => {
    const option = churnChartOption(segmentRows(report, 'industry'), { logo: 'L', revenue: 'R' }, String) as {
      series: { name: string; data: number[] }[];
    };
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['L', [0.2, 0, 0.1]],
      ['R', [0.01, 0, 0.05]],
    ]);
  });
});
