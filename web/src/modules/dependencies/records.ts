import type { Me } from '../../api/types';
import type { ProblemDetail } from '../services/http';
import { activeKind, canManageDependencies } from '../services/scope';
import type { CiService } from '../services/types';
import type { Criticality, DependencyNode, DependencyType, EdgeInput, Failover, Provider, ProviderInput, ProviderType, StoredEdge } from './types';

/**
 * The provider and dependency forms of the records page without React: drafts as the forms hold them, what
 * they send, what they check before sending, and who may change what (the rules of dependencies-service.ts,
 * which the API enforces again).
 */

/** A number field: blank while the person has not typed anything. */
export type Num = number | '';

export interface ProviderDraft {
  nameJa: string;
  nameEn: string;
  providerType: ProviderType | null;
  prefectures: string[];
  /** A fraction 0–1, as the API and the spreadsheet take it; blank for the type's default. */
  annualFailureProbability: Num;
}

export function providerDraft(provider: Provider | null): ProviderDraft {
  if (!provider) return { nameJa: '', nameEn: '', providerType: null, prefectures: [], annualFailureProbability: '' };
  return {
    nameJa: provider.name.ja,
    nameEn: provider.name.en,
    providerType: provider.providerType,
    prefectures: [...provider.prefectures],
    annualFailureProbability: provider.annualFailureProbability ?? '',
  };
}

export function providerInput(d: ProviderDraft): ProviderInput {
  return {
    name: { ja: d.nameJa.trim(), en: d.nameEn.trim() },
    providerType: d.providerType as ProviderType,
    prefectures: [...d.prefectures],
    annualFailureProbability: d.annualFailureProbability === '' ? null : d.annualFailureProbability,
  };
}

export type FailoverKind = Failover['kind'];
export const FAILOVER_KINDS: readonly FailoverKind[] = ['none', 'manual', 'automatic'];

export interface EdgeDraft {
  from: string | null;
  to: string | null;
  /** Null: not chosen (a new edge is then recorded as 'other', a changed one keeps its type). */
  type: DependencyType | null;
  criticality: Criticality;
  failoverKind: FailoverKind;
  /** Hours a manual fallback rides out; kept while another kind is picked, sent only for `manual`. */
  failoverHours: Num;
  alternatives: string[];
}

export function edgeDraft(edge: StoredEdge | null, defaultFrom: string | null = null): EdgeDraft {
  if (!edge) return { from: defaultFrom, to: null, type: null, criticality: 'critical', failoverKind: 'none', failoverHours: '', alternatives: [] };
  return {
    from: edge.from,
    to: edge.to,
    type: edge.type,
    criticality: edge.criticality,
    failoverKind: edge.failover.kind,
    failoverHours: edge.failover.kind === 'manual' ? edge.failover.hours : '',
    alternatives: [...edge.alternatives],
  };
}

export function edgeInput(d: EdgeDraft): EdgeInput {
  const failover: Failover =
    d.failoverKind === 'manual' ? { kind: 'manual', hours: d.failoverHours as number } : d.failoverKind === 'automatic' ? { kind: 'automatic' } : { kind: 'none' };
  return {
    from: d.from ?? '',
    to: d.to ?? '',
    ...(d.type ? { type: d.type } : {}),
    criticality: d.criticality,
    failover,
    alternatives: [...d.alternatives],
  };
}

/**
 * What the forms refuse before sending: choices left empty, which the API would only name in English request
 * validation. Codes are the API's own, so the page words them as it words the server's errors. Everything else
 * (ranges, negative hours, unknown or invisible nodes, duplicates) is the server's to check.
 */
export function providerDraftProblems(d: ProviderDraft): ProblemDetail[] {
  const out: ProblemDetail[] = [];
  if (d.nameJa.trim() === '') out.push({ path: 'name.ja', code: 'dependencies.required', message: '' });
  if (d.providerType === null) out.push({ path: 'providerType', code: 'dependencies.required', message: '' });
  return out;
}

export function edgeDraftProblems(d: EdgeDraft): ProblemDetail[] {
  const out: ProblemDetail[] = [];
  if (!d.from) out.push({ path: 'from', code: 'dependencies.required', message: '' });
  if (!d.to) out.push({ path: 'to', code: 'dependencies.required', message: '' });
  if (d.failoverKind === 'manual' && d.failoverHours === '') out.push({ path: 'failover.hours', code: 'dependencies.failover_hours_required', message: '' });
  return out;
}

/** The registering organisation and the NCO change or delete a provider, if their role may manage dependencies. */
export function mayChangeProvider(me: Me, provider: Pick<Provider, 'registeredBy'>): boolean {
  return canManageDependencies(me) && (activeKind(me) === 'national_office' || provider.registeredBy === me.activeOrganisationId);
}

/**
 * Nodes whose dependencies the caller may record: every service it can see (its own as an operator, its
 * jurisdiction's as a ministry, all as the NCO) and the providers it may change. Empty for roles that may not.
 */
export function writableNodes(me: Me, services: readonly Pick<CiService, 'id'>[], providers: readonly Pick<Provider, 'id' | 'registeredBy'>[]): Set<string> {
  if (!canManageDependencies(me)) return new Set();
  return new Set([...services.map((s) => s.id), ...providers.filter((p) => mayChangeProvider(me, p)).map((p) => p.id)]);
}

/** The services and providers the caller can read, as graph nodes (for names and the node pickers). */
export function recordNodes(services: readonly CiService[], providers: readonly Provider[]): DependencyNode[] {
  return [
    ...services.map((s): DependencyNode => ({
      kind: 'service', id: s.id, name: s.name, operatorId: s.operatorId, sector: s.sector, peopleServed: s.peopleServed,
      prefectures: s.prefectures.map((p) => p.prefectureCode), mtpdHours: s.mtpdHours, rtoHours: s.rtoHours,
    })),
    ...providers.map((p): DependencyNode => ({ kind: 'provider', id: p.id, name: p.name, providerType: p.providerType, prefectures: p.prefectures })),
  ];
}

export interface OptionGroup {
  group: string;
  items: { value: string; label: string }[];
}

/**
 * Picker options: providers then services, each sorted by label, leaving out `exclude` (the edge's other ends)
 * and nodes not in `only` when given. Empty groups are dropped.
 */
export function nodeOptions(
  nodes: readonly DependencyNode[],
  label: (id: string) => string,
  groups: { providers: string; services: string },
  locale: string,
  options: { only?: ReadonlySet<string>; exclude?: readonly (string | null)[] } = {},
): OptionGroup[] {
  const exclude = new Set(options.exclude ?? []);
  const pick = (kind: DependencyNode['kind']) =>
    nodes
      .filter((n) => n.kind === kind && !exclude.has(n.id) && (!options.only || options.only.has(n.id)))
      .map((n) => ({ value: n.id, label: label(n.id) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  return [
    { group: groups.providers, items: pick('provider') },
    { group: groups.services, items: pick('service') },
  ].filter((g) => g.items.length > 0);
}
