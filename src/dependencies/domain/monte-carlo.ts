import { invalid, type FieldError } from '../../platform/errors.ts'
import { runCascade, type NodeOutage } from './cascade.ts'
import { resolveGraph, stoppingEdges } from './graph-index.ts'
import type { DependencyGraph } from './model.ts'

/**
 * Monte-Carlo cascade: the same scenario many times with sampled outage durations, reporting distributions
 * instead of one number (how long an outage lasts is the most uncertain input of a BIA).
 *
 * Each named node gets its own sampled duration per run (independent failures); a prefecture outage is one
 * event, so all its nodes share one sampled duration per run. Durations are log-normal by default — outage
 * lengths are right-skewed, most short and a few very long — given by their median and 90th percentile, or
 * uniform between two bounds. `random` is passed in (seeded by the caller), so a run is reproducible.
 */
export type DurationDistribution =
  | { kind: 'lognormal'; medianHours: number; p90Hours: number }
  | { kind: 'uniform'; minHours: number; maxHours: number }

export interface MonteCarloScenario {
  nodes?: readonly string[]
  prefectures?: readonly string[]
  duration: DurationDistribution
  runs: number
}

export interface Distribution {
  mean: number
  p50: number
  p90: number
  p99: number
  max: number
  /** 20 equal-width bins from 0 to the maximum (one bin when everything is 0). */
  histogram: { from: number; to: number; count: number }[]
}

export interface MonteCarloResult {
  runs: number
  /** Peak people served by services down at the same time, per run. */
  peopleAffected: Distribution
  peopleHours: Distribution
  servicesExceedingMtpd: Distribution
  /** Services past their MTPD in at least one run, with the share of runs; most likely first. */
  exceedance: { serviceId: string; probability: number }[]
}

export const MAX_RUNS = 10_000
const Z90 = 1.2815515655446004 // standard normal 90th percentile

export function simulateMonteCarlo(graph: DependencyGraph, scenario: MonteCarloScenario, random: () => number): MonteCarloResult {
  const resolved = resolveGraph(graph)
  const index = resolved.nodes.index
  const errors: FieldError[] = []
  if (!Number.isInteger(scenario.runs) || scenario.runs < 1 || scenario.runs > MAX_RUNS) errors.push({ path: 'runs', message: `Runs must be a whole number from 1 to ${MAX_RUNS}.` })
  ;(scenario.nodes ?? []).forEach((id, i) => {
    if (!index.has(id)) errors.push({ path: `nodes[${i}]`, message: `Unknown node ${String(id)}.` })
  })
  const d = scenario.duration
  const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0
  if (d.kind === 'lognormal') {
    if (!positive(d.medianHours)) errors.push({ path: 'duration.medianHours', message: 'The median must be a number of hours above zero.' })
    if (!positive(d.p90Hours) || d.p90Hours < d.medianHours) errors.push({ path: 'duration.p90Hours', message: 'The 90th percentile must be at least the median.' })
  } else if (d.kind === 'uniform') {
    if (!(typeof d.minHours === 'number' && Number.isFinite(d.minHours) && d.minHours >= 0)) errors.push({ path: 'duration.minHours', message: 'The minimum must be a number of hours ≥ 0.' })
    if (!(typeof d.maxHours === 'number' && Number.isFinite(d.maxHours)) || d.maxHours < d.minHours) errors.push({ path: 'duration.maxHours', message: 'The maximum must be at least the minimum.' })
  } else errors.push({ path: 'duration.kind', message: 'The distribution must be lognormal or uniform.' })
  if ((scenario.nodes ?? []).length === 0 && (scenario.prefectures ?? []).length === 0) errors.push({ path: 'nodes', message: 'Name at least one node or prefecture.' })
  if (errors.length > 0) throw invalid('dependencies.invalid_monte_carlo', `Invalid Monte-Carlo scenario: ${errors[0]!.path}: ${errors[0]!.message}`, errors)

  const sample = durationSampler(d, random)
  const downPrefectures = new Set(scenario.prefectures ?? [])
  const prefectureNodes = downPrefectures.size === 0 ? [] : graph.nodes.filter((x) => x.prefectures.length > 0 && x.prefectures.every((p) => downPrefectures.has(p))).map((x) => x.id)
  const edges = stoppingEdges(resolved, Infinity)

  const peak: number[] = []
  const peopleHours: number[] = []
  const exceeding: number[] = []
  const exceedCount = new Map<string, number>()
  for (let r = 0; r < scenario.runs; r++) {
    const outages: NodeOutage[] = (scenario.nodes ?? []).map((node) => ({ node, from: 0, hours: sample() }))
    if (prefectureNodes.length > 0) {
      const hours = sample()
      for (const node of prefectureNodes) outages.push({ node, from: 0, hours })
    }
    const result = runCascade(graph, resolved, edges, outages.filter((o) => o.hours > 0))
    peak.push(result.peakPeopleAffected)
    peopleHours.push(result.peopleHours)
    exceeding.push(result.servicesExceedingMtpd.length)
    for (const id of result.servicesExceedingMtpd) exceedCount.set(id, (exceedCount.get(id) ?? 0) + 1)
  }
  return {
    runs: scenario.runs,
    peopleAffected: distribution(peak),
    peopleHours: distribution(peopleHours),
    servicesExceedingMtpd: distribution(exceeding),
    exceedance: [...exceedCount].map(([serviceId, c]) => ({ serviceId, probability: c / scenario.runs }))
      .sort((a, b) => b.probability - a.probability || (a.serviceId < b.serviceId ? -1 : 1)),
  }
}

/** Draws durations in hours; log-normal through Box–Muller on two uniforms. */
export function durationSampler(d: DurationDistribution, random: () => number): () => number {
  if (d.kind === 'uniform') return () => d.minHours + (d.maxHours - d.minHours) * random()
  const mu = Math.log(d.medianHours)
  const sigma = Math.log(d.p90Hours / d.medianHours) / Z90
  return () => {
    const u = 1 - random() // (0, 1]: log(0) would be −∞
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
    return Math.exp(mu + sigma * z)
  }
}

/** Summary of a sample: mean, nearest-rank percentiles, maximum and a 20-bin histogram. */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b)
  const count = sorted.length
  const rank = (q: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1))]!
  const max = sorted[count - 1]!
  const bins = max > 0 ? 20 : 1
  const width = max > 0 ? max / bins : 0
  const histogram = Array.from({ length: bins }, (_, i) => ({ from: i * width, to: max > 0 ? (i + 1) * width : 0, count: 0 }))
  for (const v of sorted) histogram[width > 0 ? Math.min(bins - 1, Math.floor(v / width)) : 0]!.count++
  return { mean: sorted.reduce((s, v) => s + v, 0) / count, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max, histogram }
}
