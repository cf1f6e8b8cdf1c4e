import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../../platform/context.ts'
import { OVERVIEW_MEASURES, PLAN_STATUSES } from '../domain/replacement-plans.ts'
import { assetOverview, changePlan, createPlan, deletePlan, getPlan, listPlans } from '../replacement-plans-service.ts'

/**
 * /api/v1/assets/plans: replacement plans for one device or a fleet; /api/v1/assets/overview: the per-sector
 * counts for ministries and the NCO. Types and sizes are checked here; dates, budgets, the operator's own
 * devices by the domain and the service, whose errors carry codes the web app translates.
 */

const Id = z.string().min(1).max(100)
const Text = (max: number) => z.string().max(max)

const PlanBody = z.strictObject({
  title: Text(1000),
  /** The operator's devices replaced: one, or a fleet. */
  deviceIds: z.array(Id).max(5000),
  /** YYYY-MM-DD; not in the past when set or changed. */
  targetDate: Text(100),
  /** Whole yen; null until estimated. */
  budgetJpy: z.number().int().nullable(),
  /** Left out: planned. */
  status: z.enum(PLAN_STATUSES).optional(),
  notes: Text(10_000).nullable().optional(),
})

const Params = z.strictObject({ planId: Id })

const ListQuery = z.strictObject({
  operator: Id.optional(),
  device: Id.optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
})

const OverviewQuery = z.strictObject({ sector: Id.optional() })

const PlanView = z.object({
  id: z.string(), operatorId: z.string(), title: z.string(), deviceIds: z.array(z.string()), kind: z.enum(['device', 'fleet']),
  targetDate: z.string(), budgetJpy: z.number().nullable(), status: z.enum(PLAN_STATUSES), notes: z.string().nullable(), overdue: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string(),
}).meta({ id: 'ReplacementPlan' })

const PlanPage = z.object({ total: z.number(), limit: z.number(), offset: z.number(), items: z.array(PlanView) })

const Counts = z.object(Object.fromEntries(OVERVIEW_MEASURES.map((m) => [m, z.number()])) as Record<(typeof OVERVIEW_MEASURES)[number], z.ZodNumber>)
const OverviewView = z.object({
  date: z.string(), minimumOperators: z.number(), suppression: z.boolean(),
  sectors: z.array(z.object({
    sectorId: z.string(), name: z.object({ ja: z.string(), en: z.string() }), operatorCount: z.number(), suppressed: z.boolean(),
    reason: z.enum(['too_few_operators', 'complementary']).nullable(), counts: Counts.nullable(),
  })),
})

const inputOf = (b: z.infer<typeof PlanBody>) => ({
  title: b.title, deviceIds: b.deviceIds, targetDate: b.targetDate, budgetJpy: b.budgetJpy, status: b.status ?? 'planned', notes: b.notes ?? null,
})

export const replacementPlansRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['assets']

  app.get('/plans', {
    config: { access: 'assets.read' },
    schema: { tags, summary: 'Replacement plans the caller may read (own; a ministry its sectors\' operators\'; the NCO all), overdue computed from today\'s date', querystring: ListQuery, response: { 200: PlanPage } },
  }, async (request) => {
    const q = request.query
    return listPlans(ctx, request.scope!, { operatorId: q.operator, deviceId: q.device, status: q.status, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' }, { limit: q.limit, offset: q.offset })
  })

  app.post('/plans', {
    config: { access: 'assets.plans.manage' },
    schema: { tags, summary: 'Plan to replace one of the caller\'s devices or a fleet of them by a target date, with a budget in yen', body: PlanBody, response: { 201: PlanView } },
  }, async (request, reply) => reply.code(201).send(await createPlan(ctx, request.scope!, inputOf(request.body))))

  app.get('/plans/:planId', {
    config: { access: 'assets.read' },
    schema: { tags, summary: 'One replacement plan', params: Params, response: { 200: PlanView } },
  }, async (request) => getPlan(ctx, request.scope!, request.params.planId))

  app.put('/plans/:planId', {
    config: { access: 'assets.plans.manage' },
    schema: { tags, summary: 'Replace one of the caller\'s plans (status, target date, budget, devices, notes)', params: Params, body: PlanBody, response: { 200: PlanView } },
  }, async (request) => changePlan(ctx, request.scope!, request.params.planId, inputOf(request.body)))

  app.delete('/plans/:planId', {
    config: { access: 'assets.plans.manage' },
    schema: { tags, summary: 'Delete one of the caller\'s plans', params: Params },
  }, async (request, reply) => {
    await deletePlan(ctx, request.scope!, request.params.planId)
    return reply.code(204).send()
  })

  app.get('/overview', {
    config: { access: 'assets.overview' },
    schema: {
      tags, summary: 'Per sector: devices with an active exception, past end of support (with and without a plan), in an open replacement plan, overdue plans, planned budget; groups under 5 operators suppressed for all but the NCO',
      querystring: OverviewQuery, response: { 200: OverviewView },
    },
  }, async (request) => assetOverview(ctx, request.scope!, request.query.sector))
}
