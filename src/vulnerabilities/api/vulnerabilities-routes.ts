import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { DomainError, invalid } from '../../platform/errors.ts'
import { memoryFile } from '../formats/import-file.ts'
import { IMPORT_KINDS, importVulnerabilityFiles, type ImportKind } from '../import-service.ts'
import { getCveRecord, getCveRecordJson, recentImports, searchCveRecords, searchEol, searchKev } from '../vulnerabilities-service.ts'

/** An upload larger than this is refused by the HTTP layer before it is read whole (413). */
export const IMPORT_BODY_LIMIT_BYTES = 32 * 1024 * 1024

const Id = z.string().min(1).max(100)
const Search = z.string().max(200)
const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
}

const UPLOAD_NAMES: Record<ImportKind, string> = { cve: 'body.json', kev: 'body.json', eol: 'body.csv' }

/**
 * /api/v1/vulnerabilities: CVE records, the KEV catalog and vendor EOL lists. Reads are public reference data
 * for every signed-in caller; imports (one file as the request body) are the NCO's admins'. The same importer
 * as `kaname vulns import`: incremental, idempotent, one transaction; a rejected upload is a 422 whose errors
 * name the JSONPath inside the body (`body.containers.cna.affected[2].versions[0].lessThan`) or, for CSV, the
 * row and column (`body.rows[4].end_of_support`).
 */
export const vulnerabilitiesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['vulnerabilities']

  app.get('/records', {
    config: { access: 'vulnerabilities.read' },
    schema: {
      tags, summary: 'CVE records, newest first; ?q= searches id, title, description and affected vendors/products, ?vendor= one vendor, ?kev= in the KEV catalog or not',
      querystring: z.strictObject({ q: Search.optional(), vendor: Search.optional(), kev: z.enum(['true', 'false']).optional(), ...Paging }),
    },
  }, async (request) => {
    const { q, vendor, kev, limit, offset } = request.query
    return searchCveRecords(ctx, { q, vendor, kev: kev === undefined ? undefined : kev === 'true', limit, offset })
  })

  app.get('/records/:cveId', {
    config: { access: 'vulnerabilities.read' },
    schema: { tags, summary: 'One CVE record: dates, CVSS, SSVC, KEV entry, its affected entries as written and its normalised matching rules', params: z.strictObject({ cveId: Id }) },
  }, async (request) => getCveRecord(ctx, request.params.cveId))

  app.get('/records/:cveId/json', {
    config: { access: 'vulnerabilities.read' },
    schema: { tags, summary: 'One CVE record as imported (CVE JSON 5, canonical form: keys sorted)', params: z.strictObject({ cveId: Id }) },
  }, async (request, reply) => reply.type('application/json; charset=utf-8').send(await getCveRecordJson(ctx, request.params.cveId)))

  app.get('/kev', {
    config: { access: 'vulnerabilities.read' },
    schema: { tags, summary: 'CISA KEV entries, most recently added first; ?q= searches id, vendor, product and name', querystring: z.strictObject({ q: Search.optional(), ...Paging }) },
  }, async (request) => searchKev(ctx, request.query))

  app.get('/eol', {
    config: { access: 'vulnerabilities.read' },
    schema: { tags, summary: 'Vendor end-of-life entries; ?q= searches vendor and product, ?vendor= one vendor', querystring: z.strictObject({ q: Search.optional(), vendor: Search.optional(), ...Paging }) },
  }, async (request) => searchEol(ctx, request.query))

  app.get('/imports', {
    config: { access: 'vulnerabilities.read' },
    schema: { tags, summary: 'Recent imports that changed something: kind, source, when, counts and the problems of rejected files', querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20) }) },
  }, async (request) => recentImports(ctx, request.query.limit))

  // The file arrives as the raw body; only this route, in its own context, reads bodies as bytes.
  await app.register(async (context) => {
    const files = context.withTypeProvider<ZodTypeProvider>()
    files.removeContentTypeParser('application/json')
    files.addContentTypeParser(['application/json', 'text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body))
    files.post('/import', {
      config: { access: 'vulnerabilities.import' },
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      schema: {
        tags, summary: 'Import one file as the body: a CVE JSON 5 record (kind=cve), the KEV catalog (kind=kev) or an EOL CSV (kind=eol); incremental and idempotent; the summary counts imported, updated and unchanged entries',
        querystring: z.strictObject({ kind: z.enum(IMPORT_KINDS), source: z.string().min(1).max(500).optional() }),
      },
    }, async (request) => {
      const body = request.body
      if (!(body instanceof Buffer) || body.length === 0) {
        throw invalid('vulnerabilities.import_body_required', 'Send the file as the request body.', [{ path: 'body', code: 'vulnerabilities.import_body_required', message: 'a file is required' }])
      }
      const { kind, source } = request.query
      if (source?.includes('\u0000')) {
        throw invalid('vulnerabilities.source_invalid', 'The source label contains a NUL character.', [{ path: 'querystring.source', code: 'vulnerabilities.source_invalid', message: 'contains a NUL character' }])
      }
      const scope = request.scope!
      const summary = await importVulnerabilityFiles(ctx, { actor: scope.actor, organisationId: scope.organisationId }, kind, [memoryFile(UPLOAD_NAMES[kind], new Uint8Array(body))], { source: source ?? 'upload' })
      if (summary.rejectedFiles > 0) {
        const errors = summary.rejected.map((p) => ({ path: p.path.startsWith('$') ? `body${p.path.slice(1)}` : `body.${p.path}`, code: p.code, message: p.message }))
        throw new DomainError('invalid', 'vulnerabilities.import_rejected', `The file was rejected; nothing was imported. ${errors[0]!.path}: ${errors[0]!.message}`, errors)
      }
      return summary
    })
  })
}
