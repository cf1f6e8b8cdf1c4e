import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cohortOf, itemDelta, submissionResult, type ItemContribution } from './results.ts'
import { gapHeatmap, operatorScore } from './scores.ts'
import { operatorsArb, scored, TODAY } from './arbitraries.test-support.ts'
import type { KpiDefinition } from './model.ts'

const KPI: KpiDefinition = { id: 'ciso', title: { ja: 'CISO', en: 'CISO' }, kind: 'share_of_operators', condition: { sourceNumber: '3.1.2.1', result: 'implemented' } }

describe('submission results', () => {
  it('carries the operator score, maturity and KPI values of its answers', () => {
    const op = { operatorId: 'a', sectors: ['medical'], tierId: null, tierLevel: null, answers: [
      scored('us#a', '3.1.2.1', 'must', 'implemented', 3), scored('us#b', '3.4.1.1', 'should', 'not_implemented', 1),
      scored('us#c', '3.4.1.2', 'may', 'not_applicable'),
    ] }
    const r = submissionResult(op, [KPI], TODAY, new Map())
    expect(r.score).toBeCloseTo(3 / 5)
    expect(r.meanMaturity).toBe(2)
    expect(r.gapCount).toBe(1)
    expect(r.kpis).toEqual({ ciso: 1 })
    expect(r.chapters.map((c) => c.chapter)).toEqual(['3.1', '3.4'])
    expect(r.items).toEqual([
      { lineage: 'us#a', number: '3.1.2.1', title: { ja: '3.1.2.1', en: '3.1.2.1' }, answered: 1, gap: 0 },
      { lineage: 'us#b', number: '3.4.1.1', title: { ja: '3.4.1.1', en: '3.4.1.1' }, answered: 1, gap: 1 },
      { lineage: 'us#c', number: '3.4.1.2', title: { ja: '3.4.1.2', en: '3.4.1.2' }, answered: 0, gap: 0 },
    ])
  })

  it('agrees with the full computation: score, and heatmap counts rebuilt from stored contributions', () => {
    fc.assert(fc.property(operatorsArb(20), (ops) => {
      const counts = new Map<string, { answered: number; gaps: number }>()
      for (const op of ops) {
        const r = submissionResult(op, [], TODAY, new Map())
        expect(r.score).toBe(operatorScore(op).score.value)
        for (const i of r.items) {
          const c = counts.get(i.lineage) ?? { answered: 0, gaps: 0 }
          counts.set(i.lineage, { answered: c.answered + i.answered, gaps: c.gaps + i.gap })
        }
      }
      for (const g of gapHeatmap(ops).filter((x) => x.id === 'national')) {
        const c = counts.get(g.dims.lineage!)!
        expect(c.answered).toBe(g.operatorIds.length)
        expect(g.value).toBe(c.answered === 0 ? null : c.gaps / c.answered)
      }
    }))
  })

  it('heatmap deltas applied in sequence equal the counts of the last snapshot alone', () => {
    const contribution = fc.array(fc.record({
      lineage: fc.constantFrom('a', 'b', 'c', 'd'), answered: fc.constantFrom<0 | 1>(0, 1), gap: fc.constantFrom<0 | 1>(0, 1),
    }), { maxLength: 4 }).map((xs) => {
      const seen = new Map<string, ItemContribution>()
      for (const x of xs) if (!seen.has(x.lineage)) seen.set(x.lineage, { ...x, gap: x.answered ? x.gap : 0, number: x.lineage, title: { ja: x.lineage, en: x.lineage } })
      return [...seen.values()]
    })
    fc.assert(fc.property(fc.array(contribution, { minLength: 1, maxLength: 5 }), (snapshots) => {
      const counts = new Map<string, { answered: number; gaps: number }>()
      let before: ItemContribution[] | null = null
      for (const s of snapshots) {
        for (const d of itemDelta(before, s)) {
          const c = counts.get(d.lineage) ?? { answered: 0, gaps: 0 }
          counts.set(d.lineage, { answered: c.answered + d.answered, gaps: c.gaps + d.gaps })
        }
        before = s
      }
      const last = snapshots[snapshots.length - 1]!
      for (const [lineage, c] of counts) {
        const i = last.find((x) => x.lineage === lineage)
        expect(c).toEqual({ answered: i?.answered ?? 0, gaps: i?.gap ?? 0 })
      }
    }))
  })

  it('names a cohort by its distinct sorted sectors', () => {
    expect(cohortOf(['medical', 'finance', 'medical'])).toBe('finance,medical')
  })
})
