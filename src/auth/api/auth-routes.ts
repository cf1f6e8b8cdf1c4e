import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { unauthenticated } from '../../platform/errors.ts'
import { CSRF_COOKIE, SESSION_COOKIE } from '../../authz/api/authz-plugin.ts'
import { describeMe, signIn, signOut, switchOrganisation, updateLocale, type SignedIn } from '../auth-service.ts'
import { ActiveOrganisationBody, AuthConfigView, LoginBody, MeView, UpdateMeBody } from './auth-schemas.ts'

export function setSessionCookies(ctx: AppContext, reply: FastifyReply, signedIn: Pick<SignedIn, 'sessionToken' | 'csrfToken'>) {
  const common = { path: '/', sameSite: 'lax' as const, secure: ctx.security.secureCookies, maxAge: ctx.security.sessionHours * 3600 }
  reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, { ...common, httpOnly: true })
  // Readable by the web app, which echoes it in x-csrf-token; a cross-site page can neither read nor send it.
  reply.setCookie(CSRF_COOKIE, signedIn.csrfToken, { ...common, httpOnly: false })
}

/** /api/v1/auth: sign-in, sign-out, who am I, acting organisation, language. */
export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['auth']

  app.get('/config', { config: { access: 'public' }, schema: { tags, summary: 'What sign-in methods exist', response: { 200: AuthConfigView } } },
    async () => ({ oidc: ctx.oidc !== null, demo: ctx.demo }))

  app.post('/login', {
    config: { access: 'public', rateLimit: { max: ctx.security.loginRateLimit.max, timeWindow: ctx.security.loginRateLimit.timeWindowMs } },
    schema: { tags, summary: 'Sign in with e-mail and password', body: LoginBody, response: { 200: MeView } },
  }, async (request, reply) => {
    const signedIn = await signIn(ctx, request.body.email, request.body.password)
    setSessionCookies(ctx, reply, signedIn)
    return signedIn.me
  })

  app.post('/logout', { config: { access: 'session' }, schema: { tags, summary: 'Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.session) await signOut(ctx, request.session)
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    })

  app.get('/me', { config: { access: 'session' }, schema: { tags, summary: 'The signed-in user and memberships', response: { 200: MeView } } },
    async (request) => {
      const userId = request.session?.userId ?? request.scope?.userId
      if (!userId) throw unauthenticated()
      return describeMe(ctx, userId, request.scope?.organisationId ?? null)
    })

  app.patch('/me', { config: { access: 'session' }, schema: { tags, summary: 'Change the UI language', body: UpdateMeBody, response: { 200: MeView } } },
    async (request) => {
      const userId = request.session?.userId ?? request.scope?.userId
      if (!userId) throw unauthenticated()
      await updateLocale(ctx, userId, request.scope?.organisationId ?? null, request.body.locale)
      return describeMe(ctx, userId, request.scope?.organisationId ?? null)
    })

  app.post('/active-organisation', {
    config: { access: 'session' },
    schema: { tags, summary: 'Act for another of the user\'s organisations', body: ActiveOrganisationBody, response: { 200: MeView } },
  }, async (request) => {
    if (!request.session) throw unauthenticated('auth.session_required', 'Switching organisation needs a browser session.')
    return switchOrganisation(ctx, request.session, request.body.organisationId)
  })
}
