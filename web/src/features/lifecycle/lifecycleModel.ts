// The lifecycle report as rows (one per category, key accounts beside the rest) and a
// stacked bar chart of the accounts in each category. Pure functions of the API's report.
import type { EChartsCoreOption } from 'echarts/core';
import { CATEGORIES, type Category, type LifecycleReport } from '../../shared/types';

export const CATEGORY_COLOURS: Record<Category, string> = {
  promoter: '#1e8449',
  passive: '#b9770e',
  detractor: '#c0392b',
  non_responder: '#8a919e',
};

export interface LifecycleRow {
  category: Category;
  insideAccounts: number;
  insideTtm: number;
  outsideAccounts: number;
  outsideTtm: number;
}

export function lifecycleRows(report: LifecycleReport): LifecycleRow[] {
  return CATEGORIES.map((category) => ({
    category,
    insideAccounts: report.pareto[category].accounts,
    insideTtm: report.pareto[category].ttm,
    outsideAccounts: report.rest[category].accounts,
    outsideTtm: report.rest[category].ttm,
  }));
}

// Two bars (key accounts, the rest), each stacked by category, in revenue.
export function lifecycleChartOption(
  report: LifecycleReport,
  labels: { inside: string; outside: string; category: (c: Category) => string },
  formatMoney: (v: number) => string,
): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 180, right: 24, top: 8, bottom: 56 },
    legend: { bottom: 0, textStyle: { color: '#1f2430' } },
    tooltip: { trigger: 'item', renderMode: 'richText', valueFormatter: (v: number) => formatMoney(v) },
    xAxis: { type: 'value', axisLabel: { color: '#3d4451', formatter: (v: number) => formatMoney(v) } },
    yAxis: { type: 'category', data: [labels.outside, labels.inside], axisLabel: { color: '#1f2430' } },
    series: CATEGORIES.map((category) => ({
      type: 'bar',
      stack: 'ttm',
      name: labels.category(category),
      data: [report.rest[category].ttm, report.pareto[category].ttm],
      itemStyle: { color: CATEGORY_COLOURS[category] },
    })),
  };
}
