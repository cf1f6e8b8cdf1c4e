import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { reminderDates, remindersDue } from './reminders.ts'
import { addDays } from './answer-rules.ts'
import { SUBMISSION_STATUSES } from './model.ts'

const targets = [
  { operatorId: 'a', status: 'draft' as const }, { operatorId: 'b', status: 'submitted' as const },
  { operatorId: 'c', status: 'returned' as const }, { operatorId: 'd', status: 'accepted' as const },
]

describe('campaign reminders', () => {
  it('reminds operators that still owe a submission on each reminder day, and daily once overdue', () => {
    expect(reminderDates('2026-12-31', [14, 7, 1])).toEqual(['2026-12-17', '2026-12-24', '2026-12-30'])
    expect(remindersDue('2026-12-31', [14, 7, 1], targets, '2026-12-24')).toEqual([
      { operatorId: 'a', status: 'draft', daysLeft: 7, kind: 'reminder' }, { operatorId: 'c', status: 'returned', daysLeft: 7, kind: 'reminder' },
    ])
    expect(remindersDue('2026-12-31', [14, 7, 1], targets, '2026-12-25')).toEqual([])
    expect(remindersDue('2026-12-31', [14, 7, 1], targets, '2026-12-31')).toEqual([])
    expect(remindersDue('2026-12-31', [14, 7, 1], targets, '2027-01-02').map((r) => [r.operatorId, r.kind, r.daysLeft])).toEqual([['a', 'overdue', -2], ['c', 'overdue', -2]])
  })

  it('never reminds an operator that has submitted, and reminds on exactly the listed days before the due date', () => {
    const status = fc.constantFrom(...SUBMISSION_STATUSES)
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 4 }), fc.integer({ min: -30, max: 90 }), fc.array(status, { maxLength: 6 }), (days, offset, statuses) => {
      const due = '2026-12-31'
      const today = addDays(due, -offset)
      const due_ = remindersDue(due, days, statuses.map((s, i) => ({ operatorId: `op${i}`, status: s })), today)
      for (const r of due_) expect(['draft', 'returned']).toContain(r.status)
      const expected = offset < 0 || days.includes(offset) ? statuses.filter((s) => s === 'draft' || s === 'returned').length : 0
      expect(due_).toHaveLength(expected)
    }))
  })
})
