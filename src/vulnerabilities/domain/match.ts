import type { AffectedProduct, NormalisedRecord, ReadingCode, Source, Status, VersionRule } from './affected.ts'
import { cpeVersionText, parseCpe } from './cpe.ts'
import { cpeProductKey, productKey, schemeForProduct } from './products.ts'
import { cleanVersionText, parseVersion, type ParsedVersion, type SchemeId } from './versions/index.ts'

/**
 * Device ↔ CVE matching, explained.
 *
 * A device (vendor, product, version, optional CPE) meets a record through its product key (`products.ts`; the
 * CPE's when it has one). Among the record's affected entries for that key:
 * - the CNA's entries decide when at least one of them says something usable (a readable version rule, or a
 *   `defaultStatus` other than unknown); CISA-ADP's CPE copies are used only when the CNA says nothing usable
 *   about the product (`n/a`, unreadable text, or no entry for the key at all). ADP copies disagree with their
 *   CNA often enough (FortiOS 6.0.0 < 6.2.16 against 6.0.0–6.0.17 and 6.2.0–6.2.15) that taking the union would
 *   report versions the vendor says are fine.
 * - each entry gives the version's status by the CVE 5 algorithm (first matching rule, else `defaultStatus`,
 *   see `affected.ts`); several entries (platform variants, ADP copies) combine as affected > unknown > neither.
 * - `platforms` restrictions are not evaluated (an inventory row has no hardware model): the match carries them.
 *
 * Reported are `affected` and `unknown`. Unknown means "could not compare": the device's version cannot be read
 * in the product's scheme (`device_version_unreadable`; a text equal to a listed version still matches it), the
 * record's version data cannot be read (`record_version_unreadable`), the product is named without versions
 * (`listed_without_versions`: CNA `n/a`, KEV entries without a record) or the record itself says unknown. A
 * `defaultStatus` of unknown reached by a readable version is not reported: it is how nearly every record says
 * "not listed" (Cisco lists each affected release and leaves the default out); reporting it would mark every
 * device of a named product for every record naming it. A `defaultStatus` of affected is reported as such
 * (`default_status`), as the schema says, even where the CNA probably meant otherwise.
 *
 * Two ways in, same answers (the correctness test checks one against the other over every shared record):
 * `matchDevice` evaluates one device against records; `buildIndex` + `matchRecord` fan one record out to many
 * devices: devices are grouped by product key, each distinct version text is read once per group, the distinct
 * versions are sorted by key and the devices ordered by version, so a range is two binary searches and the
 * devices it covers one contiguous slice, and an exact version one hash lookup.
 */
export type ReasonCode =
  | 'exact_version'
  | 'in_range'
  | 'status_change'
  | 'all_versions'
  | 'default_status'
  | 'device_version_unreadable'
  | 'record_version_unreadable'
  | 'listed_without_versions'
  | 'record_status_unknown'

/** What decided: a version object (`exact`, `range`, `all_versions`, `cpe`), the entry's default, a product listed without versions, unreadable record data, or the device's own unreadable version. */
export type RuleKind = 'exact' | 'range' | 'all_versions' | 'default_status' | 'cpe' | 'listed' | 'unreadable' | 'device_version'

export interface MatchExplanation {
  cveId: string
  status: 'affected' | 'unknown'
  reason: ReasonCode
  ruleKind: RuleKind
  source: Source
  provider: string
  /** JSON path of the deciding version object, or of the affected entry for the default. */
  path: string
  vendor: string
  product: string
  scheme: SchemeId
  exact?: string
  range?: { start: string | null; lessThan?: string; lessThanOrEqual?: string; change?: { at: string; status: Status } }
  cpe?: string
  platforms?: string[]
  readings?: ReadingCode[]
}

export interface Match extends MatchExplanation {
  deviceId: string
  /** The device's version as read (canonical), or as written when it could not be read. */
  version: string
}

export interface DeviceInput {
  id?: string
  vendor: string
  product: string
  version: string
  cpe?: string | null
}

/** A product's verdict for one version. `rule` −1: the default; `change` −1: none. */
export interface Verdict {
  status: Status | 'none'
  rule: number
  change: number
  reason: ReasonCode
}
const NONE: Verdict = { status: 'none', rule: -1, change: -1, reason: 'default_status' }

function verdict(status: Status, rule: number, change: number, reason: ReasonCode): Verdict {
  return { status, rule, change, reason: status === 'unknown' ? 'record_status_unknown' : reason }
}

/** Whether some version could come out affected or unknown (what an unreadable device version is reported against). */
function couldAffect(p: AffectedProduct): boolean {
  return p.defaultStatus === 'affected' || p.rules.some((r) => r.status !== 'unaffected' || (r.kind === 'range' && r.changes.some((c) => c.status !== 'unaffected')))
}

function pendingVerdict(p: AffectedProduct, pending: number): Verdict {
  if (p.defaultStatus === 'affected') return verdict('affected', -1, -1, 'default_status')
  if (pending >= 0) return { status: 'unknown', rule: pending, change: -1, reason: p.rules[pending]!.kind === 'listed' ? 'listed_without_versions' : 'record_version_unreadable' }
  return NONE
}

/** The CVE 5 status of one version for one product entry (the reference the index must agree with). */
export function evaluateProduct(p: AffectedProduct, v: ParsedVersion | null, raw: string): Verdict {
  if (!v) {
    for (let i = 0; i < p.rules.length; i++) {
      const r = p.rules[i]!
      if (r.kind === 'exact' && r.raw === raw) return verdict(r.status, i, -1, 'exact_version')
    }
    return couldAffect(p) ? { status: 'unknown', rule: -1, change: -1, reason: 'device_version_unreadable' } : NONE
  }
  const key = v.key
  let pending = -1
  for (let i = 0; i < p.rules.length; i++) {
    const r = p.rules[i]!
    switch (r.kind) {
      case 'exact':
        if (r.key !== null && r.key === key) return verdict(r.status, i, -1, 'exact_version')
        break
      case 'all':
        return verdict(r.status, i, -1, 'all_versions')
      case 'range': {
        if (r.start && key < r.start.key) break
        if (r.end && (r.end.inclusive ? key > r.end.key : key >= r.end.key)) break
        let c = -1
        while (c + 1 < r.changes.length && r.changes[c + 1]!.at.key <= key) c++
        return c >= 0 ? verdict(r.changes[c]!.status, i, c, 'status_change') : verdict(r.status, i, -1, 'in_range')
      }
      default:
        if (r.status === 'affected' && pending < 0) pending = i
    }
  }
  return pendingVerdict(p, pending)
}

/** The entries that decide for product key `key`: the CNA's when it says something usable, else the ADPs'. */
export function productsFor(record: NormalisedRecord, key: string): AffectedProduct[] {
  const cna: AffectedProduct[] = []
  const adp: AffectedProduct[] = []
  const kev: AffectedProduct[] = []
  for (const p of record.products) {
    if (!p.productKeys.includes(key)) continue
    ;(p.source === 'cna' ? cna : p.source === 'adp' ? adp : kev).push(p)
  }
  const usable = (p: AffectedProduct) => p.defaultStatus !== 'unknown' || p.rules.some((r) => r.kind === 'exact' || r.kind === 'range' || r.kind === 'all')
  if (cna.some(usable)) return cna
  if (adp.some(usable)) return adp
  return [...cna, ...adp, ...kev]
}

function explanation(cveId: string, p: AffectedProduct, v: Verdict): MatchExplanation {
  const rule: VersionRule | undefined = v.rule >= 0 ? p.rules[v.rule] : undefined
  const e: MatchExplanation = {
    cveId,
    status: v.status as 'affected' | 'unknown',
    reason: v.reason,
    ruleKind: 'default_status',
    source: p.source,
    provider: p.provider,
    path: rule?.path ?? p.path,
    vendor: p.vendor,
    product: p.product,
    scheme: p.scheme,
  }
  if (rule?.kind === 'exact') {
    e.ruleKind = rule.cpe ? 'cpe' : 'exact'
    e.exact = rule.version
    if (rule.cpe) e.cpe = rule.cpe
  } else if (rule?.kind === 'range') {
    e.ruleKind = 'range'
    e.range = { start: rule.start?.text ?? null }
    if (rule.end === null) e.range.lessThan = '*'
    else if (rule.end.inclusive) e.range.lessThanOrEqual = rule.end.text
    else e.range.lessThan = rule.end.text
    if (v.change >= 0) e.range.change = { at: rule.changes[v.change]!.at.text, status: rule.changes[v.change]!.status }
  } else if (rule?.kind === 'all') e.ruleKind = 'all_versions'
  else if (rule) e.ruleKind = rule.kind
  else if (v.reason === 'device_version_unreadable') e.ruleKind = 'device_version'
  if (p.platforms.length) e.platforms = p.platforms
  const readings = [...p.readings, ...(rule?.reading ? [rule.reading] : [])]
  if (readings.length) e.readings = readings
  if (!e.cpe && p.cpes.length && p.source !== 'cna') e.cpe = p.cpes[0]
  return e
}

/** Best verdict over the deciding products: the first affected, else the first unknown. */
function combine(products: AffectedProduct[], v: ParsedVersion | null, raw: string): { product: AffectedProduct; verdict: Verdict } | null {
  let unknown: { product: AffectedProduct; verdict: Verdict } | null = null
  for (const product of products) {
    const verdict = evaluateProduct(product, v, raw)
    if (verdict.status === 'affected') return { product, verdict }
    if (verdict.status === 'unknown' && !unknown) unknown = { product, verdict }
  }
  return unknown
}

/**
 * A device's product key (its CPE's when it has a readable one, else its vendor and product's) and version text
 * (the CPE's version when the version column is blank).
 */
export function deviceIdentity(d: DeviceInput): { key: string; version: string } {
  const cpe = d.cpe ? parseCpe(d.cpe) : null
  const key = (cpe ? cpeProductKey(d.cpe!) : '') || productKey(d.vendor, d.product)
  const version = typeof d.version === 'string' && d.version.trim() !== '' ? d.version : cpe ? (cpeVersionText(cpe) ?? '') : ''
  return { key, version }
}

/** Every record that affects `device` or cannot be decided for it, explained. */
export function matchDevice(device: DeviceInput, records: readonly NormalisedRecord[]): Match[] {
  const { key, version } = deviceIdentity(device)
  if (key === '') return []
  const parsed = parseVersion(schemeForProduct(key), version)
  const raw = cleanVersionText(version).toLowerCase()
  const out: Match[] = []
  for (const record of records) {
    const products = productsFor(record, key)
    if (products.length === 0) continue
    const best = combine(products, parsed, raw)
    if (best) out.push({ ...explanation(record.cveId, best.product, best.verdict), deviceId: device.id ?? '', version: parsed?.canonical ?? cleanVersionText(version) })
  }
  return out
}

/** Devices of one product key, ordered by version. */
export interface ProductGroup {
  key: string
  scheme: SchemeId
  /** Sorted distinct sort keys of the readable versions. */
  versionKeys: string[]
  /** A canonical text for each. */
  versionTexts: string[]
  /** Distinct texts (cleaned, lower case) of the unreadable versions. */
  rawTexts: string[]
  /** Devices (indexes into the input) ordered by version: readable ones by key, then unreadable ones by text. */
  devices: Int32Array
  /** `devices[offsets[i]..offsets[i+1])` have readable version i; `devices[offsets[n + j]..offsets[n + j + 1])` raw text j. */
  offsets: Int32Array
  keyIndex: Map<string, number>
}

export interface DeviceIndex {
  size: number
  groups: Map<string, ProductGroup>
  /** Devices with no product key (blank vendor or product): they can match nothing and are listed here. */
  unkeyed: number[]
}

/** Group, read and sort a device list for fan-out. Each distinct version text is parsed once per product. */
export function buildIndex(devices: readonly DeviceInput[]): DeviceIndex {
  const n = devices.length
  const groupOf = new Int32Array(n)
  const versionOf = new Int32Array(n)
  const keyMemo = new Map<string, Map<string, number>>()
  const cpeMemo = new Map<string, number>()
  const groupKeys: string[] = []
  const groupIds = new Map<string, number>()
  const groupVersions: Map<string, number>[] = []
  const unkeyed: number[] = []
  const idFor = (key: string) => {
    let g = groupIds.get(key)
    if (g === undefined) {
      g = groupKeys.length
      groupIds.set(key, g)
      groupKeys.push(key)
      groupVersions.push(new Map())
    }
    return g
  }
  // Most products have one vendor spelling: look the product up first and compare the vendor, one hash lookup
  // instead of two on a million fresh strings.
  const productFirst = new Map<string, { vendor: string; g: number }>()
  const byName = (vendor: string, product: string) => {
    const hit = productFirst.get(product)
    if (hit !== undefined && hit.vendor === vendor) return hit.g
    const g = byVendorAndProduct(vendor, product)
    if (hit === undefined) productFirst.set(product, { vendor, g })
    return g
  }
  const byVendorAndProduct = (vendor: string, product: string) => {
    let byProduct = keyMemo.get(vendor)
    if (!byProduct) keyMemo.set(vendor, (byProduct = new Map()))
    let memo = byProduct.get(product)
    if (memo === undefined) {
      const key = productKey(vendor, product)
      memo = key === '' ? -1 : idFor(key)
      byProduct.set(product, memo)
    }
    return memo
  }
  for (let i = 0; i < n; i++) {
    const d = devices[i]!
    let g = -1
    let version = d.version
    if (d.cpe) {
      // Memoised on the CPE up to its product; a CPE that cannot be read falls back to vendor and product.
      const head = d.cpe.split(':', 5).join(':')
      let memo = cpeMemo.get(head)
      if (memo === undefined) {
        const key = cpeProductKey(d.cpe)
        memo = key === '' ? -2 : idFor(key)
        cpeMemo.set(head, memo)
      }
      if (memo >= 0) {
        g = memo
        if (typeof version !== 'string' || version.trim() === '') version = deviceIdentity(d).version
      } else g = byName(d.vendor, d.product)
    } else g = byName(d.vendor, d.product)
    groupOf[i] = g
    if (g < 0) {
      unkeyed.push(i)
      continue
    }
    const versions = groupVersions[g]!
    const text = typeof version === 'string' ? version : ''
    let v = versions.get(text)
    if (v === undefined) versions.set(text, (v = versions.size))
    versionOf[i] = v
  }

  // Per group: read each distinct text, merge texts with the same key, order, and count devices per slot.
  const groups = new Map<string, ProductGroup>()
  const slotOf: Int32Array[] = []
  const counts: Int32Array[] = []
  groupKeys.forEach((key, g) => {
    const scheme = schemeForProduct(key)
    const texts = [...groupVersions[g]!.keys()]
    const parsed = texts.map((t) => parseVersion(scheme, t))
    const byKey = new Map<string, string>()
    const raws = new Set<string>()
    texts.forEach((t, i) => {
      const p = parsed[i]
      if (p) {
        if (!byKey.has(p.key)) byKey.set(p.key, p.canonical)
      } else raws.add(cleanVersionText(t).toLowerCase())
    })
    const versionKeys = [...byKey.keys()].sort()
    const keyIndex = new Map(versionKeys.map((k, i) => [k, i]))
    const rawTexts = [...raws].sort()
    const rawIndex = new Map(rawTexts.map((r, i) => [r, versionKeys.length + i]))
    const slot = new Int32Array(texts.length)
    texts.forEach((t, i) => {
      const p = parsed[i]
      slot[i] = p ? keyIndex.get(p.key)! : rawIndex.get(cleanVersionText(t).toLowerCase())!
    })
    slotOf.push(slot)
    counts.push(new Int32Array(versionKeys.length + rawTexts.length + 1))
    groups.set(key, { key, scheme, versionKeys, versionTexts: versionKeys.map((k) => byKey.get(k)!), rawTexts, devices: new Int32Array(0), offsets: new Int32Array(0), keyIndex })
  })
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!
    if (g >= 0) counts[g]![slotOf[g]![versionOf[i]!]! + 1]!++
  }
  groupKeys.forEach((key, g) => {
    const c = counts[g]!
    for (let s = 1; s < c.length; s++) c[s]! += c[s - 1]!
    const group = groups.get(key)!
    group.offsets = c.slice()
    group.devices = new Int32Array(c[c.length - 1]!)
  })
  const fill = groupKeys.map((key) => groups.get(key)!.offsets.slice())
  const targets = groupKeys.map((key) => groups.get(key)!.devices)
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!
    if (g < 0) continue
    const s = slotOf[g]![versionOf[i]!]!
    targets[g]![fill[g]![s]!++] = i
  }
  return { size: n, groups, unkeyed }
}

/** Devices of one product with the same verdict from the same rule. */
export interface MatchGroup {
  productKey: string
  explanation: MatchExplanation
  /** Indexes into the device list given to `buildIndex` (a view into the index: do not modify). */
  devices: Int32Array
  /** The versions covered (canonical texts, or unreadable texts), first and last, for display. */
  versions: { first: string; last: string; count: number }
}

export interface RecordMatches {
  cveId: string
  groups: MatchGroup[]
  /** Devices reported, affected and unknown. */
  affected: number
  unknown: number
}

function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
function upperBound(keys: readonly string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid]! <= key) lo = mid + 1
    else hi = mid
  }
  return lo
}

const STATUS_CODE: Record<Status, number> = { affected: 1, unaffected: 2, unknown: 3 }
const REASONS: ReasonCode[] = ['exact_version', 'in_range', 'status_change', 'all_versions', 'default_status', 'device_version_unreadable', 'record_version_unreadable', 'listed_without_versions', 'record_status_unknown']
const REASON_CODE = new Map(REASONS.map((r, i) => [r, i]))

/**
 * One product's verdicts for every readable version of a group, rule by rule (what `evaluateProduct` does per
 * version): status codes (0 none, 1 affected, 2 unaffected, 3 unknown), deciding rule, change and reason.
 */
function evaluateGroup(p: AffectedProduct, g: ProductGroup) {
  const keys = g.versionKeys
  const n = keys.length
  const status = new Uint8Array(n)
  const rule = new Int32Array(n).fill(-1)
  const change = new Int16Array(n).fill(-1)
  const reason = new Uint8Array(n)
  const set = (j: number, s: Status, r: number, c: number, why: ReasonCode) => {
    status[j] = STATUS_CODE[s]
    rule[j] = r
    change[j] = c
    reason[j] = REASON_CODE.get(why)!
  }
  const by = (s: Status, why: ReasonCode): ReasonCode => (s === 'unknown' ? 'record_status_unknown' : why)
  let pending = -1
  for (let i = 0; i < p.rules.length; i++) {
    const r = p.rules[i]!
    if (r.kind === 'exact') {
      if (r.key === null) continue
      const j = g.keyIndex.get(r.key)
      if (j !== undefined && status[j] === 0) set(j, r.status, i, -1, by(r.status, 'exact_version'))
    } else if (r.kind === 'all') {
      for (let j = 0; j < n; j++) if (status[j] === 0) set(j, r.status, i, -1, by(r.status, 'all_versions'))
    } else if (r.kind === 'range') {
      const lo = r.start ? lowerBound(keys, r.start.key) : 0
      const hi = r.end ? (r.end.inclusive ? upperBound(keys, r.end.key) : lowerBound(keys, r.end.key)) : n
      let c = -1
      for (let j = lo; j < hi; j++) {
        while (c + 1 < r.changes.length && r.changes[c + 1]!.at.key <= keys[j]!) c++
        if (status[j] !== 0) continue
        if (c >= 0) set(j, r.changes[c]!.status, i, c, by(r.changes[c]!.status, 'status_change'))
        else set(j, r.status, i, -1, by(r.status, 'in_range'))
      }
    } else if (r.status === 'affected' && pending < 0) pending = i
  }
  const rest = pendingVerdict(p, pending)
  if (rest.status !== 'none') for (let j = 0; j < n; j++) if (status[j] === 0) set(j, rest.status as Status, rest.rule, -1, rest.reason)
  return { status, rule, change, reason }
}

/** Fan one record out to an index: every device it affects or cannot decide, in groups sharing one explanation. */
export function matchRecord(index: DeviceIndex, record: NormalisedRecord): RecordMatches {
  const out: RecordMatches = { cveId: record.cveId, groups: [], affected: 0, unknown: 0 }
  const keys = new Set<string>()
  for (const p of record.products) for (const k of p.productKeys) keys.add(k)
  for (const key of keys) {
    const g = index.groups.get(key)
    if (!g) continue
    const products = productsFor(record, key)
    if (products.length === 0) continue
    const n = g.versionKeys.length
    // Readable versions: combine the products' verdicts (first affected, else first unknown).
    const best = new Int32Array(n).fill(-1)
    const evaluated = products.map((p) => evaluateGroup(p, g))
    for (let j = 0; j < n; j++) {
      let unknown = -1
      for (let k = 0; k < products.length; k++) {
        const s = evaluated[k]!.status[j]
        if (s === 1) {
          best[j] = k
          break
        }
        if (s === 3 && unknown < 0) unknown = k
      }
      if (best[j]! < 0) best[j] = unknown
    }
    const explained = new Map<string, MatchExplanation>()
    const emit = (k: number, v: Verdict, from: number, to: number, first: string, last: string, count: number) => {
      const id = `${k}/${v.rule}/${v.change}/${v.reason}/${v.status}`
      let e = explained.get(id)
      if (!e) explained.set(id, (e = explanation(record.cveId, products[k]!, v)))
      const devices = g.devices.subarray(g.offsets[from]!, g.offsets[to]!)
      if (v.status === 'affected') out.affected += devices.length
      else out.unknown += devices.length
      out.groups.push({ productKey: key, explanation: e, devices, versions: { first, last, count } })
    }
    let j = 0
    while (j < n) {
      const k = best[j]!
      if (k < 0) {
        j++
        continue
      }
      const ev = evaluated[k]!
      const v: Verdict = { status: ev.status[j] === 1 ? 'affected' : 'unknown', rule: ev.rule[j]!, change: ev.change[j]!, reason: REASONS[ev.reason[j]!]! }
      let end = j + 1
      while (end < n && best[end] === k && ev.status[end] === ev.status[j] && ev.rule[end] === ev.rule[j] && ev.change[end] === ev.change[j] && ev.reason[end] === ev.reason[j]) end++
      emit(k, v, j, end, g.versionTexts[j]!, g.versionTexts[end - 1]!, end - j)
      j = end
    }
    // Unreadable versions: equal texts still match listed versions; the rest are unknown where it matters.
    g.rawTexts.forEach((raw, r) => {
      const best = combine(products, null, raw)
      if (!best) return
      const k = products.indexOf(best.product)
      emit(k, best.verdict, n + r, n + r + 1, raw, raw, 1)
    })
  }
  return out
}

/** Compact technical text of a match, the same in every language (product names, versions, paths). */
export function describeMatch(e: MatchExplanation): string {
  const where = `${e.source === 'cna' ? 'CNA' : e.provider} ${e.path}`
  switch (e.ruleKind) {
    case 'exact':
    case 'cpe':
      return `${e.cveId}: ${e.product} = ${e.exact} (${where})`
    case 'range': {
      const r = e.range!
      const upper = r.lessThanOrEqual !== undefined ? `${r.lessThanOrEqual}]` : `${r.lessThan})`
      const change = r.change ? `, ${r.change.status} from ${r.change.at}` : ''
      return `${e.cveId}: ${e.product} [${r.start ?? '0'}, ${upper}${change} (${where})`
    }
    default:
      return `${e.cveId}: ${e.product} ${e.reason} (${where})`
  }
}
