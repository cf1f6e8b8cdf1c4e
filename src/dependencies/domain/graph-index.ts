import type { DependencyEdge, DependencyGraph } from './model.ts'

/**
 * The dependency graph as flat typed arrays, for the analyses that walk it many times (SPOF, concentration,
 * Monte-Carlo). Object graphs with string ids cost a hash lookup and a pointer chase per step; at national scale
 * (10^5 nodes, 10^6 edges) that dominates everything else.
 *
 * The caller validates the graph first (`validateGraph`): ids here are assumed to resolve.
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

export function nodeTable(graph: DependencyGraph, index: ReadonlyMap<string, number>): NodeTable {
  const n = graph.nodes.length
  const isService = new Uint8Array(n)
  const people = new Float64Array(n)
  const mtpd = new Float64Array(n).fill(Infinity)
  const sector = new Int32Array(n).fill(-1)
  const sectorIndex = new Map<string, number>()
  const ids: string[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const node = graph.nodes[i]!
    ids[i] = node.id
    if (node.kind !== 'service') continue
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
  return { n, ids, index, isService, people, mtpd, sector, sectors: [...sectorIndex.keys()] }
}

/**
 * The edges along which a loss can stop a dependent within `hours`: critical, not automatic, and with a manual
 * grace shorter than the loss (a switch-over that takes longer than the outage never has to happen).
 * Each edge keeps its distinct targets (`to` and the alternatives): it fires only once all of them are down.
 *
 * `byTarget` is a CSR list: the edges naming node y as a target are `byTargetEdge[byTargetStart[y] … byTargetStart[y+1])`.
 */
export interface StoppingEdges {
  m: number
  from: Int32Array
  grace: Float64Array
  /** Number of distinct targets; 1 means the dependent has no alternative. */
  targetCount: Int32Array
  /** The single target of one-target edges, −1 otherwise. */
  soleTarget: Int32Array
  byTargetStart: Int32Array
  byTargetEdge: Int32Array
}

export function stoppingEdges(edges: readonly DependencyEdge[], index: ReadonlyMap<string, number>, n: number, hours: number): StoppingEdges {
  const kept: { from: number; grace: number; targets: number[] }[] = []
  for (const e of edges) {
    if (e.criticality !== 'critical' || e.failover.kind === 'automatic') continue
    const grace = e.failover.kind === 'manual' ? e.failover.hours : 0
    if (!(grace < hours)) continue
    const targets = [index.get(e.to)!]
    for (const a of e.alternatives) {
      const t = index.get(a)!
      if (!targets.includes(t)) targets.push(t)
    }
    kept.push({ from: index.get(e.from)!, grace, targets })
  }
  const m = kept.length
  const from = new Int32Array(m)
  const grace = new Float64Array(m)
  const targetCount = new Int32Array(m)
  const soleTarget = new Int32Array(m).fill(-1)
  const byTargetStart = new Int32Array(n + 1)
  let total = 0
  for (let k = 0; k < m; k++) {
    const e = kept[k]!
    from[k] = e.from
    grace[k] = e.grace
    targetCount[k] = e.targets.length
    if (e.targets.length === 1) soleTarget[k] = e.targets[0]!
    for (const t of e.targets) byTargetStart[t + 1]!++
    total += e.targets.length
  }
  for (let i = 0; i < n; i++) byTargetStart[i + 1]! += byTargetStart[i]!
  const fill = byTargetStart.slice(0, n)
  const byTargetEdge = new Int32Array(total)
  for (let k = 0; k < m; k++) for (const t of kept[k]!.targets) byTargetEdge[fill[t]!++] = k
  return { m, from, grace, targetCount, soleTarget, byTargetStart, byTargetEdge }
}
