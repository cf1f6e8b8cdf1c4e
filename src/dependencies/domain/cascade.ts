import { invalid, type FieldError } from '../../platform/errors.ts'
import type { DependencyGraph, DependencyNode } from './model.ts'
import { positiveOrZero, resolveGraph, stoppingEdges, type ResolvedGraph, type StoppingEdges } from './graph-index.ts'

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
 * event (a min-heap of times); see `runCascade` for how each event is applied. Cycles cannot loop because a
 * node is marked once per event.
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

/** Checks the graph; throws `invalid('dependencies.invalid_graph')` naming every bad field (e.g. `edges[3].to`). */
export function validateGraph(graph: DependencyGraph): ReadonlyMap<string, number> {
  return resolveGraph(graph).nodes.index
}

function scenarioOutages(graph: DependencyGraph, index: ReadonlyMap<string, number>, scenario: CascadeScenario): NodeOutage[] {
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

/** A binary min-heap of event times, each with an optional payload (an edge index, or −1). */
class EventHeap {
  private times = new Float64Array(16)
  private payloads = new Int32Array(16)
  size = 0

  peek(): number {
    return this.size > 0 ? this.times[0]! : Infinity
  }

  peekPayload(): number {
    return this.payloads[0]!
  }

  push(t: number, payload = -1): void {
    if (this.size === this.times.length) {
      const times = new Float64Array(this.size * 2)
      times.set(this.times)
      this.times = times
      const payloads = new Int32Array(this.size * 2)
      payloads.set(this.payloads)
      this.payloads = payloads
    }
    let i = this.size++
    while (i > 0) {
      const p = (i - 1) >> 1
      if (this.times[p]! <= t) break
      this.times[i] = this.times[p]!
      this.payloads[i] = this.payloads[p]!
      i = p
    }
    this.times[i] = t
    this.payloads[i] = payload
  }

  pop(): void {
    const size = --this.size
    if (size === 0) return
    const t = this.times[size]!
    const payload = this.payloads[size]!
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= size) break
      const c = l + 1 < size && this.times[l + 1]! < this.times[l]! ? l + 1 : l
      if (this.times[c]! >= t) break
      this.times[i] = this.times[c]!
      this.payloads[i] = this.payloads[c]!
      i = c
    }
    this.times[i] = t
    this.payloads[i] = payload
  }
}

/** Runs the scenario over the graph; see the module comment for the exact rules. */
export function simulateCascade(graph: DependencyGraph, scenario: CascadeScenario): CascadeResult {
  const resolved = resolveGraph(graph)
  const outages = scenarioOutages(graph, resolved.nodes.index, scenario)
  return runCascade(graph, resolved, stoppingEdges(resolved, Infinity), outages)
}

/**
 * The event loop behind `simulateCascade`, on a resolved graph and its stopping edges (so Monte-Carlo runs can
 * share them).
 *
 * Between two outage ends the down-set can only grow (hits only start, unsatisfied edges stay unsatisfied and
 * their graces only run out), so those events are handled incrementally: the new hits and the edges whose grace
 * just ran out are propagated on top of the current state, each edge counting how many of its targets are down
 * (it is unsatisfied when all are). Only when an outage ends is the least down-set rebuilt, from the hits still
 * active, keeping the expiry of every edge that stays unsatisfied. Each event therefore costs what changes or
 * what is down, never the whole graph.
 */
export function runCascade(graph: DependencyGraph, resolved: ResolvedGraph, edges: StoppingEdges, outages: readonly NodeOutage[]): CascadeResult {
  const n = resolved.nodes.n
  const ids = resolved.nodes.ids
  const { from, grace, targetCount, byTargetStart, byTargetEdge } = edges

  const byStart = [...outages].sort((a, b) => a.from - b.from)
  const outageNode = Int32Array.from(byStart, (o) => resolved.nodes.index.get(o.node)!)
  const outageStart = Float64Array.from(byStart, (o) => o.from)
  const outageEnd = Float64Array.from(byStart, (o) => o.from + o.hours)
  const ends = new EventHeap()
  for (const end of outageEnd) ends.push(end)
  const expiries = new EventHeap()
  let nextStart = 0

  // The current epoch: a node is down when `downRun[i] === run`; edge counters are valid when `countRun[k] === run`.
  let run = 0
  const downRun = new Int32Array(n).fill(-1)
  const countRun = new Int32Array(edges.m).fill(-1)
  const downCount = new Int32Array(edges.m)
  // Per edge: the time from which it stops its dependent while it stays unsatisfied (start + grace); NaN when satisfied.
  const expiry = new Float64Array(edges.m).fill(NaN)
  let unsatisfied: number[] = []
  let down: number[] = []
  const wasDown = new Uint8Array(n)
  const downSince = new Float64Array(n)
  const intervals: Interval[][] = Array.from({ length: n }, () => [])
  const timeline: CascadeEvent[] = []
  const unsatisfiedNow = (k: number) => countRun[k] === run && downCount[k] === targetCount[k]

  /** Marks x down in this epoch; in incremental mode records the event at once. */
  const markDown = (x: number, t: number, viaEdge: number, record: boolean) => {
    downRun[x] = run
    down.push(x)
    if (!record) return
    downSince[x] = t
    timeline.push({ at: t, node: ids[x]!, state: 'down', cause: viaEdge < 0 ? 'outage' : 'dependency', via: viaEdge < 0 ? null : graph.edges[edges.edge[viaEdge]!]!.to })
  }
  const causes = new Int32Array(n)
  /** Propagates from `down[first…]` along reverse edges until nothing more falls at time t. */
  const propagate = (first: number, t: number, record: boolean) => {
    for (let q = first; q < down.length; q++) {
      const y = down[q]!
      for (let p = byTargetStart[y]!; p < byTargetStart[y + 1]!; p++) {
        const k = byTargetEdge[p]!
        if (countRun[k] !== run) {
          countRun[k] = run
          downCount[k] = 0
        }
        if (++downCount[k]! < targetCount[k]!) continue
        unsatisfied.push(k)
        // Newly unsatisfied: its grace starts now. Still unsatisfied since an earlier event: it keeps its start.
        if (Number.isNaN(expiry[k]!)) {
          expiry[k] = t + grace[k]!
          if (grace[k]! > 0) expiries.push(t + grace[k]!, k)
        }
        const f = from[k]!
        if (t < expiry[k]! || downRun[f] === run) continue
        causes[f] = k
        markDown(f, t, k, record)
      }
    }
  }

  for (;;) {
    const t = Math.min(nextStart < byStart.length ? outageStart[nextStart]! : Infinity, ends.peek(), expiries.peek())
    if (t === Infinity) break
    while (nextStart < byStart.length && outageStart[nextStart]! === t) nextStart++

    if (ends.peek() === t) {
      // Something comes back: rebuild the least down-set from the hits still active.
      while (ends.peek() === t) ends.pop()
      while (expiries.peek() <= t) expiries.pop()
      const before = down
      for (const x of before) wasDown[x] = 1
      const before_unsatisfied = unsatisfied
      run++
      down = []
      unsatisfied = []
      for (let i = 0; i < nextStart; i++) {
        const x = outageNode[i]!
        if (t < outageEnd[i]! && downRun[x] !== run) {
          causes[x] = -1
          markDown(x, t, -1, false)
        }
      }
      propagate(0, t, false)
      for (const k of before_unsatisfied) if (!unsatisfiedNow(k)) expiry[k] = NaN
      for (const x of before) {
        if (downRun[x] === run) continue
        intervals[x]!.push({ start: downSince[x]!, end: t })
        timeline.push({ at: t, node: ids[x]!, state: 'up', cause: null, via: null })
      }
      for (const x of down) {
        if (wasDown[x] === 1) continue
        downSince[x] = t
        const k = causes[x]!
        timeline.push({ at: t, node: ids[x]!, state: 'down', cause: k < 0 ? 'outage' : 'dependency', via: k < 0 ? null : graph.edges[edges.edge[k]!]!.to })
      }
      for (const x of before) wasDown[x] = 0
      continue
    }

    // Only starts and expiries at t: grow the current down-set.
    const first = down.length
    for (let i = nextStart - 1; i >= 0 && outageStart[i] === t; i--) {
      const x = outageNode[i]!
      if (downRun[x] !== run && outageEnd[i]! > t) markDown(x, t, -1, true)
    }
    while (expiries.peek() === t) {
      const k = expiries.peekPayload()
      expiries.pop()
      const f = from[k]!
      if (expiry[k] === t && unsatisfiedNow(k) && downRun[f] !== run) markDown(f, t, k, true)
    }
    propagate(first, t, true)
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
