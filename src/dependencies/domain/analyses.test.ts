import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { seededRandom } from '../../platform/seeded-random.ts'
import { simulateCascade } from './cascade.ts'
import { providerConcentration } from './concentration.ts'
import type { DependencyEdge, DependencyGraph, DependencyNode, Failover, ServiceNode } from './model.ts'
import { distribution, durationSampler, simulateMonteCarlo } from './monte-carlo.ts'
import { DEFAULT_ANNUAL_FAILURE_PROBABILITY, sectorRisk } from './sector-risk.ts'
import { analyseSinglePointsOfFailure } from './spof.ts'

const svc = (id: string, sector: string, people: number, mtpd: number, prefectures = ['13']): ServiceNode => ({
  kind: 'service', id, name: id, operatorId: `op-${id}`, sector, peopleServed: people, prefectures, mtpdHours: mtpd, rtoHours: mtpd / 2,
})
const provider = (id: string, prefectures = ['13'], annualFailureProbability?: number): DependencyNode =>
  annualFailureProbability === undefined
    ? { kind: 'provider', id, name: id, providerType: 'cloud', prefectures }
    : { kind: 'provider', id, name: id, providerType: 'cloud', prefectures, annualFailureProbability }
const dep = (from: string, to: string, failover: Failover = { kind: 'none' }, alternatives: string[] = []): DependencyEdge => ({
  from, to, criticality: 'critical', failover, alternatives,
})

const graphArb = fc.integer({ min: 1, max: 8 }).chain((n) => {
  const id = fc.integer({ min: 0, max: n - 1 }).map((i) => `n${i}`)
  const failover: fc.Arbitrary<Failover> = fc.oneof(
    fc.constant({ kind: 'none' as const }), fc.constant({ kind: 'automatic' as const }),
    fc.integer({ min: 0, max: 12 }).map((hours) => ({ kind: 'manual' as const, hours })),
  )
  const edge = fc.record({ from: id, to: id, criticality: fc.constantFrom('critical' as const, 'degraded' as const), failover, alternatives: fc.array(id, { maxLength: 2 }) })
  return fc.record({
    nodes: fc.constant(Array.from({ length: n }, (_, i) => (i % 3 === 0 ? provider(`n${i}`, [i % 2 === 0 ? '13' : '27']) : svc(`n${i}`, `sector${i % 2}`, 10 * i, 4 + i, ['27'])))),
    edges: fc.array(edge, { maxLength: 16 }),
  })
})

describe('provider concentration', () => {
  it('counts every service whose primary dependencies lead to the provider, on random graphs (reference: naive search)', () => {
    fc.assert(fc.property(graphArb, (g: DependencyGraph) => {
      const reaches = (from: string, target: string): boolean => {
        const seen = new Set([from])
        const stack = [from]
        while (stack.length > 0) {
          const v = stack.pop()!
          for (const e of g.edges) {
            if (e.from !== v) continue
            const t = e.to
            if (t === target) return true
            if (!seen.has(t)) {
              seen.add(t)
              stack.push(t)
            }
          }
        }
        return false
      }
      const rows = providerConcentration(g)
      expect(rows.map((r) => r.id).sort()).toEqual(g.nodes.filter((x) => x.kind === 'provider').map((x) => x.id).sort())
      for (const row of rows) {
        const services = g.nodes.filter((x): x is ServiceNode => x.kind === 'service' && reaches(x.id, row.id))
        expect(row.services).toBe(services.length)
        expect(row.people).toBe(services.reduce((s, x) => s + x.peopleServed, 0))
        expect(row.sectors).toEqual([...new Set(services.map((x) => x.sector))].sort())
        expect(row.directDependents).toBe(new Set(g.edges.filter((e) => e.from !== row.id && e.to === row.id).map((e) => e.from)).size)
      }
    }), { numRuns: 200 })
  })
})

describe('Monte-Carlo cascade', () => {
  it('with a fixed duration every run equals the single simulation', () => {
    fc.assert(fc.property(graphArb, fc.integer({ min: 1, max: 30 }), (g, hours) => {
      const single = simulateCascade(g, { nodes: [g.nodes[0]!.id], hours })
      const mc = simulateMonteCarlo(g, { nodes: [g.nodes[0]!.id], duration: { kind: 'uniform', minHours: hours, maxHours: hours }, runs: 5 }, seededRandom(1))
      expect(mc.peopleHours.p50).toBe(single.peopleHours)
      expect(mc.peopleHours.max).toBe(single.peopleHours)
      expect(mc.peopleAffected.mean).toBe(single.peakPeopleAffected)
      expect(mc.exceedance).toEqual(single.servicesExceedingMtpd.map((serviceId) => ({ serviceId, probability: 1 })).sort((a, b) => (a.serviceId < b.serviceId ? -1 : 1)))
    }), { numRuns: 100 })
  })

  it('a prefecture outage is one event: its nodes share the sampled duration', () => {
    const g: DependencyGraph = { nodes: [provider('a', ['13']), provider('b', ['13']), svc('s', 'x', 100, 5, ['27'])], edges: [dep('s', 'a', { kind: 'none' }, ['b'])] }
    // Were a and b sampled independently, s would be down only for the shorter of the two.
    const mc = simulateMonteCarlo(g, { prefectures: ['13'], duration: { kind: 'uniform', minHours: 1, maxHours: 10 }, runs: 200 }, seededRandom(7))
    const durations = durationSampler({ kind: 'uniform', minHours: 1, maxHours: 10 }, seededRandom(7))
    const expected = Array.from({ length: 200 }, () => 100 * durations())
    expect(mc.peopleHours.mean).toBeCloseTo(expected.reduce((s, v) => s + v, 0) / 200, 6)
  })

  it('log-normal durations have the median and 90th percentile asked for', () => {
    const draw = durationSampler({ kind: 'lognormal', medianHours: 12, p90Hours: 72 }, seededRandom(2026))
    const sample = Array.from({ length: 20000 }, draw)
    const d = distribution(sample)
    expect(d.p50).toBeGreaterThan(12 * 0.95)
    expect(d.p50).toBeLessThan(12 * 1.05)
    expect(d.p90).toBeGreaterThan(72 * 0.93)
    expect(d.p90).toBeLessThan(72 * 1.07)
  })

  it('summaries are ordered and the histogram counts every value', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (values) => {
      const d = distribution(values)
      expect(d.p50).toBeLessThanOrEqual(d.p90)
      expect(d.p90).toBeLessThanOrEqual(d.p99)
      expect(d.p99).toBeLessThanOrEqual(d.max)
      expect(d.max).toBe(Math.max(...values))
      expect(d.histogram.reduce((s, b) => s + b.count, 0)).toBe(values.length)
    }))
  })

  it('refuses bad scenarios naming the fields', () => {
    const g: DependencyGraph = { nodes: [provider('a')], edges: [] }
    try {
      simulateMonteCarlo(g, { nodes: ['ghost'], duration: { kind: 'lognormal', medianHours: 10, p90Hours: 5 }, runs: 0 }, seededRandom(1))
      expect.unreachable()
    } catch (e) {
      expect((e as { fieldErrors: { path: string }[] }).fieldErrors.map((f) => f.path)).toEqual(['runs', 'nodes[0]', 'duration.p90Hours'])
    }
  })
})

describe('sector risk (S8)', () => {
  it('weights each SPOF’s people-hours by its failure probability and combines stop probabilities', () => {
    const g: DependencyGraph = {
      nodes: [provider('cloud', ['13'], 0.1), { kind: 'provider', id: 'logi', name: 'logi', providerType: 'logistics', prefectures: ['13'] },
        svc('bank', 'finance', 1000, 4), svc('clinic', 'medical', 50, 24), svc('pharmacy', 'medical', 200, 24)],
      edges: [dep('bank', 'cloud'), dep('clinic', 'cloud'), dep('clinic', 'logi'), dep('pharmacy', 'logi')],
    }
    const rows = sectorRisk(g, analyseSinglePointsOfFailure(g, { hours: 72 }))
    const logistics = DEFAULT_ANNUAL_FAILURE_PROBABILITY.logistics
    expect(rows.map((r) => r.sector)).toEqual(['finance', 'medical'])
    expect(rows[0]!.expectedPeopleHours).toBeCloseTo(0.1 * 1000 * 72, 9)
    expect(rows[0]!.stopProbability).toBeCloseTo(0.1, 12)
    expect(rows[1]!.expectedPeopleHours).toBeCloseTo(0.1 * 50 * 72 + logistics * 250 * 72, 9)
    expect(rows[1]!.stopProbability).toBeCloseTo(1 - 0.9 * (1 - logistics), 12)
    expect(rows[1]!.contributors.map((c) => [c.id, c.defaulted])).toEqual([['logi', true], ['cloud', false]])
  })
})
