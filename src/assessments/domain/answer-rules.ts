import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'
import { ANSWER_RESULTS, isGap, type Answer, type AnswerResult, type MaturityScale } from './model.ts'

/**
 * Rules an answer set must satisfy. Every error names the offending field (`answers[3].targetDate`), carries
 * a stable code the UI translates (Japanese first) and an English message; `params` holds the values a
 * translation interpolates.
 *
 * Answers reach this from the API, the XLSX import and carried-forward pre-fills, so the checks do not trust
 * the static types: a result outside the vocabulary or a malformed date is an error, not a crash.
 */

export const ANSWER_ERROR_CODES = [
  'answer.unknown_obligation',
  'answer.duplicate',
  'answer.lineage_mismatch',
  'answer.result_invalid',
  'answer.target_date_required',
  'answer.target_date_invalid',
  'answer.target_date_not_future',
  'answer.not_applicable_reason_required',
  'answer.maturity_not_integer',
  'answer.maturity_out_of_range',
  'answer.evidence_invalid',
  'answer.missing',
] as const
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number]

export interface AnswerError {
  /** `answers[i].field`, or `answers` for an obligation with no answer at all. */
  path: string
  code: AnswerErrorCode
  message: string
  /** The obligation concerned, when known. */
  obligationKey?: string
  params?: Readonly<Record<string, string | number>>
}

export interface ValidateOptions {
  /** Today's date (ISO), from the caller's clock: target dates must be after it. */
  today: string
  /** Require an answer for every obligation (true when submitting; drafts may be partial). */
  complete?: boolean
}

// ---------------------------------------------------------------------------------------------------------
// Calendar dates (UTC, no clock)
// ---------------------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date written `YYYY-MM-DD` (so '2026-02-30' is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

function toUtc(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${String(date)}`)
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date)
  d.setUTCDate(d.getUTCDate() + days)
  return fromUtc(d)
}

/** Calendar months, clamped to the month's last day: 2026-03-31 minus 1 month is 2026-02-28. */
export function addMonths(date: string, months: number): string {
  const d = toUtc(date)
  const day = d.getUTCDate()
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(day, last))
  return fromUtc(first)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000)
}

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

const RESULTS: ReadonlySet<string> = new Set(ANSWER_RESULTS)

function primaryNumber(o: Obligation): string {
  return o.sources[0]?.number ?? o.key
}

/**
 * Every rule broken by `answers` against the operator's `obligations` and the campaign's maturity `scale`,
 * in answer order (then missing obligations in obligation order). An empty list means the set is valid.
 *
 * - each answer names a known obligation key, at most once, with that obligation's lineage;
 * - the result is one of ANSWER_RESULTS;
 * - a gap (partially / not_implemented) has a target date, a real date after `today`; other results may
 *   leave a date from an earlier draft, which is then only checked to be a date;
 * - not_applicable has a non-blank reason;
 * - maturity, when given, is a whole level within the scale;
 * - evidence ids are non-blank strings, each listed once;
 * - with `complete`, every obligation has an answer.
 */
export function validateAnswers(
  answers: readonly Answer[],
  obligations: readonly Obligation[],
  scale: MaturityScale,
  options: ValidateOptions,
): AnswerError[] {
  if (!isIsoDate(options.today)) throw new RangeError(`today is not an ISO date: ${String(options.today)}`)
  const byKey = new Map(obligations.map((o) => [o.key, o]))
  const firstIndex = new Map<string, number>()
  const errors: AnswerError[] = []

  answers.forEach((answer, i) => {
    const at = (field: string) => `answers[${i}].${field}`
    const key = answer.obligationKey
    const push = (field: string, code: AnswerErrorCode, message: string, params?: Record<string, string | number>) =>
      errors.push({ path: at(field), code, message, obligationKey: key, ...(params ? { params } : {}) })

    const obligation = byKey.get(key)
    if (!obligation) {
      push('obligationKey', 'answer.unknown_obligation', `no obligation ${JSON.stringify(key)} applies to this operator`)
    } else {
      const earlier = firstIndex.get(key)
      if (earlier !== undefined) {
        push('obligationKey', 'answer.duplicate', `obligation ${primaryNumber(obligation)} is already answered in answers[${earlier}]`, {
          number: primaryNumber(obligation), first: earlier,
        })
      } else {
        firstIndex.set(key, i)
      }
      if (answer.lineage !== obligation.lineage) {
        push('lineage', 'answer.lineage_mismatch', `the lineage must be ${obligation.lineage} for obligation ${primaryNumber(obligation)}`, {
          expected: obligation.lineage,
        })
      }
    }

    const result = answer.result as string
    const validResult = RESULTS.has(result)
    if (!validResult) {
      push('result', 'answer.result_invalid', `the result must be one of ${ANSWER_RESULTS.join(', ')}`)
    }

    const target = answer.targetDate
    if (validResult && isGap(result as AnswerResult)) {
      if (target === null || target === undefined || target === '') {
        push('targetDate', 'answer.target_date_required', 'a target date is required for a gap')
      } else if (!isIsoDate(target)) {
        push('targetDate', 'answer.target_date_invalid', 'the target date must be a date written YYYY-MM-DD')
      } else if (target <= options.today) {
        push('targetDate', 'answer.target_date_not_future', `the target date must be after today (${options.today})`, { today: options.today })
      }
    } else if (target !== null && target !== undefined && target !== '' && !isIsoDate(target)) {
      push('targetDate', 'answer.target_date_invalid', 'the target date must be a date written YYYY-MM-DD')
    }

    if (result === 'not_applicable') {
      const reason = answer.notApplicableReason
      if (typeof reason !== 'string' || reason.trim() === '') {
        push('notApplicableReason', 'answer.not_applicable_reason_required', 'a reason is required when the obligation does not apply')
      }
    }

    const maturity = answer.maturity
    if (maturity !== null && maturity !== undefined) {
      if (typeof maturity !== 'number' || !Number.isInteger(maturity)) {
        push('maturity', 'answer.maturity_not_integer', `the maturity must be a whole level from ${scale.min} to ${scale.max}`, {
          min: scale.min, max: scale.max,
        })
      } else if (maturity < scale.min || maturity > scale.max) {
        push('maturity', 'answer.maturity_out_of_range', `the maturity must be from ${scale.min} to ${scale.max}`, {
          min: scale.min, max: scale.max,
        })
      }
    }

    const evidence = answer.evidenceIds
    if (!Array.isArray(evidence)) {
      push('evidenceIds', 'answer.evidence_invalid', 'the evidence must be a list of evidence ids')
    } else {
      const seen = new Set<string>()
      evidence.forEach((id: unknown, j) => {
        if (typeof id !== 'string' || id.trim() === '') {
          errors.push({ path: at(`evidenceIds[${j}]`), code: 'answer.evidence_invalid', message: 'an evidence id must be a non-empty string', obligationKey: key })
        } else if (seen.has(id)) {
          errors.push({ path: at(`evidenceIds[${j}]`), code: 'answer.evidence_invalid', message: `evidence ${id} is listed twice`, obligationKey: key })
        } else {
          seen.add(id)
        }
      })
    }
  })

  if (options.complete) {
    for (const o of obligations) {
      if (!firstIndex.has(o.key)) {
        errors.push({
          path: 'answers', code: 'answer.missing', message: `obligation ${primaryNumber(o)} has no answer`,
          obligationKey: o.key, params: { number: primaryNumber(o) },
        })
      }
    }
  }
  return errors
}
