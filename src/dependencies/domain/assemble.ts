import type { CiService } from '../../services/domain/service.ts'
import type { Criticality, DependencyEdge, DependencyGraph, DependencyNode, DependencyType, Failover, ProviderNode, ProviderType, ServiceNode } from './model.ts'

/**
 * From the stored records (services of the services module, the provider registry, recorded edges) to the
 * analysis graph of model.ts, and the two cuts the API makes of it: the part a caller's services depend on,
 * and the view filtered by sector and prefecture. Pure: the store hands the records in.
 */

/** A provider in the registry: something services depend on, possibly outside the designated sectors. */
export interface Provider {
  id: string
  name: { ja: string; en: string }
  providerType: ProviderType
  /** JIS X 0401 codes of the prefectures it runs in. */
  prefectures: string[]
  /** Chance (0–1) of a prolonged outage within a year, when known. */
  annualFailureProbability: number | null
  /** The organisation that registered it (it and the NCO may change it). */
  registeredBy: string
  createdAt: string
  updatedAt: string
}

export type NodeKind = DependencyNode['kind']

/** A recorded dependency: `from` depends on `to`. */
export interface StoredEdge {
  id: string
  from: string
  fromKind: NodeKind
  to: string
  toKind: NodeKind
  criticality: Criticality
  failover: Failover
  alternatives: string[]
  /** What kind of dependency it is (absent on records read before types existed: treated as unknown). */
  type?: DependencyType
  /** The organisation that recorded it. */
  ownerOrg: string
  createdAt: string
  updatedAt: string
}

export function serviceNode(s: CiService): ServiceNode {
  return {
    kind: 'service', id: s.id, name: s.name.ja || s.name.en, operatorId: s.operatorId, sector: s.sector, peopleServed: s.peopleServed,
    prefectures: s.prefectures.map((p) => p.prefectureCode), mtpdHours: s.mtpdHours, rtoHours: s.rtoHours,
  }
}

export function providerNode(p: Provider): ProviderNode {
  return {
    kind: 'provider', id: p.id, name: p.name.ja || p.name.en, providerType: p.providerType, prefectures: [...p.prefectures],
    ...(p.annualFailureProbability === null ? {} : { annualFailureProbability: p.annualFailureProbability }),
  }
}

/**
 * The graph over the given records: one node per service (id = service id; prefectures = its prefecture codes)
 * and per provider, services first, each list in the order given. Edges whose `from` or `to` is not among the
 * nodes are left out (their other end was deleted, or is not the caller's to see); so are such alternatives,
 * which can only make the analysis more pessimistic, never hide a stop.
 */
export function assembleGraph(services: readonly CiService[], providers: readonly Provider[], edges: readonly StoredEdge[]): DependencyGraph {
  const nodes: DependencyNode[] = [...services.map(serviceNode), ...providers.map(providerNode)]
  const ids = new Set(nodes.map((n) => n.id))
  const kept: DependencyEdge[] = []
  for (const e of edges) {
    if (!ids.has(e.from) || !ids.has(e.to)) continue
    const edge: DependencyEdge = { from: e.from, to: e.to, criticality: e.criticality, failover: e.failover, alternatives: e.alternatives.filter((a) => ids.has(a)) }
    if (e.type !== undefined) edge.type = e.type
    kept.push(edge)
  }
  return { nodes, edges: kept }
}

/** The sub-graph on the given node ids, in the graph's order; edges and alternatives among them only. */
export function inducedGraph(graph: DependencyGraph, keep: ReadonlySet<string>): DependencyGraph {
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)).map((e) => ({ ...e, alternatives: e.alternatives.filter((a) => keep.has(a)) })),
  }
}

/**
 * The seeds and everything they depend on, directly or transitively, including the alternatives that could
 * take over (a cascade can only reach the seeds through these). Cycles are fine: each node is visited once.
 */
export function dependencyClosure(graph: DependencyGraph, seeds: Iterable<string>): Set<string> {
  const out = new Map<string, string[]>()
  for (const e of graph.edges) {
    const list = out.get(e.from) ?? []
    list.push(e.to, ...e.alternatives)
    out.set(e.from, list)
  }
  const known = new Set(graph.nodes.map((n) => n.id))
  const seen = new Set<string>()
  const stack: string[] = []
  for (const s of seeds) if (known.has(s) && !seen.has(s)) { seen.add(s); stack.push(s) }
  while (stack.length > 0) {
    const x = stack.pop()!
    for (const y of out.get(x) ?? []) if (!seen.has(y)) { seen.add(y); stack.push(y) }
  }
  return seen
}

export interface GraphFilter {
  /** Keep the services of this sector. */
  sector?: string
  /** Keep the services provided in this prefecture (and, without a sector, the providers running there). */
  prefecture?: string
}

/**
 * The view the dependency graph page shows: the services matching every filter given (and, when no sector is
 * asked, the providers located in the prefecture), plus everything they depend on, so that no dependency of a
 * shown service is cut off. Without filters, the whole graph.
 */
export function filterGraph(graph: DependencyGraph, filter: GraphFilter): DependencyGraph {
  if (filter.sector === undefined && filter.prefecture === undefined) return graph
  const seeds = graph.nodes.filter((n) => {
    if (filter.prefecture !== undefined && !n.prefectures.includes(filter.prefecture)) return false
    if (n.kind === 'provider') return filter.sector === undefined
    return filter.sector === undefined || n.sector === filter.sector
  }).map((n) => n.id)
  return inducedGraph(graph, dependencyClosure(graph, seeds))
}
