import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { DEMO_PASSWORD, headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { seedDemoDataset } from '../../src/platform/demo-dataset.ts'
import { demoResiliencePlan, seedDemoResilience } from '../../src/dependencies/seed/demo-resilience.ts'
import { DEPENDENCY_TYPES } from '../../src/dependencies/domain/model.ts'

interface Service { id: string; operatorId: string; sector: string; peopleServed: number; mtpdHours: number; name: { ja: string; en: string } }
interface Provider { id: string; name: { ja: string; en: string }; providerType: string; registeredBy: string }
interface Edge { from: string; to: string; type?: string; criticality: 'critical' | 'degraded'; failover: { kind: string; hours?: number }; alternatives: string[] }
interface SpofEntry {
  id: string
  name: string
  kind: 'service' | 'provider'
  providerType?: string
  peopleAffected: number
  sectorsTouched: string[]
  servicesPastMtpd: string[]
  reason: { code: string; articulationPoint: boolean; betweenness: number; via: string[] }
}
interface Concentration { id: string; providerType: string; directDependents: number; services: number; people: number; sectors: string[] }
interface Evaluation { criterionId: string; criterion: string; threshold: number | null; value: number | boolean | null; fired: boolean; service?: string }
interface Candidate { operatorId: string; sectors: string[]; candidate: boolean; firedCount: number; evaluations: Evaluation[] }

/**
 * The demo data of issue 5 as the NCO and a ministry meet it on first start: the retailer's logistics network
 * (S14) and the cloud region (S27) rank in the top 3 single points of failure for the structural reasons the
 * data records (who depends on them without an alternative, with how much stock or fallback), the cloud's
 * concentration shows, a ministry sees only its sectors, and the NCO's criteria set gives explained candidates.
 * Expected values come from the data the API returns and the plan, not from copied output.
 */
describeEachEngine('demo services, dependencies and designation', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let nco: Record<string, string>
  let mhlw: Record<string, string>
  let services: Service[]
  let providers: Provider[]
  let edges: Edge[]
  let spof: { hours: number; entries: SpofEntry[] }
  let logistics: Provider
  let clouds: Provider[]

  const get = async <T>(url: string, headers: Record<string, string>): Promise<T> => {
    const res = await env.app.inject({ method: 'GET', url, headers })
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200)
    return res.json() as T
  }

  beforeAll(async () => {
    env = await openDemoApp(engine, { resilience: true })
    nco = headersFor(await signInAs(env.app, 'nco@demo.kaname.jp'))
    mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    services = await get<Service[]>('/api/v1/services', nco)
    providers = await get<Provider[]>('/api/v1/dependencies/providers', nco)
    edges = await get<Edge[]>('/api/v1/dependencies/edges', nco)
    spof = await get('/api/v1/dependencies/spof', nco)
    logistics = providers.find((p) => p.registeredBy === 'maruyama-retail-logistics' && p.providerType === 'logistics')!
    clouds = providers.filter((p) => p.registeredBy === 'sora-cloud' && p.providerType === 'cloud')
  })
  afterAll(async () => env?.close())

  it('seeds the plan once; seeding the demo again changes nothing', async () => {
    const plan = demoResiliencePlan(env.ctx.now().toISOString())
    expect(services).toHaveLength(plan.services.length)
    expect(providers).toHaveLength(plan.providers.length)
    expect(edges).toHaveLength(plan.edges.length)
    // Every demo operator has one to three services.
    const perOperator = new Map<string, number>()
    for (const s of services) perOperator.set(s.operatorId, (perOperator.get(s.operatorId) ?? 0) + 1)
    expect(Math.max(...perOperator.values())).toBeLessThanOrEqual(3)

    const db = env.ctx.database.db
    const snapshot = async () => JSON.stringify(await Promise.all([
      db.selectFrom('ci_service').selectAll().orderBy('id').execute(),
      db.selectFrom('ci_service_prefecture').selectAll().orderBy('service_id').orderBy('position').execute(),
      db.selectFrom('ci_service_substitute').selectAll().orderBy('service_id').orderBy('position').execute(),
      db.selectFrom('dependency_provider').selectAll().orderBy('id').execute(),
      db.selectFrom('dependency_edge').selectAll().orderBy('id').execute(),
      db.selectFrom('designation_criteria_set').selectAll().orderBy('id').execute(),
      db.selectFrom('audit_entry').select(({ fn }) => fn.countAll().as('n')).execute(),
    ]))
    const before = await snapshot()
    const again = await seedDemoDataset(env.ctx, DEMO_PASSWORD, undefined, { campaigns: false })
    expect(again.resilience?.seeded).toBe(false)
    expect((await seedDemoResilience(env.ctx)).seeded).toBe(false)
    expect(await snapshot()).toBe(before)
  })

  it('ranks the retailer\'s logistics and the cloud region in the NCO\'s top 3 single points of failure, with their reasons', () => {
    expect(spof.hours).toBe(72)
    const top = spof.entries.slice(0, 3)
    const logisticsEntry = top.find((e) => e.id === logistics.id)
    const cloudEntry = top.find((e) => clouds.some((c) => c.id === e.id))
    expect(logisticsEntry, `top 3: ${top.map((e) => e.name).join(' / ')}`).toBeDefined()
    expect(cloudEntry, `top 3: ${top.map((e) => e.name).join(' / ')}`).toBeDefined()
    for (const entry of [logisticsEntry!, cloudEntry!]) {
      expect(entry.kind).toBe('provider')
      // Services depend on it with no alternative: the reason, with examples among the services it stops.
      expect(entry.reason.code).toBe('direct_dependency')
      expect(entry.reason.via.length).toBeGreaterThan(0)
      for (const id of entry.reason.via) expect(entry.servicesPastMtpd).toContain(id)
      expect(entry.reason.betweenness).toBeGreaterThan(0)
      // Cross-sector ripple (S14, S27).
      expect(entry.sectorsTouched.length).toBeGreaterThanOrEqual(2)
    }
    expect(logisticsEntry!.sectorsTouched).toEqual(expect.arrayContaining(['medical', 'government']))
    expect(cloudEntry!.sectorsTouched).toEqual(expect.arrayContaining(['finance', 'medical']))
  })

  it('owes the ranking to the structure: sectors reached, and exactly the dependents whose fallback is shorter than the outage', async () => {
    // Ignoring people altogether, the two reach more sectors than any other single failure.
    const bySectors = [...spof.entries].sort((a, b) => b.sectorsTouched.length - a.sectorsTouched.length)
    const third = bySectors[2]?.sectorsTouched.length ?? 0
    for (const id of [logistics.id, ...clouds.map((c) => c.id)]) {
      const entry = spof.entries.find((e) => e.id === id)
      if (entry) expect(entry.sectorsTouched.length).toBeGreaterThan(third)
    }

    // Reference: a service that depends on the logistics network directly, with no alternative, is past its MTPD
    // after 72 hours exactly when its stock runs out early enough (72 − stock > MTPD); the disaster base
    // hospitals' three days of stock, and a second supplier, keep theirs out.
    const byId = new Map(services.map((s) => [s.id, s]))
    const direct = edges.filter((e) => e.to === logistics.id && e.criticality === 'critical' && byId.has(e.from))
    expect(direct.length).toBeGreaterThan(5)
    const grace = (e: Edge) => (e.failover.kind === 'manual' ? e.failover.hours! : e.failover.kind === 'none' ? 0 : Infinity)
    const expected = direct.filter((e) => e.alternatives.length === 0 && 72 - grace(e) > byId.get(e.from)!.mtpdHours).map((e) => e.from).sort()
    const entry = spof.entries.find((e) => e.id === logistics.id)!
    expect(entry.servicesPastMtpd.filter((id) => direct.some((e) => e.from === id)).sort()).toEqual(expected)
    expect(direct.some((e) => e.alternatives.length > 0)).toBe(true)
    expect(direct.some((e) => e.alternatives.length === 0 && grace(e) >= 72)).toBe(true)
    // Longer outages reach the three-day stock: the list grows.
    const longer = await get<{ entries: SpofEntry[] }>('/api/v1/dependencies/spof?hours=96', nco)
    expect(longer.entries.find((e) => e.id === logistics.id)!.servicesPastMtpd.length).toBeGreaterThan(entry.servicesPastMtpd.length)

    // The cascade simulation of the same failure pushes the same services past their MTPD.
    for (const id of [logistics.id, spof.entries.slice(0, 3).find((e) => clouds.some((c) => c.id === e.id))!.id]) {
      const res = await env.app.inject({ method: 'POST', url: '/api/v1/dependencies/simulate', headers: nco, payload: { nodes: [id], hours: 72 } })
      expect(res.statusCode, res.body).toBe(200)
      const past = (res.json() as { servicesExceedingMtpd: string[] }).servicesExceedingMtpd
      expect([...past].sort()).toEqual([...spof.entries.find((e) => e.id === id)!.servicesPastMtpd].sort())
    }
  })

  it('records each demo dependency with its kind, and the graph JSON carries it', async () => {
    const graph = await get<{ nodes: { id: string; kind: string; providerType?: string }[]; edges: Edge[] }>('/api/v1/dependencies/graph', nco)
    expect(graph.edges.length).toBe(edges.length)
    const plan = demoResiliencePlan(env.ctx.now().toISOString())
    const planned = new Map(plan.edges.map((e) => [`${e.from}>${e.to}`, e.type]))
    for (const e of graph.edges) {
      expect(DEPENDENCY_TYPES, `${e.from} -> ${e.to}`).toContain(e.type)
      expect(e.type, `${e.from} -> ${e.to}`).toBe(planned.get(`${e.from}>${e.to}`))
      // The edge list says the same.
      expect(edges.find((x) => x.from === e.from && x.to === e.to)?.type).toBe(e.type)
    }
    // Every demo edge says what it is for: none is left as 'other'.
    expect(graph.edges.filter((e) => e.type === 'other')).toEqual([])
    // The kind fits the provider at the other end: what the retailer's network gives is goods or their delivery,
    // services on a cloud region are hosted there, a grid gives power.
    const kindOf = new Map(graph.nodes.map((n) => [n.id, n]))
    const toLogistics = graph.edges.filter((e) => e.to === logistics.id)
    expect(toLogistics.length).toBeGreaterThan(5)
    for (const e of toLogistics) expect(['logistics', 'supply']).toContain(e.type)
    const onCloud = graph.edges.filter((e) => clouds.some((c) => c.id === e.to) && kindOf.get(e.from)?.kind === 'service')
    expect(onCloud.length).toBeGreaterThanOrEqual(10)
    for (const e of onCloud) expect(e.type).toBe('cloud_hosting')
    const onGrid = graph.edges.filter((e) => kindOf.get(e.to)?.providerType === 'power')
    expect(onGrid.length).toBeGreaterThan(0)
    for (const e of onGrid) expect(e.type).toBe('power')
    // Several kinds, not one relabelled.
    expect(new Set(graph.edges.map((e) => e.type)).size).toBeGreaterThanOrEqual(6)
  })

  it('shows the concentration on the cloud region: many services of several sectors hang on it', async () => {
    const rows = await get<Concentration[]>('/api/v1/dependencies/concentration', nco)
    const cloudRows = rows.filter((r) => clouds.some((c) => c.id === r.id))
    const busiest = cloudRows.sort((a, b) => b.services - a.services)[0]!
    const entry = spof.entries.find((e) => e.id === busiest.id)!
    expect(entry).toBeDefined()
    expect(busiest.directDependents).toBe(new Set(edges.filter((e) => e.to === busiest.id || e.alternatives.includes(busiest.id)).map((e) => e.from)).size)
    expect(busiest.directDependents).toBeGreaterThanOrEqual(10)
    expect(busiest.services).toBeGreaterThanOrEqual(entry.servicesPastMtpd.length)
    expect(busiest.sectors).toEqual(expect.arrayContaining(['finance', 'government', 'medical']))
    const people = services.filter((s) => entry.servicesPastMtpd.includes(s.id)).reduce((n, s) => n + s.peopleServed, 0)
    expect(busiest.people).toBeGreaterThanOrEqual(people)
  })

  it('shows 厚生労働省 only the services of its sectors, and its own view of the single points of failure', async () => {
    const own = await get<Service[]>('/api/v1/services', mhlw)
    expect(own.length).toBeGreaterThan(0)
    expect(new Set(own.map((s) => s.sector))).toEqual(new Set(['medical']))
    expect(own.map((s) => s.id).sort()).toEqual(services.filter((s) => s.sector === 'medical').map((s) => s.id).sort())
    const seen = await get<{ entries: SpofEntry[] }>('/api/v1/dependencies/spof', mhlw)
    const medical = new Set(own.map((s) => s.id))
    for (const e of seen.entries) for (const id of e.servicesPastMtpd) expect(medical.has(id), `${e.name}: ${id}`).toBe(true)
    expect(seen.entries.find((e) => e.id === logistics.id)?.sectorsTouched).toEqual(['medical'])
  })

  it('gives the NCO a non-empty candidate list under its criteria set, each candidate with the values that fired', async () => {
    const sets = await get<{ id: string; definedBy: string }[]>('/api/v1/services/designation/criteria', nco)
    const set = sets.find((s) => s.definedBy === 'nco')!
    expect(set).toBeDefined()
    const { operators } = await get<{ operators: Candidate[] }>(`/api/v1/services/designation/candidates?criteriaSet=${set.id}`, nco)
    const candidates = operators.filter((o) => o.candidate)
    expect(candidates.length).toBeGreaterThan(0)
    // The criteria discriminate: some operators are not candidates.
    expect(candidates.length).toBeLessThan(operators.length)
    for (const c of candidates) {
      const fired = c.evaluations.filter((e) => e.fired)
      expect(fired.length).toBe(c.firedCount)
      expect(fired.length).toBeGreaterThan(0)
      for (const e of fired) {
        if (typeof e.value === 'number' && e.criterion !== 'low_substitutability') expect(e.value).toBeGreaterThanOrEqual(e.threshold!)
        if (e.criterion === 'economic_security_designation') expect(e.value).toBe(true)
        if (e.criterion !== 'economic_security_designation') expect(e.service, `${c.operatorId} ${e.criterionId}`).toBeDefined()
      }
    }
    // Each kind of criterion fires for someone in the demo, the systemic score from the dependency graph included.
    const kinds = new Set(candidates.flatMap((c) => c.evaluations.filter((e) => e.fired).map((e) => e.criterion)))
    expect([...kinds].sort()).toEqual(['economic_security_designation', 'low_substitutability', 'national_coverage', 'prefecture_coverage', 'systemic_dependency'])
  })
})
