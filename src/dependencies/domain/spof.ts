import { invalid } from '../../platform/errors.ts'
import { resolveGraph, stoppingEdges, type NodeTable, type StoppingEdges } from './graph-index.ts'
import type { DependencyGraph, ProviderType } from './model.ts'
import { structuralMeasures } from './structure.ts'

/**
 * Single points of failure (単一障害点): nodes whose failure alone, for `hours`, drives at least one other
 * service past its MTPD.
 *
 * For one failed node X the cascade rules of `cascade.ts` reduce to earliest-stop times: X is down over
 * [0, hours), nothing comes back before the end, so each node v is down over [t_v, hours) where
 *   t_X = 0,   t_v = min over v's stopping edges e of ( max over e's targets of t_target + grace_e )
 * (an edge stops v once all of its targets — `to` and its alternatives — are down and its failover grace has
 * passed). A service exceeds its MTPD when hours − t_v > MTPD. The earliest times are found by a Dijkstra-like
 * search from X (Knuth's generalisation: max-plus is monotone and never earlier than its arguments), where an
 * edge with alternatives fires when its last target falls. That is exact, cycles included, and shares nothing
 * between different X; it is cheap because a search only walks what X actually takes down, and a node that no
 * one depends on without an alternative cannot take anything down alone and is skipped outright.
 *
 * The set of nodes whose single failure stops v is v's generalised dominator set: with alternatives only (OR)
 * it is exactly the dominator set of v's dependency reachability; with several required dependencies (AND) it
 * is their union. `reason.code` says which way the failure reached the services: `direct_dependency` when
 * some service depends on X itself with no alternative, `dominator` when it only got there through other
 * nodes or by taking down every alternative.
 */
export interface SpofEntry {
  id: string
  name: string
  kind: 'service' | 'provider'
  providerType?: ProviderType
  sector?: string
  /** People served by the services pushed past their MTPD (X itself included when it is a service). */
  peopleAffected: number
  /** Sectors of those services, sorted. */
  sectorsTouched: string[]
  /** Ids of those services, most people first. */
  servicesPastMtpd: string[]
  /** Σ people × hours down over those services. */
  peopleHours: number
  /** The same per sector, sorted by sector. */
  bySector: { sector: string; services: number; people: number; peopleHours: number }[]
  reason: SpofReason
}

export interface SpofReason {
  code: 'direct_dependency' | 'dominator'
  /** Removing X splits the graph (undirected): some nodes reach the rest only through X. */
  articulationPoint: boolean
  /** Dependency-walk betweenness in [0, 1]; see `structure.ts`. */
  betweenness: number
  /** Up to three services past their MTPD, most people first. */
  via: string[]
}

export interface SpofOptions {
  /** How long the single failure lasts. */
  hours: number
}

export function analyseSinglePointsOfFailure(graph: DependencyGraph, options: SpofOptions): SpofEntry[] {
  const hours = options.hours
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
    throw invalid('dependencies.invalid_hours', 'hours must be a number above zero.', [{ path: 'hours', message: 'Hours must be a number above zero.' }])
  }
  const resolved = resolveGraph(graph)
  const nodes = resolved.nodes
  const edges = stoppingEdges(resolved, hours)
  const impacts = singleFailureImpacts(nodes, edges, hours)
  const structure = structuralMeasures(resolved, edges)

  const entries: SpofEntry[] = []
  for (const impact of impacts) {
    const node = graph.nodes[impact.node]!
    const services = impact.services.map((i) => nodes.ids[i]!)
    const sectors = impact.sectors.map((s) => nodes.sectors[s]!).sort()
    const bySector = new Map<string, { sector: string; services: number; people: number; peopleHours: number }>()
    let peopleHours = 0
    impact.services.forEach((v, j) => {
      const name = nodes.sectors[nodes.sector[v]!]!
      const row = bySector.get(name) ?? { sector: name, services: 0, people: 0, peopleHours: 0 }
      row.services++
      row.people += nodes.people[v]!
      row.peopleHours += nodes.people[v]! * impact.downHours[j]!
      peopleHours += nodes.people[v]! * impact.downHours[j]!
      bySector.set(name, row)
    })
    const entry: SpofEntry = {
      id: node.id,
      name: node.name,
      kind: node.kind,
      peopleAffected: impact.people,
      sectorsTouched: sectors,
      servicesPastMtpd: services,
      peopleHours,
      bySector: [...bySector.values()].sort((a, b) => (a.sector < b.sector ? -1 : 1)),
      reason: {
        code: impact.direct ? 'direct_dependency' : 'dominator',
        articulationPoint: structure.articulation[impact.node] === 1,
        betweenness: structure.betweenness[impact.node]!,
        via: services.filter((s) => s !== node.id).slice(0, 3),
      },
    }
    if (node.kind === 'provider') entry.providerType = node.providerType
    else entry.sector = node.sector
    entries.push(entry)
  }
  return entries.sort(
    (a, b) => b.peopleAffected - a.peopleAffected || b.sectorsTouched.length - a.sectorsTouched.length ||
      b.servicesPastMtpd.length - a.servicesPastMtpd.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

/** What one node's failure does, in node indexes. */
export interface SingleFailureImpact {
  node: number
  people: number
  /** Services past their MTPD, most people first (ties by index). */
  services: number[]
  /** Hours each of those services is down, in the same order. */
  downHours: number[]
  /** Sector indexes, ascending. */
  sectors: number[]
  /** Some service past its MTPD depends on the node itself with no alternative. */
  direct: boolean
}

/**
 * The impact of every single failure that pushes at least one service other than the failed node past its
 * MTPD, in node order. Exposed for the sector risk view and the benchmark; see the module comment.
 */
export function singleFailureImpacts(nodes: NodeTable, edges: StoppingEdges, hours: number): SingleFailureImpact[] {
  const { n, isService, people, mtpd, sector } = nodes
  const { from, grace, targetCount, soleTarget, byTargetStart, byTargetEdge } = edges

  const time = new Float64Array(n).fill(Infinity)
  const settledRun = new Int32Array(n).fill(-1)
  const edgeRun = new Int32Array(edges.m).fill(-1)
  const remaining = new Int32Array(edges.m)
  const touched = new Int32Array(n)
  const now = new Int32Array(n) // FIFO of nodes stopping at the current time (grace 0)
  const later = new MinHeap()
  const sectorSeen = new Int32Array(nodes.sectors.length).fill(-1)
  const impacts: SingleFailureImpact[] = []

  for (let x = 0; x < n; x++) {
    // Alone, x can only stop a dependent that has no alternative to it.
    let canStop = false
    for (let p = byTargetStart[x]!; p < byTargetStart[x + 1]! && !canStop; p++) canStop = targetCount[byTargetEdge[p]!] === 1
    if (!canStop) continue

    let touchedCount = 0
    let head = 0
    let tail = 0
    let direct = false
    time[x] = 0
    touched[touchedCount++] = x
    now[tail++] = x
    const pastMtpd: number[] = []
    const pastTime: number[] = []
    let current = 0
    for (;;) {
      let y: number
      if (head < tail) y = now[head++]!
      else {
        if (later.size === 0) break
        current = later.peekKey()
        y = later.pop()
        if (settledRun[y] === x || time[y]! < current) continue // already settled earlier: a stale entry
        head = tail = 0
      }
      if (settledRun[y] === x) continue
      settledRun[y] = x
      const ty = time[y]!
      if (isService[y] === 1 && hours - ty > mtpd[y]!) {
        pastMtpd.push(y)
        pastTime.push(ty)
      }
      for (let p = byTargetStart[y]!; p < byTargetStart[y + 1]!; p++) {
        const k = byTargetEdge[p]!
        const f = from[k]!
        if (settledRun[f] === x) continue
        if (targetCount[k]! > 1) {
          if (edgeRun[k] !== x) {
            edgeRun[k] = x
            remaining[k] = targetCount[k]!
          }
          if (--remaining[k]! > 0) continue
        }
        const at = ty + grace[k]!
        if (at >= hours) continue
        // Whatever else stops f, this edge alone already keeps it down longer than its MTPD.
        if (soleTarget[k] === x && isService[f] === 1 && hours - at > mtpd[f]!) direct = true
        if (at >= time[f]!) continue
        if (time[f] === Infinity) touched[touchedCount++] = f
        time[f] = at
        if (at === current) now[tail++] = f
        else later.push(at, f)
      }
    }
    for (let i = 0; i < touchedCount; i++) time[touched[i]!] = Infinity

    if (pastMtpd.length === 0 || (pastMtpd.length === 1 && pastMtpd[0] === x)) continue
    let total = 0
    const sectors: number[] = []
    for (const s of pastMtpd) {
      total += people[s]!
      const sec = sector[s]!
      if (sectorSeen[sec] !== x) {
        sectorSeen[sec] = x
        sectors.push(sec)
      }
    }
    const order = pastMtpd.map((_, j) => j).sort((a, b) => people[pastMtpd[b]!]! - people[pastMtpd[a]!]! || pastMtpd[a]! - pastMtpd[b]!)
    impacts.push({
      node: x, people: total, services: order.map((j) => pastMtpd[j]!), downHours: order.map((j) => hours - pastTime[j]!),
      sectors: sectors.sort((a, b) => a - b), direct,
    })
  }
  return impacts
}

/** A binary min-heap of (time, node) in parallel typed arrays, growing by doubling. */
class MinHeap {
  private keys = new Float64Array(64)
  private values = new Int32Array(64)
  size = 0

  peekKey(): number {
    return this.keys[0]!
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2)
      keys.set(this.keys)
      this.keys = keys
      const values = new Int32Array(this.size * 2)
      values.set(this.values)
      this.values = values
    }
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.keys[parent]! <= key) break
      this.keys[i] = this.keys[parent]!
      this.values[i] = this.values[parent]!
      i = parent
    }
    this.keys[i] = key
    this.values[i] = value
  }

  pop(): number {
    const top = this.values[0]!
    const size = --this.size
    if (size > 0) {
      const key = this.keys[size]!
      const value = this.values[size]!
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        if (left >= size) break
        const child = left + 1 < size && this.keys[left + 1]! < this.keys[left]! ? left + 1 : left
        if (this.keys[child]! >= key) break
        this.keys[i] = this.keys[child]!
        this.values[i] = this.values[child]!
        i = child
      }
      this.keys[i] = key
      this.values[i] = value
    }
    return top
  }
}
