import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DomainError } from '../../platform/errors.ts'
import { simulateCascade, type Interval, type NodeOutage } from './cascade.ts'
import type { DependencyEdge, DependencyGraph, DependencyNode, Failover, ServiceNode } from './model.ts'

const svc = (id: string, sector: string, people: number, mtpd: number, prefectures: string[] = ['13']): ServiceNode => ({
  kind: 'service', id, name: id, operatorId: `op-${id}`, sector, peopleServed: people, prefectures, mtpdHours: mtpd, rtoHours: mtpd / 2,
})
const provider = (id: string, prefectures: string[] = ['13']): DependencyNode => ({ kind: 'provider', id, name: id, providerType: 'cloud', prefectures })
const dep = (from: string, to: string, failover: Failover = { kind: 'none' }, alternatives: string[] = []): DependencyEdge => ({
  from, to, criticality: 'critical', failover, alternatives,
})
const downOf = (g: DependencyGraph, r: ReturnType<typeof simulateCascade>, id: string) => r.nodes[g.nodes.findIndex((n) => n.id === id)]!.down

describe('cascade: hand examples', () => {
  it('a chain: power → cloud → bank → hospital payments all go down for the outage', () => {
    const g: DependencyGraph = {
      nodes: [provider('power'), provider('cloud'), svc('bank', 'finance', 1000, 4), svc('pay', 'medical', 200, 48)],
      edges: [dep('cloud', 'power'), dep('bank', 'cloud'), dep('pay', 'bank')],
    }
    const r = simulateCascade(g, { nodes: ['power'], hours: 10 })
    for (const id of ['power', 'cloud', 'bank', 'pay']) expect(downOf(g, r, id)).toEqual([{ start: 0, end: 10 }])
    expect(r.servicesExceedingMtpd).toEqual(['bank'])
    expect(r.peakPeopleAffected).toBe(1200)
    expect(r.peopleHours).toBe(12000)
    expect(r.sectorsTouched).toEqual(['finance', 'medical'])
    expect(r.timeline.map((e) => [e.at, e.node, e.state, e.cause, e.via])).toEqual([
      [0, 'bank', 'down', 'dependency', 'cloud'], [0, 'cloud', 'down', 'dependency', 'power'], [0, 'pay', 'down', 'dependency', 'bank'],
      [0, 'power', 'down', 'outage', null],
      [10, 'bank', 'up', null, null], [10, 'cloud', 'up', null, null], [10, 'pay', 'up', null, null], [10, 'power', 'up', null, null],
    ])
  })

  it('a cycle: both go down with the hit node and both come back when the outage ends', () => {
    const g: DependencyGraph = { nodes: [svc('a', 'x', 1, 5), svc('b', 'y', 1, 5)], edges: [dep('a', 'b'), dep('b', 'a')] }
    const r = simulateCascade(g, { nodes: ['a'], hours: 3 })
    expect(downOf(g, r, 'a')).toEqual([{ start: 0, end: 3 }])
    expect(downOf(g, r, 'b')).toEqual([{ start: 0, end: 3 }])
    expect(simulateCascade(g, { hours: 3 }).timeline).toEqual([])
  })

  it('manual failover rides out a short loss and stops the service only after its hours', () => {
    const g: DependencyGraph = { nodes: [provider('dc'), svc('s', 'water', 50, 6)], edges: [dep('s', 'dc', { kind: 'manual', hours: 4 })] }
    expect(downOf(g, simulateCascade(g, { nodes: ['dc'], hours: 4 }), 's')).toEqual([])
    const long = simulateCascade(g, { nodes: ['dc'], hours: 12 })
    expect(downOf(g, long, 's')).toEqual([{ start: 4, end: 12 }])
    expect(long.servicesExceedingMtpd).toEqual(['s'])
  })

  it('automatic failover and an alternative that is up both keep the dependent running', () => {
    const g: DependencyGraph = {
      nodes: [provider('c1'), provider('c2'), svc('auto', 'x', 1, 2), svc('alt', 'x', 1, 2), svc('noalt', 'x', 1, 2)],
      edges: [dep('auto', 'c1', { kind: 'automatic' }), dep('alt', 'c1', { kind: 'none' }, ['c2']), dep('noalt', 'c1')],
    }
    const r = simulateCascade(g, { nodes: ['c1'], hours: 5 })
    expect(downOf(g, r, 'auto')).toEqual([])
    expect(downOf(g, r, 'alt')).toEqual([])
    expect(downOf(g, r, 'noalt')).toEqual([{ start: 0, end: 5 }])
    expect(downOf(g, simulateCascade(g, { nodes: ['c1', 'c2'], hours: 5 }), 'alt')).toEqual([{ start: 0, end: 5 }])
  })

  it('a prefecture outage hits nodes located only there and cascades to their dependents', () => {
    const g: DependencyGraph = {
      nodes: [provider('dc-tokyo', ['13']), provider('dc-multi', ['13', '27']), svc('s1', 'finance', 10, 2, ['27']), svc('s2', 'finance', 10, 2, ['27'])],
      edges: [dep('s1', 'dc-tokyo'), dep('s2', 'dc-multi')],
    }
    const r = simulateCascade(g, { prefectures: ['13'], hours: 8 })
    expect(downOf(g, r, 'dc-tokyo')).toEqual([{ start: 0, end: 8 }])
    expect(downOf(g, r, 'dc-multi')).toEqual([])
    expect(downOf(g, r, 's1')).toEqual([{ start: 0, end: 8 }])
    expect(downOf(g, r, 's2')).toEqual([])
  })

  it('a loss that ends resets the failover clock: a second loss gets the whole grace again', () => {
    const g: DependencyGraph = { nodes: [provider('dc'), svc('s', 'water', 50, 6)], edges: [dep('s', 'dc', { kind: 'manual', hours: 2 })] }
    const r = simulateCascade(g, { hours: 0, outages: [{ node: 'dc', from: 0, hours: 1 }, { node: 'dc', from: 2, hours: 8 }] })
    expect(downOf(g, r, 's')).toEqual([{ start: 4, end: 10 }])
  })

  it('degraded edges do not propagate', () => {
    const g: DependencyGraph = { nodes: [provider('p'), svc('s', 'x', 1, 2)], edges: [{ ...dep('s', 'p'), criticality: 'degraded' }] }
    expect(downOf(g, simulateCascade(g, { nodes: ['p'], hours: 5 }), 's')).toEqual([])
  })
})

describe('cascade: bad input', () => {
  const fieldsOf = (f: () => unknown) => {
    try {
      f()
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError)
      return (e as DomainError).fieldErrors.map((x) => x.path)
    }
    throw new Error('did not throw')
  }
  it('names unknown edge ends, negative durations and an MTPD not longer than the RTO', () => {
    const g: DependencyGraph = {
      nodes: [provider('p'), { ...svc('s', 'x', 1, 2), rtoHours: 3 }],
      edges: [dep('s', 'p'), dep('s', 'ghost'), dep('nobody', 'p', { kind: 'manual', hours: -1 }, ['p', 'ghost2'])],
    }
    expect(fieldsOf(() => simulateCascade(g, { hours: 1 }))).toEqual([
      'nodes[1].mtpdHours', 'edges[1].to', 'edges[2].from', 'edges[2].alternatives[1]', 'edges[2].failover.hours',
    ])
    const ok: DependencyGraph = { nodes: [provider('p')], edges: [] }
    expect(fieldsOf(() => simulateCascade(ok, { nodes: ['q'], hours: -2 }))).toEqual(['scenario.hours', 'scenario.nodes[0]'])
    expect(fieldsOf(() => simulateCascade(ok, { hours: 1, outages: [{ node: 'p', from: -1, hours: 1 }] }))).toEqual(['scenario.outages[0].from'])
  })
})

/**
 * The reference: whole hours only, so every state change falls on an integer and each hour [k, k+1) has one
 * state. Per hour, start from the hit nodes and apply the rule to every edge until nothing changes; an edge
 * with N failover hours stops its dependent in hour k if it was unsatisfied in hours k-N … k.
 */
function reference(g: DependencyGraph, outages: NodeOutage[]): Interval[][] {
  const ids = g.nodes.map((n) => n.id)
  const horizon = Math.max(0, ...outages.map((o) => o.from + o.hours))
  const history: boolean[][] = []
  const unsat = (e: DependencyEdge, down: boolean[]) => [e.to, ...e.alternatives].every((x) => down[ids.indexOf(x)])
  for (let k = 0; k < horizon; k++) {
    const down = ids.map((id) => outages.some((o) => o.node === id && o.from <= k && k < o.from + o.hours))
    for (let changed = true; changed; ) {
      changed = false
      for (const e of g.edges) {
        if (e.criticality !== 'critical' || e.failover.kind === 'automatic') continue
        const grace = e.failover.kind === 'manual' ? e.failover.hours : 0
        const from = ids.indexOf(e.from)
        if (down[from] || !unsat(e, down) || k - grace < 0) continue
        let held = true
        for (let j = k - grace; j < k; j++) if (!unsat(e, history[j]!)) held = false
        if (held) {
          down[from] = true
          changed = true
        }
      }
    }
    history.push(down)
  }
  return ids.map((_, i) => {
    const out: Interval[] = []
    history.forEach((d, k) => {
      if (!d[i]) return
      const lastInterval = out[out.length - 1]
      if (lastInterval && lastInterval.end === k) lastInterval.end = k + 1
      else out.push({ start: k, end: k + 1 })
    })
    return out
  })
}

const caseArb = fc.integer({ min: 1, max: 6 }).chain((n) => {
  const id = fc.integer({ min: 0, max: n - 1 }).map((i) => `n${i}`)
  const failover: fc.Arbitrary<Failover> = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.constant({ kind: 'automatic' as const }),
    fc.integer({ min: 0, max: 6 }).map((hours) => ({ kind: 'manual' as const, hours })),
  )
  const edge = fc.record({
    from: id, to: id, criticality: fc.constantFrom('critical' as const, 'critical' as const, 'degraded' as const), failover,
    alternatives: fc.array(id, { maxLength: 2 }),
  })
  const outage = fc.record({ node: id, from: fc.integer({ min: 0, max: 10 }), hours: fc.integer({ min: 0, max: 10 }) })
  return fc.record({
    nodes: fc.constant(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? svc(`n${i}`, `sector${i % 3}`, i + 1, 5) : provider(`n${i}`)))),
    edges: fc.array(edge, { maxLength: 16 }),
    // Several outages per scenario, often of the same node, so losses end and restart while graces run.
    outages: fc.array(outage, { maxLength: 6 }),
  })
})

describe('cascade: property', () => {
  it('equals a brute-force hour-by-hour reference on random small graphs with cycles and failover', () => {
    fc.assert(
      fc.property(caseArb, ({ nodes, edges, outages }) => {
        const g: DependencyGraph = { nodes, edges }
        const r = simulateCascade(g, { hours: 0, outages })
        expect(r.nodes.map((x) => x.down)).toEqual(reference(g, outages))
        // Summaries agree with the intervals.
        for (const x of r.nodes) expect(x.totalDownHours).toBe(x.down.reduce((s, d) => s + d.end - d.start, 0))
        expect(r.timeline.filter((e) => e.state === 'down')).toHaveLength(r.nodes.reduce((s, x) => s + x.down.length, 0))
      }),
      { numRuns: 500 },
    )
  })
})
