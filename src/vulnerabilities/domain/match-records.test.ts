import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SHARED_DATA_DIR } from '../../../test/harness/shared-data.ts'
import { normaliseRecord, type AffectedProduct, type NormalisedRecord, type Status, type VersionRule } from './affected.ts'
import { buildIndex, deviceIdentity, matchDevice, matchRecord, type DeviceInput } from './match.ts'
import { schemeForProduct } from './products.ts'
import { neighbour } from './version-space.ts'
import { cleanVersionText, compareVersions, parseVersion, type ParsedVersion, type SchemeId } from './versions/index.ts'

/**
 * Acceptance: for every record in ../shared/data/cve-records-network-ics, an inventory generated with versions
 * just inside and just outside each range (and on and next to each listed version, each change point, and an
 * unreadable version per product) yields exactly the expected matches.
 *
 * "Expected" is computed here by a direct reading of the CVE 5 algorithm over the normalised rules, written
 * independently of `match.ts` (version objects in order, first match decides, changes in version order, else the
 * default; CNA before ADP; affected > unknown). Both ways into the matcher — `matchDevice` per device and
 * `buildIndex` + `matchRecord` per record — must give exactly that set of (device, record, status, rule).
 */
const RECORDS = join(SHARED_DATA_DIR, 'cve-records-network-ics/records')
const files = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.json') ? [join(dir, n)] : []))
const FILES = files(RECORDS)
const RECORDS_ALL: NormalisedRecord[] = FILES.map((f) => normaliseRecord(JSON.parse(readFileSync(f, 'utf8'))))

/** `near`: generated next to a bound but not claimed to be on either side (change points, `*` bounds, inverted ranges). */
type Label = 'inside' | 'outside' | 'near'
interface Point {
  device: DeviceInput & { id: string }
  cveId: string
  product: AffectedProduct
  rule: number
  label: Label
}

/** Bounds as versions, to compare with `compareVersions` (made once per bound). */
const asVersion = new Map<object, ParsedVersion>()
const ver = (scheme: SchemeId, b: { key: string; canonical: string; text: string }): ParsedVersion => {
  let v = asVersion.get(b)
  if (!v) asVersion.set(b, (v = { scheme, text: b.text, canonical: b.canonical, key: b.key }))
  return v
}
/** Each exact rule's version read again from its text (per product, once). */
const exactKeys = new Map<readonly VersionRule[], (string | null)[]>()
function exactKey(scheme: SchemeId, rules: readonly VersionRule[], i: number): string | null {
  let keys = exactKeys.get(rules)
  if (!keys) exactKeys.set(rules, (keys = rules.map((r) => (r.kind === 'exact' && r.key !== null ? (parseVersion(scheme, r.version)?.key ?? null) : null))))
  return keys[i]!
}
function inRule(scheme: SchemeId, r: VersionRule, v: ParsedVersion, exact: string | null = null): boolean {
  if (r.kind === 'exact') return exact !== null && exact === v.key
  if (r.kind === 'all') return true
  if (r.kind !== 'range') return false
  if (r.start && compareVersions(v, ver(scheme, r.start)) < 0) return false
  if (!r.end) return true
  const c = compareVersions(v, ver(scheme, r.end))
  return r.end.inclusive ? c <= 0 : c < 0
}

/** The CVE 5 status of `v` in product `p`, straight from the schema's description. */
const affects = new Map<AffectedProduct, boolean>()
function oracleProduct(p: AffectedProduct, v: ParsedVersion | null, raw: string): { status: Status; path: string } | null {
  if (!affects.has(p)) affects.set(p, p.defaultStatus === 'affected' || p.rules.some((r) => r.status !== 'unaffected' || (r.kind === 'range' && r.changes.some((c) => c.status !== 'unaffected'))))
  const affectedSomewhere = affects.get(p)!
  if (v === null) {
    const listed = p.rules.find((r) => r.kind === 'exact' && r.raw === raw)
    if (listed) return { status: listed.status, path: listed.path }
    return affectedSomewhere ? { status: 'unknown', path: p.path } : null
  }
  for (let i = 0; i < p.rules.length; i++) {
    const r = p.rules[i]!
    if (!inRule(p.scheme, r, v, exactKey(p.scheme, p.rules, i))) continue
    let status = r.status
    if (r.kind === 'range') {
      // The status after the greatest change point at or below v.
      let last: (typeof r.changes)[number] | undefined
      for (const c of r.changes) if (compareVersions(ver(p.scheme, c.at), v) <= 0 && (!last || compareVersions(ver(p.scheme, c.at), ver(p.scheme, last.at)) > 0)) last = c
      if (last) status = last.status
    }
    return { status, path: r.path }
  }
  if (p.defaultStatus === 'affected') return { status: 'affected', path: p.path }
  const pending = p.rules.find((r) => (r.kind === 'listed' || r.kind === 'unreadable') && r.status === 'affected')
  return pending ? { status: 'unknown', path: pending.path } : null
}

/** The entries that decide for `key`: the CNA's if one says something usable, else the ADPs', else all. */
function deciding(record: NormalisedRecord, key: string): AffectedProduct[] {
  const of = (source: string) => record.products.filter((p) => p.source === source && p.productKeys.includes(key))
  const says = (p: AffectedProduct) => p.defaultStatus !== 'unknown' || p.rules.some((r) => ['exact', 'range', 'all'].includes(r.kind))
  const cna = of('cna')
  const adp = of('adp')
  return cna.some(says) ? cna : adp.some(says) ? adp : [...cna, ...adp, ...of('kev')]
}

function oracle(products: AffectedProduct[], v: ParsedVersion | null, raw: string): { status: Status; path: string } | null {
  const verdicts = products.map((p) => oracleProduct(p, v, raw))
  return verdicts.find((x) => x?.status === 'affected') ?? verdicts.find((x) => x?.status === 'unknown') ?? null
}

/** A version of each scheme, for rules with no bound to stand next to (all versions, no versions). */
const SAMPLE: Record<SchemeId, string> = {
  semver: '1.0.0',
  'cisco-ios': '15.2(4)M7',
  'cisco-ios-xe': '17.9.4',
  'cisco-nxos': '9.3(1)',
  fortios: '7.2.4',
  junos: '21.4R3-S5',
  panos: '10.2.9-h1',
  ivanti: '22.7R2.3',
  citrix: '13.1-51.15',
  firmware: 'V2.3',
  generic: '1.0',
}

/** Versions on and next to every bound of every rule, labelled by whether the rule itself contains them. */
function generate(): Point[] {
  const points: Point[] = []
  const seen = new Set<string>()
  for (const record of RECORDS_ALL) {
    for (const product of record.products) {
      const scheme = product.scheme
      const add = (text: string | null | undefined, rule: number, label: Label) => {
        if (!text) return
        // One device per product key and version text (the first spelling of the product that comes up).
        const dedupe = `${product.productKeys[0]}|${cleanVersionText(text).toLowerCase()}`
        if (seen.has(dedupe)) return
        seen.add(dedupe)
        points.push({ device: { id: `d${points.length}`, vendor: product.vendor, product: product.product, version: text }, cveId: record.cveId, product, rule, label })
      }
      const near = (text: string, direction: 1 | -1) => neighbour(scheme, text, direction)?.canonical
      product.rules.forEach((r, i) => {
        if (r.kind === 'exact') {
          add(r.version, i, 'inside')
          if (r.key !== null) {
            add(near(r.version, 1), i, 'outside')
            add(near(r.version, -1), i, 'outside')
          }
        } else if (r.kind === 'range') {
          const sure = r.reading !== 'inverted_range'
          if (r.start && parseVersion(scheme, r.start.canonical)) {
            add(r.start.canonical, i, sure ? 'inside' : 'near')
            add(near(r.start.canonical, -1), i, 'outside')
          }
          if (r.end && r.end.key.endsWith('\u007f')) {
            const prefix = cleanVersionText(r.end.text).replace(/[.\-]?\*.*$/, '')
            add(prefix, i, 'near')
            add(near(prefix, 1), i, 'outside')
          } else if (r.end?.inclusive) {
            add(r.end.canonical, i, sure ? 'inside' : 'near')
            add(near(r.end.canonical, 1), i, 'outside')
          } else if (r.end) {
            add(r.end.canonical, i, 'outside')
            // Just below the end is inside unless it also drops below the start (one-version ranges).
            const below = near(r.end.canonical, -1)
            if (below) add(below, i, sure && (!r.start || parseVersion(scheme, below)!.key >= r.start.key) ? 'inside' : 'near')
          }
          if (!r.end) add(r.start ? near(r.start.canonical, 1) : SAMPLE[scheme], i, sure ? 'inside' : 'near')
          for (const c of r.changes) {
            add(c.at.canonical, i, 'near')
            add(near(c.at.canonical, -1), i, 'near')
          }
        } else {
          add(SAMPLE[scheme], i, 'inside')
        }
      })
      add('not a version at all', -1, 'outside')
    }
  }
  return points
}

const POINTS = generate()
const DEVICES = POINTS.map((p) => p.device)

describe('every shared record against an inventory generated around its ranges', () => {
  it('reads the 441 records and generates devices around every rule', () => {
    expect(FILES).toHaveLength(441)
    expect(new Set(RECORDS_ALL.map((r) => r.cveId)).size).toBe(441)
    expect(DEVICES.length).toBeGreaterThan(10_000)
  })

  it('labels hold: a point generated inside a rule is in it, outside is not (where the scheme reads it)', () => {
    let checked = 0
    for (const p of POINTS) {
      if (p.rule < 0) continue
      const r = p.product.rules[p.rule]!
      const v = parseVersion(p.product.scheme, p.device.version)
      if (!v || p.label === 'near' || (r.kind !== 'exact' && r.kind !== 'range') || (r.kind === 'exact' && r.key === null)) continue
      expect(inRule(p.product.scheme, r, v, exactKey(p.product.scheme, p.product.rules, p.rule)), `${p.cveId} ${p.product.product} ${p.device.version} ${p.label} ${r.path}`).toBe(p.label === 'inside')
      checked++
    }
    expect(checked).toBeGreaterThan(10_000)
  })

  it('matchDevice and buildIndex + matchRecord both give exactly the expected matches', () => {
    const keyOf = DEVICES.map((d) => deviceIdentity(d).key)
    const byKey = new Map<string, number[]>()
    keyOf.forEach((k, i) => {
      if (!byKey.has(k)) byKey.set(k, [])
      byKey.get(k)!.push(i)
    })

    const expected = new Map<string, string>()
    for (const record of RECORDS_ALL) {
      const keys = new Set(record.products.flatMap((p) => p.productKeys))
      for (const key of keys) {
        const scheme = schemeForProduct(key)
        const products = deciding(record, key)
        for (const i of byKey.get(key) ?? []) {
          const text = DEVICES[i]!.version
          const got = oracle(products, parseVersion(scheme, text), cleanVersionText(text).toLowerCase())
          if (got && got.status !== 'unaffected') expected.set(`${i}|${record.cveId}`, `${got.status} ${got.path}`)
        }
      }
    }

    const perDevice = new Map<string, string>()
    const recordsByKey = new Map<string, NormalisedRecord[]>()
    for (const record of RECORDS_ALL) {
      for (const key of new Set(record.products.flatMap((p) => p.productKeys))) {
        if (!recordsByKey.has(key)) recordsByKey.set(key, [])
        recordsByKey.get(key)!.push(record)
      }
    }
    DEVICES.forEach((d, i) => {
      for (const m of matchDevice(d, recordsByKey.get(keyOf[i]!) ?? [])) perDevice.set(`${i}|${m.cveId}`, `${m.status} ${m.path}`)
    })

    const fanned = new Map<string, string>()
    const twice: string[] = []
    const index = buildIndex(DEVICES)
    for (const record of RECORDS_ALL) {
      for (const g of matchRecord(index, record).groups) {
        for (const i of g.devices) {
          const id = `${i}|${record.cveId}`
          if (fanned.has(id)) twice.push(id)
          fanned.set(id, `${g.explanation.status} ${g.explanation.path}`)
        }
      }
    }
    expect(twice).toEqual([])

    const diff = (a: Map<string, string>, b: Map<string, string>) =>
      [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).slice(0, 10).map((k) => {
        const [i, cve] = k.split('|')
        return `${cve} ${JSON.stringify(DEVICES[Number(i)])}: expected ${a.get(k)}, got ${b.get(k)}`
      })
    expect(diff(expected, perDevice)).toEqual([])
    expect(diff(expected, fanned)).toEqual([])

    const statuses = [...expected.values()].map((v) => v.split(' ')[0])
    expect(statuses.filter((s) => s === 'affected').length).toBeGreaterThan(10_000)
    expect(statuses.filter((s) => s === 'unknown').length).toBeGreaterThan(100)

    // Each record with a readable affected rule affects some generated device, and (unless every version is
    // affected) leaves some device of the same product alone.
    const affectedBy = new Set([...expected].filter(([, v]) => v.startsWith('affected')).map(([k]) => k.split('|')[1]))
    const readable = RECORDS_ALL.filter((r) => r.products.some((p) => p.source === 'cna' && p.rules.some((x) => x.status === 'affected' && (x.kind === 'exact' || x.kind === 'range') && (x.kind !== 'exact' || x.key !== null))))
    expect(readable.length).toBeGreaterThan(400)
    for (const r of readable) expect(affectedBy.has(r.cveId), r.cveId).toBe(true)
    let sparedSomewhere = 0
    for (const r of readable) {
      const keys = new Set(r.products.filter((p) => p.source === 'cna').flatMap((p) => p.productKeys))
      if ([...keys].some((k) => (byKey.get(k) ?? []).some((i) => !expected.has(`${i}|${r.cveId}`)))) sparedSomewhere++
    }
    expect(sparedSomewhere).toBeGreaterThan(readable.length - 5)
  })

  it('an unreadable version is reported unknown for every record that could affect its product', () => {
    const unreadable = DEVICES.map((d, i) => [d, i] as const).filter(([d]) => d.version === 'not a version at all')
    expect(unreadable.length).toBeGreaterThan(500)
    let reported = 0
    for (const [d] of unreadable) {
      const key = deviceIdentity(d).key
      const matches = matchDevice(d, RECORDS_ALL)
      for (const m of matches) expect([m.status, m.reason]).toEqual(['unknown', 'device_version_unreadable'])
      const couldAffect = RECORDS_ALL.filter((r) => oracle(deciding(r, key), null, 'not a version at all') !== null)
      expect(matches.map((m) => m.cveId).sort()).toEqual(couldAffect.map((r) => r.cveId).sort())
      reported += matches.length
    }
    expect(reported).toBeGreaterThan(unreadable.length)
  })
})
