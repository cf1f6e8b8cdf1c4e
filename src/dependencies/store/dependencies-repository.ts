import { sql, type ExpressionBuilder, type RawBuilder, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB, DependencyEdgeTable, DependencyProviderTable } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import { DEPENDENCY_TYPES, type Criticality, type DependencyType, type Failover, type ProviderType } from '../domain/model.ts'
import type { NodeKind, Provider, StoredEdge } from '../domain/assemble.ts'

/**
 * The provider registry and the dependency edges in the database. Visibility (issue 5 contract):
 * - providers are a registry every signed-in caller reads (name, type, prefectures), so operators can pick them;
 * - a service (ci_service) is read by its operator, by the ministries in charge of the operator's sectors, and by
 *   the NCO; sharing bodies and provider organisations read none;
 * - an edge goes with its `from` node, and is shown only when its `to` is readable too: an operator never learns
 *   of another operator's services or of the dependencies between them. Alternatives the caller may not read are
 *   left out of what it gets.
 * Every list and find below takes the caller's scope and applies these rules in SQL; writes take a transaction.
 */

// ---------------------------------------------------------------------------------------------------------
// Visibility as SQL
// ---------------------------------------------------------------------------------------------------------

/** The services (by an operator-id column of ci_service) the scope may read. */
function serviceOperatorVisible(scope: Scope, operatorColumn: string): RawBuilder<boolean> {
  if (scope.organisationKind === 'national_office') return sql<boolean>`1 = 1`
  const own = sql<boolean>`${sql.ref(operatorColumn)} = ${scope.organisationId}`
  if (scope.organisationKind === 'ministry' && scope.sectorIds.length > 0) {
    return sql<boolean>`(${own} or exists (select 1 from organisation_sector os where os.organisation_id = ${sql.ref(operatorColumn)}
      and os.sector_id in (${sql.join(scope.sectorIds)})))`
  }
  // The same rule as services-repository.ts: sharing bodies and provider organisations read no services.
  return scope.organisationKind === 'operator' ? own : sql<boolean>`1 = 0`
}

/** A node id column (with its kind column) names an existing node the scope may read. */
function nodeReadable(scope: Scope, idColumn: string, kindColumn: string): RawBuilder<boolean> {
  return sql<boolean>`((${sql.ref(kindColumn)} = 'provider' and exists (select 1 from dependency_provider p where p.id = ${sql.ref(idColumn)}))
    or (${sql.ref(kindColumn)} = 'service' and exists (select 1 from ci_service s where s.id = ${sql.ref(idColumn)} and ${serviceOperatorVisible(scope, 's.operator_id')})))`
}

function edgeVisible(_eb: ExpressionBuilder<DB, 'dependency_edge'>, scope: Scope): RawBuilder<boolean> {
  return sql<boolean>`(${nodeReadable(scope, 'dependency_edge.from_id', 'dependency_edge.from_kind')} and ${nodeReadable(scope, 'dependency_edge.to_id', 'dependency_edge.to_kind')})`
}

// ---------------------------------------------------------------------------------------------------------
// Providers: a registry every signed-in caller reads
// ---------------------------------------------------------------------------------------------------------

function toProvider(r: DependencyProviderTable): Provider {
  return {
    id: r.id, name: { ja: r.name_ja, en: r.name_en }, providerType: r.provider_type as ProviderType, prefectures: JSON.parse(r.prefectures) as string[],
    annualFailureProbability: r.annual_failure_probability === null ? null : Number(r.annual_failure_probability),
    registeredBy: r.registered_by_org, createdAt: r.created_at, updatedAt: r.updated_at,
  }
}

const fromProvider = (p: Provider): DependencyProviderTable => ({
  id: p.id, name_ja: p.name.ja, name_en: p.name.en, provider_type: p.providerType, prefectures: JSON.stringify(p.prefectures),
  annual_failure_probability: p.annualFailureProbability, registered_by_org: p.registeredBy, created_at: p.createdAt, updated_at: p.updatedAt,
})

/** The whole registry (public to every signed-in caller), by Japanese name then id. */
export async function listProviders(db: Executor): Promise<Provider[]> {
  return (await db.selectFrom('dependency_provider').selectAll().orderBy('name_ja').orderBy('id').execute()).map(toProvider)
}

export async function findProvider(db: Executor, id: string): Promise<Provider | undefined> {
  const row = await db.selectFrom('dependency_provider').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toProvider(row) : undefined
}

/** Providers by exact Japanese or English name (imports name nodes that way). */
export async function findProvidersByName(db: Executor, name: string): Promise<Provider[]> {
  return (await db.selectFrom('dependency_provider').selectAll().where((eb) => eb.or([eb('name_ja', '=', name), eb('name_en', '=', name)])).orderBy('id').execute()).map(toProvider)
}

export async function insertProviders(trx: Transaction<DB>, providers: readonly Provider[]): Promise<void> {
  for (let i = 0; i < providers.length; i += 200) await trx.insertInto('dependency_provider').values(providers.slice(i, i + 200).map(fromProvider)).execute()
}

export async function updateProvider(trx: Transaction<DB>, p: Provider): Promise<void> {
  const { id, created_at: _created, registered_by_org: _by, ...rest } = fromProvider(p)
  await trx.updateTable('dependency_provider').set(rest).where('id', '=', id).execute()
}

export async function deleteProvider(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('dependency_provider').where('id', '=', id).execute()
}

/** Every node exists for this purpose: the national view, used where existence, not visibility, matters. */
const EXISTENCE: Scope = { actor: 'system', userId: null, organisationId: '', organisationKind: 'national_office', role: 'admin', sectorIds: [] }

/**
 * Whether any edge, visible to the caller or not, names the node as an end or an alternative. Edges left
 * behind by a deleted service (their other end gone) do not count: they are in no graph.
 */
export async function nodeReferenced(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('dependency_edge').select('id')
    .where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id), eb('alternatives', 'like', `%${JSON.stringify(id)}%`)]))
    .where((eb) => edgeVisible(eb, EXISTENCE))
    .limit(1).executeTakeFirst()
  return row !== undefined
}

// ---------------------------------------------------------------------------------------------------------
// Nodes the caller may read (for checking what an edge names)
// ---------------------------------------------------------------------------------------------------------

export interface NodeFacts {
  id: string
  kind: NodeKind
  /** Services: the operator that provides it. */
  operatorId: string | null
  /** Providers: the organisation that registered it. */
  registeredBy: string | null
  /** Japanese and English names (imports may name nodes instead of giving ids). */
  name: { ja: string; en: string }
}

/** The nodes among `ids` that exist and the scope may read; the others are simply absent from the map. */
export async function findNodesForScope(db: Executor, scope: Scope, ids: readonly string[]): Promise<Map<string, NodeFacts>> {
  const out = new Map<string, NodeFacts>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500)
    const providers = await db.selectFrom('dependency_provider').select(['id', 'registered_by_org', 'name_ja', 'name_en']).where('id', 'in', chunk).execute()
    for (const p of providers) out.set(p.id, { id: p.id, kind: 'provider', operatorId: null, registeredBy: p.registered_by_org, name: { ja: p.name_ja, en: p.name_en } })
    const services = await sql<{ id: string; operator_id: string; name_ja: string; name_en: string }>`select s.id, s.operator_id, s.name_ja, s.name_en from ci_service s
      where s.id in (${sql.join(chunk)}) and ${serviceOperatorVisible(scope, 's.operator_id')}`.execute(db)
    for (const s of services.rows) out.set(s.id, { id: s.id, kind: 'service', operatorId: s.operator_id, registeredBy: null, name: { ja: s.name_ja, en: s.name_en } })
  }
  return out
}

/** Every node the scope may read, with names: the import resolves names against this. */
export async function listNodesForScope(db: Executor, scope: Scope): Promise<NodeFacts[]> {
  const providers = await db.selectFrom('dependency_provider').select(['id', 'registered_by_org', 'name_ja', 'name_en']).orderBy('id').execute()
  const services = await sql<{ id: string; operator_id: string; name_ja: string; name_en: string }>`select s.id, s.operator_id, s.name_ja, s.name_en from ci_service s
    where ${serviceOperatorVisible(scope, 's.operator_id')} order by s.id`.execute(db)
  return [
    ...services.rows.map((s): NodeFacts => ({ id: s.id, kind: 'service', operatorId: s.operator_id, registeredBy: null, name: { ja: s.name_ja, en: s.name_en } })),
    ...providers.map((p): NodeFacts => ({ id: p.id, kind: 'provider', operatorId: null, registeredBy: p.registered_by_org, name: { ja: p.name_ja, en: p.name_en } })),
  ]
}

// ---------------------------------------------------------------------------------------------------------
// Edges: visible with their `from` node, when their `to` is readable too
// ---------------------------------------------------------------------------------------------------------

/** A recorded edge as the store reads it: the domain's StoredEdge with its type (DEPENDENCY_TYPES). */
export type EdgeRecord = StoredEdge & { type: DependencyType }

/** An edge to write: without a type it is stored as 'other'. */
export type EdgeToStore = StoredEdge & { type?: DependencyType }

const dependencyType = (value: string): DependencyType => ((DEPENDENCY_TYPES as readonly string[]).includes(value) ? (value as DependencyType) : 'other')

function toEdge(r: DependencyEdgeTable): EdgeRecord {
  const failover: Failover = r.failover_kind === 'manual' ? { kind: 'manual', hours: Number(r.failover_hours) } : r.failover_kind === 'automatic' ? { kind: 'automatic' } : { kind: 'none' }
  return {
    id: r.id, from: r.from_id, fromKind: r.from_kind as NodeKind, to: r.to_id, toKind: r.to_kind as NodeKind, type: dependencyType(r.dependency_type), criticality: r.criticality as Criticality,
    failover, alternatives: JSON.parse(r.alternatives) as string[], ownerOrg: r.owner_org, createdAt: r.created_at, updatedAt: r.updated_at,
  }
}

const fromEdge = (e: EdgeToStore): DependencyEdgeTable => ({
  id: e.id, from_id: e.from, from_kind: e.fromKind, to_id: e.to, to_kind: e.toKind, dependency_type: e.type ?? 'other', criticality: e.criticality, failover_kind: e.failover.kind,
  failover_hours: e.failover.kind === 'manual' ? e.failover.hours : null, alternatives: JSON.stringify(e.alternatives), owner_org: e.ownerOrg,
  created_at: e.createdAt, updated_at: e.updatedAt,
})

/**
 * The edges the scope may see, optionally only those touching one node, by `from` then `to`. Alternatives are
 * cut to the nodes the scope may read: a stored alternative the caller cannot see is not named to it.
 */
export async function listEdgesForScope(db: Executor, scope: Scope, options: { node?: string } = {}): Promise<EdgeRecord[]> {
  let query = db.selectFrom('dependency_edge').selectAll().where((eb) => edgeVisible(eb, scope))
  if (options.node !== undefined) query = query.where((eb) => eb.or([eb('from_id', '=', options.node!), eb('to_id', '=', options.node!)]))
  const edges = (await query.orderBy('from_id').orderBy('to_id').execute()).map(toEdge)
  return cutAlternatives(db, scope, edges)
}

export async function findEdgeForScope(db: Executor, scope: Scope, id: string): Promise<EdgeRecord | undefined> {
  const row = await db.selectFrom('dependency_edge').selectAll().where('id', '=', id).where((eb) => edgeVisible(eb, scope)).executeTakeFirst()
  return row ? (await cutAlternatives(db, scope, [toEdge(row)]))[0] : undefined
}

/** The stored edge as it is, alternatives included: for updates, which must keep what the caller cannot see. */
export async function findEdgeUnscoped(db: Executor, id: string): Promise<EdgeRecord | undefined> {
  const row = await db.selectFrom('dependency_edge').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toEdge(row) : undefined
}

/** The edge between two nodes, if one is recorded (whoever may see it): one edge per pair. */
export async function findEdgeBetween(db: Executor, from: string, to: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('dependency_edge').select('id').where('from_id', '=', from).where('to_id', '=', to).executeTakeFirst()
}

async function cutAlternatives(db: Executor, scope: Scope, edges: EdgeRecord[]): Promise<EdgeRecord[]> {
  if (scope.organisationKind === 'national_office') return edges
  const named = edges.flatMap((e) => e.alternatives)
  if (named.length === 0) return edges
  const readable = await findNodesForScope(db, scope, named)
  return edges.map((e) => (e.alternatives.every((a) => readable.has(a)) ? e : { ...e, alternatives: e.alternatives.filter((a) => readable.has(a)) }))
}

export async function insertEdges(trx: Transaction<DB>, edges: readonly EdgeToStore[]): Promise<void> {
  for (let i = 0; i < edges.length; i += 200) await trx.insertInto('dependency_edge').values(edges.slice(i, i + 200).map(fromEdge)).execute()
}

/** Rewrites an edge; without a type its stored type stays as it is. */
export async function updateEdge(trx: Transaction<DB>, e: EdgeToStore): Promise<void> {
  const { id, created_at: _created, dependency_type: type, ...rest } = fromEdge(e)
  await trx.updateTable('dependency_edge').set(e.type === undefined ? rest : { ...rest, dependency_type: type }).where('id', '=', id).execute()
}

export async function deleteEdge(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('dependency_edge').where('id', '=', id).execute()
}

/** Every stored edge naming the node as an end or an alternative, whoever may see it: what detachNode changes. */
export async function edgesNamingNode(db: Executor, id: string): Promise<EdgeRecord[]> {
  const rows = await db.selectFrom('dependency_edge').selectAll()
    .where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id), eb('alternatives', 'like', `%${JSON.stringify(id)}%`)]))
    .orderBy('id').execute()
  return rows.map(toEdge).filter((e) => e.from === id || e.to === id || e.alternatives.includes(id))
}

/**
 * Removes every edge from or to a node, and the node from other edges' alternatives: for the services module
 * when a service is deleted, in its transaction. Returns the ids of the edges removed or changed.
 */
export async function detachNode(trx: Transaction<DB>, id: string, at: string): Promise<string[]> {
  const ends = await trx.selectFrom('dependency_edge').select('id').where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id)])).execute()
  await trx.deleteFrom('dependency_edge').where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id)])).execute()
  const naming = await trx.selectFrom('dependency_edge').select(['id', 'alternatives']).where('alternatives', 'like', `%${JSON.stringify(id)}%`).execute()
  for (const row of naming) {
    const alternatives = (JSON.parse(row.alternatives) as string[]).filter((a) => a !== id)
    await trx.updateTable('dependency_edge').set({ alternatives: JSON.stringify(alternatives), updated_at: at }).where('id', '=', row.id).execute()
  }
  return [...ends.map((r) => r.id), ...naming.map((r) => r.id)]
}
