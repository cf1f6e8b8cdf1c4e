import type { AppContext } from '../platform/context.ts'
import type { Executor } from '../platform/db/database.ts'
import { notFound } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import type { TierLevel } from '../standards/domain/model.ts'
import type { KpiDefinition, SubmissionStatus } from './domain/model.ts'
import {
  aggregate, rollUpUnits, trend, type AggregateRow, type AggregateViewer, type Dimension, type Group, type RollUpUnit, type TrendRow,
} from './domain/scores.ts'
import { RESULT_PRESENCE } from './domain/results.ts'
import {
  countTargetStatuses, findCampaignForScope, listItemStats, listResultStats, type CampaignRecord, type TargetRecord,
} from './store/assessments-repository.ts'

/**
 * Sector and national dashboards of one campaign, from pre-computed sums and heatmap counts (see
 * domain/results.ts): never from answers, nor from one row per operator. Each unit of operators that share
 * every group (same sectors, tier, tier level) is one row per measure; roll-ups and suppression work on
 * those units weighted by their operator counts, which suppresses exactly as per-operator data would.
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

/** Groups keep only the sectors the page shows (plus national and their tiers). */
function within(groups: Group<number | null>[], sectors: readonly string[] | null, tierSectors: ReadonlyMap<string, string>): Group<number | null>[] {
  if (!sectors) return groups
  return groups.filter((g) => {
    if (g.dims.sector) return sectors.includes(g.dims.sector)
    if (g.dims.tier) return sectors.includes(tierSectors.get(g.dims.tier) ?? '')
    return true
  })
}

/**
 * A campaign's dashboard sums as roll-up units: the units with any result (in a fixed order: sectors, tier,
 * tier level) and each unit's sums per measure.
 */
async function pageUnits(db: Executor, campaignId: string) {
  const stats = await listResultStats(db, campaignId)
  const units = new Map<string, RollUpUnit>()
  const sums = new Map<string, Map<string, { operators: number; total: number }>>()
  for (const s of stats) {
    const id = JSON.stringify([s.sectors, s.tierId, s.tierLevel])
    if (s.measure === RESULT_PRESENCE) {
      if (s.operators > 0) units.set(id, { id, sectors: s.sectors, tierId: s.tierId, tierLevel: s.tierLevel as TierLevel | null })
      continue
    }
    let m = sums.get(s.measure)
    if (!m) sums.set(s.measure, m = new Map())
    m.set(id, s)
  }
  const ordered = [...units.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const roll = (measure: string, by: readonly Dimension[], extraDims?: Readonly<Record<string, string>>) => {
    const of = sums.get(measure)
    return rollUpUnits(ordered, measure, (u) => of?.get(u.id), by, extraDims)
  }
  return { units: ordered, measures: [...sums.keys()], roll }
}

export async function campaignDashboard(ctx: AppContext, scope: Scope, input: DashboardInput): Promise<Dashboard> {
  const db = ctx.database.db
  const campaign = await findCampaignForScope(db, scope, input.campaignId)
  if (!campaign) throw notFound('campaign')
  const isNco = scope.organisationKind === 'national_office'
  const viewer: AggregateViewer = { isNco }
  const shownSectors: readonly string[] | null = input.sectors && input.sectors.length > 0 ? input.sectors : isNco ? null : scope.sectorIds.length > 0 ? scope.sectorIds : null

  // Status per sector: who has submitted is not a secret among those the campaign concerns.
  const status = new Map<string, SectorStatus>()
  for (const r of await countTargetStatuses(db, campaign.id)) {
    for (const s of new Set(r.sectors)) {
      if (shownSectors && !shownSectors.includes(s)) continue
      const entry = status.get(s) ?? { sectorId: s, counts: { draft: 0, submitted: 0, under_review: 0, returned: 0, accepted: 0 }, total: 0 }
      entry.counts[r.status] += r.count
      entry.total += r.count
      status.set(s, entry)
    }
  }

  // Operators with a result, rolled up from the pre-computed sums of their units (results.ts measureSums).
  const page = await pageUnits(db, campaign.id)
  const tierSectors = new Map<string, string>()
  for (const u of page.units) if (u.tierId) tierSectors.set(u.tierId, u.sectors[0] ?? '')
  const scoreGroups = within(page.roll('score', DIMENSIONS), shownSectors, tierSectors)
  const maturityGroups = within(page.roll('maturity', DIMENSIONS), shownSectors, tierSectors)
  const collator = new Intl.Collator('en', { numeric: true })
  const chapterNames = page.measures.filter((m) => m.startsWith(CHAPTER)).map((m) => m.slice(CHAPTER.length)).sort(collator.compare)
  const chapterGroups = chapterNames.flatMap((chapter) => within(page.roll(`${CHAPTER}${chapter}`, ['national', 'sector'], { chapter }), shownSectors, tierSectors))
  const kpiGroups = campaign.kpis.map((k) => {
    const groups = within(page.roll(`kpi:${k.id}`, ['national', 'sector']), shownSectors, tierSectors)
    if (!groups.some((g) => g.id === 'national')) groups.unshift({ id: 'national', measure: `kpi:${k.id}`, dims: {}, operatorIds: [], value: null })
    return groups
  })
  const heat = await heatmapGroups(db, campaign.id, shownSectors)

  const all = aggregate([...scoreGroups, ...maturityGroups, ...chapterGroups, ...kpiGroups.flat(), ...heat.groups], viewer)
  const byMeasure = groupByMeasure(all)
  const of = (measure: string) => byMeasure.get(measure) ?? []
  const scores = of('score')
  const maturity = of('maturity')
  const chapters = chapterNames.flatMap((chapter) => of(`${CHAPTER}${chapter}`))

  // Trend against the previous cycle, aggregated for the same viewer (a delta only where both are shown).
  let scoreTrend: TrendRow[] = []
  const kpiTrends = new Map<string, TrendRow[]>()
  const previous = campaign.previousCampaignId ? await findCampaignForScope(db, scope, campaign.previousCampaignId) : undefined
  if (previous) {
    const before = await pageUnits(db, previous.id)
    const beforeScores = within(before.roll('score', DIMENSIONS), shownSectors, tierSectors)
    const beforeKpis = campaign.kpis.filter((k) => previous.kpis.some((p) => p.id === k.id)).map((k) =>
      within(before.roll(`kpi:${k.id}`, ['national', 'sector']), shownSectors, tierSectors))
    const beforeRows = groupByMeasure(aggregate([...beforeScores, ...beforeKpis.flat()], viewer))
    scoreTrend = trend(scores, beforeRows.get('score') ?? [])
    for (const k of campaign.kpis) kpiTrends.set(k.id, trend(of(`kpi:${k.id}`), beforeRows.get(`kpi:${k.id}`) ?? []))
  }

  const heatmap: HeatmapRow[] = heat.rows.map((h) => ({ ...h, cells: of(`gap:${h.lineage}`) }))
  return {
    campaign, viewer: { isNco, sectors: shownSectors ?? [...status.keys()].sort() },
    status: [...status.values()].sort((a, b) => (a.sectorId < b.sectorId ? -1 : 1)),
    scores, scoreTrend, maturity, chapters, heatmap,
    kpis: campaign.kpis.map((k) => ({ id: k.id, definition: k, rows: of(`kpi:${k.id}`), trend: kpiTrends.get(k.id) ?? [] })),
    previousCampaignId: previous?.id ?? null,
  }
}

const CHAPTER = 'score:chapter:'

/** Rows by measure, each list in the given order (one pass, where a filter per measure was quadratic). */
function groupByMeasure<R extends { measure: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>()
  for (const r of rows) {
    const list = out.get(r.measure)
    if (list) list.push(r)
    else out.set(r.measure, [r])
  }
  return out
}

/**
 * Heatmap groups from the per-cohort counts: per requirement, a national cell and one per shown sector,
 * each listing the cohorts it covers weighted by how many operators answered (so suppression counts
 * operators, and tells operators of several sectors apart). Cohorts touching no shown sector arrive summed
 * as one (listItemStats): they are in the national cell only, so they form one part of it either way.
 */
async function heatmapGroups(db: Executor, campaignId: string, shownSectors: readonly string[] | null) {
  const stats = await listItemStats(db, campaignId, shownSectors)
  // Per cohort once: the cells it is in.
  const cellsOf = new Map<string, { id: string; sector?: string }[]>()
  for (const s of stats.rows) {
    if (cellsOf.has(s.cohort)) continue
    const sectors = s.cohort.split(',').filter((x) => x !== '' && (!shownSectors || shownSectors.includes(x)))
    cellsOf.set(s.cohort, [{ id: 'national' }, ...sectors.map((x) => ({ id: `sector:${x}`, sector: x }))])
  }
  type Cell = { cohorts: string[]; weights: number[]; answered: number; gaps: number; sector?: string }
  const byLineage = new Map<string, Map<string, Cell>>()
  for (const s of stats.rows) {
    let cells = byLineage.get(s.lineage)
    if (!cells) byLineage.set(s.lineage, cells = new Map())
    const member = `${s.lineage}|${s.cohort}`
    for (const { id, sector } of cellsOf.get(s.cohort)!) {
      let cell = cells.get(id)
      if (!cell) cells.set(id, cell = { cohorts: [], weights: [], answered: 0, gaps: 0, ...(sector ? { sector } : {}) })
      // A cohort's weight is its answering operators for this requirement: the same in every cell it is in.
      cell.cohorts.push(member)
      cell.weights.push(s.answered)
      cell.answered += s.answered
      cell.gaps += s.gaps
    }
  }
  const collator = new Intl.Collator('en', { numeric: true })
  const numberOf = (lineage: string) => stats.titles.get(lineage)?.number ?? lineage
  const lineages = [...byLineage.keys()].sort((a, b) => collator.compare(numberOf(a), numberOf(b)) || (a < b ? -1 : 1))
  const groups: Group<number | null>[] = []
  for (const lineage of lineages) {
    for (const [id, c] of byLineage.get(lineage)!) {
      groups.push({
        id, measure: `gap:${lineage}`, dims: c.sector ? { lineage, sector: c.sector } : { lineage }, operatorIds: c.cohorts, weights: c.weights,
        value: c.answered === 0 ? null : c.gaps / c.answered,
      })
    }
  }
  return {
    groups,
    rows: lineages.map((lineage) => {
      const t = stats.titles.get(lineage)
      return { lineage, number: t?.number ?? lineage, title: t?.title ?? { ja: lineage, en: lineage } }
    }),
  }
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
