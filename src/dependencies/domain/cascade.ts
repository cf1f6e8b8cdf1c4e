import { invalid, type FieldError } from '../../platform/errors.ts'
import type { DependencyGraph, DependencyNode } from './model.ts'

/**
 * Cascade simulation over the dependency graph, in continuous time (hours from the start of the scenario, t = 0).
 *
 * Semantics, all intervals half-open `[start, end)`:
 * - A node is *hit* while one of its outages covers t. `scenario.nodes` and `scenario.prefectures` are outages
 *   over `[0, hours)`; a prefecture outage hits every node whose listed prefectures are ALL in the scenario
 *   (a node that also runs elsewhere is assumed to carry on there; a node listing no prefecture is never hit).
 *   `scenario.outages` adds outages with their own start and length.
 * - An edge `from → to` is *unsatisfied* while `to` and every alternative are down. A critical edge stops `from`
 *   at t when it is unsatisfied at t and has been continuously so for at least its failover hours (`none` = 0
 *   hours, `manual` = its hours, `automatic` = never). Degraded edges never stop anything.
 * - A node is down at t when it is hit or stopped by an edge; it is up again as soon as neither holds (no
 *   recovery time is modelled). Among the states consistent with these rules the smallest down-set is taken,
 *   so a cycle of nodes that only depend on each other is up unless something outside pushes it down.
 *
 * The state only changes at outage starts/ends and at failover expiries, so the simulation jumps from event to
 * event (a min-heap of times) and recomputes the least down-set at each by propagating from the hit nodes
 * along reverse edges: O(events × (V + E)) at worst, and cycles cannot loop because a node is marked once.
 */

/** A direct outage of one node. */
export interface NodeOutage {
  node: string
  /** Hours after t = 0. */
  from: number
  hours: number
}

export interface CascadeScenario {
  /** Nodes down for `hours` from t = 0. */
  nodes?: readonly string[]
  /** Prefectures down for `hours` from t = 0. */
  prefectures?: readonly string[]
  hours: number
  outages?: readonly NodeOutage[]
}

export interface Interval {
  start: number
  end: number
}

export interface NodeCascadeResult {
  id: string
  kind: DependencyNode['kind']
  /** Disjoint, sorted, non-adjacent intervals during which the node is down. */
  down: Interval[]
  totalDownHours: number
  longestDownHours: number
  /** Services only: the longest continuous outage is longer than the MTPD (最大許容停止時間); false for providers. */
  exceedsMtpd: boolean
}

export interface CascadeEvent {
  at: number
  node: string
  state: 'down' | 'up'
  /** For `down`: 'outage' when hit directly, otherwise 'dependency' with the lost dependency in `via`. */
  cause: 'outage' | 'dependency' | null
  via: string | null
}

export interface CascadeResult {
  /** One entry per node, in the graph's order. */
  nodes: NodeCascadeResult[]
  /** Ids of services whose longest outage exceeds their MTPD. */
  servicesExceedingMtpd: string[]
  /** The largest number of people served by services down at the same time. */
  peakPeopleAffected: number
  /** Σ people served × hours down, over services. */
  peopleHours: number
  /** Sectors with at least one service down at some time, sorted. */
  sectorsTouched: string[]
  /** State changes, sorted by time, then node id. */
  timeline: CascadeEvent[]
}

const positiveOrZero = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0

/** Checks the graph; throws `invalid('dependencies.invalid_graph')` naming every bad field (e.g. `edges[3].to`). */
export function validateGraph(graph: DependencyGraph): Map<string, number> {
  const errors: FieldError[] = []
  const index = new Map<string, number>()
  graph.nodes.forEach((n, i) => {
    if (typeof n.id !== 'string' || n.id === '') errors.push({ path: `nodes[${i}].id`, message: 'Node id is required.' })
    else if (index.has(n.id)) errors.push({ path: `nodes[${i}].id`, message: `Duplicate node id ${n.id}.` })
    else index.set(n.id, i)
    if (n.kind === 'service') {
      if (!positiveOrZero(n.peopleServed)) errors.push({ path: `nodes[${i}].peopleServed`, message: 'People served must be a number ≥ 0.' })
      if (!positiveOrZero(n.mtpdHours)) errors.push({ path: `nodes[${i}].mtpdHours`, message: 'MTPD must be a number of hours ≥ 0.' })
      if (!positiveOrZero(n.rtoHours)) errors.push({ path: `nodes[${i}].rtoHours`, message: 'RTO must be a number of hours ≥ 0.' })
      // RTO must be shorter than the MTPD (ISO 22301): recovering exactly at the MTPD leaves no margin.
      if (positiveOrZero(n.mtpdHours) && positiveOrZero(n.rtoHours) && n.rtoHours >= n.mtpdHours) {
        errors.push({ path: `nodes[${i}].mtpdHours`, message: `MTPD (${n.mtpdHours} h) must be longer than the RTO (${n.rtoHours} h).` })
      }
    }
  })
  graph.edges.forEach((e, i) => {
    if (!index.has(e.from)) errors.push({ path: `edges[${i}].from`, message: `Unknown node ${String(e.from)}.` })
    if (!index.has(e.to)) errors.push({ path: `edges[${i}].to`, message: `Unknown node ${String(e.to)}.` })
    e.alternatives.forEach((a, j) => {
      if (!index.has(a)) errors.push({ path: `edges[${i}].alternatives[${j}]`, message: `Unknown node ${String(a)}.` })
    })
    if (e.failover.kind === 'manual' && !positiveOrZero(e.failover.hours)) {
      errors.push({ path: `edges[${i}].failover.hours`, message: 'Failover hours must be a number ≥ 0.' })
    }
  })
  if (errors.length > 0) throw invalid('dependencies.invalid_graph', `Invalid dependency graph: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
  return index
}

function scenarioOutages(graph: DependencyGraph, index: Map<string, number>, scenario: CascadeScenario): NodeOutage[] {
  const errors: FieldError[] = []
  if (!positiveOrZero(scenario.hours)) errors.push({ path: 'scenario.hours', message: 'Hours must be a number ≥ 0.' })
  ;(scenario.nodes ?? []).forEach((id, i) => {
    if (!index.has(id)) errors.push({ path: `scenario.nodes[${i}]`, message: `Unknown node ${String(id)}.` })
  })
  ;(scenario.outages ?? []).forEach((o, i) => {
    if (!index.has(o.node)) errors.push({ path: `scenario.outages[${i}].node`, message: `Unknown node ${String(o.node)}.` })
    if (!positiveOrZero(o.from)) errors.push({ path: `scenario.outages[${i}].from`, message: 'Start must be a number of hours ≥ 0.' })
    if (!positiveOrZero(o.hours)) errors.push({ path: `scenario.outages[${i}].hours`, message: 'Hours must be a number ≥ 0.' })
  })
  if (errors.length > 0) throw invalid('dependencies.invalid_scenario', `Invalid scenario: ${errors[0]!.path}: ${errors[0]!.message}`, errors)

  const outages: NodeOutage[] = (scenario.nodes ?? []).map((node) => ({ node, from: 0, hours: scenario.hours }))
  const downPrefectures = new Set(scenario.prefectures ?? [])
  if (downPrefectures.size > 0) {
    for (const n of graph.nodes) {
      if (n.prefectures.length > 0 && n.prefectures.every((p) => downPrefectures.has(p))) outages.push({ node: n.id, from: 0, hours: scenario.hours })
    }
  }
  outages.push(...(scenario.outages ?? []))
  return outages.filter((o) => o.hours > 0)
}

/** A binary min-heap of event times. */
class TimeHeap {
  private readonly items: number[] = []
  get size(): number {
    return this.items.length
  }
  push(t: number): void {
    const a = this.items
    a.push(t)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (a[p]! <= t) break
      a[i] = a[p]!
      i = p
    }
    a[i] = t
  }
  pop(): number {
    const a = this.items
    const top = a[0]!
    const last = a.pop()!
    if (a.length > 0) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= a.length) break
        const c = l + 1 < a.length && a[l + 1]! < a[l]! ? l + 1 : l
        if (a[c]! >= last) break
        a[i] = a[c]!
        i = c
      }
      a[i] = last
    }
    return top
  }
}

/** Runs the scenario over the graph; see the module comment for the exact rules. */
export function simulateCascade(graph: DependencyGraph, scenario: CascadeScenario): CascadeResult {
  const index = validateGraph(graph)
  const outages = scenarioOutages(graph, index, scenario)
  const n = graph.nodes.length

  // Only critical edges without automatic failover can stop anything.
  const edges = graph.edges
    .filter((e) => e.criticality === 'critical' && e.failover.kind !== 'automatic')
    .map((e) => ({
      from: index.get(e.from)!,
      targets: [index.get(e.to)!, ...e.alternatives.map((a) => index.get(a)!)],
      to: e.to,
      grace: e.failover.kind === 'manual' ? e.failover.hours : 0,
    }))
  // For each node, the edges in which it is a target (the only edges its going down can make unsatisfied).
  const asTarget: number[][] = Array.from({ length: n }, () => [])
  edges.forEach((e, k) => {
    for (const t of new Set(e.targets)) asTarget[t]!.push(k)
  })

  const heap = new TimeHeap()
  heap.push(0)
  for (const o of outages) {
    heap.push(o.from)
    heap.push(o.from + o.hours)
  }
  const outagesByNode: NodeOutage[][] = Array.from({ length: n }, () => [])
  for (const o of outages) outagesByNode[index.get(o.node)!]!.push(o)

  // Per edge: the time from which it stops its dependent, if it is unsatisfied now (run start + grace), else null.
  let expiry: (number | null)[] = edges.map(() => null)
  let down = new Uint8Array(n)
  const downSince = new Float64Array(n)
  const intervals: Interval[][] = Array.from({ length: n }, () => [])
  const timeline: CascadeEvent[] = []

  let last = -1
  while (heap.size > 0) {
    const t = heap.pop()
    if (t === last) continue
    last = t

    const next = new Uint8Array(n)
    const cause: (CascadeEvent['cause'])[] = new Array(n).fill(null)
    const via: (string | null)[] = new Array(n).fill(null)
    const queue: number[] = []
    for (let i = 0; i < n; i++) {
      if (outagesByNode[i]!.some((o) => o.from <= t && t < o.from + o.hours)) {
        next[i] = 1
        cause[i] = 'outage'
        queue.push(i)
      }
    }
    const unsatisfied = (k: number) => edges[k]!.targets.every((x) => next[x] === 1)
    // An edge may stop its dependent now if it has no grace, or was already unsatisfied and its grace ran out.
    const mayStop = (k: number) => edges[k]!.grace === 0 || (expiry[k] !== null && t >= expiry[k]!)
    while (queue.length > 0) {
      const x = queue.pop()!
      for (const k of asTarget[x]!) {
        const e = edges[k]!
        if (next[e.from] === 1 || !mayStop(k) || !unsatisfied(k)) continue
        next[e.from] = 1
        cause[e.from] = 'dependency'
        via[e.from] = e.to
        queue.push(e.from)
      }
    }

    const nextExpiry = edges.map((e, k) => {
      if (!unsatisfied(k)) return null
      if (expiry[k] !== null) return expiry[k]!
      const at = t + e.grace
      if (e.grace > 0) heap.push(at)
      return at
    })

    for (let i = 0; i < n; i++) {
      if (next[i] === down[i]) continue
      const id = graph.nodes[i]!.id
      if (next[i] === 1) {
        downSince[i] = t
        timeline.push({ at: t, node: id, state: 'down', cause: cause[i]!, via: via[i]! })
      } else {
        intervals[i]!.push({ start: downSince[i]!, end: t })
        timeline.push({ at: t, node: id, state: 'up', cause: null, via: null })
      }
    }
    down = next
    expiry = nextExpiry
  }
  // Every node is up after the last outage ends (nothing is hit, so the least down-set is empty).

  return summarise(graph, intervals, timeline)
}

function summarise(graph: DependencyGraph, intervals: Interval[][], timeline: CascadeEvent[]): CascadeResult {
  const nodes: NodeCascadeResult[] = graph.nodes.map((node, i) => {
    const down = intervals[i]!
    const total = down.reduce((s, d) => s + (d.end - d.start), 0)
    const longest = down.reduce((m, d) => Math.max(m, d.end - d.start), 0)
    return { id: node.id, kind: node.kind, down, totalDownHours: total, longestDownHours: longest, exceedsMtpd: node.kind === 'service' && longest > node.mtpdHours }
  })

  // Sweep the services' interval ends in time order; ends before starts at the same instant (half-open).
  const sweep: { at: number; delta: number }[] = []
  let peopleHours = 0
  const sectors = new Set<string>()
  graph.nodes.forEach((node, i) => {
    if (node.kind !== 'service') return
    for (const d of intervals[i]!) {
      sweep.push({ at: d.start, delta: node.peopleServed }, { at: d.end, delta: -node.peopleServed })
      peopleHours += node.peopleServed * (d.end - d.start)
      sectors.add(node.sector)
    }
  })
  sweep.sort((a, b) => a.at - b.at || a.delta - b.delta)
  let current = 0
  let peak = 0
  for (const s of sweep) {
    current += s.delta
    peak = Math.max(peak, current)
  }

  timeline.sort((a, b) => a.at - b.at || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0))
  return {
    nodes,
    servicesExceedingMtpd: nodes.filter((r) => r.exceedsMtpd).map((r) => r.id),
    peakPeopleAffected: peak,
    peopleHours,
    sectorsTouched: [...sectors].sort(),
    timeline,
  }
}
