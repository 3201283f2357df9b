import { describe, expect, it } from 'vitest';
import type { MatrixPoints } from '../../shared/types';
import { MIN_TTM, NO_SCORE_Y, accountAt, axisMaxTtm, keyAccountThreshold, matrixChartOption, quadrantAreas, splitByQuadrant } from './matrixChart';

const points: MatrixPoints = {
  as_of: '2026-06-30',
  columns: ['account_id', 'name', 'tier', 'ttm', 'score', 'quadrant'],
  points: [
    ['A1', 'Eins AG', 'A', 500000, 5.5, 'firefighting'],
    ['A2', 'Zwei AG', 'B', 120000, null, 'blind_spot'],
    ['A3', 'Drei AG', 'C', 9000, 9.5, 'grow'],
    ['A4', 'Vier AG', 'D', 0, 8, 'monitor'],
  ],
};
const labels = {
  quadrant: (q: string) => q,
  action: (q: string) => `do ${q}`,
  noScore: 'none',
  ttm: 'TTM',
  score: 'Score',
};

describe('matrix chart', () => {
  it('puts every account in the series of its quadrant, non-responders in the band', () => {
    const series = splitByQuadrant(points);
    expect(series.map((s) => [s.quadrant, s.index.length])).toEqual([
      ['firefighting', 1],
      ['blind_spot', 1],
      ['advocate', 0],
      ['develop', 0],
      ['grow', 1],
      ['fix_efficiently', 0],
      ['monitor', 1],
    ]);
    expect([...series[1].coords]).toEqual([120000, NO_SCORE_Y]);
    expect([...series[1].index]).toEqual([1]);
    expect([...series[6].coords]).toEqual([MIN_TTM, 8]); // TTM 0 on a log axis
    expect([...series[6].index]).toEqual([3]);
  });

  it('finds the account a click hit', () => {
    const series = splitByQuadrant(points);
    expect(accountAt(series, points, 4, 0)).toBe('A3');
    expect(accountAt(series, points, 2, 0)).toBeNull();
  });

  it('starts the key-account quadrants at the smallest tier A or B revenue', () => {
    expect(keyAccountThreshold(points)).toBe(120000);
    expect(axisMaxTtm(points)).toBe(1000000);
    const areas = quadrantAreas(120000, 1000000);
    expect(areas.find((a) => a.quadrant === 'firefighting')).toEqual({ quadrant: 'firefighting', x: [120000, 1000000], y: [0, 7] });
    expect(areas.find((a) => a.quadrant === 'grow')).toEqual({ quadrant: 'grow', x: [1, 120000], y: [9, 10] });
    expect(areas.find((a) => a.quadrant === 'blind_spot')?.y).toEqual([-1.6, -0.4]);
    expect(quadrantAreas(null, 10)).toEqual([]);
  });

  it('uses large mode for many points and a log TTM axis', () => {
    const many: MatrixPoints = { ...points, points: Array.from({ length: 3000 }, (_, i) => [`A${i}`, 'x', 'C', i + 1, 7, 'monitor']) };
    const option = matrixChartOption(many, splitByQuadrant(many), 'de', 'EUR', labels) as {
      xAxis: { type: string };
      series: { large: boolean; data: Float64Array }[];
    };
    expect(option.xAxis.type).toBe('log');
    expect(option.series).toHaveLength(7);
    expect(option.series[6].large).toBe(true);
    expect(option.series[6].data).toHaveLength(6000);
    const small = matrixChartOption(points, splitByQuadrant(points), 'de', 'EUR', labels) as { series: { large: boolean }[] };
    expect(small.series[0].large).toBe(false);
  });
});
