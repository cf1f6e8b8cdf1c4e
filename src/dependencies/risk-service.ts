import { randomInt } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { invalid } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { seededRandom } from '../platform/seeded-random.ts'
import { providerConcentration } from './domain/concentration.ts'
import { simulateMonteCarlo } from './domain/monte-carlo.ts'
import { sectorRisk } from './domain/sector-risk.ts'
import { analyseSinglePointsOfFailure } from './domain/spof.ts'
import { checkScenario, visibleGraph, type ScenarioInput } from './analysis-service.ts'

/**
 * The risk views over the caller's visible graph: Monte-Carlo cascades with sampled outage durations,
 * provider concentration, and the ministries' sector risk (S8).
 */

export type DurationInput = { kind: 'lognormal'; medianHours: number; p90Hours: number } | { kind: 'uniform'; minHours: number; maxHours: number }

export async function monteCarlo(ctx: AppContext, scope: Scope, input: ScenarioInput & { duration: DurationInput; runs: number; seed?: number | undefined }) {
  const { graph } = await visibleGraph(ctx, scope)
  checkScenario(graph, input)
  const d = input.duration
  if (d.kind === 'lognormal' && d.p90Hours < d.medianHours) {
    throw invalid('dependencies.invalid_duration', 'The 90th percentile cannot be below the median.', [{ path: 'body.duration.p90Hours', code: 'dependencies.p90_below_median', message: 'The 90th percentile cannot be below the median.' }])
  }
  if (d.kind === 'uniform' && d.maxHours < d.minHours) {
    throw invalid('dependencies.invalid_duration', 'The longest duration cannot be below the shortest.', [{ path: 'body.duration.maxHours', code: 'dependencies.max_below_min', message: 'The longest duration cannot be below the shortest.' }])
  }
  // A seed makes a run reproducible; without one each request draws its own.
  const seed = input.seed ?? randomInt(2 ** 32)
  const result = simulateMonteCarlo(graph, { nodes: input.nodes, prefectures: input.prefectures, duration: d, runs: input.runs }, seededRandom(seed))
  return { ...result, seed }
}

export async function concentration(ctx: AppContext, scope: Scope) {
  return providerConcentration((await visibleGraph(ctx, scope)).graph)
}

export async function sectorRiskFor(ctx: AppContext, scope: Scope, hours: number) {
  const { graph } = await visibleGraph(ctx, scope)
  return sectorRisk(graph, analyseSinglePointsOfFailure(graph, { hours }))
}

