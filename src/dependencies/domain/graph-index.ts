import { invalid, type FieldError } from '../../platform/errors.ts'
import type { DependencyGraph } from './model.ts'

/**
 * The dependency graph as flat typed arrays, resolved and validated in one pass, for the analyses that walk it
 * many times (cascade, SPOF, concentration, Monte-Carlo).
 *
 * Resolving string ids is the dominant cost of any whole-graph algorithm here: at national scale (10^5 nodes,
 * 10^6 edges) the two million hash lookups of edge ends take far longer than a traversal of the integer
 * adjacency they produce. So every id is looked up exactly once, here, and everything downstream uses indexes.
 */
export interface NodeTable {
  n: number
  ids: readonly string[]
  index: ReadonlyMap<string, number>
  isService: Uint8Array
  people: Float64Array
  /** MTPD hours for services, +∞ for providers (a provider has no tolerance of its own). */
  mtpd: Float64Array
  /** Index into `sectors`, −1 for providers. */
  sector: Int32Array
  sectors: readonly string[]
}

export interface ResolvedGraph {
  nodes: NodeTable
  /** Number of edges, in the graph's order. */
  m: number
  from: Int32Array
  to: Int32Array
  /** Alternatives of edge k: `alternatives[alternativesStart[k] … alternativesStart[k+1])`. */
  alternativesStart: Int32Array
  alternatives: Int32Array
  /**
   * Hours an edge tolerates its loss before it stops its dependent: 0 for no failover, the manual hours, and
   * +∞ for automatic failover or a degraded edge (neither ever stops anything).
   */
  grace: Float64Array
}

/** A finite number ≥ 0: what every duration and count in the graph and its scenarios must be. */
export const positiveOrZero = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0

/** Checks and resolves the graph; throws `invalid('dependencies.invalid_graph')` naming every bad field (e.g. `edges[3].to`). */
export function resolveGraph(graph: DependencyGraph): ResolvedGraph {
  const errors: FieldError[] = []
  const n = graph.nodes.length
  const index = new Map<string, number>()
  const ids: string[] = new Array(n)
  const isService = new Uint8Array(n)
  const people = new Float64Array(n)
  const mtpd = new Float64Array(n).fill(Infinity)
  const sector = new Int32Array(n).fill(-1)
  const sectorIndex = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    const node = graph.nodes[i]!
    ids[i] = node.id
    if (typeof node.id !== 'string' || node.id === '') errors.push({ path: `nodes[${i}].id`, message: 'Node id is required.' })
    else if (index.has(node.id)) errors.push({ path: `nodes[${i}].id`, message: `Duplicate node id ${node.id}.` })
    else index.set(node.id, i)
    if (node.kind !== 'service') continue
    if (!positiveOrZero(node.peopleServed)) errors.push({ path: `nodes[${i}].peopleServed`, message: 'People served must be a number ≥ 0.' })
    if (!positiveOrZero(node.mtpdHours)) errors.push({ path: `nodes[${i}].mtpdHours`, message: 'MTPD must be a number of hours ≥ 0.' })
    if (!positiveOrZero(node.rtoHours)) errors.push({ path: `nodes[${i}].rtoHours`, message: 'RTO must be a number of hours ≥ 0.' })
    // RTO must be shorter than the MTPD (ISO 22301): recovering exactly at the MTPD leaves no margin.
    if (positiveOrZero(node.mtpdHours) && positiveOrZero(node.rtoHours) && node.rtoHours >= node.mtpdHours) {
      errors.push({ path: `nodes[${i}].mtpdHours`, message: `MTPD (${node.mtpdHours} h) must be longer than the RTO (${node.rtoHours} h).` })
    }
    isService[i] = 1
    people[i] = node.peopleServed
    mtpd[i] = node.mtpdHours
    let s = sectorIndex.get(node.sector)
    if (s === undefined) {
      s = sectorIndex.size
      sectorIndex.set(node.sector, s)
    }
    sector[i] = s
  }

  const edges = graph.edges
  const m = edges.length
  const from = new Int32Array(m)
  const to = new Int32Array(m)
  const grace = new Float64Array(m)
  const alternativesStart = new Int32Array(m + 1)
  let alternativeCount = 0
  for (let k = 0; k < m; k++) alternativeCount += edges[k]!.alternatives.length
  const alternatives = new Int32Array(alternativeCount)
  let a = 0
  for (let k = 0; k < m; k++) {
    const e = edges[k]!
    const f = index.get(e.from)
    const t = index.get(e.to)
    if (f === undefined) errors.push({ path: `edges[${k}].from`, message: `Unknown node ${String(e.from)}.` })
    if (t === undefined) errors.push({ path: `edges[${k}].to`, message: `Unknown node ${String(e.to)}.` })
    from[k] = f ?? -1
    to[k] = t ?? -1
    alternativesStart[k] = a
    const alts = e.alternatives
    for (let j = 0; j < alts.length; j++) {
      const x = index.get(alts[j]!)
      if (x === undefined) errors.push({ path: `edges[${k}].alternatives[${j}]`, message: `Unknown node ${String(alts[j])}.` })
      alternatives[a++] = x ?? -1
    }
    const failover = e.failover
    if (failover.kind === 'manual' && !positiveOrZero(failover.hours)) {
      errors.push({ path: `edges[${k}].failover.hours`, message: 'Failover hours must be a number ≥ 0.' })
    }
    grace[k] = e.criticality !== 'critical' || failover.kind === 'automatic' ? Infinity : failover.kind === 'manual' ? failover.hours : 0
  }
  alternativesStart[m] = a
  if (errors.length > 0) throw invalid('dependencies.invalid_graph', `Invalid dependency graph: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
  return {
    nodes: { n, ids, index, isService, people, mtpd, sector, sectors: [...sectorIndex.keys()] },
    m, from, to, alternativesStart, alternatives, grace,
  }
}

/**
 * The edges along which a loss can stop a dependent within `hours`: critical, not automatic, and with a manual
 * grace shorter than the loss (a switch-over that takes longer than the outage never has to happen; use
 * `hours = Infinity` for every edge that can ever stop anything). Each edge keeps its distinct targets (`to`
 * and the alternatives): it fires only once all of them are down.
 *
 * `byTarget` is a CSR list: the edges naming node y as a target are `byTargetEdge[byTargetStart[y] … byTargetStart[y+1])`.
 */
export interface StoppingEdges {
  m: number
  /** The edge's position in the graph's edge list. */
  edge: Int32Array
  from: Int32Array
  grace: Float64Array
  /** Number of distinct targets; 1 means the dependent has no alternative. */
  targetCount: Int32Array
  /** The single target of one-target edges, −1 otherwise. */
  soleTarget: Int32Array
  byTargetStart: Int32Array
  byTargetEdge: Int32Array
}

export function stoppingEdges(graph: ResolvedGraph, hours: number): StoppingEdges {
  const n = graph.nodes.n
  const kept: number[] = []
  for (let k = 0; k < graph.m; k++) if (graph.grace[k]! < hours) kept.push(k)
  const m = kept.length
  const edge = Int32Array.from(kept)
  const from = new Int32Array(m)
  const grace = new Float64Array(m)
  const targetCount = new Int32Array(m)
  const soleTarget = new Int32Array(m).fill(-1)
  const byTargetStart = new Int32Array(n + 1)
  const { alternativesStart, alternatives } = graph
  // Distinct targets of edge k: `to`, then each alternative not seen before in the same edge (lists are short).
  const distinct = (k: number, visit: (t: number) => void): number => {
    const t0 = graph.to[k]!
    visit(t0)
    let count = 1
    const s = alternativesStart[k]!
    const e = alternativesStart[k + 1]!
    for (let j = s; j < e; j++) {
      const t = alternatives[j]!
      if (t === t0) continue
      let seen = false
      for (let i = s; i < j && !seen; i++) seen = alternatives[i] === t
      if (seen) continue
      visit(t)
      count++
    }
    return count
  }
  for (let q = 0; q < m; q++) {
    const k = kept[q]!
    from[q] = graph.from[k]!
    grace[q] = graph.grace[k]!
    const count = distinct(k, (t) => {
      byTargetStart[t + 1] = byTargetStart[t + 1]! + 1
    })
    targetCount[q] = count
    if (count === 1) soleTarget[q] = graph.to[k]!
  }
  for (let i = 0; i < n; i++) byTargetStart[i + 1] = byTargetStart[i + 1]! + byTargetStart[i]!
  const fill = byTargetStart.slice(0, n)
  const byTargetEdge = new Int32Array(byTargetStart[n]!)
  for (let q = 0; q < m; q++) {
    distinct(kept[q]!, (t) => {
      byTargetEdge[fill[t]!] = q
      fill[t] = fill[t]! + 1
    })
  }
  return { m, edge, from, grace, targetCount, soleTarget, byTargetStart, byTargetEdge }
}
