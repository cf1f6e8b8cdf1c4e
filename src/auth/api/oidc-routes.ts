import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyBaseLogger, FastifyReply } from 'fastify'
import * as oidc from 'openid-client'
import { z } from 'zod'
import type { AppContext, OidcSettings } from '../../platform/context.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { appendAudit } from '../../audit/store/audit-repository.ts'
import { findUserByEmail, findUserByOidc, linkOidcIdentity, listMembershipsOfUser } from '../../org/store/user-repository.ts'
import { openSession } from '../auth-service.ts'
import { setSessionCookies } from './auth-routes.ts'

export const OIDC_FLOW_COOKIE = 'kaname_oidc'
const FLOW_COOKIE_PATH = '/api/v1/auth/oidc'
const FLOW_SECONDS = 10 * 60

/** Where a failed sign-in lands; the login page turns the code into a message. */
type FailureCode = 'oidc.failed' | 'oidc.no_account' | 'oidc.no_membership'

/** The per-attempt secrets, held by the browser between /start and /callback. */
const FlowCookie = z.object({ verifier: z.string().min(43).max(128), state: z.string().min(1).max(128), nonce: z.string().min(1).max(128) })
type Flow = z.infer<typeof FlowCookie>

const StartQuery = z.looseObject({}).describe('No parameters.')
// IdPs add their own parameters (iss, session_state, …): unknown keys pass and are checked by openid-client.
const CallbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
})
const Redirect = z.null().describe('302 redirect (Location header).')

/** Plain http is only tolerable for an IdP on this machine (development and tests). */
export function isLoopbackHttp(issuer: string): boolean {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    return false
  }
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]')
}

class OidcFailure extends Error {
  readonly code: FailureCode
  readonly reason: string
  constructor(code: FailureCode, reason: string) {
    super(reason)
    this.code = code
    this.reason = reason
  }
}

function encodeFlow(flow: Flow): string {
  return Buffer.from(JSON.stringify(flow), 'utf8').toString('base64url')
}

function decodeFlow(value: string | undefined): Flow | null {
  if (!value || value.length > 1024) return null
  try {
    const parsed = FlowCookie.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** What may be logged about an error: its class and code, never the cause (which can hold claims or response bodies). */
function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof OidcFailure) return { reason: error.reason }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return { reason: 'exception', errorName: error.name, errorCode: typeof code === 'string' ? code : undefined, errorMessage: error.message.slice(0, 200) }
  }
  return { reason: 'exception' }
}

/**
 * The first discovery happens on the first sign-in attempt, not at start-up, so an unreachable IdP does not keep
 * the server (and password sign-in) from starting. A failed discovery is forgotten, so the next attempt retries.
 */
function discoveryCache(settings: OidcSettings) {
  let pending: Promise<oidc.Configuration> | null = null
  return () => {
    pending ??= oidc.discovery(
      new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret),
      isLoopbackHttp(settings.issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
    ).catch((error: unknown) => {
      pending = null
      throw error
    })
    return pending
  }
}

interface Identity { issuer: string; subject: string; email: string | null; emailVerified: boolean }

async function fetchIdentity(config: oidc.Configuration, settings: OidcSettings, flow: Flow, rawQuery: string): Promise<Identity> {
  // The URL the IdP redirected to, as configured: behind a proxy the request's own host may differ.
  const currentUrl = new URL(settings.redirectUri)
  currentUrl.search = rawQuery
  const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
  })
  const claims = tokens.claims()
  if (!claims) throw new OidcFailure('oidc.failed', 'no_id_token')
  let email: unknown = claims.email
  let verified: unknown = claims.email_verified
  // Many IdPs (oidc-provider by default) keep profile claims out of the ID token in the code flow.
  if (email === undefined && config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)
    email = info.email
    verified = info.email_verified
  }
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase() : null,
    // Some IdPs send the flag as a string; anything but an explicit true means unverified.
    emailVerified: verified === true || verified === 'true',
  }
}

/**
 * Link rule: a user already linked to (issuer, subject) is that user. Otherwise a local user with the same e-mail
 * is linked, only if the IdP vouches for the address and the user is not linked to another identity already.
 * No account is ever created here: accounts come from organisation admins.
 */
async function resolveUser(ctx: AppContext, identity: Identity): Promise<string> {
  const linked = await findUserByOidc(ctx.database.db, identity.issuer, identity.subject)
  if (linked) return linked.id
  if (!identity.email || !identity.emailVerified) throw new OidcFailure('oidc.no_account', identity.email ? 'email_unverified' : 'no_email')
  const email = identity.email
  const now = ctx.now()
  const userId = await inTransaction(ctx.database, async (trx) => {
    const user = await findUserByEmail(trx, email)
    if (!user) return null
    const current = await trx.selectFrom('app_user').select(['oidc_issuer', 'oidc_subject']).where('id', '=', user.id).executeTakeFirst()
    // Never silently move an account to a different identity: that would hand it to whoever holds the new one.
    if (current?.oidc_subject != null) return null
    await linkOidcIdentity(trx, user.id, identity.issuer, identity.subject, now)
    await appendAudit(trx, {
      actor: `user:${user.id}`, organisationId: null, action: 'user.link_oidc', targetType: 'user', targetId: user.id,
      after: { issuer: identity.issuer, subject: identity.subject },
    }, now)
    return user.id
  })
  if (!userId) throw new OidcFailure('oidc.no_account', 'no_linkable_user')
  return userId
}

function fail(reply: FastifyReply, log: FastifyBaseLogger, error: unknown) {
  const code: FailureCode = error instanceof OidcFailure ? error.code : 'oidc.failed'
  log.warn({ oidc: { result: code, ...describeError(error) } }, 'oidc sign-in refused')
  return reply.redirect(`/login?error=${encodeURIComponent(code)}`, 302)
}

/** OIDC sign-in (authorization code + PKCE). Registered only when an issuer is configured. */
export const oidcRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const settings = ctx.oidc
  if (!settings) return
  const tags = ['auth']
  const configuration = discoveryCache(settings)
  const flowCookie = { path: FLOW_COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure: ctx.security.secureCookies }

  app.get('/start', {
    config: { access: 'public' },
    schema: { tags, summary: 'Begin sign-in at the organisation\'s identity provider', querystring: StartQuery, response: { 302: Redirect } },
  }, async (request, reply) => {
    let config: oidc.Configuration
    try {
      config = await configuration()
    } catch (error) {
      return fail(reply, request.log, error)
    }
    const flow: Flow = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() }
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      response_type: 'code',
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    })
    // Lax, not Strict: the IdP's redirect back is a cross-site top-level navigation that must carry it.
    reply.setCookie(OIDC_FLOW_COOKIE, encodeFlow(flow), { ...flowCookie, maxAge: FLOW_SECONDS })
    reply.header('cache-control', 'no-store')
    return reply.redirect(url.href, 302)
  })

  app.get('/callback', {
    config: { access: 'public', rateLimit: { max: ctx.security.loginRateLimit.max, timeWindow: ctx.security.loginRateLimit.timeWindowMs } },
    schema: { tags, summary: 'Where the identity provider returns the browser', querystring: CallbackQuery, response: { 302: Redirect } },
  }, async (request, reply) => {
    const flow = decodeFlow(request.cookies[OIDC_FLOW_COOKIE])
    // Single use: whatever happens next, this attempt's secrets are gone.
    reply.clearCookie(OIDC_FLOW_COOKIE, flowCookie)
    reply.header('cache-control', 'no-store')
    try {
      if (!flow) throw new OidcFailure('oidc.failed', 'missing_flow_cookie')
      if (request.query.error !== undefined) throw new OidcFailure('oidc.failed', `idp_error:${request.query.error.replace(/[^a-z_]/gi, '').slice(0, 64)}`)
      const config = await configuration()
      const queryAt = request.url.indexOf('?')
      const identity = await fetchIdentity(config, settings, flow, queryAt === -1 ? '' : request.url.slice(queryAt))
      const userId = await resolveUser(ctx, identity)
      const memberships = await listMembershipsOfUser(ctx.database.db, userId, ctx.now())
      const first = memberships[0]
      if (!first) throw new OidcFailure('oidc.no_membership', 'no_membership')
      const signedIn = await openSession(ctx, userId, first.organisationId, 'auth.sign_in_oidc')
      setSessionCookies(ctx, reply, signedIn)
      return reply.redirect('/', 302)
    } catch (error) {
      return fail(reply, request.log, error)
    }
  })
}
