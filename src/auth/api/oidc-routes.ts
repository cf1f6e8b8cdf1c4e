import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../../platform/context.ts'

/** OIDC sign-in (authorization code + PKCE). Registered only when an issuer is configured. */
export const oidcRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (_app, { ctx }) => {
  if (!ctx.oidc) return
}
