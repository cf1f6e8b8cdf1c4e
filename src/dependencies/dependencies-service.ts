import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { conflict, forbidden, invalid, notFound, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import { PREFECTURE_CODE } from '../services/domain/service.ts'
import type { Criticality, DependencyType, Failover, ProviderType } from './domain/model.ts'
import type { Provider } from './domain/assemble.ts'
import {
  deleteEdge as removeEdge, deleteProvider as removeProvider, findEdgeBetween, findEdgeForScope, findEdgeUnscoped, findNodesForScope, findProvider,
  findProvidersByName, insertEdges, insertProviders, listEdgesForScope, listProviders as listRegistry, nodeReferenced, updateEdge as storeEdge,
  updateProvider as storeProvider, type EdgeRecord, type NodeFacts,
} from './store/dependencies-repository.ts'

/**
 * The dependencies module's writes and reads of the registry and the edges (issue 5). Who may do what:
 * - providers: every signed-in caller reads the registry; admins and CISOs of the NCO, ministries and operators
 *   register (the role part is policy.ts's); the registering organisation or the NCO changes and deletes;
 * - edges: recorded by whoever may write the `from` node — for a service its operator, the ministries in charge
 *   of the operator's sectors and the NCO (S14: cross-operator dependencies), for a provider its registrant and
 *   the NCO — and `to` and every alternative must be nodes the caller may read.
 * Every write is one transaction with its audit entry.
 */

export interface ProviderInput {
  name: { ja: string; en: string }
  providerType: ProviderType
  prefectures: string[]
  annualFailureProbability: number | null
}

export interface EdgeInput {
  from: string
  to: string
  /** What the dependency is for; left out: 'other' for a new edge, unchanged for an existing one. */
  type?: DependencyType
  criticality: Criticality
  failover: Failover
  alternatives: string[]
}

const isNco = (scope: Scope) => scope.organisationKind === 'national_office'

/** The registering organisation and the NCO change a provider; everyone else only reads it. */
export function mayChangeProvider(scope: Scope, provider: { registeredBy: string | null }): boolean {
  return isNco(scope) || provider.registeredBy === scope.organisationId
}

/**
 * Whether the caller may record dependencies of a node it can read. A service the caller can read is its own
 * (operator), in its jurisdiction (ministry) or anyone's (NCO): exactly those whose dependencies it may record.
 */
export function mayWriteFrom(scope: Scope, node: NodeFacts): boolean {
  if (node.kind === 'provider') return mayChangeProvider(scope, node)
  return ['national_office', 'ministry', 'operator'].includes(scope.organisationKind)
}

// ---------------------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------------------

export async function listProviders(ctx: AppContext): Promise<Provider[]> {
  return listRegistry(ctx.database.db)
}

/** Problems of a provider as submitted; `path(field)` names each in the caller's terms (body.… or rows[n].…). */
export function checkProvider(input: ProviderInput, path: (field: string) => string): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  input.prefectures.forEach((code, i) => {
    if (!PREFECTURE_CODE.test(code)) errors.push({ path: path(`prefectures.${i}`), code: 'dependencies.prefecture_code', message: `${code} is not a JIS X 0401 prefecture code (01–47).`, params: { value: code } })
    else if (seen.has(code)) errors.push({ path: path(`prefectures.${i}`), code: 'dependencies.prefecture_duplicate', message: `Prefecture ${code} is listed twice.`, params: { value: code } })
    seen.add(code)
  })
  const p = input.annualFailureProbability
  if (p !== null && !(Number.isFinite(p) && p >= 0 && p <= 1)) {
    errors.push({ path: path('annualFailureProbability'), code: 'dependencies.probability_range', message: 'The annual failure probability must be between 0 and 1.', params: { value: String(p) } })
  }
  return errors
}

async function nameTaken(ctx: AppContext, name: { ja: string; en: string }, except: string | null): Promise<FieldError[]> {
  const errors: FieldError[] = []
  for (const field of ['ja', 'en'] as const) {
    if (name[field].trim() === '') continue
    const same = (await findProvidersByName(ctx.database.db, name[field])).filter((p) => p.id !== except)
    if (same.length > 0) {
      errors.push({ path: `body.name.${field}`, code: 'dependencies.provider_name_taken', message: `A provider named ${name[field]} is already registered.`, params: { value: name[field] } })
    }
  }
  return errors
}

export async function createProvider(ctx: AppContext, scope: Scope, input: ProviderInput): Promise<Provider> {
  const errors = [...checkProvider(input, (f) => `body.${f}`), ...(await nameTaken(ctx, input.name, null))]
  if (errors.length > 0) throw invalid('dependencies.invalid_provider', `The provider cannot be registered: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
  const at = ctx.now().toISOString()
  const provider: Provider = { id: randomUUID(), ...input, prefectures: [...input.prefectures], registeredBy: scope.organisationId, createdAt: at, updatedAt: at }
  await inTransaction(ctx.database, async (trx) => {
    await insertProviders(trx, [provider])
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.provider_create', targetType: 'dependency_provider', targetId: provider.id, after: provider }, ctx.now())
  })
  return provider
}

async function changeableProvider(ctx: AppContext, scope: Scope, id: string): Promise<Provider> {
  const provider = await findProvider(ctx.database.db, id)
  if (!provider) throw notFound('provider')
  if (!mayChangeProvider(scope, provider)) throw forbidden('Only the organisation that registered the provider, or the NCO, may change it.')
  return provider
}

export async function updateProvider(ctx: AppContext, scope: Scope, id: string, input: ProviderInput): Promise<Provider> {
  const before = await changeableProvider(ctx, scope, id)
  const errors = [...checkProvider(input, (f) => `body.${f}`), ...(await nameTaken(ctx, input.name, id))]
  if (errors.length > 0) throw invalid('dependencies.invalid_provider', `The provider cannot be changed: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
  const after: Provider = { ...before, ...input, prefectures: [...input.prefectures], updatedAt: ctx.now().toISOString() }
  await inTransaction(ctx.database, async (trx) => {
    await storeProvider(trx, after)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.provider_update', targetType: 'dependency_provider', targetId: id, before, after }, ctx.now())
  })
  return after
}

/** Refused while any dependency names the provider: deleting it would silently drop what others recorded. */
export async function deleteProvider(ctx: AppContext, scope: Scope, id: string): Promise<void> {
  const before = await changeableProvider(ctx, scope, id)
  if (await nodeReferenced(ctx.database.db, id)) throw conflict('dependencies.provider_in_use', 'The provider is still named by recorded dependencies; remove those first.')
  await inTransaction(ctx.database, async (trx) => {
    await removeProvider(trx, id)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.provider_delete', targetType: 'dependency_provider', targetId: id, before }, ctx.now())
  })
}

// ---------------------------------------------------------------------------------------------------------
// Edges
// ---------------------------------------------------------------------------------------------------------

export async function listEdges(ctx: AppContext, scope: Scope, options: { node?: string } = {}): Promise<EdgeRecord[]> {
  return listEdgesForScope(ctx.database.db, scope, options)
}

/**
 * Problems of an edge against the nodes the caller may read (`nodes`). An id that does not exist and one the
 * caller may not read get the same answer, so refusals reveal nothing. Cycles are valid; only an edge from a
 * node to itself is refused (and an alternative that is one of the edge's own ends, or named twice).
 */
export function checkEdge(scope: Scope, input: EdgeInput, nodes: ReadonlyMap<string, NodeFacts>, path: (field: string) => string): FieldError[] {
  const errors: FieldError[] = []
  const unknown = (field: string, id: string) => errors.push({ path: path(field), code: 'dependencies.unknown_node', message: `No service or provider ${id} (or not one you may see).`, params: { value: id } })
  const from = nodes.get(input.from)
  if (!from) unknown('from', input.from)
  else if (!mayWriteFrom(scope, from)) {
    errors.push({ path: path('from'), code: 'dependencies.from_not_writable', message: 'You may not record dependencies of this node (its operator, the ministry in charge or the NCO may; for a provider, its registrant or the NCO).', params: { value: input.from } })
  }
  if (input.to === input.from) errors.push({ path: path('to'), code: 'dependencies.self_loop', message: 'A node cannot depend on itself.', params: { value: input.to } })
  else if (!nodes.has(input.to)) unknown('to', input.to)
  if (input.failover.kind === 'manual' && !(Number.isFinite(input.failover.hours) && input.failover.hours >= 0)) {
    errors.push({ path: path('failover.hours'), code: 'dependencies.negative_duration', message: 'Failover hours must be a number of hours ≥ 0.', params: { value: String(input.failover.hours) } })
  }
  const seen = new Set<string>()
  input.alternatives.forEach((a, i) => {
    if (a === input.from || a === input.to) errors.push({ path: path(`alternatives.${i}`), code: 'dependencies.alternative_is_end', message: 'An alternative must be another node than the edge\'s ends.', params: { value: a } })
    else if (seen.has(a)) errors.push({ path: path(`alternatives.${i}`), code: 'dependencies.alternative_duplicate', message: `${a} is listed twice.`, params: { value: a } })
    else if (!nodes.has(a)) unknown(`alternatives.${i}`, a)
    seen.add(a)
  })
  return errors
}

function refuseEdge(errors: FieldError[], what: string): void {
  if (errors.length === 0) return
  // Only "not yours to record" for an otherwise fine edge is a refusal of the caller rather than of the input.
  if (errors.every((e) => e.code === 'dependencies.from_not_writable')) throw forbidden(errors[0]!.message)
  throw invalid('dependencies.invalid_edge', `${what}: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
}

export async function createEdge(ctx: AppContext, scope: Scope, input: EdgeInput): Promise<EdgeRecord> {
  const db = ctx.database.db
  const nodes = await findNodesForScope(db, scope, [input.from, input.to, ...input.alternatives])
  const errors = checkEdge(scope, input, nodes, (f) => `body.${f}`)
  if (errors.length === 0 && (await findEdgeBetween(db, input.from, input.to))) {
    errors.push({ path: 'body.to', code: 'dependencies.edge_duplicate', message: 'This dependency is already recorded; change that one instead.', params: { value: input.to } })
  }
  refuseEdge(errors, 'The dependency cannot be recorded')
  const at = ctx.now().toISOString()
  const edge: EdgeRecord = {
    id: randomUUID(), from: input.from, fromKind: nodes.get(input.from)!.kind, to: input.to, toKind: nodes.get(input.to)!.kind, type: input.type ?? 'other', criticality: input.criticality,
    failover: input.failover, alternatives: [...input.alternatives], ownerOrg: scope.organisationId, createdAt: at, updatedAt: at,
  }
  await inTransaction(ctx.database, async (trx) => {
    await insertEdges(trx, [edge])
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.edge_create', targetType: 'dependency_edge', targetId: edge.id, after: edge }, ctx.now())
  })
  return edge
}

/** The edge as the caller sees it, checked writable: it must be visible and its `from` the caller's to record. */
async function changeableEdge(ctx: AppContext, scope: Scope, id: string): Promise<EdgeRecord> {
  const db = ctx.database.db
  const visible = await findEdgeForScope(db, scope, id)
  if (!visible) throw notFound('dependency')
  const from = (await findNodesForScope(db, scope, [visible.from])).get(visible.from)
  if (!from || !mayWriteFrom(scope, from)) throw forbidden('You may not change the dependencies of this node.')
  return visible
}

/**
 * Replaces an edge. Alternatives stored on it that the caller may not see are kept as they are (the caller
 * never saw them, so leaving them out of its request does not mean removing them).
 */
export async function updateEdge(ctx: AppContext, scope: Scope, id: string, input: EdgeInput): Promise<EdgeRecord> {
  const db = ctx.database.db
  const seen = await changeableEdge(ctx, scope, id)
  const before = (await findEdgeUnscoped(db, id))!
  const nodes = await findNodesForScope(db, scope, [input.from, input.to, ...input.alternatives])
  const errors = checkEdge(scope, input, nodes, (f) => `body.${f}`)
  if (errors.length === 0) {
    const other = await findEdgeBetween(db, input.from, input.to)
    if (other && other.id !== id) errors.push({ path: 'body.to', code: 'dependencies.edge_duplicate', message: 'This dependency is already recorded; change that one instead.', params: { value: input.to } })
  }
  refuseEdge(errors, 'The dependency cannot be changed')
  const hidden = before.alternatives.filter((a) => !seen.alternatives.includes(a) && a !== input.from && a !== input.to && !input.alternatives.includes(a))
  const after: EdgeRecord = {
    ...before, from: input.from, fromKind: nodes.get(input.from)!.kind, to: input.to, toKind: nodes.get(input.to)!.kind, type: input.type ?? before.type, criticality: input.criticality,
    failover: input.failover, alternatives: [...input.alternatives, ...hidden], updatedAt: ctx.now().toISOString(),
  }
  await inTransaction(ctx.database, async (trx) => {
    await storeEdge(trx, after)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.edge_update', targetType: 'dependency_edge', targetId: id, before, after }, ctx.now())
  })
  return { ...after, alternatives: [...input.alternatives] }
}

export async function deleteEdge(ctx: AppContext, scope: Scope, id: string): Promise<void> {
  await changeableEdge(ctx, scope, id)
  const before = (await findEdgeUnscoped(ctx.database.db, id))!
  await inTransaction(ctx.database, async (trx) => {
    await removeEdge(trx, id)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'dependencies.edge_delete', targetType: 'dependency_edge', targetId: id, before }, ctx.now())
  })
}
