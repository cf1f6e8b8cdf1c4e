import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { ROLES } from '../../authz/domain/vocabulary.ts'
import { DEFAULT_MATURITY_SCALE, SUBMISSION_STATUSES, type Answer, type SubmissionState } from './model.ts'
import {
  accept, allowedActions, canonicalJson, newSubmission, openComments, reopenAfterReturn, returnWithComments, saveDraft,
  snapshotDigest, startReview, submit, verifySnapshot, visibleSnapshotFor, workingAnswersFor, WorkflowError,
} from './workflow.ts'
import { answer, obligation, TODAY } from './arbitraries.test-support.ts'

const scale = DEFAULT_MATURITY_SCALE
const o1 = obligation('3.1.2.1')
const o2 = obligation('3.4.3.3')
const o3 = obligation('2.1.1', 'may')
const obligations = [o1, o2, o3]
const good = [answer(o1, 'implemented'), answer(o2, 'not_implemented'), answer(o3, 'not_applicable')]
const at = '2026-04-01T09:00:00.000Z'
const signer = { by: 'user-clinic-admin', role: 'admin', at, obligations, scale, today: TODAY }
const reviewer = { by: 'user-mhlw-reviewer', at }

function thrown(f: () => unknown): WorkflowError {
  try {
    f()
  } catch (e) {
    if (e instanceof WorkflowError) return e
    throw e
  }
  throw new Error('expected a WorkflowError')
}

describe('workflow: the clinic scenario', () => {
  it('stops a gap without a target date, then runs submit → return → fix → resubmit → accept', () => {
    let s = newSubmission('camp-2026', 'clinic-kaede')
    const missingDate = good.map((a) => (a.obligationKey === o2.key ? { ...a, targetDate: null } : a))
    s = saveDraft(s, missingDate)
    const refused = thrown(() => submit(s, { ...signer, answers: s.answers }))
    expect(refused.code).toBe('workflow.invalid_answers')
    expect(refused.kind).toBe('invalid')
    expect(refused.message).toBe('the answers cannot be submitted: 1 problem, first answers[1].targetDate: a target date is required for a gap')
    expect(refused.fieldErrors.map((e) => e.path)).toEqual(['answers[1].targetDate'])
    expect(s.status).toBe('draft')
    expect(visibleSnapshotFor(s, 'ministry')).toBeNull()

    s = saveDraft(s, good)
    s = submit(s, { ...signer, answers: s.answers })
    expect(s.status).toBe('submitted')
    const first = s.snapshots[0]!
    expect(first).toMatchObject({ sequence: 1, signedOffBy: 'user-clinic-admin', signedOffRole: 'admin', signedOffAt: at })
    expect(verifySnapshot(first)).toBe(true)

    s = startReview(s, reviewer)
    s = returnWithComments(s, { ...reviewer, comments: [{ obligationKey: o2.key, body: '目標日が遅すぎます' }] })
    expect(s.status).toBe('returned')
    expect(openComments(s)).toEqual([{ obligationKey: o2.key, body: '目標日が遅すぎます', by: reviewer.by, at }])

    s = reopenAfterReturn(s, { by: 'user-clinic-admin', at })
    expect(s.status).toBe('draft')
    expect(s.answers).toEqual(first.answers)
    expect(openComments(s)).toHaveLength(1)
    const fixed = s.answers.map((a) => (a.obligationKey === o2.key ? { ...a, targetDate: '2026-06-30' } : a))
    s = saveDraft(s, fixed)
    expect(visibleSnapshotFor(s, 'ministry')).toBe(first)

    s = submit(s, { ...signer, role: 'ciso', by: 'user-clinic-ciso', answers: s.answers })
    expect(s.snapshots).toHaveLength(2)
    expect(s.snapshots[0]).toBe(first)
    expect(openComments(s)).toEqual([])
    s = accept(startReview(s, reviewer), reviewer)
    expect(s.status).toBe('accepted')
    expect(visibleSnapshotFor(s, 'nco')!.answers.find((a) => a.obligationKey === o2.key)!.targetDate).toBe('2026-06-30')
    expect(s.events.map((e) => `${e.action}:${e.from}->${e.to}`)).toEqual([
      'submit:draft->submitted', 'startReview:submitted->under_review', 'returnWithComments:under_review->returned',
      'reopenAfterReturn:returned->draft', 'submit:draft->submitted', 'startReview:submitted->under_review', 'accept:under_review->accepted',
    ])
  })

  it('only management signs off (S26)', () => {
    const s = saveDraft(newSubmission('c', 'op'), good)
    for (const role of ['assessor', 'viewer', 'reviewer', 'auditor', '']) {
      const e = thrown(() => submit(s, { ...signer, role, answers: good }))
      expect(e.code).toBe('workflow.sign_off_requires_management')
      expect(e.kind).toBe('forbidden')
    }
    expect(submit(s, { ...signer, role: 'ciso', answers: good }).status).toBe('submitted')
  })

  it('refuses to submit into a closed campaign, and incomplete answers', () => {
    const s = newSubmission('c', 'op')
    expect(thrown(() => submit(s, { ...signer, answers: good, campaignStatus: 'closed' })).code).toBe('workflow.campaign_closed')
    const e = thrown(() => submit(s, { ...signer, answers: good.slice(0, 2) }))
    expect(e.fieldErrors.map((f) => `${f.path}: ${f.message}`)).toEqual(['answers: obligation 2.1.1 has no answer'])
  })

  it('names the illegal move', () => {
    const s = newSubmission('c', 'op')
    const e = thrown(() => accept(s, reviewer))
    expect(e).toMatchObject({ code: 'workflow.illegal_transition', kind: 'conflict', action: 'accept', status: 'draft' })
    expect(e.message).toBe('cannot accept a submission that is draft (allowed from under_review)')
    const submitted = submit(s, { ...signer, answers: good })
    expect(thrown(() => saveDraft(submitted, good)).message).toBe('answers can only be changed in a draft; this submission is submitted')
    expect(thrown(() => submit(submitted, { ...signer, answers: good })).code).toBe('workflow.illegal_transition')
  })

  it('a return needs comments on submitted obligations, with text', () => {
    const s = startReview(submit(newSubmission('c', 'op'), { ...signer, answers: good }), reviewer)
    expect(thrown(() => returnWithComments(s, { ...reviewer, comments: [] })).code).toBe('workflow.comments_required')
    const e = thrown(() => returnWithComments(s, { ...reviewer, comments: [{ obligationKey: 'x#y', body: ' ' }] }))
    expect(e.code).toBe('workflow.comment_invalid')
    expect(e.fieldErrors.map((f) => f.path)).toEqual(['comments[0].obligationKey', 'comments[0].body'])
  })

  it('needs an actor', () => {
    const s = submit(newSubmission('c', 'op'), { ...signer, answers: good })
    expect(thrown(() => startReview(s, { by: '', at })).code).toBe('workflow.actor_required')
  })
})

describe('snapshots', () => {
  it('are deep-frozen and detached from the caller', () => {
    const input = good.map((a) => ({ ...a, evidenceIds: ['ev-1'] }))
    const s = submit(newSubmission('c', 'op'), { ...signer, answers: input })
    const snap = s.snapshots[0]!
    input[0]!.evidenceIds.push('ev-2')
    ;(input[0] as { result: string }).result = 'not_implemented'
    expect(snap.answers.every((a) => a.evidenceIds.length === 1)).toBe(true)
    expect(verifySnapshot(snap)).toBe(true)
    expect(() => { (snap.answers[0] as { result: string }).result = 'partially' }).toThrow(TypeError)
    expect(() => { (snap.answers as Answer[]).push(good[0]!) }).toThrow(TypeError)
    expect(() => { (snap as { digest: string }).digest = 'x' }).toThrow(TypeError)
  })

  it('digest the canonical JSON with SHA-256, independent of answer order, and detect tampering', () => {
    const a = submit(newSubmission('c', 'op'), { ...signer, answers: good }).snapshots[0]!
    const b = submit(newSubmission('c', 'op'), { ...signer, answers: [...good].reverse() }).snapshots[0]!
    expect(b.digest).toBe(a.digest)
    const { digest, ...body } = a
    expect(digest).toBe(createHash('sha256').update(canonicalJson(body)).digest('hex'))
    const tampered = { ...a, answers: a.answers.map((x, i) => (i === 0 ? { ...x, maturity: 5 } : x)) }
    expect(verifySnapshot(tampered)).toBe(false)
    expect(snapshotDigest({ ...a, signedOffBy: 'someone-else' })).not.toBe(a.digest)
  })

  it('canonical JSON sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }, null], é: true })).toBe('{"a":[{"c":"x"},null],"b":1,"é":true}')
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)))
    }))
  })
})

// ---------------------------------------------------------------------------------------------------------
// Model-based: random action sequences against an independent statement of the rules
// ---------------------------------------------------------------------------------------------------------

type Step =
  | { kind: 'saveDraft'; variant: 'valid' | 'gapWithoutDate' | 'partial' }
  | { kind: 'submit'; role: string; useDraft: boolean }
  | { kind: 'startReview' }
  | { kind: 'return'; comments: 'none' | 'valid' | 'unknown' }
  | { kind: 'accept' }
  | { kind: 'reopen' }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('saveDraft' as const), variant: fc.constantFrom('valid' as const, 'gapWithoutDate' as const, 'partial' as const) }),
  fc.record({ kind: fc.constant('submit' as const), role: fc.constantFrom(...ROLES), useDraft: fc.boolean() }),
  fc.constant({ kind: 'startReview' as const }),
  fc.record({ kind: fc.constant('return' as const), comments: fc.constantFrom('none' as const, 'valid' as const, 'unknown' as const) }),
  fc.constant({ kind: 'accept' as const }),
  fc.constant({ kind: 'reopen' as const }),
)

/** Each draft is marked in its comments, so a leaked draft would be recognisable in what a ministry sees. */
function draftAnswers(variant: 'valid' | 'gapWithoutDate' | 'partial', marker: string): Answer[] {
  const base = good.map((a) => ({ ...a, comment: marker }))
  if (variant === 'gapWithoutDate') return base.map((a) => (a.obligationKey === o2.key ? { ...a, targetDate: null } : a))
  if (variant === 'partial') return base.slice(0, 1)
  return base
}

function answersValid(answers: readonly Answer[]): boolean {
  return answers.length === 3 && answers.every((a) => a.result !== 'not_implemented' || a.targetDate !== null)
}

/** The expected status after a step, or the expected error code: the rules restated plainly. */
function expected(s: SubmissionState, step: Step, answers: readonly Answer[]): { to: SubmissionState['status'] } | { error: string } {
  const illegal = { error: 'workflow.illegal_transition' }
  switch (step.kind) {
    case 'saveDraft': return s.status === 'draft' ? { to: 'draft' } : { error: 'workflow.not_editable' }
    case 'submit':
      if (s.status !== 'draft') return illegal
      if (step.role !== 'admin' && step.role !== 'ciso') return { error: 'workflow.sign_off_requires_management' }
      return answersValid(answers) ? { to: 'submitted' } : { error: 'workflow.invalid_answers' }
    case 'startReview': return s.status === 'submitted' ? { to: 'under_review' } : illegal
    case 'return':
      if (s.status !== 'under_review') return illegal
      return step.comments === 'valid' ? { to: 'returned' } : { error: step.comments === 'none' ? 'workflow.comments_required' : 'workflow.comment_invalid' }
    case 'accept': return s.status === 'under_review' ? { to: 'accepted' } : illegal
    case 'reopen': return s.status === 'returned' ? { to: 'draft' } : illegal
  }
}

function apply(s: SubmissionState, step: Step, answers: readonly Answer[], marker: string): SubmissionState {
  switch (step.kind) {
    case 'saveDraft': return saveDraft(s, draftAnswers(step.variant, marker))
    case 'submit': return submit(s, { ...signer, role: step.role, answers })
    case 'startReview': return startReview(s, reviewer)
    case 'return': {
      const key = step.comments === 'unknown' ? 'nowhere#x' : o2.key
      return returnWithComments(s, { ...reviewer, comments: step.comments === 'none' ? [] : [{ obligationKey: key, body: '確認してください' }] })
    }
    case 'accept': return accept(s, reviewer)
    case 'reopen': return reopenAfterReturn(s, { by: 'user-clinic-admin', at })
  }
}

describe('workflow: random action sequences', () => {
  it('follow the rules, keep snapshots unchanged, and never show a draft to a ministry or the NCO', () => {
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
      let s = newSubmission('c', 'op')
      const frozen: string[] = []
      const submittedMarkers = new Set<string>()
      let successes = 0
      steps.forEach((step, n) => {
        const marker = `draft-${n}`
        const answers = step.kind === 'submit' && !step.useDraft ? good : s.answers
        const want = expected(s, step, answers)
        const before = s
        if ('error' in want) {
          const e = thrown(() => apply(s, step, answers, marker))
          expect(e.code).toBe(want.error)
          expect(s).toBe(before)
        } else {
          s = apply(s, step, answers, marker)
          successes += step.kind === 'saveDraft' ? 0 : 1
          expect(s.status).toBe(want.to)
          if (step.kind !== 'saveDraft') {
            expect(allowedActions(before.status)).toContain(step.kind === 'return' ? 'returnWithComments' : step.kind === 'reopen' ? 'reopenAfterReturn' : step.kind)
          }
          if (step.kind === 'submit') {
            frozen.push(canonicalJson(s.snapshots.at(-1)))
            for (const a of s.answers) submittedMarkers.add(a.comment)
          }
        }

        // Invariants of every reachable state.
        expect(SUBMISSION_STATUSES).toContain(s.status)
        expect(s.events).toHaveLength(successes)
        expect(s.snapshots.map((x) => canonicalJson(x))).toEqual(frozen)
        for (const snap of s.snapshots) expect(verifySnapshot(snap)).toBe(true)
        if (s.status !== 'draft') {
          expect(s.snapshots.length).toBeGreaterThan(0)
          expect(s.answers).toEqual(s.snapshots.at(-1)!.answers)
        }
        if (s.status === 'returned') expect(s.returns.at(-1)!.snapshotSequence).toBe(s.snapshots.length)
        for (const viewer of ['ministry', 'nco'] as const) {
          const seen = visibleSnapshotFor(s, viewer)
          expect(seen).toBe(s.snapshots.at(-1) ?? null)
          for (const a of seen?.answers ?? []) expect(submittedMarkers.has(a.comment)).toBe(true)
          expect(workingAnswersFor(s, viewer)).toBeNull()
        }
        expect(visibleSnapshotFor(s, 'other')).toBeNull()
        expect(workingAnswersFor(s, 'owner')).toBe(s.answers)
      })
    }), { numRuns: 300 })
  })
})
