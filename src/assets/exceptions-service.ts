import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { conflict, DomainError, forbidden, invalid, notFound, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import type { Organisation } from '../org/domain/organisation.ts'
import { ownOperator, today } from './devices-service.ts'
import { findDeviceForScope } from './store/devices-repository.ts'
import {
  CONTROL_CATALOGUE, EXCEPTION_LIMITS, exceptionStatus, judgeControls, prepareException,
  type Claim, type CompensatingControl, type ExceptionInput, type ExceptionStatus, type JudgedControl,
} from './domain/exceptions.ts'
import {
  countExceptionsForScope, deleteExceptionRow, findExceptionForScope, insertException, listExceptionsForScope, openExceptionFor, recordDecision, updateException,
  type ExceptionFilter, type ExceptionRecord, type ExceptionRow,
} from './store/exceptions-repository.ts'

/**
 * Closed-network exceptions (issue 6 build item 5). Who does what:
 * - an operator's admin or CISO requests an exception for one of its devices, revises it while it waits,
 *   and may withdraw it until it is decided;
 * - the operator's management (admin or CISO) approves or rejects it: accepting the risk of an unpatched
 *   device is the operator's own decision (S26: management signs off), so it is recorded by a person —
 *   a signed-in user, never an API token — whose user id and role are kept. The requester may approve
 *   their own request (a small clinic has one manager), and the view says so (`selfApproved`);
 * - the ministries in charge of the operator's sectors and the NCO read every exception, its controls and
 *   its decision, and see the counts per sector (replacement-plans-service.ts sectorOverview).
 * Every change is one transaction with one audit entry.
 */

export interface ExceptionView extends Omit<ExceptionRecord, 'compensatingControls'> {
  compensatingControls: JudgedControl[]
  /** Closedness claims among the controls (recorded, never enough on their own). */
  claims: Claim[]
  status: ExceptionStatus
  /** Approved and not expired on today's date. */
  active: boolean
  /** Approved or rejected by the person who requested it (null while undecided). */
  selfApproved: boolean | null
}

export interface ExceptionPage {
  total: number
  limit: number
  offset: number
  items: ExceptionView[]
}

function view(e: ExceptionRecord, day: string): ExceptionView {
  const judged = judgeControls(e.compensatingControls)
  const status = exceptionStatus(e.decision, e.expiresOn, day)
  return {
    ...e, compensatingControls: judged.controls, claims: judged.claims, status, active: status === 'approved',
    selfApproved: e.decidedBy === null ? null : e.requestedBy === `user:${e.decidedBy}`,
  }
}

/** The catalogue of compensating controls, as the forms offer it. */
export const controlCatalogue = () => CONTROL_CATALOGUE.map(({ id, label, guidance, claim }) => ({ id, label, guidance, claim }))

/** What the audit log keeps of an exception. */
const auditView = (e: ExceptionRow | ExceptionRecord) => ({
  deviceId: e.deviceId, cveId: e.cveId, compensatingControls: e.compensatingControls, reason: e.reason, expiresOn: e.expiresOn,
})

export async function listExceptions(ctx: AppContext, scope: Scope, filter: ExceptionFilter, page: { limit: number; offset: number }): Promise<ExceptionPage> {
  const db = ctx.database.db
  const day = today(ctx)
  const [total, items] = await Promise.all([countExceptionsForScope(db, scope, filter, day), listExceptionsForScope(db, scope, filter, day, page)])
  return { total, limit: page.limit, offset: page.offset, items: items.map((e) => view(e, day)) }
}

export async function getException(ctx: AppContext, scope: Scope, id: string): Promise<ExceptionView> {
  const found = await findExceptionForScope(ctx.database.db, scope, id)
  if (!found) throw notFound('asset_exception')
  return view(found, today(ctx))
}

/** The exception as it will be stored, or an `invalid` error naming every bad field of the body. */
async function checked(ctx: AppContext, scope: Scope, operator: Organisation, id: string, input: ExceptionInput): Promise<ExceptionRow> {
  const day = today(ctx)
  const prepared = prepareException(input, day)
  const errors: FieldError[] = prepared.errors.map((e) => ({ ...e, path: `body.${e.path}` }))
  const device = await findDeviceForScope(ctx.database.db, scope, input.deviceId)
  // Another operator's device is refused exactly like one that does not exist.
  if (!device || device.operatorId !== operator.id) {
    errors.unshift({ path: 'body.deviceId', code: 'asset_exception.device_unknown', message: `No device of yours has id "${input.deviceId}".`, params: { value: input.deviceId } })
  }
  if (errors.length > 0) throw invalid('asset_exception.invalid', `The exception cannot be saved: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
  const f = prepared.fields
  const other = await openExceptionFor(ctx.database.db, f.deviceId, f.cveId, day, id)
  if (other !== undefined) {
    throw conflict('asset_exception.duplicate', f.cveId === null
      ? 'This device already has an exception for all its open vulnerabilities that is waiting or in force; revise that one.'
      : `This device already has an exception for ${f.cveId} that is waiting or in force; revise that one.`)
  }
  return { id, operatorId: operator.id, deviceId: f.deviceId, cveId: f.cveId, compensatingControls: f.compensatingControls, reason: f.reason, expiresOn: f.expiresOn }
}

export async function requestException(ctx: AppContext, scope: Scope, input: ExceptionInput): Promise<ExceptionView> {
  const operator = await ownOperator(ctx, scope)
  const row = await checked(ctx, scope, operator, randomUUID(), input)
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await insertException(trx, row, at.toISOString(), scope.actor)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.exception_request', targetType: 'asset_exception', targetId: row.id, after: auditView(row) }, at)
  })
  return getException(ctx, scope, row.id)
}

/** The caller's own exception for a write: 404 when it cannot see it, 403 when it sees but does not own it. */
async function ownException(ctx: AppContext, scope: Scope, id: string): Promise<ExceptionRecord> {
  const found = await findExceptionForScope(ctx.database.db, scope, id)
  if (!found) throw notFound('asset_exception')
  if (found.operatorId !== scope.organisationId) throw forbidden('Only the operator changes its exceptions.')
  return found
}

/** Decided or expired exceptions are history: refused with 409 naming the status. */
function mustBePending(e: ExceptionRecord, day: string, doing: string): void {
  const status = exceptionStatus(e.decision, e.expiresOn, day)
  if (status !== 'requested') {
    throw new DomainError('conflict', 'asset_exception.not_pending', `The exception is ${status}; only a request still waiting can be ${doing}. Request a new exception instead.`, [
      { path: 'status', code: 'asset_exception.not_pending', message: `status is ${status}`, params: { status } },
    ])
  }
}

export async function reviseException(ctx: AppContext, scope: Scope, id: string, input: ExceptionInput): Promise<ExceptionView> {
  const operator = await ownOperator(ctx, scope)
  const before = await ownException(ctx, scope, id)
  mustBePending(before, today(ctx), 'revised')
  const row = await checked(ctx, scope, operator, id, input)
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await updateException(trx, row, at.toISOString(), scope.actor)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.exception_update', targetType: 'asset_exception', targetId: id, before: auditView(before), after: auditView(row) }, at)
  })
  return getException(ctx, scope, id)
}

export async function withdrawException(ctx: AppContext, scope: Scope, id: string): Promise<void> {
  await ownOperator(ctx, scope)
  const before = await ownException(ctx, scope, id)
  // An approved or rejected exception stays on record for the ministry; a request that expired undecided may go.
  if (before.decision !== 'requested') {
    throw new DomainError('conflict', 'asset_exception.decided', `The exception was ${before.decision}; decided exceptions stay on record.`, [
      { path: 'status', code: 'asset_exception.decided', message: `decision is ${before.decision}`, params: { decision: before.decision } },
    ])
  }
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await deleteExceptionRow(trx, id)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.exception_withdraw', targetType: 'asset_exception', targetId: id, before: auditView(before) }, at)
  })
}

export interface DecisionInput {
  approve: boolean
  note?: string | null | undefined
}

export async function decideException(ctx: AppContext, scope: Scope, id: string, input: DecisionInput): Promise<ExceptionView> {
  await ownOperator(ctx, scope)
  if (scope.userId === null) {
    throw new DomainError('forbidden', 'asset_exception.approver_not_person', 'Accepting the risk of an exception is a person\'s decision: sign in as the approver rather than using an API token.')
  }
  const before = await ownException(ctx, scope, id)
  const day = today(ctx)
  mustBePending(before, day, 'decided')
  const note = input.note === null || input.note === undefined || input.note.trim() === '' ? null : input.note.trim()
  if (note !== null && note.length > EXCEPTION_LIMITS.note) {
    throw invalid('asset_exception.invalid', `note has ${note.length} characters; at most ${EXCEPTION_LIMITS.note} are allowed.`, [
      { path: 'body.note', code: 'asset_exception.too_long', message: `at most ${EXCEPTION_LIMITS.note} characters`, params: { length: note.length, max: EXCEPTION_LIMITS.note } },
    ])
  }
  if (!input.approve && note === null) {
    throw invalid('asset_exception.invalid', 'Say why the exception is rejected, so that the requester can act on it.', [
      { path: 'body.note', code: 'asset_exception.note_required', message: 'a rejection needs a note' },
    ])
  }
  // The stored controls passed the S6 check when requested; judged again so that no rule change lets one through.
  if (input.approve && !judgeControls(before.compensatingControls as CompensatingControl[]).acceptable) {
    throw invalid('asset_exception.obscurity_only', 'The compensating controls only claim closedness; the request must be revised before approval.', [
      { path: 'compensatingControls', code: 'asset_exception.obscurity_only', message: 'closedness claims alone are not a compensating control' },
    ])
  }
  const decision = input.approve ? 'approved' as const : 'rejected' as const
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await recordDecision(trx, id, { decision, userId: scope.userId!, role: scope.role, on: day, note }, at.toISOString(), scope.actor)
    await appendAudit(trx, {
      actor: scope.actor, organisationId: scope.organisationId, action: input.approve ? 'assets.exception_approve' : 'assets.exception_reject',
      targetType: 'asset_exception', targetId: id, before: { decision: before.decision }, after: { decision, decidedOn: day, role: scope.role, note },
    }, at)
  })
  return getException(ctx, scope, id)
}
