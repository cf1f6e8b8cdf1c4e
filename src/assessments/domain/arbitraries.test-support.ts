import fc from 'fast-check'
import type { Obligation, ObligationSource } from '../../obligations/domain/resolve-obligations.ts'
import type { Strength, TierLevel } from '../../standards/domain/model.ts'
import { STRENGTHS } from '../../standards/domain/model.ts'
import { ANSWER_RESULTS, type Answer, type AnswerResult } from './model.ts'
import type { OperatorResult, ScoredAnswer } from './scores.ts'

/** Shared builders and fast-check generators for the assessments domain tests. */

export const TODAY = '2026-04-01'
export const FUTURE = '2026-09-30'
export const PAST = '2025-12-31'

export function source(documentId: string, nodeId: string, number: string, strength: Strength = 'must', versionId = `${documentId}-v1`): ObligationSource {
  return {
    documentId, documentKind: 'unified_standard', documentTitle: { ja: documentId, en: documentId },
    versionId, versionLabel: '1', nodeId, number, strength,
  }
}

/** An obligation whose key and lineage follow the resolver's naming from its first source. */
export function obligation(number: string, strength: Strength = 'must', more: ObligationSource[] = []): Obligation {
  const primary = source('us', `us-${number}`, number, strength)
  const sources = [primary, ...more]
  return {
    key: `${primary.versionId}#${primary.nodeId}`,
    lineage: `${primary.documentId}#${primary.nodeId}`,
    title: { ja: `題 ${number}`, en: `Title ${number}` },
    text: { ja: '', en: '' },
    strength,
    parameters: [],
    sources,
    reasons: [],
    mergedBy: [],
    related: [],
  }
}

/** A valid answer to the obligation with the given result. */
export function answer(o: Obligation, result: AnswerResult, over: Partial<Answer> = {}): Answer {
  return {
    obligationKey: o.key,
    lineage: o.lineage,
    result,
    maturity: result === 'not_applicable' ? null : result === 'implemented' ? 4 : result === 'partially' ? 2 : 0,
    targetDate: result === 'partially' || result === 'not_implemented' ? FUTURE : null,
    notApplicableReason: result === 'not_applicable' ? 'OT を運用していない' : null,
    comment: '',
    evidenceIds: [],
    ...over,
  }
}

export const resultArb: fc.Arbitrary<AnswerResult> = fc.constantFrom(...ANSWER_RESULTS)
export const strengthArb: fc.Arbitrary<Strength> = fc.constantFrom(...STRENGTHS)

/** A list of distinct obligations with numbers in a few chapters. */
export const obligationsArb: fc.Arbitrary<Obligation[]> = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 })), {
    minLength: 1, maxLength: 12, selector: (t) => t.join('.'),
  })
  .chain((numbers) => fc.tuple(...numbers.map((n) => strengthArb.map((s) => obligation(n.join('.'), s)))))

/** Valid answers, one per obligation, with random results and levels. */
export function validAnswersArb(obligations: readonly Obligation[]): fc.Arbitrary<Answer[]> {
  return fc.tuple(...obligations.map((o) =>
    fc.record({ result: resultArb, maturity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }) })
      .map(({ result, maturity }) => answer(o, result, { maturity: result === 'not_applicable' ? null : maturity }))))
}

export const SECTORS = ['medical', 'finance', 'energy'] as const
export const TIERS: readonly { id: string; level: TierLevel }[] = [
  { id: 'small', level: 'baseline' }, { id: 'mid', level: 'standard' }, { id: 'large', level: 'enhanced' },
]

export function scored(lineage: string, number: string, strength: Strength, result: AnswerResult, maturity: number | null = null, evidenceDates: string[] = []): ScoredAnswer {
  return {
    obligationKey: `k-${lineage}`, lineage, strength, primaryNumber: number,
    sources: [{ documentId: 'us', number }], result, maturity, evidenceDates,
  }
}

/** A pool of requirements operators answer in the generated populations. */
export const POOL: readonly { lineage: string; number: string; strength: Strength }[] = [
  { lineage: 'us#a', number: '3.1.2.1', strength: 'must' },
  { lineage: 'us#b', number: '3.4.3.3', strength: 'must' },
  { lineage: 'us#c', number: '3.4.1', strength: 'should' },
  { lineage: 'us#d', number: '2.1.1', strength: 'may' },
  { lineage: 'us#e', number: '2.2', strength: 'should' },
]

export const scoredAnswersArb: fc.Arbitrary<ScoredAnswer[]> = fc
  .subarray([...POOL], { minLength: 0 })
  .chain((reqs) => fc.tuple(...reqs.map((r) =>
    fc.record({
      result: resultArb,
      maturity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      evidence: fc.array(fc.integer({ min: 0, max: 900 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)), { maxLength: 2 }),
    }).map(({ result, maturity, evidence }) => scored(r.lineage, r.number, r.strength, result, maturity, evidence)))))

/** A population of operators (ids op-0 … op-n), mostly in one sector, some in two; some without a tier. */
export function operatorsArb(max = 30, min = 0): fc.Arbitrary<OperatorResult[]> {
  return fc.array(
    fc.record({
      sectors: fc.uniqueArray(fc.constantFrom(...SECTORS), { minLength: 1, maxLength: 2 }),
      tier: fc.option(fc.constantFrom(...TIERS), { nil: null, freq: 5 }),
      answers: scoredAnswersArb,
    }),
    { minLength: min, maxLength: max, size: 'max' },
  ).map((ops) => ops.map((o, i) => ({
    operatorId: `op-${i}`, sectors: o.sectors, tierId: o.tier?.id ?? null, tierLevel: o.tier?.level ?? null, answers: o.answers,
  })))
}
