import { describe, expect, it } from 'vitest';
import type { DriversReport } from '../../shared/types';
import { driverBarOption, orderedDrivers } from './driversModel';

const report: DriversReport = {
  as_of: '2026-06-30',
  drivers: [
    { driver: 'billing', mentions: 100, promoter: 7, passive: 39, detractor: 54, nps: -47, detractor_revenue: 769355.5 },
    { driver: 'price', mentions: 172, promoter: 26, passive: 86, detractor: 60, nps: -19.8, detractor_revenue: 442788.6 },
    { driver: 'support', mentions: 212, promoter: 58, passive: 80, detractor: 74, nps: -7.5, detractor_revenue: 712537.5 },
  ],
  priority_by_nps: ['support', 'price', 'billing'],
  priority_by_revenue: ['billing', 'support'],
};

describe('drivers model', () => {
  it('follows the API priority and keeps unlisted drivers after it', () => {
    expect(orderedDrivers(report, report.priority_by_nps).map((d) => d.driver)).toEqual(['support', 'price', 'billing']);
    expect(orderedDrivers(report, report.priority_by_revenue).map((d) => d.driver)).toEqual(['billing', 'support', 'price']);
  });

  it('draws the first priority on top with the API figures', () => {
    const option = driverBarOption(orderedDrivers(report, report.priority_by_revenue), 'detractor_revenue', 'de', 'EUR') as {
      yAxis: { data: string[] };
      series: { data: number[] }[];
    };
    expect(option.yAxis.data).toEqual(['price', 'support', 'billing']);
    expect(option.series[0].data).toEqual([442788.6, 712537.5, 769355.5]);
  });
});
