import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from './answer-rules.ts'
import { isGap, POAM_STATUSES, type PoamItem, type PoamStatus } from './model.ts'
import {
  defaultMilestones, groupSupportRequests, moveItem, overdue, planFromGaps, PoamError, POAM_TRANSITIONS, reconcilePlan,
  setMilestoneDone,
} from './poam.ts'
import { answer, FUTURE, obligation, obligationsArb, TODAY, validAnswersArb } from './arbitraries.test-support.ts'

const o1 = obligation('3.4.3.3')
const o2 = obligation('3.1.2.1')
const o3 = obligation('2.1')
const idFor = (a: { lineage: string }) => `poam:${a.lineage}`

function thrown(f: () => unknown): PoamError {
  try {
    f()
  } catch (e) {
    if (e instanceof PoamError) return e
    throw e
  }
  throw new Error('expected a PoamError')
}

describe('plan from gaps', () => {
  it('makes one open item per gap, due on the target date, with three milestones up to it', () => {
    const answers = [answer(o1, 'not_implemented', { targetDate: '2026-07-01' }), answer(o2, 'implemented'), answer(o3, 'partially')]
    const items = planFromGaps({ answers, obligations: [o1, o2, o3], owner: 'user-ciso', today: TODAY, idFor })
    expect(items.map((i) => [i.id, i.title.ja, i.owner, i.dueDate, i.status])).toEqual([
      ['poam:us#us-3.4.3.3', '3.4.3.3 題 3.4.3.3', 'user-ciso', '2026-07-01', 'open'],
      ['poam:us#us-2.1', '2.1 題 2.1', 'user-ciso', FUTURE, 'open'],
    ])
    expect(items[0]!.milestones.map((m) => [m.title.en, m.dueDate, m.done])).toEqual([
      ['Plan the measure', '2026-05-01', false], ['Implement the measure', '2026-06-01', false], ['Verify it and record evidence', '2026-07-01', false],
    ])
  })

  it('every gap of a valid answer set gets exactly one item; milestones are ordered and end on the due date', () => {
    fc.assert(fc.property(obligationsArb.chain((os) => fc.tuple(fc.constant(os), validAnswersArb(os))), ([os, answers]) => {
      const items = planFromGaps({ answers, obligations: os, owner: 'o', today: TODAY, idFor })
      expect(items.map((i) => i.obligationKey)).toEqual(answers.filter((a) => isGap(a.result)).map((a) => a.obligationKey))
      for (const i of items) {
        const dates = i.milestones.map((m) => m.dueDate)
        expect([...dates].sort()).toEqual(dates)
        expect(dates.at(-1)).toBe(i.dueDate)
        expect(dates.every((d) => d > TODAY)).toBe(true)
      }
    }))
  })

  it('spreads default milestones within the span for any due date', () => {
    fc.assert(fc.property(fc.integer({ min: -10, max: 800 }), (days) => {
      const due = addDays(TODAY, days)
      const ms = defaultMilestones(TODAY, due)
      expect(ms.at(-1)!.dueDate).toBe(due)
      for (const m of ms) expect(m.dueDate <= due || days < 0).toBe(true)
      if (days <= 0) expect(ms.every((m) => m.dueDate === due)).toBe(true)
    }))
  })

  it('reconciles a resubmission: new gaps added, fixed ones ready to close, dates followed', () => {
    const before = planFromGaps({ answers: [answer(o1, 'not_implemented'), answer(o2, 'partially')], obligations: [o1, o2, o3], owner: 'o', today: TODAY, idFor })
    const done: PoamItem = { ...before[1]!, id: 'old', status: 'done' }
    const r = reconcilePlan([...before, done], {
      answers: [answer(o1, 'partially', { targetDate: '2026-12-01' }), answer(o2, 'implemented'), answer(o3, 'not_implemented')],
      obligations: [o1, o2, o3], owner: 'o', today: TODAY, idFor,
    })
    expect(r.kept.map((i) => [i.id, i.dueDate])).toEqual([['poam:us#us-3.4.3.3', '2026-12-01']])
    expect(r.resolved.map((i) => i.id)).toEqual(['poam:us#us-3.1.2.1'])
    expect(r.added.map((i) => i.id)).toEqual(['poam:us#us-2.1'])
  })
})

describe('item status', () => {
  const item = planFromGaps({ answers: [answer(o1, 'not_implemented')], obligations: [o1], owner: 'o', today: TODAY, idFor })[0]!

  it('needs every milestone done before done', () => {
    const e = thrown(() => moveItem(item, 'done'))
    expect(e.code).toBe('poam.milestones_open')
    expect(e.message).toBe('3 milestones are not done yet')
    let i = moveItem(item, 'in_progress')
    for (let m = 0; m < 3; m++) i = setMilestoneDone(i, m)
    expect(moveItem(i, 'done').status).toBe('done')
    expect(thrown(() => setMilestoneDone(moveItem(i, 'done'), 0)).code).toBe('poam.closed')
    expect(thrown(() => setMilestoneDone(item, 3)).code).toBe('poam.milestone_unknown')
  })

  it('random moves follow the transition table and never reach done with open milestones', () => {
    const moves = fc.array(fc.oneof(
      fc.constantFrom(...POAM_STATUSES).map((to) => ({ to })),
      fc.integer({ min: 0, max: 3 }).map((milestone) => ({ milestone })),
    ), { maxLength: 25 })
    fc.assert(fc.property(moves, (steps) => {
      let i = item
      for (const step of steps) {
        const before: PoamStatus = i.status
        try {
          i = 'to' in step ? moveItem(i, step.to) : setMilestoneDone(i, step.milestone)
          if ('to' in step) expect(POAM_TRANSITIONS[before]).toContain(step.to)
        } catch (e) {
          expect(e).toBeInstanceOf(PoamError)
        }
        if (i.status === 'done') expect(i.milestones.every((m) => m.done)).toBe(true)
      }
    }))
  })

  it('an illegal move names both states', () => {
    expect(thrown(() => moveItem({ ...item, status: 'cancelled' }, 'done')).message).toBe('an item that is cancelled cannot become done')
  })
})

describe('overdue', () => {
  const base = planFromGaps({ answers: [answer(o1, 'not_implemented', { targetDate: '2026-06-30' })], obligations: [o1], owner: 'o', today: TODAY, idFor })[0]!

  it('lists live items past their due date or with late milestones, most overdue first', () => {
    const late = { ...base, id: 'late', dueDate: '2026-03-01' }
    const later = { ...base, id: 'later', dueDate: '2026-02-01' }
    const onTime = { ...base, id: 'on-time', dueDate: TODAY, milestones: [] }
    const cancelled = { ...late, id: 'cancelled', status: 'cancelled' as const }
    const milestoneLate = { ...base, id: 'm', milestones: [{ ...base.milestones[0]!, dueDate: '2026-03-15' }, ...base.milestones.slice(1)] }
    const result = overdue([late, onTime, cancelled, milestoneLate, later], TODAY)
    expect(result.map((r) => [r.item.id, r.daysOverdue, r.lateMilestones])).toEqual([
      ['later', 59, []], ['late', 31, []], ['m', 0, [0]],
    ])
  })

  it('an item is overdue exactly when live and its due date is before today', () => {
    fc.assert(fc.property(fc.integer({ min: -400, max: 400 }), fc.constantFrom(...POAM_STATUSES), (offset, status) => {
      const i = { ...base, dueDate: addDays(TODAY, offset), milestones: [], status }
      const listed = overdue([i], TODAY)
      expect(listed.length).toBe(offset < 0 && (status === 'open' || status === 'in_progress') ? 1 : 0)
      if (listed.length) expect(listed[0]!.daysOverdue).toBe(-offset)
    }))
  })
})

describe('support requests (S20)', () => {
  it('groups by requirement, counting each operator once, busiest first', () => {
    const r = (operatorId: string, lineage: string, key = `v1#${lineage}`) => ({ operatorId, obligationKey: key, lineage, reason: '人手が足りない', createdAt: '2026-04-01T00:00:00Z' })
    const groups = groupSupportRequests([r('a', 'us#x'), r('b', 'us#y'), r('c', 'us#y', 'v2#us#y'), r('b', 'us#y')])
    expect(groups.map((g) => [g.lineage, g.operatorIds, g.obligationKeys, g.requests.length])).toEqual([
      ['us#y', ['b', 'c'], ['v1#us#y', 'v2#us#y'], 3], ['us#x', ['a'], ['v1#us#x'], 1],
    ])
  })
})
