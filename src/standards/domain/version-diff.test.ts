import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { RequirementNode, Strength } from './model.ts'
import { catalogArb, nodeArb, reorderKeys, seeded, shuffled } from './arbitraries.test-support.ts'
import { deepEqual, diffObligations, diffVersions, NODE_FIELDS, type DiffableObligation, type NodeField } from './version-diff.ts'

/**
 * One edit per field that is guaranteed to change it, so the ground truth of a random edit script is known
 * without comparing anything.
 */
const EDITS: Record<NodeField, (n: RequirementNode, salt: number) => RequirementNode> = {
  number: (n, salt) => ({ ...n, number: `${n.number}.${salt}` }),
  parent: (n) => ({ ...n, parentId: n.parentId === null ? 'g-new' : null }),
  kind: (n) => ({ ...n, kind: n.kind === 'group' ? 'requirement' : 'group' }),
  title: (n, salt) => ({ ...n, title: { ...n.title, ja: `${n.title.ja}改${salt}` } }),
  text: (n, salt) => ({ ...n, text: { ...n.text, en: `${n.text.en} (rev ${salt})` } }),
  strength: (n) => {
    const cycle: (Strength | null)[] = ['must', 'should', 'may', null]
    return { ...n, strength: cycle[(cycle.indexOf(n.strength) + 1) % cycle.length]! }
  },
  addressee: (n) => ({ ...n, addressee: n.addressee === 'operator' ? 'ministry' : 'operator' }),
  parameters: (n, salt) => {
    const [first, ...rest] = n.parameters
    if (!first || salt % 3 === 0) {
      return { ...n, parameters: [...n.parameters, { id: `fresh_${salt}`, label: { ja: '', en: '' }, type: 'integer', value: salt }] }
    }
    if (salt % 3 === 1) return { ...n, parameters: rest }
    const value = typeof first.value === 'number' ? first.value + 1 : typeof first.value === 'boolean' ? !first.value
      : typeof first.value === 'string' ? `${first.value}x` : 0
    return { ...n, parameters: [...rest, { ...first, value }] }
  },
  applicability: (n) => ({ ...n, applicability: { kind: 'not', of: n.applicability } }),
  guidance: (n, salt) => ({ ...n, guidance: { ...n.guidance, ja: `${n.guidance.ja}注${salt}` } }),
  evidence: (n, salt) => ({ ...n, evidence: [...n.evidence, { ja: `証跡${salt}`, en: `evidence ${salt}` }] }),
  plain: (n, salt) => {
    if (n.plain === undefined) return { ...n, plain: { ja: `やさしい${salt}`, en: '' } }
    const { plain: _dropped, ...rest } = n
    return rest
  },
  withdrawn: (n, salt) => (n.withdrawn ? (salt % 2 === 0 ? { ...n, withdrawn: false } : omitWithdrawn(n)) : { ...n, withdrawn: true }),
}

function omitWithdrawn(n: RequirementNode): RequirementNode {
  const { withdrawn: _dropped, ...rest } = n
  return rest
}

/** Edits that change nothing a reader could see: key order, parameter order, explicit defaults. */
function cosmetic(n: RequirementNode, random: () => number): RequirementNode {
  let out: RequirementNode = { ...n, parameters: shuffled(n.parameters, random) }
  if (!out.withdrawn && random() < 0.5) out = random() < 0.5 ? { ...out, withdrawn: false } : omitWithdrawn(out)
  if (out.plain === undefined && random() < 0.5) out = { ...out, plain: undefined }
  return reorderKeys(out, random)
}

interface Script {
  before: RequirementNode[]
  after: RequirementNode[]
  added: Set<string>
  removed: Set<string>
  changed: Map<string, NodeField[]>
}

const scriptArb: fc.Arbitrary<Script> = fc
  .tuple(
    catalogArb(14),
    fc.array(nodeArb('placeholder'), { maxLength: 4 }),
    fc.array(fc.constantFrom('keep', 'remove', 'change'), { minLength: 14, maxLength: 14 }),
    fc.array(fc.subarray([...NODE_FIELDS], { minLength: 1 }), { minLength: 14, maxLength: 14 }),
    fc.integer(),
  )
  .map(([before, fresh, fates, fieldSets, seed]) => {
    const random = seeded(seed)
    const after: RequirementNode[] = []
    const removed = new Set<string>()
    const changed = new Map<string, NodeField[]>()
    before.forEach((node, i) => {
      const fate = fates[i]!
      if (fate === 'remove') { removed.add(node.id); return }
      let edited = node
      if (fate === 'change') {
        const fields = fieldSets[i]!
        fields.forEach((f, k) => { edited = EDITS[f](edited, i * 31 + k + 1) })
        changed.set(node.id, NODE_FIELDS.filter((f) => fields.includes(f)))
      }
      after.push(cosmetic(edited, random))
    })
    const added = new Set<string>()
    fresh.forEach((node, i) => {
      const id = `new${i}`
      added.add(id)
      after.push({ ...node, id })
    })
    return { before, after: shuffled(after, random), added, removed, changed }
  })

describe('diffVersions', () => {
  it('reports exactly the added, removed and changed nodes, with exactly the changed fields (random edit scripts)', () => {
    fc.assert(fc.property(scriptArb, ({ before, after, added, removed, changed }) => {
      const diff = diffVersions(before, after)
      expect(new Set(diff.added.map((n) => n.id))).toEqual(added)
      expect(diff.added).toHaveLength(added.size)
      expect(new Set(diff.removed.map((n) => n.id))).toEqual(removed)
      expect(diff.removed).toHaveLength(removed.size)
      expect(new Map(diff.changed.map((c) => [c.id, c.fields]))).toEqual(changed)
      expect(diff.changed).toHaveLength(changed.size)
      for (const c of diff.changed) {
        expect(c.before.id).toBe(c.id)
        expect(c.after.id).toBe(c.id)
        expect(c.number).toBe(c.after.number)
      }
    }), { numRuns: 300 })
  })

  it('a version compared with itself, however serialised, has no differences', () => {
    fc.assert(fc.property(catalogArb(), fc.integer(), (nodes, seed) => {
      const random = seeded(seed)
      expect(diffVersions(nodes, shuffled(nodes.map((n) => cosmetic(n, random)), random))).toEqual({ added: [], removed: [], changed: [] })
    }))
  })

  it('swapping before and after swaps added and removed and keeps the changed fields', () => {
    fc.assert(fc.property(scriptArb, ({ before, after }) => {
      const forward = diffVersions(before, after)
      const backward = diffVersions(after, before)
      expect(backward.added.map((n) => n.id).sort()).toEqual(forward.removed.map((n) => n.id).sort())
      expect(backward.removed.map((n) => n.id).sort()).toEqual(forward.added.map((n) => n.id).sort())
      expect(new Map(backward.changed.map((c) => [c.id, c.fields]))).toEqual(new Map(forward.changed.map((c) => [c.id, c.fields])))
    }))
  })

  it('orders each list by official number in natural order', () => {
    const node = (id: string, number: string): RequirementNode => ({
      id, number, parentId: null, kind: 'requirement', title: { ja: '', en: '' }, text: { ja: '', en: '' }, strength: 'must',
      addressee: 'operator', parameters: [], applicability: { kind: 'always' }, guidance: { ja: '', en: '' }, evidence: [],
    })
    const diff = diffVersions([], [node('a', '3.4.10'), node('b', '3.4.9'), node('c', '3.4.9(1)'), node('d', '3.10')])
    expect(diff.added.map((n) => n.number)).toEqual(['3.4.9', '3.4.9(1)', '3.4.10', '3.10'])
  })

  it('refuses duplicate node ids', () => {
    const n = { id: 'x', number: '1', parentId: null, kind: 'group', title: { ja: '', en: '' }, text: { ja: '', en: '' }, strength: null, addressee: null, parameters: [], applicability: { kind: 'always' }, guidance: { ja: '', en: '' }, evidence: [] } satisfies RequirementNode
    expect(() => diffVersions([n, n], [])).toThrow(/duplicate node id x/)
  })
})

describe('deepEqual', () => {
  it('ignores key order and undefined-valued keys, respects array order', () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true)
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(deepEqual({ c: [1, 2] }, { c: [2, 1] })).toBe(false)
    expect(deepEqual({ a: null }, {})).toBe(false)
    expect(deepEqual([], {})).toBe(false)
  })
})

describe('diffObligations', () => {
  const obligation = (documentId: string, versionId: string, nodeId: string, over: Partial<DiffableObligation> = {}): DiffableObligation => ({
    key: `${versionId}#${nodeId}`,
    lineage: `${documentId}#${nodeId}`,
    title: { ja: `題${nodeId}`, en: `Title ${nodeId}` },
    text: { ja: '本文', en: 'Text' },
    strength: 'must',
    parameters: [],
    sources: [{ documentId, versionId, nodeId, number: '3.1', strength: 'must' }],
    reasons: [{ source: `${versionId}#${nodeId}`, why: 'sector-standard:medical', because: [] }],
    ...over,
  })

  it('a new version with the same content changes no obligation, though every key changed', () => {
    const before = [obligation('us', 'us-v1', 'a'), obligation('us', 'us-v1', 'b')]
    const after = [obligation('us', 'us-v2', 'a'), obligation('us', 'us-v2', 'b')]
    expect(diffObligations(before, after)).toEqual({ added: [], removed: [], changed: [] })
  })

  it('reports added, removed and the fields that changed', () => {
    const before = [obligation('us', 'us-v1', 'a'), obligation('us', 'us-v1', 'b')]
    const after = [
      obligation('us', 'us-v2', 'a', { strength: 'should', text: { ja: '改', en: 'Text' } }),
      obligation('us', 'us-v2', 'c'),
    ]
    const diff = diffObligations(before, after)
    expect(diff.added.map((o) => o.lineage)).toEqual(['us#c'])
    expect(diff.removed.map((o) => o.lineage)).toEqual(['us#b'])
    expect(diff.changed.map((c) => [c.identity, c.fields])).toEqual([['us#a', ['text', 'strength']]])
  })

  it('a changed reason or a newly merged source is a change', () => {
    const before = [obligation('us', 'us-v1', 'a')]
    const because = obligation('us', 'us-v2', 'a', { reasons: [{ source: 'us-v2#a', why: 'sector-standard:medical', because: ['fact:uses_cloud'] }] })
    expect(diffObligations(before, [because]).changed[0]?.fields).toEqual(['reasons'])
    const merged = obligation('us', 'us-v2', 'a', {
      sources: [...before[0]!.sources.map((s) => ({ ...s, versionId: 'us-v2' })), { documentId: 'law', versionId: 'law-v1', nodeId: 'art5', number: '5', strength: 'must' }],
    })
    expect(diffObligations(before, [merged]).changed[0]?.fields).toEqual(['sources'])
  })
})
