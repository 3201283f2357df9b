// The header of every page: workspace, as-of date, language, the user's menu with logout.
import type { JSX } from 'preact';
import { setLang, useI18n } from '../shared/i18n';
import type { Lang } from '../shared/format';
import type { User, Workspace } from '../shared/types';
import { isIsoDate } from '../shared/dates';
import { linkTo, navigate, useLocation } from './router';
import { logOut } from './session';

const LANGS: { lang: Lang; label: string; name: string }[] = [
  { lang: 'de', label: 'DE', name: 'Deutsch' },
  { lang: 'en', label: 'EN', name: 'English' },
];

export function Header({
  user,
  workspace,
  asOf,
}: {
  user: User;
  workspace: Workspace;
  asOf: string;
}): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();

  const changeAsOf = (value: string): void => {
    if (!isIsoDate(value)) return;
    const params = new URLSearchParams(location.search);
    params.set('as_of', value);
    params.delete('offset');
    navigate(`${location.pathname}?${params.toString()}`);
  };

  return (
    <header class="header">
      <a class="brand" href={linkTo('/', location.search)}>
        <span class="brand-mark" aria-hidden="true">◆</span> Bellwether
      </a>
      <p class="workspace">
        <span class="visually-hidden">{t('header.workspace')}: </span>
        <span data-testid="workspace">{workspace.name}</span>
      </p>
      <label class="as-of">
        <span>{t('header.asOf')}</span>
        <input
          type="date"
          value={asOf}
          title={t('header.asOfHint')}
          data-testid="as-of"
          onChange={(event) => changeAsOf((event.target as HTMLInputElement).value)}
        />
      </label>
      <div class="lang" role="group" aria-label={t('header.language')}>
        {LANGS.map((item) => (
          <button
            key={item.lang}
            type="button"
            lang={item.lang}
            aria-pressed={lang === item.lang}
            title={item.name}
            data-testid={`lang-${item.lang}`}
            onClick={() => setLang(item.lang)}
          >
            {item.label}
            <span class="visually-hidden"> {item.name}</span>
          </button>
        ))}
      </div>
      <details class="user-menu">
        <summary data-testid="user-menu">
          <span class="visually-hidden">{t('header.menu')}: </span>
          {user.name || user.email}
        </summary>
        <div class="user-menu-panel">
          <p>{t('header.user', { name: user.email })}</p>
          <p class="muted">{t(`role.${user.role}`)}</p>
          <button
            type="button"
            class="button"
            data-testid="logout"
            onClick={() => {
              void logOut().then(() => navigate('/login', { replace: true }));
            }}
          >
            {t('header.logout')}
          </button>
        </div>
      </details>
    </header>
  );
}
