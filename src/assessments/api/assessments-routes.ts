import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { invalid, notFound } from '../../platform/errors.ts'
import { ANSWER_RESULTS, POAM_STATUSES, SUBMISSION_STATUSES } from '../domain/model.ts'
import {
  campaignDetail, closeCampaign, launchCampaign, listCampaigns, planOf, questionnaireView, requestSupport, reviewSubmission, saveAnswers,
  submitAnswers, supportRequests, updatePlanItem,
} from '../assessments-service.ts'
import { campaignDashboard, laggards } from '../dashboard-service.ts'
import { reminderDates, remindersDue } from '../domain/reminders.ts'
import { evidenceFile, importQuestionnaireXlsx, oscalExport, ownEvidence, questionnaireXlsx, uploadEvidence } from '../exchange-service.ts'
import { EVIDENCE_MAX_BYTES } from '../formats/evidence-file.ts'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** A filled questionnaire is small (a 1,000-row one is ~60 KB); the zip guard checks what is inside. */
const WORKBOOK_LIMIT_BYTES = 10 * 1024 * 1024

/** RFC 6266 filename* for names with Japanese characters. */
const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`
import { findCampaignForScope, listTargetsForScope } from '../store/assessments-repository.ts'
import { listAllOrganisationsUnscoped } from '../../org/store/organisation-repository.ts'

const Localized = z.strictObject({ ja: z.string().trim().min(1).max(500), en: z.string().trim().max(500) })
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
const Id = z.string().min(1).max(100)

const KpiFilter = z.strictObject({
  tierLevels: z.array(z.enum(['baseline', 'standard', 'enhanced'])).max(3).optional(),
  tierIds: z.array(Id).max(50).optional(),
  sectors: z.array(Id).max(50).optional(),
})
const KpiBase = { id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, - and _'), title: Localized, filter: KpiFilter.optional() }
const Kpi = z.discriminatedUnion('kind', [
  z.strictObject({
    ...KpiBase, kind: z.literal('share_of_operators'),
    condition: z.strictObject({
      obligationLineage: z.string().max(300).optional(), sourceNumber: z.string().max(100).optional(), documentId: Id.optional(),
      result: z.union([z.enum(ANSWER_RESULTS), z.array(z.enum(ANSWER_RESULTS)).min(1).max(4)]),
      evidenceWithinMonths: z.number().int().min(1).max(120).optional(),
    }),
  }),
  z.strictObject({ ...KpiBase, kind: z.literal('mean_maturity'), chapter: z.string().min(1).max(50) }),
  z.strictObject({ ...KpiBase, kind: z.literal('mean_score'), chapter: z.string().min(1).max(50).optional() }),
])

const LaunchBody = z.strictObject({
  title: Localized,
  cycle: z.string().trim().min(1).max(20),
  previousCampaignId: Id.nullable().default(null),
  scope: z.strictObject({
    sectors: z.array(Id).max(20).default([]),
    tierIds: z.array(Id).max(50).default([]),
    operatorIds: z.array(Id).max(10_000).default([]),
  }),
  dueDate: IsoDate,
  reminderDays: z.array(z.number().int().min(1).max(90)).max(5).default([14, 7, 1]),
  maturityScale: z.strictObject({ min: z.number().int().min(0).max(1), max: z.number().int().min(1).max(10), labels: z.array(Localized).min(2).max(11) }).optional(),
  kpis: z.array(Kpi).max(30).default([]),
})

const AnswerInput = z.strictObject({
  obligationKey: z.string().min(1).max(300),
  lineage: z.string().min(1).max(300),
  result: z.enum(ANSWER_RESULTS),
  maturity: z.number().int().min(0).max(10).nullable().default(null),
  targetDate: IsoDate.nullable().default(null),
  notApplicableReason: z.string().max(2000).nullable().default(null),
  comment: z.string().max(4000).default(''),
  evidenceIds: z.array(Id).max(20).default([]),
})

const CampaignParams = z.strictObject({ campaignId: Id })
const TargetParams = z.strictObject({ campaignId: Id, id: Id })

const CampaignView = z.object({
  id: z.string(), title: z.object({ ja: z.string(), en: z.string() }), launchedBy: z.string(), cycle: z.string(), previousCampaignId: z.string().nullable(),
  scope: z.object({ sectors: z.array(z.string()), tierIds: z.array(z.string()), operatorIds: z.array(z.string()) }),
  dueDate: z.string(), status: z.enum(['open', 'closed']), createdAt: z.string(), closedAt: z.string().nullable(),
  counts: z.record(z.enum(SUBMISSION_STATUSES), z.number()).optional(), targetCount: z.number(), ownStatus: z.enum(SUBMISSION_STATUSES).nullable().optional(),
}).meta({ id: 'CampaignSummary' })

/** /api/v1/assessments: campaigns, questionnaires, the review workflow, plans, support requests and dashboards. */
export const assessmentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['assessments']

  app.get('/campaigns', {
    config: { access: 'assessments.read' },
    schema: { tags, summary: 'Campaigns the caller launched, is asked in, or that concern its sectors', response: { 200: z.array(CampaignView) } },
  }, async (request) => listCampaigns(ctx, request.scope!) as never)

  app.post('/campaigns', {
    config: { access: 'assessments.launch' },
    schema: { tags, summary: 'Launch a campaign (one PDCA cycle): freezes each selected operator\'s obligations as its questionnaire', body: LaunchBody, response: { 201: CampaignView } },
  }, async (request, reply) => {
    const campaign = await launchCampaign(ctx, request.scope!, request.body)
    return reply.code(201).send({ ...campaign, ownStatus: null } as never)
  })

  app.get('/campaigns/:campaignId', {
    config: { access: 'assessments.read' },
    schema: { tags, summary: 'One campaign with the operators the caller may see and their status', params: CampaignParams },
  }, async (request) => {
    const detail = await campaignDetail(ctx, request.scope!, request.params.campaignId)
    const scope = request.scope!
    const government = scope.organisationKind === 'national_office' || scope.organisationKind === 'ministry'
    const today = ctx.now().toISOString().slice(0, 10)
    return {
      ...detail,
      laggards: government ? laggards(detail.targets, detail.campaign.dueDate, today) : null,
      reminders: government ? { dates: reminderDates(detail.campaign.dueDate, detail.campaign.reminderDays), today: remindersDue(detail.campaign.dueDate, detail.campaign.reminderDays, detail.targets, today) } : null,
    }
  })

  app.post('/campaigns/:campaignId/close', {
    config: { access: 'assessments.launch' },
    schema: { tags, summary: 'Close a campaign: no more submissions', params: CampaignParams },
  }, async (request) => closeCampaign(ctx, request.scope!, request.params.campaignId))

  app.get('/campaigns/:campaignId/dashboard', {
    config: { access: 'assessments.dashboard' },
    schema: {
      tags, summary: 'Scores, maturity, chapters, gap heatmap and KPIs with trend; suppressed below 5 operators for all but the NCO', params: CampaignParams,
      querystring: z.strictObject({ sector: Id.optional() }),
    },
  }, async (request) => {
    const sector = request.query.sector
    return campaignDashboard(ctx, request.scope!, { campaignId: request.params.campaignId, ...(sector ? { sectors: [sector] } : {}) })
  })

  app.get('/campaigns/:campaignId/support-requests', {
    config: { access: 'assessments.read' },
    schema: { tags, summary: 'Support requests (S20) the caller may see, grouped by requirement', params: CampaignParams },
  }, async (request) => supportRequests(ctx, request.scope!, request.params.campaignId))

  // ---- one operator (":id" is the operator: the authorization plugin checks own / jurisdiction)

  app.get('/campaigns/:campaignId/operators/:id', {
    config: { access: 'assessments.target.read' },
    schema: { tags, summary: 'The operator\'s questionnaire: its own working answers, or for reviewers the last submitted snapshot', params: TargetParams },
  }, async (request) => questionnaireView(ctx, request.scope!, request.params.campaignId, request.params.id))

  app.put('/campaigns/:campaignId/operators/:id/answers', {
    config: { access: 'assessments.answer' },
    schema: { tags, summary: 'Replace the draft answers (a returned submission reopens as a draft)', params: TargetParams, body: z.strictObject({ answers: z.array(AnswerInput).max(3000) }) },
  }, async (request) => saveAnswers(ctx, request.scope!, request.params.campaignId, request.params.id, request.body.answers))

  app.post('/campaigns/:campaignId/operators/:id/submit', {
    config: { access: 'assessments.submit' },
    schema: { tags, summary: 'Sign off (management) and submit: freezes an immutable snapshot', params: TargetParams },
  }, async (request) => submitAnswers(ctx, request.scope!, request.params.campaignId, request.params.id))

  app.post('/campaigns/:campaignId/operators/:id/review', {
    config: { access: 'assessments.review' },
    schema: {
      tags, summary: 'Start the review, return with comments, or accept', params: TargetParams,
      body: z.strictObject({
        action: z.enum(['start', 'return', 'accept']),
        comments: z.array(z.strictObject({ obligationKey: z.string().min(1).max(300), body: z.string().trim().min(1).max(4000) })).max(500).default([]),
      }),
    },
  }, async (request) => reviewSubmission(ctx, request.scope!, request.params.campaignId, request.params.id, request.body.action, request.body.comments))

  app.get('/campaigns/:campaignId/operators/:id/plan', {
    config: { access: 'assessments.target.read' },
    schema: { tags, summary: 'The operator\'s improvement plan (POA&M) for this campaign', params: TargetParams },
  }, async (request) => planOf(ctx, request.scope!, request.params.campaignId, request.params.id))

  app.patch('/campaigns/:campaignId/operators/:id/plan/:itemId', {
    config: { access: 'assessments.plan' },
    schema: {
      tags, summary: 'Move a plan item, change its owner or tick a milestone',
      params: z.strictObject({ campaignId: Id, id: Id, itemId: Id }),
      body: z.strictObject({
        status: z.enum(POAM_STATUSES).optional(), owner: z.string().trim().min(1).max(200).optional(),
        milestoneDone: z.strictObject({ index: z.number().int().min(0).max(50), done: z.boolean() }).optional(),
      }),
    },
  }, async (request) => updatePlanItem(ctx, request.scope!, request.params.campaignId, request.params.id, request.params.itemId, request.body))

  app.post('/campaigns/:campaignId/operators/:id/support-requests', {
    config: { access: 'assessments.support' },
    schema: {
      tags, summary: 'Flag an item the operator cannot meet alone (S20)', params: TargetParams,
      body: z.strictObject({ obligationKey: z.string().min(1).max(300), reason: z.string().trim().min(1).max(4000) }),
    },
  }, async (request, reply) => reply.code(201).send(await requestSupport(ctx, request.scope!, request.params.campaignId, request.params.id, request.body.obligationKey, request.body.reason)))

  // Files arrive as raw bodies (no multipart). Only the two upload routes, in their own context, read bytes:
  // every JSON route keeps refusing other media types with 415.
  await app.register(async (context) => {
    const files = context.withTypeProvider<ZodTypeProvider>()
    files.addContentTypeParser(['application/octet-stream', XLSX_TYPE], { parseAs: 'buffer', bodyLimit: EVIDENCE_MAX_BYTES }, (_request, body, done) => done(null, body))
    files.put('/campaigns/:campaignId/operators/:id/xlsx', {
      config: { access: 'assessments.answer' },
      bodyLimit: WORKBOOK_LIMIT_BYTES,
      schema: { tags, summary: 'Import a filled questionnaire: all or nothing; errors name the cell (回答!D12)', params: TargetParams },
    }, async (request) => {
      const body = request.body
      if (!(body instanceof Buffer) || body.length === 0) throw invalid('xlsx.body_required', 'Send the workbook as the request body (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).', [{ path: 'body', message: 'a workbook is required' }])
      return importQuestionnaireXlsx(ctx, request.scope!, request.params.campaignId, request.params.id, new Uint8Array(body))
    })
    files.post('/evidence', {
      config: { access: 'assessments.evidence' },
      bodyLimit: EVIDENCE_MAX_BYTES,
      schema: {
        tags, summary: 'Upload one evidence file as the raw body; the name and description travel in the query. Size, name and sniffed type are checked; SHA-256 recorded',
        querystring: z.strictObject({
          fileName: z.string().min(1).max(1000), description: z.string().max(2000).default(''),
          evidenceDate: IsoDate.optional(), validUntil: IsoDate.optional(),
        }),
      },
    }, async (request, reply) => {
      const body = request.body
      if (!(body instanceof Buffer)) throw invalid('evidence.body_required', 'Send the file as the request body (application/octet-stream).', [{ path: 'body', message: 'a file is required' }])
      const q = request.query
      const record = await uploadEvidence(ctx, request.scope!, {
        fileName: q.fileName, declaredType: null, description: q.description, evidenceDate: q.evidenceDate ?? null, validUntil: q.validUntil ?? null, bytes: new Uint8Array(body),
      })
      return reply.code(201).send(record)
    })
  })

  app.get('/campaigns/:campaignId/operators/:id/xlsx', {
    config: { access: 'assessments.target.read' },
    schema: { tags, summary: 'The questionnaire as a workbook (Japanese headings, drop-downs, locked reference columns)', params: TargetParams, querystring: z.strictObject({ locale: z.enum(['ja', 'en']).default('ja') }) },
  }, async (request, reply) => {
    const workbook = await questionnaireXlsx(ctx, request.scope!, request.params.campaignId, request.params.id, request.query.locale)
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`questionnaire-${request.params.id}.xlsx`)).send(workbook)
  })

  app.get('/campaigns/:campaignId/operators/:id/oscal', {
    config: { access: 'assessments.target.read' },
    schema: { tags, summary: 'OSCAL 1.1.2 assessment-results or POA&M of the operator (schema-validated)', params: TargetParams, querystring: z.strictObject({ kind: z.enum(['assessment-results', 'poam']) }) },
  }, async (request, reply) => {
    const document = await oscalExport(ctx, request.scope!, request.params.campaignId, request.params.id, request.query.kind)
    return reply.type('application/json').header('content-disposition', attachment(`${request.query.kind}-${request.params.id}.json`)).send(JSON.stringify(document, null, 2))
  })

  app.get('/evidence', {
    config: { access: 'assessments.evidence' },
    schema: { tags, summary: 'The organisation\'s evidence files (metadata)' },
  }, async (request) => ownEvidence(ctx, request.scope!))

  app.get('/evidence/:evidenceId/content', {
    config: { access: 'assessments.evidence.read' },
    schema: { tags, summary: 'Download one evidence file (own, or cited by a snapshot the caller may review)', params: z.strictObject({ evidenceId: Id }) },
  }, async (request, reply) => {
    const { record, content } = await evidenceFile(ctx, request.scope!, request.params.evidenceId)
    // Served as the sniffed type, never rendered in place: a reviewer's browser must not run what an upload holds.
    return reply.type(record.contentType).header('content-disposition', attachment(record.fileName)).header('x-content-type-options', 'nosniff')
      .header('x-evidence-sha256', record.sha256).send(Buffer.from(content))
  })

  app.get('/campaigns/:campaignId/operators', {
    config: { access: 'assessments.read' },
    schema: { tags, summary: 'The campaign\'s operators the caller may see, with status and submitted score', params: CampaignParams },
  }, async (request) => {
    if (!(await findCampaignForScope(ctx.database.db, request.scope!, request.params.campaignId))) throw notFound('campaign')
    const targets = await listTargetsForScope(ctx.database.db, request.scope!, request.params.campaignId)
    const names = new Map((await listAllOrganisationsUnscoped(ctx.database.db)).map((o) => [o.id, o.name]))
    return targets.map((t) => ({ ...t, name: names.get(t.operatorId) ?? t.operatorId }))
  })
}
