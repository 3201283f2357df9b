import { describe, expect, it } from 'vitest';
import { isIsoDate } from './dates';
import {
  formatDate,
  formatMoney,
  formatMonth,
  formatNps,
  formatPercent,
  formatInteger,
} from './format';

// Intl may use a narrow no-break space before units; compare with plain spaces.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('format', () => {
  it('writes money, numbers and dates the German way', () => {
    expect(plain(formatMoney(1234.56, 'de', 'EUR'))).toBe('1.234,56 €');
    expect(plain(formatMoney(-0.5, 'de', 'EUR'))).toBe('-0,50 €');
    expect(formatDate('2026-03-31', 'de')).toBe('31.03.2026');
    expect(formatInteger(19786, 'de')).toBe('19.786');
    expect(plain(formatPercent(0.3683, 'de'))).toBe('36,8 %');
    expect(formatNps(4.26, 'de')).toBe('+4,3');
    expect(formatNps(-14.5, 'de')).toBe('-14,5');
    expect(formatMonth('2026-03', 'de')).toBe('März 2026');
  });

  it('writes them the English way', () => {
    expect(formatMoney(1234.56, 'en', 'EUR')).toBe('€1,234.56');
    expect(formatDate('2026-03-31', 'en')).toBe('31/03/2026');
    expect(formatPercent(0.3683, 'en')).toBe('36.8%');
    expect(formatNps(0, 'en')).toBe('0.0');
  });

  it('shows a dash for a figure the API left undefined', () => {
    expect(formatMoney(null, 'de', 'EUR')).toBe('–');
    expect(formatPercent(null, 'en')).toBe('–');
    expect(formatNps(undefined, 'de')).toBe('–');
    expect(formatDate(null, 'de')).toBe('–');
  });
});

describe('isIsoDate', () => {
  it('knows real dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('31.03.2026')).toBe(false);
  });
});
