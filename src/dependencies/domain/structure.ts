import type { ResolvedGraph, StoppingEdges } from './graph-index.ts'

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

export function structuralMeasures(graph: ResolvedGraph, stopping: StoppingEdges): StructuralMeasures {
  return { articulation: articulationPoints(graph), betweenness: dependencyWalkBetweenness(graph.nodes.n, graph.nodes.isService, stopping) }
}

/** Undirected CSR over every edge and alternative (self-loops dropped; parallel edges kept, harmless for vertices). */
function undirected(graph: ResolvedGraph): { start: Int32Array; adj: Int32Array } {
  const n = graph.nodes.n
  const { m, from, to, alternativesStart, alternatives } = graph
  const degree = new Int32Array(n + 1)
  const each = (visit: (a: number, b: number) => void) => {
    for (let k = 0; k < m; k++) {
      const a = from[k]!
      if (to[k] !== a) visit(a, to[k]!)
      for (let j = alternativesStart[k]!; j < alternativesStart[k + 1]!; j++) if (alternatives[j] !== a) visit(a, alternatives[j]!)
    }
  }
  each((a, b) => {
    degree[a + 1] = degree[a + 1]! + 1
    degree[b + 1] = degree[b + 1]! + 1
  })
  for (let i = 0; i < n; i++) degree[i + 1] = degree[i + 1]! + degree[i]!
  const fill = degree.slice(0, n)
  const adj = new Int32Array(degree[n]!)
  each((a, b) => {
    adj[fill[a]!] = b
    fill[a] = fill[a]! + 1
    adj[fill[b]!] = a
    fill[b] = fill[b]! + 1
  })
  return { start: degree, adj }
}

export function articulationPoints(graph: ResolvedGraph): Uint8Array {
  const n = graph.nodes.n
  const { start, adj } = undirected(graph)
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
