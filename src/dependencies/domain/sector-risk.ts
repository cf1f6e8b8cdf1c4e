import type { DependencyGraph, DependencyNode, ProviderType } from './model.ts'
import type { SpofEntry } from './spof.ts'

/**
 * The ministry's view of risk per sector (S8): what the single points of failure cost the sector in a year,
 * in people-hours of disruption past the MTPD, weighted by how likely each failure is.
 *
 * - expected people-hours = Σ over SPOFs X of p(X) × people-hours X's failure causes in the sector;
 * - stop probability ("the risk that the service stops") = 1 − Π (1 − p(X)) over the SPOFs that push at least
 *   one of the sector's services past its MTPD: the chance that at least one of them fails within the year,
 *   taking the failures as independent (a common cause such as an earthquake is a scenario, not a SPOF).
 *
 * p(X) is the node's `annualFailureProbability` when recorded, else the default for its kind below. The
 * defaults are deliberately round placeholders for a prolonged (multi-day) outage, to be replaced by the
 * ministry's own estimates; the view says which were defaulted.
 */
export const DEFAULT_ANNUAL_FAILURE_PROBABILITY: Readonly<Record<ProviderType | 'service', number>> = {
  power: 0.01, telecom: 0.02, data_centre: 0.01, cloud: 0.02, logistics: 0.03, payment: 0.01, software: 0.05, service: 0.02,
}

export interface SectorRiskContributor {
  id: string
  name: string
  probability: number
  /** True when the probability is the default for the node's kind, not a recorded estimate. */
  defaulted: boolean
  peopleHours: number
  expectedPeopleHours: number
}

export interface SectorRisk {
  sector: string
  expectedPeopleHours: number
  stopProbability: number
  /** SPOFs that push at least one of the sector's services past its MTPD. */
  spofs: number
  /** The five largest contributions, largest first. */
  contributors: SectorRiskContributor[]
}

export function failureProbability(node: DependencyNode): { probability: number; defaulted: boolean } {
  const recorded = node.annualFailureProbability
  if (typeof recorded === 'number' && Number.isFinite(recorded) && recorded >= 0 && recorded <= 1) return { probability: recorded, defaulted: false }
  return { probability: DEFAULT_ANNUAL_FAILURE_PROBABILITY[node.kind === 'service' ? 'service' : node.providerType], defaulted: true }
}

export function sectorRisk(graph: DependencyGraph, entries: readonly SpofEntry[]): SectorRisk[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]))
  const bySector = new Map<string, { expected: number; survive: number; contributors: SectorRiskContributor[] }>()
  for (const entry of entries) {
    const node = nodes.get(entry.id)
    if (!node) continue
    const { probability, defaulted } = failureProbability(node)
    for (const row of entry.bySector) {
      const acc = bySector.get(row.sector) ?? { expected: 0, survive: 1, contributors: [] }
      acc.expected += probability * row.peopleHours
      acc.survive *= 1 - probability
      acc.contributors.push({ id: entry.id, name: entry.name, probability, defaulted, peopleHours: row.peopleHours, expectedPeopleHours: probability * row.peopleHours })
      bySector.set(row.sector, acc)
    }
  }
  return [...bySector].map(([sector, acc]) => ({
    sector,
    expectedPeopleHours: acc.expected,
    stopProbability: 1 - acc.survive,
    spofs: acc.contributors.length,
    contributors: acc.contributors.sort((a, b) => b.expectedPeopleHours - a.expectedPeopleHours || (a.id < b.id ? -1 : 1)).slice(0, 5),
  })).sort((a, b) => b.expectedPeopleHours - a.expectedPeopleHours || (a.sector < b.sector ? -1 : 1))
}
