import type { Locale } from '../../api/types';
import { pickText } from '../services/format';
import type { CascadeResult, DependencyEdge, DependencyGraph, DependencyNode, ServiceNode } from './types';

/** A node's name in the reader's language (the analysis graph carries one name, the registry two). */
export function nodeName(node: Pick<DependencyNode, 'name' | 'id' | 'nameEn'> | undefined, locale: Locale, fallback = ''): string {
  if (!node) return fallback;
  if (locale === 'en' && node.nameEn) return node.nameEn;
  return pickText(node.name, locale) || node.id;
}

export interface StepPoint {
  /** Hours from the start of the scenario. */
  t: number;
  /** People served by services down from `t` until the next point. */
  people: number;
}

/**
 * People affected over time: a step function, one point per change, starting at t = 0 and ending with a point
 * at `horizon` (or the last change if later). People of a service count while one of its down intervals
 * `[start, end)` covers t.
 */
export function peopleOverTime(graph: Pick<DependencyGraph, 'nodes'>, result: Pick<CascadeResult, 'nodes'>, horizon: number): StepPoint[] {
  const people = new Map<string, number>();
  for (const n of graph.nodes) if (n.kind === 'service') people.set(n.id, n.peopleServed);
  const delta = new Map<number, number>();
  for (const r of result.nodes) {
    const p = people.get(r.id);
    if (p === undefined || p === 0) continue;
    for (const iv of r.down) {
      if (!(iv.end > iv.start)) continue;
      delta.set(iv.start, (delta.get(iv.start) ?? 0) + p);
      delta.set(iv.end, (delta.get(iv.end) ?? 0) - p);
    }
  }
  const times = [...delta.keys()].sort((a, b) => a - b);
  const points: StepPoint[] = [];
  let current = 0;
  if (times[0] === undefined || times[0] > 0) points.push({ t: 0, people: 0 });
  for (const t of times) {
    current += delta.get(t)!;
    const last = points[points.length - 1];
    if (last && last.t === t) last.people = current;
    else points.push({ t, people: current });
  }
  const end = Math.max(horizon, points[points.length - 1]!.t);
  if (points[points.length - 1]!.t < end) points.push({ t: end, people: current });
  return points;
}

/** The people affected at `t` read from the step function. */
export function peopleAt(points: readonly StepPoint[], t: number): number {
  let value = 0;
  for (const p of points) {
    if (p.t > t) break;
    value = p.people;
  }
  return value;
}

export interface MtpdCrossing {
  serviceId: string;
  /** When the service's continuous outage first becomes longer than its MTPD. */
  at: number;
  mtpdHours: number;
}

/** For every service past its MTPD, the moment it passes it: start of its first too-long outage + MTPD. */
export function mtpdCrossings(graph: Pick<DependencyGraph, 'nodes'>, result: Pick<CascadeResult, 'nodes'>): MtpdCrossing[] {
  const services = new Map<string, ServiceNode>();
  for (const n of graph.nodes) if (n.kind === 'service') services.set(n.id, n);
  const out: MtpdCrossing[] = [];
  for (const r of result.nodes) {
    const s = services.get(r.id);
    if (!s) continue;
    const iv = r.down.find((d) => d.end - d.start > s.mtpdHours);
    if (iv) out.push({ serviceId: s.id, at: iv.start + s.mtpdHours, mtpdHours: s.mtpdHours });
  }
  return out.sort((a, b) => a.at - b.at || a.serviceId.localeCompare(b.serviceId));
}

export interface AffectedService {
  id: string;
  node: ServiceNode;
  firstDownAt: number;
  totalDownHours: number;
  longestDownHours: number;
  exceedsMtpd: boolean;
  /** What took it down first: 'outage' (hit directly) or the dependency it lost. */
  cause: 'outage' | 'dependency' | null;
  via: string | null;
}

/** Services that went down in the scenario: past-MTPD first, then most people, then earliest. */
export function affectedServices(graph: Pick<DependencyGraph, 'nodes'>, result: CascadeResult): AffectedService[] {
  const services = new Map<string, ServiceNode>();
  for (const n of graph.nodes) if (n.kind === 'service') services.set(n.id, n);
  const firstEvent = new Map<string, { cause: AffectedService['cause']; via: string | null }>();
  for (const e of result.timeline) if (e.state === 'down' && !firstEvent.has(e.node)) firstEvent.set(e.node, { cause: e.cause, via: e.via });
  const rows: AffectedService[] = [];
  for (const r of result.nodes) {
    const node = services.get(r.id);
    if (!node || r.down.length === 0) continue;
    const first = firstEvent.get(r.id);
    rows.push({
      id: r.id, node, firstDownAt: r.down[0]!.start, totalDownHours: r.totalDownHours, longestDownHours: r.longestDownHours,
      exceedsMtpd: r.exceedsMtpd, cause: first?.cause ?? null, via: first?.via ?? null,
    });
  }
  return rows.sort((a, b) => Number(b.exceedsMtpd) - Number(a.exceedsMtpd) || b.node.peopleServed - a.node.peopleServed || a.firstDownAt - b.firstDownAt || a.id.localeCompare(b.id));
}

export interface Neighbourhood {
  /** What the node depends on (its outgoing edges). */
  dependencies: DependencyEdge[];
  /** Who depends on it (incoming edges, and edges naming it as an alternative). */
  dependents: DependencyEdge[];
  alternativeFor: DependencyEdge[];
}

export function neighbourhood(graph: Pick<DependencyGraph, 'edges'>, id: string): Neighbourhood {
  return {
    dependencies: graph.edges.filter((e) => e.from === id),
    dependents: graph.edges.filter((e) => e.to === id),
    alternativeFor: graph.edges.filter((e) => e.alternatives.includes(id)),
  };
}

/**
 * Node diameter for the graph view: by the people behind the node (square-root scale so area follows people),
 * between `min` and `max` pixels; nodes without people get `min`.
 */
export function nodeSize(people: number, maxPeople: number, min = 18, max = 72): number {
  if (!(people > 0) || !(maxPeople > 0)) return min;
  const share = Math.min(1, Math.sqrt(people / maxPeople));
  return Math.round(min + (max - min) * share);
}
