// The shell: checks the session, sends anonymous visitors to /login, and shows the header,
// the navigation and the view of the URL. Views other than the overview are loaded on
// first use.
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { setUnauthenticatedHandler } from '../shared/api';
import { preloadCharts } from '../shared/Chart';
import { useI18n } from '../shared/i18n';
import { useStore } from '../shared/store';
import { Empty, PageTitle } from '../shared/ui';
import { isIsoDate } from '../shared/dates';
import { LoginView } from '../features/login/LoginView';
import { OverviewView } from '../features/overview/OverviewView';
import { Header } from './Header';
import { lazyView } from './lazy';
import { Nav } from './Nav';
import { matchRoute, navigate, onLinkClick, useLocation, type ViewName } from './router';
import { checkSession, sessionEnded, sessionStore } from './session';
import type { ViewProps } from './views';

// A view with charts: its chunk and ECharts load side by side.
function withCharts<T>(view: Promise<T>): Promise<T> {
  preloadCharts();
  return view;
}

const VIEWS: Partial<Record<ViewName, ((props: ViewProps) => JSX.Element) & { preload?: () => void }>> = {
  overview: OverviewView,
  accounts: lazyView(() => import('../features/accounts/AccountsView').then((m) => m.AccountsView)),
  account: lazyView(() =>
    withCharts(import('../features/account360/Account360View')).then((m) => m.Account360View),
  ),
  matrix: lazyView(() => withCharts(import('../features/matrix/MatrixView')).then((m) => m.MatrixView)),
  drivers: lazyView(() => withCharts(import('../features/drivers/DriversView')).then((m) => m.DriversView)),
  lifecycle: lazyView(() =>
    withCharts(import('../features/lifecycle/LifecycleView')).then((m) => m.LifecycleView),
  ),
  retention: lazyView(() =>
    withCharts(import('../features/retention/RetentionView')).then((m) => m.RetentionView),
  ),
  simulator: lazyView(() =>
    import('../features/simulator/SimulatorView').then((m) => m.SimulatorView),
  ),
  health: lazyView(() => withCharts(import('../features/health/HealthView')).then((m) => m.HealthView)),
  responses: lazyView(() =>
    withCharts(import('../features/responses/ResponsesView')).then((m) => m.ResponsesView),
  ),
};

function loginUrl(pathname: string, search: string): string {
  const next = pathname === '/login' ? '' : `${pathname}${search}`;
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

export function App(): JSX.Element {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const location = useLocation();
  const route = matchRoute(location.pathname);

  useEffect(() => {
    // The view of the URL loads while the session is checked.
    VIEWS[matchRoute(window.location.pathname).view]?.preload?.();
    void checkSession();
    document.addEventListener('click', onLinkClick);
    return () => document.removeEventListener('click', onLinkClick);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(sessionEnded);
  }, []);

  useEffect(() => {
    if (session.status === 'anonymous' && route.view !== 'login') {
      navigate(loginUrl(location.pathname, location.search), { replace: true });
    }
  }, [session.status, route.view]);

  // Move the focus to the new view's heading, so keyboard and screen-reader users land there.
  useEffect(() => {
    const heading = document.getElementById('page-heading');
    if (heading && document.activeElement === document.body) heading.focus();
  }, [location.pathname]);

  if (session.status === 'checking') return <div class="boot" aria-busy="true" />;
  if (route.view === 'login' || session.status === 'anonymous') {
    return <LoginView signedIn={session.status === 'signedIn'} />;
  }
  const params = new URLSearchParams(location.search);
  const asOfParam = params.get('as_of');
  const asOf = asOfParam && isIsoDate(asOfParam) ? asOfParam : session.workspace.default_as_of;
  const View = VIEWS[route.view];
  return (
    <div class="layout">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <Header user={session.user} workspace={session.workspace} asOf={asOf} />
      <Nav />
      <main id="main" class="main" tabIndex={-1}>
        {View ? (
          <View
            key={`${route.view}`}
            asOf={asOf}
            user={session.user}
            workspace={session.workspace}
            params={route.params}
          />
        ) : (
          <>
            <PageTitle title="404" />
            <Empty>{t('state.notFound')}</Empty>
          </>
        )}
      </main>
    </div>
  );
}
