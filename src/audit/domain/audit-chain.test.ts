import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  canonicalJson, entryHash, GENESIS_HASH, stateDigest, verifyChain, type AuditEntry, type AuditFields,
} from './audit-chain.ts'

type Content = Omit<AuditFields, 'seq' | 'prevHash'>

/** A chain as the documented construction defines it: seq from 1, each entry pointing at its predecessor's hash. */
function buildChain(contents: Content[]): { entries: AuditEntry[]; head: { seq: number; hash: string } | null } {
  const entries: AuditEntry[] = []
  let prevHash = GENESIS_HASH
  for (const [i, content] of contents.entries()) {
    const fields: AuditFields = { ...content, seq: i + 1, prevHash }
    const entry = { ...fields, hash: entryHash(fields) }
    entries.push(entry)
    prevHash = entry.hash
  }
  const last = entries.at(-1)
  return { entries, head: last ? { seq: last.seq, hash: last.hash } : null }
}

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/)
const content: fc.Arbitrary<Content> = fc.record({
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actor: fc.oneof(fc.constant('system'), fc.uuid().map((u) => `user:${u}`), fc.string()),
  organisationId: fc.option(fc.string({ minLength: 1 }), { nil: null }),
  action: fc.string({ minLength: 1 }),
  targetType: fc.string(),
  targetId: fc.string(),
  beforeDigest: fc.option(hex64, { nil: null }),
  afterDigest: fc.option(hex64, { nil: null }),
})
const chain = fc.array(content, { minLength: 1, maxLength: 12 }).map(buildChain)

const FIELDS = ['seq', 'at', 'actor', 'organisationId', 'action', 'targetType', 'targetId', 'beforeDigest', 'afterDigest', 'prevHash', 'hash'] as const
type Field = (typeof FIELDS)[number]

/** A value for `field` that differs from `current`, of a type the field can hold. */
function otherValue(field: Field, current: unknown, salt: string, n: number): unknown {
  if (field === 'seq') return (current as number) + n
  const nullable = field === 'organisationId' || field === 'beforeDigest' || field === 'afterDigest'
  if (nullable && current !== null && n % 2 === 0) return null
  const candidate = `${String(current ?? '')}${salt}`
  return candidate === current ? `${candidate}x` : candidate
}

describe('audit hash chain', () => {
  it('an empty log verifies', () => {
    expect(verifyChain([], null)).toEqual({ ok: true, checked: 0 })
  })

  it('any chain built by the documented construction verifies', () => {
    fc.assert(fc.property(chain, ({ entries, head }) => {
      expect(verifyChain(entries, head)).toEqual({ ok: true, checked: entries.length })
    }))
  })

  it('changing any one field of any entry is detected at that entry', () => {
    fc.assert(fc.property(
      chain, fc.nat(), fc.constantFrom(...FIELDS), fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 1000 }),
      ({ entries, head }, pick, field, salt, n) => {
        const index = pick % entries.length
        const original = entries[index]!
        const changed = { ...original, [field]: otherValue(field, original[field], salt, n) }
        expect(changed[field]).not.toEqual(original[field])
        const tampered = entries.map((e, i) => (i === index ? changed : e))
        const verdict = verifyChain(tampered, head)
        expect(verdict.ok).toBe(false)
        expect(verdict.firstBad?.seq).toBe(original.seq)
        expect(verdict.checked).toBe(original.seq - 1)
      },
    ))
  })

  it('removing any entry is detected at its seq (truncation when it was the last)', () => {
    fc.assert(fc.property(chain, fc.nat(), ({ entries, head }, pick) => {
      const index = pick % entries.length
      const removed = entries[index]!
      const verdict = verifyChain(entries.filter((_, i) => i !== index), head)
      const last = index === entries.length - 1
      expect(verdict.firstBad).toEqual({ seq: removed.seq, reason: last ? 'truncated' : 'missing' })
    }))
  })

  it('swapping the contents of two entries is detected at the first of them', () => {
    fc.assert(fc.property(chain.filter((c) => c.entries.length >= 2), fc.nat(), fc.nat(), ({ entries, head }, p, q) => {
      const a = p % entries.length
      let b = q % entries.length
      if (b === a) b = (a + 1) % entries.length
      const [first, second] = a < b ? [a, b] : [b, a]
      const swapped = entries.map((e, i) => (i === first ? { ...entries[second]!, seq: e.seq } : i === second ? { ...entries[first]!, seq: e.seq } : e))
      const verdict = verifyChain(swapped, head)
      expect(verdict.ok).toBe(false)
      expect(verdict.firstBad?.seq).toBe(first + 1)
    }))
  })

  it('a head that no longer matches the last entry is reported', () => {
    fc.assert(fc.property(chain, hex64, ({ entries, head }, other) => {
      fc.pre(other !== head!.hash)
      expect(verifyChain(entries, { seq: head!.seq, hash: other }).ok).toBe(false)
      expect(verifyChain(entries, { seq: head!.seq - 1, hash: head!.hash }).ok).toBe(false)
    }))
  })
})

/** Rebuilds a JSON value with every object's keys inserted in an order drawn from `seed`. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0
  const next = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state }
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (v === null || typeof v !== 'object') return v
    const entries = Object.entries(v as Record<string, unknown>)
    for (let i = entries.length - 1; i > 0; i--) {
      const j = next() % (i + 1)
      ;[entries[i], entries[j]] = [entries[j]!, entries[i]!]
    }
    return Object.fromEntries(entries.map(([k, x]) => [k, walk(x)]))
  }
  return walk(value)
}

describe('canonicalJson', () => {
  it('is independent of key order', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
      const reordered = shuffleKeys(value, seed)
      expect(canonicalJson(reordered)).toBe(canonicalJson(value))
      expect(stateDigest(reordered)).toBe(stateDigest(value))
    }))
  })

  it('is JSON that parses back to the same value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)))
    }))
  })

  it('lists object keys in sorted order', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.integer()), (value) => {
      const keys = Object.keys(JSON.parse(canonicalJson(value)) as object)
      const sorted = [...Object.keys(value)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      // Integer-like keys are re-ordered by JSON.parse itself, so compare the text order instead.
      const textOrder = [...canonicalJson(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string)
      expect(new Set(keys)).toEqual(new Set(sorted))
      expect(textOrder).toEqual(sorted)
    }))
  })
})
