import { resolveGraph } from './graph-index.ts'
import type { DependencyGraph, ProviderType } from './model.ts'

/** How much hangs on one provider (S27: cloud services and data centres in the picture). */
export interface ProviderConcentration {
  id: string
  name: string
  providerType: ProviderType
  /** Nodes with an edge straight to the provider. */
  directDependents: number
  /** Services that depend on it directly or through other nodes, whatever the criticality or failover. */
  services: number
  /** People served, summed over those services (a person using two of them counts twice: people-services). */
  people: number
  /** Sectors of those services, sorted. */
  sectors: string[]
}

/**
 * Concentration per provider: every service whose dependencies lead to the provider through primary
 * dependencies (an edge's `to`), whatever their criticality or failover: concentration is about exposure, not
 * about whether a loss stops the service, which the SPOF analysis answers. A provider named only as an
 * alternative is a backup, not something the service runs on, so it does not count: counting backups made
 * every standby data centre look like the most concentrated provider. One reverse search per provider over
 * integer adjacency; sorted by people, then services.
 */
export function providerConcentration(graph: DependencyGraph): ProviderConcentration[] {
  const resolved = resolveGraph(graph)
  const { n, isService, people, sector, sectors } = resolved.nodes
  const { m, from, to } = resolved
  // Reverse adjacency: y → nodes with an edge whose `to` is y.
  const start = new Int32Array(n + 1)
  const each = (visit: (target: number, dependent: number) => void) => {
    for (let k = 0; k < m; k++) visit(to[k]!, from[k]!)
  }
  each((t) => {
    start[t + 1] = start[t + 1]! + 1
  })
  for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!
  const fill = start.slice(0, n)
  const dependents = new Int32Array(start[n]!)
  each((t, d) => {
    dependents[fill[t]!] = d
    fill[t] = fill[t]! + 1
  })

  const seen = new Int32Array(n).fill(-1)
  const queue = new Int32Array(n)
  const result: ProviderConcentration[] = []
  graph.nodes.forEach((node, p) => {
    if (node.kind !== 'provider') return
    const direct = new Set<number>()
    for (let q = start[p]!; q < start[p + 1]!; q++) if (dependents[q] !== p) direct.add(dependents[q]!)
    let head = 0
    let tail = 0
    queue[tail++] = p
    seen[p] = p
    let services = 0
    let total = 0
    const sectorSeen = new Set<number>()
    while (head < tail) {
      const v = queue[head++]!
      if (v !== p && isService[v] === 1) {
        services++
        total += people[v]!
        sectorSeen.add(sector[v]!)
      }
      for (let q = start[v]!; q < start[v + 1]!; q++) {
        const w = dependents[q]!
        if (seen[w] === p) continue
        seen[w] = p
        queue[tail++] = w
      }
    }
    result.push({
      id: node.id, name: node.name, providerType: node.providerType, directDependents: direct.size, services, people: total,
      sectors: [...sectorSeen].map((s) => sectors[s]!).sort(),
    })
  })
  return result.sort((a, b) => b.people - a.people || b.services - a.services || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
