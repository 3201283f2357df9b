// Numbers, money, percentages and dates for people, in the dashboard's language
// (Intl.NumberFormat / DateTimeFormat: "1.234,56 €" and "31.03.2026" in German). The API
// sends ratios as fractions and money in currency units; nothing here computes a figure.
export type Lang = 'de' | 'en';

const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };
const DASH = '–';

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${lang}|${key}`;
  let format = cache.get(id);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options);
    cache.set(id, format);
  }
  return format;
}

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

// 1234.5 -> "1.234,50 €" (de) / "€1,234.50" (en).
export function formatMoney(value: number | null | undefined, lang: Lang, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, `money-${currency}`, { style: 'currency', currency }).format(value);
}

// Whole currency units for axes and large sums: 1234567.8 -> "1.234.568 €".
export function formatMoneyRounded(
  value: number | null | undefined,
  lang: Lang,
  currency: string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, `money0-${currency}`, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(value);
}

// Short money for chart axes: 1500000 -> "1,5 Mio. €" / "€1.5M".
export function formatMoneyCompact(value: number, lang: Lang, currency: string): string {
  return numberFormat(lang, `moneyc-${currency}`, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

export function formatInteger(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, 'int', { maximumFractionDigits: 0 }).format(value);
}

export function formatDecimal(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, `dec${digits}`, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

// A fraction as a percentage: 0.3683 -> "36,8 %" (de) / "36.8%" (en).
export function formatPercent(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, `pct${digits}`, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

// An NPS with its sign: 4.26 -> "+4,3", -14.5 -> "−14,5".
export function formatNps(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, 'nps', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
}

// "2026-03-31" -> "31.03.2026" (de) / "31/03/2026" (en). Dates are calendar days: no time zone.
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return DASH;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

// "2026-03" -> "März 2026" / "Mar 2026"; short: "03/26".
export function formatMonth(month: string, lang: Lang, short = false): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(LOCALES[lang], {
    month: short ? '2-digit' : 'short',
    year: short ? '2-digit' : 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
