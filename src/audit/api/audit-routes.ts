import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { listAuditEntries, verifyAuditChain } from '../store/audit-repository.ts'

const AuditEntryView = z.object({
  seq: z.number(), at: z.string(), actor: z.string(), organisationId: z.string().nullable(), action: z.string(),
  targetType: z.string(), targetId: z.string(), beforeDigest: z.string().nullable(), afterDigest: z.string().nullable(), hash: z.string(),
}).meta({ id: 'AuditEntry' })

const VerifyView = z.object({
  ok: z.boolean(), checked: z.number(),
  firstBad: z.object({ seq: z.number(), reason: z.string() }).optional(),
}).meta({ id: 'AuditVerdict' })

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['audit']
  app.get('/entries', {
    config: { access: 'audit.read' },
    schema: {
      tags, summary: 'Audit entries (the NCO sees all; others their organisation\'s)',
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().min(1).optional() }),
      response: { 200: z.array(AuditEntryView) },
    },
  }, async (request) => listAuditEntries(ctx.database.db, request.scope!, { limit: request.query.limit, beforeSeq: request.query.before }))

  app.get('/verify', {
    config: { access: 'audit.verify' },
    schema: { tags, summary: 'Verify the whole hash chain', response: { 200: VerifyView } },
  }, async () => verifyAuditChain(ctx.database.db))
}
