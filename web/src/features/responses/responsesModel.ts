// Response rates by survey wave and role, and the accounts that never answer. Pure
// functions of the API's responses report.
import type { EChartsCoreOption } from 'echarts/core';
import { ROLES, type ResponsesReport, type Role } from '../../shared/types';

export function roleRows(report: ResponsesReport): { role: Role; sent: number; answered: number; rate: number | null }[] {
  return ROLES.map((role) => ({ role, ...report.by_role[role] }));
}

// The response rate of each wave, oldest first, as the API lists them.
export function waveChartOption(report: ResponsesReport, formatPercent: (v: number) => string): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v: number) => formatPercent(v) },
    xAxis: { type: 'category', data: report.by_wave.map((w) => w.survey_id), axisLabel: { color: '#1f2430' } },
    yAxis: { type: 'value', min: 0, axisLabel: { color: '#3d4451', formatter: (v: number) => formatPercent(v) } },
    series: [{ type: 'line', data: report.by_wave.map((w) => w.rate), itemStyle: { color: '#2458a6' }, symbolSize: 6 }],
  };
}
