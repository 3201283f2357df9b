// Client-side routing on the History API: each view has a URL of its own (a link can be
// shared), and the query string holds the view's state (as-of date, filters, sort, page).
// The server answers index.html for every such URL (server/static_site.h).
import { useEffect, useMemo } from 'preact/hooks';
import { createStore, useStore } from '../shared/store';

export type ViewName =
  | 'login'
  | 'overview'
  | 'accounts'
  | 'account'
  | 'matrix'
  | 'drivers'
  | 'lifecycle'
  | 'retention'
  | 'simulator'
  | 'health'
  | 'responses'
  | 'notFound';

export interface Route {
  view: ViewName;
  params: Record<string, string>;
}

const STATIC_VIEWS: Record<string, ViewName> = {
  '/login': 'login',
  '/': 'overview',
  '/accounts': 'accounts',
  '/matrix': 'matrix',
  '/drivers': 'drivers',
  '/lifecycle': 'lifecycle',
  '/retention': 'retention',
  '/simulator': 'simulator',
  '/health': 'health',
  '/responses': 'responses',
};

// "/accounts/ACC-1" -> {view: "account", params: {id: "ACC-1"}}; unknown -> notFound.
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const view = STATIC_VIEWS[path];
  if (view) return { view, params: {} };
  const account = /^\/accounts\/([^/]+)$/.exec(path);
  if (account) {
    try {
      return { view: 'account', params: { id: decodeURIComponent(account[1]) } };
    } catch {
      return { view: 'notFound', params: {} };
    }
  }
  return { view: 'notFound', params: {} };
}

export interface Location {
  pathname: string;
  search: string;
}

function current(): Location {
  return { pathname: window.location.pathname, search: window.location.search };
}

export const locationStore = createStore<Location>(
  typeof window === 'undefined' ? { pathname: '/', search: '' } : current(),
);

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  locationStore.set(current());
  if (!options.replace) window.scrollTo(0, 0);
}

export function useLocation(): Location {
  const location = useStore(locationStore);
  useEffect(() => {
    const onPop = (): void => locationStore.set(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return location;
}

export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return useMemo(() => new URLSearchParams(search), [search]);
}

// The URL of `pathname` keeping the as-of date of the current URL (and adding `extra`).
export function linkTo(pathname: string, search: string, extra: Record<string, string> = {}): string {
  const from = new URLSearchParams(search);
  const to = new URLSearchParams();
  const asOf = from.get('as_of');
  if (asOf) to.set('as_of', asOf);
  for (const [key, value] of Object.entries(extra)) to.set(key, value);
  const query = to.toString();
  return `${pathname}${query ? `?${query}` : ''}`;
}

// Follows a click on an in-app <a> without reloading the page (modified clicks and other
// targets keep the browser's behaviour).
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const href = anchor.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('/api/')) return;
  event.preventDefault();
  navigate(href);
}
