import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { forbidden } from '../../platform/errors.ts'
import { Localized, ParameterView } from '../../standards/api/standards-schemas.ts'
import { DOCUMENT_KINDS, STRENGTHS } from '../../standards/domain/model.ts'
import { obligationsToXlsx } from '../../standards/formats/xlsx.ts'
import { obligationChanges, obligationsFor } from '../obligations-service.ts'

const ObligationView = z.object({
  key: z.string(), lineage: z.string(), title: Localized, text: Localized, plain: Localized.optional(), strength: z.enum(STRENGTHS),
  parameters: z.array(ParameterView),
  sources: z.array(z.object({
    documentId: z.string(), documentKind: z.enum(DOCUMENT_KINDS), documentTitle: Localized, versionId: z.string(), versionLabel: z.string(),
    nodeId: z.string(), number: z.string(), strength: z.enum(STRENGTHS),
  })),
  reasons: z.array(z.object({ source: z.string(), why: z.string(), because: z.array(z.string()) })),
  mergedBy: z.array(z.object({ from: z.string(), to: z.string(), relationship: z.string() })),
  related: z.array(z.object({ from: z.string(), to: z.string(), relationship: z.string() })),
}).meta({ id: 'Obligation' })

const ReportView = z.object({
  organisationId: z.string(),
  operator: z.object({
    sectors: z.array(z.string()),
    tiers: z.array(z.object({ sectorId: z.string(), tierId: z.string(), level: z.enum(['baseline', 'standard', 'enhanced']), reason: z.string() })),
    tierLevel: z.enum(['baseline', 'standard', 'enhanced']).nullable(),
    flags: z.object({ esDesignated: z.boolean(), acdDesignated: z.boolean() }),
    facts: z.array(z.string()),
  }),
  documents: z.array(z.object({ documentId: z.string(), kind: z.string(), title: Localized, versionId: z.string(), versionLabel: z.string(), why: z.string() })),
  obligations: z.array(ObligationView),
}).meta({ id: 'ObligationReport' })

const Params = z.strictObject({ id: z.string().min(1).max(100) })

/** /api/v1/obligations/:id: "what applies to me" for one operator, as JSON or a workbook. */
export const obligationsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['obligations']

  app.get('/:id', {
    config: { access: 'obligations.read' },
    schema: { tags, summary: 'Every obligation of an operator across binding documents, merged through crosswalks, with sources and reasons', params: Params, response: { 200: ReportView } },
  }, async (request) => {
    const org = request.target!.organisation
    if (org.kind !== 'operator') throw forbidden('Obligations are resolved for operators.')
    return obligationsFor(ctx, org, request.changeEpoch) as never
  })

  app.get('/:id/changes', {
    config: { access: 'obligations.read' },
    schema: {
      tags, summary: 'What changed in the operator\'s obligations since each binding document\'s previous version', params: Params,
      response: { 200: z.object({
        organisationId: z.string(),
        documents: z.array(z.object({ documentId: z.string(), title: Localized, fromVersionId: z.string(), fromLabel: z.string(), toVersionId: z.string(), toLabel: z.string() })),
        added: z.array(ObligationView), removed: z.array(ObligationView),
        changed: z.array(z.object({ identity: z.string(), fields: z.array(z.string()), before: ObligationView, after: ObligationView })),
      }).meta({ id: 'ObligationChanges' }) },
    },
  }, async (request) => {
    const org = request.target!.organisation
    if (org.kind !== 'operator') throw forbidden('Obligations are resolved for operators.')
    return obligationChanges(ctx, org, request.changeEpoch) as never
  })

  app.get('/:id/xlsx', {
    config: { access: 'obligations.read' },
    schema: { tags, summary: 'The same as a workbook', params: Params },
  }, async (request, reply) => {
    const org = request.target!.organisation
    if (org.kind !== 'operator') throw forbidden('Obligations are resolved for operators.')
    const report = await obligationsFor(ctx, org, request.changeEpoch)
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="obligations-${org.id}.xlsx"`)
      .send(await obligationsToXlsx(org.name, report.obligations))
  })
}
