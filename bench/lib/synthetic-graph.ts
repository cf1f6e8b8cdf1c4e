import type { DependencyEdge, DependencyGraph, DependencyNode, Failover, ProviderType } from '../../src/dependencies/domain/model.ts'
import { seededRandom } from '../../src/platform/seeded-random.ts'

/** The seeded national-shaped synthetic dependency graph of the graph benchmark, and its plain-BFS baseline. */
const SECTORS = ['information', 'finance', 'aviation', 'airport', 'railway', 'electricity', 'gas', 'government', 'medical', 'water', 'logistics', 'chemical', 'credit', 'petroleum', 'port']
const PREFECTURES = Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0'))

export function syntheticGraph(nodeCount: number, edgeCount: number, seed: number): DependencyGraph {
  const random = seededRandom(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  /** Index in [0, n) with a heavy tail towards 0 (a few large providers). */
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * random() ** 3))
  // Population-like weights: Tokyo, Osaka, Kanagawa … hold most nodes.
  const prefectureOf = () => PREFECTURES[skewed(PREFECTURES.length)]!

  const nodes: DependencyNode[] = []
  const providersByType = new Map<ProviderType, number[]>()
  const providerShare: [ProviderType, number][] = [['power', 0.05], ['telecom', 0.05], ['data_centre', 0.15], ['cloud', 0.02], ['logistics', 0.08], ['payment', 0.05], ['software', 0.6]]
  const providerCount = Math.round(nodeCount * 0.08)
  for (const [type, share] of providerShare) {
    const ids: number[] = []
    for (let i = 0; i < Math.max(1, Math.round(providerCount * share)); i++) {
      ids.push(nodes.length)
      const prefectures = type === 'cloud' || type === 'software' || type === 'payment' ? [prefectureOf(), prefectureOf()] : [prefectureOf()]
      nodes.push({ kind: 'provider', id: `p${nodes.length}`, name: `${type} ${i}`, providerType: type, prefectures: [...new Set(prefectures)] })
    }
    providersByType.set(type, ids)
  }
  const firstService = nodes.length
  while (nodes.length < nodeCount) {
    const mtpd = pick([4, 8, 12, 24, 48, 72, 168])
    nodes.push({
      kind: 'service', id: `s${nodes.length}`, name: `service ${nodes.length}`, operatorId: `op${Math.floor(nodes.length / 5)}`,
      sector: SECTORS[skewed(SECTORS.length)]!, peopleServed: Math.floor(1000 * 10 ** (random() * 3)), prefectures: [prefectureOf()],
      mtpdHours: mtpd, rtoHours: mtpd / 2,
    })
  }
  const serviceCount = nodeCount - firstService

  const edges: DependencyEdge[] = []
  const failover = (none: number, manual: number, manualHours: readonly number[]): Failover => {
    const r = random()
    if (r < none) return { kind: 'none' }
    if (r < none + manual) return { kind: 'manual', hours: pick(manualHours) }
    return { kind: 'automatic' }
  }
  const provider = (type: ProviderType) => {
    const ids = providersByType.get(type)!
    return `p${ids[skewed(ids.length)]!}`
  }
  const add = (from: string, to: string, f: Failover, criticality: 'critical' | 'degraded', alternatives: string[] = []) =>
    edges.push({ from, to, criticality, failover: f, alternatives: alternatives.filter((a) => a !== to) })

  // Providers' own infrastructure: data centres and telecom on power (generators ride out hours), clouds on
  // several data centres (zones as alternatives), everything else on a cloud or a data centre and a carrier.
  for (let i = 0; i < firstService; i++) {
    const node = nodes[i] as Extract<DependencyNode, { kind: 'provider' }>
    if (node.providerType === 'power') continue
    add(node.id, provider('power'), failover(0.2, 0.7, [12, 24, 48, 96]), 'critical')
    if (node.providerType === 'cloud') add(node.id, provider('data_centre'), { kind: 'none' }, 'critical', [provider('data_centre'), provider('data_centre')])
    else if (node.providerType !== 'data_centre' && node.providerType !== 'telecom') add(node.id, random() < 0.5 ? provider('cloud') : provider('data_centre'), failover(0.5, 0.2, [4, 24]), 'critical')
    if (node.providerType !== 'telecom') add(node.id, provider('telecom'), failover(0.3, 0.2, [2, 8]), 'critical', random() < 0.5 ? [provider('telecom')] : [])
  }
  // Services: the rest of the edge budget, mostly providers, some other services (supply chains).
  const kinds: [string, number][] = [['software', 0.4], ['telecom', 0.1], ['power', 0.06], ['cloud', 0.08], ['data_centre', 0.06], ['payment', 0.05], ['logistics', 0.05], ['service', 0.2]]
  while (edges.length < edgeCount) {
    const from = `s${firstService + Math.floor(random() * serviceCount)}`
    let r = random()
    let kind = kinds[kinds.length - 1]![0]
    for (const [k, share] of kinds) {
      if (r < share) {
        kind = k
        break
      }
      r -= share
    }
    const degraded = random() < 0.45 ? 'degraded' : 'critical'
    if (kind === 'service') {
      const to = `s${firstService + Math.floor(random() * serviceCount)}`
      if (to !== from) add(from, to, failover(0.25, 0.35, [4, 24, 72, 168]), random() < 0.7 ? 'degraded' : 'critical')
    } else if (kind === 'software') add(from, provider('software'), failover(0.3, 0.4, [24, 72, 168]), degraded)
    else if (kind === 'power') add(from, provider('power'), failover(0.3, 0.6, [6, 24, 72]), 'critical')
    else if (kind === 'telecom') add(from, provider('telecom'), failover(0.4, 0.2, [1, 4]), degraded, random() < 0.5 ? [provider('telecom')] : [])
    else add(from, provider(kind as ProviderType), failover(0.4, 0.3, [4, 12, 48]), degraded, random() < 0.3 ? [provider(kind as ProviderType)] : [])
  }
  return { nodes, edges }
}

/** Index, build the adjacency (targets and alternatives), visit everything once. Returns nodes visited. */
export function plainBfs(graph: DependencyGraph, prebuilt?: { start: Int32Array; adj: Int32Array }): number {
  const n = graph.nodes.length
  let start: Int32Array
  let adj: Int32Array
  if (prebuilt) ({ start, adj } = prebuilt)
  else ({ start, adj } = adjacency(graph))
  const seen = new Uint8Array(n)
  const queue = new Int32Array(n)
  let visited = 0
  for (let s = 0; s < n; s++) {
    if (seen[s] === 1) continue
    let head = 0
    let tail = 0
    queue[tail++] = s
    seen[s] = 1
    while (head < tail) {
      const v = queue[head++]!
      visited++
      for (let p = start[v]!; p < start[v + 1]!; p++) {
        const w = adj[p]!
        if (seen[w] === 0) {
          seen[w] = 1
          queue[tail++] = w
        }
      }
    }
  }
  return visited
}

export function adjacency(graph: DependencyGraph): { start: Int32Array; adj: Int32Array } {
  const n = graph.nodes.length
  const index = new Map<string, number>()
  graph.nodes.forEach((node, i) => index.set(node.id, i))
  const start = new Int32Array(n + 1)
  for (const e of graph.edges) {
    const f = index.get(e.from)!
    start[f + 1] = start[f + 1]! + 1 + e.alternatives.length
  }
  for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!
  const fill = start.slice(0, n)
  const adj = new Int32Array(start[n]!)
  for (const e of graph.edges) {
    const f = index.get(e.from)!
    adj[fill[f]!++] = index.get(e.to)!
    for (const a of e.alternatives) adj[fill[f]!++] = index.get(a)!
  }
  return { start, adj }
}

