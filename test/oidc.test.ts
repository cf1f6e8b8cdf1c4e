import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import pino from 'pino'
import type { FastifyInstance } from 'fastify'
// @ts-expect-error -- oidc-provider ships no type declarations; the test only drives it through HTTP.
import Provider from 'oidc-provider'
import { buildApp, LOG_REDACT, LOG_SERIALIZERS } from '../src/platform/http/app.ts'
import { seedDemo } from '../src/org/seed/seed.ts'
import { inTransaction } from '../src/platform/db/database.ts'
import { insertUser, findUserByEmail } from '../src/org/store/user-repository.ts'
import { verifyAuditChain } from '../src/audit/store/audit-repository.ts'
import { describeEachEngine, openTestContext } from './harness/engines.ts'
import { DEMO_PASSWORD } from './harness/demo.ts'

/**
 * The whole OIDC round trip against a real identity provider (oidc-provider, the certified Node implementation),
 * both servers listening on loopback, driven the way a browser would: redirects followed by hand, cookies kept in
 * a jar, the IdP's own login and consent forms submitted.
 */

interface TestAccount { email: string; emailVerified: boolean }

const CALLBACK_PATH = '/api/v1/auth/oidc/callback'
const MHLW_EMAIL = 'mhlw@demo.kaname.jp'
const LONER_EMAIL = 'loner@demo.kaname.jp'

/** A port nobody is using right now; the app's redirect URI must be known before the app exists. */
async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

interface StoredCookie { name: string; value: string; host: string; path: string }

/** Enough of RFC 6265 for two loopback servers: host (not port) scoping, paths, deletion by Max-Age/Expires. */
class CookieJar {
  private cookies: StoredCookie[] = []

  store(url: URL, setCookies: string[]) {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim())
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq)
      const value = pair!.slice(eq + 1)
      let path = url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/'
      let expired = false
      for (const attribute of attributes) {
        const [key, val = ''] = attribute.split('=')
        const k = key!.toLowerCase()
        if (k === 'path') path = val
        if (k === 'max-age' && Number(val) <= 0) expired = true
        if (k === 'expires' && Date.parse(val) <= Date.now()) expired = true
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.hostname && c.path === path))
      if (!expired) this.cookies.push({ name, value, host: url.hostname, path })
    }
  }

  header(url: URL): string {
    return this.cookies
      .filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`).join('; ')
  }

  value(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value
  }
}

class Browser {
  readonly jar = new CookieJar()

  async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html,application/json' }
    const cookie = this.jar.header(url)
    if (cookie) headers.cookie = cookie
    let body: string | undefined
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(init.form).toString()
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' })
    this.jar.store(url, res.headers.getSetCookie())
    return res
  }
}

function unescapeHtml(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&#x2F;/gi, '/').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
}

/** The first form of an IdP page: where it posts and its named inputs with their preset values. */
function parseForm(html: string, base: URL): { action: URL; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html)
  if (!form) throw new Error(`no form in IdP page: ${html.slice(0, 500)}`)
  const fields: Record<string, string> = {}
  for (const input of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname="([^"]*)"/i.exec(input[0])?.[1]
    if (!name) continue
    fields[name] = unescapeHtml(/\bvalue="([^"]*)"/i.exec(input[0])?.[1] ?? '')
  }
  return { action: new URL(unescapeHtml(form[1]!), base), fields }
}

describeEachEngine('OIDC sign-in against a real identity provider', (engine) => {
  let idpServer: Server
  let app: FastifyInstance
  let ctx: Awaited<ReturnType<typeof openTestContext>>
  let appUrl: URL
  let issuer: string
  const logLines: string[] = []
  // Mutable on purpose: one test changes what the IdP asserts about an already linked subject.
  const accounts = new Map<string, TestAccount>([
    ['sub-mhlw', { email: MHLW_EMAIL, emailVerified: true }],
    ['sub-mhlw-impostor', { email: MHLW_EMAIL, emailVerified: true }],
    ['sub-clinic-unverified', { email: 'clinic@demo.kaname.jp', emailVerified: false }],
    ['sub-stranger', { email: 'nobody@example.org', emailVerified: true }],
    ['sub-loner', { email: LONER_EMAIL, emailVerified: true }],
  ])

  beforeAll(async () => {
    const appPort = await freePort()
    appUrl = new URL(`http://127.0.0.1:${appPort}`)
    const redirectUri = new URL(CALLBACK_PATH, appUrl).href
    const clientId = 'kaname-test'
    const clientSecret = randomBytes(24).toString('base64url')

    idpServer = createHttpServer()
    await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve))
    issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const provider = new Provider(issuer, {
      clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      pkce: { required: () => true },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
      features: { devInteractions: { enabled: true } },
      findAccount: async (_ctx: unknown, id: string) => {
        const account = accounts.get(id)
        if (!account) return undefined
        return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified }) }
      },
    })
    idpServer.on('request', provider.callback())

    ctx = await openTestContext(engine, {
      demo: true,
      security: { loginRateLimit: { max: 10_000, timeWindowMs: 60_000 } },
      oidc: { issuer, clientId, clientSecret, redirectUri },
    })
    await seedDemo(ctx, DEMO_PASSWORD)
    // A real user with no organisation: the IdP vouches for them, yet there is nothing to sign in to.
    await inTransaction(ctx.database, (trx) => insertUser(trx, { id: randomUUID(), email: LONER_EMAIL, displayName: 'Loner', locale: 'ja', passwordHash: null }, ctx.now()))
    const logger = pino({ level: 'info', redact: LOG_REDACT, serializers: LOG_SERIALIZERS }, { write: (line: string) => { logLines.push(line) } })
    app = await buildApp(ctx, { loggerInstance: logger })
    await app.listen({ port: appPort, host: '127.0.0.1' })
  })

  afterAll(async () => {
    await app?.close()
    await new Promise<void>((resolve) => (idpServer ? idpServer.close(() => resolve()) : resolve()))
    idpServer?.closeAllConnections()
    await ctx?.close()
  })

  /**
   * Starts at the app, signs in at the IdP as `accountId` and consents, and stops at the redirect back to the app:
   * returns that callback URL, which the caller may tamper with before delivering it.
   */
  async function throughIdp(browser: Browser, accountId: string): Promise<URL> {
    const start = await browser.request(new URL('/api/v1/auth/oidc/start', appUrl))
    expect(start.status).toBe(302)
    let next = new URL(start.headers.get('location')!, appUrl)
    expect(next.origin).toBe(issuer)
    expect(next.searchParams.get('code_challenge_method')).toBe('S256')
    expect(next.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(next.searchParams.get('state')).toBeTruthy()
    expect(next.searchParams.get('nonce')).toBeTruthy()
    expect(browser.jar.value('kaname_oidc')).toBeTruthy()

    for (let step = 0; step < 12; step++) {
      if (next.origin === appUrl.origin) {
        expect(next.pathname).toBe(CALLBACK_PATH)
        return next
      }
      const res = await browser.request(next)
      if (res.status >= 300 && res.status < 400) {
        next = new URL(res.headers.get('location')!, next)
        continue
      }
      const html = await res.text()
      expect(res.status, html.slice(0, 300)).toBe(200)
      const { action, fields } = parseForm(html, next)
      // The login form has a `login` field (any password passes in dev interactions); the consent form has none.
      if ('login' in fields) Object.assign(fields, { login: accountId, password: 'anything' })
      const posted = await browser.request(action, { method: 'POST', form: fields })
      expect(posted.status, `POST ${action.pathname}`).toBeGreaterThanOrEqual(300)
      expect(posted.status).toBeLessThan(400)
      next = new URL(posted.headers.get('location')!, action)
    }
    throw new Error('the IdP never redirected back to the app')
  }

  async function signInVia(accountId: string) {
    const browser = new Browser()
    const callbackUrl = await throughIdp(browser, accountId)
    const callback = await browser.request(callbackUrl)
    return { browser, callbackUrl, callback, location: callback.headers.get('location') }
  }

  async function me(browser: Browser) {
    return browser.request(new URL('/api/v1/auth/me', appUrl))
  }

  it('links a local user by verified e-mail, signs in, and records both in the audit chain', async () => {
    const { browser, callback, location } = await signInVia('sub-mhlw')
    expect(callback.status).toBe(302)
    expect(location).toBe('/')
    expect(browser.jar.value('kaname_session')).toBeTruthy()
    expect(browser.jar.value('kaname_oidc')).toBeUndefined()

    const res = await me(browser)
    expect(res.status).toBe(200)
    const body = await res.json() as { user: { email: string }; activeOrganisationId: string }
    expect(body.user.email).toBe(MHLW_EMAIL)
    expect(body.activeOrganisationId).toBe('mhlw')

    const user = await findUserByEmail(ctx.database.db, MHLW_EMAIL)
    const row = await ctx.database.db.selectFrom('app_user').select(['oidc_issuer', 'oidc_subject']).where('id', '=', user!.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ oidc_issuer: issuer, oidc_subject: 'sub-mhlw' })
    const actions = (await ctx.database.db.selectFrom('audit_entry').select('action').where('actor', '=', `user:${user!.id}`).execute()).map((r) => r.action)
    expect(actions).toContain('user.link_oidc')
    expect(actions).toContain('auth.sign_in_oidc')
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true)
  })

  it('signs a linked subject in by its link, whatever e-mail the IdP asserts later', async () => {
    accounts.set('sub-mhlw', { email: 'renamed@example.org', emailVerified: false })
    try {
      const { browser, location } = await signInVia('sub-mhlw')
      expect(location).toBe('/')
      const body = await (await me(browser)).json() as { user: { email: string } }
      expect(body.user.email).toBe(MHLW_EMAIL)
    } finally {
      accounts.set('sub-mhlw', { email: MHLW_EMAIL, emailVerified: true })
    }
  })

  it('never moves an already linked user to another subject with the same e-mail', async () => {
    const { browser, location } = await signInVia('sub-mhlw-impostor')
    expect(location).toBe('/login?error=oidc.no_account')
    expect(browser.jar.value('kaname_session')).toBeUndefined()
  })

  it('refuses an unverified e-mail: no link, no account', async () => {
    const { browser, location } = await signInVia('sub-clinic-unverified')
    expect(location).toBe('/login?error=oidc.no_account')
    expect(browser.jar.value('kaname_session')).toBeUndefined()
    const clinic = await findUserByEmail(ctx.database.db, 'clinic@demo.kaname.jp')
    const row = await ctx.database.db.selectFrom('app_user').select('oidc_subject').where('id', '=', clinic!.id).executeTakeFirstOrThrow()
    expect(row.oidc_subject).toBeNull()
  })

  it('creates no account for an unknown e-mail', async () => {
    const { location } = await signInVia('sub-stranger')
    expect(location).toBe('/login?error=oidc.no_account')
    expect(await findUserByEmail(ctx.database.db, 'nobody@example.org')).toBeUndefined()
  })

  it('refuses a user who belongs to no organisation', async () => {
    const { browser, location } = await signInVia('sub-loner')
    expect(location).toBe('/login?error=oidc.no_membership')
    expect(browser.jar.value('kaname_session')).toBeUndefined()
  })

  it('refuses a callback whose state was tampered with', async () => {
    const browser = new Browser()
    const callbackUrl = await throughIdp(browser, 'sub-mhlw')
    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')}x`)
    const res = await browser.request(callbackUrl)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?error=oidc.failed')
    expect(browser.jar.value('kaname_session')).toBeUndefined()
  })

  it('refuses a callback without the browser\'s flow cookie, and the flow cookie is single-use', async () => {
    const browser = new Browser()
    const callbackUrl = await throughIdp(browser, 'sub-mhlw')
    // Another browser (an attacker delivering their own code) holds no flow cookie.
    const stranger = await new Browser().request(callbackUrl)
    expect(stranger.headers.get('location')).toBe('/login?error=oidc.failed')
    const first = await browser.request(callbackUrl)
    expect(first.headers.get('location')).toBe('/')
    const replay = await browser.request(callbackUrl)
    expect(replay.headers.get('location')).toBe('/login?error=oidc.failed')
  })

  it('passes an IdP error on as a failure', async () => {
    const browser = new Browser()
    await browser.request(new URL('/api/v1/auth/oidc/start', appUrl))
    const res = await browser.request(new URL(`${CALLBACK_PATH}?error=access_denied&state=whatever`, appUrl))
    expect(res.headers.get('location')).toBe('/login?error=oidc.failed')
  })

  it('logs refusals without tokens, codes or personal data', async () => {
    const browser = new Browser()
    const callbackUrl = await throughIdp(browser, 'sub-clinic-unverified')
    await browser.request(callbackUrl)
    const log = logLines.join('\n')
    expect(log).toContain('oidc sign-in refused')
    expect(log).toContain('oidc.no_account')
    for (const secret of [callbackUrl.searchParams.get('code')!, callbackUrl.searchParams.get('state')!, 'clinic@demo.kaname.jp', MHLW_EMAIL, 'nobody@example.org']) {
      expect(log).not.toContain(secret)
    }
  })
})
