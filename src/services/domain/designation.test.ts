import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DomainError } from '../../platform/errors.ts'
import { evaluateDesignation, validateCriteria } from './designation.ts'
import type { CriteriaSet, Criterion, CriterionEvaluation, DesignationContext, DesignationInput } from './designation.ts'
import type { CiService } from './service.ts'

const PREFS = ['01', '13', '27', '40', '47']
const context: DesignationContext = {
  nationalPopulation: 10_000_000,
  prefecturePopulations: { '01': 5_000_000, '13': 14_000_000, '27': 8_800_000, '40': 5_100_000, '47': 1_400_000 },
}

function service(id: string, operatorId: string, peopleServed: number, prefectures: CiService['prefectures'], substitutes: CiService['substitutes'] = []): CiService {
  return {
    id, operatorId, name: { ja: id, en: id }, sector: 'electricity', type: 'supply', peopleServed, businessesServed: 0,
    prefectures, substitutes, mtpdHours: 48, rtoHours: 12, rpoHours: 0, rlo: 1,
    impact: { afterHour: 0, afterDay: 0, afterWeek: peopleServed },
  }
}

const set = (combine: 'all' | 'any', criteria: Criterion[]): CriteriaSet =>
  ({ id: 'nco-2026', definedBy: 'nco', name: { ja: '指定基準', en: 'Designation criteria' }, combine, criteria })

const big: DesignationInput = {
  operatorId: 'op-big', esDesignated: false, systemicDependencyScore: 0.2,
  services: [service('s-big', 'op-big', 830_000, [{ prefectureCode: '13', people: 800_000 }, { prefectureCode: '47', people: 30_000 }], [{ serviceId: 's-x', takeoverHours: 4 }])],
}
const local: DesignationInput = {
  operatorId: 'op-local', esDesignated: false,
  services: [service('s-island', 'op-local', 420_000, [{ prefectureCode: '47', people: 420_000 }])],
}
const designated: DesignationInput = { operatorId: 'op-es', esDesignated: true, services: [] }

describe('evaluateDesignation: hand examples', () => {
  it('explains each criterion with the value and service that fired', () => {
    const result = evaluateDesignation(set('any', [
      { id: 'nat', kind: 'national_coverage', threshold: 0.05 },
      { id: 'pref', kind: 'prefecture_coverage', threshold: 0.25 },
      { id: 'subst', kind: 'low_substitutability', withinHours: 24 },
      { id: 'es', kind: 'economic_security_designation' },
    ]), [local, designated, big], context)

    const bigResult = result.find((r) => r.operatorId === 'op-big')!
    expect(bigResult.candidate).toBe(true)
    expect(bigResult.evaluations[0]).toEqual({ criterionId: 'nat', criterion: 'national_coverage', threshold: 0.05, value: 0.083, fired: true, service: 's-big' })
    // 800,000 of Tokyo's 14 million is below 25 %; its 30,000 in Okinawa even more so.
    expect(bigResult.evaluations[1]).toMatchObject({ fired: false, prefecture: '13', service: 's-big' })
    expect(bigResult.evaluations[1]!.value).toBeCloseTo(800_000 / 14_000_000)
    expect(bigResult.evaluations[2]).toEqual({ criterionId: 'subst', criterion: 'low_substitutability', threshold: 24, value: 4, fired: false, service: 's-big' })

    const localResult = result.find((r) => r.operatorId === 'op-local')!
    expect(localResult.candidate).toBe(true)
    expect(localResult.evaluations[1]).toEqual({ criterionId: 'pref', criterion: 'prefecture_coverage', threshold: 0.25, value: 0.3, fired: true, service: 's-island', prefecture: '47' })
    // No substitute at all is the strongest case of low substitutability.
    expect(localResult.evaluations[2]).toEqual({ criterionId: 'subst', criterion: 'low_substitutability', threshold: 24, value: null, fired: true, service: 's-island' })

    expect(result.find((r) => r.operatorId === 'op-es')!.evaluations.map((e) => e.fired)).toEqual([false, false, false, true])
    // 420,000 of 10 million is 4.2 %, below the 5 % national bar.
    expect(localResult.evaluations[0]).toMatchObject({ value: 0.042, fired: false })
    // Strength: op-local fires two criteria, op-big one (with more people), op-es one.
    expect(result.map((r) => [r.operatorId, r.firedCount])).toEqual([['op-local', 2], ['op-big', 1], ['op-es', 1]])
  })

  it('changing a threshold changes the candidate list', () => {
    const candidates = (threshold: number) => evaluateDesignation(set('any', [{ id: 'nat', kind: 'national_coverage', threshold }]), [big, local, designated], context)
      .filter((r) => r.candidate).map((r) => r.operatorId)
    expect(candidates(0.1)).toEqual([])
    expect(candidates(0.05)).toEqual(['op-big'])
    expect(candidates(0.042)).toEqual(['op-big', 'op-local'])
  })

  it('under `all`, a candidate needs every criterion; the systemic score takes the highest of operator and services', () => {
    const scored: DesignationInput = { ...local, systemicDependencyScore: 0.1, serviceDependencyScores: { 's-island': 0.7 } }
    const criteria = set('all', [{ id: 'pref', kind: 'prefecture_coverage', threshold: 0.25 }, { id: 'sys', kind: 'systemic_dependency', threshold: 0.5 }])
    const [first, second] = evaluateDesignation(criteria, [big, scored], context)
    expect(first!.operatorId).toBe('op-local')
    expect(first!.candidate).toBe(true)
    expect(first!.evaluations[1]).toEqual({ criterionId: 'sys', criterion: 'systemic_dependency', threshold: 0.5, value: 0.7, fired: true, service: 's-island' })
    expect(second!.candidate).toBe(false)
    expect(second!.evaluations[1]).toEqual({ criterionId: 'sys', criterion: 'systemic_dependency', threshold: 0.5, value: 0.2, fired: false })
  })

  it('refuses to compute coverage without the populations it divides by, naming them', () => {
    const criteria = set('any', [{ id: 'pref', kind: 'prefecture_coverage', threshold: 0.1 }, { id: 'nat', kind: 'national_coverage', threshold: 0.1 }])
    try {
      evaluateDesignation(criteria, [big], { nationalPopulation: 0, prefecturePopulations: { '13': 14_000_000 } })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError)
      expect((e as DomainError).fieldErrors.map((f) => f.path)).toEqual(['context.nationalPopulation', 'context.prefecturePopulations.47'])
    }
  })
})

describe('validateCriteria', () => {
  const paths = (input: unknown) => validateCriteria(input).map((e) => `${e.path}:${e.code}`)
  it('accepts a valid set', () => {
    expect(paths(set('any', [{ id: 'a', kind: 'national_coverage', threshold: 0.05 }, { id: 'b', kind: 'economic_security_designation' }]))).toEqual([])
  })
  it('names each bad field', () => {
    expect(paths({ ...set('any', []), combine: 'some' })).toEqual(['combine:criteria.combine_unknown', 'criteria:criteria.empty'])
    expect(paths(set('all', [
      { id: 'a', kind: 'national_coverage', threshold: 5 },
      { id: 'a', kind: 'prefecture_coverage', threshold: 0 },
      { id: 'c', kind: 'low_substitutability', withinHours: -1 },
      { id: 'd', kind: 'systemic_dependency', threshold: Number.NaN },
      { id: 'e', kind: 'population' } as unknown as Criterion,
    ]))).toEqual([
      'criteria.0.threshold:criteria.coverage_out_of_range',
      'criteria.1.id:criteria.duplicate_id',
      'criteria.1.threshold:criteria.coverage_out_of_range',
      'criteria.2.withinHours:criteria.negative_duration',
      'criteria.3.threshold:criteria.negative_number',
      'criteria.4.kind:criteria.kind_unknown',
    ])
    expect(paths({ id: '', definedBy: 'nco', name: { ja: '基準' }, combine: 'any', criteria: [{ id: 'x', kind: 'economic_security_designation' }] }))
      .toEqual(['id:criteria.required', 'name.en:criteria.required'])
  })
  it('evaluateDesignation refuses an invalid set', () => {
    expect(() => evaluateDesignation(set('any', []), [big], context)).toThrow(DomainError)
  })
})

// Random operators whose services respect the service invariants (prefecture people within people served).
const serviceArb = (operatorId: string, index: number) => fc.record({
  people: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 0, maxLength: 3 }),
  prefs: fc.shuffledSubarray(PREFS, { minLength: 0, maxLength: 3 }),
  extra: fc.integer({ min: 0, max: 1_000_000 }),
  substitutes: fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 3 }),
}).map(({ people, prefs, extra, substitutes }) => {
  const prefectures = prefs.map((prefectureCode, i) => ({ prefectureCode, people: people[i] ?? 0 }))
  const served = prefectures.reduce((sum, p) => sum + p.people, 0) + extra
  return service(`${operatorId}-s${index}`, operatorId, served, prefectures, substitutes.map((takeoverHours, i) => ({ serviceId: `sub${i}`, takeoverHours })))
})

const operatorsArb = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => {
  const operatorId = `op${k}`
  return fc.record({
    services: fc.integer({ min: 0, max: 3 }).chain((m) => fc.tuple(...Array.from({ length: m }, (_, i) => serviceArb(operatorId, i)))),
    esDesignated: fc.boolean(),
    score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  }).map(({ services, esDesignated, score }): DesignationInput => {
    const op: DesignationInput = { operatorId, services, esDesignated }
    if (score !== undefined) op.systemicDependencyScore = score
    return op
  })
})))

const fraction = fc.double({ min: 0.001, max: 1, noNaN: true })
const criterionArb = (id: string): fc.Arbitrary<Criterion> => fc.oneof(
  fraction.map((threshold) => ({ id, kind: 'national_coverage' as const, threshold })),
  fraction.map((threshold) => ({ id, kind: 'prefecture_coverage' as const, threshold })),
  fc.integer({ min: 0, max: 200 }).map((withinHours) => ({ id, kind: 'low_substitutability' as const, withinHours })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((threshold) => ({ id, kind: 'systemic_dependency' as const, threshold })),
  fc.constant({ id, kind: 'economic_security_designation' as const }),
)
const setArb = fc.record({
  combine: fc.constantFrom('all' as const, 'any' as const),
  criteria: fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => criterionArb(`c${i}`)))),
}).map(({ combine, criteria }) => set(combine, criteria))

const candidateIds = (s: CriteriaSet, ops: DesignationInput[]) =>
  new Set(evaluateDesignation(s, ops, context).filter((r) => r.candidate).map((r) => r.operatorId))

/** Makes the bound of criterion `i` easier or harder to meet, leaving the others alone. */
function scaleBound(s: CriteriaSet, i: number, easier: boolean): CriteriaSet {
  const criteria = s.criteria.map((c, k): Criterion => {
    if (k !== i) return c
    switch (c.kind) {
      case 'national_coverage':
      case 'prefecture_coverage':
        return { ...c, threshold: easier ? c.threshold / 2 : Math.min(1, c.threshold * 2) }
      case 'systemic_dependency':
        return { ...c, threshold: easier ? c.threshold / 2 : c.threshold * 2 + 0.01 }
      case 'low_substitutability':
        return { ...c, withinHours: easier ? Math.floor(c.withinHours / 2) : c.withinHours * 2 + 1 }
      case 'economic_security_designation':
        return c
    }
  })
  return { ...s, criteria }
}

/** Checks a fired evaluation against its bound independently of the evaluator's own `fired` flag. */
function satisfies(e: CriterionEvaluation): boolean {
  switch (e.criterion) {
    case 'national_coverage':
    case 'prefecture_coverage':
    case 'systemic_dependency':
      return typeof e.value === 'number' && typeof e.threshold === 'number' && e.value >= e.threshold
    case 'low_substitutability':
      // A null value without a service means the operator has no services: nothing lacks a substitute.
      return (e.value === null && e.service !== undefined) || (typeof e.value === 'number' && typeof e.threshold === 'number' && e.value > e.threshold)
    case 'economic_security_designation':
      return e.value === true
  }
}

describe('evaluateDesignation: properties', () => {
  it('lowering a bound never removes a candidate, raising it never adds one', () => {
    fc.assert(fc.property(operatorsArb, setArb, fc.nat(), (ops, s, pick) => {
      const i = pick % s.criteria.length
      const before = candidateIds(s, ops)
      for (const id of before) expect(candidateIds(scaleBound(s, i, true), ops)).toContain(id)
      for (const id of candidateIds(scaleBound(s, i, false), ops)) expect(before).toContain(id)
    }), { numRuns: 300 })
  })

  it('every candidate shows a fired criterion whose value meets its bound; under `any` non-candidates show none', () => {
    fc.assert(fc.property(operatorsArb, setArb, (ops, s) => {
      const result = evaluateDesignation(s, ops, context)
      expect(result.map((r) => r.operatorId).sort()).toEqual(ops.map((o) => o.operatorId).sort())
      let seenNonCandidate = false
      for (const r of result) {
        expect(r.evaluations).toHaveLength(s.criteria.length)
        for (const e of r.evaluations) expect(e.fired).toBe(satisfies(e))
        if (r.candidate) {
          expect(seenNonCandidate).toBe(false) // candidates come first
          expect(r.evaluations.some((e) => e.fired && satisfies(e))).toBe(true)
          if (s.combine === 'all') expect(r.evaluations.every((e) => e.fired)).toBe(true)
        } else {
          seenNonCandidate = true
          if (s.combine === 'any') expect(r.evaluations.some((e) => e.fired)).toBe(false)
        }
      }
    }), { numRuns: 300 })
  })

  it('the reported value is the strongest over all services, recomputed by brute force', () => {
    fc.assert(fc.property(operatorsArb, fraction, fraction, (ops, nat, pref) => {
      const result = evaluateDesignation(set('any', [{ id: 'n', kind: 'national_coverage', threshold: nat }, { id: 'p', kind: 'prefecture_coverage', threshold: pref }]), ops, context)
      for (const op of ops) {
        const r = result.find((x) => x.operatorId === op.operatorId)!
        const natValues = op.services.map((s) => s.peopleServed / context.nationalPopulation)
        const prefValues = op.services.flatMap((s) => s.prefectures.map((p) => p.people / context.prefecturePopulations[p.prefectureCode]!))
        expect(r.evaluations[0]!.value).toBe(natValues.length === 0 ? null : Math.max(...natValues))
        expect(r.evaluations[1]!.value).toBe(prefValues.length === 0 ? null : Math.max(...prefValues))
        expect(r.candidate).toBe(natValues.some((v) => v >= nat) || prefValues.some((v) => v >= pref))
      }
    }), { numRuns: 200 })
  })
})
