// The loyalty x revenue matrix as an ECharts scatter: every account a point at (TTM on a
// log scale, account score), non-responders in a band below the scores, one series per
// quadrant (large mode and progressive rendering keep 100,000 points fluid), the quadrants
// shaded and labelled with their action. Pure functions of the API's matrix points.
import type { EChartsCoreOption } from 'echarts/core';
import { formatDecimal, formatMoney, formatMoneyCompact, type Lang } from '../../shared/format';
import { QUADRANTS, type MatrixPoints, type Quadrant } from '../../shared/types';

// Where non-responders are drawn: a band under the 0..10 score scale.
export const NO_SCORE_Y = -1;
// Log axes need a positive value: a TTM below this is drawn at it.
export const MIN_TTM = 1;
// metrics.md, Account score: promoter >= 9, passive >= 7, detractor below.
const PASSIVE_FROM = 7;
const PROMOTER_FROM = 9;

export const QUADRANT_COLOURS: Record<Quadrant, string> = {
  firefighting: '#c0392b',
  blind_spot: '#7d3c98',
  advocate: '#1e8449',
  develop: '#2458a6',
  grow: '#58a55c',
  fix_efficiently: '#d68910',
  monitor: '#8a919e',
};

export interface MatrixSeries {
  quadrant: Quadrant;
  // x (TTM, at least MIN_TTM) and y (score or NO_SCORE_Y) of each point, interleaved: a
  // typed array ECharts draws in large mode without converting 100,000 small arrays.
  coords: Float64Array;
  // The index into the API's points of each point of this series.
  index: Int32Array;
}

export function splitByQuadrant(points: MatrixPoints): MatrixSeries[] {
  const counts = new Map<Quadrant, number>(QUADRANTS.map((q) => [q, 0]));
  for (const p of points.points) counts.set(p[5], (counts.get(p[5]) ?? 0) + 1);
  const series = QUADRANTS.map((quadrant) => ({
    quadrant,
    coords: new Float64Array(2 * (counts.get(quadrant) ?? 0)),
    index: new Int32Array(counts.get(quadrant) ?? 0),
    filled: 0,
  }));
  const slot = new Map(series.map((s) => [s.quadrant, s]));
  points.points.forEach((p, i) => {
    const s = slot.get(p[5]);
    if (!s) return;
    s.coords[2 * s.filled] = Math.max(p[3], MIN_TTM);
    s.coords[2 * s.filled + 1] = p[4] ?? NO_SCORE_Y;
    s.index[s.filled] = i;
    s.filled += 1;
  });
  return series.map(({ quadrant, coords, index }) => ({ quadrant, coords, index }));
}

// The TTM from which an account is a key account (tier A or B): the smallest TTM of one;
// null when there is none.
export function keyAccountThreshold(points: MatrixPoints): number | null {
  let threshold: number | null = null;
  for (const [, , tier, ttm] of points.points) {
    if ((tier === 'A' || tier === 'B') && (threshold === null || ttm < threshold)) threshold = ttm;
  }
  return threshold;
}

export interface MatrixLabels {
  quadrant: (q: Quadrant) => string;
  action: (q: Quadrant) => string;
  noScore: string;
  ttm: string;
  score: string;
}

// The right end of the log TTM axis: the next power of ten above the largest TTM.
export function axisMaxTtm(points: MatrixPoints): number {
  let largest = MIN_TTM;
  for (const p of points.points) largest = Math.max(largest, p[3]);
  return 10 ** Math.ceil(Math.log10(largest * 1.0001));
}

// The rectangles of the quadrants: key accounts from the threshold to the axis end, the
// others from the axis start to the threshold; non-responders in the band around NO_SCORE_Y.
export function quadrantAreas(
  threshold: number | null,
  axisMax: number,
): { quadrant: Quadrant; x: [number, number]; y: [number, number] }[] {
  if (threshold === null) return [];
  const edge = Math.max(threshold, MIN_TTM);
  const key: [number, number] = [edge, axisMax];
  const rest: [number, number] = [MIN_TTM, edge];
  const band: [number, number] = [NO_SCORE_Y - 0.6, NO_SCORE_Y + 0.6];
  return [
    { quadrant: 'firefighting', x: key, y: [0, PASSIVE_FROM] },
    { quadrant: 'develop', x: key, y: [PASSIVE_FROM, PROMOTER_FROM] },
    { quadrant: 'advocate', x: key, y: [PROMOTER_FROM, 10] },
    { quadrant: 'blind_spot', x: key, y: band },
    { quadrant: 'fix_efficiently', x: rest, y: [0, PASSIVE_FROM] },
    { quadrant: 'monitor', x: rest, y: [PASSIVE_FROM, PROMOTER_FROM] },
    { quadrant: 'grow', x: rest, y: [PROMOTER_FROM, 10] },
  ];
}

export function matrixChartOption(
  points: MatrixPoints,
  series: MatrixSeries[],
  lang: Lang,
  currency: string,
  labels: MatrixLabels,
): EChartsCoreOption {
  const axisMax = axisMaxTtm(points);
  const areas = quadrantAreas(keyAccountThreshold(points), axisMax);
  const large = points.points.length > 2000;
  return {
    animation: false,
    grid: { left: 92, right: 24, top: 24, bottom: 72 },
    legend: { bottom: 0, textStyle: { color: '#1f2430' } },
    tooltip: {
      trigger: 'item',
      renderMode: 'richText',
      formatter: (item: { seriesIndex: number; dataIndex: number }) => {
        const p = points.points[series[item.seriesIndex]?.index[item.dataIndex] ?? -1];
        if (!p) return '';
        const score = p[4] === null ? labels.noScore : formatDecimal(p[4], lang);
        return `${p[1]} (${p[0]})\n${labels.ttm}: ${formatMoney(p[3], lang, currency)}\n${labels.score}: ${score}\n${labels.quadrant(p[5])}`;
      },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    xAxis: {
      type: 'log',
      name: labels.ttm,
      nameLocation: 'middle',
      nameGap: 26,
      min: MIN_TTM,
      max: axisMax,
      axisLabel: { color: '#3d4451', formatter: (v: number) => formatMoneyCompact(v, lang, currency) },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: labels.score,
      min: -2,
      max: 10,
      interval: 1,
      axisLabel: {
        color: '#3d4451',
        formatter: (v: number) => (v === -1 ? labels.noScore : v < 0 ? '' : String(v)),
      },
      splitLine: { show: false },
    },
    series: series.map((s, i) => ({
      type: 'scatter',
      name: labels.quadrant(s.quadrant),
      data: s.coords,
      dimensions: ['x', 'y'],
      symbolSize: large ? 3 : 7,
      large,
      largeThreshold: 2000,
      progressive: 20000,
      progressiveThreshold: 20000,
      itemStyle: { color: QUADRANT_COLOURS[s.quadrant], opacity: 0.8 },
      emphasis: { scale: 1.8 },
      ...(i === 0 && areas.length > 0
        ? {
            markArea: {
              silent: true,
              label: {
                color: '#1f2430',
                fontSize: 11,
                lineHeight: 14,
                position: 'insideTopLeft',
                width: 210,
                overflow: 'break',
                formatter: (p: { name: string }) => p.name,
              },
              data: areas.map((a) => [
                {
                  name: `${labels.quadrant(a.quadrant)}: ${labels.action(a.quadrant)}`,
                  xAxis: a.x[0],
                  yAxis: a.y[0],
                  itemStyle: { color: QUADRANT_COLOURS[a.quadrant], opacity: 0.07 },
                },
                { xAxis: a.x[1], yAxis: a.y[1] },
              ]),
            },
          }
        : {}),
    })),
  };
}

// The account a click on (series, data index) hit.
export function accountAt(series: MatrixSeries[], points: MatrixPoints, seriesIndex: number, dataIndex: number): string | null {
  const index = series[seriesIndex]?.index[dataIndex];
  return index === undefined ? null : (points.points[index]?.[0] ?? null);
}
