// The drivers report as two rankings side by side: by NPS (worst first) and by the revenue
// of detractors naming the driver. The API sends both orders; these functions only follow them.
import type { EChartsCoreOption } from 'echarts/core';
import { formatMoneyCompact, formatNps, type Lang } from '../../shared/format';
import type { DriverRow, DriversReport } from '../../shared/types';

// The drivers in the order of `priority` (names the API listed); drivers it did not list follow.
export function orderedDrivers(report: DriversReport, priority: string[]): DriverRow[] {
  const byName = new Map(report.drivers.map((d) => [d.driver, d]));
  const listed = priority.map((name) => byName.get(name)).filter((d): d is DriverRow => d !== undefined);
  const rest = report.drivers.filter((d) => !priority.includes(d.driver));
  return [...listed, ...rest];
}

// A horizontal bar chart of one figure per driver, the first priority on top.
export function driverBarOption(
  rows: DriverRow[],
  figure: 'nps' | 'detractor_revenue',
  lang: Lang,
  currency: string,
): EChartsCoreOption {
  const top = [...rows].reverse(); // ECharts draws the first category at the bottom
  const format = (v: number): string =>
    figure === 'nps' ? formatNps(v, lang) : formatMoneyCompact(v, lang, currency);
  return {
    animation: false,
    grid: { left: 140, right: 48, top: 8, bottom: 24 },
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v: number) => format(v) },
    xAxis: { type: 'value', axisLabel: { color: '#3d4451', formatter: format } },
    yAxis: { type: 'category', data: top.map((d) => d.driver), axisLabel: { color: '#1f2430' } },
    series: [
      {
        type: 'bar',
        data: top.map((d) => (figure === 'nps' ? d.nps : d.detractor_revenue)),
        itemStyle: { color: figure === 'nps' ? '#2458a6' : '#c0392b' },
        label: { show: true, position: 'right', color: '#1f2430', formatter: (p: { value: number }) => format(p.value) },
      },
    ],
  };
}
