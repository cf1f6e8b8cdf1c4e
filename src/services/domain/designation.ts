import type { FieldError } from '../../platform/errors.ts'
import { invalid } from '../../platform/errors.ts'
import type { CiService } from './service.ts'

/**
 * One designation criterion, as data so the NCO or a ministry can change thresholds without a release.
 * Coverages are fractions (0.05 = 5 %); hours are hours.
 */
export type Criterion =
  /** Some service reaches at least `threshold` of the national population. */
  | { id: string; kind: 'national_coverage'; threshold: number }
  /** Some service reaches at least `threshold` of the population of some prefecture. */
  | { id: string; kind: 'prefecture_coverage'; threshold: number }
  /** Some service has no substitute able to take over within `withinHours`. */
  | { id: string; kind: 'low_substitutability'; withinHours: number }
  /** The operator's (or one of its services') systemic-dependency score, computed elsewhere, is at least `threshold`. */
  | { id: string; kind: 'systemic_dependency'; threshold: number }
  /** The operator is a 特定社会基盤事業者 under the Economic Security Promotion Act. */
  | { id: string; kind: 'economic_security_designation' }

export type CriterionKind = Criterion['kind']
export const CRITERION_KINDS: readonly CriterionKind[] = ['national_coverage', 'prefecture_coverage', 'low_substitutability', 'systemic_dependency', 'economic_security_designation']

/** Criteria combined: `all` must fire, or `any` one suffices. */
export interface CriteriaSet {
  id: string
  /** Organisation (NCO or ministry) that defined the set. */
  definedBy: string
  name: { ja: string; en: string }
  combine: 'all' | 'any'
  criteria: Criterion[]
}

/** An operator under consideration, with the services it runs and inputs computed elsewhere. */
export interface DesignationInput {
  operatorId: string
  services: CiService[]
  esDesignated: boolean
  /** Systemic-dependency score of the operator as a whole, when known. */
  systemicDependencyScore?: number
  /** Systemic-dependency scores per service id, when known. */
  serviceDependencyScores?: Readonly<Record<string, number>>
}

/** Population figures the coverage criteria divide by (statistics, not operator data). */
export interface DesignationContext {
  nationalPopulation: number
  /** Keyed by JIS X 0401 code. */
  prefecturePopulations: Readonly<Record<string, number>>
}

/**
 * How one criterion came out for one operator, with the value that decided it. For service-level criteria
 * the strongest service is reported (highest coverage, slowest substitute), so a fired criterion names the
 * service that fired it. `value` is `null` when there is nothing to measure (no services, no score,
 * or no substitute at all — which for low substitutability is the strongest case).
 */
export interface CriterionEvaluation {
  criterionId: string
  criterion: CriterionKind
  /** `≥` bound for coverages and scores, `>` bound (hours) for low substitutability, null for the flag. */
  threshold: number | null
  value: number | boolean | null
  fired: boolean
  service?: string
  prefecture?: string
}

export interface OperatorEvaluation {
  operatorId: string
  candidate: boolean
  /** Number of fired criteria: the first sort key among candidates. */
  firedCount: number
  evaluations: CriterionEvaluation[]
}

/** Every problem with a criteria set as submitted, each naming its field. Empty when valid. */
export function validateCriteria(input: unknown): FieldError[] {
  const errors: FieldError[] = []
  const err = (path: string, code: string, message: string) => errors.push({ path, code, message })
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    err('', 'criteria.not_an_object', 'A criteria set must be an object.')
    return errors
  }
  const set = input as Record<string, unknown>
  for (const key of ['id', 'definedBy'] as const) {
    if (typeof set[key] !== 'string' || (set[key] as string).trim() === '') err(key, 'criteria.required', `${key} is required.`)
  }
  const name = set.name as Record<string, unknown> | undefined
  if (typeof name !== 'object' || name === null) err('name', 'criteria.required', 'name is required.')
  else for (const lang of ['ja', 'en'] as const) {
    if (typeof name[lang] !== 'string' || (name[lang] as string).trim() === '') err(`name.${lang}`, 'criteria.required', `name.${lang} is required.`)
  }
  if (set.combine !== 'all' && set.combine !== 'any') err('combine', 'criteria.combine_unknown', 'combine must be "all" or "any".')
  if (!Array.isArray(set.criteria)) {
    err('criteria', 'criteria.required', 'criteria must be a list.')
    return errors
  }
  // An empty set would make every operator a candidate under `all` and none under `any`: never what was meant.
  if (set.criteria.length === 0) err('criteria', 'criteria.empty', 'A criteria set needs at least one criterion.')
  const ids = new Set<string>()
  set.criteria.forEach((c: unknown, i) => {
    const path = `criteria.${i}`
    if (typeof c !== 'object' || c === null) return err(path, 'criteria.not_an_object', `${path} must be an object.`)
    const crit = c as Record<string, unknown>
    if (typeof crit.id !== 'string' || crit.id.trim() === '') err(`${path}.id`, 'criteria.required', `${path}.id is required.`)
    else if (ids.has(crit.id)) err(`${path}.id`, 'criteria.duplicate_id', `Criterion id ${crit.id} is used twice.`)
    else ids.add(crit.id)
    const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
    switch (crit.kind) {
      case 'national_coverage':
      case 'prefecture_coverage':
        if (!finite(crit.threshold) || crit.threshold <= 0 || crit.threshold > 1) {
          err(`${path}.threshold`, 'criteria.coverage_out_of_range', `${path}.threshold must be a fraction above 0 and at most 1.`)
        }
        break
      case 'low_substitutability':
        if (!finite(crit.withinHours) || crit.withinHours < 0) err(`${path}.withinHours`, 'criteria.negative_duration', `${path}.withinHours must be a number of hours ≥ 0.`)
        break
      case 'systemic_dependency':
        if (!finite(crit.threshold) || crit.threshold < 0) err(`${path}.threshold`, 'criteria.negative_number', `${path}.threshold must be a number ≥ 0.`)
        break
      case 'economic_security_designation':
        break
      default:
        err(`${path}.kind`, 'criteria.kind_unknown', `${path}.kind must be one of ${CRITERION_KINDS.join(', ')}.`)
    }
  })
  return errors
}

/**
 * Which operators the criteria set makes designation candidates, explaining every criterion for every operator.
 * Candidates come first, ordered by strength: more fired criteria first, then more people served by the
 * largest service, then operator id so the order is stable.
 * Throws `invalid` when the set is invalid or the context lacks a population a coverage criterion needs.
 */
export function evaluateDesignation(set: CriteriaSet, candidates: readonly DesignationInput[], context: DesignationContext): OperatorEvaluation[] {
  const problems = validateCriteria(set)
  if (problems.length > 0) throw invalid('criteria.invalid', 'The criteria set is invalid.', problems)
  checkContext(set, candidates, context)
  const results = candidates.map((op): OperatorEvaluation & { reach: number } => {
    const evaluations = set.criteria.map((c) => evaluateCriterion(c, op, context))
    const firedCount = evaluations.filter((e) => e.fired).length
    const candidate = set.combine === 'all' ? firedCount === evaluations.length : firedCount > 0
    const reach = op.services.reduce((m, s) => Math.max(m, s.peopleServed), 0)
    return { operatorId: op.operatorId, candidate, firedCount, evaluations, reach }
  })
  results.sort((a, b) => Number(b.candidate) - Number(a.candidate) || b.firedCount - a.firedCount || b.reach - a.reach
    || (a.operatorId < b.operatorId ? -1 : a.operatorId > b.operatorId ? 1 : 0))
  return results.map(({ reach: _reach, ...rest }) => rest)
}

function checkContext(set: CriteriaSet, candidates: readonly DesignationInput[], context: DesignationContext): void {
  const errors: FieldError[] = []
  const kinds = new Set(set.criteria.map((c) => c.kind))
  if (kinds.has('national_coverage') && !(Number.isFinite(context.nationalPopulation) && context.nationalPopulation > 0)) {
    errors.push({ path: 'context.nationalPopulation', code: 'designation.population_required', message: 'National population must be a number above zero.' })
  }
  if (kinds.has('prefecture_coverage')) {
    const missing = new Set<string>()
    for (const op of candidates) for (const s of op.services) for (const p of s.prefectures) {
      const pop = context.prefecturePopulations[p.prefectureCode]
      if (!(pop !== undefined && Number.isFinite(pop) && pop > 0)) missing.add(p.prefectureCode)
    }
    for (const code of [...missing].sort()) {
      errors.push({ path: `context.prefecturePopulations.${code}`, code: 'designation.population_required', message: `Population of prefecture ${code} is required.`, params: { prefecture: code } })
    }
  }
  if (errors.length > 0) throw invalid('designation.context_incomplete', 'Population figures needed by the criteria are missing.', errors)
}

function evaluateCriterion(c: Criterion, op: DesignationInput, ctx: DesignationContext): CriterionEvaluation {
  switch (c.kind) {
    case 'national_coverage': {
      let best: { value: number; service: string } | null = null
      for (const s of op.services) {
        const value = s.peopleServed / ctx.nationalPopulation
        if (best === null || value > best.value) best = { value, service: s.id }
      }
      if (best === null) return { criterionId: c.id, criterion: c.kind, threshold: c.threshold, value: null, fired: false }
      return { criterionId: c.id, criterion: c.kind, threshold: c.threshold, value: best.value, fired: best.value >= c.threshold, service: best.service }
    }
    case 'prefecture_coverage': {
      let best: { value: number; service: string; prefecture: string } | null = null
      for (const s of op.services) for (const p of s.prefectures) {
        const value = p.people / (ctx.prefecturePopulations[p.prefectureCode] as number)
        if (best === null || value > best.value) best = { value, service: s.id, prefecture: p.prefectureCode }
      }
      if (best === null) return { criterionId: c.id, criterion: c.kind, threshold: c.threshold, value: null, fired: false }
      return { criterionId: c.id, criterion: c.kind, threshold: c.threshold, value: best.value, fired: best.value >= c.threshold, service: best.service, prefecture: best.prefecture }
    }
    case 'low_substitutability': {
      // Per service, the fastest takeover is what matters; across services, the worst one is the operator's risk.
      let worst: { value: number | null; service: string } | null = null
      for (const s of op.services) {
        const fastest = s.substitutes.length === 0 ? null : Math.min(...s.substitutes.map((x) => x.takeoverHours))
        if (worst === null || worse(fastest, worst.value)) worst = { value: fastest, service: s.id }
      }
      if (worst === null) return { criterionId: c.id, criterion: c.kind, threshold: c.withinHours, value: null, fired: false }
      const fired = worst.value === null || worst.value > c.withinHours
      return { criterionId: c.id, criterion: c.kind, threshold: c.withinHours, value: worst.value, fired, service: worst.service }
    }
    case 'systemic_dependency': {
      let best: { value: number; service?: string } | null = null
      if (op.systemicDependencyScore !== undefined) best = { value: op.systemicDependencyScore }
      for (const s of op.services) {
        const value = op.serviceDependencyScores?.[s.id]
        if (value !== undefined && (best === null || value > best.value)) best = { value, service: s.id }
      }
      if (best === null) return { criterionId: c.id, criterion: c.kind, threshold: c.threshold, value: null, fired: false }
      const result: CriterionEvaluation = { criterionId: c.id, criterion: c.kind, threshold: c.threshold, value: best.value, fired: best.value >= c.threshold }
      if (best.service !== undefined) result.service = best.service
      return result
    }
    case 'economic_security_designation':
      return { criterionId: c.id, criterion: c.kind, threshold: null, value: op.esDesignated, fired: op.esDesignated }
  }
}

/** No substitute (null) is worse than any takeover time; otherwise slower is worse. */
function worse(a: number | null, b: number | null): boolean {
  if (b === null) return false
  if (a === null) return true
  return a > b
}
