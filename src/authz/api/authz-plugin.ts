import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../platform/context.ts'
import { forbidden, notFound, unauthenticated, DomainError } from '../../platform/errors.ts'
import { ACTIONS, decide, roleAllows, TARGETED_ACTIONS, type Action } from '../domain/policy.ts'
import type { Scope } from '../domain/scope.ts'
import type { Relation } from '../domain/visibility.ts'
import { scopeFromApiToken, scopeFromSession } from '../../auth/scope-resolver.ts'
import type { SessionRecord } from '../../auth/store/session-repository.ts'
import { findOrganisationForScope } from '../../org/store/organisation-repository.ts'
import { readChangeEpoch } from '../../audit/store/audit-repository.ts'
import type { Organisation } from '../../org/domain/organisation.ts'

export const SESSION_COOKIE = 'kaname_session'
export const CSRF_COOKIE = 'kaname_csrf'
export const CSRF_HEADER = 'x-csrf-token'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The one action this route performs; routes without one are denied. */
    access?: Action
  }
  interface FastifyRequest {
    scope: Scope | null
    session: SessionRecord | null
    /** For targeted actions: the organisation named by `:id`, already checked against the scope. */
    target: { organisation: Organisation; relation: Relation } | null
    /** The change epoch read at the start of this request (see platform/cache/epoch-cache.ts); -1 before. */
    changeEpoch: number
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The authorization module's HTTP face. Every request passes through here:
 * 1. onRequest: identify the caller (session cookie or bearer token), check CSRF for cookie sessions,
 *    and apply the role part of the route's rule, before any body is parsed;
 * 2. preHandler: for routes about one organisation, load it within the caller's scope and apply the
 *    relation part (own / jurisdiction / visible).
 * A matched route with no `access` rule is refused (deny by default).
 */
async function authzPlugin(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('scope', null)
  app.decorateRequest('session', null)
  app.decorateRequest('target', null)
  app.decorateRequest('changeEpoch', -1)

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.is404) return
    const action = request.routeOptions.config.access
    if (!action || !(ACTIONS as readonly string[]).includes(action)) {
      request.log.error({ route: request.routeOptions.url }, 'route without an authorization rule refused')
      throw forbidden('This route has no authorization rule.')
    }
    await identify(ctx, request)
    if (action === 'public') return
    if (request.session && !request.headers.authorization && UNSAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER]
      if (typeof sent !== 'string' || sent !== request.session.csrfToken) {
        throw new DomainError('forbidden', 'auth.csrf', 'Missing or wrong CSRF token (send the kaname_csrf cookie value as x-csrf-token).')
      }
    }
    if (action === 'session' && request.session) return
    if (!request.scope) throw unauthenticated()
    const decision = roleAllows(request.scope, action)
    if (!decision.allowed) throw forbidden()
    void reply
  })

  app.addHook('preHandler', async (request: FastifyRequest) => {
    const action = request.routeOptions.config.access
    if (!action || !TARGETED_ACTIONS.has(action)) return
    const id = (request.params as { id?: unknown }).id
    if (typeof id !== 'string') throw forbidden('This route names no organisation.')
    const found = await findOrganisationForScope(ctx.database.db, request.scope!, id)
    if (!found) throw notFound('organisation')
    const decision = decide(request.scope, action, found.relation)
    if (!decision.allowed || !found.organisation) throw forbidden()
    request.target = { organisation: found.organisation, relation: found.relation }
  })
}

async function identify(ctx: AppContext, request: FastifyRequest) {
  const authorization = request.headers.authorization
  const cookie = request.cookies[SESSION_COOKIE]
  if (!cookie && typeof authorization !== 'string') return
  // Read before anything it guards: data loaded afterwards is at least as new as this epoch.
  request.changeEpoch = await readChangeEpoch(ctx.database.db)
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    const scope = await scopeFromApiToken(ctx, authorization.slice('Bearer '.length).trim(), request.changeEpoch)
    if (!scope) throw unauthenticated('auth.invalid_token', 'The API token is invalid, expired or revoked.')
    request.scope = scope
    return
  }
  if (!cookie) return
  const resolved = await scopeFromSession(ctx, cookie, request.changeEpoch)
  if (!resolved) return
  request.session = resolved.session
  request.scope = resolved.scope
}

export default fp(authzPlugin, { name: 'kaname-authz', dependencies: ['@fastify/cookie'] })
