import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { DocumentKind, Mapping, Parameter, RequirementNode, ResolvedNode } from '../../standards/domain/model.ts'
import { DOCUMENT_KINDS, MAPPING_RELATIONSHIPS, strengthRank } from '../../standards/domain/model.ts'
import { FACTS, nodeArb, SECTORS, seeded, shuffled, TIER_LEVELS } from '../../standards/domain/arbitraries.test-support.ts'
import { evaluateCondition, type OperatorContext } from './applicability.ts'
import {
  compareNumbers, DOCUMENT_KIND_ORDER, prepareBindings, resolveFor, resolveObligations, type Binding, type Obligation,
} from './resolve-obligations.ts'

// ---------------------------------------------------------------------------------------------------------
// A handcrafted clinic
// ---------------------------------------------------------------------------------------------------------

function node(id: string, number: string, origin: string, over: Partial<RequirementNode> = {}): ResolvedNode {
  return {
    id, number, parentId: null, kind: 'requirement',
    title: { ja: `題 ${number}`, en: `Title ${number}` }, text: { ja: `本文 ${number}`, en: `Text ${number}` },
    strength: 'must', addressee: 'operator', parameters: [], applicability: { kind: 'always' },
    guidance: { ja: '', en: '' }, evidence: [], origin: { versionId: origin, number }, ...over,
  }
}

const interval = (value: number): Parameter =>
  ({ id: 'restore_test_days', label: { ja: '復旧試験間隔', en: 'Restore test interval' }, type: 'integer', value, unit: 'days', stricter: 'lower' })

function binding(versionId: string, documentKind: DocumentKind, why: string, nodes: ResolvedNode[]): Binding {
  const documentId = versionId.replace(/-v\d+$/, '')
  return { documentId, documentKind, documentTitle: { ja: documentId, en: documentId }, versionId, versionLabel: '1.0', why, nodes }
}

const law = binding('law-v1', 'law', 'law:flag=acdDesignated', [node('art5', '5', 'law-v1')])
const medical = binding('med-v1', 'sector_standard', 'sector-standard:medical/tier:medical-small', [
  node('us-3.4.1', '3.4.1', 'us-v1', { parameters: [interval(30)], plain: { ja: '月に一度、バックアップから戻せるか試していますか', en: '' } }),
  node('us-3.4.10', '3.4.10', 'us-v1', { strength: 'should', applicability: { kind: 'fact', fact: 'uses_cloud' } }),
  node('us-3.4.9', '3.4.9', 'us-v1', { applicability: { kind: 'sector', sectors: ['medical'] } }),
  node('us-3.5', '3.5', 'us-v1', { addressee: 'ministry' }),
  node('us-3.6', '3.6', 'us-v1', { withdrawn: true }),
  node('us-3.7', '3.7', 'us-v1', { applicability: { kind: 'tier_level', levels: ['enhanced'] } }),
  node('us-3', '3', 'us-v1', { kind: 'group', strength: null }),
])
const guideline = binding('gl-v1', 'guideline', 'guideline:sector=medical', [
  node('g-1', '1', 'gl-v1', { strength: 'may', parameters: [interval(14)] }),
  node('g-2', '2', 'gl-v1'),
  node('g-3', '3', 'gl-v1'),
])

function mapping(source: string, relationship: Mapping['relationship'], target: string): Mapping {
  const [sourceVersionId, sourceNodeId] = source.split('#') as [string, string]
  const [targetVersionId, targetNodeId] = target.split('#') as [string, string]
  return { sourceVersionId, sourceNodeId, targetVersionId, targetNodeId, relationship, rationale: '' }
}

const mappings = [
  mapping('gl-v1#g-1', 'equivalent-to', 'us-v1#us-3.4.1'),
  mapping('law-v1#art5', 'superset-of', 'us-v1#us-3.4.9'),
  mapping('gl-v1#g-2', 'intersects-with', 'us-v1#us-3.4.10'),
  mapping('gl-v1#g-3', 'subset-of', 'us-v1#us-3.7'),
  mapping('us-v1#us-3.4.1', 'equivalent-to', 'nist-csf-2#PR.DS-11'),
]

const clinic: OperatorContext = {
  organisationId: 'clinic-kaede', sectors: ['medical'], tierLevel: 'baseline', tierKey: 'medical-small',
  flags: { esDesignated: false, acdDesignated: true }, facts: ['uses_cloud'],
}

describe('lineage of a catalog requirement reached through a tier profile', () => {
  const national = binding('med-national-v1', 'sector_standard', 'sector-standard:medical/tier:medical-national', [
    node('us-3.4.1', '3.4.1', 'us-v1'), node('m-1', 'M.1', 'med-national-v1'),
  ])
  const originDocuments = new Map([['us-v1', 'us'], ['med-v1', 'med'], ['med-national-v1', 'med-national']])
  const lineages = (b: Binding) => resolveObligations({ operator: clinic, bindings: [b], mappings: [] }).map((o) => o.lineage)

  it('names the catalog when the binding says which document each origin version belongs to, so two tiers share it', () => {
    expect(lineages({ ...medical, originDocuments })).toContain('us#us-3.4.1')
    expect(lineages({ ...national, originDocuments })).toEqual(['us#us-3.4.1', 'med-national#m-1'])
  })

  it('names the binding document otherwise (and for the profile\'s own items)', () => {
    expect(lineages(national)).toEqual(['med-national#us-3.4.1', 'med-national#m-1'])
  })
})

describe('resolveObligations: a small clinic', () => {
  const obligations = resolveObligations({ operator: clinic, bindings: [guideline, medical, law], mappings })
  const sourcesOf = (o: Obligation) => o.sources.map((s) => `${s.versionId}#${s.nodeId}`)

  it('lists each applicable requirement once, merged through crosswalks, law first then by number', () => {
    expect(obligations.map(sourcesOf)).toEqual([
      ['law-v1#art5', 'med-v1#us-3.4.9'],
      ['med-v1#us-3.4.1', 'gl-v1#g-1'],
      ['med-v1#us-3.4.10'],
      ['gl-v1#g-2'],
      ['gl-v1#g-3'],
    ])
  })

  it('explains every source and carries the strongest strength and strictest parameter', () => {
    const backup = obligations[1]!
    expect(backup).toEqual({
      key: 'gl-v1#g-1',
      lineage: 'gl#g-1',
      title: medical.nodes[0]!.title,
      text: medical.nodes[0]!.text,
      plain: medical.nodes[0]!.plain,
      strength: 'must',
      parameters: [interval(14)],
      sources: [
        { documentId: 'med', documentKind: 'sector_standard', documentTitle: { ja: 'med', en: 'med' }, versionId: 'med-v1', versionLabel: '1.0', nodeId: 'us-3.4.1', number: '3.4.1', strength: 'must' },
        { documentId: 'gl', documentKind: 'guideline', documentTitle: { ja: 'gl', en: 'gl' }, versionId: 'gl-v1', versionLabel: '1.0', nodeId: 'g-1', number: '1', strength: 'may' },
      ],
      reasons: [
        { source: 'med-v1#us-3.4.1', why: 'sector-standard:medical/tier:medical-small', because: [] },
        { source: 'gl-v1#g-1', why: 'guideline:sector=medical', because: [] },
      ],
      mergedBy: [{ from: 'gl-v1#g-1', to: 'med-v1#us-3.4.1', relationship: 'equivalent-to' }],
      related: [],
    })
    expect(obligations[0]!.reasons.map((r) => [r.source, r.because])).toEqual([['law-v1#art5', []], ['med-v1#us-3.4.9', ['sector:medical']]])
    expect(obligations[0]!.mergedBy).toEqual([{ from: 'law-v1#art5', to: 'med-v1#us-3.4.9', relationship: 'superset-of' }])
    expect(obligations[2]!.reasons[0]!.because).toEqual(['fact:uses_cloud'])
  })

  it('records intersects-with as related on both sides without merging', () => {
    expect(obligations[2]!.related).toEqual([{ from: 'med-v1#us-3.4.10', to: 'gl-v1#g-2', relationship: 'intersects-with' }])
    expect(obligations[3]!.related).toEqual([{ from: 'gl-v1#g-2', to: 'us-v1#us-3.4.10', relationship: 'intersects-with' }])
  })

  it('a crosswalk to a requirement that does not apply merges nothing', () => {
    expect(obligations[4]!.mergedBy).toEqual([])
    const national = { ...clinic, tierLevel: 'enhanced' as const }
    const forNational = resolveObligations({ operator: national, bindings: [guideline, medical, law], mappings })
    expect(forNational.find((o) => o.key === 'gl-v1#g-3')?.sources.map((s) => s.nodeId)).toEqual(['us-3.7', 'g-3'])
  })

  it('drops documents whose conditions fail: no cloud, no cloud requirement', () => {
    const offline = resolveObligations({ operator: { ...clinic, facts: [] }, bindings: [guideline, medical, law], mappings })
    expect(offline.flatMap((o) => o.sources.map((s) => s.nodeId))).not.toContain('us-3.4.10')
  })

  it('does not merge through a requirement that does not apply', () => {
    const b = binding('x-v1', 'guideline', 'g', [
      node('A', '1', 'x-v1'), node('B', '2', 'x-v1', { applicability: { kind: 'fact', fact: 'operates_ot' } }), node('C', '3', 'x-v1'),
    ])
    const m = [mapping('x-v1#A', 'subset-of', 'x-v1#B'), mapping('x-v1#C', 'subset-of', 'x-v1#B')]
    expect(resolveObligations({ operator: clinic, bindings: [b], mappings: m }).map(sourcesOf)).toEqual([['x-v1#A'], ['x-v1#C']])
    const ot = { ...clinic, facts: ['operates_ot'] }
    expect(resolveObligations({ operator: ot, bindings: [b], mappings: m }).map(sourcesOf)).toEqual([['x-v1#A', 'x-v1#B', 'x-v1#C']])
  })

  it('one version bound for two reasons is one source with both reasons', () => {
    const again = { ...law, why: 'law:flag=esDesignated' }
    const [only, ...rest] = resolveObligations({ operator: clinic, bindings: [law, again], mappings: [] })
    expect(rest).toEqual([])
    expect(only!.sources).toHaveLength(1)
    expect(only!.reasons.map((r) => r.why)).toEqual(['law:flag=acdDesignated', 'law:flag=esDesignated'])
  })

  it('the same Unified Standard requirement through two sector profiles merges as same-origin, strictest parameter winning', () => {
    const finance = binding('fin-v1', 'sector_standard', 'sector-standard:finance', [node('us-3.4.1', '3.4.1', 'us-v1', { parameters: [interval(7)] })])
    const both = resolveObligations({ operator: { ...clinic, sectors: ['medical', 'finance'] }, bindings: [medical, finance], mappings: [] })
    const backup = both.find((o) => o.sources.some((s) => s.nodeId === 'us-3.4.1'))!
    expect(backup.sources.map((s) => s.versionId)).toEqual(['fin-v1', 'med-v1'])
    expect(backup.mergedBy).toEqual([{ from: 'fin-v1#us-3.4.1', to: 'med-v1#us-3.4.1', relationship: 'same-origin' }])
    expect(backup.parameters).toEqual([interval(7)])
  })
})

describe('compareNumbers (re-exported for obligations)', () => {
  it('orders 3.4.9 before 3.4.10', () => {
    expect(compareNumbers('3.4.10', '3.4.9')).toBeGreaterThan(0)
    expect(['3.4.10', '3.4.9', '3.4', '3.4.9(2)', '3.4.9(10)'].sort(compareNumbers)).toEqual(['3.4', '3.4.9', '3.4.9(2)', '3.4.9(10)', '3.4.10'])
  })
})

// ---------------------------------------------------------------------------------------------------------
// Properties over random bindings, crosswalks and operators
// ---------------------------------------------------------------------------------------------------------

const NODE_IDS = ['a', 'b', 'c', 'd', 'e', 'f']
const VERSIONS = ['v0', 'v1', 'v2', 'v3']

const operatorArb: fc.Arbitrary<OperatorContext> = fc.record({
  organisationId: fc.constant('op'),
  sectors: fc.uniqueArray(fc.constantFrom(...SECTORS), { maxLength: 2 }),
  tierLevel: fc.option(fc.constantFrom(...TIER_LEVELS), { nil: null }),
  tierKey: fc.constant(null),
  flags: fc.record({ esDesignated: fc.boolean(), acdDesignated: fc.boolean() }),
  facts: fc.uniqueArray(fc.constantFrom(...FACTS)),
})

/** Most generated nodes are operator requirements (a third unconditional), so crosswalks meet applicable sources often. */
function obligationLike(n: RequirementNode, unconditional: boolean): RequirementNode {
  return { ...n, kind: 'requirement', withdrawn: false, addressee: 'operator', strength: n.strength ?? 'must', ...(unconditional ? { applicability: { kind: 'always' } } : {}) }
}

/** Node ids for views wider than one 32-position word of the resolver's bit sets. */
const WIDE_NODE_IDS = Array.from({ length: 40 }, (_, k) => `n${k}`)

const bindingArb = (i: number, ids: readonly string[] = NODE_IDS, minLength = 0): fc.Arbitrary<Binding> =>
  fc.record({
    documentKind: fc.constantFrom(...DOCUMENT_KINDS),
    nodes: fc.uniqueArray(fc.constantFrom(...ids), { minLength, maxLength: ids.length }).chain((ids) => fc.tuple(...ids.map((id) =>
      fc.tuple(nodeArb(id), fc.constantFrom(`v${i}`, 'cat'), fc.nat(99)).map(([n, origin, dice]): ResolvedNode => ({
        ...(dice < 70 ? obligationLike(n, dice < 35) : n), origin: { versionId: origin, number: n.number },
      }))))),
  }).map(({ documentKind, nodes }) => ({
    documentId: `d${i}`, documentKind, documentTitle: { ja: `文書${i}`, en: `Doc ${i}` }, versionId: `v${i}`, versionLabel: `${i}.0`, why: `why${i}`, nodes,
  }))

const endpointArb = (ids: readonly string[]) => fc.tuple(fc.constantFrom(...VERSIONS, 'cat', 'elsewhere'), fc.constantFrom(...ids))
const mappingOverArb = (ids: readonly string[]): fc.Arbitrary<Mapping> => fc.record({
  source: endpointArb(ids), target: endpointArb(ids), relationship: fc.constantFrom(...MAPPING_RELATIONSHIPS),
}).map(({ source, target, relationship }) => ({
  sourceVersionId: source[0], sourceNodeId: source[1], targetVersionId: target[0], targetNodeId: target[1], relationship, rationale: '',
}))
const mappingArb = mappingOverArb(NODE_IDS)

interface Scenario {
  bindings: Binding[]
  mappings: Mapping[]
  operator: OperatorContext
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  bindings: fc.integer({ min: 1, max: VERSIONS.length }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => bindingArb(i)))),
  mappings: fc.array(mappingArb, { maxLength: 20 }),
  operator: operatorArb,
})

interface Applicable {
  key: string
  binding: Binding
  node: ResolvedNode
  names: Set<string>
}

/** The sources the rules say apply, each with the names a crosswalk may use for it. */
function applicable(s: Scenario): Map<string, Applicable> {
  const out = new Map<string, Applicable>()
  for (const b of s.bindings) {
    for (const n of b.nodes) {
      if (n.kind !== 'requirement' || n.withdrawn || (n.addressee !== null && n.addressee !== 'operator')) continue
      if (!evaluateCondition(n.applicability, s.operator).applies) continue
      const key = `${b.versionId}#${n.id}`
      out.set(key, { key, binding: b, node: n, names: new Set([key, `${n.origin.versionId}#${n.id}`]) })
    }
  }
  return out
}

/** The groups the merge rules define: connected components over merge crosswalks and shared origins among applicable sources. */
function expectedGroups(s: Scenario): string[][] {
  const sources = [...applicable(s).values()]
  const adjacent = new Map(sources.map((a) => [a.key, new Set<string>()]))
  const link = (x: string, y: string) => { adjacent.get(x)!.add(y); adjacent.get(y)!.add(x) }
  for (const x of sources) for (const y of sources) if (x !== y && [...x.names].some((name) => y.names.has(name))) link(x.key, y.key)
  for (const m of s.mappings) {
    if (m.relationship === 'intersects-with') continue
    const from = sources.filter((a) => a.names.has(`${m.sourceVersionId}#${m.sourceNodeId}`))
    const to = sources.filter((a) => a.names.has(`${m.targetVersionId}#${m.targetNodeId}`))
    for (const x of from) for (const y of to) if (x !== y) link(x.key, y.key)
  }
  const seen = new Set<string>()
  const groups: string[][] = []
  for (const start of adjacent.keys()) {
    if (seen.has(start)) continue
    const group: string[] = []
    const queue = [start]
    seen.add(start)
    while (queue.length > 0) {
      const k = queue.pop()!
      group.push(k)
      for (const next of adjacent.get(k)!) if (!seen.has(next)) { seen.add(next); queue.push(next) }
    }
    groups.push(group.sort())
  }
  return groups.sort((x, y) => (x[0]! < y[0]! ? -1 : 1))
}

const sourceKeys = (o: Obligation) => o.sources.map((s) => `${s.versionId}#${s.nodeId}`)

function permuted(s: Scenario, seed: number): Scenario {
  const random = seeded(seed)
  return {
    operator: s.operator,
    bindings: shuffled(s.bindings.map((b) => ({ ...b, nodes: shuffled(b.nodes, random) })), random),
    mappings: shuffled(s.mappings, random),
  }
}

describe('resolveObligations: properties', () => {
  it('merges exactly the connected applicable sources: each applicable source in exactly one obligation, nothing else', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const obligations = resolveObligations(s)
      const groups = obligations.map((o) => [...sourceKeys(o)].sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1))
      expect(groups).toEqual(expectedGroups(s))
      const all = obligations.flatMap(sourceKeys)
      expect(new Set(all).size).toBe(all.length)
      expect(new Set(all)).toEqual(new Set(applicable(s).keys()))
    }), { numRuns: 400 })
  })

  it('does not depend on the order of bindings, nodes or crosswalks', () => {
    fc.assert(fc.property(scenarioArb, fc.integer(), (s, seed) => {
      expect(resolveObligations(permuted(s, seed))).toEqual(resolveObligations(s))
    }), { numRuns: 300 })
  })

  it('equivalent applicable sources always share an obligation; intersects-with alone never merges', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const obligations = resolveObligations(s)
      const owner = new Map(obligations.flatMap((o) => sourceKeys(o).map((k) => [k, o] as const)))
      const sources = [...applicable(s).values()]
      for (const m of s.mappings.filter((x) => x.relationship === 'equivalent-to')) {
        for (const x of sources.filter((a) => a.names.has(`${m.sourceVersionId}#${m.sourceNodeId}`))) {
          for (const y of sources.filter((a) => a.names.has(`${m.targetVersionId}#${m.targetNodeId}`))) {
            expect(owner.get(x.key)).toBe(owner.get(y.key))
          }
        }
      }
      // With only intersects-with crosswalks and no shared origins, every obligation has exactly one source.
      const distinctOrigins: Scenario = {
        ...s,
        bindings: s.bindings.map((b) => ({ ...b, nodes: b.nodes.map((n) => ({ ...n, origin: { versionId: b.versionId, number: n.number } })) })),
        mappings: s.mappings.map((m) => ({ ...m, relationship: 'intersects-with' as const })),
      }
      for (const o of resolveObligations(distinctOrigins)) {
        expect(o.sources).toHaveLength(1)
        expect(o.mergedBy).toEqual([])
      }
    }), { numRuns: 300 })
  })

  it('each obligation: key is its smallest source, strength its strongest, reasons explain every source, sources in order', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const sources = applicable(s)
      const obligations = resolveObligations(s)
      for (const o of obligations) {
        const keys = sourceKeys(o)
        expect(o.key).toBe([...keys].sort()[0])
        expect(strengthRank(o.strength)).toBe(Math.max(...o.sources.map((x) => strengthRank(x.strength))))
        expect(o.reasons.map((r) => r.source)).toEqual(keys)
        for (const r of o.reasons) {
          const a = sources.get(r.source)!
          expect(r.why).toBe(a.binding.why)
          expect(r.because).toEqual(evaluateCondition(a.node.applicability, s.operator).because)
        }
        for (let i = 1; i < o.sources.length; i++) {
          const [p, q] = [o.sources[i - 1]!, o.sources[i]!]
          const byKind = DOCUMENT_KIND_ORDER.indexOf(p.documentKind) - DOCUMENT_KIND_ORDER.indexOf(q.documentKind)
          expect(byKind < 0 || (byKind === 0 && compareNumbers(p.number, q.number) <= 0)).toBe(true)
        }
        const primary = sources.get(keys[0]!)!.node
        expect(o.title).toBe(primary.title)
        expect(o.parameters.map((p) => p.id)).toEqual(primary.parameters.map((p) => p.id))
      }
      const primaries = obligations.map((o) => o.sources[0]!)
      for (let i = 1; i < primaries.length; i++) {
        const [p, q] = [primaries[i - 1]!, primaries[i]!]
        const byKind = DOCUMENT_KIND_ORDER.indexOf(p.documentKind) - DOCUMENT_KIND_ORDER.indexOf(q.documentKind)
        expect(byKind < 0 || (byKind === 0 && compareNumbers(p.number, q.number) <= 0)).toBe(true)
      }
    }), { numRuns: 300 })
  })

  it('prepared once and resolved for many operators, every answer equals a fresh resolution', () => {
    fc.assert(fc.property(scenarioArb, fc.array(operatorArb, { minLength: 1, maxLength: 8 }), (s, operators) => {
      const prepared = prepareBindings(s.bindings, s.mappings)
      for (const operator of [...operators, ...operators]) {
        expect(resolveFor(prepared, operator)).toEqual(resolveObligations({ ...s, operator }))
      }
    }), { numRuns: 200 })
  })

  it('prepared over every binding, each operator’s own bindings resolve as if prepared alone', () => {
    const selection = fc.tuple(operatorArb, fc.array(fc.boolean(), { minLength: VERSIONS.length, maxLength: VERSIONS.length }))
    fc.assert(fc.property(scenarioArb, fc.array(selection, { minLength: 1, maxLength: 8 }), (s, picks) => {
      const prepared = prepareBindings(s.bindings, s.mappings)
      for (const [operator, chosen] of [...picks, ...picks]) {
        const own = s.bindings.filter((_, i) => chosen[i])
        // By identity, or by version and reason (a copy of the binding object).
        const asPassed = own.map((b, i) => (i % 2 === 0 ? b : { ...b }))
        expect(resolveFor(prepared, operator, asPassed)).toEqual(resolveObligations({ bindings: own, mappings: s.mappings, operator }))
      }
    }), { numRuns: 200 })
  })

  it('answers built from earlier answers (many operators, each differing a little) equal fresh resolutions', () => {
    // Each answer after the first in a set of bindings starts from the nearest earlier one and recomputes only
    // what the changed conditions decide; long runs of similar operators exercise that path.
    const tweak = fc.oneof(
      fc.constantFrom(...FACTS).map((fact) => (o: OperatorContext): OperatorContext => {
        const facts = [...o.facts]
        return { ...o, facts: facts.includes(fact) ? facts.filter((f) => f !== fact) : [...facts, fact] }
      }),
      fc.constantFrom('esDesignated', 'acdDesignated').map((flag) => (o: OperatorContext): OperatorContext => ({ ...o, flags: { ...o.flags, [flag]: !o.flags[flag as 'esDesignated'] } })),
      fc.option(fc.constantFrom(...TIER_LEVELS), { nil: null }).map((tierLevel) => (o: OperatorContext): OperatorContext => ({ ...o, tierLevel })),
      fc.uniqueArray(fc.constantFrom(...SECTORS), { maxLength: 2 }).map((sectors) => (o: OperatorContext): OperatorContext => ({ ...o, sectors })),
    )
    const step = fc.tuple(tweak, fc.array(fc.boolean(), { minLength: VERSIONS.length, maxLength: VERSIONS.length }))
    fc.assert(fc.property(scenarioArb, fc.array(step, { minLength: 1, maxLength: 40 }), fc.boolean(), (s, steps, vary) => {
      const prepared = prepareBindings(s.bindings, s.mappings)
      let operator = s.operator
      for (const [change, chosen] of steps) {
        operator = change(operator)
        // Either every prepared binding each time (one view) or a changing selection (several views).
        const own = vary ? s.bindings.filter((_, i) => chosen[i]) : s.bindings
        expect(resolveFor(prepared, operator, own)).toEqual(resolveObligations({ bindings: own, mappings: s.mappings, operator }))
      }
    }), { numRuns: 150 })
  })

  it('answers built from earlier answers in views of more than 32 positions equal fresh resolutions', () => {
    // The positions an answer recomputes are bits of 32-position words: wide views cross words (and bit 31).
    const wideArb = fc.record({
      bindings: fc.tuple(...[0, 1, 2].map((i) => bindingArb(i, WIDE_NODE_IDS, 24))),
      mappings: fc.array(mappingOverArb(WIDE_NODE_IDS), { maxLength: 60 }),
      operators: fc.array(operatorArb, { minLength: 2, maxLength: 16 }),
    })
    fc.assert(fc.property(wideArb, ({ bindings, mappings, operators }) => {
      const prepared = prepareBindings(bindings, mappings)
      for (const operator of operators) {
        expect(resolveFor(prepared, operator)).toEqual(resolveObligations({ bindings, mappings, operator }))
      }
    }), { numRuns: 60 })
  })

  it('operators answered by signature (facts as a set or a list, sectors and facts no condition names) equal fresh resolutions', () => {
    // resolveFor answers a repeated signature without evaluating conditions; anything the signature leaves out
    // must be something no condition can see.
    const looseOperatorArb = fc.record({
      organisationId: fc.constant('op'),
      sectors: fc.uniqueArray(fc.constantFrom(...SECTORS, 'railway'), { maxLength: 3 }),
      tierLevel: fc.option(fc.constantFrom(...TIER_LEVELS), { nil: null }),
      tierKey: fc.constant(null),
      flags: fc.record({ esDesignated: fc.boolean(), acdDesignated: fc.boolean() }),
      facts: fc.tuple(fc.uniqueArray(fc.constantFrom(...FACTS, 'unnamed_fact')), fc.boolean()).map(([facts, asSet]) => (asSet ? new Set(facts) : facts)),
    })
    fc.assert(fc.property(scenarioArb, fc.array(looseOperatorArb, { minLength: 1, maxLength: 12 }), (s, operators) => {
      const prepared = prepareBindings(s.bindings, s.mappings)
      for (const operator of [...operators, ...operators.reverse()]) {
        expect(resolveFor(prepared, operator)).toEqual(resolveObligations({ ...s, operator }))
      }
    }), { numRuns: 200 })
  })

  it('refuses a binding that was not prepared', () => {
    const prepared = prepareBindings([law], [])
    expect(() => resolveFor(prepared, clinic, [guideline])).toThrow(/gl-v1 \(guideline:sector=medical\) was not prepared/)
  })
})
