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
  /** Version texts the records name for it (exact versions, bounds, change points), distinct. */
  versions: string[]
}

function ruleTexts(rule: VersionRule): string[] {
  switch (rule.kind) {
    case 'exact':
      return [rule.version]
    case 'range':
      return [rule.start?.text, rule.end && rule.end.key.endsWith('\u007f') ? undefined : rule.end?.text, ...rule.changes.map((c) => c.at.text)].filter((t): t is string => t !== undefined && t !== '')
    default:
      return []
  }
}

/** Every product key the records name, with the version texts they use for it (only those its scheme reads). */
export function versionSpace(records: readonly NormalisedRecord[]): ProductSpace[] {
  const byKey = new Map<string, ProductSpace & { seen: Set<string> }>()
  for (const record of records) {
    for (const p of record.products) {
      for (const key of p.productKeys) {
        let space = byKey.get(key)
        if (!space) byKey.set(key, (space = { key, scheme: p.scheme, vendor: p.vendor, product: p.product, versions: [], seen: new Set() }))
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
  return [...byKey.values()].map(({ seen: _seen, ...space }) => space).sort((a, b) => (a.key < b.key ? -1 : 1))
}
