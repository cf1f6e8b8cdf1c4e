import type { StoppingEdges } from './graph-index.ts'
import type { DependencyGraph } from './model.ts'

/**
 * Structural measures that explain *why* a node is a single point of failure, beside the simulated impact:
 *
 * - **Articulation points** of the undirected dependency graph (every edge, whatever its criticality): removing
 *   the node leaves some nodes connected to the rest only through it. Hopcroft–Tarjan, one iterative DFS.
 * - **Dependency-walk betweenness**: a walker starts at a uniformly chosen service and follows stopping
 *   dependencies (what it needs, choosing uniformly among its edges and then among an edge's alternatives)
 *   until it reaches something that needs nothing; a node's betweenness is the probability that the walk passes
 *   through it after the start. Exact shortest-path betweenness (Brandes) costs one search per node — 10^5
 *   searches at national scale — while this costs one pass over the condensation (strongly connected
 *   components, found by an iterative Tarjan), and it ranks the same hubs: nodes many services' dependency
 *   chains funnel through. Inside a cycle the walker is assumed to leave through any of the cycle's outgoing
 *   edges in proportion to their weight, and every node of the cycle gets the cycle's value.
 */
export interface StructuralMeasures {
  articulation: Uint8Array
  betweenness: Float64Array
}

export function structuralMeasures(graph: DependencyGraph, index: ReadonlyMap<string, number>, stopping: StoppingEdges): StructuralMeasures {
  const n = graph.nodes.length
  const isService = new Uint8Array(n)
  graph.nodes.forEach((node, i) => {
    if (node.kind === 'service') isService[i] = 1
  })
  return { articulation: articulationPoints(graph, index), betweenness: dependencyWalkBetweenness(n, isService, stopping) }
}

/** Undirected CSR over every edge and alternative (self-loops dropped; parallel edges kept, harmless for vertices). */
function undirected(graph: DependencyGraph, index: ReadonlyMap<string, number>): { start: Int32Array; adj: Int32Array } {
  const n = graph.nodes.length
  const degree = new Int32Array(n + 1)
  const pairs: number[] = []
  for (const e of graph.edges) {
    const a = index.get(e.from)!
    for (const id of [e.to, ...e.alternatives]) {
      const b = index.get(id)!
      if (a === b) continue
      pairs.push(a, b)
      degree[a + 1] = degree[a + 1]! + 1
      degree[b + 1] = degree[b + 1]! + 1
    }
  }
  for (let i = 0; i < n; i++) degree[i + 1] = degree[i + 1]! + degree[i]!
  const fill = degree.slice(0, n)
  const adj = new Int32Array(pairs.length)
  for (let p = 0; p < pairs.length; p += 2) {
    const a = pairs[p]!
    const b = pairs[p + 1]!
    adj[fill[a]!++] = b
    adj[fill[b]!++] = a
  }
  return { start: degree, adj }
}

export function articulationPoints(graph: DependencyGraph, index: ReadonlyMap<string, number>): Uint8Array {
  const n = graph.nodes.length
  const { start, adj } = undirected(graph, index)
  const disc = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const parent = new Int32Array(n).fill(-1)
  const cursor = new Int32Array(n)
  const stack = new Int32Array(n)
  const result = new Uint8Array(n)
  let clock = 0
  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue
    let rootChildren = 0
    let top = 0
    stack[top++] = root
    disc[root] = low[root] = clock++
    cursor[root] = start[root]!
    while (top > 0) {
      const v = stack[top - 1]!
      if (cursor[v]! < start[v + 1]!) {
        const w = adj[cursor[v]!++]!
        if (disc[w] === -1) {
          parent[w] = v
          disc[w] = low[w] = clock++
          cursor[w] = start[w]!
          stack[top++] = w
          if (v === root) rootChildren++
        } else if (w !== parent[v] && disc[w]! < low[v]!) low[v] = disc[w]!
        continue
      }
      top--
      const p = parent[v]!
      if (p === -1) continue
      if (low[v]! < low[p]!) low[p] = low[v]!
      // p separates v's subtree from the rest unless the subtree reaches above p.
      if (p !== root && low[v]! >= disc[p]!) result[p] = 1
    }
    if (rootChildren > 1) result[root] = 1
  }
  return result
}

export function dependencyWalkBetweenness(n: number, isService: Uint8Array, stopping: StoppingEdges): Float64Array {
  const { m, from, targetCount, byTargetStart, byTargetEdge } = stopping
  // Forward CSR (node → what it needs) with the walk's step probabilities.
  const edgesOf = new Int32Array(n)
  for (let k = 0; k < m; k++) edgesOf[from[k]!] = edgesOf[from[k]!]! + 1
  const start = new Int32Array(n + 1)
  for (let y = 0; y < n; y++) {
    for (let p = byTargetStart[y]!; p < byTargetStart[y + 1]!; p++) {
      const f = from[byTargetEdge[p]!]!
      start[f + 1] = start[f + 1]! + 1
    }
  }
  for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!
  const fill = start.slice(0, n)
  const next = new Int32Array(start[n]!)
  const weight = new Float64Array(start[n]!)
  for (let y = 0; y < n; y++) {
    for (let p = byTargetStart[y]!; p < byTargetStart[y + 1]!; p++) {
      const k = byTargetEdge[p]!
      const f = from[k]!
      next[fill[f]!] = y
      weight[fill[f]!++] = 1 / (edgesOf[f]! * targetCount[k]!)
    }
  }

  const { component, count } = stronglyConnected(n, start, next)
  let services = 0
  for (let i = 0; i < n; i++) services += isService[i]!
  const mass = new Float64Array(count)
  const startMass = new Float64Array(n)
  if (services > 0) {
    for (let i = 0; i < n; i++) {
      if (isService[i] === 1) {
        startMass[i] = 1 / services
        mass[component[i]!] = mass[component[i]!]! + 1 / services
      }
    }
  }
  // Members of each component, to sum its outgoing weight.
  const outWeight = new Float64Array(count)
  for (let v = 0; v < n; v++) {
    for (let p = start[v]!; p < start[v + 1]!; p++) {
      if (component[next[p]!] !== component[v]) outWeight[component[v]!] = outWeight[component[v]!]! + weight[p]!
    }
  }
  // Components are numbered sinks first, so walking them downwards visits every source before its targets.
  const byComponent = groupByComponent(n, component, count)
  for (let c = count - 1; c >= 0; c--) {
    const total = outWeight[c]!
    if (total === 0 || mass[c] === 0) continue
    for (let q = byComponent.start[c]!; q < byComponent.start[c + 1]!; q++) {
      const v = byComponent.members[q]!
      for (let p = start[v]!; p < start[v + 1]!; p++) {
        const d = component[next[p]!]!
        if (d !== c) mass[d] = mass[d]! + (mass[c]! * weight[p]!) / total
      }
    }
  }
  const result = new Float64Array(n)
  for (let v = 0; v < n; v++) result[v] = Math.max(0, Math.min(1, mass[component[v]!]! - startMass[v]!))
  return result
}

/**
 * Iterative Tarjan. Components are numbered in the order they complete, which is a reverse topological order
 * of the condensation (every edge goes from a higher-numbered component to a lower or equal one).
 */
function stronglyConnected(n: number, start: Int32Array, next: Int32Array): { component: Int32Array; count: number } {
  const indexOf = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const component = new Int32Array(n).fill(-1)
  const cursor = new Int32Array(n)
  const call = new Int32Array(n)
  const stack = new Int32Array(n)
  let clock = 0
  let count = 0
  let sp = 0
  for (let root = 0; root < n; root++) {
    if (indexOf[root] !== -1) continue
    let depth = 0
    call[depth++] = root
    indexOf[root] = low[root] = clock++
    cursor[root] = start[root]!
    stack[sp++] = root
    onStack[root] = 1
    while (depth > 0) {
      const v = call[depth - 1]!
      if (cursor[v]! < start[v + 1]!) {
        const w = next[cursor[v]!++]!
        if (indexOf[w] === -1) {
          indexOf[w] = low[w] = clock++
          cursor[w] = start[w]!
          stack[sp++] = w
          onStack[w] = 1
          call[depth++] = w
        } else if (onStack[w] === 1 && indexOf[w]! < low[v]!) low[v] = indexOf[w]!
        continue
      }
      depth--
      if (depth > 0) {
        const p = call[depth - 1]!
        if (low[v]! < low[p]!) low[p] = low[v]!
      }
      if (low[v] === indexOf[v]) {
        let w: number
        do {
          w = stack[--sp]!
          onStack[w] = 0
          component[w] = count
        } while (w !== v)
        count++
      }
    }
  }
  return { component, count }
}

function groupByComponent(n: number, component: Int32Array, count: number): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(count + 1)
  for (let v = 0; v < n; v++) start[component[v]! + 1] = start[component[v]! + 1]! + 1
  for (let c = 0; c < count; c++) start[c + 1] = start[c + 1]! + start[c]!
  const fill = start.slice(0, count)
  const members = new Int32Array(n)
  for (let v = 0; v < n; v++) members[fill[component[v]!]!++] = v
  return { start, members }
}
