// The accounts table's state lives in the URL (a link shows the same view): filters,
// sort and page. These functions turn the URL into the API's query and back, and build
// the download links of exactly the filtered view. The API sorts, filters and pages.
import { apiUrl } from '../../shared/api';

export const FILTERS = ['tier', 'category', 'quadrant', 'colour', 'flag'] as const;
export type FilterName = (typeof FILTERS)[number];

export const FILTER_VALUES: Record<FilterName, string[]> = {
  tier: ['A', 'B', 'C', 'D'],
  category: ['promoter', 'passive', 'detractor', 'non_responder'],
  quadrant: ['firefighting', 'blind_spot', 'advocate', 'develop', 'grow', 'fix_efficiently', 'monitor'],
  colour: ['green', 'yellow', 'red'],
  flag: ['executive_detractor', 'split_opinion', 'single_threaded', 'champion_left', 'silent', 'overloaded'],
};

// The API's sort fields (docs/api.md); text fields start ascending, figures descending.
export const SORT_FIELDS = ['ttm', 'score', 'health', 'health_change', 'days_since_last', 'name', 'account_id', 'tier'];
const ASCENDING_FIRST = new Set(['name', 'account_id', 'tier']);

export const PAGE_SIZE = 50;

export interface AccountsQuery {
  q: string;
  filters: Partial<Record<FilterName, string>>;
  sort: string | null; // "ttm" or "-ttm"; null: the API's order (Pareto: TTM descending)
  offset: number;
}

export function queryFromSearch(search: URLSearchParams): AccountsQuery {
  const filters: Partial<Record<FilterName, string>> = {};
  for (const name of FILTERS) {
    const value = search.get(name);
    if (value && FILTER_VALUES[name].includes(value)) filters[name] = value;
  }
  const sort = search.get('sort');
  const offset = Number(search.get('offset') ?? '0');
  return {
    q: (search.get('q') ?? '').slice(0, 200),
    filters,
    sort: sort && SORT_FIELDS.includes(sort.replace(/^-/, '')) ? sort : null,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

// The URL query of `query` (with the as-of date), keys in a fixed order.
export function searchFromQuery(query: AccountsQuery, asOf: string | null): string {
  const params = new URLSearchParams();
  if (asOf) params.set('as_of', asOf);
  if (query.q) params.set('q', query.q);
  for (const name of FILTERS) {
    const value = query.filters[name];
    if (value) params.set(name, value);
  }
  if (query.sort) params.set('sort', query.sort);
  if (query.offset > 0) params.set('offset', String(query.offset));
  return params.toString();
}

function filterParams(query: AccountsQuery, asOf: string): Record<string, string | number | undefined> {
  return {
    as_of: asOf,
    q: query.q || undefined,
    ...query.filters,
    sort: query.sort ?? undefined,
  };
}

// GET /api/v1/accounts parameters of one page.
export function pageParams(query: AccountsQuery, asOf: string): Record<string, string | number | undefined> {
  return { ...filterParams(query, asOf), limit: PAGE_SIZE, offset: query.offset };
}

// The download of exactly the filtered, sorted view (every page: downloads are never paged).
export function downloadUrl(kind: 'csv' | 'xlsx', query: AccountsQuery, asOf: string): string {
  return apiUrl(`/accounts.${kind}`, filterParams(query, asOf));
}

// Clicking a column: a new column starts in its natural direction, the same column flips.
export function nextSort(current: string | null, field: string): string {
  const effective = current ?? '-ttm';
  if (effective === field) return `-${field}`;
  if (effective === `-${field}`) return field;
  return ASCENDING_FIRST.has(field) ? field : `-${field}`;
}

export function withFilter(query: AccountsQuery, name: FilterName, value: string): AccountsQuery {
  const filters = { ...query.filters };
  if (value) filters[name] = value;
  else delete filters[name];
  return { ...query, filters, offset: 0 };
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
