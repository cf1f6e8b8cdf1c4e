import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs, type Session } from '../harness/demo.ts'
import { DEMO_ORGANISATIONS } from '../../src/org/seed/demo-data.ts'
import { verifyAuditChain } from '../../src/audit/store/audit-repository.ts'

describeEachEngine('organisations API', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let nco: Session
  let mhlw: Session
  let clinic: Session

  beforeAll(async () => {
    env = await openDemoApp(engine)
    nco = await signInAs(env.app, 'nco@demo.kaname.jp')
    mhlw = await signInAs(env.app, 'mhlw@demo.kaname.jp')
    clinic = await signInAs(env.app, 'clinic@demo.kaname.jp')
  })
  afterAll(async () => env?.close())

  const operator = (overrides: Record<string, unknown> = {}) => ({
    name: 'テスト記念病院', nameEn: 'Test Memorial Hospital', kind: 'operator', sectors: ['medical'], prefectureCode: '26', ...overrides,
  })

  it('lets a ministry create an operator in its own sector, and records it in the audit chain', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/org/organisations', headers: headersFor(mhlw), payload: operator() })
    expect(res.statusCode).toBe(201)
    const created = res.json()
    expect(created).toMatchObject({ name: 'テスト記念病院', kind: 'operator', sectors: ['medical'], prefectureCode: '26' })
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations?kind=operator', headers: headersFor(mhlw) })
    expect(list.json().map((o: { id: string }) => o.id)).toContain(created.id)
    const entries = await env.ctx.database.db.selectFrom('audit_entry').selectAll().where('target_id', '=', created.id).execute()
    expect(entries.map((e) => e.action)).toEqual(['org.create'])
    expect((await verifyAuditChain(env.ctx.database.db)).ok).toBe(true)
  })

  it('refuses a ministry creating an operator outside its jurisdiction', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/org/organisations', headers: headersFor(mhlw), payload: operator({ sectors: ['finance'] }) })
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
  })

  it('names the unknown sector and prefecture and stores nothing', async () => {
    const before = (await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations', headers: headersFor(nco) })).json().length
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/org/organisations', headers: headersFor(nco), payload: operator({ sectors: ['medical', 'space'], prefectureCode: '48' }) })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.prefectureCode')
    const res2 = await env.app.inject({ method: 'POST', url: '/api/v1/org/organisations', headers: headersFor(nco), payload: operator({ sectors: ['medical', 'space'] }) })
    expect(res2.statusCode).toBe(422)
    expect(res2.json().errors).toEqual([{ path: 'body.sectors.1', message: 'unknown sector "space"' }])
    const after = (await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations', headers: headersFor(nco) })).json().length
    expect(after).toBe(before)
  })

  it('lets the NCO add a sector with its ministry, which then widens that ministry\'s view', async () => {
    const res = await env.app.inject({ method: 'PUT', url: '/api/v1/org/sectors/space', headers: headersFor(nco), payload: { nameJa: '宇宙', nameEn: 'Space', ministryIds: ['mic'] } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({ id: 'space', nameJa: '宇宙', nameEn: 'Space', ministryIds: ['mic'] })
    const bad = await env.app.inject({ method: 'PUT', url: '/api/v1/org/sectors/space', headers: headersFor(nco), payload: { nameJa: '宇宙', nameEn: 'Space', ministryIds: ['clinic-kaede'] } })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors[0].path).toBe('body.ministryIds.0')
    const byMinistry = await env.app.inject({ method: 'PUT', url: '/api/v1/org/sectors/space', headers: headersFor(mhlw), payload: { nameJa: 'x', nameEn: 'x', ministryIds: [] } })
    expect(byMinistry.statusCode).toBe(403)
  })

  it('does not let an operator change its own designation', async () => {
    const res = await env.app.inject({ method: 'PATCH', url: '/api/v1/org/organisations/clinic-kaede', headers: headersFor(clinic), payload: { esDesignated: true } })
    expect(res.statusCode).toBe(403)
    const renamed = await env.app.inject({ method: 'PATCH', url: '/api/v1/org/organisations/clinic-kaede', headers: headersFor(clinic), payload: { nameEn: 'Kaede Clinic' } })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json().nameEn).toBe('Kaede Clinic')
  })

  it('adds and removes members, but never the last admin', async () => {
    const added = await env.app.inject({ method: 'POST', url: '/api/v1/org/organisations/clinic-kaede/members', headers: headersFor(clinic), payload: { email: 'nurse@example.jp', displayName: '看護 太郎', role: 'viewer' } })
    expect(added.statusCode).toBe(201)
    const members = (await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations/clinic-kaede/members', headers: headersFor(clinic) })).json()
    expect(members.map((m: { email: string }) => m.email).sort()).toEqual(['clinic@demo.kaname.jp', 'nurse@example.jp'])
    const removed = await env.app.inject({ method: 'DELETE', url: `/api/v1/org/organisations/clinic-kaede/members/${added.json().userId}`, headers: headersFor(clinic) })
    expect(removed.statusCode).toBe(204)
    const self = members.find((m: { email: string }) => m.email === 'clinic@demo.kaname.jp')
    const last = await env.app.inject({ method: 'DELETE', url: `/api/v1/org/organisations/clinic-kaede/members/${self.userId}`, headers: headersFor(clinic) })
    expect(last.statusCode).toBe(409)
    expect(last.json().code).toBe('org.last_admin')
    const stillMember = (await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations/clinic-kaede/members', headers: headersFor(clinic) })).json()
    expect(stillMember).toHaveLength(1)
  })

  it('switches the acting organisation only to one of the user\'s own', async () => {
    const consultant = await signInAs(env.app, 'consultant@demo.kaname.jp')
    const me = (await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: headersFor(consultant) })).json()
    expect(me.memberships).toHaveLength(2)
    const other = me.memberships.find((m: { organisationId: string }) => m.organisationId !== me.activeOrganisationId).organisationId
    const switched = await env.app.inject({ method: 'POST', url: '/api/v1/auth/active-organisation', headers: headersFor(consultant), payload: { organisationId: other } })
    expect(switched.json().activeOrganisationId).toBe(other)
    const seen = await env.app.inject({ method: 'GET', url: `/api/v1/org/organisations/${other}`, headers: headersFor(consultant) })
    expect(seen.statusCode).toBe(200)
    const refused = await env.app.inject({ method: 'POST', url: '/api/v1/auth/active-organisation', headers: headersFor(consultant), payload: { organisationId: 'nco' } })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors[0].path).toBe('body.organisationId')
  })
})

describe('demo data as served', () => {
  it('has at least one operator of every sector in the seed', () => {
    const sectors = new Set(DEMO_ORGANISATIONS.filter((o) => o.kind === 'operator').flatMap((o) => o.sectorIds))
    expect(sectors.size).toBe(15)
  })
})
