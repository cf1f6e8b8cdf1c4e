import { addMonths, isIsoDate } from './answer-rules.ts'
import { ANSWER_RESULTS, type AnswerResult, type KpiCondition, type KpiDefinition } from './model.ts'
import {
  aggregate, inChapter, meanMaturity, MIN_OPERATORS, rollUp, scoreAnswers, trend, type AggregateRow, type AggregateViewer,
  type OperatorResult, type ScoredAnswer, type TrendRow,
} from './scores.ts'

/**
 * KPIs (S21): evaluation criteria of a campaign, defined as data (model.ts KpiDefinition) and computed
 * nationally and per sector from submitted answers, with trend against the previous cycle. Like every
 * cross-operator aggregate, a non-NCO viewer gets no value for a group of fewer than 5 operators (and the
 * complementary suppression of scores.ts aggregate).
 *
 * Examples:
 *   share of tier-1 (enhanced) operators with an appointed CISO:
 *     { kind: 'share_of_operators', filter: { tierLevels: ['enhanced'] }, condition: { sourceNumber: '3.1.2.1', result: 'implemented' } }
 *   share with offline backups restore-tested in the last 12 months:
 *     { kind: 'share_of_operators', condition: { sourceNumber: '3.4.3.3', result: 'implemented', evidenceWithinMonths: 12 } }
 *   mean maturity of chapter 3.4:  { kind: 'mean_maturity', chapter: '3.4' }
 */

export interface KpiDefinitionError {
  path: string
  code: 'kpi.target_required' | 'kpi.target_ambiguous' | 'kpi.result_invalid' | 'kpi.months_invalid' | 'kpi.chapter_required' | 'kpi.id_required'
  message: string
}

/** Problems in one KPI definition (when a campaign is created or imported), naming the field. */
export function validateKpiDefinition(def: KpiDefinition, path = 'kpi'): KpiDefinitionError[] {
  const errors: KpiDefinitionError[] = []
  if (typeof def.id !== 'string' || def.id.trim() === '') errors.push({ path: `${path}.id`, code: 'kpi.id_required', message: 'a KPI needs an id' })
  if (def.kind === 'share_of_operators') {
    const c = def.condition
    const targets = [c.obligationLineage, c.sourceNumber].filter((t) => typeof t === 'string' && t !== '').length
    if (targets === 0) errors.push({ path: `${path}.condition`, code: 'kpi.target_required', message: 'name the requirement by obligationLineage or sourceNumber' })
    if (targets === 2) errors.push({ path: `${path}.condition`, code: 'kpi.target_ambiguous', message: 'name the requirement by obligationLineage or sourceNumber, not both' })
    const results = acceptedResults(c)
    if (results.length === 0 || results.some((r) => !(ANSWER_RESULTS as readonly string[]).includes(r))) {
      errors.push({ path: `${path}.condition.result`, code: 'kpi.result_invalid', message: `the result must be one or more of ${ANSWER_RESULTS.join(', ')}` })
    }
    const months = c.evidenceWithinMonths
    if (months !== undefined && (!Number.isInteger(months) || months < 1)) {
      errors.push({ path: `${path}.condition.evidenceWithinMonths`, code: 'kpi.months_invalid', message: 'the evidence window must be a whole number of months, at least 1' })
    }
  } else if (def.kind === 'mean_maturity' && (typeof def.chapter !== 'string' || def.chapter.trim() === '')) {
    errors.push({ path: `${path}.chapter`, code: 'kpi.chapter_required', message: 'a mean-maturity KPI needs a chapter' })
  }
  return errors
}

function acceptedResults(c: KpiCondition): readonly AnswerResult[] {
  return typeof c.result === 'string' ? [c.result] : c.result
}

/** Does the operator fall under the KPI's filter. */
export function kpiCovers(def: KpiDefinition, op: OperatorResult): boolean {
  const f = def.filter
  if (!f) return true
  if (f.tierLevels && f.tierLevels.length > 0 && (op.tierLevel === null || !f.tierLevels.includes(op.tierLevel))) return false
  if (f.tierIds && f.tierIds.length > 0 && (op.tierId === null || !f.tierIds.includes(op.tierId))) return false
  if (f.sectors && f.sectors.length > 0 && !op.sectors.some((s) => f.sectors!.includes(s))) return false
  return true
}

function matches(c: KpiCondition, a: ScoredAnswer): boolean {
  if (c.obligationLineage) return a.lineage === c.obligationLineage
  if (c.sourceNumber) return a.sources.some((s) => s.number === c.sourceNumber && (!c.documentId || s.documentId === c.documentId))
  return false
}

/**
 * The operator's value for the KPI, or null when the operator does not count: outside the filter; for a
 * share, no matching answer (the requirement does not apply to it, or it answered not applicable while
 * not_applicable is not an accepted result); for a mean, nothing to average.
 *
 * A share is 1 when every counted matching answer has an accepted result and, with evidenceWithinMonths,
 * evidence dated within that many calendar months up to `today` (a later date does not count), else 0.
 */
export function kpiOperatorValue(def: KpiDefinition, op: OperatorResult, today: string): number | null {
  if (!kpiCovers(def, op)) return null
  switch (def.kind) {
    case 'share_of_operators': {
      const c = def.condition
      const accepted = acceptedResults(c)
      const counted = op.answers.filter((a) => matches(c, a) && (a.result !== 'not_applicable' || accepted.includes('not_applicable')))
      if (counted.length === 0) return null
      const since = c.evidenceWithinMonths === undefined ? null : addMonths(today, -c.evidenceWithinMonths)
      const ok = counted.every((a) => accepted.includes(a.result)
        && (since === null || a.evidenceDates.some((d) => isIsoDate(d) && d >= since && d <= today)))
      return ok ? 1 : 0
    }
    case 'mean_maturity':
      return meanMaturity(op.answers.filter((a) => inChapter(a.primaryNumber, def.chapter)))
    case 'mean_score':
      return scoreAnswers(def.chapter === undefined ? op.answers : op.answers.filter((a) => inChapter(a.primaryNumber, def.chapter!))).value
  }
}

export interface KpiContext {
  /** The computation date (ISO), for evidence recency. */
  today: string
  viewer: AggregateViewer
  /** The previous cycle's submissions and its computation date, for the trend. */
  previous?: { submissions: readonly OperatorResult[]; today: string }
  minimum?: number
}

export interface KpiResult {
  id: string
  definition: KpiDefinition
  national: AggregateRow<number | null>
  /** One row per sector present, in first-seen order. */
  sectors: AggregateRow<number | null>[]
  /** National and per-sector change against the previous cycle (empty without one). */
  trend: TrendRow[]
}

function rows(def: KpiDefinition, submissions: readonly OperatorResult[], today: string, viewer: AggregateViewer, minimum: number) {
  if (!isIsoDate(today)) throw new RangeError(`today is not an ISO date: ${String(today)}`)
  const groups = rollUp(submissions, `kpi:${def.id}`, (op) => kpiOperatorValue(def, op, today), ['national', 'sector'])
  if (!groups.some((g) => g.id === 'national')) groups.unshift({ id: 'national', measure: `kpi:${def.id}`, dims: {}, operatorIds: [], value: null })
  return aggregate(groups, viewer, minimum)
}

/** One KPI, nationally and per sector, suppressed for non-NCO viewers, with trend when a previous cycle is given. */
export function computeKpi(def: KpiDefinition, submissions: readonly OperatorResult[], context: KpiContext): KpiResult {
  const minimum = context.minimum ?? MIN_OPERATORS
  const current = rows(def, submissions, context.today, context.viewer, minimum)
  const before = context.previous ? rows(def, context.previous.submissions, context.previous.today, context.viewer, minimum) : null
  return {
    id: def.id,
    definition: def,
    national: current.find((r) => r.id === 'national')!,
    sectors: current.filter((r) => r.id !== 'national'),
    trend: before ? trend(current, before) : [],
  }
}

export function computeKpis(defs: readonly KpiDefinition[], submissions: readonly OperatorResult[], context: KpiContext): KpiResult[] {
  return defs.map((d) => computeKpi(d, submissions, context))
}
