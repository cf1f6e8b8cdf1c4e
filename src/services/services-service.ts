import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { AppContext } from '../platform/context.ts'
import { inTransaction, type Executor } from '../platform/db/database.ts'
import type { DB } from '../platform/db/schema.ts'
import { forbidden, invalid, notFound, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import type { Organisation } from '../org/domain/organisation.ts'
import { getOrganisationUnscoped, listSectors } from '../org/store/organisation-repository.ts'
import { detachNode, edgesNamingNode } from '../dependencies/store/dependencies-repository.ts'
import { validateService, type CiService } from './domain/service.ts'
import {
  deleteServiceRow, existingServiceIds, findServiceForScope, insertServiceRow, listServicesForScope, serviceIdsByName, updateServiceRow,
  writeServiceChildren, type ServiceFilter, type ServiceRecord,
} from './store/services-repository.ts'

/**
 * CI services (issue 5, build item 1): an operator's admin or CISO records its services; the ministries in
 * charge of its sectors and the NCO read them. Every write is one transaction with one audit entry per
 * service changed. The domain (domain/service.ts) judges each service on its own; this layer adds what needs
 * the database: the sector exists and is one of the operator's, substitutes name existing services, and an
 * operator's service names are unique.
 */

/** A service as submitted: the id and the operator come from the route and the caller, never the body. */
export type ServiceDraft = Omit<CiService, 'id' | 'operatorId'>

/** One service of a batch to check, with where its problems should point (`body.rtoHours`, `rows[4].rtoHours`). */
export interface BatchEntry {
  service: CiService
  where: (domainPath: string) => string
  /** Prefix for messages (`Row 4: `), empty for the API. */
  label?: string
  /** Added to each error's parameters (the row number of an import). */
  params?: Record<string, string | number>
}

/**
 * Every problem of a batch of services one operator writes (one service for the API, a whole file for an
 * import): the domain's field checks plus the references. Empty when all can be stored.
 */
export async function batchProblems(db: Executor, operator: Organisation, batch: readonly BatchEntry[]): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const push = (entry: BatchEntry, e: FieldError) => errors.push({
    ...e, path: entry.where(e.path), message: `${entry.label ?? ''}${e.message}`, ...(entry.params || e.params ? { params: { ...e.params, ...entry.params } } : {}),
  })
  const sectors = new Set((await listSectors(db)).map((s) => s.id))
  const inBatch = new Set(batch.map((b) => b.service.id))
  const existing = await existingServiceIds(db, batch.flatMap((b) => b.service.substitutes.map((s) => s.serviceId)).filter((id) => typeof id === 'string' && !inBatch.has(id)))
  const stored = await serviceIdsByName(db, operator.id)
  const batchNames = new Map<string, string>()
  for (const entry of batch) {
    const s = entry.service
    for (const e of validateService(s)) push(entry, e)
    if (typeof s.sector === 'string' && s.sector.trim() !== '') {
      if (!sectors.has(s.sector)) {
        push(entry, { path: 'sector', code: 'service.sector_unknown', message: `Unknown sector "${s.sector}".`, params: { value: s.sector } })
      } else if (!operator.sectors.includes(s.sector)) {
        push(entry, { path: 'sector', code: 'service.sector_not_operators', message: `The operator does not belong to sector "${s.sector}".`, params: { value: s.sector } })
      }
    }
    if (Array.isArray(s.substitutes)) {
      s.substitutes.forEach((x, i) => {
        if (typeof x?.serviceId === 'string' && x.serviceId !== s.id && !inBatch.has(x.serviceId) && !existing.has(x.serviceId)) {
          push(entry, { path: `substitutes.${i}.serviceId`, code: 'service.substitute_unknown', message: `No service ${x.serviceId}.`, params: { value: x.serviceId } })
        }
      })
    }
    const name = s.name?.ja
    if (typeof name === 'string' && name.trim() !== '') {
      const other = stored.get(name)
      const earlier = batchNames.get(name)
      if ((other !== undefined && other !== s.id) || earlier !== undefined) {
        push(entry, { path: 'name.ja', code: 'service.name_duplicate', message: `The operator already has a service named "${name}".`, params: { value: name } })
      }
      batchNames.set(name, s.id)
    }
  }
  return errors
}

async function ownOperator(ctx: AppContext, scope: Scope): Promise<Organisation> {
  if (scope.organisationKind !== 'operator') throw forbidden('Only operators record their services.')
  const org = await getOrganisationUnscoped(ctx.database.db, scope.organisationId)
  if (!org) throw notFound('organisation')
  return org
}

const bodyPath = (path: string) => (path === '' ? 'body' : `body.${path}`)

function throwIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw invalid('service.invalid', `The service cannot be saved: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
}

/** What the audit log keeps of a service: enough to tell what changed, no more. */
function auditView(s: CiService) {
  return {
    name: s.name, sector: s.sector, type: s.type, peopleServed: s.peopleServed, businessesServed: s.businessesServed, prefectures: s.prefectures,
    substitutes: s.substitutes, mtpdHours: s.mtpdHours, rtoHours: s.rtoHours, rpoHours: s.rpoHours, rlo: s.rlo, impact: s.impact,
  }
}

export async function listServices(ctx: AppContext, scope: Scope, filter: ServiceFilter = {}): Promise<ServiceRecord[]> {
  return listServicesForScope(ctx.database.db, scope, filter)
}

export async function getService(ctx: AppContext, scope: Scope, id: string): Promise<ServiceRecord> {
  const found = await findServiceForScope(ctx.database.db, scope, id)
  if (!found) throw notFound('service')
  return found
}

export async function createService(ctx: AppContext, scope: Scope, draft: ServiceDraft): Promise<ServiceRecord> {
  const operator = await ownOperator(ctx, scope)
  const service: CiService = { ...draft, id: randomUUID(), operatorId: operator.id }
  throwIfInvalid(await batchProblems(ctx.database.db, operator, [{ service, where: bodyPath }]))
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await insertServiceRow(trx, service, at.toISOString(), scope.actor)
    await writeServiceChildren(trx, service)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'services.create', targetType: 'ci_service', targetId: service.id, after: auditView(service) }, at)
  })
  return getService(ctx, scope, service.id)
}

/** The caller's own service for a write: 404 when it cannot see it, 403 when it sees but does not own it. */
async function ownService(ctx: AppContext, scope: Scope, id: string): Promise<ServiceRecord> {
  const found = await findServiceForScope(ctx.database.db, scope, id)
  if (!found) throw notFound('service')
  if (found.operatorId !== scope.organisationId) throw forbidden('Only the operator changes its services.')
  return found
}

export async function updateService(ctx: AppContext, scope: Scope, id: string, draft: ServiceDraft): Promise<ServiceRecord> {
  const operator = await ownOperator(ctx, scope)
  const before = await ownService(ctx, scope, id)
  const service: CiService = { ...draft, id, operatorId: operator.id }
  throwIfInvalid(await batchProblems(ctx.database.db, operator, [{ service, where: bodyPath }]))
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await updateServiceRow(trx, service, at.toISOString(), scope.actor)
    await writeServiceChildren(trx, service)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'services.update', targetType: 'ci_service', targetId: id, before: auditView(before), after: auditView(service) }, at)
  })
  return getService(ctx, scope, id)
}

/**
 * Deletes the service and, in the same transaction, detaches it from the dependency graph (dependencies
 * module): the edges from or to it go, and it is dropped from other edges' alternatives, so no recorded
 * dependency names a service that no longer exists. Each edge removed or changed gets its own audit entry,
 * as when it is deleted or changed through the dependencies API.
 */
export async function deleteService(ctx: AppContext, scope: Scope, id: string): Promise<void> {
  await ownOperator(ctx, scope)
  const before = await ownService(ctx, scope, id)
  const at = ctx.now()
  const iso = at.toISOString()
  await inTransaction(ctx.database, async (trx) => {
    const edges = await edgesNamingNode(trx, id)
    await detachNode(trx, id, iso)
    await deleteServiceRow(trx, id)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'services.delete', targetType: 'ci_service', targetId: id, before: auditView(before) }, at)
    for (const edge of edges) {
      const common = { actor: scope.actor, organisationId: scope.organisationId, targetType: 'dependency_edge', targetId: edge.id, before: edge }
      if (edge.from === id || edge.to === id) await appendAudit(trx, { ...common, action: 'dependencies.edge_delete' }, at)
      else await appendAudit(trx, { ...common, action: 'dependencies.edge_update', after: { ...edge, alternatives: edge.alternatives.filter((a) => a !== id), updatedAt: iso } }, at)
    }
  })
}

/**
 * Stores a checked batch of one operator's services in the caller's transaction: rows first (substitutes may
 * point at services of the same batch), then prefectures and substitutes, one audit entry per service.
 */
export async function storeBatch(trx: Transaction<DB>, scope: Scope, batch: readonly { service: CiService; before: CiService | null }[], at: Date): Promise<void> {
  const iso = at.toISOString()
  for (const { service, before } of batch) {
    if (before) await updateServiceRow(trx, service, iso, scope.actor)
    else await insertServiceRow(trx, service, iso, scope.actor)
  }
  for (const { service, before } of batch) {
    await writeServiceChildren(trx, service)
    await appendAudit(trx, {
      actor: scope.actor, organisationId: scope.organisationId, action: before ? 'services.update' : 'services.create', targetType: 'ci_service', targetId: service.id,
      ...(before ? { before: auditView(before) } : {}), after: auditView(service),
    }, at)
  }
}

export { ownOperator }
