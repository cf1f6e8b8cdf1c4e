import type { Localized } from '../services/types';

/** Shapes of the dependencies API (/api/v1/dependencies), as the web app reads them. */

export const PROVIDER_TYPES = ['cloud', 'data_centre', 'telecom', 'power', 'logistics', 'payment', 'software'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export interface ServiceNode {
  kind: 'service';
  id: string;
  name: string | Localized;
  /** The English name the graph export adds next to `name` (Japanese first). */
  nameEn?: string;
  operatorId: string;
  sector: string;
  peopleServed: number;
  prefectures: readonly string[];
  mtpdHours: number;
  rtoHours: number;
  annualFailureProbability?: number;
}

export interface ProviderNode {
  kind: 'provider';
  id: string;
  name: string | Localized;
  nameEn?: string;
  providerType: ProviderType;
  prefectures: readonly string[];
  annualFailureProbability?: number;
}

export type DependencyNode = ServiceNode | ProviderNode;

export type Failover = { kind: 'none' } | { kind: 'manual'; hours: number } | { kind: 'automatic' };
export const CRITICALITIES = ['critical', 'degraded'] as const;
export type Criticality = (typeof CRITICALITIES)[number];
/** What `from` gets from `to` (the API's DEPENDENCY_TYPES). */
export const DEPENDENCY_TYPES = ['it_system', 'cloud_hosting', 'network', 'power', 'supply', 'logistics', 'payment', 'data', 'facility', 'staff', 'other'] as const;
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

export interface DependencyEdge {
  /** Present on stored edges (the edge list); the analysis graph may leave it out. */
  id?: string;
  from: string;
  to: string;
  type?: DependencyType;
  criticality: Criticality;
  failover: Failover;
  alternatives: readonly string[];
}

export interface DependencyGraph {
  nodes: DependencyNode[];
  edges: DependencyEdge[];
}

export interface Provider {
  id: string;
  name: Localized;
  providerType: ProviderType;
  prefectures: string[];
  annualFailureProbability: number | null;
  registeredBy: string;
}

/** What the provider form sends (POST/PUT /providers). */
export interface ProviderInput {
  name: Localized;
  providerType: ProviderType;
  prefectures: string[];
  annualFailureProbability: number | null;
}

/** What the dependency form sends (POST/PUT /edges); without `type` a new edge is 'other' and a changed one keeps its type. */
export interface EdgeInput {
  from: string;
  to: string;
  type?: DependencyType;
  criticality: Criticality;
  failover: Failover;
  alternatives: string[];
}

export interface StoredEdge {
  id: string;
  from: string;
  fromKind: 'service' | 'provider';
  to: string;
  toKind: 'service' | 'provider';
  type: DependencyType;
  criticality: Criticality;
  failover: Failover;
  alternatives: string[];
  ownerOrg: string;
}

export interface SpofEntry {
  id: string;
  name: string | Localized;
  kind: 'service' | 'provider';
  providerType?: ProviderType;
  sector?: string;
  peopleAffected: number;
  sectorsTouched: string[];
  servicesPastMtpd: string[];
  reason: {
    code: 'direct_dependency' | 'dominator';
    articulationPoint: boolean;
    betweenness: number;
    via: string[];
  };
}

export interface SpofResponse {
  hours: number;
  entries: SpofEntry[];
}

export interface Interval {
  start: number;
  end: number;
}

export interface NodeCascadeResult {
  id: string;
  kind: 'service' | 'provider';
  down: Interval[];
  totalDownHours: number;
  longestDownHours: number;
  exceedsMtpd: boolean;
}

export interface CascadeEvent {
  at: number;
  node: string;
  state: 'down' | 'up';
  cause: 'outage' | 'dependency' | null;
  via: string | null;
}

export interface CascadeResult {
  nodes: NodeCascadeResult[];
  servicesExceedingMtpd: string[];
  peakPeopleAffected: number;
  peopleHours: number;
  sectorsTouched: string[];
  timeline: CascadeEvent[];
}

export interface Scenario {
  nodes?: string[];
  prefectures?: string[];
  hours: number;
}

export type DurationModel = { kind: 'lognormal'; medianHours: number; p90Hours: number } | { kind: 'uniform'; minHours: number; maxHours: number };

export interface Distribution {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  histogram: { from: number; to: number; count: number }[];
}

export interface MonteCarloResult {
  runs: number;
  peopleAffected: Distribution;
  peopleHours: Distribution;
  servicesExceedingMtpd: Distribution;
  exceedance: { serviceId: string; probability: number }[];
}

export interface ConcentrationEntry {
  id: string;
  name: string | Localized;
  providerType: ProviderType;
  directDependents: number;
  services: number;
  people: number;
  sectors: string[];
}

export interface SectorRiskEntry {
  sector: string;
  expectedPeopleHours: number;
  stopProbability: number;
  /** Single points of failure pushing at least one of the sector's services past its MTPD. */
  spofs?: number;
  /** The largest contributions, largest first; `defaulted` when the probability is the default for the node's kind. */
  contributors: { id: string; name: string | Localized; probability: number; defaulted?: boolean; peopleHours: number; expectedPeopleHours?: number }[];
}

export interface SectorRiskResponse {
  hours?: number;
  sectors?: SectorRiskEntry[];
}
