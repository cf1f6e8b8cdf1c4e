import { createHash } from 'node:crypto'

/**
 * The canonical text of a JSON value: object keys sorted (by UTF-16 code units, as JavaScript sorts), no
 * whitespace. Two files that differ only in key order or formatting have the same canonical text, so
 * re-importing a reformatted copy of a record changes nothing.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export const canonicalSha256 = (value: unknown) => sha256Hex(canonicalJson(value))
