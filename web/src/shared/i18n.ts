// The dashboard's language: German when the browser prefers it (or the user chose it),
// else English; the choice is kept in localStorage. `t` looks a text up and fills in its
// {placeholders}.
import { de, en, type MessageKey, type Messages } from './messages';
import type { Lang } from './format';
import { createStore, useStore } from './store';

const STORAGE_KEY = 'bellwether.lang';
const dictionaries: Record<Lang, Messages> = { de, en };

// German when the first language the browser lists that we have is German.
export function preferredLang(browserLanguages: readonly string[], stored: string | null): Lang {
  if (stored === 'de' || stored === 'en') return stored;
  for (const language of browserLanguages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'de';
}

function storedLang(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export const langStore = createStore<Lang>(
  preferredLang(globalThis.navigator?.languages ?? [], storedLang()),
);

export function setLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (globalThis.document) document.documentElement.lang = lang;
  langStore.set(lang);
}

export function translate(
  lang: Lang,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  const text = dictionaries[lang][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function useI18n(): { lang: Lang; t: Translate } {
  const lang = useStore(langStore);
  return { lang, t: (key, vars) => translate(lang, key, vars) };
}
