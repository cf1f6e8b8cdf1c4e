import type { Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type { DeviationKind, TierLevel } from '../domain/model.ts'
import type { AnswerStatus, ExceptionStatus, OperatorTier, RequirementComment, StandardException, Tier } from '../domain/governance.ts'

// ---- tiers

function toTier(r: DB['sector_tier']): Tier {
  return {
    id: r.id, sectorId: r.sector_id, level: r.level as TierLevel, name: { ja: r.name_ja, en: r.name_en },
    criteria: { ja: r.criteria_ja, en: r.criteria_en }, profileDocumentId: r.profile_document_id,
  }
}

/** Tier definitions are public reference information (which tiers exist and their criteria). */
export async function listTiers(db: Executor, sectorId?: string): Promise<Tier[]> {
  let q = db.selectFrom('sector_tier').selectAll()
  if (sectorId) q = q.where('sector_id', '=', sectorId)
  return (await q.orderBy('sector_id').orderBy('id').execute()).map(toTier)
}

export async function findTier(db: Executor, tierId: string): Promise<Tier | undefined> {
  const row = await db.selectFrom('sector_tier').selectAll().where('id', '=', tierId).executeTakeFirst()
  return row ? toTier(row) : undefined
}

export async function upsertTier(trx: Transaction<DB>, tier: Tier, now: Date): Promise<void> {
  const values = {
    sector_id: tier.sectorId, level: tier.level, name_ja: tier.name.ja, name_en: tier.name.en,
    criteria_ja: tier.criteria.ja, criteria_en: tier.criteria.en, profile_document_id: tier.profileDocumentId,
  }
  const existing = await trx.selectFrom('sector_tier').select('id').where('id', '=', tier.id).executeTakeFirst()
  if (existing) await trx.updateTable('sector_tier').set(values).where('id', '=', tier.id).execute()
  else await trx.insertInto('sector_tier').values({ id: tier.id, ...values, created_at: now.toISOString() }).execute()
}

export async function listOperatorTiers(db: Executor, organisationId: string): Promise<OperatorTier[]> {
  const rows = await db.selectFrom('operator_tier').selectAll().where('organisation_id', '=', organisationId).orderBy('sector_id').execute()
  return rows.map((r) => ({ organisationId: r.organisation_id, sectorId: r.sector_id, tierId: r.tier_id, reason: r.reason, decidedBy: r.decided_by, decidedAt: r.decided_at }))
}

export async function setOperatorTier(trx: Transaction<DB>, tier: OperatorTier): Promise<OperatorTier | undefined> {
  const before = await trx.selectFrom('operator_tier').selectAll().where('organisation_id', '=', tier.organisationId).where('sector_id', '=', tier.sectorId).executeTakeFirst()
  await trx.deleteFrom('operator_tier').where('organisation_id', '=', tier.organisationId).where('sector_id', '=', tier.sectorId).execute()
  await trx.insertInto('operator_tier').values({
    organisation_id: tier.organisationId, sector_id: tier.sectorId, tier_id: tier.tierId, reason: tier.reason, decided_by: tier.decidedBy, decided_at: tier.decidedAt,
  }).execute()
  return before ? { organisationId: before.organisation_id, sectorId: before.sector_id, tierId: before.tier_id, reason: before.reason, decidedBy: before.decided_by, decidedAt: before.decided_at } : undefined
}

// ---- operator facts

export async function listFacts(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db.selectFrom('organisation_fact').select('fact').where('organisation_id', '=', organisationId).orderBy('fact').execute()
  return rows.map((r) => r.fact)
}

export async function replaceFacts(trx: Transaction<DB>, organisationId: string, facts: string[], now: Date): Promise<void> {
  await trx.deleteFrom('organisation_fact').where('organisation_id', '=', organisationId).execute()
  if (facts.length > 0) {
    await trx.insertInto('organisation_fact').values(facts.map((fact) => ({ organisation_id: organisationId, fact, updated_at: now.toISOString() }))).execute()
  }
}

// ---- exceptions

function toException(r: DB['standard_exception']): StandardException {
  return {
    id: r.id, versionId: r.version_id, tierId: r.tier_id, nodeId: r.node_id, kind: r.kind as DeviationKind, reason: r.reason,
    compensatingMeasures: r.compensating_measures, requestedBy: r.requested_by, requestedAt: r.requested_at,
    status: r.status as ExceptionStatus, approver: r.approver, decidedAt: r.decided_at, decisionNote: r.decision_note, expiresAt: r.expires_at,
  }
}

export async function insertException(trx: Transaction<DB>, e: StandardException): Promise<void> {
  await trx.insertInto('standard_exception').values({
    id: e.id, version_id: e.versionId, tier_id: e.tierId, node_id: e.nodeId, kind: e.kind, reason: e.reason,
    compensating_measures: e.compensatingMeasures, requested_by: e.requestedBy, requested_at: e.requestedAt, status: e.status,
    approver: e.approver, decided_at: e.decidedAt, decision_note: e.decisionNote, expires_at: e.expiresAt,
  }).execute()
}

export async function decideException(trx: Transaction<DB>, id: string, decision: { status: ExceptionStatus; approver: string; at: string; note: string | null }): Promise<boolean> {
  const result = await trx.updateTable('standard_exception').set({ status: decision.status, approver: decision.approver, decided_at: decision.at, decision_note: decision.note })
    .where('id', '=', id).where('status', '=', 'requested').executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function findException(db: Executor, id: string): Promise<StandardException | undefined> {
  const row = await db.selectFrom('standard_exception').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toException(row) : undefined
}

export async function listExceptionsOfVersion(db: Executor, versionId: string): Promise<StandardException[]> {
  return (await db.selectFrom('standard_exception').selectAll().where('version_id', '=', versionId).orderBy('requested_at').execute()).map(toException)
}

/**
 * The NCO sees every exception across all sectors in one list; a ministry sees those on its own documents.
 * Others see none: exceptions are the government's deliberation, not operators' business.
 */
export async function listExceptions(db: Executor, scope: Scope): Promise<(StandardException & { documentId: string; sectorId: string | null; ownerOrganisationId: string })[]> {
  let q = db.selectFrom('standard_exception')
    .innerJoin('standard_version', 'standard_version.id', 'standard_exception.version_id')
    .innerJoin('standard_document', 'standard_document.id', 'standard_version.document_id')
    .selectAll('standard_exception')
    .select(['standard_document.id as document_id', 'standard_document.sector_id', 'standard_document.owner_organisation_id'])
  if (scope.organisationKind !== 'national_office') q = q.where('standard_document.owner_organisation_id', '=', scope.organisationId)
  const rows = await q.orderBy('standard_exception.requested_at', 'desc').execute()
  return rows.map((r) => ({ ...toException(r), documentId: r.document_id, sectorId: r.sector_id, ownerOrganisationId: r.owner_organisation_id }))
}

// ---- consultation

function toComment(r: DB['requirement_comment']): RequirementComment {
  return {
    id: r.id, versionId: r.version_id, nodeId: r.node_id, organisationId: r.organisation_id, author: r.author, body: r.body, createdAt: r.created_at,
    answer: r.answer_status ? { status: r.answer_status as AnswerStatus, body: r.answer_body ?? '', by: r.answered_by ?? '', at: r.answered_at ?? '' } : null,
  }
}

export async function insertComment(trx: Transaction<DB>, c: RequirementComment): Promise<void> {
  await trx.insertInto('requirement_comment').values({
    id: c.id, version_id: c.versionId, node_id: c.nodeId, organisation_id: c.organisationId, author: c.author, body: c.body,
    created_at: c.createdAt, answer_status: null, answer_body: null, answered_by: null, answered_at: null,
  }).execute()
}

export async function answerComment(trx: Transaction<DB>, id: string, answer: { status: AnswerStatus; body: string; by: string; at: string }): Promise<void> {
  await trx.updateTable('requirement_comment').set({ answer_status: answer.status, answer_body: answer.body, answered_by: answer.by, answered_at: answer.at }).where('id', '=', id).execute()
}

export async function findComment(db: Executor, id: string): Promise<RequirementComment | undefined> {
  const row = await db.selectFrom('requirement_comment').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toComment(row) : undefined
}

/** Comments and answers on a version are visible to whoever may see the version (the caller checked that). */
export async function listComments(db: Executor, versionId: string): Promise<RequirementComment[]> {
  return (await db.selectFrom('requirement_comment').selectAll().where('version_id', '=', versionId).orderBy('created_at').execute()).map(toComment)
}
