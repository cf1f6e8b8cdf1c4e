import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../../platform/context.ts'
import { CLAIMS, EXCEPTION_STATUSES, DECISIONS } from '../domain/exceptions.ts'
import { controlCatalogue, decideException, getException, listExceptions, requestException, reviseException, withdrawException } from '../exceptions-service.ts'

/**
 * /api/v1/assets/exceptions: closed-network exceptions (例外措置) and the catalogue of compensating controls.
 * Types and generous sizes are checked here; what the values mean (catalogue kinds, CVE ids, the S6 rule on
 * closedness claims, the expiry at most three years ahead, the operator's own device) by the domain and the
 * service, whose errors carry codes the web app translates.
 */

const Id = z.string().min(1).max(100)
const Text = (max: number) => z.string().max(max)

const ControlBody = z.strictObject({
  /** An id of the catalogue (GET /exceptions/controls). */
  kind: Text(100),
  /** How the control is applied to this device. */
  description: Text(10_000),
})

export const ExceptionBody = z.strictObject({
  deviceId: Id,
  /** One CVE (CVE-YYYY-NNNN…); null or left out: all open vulnerabilities of the device. */
  cveId: Text(100).nullable().optional(),
  compensatingControls: z.array(ControlBody).max(100),
  reason: Text(10_000),
  /** Last valid day, YYYY-MM-DD: after today, at most three years ahead. */
  expiresOn: Text(100),
})

const DecisionBody = z.strictObject({
  approve: z.boolean(),
  /** Required for a rejection. */
  note: Text(10_000).nullable().optional(),
})

const Params = z.strictObject({ exceptionId: Id })

const ListQuery = z.strictObject({
  operator: Id.optional(),
  device: Id.optional(),
  cve: Text(100).optional(),
  status: z.enum(EXCEPTION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
})

const Claim = z.enum(CLAIMS)
const Bilingual = z.object({ ja: z.string(), en: z.string() })

const ExceptionView = z.object({
  id: z.string(), operatorId: z.string(), deviceId: z.string(),
  device: z.object({ assetId: z.string(), vendor: z.string(), product: z.string(), version: z.string(), endOfSupport: z.string().nullable() }),
  cveId: z.string().nullable(),
  compensatingControls: z.array(z.object({ kind: z.string(), description: z.string(), claims: z.array(Claim), substantive: z.boolean() })),
  claims: z.array(Claim),
  reason: z.string(), expiresOn: z.string(),
  decision: z.enum(DECISIONS), status: z.enum(EXCEPTION_STATUSES), active: z.boolean(),
  requestedBy: z.string(), requestedAt: z.string(),
  decidedBy: z.string().nullable(), decidedByRole: z.string().nullable(), decidedOn: z.string().nullable(), decisionNote: z.string().nullable(),
  selfApproved: z.boolean().nullable(),
  createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string(),
}).meta({ id: 'AssetException' })

const ExceptionPage = z.object({ total: z.number(), limit: z.number(), offset: z.number(), items: z.array(ExceptionView) })

const CatalogueView = z.array(z.object({ id: z.string(), label: Bilingual, guidance: Bilingual, claim: Claim.nullable() }))

const inputOf = (b: z.infer<typeof ExceptionBody>) => ({
  deviceId: b.deviceId, cveId: b.cveId ?? null, compensatingControls: b.compensatingControls, reason: b.reason, expiresOn: b.expiresOn,
})

export const assetExceptionsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['assets']

  app.get('/exceptions/controls', {
    config: { access: 'assets.read' },
    schema: { tags, summary: 'The catalogue of compensating controls; closedness claims are listed but never enough on their own (S6)', response: { 200: CatalogueView } },
  }, async () => controlCatalogue())

  app.get('/exceptions', {
    config: { access: 'assets.read' },
    schema: {
      tags, summary: 'Exceptions the caller may read (own; a ministry its sectors\' operators\'; the NCO all), status computed from today\'s date', querystring: ListQuery,
      response: { 200: ExceptionPage },
    },
  }, async (request) => {
    const q = request.query
    return listExceptions(ctx, request.scope!, { operatorId: q.operator, deviceId: q.device, cveId: q.cve, status: q.status }, { limit: q.limit, offset: q.offset })
  })

  app.post('/exceptions', {
    config: { access: 'assets.exceptions.request' },
    schema: {
      tags, summary: 'Request an exception for one of the caller\'s devices: compensating controls (closed network or proprietary protocol alone are refused), reason, expiry ≤ 3 years',
      body: ExceptionBody, response: { 201: ExceptionView },
    },
  }, async (request, reply) => reply.code(201).send(await requestException(ctx, request.scope!, inputOf(request.body))))

  app.get('/exceptions/:exceptionId', {
    config: { access: 'assets.read' },
    schema: { tags, summary: 'One exception', params: Params, response: { 200: ExceptionView } },
  }, async (request) => getException(ctx, request.scope!, request.params.exceptionId))

  app.put('/exceptions/:exceptionId', {
    config: { access: 'assets.exceptions.request' },
    schema: { tags, summary: 'Revise one of the caller\'s requests while it waits for a decision', params: Params, body: ExceptionBody, response: { 200: ExceptionView } },
  }, async (request) => reviseException(ctx, request.scope!, request.params.exceptionId, inputOf(request.body)))

  app.delete('/exceptions/:exceptionId', {
    config: { access: 'assets.exceptions.request' },
    schema: { tags, summary: 'Withdraw one of the caller\'s requests not yet decided (decided exceptions stay on record)', params: Params },
  }, async (request, reply) => {
    await withdrawException(ctx, request.scope!, request.params.exceptionId)
    return reply.code(204).send()
  })

  app.post('/exceptions/:exceptionId/decision', {
    config: { access: 'assets.exceptions.decide' },
    schema: {
      tags, summary: 'Approve or reject one of the caller\'s waiting requests: the operator\'s management accepts the risk, signed in as a person (a rejection needs a note)',
      params: Params, body: DecisionBody, response: { 200: ExceptionView },
    },
  }, async (request) => decideException(ctx, request.scope!, request.params.exceptionId, request.body))
}
