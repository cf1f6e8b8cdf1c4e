import { cpeValue, cpeVersionText, parseCpe } from './cpe.ts'
import { cpeProductKey, productKey, schemeForProduct } from './products.ts'
import { cleanVersionText, parseBound, parseVersion, type ParsedVersion, type SchemeId } from './versions/index.ts'

/**
 * A CVE record's `affected` data as rules the matcher evaluates: `containers.cna.affected[]` and each
 * `containers.adp[*].affected[]` (CISA-ADP's CPE-named copies), plus KEV catalogue entries that have no record.
 *
 * One {@link AffectedProduct} per affected entry (or per product named in a free-text entry), with its product
 * keys (from vendor/product and from its CPEs, see `products.ts`), its version scheme, `defaultStatus` (absent =
 * `unknown`, as the schema says) and its version objects as {@link VersionRule}s in record order. The status of a
 * version is then the CVE 5 algorithm (schema `docs/versions.md`): the first rule that matches decides (a range
 * `version ≤ V < lessThan` or `≤ lessThanOrEqual`, `version: "0"` meaning no lower bound, `*` meaning
 * arbitrarily large; `changes` apply in version order), otherwise `defaultStatus`.
 *
 * What real records write that the schema does not, and how it is read (each reading is recorded on the rule or
 * product as a {@link ReadingCode}, so the explanation of a match says so):
 * - `versionType` is ignored: the scheme comes from the product (CNAs write `semver` over `21.4R3-S5`).
 * - Siemens free text in `version`: `All versions`, `All versions < V4.1.1 Patch04`, `<=`, `>=`, and the
 *   product-line prefix `V4.7: All versions < V4.7 HF27` (a range from V4.7) — `siemens_text`.
 * - Fortinet free text (older records): `FortiOS 6.0.0 to 6.0.4, 5.6.3 to 5.6.7 and 5.4.6 to 5.4.12, FortiProxy
 *   2.0.0, …` — split per product named in the entry or the text (`split_products`); items `A to B`, `A through
 *   B`, `A and below/earlier/before`, `before A`, single versions (`fortinet_text`). `A and below` reaches back
 *   to A's branch (`7.0.0`) when another item names a lower branch, to no lower bound otherwise: "7.2.0 and
 *   below, 7.0.6 and below" does not make 7.0.7 affected.
 * - `2.1 All` (Palo Alto) is the whole 2.1 line; `All` every version; `n/a`, `N/A`, `unspecified` with status
 *   affected name the product without versions (`listed`: devices of it are reported unknown); `None` with
 *   status unaffected says nothing.
 * - `version` equal to `lessThan` (Ivanti writes `22.1R6.2` < `22.1R6.2`, an empty range taken literally) is
 *   read as that one version, as CISA-ADP reads the same records (`empty_range_as_version`).
 * - `lessThan: "22.3R2-S2, 22.3R3"` (Juniper lists the first fixed release of each maintenance line) is read as
 *   below the lowest of them (`bound_list_lowest`): everything between is on a line that already has the fix.
 * - Citrix `versionType: "patch"` ranges give only the build (`version 13.1`, `lessThan 51.15`): the bound is
 *   13.1-51.15 (`citrix_build_bound`).
 * - A bound with trailing words (`10.2.9 on PAN-OS`) is read as its leading version when the words carry no
 *   digits (`bound_trailing_words`); `unspecified` or blank as a start means no lower bound.
 * - A bound that still cannot be read makes the rule `unreadable`: devices it could make affected are reported
 *   unknown, never dropped. Exact versions that do not parse are compared as text.
 */
export type Status = 'affected' | 'unaffected' | 'unknown'
export type Source = 'cna' | 'adp' | 'kev'

export type ReadingCode =
  | 'siemens_text'
  | 'fortinet_text'
  | 'split_products'
  | 'whole_line'
  | 'all_versions'
  | 'listed'
  | 'empty_range_as_version'
  | 'bound_list_lowest'
  | 'citrix_build_bound'
  | 'bound_trailing_words'
  | 'open_start'
  | 'inverted_range'
  | 'cpe_versions'
  | 'unknown_status_value'

export interface Bound {
  /** As written in the record. */
  text: string
  /** Sort key (see `versions/key.ts`). */
  key: string
  /** Printed normal form. */
  canonical: string
}

interface RuleBase {
  /** JSON path of the version object (or the affected entry for rules it implies). */
  path: string
  status: Status
  reading?: ReadingCode
}
export interface ExactRule extends RuleBase {
  kind: 'exact'
  version: string
  /** Sort key when the text reads as a version of the scheme; null = compared as text. */
  key: string | null
  /** Cleaned lower-case text, for devices whose version cannot be read. */
  raw: string
  cpe?: string
}
export interface RangeRule extends RuleBase {
  kind: 'range'
  /** Null: no lower bound. */
  start: Bound | null
  /** Null: no upper bound. */
  end: (Bound & { inclusive: boolean }) | null
  /** Sorted by version. */
  changes: { at: Bound; status: Status }[]
}
export interface AllRule extends RuleBase {
  kind: 'all'
}
/** The product is named with this status but without versions (`n/a`, a KEV entry): devices of it are unknown. */
export interface ListedRule extends RuleBase {
  kind: 'listed'
}
/** Version data that could not be read: devices it could make affected are unknown. */
export interface UnreadableRule extends RuleBase {
  kind: 'unreadable'
  text: string
}
export type VersionRule = ExactRule | RangeRule | AllRule | ListedRule | UnreadableRule

export interface AffectedProduct {
  source: Source
  /** `cna`, the ADP's short name (`CISA-ADP`) or `kev`. */
  provider: string
  /** JSON path of the affected entry. */
  path: string
  vendor: string
  product: string
  /** Product keys from vendor/product and from each CPE; a device matches when its key is one of them. */
  productKeys: string[]
  scheme: SchemeId
  defaultStatus: Status
  platforms: string[]
  cpes: string[]
  rules: VersionRule[]
  readings: ReadingCode[]
}

export interface NormalisedRecord {
  cveId: string
  products: AffectedProduct[]
}

const STATUSES = new Set<Status>(['affected', 'unaffected', 'unknown'])
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/** A version text read as a bound: '*' (open), a version, or null. */
function bound(scheme: SchemeId, text: string): Bound | null {
  const b = parseBound(scheme, text)
  return b ? { text, key: b.key, canonical: b.canonical } : null
}

const NO_VERSION = /^(?:n\/?a|none|unspecified|unknown|-|)$/i
const PROSE = /[/<>]|\b(?:before|after|all|none|prior|below|through|earlier|later|and|or|to|on|version|versions)\b/i

type BoundReading = { bound: Bound | null; reading?: ReadingCode } | 'unreadable'

/** An upper bound or change point, with the readings listed above. */
function readBound(scheme: SchemeId, text: string, start: ParsedVersion | null, startText: string): BoundReading {
  const clean = cleanVersionText(text)
  if (clean === '*') return { bound: null }
  if (/^all(?: versions)?$/i.test(clean)) return { bound: null, reading: 'all_versions' }
  // Citrix patch ranges give the build only; a release has a dot, a build too, so decide by the start.
  if (scheme === 'citrix' && /^\d+\.\d+$/.test(clean) && start && !/-\d/.test(start.canonical)) {
    const b = bound(scheme, `${cleanVersionText(startText)}-${clean}`)
    if (b) return { bound: { ...b, text }, reading: 'citrix_build_bound' }
  }
  const direct = bound(scheme, clean)
  if (direct) return { bound: { ...direct, text } }
  if (clean.includes(',')) {
    const parts = clean.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => bound(scheme, s))
    if (parts.length > 0 && parts.every((b) => b !== null)) {
      const lowest = (parts as Bound[]).reduce((a, b) => (b.key < a.key ? b : a))
      return { bound: { ...lowest, text }, reading: 'bound_list_lowest' }
    }
  }
  const lead = /^(\S+)\s+(\D+)$/.exec(clean)
  if (lead) {
    const b = bound(scheme, lead[1]!)
    if (b) return { bound: { ...b, text }, reading: 'bound_trailing_words' }
  }
  return 'unreadable'
}

function statusOf(v: unknown): { status: Status; odd: boolean } {
  const s = str(v)
  return s !== undefined && STATUSES.has(s as Status) ? { status: s as Status, odd: false } : { status: 'unknown', odd: true }
}

/** One version object with `lessThan`/`lessThanOrEqual` (and maybe `changes`). */
function rangeRule(scheme: SchemeId, v: Record<string, unknown>, path: string, status: Status): VersionRule {
  const startText = str(v.version) ?? ''
  const lessThan = str(v.lessThan)
  const endText = lessThan ?? str(v.lessThanOrEqual) ?? ''
  const inclusive = lessThan === undefined
  const startClean = cleanVersionText(startText)
  let reading: ReadingCode | undefined
  if (lessThan !== undefined && startClean !== '' && startClean.toLowerCase() === cleanVersionText(lessThan).toLowerCase()) {
    const exact = parseVersion(scheme, startClean)
    return { kind: 'exact', path, status, version: startText, key: exact?.key ?? null, raw: startClean.toLowerCase(), reading: 'empty_range_as_version' }
  }
  let start: Bound | null = null
  let startParsed: ParsedVersion | null = null
  if (startClean === '0' || NO_VERSION.test(startClean)) {
    if (startClean !== '0') reading = 'open_start'
  } else {
    startParsed = parseVersion(scheme, startClean) ?? parseBound(scheme, startClean)
    const b = startParsed ? { text: startText, key: startParsed.key, canonical: startParsed.canonical } : null
    if (!b) return { kind: 'unreadable', path, status, text: startText }
    start = b
  }
  const end = readBound(scheme, endText, startParsed, startText)
  if (end === 'unreadable') return { kind: 'unreadable', path, status, text: endText }
  reading = end.reading ?? reading
  const changes: RangeRule['changes'] = []
  for (const c of Array.isArray(v.changes) ? v.changes : []) {
    if (!isObject(c)) continue
    const at = readBound(scheme, str(c.at) ?? '', startParsed, startText)
    if (at === 'unreadable' || at.bound === null) return { kind: 'unreadable', path, status, text: str(c.at) ?? '' }
    changes.push({ at: at.bound, status: statusOf(c.status).status })
  }
  changes.sort((a, b) => (a.at.key < b.at.key ? -1 : a.at.key > b.at.key ? 1 : 0))
  const rule: RangeRule = { kind: 'range', path, status, start, end: end.bound ? { ...end.bound, inclusive } : null, changes }
  if (start && rule.end && (rule.end.inclusive ? start.key > rule.end.key : start.key >= rule.end.key)) rule.reading = 'inverted_range'
  else if (reading) rule.reading = reading
  return rule
}

const SIEMENS = /^(?:(\S+):\s*)?all versions(?:\s*(<=|<|>=|>)\s*(.+))?$/i

/** Rules for a `version` without a range: a version, Siemens or Palo Alto text, or prose. */
function singleVersionRules(scheme: SchemeId, text: string, path: string, status: Status): VersionRule[] {
  const clean = cleanVersionText(text)
  const parsed = parseVersion(scheme, clean)
  if (parsed) return [{ kind: 'exact', path, status, version: text, key: parsed.key, raw: clean.toLowerCase() }]
  const siemens = SIEMENS.exec(clean)
  if (siemens) {
    const [, line, op, limit] = siemens
    const lineStart = line ? bound(scheme, line) : null
    if (line && !lineStart) return [{ kind: 'unreadable', path, status, text }]
    if (!op) {
      const lineEnd = line ? bound(scheme, `${line}*`) : null
      return lineStart && lineEnd
        ? [{ kind: 'range', path, status, start: lineStart, end: { ...lineEnd, inclusive: false }, changes: [], reading: 'siemens_text' }]
        : [{ kind: 'all', path, status, reading: 'siemens_text' }]
    }
    const limitBound = bound(scheme, limit!)
    if (!limitBound) return [{ kind: 'unreadable', path, status, text }]
    if (op === '<' || op === '<=') return [{ kind: 'range', path, status, start: lineStart, end: { ...limitBound, inclusive: op === '<=' }, changes: [], reading: 'siemens_text' }]
    const rules: VersionRule[] = []
    if (op === '>') rules.push({ kind: 'exact', path, status: status === 'affected' ? 'unaffected' : 'affected', version: limit!, key: limitBound.key, raw: cleanVersionText(limit!).toLowerCase(), reading: 'siemens_text' })
    rules.push({ kind: 'range', path, status, start: limitBound, end: null, changes: [], reading: 'siemens_text' })
    return rules
  }
  if (/^all$/i.test(clean)) return [{ kind: 'all', path, status, reading: 'all_versions' }]
  const line = /^(\S+)\s+all$/i.exec(clean)
  if (line) {
    const start = bound(scheme, line[1]!)
    const end = bound(scheme, `${line[1]}*`)
    if (start && end) return [{ kind: 'range', path, status, start, end: { ...end, inclusive: false }, changes: [], reading: 'whole_line' }]
  }
  if (NO_VERSION.test(clean)) return status === 'affected' ? [{ kind: 'listed', path, status, reading: 'listed' }] : []
  if (PROSE.test(clean) || /\s/.test(clean) && /\d/.test(clean) && /[a-z]{3}/i.test(clean)) return [{ kind: 'unreadable', path, status, text }]
  return [{ kind: 'exact', path, status, version: text, key: null, raw: clean.toLowerCase() }]
}

const V = String.raw`\d+(?:\.\d+){1,3}`
const ITEM = new RegExp(
  String.raw`(${V})\s*(?:to|through|–|-)\s*(${V})|(${V})\s+(?:and|or)\s+(?:below|earlier|before|prior|lower|older)|(?:before|prior to|earlier than|below)\s+(${V})|(${V})`,
  'gi',
)

type TextItem = { from: string | null; to: string; inclusive: boolean; below?: boolean }

/** Items of one product's part of a Fortinet-style text. */
function textItems(segment: string): TextItem[] {
  const items: TextItem[] = []
  for (const m of segment.matchAll(ITEM)) {
    if (m[1] !== undefined) items.push({ from: m[1], to: m[2]!, inclusive: true })
    else if (m[3] !== undefined) items.push({ from: null, to: m[3], inclusive: true, below: true })
    else if (m[4] !== undefined) items.push({ from: null, to: m[4], inclusive: false, below: true })
    else items.push({ from: m[5]!, to: m[5]!, inclusive: true })
  }
  return items
}

function productNames(vendor: string, product: string, text: string): string[] {
  const vendorWord = vendor.trim().split(/\s+/)[0] ?? ''
  const fromField = product
    .replace(new RegExp(`^${vendorWord.replace(/[^\w]/g, '')}\\s+`, 'i'), '')
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/i)
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const fromText = [...text.matchAll(/\bForti[A-Za-z]+\b/g)].map((m) => m[0])
  const names: string[] = []
  for (const name of [...fromField, ...fromText]) if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  return names
}

/**
 * Fortinet-style text: per product name, the ranges it lists. Null when the text has no version items.
 */
function fortinetText(vendor: string, product: string, text: string): Map<string, TextItem[]> | null {
  const names = productNames(vendor, product, text)
  const positions: { name: string; at: number; length: number }[] = []
  for (const name of names) {
    const re = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi')
    for (const m of text.matchAll(re)) positions.push({ name, at: m.index, length: name.length })
  }
  positions.sort((a, b) => a.at - b.at)
  const out = new Map<string, TextItem[]>()
  // Text that names no product belongs to the entry's only product.
  if (positions.length === 0) {
    if (names.length !== 1) return null
    positions.push({ name: names[0]!, at: 0, length: 0 })
  }
  for (let i = 0; i < positions.length; i++) {
    const segment = text.slice(positions[i]!.at + positions[i]!.length, positions[i + 1]?.at ?? text.length)
    const items = textItems(segment)
    if (items.length) out.set(positions[i]!.name, [...(out.get(positions[i]!.name) ?? []), ...items])
  }
  // A product named in the entry with no versions of its own in the text stays, without rules.
  for (const name of names) if (!out.has(name) && product.toLowerCase().includes(name.toLowerCase())) out.set(name, [])
  return [...out.values()].some((items) => items.length > 0) ? out : null
}

function textRules(scheme: SchemeId, items: TextItem[], path: string, status: Status): VersionRule[] {
  const parsed = items.map((it) => ({ ...it, toV: parseVersion(scheme, it.to), fromV: it.from === null ? null : parseVersion(scheme, it.from) }))
  const rules: VersionRule[] = []
  for (const it of parsed) {
    if (!it.toV || (it.from !== null && !it.fromV)) {
      rules.push({ kind: 'unreadable', path, status, text: it.from === null ? it.to : `${it.from} - ${it.to}` })
      continue
    }
    let lo = it.fromV
    let hi = it.toV
    if (lo && lo.key > hi.key) [lo, hi] = [hi, lo]
    if (it.below) {
      // "A and below": from A's branch when another item reaches below that branch, else from nothing.
      const branch = parseVersion(scheme, it.to.split('.').slice(0, 2).join('.'))
      const lower = branch && parsed.some((o) => o !== it && o.toV && o.toV.key < branch.key)
      lo = lower ? branch : null
    }
    const b = (v: ParsedVersion, text: string): Bound => ({ text, key: v.key, canonical: v.canonical })
    rules.push({
      kind: 'range',
      path,
      status,
      start: lo ? b(lo, lo.text) : null,
      end: { ...b(hi, it.to), inclusive: it.inclusive },
      changes: [],
      reading: 'fortinet_text',
    })
  }
  return rules
}

function productKeys(vendor: string, product: string, cpes: string[]): string[] {
  const keys = [productKey(vendor, product), ...cpes.map(cpeProductKey)].filter((k) => k !== '')
  return [...new Set(keys)]
}

function normaliseEntry(entry: Record<string, unknown>, source: Source, provider: string, path: string): AffectedProduct[] {
  const vendor = (str(entry.vendor) ?? '').trim()
  const product = (str(entry.product) ?? str(entry.packageName) ?? '').trim()
  const cpes = strings(entry.cpes)
  const keys = productKeys(vendor, product, cpes)
  const scheme = schemeForProduct(keys[0] ?? '')
  const def = entry.defaultStatus === undefined ? { status: 'unknown' as Status, odd: false } : statusOf(entry.defaultStatus)
  const base = {
    source,
    provider,
    path,
    vendor,
    product,
    productKeys: keys,
    scheme,
    defaultStatus: def.status,
    platforms: strings(entry.platforms),
    cpes,
    readings: (def.odd ? ['unknown_status_value'] : []) as ReadingCode[],
  }
  const versions = Array.isArray(entry.versions) ? entry.versions : []

  // Fortinet-style free text naming several products: one product per name.
  if (versions.length > 0 && versions.every((v) => isObject(v) && v.lessThan === undefined && v.lessThanOrEqual === undefined)) {
    const texts = versions.map((v) => str((v as Record<string, unknown>).version) ?? '')
    const text = cleanVersionText(texts[0] ?? '')
    if (texts.length === 1 && /\b(?:to|through|and|below|earlier|before|prior)\b|[,;]/i.test(text) && !parseVersion(scheme, text) && !SIEMENS.test(text)) {
      const split = fortinetText(vendor, product, texts[0]!)
      if (split) {
        const status = statusOf((versions[0] as Record<string, unknown>).status).status
        return [...split].map(([name, items]) => {
          const k = productKeys(vendor, name, [])
          const s = schemeForProduct(k[0] ?? '')
          const rules = textRules(s, items, `${path}.versions[0]`, status)
          return {
            ...base,
            product: name,
            productKeys: k,
            scheme: s,
            rules: rules.length ? rules : [{ kind: 'listed', path: `${path}.versions[0]`, status, reading: 'listed' } as VersionRule],
            readings: [...base.readings, ...(split.size > 1 ? (['split_products'] as ReadingCode[]) : [])],
          }
        })
      }
    }
  }

  const rules: VersionRule[] = []
  versions.forEach((v, i) => {
    const vpath = `${path}.versions[${i}]`
    if (!isObject(v)) return
    const { status, odd } = statusOf(v.status)
    const made = v.lessThan !== undefined || v.lessThanOrEqual !== undefined ? [rangeRule(scheme, v, vpath, status)] : singleVersionRules(scheme, str(v.version) ?? '', vpath, status)
    for (const r of made) rules.push(odd ? { ...r, reading: 'unknown_status_value' } : r)
  })
  // CPEs naming versions stand in for missing version objects.
  if (versions.length === 0) {
    cpes.forEach((text, i) => {
      const cpe = parseCpe(text)
      const version = cpe && cpeValue(cpe.version) && cpe.version !== '0' ? cpeVersionText(cpe) : null
      if (!version) return
      const parsed = parseVersion(scheme, version)
      rules.push({ kind: 'exact', path: `${path}.cpes[${i}]`, status: 'affected', version, key: parsed?.key ?? null, raw: cleanVersionText(version).toLowerCase(), cpe: text, reading: 'cpe_versions' })
    })
  }
  return [{ ...base, rules }]
}

/** Normalise one CVE JSON 5 record. Tolerant: entries that are not objects are skipped, never thrown on. */
export function normaliseRecord(record: unknown): NormalisedRecord {
  const r = isObject(record) ? record : {}
  const meta = isObject(r.cveMetadata) ? r.cveMetadata : {}
  const containers = isObject(r.containers) ? r.containers : {}
  const products: AffectedProduct[] = []
  const cna = isObject(containers.cna) ? containers.cna : {}
  ;(Array.isArray(cna.affected) ? cna.affected : []).forEach((entry, i) => {
    if (isObject(entry)) products.push(...normaliseEntry(entry, 'cna', 'cna', `$.containers.cna.affected[${i}]`))
  })
  ;(Array.isArray(containers.adp) ? containers.adp : []).forEach((adp, j) => {
    if (!isObject(adp)) return
    const meta = isObject(adp.providerMetadata) ? adp.providerMetadata : {}
    const provider = str(meta.shortName) ?? `adp[${j}]`
    ;(Array.isArray(adp.affected) ? adp.affected : []).forEach((entry, i) => {
      if (isObject(entry)) products.push(...normaliseEntry(entry, 'adp', provider, `$.containers.adp[${j}].affected[${i}]`))
    })
  })
  return { cveId: str(meta.cveId) ?? '', products }
}

/** A KEV catalogue entry (the fields the matcher uses). */
export interface KevEntry {
  cveID: string
  vendorProject: string
  product: string
}

/**
 * A KEV entry as a record of its own, for CVEs listed in KEV whose record is not imported: each product it names
 * (`IOS and IOS XE Software` → IOS, IOS XE) is `listed`, so devices of those products are reported unknown —
 * "known exploited, versions not known here" — rather than nothing. Products KEV names in ways no key reaches
 * (`Multiple Products`) match no device.
 */
export function normaliseKevEntry(entry: KevEntry): NormalisedRecord {
  const names = entry.product
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/i)
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const products: AffectedProduct[] = names.map((name) => {
    const keys = productKeys(entry.vendorProject, name, [])
    return {
      source: 'kev',
      provider: 'kev',
      path: '$.product',
      vendor: entry.vendorProject,
      product: name,
      productKeys: keys,
      scheme: schemeForProduct(keys[0] ?? ''),
      defaultStatus: 'unknown',
      platforms: [],
      cpes: [],
      rules: [{ kind: 'listed', path: '$.product', status: 'affected', reading: 'listed' }],
      readings: names.length > 1 ? ['split_products'] : [],
    }
  })
  return { cveId: entry.cveID, products }
}
