import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affectedServices, mtpdCrossings, nodeSize, peopleAt, peopleOverTime } from './analysis';
import type { CascadeResult, DependencyNode, NodeCascadeResult } from './types';

/** Random services with random disjoint sorted down intervals (as the cascade returns them). */
const scenarioArb = fc
  .array(
    fc.record({
      people: fc.integer({ min: 0, max: 1000 }),
      mtpd: fc.integer({ min: 1, max: 48 }),
      cuts: fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((specs) => {
    const nodes: DependencyNode[] = specs.map((s, i) => ({
      kind: 'service', id: `s${i}`, name: `S${i}`, operatorId: 'o', sector: 'medical', peopleServed: s.people, prefectures: [], mtpdHours: s.mtpd, rtoHours: 0,
    }));
    const results: NodeCascadeResult[] = specs.map((s, i) => {
      const cuts = [...s.cuts].sort((a, b) => a - b);
      const down = [];
      for (let k = 0; k + 1 < cuts.length; k += 2) down.push({ start: cuts[k]!, end: cuts[k + 1]! });
      const lengths = down.map((d) => d.end - d.start);
      return {
        id: `s${i}`, kind: 'service', down, totalDownHours: lengths.reduce((a, b) => a + b, 0),
        longestDownHours: Math.max(0, ...lengths), exceedsMtpd: lengths.some((l) => l > s.mtpd),
      };
    });
    return { nodes, results };
  });

describe('people affected over time', () => {
  it('equals the people of the services down at every instant', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.double({ min: 0, max: 220, noNaN: true }), { minLength: 1, maxLength: 20 }), ({ nodes, results }, probes) => {
        const points = peopleOverTime({ nodes }, { nodes: results }, 72);
        for (const t of probes) {
          let expected = 0;
          results.forEach((r, i) => {
            if (r.down.some((d) => d.start <= t && t < d.end)) expected += (nodes[i] as { peopleServed: number }).peopleServed;
          });
          expect(peopleAt(points, t)).toBe(expected);
        }
      }),
    );
  });

  it('starts at 0, is sorted without repeated times, and reaches the horizon', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 300 }), ({ nodes, results }, horizon) => {
        const points = peopleOverTime({ nodes }, { nodes: results }, horizon);
        expect(points[0]!.t).toBe(0);
        for (let i = 1; i < points.length; i++) expect(points[i]!.t).toBeGreaterThan(points[i - 1]!.t);
        expect(points[points.length - 1]!.t).toBeGreaterThanOrEqual(horizon);
        expect(points[points.length - 1]!.people).toBe(0);
      }),
    );
  });
});

describe('MTPD crossings', () => {
  it('names exactly the services whose longest outage exceeds the MTPD, at outage start + MTPD', () => {
    fc.assert(
      fc.property(scenarioArb, ({ nodes, results }) => {
        const crossings = mtpdCrossings({ nodes }, { nodes: results });
        expect(crossings.map((c) => c.serviceId).sort()).toEqual(results.filter((r) => r.exceedsMtpd).map((r) => r.id).sort());
        for (const c of crossings) {
          const r = results.find((x) => x.id === c.serviceId)!;
          expect(r.down.some((d) => d.start + c.mtpdHours === c.at && d.end > c.at)).toBe(true);
          // No earlier outage was already too long.
          expect(r.down.filter((d) => d.start < c.at - c.mtpdHours).every((d) => d.end - d.start <= c.mtpdHours)).toBe(true);
        }
      }),
    );
  });
});

describe('affected services', () => {
  it('lists every service that went down, past-MTPD ones first, with the cause of its first stop', () => {
    const nodes: DependencyNode[] = [
      { kind: 'service', id: 'a', name: 'A', operatorId: 'o', sector: 'medical', peopleServed: 10, prefectures: [], mtpdHours: 5, rtoHours: 1 },
      { kind: 'service', id: 'b', name: 'B', operatorId: 'o', sector: 'finance', peopleServed: 500, prefectures: [], mtpdHours: 50, rtoHours: 1 },
      { kind: 'service', id: 'c', name: 'C', operatorId: 'o', sector: 'finance', peopleServed: 900, prefectures: [], mtpdHours: 50, rtoHours: 1 },
      { kind: 'provider', id: 'p', name: 'P', providerType: 'cloud', prefectures: [] },
    ];
    const result: CascadeResult = {
      nodes: [
        { id: 'a', kind: 'service', down: [{ start: 2, end: 24 }], totalDownHours: 22, longestDownHours: 22, exceedsMtpd: true },
        { id: 'b', kind: 'service', down: [{ start: 0, end: 24 }], totalDownHours: 24, longestDownHours: 24, exceedsMtpd: false },
        { id: 'c', kind: 'service', down: [], totalDownHours: 0, longestDownHours: 0, exceedsMtpd: false },
        { id: 'p', kind: 'provider', down: [{ start: 0, end: 24 }], totalDownHours: 24, longestDownHours: 24, exceedsMtpd: false },
      ],
      servicesExceedingMtpd: ['a'], peakPeopleAffected: 510, peopleHours: 0, sectorsTouched: ['finance', 'medical'],
      timeline: [
        { at: 0, node: 'b', state: 'down', cause: 'dependency', via: 'p' },
        { at: 0, node: 'p', state: 'down', cause: 'outage', via: null },
        { at: 2, node: 'a', state: 'down', cause: 'dependency', via: 'b' },
      ],
    };
    const rows = affectedServices({ nodes }, result);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rows[0]).toMatchObject({ firstDownAt: 2, exceedsMtpd: true, cause: 'dependency', via: 'b' });
    expect(rows[1]).toMatchObject({ firstDownAt: 0, via: 'p' });
  });
});

describe('node size', () => {
  it('grows with people and stays within bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 1, max: 1e7 }), (a, b, max) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sLo = nodeSize(lo, max);
        const sHi = nodeSize(hi, max);
        expect(sLo).toBeLessThanOrEqual(sHi);
        expect(sLo).toBeGreaterThanOrEqual(18);
        expect(sHi).toBeLessThanOrEqual(72);
      }),
    );
  });
});
