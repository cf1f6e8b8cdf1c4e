import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import pino from 'pino'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DEMO_PASSWORD, headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { openTestContext } from '../harness/engines.ts'
import { buildApp, LOG_REDACT, LOG_SERIALIZERS } from '../../src/platform/http/app.ts'
import { seedDemo } from '../../src/org/seed/seed.ts'
import { createUser } from '../../src/auth/auth-service.ts'
import type { AppContext } from '../../src/platform/context.ts'
import type { SecuritySettings } from '../../src/platform/context.ts'

/** A demo-seeded app with chosen security settings and options (logger, web root). */
async function openApp(security: Partial<SecuritySettings>, options: Parameters<typeof buildApp>[1] = {}) {
  const ctx = await openTestContext('sqlite', { demo: true, security })
  await seedDemo(ctx, DEMO_PASSWORD)
  const app = await buildApp(ctx, options)
  return { ctx, app, close: async () => { await app.close(); await ctx.close() } }
}

function cookieHeader(res: LightMyRequestResponse, name: string): string {
  const all = [res.headers['set-cookie'] ?? []].flat()
  const found = all.find((c) => c.startsWith(`${name}=`))
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`)
  return found
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(res.json()).toMatchObject({ status, code })
}

const login = (app: FastifyInstance, email: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })

describe('security headers', () => {
  let webRoot: string
  let opened: Awaited<ReturnType<typeof openApp>>

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'kaname-web-'))
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>要</title><div id="root"></div>')
    opened = await openApp({}, { webRoot })
  })
  afterAll(async () => { await opened.close(); rmSync(webRoot, { recursive: true, force: true }) })

  function expectHardened(res: LightMyRequestResponse) {
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toMatch(/^(DENY|SAMEORIGIN)$/)
    expect(res.headers['referrer-policy']).toBeTruthy()
    expect(res.headers['x-powered-by']).toBeUndefined()
  }

  test('on API answers, problems and the web app', async () => {
    const api = await opened.app.inject({ method: 'GET', url: '/api/v1/auth/config' })
    expect(api.statusCode).toBe(200)
    expectHardened(api)

    const problem = await opened.app.inject({ method: 'GET', url: '/api/v1/org/organisations' })
    expectProblem(problem, 401, 'auth.required')
    expectHardened(problem)

    // A client-side route of the single-page app is answered with index.html.
    const html = await opened.app.inject({ method: 'GET', url: '/organisations/clinic-kaede' })
    expect(html.statusCode).toBe(200)
    expect(html.headers['content-type']).toMatch(/^text\/html/)
    expect(html.body).toContain('<div id="root">')
    expectHardened(html)

    // With the web app present, an unknown API path is still a problem, not the page.
    const missing = await opened.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })
    expectProblem(missing, 404, 'route.not_found')
    expectHardened(missing)
  })

  test('HSTS only when cookies are marked Secure (served over TLS)', async () => {
    const plain = await opened.app.inject({ method: 'GET', url: '/api/v1/auth/config' })
    expect(plain.headers['strict-transport-security']).toBeUndefined()
    const tls = await openApp({ secureCookies: true })
    try {
      const res = await tls.app.inject({ method: 'GET', url: '/api/v1/auth/config' })
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    } finally { await tls.close() }
  })
})

describe('session cookies', () => {
  test('HttpOnly + SameSite=Lax, not Secure on plain http; the CSRF cookie is readable by the page', async () => {
    const { app, close } = await openApp({})
    try {
      const res = await login(app, 'clinic@demo.kaname.jp', DEMO_PASSWORD)
      expect(res.statusCode).toBe(200)
      const session = cookieHeader(res, 'kaname_session')
      expect(session).toMatch(/;\s*HttpOnly/i)
      expect(session).toMatch(/;\s*SameSite=Lax/i)
      expect(session).toMatch(/;\s*Path=\//i)
      expect(session).not.toMatch(/;\s*Secure/i)
      const csrf = cookieHeader(res, 'kaname_csrf')
      expect(csrf).not.toMatch(/;\s*HttpOnly/i)
      expect(csrf).toMatch(/;\s*SameSite=Lax/i)
      // The session value is a random secret, not something derived from the user.
      const value = session.split(';')[0]!.split('=')[1]!
      expect(value.length).toBeGreaterThanOrEqual(32)
      expect(value).not.toContain('clinic')
    } finally { await close() }
  })

  test('Secure as well when ctx.security.secureCookies is true', async () => {
    const { ctx, app, close } = await openApp({ secureCookies: true })
    try {
      expect(ctx.security.secureCookies).toBe(true)
      const res = await login(app, 'clinic@demo.kaname.jp', DEMO_PASSWORD)
      expect(res.statusCode).toBe(200)
      for (const name of ['kaname_session', 'kaname_csrf']) expect(cookieHeader(res, name)).toMatch(/;\s*Secure/i)
      expect(cookieHeader(res, 'kaname_session')).toMatch(/;\s*HttpOnly/i)
    } finally { await close() }
  })
})

describe('sign-in abuse', () => {
  let ctx: AppContext
  let app: FastifyInstance
  let close: () => Promise<void>
  beforeAll(async () => { ({ ctx, app, close } = await openDemoApp('sqlite')) })
  afterAll(async () => { await close() })

  test('five wrong passwords lock the account: even the right password is then refused (429 auth.locked), and audited', async () => {
    const email = 'lockout.target@test.kaname.jp'
    const password = 'Lockout-Target-Passphrase-7'
    const userId = await createUser(ctx, 'system', { email, displayName: 'ロックアウト', password, locale: 'ja', organisationId: 'clinic-kaede', role: 'viewer' })
    expect(ctx.security.lockout.maxFailures).toBe(5)

    for (let attempt = 1; attempt <= 4; attempt++) expectProblem(await login(app, email, `wrong-${attempt}-passphrase`), 401, 'auth.invalid_credentials')
    // The fifth failure reaches the limit and says so.
    expectProblem(await login(app, email, 'wrong-5-passphrase'), 429, 'auth.locked')
    expectProblem(await login(app, email, password), 429, 'auth.locked')

    // Another account is not affected.
    expect((await login(app, 'clinic@demo.kaname.jp', DEMO_PASSWORD)).statusCode).toBe(200)

    const nco = await signInAs(app, 'nco@demo.kaname.jp')
    const entries = (await app.inject({ method: 'GET', url: '/api/v1/audit/entries?limit=500', headers: headersFor(nco) })).json() as { action: string; targetId: string }[]
    const mine = entries.filter((e) => e.targetId === userId).map((e) => e.action)
    expect(mine).toContain('auth.locked')
    expect(mine.filter((a) => a === 'auth.sign_in_failed')).toHaveLength(4)
    expect(mine).not.toContain('auth.sign_in')
  })

  test('the login route is rate-limited per client (4th of max 3 → 429)', async () => {
    const limited = await openApp({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } })
    try {
      for (let i = 0; i < 3; i++) expectProblem(await login(limited.app, `nobody-${i}@test.kaname.jp`, 'whatever-passphrase'), 401, 'auth.invalid_credentials')
      const fourth = await login(limited.app, 'clinic@demo.kaname.jp', DEMO_PASSWORD)
      expectProblem(fourth, 429, 'request.rate_limited')
      // Only sign-in is limited: the rest of the API still answers.
      expect((await limited.app.inject({ method: 'GET', url: '/api/v1/auth/config' })).statusCode).toBe(200)
    } finally { await limited.close() }
  })
})

describe('logs', () => {
  test('carry no password, token secret, session or CSRF value, nor e-mail address', async () => {
    const lines: string[] = []
    const sink = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done() } })
    // The serve command's logger configuration, at the most verbose level.
    const logger = pino({ level: 'trace', redact: LOG_REDACT, serializers: LOG_SERIALIZERS }, sink)
    const { app, close } = await openApp({}, { loggerInstance: logger as never })
    try {
      const failed = await login(app, 'clinic@demo.kaname.jp', 'Wrong-Passphrase-For-Logs')
      expect(failed.statusCode).toBe(401)
      const res = await login(app, 'nco@demo.kaname.jp', DEMO_PASSWORD)
      expect(res.statusCode).toBe(200)
      const sessionValue = cookieHeader(res, 'kaname_session').split(';')[0]!.split('=')[1]!
      const csrfValue = cookieHeader(res, 'kaname_csrf').split(';')[0]!.split('=')[1]!
      const headers = { cookie: `kaname_session=${sessionValue}; kaname_csrf=${csrfValue}`, 'x-csrf-token': csrfValue }
      const created = await app.inject({ method: 'POST', url: '/api/v1/org/tokens', headers, payload: { name: 'log-check', role: 'viewer', expiresInDays: 1 } })
      expect(created.statusCode).toBe(201)
      const secret = (created.json() as { secret: string }).secret
      const used = await app.inject({ method: 'GET', url: `/api/v1/org/organisations?kind=ministry`, headers: { authorization: `Bearer ${secret}` } })
      expect(used.statusCode).toBe(200)
      // A member with an e-mail address in the body, and a query string carrying a secret-looking value.
      await app.inject({ method: 'POST', url: '/api/v1/org/organisations/nco/members', headers, payload: { email: 'logged.member@test.kaname.jp', displayName: 'ログ', role: 'viewer' } })
      await app.inject({ method: 'GET', url: `/api/v1/org/organisations?token=${secret}`, headers })

      const text = lines.join('')
      // The capture works: requests were logged, so an absence below means something.
      expect(text).toContain('/api/v1/auth/login')
      expect(text).toContain('/api/v1/org/tokens')
      for (const forbidden of [DEMO_PASSWORD, 'Wrong-Passphrase-For-Logs', secret, secret.split('.')[1]!, sessionValue, csrfValue,
        'nco@demo.kaname.jp', 'clinic@demo.kaname.jp', 'logged.member@test.kaname.jp']) {
        expect(text.includes(forbidden), `log contains ${forbidden.slice(0, 12)}…`).toBe(false)
      }
    } finally { await close() }
  })
})

describe('request plumbing', () => {
  let app: FastifyInstance
  let close: () => Promise<void>
  beforeAll(async () => { ({ app, close } = await openDemoApp('sqlite')) })
  afterAll(async () => { await close() })

  test('x-request-id is echoed when well-formed, generated otherwise, and quoted in problems', async () => {
    const given = await app.inject({ method: 'GET', url: '/api/v1/auth/config', headers: { 'x-request-id': 'client-req-0001' } })
    expect(given.headers['x-request-id']).toBe('client-req-0001')

    const generated = await app.inject({ method: 'GET', url: '/api/v1/auth/config' })
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const again = await app.inject({ method: 'GET', url: '/api/v1/auth/config' })
    expect(again.headers['x-request-id']).not.toBe(generated.headers['x-request-id'])

    // Whatever a client sends is not copied into headers or logs unless it is a plain identifier.
    const hostile = await app.inject({ method: 'GET', url: '/api/v1/auth/config', headers: { 'x-request-id': 'evil id\twith spaces' } })
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)

    const problem = await app.inject({ method: 'GET', url: '/api/v1/org/sectors', headers: { 'x-request-id': 'client-req-0002' } })
    expect(problem.statusCode).toBe(401)
    expect(problem.headers['x-request-id']).toBe('client-req-0002')
  })

  test('an unknown /api route is a 404 problem+json, for every method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/v1/no/such/route?x=1' })
      expectProblem(res, 404, 'route.not_found')
      expect(res.json()).toMatchObject({ instance: '/api/v1/no/such/route' })
    }
    expectProblem(await app.inject({ method: 'GET', url: '/api/nothing' }), 404, 'route.not_found')
  })
})
