// The health check: churn by health colour and how well each component separates
// churners (AUC). Pure functions of the API's health-check report.
import type { EChartsCoreOption } from 'echarts/core';
import type { HealthCheckReport } from '../../shared/types';

export const COLOURS = ['green', 'yellow', 'red'] as const;
const COLOUR_HEX = { green: '#1e8449', yellow: '#b9770e', red: '#c0392b' };

export function colourRows(report: HealthCheckReport): { colour: (typeof COLOURS)[number]; accounts: number; churned: number; churnRate: number | null }[] {
  return COLOURS.map((colour) => ({
    colour,
    accounts: report.by_colour[colour].accounts,
    churned: report.by_colour[colour].churned,
    churnRate: report.by_colour[colour].churn_rate,
  }));
}

// Components, the best separator (highest AUC) first; those without an AUC last.
export function componentRows(report: HealthCheckReport): HealthCheckReport['by_component'] {
  return [...report.by_component].sort((a, b) => (b.auc ?? -1) - (a.auc ?? -1) || a.name.localeCompare(b.name));
}

export function churnByColourOption(
  report: HealthCheckReport,
  colourLabel: (c: (typeof COLOURS)[number]) => string,
  formatPercent: (v: number) => string,
): EChartsCoreOption {
  const rows = colourRows(report);
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v: number) => formatPercent(v) },
    xAxis: { type: 'category', data: rows.map((r) => colourLabel(r.colour)), axisLabel: { color: '#1f2430' } },
    yAxis: { type: 'value', axisLabel: { color: '#3d4451', formatter: (v: number) => formatPercent(v) } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({ value: r.churnRate, itemStyle: { color: COLOUR_HEX[r.colour] } })),
      },
    ],
  };
}
