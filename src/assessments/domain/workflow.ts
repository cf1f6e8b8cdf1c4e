import { createHash } from 'node:crypto'
import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'
import { validateAnswers, type AnswerError } from './answer-rules.ts'
import {
  SIGN_OFF_ROLES, type Answer, type CampaignStatus, type MaturityScale, type ReturnRound, type ReviewComment,
  type Snapshot, type SubmissionState, type SubmissionStatus, type WorkflowAction, type WorkflowEvent,
} from './model.ts'

/**
 * The submission workflow as pure transitions over an immutable SubmissionState:
 *
 *   draft ──submit──▶ submitted ──startReview──▶ under_review ──accept──▶ accepted
 *     ▲                                               │
 *     └──────reopenAfterReturn──── returned ◀─returnWithComments
 *
 * - Only a management user (role admin or ciso, S26) signs a submission off; the answers must pass
 *   validateAnswers with every obligation answered. Submitting freezes the answers into a new Snapshot with a
 *   SHA-256 digest of its canonical JSON; snapshots are never changed or removed afterwards.
 * - The working answers are editable (saveDraft) only in draft; reopening after a return keeps them.
 * - Reviewers (ministry or NCO) see only the last snapshot (visibleSnapshotFor); the draft is the owner's.
 *
 * Who may review which operator is the authorization module's decision; this file only keeps the states
 * and their data consistent. Every illegal move throws a WorkflowError naming the reason.
 */

export const TRANSITIONS: Readonly<Record<WorkflowAction, { from: readonly SubmissionStatus[]; to: SubmissionStatus }>> = Object.freeze({
  submit: { from: ['draft'], to: 'submitted' },
  startReview: { from: ['submitted'], to: 'under_review' },
  returnWithComments: { from: ['under_review'], to: 'returned' },
  accept: { from: ['under_review'], to: 'accepted' },
  reopenAfterReturn: { from: ['returned'], to: 'draft' },
})

export function allowedActions(status: SubmissionStatus): WorkflowAction[] {
  return (Object.keys(TRANSITIONS) as WorkflowAction[]).filter((a) => TRANSITIONS[a].from.includes(status))
}

export type WorkflowErrorCode =
  | 'workflow.illegal_transition'
  | 'workflow.not_editable'
  | 'workflow.sign_off_requires_management'
  | 'workflow.campaign_closed'
  | 'workflow.invalid_answers'
  | 'workflow.comments_required'
  | 'workflow.comment_invalid'
  | 'workflow.actor_required'

/** `kind` maps onto the platform's DomainError kinds (conflict → 409, forbidden → 403, invalid → 400). */
export class WorkflowError extends Error {
  readonly code: WorkflowErrorCode
  readonly kind: 'conflict' | 'forbidden' | 'invalid'
  readonly action: WorkflowAction | 'saveDraft'
  readonly status: SubmissionStatus
  readonly fieldErrors: readonly AnswerError[] | readonly { path: string; message: string }[]
  constructor(
    code: WorkflowErrorCode, kind: WorkflowError['kind'], action: WorkflowError['action'], status: SubmissionStatus, message: string,
    fieldErrors: WorkflowError['fieldErrors'] = [],
  ) {
    super(message)
    this.name = 'WorkflowError'
    this.code = code
    this.kind = kind
    this.action = action
    this.status = status
    this.fieldErrors = fieldErrors
  }
}

// ---------------------------------------------------------------------------------------------------------
// Canonical JSON and digests
// ---------------------------------------------------------------------------------------------------------

/** JSON with object keys sorted and undefined members dropped: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('canonical JSON has no non-finite numbers')
  return JSON.stringify(value)
}

/** The SHA-256 (hex) of the canonical JSON of every field of the snapshot but the digest itself. */
export function snapshotDigest(snapshot: Omit<Snapshot, 'digest'> & { digest?: string }): string {
  const { digest: _ignored, ...body } = snapshot
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex')
}

export function verifySnapshot(snapshot: Snapshot): boolean {
  return snapshotDigest(snapshot) === snapshot.digest
}

// ---------------------------------------------------------------------------------------------------------
// State helpers
// ---------------------------------------------------------------------------------------------------------

/** A detached, deep-frozen copy holding exactly the Answer fields (nothing a caller's object carried along). */
function frozenAnswer(a: Answer): Answer {
  return Object.freeze({
    obligationKey: a.obligationKey,
    lineage: a.lineage,
    result: a.result,
    maturity: a.maturity ?? null,
    targetDate: a.targetDate ?? null,
    notApplicableReason: a.notApplicableReason ?? null,
    comment: a.comment ?? '',
    evidenceIds: Object.freeze([...(a.evidenceIds ?? [])]),
  })
}

function frozenAnswers(answers: readonly Answer[]): readonly Answer[] {
  return Object.freeze(answers.map(frozenAnswer))
}

function freezeState(state: SubmissionState): SubmissionState {
  return Object.freeze({
    ...state,
    answers: Object.isFrozen(state.answers) ? state.answers : frozenAnswers(state.answers),
    snapshots: Object.freeze([...state.snapshots]),
    returns: Object.freeze([...state.returns]),
    events: Object.freeze([...state.events]),
  })
}

export function newSubmission(campaignId: string, operatorId: string, answers: readonly Answer[] = []): SubmissionState {
  return freezeState({ campaignId, operatorId, status: 'draft', answers: frozenAnswers(answers), snapshots: [], returns: [], events: [] })
}

export interface Actor {
  /** The acting user's id. */
  by: string
  /** The instant of the action (ISO timestamp), from the caller's clock. */
  at: string
}

function requireMove(state: SubmissionState, action: WorkflowAction, actor: Actor): SubmissionStatus {
  const { from, to } = TRANSITIONS[action]
  if (!from.includes(state.status)) {
    throw new WorkflowError('workflow.illegal_transition', 'conflict', action, state.status,
      `cannot ${action} a submission that is ${state.status} (allowed from ${from.join(', ')})`)
  }
  if (typeof actor.by !== 'string' || actor.by.trim() === '' || typeof actor.at !== 'string' || actor.at === '') {
    throw new WorkflowError('workflow.actor_required', 'invalid', action, state.status, `${action} needs the acting user and the time`)
  }
  return to
}

function moved(state: SubmissionState, action: WorkflowAction, to: SubmissionStatus, actor: Actor, changes: Partial<SubmissionState> = {}): SubmissionState {
  const event: WorkflowEvent = Object.freeze({ action, from: state.status, to, by: actor.by, at: actor.at })
  return freezeState({ ...state, ...changes, status: to, events: [...state.events, event] })
}

// ---------------------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------------------

/** Replace the working answers; only a draft is editable. Partial answer sets are fine here. */
export function saveDraft(state: SubmissionState, answers: readonly Answer[]): SubmissionState {
  if (state.status !== 'draft') {
    throw new WorkflowError('workflow.not_editable', 'conflict', 'saveDraft', state.status,
      `answers can only be changed in a draft; this submission is ${state.status}`)
  }
  return freezeState({ ...state, answers: frozenAnswers(answers) })
}

export interface SubmitInput extends Actor {
  /** The signing user's role in the operator organisation: must be a management role (admin or ciso). */
  role: string
  answers: readonly Answer[]
  obligations: readonly Obligation[]
  scale: MaturityScale
  /** Today's date (ISO) for the target-date rule. */
  today: string
  /** When given, a closed campaign refuses submissions. */
  campaignStatus?: CampaignStatus
}

/**
 * Sign off and submit: checks, in order, that the state allows it, who signs, that the campaign is open and
 * that the answers are valid and complete; then freezes them into snapshot n + 1.
 */
export function submit(state: SubmissionState, input: SubmitInput): SubmissionState {
  const to = requireMove(state, 'submit', input)
  if (!(SIGN_OFF_ROLES as readonly string[]).includes(input.role)) {
    throw new WorkflowError('workflow.sign_off_requires_management', 'forbidden', 'submit', state.status,
      `only management (${SIGN_OFF_ROLES.join(' or ')}) may sign a submission off; the role ${input.role} may not`)
  }
  if (input.campaignStatus === 'closed') {
    throw new WorkflowError('workflow.campaign_closed', 'conflict', 'submit', state.status, 'the campaign is closed')
  }
  const errors = validateAnswers(input.answers, input.obligations, input.scale, { today: input.today, complete: true })
  if (errors.length > 0) {
    throw new WorkflowError('workflow.invalid_answers', 'invalid', 'submit', state.status,
      `the answers cannot be submitted: ${errors.length} problem${errors.length === 1 ? '' : 's'}, first ${errors[0]!.path}: ${errors[0]!.message}`,
      errors)
  }
  const answers = frozenAnswers([...input.answers].sort((x, y) => (x.obligationKey < y.obligationKey ? -1 : x.obligationKey > y.obligationKey ? 1 : 0)))
  const body = {
    campaignId: state.campaignId,
    operatorId: state.operatorId,
    sequence: state.snapshots.length + 1,
    answers,
    signedOffBy: input.by,
    signedOffRole: input.role,
    signedOffAt: input.at,
  }
  const snapshot: Snapshot = Object.freeze({ ...body, digest: snapshotDigest(body) })
  return moved(state, 'submit', to, input, { answers, snapshots: [...state.snapshots, snapshot] })
}

export function startReview(state: SubmissionState, actor: Actor): SubmissionState {
  return moved(state, 'startReview', requireMove(state, 'startReview', actor), actor)
}

/**
 * Return the submission with at least one comment, each on an obligation of the reviewed snapshot and with
 * a non-blank body. Comments are recorded against that snapshot's sequence.
 */
export function returnWithComments(
  state: SubmissionState, input: Actor & { comments: readonly { obligationKey: string; body: string }[] },
): SubmissionState {
  const to = requireMove(state, 'returnWithComments', input)
  if (!Array.isArray(input.comments) || input.comments.length === 0) {
    throw new WorkflowError('workflow.comments_required', 'invalid', 'returnWithComments', state.status,
      'a returned submission needs at least one comment saying what to fix')
  }
  const snapshot = state.snapshots[state.snapshots.length - 1]!
  const answered = new Set(snapshot.answers.map((a) => a.obligationKey))
  const problems: { path: string; message: string }[] = []
  input.comments.forEach((c, i) => {
    if (!answered.has(c.obligationKey)) problems.push({ path: `comments[${i}].obligationKey`, message: `obligation ${JSON.stringify(c.obligationKey)} is not in the submitted answers` })
    if (typeof c.body !== 'string' || c.body.trim() === '') problems.push({ path: `comments[${i}].body`, message: 'a comment needs a text' })
  })
  if (problems.length > 0) {
    throw new WorkflowError('workflow.comment_invalid', 'invalid', 'returnWithComments', state.status,
      `${problems[0]!.path}: ${problems[0]!.message}`, problems)
  }
  const comments: ReviewComment[] = input.comments.map((c) => Object.freeze({ obligationKey: c.obligationKey, body: c.body, by: input.by, at: input.at }))
  const round: ReturnRound = Object.freeze({ snapshotSequence: snapshot.sequence, by: input.by, at: input.at, comments: Object.freeze(comments) })
  return moved(state, 'returnWithComments', to, input, { returns: [...state.returns, round] })
}

export function accept(state: SubmissionState, actor: Actor): SubmissionState {
  return moved(state, 'accept', requireMove(state, 'accept', actor), actor)
}

/** Back to draft after a return, keeping the returned answers as the working copy to fix. */
export function reopenAfterReturn(state: SubmissionState, actor: Actor): SubmissionState {
  return moved(state, 'reopenAfterReturn', requireMove(state, 'reopenAfterReturn', actor), actor)
}

/** The comments of the latest return, to show next to the answers being fixed. */
export function openComments(state: SubmissionState): readonly ReviewComment[] {
  if (state.status !== 'returned' && state.status !== 'draft') return []
  const last = state.returns[state.returns.length - 1]
  return last && last.snapshotSequence === state.snapshots.length ? last.comments : []
}

// ---------------------------------------------------------------------------------------------------------
// Visibility
// ---------------------------------------------------------------------------------------------------------

/** How the viewer relates to the submission's operator; jurisdiction itself is decided by authz. */
export type SubmissionViewer = 'owner' | 'ministry' | 'nco' | 'other'

/**
 * The snapshot a viewer may read: the last submitted one for the owner, a ministry and the NCO (whatever the
 * current status, so a ministry keeps seeing the returned snapshot while the operator fixes its draft);
 * nothing for anyone else. Never the working draft.
 */
export function visibleSnapshotFor(state: SubmissionState, viewer: SubmissionViewer): Snapshot | null {
  if (viewer === 'other') return null
  return state.snapshots[state.snapshots.length - 1] ?? null
}

/** The working (possibly unsubmitted) answers: the owner's alone. */
export function workingAnswersFor(state: SubmissionState, viewer: SubmissionViewer): readonly Answer[] | null {
  return viewer === 'owner' ? state.answers : null
}
