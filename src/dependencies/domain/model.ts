/**
 * The dependencies module's vocabulary: the nodes of the cross-sector dependency graph (CI services and the
 * providers they lean on, inside or outside the designated sectors) and the edges between them.
 *
 * Durations are hours (fractions allowed). Prefectures are JIS X 0401 codes ('13' = 東京都) or any other stable
 * prefecture id the caller uses consistently; the domain only compares them.
 */

/** Kinds of provider a service can depend on, possibly outside the designated CI sectors (e.g. a retailer's logistics). */
export const PROVIDER_TYPES = ['cloud', 'data_centre', 'telecom', 'power', 'logistics', 'payment', 'software'] as const
export type ProviderType = (typeof PROVIDER_TYPES)[number]

/** A service an operator provides to people (重要インフラサービス): what the resilience analysis is for. */
export interface ServiceNode {
  kind: 'service'
  id: string
  name: string
  operatorId: string
  /** The CI sector id (重要インフラ分野), e.g. 'medical'. */
  sector: string
  /** People who use the service; the unit of "people affected". */
  peopleServed: number
  /** Prefectures the service is provided in. */
  prefectures: readonly string[]
  /** 最大許容停止時間 (MTPD): the longest continuous outage the service can tolerate. */
  mtpdHours: number
  /** 目標復旧時間 (RTO): must be shorter than the MTPD. */
  rtoHours: number
  /** Chance (0–1) of a prolonged outage of this node within a year; weights the sector risk view (S8). */
  annualFailureProbability?: number
}

/** Something services depend on (cloud, data centre, telecom, power, …), located in some prefectures. */
export interface ProviderNode {
  kind: 'provider'
  id: string
  name: string
  providerType: ProviderType
  /** Prefectures the provider runs in. */
  prefectures: readonly string[]
  /** Chance (0–1) of a prolonged outage within a year; when absent the sector risk view uses its type's default. */
  annualFailureProbability?: number
}

export type DependencyNode = ServiceNode | ProviderNode

/**
 * What happens when a dependency is lost:
 * - `none`: the dependent stops at once;
 * - `manual` with `hours`: the dependent rides out the first `hours` of the loss (a manual switch-over, stock,
 *   generator fuel …) and stops only if the loss lasts longer;
 * - `automatic`: the dependent switches over without interruption, so the loss never stops it.
 */
export type Failover = { kind: 'none' } | { kind: 'manual'; hours: number } | { kind: 'automatic' }

/**
 * `critical`: losing the dependency stops the dependent (subject to failover); `degraded`: the dependent keeps
 * running in a reduced mode, so the cascade does not propagate along the edge (kept for concentration analysis).
 */
export const CRITICALITIES = ['critical', 'degraded'] as const
export type Criticality = (typeof CRITICALITIES)[number]

/**
 * What `from` gets from `to` (依存の種類): an IT system, cloud hosting, network connectivity, power, supplies,
 * logistics, payments, data, a facility, staff, or something else. Descriptive: it groups and labels edges;
 * the cascade, SPOF and concentration analyses treat every type alike.
 */
export const DEPENDENCY_TYPES = ['it_system', 'cloud_hosting', 'network', 'power', 'supply', 'logistics', 'payment', 'data', 'facility', 'staff', 'other'] as const
export type DependencyType = (typeof DEPENDENCY_TYPES)[number]

/** `from` depends on `to`. */
export interface DependencyEdge {
  from: string
  to: string
  /** What the dependency is for (see DEPENDENCY_TYPES); recorded edges always carry one, 'other' when unspecified. */
  type?: DependencyType
  criticality: Criticality
  failover: Failover
  /** Other nodes that can take over: the dependency is satisfied while `to` or any of these is up. */
  alternatives: readonly string[]
}

export interface DependencyGraph {
  nodes: readonly DependencyNode[]
  edges: readonly DependencyEdge[]
}
