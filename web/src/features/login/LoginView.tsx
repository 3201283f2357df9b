// /login: email and password; on success back to the page that sent the visitor here.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../shared/api';
import { setLang, useI18n } from '../../shared/i18n';
import { navigate } from '../../app/router';
import { logIn } from '../../app/session';

// Where to go after logging in: `next` when it is a path of this app, else the overview.
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')
    ? next
    : '/';
}

export function LoginView({ signedIn }: { signedIn: boolean }): JSX.Element {
  const { lang, t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('login.title')} · Bellwether`;
  }, [lang]);
  useEffect(() => {
    if (signedIn) navigate(nextPath(window.location.search), { replace: true });
  }, [signedIn]);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(email, password);
      navigate(nextPath(window.location.search), { replace: true });
    } catch (e) {
      const failure = e as ApiError;
      if (failure.status === 401) setError(t('login.failed'));
      else if (failure.status === 429) {
        const seconds = /(\d+) s/.exec(failure.message)?.[1] ?? '60';
        setError(t('login.throttled', { seconds }));
      } else if (failure.code === 'network') setError(t('state.network'));
      else setError(failure.message);
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <form class="login-card" onSubmit={(e) => void submit(e)} aria-describedby="login-intro">
        <p class="brand brand-login">
          <span class="brand-mark" aria-hidden="true">◆</span> Bellwether
        </p>
        <h1>{t('login.title')}</h1>
        <p id="login-intro" class="muted">
          {t('login.intro')}
        </p>
        <label>
          {t('login.email')}
          <input
            type="email"
            name="email"
            autocomplete="username"
            required
            value={email}
            data-testid="login-email"
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            data-testid="login-password"
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </label>
        {error && (
          <p class="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" class="button button-primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <div class="lang lang-login" role="group" aria-label={t('header.language')}>
          <button type="button" aria-pressed={lang === 'de'} lang="de" onClick={() => setLang('de')}>
            Deutsch
          </button>
          <button type="button" aria-pressed={lang === 'en'} lang="en" onClick={() => setLang('en')}>
            English
          </button>
        </div>
      </form>
    </main>
  );
}
