import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { forbidden, notFound } from '../../platform/errors.ts'
import { ANSWER_RESULTS, POAM_STATUSES, SUBMISSION_STATUSES } from '../domain/model.ts'
import {
  campaignDetail, closeCampaign, launchCampaign, listCampaigns, planOf, questionnaireView, requestSupport, reviewSubmission, saveAnswers,
  submitAnswers, supportRequests, updatePlanItem,
} from '../assessments-service.ts'
import { campaignDashboard, laggards } from '../dashboard-service.ts'
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
    return { ...detail, laggards: government ? laggards(detail.targets, detail.campaign.dueDate, ctx.now().toISOString().slice(0, 10)) : null }
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
  }, async (request) => {
    if (request.scope!.organisationKind !== 'national_office' && request.scope!.organisationKind !== 'ministry') throw forbidden('Only the NCO and ministries review.')
    return reviewSubmission(ctx, request.scope!, request.params.campaignId, request.params.id, request.body.action, request.body.comments)
  })

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
