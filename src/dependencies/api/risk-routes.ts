import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../../platform/context.ts'
import { concentration, monteCarlo, sectorRiskFor } from '../risk-service.ts'
import { Hours, HoursQuery, Scenario } from './dependencies-schemas.ts'

const MonteCarloBody = z.strictObject({
  ...Scenario,
  duration: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('lognormal'), medianHours: z.number().positive().max(8760), p90Hours: z.number().positive().max(8760) }),
    z.strictObject({ kind: z.literal('uniform'), minHours: Hours, maxHours: Hours }),
  ]),
  runs: z.number().int().min(1).max(10_000).default(1000),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
})

/** /api/v1/dependencies, risk views over the caller's visible graph: Monte-Carlo cascades, concentration, sector risk (S8). */
export const dependencyRiskRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['dependencies']

  app.post('/monte-carlo', {
    config: { access: 'dependencies.analyse' },
    schema: { tags, summary: 'Monte-Carlo cascade: outage durations sampled from a distribution; distributions of people affected, people-hours and services past MTPD', body: MonteCarloBody },
  }, async (request) => monteCarlo(ctx, request.scope!, request.body))

  app.get('/concentration', {
    config: { access: 'dependencies.analyse' },
    schema: { tags, summary: 'Provider concentration: services, people and sectors hanging on each provider, directly or transitively' },
  }, async (request) => concentration(ctx, request.scope!))

  app.get('/sector-risk', {
    config: { access: 'dependencies.analyse' },
    schema: { tags, summary: 'Per sector, the probability-weighted people-hours of disruption from the single points of failure (S8)', querystring: HoursQuery },
  }, async (request) => ({ hours: request.query.hours, sectors: await sectorRiskFor(ctx, request.scope!, request.query.hours) }))
}
