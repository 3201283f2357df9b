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

// The Pareto slider (metrics.md: pareto=0.80; the API's `pareto` takes 0.01 to 1). The
// slider moves in steps of 5 points; a share in the URL may be any the API takes.
export const PARETO_MIN = 0.05;
export const PARETO_MAX = 1;
export const PARETO_STEP = 0.05;
const API_MIN = 0.01;

// A share to two decimals (0.7000000000000001 -> 0.7), as the URL and the API get it.
export function roundShare(value: number): number {
  return Math.round(value * 100) / 100;
}

// The share in `?pareto=`, or `fallback` (the workspace's) when it is missing or not a
// share the API takes.
export function paretoFromSearch(search: URLSearchParams, fallback: number): number {
  const text = search.get('pareto');
  if (text === null || text.trim() === '') return fallback;
  const value = Number(text);
  return Number.isFinite(value) && value >= API_MIN && value <= 1 ? roundShare(value) : fallback;
}

// The query string with `pareto` set, or removed when it is the workspace's own share.
export function searchWithPareto(search: URLSearchParams, pareto: number, fallback: number): string {
  const next = new URLSearchParams(search);
  if (roundShare(pareto) === roundShare(fallback)) next.delete('pareto');
  else next.set('pareto', String(roundShare(pareto)));
  return next.toString();
}
