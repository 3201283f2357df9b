import { describe, expect, it } from 'vitest';
import { downloadUrl, nextSort, pageCount, pageParams, queryFromSearch, searchFromQuery, withFilter } from './accountsQuery';

describe('accounts query', () => {
  it('reads filters, sort and page from the URL and ignores what the API does not know', () => {
    const query = queryFromSearch(
      new URLSearchParams('tier=A&category=detractor&colour=purple&sort=-ttm&offset=100&q=Rhein&x=1'),
    );
    expect(query).toEqual({
      q: 'Rhein',
      filters: { tier: 'A', category: 'detractor' },
      sort: '-ttm',
      offset: 100,
    });
    expect(queryFromSearch(new URLSearchParams('sort=password&offset=-5')).sort).toBeNull();
    expect(queryFromSearch(new URLSearchParams('offset=abc')).offset).toBe(0);
  });

  it('writes the same URL back', () => {
    const search = 'as_of=2026-06-30&q=Rhein&tier=A&category=detractor&sort=-ttm&offset=100';
    expect(searchFromQuery(queryFromSearch(new URLSearchParams(search)), '2026-06-30')).toBe(search);
  });

  it('asks the API for one page and downloads every page of the same view', () => {
    const query = queryFromSearch(new URLSearchParams('tier=A&quadrant=firefighting&sort=-score&offset=50'));
    expect(pageParams(query, '2026-06-30')).toEqual({
      as_of: '2026-06-30',
      q: undefined,
      tier: 'A',
      quadrant: 'firefighting',
      sort: '-score',
      limit: 50,
      offset: 50,
    });
    expect(downloadUrl('csv', query, '2026-06-30')).toBe(
      '/api/v1/accounts.csv?as_of=2026-06-30&tier=A&quadrant=firefighting&sort=-score',
    );
    expect(downloadUrl('xlsx', query, '2026-06-30')).toMatch(/^\/api\/v1\/accounts\.xlsx\?/);
  });

  it('flips the sort of a column and starts figures descending', () => {
    expect(nextSort(null, 'ttm')).toBe('ttm'); // the default order is -ttm
    expect(nextSort('ttm', 'ttm')).toBe('-ttm');
    expect(nextSort('-ttm', 'score')).toBe('-score');
    expect(nextSort('-ttm', 'name')).toBe('name');
  });

  it('goes back to the first page when a filter changes', () => {
    const query = queryFromSearch(new URLSearchParams('tier=A&offset=100'));
    expect(withFilter(query, 'tier', '')).toEqual({ q: '', filters: {}, sort: null, offset: 0 });
    expect(withFilter(query, 'colour', 'red').filters).toEqual({ tier: 'A', colour: 'red' });
    expect(pageCount(0)).toBe(1);
    expect(pageCount(101)).toBe(3);
  });
});
