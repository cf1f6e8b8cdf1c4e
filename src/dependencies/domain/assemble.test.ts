import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { CiService } from '../../services/domain/service.ts'
import { validateService } from '../../services/domain/service.ts'
import { validateGraph } from './cascade.ts'
import { assembleGraph, dependencyClosure, filterGraph, type Provider, type StoredEdge } from './assemble.ts'
import type { DependencyGraph } from './model.ts'

const service = (id: string, sector: string, prefectures: string[], people = 100): CiService => ({
  id, operatorId: `op-${id}`, name: { ja: `サービス${id}`, en: `Service ${id}` }, sector, type: 'x', peopleServed: people, businessesServed: 0,
  prefectures: prefectures.map((p) => ({ prefectureCode: p, people: 0 })), substitutes: [], mtpdHours: 24, rtoHours: 4, rpoHours: 1, rlo: 0.5,
  impact: { afterHour: 0, afterDay: 0, afterWeek: 0 },
})
const provider = (id: string, prefectures: string[] = ['13'], p: number | null = null): Provider => ({
  id, name: { ja: `事業者${id}`, en: `Provider ${id}` }, providerType: 'cloud', prefectures, annualFailureProbability: p, registeredBy: 'nco', createdAt: '', updatedAt: '',
})
let serial = 0
const edge = (from: string, to: string, alternatives: string[] = []): StoredEdge => ({
  id: `e${serial++}`, from, fromKind: from.startsWith('p') ? 'provider' : 'service', to, toKind: to.startsWith('p') ? 'provider' : 'service',
  criticality: 'critical', failover: { kind: 'none' }, alternatives, ownerOrg: 'nco', createdAt: '', updatedAt: '',
})

describe('assembleGraph', () => {
  it('maps services and providers to nodes and keeps the stored edge fields', () => {
    const g = assembleGraph([service('s1', 'medical', ['13', '14'], 500)], [provider('p1', ['27'], 0.02)], [
      { ...edge('s1', 'p1'), criticality: 'degraded', failover: { kind: 'manual', hours: 6 } },
    ])
    expect(g.nodes).toEqual([
      { kind: 'service', id: 's1', name: 'サービスs1', operatorId: 'op-s1', sector: 'medical', peopleServed: 500, prefectures: ['13', '14'], mtpdHours: 24, rtoHours: 4 },
      { kind: 'provider', id: 'p1', name: '事業者p1', providerType: 'cloud', prefectures: ['27'], annualFailureProbability: 0.02 },
    ])
    expect(g.edges).toEqual([{ from: 's1', to: 'p1', criticality: 'degraded', failover: { kind: 'manual', hours: 6 }, alternatives: [] }])
    expect(validateService(service('s1', 'medical', ['13']))).toEqual([])
  })

  it('drops edges and alternatives whose nodes are not given, so the result always validates', () => {
    const ids = fc.constantFrom('s1', 's2', 's3', 'p1', 'p2', 'p3')
    fc.assert(fc.property(
      fc.subarray(['s1', 's2', 's3']), fc.subarray(['p1', 'p2', 'p3']),
      fc.array(fc.tuple(ids, ids, fc.array(ids, { maxLength: 3 })), { maxLength: 12 }),
      (services, providers, raw) => {
        const edges = raw.map(([from, to, alt]) => edge(from, to, alt))
        const g = assembleGraph(services.map((id) => service(id, 'medical', ['13'])), providers.map((id) => provider(id)), edges)
        const present = new Set([...services, ...providers])
        expect(() => validateGraph(g)).not.toThrow()
        expect(g.edges).toHaveLength(edges.filter((e) => present.has(e.from) && present.has(e.to)).length)
        for (const e of g.edges) for (const a of e.alternatives) expect(present.has(a)).toBe(true)
      },
    ))
  })
})

/** Reachability by repeated relaxation until nothing changes: slow and obviously right. */
function reachableByRelaxation(graph: DependencyGraph, seeds: string[]): Set<string> {
  const known = new Set(graph.nodes.map((n) => n.id))
  const reached = new Set(seeds.filter((s) => known.has(s)))
  for (let changed = true; changed;) {
    changed = false
    for (const e of graph.edges) {
      if (!reached.has(e.from)) continue
      for (const y of [e.to, ...e.alternatives]) if (!reached.has(y)) { reached.add(y); changed = true }
    }
  }
  return reached
}

const arbitraryGraph = fc.integer({ min: 1, max: 9 }).chain((n) => {
  const id = fc.integer({ min: 0, max: n - 1 })
  return fc.record({
    kinds: fc.array(fc.constantFrom('s', 'p'), { minLength: n, maxLength: n }),
    sectors: fc.array(fc.constantFrom('medical', 'finance'), { minLength: n, maxLength: n }),
    prefs: fc.array(fc.subarray(['13', '27', '40'], { minLength: 1 }), { minLength: n, maxLength: n }),
    // Cycles and self-references of alternatives are all allowed here: the closure must terminate regardless.
    edges: fc.array(fc.tuple(id, id, fc.array(id, { maxLength: 2 })), { maxLength: 3 * n }),
  }).map(({ kinds, sectors, prefs, edges }) => {
    const name = (i: number) => `${kinds[i]}${i}`
    const services = kinds.flatMap((k, i) => (k === 's' ? [service(name(i), sectors[i]!, prefs[i]!)] : []))
    const providers = kinds.flatMap((k, i) => (k === 'p' ? [provider(name(i), prefs[i]!)] : []))
    return assembleGraph(services, providers, edges.filter(([a, b]) => a !== b).map(([a, b, alt]) => edge(name(a), name(b), alt.map(name))))
  })
})

describe('dependencyClosure', () => {
  it('equals reachability by relaxation on random graphs with cycles', () => {
    fc.assert(fc.property(arbitraryGraph, fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }), (g, picks) => {
      const seeds = picks.map((i) => g.nodes[i % g.nodes.length]!.id)
      expect([...dependencyClosure(g, seeds)].sort()).toEqual([...reachableByRelaxation(g, seeds)].sort())
    }))
  })

  it('ignores unknown seeds', () => {
    const g = assembleGraph([service('s1', 'medical', ['13'])], [], [])
    expect([...dependencyClosure(g, ['nope', 's1'])]).toEqual(['s1'])
  })
})

describe('filterGraph', () => {
  it('keeps the matching services and every dependency of theirs, nothing else', () => {
    fc.assert(fc.property(arbitraryGraph, fc.option(fc.constantFrom('medical', 'finance'), { nil: undefined }), fc.option(fc.constantFrom('13', '27', '40'), { nil: undefined }), (g, sector, prefecture) => {
      const view = filterGraph(g, { ...(sector ? { sector } : {}), ...(prefecture ? { prefecture } : {}) })
      expect(() => validateGraph(view)).not.toThrow()
      const seeds = g.nodes.filter((n) => (prefecture === undefined || n.prefectures.includes(prefecture))
        && (n.kind === 'service' ? sector === undefined || n.sector === sector : sector === undefined)).map((n) => n.id)
      const expected = sector === undefined && prefecture === undefined ? new Set(g.nodes.map((n) => n.id)) : reachableByRelaxation(g, seeds)
      expect(view.nodes.map((n) => n.id).sort()).toEqual([...expected].sort())
      // Every edge between kept nodes is kept: a shown service never loses a dependency.
      expect(view.edges.length).toBe(g.edges.filter((e) => expected.has(e.from) && expected.has(e.to)).length)
    }))
  })

  it('by sector: the medical service and the cloud it uses, not the bank', () => {
    const g = assembleGraph([service('s1', 'medical', ['13']), service('s2', 'finance', ['13'])], [provider('p1', ['27']), provider('p2', ['13'])], [edge('s1', 'p1'), edge('s2', 'p2')])
    expect(filterGraph(g, { sector: 'medical' }).nodes.map((n) => n.id)).toEqual(['s1', 'p1'])
    expect(filterGraph(g, { prefecture: '27' }).nodes.map((n) => n.id)).toEqual(['p1'])
    expect(filterGraph(g, { sector: 'finance', prefecture: '13' }).nodes.map((n) => n.id)).toEqual(['s2', 'p2'])
  })
})
