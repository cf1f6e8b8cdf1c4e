import type { AppContext } from '../platform/context.ts'
import type { Executor } from '../platform/db/database.ts'
import { notFound } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import type { TierLevel } from '../standards/domain/model.ts'
import type { KpiDefinition, SubmissionStatus } from './domain/model.ts'
import {
  aggregate, rollUp, trend, type AggregateRow, type AggregateViewer, type Dimension, type Group, type OperatorResult, type TrendRow,
} from './domain/scores.ts'
import { findCampaignForScope, listItemStats, listResultRows, type CampaignRecord, type ResultRow, type TargetRecord } from './store/assessments-repository.ts'

/**
 * Sector and national dashboards of one campaign, from pre-computed per-operator results and heatmap
 * counts (see domain/results.ts): never from answers.
 *
 * Who sees what: every figure here is an aggregate over submitted snapshots, so anyone who may read the
 * campaign gets them, suppressed below 5 operators (with complementary suppression) for all but the NCO.
 * One call aggregates everything shown on one page, so suppression holds across the page (scores.ts).
 * A ministry's page covers its sectors with the national figure for comparison; the NCO's every sector.
 * Operators that have not submitted count in the status figures only.
 */

export interface DashboardInput {
  campaignId: string
  /** Restrict the per-sector breakdown to these sectors (a ministry's own by default). */
  sectors?: readonly string[]
}

export interface SectorStatus {
  sectorId: string
  counts: Record<SubmissionStatus, number>
  total: number
}

export interface HeatmapRow {
  lineage: string
  number: string
  title: { ja: string; en: string }
  cells: AggregateRow<number | null>[]
}

export interface KpiView {
  id: string
  definition: KpiDefinition
  rows: AggregateRow<number | null>[]
  trend: TrendRow[]
}

export interface Dashboard {
  campaign: CampaignRecord
  viewer: { isNco: boolean; sectors: readonly string[] }
  status: SectorStatus[]
  scores: AggregateRow<number | null>[]
  scoreTrend: TrendRow[]
  maturity: AggregateRow<number | null>[]
  chapters: AggregateRow<number | null>[]
  heatmap: HeatmapRow[]
  kpis: KpiView[]
  previousCampaignId: string | null
}

const DIMENSIONS: readonly Dimension[] = ['national', 'sector', 'tier']

function asOperators(rows: readonly ResultRow[]): OperatorResult[] {
  return rows.filter((r) => r.result !== null).map((r) => ({ operatorId: r.operatorId, sectors: r.sectors, tierId: r.tierId, tierLevel: r.tierLevel as TierLevel | null, answers: [] }))
}

/** Groups keep only the sectors the page shows (plus national and their tiers). */
function within(groups: Group<number | null>[], sectors: readonly string[] | null, tierSectors: ReadonlyMap<string, string>): Group<number | null>[] {
  if (!sectors) return groups
  return groups.filter((g) => {
    if (g.dims.sector) return sectors.includes(g.dims.sector)
    if (g.dims.tier) return sectors.includes(tierSectors.get(g.dims.tier) ?? '')
    return true
  })
}

async function pageRows(db: Executor, campaign: CampaignRecord) {
  return listResultRows(db, campaign.id, null)
}

export async function campaignDashboard(ctx: AppContext, scope: Scope, input: DashboardInput): Promise<Dashboard> {
  const db = ctx.database.db
  const campaign = await findCampaignForScope(db, scope, input.campaignId)
  if (!campaign) throw notFound('campaign')
  const isNco = scope.organisationKind === 'national_office'
  const viewer: AggregateViewer = { isNco }
  const shownSectors: readonly string[] | null = input.sectors && input.sectors.length > 0 ? input.sectors : isNco ? null : scope.sectorIds.length > 0 ? scope.sectorIds : null

  const rows = await pageRows(db, campaign)
  const operators = asOperators(rows)
  const byId = new Map(rows.map((r) => [r.operatorId, r]))
  const tierSectors = new Map<string, string>()
  for (const r of rows) if (r.tierId) tierSectors.set(r.tierId, r.sectors[0] ?? '')

  // Status per sector: who has submitted is not a secret among those the campaign concerns.
  const status = new Map<string, SectorStatus>()
  for (const r of rows) {
    for (const s of new Set(r.sectors)) {
      if (shownSectors && !shownSectors.includes(s)) continue
      const entry = status.get(s) ?? { sectorId: s, counts: { draft: 0, submitted: 0, under_review: 0, returned: 0, accepted: 0 }, total: 0 }
      entry.counts[r.status]++
      entry.total++
      status.set(s, entry)
    }
  }

  const scoreGroups = within(rollUp(operators, 'score', (op) => byId.get(op.operatorId)!.score, DIMENSIONS), shownSectors, tierSectors)
  const maturityGroups = within(rollUp(operators, 'maturity', (op) => byId.get(op.operatorId)!.meanMaturity, DIMENSIONS), shownSectors, tierSectors)
  const chapterNames = new Set<string>()
  for (const r of rows) for (const c of r.result?.chapters ?? []) chapterNames.add(c.chapter)
  const collator = new Intl.Collator('en', { numeric: true })
  const chapterGroups = [...chapterNames].sort(collator.compare).flatMap((chapter) => within(rollUp(operators, `score:chapter:${chapter}`,
    (op) => byId.get(op.operatorId)!.result?.chapters.find((c) => c.chapter === chapter)?.score ?? null, ['national', 'sector'], { chapter }), shownSectors, tierSectors))
  const kpiGroups = campaign.kpis.map((k) => {
    const groups = within(rollUp(operators, `kpi:${k.id}`, (op) => byId.get(op.operatorId)!.result?.kpis[k.id] ?? null, ['national', 'sector']), shownSectors, tierSectors)
    if (!groups.some((g) => g.id === 'national')) groups.unshift({ id: 'national', measure: `kpi:${k.id}`, dims: {}, operatorIds: [], value: null })
    return groups
  })
  const heat = await heatmapGroups(db, campaign.id, shownSectors)

  const all = aggregate([...scoreGroups, ...maturityGroups, ...chapterGroups, ...kpiGroups.flat(), ...heat.groups], viewer)
  const of = (prefix: string) => all.filter((r) => r.measure === prefix)
  const scores = of('score')
  const maturity = of('maturity')
  const chapters = all.filter((r) => r.measure.startsWith('score:chapter:'))

  // Trend against the previous cycle, aggregated for the same viewer (a delta only where both are shown).
  let scoreTrend: TrendRow[] = []
  const kpiTrends = new Map<string, TrendRow[]>()
  const previous = campaign.previousCampaignId ? await findCampaignForScope(db, scope, campaign.previousCampaignId) : undefined
  if (previous) {
    const before = await pageRows(db, previous)
    const beforeOps = asOperators(before)
    const beforeById = new Map(before.map((r) => [r.operatorId, r]))
    const beforeScores = within(rollUp(beforeOps, 'score', (op) => beforeById.get(op.operatorId)!.score, DIMENSIONS), shownSectors, tierSectors)
    const beforeKpis = campaign.kpis.filter((k) => previous.kpis.some((p) => p.id === k.id)).map((k) =>
      within(rollUp(beforeOps, `kpi:${k.id}`, (op) => beforeById.get(op.operatorId)!.result?.kpis[k.id] ?? null, ['national', 'sector']), shownSectors, tierSectors))
    const beforeRows = aggregate([...beforeScores, ...beforeKpis.flat()], viewer)
    scoreTrend = trend(scores, beforeRows.filter((r) => r.measure === 'score'))
    for (const k of campaign.kpis) kpiTrends.set(k.id, trend(all.filter((r) => r.measure === `kpi:${k.id}`), beforeRows.filter((r) => r.measure === `kpi:${k.id}`)))
  }

  const heatmap: HeatmapRow[] = heat.rows.map((h) => ({ ...h, cells: all.filter((r) => r.measure === `gap:${h.lineage}`) }))
  return {
    campaign, viewer: { isNco, sectors: shownSectors ?? [...status.keys()] },
    status: [...status.values()].sort((a, b) => (a.sectorId < b.sectorId ? -1 : 1)),
    scores, scoreTrend, maturity, chapters, heatmap,
    kpis: campaign.kpis.map((k) => ({ id: k.id, definition: k, rows: all.filter((r) => r.measure === `kpi:${k.id}`), trend: kpiTrends.get(k.id) ?? [] })),
    previousCampaignId: previous?.id ?? null,
  }
}

/**
 * Heatmap groups from the per-cohort counts: per requirement, a national cell and one per shown sector,
 * each listing the cohorts it covers weighted by how many operators answered (so suppression counts
 * operators, and tells operators of several sectors apart).
 */
async function heatmapGroups(db: Executor, campaignId: string, shownSectors: readonly string[] | null) {
  const stats = await listItemStats(db, campaignId, null)
  type Acc = { number: string; title: { ja: string; en: string }; cells: Map<string, { cohorts: string[]; weights: number[]; answered: number; gaps: number; sector?: string }> }
  const byLineage = new Map<string, Acc>()
  for (const s of stats) {
    const acc = byLineage.get(s.lineage) ?? { number: s.number, title: s.title, cells: new Map() }
    byLineage.set(s.lineage, acc)
    const sectors = s.cohort.split(',').filter((x) => x !== '' && (!shownSectors || shownSectors.includes(x)))
    for (const [id, sector] of [['national', undefined] as const, ...sectors.map((x) => [`sector:${x}`, x] as const)]) {
      const cell = acc.cells.get(id) ?? { cohorts: [], weights: [], answered: 0, gaps: 0, ...(sector ? { sector } : {}) }
      // A cohort's weight is its answering operators for this requirement: the same in every cell it is in.
      cell.cohorts.push(`${s.lineage}|${s.cohort}`)
      cell.weights.push(s.answered)
      cell.answered += s.answered
      cell.gaps += s.gaps
      acc.cells.set(id, cell)
    }
  }
  const collator = new Intl.Collator('en', { numeric: true })
  const lineages = [...byLineage.keys()].sort((a, b) => collator.compare(byLineage.get(a)!.number, byLineage.get(b)!.number) || (a < b ? -1 : 1))
  const groups: Group<number | null>[] = []
  for (const lineage of lineages) {
    for (const [id, c] of byLineage.get(lineage)!.cells) {
      groups.push({
        id, measure: `gap:${lineage}`, dims: c.sector ? { lineage, sector: c.sector } : { lineage }, operatorIds: c.cohorts, weights: c.weights,
        value: c.answered === 0 ? null : c.gaps / c.answered,
      })
    }
  }
  return { groups, rows: lineages.map((lineage) => ({ lineage, number: byLineage.get(lineage)!.number, title: byLineage.get(lineage)!.title })) }
}

/** Operators behind: not yet submitted (or returned) and the lowest scores, among those the caller may see individually. */
export function laggards(rows: readonly (TargetRecord & { name: string })[], dueDate: string, todayIso: string) {
  const overdue = todayIso > dueDate
  return {
    notSubmitted: rows.filter((r) => r.status === 'draft' || r.status === 'returned').map((r) => ({ operatorId: r.operatorId, name: r.name, status: r.status, overdue })),
    lowest: rows.filter((r) => r.score !== null).sort((a, b) => a.score! - b.score!).slice(0, 10)
      .map((r) => ({ operatorId: r.operatorId, name: r.name, score: r.score!, gapCount: r.gapCount ?? 0 })),
  }
}
