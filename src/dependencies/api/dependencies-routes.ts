import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { invalid } from '../../platform/errors.ts'
import { TABULAR_CONTENT_TYPES, TABULAR_FORMATS } from '../../platform/tabular/tabular.ts'
import { CRITICALITIES, DEPENDENCY_TYPES, PROVIDER_TYPES } from '../domain/model.ts'
import { createEdge, createProvider, deleteEdge, deleteProvider, listEdges, listProviders, updateEdge, updateProvider } from '../dependencies-service.ts'
import { graphFor, simulate, spofFor } from '../analysis-service.ts'
import { Hours, HoursQuery, Id, Prefecture, Scenario } from './dependencies-schemas.ts'
import { exportDependencies, importDependencies, EXCHANGE_KINDS, IMPORT_LIMIT_BYTES } from '../exchange-service.ts'

const ProviderBody = z.strictObject({
  name: z.strictObject({ ja: z.string().trim().min(1).max(200), en: z.string().trim().max(200).default('') }),
  providerType: z.enum(PROVIDER_TYPES),
  prefectures: z.array(z.string().max(10)).max(47).default([]),
  annualFailureProbability: z.number().min(0).max(1).nullable().default(null),
})

const Failover = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  // Any number here: a negative one is refused by the service with a code and a message naming the field.
  z.strictObject({ kind: z.literal('manual'), hours: z.number().max(8760) }),
  z.strictObject({ kind: z.literal('automatic') }),
])

const EdgeBody = z.strictObject({
  from: Id,
  to: Id,
  /** What the dependency is for; left out: 'other' for a new edge, unchanged when changing one. */
  type: z.enum(DEPENDENCY_TYPES).optional(),
  criticality: z.enum(CRITICALITIES).default('critical'),
  failover: Failover.default({ kind: 'none' }),
  alternatives: z.array(Id).max(50).default([]),
})

const SimulateBody = z.strictObject({
  ...Scenario,
  hours: Hours,
  outages: z.array(z.strictObject({ node: Id, from: Hours, hours: Hours })).max(1000).default([]),
})

/** RFC 6266 filename* for names with Japanese characters. */
const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`

/**
 * /api/v1/dependencies: the provider registry, recorded dependencies, the graph analyses over the caller's
 * visible graph (JSON export, single points of failure, cascade simulation), and CSV/XLSX exchange of
 * providers and edges. The risk views (Monte-Carlo, concentration, sector risk) are in risk-routes.ts.
 */
export const dependenciesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['dependencies']

  // ---- providers

  app.get('/providers', {
    config: { access: 'dependencies.read' },
    schema: { tags, summary: 'The provider registry (cloud, data centres, telecom, power, logistics, payment, software): every signed-in caller reads it' },
  }, async () => listProviders(ctx))

  app.post('/providers', {
    config: { access: 'dependencies.manage' },
    schema: { tags, summary: 'Register a provider (admins and CISOs of the NCO, ministries and operators)', body: ProviderBody },
  }, async (request, reply) => reply.code(201).send(await createProvider(ctx, request.scope!, request.body)))

  app.put('/providers/:providerId', {
    config: { access: 'dependencies.manage' },
    schema: { tags, summary: 'Change a provider (its registrant or the NCO)', params: z.strictObject({ providerId: Id }), body: ProviderBody },
  }, async (request) => updateProvider(ctx, request.scope!, request.params.providerId, request.body))

  app.delete('/providers/:providerId', {
    config: { access: 'dependencies.manage' },
    schema: { tags, summary: 'Delete a provider no dependency names (its registrant or the NCO)', params: z.strictObject({ providerId: Id }) },
  }, async (request, reply) => {
    await deleteProvider(ctx, request.scope!, request.params.providerId)
    return reply.code(204).send()
  })

  // ---- edges

  app.get('/edges', {
    config: { access: 'dependencies.read' },
    schema: { tags, summary: 'Recorded dependencies the caller may see (with their `from` node, when the `to` is visible too); ?node= those touching one node', querystring: z.strictObject({ node: Id.optional() }) },
  }, async (request) => listEdges(ctx, request.scope!, request.query.node === undefined ? {} : { node: request.query.node }))

  app.post('/edges', {
    config: { access: 'dependencies.manage' },
    schema: { tags, summary: 'Record that `from` depends on `to` (type, criticality, failover, alternatives); cycles are allowed, self-loops are not', body: EdgeBody },
  }, async (request, reply) => reply.code(201).send(await createEdge(ctx, request.scope!, request.body)))

  app.put('/edges/:edgeId', {
    config: { access: 'dependencies.manage' },
    schema: { tags, summary: 'Change a recorded dependency', params: z.strictObject({ edgeId: Id }), body: EdgeBody },
  }, async (request) => updateEdge(ctx, request.scope!, request.params.edgeId, request.body))

  app.delete('/edges/:edgeId', {
    config: { access: 'dependencies.manage' },
    schema: { tags, summary: 'Remove a recorded dependency', params: z.strictObject({ edgeId: Id }) },
  }, async (request, reply) => {
    await deleteEdge(ctx, request.scope!, request.params.edgeId)
    return reply.code(204).send()
  })

  // ---- analyses over the visible graph

  app.get('/graph', {
    config: { access: 'dependencies.analyse' },
    schema: {
      tags, summary: 'The visible dependency graph as JSON {nodes, edges}; ?sector= and ?prefecture= keep matching services and what they depend on; ?download=1 as a file',
      querystring: z.strictObject({ sector: Id.optional(), prefecture: Prefecture.optional(), download: z.enum(['1']).optional() }),
    },
  }, async (request, reply) => {
    const { sector, prefecture, download } = request.query
    const graph = await graphFor(ctx, request.scope!, { ...(sector ? { sector } : {}), ...(prefecture ? { prefecture } : {}) })
    if (download) return reply.type('application/json').header('content-disposition', attachment('dependency-graph.json')).send(JSON.stringify(graph, null, 2))
    return graph
  })

  app.get('/spof', {
    config: { access: 'dependencies.analyse' },
    schema: { tags, summary: 'Single points of failure: nodes whose failure alone for `hours` drives a service past its MTPD, ranked, with the structural reason', querystring: HoursQuery },
  }, async (request) => ({ hours: request.query.hours, entries: await spofFor(ctx, request.scope!, request.query.hours) }))

  app.post('/simulate', {
    config: { access: 'dependencies.analyse' },
    schema: { tags, summary: 'Cascade simulation: nodes or whole prefectures down for `hours` (or outages with their own start); per-node down intervals, services past MTPD, people, sectors, timeline', body: SimulateBody },
  }, async (request) => simulate(ctx, request.scope!, request.body))

  // ---- CSV / XLSX exchange

  const ExchangeQuery = z.strictObject({ kind: z.enum(EXCHANGE_KINDS), format: z.enum(TABULAR_FORMATS) })

  app.get('/export', {
    config: { access: 'dependencies.read' },
    schema: { tags, summary: 'Providers or the visible dependencies as CSV (UTF-8 with BOM) or XLSX, headings in Japanese (or ?locale=en)', querystring: ExchangeQuery.extend({ locale: z.enum(['ja', 'en']).default('ja') }) },
  }, async (request, reply) => {
    const { kind, format, locale } = request.query
    const bytes = await exportDependencies(ctx, request.scope!, kind, format, locale)
    return reply.type(TABULAR_CONTENT_TYPES[format]).header('content-disposition', attachment(`dependencies-${kind}.${format}`)).send(bytes)
  })

  // Files arrive as raw bodies; only this route, in its own context, reads them, so JSON routes keep refusing other types.
  await app.register(async (context) => {
    const files = context.withTypeProvider<ZodTypeProvider>()
    files.addContentTypeParser(['text/csv', 'application/octet-stream', TABULAR_CONTENT_TYPES.xlsx], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES }, (_request, body, done) => done(null, body))
    files.post('/import', {
      config: { access: 'dependencies.manage' },
      bodyLimit: IMPORT_LIMIT_BYTES,
      schema: { tags, summary: 'Import providers or dependencies from CSV/XLSX (the file as the body): all or nothing; errors name the row and column (rows[4].to)', querystring: ExchangeQuery },
    }, async (request) => {
      const body = request.body
      if (!(body instanceof Buffer) || body.length === 0) {
        throw invalid('dependencies.import_body_required', 'Send the CSV or XLSX file as the request body.', [{ path: 'body', code: 'dependencies.import_body_required', message: 'a file is required' }])
      }
      return importDependencies(ctx, request.scope!, request.query.kind, request.query.format, new Uint8Array(body))
    })
  })
}
