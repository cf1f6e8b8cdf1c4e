import { sql, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { AdvisoryNotificationTable, AssetExposureTable, DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'

/**
 * Exposure rows and advisory notifications in the database. Reads take the caller's scope: the NCO reads all;
 * a ministry the operators of the sectors in its jurisdiction; an operator its own; everyone else nothing.
 */

/** SQL condition: the operator in column `column` is visible to `scope`. */
export function operatorVisible(column: string, scope: Scope) {
  if (scope.organisationKind === 'national_office') return sql<boolean>`1 = 1`
  const ref = sql.ref(column)
  const own = sql<boolean>`${ref} = ${scope.organisationId}`
  if (scope.organisationKind === 'ministry' && scope.sectorIds.length > 0) {
    return sql<boolean>`(${own} or exists (select 1 from organisation_sector os where os.organisation_id = ${ref} and os.sector_id in (${sql.join([...scope.sectorIds])})))`
  }
  if (scope.organisationKind === 'operator') return own
  return sql<boolean>`1 = 0`
}

/** A device as the exposure computation needs it. */
export interface ExposureDevice {
  id: string
  operatorId: string
  assetId: string
  vendor: string
  product: string
  version: string
  cpe: string | null
  internetReachable: string
  installDate: string | null
  lastPatched: string | null
  endOfSupport: string | null
  services: { mtpdHours: number; people: number }[]
}

/** Devices of one operator (or of all when `operatorId` is null), with the criticality of the services they support. */
export async function exposureDevices(db: Executor, operatorId: string | null, deviceId?: string): Promise<ExposureDevice[]> {
  let q = db.selectFrom('asset_device')
    .select(['id', 'operator_id', 'asset_id', 'vendor', 'product', 'version', 'cpe', 'internet_reachable', 'install_date', 'last_patched', 'end_of_support'])
    .orderBy('operator_id').orderBy('asset_id')
  if (operatorId !== null) q = q.where('operator_id', '=', operatorId)
  if (deviceId !== undefined) q = q.where('id', '=', deviceId)
  const rows = await q.execute()
  let links = db.selectFrom('asset_device_service as l').innerJoin('ci_service as s', 's.id', 'l.service_id').innerJoin('asset_device as d', 'd.id', 'l.device_id')
    .select(['l.device_id', 's.mtpd_hours', 's.people_served'])
  if (operatorId !== null) links = links.where('d.operator_id', '=', operatorId)
  if (deviceId !== undefined) links = links.where('l.device_id', '=', deviceId)
  const services = new Map<string, { mtpdHours: number; people: number }[]>()
  for (const l of await links.execute()) {
    const list = services.get(l.device_id) ?? []
    list.push({ mtpdHours: Number(l.mtpd_hours), people: Number(l.people_served) })
    services.set(l.device_id, list)
  }
  return rows.map((r) => ({
    id: r.id, operatorId: r.operator_id, assetId: r.asset_id, vendor: r.vendor, product: r.product, version: r.version, cpe: r.cpe,
    internetReachable: r.internet_reachable, installDate: r.install_date, lastPatched: r.last_patched, endOfSupport: r.end_of_support,
    services: services.get(r.id) ?? [],
  }))
}

export interface RecordMetrics {
  cvss: number | null
  exploitation: string | null
  automatable: string | null
  technicalImpact: string | null
  title: string | null
  published: string | null
}

export async function recordMetrics(db: Executor): Promise<Map<string, RecordMetrics>> {
  const rows = await db.selectFrom('cve_record').select(['cve_id', 'cvss_score', 'ssvc_exploitation', 'ssvc_automatable', 'ssvc_technical_impact', 'title', 'date_published']).execute()
  return new Map(rows.map((r) => [r.cve_id, {
    cvss: r.cvss_score === null ? null : Number(r.cvss_score), exploitation: r.ssvc_exploitation, automatable: r.ssvc_automatable,
    technicalImpact: r.ssvc_technical_impact, title: r.title, published: r.date_published,
  }]))
}

export interface KevInfo { cveId: string; vendorProject: string; product: string; ransomware: boolean; dateAdded: string }

export async function kevEntries(db: Executor): Promise<Map<string, KevInfo>> {
  const rows = await db.selectFrom('kev_entry').select(['cve_id', 'vendor_project', 'product', 'known_ransomware_campaign_use', 'date_added']).execute()
  return new Map(rows.map((r) => [r.cve_id, {
    cveId: r.cve_id, vendorProject: r.vendor_project, product: r.product, ransomware: r.known_ransomware_campaign_use.toLowerCase() === 'known', dateAdded: r.date_added,
  }]))
}

export interface EolRow { vendorKey: string; productKey: string; version: string; matchKind: string; endOfSupport: string; source: string }

export async function eolRows(db: Executor): Promise<EolRow[]> {
  const rows = await db.selectFrom('eol_entry').select(['vendor_key', 'product_key', 'version', 'match_kind', 'end_of_support', 'source']).execute()
  return rows.map((r) => ({ vendorKey: r.vendor_key, productKey: r.product_key, version: r.version, matchKind: r.match_kind, endOfSupport: r.end_of_support, source: r.source }))
}

/** Stored exposures of the given devices' operator (or of the given CVEs), keyed `deviceId|cveId`. */
export async function storedExposures(db: Executor, where: { operatorId: string | null } | { cveIds: readonly string[] } | { deviceId: string }): Promise<Map<string, AssetExposureTable>> {
  const out = new Map<string, AssetExposureTable>()
  if ('deviceId' in where) {
    for (const r of await db.selectFrom('asset_exposure').selectAll().where('device_id', '=', where.deviceId).execute()) out.set(`${r.device_id}|${r.cve_id}`, r)
    return out
  }
  if ('cveIds' in where) {
    for (let i = 0; i < where.cveIds.length; i += 500) {
      const rows = await db.selectFrom('asset_exposure').selectAll().where('cve_id', 'in', where.cveIds.slice(i, i + 500)).execute()
      for (const r of rows) out.set(`${r.device_id}|${r.cve_id}`, r)
    }
    return out
  }
  let q = db.selectFrom('asset_exposure').selectAll()
  if (where.operatorId !== null) q = q.where('operator_id', '=', where.operatorId)
  for (const r of await q.execute()) out.set(`${r.device_id}|${r.cve_id}`, r)
  return out
}

const CHUNK = 200

export async function insertExposures(trx: Transaction<DB>, rows: readonly AssetExposureTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('asset_exposure').values(rows.slice(i, i + CHUNK)).execute()
}

export async function deleteExposures(trx: Transaction<DB>, keys: readonly { deviceId: string; cveId: string }[]): Promise<void> {
  const byCve = new Map<string, string[]>()
  for (const k of keys) byCve.set(k.cveId, [...(byCve.get(k.cveId) ?? []), k.deviceId])
  for (const [cveId, devices] of byCve) {
    for (let i = 0; i < devices.length; i += 500) await trx.deleteFrom('asset_exposure').where('cve_id', '=', cveId).where('device_id', 'in', devices.slice(i, i + 500)).execute()
  }
}

export async function updateExposure(trx: Transaction<DB>, row: AssetExposureTable): Promise<void> {
  await trx.updateTable('asset_exposure').set({ status: row.status, kev: row.kev, score: row.score, explanation: row.explanation, last_seen: row.last_seen })
    .where('device_id', '=', row.device_id).where('cve_id', '=', row.cve_id).execute()
}

/** An exposure row with its device, for the views. */
export interface ExposureRow extends AssetExposureTable {
  asset_id: string
  vendor: string
  product: string
  version: string
  internet_reachable: string
  last_patched: string | null
  install_date: string | null
  end_of_support: string | null
}

export interface ExposureFilter { operatorId?: string | undefined; deviceId?: string | undefined; kev?: boolean | undefined; status?: string | undefined }

export async function listExposures(db: Executor, scope: Scope, filter: ExposureFilter): Promise<ExposureRow[]> {
  let q = db.selectFrom('asset_exposure as e').innerJoin('asset_device as d', 'd.id', 'e.device_id')
    .selectAll('e')
    .select(['d.asset_id', 'd.vendor', 'd.product', 'd.version', 'd.internet_reachable', 'd.last_patched', 'd.install_date', 'd.end_of_support'])
    .where(operatorVisible('e.operator_id', scope))
  if (filter.operatorId) q = q.where('e.operator_id', '=', filter.operatorId)
  if (filter.deviceId) q = q.where('e.device_id', '=', filter.deviceId)
  if (filter.kev !== undefined) q = q.where('e.kev', '=', filter.kev ? 1 : 0)
  if (filter.status) q = q.where('e.status', '=', filter.status)
  return q.orderBy('e.kev', 'desc').orderBy('e.score', 'desc').orderBy('d.asset_id').orderBy('e.cve_id', 'desc').execute()
}

/** Open (unread and read) notifications of the operators visible to `scope`, newest first. */
export async function listNotifications(db: Executor, scope: Scope, filter: { operatorId?: string | undefined; unread?: boolean | undefined }, page: { limit: number; offset: number }) {
  let q = db.selectFrom('advisory_notification as n').selectAll('n').where(operatorVisible('n.operator_id', scope))
  if (filter.operatorId) q = q.where('n.operator_id', '=', filter.operatorId)
  if (filter.unread) q = q.where('n.read_at', 'is', null)
  const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0)
  const rows = await q.orderBy('n.created_at', 'desc').orderBy('n.cve_id', 'desc').orderBy('n.id').limit(page.limit).offset(page.offset).execute()
  return { total, rows }
}

export async function insertNotifications(trx: Transaction<DB>, rows: readonly AdvisoryNotificationTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('advisory_notification').values(rows.slice(i, i + CHUNK)).execute()
}

export async function findNotification(db: Executor, id: string): Promise<AdvisoryNotificationTable | undefined> {
  return db.selectFrom('advisory_notification').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function markNotificationRead(trx: Transaction<DB>, id: string, at: string, by: string): Promise<void> {
  await trx.updateTable('advisory_notification').set({ read_at: at, read_by: by }).where('id', '=', id).execute()
}

/** Sectors of each operator (an operator may belong to several). */
export async function operatorSectors(db: Executor): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('organisation_sector as os').innerJoin('organisation as o', 'o.id', 'os.organisation_id')
    .select(['os.organisation_id', 'os.sector_id']).where('o.kind', '=', 'operator').execute()
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(r.organisation_id, [...(out.get(r.organisation_id) ?? []), r.sector_id])
  return out
}
