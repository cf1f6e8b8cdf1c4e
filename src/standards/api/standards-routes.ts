import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { forbidden } from '../../platform/errors.ts'
import { listDocuments, listMappings, loadNodes } from '../store/standards-repository.ts'
import { listComments, listExceptions, listTiers } from '../store/governance-repository.ts'
import { diffVersions } from '../domain/version-diff.ts'
import { mappingsFromCsv, mappingsToCsv } from '../domain/oscal/mapping-csv.ts'
import { importMappingCollection } from '../domain/oscal/mapping.ts'
import { resolveKanameHref } from '../domain/oscal/profile.ts'
import { assertValidOscal } from '../formats/oscal-validator.ts'
import {
  addComment, answerComment, assertMayWriteDocument, assignTier, checkProfile, createDocument, createSuccessor, decideOnException, getVisibleVersion,
  importMappingRows, moveVersion, openConsultation, requestException, resolveVersion, setProfile,
} from '../standards-service.ts'
import { exportMappings, exportOscalDocument, importOscalDocument } from '../oscal-service.ts'
import { standardToXlsx } from '../formats/xlsx.ts'
import {
  AnswerInput, CheckView, CommentInput, CommentView, ConsultationInput, DecisionInput, DiffQuery, DiffView, DocumentView, ExceptionInput,
  ExceptionView, ImportQuery, ImportResult, MappingImportInput, MappingView, MappingsQuery, NewDocumentInput, NodeView, NodesQuery, ProfileInput, StatusInput,
  SuccessorInput, TierAssignmentInput, TierAssignmentView, TierView, VersionParams, VersionView,
} from './standards-schemas.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const IMPORT_LIMIT_BYTES = 16 * 1024 * 1024

/** /api/v1/standards: documents, versions, profiles, exceptions, tiers, crosswalks, consultation, OSCAL. */
export const standardsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const db = ctx.database.db
  const tags = ['standards']

  app.get('/documents', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'Documents and the versions the caller may see', querystring: z.strictObject({ kind: DocumentView.shape.kind.optional() }), response: { 200: z.array(DocumentView) } },
  }, async (request) => listDocuments(db, request.scope!, { kind: request.query.kind }))

  app.post('/documents', {
    config: { access: 'standards.author' },
    schema: { tags, summary: 'Create a document with a first draft (optionally a profile of a published version)', body: NewDocumentInput, response: { 201: ImportResult } },
  }, async (request, reply) => reply.status(201).send(await createDocument(ctx, request.scope!, request.body)))

  app.get('/versions/:versionId', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'One version', params: VersionParams, response: { 200: VersionView } },
  }, async (request) => getVisibleVersion(db, request.scope!, request.params.versionId))

  app.get('/versions/:versionId/nodes', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'Requirement nodes (resolved for profiles); q searches number, title and text in both languages', params: VersionParams, querystring: NodesQuery, response: { 200: z.array(NodeView) } },
  }, async (request) => {
    await getVisibleVersion(db, request.scope!, request.params.versionId)
    const nodes = request.query.resolved === 'true' ? await resolveVersion(db, request.params.versionId) : await loadNodes(db, request.params.versionId)
    const q = request.query.q?.trim().toLowerCase()
    if (!q) return nodes as never
    return nodes.filter((n) => [n.number, n.title.ja, n.title.en, n.text.ja, n.text.en].some((s) => s.toLowerCase().includes(q))) as never
  })

  app.get('/versions/:versionId/diff', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'What changed from another version (added, removed, changed nodes)', params: VersionParams, querystring: DiffQuery, response: { 200: DiffView } },
  }, async (request) => {
    await getVisibleVersion(db, request.scope!, request.params.versionId)
    await getVisibleVersion(db, request.scope!, request.query.against)
    return diffVersions(await resolveVersion(db, request.query.against), await resolveVersion(db, request.params.versionId)) as never
  })

  app.get('/versions/:versionId/check', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'For a profile: every dropped or weakened must per tier, with its exception', params: VersionParams, response: { 200: CheckView } },
  }, async (request) => {
    await getVisibleVersion(db, request.scope!, request.params.versionId)
    return checkProfile(ctx, request.params.versionId)
  })

  app.post('/versions/:versionId/successor', {
    config: { access: 'standards.author' },
    schema: { tags, summary: 'Start a new draft version from this one', params: VersionParams, body: SuccessorInput, response: { 201: ImportResult } },
  }, async (request, reply) => reply.status(201).send(await createSuccessor(ctx, request.scope!, request.params.versionId, request.body.label)))

  app.put('/versions/:versionId/profile', {
    config: { access: 'standards.author' },
    schema: { tags, summary: 'Replace a draft profile\'s imports, parameters and alterations', params: VersionParams, body: ProfileInput, response: { 200: CheckView } },
  }, async (request) => {
    await setProfile(ctx, request.scope!, request.params.versionId, request.body)
    return checkProfile(ctx, request.params.versionId)
  })

  app.post('/versions/:versionId/status', {
    config: { access: 'standards.author' },
    schema: { tags, summary: 'Publish, bring into force or supersede (publishing a profile needs every weakening excused)', params: VersionParams, body: StatusInput, response: { 200: VersionView } },
  }, async (request) => {
    await moveVersion(ctx, request.scope!, request.params.versionId, request.body.to)
    return getVisibleVersion(db, request.scope!, request.params.versionId)
  })

  app.post('/versions/:versionId/consultation', {
    config: { access: 'standards.author' },
    schema: { tags, summary: 'Open or close a draft for comments (S24)', params: VersionParams, body: ConsultationInput, response: { 200: VersionView } },
  }, async (request) => {
    await openConsultation(ctx, request.scope!, request.params.versionId, request.body.open)
    return getVisibleVersion(db, request.scope!, request.params.versionId)
  })

  app.get('/versions/:versionId/comments', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'Comments on a version and the owner\'s answers', params: VersionParams, response: { 200: z.array(CommentView) } },
  }, async (request) => {
    await getVisibleVersion(db, request.scope!, request.params.versionId)
    return listComments(db, request.params.versionId)
  })

  app.post('/versions/:versionId/comments', {
    config: { access: 'standards.comment' },
    schema: { tags, summary: 'Comment on a requirement of a draft open for consultation', params: VersionParams, body: CommentInput, response: { 201: CommentView } },
  }, async (request, reply) => reply.status(201).send(await addComment(ctx, request.scope!, request.params.versionId, request.body)))

  app.post('/comments/:commentId/answer', {
    config: { access: 'standards.author' },
    schema: { tags, summary: 'Answer a comment (accepted / declined / considered)', params: z.strictObject({ commentId: z.string().min(1).max(100) }), body: AnswerInput, response: { 200: CommentView } },
  }, async (request) => answerComment(ctx, request.scope!, request.params.commentId, request.body))

  app.get('/exceptions', {
    config: { access: 'standards.exceptions.read' },
    schema: { tags, summary: 'Exceptions (例外措置): all sectors for the NCO, own documents for a ministry', response: { 200: z.array(ExceptionView) } },
  }, async (request) => listExceptions(db, request.scope!))

  app.post('/versions/:versionId/exceptions', {
    config: { access: 'standards.exceptions.request' },
    schema: { tags, summary: 'Request an exception for a dropped or weakened must', params: VersionParams, body: ExceptionInput, response: { 201: ExceptionView } },
  }, async (request, reply) => reply.status(201).send(await requestException(ctx, request.scope!, request.params.versionId, request.body)))

  app.post('/exceptions/:exceptionId/decision', {
    config: { access: 'standards.exceptions.decide' },
    schema: { tags, summary: 'Approve or reject an exception (NCO)', params: z.strictObject({ exceptionId: z.string().min(1).max(100) }), body: DecisionInput, response: { 200: ExceptionView } },
  }, async (request) => decideOnException(ctx, request.scope!, request.params.exceptionId, request.body.approve, request.body.note))

  app.get('/tiers', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'Tier definitions and their criteria', querystring: z.strictObject({ sector: z.string().max(40).optional() }), response: { 200: z.array(TierView) } },
  }, async (request) => listTiers(db, request.query.sector))

  app.put('/operators/:id/tiers/:sectorId', {
    config: { access: 'standards.tiers.assign' },
    schema: { tags, summary: 'Record an operator\'s tier in a sector, with the reason', params: z.strictObject({ id: z.string().min(1).max(100), sectorId: z.string().min(1).max(40) }), body: TierAssignmentInput, response: { 200: TierAssignmentView } },
  }, async (request) => {
    const target = request.target!.organisation
    if (target.kind !== 'operator') throw forbidden('Tiers are recorded for operators.')
    return assignTier(ctx, request.scope!, target.id, target.sectors, request.params.sectorId, request.body.tierId, request.body.reason)
  })

  app.get('/mappings', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'Crosswalk rows touching a version, as JSON, CSV or OSCAL mapping-collection 1.2.1', querystring: MappingsQuery, response: { 200: z.array(MappingView) } },
  }, async (request, reply) => {
    const version = await getVisibleVersion(db, request.scope!, request.query.version)
    const mappings = await listMappings(db, [version.id])
    if (request.query.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="mappings.csv"').send(mappingsToCsv(mappings) as never)
    if (request.query.format === 'oscal') return reply.type('application/json; charset=utf-8').send(await exportMappings(ctx, mappings, `${version.document.title.en || version.document.title.ja} crosswalks`) as never)
    return mappings
  })

  app.post('/mappings/import', {
    config: { access: 'standards.author' },
    bodyLimit: IMPORT_LIMIT_BYTES,
    schema: {
      tags, summary: 'Import crosswalk rows from CSV text or an OSCAL 1.2.1 mapping-collection; all rows or none',
      body: MappingImportInput,
      response: { 200: z.object({ received: z.number(), inserted: z.number() }) },
    },
  }, async (request) => {
    const body = request.body
    // CSV errors name the line: the header is line 1, so data row i is line i + 2.
    if (body.format === 'csv') return importMappingRows(ctx, request.scope!, mappingsFromCsv(body.csv!), (i) => `body.csv line ${i + 2}`)
    assertValidOscal('mapping-collection', body.document)
    const imported = importMappingCollection(body.document, { resolveHref: resolveKanameHref })
    return importMappingRows(ctx, request.scope!, imported.mappings, (i) => `body.document.mappings[${i}]`)
  })

  app.get('/versions/:versionId/export/oscal', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'OSCAL 1.1.2 catalog or profile JSON', params: VersionParams },
  }, async (request, reply) => {
    await getVisibleVersion(db, request.scope!, request.params.versionId)
    return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${request.params.versionId}.oscal.json"`)
      .send(await exportOscalDocument(ctx, request.params.versionId))
  })

  app.get('/versions/:versionId/export/xlsx', {
    config: { access: 'standards.read' },
    schema: { tags, summary: 'The standard as a workbook (番号, 表題, 本文, 強度)', params: VersionParams },
  }, async (request, reply) => {
    const version = await getVisibleVersion(db, request.scope!, request.params.versionId)
    const nodes = await resolveVersion(db, version.id)
    return reply.type(XLSX).header('content-disposition', `attachment; filename="${version.document.id}.xlsx"`)
      .send(await standardToXlsx(version.document.title.ja || version.document.title.en, nodes))
  })

  app.post('/import/oscal', {
    config: { access: 'standards.author' },
    bodyLimit: IMPORT_LIMIT_BYTES,
    schema: { tags, summary: 'Import an OSCAL catalog or profile (validated against the 1.1.2 schema)', querystring: ImportQuery, body: z.record(z.string(), z.unknown()), response: { 200: ImportResult, 201: ImportResult } },
  }, async (request, reply) => {
    const scope = request.scope!
    assertMayWriteDocument(scope, request.query.documentKind, request.query.sectorId ?? null)
    const result = await importOscalDocument(ctx, request.body, { ...request.query, ownerOrganisationId: scope.organisationId, actor: scope.actor })
    return reply.status(result.created ? 201 : 200).send(result)
  })

}
