import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { AnswerResult } from './model.ts'
import {
  aggregate, chapterOf, chapterScoreRollUp, gapHeatmap, inChapter, maturityRollUp, meanMaturity, operatorScore, rollUp,
  scoreAnswers, scoredAnswers, scoreRollUp, trend, type AggregateRow, type Dimension, type Group, type OperatorResult,
} from './scores.ts'
import { answer, obligation, operatorsArb, scored, scoredAnswersArb } from './arbitraries.test-support.ts'

const NON_NCO = { isNco: false }
const NCO = { isNco: true }

function op(id: string, sectors: string[], tierId: string | null, answers = [scored('us#a', '3.1.2.1', 'must', 'implemented', 3)]): OperatorResult {
  return { operatorId: id, sectors, tierId, tierLevel: tierId === 'large' ? 'enhanced' : tierId === null ? null : 'baseline', answers }
}

describe('scores', () => {
  it('weights by strength and credits by result, leaving not applicable out', () => {
    const s = scoreAnswers([
      scored('x#1', '1', 'must', 'implemented'),
      scored('x#2', '2', 'should', 'partially'),
      scored('x#3', '3', 'may', 'not_implemented'),
      scored('x#4', '4', 'must', 'not_applicable'),
    ])
    expect(s).toEqual({ value: (3 * 1 + 2 * 0.5 + 1 * 0) / (3 + 2 + 1), weight: 6, earned: 4, counted: 3 })
    expect(scoreAnswers([scored('x#4', '4', 'must', 'not_applicable')]).value).toBeNull()
    expect(scoreAnswers([]).value).toBeNull()
  })

  it('is within [0, 1]', () => {
    fc.assert(fc.property(scoredAnswersArb, (answers) => {
      const { value } = scoreAnswers(answers)
      if (value !== null) {
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(1)
      }
    }))
  })

  it('is monotone: improving any answer never lowers the score', () => {
    const better: Partial<Record<AnswerResult, AnswerResult[]>> = {
      not_implemented: ['partially', 'implemented'], partially: ['implemented'],
    }
    fc.assert(fc.property(scoredAnswersArb, fc.nat(), fc.nat(), (answers, pick, to) => {
      const improvable = answers.flatMap((a, i) => (better[a.result] ? [i] : []))
      fc.pre(improvable.length > 0)
      const i = improvable[pick % improvable.length]!
      const options = better[answers[i]!.result]!
      const improved = answers.map((a, j) => (j === i ? { ...a, result: options[to % options.length]! } : a))
      expect(scoreAnswers(improved).value!).toBeGreaterThanOrEqual(scoreAnswers(answers).value!)
      // And strictly: a counted answer that earns more raises the score.
      expect(scoreAnswers(improved).value!).toBeGreaterThan(scoreAnswers(answers).value!)
    }))
  })

  it('joins answers to obligations for strength, number and evidence dates', () => {
    const o = obligation('3.4.3.3', 'should')
    const joined = scoredAnswers([answer(o, 'implemented', { evidenceIds: ['ev-1', 'ev-unknown'] }), answer(obligation('9.9'), 'implemented')], [o], new Map([['ev-1', '2026-01-10']]))
    expect(joined).toEqual([{
      obligationKey: o.key, lineage: o.lineage, strength: 'should', primaryNumber: '3.4.3.3',
      sources: [{ documentId: 'us', number: '3.4.3.3' }], result: 'implemented', maturity: 4, evidenceDates: ['2026-01-10'],
    }])
  })

  it('takes chapters from the primary number at a chosen depth', () => {
    expect(chapterOf('3.4.3.3', 2)).toBe('3.4')
    expect(chapterOf('3.4.3.3', 1)).toBe('3')
    expect(chapterOf('3.4.3.3', 3)).toBe('3.4.3')
    expect(chapterOf('2.1.1(1)(a)', 2)).toBe('2.1')
    expect(chapterOf('<2.1.1(1)(a)-1>', 2)).toBe('2.1')
    expect(chapterOf('GV.OC-01', 1)).toBe('GV')
    expect(chapterOf('5', 2)).toBe('5')
    expect(() => chapterOf('3.4', 0)).toThrow(RangeError)
    expect(inChapter('3.4.3.3', '3.4')).toBe(true)
    expect(inChapter('3.40.1', '3.4')).toBe(false)
    expect(inChapter('3.4', '3.4')).toBe(true)
  })

  it('scores one operator overall and per chapter, with mean maturity', () => {
    const s = operatorScore(op('o', ['medical'], null, [
      scored('us#a', '3.4.3.3', 'must', 'implemented', 4),
      scored('us#b', '3.4.1', 'should', 'not_implemented', 1),
      scored('us#c', '3.10.1', 'may', 'partially', null),
      scored('us#d', '2.1', 'must', 'not_applicable', 5),
    ]))
    expect(s.chapters.map((c) => [c.chapter, c.score.value, c.meanMaturity])).toEqual([['2.1', null, null], ['3.4', 3 / 5, 2.5], ['3.10', 0.5, null]])
    expect(s.meanMaturity).toBe(2.5)
    expect(meanMaturity([])).toBeNull()
  })
})

describe('roll-ups', () => {
  const medical = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((id, i) => op(id, ['medical'], i < 4 ? 'small' : 'large', [
    scored('us#a', '3.1.2.1', 'must', i < 3 ? 'not_implemented' : 'implemented', i),
  ]))
  const finance = ['f1', 'f2'].map((id) => op(id, ['finance'], 'small', [scored('us#a', '3.1.2.1', 'must', 'implemented', 5)]))
  const all = [...medical, ...finance]

  it('means per operator, per sector and tier', () => {
    const groups = scoreRollUp(all)
    const value = (id: string) => groups.find((g) => g.id === id)!.value
    expect(value('national')).toBeCloseTo(5 / 8)
    expect(value('sector:medical')).toBeCloseTo(3 / 6)
    expect(value('sector:finance')).toBe(1)
    expect(value('tier:small')).toBeCloseTo(3 / 6)
    expect(maturityRollUp(all).find((g) => g.id === 'sector:medical')!.value).toBeCloseTo(15 / 6)
    expect(chapterScoreRollUp(all, 1).map((g) => `${g.measure} ${g.id}`)).toContain('score:chapter:3 sector:finance')
  })

  it('heatmap: share of operators with a gap per requirement and sector', () => {
    const groups = gapHeatmap(all)
    expect(groups.map((g) => [g.measure, g.id, g.value])).toEqual([
      ['gap:us#a', 'national', 3 / 8], ['gap:us#a', 'sector:medical', 3 / 6], ['gap:us#a', 'sector:finance', 0],
    ])
    const shown = aggregate(groups, NON_NCO)
    // Finance has 2 operators, and the national row minus medical would give it away: one more cell goes.
    expect(shown.map((r) => [r.id, r.suppressed ? (r as { reason: string }).reason : 'shown'])).toEqual([
      ['national', 'shown'], ['sector:medical', 'complementary'], ['sector:finance', 'too_few_operators'],
    ])
    expect(aggregate(groups, NCO).every((r) => !r.suppressed)).toBe(true)
    expect(shown[2]).toEqual({ id: 'sector:finance', measure: 'gap:us#a', dims: { lineage: 'us#a', sector: 'finance' }, suppressed: true, operatorCount: 2, reason: 'too_few_operators' })
  })

  it('heatmap cells are the share of answering operators with a gap, counted plainly', () => {
    fc.assert(fc.property(operatorsArb(25), (ops) => {
      for (const g of gapHeatmap(ops)) {
        const lineage = g.dims.lineage!
        const inCell = ops.filter((o) => g.id === 'national' || o.sectors.includes(g.dims.sector!))
        const answering = inCell.filter((o) => o.answers.some((a) => a.lineage === lineage && a.result !== 'not_applicable'))
        const gaps = answering.filter((o) => o.answers.some((a) => a.lineage === lineage && (a.result === 'partially' || a.result === 'not_implemented')))
        expect([...g.operatorIds].sort()).toEqual(answering.map((o) => o.operatorId).sort())
        expect(g.value).toBe(answering.length === 0 ? null : gaps.length / answering.length)
      }
    }))
  })

  it('trend: deltas only where both cycles are shown', () => {
    const now = aggregate(scoreRollUp(all), NON_NCO)
    const before = aggregate(scoreRollUp(all.map((o) => ({ ...o, answers: o.answers.map((a) => ({ ...a, result: 'not_implemented' as const })) }))), NON_NCO)
    const rows = trend(now, before)
    const national = rows.find((r) => r.id === 'national')!
    expect(national.delta).toBeCloseTo(5 / 8)
    for (const r of rows) {
      const c = now.find((x) => x.id === r.id)
      const p = before.find((x) => x.id === r.id)
      expect(r.delta !== null).toBe(!!c && !c.suppressed && !!p && !p.suppressed)
    }
    expect(trend([], before).every((r) => r.current === null && r.delta === null)).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------------------
// Suppression by brute force
// ---------------------------------------------------------------------------------------------------------

/** Every vector Σ c_i · 1[group i] over operators, for c in {-1, 0, 1}^k (k shown groups), with the groups used. */
function* signedCombinations(sets: readonly Set<string>[]): Generator<{ coefficients: Map<string, number>; used: number }> {
  const k = sets.length
  const total = 3 ** k
  for (let code = 1; code < total; code++) {
    const coefficients = new Map<string, number>()
    let c = code
    let used = 0
    for (let i = 0; i < k; i++) {
      const digit = (c % 3) - 1
      c = Math.floor(c / 3)
      if (digit === 0) continue
      used++
      for (const id of sets[i]!) coefficients.set(id, (coefficients.get(id) ?? 0) + digit)
    }
    yield { coefficients, used }
  }
}

function support(coefficients: Map<string, number>): Set<string> {
  return new Set([...coefficients].filter(([, v]) => v !== 0).map(([k]) => k))
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x))
}

function shownAndHidden(groups: Group[], rows: AggregateRow[]) {
  const sets = new Map(groups.map((g) => [g.id, new Set(g.operatorIds)]))
  return {
    shown: rows.filter((r) => !r.suppressed).map((r) => sets.get(r.id)!),
    hidden: rows.filter((r) => r.suppressed).map((r) => sets.get(r.id)!),
  }
}

describe('aggregate: suppression for viewers other than the NCO', () => {
  const byArb = fc.constantFrom<Dimension[]>(['national', 'sector'], ['national', 'sector', 'tier'], ['national', 'tier'], ['sector', 'sector_tier'])

  it('never shows a value computed from fewer than 5 operators, and hides nothing from the NCO', () => {
    fc.assert(fc.property(operatorsArb(40, 3), byArb, (ops, by) => {
      const groups = scoreRollUp(ops, by)
      for (const r of aggregate(groups, NON_NCO)) {
        if (r.suppressed) expect('value' in r).toBe(false)
        else expect(r.operatorCount).toBeGreaterThanOrEqual(5)
      }
      const nco = aggregate(groups, NCO)
      expect(nco.map((r) => (r.suppressed ? null : r.value))).toEqual(groups.map((g) => g.value))
    }))
  })

  it('no combination of shown values (totals minus parts, any signs) rests on 1–4 operators or equals a suppressed group', () => {
    let meaningful = 0
    fc.assert(fc.property(operatorsArb(24, 6), fc.constantFrom<Dimension[]>(['national', 'sector', 'tier'], ['national', 'sector'], ['national', 'tier_level', 'tier']), (ops, by) => {
      const groups = rollUp(ops, 'm', (o) => o.answers.length, by)
      const { shown, hidden } = shownAndHidden(groups, aggregate(groups, NON_NCO))
      fc.pre(shown.length <= 8)
      if (shown.length >= 2 && hidden.length >= 1) meaningful++
      for (const { coefficients } of signedCombinations(shown)) {
        const s = support(coefficients)
        expect(s.size === 0 || s.size >= 5).toBe(true)
        const exact = [...coefficients.values()].every((v) => v === 0 || v === 1)
        if (exact) for (const h of hidden) expect(sameSet(s, h) && h.size > 0).toBe(false)
      }
    }), { numRuns: 150 })
    // The property only bites where something is shown next to something hidden; make sure that happened.
    expect(meaningful).toBeGreaterThan(30)
  })

  it('a shown total minus any subset of shown parts never isolates fewer than 5 operators (three levels, multi-sector operators)', () => {
    let meaningful = 0
    fc.assert(fc.property(operatorsArb(20, 6), (ops) => {
      const groups = rollUp(ops, 'm', () => 1, ['national', 'sector', 'sector_tier'])
      const rows = aggregate(groups, NON_NCO)
      const { shown, hidden } = shownAndHidden(groups, rows)
      fc.pre(shown.length <= 11)
      if (shown.length >= 2 && hidden.length >= 1) meaningful++
      for (const total of shown) {
        const parts = shown.filter((s) => s !== total)
        for (let mask = 0; mask < 1 << parts.length; mask++) {
          const residual = new Map([...total].map((id) => [id, 1]))
          parts.forEach((p, i) => {
            if (mask & (1 << i)) for (const id of p) residual.set(id, (residual.get(id) ?? 0) - 1)
          })
          const s = support(residual)
          expect(s.size === 0 || s.size >= 5).toBe(true)
          if ([...residual.values()].every((v) => v === 0 || v === 1)) for (const h of hidden) expect(h.size > 0 && sameSet(s, h)).toBe(false)
        }
      }
    }), { numRuns: 60 })
    expect(meaningful).toBeGreaterThan(10)
  })

  it('suppresses a second sibling when exactly one is too small (complementary suppression)', () => {
    const ops = [
      ...Array.from({ length: 6 }, (_, i) => op(`a${i}`, ['medical'], null)),
      ...Array.from({ length: 9 }, (_, i) => op(`b${i}`, ['finance'], null)),
      ...Array.from({ length: 3 }, (_, i) => op(`c${i}`, ['energy'], null)),
    ]
    const rows = aggregate(scoreRollUp(ops, ['national', 'sector']), NON_NCO)
    expect(rows.map((r) => `${r.id}:${r.suppressed ? (r as { reason: string }).reason : 'shown'}`)).toEqual([
      'national:shown', 'sector:medical:complementary', 'sector:finance:shown', 'sector:energy:too_few_operators',
    ])
    // Without the national total there is nothing to subtract from: only the small sector goes.
    expect(aggregate(scoreRollUp(ops, ['sector']), NON_NCO).filter((r) => r.suppressed).map((r) => r.id)).toEqual(['sector:energy'])
  })

  it('cohorts with weights suppress exactly as their operators listed one by one', () => {
    // Pre-aggregated tables hold counts per sector combination, not operator ids: a cohort of n operators in
    // the same groups must count as those n operators, in sizes and in atoms.
    fc.assert(fc.property(operatorsArb(40, 3), fc.constantFrom<Dimension[]>(['national', 'sector'], ['national', 'sector', 'tier'], ['sector', 'sector_tier']), (ops, by) => {
      const groups = scoreRollUp(ops, by)
      const cohortOf = (id: string) => groups.filter((g) => g.operatorIds.includes(id)).map((g) => g.id).join('|')
      const sizes = new Map<string, number>()
      for (const o of ops) if (groups.some((g) => g.operatorIds.includes(o.operatorId))) sizes.set(cohortOf(o.operatorId), (sizes.get(cohortOf(o.operatorId)) ?? 0) + 1)
      const weighted: Group[] = groups.map((g) => {
        const cohorts = [...new Set(g.operatorIds.map(cohortOf))]
        return { ...g, operatorIds: cohorts, weights: cohorts.map((c) => sizes.get(c)!) }
      })
      const strip = (rows: AggregateRow[]) => rows.map((r) => ({ id: r.id, count: r.operatorCount, suppressed: r.suppressed }))
      expect(strip(aggregate(weighted, NON_NCO))).toEqual(strip(aggregate(groups, NON_NCO)))
    }))
  })

  it('refuses a cohort whose weight differs between groups', () => {
    const a: Group = { id: 'sector:a', measure: 'm', dims: {}, operatorIds: ['c1'], weights: [5], value: 1 }
    const b: Group = { id: 'national', measure: 'm', dims: {}, operatorIds: ['c1'], weights: [6], value: 1 }
    expect(() => aggregate([a, b], NON_NCO)).toThrow(/weight/)
  })

  it('refuses the same group twice', () => {
    const g: Group = { id: 'national', measure: 'm', dims: {}, operatorIds: [], value: null }
    expect(() => aggregate([g, g], NON_NCO)).toThrow(/twice/)
  })
})
