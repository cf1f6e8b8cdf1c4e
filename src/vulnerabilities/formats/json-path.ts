/**
 * JSONPath-style locations for error reports: `$.containers.cna.affected[2].versions[0].lessThan`. Keys that
 * are not plain identifiers are bracketed and quoted (`$['x-generator']`), so every path reads back unambiguously.
 */
export type PathSegment = string | number

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

export function jsonPath(segments: readonly PathSegment[]): string {
  let out = '$'
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (IDENTIFIER.test(s)) out += `.${s}`
    else out += `[${JSON.stringify(s)}]`
  }
  return out
}

/** The value at `segments` inside `root`, or undefined when the path leaves the document. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let here: unknown = root
  for (const s of segments) {
    if (here === null || typeof here !== 'object') return undefined
    here = (here as Record<string | number, unknown>)[s]
  }
  return here
}

/** The JSON type of a value as people read it: string, number, boolean, null, array, object, or missing. */
export function jsonTypeOf(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/**
 * Locations of strings (values or keys) holding U+0000. PostgreSQL text cannot store it, and no feed needs it:
 * readers refuse such documents by path instead of letting the database fail the whole import.
 */
export function nulLocations(root: unknown, limit = 5): PathSegment[][] {
  const out: PathSegment[][] = []
  const walk = (value: unknown, at: PathSegment[]): void => {
    if (out.length >= limit) return
    if (typeof value === 'string') { if (value.includes('\u0000')) out.push(at); return }
    if (Array.isArray(value)) { value.forEach((v, i) => walk(v, [...at, i])); return }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000')) { out.push([...at, k]); if (out.length >= limit) return }
        walk(v, [...at, k])
      }
    }
  }
  walk(root, [])
  return out
}
