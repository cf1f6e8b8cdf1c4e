import type { LocalizedText, TierLevel } from '../../standards/domain/model.ts'

/**
 * The assessments module's vocabulary: campaigns (one PDCA cycle), answers, the submission workflow, frozen
 * snapshots, review comments, improvement plans (POA&M) and support requests. Pure types and constants;
 * every other assessments domain file builds on these.
 *
 * Dates are ISO calendar dates (`2026-03-31`) and instants are ISO timestamps (`2026-03-31T09:00:00.000Z`),
 * both passed in: the domain never reads a clock.
 */

// ---------------------------------------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------------------------------------

export const CAMPAIGN_STATUSES = ['open', 'closed'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

/** Who is asked: the union of the listed sectors, tiers and named operators. */
export interface CampaignScope {
  sectors: readonly string[]
  tierIds: readonly string[]
  operatorIds: readonly string[]
}

/**
 * The maturity scale a campaign defines: whole levels `min..max`, with one label per level
 * (`labels[level - min]`).
 */
export interface MaturityScale {
  min: number
  max: number
  labels: readonly LocalizedText[]
}

/** A CMMI-like 0–5 scale, the default for new campaigns. */
export const DEFAULT_MATURITY_SCALE: MaturityScale = Object.freeze({
  min: 0,
  max: 5,
  labels: Object.freeze([
    { ja: '未実施', en: 'Not performed' },
    { ja: '場当たり的', en: 'Initial' },
    { ja: '一部で実施', en: 'Repeatable' },
    { ja: '文書化・組織的に実施', en: 'Defined' },
    { ja: '測定・管理', en: 'Managed' },
    { ja: '継続的に改善', en: 'Optimising' },
  ]),
})

export interface Campaign {
  id: string
  title: LocalizedText
  /** The organisation (the NCO or a ministry) that launched it. */
  launchedBy: string
  scope: CampaignScope
  /** The PDCA cycle, e.g. '2026'. */
  cycle: string
  /** The same survey's previous cycle, for trend and for carrying answers forward. */
  previousCampaignId: string | null
  dueDate: string
  maturityScale: MaturityScale
  kpis: readonly KpiDefinition[]
  status: CampaignStatus
}

// ---------------------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------------------

export const ANSWER_RESULTS = ['implemented', 'partially', 'not_implemented', 'not_applicable'] as const
export type AnswerResult = (typeof ANSWER_RESULTS)[number]

/** A gap is what needs a target date and becomes an improvement-plan item. */
export type GapResult = 'partially' | 'not_implemented'

export function isGap(result: AnswerResult): result is GapResult {
  return result === 'partially' || result === 'not_implemented'
}

/** One operator's answer to one obligation (obligations/domain/resolve-obligations.ts). */
export interface Answer {
  obligationKey: string
  /** The obligation's lineage: survives new document versions, so answers carry forward by it. */
  lineage: string
  result: AnswerResult
  /** A whole level of the campaign's maturity scale, or null when not given. */
  maturity: number | null
  /** When the gap will be closed; required for every gap and then in the future. */
  targetDate: string | null
  /** Why the obligation does not apply; required for not_applicable. */
  notApplicableReason: string | null
  comment: string
  /** Evidence items (stored elsewhere with their SHA-256); one item may support many answers. */
  evidenceIds: readonly string[]
}

// ---------------------------------------------------------------------------------------------------------
// Workflow
// ---------------------------------------------------------------------------------------------------------

/** draft → submitted → under_review → returned (→ draft again) or accepted. */
export const SUBMISSION_STATUSES = ['draft', 'submitted', 'under_review', 'returned', 'accepted'] as const
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number]

/** Management roles: only these may sign a submission off (S26: security is a management issue). */
export const SIGN_OFF_ROLES = ['admin', 'ciso'] as const

export interface ReviewComment {
  obligationKey: string
  body: string
  /** The reviewer's user id. */
  by: string
  at: string
}

/**
 * The frozen copy of the answers at one submission. `digest` is the SHA-256 (hex) of the canonical JSON of
 * every other field (see workflow.ts snapshotDigest), so a stored snapshot can be checked for tampering.
 */
export interface Snapshot {
  campaignId: string
  operatorId: string
  /** 1 for the first submission, 2 after one return, … */
  sequence: number
  /** Sorted by obligation key, deep-frozen. */
  answers: readonly Answer[]
  /** The management user who signed off. */
  signedOffBy: string
  signedOffRole: string
  signedOffAt: string
  digest: string
}

/** One review round that ended in a return: the comments refer to the snapshot of that sequence. */
export interface ReturnRound {
  snapshotSequence: number
  by: string
  at: string
  comments: readonly ReviewComment[]
}

export const WORKFLOW_ACTIONS = ['submit', 'startReview', 'returnWithComments', 'accept', 'reopenAfterReturn'] as const
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number]

export interface WorkflowEvent {
  action: WorkflowAction
  from: SubmissionStatus
  to: SubmissionStatus
  by: string
  at: string
}

/**
 * One operator's submission in one campaign. `answers` is the working copy: editable only in `draft`, and
 * equal to the last snapshot's answers in every other status. Immutable: transitions return a new state.
 */
export interface SubmissionState {
  campaignId: string
  operatorId: string
  status: SubmissionStatus
  answers: readonly Answer[]
  snapshots: readonly Snapshot[]
  returns: readonly ReturnRound[]
  events: readonly WorkflowEvent[]
}

// ---------------------------------------------------------------------------------------------------------
// Improvement plans and support
// ---------------------------------------------------------------------------------------------------------

export const POAM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const
export type PoamStatus = (typeof POAM_STATUSES)[number]

export interface Milestone {
  title: LocalizedText
  dueDate: string
  done: boolean
}

/** A plan of action and milestones item: one gap, its owner and how it gets closed. */
export interface PoamItem {
  id: string
  obligationKey: string
  lineage: string
  title: LocalizedText
  /** A user id (or a role name the organisation assigns). */
  owner: string
  dueDate: string
  milestones: readonly Milestone[]
  status: PoamStatus
}

/** S20: an operator flags an item it cannot meet alone; the ministry sees these grouped by item. */
export interface SupportRequest {
  operatorId: string
  obligationKey: string
  lineage: string
  reason: string
  createdAt: string
}

// ---------------------------------------------------------------------------------------------------------
// KPIs (S21), computed by kpis.ts
// ---------------------------------------------------------------------------------------------------------

/** Which operators a KPI counts; every listed criterion must hold (an empty or missing list allows all). */
export interface KpiFilter {
  tierLevels?: readonly TierLevel[]
  tierIds?: readonly string[]
  sectors?: readonly string[]
}

/**
 * What an operator must have answered to count: the obligation is named by its lineage or by a source's
 * official number (optionally within one document, since numbers repeat across documents). When several
 * answers match, all of them must meet the condition.
 */
export interface KpiCondition {
  obligationLineage?: string
  sourceNumber?: string
  documentId?: string
  /** One accepted result, or several. */
  result: AnswerResult | readonly AnswerResult[]
  /** Some evidence of the answer must be dated within this many months before the computation date. */
  evidenceWithinMonths?: number
}

interface KpiBase {
  id: string
  title: LocalizedText
  filter?: KpiFilter
}

/** Share of operators (of those the obligation applies to) meeting the condition, in [0, 1]. */
export interface ShareOfOperatorsKpi extends KpiBase {
  kind: 'share_of_operators'
  condition: KpiCondition
}

/** Mean over operators of each operator's mean maturity within a chapter (a prefix of the primary number). */
export interface MeanMaturityKpi extends KpiBase {
  kind: 'mean_maturity'
  chapter: string
}

/** Mean over operators of each operator's weighted score, optionally within a chapter, in [0, 1]. */
export interface MeanScoreKpi extends KpiBase {
  kind: 'mean_score'
  chapter?: string
}

export type KpiDefinition = ShareOfOperatorsKpi | MeanMaturityKpi | MeanScoreKpi
