import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { invalid } from '../../platform/errors.ts'
import { TABULAR_CONTENT_TYPES } from '../../platform/tabular/tabular.ts'
import { createService, deleteService, getService, listServices, updateService } from '../services-service.ts'
import { createCriteriaSet, designationCandidates, listCriteriaSets, listDecisions, recordDecision, updateCriteria } from '../designation-service.ts'
import { exportServices, importServices } from '../exchange-service.ts'
import {
  CandidatesQuery, CriteriaBody, CriteriaParams, DecisionBody, DecisionsQuery, ExportQuery, ImportQuery, ImportView, ListQuery, ServiceBody, ServiceParams, ServiceView,
} from './services-schemas.ts'

/** A services file is small (10,000 services as CSV is a few megabytes); the readers bound rows and cells. */
const FILE_LIMIT_BYTES = 10 * 1024 * 1024

/** /api/v1/services: CI services, their import and export, and designation (criteria, candidates, decisions). */
export const servicesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['services']

  app.get('', {
    config: { access: 'services.read' },
    schema: { tags, summary: 'Services the caller may read (own; a ministry its sectors\' operators; the NCO all)', querystring: ListQuery, response: { 200: z.array(ServiceView) } },
  }, async (request) => listServices(ctx, request.scope!, { operatorId: request.query.operator, sectorId: request.query.sector }))

  app.post('', {
    config: { access: 'services.manage' },
    schema: { tags, summary: 'Record a service of the caller\'s operator (RTO below MTPD, impact not shrinking over time)', body: ServiceBody, response: { 201: ServiceView } },
  }, async (request, reply) => reply.code(201).send(await createService(ctx, request.scope!, request.body)))

  app.get('/export', {
    config: { access: 'services.read' },
    schema: { tags, summary: 'The services the caller may read as CSV (UTF-8 with BOM) or XLSX, headings in Japanese or English', querystring: ExportQuery },
  }, async (request, reply) => {
    const q = request.query
    const file = await exportServices(ctx, request.scope!, q.format, { operatorId: q.operator, sectorId: q.sector }, q.locale)
    return reply.type(TABULAR_CONTENT_TYPES[q.format]).header('content-disposition', `attachment; filename="services.${q.format}"`).send(file)
  })

  app.get('/designation/criteria', {
    config: { access: 'services.designation.read' },
    schema: { tags, summary: 'Designation criteria sets (the NCO\'s and the ministries\')' },
  }, async (request) => listCriteriaSets(ctx, request.scope!))

  app.post('/designation/criteria', {
    config: { access: 'services.designation.criteria' },
    schema: { tags, summary: 'Define a criteria set: coverage, substitutability, systemic dependency, economic-security designation', body: CriteriaBody },
  }, async (request, reply) => reply.code(201).send(await createCriteriaSet(ctx, request.scope!, request.body)))

  app.put('/designation/criteria/:setId', {
    config: { access: 'services.designation.criteria' },
    schema: { tags, summary: 'Change a criteria set (thresholds, combination); only its author', params: CriteriaParams, body: CriteriaBody },
  }, async (request) => updateCriteria(ctx, request.scope!, request.params.setId, request.body))

  app.get('/designation/candidates', {
    config: { access: 'services.designation.read' },
    schema: { tags, summary: 'Operators the caller governs under a criteria set, candidates first, with the value behind every criterion', querystring: CandidatesQuery },
  }, async (request) => designationCandidates(ctx, request.scope!, request.query.criteriaSet))

  app.get('/designation/decisions', {
    config: { access: 'services.designation.read' },
    schema: { tags, summary: 'Designation decisions (the NCO all; a ministry its sectors\'; an operator those about itself)', querystring: DecisionsQuery },
  }, async (request) => listDecisions(ctx, request.scope!, { operatorId: request.query.operator, sectorId: request.query.sector }))

  app.post('/designation/decisions', {
    config: { access: 'services.designation.decide' },
    schema: { tags, summary: 'Record a decision; designating also sets the operator\'s tier for the sector', body: DecisionBody },
  }, async (request, reply) => reply.code(201).send(await recordDecision(ctx, request.scope!, request.body)))

  app.get('/:serviceId', {
    config: { access: 'services.read' },
    schema: { tags, summary: 'One service', params: ServiceParams, response: { 200: ServiceView } },
  }, async (request) => getService(ctx, request.scope!, request.params.serviceId))

  app.put('/:serviceId', {
    config: { access: 'services.manage' },
    schema: { tags, summary: 'Replace one of the caller\'s services', params: ServiceParams, body: ServiceBody, response: { 200: ServiceView } },
  }, async (request) => updateService(ctx, request.scope!, request.params.serviceId, request.body))

  app.delete('/:serviceId', {
    config: { access: 'services.manage' },
    schema: { tags, summary: 'Delete one of the caller\'s services (it stops being anyone\'s substitute)', params: ServiceParams },
  }, async (request, reply) => {
    await deleteService(ctx, request.scope!, request.params.serviceId)
    return reply.code(204).send()
  })

  // Files arrive as raw bodies, read only in this context: the JSON routes keep refusing other media types.
  await app.register(async (context) => {
    const files = context.withTypeProvider<ZodTypeProvider>()
    files.addContentTypeParser(['text/csv', 'application/octet-stream', TABULAR_CONTENT_TYPES.xlsx], { parseAs: 'buffer', bodyLimit: FILE_LIMIT_BYTES }, (_request, body, done) => done(null, body))
    files.post('/import', {
      config: { access: 'services.manage' },
      bodyLimit: FILE_LIMIT_BYTES,
      schema: { tags, summary: 'Import the caller\'s services from CSV or XLSX: all or nothing, errors name row and column (rows[4].rtoHours)', querystring: ImportQuery, response: { 200: ImportView } },
    }, async (request) => {
      const body = request.body
      if (!(body instanceof Buffer) || body.length === 0) {
        throw invalid('services.file_required', 'Send the file as the request body (text/csv or the XLSX media type).', [{ path: 'body', code: 'services.file_required', message: 'a file is required' }])
      }
      return importServices(ctx, request.scope!, new Uint8Array(body), request.query.format)
    })
  })
}
