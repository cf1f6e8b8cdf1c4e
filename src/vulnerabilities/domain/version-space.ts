import type { NormalisedRecord, VersionRule } from './affected.ts'
import { parseVersion, type ParsedVersion, type SchemeId } from './versions/index.ts'

/**
 * The vendor/product/version space the records talk about, and versions next to their bounds: what the
 * correctness test and the benchmark build inventories from.
 */

/** A version one step above or below `text` in its scheme (last number ±1, borrowing leftwards), or null. */
export function neighbour(scheme: SchemeId, text: string, direction: 1 | -1): ParsedVersion | null {
  const at = parseVersion(scheme, text)
  if (!at) return null
  const runs = [...at.canonical.matchAll(/\d+/g)]
  for (let r = runs.length - 1; r >= 0; r--) {
    const run = runs[r]!
    const value = Number(run[0])
    if (direction === -1 && value === 0) continue
    const next = String(value + direction)
    const candidate = at.canonical.slice(0, run.index) + next + at.canonical.slice(run.index + run[0].length)
    const v = parseVersion(scheme, candidate)
    if (v && (direction === 1 ? v.key > at.key : v.key < at.key)) return v
  }
  return null
}

export interface ProductSpace {
  key: string
  scheme: SchemeId
  /** Vendor and product as the records write them (first seen). */
  vendor: string
  product: string
  /** Every spelling the records use for this product key (CNA names, CISA-ADP CPE names). */
  names: { vendor: string; product: string }[]
  /** The CPE names (`cpe:2.3:o:cisco:ios_xe`, up to the product) the records give for it. */
  cpeHeads: string[]
  /** How many records name it. */
  records: number
  /** Version texts the records name for it (exact versions, bounds, change points), distinct, canonical. */
  versions: string[]
}

function ruleTexts(rule: VersionRule): string[] {
  switch (rule.kind) {
    case 'exact':
      return [rule.version]
    case 'range':
      return [rule.start?.canonical, rule.end && rule.end.key.endsWith('\u007f') ? undefined : rule.end?.canonical, ...rule.changes.map((c) => c.at.canonical)].filter((t): t is string => t !== undefined && t !== '')
    default:
      return []
  }
}

/** Every product key the records name, with the version texts they use for it (only those its scheme reads). */
export function versionSpace(records: readonly NormalisedRecord[]): ProductSpace[] {
  type Building = ProductSpace & { seen: Set<string>; spellings: Set<string>; heads: Set<string>; lastRecord: string }
  const byKey = new Map<string, Building>()
  for (const record of records) {
    for (const p of record.products) {
      for (const key of p.productKeys) {
        let space = byKey.get(key)
        if (!space) {
          space = { key, scheme: p.scheme, vendor: p.vendor, product: p.product, names: [], cpeHeads: [], records: 0, versions: [], seen: new Set(), spellings: new Set(), heads: new Set(), lastRecord: '' }
          byKey.set(key, space)
        }
        if (space.lastRecord !== record.cveId) {
          space.records++
          space.lastRecord = record.cveId
        }
        const spelling = `${p.vendor}\u0000${p.product}`
        if (p.productKeys[0] === key && !space.spellings.has(spelling)) {
          space.spellings.add(spelling)
          space.names.push({ vendor: p.vendor, product: p.product })
        }
        for (const cpe of p.cpes) {
          const head = cpe.split(':', 5).join(':')
          if (head.split(':').length === 5 && !space.heads.has(head)) {
            space.heads.add(head)
            space.cpeHeads.push(head)
          }
        }
        for (const rule of p.rules) {
          for (const text of ruleTexts(rule)) {
            const v = parseVersion(space.scheme, text)
            if (!v || space.seen.has(v.canonical)) continue
            space.seen.add(v.canonical)
            space.versions.push(v.canonical)
          }
        }
      }
    }
  }
  return [...byKey.values()]
    .map(({ seen: _s, spellings: _p, heads: _h, lastRecord: _l, ...space }) => space)
    .sort((a, b) => (a.key < b.key ? -1 : 1))
}
