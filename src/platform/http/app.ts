import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify'
import helmet from 'helmet'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fastifyStatic from '@fastify/static'
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { AppContext } from '../context.ts'
import { handleError, sendProblem } from './problem.ts'
import authz from '../../authz/api/authz-plugin.ts'
import { authRoutes } from '../../auth/api/auth-routes.ts'
import { oidcRoutes } from '../../auth/api/oidc-routes.ts'
import { orgRoutes } from '../../org/api/org-routes.ts'
import { auditRoutes } from '../../audit/api/audit-routes.ts'
import { standardsRoutes } from '../../standards/api/standards-routes.ts'
import { obligationsRoutes } from '../../obligations/api/obligations-routes.ts'
import { assessmentsRoutes } from '../../assessments/api/assessments-routes.ts'
import { servicesRoutes } from '../../services/api/services-routes.ts'
import { dependenciesRoutes } from '../../dependencies/api/dependencies-routes.ts'
import { dependencyRiskRoutes } from '../../dependencies/api/risk-routes.ts'
import { assetsRoutes } from '../../assets/api/assets-routes.ts'
import { assetExceptionsRoutes } from '../../assets/api/exceptions-routes.ts'
import { replacementPlansRoutes } from '../../assets/api/replacement-plans-routes.ts'
import { vulnerabilitiesRoutes } from '../../vulnerabilities/api/vulnerabilities-routes.ts'
import { exposureRoutes } from '../../vulnerabilities/api/exposure-routes.ts'
import { DomainError } from '../errors.ts'

export const BODY_LIMIT_BYTES = 1024 * 1024

export interface BuildOptions {
  /** A pino logger (the server's); tests leave it out for silence. */
  loggerInstance?: FastifyServerOptions['loggerInstance']
  /** Directory of the built web app; served with an index.html fallback when present. */
  webRoot?: string | null
}

/** Log redaction: credentials and personal data never reach the log. */
export const LOG_REDACT = {
  paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.email', '*.secret', '*.token'],
  censor: '[redacted]',
}

/**
 * Request logs keep method, path and request id only: no query string (it may carry search terms or
 * e-mail addresses), no client address, no headers.
 */
export const LOG_SERIALIZERS = {
  req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, path: req.url?.split('?')[0], requestId: req.id }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Builds the whole platform as one Fastify instance, without listening: tests inject requests into it,
 * `kaname serve` listens. Each module registers its own routes under /api/v1/<module>.
 */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID()
    },
    trustProxy: ctx.security.secureCookies,
    routerOptions: { maxParamLength: 200 },
    // Errors the router raises before any route (bad percent-encoding, over-long parameter) are problems too.
    frameworkErrors: (error, request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400
      return sendProblem(reply, request, status, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'request.uri_too_long' : 'request.bad_url', 'The request URL is malformed or too long.')
    },
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(handleError)
  app.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id) })

  // JSON bodies must be valid UTF-8: the default parser would silently replace bad bytes with U+FFFD.
  const defaultJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string
    try {
      text = strictUtf8.decode(body as Buffer)
    } catch {
      done(new DomainError('invalid', 'request.invalid_utf8', 'The body is not valid UTF-8.', [{ path: 'body', message: 'not valid UTF-8' }]), undefined)
      return
    }
    defaultJson(request, text, done)
  })

  // Helmet's middleware, built once. (@fastify/helmet rebuilds the whole policy on every request so that
  // routes may override it; we have no per-route policies, and that rebuild cost ~7% of a cached GET.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: ctx.security.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: ctx.security.secureCookies,
  })
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)))
  await app.register(cookie)
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new DomainError('locked', 'request.rate_limited', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`),
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kaname API', version: '1', description: 'Kaname (要): critical-infrastructure cybersecurity platform. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kaname_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: (input) => {
      const result = jsonSchemaTransform(input)
      // The authorization rule is part of the contract: publish it so clients and the matrix test can read it.
      const access = (input.route.config as { access?: string } | undefined)?.access
      return { ...result, schema: { ...result.schema, 'x-kaname-access': access ?? null } as typeof result.schema }
    },
    // Without it the $refs above point at an empty components.schemas.
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(authz, ctx)

  // Documentation and static files come from plugins that know nothing of our rules: mark their routes public.
  await app.register(async (docs) => {
    docs.addHook('onRoute', markPublic)
    await docs.register(swaggerUi, { routePrefix: '/api/docs' })
  })

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    try {
      await ctx.database.db.selectFrom('setting').select('key').limit(1).execute()
      return { status: 'ready', engine: ctx.database.engine }
    } catch (error) {
      request.log.error({ err: error }, 'database not ready')
      return sendProblem(reply, request, 503, 'not_ready', 'The database is not reachable.')
    }
  })

  await app.register(authRoutes, { prefix: '/api/v1/auth', ctx })
  await app.register(oidcRoutes, { prefix: '/api/v1/auth/oidc', ctx })
  await app.register(orgRoutes, { prefix: '/api/v1/org', ctx })
  await app.register(auditRoutes, { prefix: '/api/v1/audit', ctx })
  await app.register(standardsRoutes, { prefix: '/api/v1/standards', ctx })
  await app.register(obligationsRoutes, { prefix: '/api/v1/obligations', ctx })
  await app.register(assessmentsRoutes, { prefix: '/api/v1/assessments', ctx })
  await app.register(servicesRoutes, { prefix: '/api/v1/services', ctx })
  await app.register(dependenciesRoutes, { prefix: '/api/v1/dependencies', ctx })
  await app.register(dependencyRiskRoutes, { prefix: '/api/v1/dependencies', ctx })
  await app.register(assetsRoutes, { prefix: '/api/v1/assets', ctx })
  await app.register(assetExceptionsRoutes, { prefix: '/api/v1/assets', ctx })
  await app.register(replacementPlansRoutes, { prefix: '/api/v1/assets', ctx })
  await app.register(vulnerabilitiesRoutes, { prefix: '/api/v1/vulnerabilities', ctx })
  await app.register(exposureRoutes, { prefix: '/api/v1/vulnerabilities', ctx })

  const webRoot = options.webRoot ?? null
  const indexHtml = webRoot !== null && existsSync(join(webRoot, 'index.html')) ? readFileSync(join(webRoot, 'index.html')) : null
  const hasWeb = indexHtml !== null
  if (hasWeb) {
    await app.register(async (web) => {
      web.addHook('onRoute', markPublic)
      await web.register(fastifyStatic, { root: webRoot!, wildcard: false, index: false, maxAge: '1h' })
    })
  }
  app.setNotFoundHandler({}, (request, reply) => {
    if (!hasWeb || request.url.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendProblem(reply, request, 404, 'route.not_found', `No route ${request.method} ${request.url.split('?')[0]}.`)
    }
    // Client-side routes of the single-page app all answer with its index.html.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml)
  })
  return app
}

function markPublic(route: RouteOptions) {
  route.config = { ...(route.config ?? {}), access: 'public' }
}

