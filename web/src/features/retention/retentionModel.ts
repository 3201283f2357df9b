// Retention by segment: rows per segment value and a chart of logo churn beside revenue
// churn. Pure functions of the API's retention report.
import type { EChartsCoreOption } from 'echarts/core';
import type { Retention, RetentionReport } from '../../shared/types';

export const SEGMENTS = ['industry', 'region', 'owner', 'prior_category'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface SegmentRow extends Retention {
  value: string;
}

// The segment's values, largest cohort first (ties by name).
export function segmentRows(report: RetentionReport, segment: Segment): SegmentRow[] {
  const values = report.segments[segment] ?? {};
  return Object.entries(values)
    .map(([value, retention]) => ({ value, ...retention }))
    .sort((a, b) => b.cohort - a.cohort || a.value.localeCompare(b.value));
}

export function segmentFromSearch(search: URLSearchParams): Segment {
  const value = search.get('segment');
  return (SEGMENTS as readonly string[]).includes(value ?? '') ? (value as Segment) : 'industry';
}

// Logo churn beside revenue churn for each segment value (as percentages of the API's fractions).
export function churnChartOption(
  rows: SegmentRow[],
  labels: { logo: string; revenue: string },
  formatPercent: (v: number) => string,
): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 16, bottom: 88 },
    legend: { bottom: 0, textStyle: { color: '#1f2430' } },
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v: number) => formatPercent(v) },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.value),
      axisLabel: { color: '#1f2430', rotate: 30, interval: 0 },
    },
    yAxis: { type: 'value', axisLabel: { color: '#3d4451', formatter: (v: number) => formatPercent(v) } },
    series: [
      { type: 'bar', name: labels.logo, data: rows.map((r) => r.logo_churn), itemStyle: { color: '#2458a6' } },
      { type: 'bar', name: labels.revenue, data: rows.map((r) => r.revenue_churn), itemStyle: { color: '#c0392b' } },
    ],
  };
}
