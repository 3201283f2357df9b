import { describe, expect, it } from 'vitest';
import { scenarioBody, searchWithShares, sharesFromSearch } from './simulatorModel';

describe('simulator model', () => {
  it('reads the sliders from the URL, bounded to 0..100 % in 5 % steps', () => {
    expect(sharesFromSearch(new URLSearchParams('move=detractor:passive:0.2&move=passive:promoter:7&move=x:y:0.5'))).toEqual([
      0.2, 1, 0, 0,
    ]);
    expect(sharesFromSearch(new URLSearchParams('move=detractor:passive:0.33'))[0]).toBeCloseTo(0.35);
    expect(sharesFromSearch(new URLSearchParams('move=detractor:passive:abc'))[0]).toBe(0);
  });

  it('writes them back beside the other parameters', () => {
    expect(searchWithShares(new URLSearchParams('as_of=2026-06-30&move=a:b:1'), [0.2, 0, 0.05, 0])).toBe(
      'as_of=2026-06-30&move=detractor%3Apassive%3A0.2&move=non_responder%3Apassive%3A0.05',
    );
  });

  it('asks the API for the moves that are set', () => {
    expect(scenarioBody([0.2, 0, 0, 0.1])).toEqual({
      moves: [
        { from: 'detractor', to: 'passive', share: 0.2 },
        { from: 'promoter', to: 'passive', share: 0.1 },
      ],
    });
    expect(scenarioBody([0, 0, 0, 0])).toEqual({ moves: [] });
  });
});
