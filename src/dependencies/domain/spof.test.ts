import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DomainError } from '../../platform/errors.ts'
import { simulateCascade } from './cascade.ts'
import type { DependencyEdge, DependencyGraph, DependencyNode, Failover, ServiceNode } from './model.ts'
import { analyseSinglePointsOfFailure } from './spof.ts'
import { articulationPoints } from './structure.ts'
import { resolveGraph } from './graph-index.ts'

const svc = (id: string, sector: string, people: number, mtpd: number): ServiceNode => ({
  kind: 'service', id, name: id, operatorId: `op-${id}`, sector, peopleServed: people, prefectures: ['13'], mtpdHours: mtpd, rtoHours: mtpd / 2,
})
const provider = (id: string, providerType: 'cloud' | 'logistics' | 'power' = 'cloud'): DependencyNode => ({ kind: 'provider', id, name: id, providerType, prefectures: ['13'] })
const dep = (from: string, to: string, failover: Failover = { kind: 'none' }, alternatives: string[] = []): DependencyEdge => ({
  from, to, criticality: 'critical', failover, alternatives,
})

describe('single points of failure: hand examples', () => {
  // A retailer's logistics feeds pharmacies and a hospital with no alternative; a cloud region carries two banks
  // directly and a payment network that a third bank uses with a backup that runs on the same cloud.
  const g: DependencyGraph = {
    nodes: [
      provider('logistics', 'logistics'), provider('cloud'), provider('backup-dc'), svc('pay-net', 'finance', 0, 100),
      svc('pharmacy', 'medical', 300, 24), svc('hospital', 'medical', 500, 48),
      svc('bank-a', 'finance', 400, 4), svc('bank-b', 'finance', 200, 4), svc('bank-c', 'finance', 100, 4),
    ],
    edges: [
      dep('pharmacy', 'logistics'), dep('hospital', 'logistics'),
      dep('bank-a', 'cloud'), dep('bank-b', 'cloud', { kind: 'manual', hours: 2 }),
      dep('pay-net', 'cloud'), dep('backup-dc', 'cloud'), dep('bank-c', 'pay-net', { kind: 'none' }, ['backup-dc']),
    ],
  }

  it('ranks by people affected and gives the structural reason', () => {
    const entries = analyseSinglePointsOfFailure(g, { hours: 72 })
    expect(entries.map((e) => [e.id, e.peopleAffected, e.sectorsTouched, e.reason.code])).toEqual([
      ['logistics', 800, ['medical'], 'direct_dependency'],
      ['cloud', 700, ['finance'], 'direct_dependency'],
    ])
    // pay-net is down all 72 hours but tolerates 100: down, yet not past its MTPD.
    expect(entries[1]!.servicesPastMtpd).toEqual(['bank-a', 'bank-b', 'bank-c'])
    expect(entries[1]!.reason.via).toEqual(['bank-a', 'bank-b', 'bank-c'])
    expect(entries[1]!.providerType).toBe('cloud')
  })

  it('a short outage leaves services whose MTPD or failover outlasts it', () => {
    // 6 hours: the pharmacy (24 h) and hospital (48 h) ride it out; bank-b switches over after 2 h and is down 4 h = its MTPD.
    const entries = analyseSinglePointsOfFailure(g, { hours: 6 })
    expect(entries.map((e) => [e.id, e.servicesPastMtpd])).toEqual([['cloud', ['bank-a', 'bank-c']]])
  })

  it('a node reached only through every alternative is a dominator, not a direct dependency', () => {
    const h: DependencyGraph = {
      nodes: [provider('power', 'power'), provider('dc1'), provider('dc2'), svc('s', 'water', 1000, 8)],
      edges: [dep('dc1', 'power'), dep('dc2', 'power'), dep('s', 'dc1', { kind: 'none' }, ['dc2'])],
    }
    const entries = analyseSinglePointsOfFailure(h, { hours: 24 })
    expect(entries.map((e) => [e.id, e.reason.code, e.reason.articulationPoint])).toEqual([['power', 'dominator', false]])
  })

  it('refuses a non-positive duration, naming the field', () => {
    try {
      analyseSinglePointsOfFailure(g, { hours: 0 })
      expect.unreachable()
    } catch (e) {
      expect((e as DomainError).fieldErrors.map((f) => f.path)).toEqual(['hours'])
    }
  })

  it('finds articulation points of a path and a star, and none on a cycle', () => {
    const path: DependencyGraph = { nodes: [provider('a'), provider('b'), provider('c')], edges: [dep('a', 'b'), dep('b', 'c')] }
    expect([...articulationPoints(resolveGraph(path))]).toEqual([0, 1, 0])
    const ring: DependencyGraph = { nodes: path.nodes, edges: [dep('a', 'b'), dep('b', 'c'), dep('c', 'a')] }
    expect([...articulationPoints(resolveGraph(ring))]).toEqual([0, 0, 0])
  })
})

/** Removing v and counting connected components, the definition itself. */
function referenceArticulation(g: DependencyGraph): number[] {
  const ids = g.nodes.map((n) => n.id)
  const components = (skip: number) => {
    const seen = new Set<number>([skip])
    let count = 0
    for (let s = 0; s < ids.length; s++) {
      if (seen.has(s)) continue
      count++
      const stack = [s]
      seen.add(s)
      while (stack.length > 0) {
        const v = stack.pop()!
        for (const e of g.edges) {
          const ends = [e.from, e.to, ...e.alternatives].map((x) => ids.indexOf(x))
          const from = ends[0]!
          for (const w of ends.slice(1)) {
            const other = v === from ? w : w === v ? from : -1
            if (other >= 0 && !seen.has(other)) {
              seen.add(other)
              stack.push(other)
            }
          }
        }
      }
    }
    return count
  }
  const base = components(-1)
  return ids.map((_, v) => (components(v) > base ? 1 : 0))
}

const caseArb = fc.integer({ min: 1, max: 9 }).chain((n) => {
  const id = fc.integer({ min: 0, max: n - 1 }).map((i) => `n${i}`)
  const failover: fc.Arbitrary<Failover> = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.constant({ kind: 'automatic' as const }),
    fc.integer({ min: 0, max: 12 }).map((hours) => ({ kind: 'manual' as const, hours })),
  )
  const edge = fc.record({
    from: id, to: id, criticality: fc.constantFrom('critical' as const, 'critical' as const, 'degraded' as const), failover,
    alternatives: fc.array(id, { maxLength: 2 }),
  })
  const node = (i: number) =>
    fc.boolean().chain((isService) =>
      isService
        ? fc.record({ people: fc.integer({ min: 0, max: 1000 }), mtpd: fc.integer({ min: 1, max: 30 }), sector: fc.constantFrom('medical', 'finance', 'water') })
          .map(({ people, mtpd, sector }) => svc(`n${i}`, sector, people, mtpd) as DependencyNode)
        : fc.constant(provider(`n${i}`)),
    )
  return fc.record({
    nodes: fc.tuple(...Array.from({ length: n }, (_, i) => node(i))),
    edges: fc.array(edge, { maxLength: 18 }),
    hours: fc.integer({ min: 1, max: 40 }),
  })
})

describe('single points of failure: property', () => {
  it('equals running the cascade simulation for every node alone, on random graphs with cycles, alternatives and failover', () => {
    fc.assert(
      fc.property(caseArb, ({ nodes, edges, hours }) => {
        const g: DependencyGraph = { nodes, edges }
        const expected = nodes.flatMap((x) => {
          const result = simulateCascade(g, { nodes: [x.id], hours })
          const past = result.servicesExceedingMtpd
          if (!past.some((s) => s !== x.id)) return []
          const people = past.reduce((s, id) => s + (nodes.find((v) => v.id === id) as ServiceNode).peopleServed, 0)
          const peopleHours = past.reduce((s, id) => s + (nodes.find((v) => v.id === id) as ServiceNode).peopleServed * result.nodes.find((r) => r.id === id)!.totalDownHours, 0)
          return [{ id: x.id, people, peopleHours, services: [...past].sort() }]
        })
        const actual = analyseSinglePointsOfFailure(g, { hours })
        expect(actual.map((e) => ({ id: e.id, people: e.peopleAffected, peopleHours: e.peopleHours, services: [...e.servicesPastMtpd].sort() })).sort((a, b) => (a.id < b.id ? -1 : 1)))
          .toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)))
        // Ranked: people affected never increases down the list.
        for (let i = 1; i < actual.length; i++) expect(actual[i]!.peopleAffected).toBeLessThanOrEqual(actual[i - 1]!.peopleAffected)
        for (const e of actual) {
          expect(e.reason.betweenness).toBeGreaterThanOrEqual(0)
          expect(e.bySector.reduce((sum, row) => sum + row.people, 0)).toBe(e.peopleAffected)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('articulation points equal the remove-and-count definition', () => {
    fc.assert(
      fc.property(caseArb, ({ nodes, edges }) => {
        const g: DependencyGraph = { nodes, edges }
        expect([...articulationPoints(resolveGraph(g))]).toEqual(referenceArticulation(g))
      }),
      { numRuns: 300 },
    )
  })
})
