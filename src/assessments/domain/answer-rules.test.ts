import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addMonths, daysBetween, isIsoDate, validateAnswers, type AnswerError } from './answer-rules.ts'
import { DEFAULT_MATURITY_SCALE, isGap, type Answer } from './model.ts'
import { answer, FUTURE, obligation, obligationsArb, PAST, TODAY, validAnswersArb } from './arbitraries.test-support.ts'

const scale = DEFAULT_MATURITY_SCALE
const o1 = obligation('3.1.2.1')
const o2 = obligation('3.4.3.3')
const o3 = obligation('3.4.1', 'should')
const o4 = obligation('2.1.1', 'may')
const obligations = [o1, o2, o3, o4]
const valid = [answer(o1, 'implemented'), answer(o2, 'partially'), answer(o3, 'not_implemented'), answer(o4, 'not_applicable')]

function check(answers: Answer[], complete = false): AnswerError[] {
  return validateAnswers(answers, obligations, scale, { today: TODAY, complete })
}

function lines(errors: AnswerError[]): string[] {
  return errors.map((e) => `${e.path}: ${e.message}`)
}

describe('validateAnswers: hand-written cases', () => {
  it('accepts a complete, valid set', () => {
    expect(check(valid, true)).toEqual([])
  })

  it('requires a target date for every gap, naming the answer', () => {
    const answers = valid.map((a, i) => (i === 2 ? { ...a, targetDate: null } : a))
    const errors = check(answers)
    expect(lines(errors)).toEqual(['answers[2].targetDate: a target date is required for a gap'])
    expect(errors[0]).toMatchObject({ code: 'answer.target_date_required', obligationKey: o3.key })
  })

  it('requires the target date to be after today, and a real date', () => {
    const answers = [
      { ...valid[0]! },
      { ...valid[1]!, targetDate: TODAY },
      { ...valid[2]!, targetDate: '2026-02-30' },
    ]
    expect(lines(check(answers))).toEqual([
      `answers[1].targetDate: the target date must be after today (${TODAY})`,
      'answers[2].targetDate: the target date must be a date written YYYY-MM-DD',
    ])
    expect(check([{ ...valid[1]!, targetDate: PAST }]).map((e) => e.code)).toEqual(['answer.target_date_not_future'])
  })

  it('leaves a stale date on an implemented answer alone, but not a malformed one', () => {
    expect(check([{ ...valid[0]!, targetDate: PAST }])).toEqual([])
    expect(lines(check([{ ...valid[0]!, targetDate: '31/12/2026' }]))).toEqual(['answers[0].targetDate: the target date must be a date written YYYY-MM-DD'])
  })

  it('requires a reason for not applicable', () => {
    for (const reason of [null, '', '   ']) {
      const errors = check([{ ...valid[3]!, notApplicableReason: reason }])
      expect(lines(errors)).toEqual(['answers[0].notApplicableReason: a reason is required when the obligation does not apply'])
      expect(errors[0]!.code).toBe('answer.not_applicable_reason_required')
    }
  })

  it('keeps maturity within the scale, in whole levels', () => {
    expect(lines(check([{ ...valid[0]!, maturity: 6 }]))).toEqual(['answers[0].maturity: the maturity must be from 0 to 5'])
    expect(lines(check([{ ...valid[0]!, maturity: -1 }]))).toEqual(['answers[0].maturity: the maturity must be from 0 to 5'])
    expect(check([{ ...valid[0]!, maturity: 2.5 }])[0]).toMatchObject({ path: 'answers[0].maturity', code: 'answer.maturity_not_integer', params: { min: 0, max: 5 } })
    const narrow = { min: 1, max: 3, labels: [] }
    expect(validateAnswers([{ ...valid[0]!, maturity: 0 }], obligations, narrow, { today: TODAY })[0]!.message).toBe('the maturity must be from 1 to 3')
    expect(check([{ ...valid[0]!, maturity: null }])).toEqual([])
  })

  it('rejects unknown obligations, duplicates and a wrong lineage', () => {
    const errors = check([
      valid[0]!,
      { ...valid[1]!, obligationKey: 'nope-v1#x' },
      { ...valid[0]!, result: 'partially', targetDate: FUTURE },
      { ...valid[2]!, lineage: 'us#other' },
    ])
    expect(lines(errors)).toEqual([
      'answers[1].obligationKey: no obligation "nope-v1#x" applies to this operator',
      'answers[2].obligationKey: obligation 3.1.2.1 is already answered in answers[0]',
      `answers[3].lineage: the lineage must be ${o3.lineage} for obligation 3.4.1`,
    ])
    expect(errors.map((e) => e.code)).toEqual(['answer.unknown_obligation', 'answer.duplicate', 'answer.lineage_mismatch'])
  })

  it('rejects a result outside the vocabulary without crashing', () => {
    const bogus = { ...valid[0]!, result: 'mostly' } as unknown as Answer
    expect(lines(check([bogus]))).toEqual(['answers[0].result: the result must be one of implemented, partially, not_implemented, not_applicable'])
  })

  it('rejects blank and repeated evidence ids, naming the element', () => {
    const errors = check([{ ...valid[0]!, evidenceIds: ['ev-1', '', 'ev-1'] }])
    expect(lines(errors)).toEqual([
      'answers[0].evidenceIds[1]: an evidence id must be a non-empty string',
      'answers[0].evidenceIds[2]: evidence ev-1 is listed twice',
    ])
  })

  it('names missing answers only when a complete set is required', () => {
    const partial = [valid[0]!, valid[2]!]
    expect(check(partial)).toEqual([])
    expect(lines(check(partial, true))).toEqual(['answers: obligation 3.4.3.3 has no answer', 'answers: obligation 2.1.1 has no answer'])
    expect(check(partial, true).map((e) => e.obligationKey)).toEqual([o2.key, o4.key])
  })

  it('refuses a malformed today rather than comparing garbage', () => {
    expect(() => validateAnswers(valid, obligations, scale, { today: 'tomorrow' })).toThrow(/today/)
  })
})

describe('validateAnswers: properties', () => {
  it('valid generated answer sets pass, complete or not', () => {
    fc.assert(fc.property(obligationsArb.chain((os) => fc.tuple(fc.constant(os), validAnswersArb(os))), ([os, answers]) => {
      expect(validateAnswers(answers, os, scale, { today: TODAY, complete: true })).toEqual([])
    }))
  })

  it('dropping the target date of any gap yields exactly one error, naming that answer', () => {
    const arb = obligationsArb.chain((os) => fc.tuple(fc.constant(os), validAnswersArb(os), fc.nat()))
    fc.assert(fc.property(arb, ([os, answers, pick]) => {
      const gaps = answers.flatMap((a, i) => (isGap(a.result) ? [i] : []))
      fc.pre(gaps.length > 0)
      const i = gaps[pick % gaps.length]!
      const broken = answers.map((a, j) => (j === i ? { ...a, targetDate: null } : a))
      const errors = validateAnswers(broken, os, scale, { today: TODAY })
      expect(lines(errors)).toEqual([`answers[${i}].targetDate: a target date is required for a gap`])
    }))
  })

  it('every error path names an existing answer index (or the whole list)', () => {
    const mutated = obligationsArb.chain((os) => fc.tuple(fc.constant(os), validAnswersArb(os), fc.array(fc.record({
      i: fc.nat(), field: fc.constantFrom('targetDate', 'maturity', 'notApplicableReason', 'obligationKey', 'result'),
      value: fc.oneof(fc.constant(null), fc.constant(''), fc.string({ maxLength: 4 }), fc.integer({ min: -3, max: 9 })),
    }), { maxLength: 4 })))
    fc.assert(fc.property(mutated, ([os, answers, edits]) => {
      const broken = answers.map((a) => ({ ...a })) as Record<string, unknown>[]
      for (const e of edits) if (broken.length > 0) broken[e.i % broken.length]![e.field] = e.value
      const errors = validateAnswers(broken as unknown as Answer[], os, scale, { today: TODAY, complete: true })
      for (const e of errors) {
        const m = /^answers(?:\[(\d+)\]\.(\w+)(?:\[\d+\])?)?$/.exec(e.path)
        expect(m, e.path).not.toBeNull()
        if (m![1] !== undefined) expect(Number(m![1])).toBeLessThan(broken.length)
        expect(e.message.length).toBeGreaterThan(0)
      }
    }))
  })
})

describe('calendar helpers', () => {
  it('knows real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2026-4-1')).toBe(false)
    expect(isIsoDate(20260401)).toBe(false)
  })

  it('adds months clamped to the month end, and days', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
    expect(addMonths('2026-04-01', -12)).toBe('2025-04-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })

  it('addDays and daysBetween are inverse', () => {
    const date = fc.integer({ min: 0, max: 20000 }).map((d) => new Date(Date.UTC(1990, 0, 1 + d)).toISOString().slice(0, 10))
    fc.assert(fc.property(date, fc.integer({ min: -2000, max: 2000 }), (d, n) => {
      expect(daysBetween(d, addDays(d, n))).toBe(n)
    }))
  })
})
