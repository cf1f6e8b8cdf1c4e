import type { Locale } from '../../api/types';
import type { Localized } from './types';

/** The text in the wanted language, or the other one when only one is filled. */
export function pickText(text: Localized | string | undefined | null, locale: Locale): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  const first = locale === 'en' ? text.en : text.ja;
  return first || (locale === 'en' ? text.ja : text.en);
}

/** A count with digit grouping in the reader's language. */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { maximumFractionDigits: 0 }).format(n);
}

/** Hours with at most one decimal (durations may be fractions). */
export function formatHours(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { maximumFractionDigits: 1 }).format(n);
}

/** A fraction 0–1 as a percentage with at most `digits` decimals. */
export function formatPercent(fraction: number, locale: Locale, digits = 1): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}
