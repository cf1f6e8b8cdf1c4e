import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import type { AppContext } from '../../src/platform/context.ts'
import type { Scope } from '../../src/authz/domain/scope.ts'
import { createDevice } from '../../src/assets/devices-service.ts'
import { decideException, requestException } from '../../src/assets/exceptions-service.ts'
import type { ExceptionInput } from '../../src/assets/domain/exceptions.ts'
import { createPlan } from '../../src/assets/replacement-plans-service.ts'

/**
 * Closed-network exceptions and replacement plans through the HTTP API on both engines (issue 6 items 5 and 6):
 * S6 refusals naming the field and the reason, who reads and decides what, status and overdue flags from the
 * clock, one audit entry per change, and the per-sector overview with its suppression rule.
 */

type Headers = Record<string, string>
interface Problem { status: number; code: string; errors?: { path: string; code?: string; params?: Record<string, string | number> }[] }
interface ExceptionOut {
  id: string; operatorId: string; deviceId: string; cveId: string | null; status: string; decision: string; active: boolean; selfApproved: boolean | null
  decidedBy: string | null; decidedByRole: string | null; decidedOn: string | null; claims: string[]; expiresOn: string
  compensatingControls: { kind: string; description: string; claims: string[]; substantive: boolean }[]
}
interface PlanOut { id: string; deviceIds: string[]; kind: string; overdue: boolean; status: string; budgetJpy: number | null; targetDate: string }
interface OverviewRow { sectorId: string; operatorCount: number; suppressed: boolean; reason: string | null; counts: Record<string, number> | null }

const DAY = 86_400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

describeEachEngine('closed-network exceptions and replacement plans API', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let clinic: Headers, clinicToken: Headers, mhlw: Headers, nco: Headers, fsa: Headers, tsubaki: Headers, mlit: Headers, ceptoar: Headers
  let clinicUserId: string
  let today: string
  let serial = 0
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    env.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const count = async (table: 'asset_exception' | 'asset_replacement_plan' | 'audit_entry') =>
    Number((await env.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const inDays = (n: number) => isoDay(new Date(env.ctx.now().getTime() + n * DAY))
  const device = async (headers: Headers, over: Record<string, unknown> = {}) => {
    const res = await inject('POST', '/api/v1/assets/devices', headers, { assetId: `EXC-${serial++}`, vendor: 'Siemens', product: 'SIMATIC S7-1500', version: 'V2.3', role: 'plc', closedNetwork: true, ...over })
    expect(res.statusCode, res.body).toBe(201)
    return (res.json() as { id: string }).id
  }
  const body = (deviceId: string, controls: { kind: string; description: string }[], over: Record<string, unknown> = {}) =>
    ({ deviceId, cveId: null, compensatingControls: controls, reason: '生産ラインを止められないため', expiresOn: inDays(365), ...over })
  const segmentation = { kind: 'network_segmentation', description: 'HMI セグメントからの 102/tcp のみファイアウォールで許可' }
  /** A valid request for the services, expiring on `expiresOn` (a year ahead by default). */
  const exceptionInput = (deviceId: string, expiresOn = inDays(365)): ExceptionInput => ({ deviceId, cveId: null, compensatingControls: [segmentation], reason: '停止できない', expiresOn })

  beforeAll(async () => {
    env = await openDemoApp(engine)
    today = isoDay(env.ctx.now())
    const as = async (email: string) => headersFor(await signInAs(env.app, email))
    ;[clinic, mhlw, nco, fsa, tsubaki, mlit, ceptoar] = await Promise.all(['clinic', 'mhlw', 'nco', 'fsa', 'clinic-tsubaki', 'mlit', 'ceptoar-medical']
      .map((who) => as(`${who}@demo.kaname.jp`))) as [Headers, Headers, Headers, Headers, Headers, Headers, Headers]
    clinicUserId = (await env.ctx.database.db.selectFrom('app_user').select('id').where('email', '=', 'clinic@demo.kaname.jp').executeTakeFirstOrThrow()).id
    const token = await inject('POST', '/api/v1/org/tokens', clinic, { name: 'exceptions test', role: 'admin', expiresInDays: 30 })
    expect(token.statusCode, token.body).toBe(201)
    clinicToken = { authorization: `Bearer ${(token.json() as { secret: string }).secret}` }
  }, 120_000)
  afterAll(async () => env?.close())

  it('refuses "closed network" or "proprietary protocol" alone, naming compensatingControls and the reason; a real control makes it acceptable', async () => {
    const deviceId = await device(clinic)
    const before = { exceptions: await count('asset_exception'), audit: await count('audit_entry') }
    for (const controls of [
      [{ kind: 'closed_network', description: '閉域網で運用' }],
      [{ kind: 'closed_network', description: '閉域網' }, { kind: 'proprietary_protocol', description: 'ベンダー独自の通信' }],
      [{ kind: 'other', description: '閉域網のため外部からアクセスできない' }],
      [{ kind: 'network_monitoring', description: 'Air-gapped network, proprietary protocol: no monitoring needed' }],
    ]) {
      const res = await inject('POST', '/api/v1/assets/exceptions', clinic, body(deviceId, controls))
      expect(res.statusCode, JSON.stringify(controls)).toBe(422)
      const problem = res.json() as Problem
      expect(problem.errors!.map((e) => [e.path, e.code])).toEqual([['body.compensatingControls', 'asset_exception.obscurity_only']])
      expect(res.body).toMatch(/insider/)
    }
    expect(await count('asset_exception')).toBe(before.exceptions)
    expect(await count('audit_entry')).toBe(before.audit)

    const created = await inject('POST', '/api/v1/assets/exceptions', clinic, body(deviceId, [{ kind: 'closed_network', description: '閉域網' }, segmentation]))
    expect(created.statusCode, created.body).toBe(201)
    const exception = created.json() as ExceptionOut
    expect(exception).toMatchObject({ operatorId: 'clinic-kaede', deviceId, cveId: null, status: 'requested', decision: 'requested', active: false, selfApproved: null, claims: ['closed_network'] })
    expect(exception.compensatingControls.map((c) => [c.kind, c.substantive])).toEqual([['closed_network', false], ['network_segmentation', true]])
    expect(await count('audit_entry')).toBe(before.audit + 1)
  })

  it('checks the CVE id, the expiry (required, after today, at most 3 years) and the device (the caller\'s own)', async () => {
    const deviceId = await device(clinic)
    const aobaDevice = (await createDevice(env.ctx, operatorScope('aoba-hospital', 'medical'), { assetId: `AOBA-${serial++}`, vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a' })).id
    const problemOf = async (payload: unknown) => {
      const res = await inject('POST', '/api/v1/assets/exceptions', clinic, payload)
      expect(res.statusCode, res.body).toBe(422)
      return (res.json() as Problem).errors!.map((e) => [e.path, e.code])
    }
    expect(await problemOf(body(deviceId, [segmentation], { expiresOn: '' }))).toEqual([['body.expiresOn', 'asset_exception.expiry_required']])
    expect(await problemOf(body(deviceId, [segmentation], { expiresOn: today }))).toEqual([['body.expiresOn', 'asset_exception.expiry_past']])
    const tooFar = `${Number(today.slice(0, 4)) + 3}-12-31`
    expect(await problemOf(body(deviceId, [segmentation], { expiresOn: tooFar }))).toEqual([['body.expiresOn', 'asset_exception.expiry_too_far']])
    expect(await problemOf(body(deviceId, [segmentation], { cveId: 'CVE-2024' }))).toEqual([['body.cveId', 'asset_exception.cve_format']])
    expect(await problemOf(body(aobaDevice, [segmentation]))).toEqual([['body.deviceId', 'asset_exception.device_unknown']])
    expect(await problemOf(body(deviceId, [{ kind: 'firewal', description: 'x' }]))).toEqual([['body.compensatingControls.0.kind', 'asset_exception.control_unknown']])

    // One exception per device and CVE (or "all open vulnerabilities") waiting or in force.
    expect((await inject('POST', '/api/v1/assets/exceptions', clinic, body(deviceId, [segmentation], { cveId: 'cve-2024-20353' }))).statusCode).toBe(201)
    const again = await inject('POST', '/api/v1/assets/exceptions', clinic, body(deviceId, [segmentation], { cveId: 'CVE-2024-20353' }))
    expect([again.statusCode, (again.json() as Problem).code]).toEqual([409, 'asset_exception.duplicate'])
    expect((await inject('POST', '/api/v1/assets/exceptions', clinic, body(deviceId, [segmentation]))).statusCode).toBe(201)
  })

  it('is read by the operator, its ministry and the NCO only; the operator\'s management decides, as a person', async () => {
    const deviceId = await device(clinic)
    const created = (await inject('POST', '/api/v1/assets/exceptions', clinic, body(deviceId, [segmentation]))).json() as ExceptionOut
    for (const [who, headers, sees] of [['clinic', clinic, true], ['mhlw', mhlw, true], ['nco', nco, true], ['fsa', fsa, false], ['tsubaki', tsubaki, false], ['ceptoar', ceptoar, false]] as const) {
      expect((await inject('GET', `/api/v1/assets/exceptions/${created.id}`, headers)).statusCode, who).toBe(sees ? 200 : 404)
      const list = (await inject('GET', '/api/v1/assets/exceptions?status=requested', headers)).json() as { items: ExceptionOut[] }
      expect(list.items.some((e) => e.id === created.id), who).toBe(sees)
    }
    // Neither the ministry nor another operator decides; an API token is no person to accept a risk.
    expect((await inject('POST', `/api/v1/assets/exceptions/${created.id}/decision`, mhlw, { approve: true })).statusCode).toBe(403)
    expect((await inject('POST', `/api/v1/assets/exceptions/${created.id}/decision`, tsubaki, { approve: true })).statusCode).toBe(404)
    const byToken = await inject('POST', `/api/v1/assets/exceptions/${created.id}/decision`, clinicToken, { approve: true })
    expect([byToken.statusCode, (byToken.json() as Problem).code]).toEqual([403, 'asset_exception.approver_not_person'])
    const noNote = await inject('POST', `/api/v1/assets/exceptions/${created.id}/decision`, clinic, { approve: false })
    expect([noNote.statusCode, (noNote.json() as Problem).errors![0]!.path]).toEqual([422, 'body.note'])

    const audit = await count('audit_entry')
    const approved = await inject('POST', `/api/v1/assets/exceptions/${created.id}/decision`, clinic, { approve: true, note: '院長承認' })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'approved', active: true, decidedBy: clinicUserId, decidedByRole: 'admin', decidedOn: today, selfApproved: true })
    expect(await count('audit_entry')).toBe(audit + 1)
    const seen = (await inject('GET', `/api/v1/assets/exceptions/${created.id}`, mhlw)).json() as ExceptionOut
    expect(seen).toMatchObject({ status: 'approved', decidedBy: clinicUserId })

    // Decided exceptions are history: not revised, not decided again, not withdrawn.
    for (const [method, url, payload] of [
      ['PUT', `/api/v1/assets/exceptions/${created.id}`, body(deviceId, [segmentation], { reason: '変更' })],
      ['POST', `/api/v1/assets/exceptions/${created.id}/decision`, { approve: false, note: 'x' }],
      ['DELETE', `/api/v1/assets/exceptions/${created.id}`, undefined],
    ] as const) {
      const res = await inject(method, url, clinic, payload)
      expect(res.statusCode, `${method} ${url}`).toBe(409)
    }
    expect(await count('audit_entry')).toBe(audit + 1)
  })

  it('revises and withdraws a waiting request, each with one audit entry', async () => {
    const deviceId = await device(clinic)
    const created = (await inject('POST', '/api/v1/assets/exceptions', clinic, body(deviceId, [segmentation]))).json() as ExceptionOut
    const audit = await count('audit_entry')
    const revised = await inject('PUT', `/api/v1/assets/exceptions/${created.id}`, clinic, body(deviceId, [segmentation, { kind: 'removable_media_control', description: 'USB ポートを封印' }], { cveId: 'CVE-2023-44487' }))
    expect(revised.statusCode, revised.body).toBe(200)
    expect((revised.json() as ExceptionOut).compensatingControls.map((c) => c.kind)).toEqual(['network_segmentation', 'removable_media_control'])
    // A revision is judged like a request.
    const closedOnly = await inject('PUT', `/api/v1/assets/exceptions/${created.id}`, clinic, body(deviceId, [{ kind: 'proprietary_protocol', description: '独自プロトコル' }]))
    expect((closedOnly.json() as Problem).errors!.map((e) => e.code)).toEqual(['asset_exception.obscurity_only'])
    expect((await inject('DELETE', `/api/v1/assets/exceptions/${created.id}`, clinic)).statusCode).toBe(204)
    expect((await inject('GET', `/api/v1/assets/exceptions/${created.id}`, clinic)).statusCode).toBe(404)
    expect(await count('audit_entry')).toBe(audit + 2)
  })

  it('computes expired from the clock; deleting the device removes its exceptions and plan links', async () => {
    const deviceId = await device(clinic)
    const other = await device(clinic)
    // Requested and approved 400 days ago for 30 days.
    const past = { ...env.ctx, now: () => new Date(env.ctx.now().getTime() - 400 * DAY) } as AppContext
    const then = isoDay(past.now())
    const scope = managerScope('clinic-kaede', 'medical', clinicUserId)
    const old = await requestException(past, scope, exceptionInput(deviceId, isoDay(new Date(past.now().getTime() + 30 * DAY))))
    expect(old.status).toBe('requested')
    await decideException(past, scope, old.id, { approve: true, note: null })
    expect((await inject('GET', `/api/v1/assets/exceptions/${old.id}`, clinic)).json()).toMatchObject({ status: 'expired', active: false, decision: 'approved', decidedOn: then })
    const expired = (await inject('GET', `/api/v1/assets/exceptions?status=expired&device=${deviceId}`, clinic)).json() as { items: ExceptionOut[] }
    expect(expired.items.map((e) => e.id)).toEqual([old.id])
    expect(((await inject('GET', `/api/v1/assets/exceptions?status=approved&device=${deviceId}`, clinic)).json() as { total: number }).total).toBe(0)
    // An expired exception no longer blocks a new one for the same device.
    expect((await inject('POST', '/api/v1/assets/exceptions', clinic, body(deviceId, [segmentation]))).statusCode).toBe(201)

    const plan = (await inject('POST', '/api/v1/assets/plans', clinic, { title: '更新', deviceIds: [deviceId, other], targetDate: inDays(90), budgetJpy: 5_000_000 })).json() as PlanOut
    expect((await inject('DELETE', `/api/v1/assets/devices/${deviceId}`, clinic)).statusCode).toBe(204)
    expect(((await inject('GET', `/api/v1/assets/exceptions?device=${deviceId}`, clinic)).json() as { total: number }).total).toBe(0)
    expect(((await inject('GET', `/api/v1/assets/plans/${plan.id}`, clinic)).json() as PlanOut).deviceIds).toEqual([other])
  })

  it('replacement plans: one device or a fleet of the caller\'s own, target date and budget, overdue from the clock', async () => {
    const a = await device(clinic)
    const b = await device(clinic)
    const aoba = (await createDevice(env.ctx, operatorScope('aoba-hospital', 'medical'), { assetId: `AOBA-${serial++}`, vendor: 'Moxa', product: 'EDS-510E', version: 'V4.1' })).id
    const audit = await count('audit_entry')
    const fleet = await inject('POST', '/api/v1/assets/plans', clinic, { title: 'PLC 一斉更新', deviceIds: [a, b], targetDate: inDays(200), budgetJpy: 30_000_000, status: 'funded', notes: '来年度予算' })
    expect(fleet.statusCode, fleet.body).toBe(201)
    const created = fleet.json() as PlanOut
    expect(created).toMatchObject({ kind: 'fleet', deviceIds: [a, b], overdue: false, status: 'funded', budgetJpy: 30_000_000 })
    expect(await count('audit_entry')).toBe(audit + 1)

    const refused = await inject('POST', '/api/v1/assets/plans', clinic, { title: 'x', deviceIds: [a, aoba], targetDate: inDays(-1), budgetJpy: -5 })
    expect(refused.statusCode).toBe(422)
    expect((refused.json() as Problem).errors!.map((e) => [e.path, e.code])).toEqual([
      ['body.targetDate', 'asset_plan.target_in_past'], ['body.budgetJpy', 'asset_plan.budget_invalid'], ['body.deviceIds.1', 'asset_plan.device_unknown'],
    ])
    expect((await inject('POST', '/api/v1/assets/plans', mhlw, { title: 'x', deviceIds: [a], targetDate: inDays(10), budgetJpy: null })).statusCode).toBe(403)

    // Planned 400 days ago for 100 days later: open and overdue now; a completed one is never overdue.
    const past = { ...env.ctx, now: () => new Date(env.ctx.now().getTime() - 400 * DAY) } as AppContext
    const late = await createPlan(past, managerScope('clinic-kaede', 'medical', clinicUserId), { title: '遅延', deviceIds: [a], targetDate: isoDay(new Date(past.now().getTime() + 100 * DAY)), budgetJpy: null, status: 'in_progress', notes: null })
    expect(late.overdue).toBe(false)
    expect((await inject('GET', `/api/v1/assets/plans/${late.id}`, clinic)).json()).toMatchObject({ overdue: true, kind: 'device' })
    const overdue = (await inject('GET', '/api/v1/assets/plans?overdue=true', clinic)).json() as { items: PlanOut[] }
    expect(overdue.items.map((p) => p.id)).toContain(late.id)
    expect(overdue.items.map((p) => p.id)).not.toContain(created.id)
    const done = await inject('PUT', `/api/v1/assets/plans/${late.id}`, clinic, { title: '遅延', deviceIds: [a], targetDate: late.targetDate, budgetJpy: 1_000, status: 'completed' })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({ overdue: false, status: 'completed', budgetJpy: 1_000 })

    for (const [who, headers, sees] of [['mhlw', mhlw, true], ['nco', nco, true], ['fsa', fsa, false], ['tsubaki', tsubaki, false]] as const) {
      expect((await inject('GET', `/api/v1/assets/plans/${created.id}`, headers)).statusCode, who).toBe(sees ? 200 : 404)
    }
    expect((await inject('PUT', `/api/v1/assets/plans/${created.id}`, tsubaki, { title: 'x', deviceIds: [a], targetDate: inDays(10), budgetJpy: null })).statusCode).toBe(404)
    expect((await inject('DELETE', `/api/v1/assets/plans/${created.id}`, clinic)).statusCode).toBe(204)
    expect((await inject('GET', `/api/v1/assets/plans/${created.id}`, clinic)).statusCode).toBe(404)
  })

  it('sector overview: counts for the NCO and ministries, groups under 5 operators suppressed for a ministry', async () => {
    const overview = async (headers: Headers) => {
      const res = await inject('GET', '/api/v1/assets/overview', headers)
      expect(res.statusCode, res.body).toBe(200)
      return new Map(((res.json() as { sectors: OverviewRow[] }).sectors).map((r) => [r.sectorId, r]))
    }
    const before = (await overview(nco)).get('medical')!
    // Five medical operators get devices: each one end-of-support device with an approved exception, one more
    // end-of-support device in an open plan, and one current device; the first also gets a waiting request,
    // an expired exception and a completed plan, none of which count.
    const operators = ['aoba-hospital', 'komorebi-medical-center', 'shirakaba-hospital', 'shiosai-hospital', 'harukaze-univ-hospital']
    const past = { ...env.ctx, now: () => new Date(env.ctx.now().getTime() - 400 * DAY) } as AppContext
    const eol = inDays(-30)
    let newOperators = 0
    for (const [i, op] of operators.entries()) {
      const scope = managerScope(op, 'medical', `overview-${op}`)
      const known = await env.ctx.database.db.selectFrom('asset_device').select('id').where('operator_id', '=', op).executeTakeFirst()
      if (!known) newOperators++
      const make = async (endOfSupport: string | null) => (await createDevice(env.ctx, scope, { assetId: `OV-${serial++}`, vendor: 'Siemens', product: 'SCALANCE X200', version: 'V5.2', endOfSupport })).id
      const [excepted, planned, current] = [await make(eol), await make(eol), await make(null)]
      const exception = await requestException(env.ctx, scope, exceptionInput(excepted))
      await decideException(env.ctx, scope, exception.id, { approve: true, note: null })
      await createPlan(env.ctx, scope, { title: '更新', deviceIds: [planned, current], targetDate: inDays(100), budgetJpy: 1_000_000 * (i + 1), status: 'planned', notes: null })
      if (i === 0) {
        await requestException(env.ctx, scope, exceptionInput(current))
        const old = await requestException(past, scope, exceptionInput(planned, isoDay(new Date(past.now().getTime() + 10 * DAY))))
        await decideException(past, scope, old.id, { approve: true, note: null })
        await createPlan(env.ctx, scope, { title: '完了', deviceIds: [excepted], targetDate: inDays(10), budgetJpy: 9_999, status: 'completed', notes: null })
      }
    }
    const n = operators.length
    const after = (await overview(nco)).get('medical')!
    expect(after.suppressed).toBe(false)
    expect(after.operatorCount).toBe(before.operatorCount + newOperators)
    const delta = Object.fromEntries(Object.entries(after.counts!).map(([k, v]) => [k, v - before.counts![k]!]))
    expect(delta).toEqual({
      devices: 3 * n, devicesWithActiveException: n, eolDevices: 2 * n, eolDevicesWithoutPlan: n, devicesInOpenPlan: 2 * n, openPlans: n, overduePlans: 0,
      openPlanBudgetJpy: 1_000_000 * (n * (n + 1)) / 2,
    })

    // The ministry sees exactly its sectors; medical now rests on at least 5 operators and matches the NCO's.
    const ministry = await overview(mhlw)
    expect([...ministry.keys()]).toEqual(['medical'])
    expect(ministry.get('medical')).toEqual(after)

    // Two airport operators with devices: the NCO sees their counts, MLIT (in charge) a suppressed group.
    const airportBefore = (await overview(nco)).get('airport')!
    for (const op of ['wangan-airport', 'inaho-airport']) await createDevice(env.ctx, managerScope(op, 'airport', `overview-${op}`), { assetId: `OV-${serial++}`, vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a', endOfSupport: eol })
    const airport = (await overview(nco)).get('airport')!
    expect(airport).toMatchObject({ operatorCount: 2, suppressed: false })
    expect([airport.counts!.devices! - airportBefore.counts!.devices!, airport.counts!.eolDevices! - airportBefore.counts!.eolDevices!]).toEqual([2, 2])
    const byMlit = await overview(mlit)
    expect(byMlit.get('airport')).toEqual({ sectorId: 'airport', name: expect.anything(), operatorCount: 2, suppressed: true, reason: 'too_few_operators', counts: null })
    expect(byMlit.has('medical')).toBe(false)
    expect(JSON.parse((await inject('GET', '/api/v1/assets/overview?sector=airport', mlit)).body).sectors).toHaveLength(1)
    expect((await inject('GET', '/api/v1/assets/overview?sector=medical', mlit)).statusCode).toBe(404)

    // Operators and sharing bodies do not get the overview.
    expect((await inject('GET', '/api/v1/assets/overview', clinic)).statusCode).toBe(403)
    expect((await inject('GET', '/api/v1/assets/overview', ceptoar)).statusCode).toBe(403)
  })

  it('serves the catalogue with the closedness claims marked', async () => {
    const res = await inject('GET', '/api/v1/assets/exceptions/controls', tsubaki)
    expect(res.statusCode).toBe(200)
    const catalogue = res.json() as { id: string; claim: string | null; label: { ja: string } }[]
    expect(catalogue.filter((c) => c.claim !== null).map((c) => c.id).sort()).toEqual(['closed_network', 'dedicated_os', 'proprietary_protocol'])
    expect(catalogue.find((c) => c.id === 'unidirectional_gateway')!.label.ja).toMatch(/データダイオード/)
  })
})

function operatorScope(id: string, sector: string): Scope {
  return { actor: 'system', userId: null, organisationId: id, organisationKind: 'operator', role: 'admin', sectorIds: [sector] }
}

function managerScope(id: string, sector: string, userId: string): Scope {
  return { actor: `user:${userId}`, userId, organisationId: id, organisationKind: 'operator', role: 'ciso', sectorIds: [sector] }
}
