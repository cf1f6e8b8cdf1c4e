import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'
import { addDays, daysBetween, isIsoDate } from './answer-rules.ts'
import { isGap, type Answer, type Milestone, type PoamItem, type PoamStatus, type SupportRequest } from './model.ts'

/**
 * Improvement plans (POA&M): every gap (partially / not implemented) becomes an item with an owner, the
 * answer's target date as due date, default milestones and a status; overdue tracking; support requests
 * grouped by item for the ministry (S20).
 *
 *   open ──▶ in_progress ──▶ done
 *     │            │  ▲         │
 *     └────────────┴──┼─▶ cancelled ──▶ open (reopened)
 *                     └──── done (reopened to in_progress)
 */

export type PoamErrorCode = 'poam.illegal_transition' | 'poam.milestones_open' | 'poam.milestone_unknown' | 'poam.closed'

export class PoamError extends Error {
  readonly code: PoamErrorCode
  readonly kind = 'conflict' as const
  constructor(code: PoamErrorCode, message: string) {
    super(message)
    this.name = 'PoamError'
    this.code = code
  }
}

export const POAM_TRANSITIONS: Readonly<Record<PoamStatus, readonly PoamStatus[]>> = Object.freeze({
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['open'],
})

export const DEFAULT_MILESTONE_TITLES = Object.freeze([
  { ja: '対策の計画', en: 'Plan the measure' },
  { ja: '対策の実施', en: 'Implement the measure' },
  { ja: '有効性の確認と証跡の登録', en: 'Verify it and record evidence' },
])

/**
 * Three milestones (plan, implement, verify) spread evenly from `today` to `dueDate`, the last on the due
 * date. A due date not after today puts all three on the due date.
 */
export function defaultMilestones(today: string, dueDate: string): Milestone[] {
  const span = Math.max(0, daysBetween(today, dueDate))
  const count = DEFAULT_MILESTONE_TITLES.length
  return DEFAULT_MILESTONE_TITLES.map((title, i) => ({
    title: { ...title },
    dueDate: i === count - 1 || span === 0 ? dueDate : addDays(today, Math.max(1, Math.round((span * (i + 1)) / count))),
    done: false,
  }))
}

export interface PlanInput {
  answers: readonly Answer[]
  obligations: readonly Obligation[]
  /** Who owns the new items (a user id, or a role the organisation assigns). */
  owner: string
  today: string
  /** The new item's id: ids are the caller's (the store's), so this stays pure. */
  idFor: (answer: Answer) => string
}

/**
 * One open item per gap, in answer order. Gaps without a valid target date (a draft not yet validated) get
 * no item: validateAnswers requires one before anything is submitted.
 */
export function planFromGaps(input: PlanInput): PoamItem[] {
  const byKey = new Map(input.obligations.map((o) => [o.key, o]))
  const items: PoamItem[] = []
  for (const a of input.answers) {
    if (!isGap(a.result) || !isIsoDate(a.targetDate)) continue
    const o = byKey.get(a.obligationKey)
    const number = o?.sources[0]?.number
    items.push({
      id: input.idFor(a),
      obligationKey: a.obligationKey,
      lineage: a.lineage,
      title: o ? { ja: number ? `${number} ${o.title.ja}` : o.title.ja, en: number ? `${number} ${o.title.en}` : o.title.en } : { ja: a.lineage, en: a.lineage },
      owner: input.owner,
      dueDate: a.targetDate,
      milestones: defaultMilestones(input.today, a.targetDate),
      status: 'open',
    })
  }
  return items
}

export interface PlanReconciliation {
  /** New gaps with no live item yet. */
  added: PoamItem[]
  /** Live items whose requirement is no longer a gap (now implemented or not applicable): ready to close. */
  resolved: PoamItem[]
  /** Live items still matching a gap, with the due date following a changed target date. */
  kept: PoamItem[]
}

/**
 * After a resubmission: match live items (open / in progress) to the new answers by lineage (which survives
 * new document versions). Done and cancelled items are history and left alone.
 */
export function reconcilePlan(existing: readonly PoamItem[], input: PlanInput): PlanReconciliation {
  const live = existing.filter((i) => i.status === 'open' || i.status === 'in_progress')
  const answerByLineage = new Map(input.answers.map((a) => [a.lineage, a]))
  const liveLineages = new Set(live.map((i) => i.lineage))
  const added = planFromGaps({ ...input, answers: input.answers.filter((a) => !liveLineages.has(a.lineage)) })
  const resolved: PoamItem[] = []
  const kept: PoamItem[] = []
  for (const item of live) {
    const a = answerByLineage.get(item.lineage)
    if (a && isGap(a.result)) {
      kept.push(isIsoDate(a.targetDate) && a.targetDate !== item.dueDate ? { ...item, obligationKey: a.obligationKey, dueDate: a.targetDate } : { ...item, obligationKey: a.obligationKey })
    } else {
      resolved.push(item)
    }
  }
  return { added, resolved, kept }
}

/** Move an item; done needs every milestone done. */
export function moveItem(item: PoamItem, to: PoamStatus): PoamItem {
  if (!POAM_TRANSITIONS[item.status].includes(to)) {
    throw new PoamError('poam.illegal_transition', `an item that is ${item.status} cannot become ${to}`)
  }
  if (to === 'done') {
    const open = item.milestones.filter((m) => !m.done).length
    if (open > 0) throw new PoamError('poam.milestones_open', `${open} milestone${open === 1 ? ' is' : 's are'} not done yet`)
  }
  return { ...item, status: to }
}

/** Mark one milestone done (or not); an item that is done or cancelled is closed to changes. */
export function setMilestoneDone(item: PoamItem, index: number, done = true): PoamItem {
  if (item.status === 'done' || item.status === 'cancelled') throw new PoamError('poam.closed', `the item is ${item.status}`)
  if (!Number.isInteger(index) || index < 0 || index >= item.milestones.length) {
    throw new PoamError('poam.milestone_unknown', `there is no milestone ${index}`)
  }
  return { ...item, milestones: item.milestones.map((m, i) => (i === index ? { ...m, done } : m)) }
}

export interface Overdue {
  item: PoamItem
  /** Days past the item's due date; 0 when only milestones are late. */
  daysOverdue: number
  /** Indexes of undone milestones whose date has passed. */
  lateMilestones: number[]
}

/**
 * Live items (open / in progress) past their due date or with an undone milestone past its date, most
 * overdue first. "Past" means strictly before `today`: due today is not late yet.
 */
export function overdue(items: readonly PoamItem[], today: string): Overdue[] {
  if (!isIsoDate(today)) throw new RangeError(`today is not an ISO date: ${String(today)}`)
  const out: Overdue[] = []
  for (const item of items) {
    if (item.status !== 'open' && item.status !== 'in_progress') continue
    const lateMilestones = item.milestones.flatMap((m, i) => (!m.done && m.dueDate < today ? [i] : []))
    const late = item.dueDate < today
    if (!late && lateMilestones.length === 0) continue
    out.push({ item, daysOverdue: late ? daysBetween(item.dueDate, today) : 0, lateMilestones })
  }
  return out.sort((x, y) => y.daysOverdue - x.daysOverdue || y.lateMilestones.length - x.lateMilestones.length || (x.item.id < y.item.id ? -1 : 1))
}

export interface SupportGroup {
  lineage: string
  obligationKeys: string[]
  operatorIds: string[]
  requests: SupportRequest[]
}

/**
 * Support requests grouped by requirement (lineage, so requests against two versions meet), the items most
 * operators need help with first. An operator counts once per item, however often it asked.
 */
export function groupSupportRequests(requests: readonly SupportRequest[]): SupportGroup[] {
  const groups = new Map<string, SupportGroup>()
  for (const r of requests) {
    let g = groups.get(r.lineage)
    if (!g) groups.set(r.lineage, g = { lineage: r.lineage, obligationKeys: [], operatorIds: [], requests: [] })
    if (!g.obligationKeys.includes(r.obligationKey)) g.obligationKeys.push(r.obligationKey)
    if (!g.operatorIds.includes(r.operatorId)) g.operatorIds.push(r.operatorId)
    g.requests.push(r)
  }
  return [...groups.values()].sort((x, y) => y.operatorIds.length - x.operatorIds.length || (x.lineage < y.lineage ? -1 : 1))
}
