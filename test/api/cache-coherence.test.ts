import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { openContext } from '../../src/platform/bootstrap.ts'
import { createOrganisation } from '../../src/org/org-service.ts'
import { createUser } from '../../src/auth/auth-service.ts'
import { SYSTEM_ACTOR } from '../../src/authz/domain/scope.ts'
import type { AppContext } from '../../src/platform/context.ts'

/**
 * Scopes and lists are cached per change epoch (the audit head). These tests change state behind a warm
 * cache, including from a second instance on the same database, and expect the very next request to see it.
 */
describeEachEngine('read caches stay coherent', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let other: AppContext

  beforeAll(async () => {
    env = await openDemoApp(engine)
    // A second instance (another server, or the CLI) writing to the same database.
    other = await openContext({ databaseUrl: env.ctx.url, oidc: null })
  })
  afterAll(async () => { await other?.database.close(); await env?.close() })

  const list = async (headers: Record<string, string>) =>
    (await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations?kind=operator', headers })).json().map((o: { name: string }) => o.name) as string[]

  it('shows an organisation created by another instance on the next request', async () => {
    const mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    const before = await list(mhlw)
    expect(await list(mhlw)).toEqual(before)
    const scope = { actor: SYSTEM_ACTOR, userId: null, organisationId: 'nco', organisationKind: 'national_office' as const, role: 'admin' as const, sectorIds: [] }
    await createOrganisation(other, scope, { name: 'キャッシュ検証病院', nameEn: 'Cache Check Hospital', kind: 'operator', sectors: ['medical'], prefectureCode: '01', esDesignated: false, acdDesignated: false, profile: null })
    expect(await list(mhlw)).toContain('キャッシュ検証病院')
  })

  it('ends access as soon as a membership is removed', async () => {
    await createUser(env.ctx, SYSTEM_ACTOR, { email: 'temp-viewer@example.jp', displayName: '一時 閲覧者', password: 'Temporary-Viewer-2026', locale: 'ja', organisationId: 'clinic-kaede', role: 'viewer' })
    const viewer = headersFor(await signInAs(env.app, 'temp-viewer@example.jp', 'Temporary-Viewer-2026'))
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations/clinic-kaede', headers: viewer })).statusCode).toBe(200)
    const admin = headersFor(await signInAs(env.app, 'clinic@demo.kaname.jp'))
    const members = (await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations/clinic-kaede/members', headers: admin })).json()
    const id = members.find((m: { email: string }) => m.email === 'temp-viewer@example.jp').userId
    expect((await env.app.inject({ method: 'DELETE', url: `/api/v1/org/organisations/clinic-kaede/members/${id}`, headers: admin })).statusCode).toBe(204)
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations/clinic-kaede', headers: viewer })).statusCode).toBe(401)
  })

  it('refuses a token revoked by another instance on its next use', async () => {
    const mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    const created = (await env.app.inject({ method: 'POST', url: '/api/v1/org/tokens', headers: mhlw, payload: { name: 'probe', role: 'viewer', expiresInDays: 1 } })).json()
    const bearer = { authorization: `Bearer ${created.secret}` }
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations', headers: bearer })).statusCode).toBe(200)
    const { revokeToken } = await import('../../src/org/org-service.ts')
    const scope = { actor: SYSTEM_ACTOR, userId: null, organisationId: 'mhlw', organisationKind: 'ministry' as const, role: 'admin' as const, sectorIds: ['medical'] }
    expect(await revokeToken(other, scope, created.id)).toBe(true)
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/org/organisations', headers: bearer })).statusCode).toBe(401)
  })
})
