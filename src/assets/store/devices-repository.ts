import { sql, type ExpressionBuilder, type SelectQueryBuilder, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type { DeviceRole, NetworkDevice, Reachability } from '../domain/device.ts'

/**
 * Network devices in the database. Every read takes the caller's scope and returns only what the issue-6
 * contract allows: the NCO reads all; a ministry the devices of operators in the sectors of its
 * jurisdiction; an operator its own; sharing bodies and provider organisations none. Writes take a
 * transaction; the service layer appends the audit entry in the same one.
 */

type DeviceEB = ExpressionBuilder<DB, 'asset_device'>

function deviceVisible(eb: DeviceEB, scope: Scope) {
  if (scope.organisationKind === 'national_office') return sql<boolean>`1 = 1`
  const own = eb('asset_device.operator_id', '=', scope.organisationId)
  if (scope.organisationKind === 'ministry' && scope.sectorIds.length > 0) {
    return eb.or([
      own,
      eb.exists(eb.selectFrom('organisation_sector as os').select('os.organisation_id')
        .whereRef('os.organisation_id', '=', 'asset_device.operator_id').where('os.sector_id', 'in', [...scope.sectorIds])),
    ])
  }
  if (scope.organisationKind === 'operator') return own
  return sql<boolean>`1 = 0`
}

/** A stored device: the domain record and when and by whom it last changed. */
export interface DeviceRecord extends NetworkDevice {
  createdAt: string
  updatedAt: string
  updatedBy: string
}

export interface DeviceFilter {
  operatorId?: string | undefined
  sectorId?: string | undefined
  vendor?: string | undefined
  product?: string | undefined
  role?: DeviceRole | undefined
  zone?: string | undefined
  internetReachable?: Reachability | undefined
  closedNetwork?: boolean | undefined
  /** Part of the asset id, product, version or owner (case-insensitive). */
  q?: string | undefined
}

type DeviceQuery = SelectQueryBuilder<DB, 'asset_device', object>

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

function filtered(query: DeviceQuery, filter: DeviceFilter): DeviceQuery {
  let q = query
  if (filter.operatorId !== undefined) q = q.where('asset_device.operator_id', '=', filter.operatorId)
  if (filter.sectorId !== undefined) {
    const sector = filter.sectorId
    q = q.where((eb) => eb.exists(eb.selectFrom('organisation_sector as fs').select('fs.organisation_id')
      .whereRef('fs.organisation_id', '=', 'asset_device.operator_id').where('fs.sector_id', '=', sector)))
  }
  if (filter.vendor !== undefined) q = q.where(sql<string>`lower(asset_device.vendor)`, '=', filter.vendor.toLowerCase())
  if (filter.product !== undefined) q = q.where(sql<string>`lower(asset_device.product)`, '=', filter.product.toLowerCase())
  if (filter.role !== undefined) q = q.where('asset_device.role', '=', filter.role)
  if (filter.zone !== undefined) q = q.where('asset_device.zone', '=', filter.zone)
  if (filter.internetReachable !== undefined) q = q.where('asset_device.internet_reachable', '=', filter.internetReachable)
  if (filter.closedNetwork !== undefined) q = q.where('asset_device.closed_network', '=', filter.closedNetwork ? 1 : 0)
  if (filter.q !== undefined && filter.q.trim() !== '') {
    const like = `%${escapeLike(filter.q.trim().toLowerCase())}%`
    q = q.where((eb) => eb.or(['asset_id', 'product', 'version', 'owner'].map((column) =>
      eb(sql<string>`lower(${sql.ref(`asset_device.${column}`)})`, 'like', sql<string>`${like} escape '\\'`))))
  }
  return q
}

type DeviceRow = DB['asset_device']

function toDevice(r: DeviceRow, serviceIds: string[]): DeviceRecord {
  return {
    id: r.id, operatorId: r.operator_id, assetId: r.asset_id, vendor: r.vendor, product: r.product, version: r.version, cpe: r.cpe,
    role: r.role as DeviceRole, zone: r.zone, internetReachable: r.internet_reachable as Reachability, closedNetwork: Number(r.closed_network) === 1,
    installDate: r.install_date, lastPatched: r.last_patched, endOfSupport: r.end_of_support, owner: r.owner, serviceIds,
    createdAt: r.created_at, updatedAt: r.updated_at, updatedBy: r.updated_by,
  }
}

const CHUNK = 1000

/**
 * The supported services of the devices `base` selects, or of these ids (a page), in order; only links to
 * services that still exist.
 */
async function servicesOf(db: Executor, devices: DeviceQuery | readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  const links = db.selectFrom('asset_device_service').innerJoin('ci_service', 'ci_service.id', 'asset_device_service.service_id')
    .select(['asset_device_service.device_id', 'asset_device_service.service_id'])
    .orderBy('asset_device_service.device_id').orderBy('asset_device_service.position')
  const batches = Array.isArray(devices)
    ? Array.from({ length: Math.ceil(devices.length / CHUNK) }, (_, i) => links.where('asset_device_service.device_id', 'in', devices.slice(i * CHUNK, (i + 1) * CHUNK)))
    : [links.where('asset_device_service.device_id', 'in', (devices as DeviceQuery).select('asset_device.id'))]
  for (const batch of batches) {
    for (const r of await batch.execute()) {
      const list = out.get(r.device_id) ?? []
      list.push(r.service_id)
      out.set(r.device_id, list)
    }
  }
  return out
}

async function load(db: Executor, base: DeviceQuery, page?: { limit: number; offset: number }): Promise<DeviceRecord[]> {
  let q = base.selectAll('asset_device').orderBy('asset_device.operator_id').orderBy('asset_device.asset_id').orderBy('asset_device.id')
  if (page) q = q.limit(page.limit).offset(page.offset)
  const rows = await q.execute()
  if (rows.length === 0) return []
  const services = await servicesOf(db, page ? rows.map((r) => r.id) : base)
  return rows.map((r) => toDevice(r, services.get(r.id) ?? []))
}

/** SQL: select … from asset_device where <visible to scope> [and filters] order by operator, asset id [limit … offset …]. */
export async function listDevicesForScope(db: Executor, scope: Scope, filter: DeviceFilter = {}, page?: { limit: number; offset: number }): Promise<DeviceRecord[]> {
  return load(db, filtered(db.selectFrom('asset_device').where((eb) => deviceVisible(eb, scope)), filter), page)
}

export async function countDevicesForScope(db: Executor, scope: Scope, filter: DeviceFilter = {}): Promise<number> {
  const row = await filtered(db.selectFrom('asset_device').where((eb) => deviceVisible(eb, scope)), filter)
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findDeviceForScope(db: Executor, scope: Scope, id: string): Promise<DeviceRecord | undefined> {
  return (await load(db, db.selectFrom('asset_device').where('asset_device.id', '=', id).where((eb) => deviceVisible(eb, scope))))[0]
}

/** For the system and for analyses that apply their own visibility rule (matching, exposure). */
export async function listDevicesUnscoped(db: Executor, filter: DeviceFilter = {}): Promise<DeviceRecord[]> {
  return load(db, filtered(db.selectFrom('asset_device'), filter))
}

/** The operator's device id for an asset id, if it has one. */
export async function deviceIdByAssetId(db: Executor, operatorId: string, assetId: string): Promise<string | undefined> {
  return (await db.selectFrom('asset_device').select('id').where('operator_id', '=', operatorId).where('asset_id', '=', assetId).executeTakeFirst())?.id
}

/** The operator's CI services (id and names), for resolving and checking supported services. */
export async function operatorServices(db: Executor, operatorId: string): Promise<{ id: string; nameJa: string; nameEn: string }[]> {
  const rows = await db.selectFrom('ci_service').select(['id', 'name_ja', 'name_en']).where('operator_id', '=', operatorId).orderBy('name_ja').execute()
  return rows.map((r) => ({ id: r.id, nameJa: r.name_ja, nameEn: r.name_en }))
}

function deviceRow(d: NetworkDevice, at: string, by: string) {
  return {
    operator_id: d.operatorId, asset_id: d.assetId, vendor: d.vendor, product: d.product, version: d.version, cpe: d.cpe, role: d.role, zone: d.zone,
    internet_reachable: d.internetReachable, closed_network: d.closedNetwork ? 1 : 0, install_date: d.installDate, last_patched: d.lastPatched,
    end_of_support: d.endOfSupport, owner: d.owner, updated_at: at, updated_by: by,
  }
}

/**
 * Inserts new devices in multi-row statements (18 values a row: 400 rows stay far below the bind-parameter
 * limits of SQLite and PostgreSQL), then their service links.
 */
export async function insertDevices(trx: Transaction<DB>, devices: readonly NetworkDevice[], at: string, by: string): Promise<void> {
  for (let i = 0; i < devices.length; i += 400) {
    await trx.insertInto('asset_device').values(devices.slice(i, i + 400).map((d) => ({ id: d.id, ...deviceRow(d, at, by), created_at: at }))).execute()
  }
  await insertLinks(trx, devices)
}

/** Columns an update rewrites, in the order of the VALUES rows below (after the id). */
const UPDATED_COLUMNS = ['asset_id', 'vendor', 'product', 'version', 'cpe', 'role', 'zone', 'internet_reachable', 'closed_network', 'install_date', 'last_patched', 'end_of_support', 'owner', 'updated_at', 'updated_by'] as const

/**
 * Rewrites changed devices in place (their ids stay, so anything that refers to a device keeps doing so), then
 * their links. One statement per 400 devices: `update … from (values …)`, which SQLite (3.33+) and
 * PostgreSQL both read, VALUES columns being named column1, column2, … on both.
 */
export async function updateDevices(trx: Transaction<DB>, devices: readonly NetworkDevice[], at: string, by: string): Promise<void> {
  for (let i = 0; i < devices.length; i += 400) {
    const rows = devices.slice(i, i + 400).map((d) => {
      const r = deviceRow(d, at, by)
      return sql`(${sql.join([d.id, ...UPDATED_COLUMNS.map((c) => r[c])])})`
    })
    const assignments = UPDATED_COLUMNS.map((c, k) => (c === 'closed_network'
      ? sql`${sql.ref(c)} = cast(${sql.ref(`v.column${k + 2}`)} as integer)`
      : sql`${sql.ref(c)} = ${sql.ref(`v.column${k + 2}`)}`))
    await sql`update asset_device set ${sql.join(assignments)} from (values ${sql.join(rows)}) as v where asset_device.id = v.column1`.execute(trx)
  }
  const ids = devices.map((d) => d.id)
  for (let i = 0; i < ids.length; i += CHUNK) await trx.deleteFrom('asset_device_service').where('device_id', 'in', ids.slice(i, i + CHUNK)).execute()
  await insertLinks(trx, devices)
}

async function insertLinks(trx: Transaction<DB>, devices: readonly NetworkDevice[]): Promise<void> {
  const links = devices.flatMap((d) => d.serviceIds.map((serviceId, position) => ({ device_id: d.id, service_id: serviceId, position })))
  for (let i = 0; i < links.length; i += 2000) await trx.insertInto('asset_device_service').values(links.slice(i, i + 2000)).execute()
}

/** The database refused a second device with the same asset id (a concurrent write got there first). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; errcode?: unknown }
  return e?.code === '23505' || (typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed'))
}

export async function deleteDeviceRow(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('asset_device_service').where('device_id', '=', id).execute()
  await trx.deleteFrom('asset_device').where('id', '=', id).execute()
}
