// The list of views, on the left (on top at tablet width).
import type { JSX } from 'preact';
import { useI18n } from '../shared/i18n';
import type { MessageKey } from '../shared/messages';
import { linkTo, useLocation } from './router';

const ITEMS: { path: string; label: MessageKey }[] = [
  { path: '/', label: 'nav.overview' },
  { path: '/accounts', label: 'nav.accounts' },
  { path: '/matrix', label: 'nav.matrix' },
  { path: '/drivers', label: 'nav.drivers' },
  { path: '/lifecycle', label: 'nav.lifecycle' },
  { path: '/retention', label: 'nav.retention' },
  { path: '/simulator', label: 'nav.simulator' },
  { path: '/health', label: 'nav.health' },
  { path: '/responses', label: 'nav.responses' },
];

export function Nav(): JSX.Element {
  const { t } = useI18n();
  const location = useLocation();
  const active = (path: string): boolean =>
    path === '/' ? location.pathname === '/' : location.pathname.startsWith(path);
  return (
    <nav class="nav" aria-label={t('nav.label')}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.path}>
            <a
              href={linkTo(item.path, location.search)}
              aria-current={active(item.path) ? 'page' : undefined}
              data-testid={`nav-${item.path === '/' ? 'overview' : item.path.slice(1)}`}
            >
              {t(item.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
