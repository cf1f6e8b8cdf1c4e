import { sql, type ExpressionBuilder, type SelectQueryBuilder, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type { CiService } from '../domain/service.ts'
import type { Criterion, CriteriaSet, OperatorEvaluation } from '../domain/designation.ts'

/**
 * Services, designation criteria and decisions in the database. Every read takes the caller's scope and
 * returns only what the rules of the issue-5 contract allow:
 * - services: the NCO reads all; a ministry those of operators in the sectors of its jurisdiction; an operator
 *   its own; sharing bodies and provider organisations none;
 * - criteria sets: the government's working material, read by the NCO and every ministry;
 * - decisions: the NCO reads all; a ministry those in the sectors of its jurisdiction and those it took; an
 *   operator the decisions about itself.
 * Writes take a transaction; the service layer appends the audit entry in the same one.
 */

// ---------------------------------------------------------------------------------------------------------
// Visibility as SQL
// ---------------------------------------------------------------------------------------------------------

type ServiceEB = ExpressionBuilder<DB, 'ci_service'>

function serviceVisible(eb: ServiceEB, scope: Scope) {
  if (scope.organisationKind === 'national_office') return sql<boolean>`1 = 1`
  const own = eb('ci_service.operator_id', '=', scope.organisationId)
  if (scope.organisationKind === 'ministry' && scope.sectorIds.length > 0) {
    return eb.or([
      own,
      eb.exists(eb.selectFrom('organisation_sector as os').select('os.organisation_id')
        .whereRef('os.organisation_id', '=', 'ci_service.operator_id').where('os.sector_id', 'in', [...scope.sectorIds])),
    ])
  }
  if (scope.organisationKind === 'operator') return own
  return sql<boolean>`1 = 0`
}

const isGovernment = (scope: Scope) => scope.organisationKind === 'national_office' || scope.organisationKind === 'ministry'

// ---------------------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------------------

/** A stored service: the domain record and when and by whom it last changed. */
export interface ServiceRecord extends CiService {
  createdAt: string
  updatedAt: string
  updatedBy: string
}

export interface ServiceFilter {
  operatorId?: string | undefined
  sectorId?: string | undefined
  ids?: readonly string[] | undefined
}

type ServiceQuery = SelectQueryBuilder<DB, 'ci_service', object>

function filtered(query: ServiceQuery, filter: ServiceFilter): ServiceQuery {
  let q = query
  if (filter.operatorId !== undefined) q = q.where('ci_service.operator_id', '=', filter.operatorId)
  if (filter.sectorId !== undefined) q = q.where('ci_service.sector_id', '=', filter.sectorId)
  if (filter.ids !== undefined) q = q.where('ci_service.id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['\u0000none'])
  return q
}

/** Services with their prefectures and substitutes, ordered by operator, then Japanese name. */
async function load(db: Executor, base: ServiceQuery): Promise<ServiceRecord[]> {
  const rows = await base.selectAll('ci_service').orderBy('ci_service.operator_id').orderBy('ci_service.name_ja').orderBy('ci_service.id').execute()
  if (rows.length === 0) return []
  const ids = base.select('ci_service.id')
  const [prefectures, substitutes] = await Promise.all([
    db.selectFrom('ci_service_prefecture').selectAll().where('service_id', 'in', ids).orderBy('service_id').orderBy('position').execute(),
    db.selectFrom('ci_service_substitute').selectAll().where('service_id', 'in', ids).orderBy('service_id').orderBy('position').execute(),
  ])
  const prefecturesOf = new Map<string, CiService['prefectures']>()
  for (const p of prefectures) {
    const list = prefecturesOf.get(p.service_id) ?? []
    list.push({ prefectureCode: p.prefecture_code, people: Number(p.people) })
    prefecturesOf.set(p.service_id, list)
  }
  const substitutesOf = new Map<string, CiService['substitutes']>()
  for (const s of substitutes) {
    const list = substitutesOf.get(s.service_id) ?? []
    list.push({ serviceId: s.substitute_id, takeoverHours: Number(s.takeover_hours) })
    substitutesOf.set(s.service_id, list)
  }
  return rows.map((r) => ({
    id: r.id, operatorId: r.operator_id, name: { ja: r.name_ja, en: r.name_en }, sector: r.sector_id, type: r.type,
    peopleServed: Number(r.people_served), businessesServed: Number(r.businesses_served),
    prefectures: prefecturesOf.get(r.id) ?? [], substitutes: substitutesOf.get(r.id) ?? [],
    mtpdHours: Number(r.mtpd_hours), rtoHours: Number(r.rto_hours), rpoHours: Number(r.rpo_hours), rlo: Number(r.rlo),
    impact: { afterHour: Number(r.impact_hour), afterDay: Number(r.impact_day), afterWeek: Number(r.impact_week) },
    createdAt: r.created_at, updatedAt: r.updated_at, updatedBy: r.updated_by,
  }))
}

/** SQL: select … from ci_service where <visible to scope> [and operator_id = ?] [and sector_id = ?], children by subquery. */
export async function listServicesForScope(db: Executor, scope: Scope, filter: ServiceFilter = {}): Promise<ServiceRecord[]> {
  return load(db, filtered(db.selectFrom('ci_service').where((eb) => serviceVisible(eb, scope)), filter))
}

export async function findServiceForScope(db: Executor, scope: Scope, id: string): Promise<ServiceRecord | undefined> {
  return (await load(db, db.selectFrom('ci_service').where('ci_service.id', '=', id).where((eb) => serviceVisible(eb, scope))))[0]
}

/**
 * For the system and for analyses that apply their own visibility rule (the dependency graph assembles the
 * services the caller's edges lead to, designation evaluates the operators a ministry governs).
 */
export async function listServicesUnscoped(db: Executor, filter: ServiceFilter = {}): Promise<ServiceRecord[]> {
  return load(db, filtered(db.selectFrom('ci_service'), filter))
}

/** Which of `ids` name an existing service (any operator's): substitutes must exist. */
export async function existingServiceIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db.selectFrom('ci_service').select('id').where('id', 'in', unique.slice(i, i + 1000)).execute()
    for (const r of rows) found.add(r.id)
  }
  return found
}

/** The operator's services by Japanese name (names are unique per operator). */
export async function serviceIdsByName(db: Executor, operatorId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('ci_service').select(['id', 'name_ja']).where('operator_id', '=', operatorId).execute()
  return new Map(rows.map((r) => [r.name_ja, r.id]))
}

function serviceRow(s: CiService, at: string, by: string) {
  return {
    operator_id: s.operatorId, name_ja: s.name.ja, name_en: s.name.en, sector_id: s.sector, type: s.type,
    people_served: s.peopleServed, businesses_served: s.businessesServed,
    mtpd_hours: s.mtpdHours, rto_hours: s.rtoHours, rpo_hours: s.rpoHours, rlo: s.rlo,
    impact_hour: s.impact.afterHour, impact_day: s.impact.afterDay, impact_week: s.impact.afterWeek,
    updated_at: at, updated_by: by,
  }
}

async function writeChildren(trx: Transaction<DB>, s: CiService): Promise<void> {
  await trx.deleteFrom('ci_service_prefecture').where('service_id', '=', s.id).execute()
  await trx.deleteFrom('ci_service_substitute').where('service_id', '=', s.id).execute()
  if (s.prefectures.length > 0) {
    await trx.insertInto('ci_service_prefecture').values(s.prefectures.map((p, position) => ({ service_id: s.id, prefecture_code: p.prefectureCode, position, people: p.people }))).execute()
  }
  if (s.substitutes.length > 0) {
    await trx.insertInto('ci_service_substitute').values(s.substitutes.map((x, position) => ({ service_id: s.id, substitute_id: x.serviceId, position, takeover_hours: x.takeoverHours }))).execute()
  }
}

/** Inserts the service rows only; children (which may point at services of the same batch) come after, with `writeServiceChildren`. */
export async function insertServiceRow(trx: Transaction<DB>, s: CiService, at: string, by: string): Promise<void> {
  await trx.insertInto('ci_service').values({ id: s.id, ...serviceRow(s, at, by), created_at: at }).execute()
}

export async function updateServiceRow(trx: Transaction<DB>, s: CiService, at: string, by: string): Promise<void> {
  await trx.updateTable('ci_service').set(serviceRow(s, at, by)).where('id', '=', s.id).execute()
}

export async function writeServiceChildren(trx: Transaction<DB>, s: CiService): Promise<void> {
  await writeChildren(trx, s)
}

export async function deleteServiceRow(trx: Transaction<DB>, id: string): Promise<void> {
  // Children and the rows naming it as a substitute go by cascade; delete them first anyway, as SQLite
  // enforces foreign keys only when the connection enables them.
  await trx.deleteFrom('ci_service_prefecture').where('service_id', '=', id).execute()
  await trx.deleteFrom('ci_service_substitute').where((eb) => eb.or([eb('service_id', '=', id), eb('substitute_id', '=', id)])).execute()
  await trx.deleteFrom('ci_service').where('id', '=', id).execute()
}

// ---------------------------------------------------------------------------------------------------------
// Designation criteria sets
// ---------------------------------------------------------------------------------------------------------

export interface CriteriaSetRecord extends CriteriaSet {
  createdAt: string
  updatedAt: string
  updatedBy: string
}

function toCriteriaSet(r: DB['designation_criteria_set']): CriteriaSetRecord {
  return {
    id: r.id, definedBy: r.defined_by, name: { ja: r.name_ja, en: r.name_en }, combine: r.combine as CriteriaSet['combine'],
    criteria: JSON.parse(r.criteria) as Criterion[], createdAt: r.created_at, updatedAt: r.updated_at, updatedBy: r.updated_by,
  }
}

export async function listCriteriaSetsForScope(db: Executor, scope: Scope): Promise<CriteriaSetRecord[]> {
  if (!isGovernment(scope)) return []
  return (await db.selectFrom('designation_criteria_set').selectAll().orderBy('created_at').orderBy('id').execute()).map(toCriteriaSet)
}

export async function findCriteriaSetForScope(db: Executor, scope: Scope, id: string): Promise<CriteriaSetRecord | undefined> {
  if (!isGovernment(scope)) return undefined
  const row = await db.selectFrom('designation_criteria_set').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toCriteriaSet(row) : undefined
}

export async function insertCriteriaSet(trx: Transaction<DB>, set: CriteriaSet, at: string, by: string): Promise<void> {
  await trx.insertInto('designation_criteria_set').values({
    id: set.id, defined_by: set.definedBy, name_ja: set.name.ja, name_en: set.name.en, combine: set.combine, criteria: JSON.stringify(set.criteria),
    created_at: at, updated_at: at, updated_by: by,
  }).execute()
}

export async function updateCriteriaSet(trx: Transaction<DB>, set: CriteriaSet, at: string, by: string): Promise<void> {
  await trx.updateTable('designation_criteria_set').set({
    name_ja: set.name.ja, name_en: set.name.en, combine: set.combine, criteria: JSON.stringify(set.criteria), updated_at: at, updated_by: by,
  }).where('id', '=', set.id).execute()
}

// ---------------------------------------------------------------------------------------------------------
// Designation decisions
// ---------------------------------------------------------------------------------------------------------

export type DesignationOutcome = 'designate' | 'not_designate'
export const DESIGNATION_OUTCOMES: readonly DesignationOutcome[] = ['designate', 'not_designate']

export interface DecisionRecord {
  id: string
  operatorId: string
  sectorId: string
  decision: DesignationOutcome
  tierId: string | null
  reason: string
  decidedBy: string
  decidedByOrg: string
  decidedAt: string
  criteriaSetId: string | null
  evaluation: OperatorEvaluation | null
}

function toDecision(r: DB['designation_decision']): DecisionRecord {
  return {
    id: r.id, operatorId: r.operator_id, sectorId: r.sector_id, decision: r.decision as DesignationOutcome, tierId: r.tier_id, reason: r.reason,
    decidedBy: r.decided_by, decidedByOrg: r.decided_by_org, decidedAt: r.decided_at, criteriaSetId: r.criteria_set_id,
    evaluation: r.evaluation === null ? null : JSON.parse(r.evaluation) as OperatorEvaluation,
  }
}

export async function insertDecision(trx: Transaction<DB>, d: DecisionRecord): Promise<void> {
  await trx.insertInto('designation_decision').values({
    id: d.id, operator_id: d.operatorId, sector_id: d.sectorId, decision: d.decision, tier_id: d.tierId, reason: d.reason,
    decided_by: d.decidedBy, decided_by_org: d.decidedByOrg, decided_at: d.decidedAt, criteria_set_id: d.criteriaSetId,
    evaluation: d.evaluation === null ? null : JSON.stringify(d.evaluation),
  }).execute()
}

/** Newest first. */
export async function listDecisionsForScope(db: Executor, scope: Scope, filter: { operatorId?: string | undefined; sectorId?: string | undefined } = {}): Promise<DecisionRecord[]> {
  let q = db.selectFrom('designation_decision').selectAll()
  if (scope.organisationKind === 'ministry') {
    const sectors = scope.sectorIds.length > 0 ? [...scope.sectorIds] : ['\u0000none']
    q = q.where((eb) => eb.or([eb('sector_id', 'in', sectors), eb('decided_by_org', '=', scope.organisationId)]))
  } else if (scope.organisationKind !== 'national_office') {
    q = q.where('operator_id', '=', scope.organisationId)
  }
  if (filter.operatorId !== undefined) q = q.where('operator_id', '=', filter.operatorId)
  if (filter.sectorId !== undefined) q = q.where('sector_id', '=', filter.sectorId)
  return (await q.orderBy('decided_at', 'desc').orderBy('id', 'desc').execute()).map(toDecision)
}
