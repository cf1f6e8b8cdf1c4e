import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { inTransaction } from '../../src/platform/db/database.ts'
import type { AppContext } from '../../src/platform/context.ts'
import type { CiService } from '../../src/services/domain/service.ts'
import { insertServiceRow, writeServiceChildren } from '../../src/services/store/services-repository.ts'
import { DEFAULT_ANNUAL_FAILURE_PROBABILITY } from '../../src/dependencies/domain/sector-risk.ts'

interface Edge { id: string; from: string; to: string; alternatives: string[]; failover: { kind: string; hours?: number } }
interface Problem { status: number; code: string; errors?: { path: string; code?: string }[] }

/** A service stored as the services module stores it (its own API is tested there). */
async function storeService(ctx: AppContext, s: Partial<CiService> & Pick<CiService, 'operatorId' | 'sector'> & { nameJa: string }): Promise<string> {
  const id = randomUUID()
  const service: CiService = {
    id, operatorId: s.operatorId, name: { ja: s.nameJa, en: `${s.nameJa} (en)` }, sector: s.sector, type: 'test', peopleServed: s.peopleServed ?? 1000, businessesServed: 0,
    prefectures: s.prefectures ?? [{ prefectureCode: '13', people: 0 }], substitutes: [], mtpdHours: s.mtpdHours ?? 24, rtoHours: s.rtoHours ?? 4, rpoHours: 1, rlo: 0.5,
    impact: { afterHour: 0, afterDay: 0, afterWeek: 0 },
  }
  await inTransaction(ctx.database, async (trx) => {
    await insertServiceRow(trx, service, ctx.now().toISOString(), 'test')
    await writeServiceChildren(trx, service)
  })
  return id
}

/**
 * The dependencies API on both engines: the provider registry and who may change it; recorded dependencies with
 * their refusals (unknown or invisible nodes, self-loops, negative failover hours — each naming the field;
 * cycles accepted); the scoping of edges and of every analysis (an operator never sees another operator's
 * services or edges, a ministry only its sectors'); and the analyses over the visible graph.
 */
describeEachEngine('dependencies API', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  const h: Record<string, Record<string, string>> = {}
  let clinicSvc: string
  let tsubakiSvc: string
  let bankSvc: string
  let cloud: string
  let power: string
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: unknown) =>
    env.app.inject({ method, url: `/api/v1/dependencies${url}`, headers: h[who]!, ...(payload === undefined ? {} : { payload: payload as object }) })
  const auditCount = async () => Number((await env.ctx.database.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'dependencies.%').executeTakeFirstOrThrow()).n)
  const edgeCount = async () => Number((await env.ctx.database.db.selectFrom('dependency_edge').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    env = await openDemoApp(engine)
    for (const [who, email] of Object.entries({
      nco: 'nco@demo.kaname.jp', ncoViewer: 'nco-viewer@demo.kaname.jp', mhlw: 'mhlw@demo.kaname.jp', fsa: 'fsa@demo.kaname.jp', clinic: 'clinic@demo.kaname.jp',
      tsubaki: 'clinic-tsubaki@demo.kaname.jp', bank: 'bank-ciso@demo.kaname.jp', ceptoar: 'ceptoar-medical@demo.kaname.jp', cloudViewer: 'cloud@demo.kaname.jp',
    })) h[who] = headersFor(await signInAs(env.app, email))
    clinicSvc = await storeService(env.ctx, { operatorId: 'clinic-kaede', sector: 'medical', nameJa: 'かえで外来診療', peopleServed: 5000, mtpdHours: 24, rtoHours: 4 })
    tsubakiSvc = await storeService(env.ctx, { operatorId: 'clinic-tsubaki', sector: 'medical', nameJa: 'つばき処方', peopleServed: 3000, mtpdHours: 48, rtoHours: 8 })
    bankSvc = await storeService(env.ctx, { operatorId: 'shinonome-bank', sector: 'finance', nameJa: 'しののめ決済', peopleServed: 1_000_000, mtpdHours: 4, rtoHours: 1, prefectures: [{ prefectureCode: '13', people: 0 }, { prefectureCode: '27', people: 0 }] })
  }, 120_000)
  afterAll(async () => env?.close())

  it('the provider registry: operators, ministries and the NCO register; everyone reads; only the registrant or the NCO changes', async () => {
    const before = await auditCount()
    const created = await api('POST', '/providers', 'clinic', { name: { ja: 'テストクラウド東日本', en: 'Test Cloud East' }, providerType: 'cloud', prefectures: ['13', '11'], annualFailureProbability: 0.05 })
    expect(created.statusCode, created.body).toBe(201)
    cloud = created.json().id
    expect(created.json()).toMatchObject({ registeredBy: 'clinic-kaede', providerType: 'cloud', prefectures: ['13', '11'], annualFailureProbability: 0.05 })
    const powerRes = await api('POST', '/providers', 'nco', { name: { ja: 'テスト電力', en: 'Test Power' }, providerType: 'power', prefectures: ['13'] })
    expect(powerRes.statusCode).toBe(201)
    power = powerRes.json().id
    expect(await auditCount()).toBe(before + 2)

    for (const who of ['bank', 'cloudViewer', 'ceptoar', 'fsa']) {
      const list = await api('GET', '/providers', who)
      expect(list.statusCode).toBe(200)
      expect((list.json() as { id: string }[]).map((p) => p.id)).toEqual(expect.arrayContaining([cloud, power]))
    }
    // Sharing bodies, provider organisations and viewers only read.
    for (const who of ['ceptoar', 'cloudViewer', 'ncoViewer']) {
      expect((await api('POST', '/providers', who, { name: { ja: `読むだけ${who}`, en: '' }, providerType: 'telecom' })).statusCode).toBe(403)
    }
    const body = { name: { ja: 'テストクラウド東日本', en: 'Test Cloud East' }, providerType: 'cloud', prefectures: ['13'], annualFailureProbability: 0.02 }
    expect((await api('PUT', `/providers/${cloud}`, 'bank', body)).statusCode).toBe(403)
    const changed = await api('PUT', `/providers/${cloud}`, 'nco', body)
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({ prefectures: ['13'], annualFailureProbability: 0.02, registeredBy: 'clinic-kaede' })
    expect(await auditCount()).toBe(before + 3)
  })

  it('refuses bad providers naming the field: taken names, bad prefecture codes, probabilities out of range', async () => {
    const taken = await api('POST', '/providers', 'bank', { name: { ja: 'テストクラウド東日本', en: 'Other' }, providerType: 'cloud' })
    expect(taken.statusCode).toBe(422)
    expect((taken.json() as Problem).errors).toEqual([expect.objectContaining({ path: 'body.name.ja', code: 'dependencies.provider_name_taken' })])
    const prefecture = await api('POST', '/providers', 'bank', { name: { ja: '県外', en: '' }, providerType: 'cloud', prefectures: ['13', '48', '13'] })
    expect(prefecture.statusCode).toBe(422)
    expect((prefecture.json() as Problem).errors!.map((e) => [e.path, e.code])).toEqual([
      ['body.prefectures.1', 'dependencies.prefecture_code'], ['body.prefectures.2', 'dependencies.prefecture_duplicate'],
    ])
    const probability = await api('POST', '/providers', 'bank', { name: { ja: '確率', en: '' }, providerType: 'cloud', annualFailureProbability: 1.5 })
    expect(probability.statusCode).toBe(400)
    expect((probability.json() as Problem).errors!.map((e) => e.path)).toEqual(['body.annualFailureProbability'])
    const type = await api('POST', '/providers', 'bank', { name: { ja: '種別', en: '' }, providerType: 'mainframe' })
    expect(type.statusCode).toBe(400)
    expect((type.json() as Problem).errors!.map((e) => e.path)).toEqual(['body.providerType'])
  })

  it('records dependencies, and refuses unknown or invisible nodes, self-loops and negative hours naming the field', async () => {
    const before = await edgeCount()
    const ok = await api('POST', '/edges', 'clinic', { from: clinicSvc, to: cloud, failover: { kind: 'manual', hours: 30 } })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({ from: clinicSvc, fromKind: 'service', to: cloud, toKind: 'provider', type: 'other', criticality: 'critical', failover: { kind: 'manual', hours: 30 }, ownerOrg: 'clinic-kaede' })

    const refused = async (who: string, body: object, path: string, code: string) => {
      const res = await api('POST', '/edges', who, { from: clinicSvc, to: cloud, ...body })
      expect(res.statusCode, `${path} ${res.body}`).toBe(422)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect((res.json() as Problem).errors).toEqual([expect.objectContaining({ path, code })])
    }
    await refused('clinic', { to: randomUUID() }, 'body.to', 'dependencies.unknown_node')
    // Another operator's service answers exactly like a missing one: nothing about it leaks.
    await refused('clinic', { to: bankSvc }, 'body.to', 'dependencies.unknown_node')
    await refused('clinic', { from: tsubakiSvc, to: cloud }, 'body.from', 'dependencies.unknown_node')
    await refused('clinic', { to: clinicSvc }, 'body.to', 'dependencies.self_loop')
    await refused('clinic', { to: power, failover: { kind: 'manual', hours: -2 } }, 'body.failover.hours', 'dependencies.negative_duration')
    await refused('clinic', { to: power, alternatives: [randomUUID()] }, 'body.alternatives.0', 'dependencies.unknown_node')
    await refused('clinic', { to: power, alternatives: [clinicSvc] }, 'body.alternatives.0', 'dependencies.alternative_is_end')
    await refused('clinic', {}, 'body.to', 'dependencies.edge_duplicate')
    // A provider's dependencies are its registrant's and the NCO's to record.
    const notYours = await api('POST', '/edges', 'bank', { from: cloud, to: power })
    expect(notYours.statusCode).toBe(403)
    const badKind = await api('POST', '/edges', 'clinic', { from: clinicSvc, to: power, criticality: 'fatal' })
    expect(badKind.statusCode).toBe(400)
    expect((badKind.json() as Problem).errors!.map((e) => e.path)).toEqual(['body.criticality'])
    expect(await edgeCount()).toBe(before + 1)

    // Provider → provider by its registrant; a cross-operator dependency by the ministry in charge (S14); a cycle by the NCO.
    expect((await api('POST', '/edges', 'clinic', { from: cloud, to: power })).statusCode).toBe(201)
    expect((await api('POST', '/edges', 'mhlw', { from: tsubakiSvc, to: clinicSvc })).statusCode).toBe(201)
    expect((await api('POST', '/edges', 'fsa', { from: bankSvc, to: cloud })).statusCode).toBe(201)
    expect((await api('POST', '/edges', 'nco', { from: bankSvc, to: clinicSvc, criticality: 'degraded' })).statusCode).toBe(201)
    expect((await api('POST', '/edges', 'nco', { from: clinicSvc, to: bankSvc, failover: { kind: 'automatic' } })).statusCode).toBe(201)
    // The FSA does not govern the clinic: its service is unknown to it.
    const fsaTry = await api('POST', '/edges', 'fsa', { from: clinicSvc, to: power })
    expect(fsaTry.statusCode).toBe(422)
    expect((fsaTry.json() as Problem).errors![0]).toMatchObject({ path: 'body.from', code: 'dependencies.unknown_node' })
    expect(await edgeCount()).toBe(before + 6)
  })

  it('shows each caller only the edges whose two ends it may read', async () => {
    const ends = async (who: string) => ((await api('GET', '/edges', who)).json() as Edge[]).map((e) => `${e.from}>${e.to}`).sort()
    const all = [`${clinicSvc}>${cloud}`, `${cloud}>${power}`, `${tsubakiSvc}>${clinicSvc}`, `${bankSvc}>${cloud}`, `${bankSvc}>${clinicSvc}`, `${clinicSvc}>${bankSvc}`]
    expect(await ends('nco')).toEqual([...all].sort())
    expect(await ends('clinic')).toEqual([`${clinicSvc}>${cloud}`, `${cloud}>${power}`].sort())
    expect(await ends('tsubaki')).toEqual([`${cloud}>${power}`])
    expect(await ends('bank')).toEqual([`${bankSvc}>${cloud}`, `${cloud}>${power}`].sort())
    expect(await ends('mhlw')).toEqual([`${clinicSvc}>${cloud}`, `${cloud}>${power}`, `${tsubakiSvc}>${clinicSvc}`].sort())
    expect(await ends('fsa')).toEqual([`${bankSvc}>${cloud}`, `${cloud}>${power}`].sort())
    expect(await ends('ceptoar')).toEqual([`${cloud}>${power}`])
    const clinicRaw = (await api('GET', '/edges', 'clinic')).body
    expect(clinicRaw).not.toContain(bankSvc)
    expect(clinicRaw).not.toContain(tsubakiSvc)
    const one = await api('GET', `/edges?node=${clinicSvc}`, 'mhlw')
    expect((one.json() as Edge[]).every((e) => e.from === clinicSvc || e.to === clinicSvc)).toBe(true)
    expect(one.json()).toHaveLength(2)
  })

  it('changes and deletes an edge only for whoever may write its `from`; others get 404 or 403', async () => {
    const edges = (await api('GET', '/edges', 'nco')).json() as Edge[]
    const clinicEdge = edges.find((e) => e.from === clinicSvc && e.to === cloud)!
    const body = { from: clinicSvc, to: cloud, failover: { kind: 'manual', hours: 30 }, alternatives: [] }
    expect((await api('PUT', `/edges/${clinicEdge.id}`, 'tsubaki', body)).statusCode).toBe(404)
    expect((await api('DELETE', `/edges/${clinicEdge.id}`, 'bank')).statusCode).toBe(404)
    const providerEdge = edges.find((e) => e.from === cloud)!
    expect((await api('DELETE', `/edges/${providerEdge.id}`, 'bank')).statusCode).toBe(403)
    const before = await auditCount()
    const changed = await api('PUT', `/edges/${clinicEdge.id}`, 'mhlw', { ...body, failover: { kind: 'manual', hours: 36 } })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().failover).toEqual({ kind: 'manual', hours: 36 })
    const back = await api('PUT', `/edges/${clinicEdge.id}`, 'clinic', body)
    expect(back.json().failover).toEqual({ kind: 'manual', hours: 30 })
    expect(await auditCount()).toBe(before + 2)
    // A provider still named by an edge cannot be deleted.
    const inUse = await api('DELETE', `/providers/${power}`, 'nco')
    expect(inUse.statusCode).toBe(409)
    expect(inUse.json().code).toBe('dependencies.provider_in_use')
  })

  it('exports the visible graph as JSON, filtered by sector and prefecture, and as a download', async () => {
    const graph = async (who: string, query = '') => (await api('GET', `/graph${query}`, who)).json() as { nodes: { id: string; kind: string; nameEn: string }[]; edges: { from: string; to: string }[] }
    const national = await graph('nco')
    expect(national.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([clinicSvc, tsubakiSvc, bankSvc, cloud, power]))
    expect(national.edges).toHaveLength(6)
    expect(national.nodes.find((n) => n.id === bankSvc)).toMatchObject({ kind: 'service', name: 'しののめ決済', nameEn: 'しののめ決済 (en)', sector: 'finance', mtpdHours: 4 })

    const clinic = await graph('clinic')
    expect(clinic.nodes.map((n) => n.id).sort()).toEqual([clinicSvc, cloud, power].sort())
    const clinicText = JSON.stringify(clinic)
    for (const hidden of [bankSvc, tsubakiSvc, 'しののめ決済', 'つばき処方']) expect(clinicText).not.toContain(hidden)

    const mhlw = await graph('mhlw')
    expect(mhlw.nodes.map((n) => n.id).sort()).toEqual([clinicSvc, tsubakiSvc, cloud, power].sort())
    expect(await graph('ceptoar')).toEqual({ nodes: [], edges: [] })

    const finance = await graph('nco', '?sector=finance')
    // The bank service and what it depends on: the cloud, its power, and the clinic service (and the clinic's own dependencies).
    expect(finance.nodes.map((n) => n.id).sort()).toEqual([bankSvc, cloud, power, clinicSvc].sort())
    const osaka = await graph('nco', '?prefecture=27')
    expect(osaka.nodes.map((n) => n.id)).toContain(bankSvc)
    expect(osaka.nodes.map((n) => n.id)).not.toContain(tsubakiSvc)

    const file = await api('GET', '/graph?download=1', 'nco')
    expect(file.headers['content-disposition']).toContain('dependency-graph.json')
    expect(JSON.parse(file.body).nodes).toHaveLength(national.nodes.length)
    const bad = await api('GET', '/graph?prefecture=tokyo', 'nco')
    expect(bad.statusCode).toBe(400)
    expect((bad.json() as Problem).errors!.map((e) => e.path)).toEqual(['querystring.prefecture'])
  })

  it('simulates cascades over the visible graph, cycles included, with failover deciding who passes its MTPD', async () => {
    const run = async (who: string, body: object) => {
      const res = await api('POST', '/simulate', who, body)
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { nodes: { id: string; down: { start: number; end: number }[] }[]; servicesExceedingMtpd: string[]; sectorsTouched: string[]; peakPeopleAffected: number }
    }
    // Power down 48 h: the cloud stops at once; the clinic rides out 30 h (manual failover) and is down 18 h < its 24 h MTPD;
    // the bank (no failover) is down 48 h > 4 h; tsubaki depends on the clinic and follows it; the clinic → bank edge is automatic.
    const short = await run('nco', { nodes: [power], hours: 48 })
    const down = (r: typeof short, id: string) => r.nodes.find((n) => n.id === id)!.down
    expect(down(short, cloud)).toEqual([{ start: 0, end: 48 }])
    expect(down(short, clinicSvc)).toEqual([{ start: 30, end: 48 }])
    expect(down(short, tsubakiSvc)).toEqual([{ start: 30, end: 48 }])
    expect(down(short, bankSvc)).toEqual([{ start: 0, end: 48 }])
    expect(short.servicesExceedingMtpd).toEqual([bankSvc])
    expect(short.peakPeopleAffected).toBe(1_000_000 + 5000 + 3000)
    // Long enough that the clinic's 24 h MTPD is passed too.
    const long = await run('nco', { nodes: [power], hours: 60 })
    expect(long.servicesExceedingMtpd.sort()).toEqual([bankSvc, clinicSvc].sort())

    // The clinic's own view has no bank in it at all.
    const clinicView = await run('clinic', { nodes: [cloud], hours: 60 })
    expect(clinicView.nodes.map((n) => n.id).sort()).toEqual([clinicSvc, cloud, power].sort())
    expect(clinicView.servicesExceedingMtpd).toEqual([clinicSvc])
    // A node outside the caller's graph is unknown to it, exactly like one that does not exist.
    for (const id of [bankSvc, randomUUID()]) {
      const res = await api('POST', '/simulate', 'clinic', { nodes: [cloud, id], hours: 5 })
      expect(res.statusCode).toBe(422)
      expect((res.json() as Problem).errors).toEqual([expect.objectContaining({ path: 'body.nodes.1', code: 'dependencies.unknown_node' })])
    }
    const negative = await api('POST', '/simulate', 'nco', { nodes: [power], hours: -1 })
    expect(negative.statusCode).toBe(400)
    expect((negative.json() as Problem).errors!.map((e) => e.path)).toEqual(['body.hours'])
    // A whole prefecture: Tokyo down takes everything located only in Tokyo, not the bank (also in Osaka) directly.
    const tokyo = await run('nco', { prefectures: ['13'], hours: 10 })
    expect(down(tokyo, power)).toEqual([{ start: 0, end: 10 }])
    expect(down(tokyo, bankSvc)).toEqual([{ start: 0, end: 10 }])
  })

  it('ranks single points of failure over the caller\'s graph only', async () => {
    const spof = async (who: string, hours = 72) => {
      const res = await api('GET', `/spof?hours=${hours}`, who)
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { hours: number; entries: { id: string; kind: string; peopleAffected: number; servicesPastMtpd: string[]; reason: { code: string } }[] }
    }
    const national = await spof('nco')
    expect(national.hours).toBe(72)
    const byId = new Map(national.entries.map((e) => [e.id, e]))
    // Power and the cloud each take the bank (4 h) and the clinic (30 h failover, so 42 h > 24 h) past their MTPD
    // in 72 h; tsubaki follows the clinic for the same 42 h, within its 48 h.
    for (const id of [power, cloud]) {
      expect(byId.get(id)?.servicesPastMtpd.sort()).toEqual([bankSvc, clinicSvc].sort())
      expect(byId.get(id)?.peopleAffected).toBe(1_000_000 + 5000)
    }
    // The clinic alone stops tsubaki for the whole 72 h.
    expect(byId.get(clinicSvc)?.servicesPastMtpd).toEqual([clinicSvc, tsubakiSvc])
    expect(byId.get(cloud)?.reason.code).toBe('direct_dependency')
    expect(national.entries[0]!.peopleAffected).toBeGreaterThanOrEqual(national.entries.at(-1)!.peopleAffected)

    const clinic = await spof('clinic')
    const allowed = new Set([clinicSvc, cloud, power])
    for (const e of clinic.entries) {
      expect(allowed.has(e.id)).toBe(true)
      for (const s of e.servicesPastMtpd) expect(allowed.has(s)).toBe(true)
    }
    expect(clinic.entries.map((e) => e.id).sort()).toEqual([cloud, power].sort())
    expect((await api('GET', '/spof?hours=0', 'nco')).statusCode).toBe(400)
  })

  it('measures concentration over the visible graph: services, people and sectors hanging on each provider', async () => {
    type Row = { id: string; directDependents: number; services: number; people: number; sectors: string[] }
    const national = (await api('GET', '/concentration', 'nco')).json() as Row[]
    // The clinic and the bank use the cloud directly; tsubaki through the clinic; the power provider carries the cloud.
    expect(national.find((r) => r.id === cloud)).toMatchObject({ directDependents: 2, services: 3, people: 1_000_000 + 5000 + 3000, sectors: ['finance', 'medical'] })
    expect(national.find((r) => r.id === power)).toMatchObject({ directDependents: 1, services: 3, sectors: ['finance', 'medical'] })
    const clinic = (await api('GET', '/concentration', 'clinic')).json() as Row[]
    expect(clinic.find((r) => r.id === cloud)).toMatchObject({ services: 1, people: 5000, sectors: ['medical'] })
    expect(JSON.stringify(clinic)).not.toContain('finance')
  })

  it('weighs the SPOF people-hours per sector by each failure\'s probability (S8), recorded or defaulted', async () => {
    type Entry = { id: string; bySector: { sector: string; peopleHours: number }[] }
    const entries = ((await api('GET', '/spof?hours=72', 'nco')).json() as { entries: Entry[] }).entries
    const res = await api('GET', '/sector-risk?hours=72', 'nco')
    expect(res.statusCode, res.body).toBe(200)
    const sectors = (res.json() as { hours: number; sectors: { sector: string; expectedPeopleHours: number; stopProbability: number; contributors: { id: string; probability: number; defaulted: boolean }[] }[] }).sectors
    const finance = sectors.find((s) => s.sector === 'finance')!
    // The cloud's probability was recorded (0.02); the power provider's and services' are the defaults.
    const probability = (id: string) => (id === cloud ? 0.02 : id === power ? DEFAULT_ANNUAL_FAILURE_PROBABILITY.power : DEFAULT_ANNUAL_FAILURE_PROBABILITY.service)
    for (const sector of sectors) {
      const hits = entries.flatMap((e) => e.bySector.filter((b) => b.sector === sector.sector).map((b) => ({ id: e.id, peopleHours: b.peopleHours })))
      expect(sector.expectedPeopleHours).toBeCloseTo(hits.reduce((sum, h) => sum + probability(h.id) * h.peopleHours, 0), 6)
      expect(sector.stopProbability).toBeCloseTo(1 - hits.reduce((p, h) => p * (1 - probability(h.id)), 1), 12)
    }
    expect(finance.contributors.find((c) => c.id === cloud)).toMatchObject({ probability: 0.02, defaulted: false })
    expect(finance.contributors.find((c) => c.id === power)).toMatchObject({ defaulted: true })
    // The clinic's view holds its own sector only.
    const clinic = (await api('GET', '/sector-risk?hours=72', 'clinic')).json() as { sectors: { sector: string }[] }
    expect(clinic.sectors.map((s) => s.sector)).toEqual(['medical'])
  })

  it('runs Monte-Carlo cascades: reproducible by seed, matching the plain cascade when the duration is fixed', async () => {
    const run = async (body: object, who = 'nco') => {
      const res = await api('POST', '/monte-carlo', who, body)
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { runs: number; seed: number; peopleAffected: { p50: number; max: number }; exceedance: { serviceId: string; probability: number }[] }
    }
    const fixed = await run({ nodes: [power], duration: { kind: 'uniform', minHours: 48, maxHours: 48 }, runs: 25, seed: 3 })
    expect(fixed.runs).toBe(25)
    expect(fixed.peopleAffected).toMatchObject({ p50: 1_008_000, max: 1_008_000 })
    expect(fixed.exceedance).toEqual([{ serviceId: bankSvc, probability: 1 }])
    // Uniform 0–100 h: the clinic (30 h failover, 24 h MTPD) passes its MTPD when the outage lasts over 54 h, so in about 46 % of runs.
    const body = { nodes: [power], duration: { kind: 'uniform', minHours: 0, maxHours: 100 }, runs: 4000, seed: 42 }
    const a = await run(body)
    expect(await run(body)).toEqual(a)
    const clinic = a.exceedance.find((e) => e.serviceId === clinicSvc)!
    expect(clinic.probability).toBeGreaterThan(0.42)
    expect(clinic.probability).toBeLessThan(0.50)
    expect(a.exceedance.find((e) => e.serviceId === bankSvc)!.probability).toBeGreaterThan(0.9)
    const unseeded = await run({ ...body, seed: undefined, runs: 10 })
    expect(Number.isInteger(unseeded.seed)).toBe(true)

    const p90 = await api('POST', '/monte-carlo', 'nco', { nodes: [power], duration: { kind: 'lognormal', medianHours: 24, p90Hours: 12 } })
    expect(p90.statusCode).toBe(422)
    expect((p90.json() as Problem).errors).toEqual([expect.objectContaining({ path: 'body.duration.p90Hours' })])
    const tooMany = await api('POST', '/monte-carlo', 'nco', { nodes: [power], duration: { kind: 'uniform', minHours: 0, maxHours: 1 }, runs: 10_001 })
    expect(tooMany.statusCode).toBe(400)
    expect((tooMany.json() as Problem).errors!.map((e) => e.path)).toEqual(['body.runs'])
    const hidden = await api('POST', '/monte-carlo', 'clinic', { nodes: [bankSvc], duration: { kind: 'uniform', minHours: 0, maxHours: 1 } })
    expect(hidden.statusCode).toBe(422)
    expect((hidden.json() as Problem).errors).toEqual([expect.objectContaining({ path: 'body.nodes.0', code: 'dependencies.unknown_node' })])
  })

  it('a deleted service leaves no dependency behind in any graph, and does not pin the provider it used', async () => {
    const gone = await storeService(env.ctx, { operatorId: 'clinic-kaede', sector: 'medical', nameJa: 'かえで閉鎖予定' })
    const provider = (await api('POST', '/providers', 'clinic', { name: { ja: '一時的な通信', en: '' }, providerType: 'telecom' })).json().id as string
    expect((await api('POST', '/edges', 'clinic', { from: gone, to: provider })).statusCode).toBe(201)
    expect((await api('DELETE', `/providers/${provider}`, 'clinic')).statusCode).toBe(409)
    const deleted = await env.app.inject({ method: 'DELETE', url: `/api/v1/services/${gone}`, headers: h.clinic! })
    expect(deleted.statusCode, deleted.body).toBe(204)
    expect((await api('GET', '/edges', 'nco')).body).not.toContain(gone)
    expect(JSON.stringify((await api('GET', '/graph', 'nco')).json())).not.toContain(gone)
    expect((await api('DELETE', `/providers/${provider}`, 'clinic')).statusCode).toBe(204)
  })

  it('records the type of a dependency: listed, in the graph JSON, kept when a change leaves it out, refused when unknown naming the field', async () => {
    const pharmacy = await storeService(env.ctx, { operatorId: 'clinic-kaede', sector: 'medical', nameJa: 'かえで院内薬局' })
    const grid = (await api('POST', '/providers', 'nco', { name: { ja: '種別テスト配電', en: 'Type test grid' }, providerType: 'power' })).json().id as string
    const network = (await api('POST', '/providers', 'nco', { name: { ja: '種別テスト回線', en: 'Type test line' }, providerType: 'telecom' })).json().id as string
    const before = await edgeCount()

    const unknown = await api('POST', '/edges', 'clinic', { from: pharmacy, to: grid, type: 'fuel' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect((unknown.json() as Problem).errors!.map((e) => e.path)).toEqual(['body.type'])
    expect(await edgeCount()).toBe(before)

    const power = await api('POST', '/edges', 'clinic', { from: pharmacy, to: grid, type: 'power', failover: { kind: 'manual', hours: 6 } })
    expect(power.statusCode, power.body).toBe(201)
    expect(power.json()).toMatchObject({ type: 'power', criticality: 'critical' })
    const line = await api('POST', '/edges', 'clinic', { from: pharmacy, to: network })
    expect(line.json()).toMatchObject({ type: 'other' })

    const typeOf = async (who: string) => new Map(((await api('GET', `/edges?node=${pharmacy}`, who)).json() as (Edge & { type: string })[]).map((e) => [e.to, e.type]))
    expect(await typeOf('clinic')).toEqual(new Map([[grid, 'power'], [network, 'other']]))
    expect(await typeOf('nco')).toEqual(new Map([[grid, 'power'], [network, 'other']]))

    // A change that leaves the type out keeps it; one that names a type sets it (and is audited).
    const audits = await auditCount()
    const kept = await api('PUT', `/edges/${power.json().id}`, 'clinic', { from: pharmacy, to: grid, failover: { kind: 'manual', hours: 8 } })
    expect(kept.statusCode, kept.body).toBe(200)
    expect(kept.json()).toMatchObject({ type: 'power', failover: { kind: 'manual', hours: 8 } })
    const set = await api('PUT', `/edges/${line.json().id}`, 'mhlw', { from: pharmacy, to: network, type: 'network' })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json().type).toBe('network')
    expect((await api('PUT', `/edges/${line.json().id}`, 'clinic', { from: pharmacy, to: network, type: 'telecom' })).statusCode).toBe(400)
    expect(await auditCount()).toBe(audits + 2)
    expect(await typeOf('clinic')).toEqual(new Map([[grid, 'power'], [network, 'network']]))

    // The graph JSON carries each edge's type, for the NCO and for the operator's own view.
    for (const who of ['nco', 'clinic']) {
      const edges = ((await api('GET', '/graph', who)).json() as { edges: { from: string; to: string; type?: string }[] }).edges
      const types = new Map(edges.filter((e) => e.from === pharmacy).map((e) => [e.to, e.type]))
      expect(types, who).toEqual(new Map([[grid, 'power'], [network, 'network']]))
      expect(edges.every((e) => typeof e.type === 'string'), who).toBe(true)
    }
  })
})
