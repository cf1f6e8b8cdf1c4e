import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { conflict, forbidden, invalid, notFound, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import type { Organisation } from '../org/domain/organisation.ts'
import { getOrganisationUnscoped } from '../org/store/organisation-repository.ts'
import { isMatchable, prepareDevice, type DeviceFields, type DeviceInput, type NetworkDevice } from './domain/device.ts'
import {
  countDevicesForScope, deleteDeviceRow, deviceIdByAssetId, findDeviceForScope, insertDevices, isUniqueViolation, listDevicesForScope, operatorServices, updateDevices,
  type DeviceFilter, type DeviceRecord,
} from './store/devices-repository.ts'
import { recomputeDeviceExposure } from '../vulnerabilities/exposure-service.ts'

/**
 * Network devices (issue 6, build item 1): an operator's admin, CISO or assessor records its devices; the
 * ministries in charge of its sectors and the NCO read them. Every write is one transaction with one audit
 * entry per device. The domain (domain/device.ts) judges each device on its own; this layer adds what needs
 * the database: the asset id is unique for the operator, and supported services are the operator's own.
 */

/** A device as shown: the stored record and whether the vulnerability data covers its vendor. */
export interface DeviceView extends DeviceRecord {
  matchable: boolean
}

export const view = (d: DeviceRecord): DeviceView => ({ ...d, matchable: isMatchable(d.vendor) })

export interface DevicePage {
  total: number
  limit: number
  offset: number
  items: DeviceView[]
}

export async function ownOperator(ctx: AppContext, scope: Scope): Promise<Organisation> {
  if (scope.organisationKind !== 'operator') throw forbidden('Only operators record their devices.')
  const org = await getOrganisationUnscoped(ctx.database.db, scope.organisationId)
  if (!org) throw notFound('organisation')
  return org
}

export const today = (ctx: AppContext) => ctx.now().toISOString().slice(0, 10)

/** What the audit log keeps of a device: enough to tell what changed. */
export function auditView(d: DeviceFields) {
  return {
    assetId: d.assetId, vendor: d.vendor, product: d.product, version: d.version, cpe: d.cpe, role: d.role, zone: d.zone, internetReachable: d.internetReachable,
    closedNetwork: d.closedNetwork, installDate: d.installDate, lastPatched: d.lastPatched, endOfSupport: d.endOfSupport, owner: d.owner, serviceIds: d.serviceIds,
  }
}

export async function listDevices(ctx: AppContext, scope: Scope, filter: DeviceFilter, page: { limit: number; offset: number }): Promise<DevicePage> {
  const db = ctx.database.db
  const [total, items] = await Promise.all([countDevicesForScope(db, scope, filter), listDevicesForScope(db, scope, filter, page)])
  return { total, limit: page.limit, offset: page.offset, items: items.map(view) }
}

export async function getDevice(ctx: AppContext, scope: Scope, id: string): Promise<DeviceView> {
  const found = await findDeviceForScope(ctx.database.db, scope, id)
  if (!found) throw notFound('device')
  return view(found)
}

const bodyPath = (path: string) => `body.${path}`

/** The device as it will be stored, or an `invalid` error naming every bad field of the body. */
async function checked(ctx: AppContext, operator: Organisation, id: string, input: DeviceInput): Promise<NetworkDevice> {
  const prepared = prepareDevice(input, today(ctx))
  const errors: FieldError[] = prepared.errors.map((e) => ({ ...e, path: bodyPath(e.path) }))
  const db = ctx.database.db
  if (prepared.fields.assetId !== '') {
    const other = await deviceIdByAssetId(db, operator.id, prepared.fields.assetId)
    if (other !== undefined && other !== id) {
      errors.push({ path: 'body.assetId', code: 'asset.asset_id_duplicate', message: `You already have a device with asset id "${prepared.fields.assetId}".`, params: { value: prepared.fields.assetId } })
    }
  }
  const own = new Set((await operatorServices(db, operator.id)).map((s) => s.id))
  prepared.fields.serviceIds.forEach((serviceId, i) => {
    // A service of another operator is refused exactly like one that does not exist: nothing about it is revealed.
    if (!own.has(serviceId)) errors.push({ path: `body.serviceIds.${i}`, code: 'asset.service_unknown', message: `No service of yours has id "${serviceId}".`, params: { value: serviceId } })
  })
  if (errors.length > 0) throw invalid('asset.invalid', `The device cannot be saved: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
  return { ...prepared.fields, id, operatorId: operator.id }
}

/**
 * Runs a write; a unique-index refusal (another request stored the same asset id between the check and the
 * write) becomes a conflict to retry, not a server error.
 */
export async function writeOrConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('asset.concurrent_change', 'Another change to these devices was stored at the same time; nothing was written. Try again.')
    throw error
  }
}

export async function createDevice(ctx: AppContext, scope: Scope, input: DeviceInput): Promise<DeviceView> {
  const operator = await ownOperator(ctx, scope)
  const device = await checked(ctx, operator, randomUUID(), input)
  const at = ctx.now()
  await writeOrConflict(() => inTransaction(ctx.database, async (trx) => {
    await insertDevices(trx, [device], at.toISOString(), scope.actor)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.device_create', targetType: 'asset_device', targetId: device.id, after: auditView(device) }, at)
    // Its exposures, in the same transaction (derived data: no audit entry of its own).
    await recomputeDeviceExposure(trx, ctx, device.id)
  }))
  return getDevice(ctx, scope, device.id)
}

/** The caller's own device for a write: 404 when it cannot see it, 403 when it sees but does not own it. */
async function ownDevice(ctx: AppContext, scope: Scope, id: string): Promise<DeviceRecord> {
  const found = await findDeviceForScope(ctx.database.db, scope, id)
  if (!found) throw notFound('device')
  if (found.operatorId !== scope.organisationId) throw forbidden('Only the operator changes its devices.')
  return found
}

export async function updateDevice(ctx: AppContext, scope: Scope, id: string, input: DeviceInput): Promise<DeviceView> {
  const operator = await ownOperator(ctx, scope)
  const before = await ownDevice(ctx, scope, id)
  const device = await checked(ctx, operator, id, input)
  const at = ctx.now()
  await writeOrConflict(() => inTransaction(ctx.database, async (trx) => {
    await updateDevices(trx, [device], at.toISOString(), scope.actor)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.device_update', targetType: 'asset_device', targetId: id, before: auditView(before), after: auditView(device) }, at)
    await recomputeDeviceExposure(trx, ctx, id)
  }))
  return getDevice(ctx, scope, id)
}

export async function deleteDevice(ctx: AppContext, scope: Scope, id: string): Promise<void> {
  await ownOperator(ctx, scope)
  const before = await ownDevice(ctx, scope, id)
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await deleteDeviceRow(trx, id)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.device_delete', targetType: 'asset_device', targetId: id, before: auditView(before) }, at)
  })
}
