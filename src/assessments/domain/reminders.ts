import { addDays, daysBetween, isIsoDate } from './answer-rules.ts'
import type { SubmissionStatus } from './model.ts'

/**
 * Campaign reminders: on each of the campaign's reminder days before the due date (e.g. 14, 7 and 1 days
 * before), every operator that still owes a submission (draft, or returned for fixes) is due a reminder; after
 * the due date it is overdue every day. Pure: the caller passes today's date and decides how to deliver (the
 * platform lists them; mail delivery is outside this module).
 */
export interface ReminderTarget {
  operatorId: string
  status: SubmissionStatus
}

export interface Reminder {
  operatorId: string
  status: SubmissionStatus
  /** Days until the due date (negative when overdue). */
  daysLeft: number
  kind: 'reminder' | 'overdue'
}

const OWES: ReadonlySet<SubmissionStatus> = new Set(['draft', 'returned'])

/** The reminder dates of a campaign, earliest first (days that fall before `from` are dropped when given). */
export function reminderDates(dueDate: string, reminderDays: readonly number[], from?: string): string[] {
  if (!isIsoDate(dueDate)) throw new RangeError(`dueDate is not an ISO date: ${String(dueDate)}`)
  const dates = [...new Set(reminderDays.filter((d) => Number.isInteger(d) && d > 0))].sort((a, b) => b - a).map((d) => addDays(dueDate, -d))
  return from ? dates.filter((d) => d >= from) : dates
}

export function remindersDue(dueDate: string, reminderDays: readonly number[], targets: readonly ReminderTarget[], today: string): Reminder[] {
  if (!isIsoDate(today)) throw new RangeError(`today is not an ISO date: ${String(today)}`)
  const daysLeft = daysBetween(today, dueDate)
  const kind: Reminder['kind'] | null = daysLeft < 0 ? 'overdue' : reminderDates(dueDate, reminderDays).includes(today) ? 'reminder' : null
  if (kind === null) return []
  return targets.filter((t) => OWES.has(t.status)).map((t) => ({ operatorId: t.operatorId, status: t.status, daysLeft, kind }))
}
