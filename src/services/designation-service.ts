import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { forbidden, invalid, notFound, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import { getOrganisationUnscoped, listAllOrganisationsUnscoped } from '../org/store/organisation-repository.ts'
import { findTier, setOperatorTier } from '../standards/store/governance-repository.ts'
import { systemicScoresFor } from '../dependencies/analysis-service.ts'
import { evaluateDesignation, validateCriteria, type CriteriaSet, type CriterionEvaluation, type DesignationInput } from './domain/designation.ts'
import type { CiService } from './domain/service.ts'
import { designationContext } from './population.ts'
import {
  findCriteriaSetForScope, insertCriteriaSet, insertDecision, listCriteriaSetsForScope, listDecisionsForScope, listServicesUnscoped, updateCriteriaSet,
  type CriteriaSetRecord, type DecisionRecord, type DesignationOutcome,
} from './store/services-repository.ts'

/**
 * Designation (S15): criteria defined as data by the NCO or a ministry, candidates evaluated over the operators
 * the caller governs (the NCO all, a ministry those of its sectors) with every criterion's value explained, and
 * decisions recorded. A decision to designate also records the operator's tier for the sector in
 * `operator_tier`, the table the standards and obligations modules read, in the same transaction.
 */

const isGovernment = (scope: Scope) => scope.organisationKind === 'national_office' || scope.organisationKind === 'ministry'

function requireGovernment(scope: Scope): void {
  if (!isGovernment(scope)) throw forbidden('Designation is the NCO\'s and the ministries\' work.')
}

export type CriteriaDraft = Pick<CriteriaSet, 'name' | 'combine' | 'criteria'>

function criteriaProblems(set: CriteriaSet): FieldError[] {
  return validateCriteria(set).map((e) => ({ ...e, path: e.path === '' ? 'body' : `body.${e.path}` }))
}

export async function listCriteriaSets(ctx: AppContext, scope: Scope): Promise<CriteriaSetRecord[]> {
  requireGovernment(scope)
  return listCriteriaSetsForScope(ctx.database.db, scope)
}

export async function createCriteriaSet(ctx: AppContext, scope: Scope, draft: CriteriaDraft): Promise<CriteriaSetRecord> {
  requireGovernment(scope)
  const set: CriteriaSet = { id: randomUUID(), definedBy: scope.organisationId, name: draft.name, combine: draft.combine, criteria: draft.criteria }
  const problems = criteriaProblems(set)
  if (problems.length > 0) throw invalid('criteria.invalid', `The criteria set is invalid: ${problems[0]!.path}: ${problems[0]!.message}`, problems)
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await insertCriteriaSet(trx, set, at.toISOString(), scope.actor)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'services.criteria_create', targetType: 'designation_criteria_set', targetId: set.id, after: set }, at)
  })
  return (await findCriteriaSetForScope(ctx.database.db, scope, set.id))!
}

/** Only the organisation that defined a set changes it. */
export async function updateCriteria(ctx: AppContext, scope: Scope, id: string, draft: CriteriaDraft): Promise<CriteriaSetRecord> {
  requireGovernment(scope)
  const before = await findCriteriaSetForScope(ctx.database.db, scope, id)
  if (!before) throw notFound('criteria_set')
  if (before.definedBy !== scope.organisationId) throw forbidden('Only the organisation that defined the criteria set changes it.')
  const set: CriteriaSet = { id, definedBy: before.definedBy, name: draft.name, combine: draft.combine, criteria: draft.criteria }
  const problems = criteriaProblems(set)
  if (problems.length > 0) throw invalid('criteria.invalid', `The criteria set is invalid: ${problems[0]!.path}: ${problems[0]!.message}`, problems)
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await updateCriteriaSet(trx, set, at.toISOString(), scope.actor)
    const { createdAt: _c, updatedAt: _u, updatedBy: _b, ...was } = before
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'services.criteria_update', targetType: 'designation_criteria_set', targetId: id, before: was, after: set }, at)
  })
  return (await findCriteriaSetForScope(ctx.database.db, scope, id))!
}

export interface CandidateView {
  operatorId: string
  operatorName: string
  operatorNameEn: string
  sectors: string[]
  candidate: boolean
  firedCount: number
  evaluations: (CriterionEvaluation & { serviceName?: { ja: string; en: string } })[]
}

/**
 * Systemic-dependency scores per operator and per service: the share of the national population affected when
 * the service fails alone (its entry in the SPOF analysis of the caller's dependency graph, 72 hours).
 */
async function systemicDependency(ctx: AppContext, scope: Scope): Promise<{ operators: Record<string, number>; services: Record<string, number> }> {
  return systemicScoresFor(ctx, scope, designationContext().nationalPopulation)
}

/** The operators the caller governs, each with its services and the inputs designation needs. */
async function governedInputs(ctx: AppContext, scope: Scope): Promise<{ inputs: DesignationInput[]; names: Map<string, { ja: string; en: string; sectors: string[] }>; services: Map<string, CiService> }> {
  const db = ctx.database.db
  const operators = (await listAllOrganisationsUnscoped(db)).filter((o) => o.kind === 'operator'
    && (scope.organisationKind === 'national_office' || o.sectors.some((s) => scope.sectorIds.includes(s))))
  const ids = new Set(operators.map((o) => o.id))
  const services = (await listServicesUnscoped(db)).filter((s) => ids.has(s.operatorId))
  const byOperator = new Map<string, CiService[]>()
  for (const s of services) byOperator.set(s.operatorId, [...(byOperator.get(s.operatorId) ?? []), s])
  const scores = await systemicDependency(ctx, scope)
  const inputs = operators.map((o): DesignationInput => {
    const own = byOperator.get(o.id) ?? []
    const serviceScores: Record<string, number> = {}
    for (const s of own) if (scores.services[s.id] !== undefined) serviceScores[s.id] = scores.services[s.id]!
    // The operator's score is its highest service's, so the per-service scores carry it and name the service.
    return { operatorId: o.id, services: own, esDesignated: o.esDesignated, serviceDependencyScores: serviceScores }
  })
  return {
    inputs, names: new Map(operators.map((o) => [o.id, { ja: o.name, en: o.nameEn, sectors: o.sectors }])),
    services: new Map(services.map((s) => [s.id, s])),
  }
}

/**
 * Candidates under one criteria set: every operator the caller governs, candidates first, each criterion with
 * the value that decided it and the service (and prefecture) behind the value.
 */
export async function designationCandidates(ctx: AppContext, scope: Scope, setId: string): Promise<{ criteriaSet: CriteriaSetRecord; operators: CandidateView[] }> {
  requireGovernment(scope)
  const set = await findCriteriaSetForScope(ctx.database.db, scope, setId)
  if (!set) throw notFound('criteria_set')
  const { inputs, names, services } = await governedInputs(ctx, scope)
  const evaluated = evaluateDesignation(set, inputs, designationContext())
  return {
    criteriaSet: set,
    operators: evaluated.map((e) => {
      const name = names.get(e.operatorId)!
      return {
        operatorId: e.operatorId, operatorName: name.ja, operatorNameEn: name.en, sectors: name.sectors, candidate: e.candidate, firedCount: e.firedCount,
        evaluations: e.evaluations.map((v) => {
          const service = v.service !== undefined ? services.get(v.service) : undefined
          return service ? { ...v, serviceName: service.name } : v
        }),
      }
    }),
  }
}

export interface DecisionInput {
  operatorId: string
  sectorId: string
  decision: DesignationOutcome
  tierId?: string | null | undefined
  reason: string
  criteriaSetId?: string | null | undefined
}

/**
 * Records a decision. The NCO decides for any operator; a ministry for operators of the sectors of its
 * jurisdiction, in those sectors. Designating needs a tier of that sector; the tier is written to
 * `operator_tier` with the decision, in one transaction, with one audit entry.
 */
export async function recordDecision(ctx: AppContext, scope: Scope, input: DecisionInput): Promise<DecisionRecord> {
  requireGovernment(scope)
  const db = ctx.database.db
  const operator = await getOrganisationUnscoped(db, input.operatorId)
  const governed = operator !== undefined && operator.kind === 'operator'
    && (scope.organisationKind === 'national_office' || operator.sectors.some((s) => scope.sectorIds.includes(s)))
  // An operator the caller does not govern is answered as if it did not exist.
  if (!governed) throw invalid('designation.operator_unknown', 'No operator you may designate.', [{ path: 'body.operatorId', code: 'designation.operator_unknown', message: 'not an operator you govern', params: { value: input.operatorId } }])
  const errors: FieldError[] = []
  if (!operator.sectors.includes(input.sectorId)) {
    errors.push({ path: 'body.sectorId', code: 'designation.sector_not_operators', message: `The operator is not in sector "${input.sectorId}".`, params: { value: input.sectorId } })
  } else if (scope.organisationKind === 'ministry' && !scope.sectorIds.includes(input.sectorId)) {
    errors.push({ path: 'body.sectorId', code: 'designation.sector_outside_jurisdiction', message: `Sector "${input.sectorId}" is not in your jurisdiction.`, params: { value: input.sectorId } })
  }
  const tierId = input.tierId ?? null
  if (input.decision === 'designate') {
    if (tierId === null) errors.push({ path: 'body.tierId', code: 'designation.tier_required', message: 'Designating an operator needs a tier.' })
    else {
      const tier = await findTier(db, tierId)
      if (!tier || tier.sectorId !== input.sectorId) errors.push({ path: 'body.tierId', code: 'designation.tier_unknown', message: `No tier "${tierId}" in sector "${input.sectorId}".`, params: { value: tierId } })
    }
  } else if (tierId !== null) {
    errors.push({ path: 'body.tierId', code: 'designation.tier_not_allowed', message: 'A decision not to designate takes no tier.' })
  }
  let evaluation = null
  const setId = input.criteriaSetId ?? null
  if (setId !== null) {
    const set = await findCriteriaSetForScope(db, scope, setId)
    if (!set) errors.push({ path: 'body.criteriaSetId', code: 'designation.criteria_set_unknown', message: `No criteria set ${setId}.`, params: { value: setId } })
    else {
      // The evaluation the decision was taken on, frozen with it: criteria and services may change later.
      const { inputs } = await governedInputs(ctx, scope)
      evaluation = evaluateDesignation(set, inputs.filter((i) => i.operatorId === operator.id), designationContext())[0] ?? null
    }
  }
  if (errors.length > 0) throw invalid('designation.invalid', `The decision cannot be recorded: ${errors[0]!.path}: ${errors[0]!.message}`, errors)

  const at = ctx.now()
  const record: DecisionRecord = {
    id: randomUUID(), operatorId: operator.id, sectorId: input.sectorId, decision: input.decision, tierId, reason: input.reason,
    decidedBy: scope.actor, decidedByOrg: scope.organisationId, decidedAt: at.toISOString(), criteriaSetId: setId, evaluation,
  }
  await inTransaction(ctx.database, async (trx) => {
    await insertDecision(trx, record)
    const tierBefore = record.decision === 'designate'
      ? await setOperatorTier(trx, { organisationId: operator.id, sectorId: input.sectorId, tierId: tierId!, reason: input.reason, decidedBy: scope.actor, decidedAt: record.decidedAt })
      : undefined
    await appendAudit(trx, {
      actor: scope.actor, organisationId: scope.organisationId, action: 'services.designation_decide', targetType: 'organisation', targetId: operator.id,
      before: tierBefore ?? null,
      after: { decisionId: record.id, sectorId: record.sectorId, decision: record.decision, tierId, reason: record.reason, criteriaSetId: setId },
    }, at)
  })
  return record
}

export async function listDecisions(ctx: AppContext, scope: Scope, filter: { operatorId?: string | undefined; sectorId?: string | undefined } = {}): Promise<DecisionRecord[]> {
  return listDecisionsForScope(ctx.database.db, scope, filter)
}
