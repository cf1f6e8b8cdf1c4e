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
