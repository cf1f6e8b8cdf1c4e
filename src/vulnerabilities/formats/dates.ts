/**
 * Dates as the feeds write them. CVE records carry ISO 8601 date-times, with or without fractional seconds and
 * with or without a zone (CVE JSON 5 reads a missing zone as UTC: 17 of the shared records are written that
 * way); KEV and EOL lists carry plain dates. Years outside 1970–2100 are refused as absurd, as are calendar
 * dates that do not exist (2024-02-30).
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export const MIN_YEAR = 1970
export const MAX_YEAR = 2100

function realDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** The instant as ISO 8601 UTC (`2024-04-24T18:15:57.646Z`), or null when the text is not a sane date-time. */
export function isoInstant(text: string): string | null {
  const m = DATE_TIME.exec(text)
  if (!m) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = m
  if (!realDay(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null
  const ms = fraction === '' ? '' : fraction.slice(0, 4).padEnd(4, '0')
  const offset = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** A plain calendar date `YYYY-MM-DD` that exists and is within the sane years, or null. */
export function isoDate(text: string): string | null {
  const m = DATE.exec(text)
  if (!m || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return null
  return text
}
