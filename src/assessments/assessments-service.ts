import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction, type Executor } from '../platform/db/database.ts'
import { conflict, DomainError, forbidden, invalid, notFound, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import type { Organisation } from '../org/domain/organisation.ts'
import { getOrganisationUnscoped, listAllOrganisationsUnscoped } from '../org/store/organisation-repository.ts'
import { listTiers } from '../standards/store/governance-repository.ts'
import { obligationsFor } from '../obligations/obligations-service.ts'
import type { Obligation } from '../obligations/domain/resolve-obligations.ts'
import {
  DEFAULT_MATURITY_SCALE, type Answer, type CampaignScope, type KpiDefinition, type MaturityScale, type PoamItem, type PoamStatus,
  type SubmissionState, type SubmissionStatus,
} from './domain/model.ts'
import { validateAnswers, isIsoDate, type AnswerError } from './domain/answer-rules.ts'
import { accept, allowedActions, openComments, reopenAfterReturn, returnWithComments, saveDraft, startReview, submit, WorkflowError } from './domain/workflow.ts'
import { validateKpiDefinition } from './domain/kpis.ts'
import { carryForward, coverage } from './domain/inheritance.ts'
import { scoredAnswers } from './domain/scores.ts'
import { cohortOf, itemDelta, submissionResult } from './domain/results.ts'
import { moveItem, overdue, reconcilePlan, setMilestoneDone } from './domain/poam.ts'
import {
  applyItemDeltas, findCampaignForScope, findTargetForScope, insertCampaign, insertSupportRequest, insertTargets, listCampaignsForScope,
  listOwnWorkingAnswers, listPoamForScope, listSupportRequestsForScope, listTargetsForScope, loadQuestionnaire, loadSubmissionState,
  ownEvidenceIds, evidenceDates, recordSubmission, replaceWorkingAnswers, saveTransition, setCampaignStatus, upsertPoamItems,
  type CampaignRecord, type NewTarget, type TargetRecord, listSnapshotsOfPrevious, countTargetsForScope, listTargetsOfOperator,
} from './store/assessments-repository.ts'

/**
 * Assessment campaigns (issue 4): launch one PDCA cycle over sectors, tiers and named operators; operators
 * answer their frozen questionnaire, sign off and submit; ministries review; submitted snapshots feed the
 * pre-computed results the dashboards read. Every write is one transaction with its audit entry.
 */

const today = (ctx: AppContext) => ctx.now().toISOString().slice(0, 10)

/** WorkflowError (pure domain) as the platform's DomainError, keeping the answer errors' codes for the client. */
function asDomainError(e: unknown): unknown {
  if (!(e instanceof WorkflowError)) return e
  return new DomainError(e.kind, e.code, e.message, answerErrors(e.fieldErrors as readonly Partial<AnswerError>[]))
}

/** Answer errors (and the workflow's plainer ones) as field errors, keeping the code and the obligation for the client. */
function answerErrors(errors: readonly Partial<AnswerError>[]): FieldError[] {
  return errors.map((e) => ({
    path: e.path!, message: e.message!, ...(e.code ? { code: e.code } : {}),
    ...(e.params || e.obligationKey ? { params: { ...e.params, ...(e.obligationKey ? { obligationKey: e.obligationKey } : {}) } } : {}),
  }))
}

// ---------------------------------------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------------------------------------

export interface LaunchInput {
  title: { ja: string; en: string }
  cycle: string
  previousCampaignId: string | null
  scope: CampaignScope
  dueDate: string
  reminderDays: number[]
  maturityScale?: MaturityScale
  kpis: KpiDefinition[]
}

/** Operators a scope selects: the union of the sectors, the tiers and the named operators. */
async function operatorsInScope(db: Executor, campaignScope: CampaignScope): Promise<{ org: Organisation; tierId: string | null; tierLevel: string | null }[]> {
  const [orgs, tiers, assignments] = await Promise.all([
    listAllOrganisationsUnscoped(db), listTiers(db),
    db.selectFrom('operator_tier').select(['organisation_id', 'tier_id']).orderBy('organisation_id').orderBy('sector_id').execute(),
  ])
  // An operator's first tier by sector id, as listOperatorTiers orders them.
  const firstTier = new Map<string, string>()
  for (const a of assignments) if (!firstTier.has(a.organisation_id)) firstTier.set(a.organisation_id, a.tier_id)
  const out: { org: Organisation; tierId: string | null; tierLevel: string | null }[] = []
  for (const org of orgs) {
    if (org.kind !== 'operator') continue
    const tier = tiers.find((t) => t.id === firstTier.get(org.id)) ?? null
    const selected = org.sectors.some((s) => campaignScope.sectors.includes(s))
      || (tier !== null && campaignScope.tierIds.includes(tier.id)) || campaignScope.operatorIds.includes(org.id)
    if (selected) out.push({ org, tierId: tier?.id ?? null, tierLevel: tier?.level ?? null })
  }
  return out
}

/**
 * Launch: checks the input, freezes every selected operator's obligations as its questionnaire and, when
 * the campaign follows a previous cycle, pre-fills drafts from the operator's last snapshot there.
 */
export async function launchCampaign(ctx: AppContext, scope: Scope, input: LaunchInput): Promise<CampaignRecord & { targetCount: number }> {
  if (scope.organisationKind !== 'national_office' && scope.organisationKind !== 'ministry') throw forbidden('Only the NCO and ministries launch campaigns.')
  const db = ctx.database.db
  const problems: FieldError[] = []
  if (!isIsoDate(input.dueDate) || input.dueDate <= today(ctx)) problems.push({ path: 'body.dueDate', message: 'the due date must be a date after today', code: 'campaign.due_date_invalid' })
  const campaignScope = input.scope
  if (campaignScope.sectors.length + campaignScope.tierIds.length + campaignScope.operatorIds.length === 0) {
    problems.push({ path: 'body.scope', message: 'name at least one sector, tier or operator', code: 'campaign.scope_empty' })
  }
  if (scope.organisationKind === 'ministry') {
    campaignScope.sectors.forEach((s, i) => {
      if (!scope.sectorIds.includes(s)) problems.push({ path: `body.scope.sectors.${i}`, message: `sector ${s} is not in this ministry's jurisdiction`, code: 'campaign.sector_outside_jurisdiction' })
    })
  }
  const scale = input.maturityScale ?? DEFAULT_MATURITY_SCALE
  if (scale.labels.length !== scale.max - scale.min + 1) problems.push({ path: 'body.maturityScale.labels', message: `the scale needs ${scale.max - scale.min + 1} labels`, code: 'campaign.scale_labels' })
  input.kpis.forEach((k, i) => problems.push(...validateKpiDefinition(k, `body.kpis.${i}`).map((e) => ({ path: e.path, message: e.message, code: e.code }))))
  const ids = new Set<string>()
  input.kpis.forEach((k, i) => { if (ids.has(k.id)) problems.push({ path: `body.kpis.${i}.id`, message: `KPI id ${k.id} is used twice`, code: 'kpi.id_duplicate' }); ids.add(k.id) })
  let previous: CampaignRecord | undefined
  if (input.previousCampaignId) {
    previous = await findCampaignForScope(db, scope, input.previousCampaignId)
    if (!previous) problems.push({ path: 'body.previousCampaignId', message: 'no such campaign', code: 'campaign.previous_unknown' })
  }
  if (problems.length > 0) throw invalid('campaign.invalid', `The campaign cannot be launched: ${problems[0]!.path}: ${problems[0]!.message}`, problems)

  const selected = (await operatorsInScope(db, campaignScope))
    // A ministry asks only operators it has jurisdiction over, whatever tiers or names it lists.
    .filter(({ org }) => scope.organisationKind === 'national_office' || org.sectors.some((s) => scope.sectorIds.includes(s)))
  if (selected.length === 0) throw invalid('campaign.no_operators', 'The scope selects no operator.', [{ path: 'body.scope', message: 'no operator matches', code: 'campaign.no_operators' }])
  const at = ctx.now().toISOString()
  const id = randomUUID()
  const targets: NewTarget[] = []
  const prefills = new Map<string, Answer[]>()
  for (const { org, tierId, tierLevel } of selected) {
    const report = await obligationsFor(ctx, org)
    targets.push({ campaignId: id, operatorId: org.id, sectors: org.sectors, tierId, tierLevel, questionnaire: report.obligations, at })
    if (previous) {
      const last = await listSnapshotsOfPrevious(db, previous.id, org.id)
      if (last) prefills.set(org.id, carryForward(last, report.obligations).answers)
    }
  }
  const record: CampaignRecord = {
    id, title: input.title, launchedBy: scope.organisationId, scope: campaignScope, cycle: input.cycle, previousCampaignId: previous?.id ?? null,
    dueDate: input.dueDate, maturityScale: scale, kpis: input.kpis, status: 'open', reminderDays: input.reminderDays, createdAt: at, closedAt: null,
  }
  await inTransaction(ctx.database, async (trx) => {
    await insertCampaign(trx, record)
    await insertTargets(trx, targets)
    for (const [operatorId, answers] of prefills) await replaceWorkingAnswers(trx, id, operatorId, answers, 'system:carry-forward', at)
    await appendAudit(trx, {
      actor: scope.actor, organisationId: scope.organisationId, action: 'assessments.campaign_launch', targetType: 'campaign', targetId: id,
      after: { title: input.title, cycle: input.cycle, scope: campaignScope, dueDate: input.dueDate, operators: targets.length, prefilled: prefills.size },
    }, ctx.now())
  })
  return { ...record, targetCount: targets.length }
}

export async function closeCampaign(ctx: AppContext, scope: Scope, id: string): Promise<CampaignRecord> {
  const campaign = await findCampaignForScope(ctx.database.db, scope, id)
  if (!campaign) throw notFound('campaign')
  if (campaign.launchedBy !== scope.organisationId) throw forbidden('Only the organisation that launched the campaign may close it.')
  if (campaign.status === 'closed') throw conflict('campaign.closed', 'The campaign is already closed.')
  const at = ctx.now().toISOString()
  await inTransaction(ctx.database, async (trx) => {
    await setCampaignStatus(trx, id, 'closed', at)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assessments.campaign_close', targetType: 'campaign', targetId: id, before: { status: 'open' }, after: { status: 'closed' } }, ctx.now())
  })
  return { ...campaign, status: 'closed', closedAt: at }
}

export interface CampaignSummary extends CampaignRecord {
  /** Targets the caller may see, per status. */
  counts: Record<SubmissionStatus, number>
  targetCount: number
  /** The caller's own status when it is asked in the campaign. */
  ownStatus: SubmissionStatus | null
}

const zeroCounts = (): Record<SubmissionStatus, number> => ({ draft: 0, submitted: 0, under_review: 0, returned: 0, accepted: 0 })

export async function listCampaigns(ctx: AppContext, scope: Scope): Promise<CampaignSummary[]> {
  const db = ctx.database.db
  const campaigns = await listCampaignsForScope(db, scope)
  const [counted, own] = await Promise.all([
    countTargetsForScope(db, scope, campaigns.map((c) => c.id)), listTargetsOfOperator(db, scope, scope.organisationId),
  ])
  return campaigns.map((c) => {
    const counts = zeroCounts()
    let targetCount = 0
    for (const row of counted) if (row.campaignId === c.id) { counts[row.status] += row.count; targetCount += row.count }
    return { ...c, counts, targetCount, ownStatus: own.find((t) => t.campaignId === c.id)?.status ?? null }
  })
}

export async function campaignDetail(ctx: AppContext, scope: Scope, id: string): Promise<{ campaign: CampaignSummary; targets: (TargetRecord & { name: string })[] }> {
  const db = ctx.database.db
  const campaign = await findCampaignForScope(db, scope, id)
  if (!campaign) throw notFound('campaign')
  const targets = await listTargetsForScope(db, scope, id)
  const counts = zeroCounts()
  for (const t of targets) counts[t.status]++
  const names = new Map((await listAllOrganisationsUnscoped(db)).map((o) => [o.id, o.name]))
  return {
    campaign: { ...campaign, counts, targetCount: targets.length, ownStatus: targets.find((t) => t.operatorId === scope.organisationId)?.status ?? null },
    targets: targets.map((t) => ({ ...t, name: names.get(t.operatorId) ?? t.operatorId })),
  }
}

// ---------------------------------------------------------------------------------------------------------
// One operator's questionnaire
// ---------------------------------------------------------------------------------------------------------

async function requireTarget(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string): Promise<{ campaign: CampaignRecord; target: TargetRecord }> {
  const db = ctx.database.db
  const [campaign, target] = await Promise.all([findCampaignForScope(db, scope, campaignId), findTargetForScope(db, scope, campaignId, operatorId)])
  if (!campaign || !target) throw notFound('campaign_target')
  return { campaign, target }
}

export interface QuestionnaireView {
  campaign: CampaignRecord
  target: TargetRecord
  obligations: Obligation[]
  /** The owner's working answers; for anyone else the last submitted snapshot's answers (never a draft). */
  answers: readonly Answer[]
  answersAre: 'working' | 'snapshot' | 'none'
  snapshot: { sequence: number; signedOffBy: string; signedOffRole: string; signedOffAt: string; digest: string } | null
  allowedActions: string[]
  openComments: readonly { obligationKey: string; body: string; by: string; at: string }[]
  returns: SubmissionState['returns']
  events: SubmissionState['events']
  coverage: ReturnType<typeof coverage>
}

export async function questionnaireView(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string): Promise<QuestionnaireView> {
  const db = ctx.database.db
  const { campaign, target } = await requireTarget(ctx, scope, campaignId, operatorId)
  const obligations = (await loadQuestionnaire(db, scope, campaignId, operatorId))!
  const state = await loadSubmissionState(db, scope, target)
  const own = scope.organisationId === operatorId
  const last = state.snapshots[state.snapshots.length - 1] ?? null
  const answers = own ? state.answers : (last?.answers ?? [])
  return {
    campaign, target, obligations, answers, answersAre: own ? 'working' : last ? 'snapshot' : 'none',
    snapshot: last ? { sequence: last.sequence, signedOffBy: last.signedOffBy, signedOffRole: last.signedOffRole, signedOffAt: last.signedOffAt, digest: last.digest } : null,
    allowedActions: allowedActions(state.status), openComments: openComments(state), returns: state.returns, events: state.events,
    coverage: coverage(obligations, new Map(answers.map((a) => [a.obligationKey, a]))),
  }
}

const DRAFT_TOLERATED: ReadonlySet<string> = new Set(['answer.target_date_required', 'answer.not_applicable_reason_required', 'answer.target_date_not_future'])

/**
 * Replace the operator's draft answers (partial sets are fine; each answer is checked). Saving after a
 * return reopens the submission as a draft first: fixing what the reviewer asked for is the only way on.
 */
export async function saveAnswers(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string, answers: Answer[]): Promise<QuestionnaireView> {
  if (scope.organisationId !== operatorId) throw forbidden('Only the operator edits its answers.')
  const db = ctx.database.db
  const { campaign, target } = await requireTarget(ctx, scope, campaignId, operatorId)
  if (campaign.status === 'closed') throw conflict('workflow.campaign_closed', 'The campaign is closed.')
  const obligations = (await loadQuestionnaire(db, scope, campaignId, operatorId))!
  // A draft may be unfinished: what only submission requires (a gap's target date, a reason for not
  // applicable, a date still ahead) is checked at submit; everything malformed is refused now.
  const errors = validateAnswers(answers, obligations, campaign.maturityScale, { today: today(ctx) }).filter((e) => !DRAFT_TOLERATED.has(e.code))
  const evidenceIds = [...new Set(answers.flatMap((a) => a.evidenceIds))]
  const found = await ownEvidenceIds(db, scope, evidenceIds)
  const problems = answerErrors(errors)
  answers.forEach((a, i) => a.evidenceIds.forEach((e, j) => {
    if (!found.has(e)) problems.push({ path: `body.answers.${i}.evidenceIds.${j}`, message: `no evidence ${e} of this organisation`, code: 'answer.evidence_unknown' })
  }))
  if (problems.length > 0) throw invalid('answers.invalid', `The answers cannot be saved: ${problems[0]!.path}: ${problems[0]!.message}`, problems)
  const at = ctx.now().toISOString()
  try {
    const before = await loadSubmissionState(db, scope, target)
    const reopened = before.status === 'returned' ? reopenAfterReturn(before, { by: scope.actor, at }) : before
    const after = saveDraft(reopened, answers)
    await inTransaction(ctx.database, async (trx) => {
      await replaceWorkingAnswers(trx, campaignId, operatorId, after.answers, scope.actor, at)
      await saveTransition(trx, before, after, at)
      await appendAudit(trx, {
        actor: scope.actor, organisationId: scope.organisationId, action: 'assessments.answers_save', targetType: 'campaign_target', targetId: `${campaignId}/${operatorId}`,
        after: { answers: after.answers.length, status: after.status },
      }, ctx.now())
    })
  } catch (e) {
    throw asDomainError(e)
  }
  return questionnaireView(ctx, scope, campaignId, operatorId)
}

/** Sign off and submit: the snapshot, the pre-computed result, heatmap counts and the improvement plan, in one transaction. */
export async function submitAnswers(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string): Promise<QuestionnaireView> {
  if (scope.organisationId !== operatorId) throw forbidden('Only the operator submits its answers.')
  const db = ctx.database.db
  const { campaign, target } = await requireTarget(ctx, scope, campaignId, operatorId)
  const obligations = (await loadQuestionnaire(db, scope, campaignId, operatorId))!
  const at = ctx.now().toISOString()
  const day = today(ctx)
  try {
    const before = await loadSubmissionState(db, scope, target)
    const after = submit(before, {
      by: scope.actor, at, role: scope.role, answers: before.answers, obligations, scale: campaign.maturityScale, today: day, campaignStatus: campaign.status,
    })
    const snapshot = after.snapshots[after.snapshots.length - 1]!
    const dates = await evidenceDates(db, scope, [...new Set(snapshot.answers.flatMap((a) => a.evidenceIds))], day)
    const titles = new Map(obligations.map((o) => [o.lineage, o.title]))
    const result = submissionResult({
      operatorId, sectors: target.sectors, tierId: target.tierId, tierLevel: target.tierLevel as never, answers: scoredAnswers(snapshot.answers, obligations, dates),
    }, campaign.kpis, day, titles)
    // The heatmap counts the previous snapshot's contribution until now: recompute it from that snapshot.
    const prior = before.snapshots[before.snapshots.length - 1]
    const priorItems = prior
      ? submissionResult({ operatorId, sectors: target.sectors, tierId: target.tierId, tierLevel: target.tierLevel as never, answers: scoredAnswers(prior.answers, obligations) }, [], day, titles).items
      : null
    const existingPlan = await listPoamForScope(db, scope, campaignId, operatorId)
    const plan = reconcilePlan(existingPlan, { answers: snapshot.answers, obligations, owner: scope.actor, today: day, idFor: () => randomUUID() })
    await inTransaction(ctx.database, async (trx) => {
      await saveTransition(trx, before, after, at)
      await recordSubmission(trx, campaignId, operatorId, after.status, after.snapshots.length, result, at)
      await applyItemDeltas(trx, campaignId, cohortOf(target.sectors), itemDelta(priorItems, result.items))
      await upsertPoamItems(trx, campaignId, operatorId, [...plan.added, ...plan.kept], at)
      await appendAudit(trx, {
        actor: scope.actor, organisationId: scope.organisationId, action: 'assessments.submit', targetType: 'campaign_target', targetId: `${campaignId}/${operatorId}`,
        after: { sequence: snapshot.sequence, digest: snapshot.digest, role: scope.role, score: result.score, gaps: result.gapCount, planAdded: plan.added.length },
      }, ctx.now())
    })
  } catch (e) {
    throw asDomainError(e)
  }
  return questionnaireView(ctx, scope, campaignId, operatorId)
}

export type ReviewAction = 'start' | 'return' | 'accept'

export async function reviewSubmission(
  ctx: AppContext, scope: Scope, campaignId: string, operatorId: string, action: ReviewAction, comments: { obligationKey: string; body: string }[],
): Promise<QuestionnaireView> {
  if (scope.organisationId === operatorId) throw forbidden('An operator does not review its own submission.')
  const db = ctx.database.db
  const { target } = await requireTarget(ctx, scope, campaignId, operatorId)
  const at = ctx.now().toISOString()
  try {
    const before = await loadSubmissionState(db, scope, target)
    const actor = { by: scope.actor, at }
    // Returning or accepting straight from "submitted" starts the review implicitly: one click for the reviewer.
    const reviewing = action !== 'start' && before.status === 'submitted' ? startReview(before, actor) : before
    const after = action === 'start' ? startReview(before, actor) : action === 'accept' ? accept(reviewing, actor) : returnWithComments(reviewing, { ...actor, comments })
    await inTransaction(ctx.database, async (trx) => {
      await saveTransition(trx, before, after, at)
      await appendAudit(trx, {
        actor: scope.actor, organisationId: scope.organisationId, action: `assessments.review_${action}`, targetType: 'campaign_target', targetId: `${campaignId}/${operatorId}`,
        before: { status: before.status }, after: { status: after.status, comments: comments.length },
      }, ctx.now())
    })
  } catch (e) {
    throw asDomainError(e)
  }
  return questionnaireView(ctx, scope, campaignId, operatorId)
}

// ---------------------------------------------------------------------------------------------------------
// Improvement plans and support requests
// ---------------------------------------------------------------------------------------------------------

/** The operator's plan items, each marked when it (or one of its milestones) is overdue today. */
export async function planOf(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string): Promise<(PoamItem & { overdue: { daysOverdue: number; lateMilestones: number[] } | null })[]> {
  await requireTarget(ctx, scope, campaignId, operatorId)
  const items = await listPoamForScope(ctx.database.db, scope, campaignId, operatorId)
  const late = new Map(overdue(items, today(ctx)).map((o) => [o.item.id, { daysOverdue: o.daysOverdue, lateMilestones: o.lateMilestones }]))
  return items.map((i) => ({ ...i, overdue: late.get(i.id) ?? null }))
}

export async function updatePlanItem(
  ctx: AppContext, scope: Scope, campaignId: string, operatorId: string, itemId: string,
  patch: { status?: PoamStatus; owner?: string; milestoneDone?: { index: number; done: boolean } },
): Promise<PoamItem> {
  if (scope.organisationId !== operatorId) throw forbidden('Only the operator edits its plan.')
  const items = await planOf(ctx, scope, campaignId, operatorId)
  const found = items.find((i) => i.id === itemId)
  if (!found) throw notFound('poam_item')
  const { overdue: _late, ...item } = found
  let next: PoamItem = item
  try {
    if (patch.milestoneDone) {
      if (patch.milestoneDone.index >= item.milestones.length) throw invalid('poam.milestone_unknown', 'No such milestone.', [{ path: 'body.milestoneDone.index', message: `the item has ${item.milestones.length} milestones` }])
      next = setMilestoneDone(next, patch.milestoneDone.index, patch.milestoneDone.done)
    }
    if (patch.owner !== undefined) next = { ...next, owner: patch.owner }
    if (patch.status !== undefined && patch.status !== next.status) next = moveItem(next, patch.status)
  } catch (e) {
    if (e instanceof DomainError) throw e
    const error = e as { code?: string; message: string }
    throw conflict(error.code ?? 'poam.invalid', error.message)
  }
  await inTransaction(ctx.database, async (trx) => {
    await upsertPoamItems(trx, campaignId, operatorId, [next], ctx.now().toISOString())
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assessments.plan_update', targetType: 'poam_item', targetId: itemId, before: { status: item.status, owner: item.owner }, after: { status: next.status, owner: next.owner } }, ctx.now())
  })
  return next
}

export async function requestSupport(ctx: AppContext, scope: Scope, campaignId: string, operatorId: string, obligationKey: string, reason: string): Promise<{ id: string }> {
  if (scope.organisationId !== operatorId) throw forbidden('Only the operator asks for support.')
  const db = ctx.database.db
  const { target } = await requireTarget(ctx, scope, campaignId, operatorId)
  const obligation = (await loadQuestionnaire(db, scope, campaignId, operatorId))!.find((o) => o.key === obligationKey)
  if (!obligation) throw invalid('support.unknown_obligation', 'No such obligation in this questionnaire.', [{ path: 'body.obligationKey', message: 'not in the questionnaire' }])
  const id = randomUUID()
  const number = obligation.sources[0]?.number ?? ''
  await inTransaction(ctx.database, async (trx) => {
    await insertSupportRequest(trx, {
      id, campaignId, operatorId, sectorId: target.sectorId, obligationKey, lineage: obligation.lineage,
      title: { ja: `${number} ${obligation.title.ja}`.trim(), en: `${number} ${obligation.title.en}`.trim() }, reason, createdAt: ctx.now().toISOString(), createdBy: scope.actor,
    })
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assessments.support_request', targetType: 'support_request', targetId: id, after: { campaignId, obligationKey } }, ctx.now())
  })
  return { id }
}

/** Support requests the caller may see, grouped by requirement (the ministry's view of S20). */
export async function supportRequests(ctx: AppContext, scope: Scope, campaignId: string) {
  const db = ctx.database.db
  const campaign = await findCampaignForScope(db, scope, campaignId)
  if (!campaign) throw notFound('campaign')
  const requests = await listSupportRequestsForScope(db, scope, campaignId)
  const names = new Map((await listAllOrganisationsUnscoped(db)).map((o) => [o.id, o.name]))
  const groups = new Map<string, { lineage: string; title: { ja: string; en: string }; requests: { id: string; operatorId: string; operatorName: string; reason: string; createdAt: string }[] }>()
  for (const r of requests) {
    const g = groups.get(r.lineage) ?? { lineage: r.lineage, title: r.title, requests: [] }
    g.requests.push({ id: r.id, operatorId: r.operatorId, operatorName: names.get(r.operatorId) ?? r.operatorId, reason: r.reason, createdAt: r.createdAt })
    groups.set(r.lineage, g)
  }
  return [...groups.values()].sort((a, b) => b.requests.length - a.requests.length || (a.lineage < b.lineage ? -1 : 1))
}

/** For the OSCAL and workbook exports: the operator record, checked visible through its target. */
export async function operatorOf(ctx: AppContext, operatorId: string): Promise<Organisation> {
  const org = await getOrganisationUnscoped(ctx.database.db, operatorId)
  if (!org) throw notFound('organisation')
  return org
}

export { listOwnWorkingAnswers }
