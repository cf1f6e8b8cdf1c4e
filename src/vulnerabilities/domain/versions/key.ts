/**
 * Sort keys for versions: every parsed version carries a string whose plain code-unit order (`<`, `===`) is the
 * version order of its scheme, so comparing two versions, sorting a million of them or binary-searching a range
 * bound is string comparison with no per-comparison parsing.
 *
 * A key is a sequence of slots, then {@link END}. Slot encodings, in increasing order of their first character:
 * - {@link PRE} `\u0001`: a semver pre-release follows (sorts below the end of the release it precedes);
 * - {@link NIL} `\u0002`: an optional part that is absent (sorts below any value in that slot); the same
 *   character ends every key, so a version sorts below its own extensions (`17.9.4` < `17.9.4a`);
 * - word `\u0003` + lower-case letters + `\u0000` (the terminator sorts below any letter, so `ab` < `abc`);
 * - number `\u0004` + one character for the digit count + the digits without leading zeros (more digits is
 *   larger, equal lengths compare digit by digit);
 * - pre-release identifiers `\u0005` (numeric) and `\u0006` (alphanumeric), numeric below alphanumeric as semver
 *   orders them;
 * - {@link INF} `\u007f`: "arbitrarily large" at this position, for upper bounds written `6.2.*`, `18.4*`, `*`.
 */
export const PRE = '\u0001'
export const NIL = '\u0002'
export const END = '\u0002'
export const INF = '\u007f'

export function num(digits: string | number): string {
  let d = typeof digits === 'number' ? String(digits) : digits
  let i = 0
  while (i < d.length - 1 && d.charCodeAt(i) === 48) i++
  if (i > 0) d = d.slice(i)
  return '\u0004' + String.fromCharCode(0x40 + d.length) + d
}

export function word(letters: string): string {
  return '\u0003' + letters.toLowerCase() + '\u0000'
}

export function preNum(digits: string): string {
  return '\u0005' + num(digits).slice(1)
}

export function preWord(text: string): string {
  return '\u0006' + text + '\u0000'
}

/** A parsed version's slots: `slots.slice(0, given)` are written in the text, the rest are padding or absent parts. */
export interface Slots {
  slots: string[]
  given: number
}

export function keyOf(s: Slots): string {
  return s.slots.join('') + END
}

/** The key of "`prefix`.*": above every version that starts with the given slots. */
export function prefixKeyOf(s: Slots): string {
  return s.slots.slice(0, s.given).join('') + INF
}

/** Digits as a number for printing (leading zeros dropped); kept as text beyond the safe-integer range. */
export function digitsText(d: string): string {
  if (d.length < 2 || d.charCodeAt(0) !== 48) return d
  return d.replace(/^0+(?=\d)/, '')
}
