import { INF, keyOf, num, prefixKeyOf } from './key.ts'
import { SCHEME_IDS, SCHEMES, type SchemeId } from './schemes.ts'

export { SCHEME_IDS, type SchemeId } from './schemes.ts'

/**
 * A version read under one scheme. `key` orders versions of the same scheme by plain string comparison (see
 * `key.ts`); `canonical` is the printed normal form (parsing it again gives the same key); `text` is what was read.
 */
export interface ParsedVersion {
  readonly scheme: SchemeId
  readonly text: string
  readonly canonical: string
  readonly key: string
}

/** Longer texts are not versions (inventory cells with whole sentences pasted in, or worse). */
export const MAX_VERSION_LENGTH = 64

/**
 * Trim, fold full-width characters (NFKC: `１５.２` → `15.2`), collapse white space and drop backslashes (CPE
 * escaping that leaks into version fields: `15.2\(4\)M7`).
 */
export function cleanVersionText(text: string): string {
  // Most texts are already clean: printable ASCII, no spaces, no backslash.
  if (PLAIN.test(text)) return text
  return text.normalize('NFKC').replace(/\\/g, '').trim().replace(/\s+/g, ' ')
}
const PLAIN = /^[\x21-\x5b\x5d-\x7e]*$/

export function isSchemeId(value: string): value is SchemeId {
  return (SCHEME_IDS as readonly string[]).includes(value)
}

/** Read `text` as a version of `scheme`; null when it is not one (the matcher reports such devices as unknown). */
export function parseVersion(scheme: SchemeId, text: string): ParsedVersion | null {
  if (typeof text !== 'string') return null
  const clean = cleanVersionText(text)
  if (clean === '' || clean.length > MAX_VERSION_LENGTH) return null
  const parsed = SCHEMES[scheme](clean)
  if (!parsed) return null
  return { scheme, text: clean, canonical: parsed.canonical, key: keyOf(parsed) }
}

/**
 * Read a range bound: a version, or a version prefix ending in `*` ("arbitrarily large" at that position, as the
 * CVE schema defines it: `6.2.*` is above every 6.2 release, `18.4*` above every 18.4 release, `*` above
 * everything). Junos writes `21.2*-EVO`; the `-EVO` is dropped with the rest of the Evolved suffixes.
 */
export function parseBound(scheme: SchemeId, text: string): ParsedVersion | null {
  if (typeof text !== 'string') return null
  const clean = cleanVersionText(text).replace(/\*-evo$/i, '*')
  if (!clean.endsWith('*')) return parseVersion(scheme, clean)
  const prefix = clean.slice(0, -1).replace(/[.\-_ ]+$/, '')
  if (prefix === '') return { scheme, text: clean, canonical: '*', key: INF }
  if (prefix.length > MAX_VERSION_LENGTH) return null
  const parsed = SCHEMES[scheme](prefix)
  if (parsed) return { scheme, text: clean, canonical: `${parsed.canonical}.*`, key: prefixKeyOf(parsed) }
  // A shorter numeric prefix than the scheme writes (`21.*` for Junos, `15.*` for IOS): every scheme's key starts
  // with its leading numbers, so the numbers then "arbitrarily large" bound the same versions.
  if (/^\d+(?:\.\d+)*$/.test(prefix)) return { scheme, text: clean, canonical: `${prefix}.*`, key: prefix.split('.').map((d) => num(d)).join('') + INF }
  return null
}

/** Version order: −1, 0 or 1. Versions of different schemes are ordered by scheme name (a total order, no meaning). */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): -1 | 0 | 1 {
  if (a.scheme !== b.scheme) return a.scheme < b.scheme ? -1 : 1
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}
