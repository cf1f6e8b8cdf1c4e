import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Me, OrganisationKind, Role } from '../../api/types';
import {
  edgeDraft,
  edgeDraftProblems,
  edgeInput,
  mayChangeProvider,
  nodeOptions,
  providerDraft,
  providerDraftProblems,
  providerInput,
  recordNodes,
  writableNodes,
} from './records';
import { CRITICALITIES, DEPENDENCY_TYPES, PROVIDER_TYPES, type Failover, type Provider, type StoredEdge } from './types';

function me(kind: OrganisationKind, role: Role, org = 'org-a'): Me {
  return {
    user: { id: 'u', email: 'u@example.jp', displayName: 'u', locale: 'ja' },
    memberships: [{ organisationId: org, organisationName: org, organisationNameEn: org, organisationKind: kind, role }],
    activeOrganisationId: org,
    role,
  };
}

const provider = (id: string, registeredBy: string): Provider => ({
  id, name: { ja: id, en: id }, providerType: 'cloud', prefectures: ['13'], annualFailureProbability: null, registeredBy,
});

const failoverArb: fc.Arbitrary<Failover> = fc.oneof(
  fc.constant<Failover>({ kind: 'none' }),
  fc.constant<Failover>({ kind: 'automatic' }),
  fc.double({ min: 0, max: 8760, noNaN: true }).map((hours): Failover => ({ kind: 'manual', hours })),
);

const edgeArb: fc.Arbitrary<StoredEdge> = fc.record({
  id: fc.uuid(),
  from: fc.uuid(),
  fromKind: fc.constantFrom('service' as const, 'provider' as const),
  to: fc.uuid(),
  toKind: fc.constantFrom('service' as const, 'provider' as const),
  type: fc.constantFrom(...DEPENDENCY_TYPES),
  criticality: fc.constantFrom(...CRITICALITIES),
  failover: failoverArb,
  alternatives: fc.uniqueArray(fc.uuid(), { maxLength: 4 }),
  ownerOrg: fc.string(),
});

describe('dependency form drafts', () => {
  it('sends a stored edge back unchanged when nothing is edited', () => {
    fc.assert(
      fc.property(edgeArb, (edge) => {
        const { id: _id, fromKind: _fk, toKind: _tk, ownerOrg: _o, ...rest } = edge;
        expect(edgeInput(edgeDraft(edge))).toEqual(rest);
      }),
    );
  });

  it('sends hours only for a manual failover, and leaves the type out until one is chosen', () => {
    const draft = { ...edgeDraft(null, 'svc'), to: 'prov', failoverHours: 12 as const };
    expect(edgeInput({ ...draft, failoverKind: 'manual' }).failover).toEqual({ kind: 'manual', hours: 12 });
    expect(edgeInput({ ...draft, failoverKind: 'automatic' }).failover).toEqual({ kind: 'automatic' });
    expect(edgeInput({ ...draft, failoverKind: 'none' }).failover).toEqual({ kind: 'none' });
    expect('type' in edgeInput(draft)).toBe(false);
    expect(edgeInput({ ...draft, type: 'logistics' }).type).toBe('logistics');
    expect(edgeInput(draft).from).toBe('svc');
  });

  it('names the empty choices before sending, and nothing else (negative hours are the server\'s to refuse)', () => {
    const empty = edgeDraft(null);
    expect(edgeDraftProblems(empty).map((p) => p.path)).toEqual(['from', 'to']);
    const manual = { ...empty, from: 'a', to: 'b', failoverKind: 'manual' as const };
    expect(edgeDraftProblems(manual).map((p) => [p.path, p.code])).toEqual([['failover.hours', 'dependencies.failover_hours_required']]);
    expect(edgeDraftProblems({ ...manual, failoverHours: -5 })).toEqual([]);
    expect(edgeDraftProblems({ ...manual, failoverKind: 'none' })).toEqual([]);
  });

  it('round-trips a provider and sends a blank probability as null', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          name: fc.record({ ja: fc.string({ minLength: 1 }).map((s) => s.trim() || 'x'), en: fc.string().map((s) => s.trim()) }),
          providerType: fc.constantFrom(...PROVIDER_TYPES),
          prefectures: fc.uniqueArray(fc.integer({ min: 1, max: 47 }).map((n) => String(n).padStart(2, '0'))),
          annualFailureProbability: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
          registeredBy: fc.string(),
        }),
        (p) => {
          const { id: _id, registeredBy: _r, ...rest } = p;
          expect(providerInput(providerDraft(p))).toEqual(rest);
        },
      ),
    );
    const blank = { ...providerDraft(null), nameJa: '  Name ', providerType: 'cloud' as const };
    expect(providerInput(blank)).toEqual({ name: { ja: 'Name', en: '' }, providerType: 'cloud', prefectures: [], annualFailureProbability: null });
    expect(providerDraftProblems(providerDraft(null)).map((p) => p.path)).toEqual(['name.ja', 'providerType']);
    expect(providerDraftProblems(blank)).toEqual([]);
  });
});

describe('who may change what', () => {
  const providers = [provider('mine', 'org-a'), provider('theirs', 'org-b')];
  const services = [{ id: 's1' }, { id: 's2' }];

  it('lets the registrant and the NCO change a provider, if their role manages dependencies', () => {
    expect(mayChangeProvider(me('operator', 'ciso'), providers[0]!)).toBe(true);
    expect(mayChangeProvider(me('operator', 'ciso'), providers[1]!)).toBe(false);
    expect(mayChangeProvider(me('national_office', 'admin', 'nco'), providers[1]!)).toBe(true);
    expect(mayChangeProvider(me('ministry', 'admin'), providers[1]!)).toBe(false);
    expect(mayChangeProvider(me('operator', 'viewer'), providers[0]!)).toBe(false);
    expect(mayChangeProvider(me('national_office', 'viewer', 'nco'), providers[1]!)).toBe(false);
  });

  it('offers as dependents the visible services and the changeable providers, to roles that may record', () => {
    expect([...writableNodes(me('operator', 'admin'), services, providers)].sort()).toEqual(['mine', 's1', 's2']);
    expect([...writableNodes(me('national_office', 'ciso', 'nco'), services, providers)].sort()).toEqual(['mine', 's1', 's2', 'theirs']);
    expect(writableNodes(me('operator', 'assessor'), services, providers).size).toBe(0);
    // Providers (e.g. a cloud company) are organisations that read the registry but record nothing.
    expect(writableNodes(me('provider', 'admin', 'org-a'), services, providers).size).toBe(0);
  });
});

describe('node pickers', () => {
  const nodes = recordNodes(
    [
      {
        id: 's-b', operatorId: 'op', name: { ja: 'b', en: 'B' }, sector: 'finance', type: 't', peopleServed: 1, businessesServed: 0,
        prefectures: [{ prefectureCode: '13', people: 1 }], substitutes: [], mtpdHours: 24, rtoHours: 4, rpoHours: 0, rlo: 0.5,
        impact: { afterHour: 0, afterDay: 0, afterWeek: 0 },
      },
      {
        id: 's-a', operatorId: 'op', name: { ja: 'a', en: 'A' }, sector: 'finance', type: 't', peopleServed: 1, businessesServed: 0,
        prefectures: [], substitutes: [], mtpdHours: 24, rtoHours: 4, rpoHours: 0, rlo: 0.5, impact: { afterHour: 0, afterDay: 0, afterWeek: 0 },
      },
    ],
    [provider('p-1', 'x')],
  );
  const label = (id: string) => ({ 's-a': 'Alpha', 's-b': 'Beta', 'p-1': 'Cloud' })[id] ?? id;
  const groups = { providers: 'P', services: 'S' };

  it('groups providers before services, sorted by label, and leaves out the excluded and the not-allowed', () => {
    expect(nodes.map((n) => [n.id, n.kind])).toEqual([['s-b', 'service'], ['s-a', 'service'], ['p-1', 'provider']]);
    expect(nodeOptions(nodes, label, groups, 'en')).toEqual([
      { group: 'P', items: [{ value: 'p-1', label: 'Cloud' }] },
      { group: 'S', items: [{ value: 's-a', label: 'Alpha' }, { value: 's-b', label: 'Beta' }] },
    ]);
    expect(nodeOptions(nodes, label, groups, 'en', { exclude: ['s-a', null] })[1]!.items.map((i) => i.value)).toEqual(['s-b']);
    expect(nodeOptions(nodes, label, groups, 'en', { only: new Set(['s-b']) })).toEqual([{ group: 'S', items: [{ value: 's-b', label: 'Beta' }] }]);
  });
});
