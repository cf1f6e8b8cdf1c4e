import type { Locale } from '../api/types';

const formatters = new Map<Locale, Intl.DateTimeFormat>();

/** Formats an ISO timestamp in Japan Standard Time regardless of the browser's own time zone. */
export function formatDateTimeJst(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: locale === 'ja' ? '2-digit' : 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    formatters.set(locale, formatter);
  }
  return formatter.format(date);
}
