import { describe, expect, it } from 'vitest';
import { preferredLang, translate } from './i18n';
import { de, en } from './messages';

describe('language', () => {
  it('is German when the browser prefers German, English when it prefers English', () => {
    expect(preferredLang(['de-DE', 'en'], null)).toBe('de');
    expect(preferredLang(['de-CH'], null)).toBe('de');
    expect(preferredLang(['en-US', 'de'], null)).toBe('en');
    expect(preferredLang(['fr-FR', 'en-GB'], null)).toBe('en');
  });
  it('is German first when the browser names neither', () => {
    expect(preferredLang(['fr-FR'], null)).toBe('de');
    expect(preferredLang([], null)).toBe('de');
  });
  it('keeps the choice the user made', () => {
    expect(preferredLang(['de-DE'], 'en')).toBe('en');
    expect(preferredLang(['en-US'], 'de')).toBe('de');
    expect(preferredLang(['en-US'], 'xx')).toBe('en');
  });
  it('fills in placeholders and has every text in both languages', () => {
    expect(translate('de', 'accounts.count', { total: '1.234' })).toBe('1.234 Kunden');
    expect(translate('en', 'accounts.page', { page: 2, pages: 7 })).toBe('Page 2 of 7');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(de)) {
      const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });
});
