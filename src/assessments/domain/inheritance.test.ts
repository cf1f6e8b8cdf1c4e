import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { DocumentKind, Mapping, ResolvedNode } from '../../standards/domain/model.ts'
import { resolveObligations, type Binding, type Obligation } from '../../obligations/domain/resolve-obligations.ts'
import { answersByKey, carryForward, coverage, sourceName } from './inheritance.ts'
import type { Answer } from './model.ts'
import { answer, obligation, resultArb, source } from './arbitraries.test-support.ts'

function node(id: string, number: string, origin: string): ResolvedNode {
  return {
    id, number, parentId: null, kind: 'requirement', title: { ja: number, en: number }, text: { ja: '', en: '' },
    strength: 'must', addressee: 'operator', parameters: [], applicability: { kind: 'always' },
    guidance: { ja: '', en: '' }, evidence: [], origin: { versionId: origin, number },
  }
}

function binding(versionId: string, documentKind: DocumentKind, nodes: ResolvedNode[]): Binding {
  const documentId = versionId.replace(/-v\d+$/, '')
  return { documentId, documentKind, documentTitle: { ja: documentId, en: documentId }, versionId, versionLabel: '1', why: 'test', nodes }
}

const mapping = (s: string, relationship: Mapping['relationship'], t: string): Mapping => {
  const [sourceVersionId, sourceNodeId] = s.split('#') as [string, string]
  const [targetVersionId, targetNodeId] = t.split('#') as [string, string]
  return { sourceVersionId, sourceNodeId, targetVersionId, targetNodeId, relationship, rationale: '' }
}

/** The Unified Standard, a medical guideline and a law, with crosswalks that merge across all three. */
const bindings = [
  binding('us-v1', 'unified_standard', [node('us-3.4.3.3', '3.4.3.3', 'us-v1'), node('us-3.1.2.1', '3.1.2.1', 'us-v1')]),
  binding('gl-v1', 'guideline', [node('g-7', '7', 'gl-v1'), node('g-8', '8', 'gl-v1')]),
  binding('law-v1', 'law', [node('art9', '9', 'law-v1')]),
]
const mappings = [
  mapping('gl-v1#g-7', 'equivalent-to', 'us-v1#us-3.4.3.3'),
  mapping('law-v1#art9', 'subset-of', 'gl-v1#g-7'),
]
const operator = { organisationId: 'clinic-kaede', sectors: ['medical'], tierLevel: 'baseline' as const, tierKey: null, flags: { esDesignated: false, acdDesignated: false }, facts: [] }

describe('answer once', () => {
  const obligations = resolveObligations({ operator, bindings, mappings })
  const backup = obligations.find((o) => o.sources.some((s) => s.nodeId === 'us-3.4.3.3'))!

  it('one answer covers every merged source: the primary directly, the others inherited with the crosswalk chain', () => {
    expect(backup.sources.map(sourceName)).toEqual(['law#art9', 'us#us-3.4.3.3', 'gl#g-7'])
    const answers = answersByKey([answer(backup, 'implemented')])
    const rows = coverage(obligations, answers)
    const byName = new Map(rows.map((r) => [r.source, r]))
    expect(byName.get('law#art9')).toMatchObject({ coverage: 'direct', link: null, obligationKey: backup.key })
    const inherited = byName.get('us#us-3.4.3.3')!
    expect(inherited.coverage).toBe('inherited')
    expect(inherited.answer).toBe(answers.get(backup.key))
    expect(inherited.link).toMatchObject({ obligationKey: backup.key, from: 'law#art9', fromNumber: '9' })
    // law ⊂ guideline ≡ Unified Standard: the chain walks both crosswalk rows.
    expect(inherited.link!.path.map((r) => `${r.from} ${r.relationship} ${r.to}`)).toEqual([
      'law-v1#art9 subset-of gl-v1#g-7', 'gl-v1#g-7 equivalent-to us-v1#us-3.4.3.3',
    ])
    expect(byName.get('gl#g-7')!.link!.path).toHaveLength(1)
    expect(byName.get('us#us-3.1.2.1')).toMatchObject({ coverage: 'unanswered', answer: null })
    expect(rows).toHaveLength(5)
  })

  it('every source is covered exactly once, by the answer of the obligation that holds it', () => {
    const obligationsArb: fc.Arbitrary<Obligation[]> = fc
      .uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 })
      .chain((ids) => fc.tuple(...ids.map((id) => fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }).map((extra) =>
        obligation(`${id}`, 'must', extra.map((e) => source(`doc${e}`, `n${id}`, `${e}.${id}`)))))))
    fc.assert(fc.property(obligationsArb, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.array(resultArb, { minLength: 8, maxLength: 8 }), (os, answered, results) => {
      const answers = answersByKey(os.flatMap((o, i) => (answered[i] ? [answer(o, results[i]!)] : [])))
      const rows = coverage(os, answers)
      const names = rows.map((r) => r.source)
      expect(new Set(names).size).toBe(names.length)
      expect(new Set(names)).toEqual(new Set(os.flatMap((o) => o.sources.map(sourceName))))
      for (const o of os) {
        const mine = rows.filter((r) => r.obligationKey === o.key)
        const a = answers.get(o.key) ?? null
        expect(mine.every((r) => r.answer === a)).toBe(true)
        expect(mine.filter((r) => r.coverage === 'direct')).toHaveLength(a ? 1 : 0)
        expect(mine.filter((r) => r.coverage === 'inherited')).toHaveLength(a ? o.sources.length - 1 : 0)
        for (const r of mine) if (r.coverage === 'inherited') expect(r.link!.from).toBe(sourceName(o.sources[0]!))
      }
    }))
  })
})

describe('answer once: one document bound in two versions', () => {
  it('lists the shared source once, preferring the answered obligation, and names the other', () => {
    const v1 = obligation('5.1')
    const v2: Obligation = { ...v1, key: 'us-v2#us-5.1', sources: [source('us', 'us-5.1', '5.1', 'must', 'us-v2')] }
    const rows = coverage([v1, v2], answersByKey([answer(v2, 'partially')]))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ source: 'us#us-5.1', obligationKey: v2.key, coverage: 'direct', alsoIn: [v1.key] })
  })
})

describe('carry forward', () => {
  const a = obligation('3.1')
  const b = obligation('3.2')
  const c = obligation('3.3')

  it('re-keys answers by lineage into the new version and reports new and dropped items', () => {
    const previous = [answer(a, 'implemented', { comment: 'CISO 任命済み', evidenceIds: ['ev-1'] }), answer(c, 'not_implemented')]
    // A new version of the document: same lineage, new keys; c is withdrawn and d is new.
    const next = (o: Obligation): Obligation => ({ ...o, key: o.key.replace('us-v1', 'us-v2'), sources: o.sources.map((s) => ({ ...s, versionId: 'us-v2' })) })
    const d = obligation('3.4')
    const result = carryForward(previous, [next(a), next(b), d])
    expect(result.answers).toEqual([{ ...previous[0]!, obligationKey: 'us-v2#us-3.1' }])
    expect(result.matches).toEqual([{ obligationKey: 'us-v2#us-3.1', fromObligationKey: 'us-v1#us-3.1', fromLineage: 'us#us-3.1', by: 'lineage' }])
    expect(result.fresh).toEqual(['us-v2#us-3.2', d.key])
    expect(result.dropped).toEqual([previous[1]])
  })

  it('carries onto an obligation two previous ones merged into, keeping the least favourable result', () => {
    const merged: Obligation = { ...a, sources: [...a.sources, ...b.sources] }
    const previous = [answer(b, 'partially'), answer(a, 'implemented')]
    const result = carryForward(previous, [merged])
    // a keeps its own lineage, so its answer wins over b's through the exact match.
    expect(result.answers.map((x) => x.result)).toEqual(['implemented'])
    expect(result.dropped).toEqual([previous[0]])

    const renamed: Obligation = { ...merged, lineage: 'us#renamed', key: 'us-v2#renamed' }
    const viaSources = carryForward(previous, [renamed])
    expect(viaSources.answers).toEqual([{ ...previous[0]!, obligationKey: 'us-v2#renamed', lineage: 'us#renamed' }])
    expect(viaSources.matches[0]!.by).toBe('source')
    expect(viaSources.merged).toEqual([{ obligationKey: 'us-v2#renamed', fromLineages: ['us#us-3.1', 'us#us-3.2'] }])
    expect(viaSources.dropped).toEqual([])
  })

  it('never uses one previous answer twice and accounts for every previous answer', () => {
    const pool = ['1', '2', '3', '4', '5', '6'].map((n) => obligation(n))
    fc.assert(fc.property(fc.subarray(pool), fc.subarray(pool), fc.array(resultArb, { minLength: 6, maxLength: 6 }), (before, after, results) => {
      const previous: Answer[] = before.map((o, i) => answer(o, results[i]!))
      const r = carryForward(previous, after)
      const used = r.matches.map((m) => m.fromLineage)
      expect(new Set(used).size).toBe(used.length)
      expect(r.answers.length + r.fresh.length).toBe(after.length)
      expect(r.matches.length + r.dropped.length).toBe(previous.length)
      for (const x of r.answers) expect(after.some((o) => o.key === x.obligationKey && o.lineage === x.lineage)).toBe(true)
    }))
  })
})
