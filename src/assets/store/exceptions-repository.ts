import { sql, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type { CompensatingControl, Decision, ExceptionStatus } from '../domain/exceptions.ts'

/**
 * Closed-network exceptions in the database. Every read takes the caller's scope: the NCO reads all; a
 * ministry the exceptions of operators in the sectors of its jurisdiction; an operator its own; sharing
 * bodies and provider organisations none (the same rule as the devices they are about). Writes take a
 * transaction; the service appends the audit entry in the same one.
 */

/**
 * Rows of operators the scope may read, by the devices' rule, on an `operator_id` column: the NCO all; a
 * ministry its own and those of operators in its sectors; an operator its own; others nothing.
 */
export function operatorVisible(column: 'asset_exception.operator_id' | 'asset_replacement_plan.operator_id' | 'asset_device.operator_id', scope: Scope) {
  if (scope.organisationKind === 'national_office') return sql<SqlBool>`1 = 1`
  const ref = sql.ref(column)
  if (scope.organisationKind === 'ministry' && scope.sectorIds.length > 0) {
    return sql<SqlBool>`(${ref} = ${scope.organisationId} or exists (select 1 from organisation_sector os where os.organisation_id = ${ref} and os.sector_id in (${sql.join([...scope.sectorIds])})))`
  }
  if (scope.organisationKind === 'operator' || scope.organisationKind === 'ministry') return sql<SqlBool>`${ref} = ${scope.organisationId}`
  return sql<SqlBool>`1 = 0`
}

/** A stored exception, with the device it is about as the operator names it. */
export interface ExceptionRecord {
  id: string
  operatorId: string
  deviceId: string
  device: { assetId: string; vendor: string; product: string; version: string; endOfSupport: string | null }
  cveId: string | null
  compensatingControls: CompensatingControl[]
  reason: string
  expiresOn: string
  decision: Decision
  requestedBy: string
  requestedAt: string
  /** User id of whoever approved or rejected it. */
  decidedBy: string | null
  decidedByRole: string | null
  decidedOn: string | null
  decisionNote: string | null
  createdAt: string
  updatedAt: string
  updatedBy: string
}

export interface ExceptionFilter {
  operatorId?: string | undefined
  deviceId?: string | undefined
  cveId?: string | undefined
  status?: ExceptionStatus | undefined
}

type ExceptionQuery = SelectQueryBuilder<DB, 'asset_exception' | 'asset_device', object>

function filtered(query: ExceptionQuery, filter: ExceptionFilter, today: string): ExceptionQuery {
  let q = query
  if (filter.operatorId !== undefined) q = q.where('asset_exception.operator_id', '=', filter.operatorId)
  if (filter.deviceId !== undefined) q = q.where('asset_exception.device_id', '=', filter.deviceId)
  if (filter.cveId !== undefined) q = q.where('asset_exception.cve_id', '=', filter.cveId)
  // The status is computed from the clock (domain/exceptions.ts exceptionStatus), here in SQL.
  switch (filter.status) {
    case 'rejected': q = q.where('asset_exception.decision', '=', 'rejected'); break
    case 'expired': q = q.where('asset_exception.decision', '<>', 'rejected').where('asset_exception.expires_on', '<', today); break
    case 'approved':
    case 'requested': q = q.where('asset_exception.decision', '=', filter.status).where('asset_exception.expires_on', '>=', today); break
    default: break
  }
  return q
}

const base = (db: Executor, scope: Scope | null) => {
  const q = db.selectFrom('asset_exception').innerJoin('asset_device', 'asset_device.id', 'asset_exception.device_id')
  return scope === null ? q : q.where(operatorVisible('asset_exception.operator_id', scope))
}

async function load(query: ExceptionQuery, page?: { limit: number; offset: number }): Promise<ExceptionRecord[]> {
  let q = query.selectAll('asset_exception')
    .select(['asset_device.asset_id', 'asset_device.vendor', 'asset_device.product', 'asset_device.version', 'asset_device.end_of_support'])
    .orderBy('asset_exception.operator_id').orderBy('asset_exception.expires_on').orderBy('asset_exception.id')
  if (page) q = q.limit(page.limit).offset(page.offset)
  return (await q.execute()).map((r) => ({
    id: r.id, operatorId: r.operator_id, deviceId: r.device_id,
    device: { assetId: r.asset_id, vendor: r.vendor, product: r.product, version: r.version, endOfSupport: r.end_of_support },
    cveId: r.cve_id, compensatingControls: JSON.parse(r.controls) as CompensatingControl[], reason: r.reason, expiresOn: r.expires_on,
    decision: r.decision as Decision, requestedBy: r.requested_by, requestedAt: r.requested_at, decidedBy: r.decided_by, decidedByRole: r.decided_by_role,
    decidedOn: r.decided_on, decisionNote: r.decision_note, createdAt: r.created_at, updatedAt: r.updated_at, updatedBy: r.updated_by,
  }))
}

/** SQL: select … from asset_exception join asset_device where <visible to scope> [and filters] order by operator, expiry. */
export async function listExceptionsForScope(db: Executor, scope: Scope, filter: ExceptionFilter, today: string, page: { limit: number; offset: number }): Promise<ExceptionRecord[]> {
  return load(filtered(base(db, scope), filter, today), page)
}

export async function countExceptionsForScope(db: Executor, scope: Scope, filter: ExceptionFilter, today: string): Promise<number> {
  const row = await filtered(base(db, scope), filter, today).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findExceptionForScope(db: Executor, scope: Scope, id: string): Promise<ExceptionRecord | undefined> {
  return (await load(base(db, scope).where('asset_exception.id', '=', id)))[0]
}

/**
 * Another exception of the device still in force or waiting (not rejected, not expired on `today`) for the
 * same CVE, or for all vulnerabilities when `cveId` is null.
 */
export async function openExceptionFor(db: Executor, deviceId: string, cveId: string | null, today: string, exceptId: string | null): Promise<string | undefined> {
  let q = db.selectFrom('asset_exception').select('id').where('device_id', '=', deviceId).where('decision', '<>', 'rejected').where('expires_on', '>=', today)
  q = cveId === null ? q.where('cve_id', 'is', null) : q.where('cve_id', '=', cveId)
  if (exceptId !== null) q = q.where('id', '<>', exceptId)
  return (await q.executeTakeFirst())?.id
}

export interface ExceptionRow {
  id: string
  operatorId: string
  deviceId: string
  cveId: string | null
  compensatingControls: readonly CompensatingControl[]
  reason: string
  expiresOn: string
}

export async function insertException(trx: Transaction<DB>, e: ExceptionRow, at: string, by: string): Promise<void> {
  await trx.insertInto('asset_exception').values({
    id: e.id, operator_id: e.operatorId, device_id: e.deviceId, cve_id: e.cveId, controls: JSON.stringify(e.compensatingControls), reason: e.reason,
    expires_on: e.expiresOn, decision: 'requested', requested_by: by, requested_at: at, decided_by: null, decided_by_role: null, decided_on: null,
    decision_note: null, created_at: at, updated_at: at, updated_by: by,
  }).execute()
}

/** Rewrites a request still waiting for its decision (the service checks that it is). */
export async function updateException(trx: Transaction<DB>, e: ExceptionRow, at: string, by: string): Promise<void> {
  await trx.updateTable('asset_exception').set({
    device_id: e.deviceId, cve_id: e.cveId, controls: JSON.stringify(e.compensatingControls), reason: e.reason, expires_on: e.expiresOn, updated_at: at, updated_by: by,
  }).where('id', '=', e.id).where('decision', '=', 'requested').execute()
}

export async function recordDecision(
  trx: Transaction<DB>, id: string, decision: { decision: 'approved' | 'rejected'; userId: string; role: string; on: string; note: string | null }, at: string, by: string,
): Promise<void> {
  await trx.updateTable('asset_exception').set({
    decision: decision.decision, decided_by: decision.userId, decided_by_role: decision.role, decided_on: decision.on, decision_note: decision.note, updated_at: at, updated_by: by,
  }).where('id', '=', id).where('decision', '=', 'requested').execute()
}

export async function deleteExceptionRow(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('asset_exception').where('id', '=', id).execute()
}
