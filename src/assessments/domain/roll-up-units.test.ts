import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { measureSums, RESULT_PRESENCE, type StoredMeasures } from './results.ts'
import { aggregate, meanMaturity, operatorScore, rollUp, rollUpUnits, type AggregateRow, type Dimension, type OperatorResult, type RollUpUnit } from './scores.ts'
import { operatorsArb } from './arbitraries.test-support.ts'

/**
 * The dashboards roll up pre-computed sums per unit (operators with the same sectors, tier and tier level)
 * instead of one row per operator. These properties hold that to the per-operator roll-up: same groups,
 * same operator counts, same suppression for every viewer, same values up to rounding.
 */

const stored = (op: OperatorResult): StoredMeasures => {
  const s = operatorScore(op)
  return { score: s.score.value, meanMaturity: meanMaturity(op.answers), chapters: s.chapters.map((c) => ({ chapter: c.chapter, score: c.score.value })), kpis: {} }
}

function viaUnits(operators: readonly OperatorResult[], measure: string, by: readonly Dimension[]) {
  const members = new Map<string, { unit: RollUpUnit; results: StoredMeasures[] }>()
  for (const op of operators) {
    const id = JSON.stringify([op.sectors, op.tierId, op.tierLevel])
    const entry = members.get(id) ?? { unit: { id, sectors: op.sectors, tierId: op.tierId, tierLevel: op.tierLevel }, results: [] }
    entry.results.push(stored(op))
    members.set(id, entry)
  }
  const sums = new Map([...members].map(([id, m]) => [id, measureSums(m.results)]))
  return rollUpUnits([...members.values()].map((m) => m.unit), measure, (u) => sums.get(u.id)!.get(measure), by)
}

function valueOf(op: OperatorResult, measure: string): number | null {
  const s = stored(op)
  if (measure === 'score') return s.score
  if (measure === 'maturity') return s.meanMaturity
  return s.chapters.find((c) => `score:chapter:${c.chapter}` === measure)?.score ?? null
}

const byId = (rows: readonly AggregateRow[]) => new Map(rows.map((r) => [r.id, r]))

describe('roll-up over units', () => {
  it('matches the per-operator roll-up: groups, counts, suppression and values', () => {
    fc.assert(fc.property(
      operatorsArb(40), fc.constantFrom('score', 'maturity', 'score:chapter:3.1'), fc.boolean(),
      fc.constantFrom<readonly Dimension[]>(['national', 'sector', 'tier'], ['national', 'sector'], ['sector', 'tier_level', 'sector_tier']),
      (operators, measure, isNco, by) => {
        const expected = byId(aggregate(rollUp(operators, measure, (op) => valueOf(op, measure), by), { isNco }))
        const actual = byId(aggregate(viaUnits(operators, measure, by), { isNco }))
        expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
        for (const [id, e] of expected) {
          const a = actual.get(id)!
          expect({ count: a.operatorCount, suppressed: a.suppressed, reason: a.suppressed ? a.reason : null })
            .toEqual({ count: e.operatorCount, suppressed: e.suppressed, reason: e.suppressed ? e.reason : null })
          if (!a.suppressed && !e.suppressed) {
            if (e.value === null) expect(a.value).toBeNull()
            else expect(a.value).toBeCloseTo(e.value, 12)
          }
        }
      },
    ), { numRuns: 300 })
  })

  it('counts every result once in the presence measure and lists a measure even when no operator has a value', () => {
    const sums = measureSums([
      { score: null, meanMaturity: 2, chapters: [{ chapter: '3.1', score: null }], kpis: { k: 1 } },
      { score: 0.5, meanMaturity: null, chapters: [], kpis: { k: null } },
    ])
    expect(Object.fromEntries(sums)).toEqual({
      [RESULT_PRESENCE]: { operators: 2, total: 2 }, score: { operators: 1, total: 0.5 }, maturity: { operators: 1, total: 2 },
      'score:chapter:3.1': { operators: 0, total: 0 }, 'kpi:k': { operators: 1, total: 1 },
    })
  })
})
