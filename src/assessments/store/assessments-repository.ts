import { sql, type ExpressionBuilder, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type {
  Answer, AnswerResult, Campaign, CampaignScope, CampaignStatus, KpiDefinition, MaturityScale, Milestone, PoamItem, PoamStatus,
  ReturnRound, ReviewComment, Snapshot, SubmissionState, SubmissionStatus, WorkflowAction, WorkflowEvent,
} from '../domain/model.ts'
import { measureSums, type SubmissionResult, type ItemDelta } from '../domain/results.ts'
import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'

/**
 * Assessment campaigns in the database. Every read takes the caller's scope and returns only what the
 * visibility rules of DESIGN.md allow:
 * - campaigns: the NCO sees all; a ministry those it launched or that ask operators of its sectors; an
 *   operator those that ask it;
 * - a campaign's operators (targets): the NCO all, a ministry those in its sectors, an operator itself;
 * - working (draft) answers: only the operator's own — the query itself is bound to the caller's
 *   organisation, so no code path can hand a draft to anyone else;
 * - snapshots, review comments, plans: the operator and whoever may see its target row.
 * Writes take a transaction; the service appends the audit entry in the same one.
 */

// ---------------------------------------------------------------------------------------------------------
// Visibility as SQL
// ---------------------------------------------------------------------------------------------------------

type TargetRef = 'campaign_target.operator_id'

/** Operators (by an operator-id column) whose target rows the scope may read. */
function operatorVisible(eb: ExpressionBuilder<DB, keyof DB>, scope: Scope, column: TargetRef | 'operator_id') {
  if (scope.organisationKind === 'national_office') return sql<boolean>`1 = 1`
  const own = sql<boolean>`${sql.ref(column)} = ${scope.organisationId}`
  if (scope.organisationKind === 'ministry' && scope.sectorIds.length > 0) {
    return eb.or([
      own,
      eb.exists(eb.selectFrom('organisation_sector as os').select('os.organisation_id')
        .where(sql<boolean>`os.organisation_id = ${sql.ref(column)}`)
        .where('os.sector_id', 'in', [...scope.sectorIds])),
    ])
  }
  return own
}

function campaignVisible(eb: ExpressionBuilder<DB, 'campaign'>, scope: Scope) {
  if (scope.organisationKind === 'national_office') return sql<boolean>`1 = 1`
  return eb.or([
    eb('campaign.launched_by', '=', scope.organisationId),
    eb.exists(eb.selectFrom('campaign_target').select('campaign_target.operator_id')
      .whereRef('campaign_target.campaign_id', '=', 'campaign.id')
      .where((inner) => operatorVisible(inner as never, scope, 'campaign_target.operator_id'))),
  ])
}

// ---------------------------------------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------------------------------------

export interface CampaignRecord extends Campaign {
  reminderDays: readonly number[]
  createdAt: string
  closedAt: string | null
}

function toCampaign(r: DB['campaign']): CampaignRecord {
  return {
    id: r.id, title: { ja: r.title_ja, en: r.title_en }, launchedBy: r.launched_by, scope: JSON.parse(r.scope) as CampaignScope,
    cycle: r.cycle, previousCampaignId: r.previous_campaign_id, dueDate: r.due_date, maturityScale: JSON.parse(r.maturity_scale) as MaturityScale,
    kpis: JSON.parse(r.kpis) as KpiDefinition[], status: r.status as CampaignStatus, reminderDays: JSON.parse(r.reminder_days) as number[],
    createdAt: r.created_at, closedAt: r.closed_at,
  }
}

export async function insertCampaign(trx: Transaction<DB>, c: CampaignRecord): Promise<void> {
  await trx.insertInto('campaign').values({
    id: c.id, title_ja: c.title.ja, title_en: c.title.en, launched_by: c.launchedBy, cycle: c.cycle, previous_campaign_id: c.previousCampaignId,
    scope: JSON.stringify(c.scope), due_date: c.dueDate, reminder_days: JSON.stringify(c.reminderDays), maturity_scale: JSON.stringify(c.maturityScale),
    kpis: JSON.stringify(c.kpis), status: c.status, created_at: c.createdAt, closed_at: c.closedAt,
  }).execute()
}

export async function setCampaignStatus(trx: Transaction<DB>, id: string, status: CampaignStatus, at: string | null): Promise<void> {
  await trx.updateTable('campaign').set({ status, closed_at: at }).where('id', '=', id).execute()
}

export async function listCampaignsForScope(db: Executor, scope: Scope): Promise<CampaignRecord[]> {
  const rows = await db.selectFrom('campaign').selectAll().where((eb) => campaignVisible(eb, scope))
    .orderBy('created_at', 'desc').orderBy('id').execute()
  return rows.map(toCampaign)
}

export async function findCampaignForScope(db: Executor, scope: Scope, id: string): Promise<CampaignRecord | undefined> {
  const row = await db.selectFrom('campaign').selectAll().where('id', '=', id).where((eb) => campaignVisible(eb, scope)).executeTakeFirst()
  return row ? toCampaign(row) : undefined
}

/** For the system (seeding, CLI run as the system) and for checks that must not leak existence. */
export async function findCampaignUnscoped(db: Executor, id: string): Promise<CampaignRecord | undefined> {
  const row = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toCampaign(row) : undefined
}

export async function listAllCampaignsUnscoped(db: Executor): Promise<CampaignRecord[]> {
  return (await db.selectFrom('campaign').selectAll().orderBy('created_at', 'desc').orderBy('id').execute()).map(toCampaign)
}

// ---------------------------------------------------------------------------------------------------------
// Targets (one per operator asked)
// ---------------------------------------------------------------------------------------------------------

export interface TargetRecord {
  campaignId: string
  operatorId: string
  sectors: string[]
  sectorId: string
  tierId: string | null
  tierLevel: string | null
  status: SubmissionStatus
  snapshotCount: number
  obligationCount: number
  updatedAt: string
  submittedAt: string | null
  score: number | null
  meanMaturity: number | null
  gapCount: number | null
}

const TARGET_COLUMNS = [
  'campaign_id', 'operator_id', 'sectors', 'sector_id', 'tier_id', 'tier_level', 'status', 'snapshot_count', 'obligation_count',
  'updated_at', 'submitted_at', 'score', 'mean_maturity', 'gap_count',
] as const

function toTarget(r: Pick<DB['campaign_target'], (typeof TARGET_COLUMNS)[number]>): TargetRecord {
  return {
    campaignId: r.campaign_id, operatorId: r.operator_id, sectors: JSON.parse(r.sectors) as string[], sectorId: r.sector_id, tierId: r.tier_id,
    tierLevel: r.tier_level, status: r.status as SubmissionStatus, snapshotCount: Number(r.snapshot_count), obligationCount: Number(r.obligation_count),
    updatedAt: r.updated_at, submittedAt: r.submitted_at, score: r.score === null ? null : Number(r.score),
    meanMaturity: r.mean_maturity === null ? null : Number(r.mean_maturity), gapCount: r.gap_count === null ? null : Number(r.gap_count),
  }
}

export interface NewTarget {
  campaignId: string
  operatorId: string
  sectors: string[]
  tierId: string | null
  tierLevel: string | null
  questionnaire: readonly Obligation[]
  at: string
}

export async function insertTargets(trx: Transaction<DB>, targets: readonly NewTarget[]): Promise<void> {
  for (let i = 0; i < targets.length; i += 200) {
    await trx.insertInto('campaign_target').values(targets.slice(i, i + 200).map((t) => ({
      campaign_id: t.campaignId, operator_id: t.operatorId, sectors: JSON.stringify(t.sectors), sector_id: t.sectors[0] ?? '',
      tier_id: t.tierId, tier_level: t.tierLevel, questionnaire: JSON.stringify(t.questionnaire), obligation_count: t.questionnaire.length,
      status: 'draft', snapshot_count: 0, updated_at: t.at, submitted_at: null, score: null, score_weight: null, mean_maturity: null, gap_count: null, result: null,
    }))).execute()
  }
}

export async function listTargetsForScope(db: Executor, scope: Scope, campaignId: string): Promise<TargetRecord[]> {
  const rows = await db.selectFrom('campaign_target').select(TARGET_COLUMNS).where('campaign_id', '=', campaignId)
    .where((eb) => operatorVisible(eb as never, scope, 'campaign_target.operator_id')).orderBy('operator_id').execute()
  return rows.map(toTarget)
}

export async function findTargetForScope(db: Executor, scope: Scope, campaignId: string, operatorId: string): Promise<TargetRecord | undefined> {
  const row = await db.selectFrom('campaign_target').select(TARGET_COLUMNS).where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId)
    .where((eb) => operatorVisible(eb as never, scope, 'campaign_target.operator_id')).executeTakeFirst()
  return row ? toTarget(row) : undefined
}

/** How many targets of each campaign the scope may see, per status: one grouped query for a campaign list. */
export async function countTargetsForScope(db: Executor, scope: Scope, campaignIds: readonly string[]): Promise<{ campaignId: string; status: SubmissionStatus; count: number }[]> {
  if (campaignIds.length === 0) return []
  const rows = await db.selectFrom('campaign_target').select(['campaign_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', 'in', [...campaignIds]).where((eb) => operatorVisible(eb as never, scope, 'campaign_target.operator_id'))
    .groupBy(['campaign_id', 'status']).execute()
  return rows.map((r) => ({ campaignId: r.campaign_id, status: r.status as SubmissionStatus, count: Number(r.n) }))
}

/** The campaigns an operator is asked in, with its status in each (the operator's own list). */
export async function listTargetsOfOperator(db: Executor, scope: Scope, operatorId: string): Promise<TargetRecord[]> {
  const rows = await db.selectFrom('campaign_target').select(TARGET_COLUMNS).where('operator_id', '=', operatorId)
    .where((eb) => operatorVisible(eb as never, scope, 'campaign_target.operator_id')).execute()
  return rows.map(toTarget)
}

export async function loadQuestionnaire(db: Executor, scope: Scope, campaignId: string, operatorId: string): Promise<Obligation[] | undefined> {
  const row = await db.selectFrom('campaign_target').select('questionnaire').where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId)
    .where((eb) => operatorVisible(eb as never, scope, 'campaign_target.operator_id')).executeTakeFirst()
  return row ? (JSON.parse(row.questionnaire) as Obligation[]) : undefined
}

export async function setTargetStatus(trx: Transaction<DB>, campaignId: string, operatorId: string, status: SubmissionStatus, at: string): Promise<void> {
  await trx.updateTable('campaign_target').set({ status, updated_at: at }).where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).execute()
}

export async function recordSubmission(
  trx: Transaction<DB>, campaignId: string, operatorId: string, status: SubmissionStatus, snapshotCount: number, result: SubmissionResult, at: string,
): Promise<void> {
  await trx.updateTable('campaign_target').set({
    status, snapshot_count: snapshotCount, updated_at: at, submitted_at: at, score: result.score, score_weight: result.weight,
    // Per-requirement items live in assessment_item_stat; the row keeps what dashboards read per operator.
    mean_maturity: result.meanMaturity, gap_count: result.gapCount, result: JSON.stringify({ chapters: result.chapters, kpis: result.kpis } satisfies StoredResult),
  }).where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).execute()
  await refreshResultStats(trx, campaignId, operatorId)
}

/**
 * Rebuilds the dashboard sums (assessment_result_stat) of the unit the operator is in: every target of the
 * campaign with the same sectors, tier and tier level. Rebuilt from the stored results rather than adjusted
 * by a difference, so the sums never drift and always equal what the rows say (cost: one read of the
 * unit's results per submission).
 */
async function refreshResultStats(trx: Transaction<DB>, campaignId: string, operatorId: string): Promise<void> {
  const unit = await trx.selectFrom('campaign_target').select(['sectors', 'sector_id', 'tier_id', 'tier_level'])
    .where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).executeTakeFirstOrThrow()
  const rows = await trx.selectFrom('campaign_target').select(['score', 'mean_maturity', 'result'])
    .where('campaign_id', '=', campaignId).where('sector_id', '=', unit.sector_id).where('sectors', '=', unit.sectors)
    .where('tier_id', unit.tier_id === null ? 'is' : '=', unit.tier_id).where('tier_level', unit.tier_level === null ? 'is' : '=', unit.tier_level)
    .where('result', 'is not', null).orderBy('operator_id').execute()
  const sums = measureSums(rows.map((r) => {
    const stored = JSON.parse(r.result!) as StoredResult
    return { score: r.score === null ? null : Number(r.score), meanMaturity: r.mean_maturity === null ? null : Number(r.mean_maturity), chapters: stored.chapters, kpis: stored.kpis }
  }))
  const key = { sectors: unit.sectors, tier_id: unit.tier_id ?? '', tier_level: unit.tier_level ?? '' }
  await trx.deleteFrom('assessment_result_stat').where('campaign_id', '=', campaignId).where('sectors', '=', key.sectors)
    .where('tier_id', '=', key.tier_id).where('tier_level', '=', key.tier_level).execute()
  const values = [...sums].map(([measure, s]) => ({ campaign_id: campaignId, measure, ...key, operators: s.operators, total: s.total }))
  for (let i = 0; i < values.length; i += 200) await trx.insertInto('assessment_result_stat').values(values.slice(i, i + 200)).execute()
}

// ---------------------------------------------------------------------------------------------------------
// Working answers: the owner's alone
// ---------------------------------------------------------------------------------------------------------

/** The caller's own working answers. Bound to `scope.organisationId`: a draft never leaves its operator. */
export async function listOwnWorkingAnswers(db: Executor, scope: Scope, campaignId: string): Promise<Answer[]> {
  const rows = await db.selectFrom('assessment_answer').selectAll().where('campaign_id', '=', campaignId)
    .where('operator_id', '=', scope.organisationId).orderBy('obligation_key').execute()
  const links = await db.selectFrom('answer_evidence').select(['obligation_key', 'evidence_id']).where('campaign_id', '=', campaignId)
    .where('operator_id', '=', scope.organisationId).orderBy('obligation_key').orderBy('evidence_id').execute()
  const evidence = new Map<string, string[]>()
  for (const l of links) {
    const list = evidence.get(l.obligation_key) ?? []
    list.push(l.evidence_id)
    evidence.set(l.obligation_key, list)
  }
  return rows.map((r) => ({
    obligationKey: r.obligation_key, lineage: r.lineage, result: r.result as AnswerResult, maturity: r.maturity === null ? null : Number(r.maturity),
    targetDate: r.target_date, notApplicableReason: r.not_applicable_reason, comment: r.comment, evidenceIds: evidence.get(r.obligation_key) ?? [],
  }))
}

/** Replaces the operator's working answers with `answers` (the whole set). */
export async function replaceWorkingAnswers(trx: Transaction<DB>, campaignId: string, operatorId: string, answers: readonly Answer[], by: string, at: string): Promise<void> {
  await trx.deleteFrom('answer_evidence').where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).execute()
  await trx.deleteFrom('assessment_answer').where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).execute()
  for (let i = 0; i < answers.length; i += 200) {
    const chunk = answers.slice(i, i + 200)
    await trx.insertInto('assessment_answer').values(chunk.map((a) => ({
      campaign_id: campaignId, operator_id: operatorId, obligation_key: a.obligationKey, lineage: a.lineage, result: a.result, maturity: a.maturity,
      target_date: a.targetDate, not_applicable_reason: a.notApplicableReason, comment: a.comment, updated_at: at, updated_by: by,
    }))).execute()
    const links = chunk.flatMap((a) => [...new Set(a.evidenceIds)].map((e) => ({ campaign_id: campaignId, operator_id: operatorId, obligation_key: a.obligationKey, evidence_id: e })))
    if (links.length > 0) await trx.insertInto('answer_evidence').values(links).execute()
  }
}

// ---------------------------------------------------------------------------------------------------------
// Workflow state: snapshots, returns, events
// ---------------------------------------------------------------------------------------------------------

/**
 * The submission state the workflow functions work on. `answers` is the caller's working copy when the
 * caller is the operator; for anyone else it is the last snapshot's answers (the domain then never sees a
 * draft it could leak).
 */
export async function loadSubmissionState(db: Executor, scope: Scope, target: TargetRecord): Promise<SubmissionState> {
  const { campaignId, operatorId } = target
  const [snapshotRows, commentRows, eventRows] = await Promise.all([
    db.selectFrom('submission_snapshot').selectAll().where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).orderBy('sequence').execute(),
    db.selectFrom('review_comment').selectAll().where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).orderBy('snapshot_sequence').orderBy('position').execute(),
    db.selectFrom('submission_event').selectAll().where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).orderBy('position').execute(),
  ])
  const snapshots: Snapshot[] = snapshotRows.map((r) => ({
    campaignId, operatorId, sequence: Number(r.sequence), answers: JSON.parse(r.answers) as Answer[], signedOffBy: r.signed_off_by,
    signedOffRole: r.signed_off_role, signedOffAt: r.signed_off_at, digest: r.digest,
  }))
  const events: WorkflowEvent[] = eventRows.map((r) => ({ action: r.action as WorkflowAction, from: r.from_status as SubmissionStatus, to: r.to_status as SubmissionStatus, by: r.actor, at: r.at }))
  const rounds = new Map<number, ReviewComment[]>()
  for (const r of commentRows) {
    const list = rounds.get(Number(r.snapshot_sequence)) ?? []
    list.push({ obligationKey: r.obligation_key, body: r.body, by: r.actor, at: r.at })
    rounds.set(Number(r.snapshot_sequence), list)
  }
  const returns: ReturnRound[] = [...rounds].map(([sequence, comments]) => ({ snapshotSequence: sequence, by: comments[0]!.by, at: comments[0]!.at, comments }))
  const own = scope.organisationId === operatorId
  const answers = own ? await listOwnWorkingAnswers(db, scope, campaignId) : (snapshots[snapshots.length - 1]?.answers ?? [])
  return { campaignId, operatorId, status: target.status, answers, snapshots, returns, events }
}

/** Writes what a transition added to `before`: new snapshots, return comments and events, and the status. */
export async function saveTransition(trx: Transaction<DB>, before: SubmissionState, after: SubmissionState, at: string): Promise<void> {
  const { campaignId, operatorId } = after
  for (const s of after.snapshots.slice(before.snapshots.length)) {
    await trx.insertInto('submission_snapshot').values({
      campaign_id: campaignId, operator_id: operatorId, sequence: s.sequence, answers: JSON.stringify(s.answers), signed_off_by: s.signedOffBy,
      signed_off_role: s.signedOffRole, signed_off_at: s.signedOffAt, digest: s.digest,
    }).execute()
  }
  for (const round of after.returns.slice(before.returns.length)) {
    let position = 0
    for (const c of round.comments) {
      await trx.insertInto('review_comment').values({
        campaign_id: campaignId, operator_id: operatorId, snapshot_sequence: round.snapshotSequence, position: position++,
        obligation_key: c.obligationKey, body: c.body, actor: c.by, at: c.at,
      }).execute()
    }
  }
  let position = before.events.length
  for (const e of after.events.slice(before.events.length)) {
    await trx.insertInto('submission_event').values({
      campaign_id: campaignId, operator_id: operatorId, position: position++, action: e.action, from_status: e.from, to_status: e.to, actor: e.by, at: e.at,
    }).execute()
  }
  await trx.updateTable('campaign_target').set({ status: after.status, snapshot_count: after.snapshots.length, updated_at: at })
    .where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId).execute()
}

// ---------------------------------------------------------------------------------------------------------
// Heatmap statistics and dashboard rows
// ---------------------------------------------------------------------------------------------------------

/**
 * Adds the deltas in the database itself (insert, or on conflict add to the stored counts), in chunks: two
 * operators of one cohort submitting at the same moment both count, with no read-then-write between them.
 */
export async function applyItemDeltas(trx: Transaction<DB>, campaignId: string, cohort: string, deltas: readonly ItemDelta[]): Promise<void> {
  for (let i = 0; i < deltas.length; i += 200) {
    await trx.insertInto('assessment_item_stat').values(deltas.slice(i, i + 200).map((d) => ({
      campaign_id: campaignId, lineage: d.lineage, cohort, number: d.number, title_ja: d.title.ja, title_en: d.title.en, answered: d.answered, gaps: d.gaps,
    }))).onConflict((oc) => oc.columns(['campaign_id', 'lineage', 'cohort']).doUpdateSet((eb) => ({
      answered: eb('assessment_item_stat.answered', '+', eb.ref('excluded.answered')),
      gaps: eb('assessment_item_stat.gaps', '+', eb.ref('excluded.gaps')),
      number: eb.ref('excluded.number'), title_ja: eb.ref('excluded.title_ja'), title_en: eb.ref('excluded.title_en'),
    }))).execute()
  }
}

export interface ItemStatRow { lineage: string; cohort: string; answered: number; gaps: number }

export interface ItemStats {
  /** Per lineage and cohort; with `sectorIds`, cohort '' is the sum over every cohort touching none of them. */
  rows: ItemStatRow[]
  /** Per lineage with any row: its number and title. */
  titles: Map<string, { number: string; title: { ja: string; en: string } }>
}

/**
 * Heatmap counts of a campaign (only counts with answering operators). With `sectorIds`, the cohorts that
 * touch none of those sectors come summed into one row per lineage (cohort ''): a page showing only those
 * sectors puts all of them in the national cell alone, so they always count together, and the database
 * adds them up instead of handing over one row each.
 */
export async function listItemStats(db: Executor, campaignId: string, sectorIds: readonly string[] | null): Promise<ItemStats> {
  const base = () => db.selectFrom('assessment_item_stat').where('campaign_id', '=', campaignId).where('answered', '>', 0)
  const cohorts = (await base().select('cohort').distinct().execute()).map((r) => r.cohort)
  const shown = sectorIds ? cohorts.filter((c) => c.split(',').some((s) => sectorIds.includes(s))) : cohorts
  const others = cohorts.filter((c) => !shown.includes(c))
  const rows: ItemStatRow[] = []
  if (shown.length > 0) {
    for (const r of await base().select(['lineage', 'cohort', 'answered', 'gaps']).where('cohort', 'in', shown).execute()) {
      rows.push({ lineage: r.lineage, cohort: r.cohort, answered: Number(r.answered), gaps: Number(r.gaps) })
    }
  }
  if (others.length > 0) {
    const summed = await base().select((eb) => ['lineage', eb.fn.sum<number>('answered').as('answered'), eb.fn.sum<number>('gaps').as('gaps')])
      .where('cohort', 'in', others).groupBy('lineage').execute()
    for (const r of summed) rows.push({ lineage: r.lineage, cohort: '', answered: Number(r.answered), gaps: Number(r.gaps) })
  }
  // One title per lineage; cohorts may have been written at different submissions, max() picks one steadily.
  // (Lineages whose counts are all zero get a title too: cheaper than reading `answered` from the table.)
  const titleRows = await db.selectFrom('assessment_item_stat').where('campaign_id', '=', campaignId)
    .select((eb) => ['lineage', eb.fn.max('number').as('number'), eb.fn.max('title_ja').as('title_ja'), eb.fn.max('title_en').as('title_en')])
    .groupBy('lineage').execute()
  const titles = new Map(titleRows.map((r) => [r.lineage, { number: r.number, title: { ja: r.title_ja, en: r.title_en } }]))
  return { rows, titles }
}

/** One unit's sums for one measure (see assessment_result_stat); `sectors` parsed, '' columns as null. */
export interface ResultStatRow {
  measure: string
  sectors: readonly string[]
  tierId: string | null
  tierLevel: string | null
  operators: number
  total: number
}

/** The dashboard sums of a campaign: a few rows per measure and unit, however many operators it asks. */
export async function listResultStats(db: Executor, campaignId: string): Promise<ResultStatRow[]> {
  const rows = await db.selectFrom('assessment_result_stat').select(['measure', 'sectors', 'tier_id', 'tier_level', 'operators', 'total'])
    .where('campaign_id', '=', campaignId).execute()
  const parsed = new Map<string, string[]>()
  return rows.map((r) => {
    let sectors = parsed.get(r.sectors)
    if (!sectors) parsed.set(r.sectors, sectors = JSON.parse(r.sectors) as string[])
    return {
      measure: r.measure, sectors, tierId: r.tier_id === '' ? null : r.tier_id, tierLevel: r.tier_level === '' ? null : r.tier_level,
      operators: Number(r.operators), total: Number(r.total),
    }
  })
}

/** How many targets of the campaign are in each status, per stored `sectors` (read from an index alone). */
export async function countTargetStatuses(db: Executor, campaignId: string): Promise<{ sectors: string[]; status: SubmissionStatus; count: number }[]> {
  const rows = await db.selectFrom('campaign_target').select(['sectors', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId).groupBy(['sectors', 'status']).execute()
  return rows.map((r) => ({ sectors: JSON.parse(r.sectors) as string[], status: r.status as SubmissionStatus, count: Number(r.n) }))
}

/** The per-operator part of a SubmissionResult kept in campaign_target.result. */
export interface StoredResult {
  chapters: SubmissionResult['chapters']
  kpis: SubmissionResult['kpis']
}

// ---------------------------------------------------------------------------------------------------------
// Evidence
// ---------------------------------------------------------------------------------------------------------

export interface EvidenceRecord {
  id: string
  organisationId: string
  fileName: string
  contentType: string
  size: number
  sha256: string
  description: string
  evidenceDate: string | null
  validUntil: string | null
  createdAt: string
  createdBy: string
}

function toEvidence(r: DB['evidence']): EvidenceRecord {
  return {
    id: r.id, organisationId: r.organisation_id, fileName: r.file_name, contentType: r.content_type, size: Number(r.size), sha256: r.sha256,
    description: r.description, evidenceDate: r.evidence_date, validUntil: r.valid_until, createdAt: r.created_at, createdBy: r.created_by,
  }
}

export async function insertEvidence(trx: Transaction<DB>, e: EvidenceRecord, content: Uint8Array): Promise<void> {
  await trx.insertInto('evidence').values({
    id: e.id, organisation_id: e.organisationId, file_name: e.fileName, content_type: e.contentType, size: e.size, sha256: e.sha256,
    description: e.description, evidence_date: e.evidenceDate, valid_until: e.validUntil, created_at: e.createdAt, created_by: e.createdBy,
  }).execute()
  await trx.insertInto('evidence_content').values({ evidence_id: e.id, content }).execute()
}

/** The caller organisation's own evidence. */
export async function listOwnEvidence(db: Executor, scope: Scope): Promise<EvidenceRecord[]> {
  return (await db.selectFrom('evidence').selectAll().where('organisation_id', '=', scope.organisationId).orderBy('created_at', 'desc').orderBy('id').execute()).map(toEvidence)
}

/** Evidence of the caller's own organisation with one of these ids (to check links before saving answers). */
export async function ownEvidenceIds(db: Executor, scope: Scope, ids: readonly string[]): Promise<Map<string, EvidenceRecord>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('evidence').selectAll().where('organisation_id', '=', scope.organisationId).where('id', 'in', [...ids]).execute()
  return new Map(rows.map((r) => [r.id, toEvidence(r)]))
}

/**
 * Evidence the caller may read: its own, or evidence cited by a snapshot of an operator whose target the
 * caller may see (a reviewer opens what was submitted to it).
 */
export async function findEvidenceForScope(db: Executor, scope: Scope, id: string): Promise<EvidenceRecord | undefined> {
  const row = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  if (row.organisation_id === scope.organisationId) return toEvidence(row)
  const snapshots = await db.selectFrom('submission_snapshot').select(['answers']).where('operator_id', '=', row.organisation_id)
    .where((eb) => operatorVisible(eb as never, scope, 'operator_id')).execute()
  const cited = snapshots.some((s) => (JSON.parse(s.answers) as Answer[]).some((a) => a.evidenceIds.includes(id)))
  return cited ? toEvidence(row) : undefined
}

export async function evidenceContent(db: Executor, id: string): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom('evidence_content').select('content').where('evidence_id', '=', id).executeTakeFirst()
  return row ? new Uint8Array(row.content) : undefined
}

/**
 * Dates of the caller's own evidence items (for KPI recency). Evidence past its `validUntil` on `today` has
 * expired and is left out: an expired certificate proves nothing any more.
 */
export async function evidenceDates(db: Executor, scope: Scope, ids: readonly string[], today: string): Promise<Map<string, string>> {
  const found = await ownEvidenceIds(db, scope, ids)
  const out = new Map<string, string>()
  for (const e of found.values()) {
    if (e.validUntil !== null && e.validUntil < today) continue
    out.set(e.id, e.evidenceDate ?? e.createdAt.slice(0, 10))
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Improvement plans and support requests
// ---------------------------------------------------------------------------------------------------------

function toPoam(r: DB['poam_item']): PoamItem {
  return {
    id: r.id, obligationKey: r.obligation_key, lineage: r.lineage, title: { ja: r.title_ja, en: r.title_en }, owner: r.owner, dueDate: r.due_date,
    milestones: JSON.parse(r.milestones) as Milestone[], status: r.status as PoamStatus,
  }
}

export async function listPoamForScope(db: Executor, scope: Scope, campaignId: string, operatorId: string): Promise<PoamItem[]> {
  const rows = await db.selectFrom('poam_item').selectAll().where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId)
    .where((eb) => operatorVisible(eb as never, scope, 'operator_id')).orderBy('due_date').orderBy('id').execute()
  return rows.map(toPoam)
}

export async function upsertPoamItems(trx: Transaction<DB>, campaignId: string, operatorId: string, items: readonly PoamItem[], at: string): Promise<void> {
  for (const p of items) {
    const values = {
      obligation_key: p.obligationKey, lineage: p.lineage, title_ja: p.title.ja, title_en: p.title.en, owner: p.owner, due_date: p.dueDate,
      milestones: JSON.stringify(p.milestones), status: p.status, updated_at: at,
    }
    const existing = await trx.selectFrom('poam_item').select('id').where('id', '=', p.id).executeTakeFirst()
    if (existing) await trx.updateTable('poam_item').set(values).where('id', '=', p.id).execute()
    else await trx.insertInto('poam_item').values({ id: p.id, campaign_id: campaignId, operator_id: operatorId, ...values }).execute()
  }
}

export interface SupportRequestRecord {
  id: string
  campaignId: string
  operatorId: string
  sectorId: string
  obligationKey: string
  lineage: string
  title: { ja: string; en: string }
  reason: string
  createdAt: string
  createdBy: string
}

export async function insertSupportRequest(trx: Transaction<DB>, r: SupportRequestRecord): Promise<void> {
  await trx.insertInto('support_request').values({
    id: r.id, campaign_id: r.campaignId, operator_id: r.operatorId, sector_id: r.sectorId, obligation_key: r.obligationKey, lineage: r.lineage,
    title_ja: r.title.ja, title_en: r.title.en, reason: r.reason, created_at: r.createdAt, created_by: r.createdBy,
  }).execute()
}

export async function listSupportRequestsForScope(db: Executor, scope: Scope, campaignId: string): Promise<SupportRequestRecord[]> {
  const rows = await db.selectFrom('support_request').selectAll().where('campaign_id', '=', campaignId)
    .where((eb) => operatorVisible(eb as never, scope, 'operator_id')).orderBy('lineage').orderBy('created_at').execute()
  return rows.map((r) => ({
    id: r.id, campaignId: r.campaign_id, operatorId: r.operator_id, sectorId: r.sector_id, obligationKey: r.obligation_key, lineage: r.lineage,
    title: { ja: r.title_ja, en: r.title_en }, reason: r.reason, createdAt: r.created_at, createdBy: r.created_by,
  }))
}

/**
 * The last snapshot's answers of an operator in a (previous) campaign, to pre-fill its next draft. Read on
 * the system's behalf at launch: the answers go into the operator's own draft, never to the launcher.
 */
export async function listSnapshotsOfPrevious(db: Executor, campaignId: string, operatorId: string): Promise<Answer[] | null> {
  const row = await db.selectFrom('submission_snapshot').select('answers').where('campaign_id', '=', campaignId).where('operator_id', '=', operatorId)
    .orderBy('sequence', 'desc').limit(1).executeTakeFirst()
  return row ? (JSON.parse(row.answers) as Answer[]) : null
}
