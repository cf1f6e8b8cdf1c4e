import { sql, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import { OPEN_STATUSES, type OperatorAssetFacts, type PlanStatus } from '../domain/replacement-plans.ts'
import { operatorVisible } from './exceptions-repository.ts'

/**
 * Replacement plans in the database, read within the caller's scope by the devices' rule (NCO all; a
 * ministry its sectors' operators; an operator its own); and the per-operator facts of the sector overview.
 */

export interface PlanRecord {
  id: string
  operatorId: string
  title: string
  deviceIds: string[]
  targetDate: string
  budgetJpy: number | null
  status: PlanStatus
  notes: string | null
  createdAt: string
  updatedAt: string
  updatedBy: string
}

export interface PlanFilter {
  operatorId?: string | undefined
  deviceId?: string | undefined
  status?: PlanStatus | undefined
  /** Open and past the target date on `today`. */
  overdue?: boolean | undefined
}

type PlanQuery = SelectQueryBuilder<DB, 'asset_replacement_plan', object>

function filtered(query: PlanQuery, filter: PlanFilter, today: string): PlanQuery {
  let q = query
  if (filter.operatorId !== undefined) q = q.where('asset_replacement_plan.operator_id', '=', filter.operatorId)
  if (filter.status !== undefined) q = q.where('asset_replacement_plan.status', '=', filter.status)
  if (filter.deviceId !== undefined) {
    const deviceId = filter.deviceId
    q = q.where((eb) => eb.exists(eb.selectFrom('asset_replacement_plan_device as fd').select('fd.plan_id')
      .whereRef('fd.plan_id', '=', 'asset_replacement_plan.id').where('fd.device_id', '=', deviceId)))
  }
  if (filter.overdue === true) q = q.where('asset_replacement_plan.status', 'in', [...OPEN_STATUSES]).where('asset_replacement_plan.target_date', '<', today)
  if (filter.overdue === false) q = q.where((eb) => eb.or([eb('asset_replacement_plan.status', 'not in', [...OPEN_STATUSES]), eb('asset_replacement_plan.target_date', '>=', today)]))
  return q
}

const scoped = (db: Executor, scope: Scope) => db.selectFrom('asset_replacement_plan').where(operatorVisible('asset_replacement_plan.operator_id', scope))

const CHUNK = 1000

async function load(db: Executor, query: PlanQuery, page?: { limit: number; offset: number }): Promise<PlanRecord[]> {
  let q = query.selectAll('asset_replacement_plan').orderBy('asset_replacement_plan.operator_id').orderBy('asset_replacement_plan.target_date').orderBy('asset_replacement_plan.id')
  if (page) q = q.limit(page.limit).offset(page.offset)
  const rows = await q.execute()
  const devices = new Map<string, string[]>()
  const ids = rows.map((r) => r.id)
  for (let i = 0; i < ids.length; i += CHUNK) {
    const links = await db.selectFrom('asset_replacement_plan_device').select(['plan_id', 'device_id'])
      .where('plan_id', 'in', ids.slice(i, i + CHUNK)).orderBy('plan_id').orderBy('position').execute()
    for (const l of links) devices.set(l.plan_id, [...(devices.get(l.plan_id) ?? []), l.device_id])
  }
  return rows.map((r) => ({
    id: r.id, operatorId: r.operator_id, title: r.title, deviceIds: devices.get(r.id) ?? [], targetDate: r.target_date,
    budgetJpy: r.budget_jpy === null ? null : Number(r.budget_jpy), status: r.status as PlanStatus, notes: r.notes,
    createdAt: r.created_at, updatedAt: r.updated_at, updatedBy: r.updated_by,
  }))
}

export async function listPlansForScope(db: Executor, scope: Scope, filter: PlanFilter, today: string, page: { limit: number; offset: number }): Promise<PlanRecord[]> {
  return load(db, filtered(scoped(db, scope), filter, today), page)
}

export async function countPlansForScope(db: Executor, scope: Scope, filter: PlanFilter, today: string): Promise<number> {
  const row = await filtered(scoped(db, scope), filter, today).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findPlanForScope(db: Executor, scope: Scope, id: string): Promise<PlanRecord | undefined> {
  return (await load(db, scoped(db, scope).where('asset_replacement_plan.id', '=', id)))[0]
}

/** Which of `ids` are devices of the operator. */
export async function ownDeviceIds(db: Executor, operatorId: string, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.selectFrom('asset_device').select('id').where('operator_id', '=', operatorId).where('id', 'in', ids.slice(i, i + CHUNK)).execute()
    for (const r of rows) out.add(r.id)
  }
  return out
}

export interface PlanRow {
  id: string
  operatorId: string
  title: string
  deviceIds: readonly string[]
  targetDate: string
  budgetJpy: number | null
  status: PlanStatus
  notes: string | null
}

const columns = (p: PlanRow, at: string, by: string) => ({
  title: p.title, target_date: p.targetDate, budget_jpy: p.budgetJpy, status: p.status, notes: p.notes, updated_at: at, updated_by: by,
})

async function writeDevices(trx: Transaction<DB>, p: PlanRow): Promise<void> {
  await trx.deleteFrom('asset_replacement_plan_device').where('plan_id', '=', p.id).execute()
  const links = p.deviceIds.map((deviceId, position) => ({ plan_id: p.id, device_id: deviceId, position }))
  for (let i = 0; i < links.length; i += 2000) await trx.insertInto('asset_replacement_plan_device').values(links.slice(i, i + 2000)).execute()
}

export async function insertPlan(trx: Transaction<DB>, p: PlanRow, at: string, by: string): Promise<void> {
  await trx.insertInto('asset_replacement_plan').values({ id: p.id, operator_id: p.operatorId, ...columns(p, at, by), created_at: at }).execute()
  await writeDevices(trx, p)
}

export async function updatePlan(trx: Transaction<DB>, p: PlanRow, at: string, by: string): Promise<void> {
  await trx.updateTable('asset_replacement_plan').set(columns(p, at, by)).where('id', '=', p.id).execute()
  await writeDevices(trx, p)
}

export async function deletePlanRow(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('asset_replacement_plan_device').where('plan_id', '=', id).execute()
  await trx.deleteFrom('asset_replacement_plan').where('id', '=', id).execute()
}

// ---------------------------------------------------------------------------------------------------------
// Sector overview facts
// ---------------------------------------------------------------------------------------------------------

const n = (v: unknown) => Number(v ?? 0)

/**
 * Per operator with at least one device in `sectorIds` (all sectors when null): device, exception, end-of-
 * support and plan counts on `today`. Six grouped queries; no device row leaves the database.
 */
export async function operatorAssetFacts(db: Executor, sectorIds: readonly string[] | null, today: string): Promise<OperatorAssetFacts[]> {
  if (sectorIds !== null && sectorIds.length === 0) return []
  const inSectors = (column: string) =>
    sql<SqlBool>`exists (select 1 from organisation_sector os where os.organisation_id = ${sql.ref(column)} and os.sector_id in (${sql.join([...(sectorIds ?? [])])}))`
  const open = [...OPEN_STATUSES]
  const inOpenPlan = sql<SqlBool>`exists (select 1 from asset_replacement_plan_device pd join asset_replacement_plan p on p.id = pd.plan_id where pd.device_id = asset_device.id and p.status in (${sql.join(open)}))`
  const eol = sql<SqlBool>`asset_device.end_of_support < ${today}`

  const devices = await db.selectFrom('asset_device').select((eb) => [
    'asset_device.operator_id',
    eb.fn.countAll<number>().as('devices'),
    sql<number>`sum(case when ${eol} then 1 else 0 end)`.as('eol'),
    sql<number>`sum(case when ${eol} and not ${inOpenPlan} then 1 else 0 end)`.as('eol_without_plan'),
    sql<number>`sum(case when ${inOpenPlan} then 1 else 0 end)`.as('in_plan'),
  ]).$if(sectorIds !== null, (q) => q.where(inSectors('asset_device.operator_id'))).groupBy('asset_device.operator_id').execute()
  if (devices.length === 0) return []

  const excepted = await db.selectFrom('asset_exception').select((eb) => ['asset_exception.operator_id', eb.fn.count<number>('asset_exception.device_id').distinct().as('devices')])
    .where('asset_exception.decision', '=', 'approved').where('asset_exception.expires_on', '>=', today)
    .$if(sectorIds !== null, (q) => q.where(inSectors('asset_exception.operator_id'))).groupBy('asset_exception.operator_id').execute()

  const plans = await db.selectFrom('asset_replacement_plan').select((eb) => [
    'asset_replacement_plan.operator_id',
    eb.fn.countAll<number>().as('open'),
    sql<number>`sum(case when asset_replacement_plan.target_date < ${today} then 1 else 0 end)`.as('overdue'),
    sql<number>`sum(coalesce(asset_replacement_plan.budget_jpy, 0))`.as('budget'),
  ]).where('asset_replacement_plan.status', 'in', open)
    .$if(sectorIds !== null, (q) => q.where(inSectors('asset_replacement_plan.operator_id'))).groupBy('asset_replacement_plan.operator_id').execute()

  const operatorIds = devices.map((d) => d.operator_id)
  const sectorsOf = new Map<string, string[]>()
  for (let i = 0; i < operatorIds.length; i += CHUNK) {
    const rows = await db.selectFrom('organisation_sector').select(['organisation_id', 'sector_id']).where('organisation_id', 'in', operatorIds.slice(i, i + CHUNK)).execute()
    for (const r of rows) sectorsOf.set(r.organisation_id, [...(sectorsOf.get(r.organisation_id) ?? []), r.sector_id])
  }
  const exceptedBy = new Map(excepted.map((e) => [e.operator_id, n(e.devices)]))
  const plansBy = new Map(plans.map((p) => [p.operator_id, p]))
  return devices.map((d) => {
    const p = plansBy.get(d.operator_id)
    return {
      operatorId: d.operator_id, sectorIds: sectorsOf.get(d.operator_id) ?? [], devices: n(d.devices), devicesWithActiveException: exceptedBy.get(d.operator_id) ?? 0,
      eolDevices: n(d.eol), eolDevicesWithoutPlan: n(d.eol_without_plan), devicesInOpenPlan: n(d.in_plan),
      openPlans: n(p?.open), overduePlans: n(p?.overdue), openPlanBudgetJpy: n(p?.budget),
    }
  })
}
