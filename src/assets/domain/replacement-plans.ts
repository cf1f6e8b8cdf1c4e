import type { FieldError } from '../../platform/errors.ts'
import { aggregate, type AggregateRow } from '../../assessments/domain/scores.ts'
import { isIsoDate } from './device.ts'

/**
 * Replacement plans (issue 6 build item 6; S7: devices run for 10–20 years because replacing them is hard):
 * an operator plans to replace one device or a fleet (a set of its devices) by a target date, with a budget
 * in yen. A plan that is still open after its target date is overdue. The sector overview gives ministries
 * and the NCO, per sector, the devices under an active exception, past their end of support, in a
 * replacement plan, and the overdue plans; suppressed below 5 operators for all but the NCO.
 *
 * Pure code: the clock comes in as `today` (YYYY-MM-DD).
 */

export const PLAN_STATUSES = ['planned', 'funded', 'in_progress', 'completed', 'cancelled'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]
/** Statuses of a plan still to be carried out. */
export const OPEN_STATUSES: readonly PlanStatus[] = ['planned', 'funded', 'in_progress']

export const PLAN_LIMITS = { title: 200, notes: 4000, devices: 1000, budgetJpy: 10_000_000_000_000, years: 30 } as const

export interface PlanInput {
  title: string
  /** The devices replaced: one, or a fleet. Ids of the operator's own devices, in the order given. */
  deviceIds: readonly string[]
  targetDate: string
  /** Yen, whole; null until estimated. */
  budgetJpy: number | null
  status: PlanStatus
  notes: string | null
}

export interface PreparedPlan {
  fields: PlanInput
  errors: FieldError[]
}

/** A plan is overdue when still open after its target date. */
export const isOverdue = (plan: { status: PlanStatus; targetDate: string }, today: string) => OPEN_STATUSES.includes(plan.status) && plan.targetDate < today

const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

/**
 * Normalises a plan and lists every problem, each naming its field. `today` bounds the target date: not in
 * the past when it is set or changed (`previousTargetDate` is the stored one: keeping it is always fine, so an
 * overdue plan can still be updated), and at most 30 years ahead.
 */
export function preparePlan(input: PlanInput, today: string, previousTargetDate: string | null = null): PreparedPlan {
  const errors: FieldError[] = []
  const err = (path: string, code: string, message: string, params: Record<string, string | number> = {}) => errors.push({ path, code, message, params })

  const title = input.title.trim()
  if (title === '') err('title', 'asset_plan.required', 'title is required.')
  else if (title.length > PLAN_LIMITS.title) err('title', 'asset_plan.too_long', `title has ${title.length} characters; at most ${PLAN_LIMITS.title} are allowed.`, { length: title.length, max: PLAN_LIMITS.title })
  else if (HIDDEN.test(title)) err('title', 'asset_plan.control_character', 'title contains a control or bidirectional formatting character.')

  const notes = input.notes === null || input.notes.trim() === '' ? null : input.notes.trim()
  if (notes !== null && notes.length > PLAN_LIMITS.notes) err('notes', 'asset_plan.too_long', `notes has ${notes.length} characters; at most ${PLAN_LIMITS.notes} are allowed.`, { length: notes.length, max: PLAN_LIMITS.notes })
  else if (notes !== null && HIDDEN.test(notes)) err('notes', 'asset_plan.control_character', 'notes contains a control or bidirectional formatting character.')

  const deviceIds: string[] = []
  if (input.deviceIds.length === 0) err('deviceIds', 'asset_plan.devices_required', 'A plan replaces at least one device.')
  else if (input.deviceIds.length > PLAN_LIMITS.devices) err('deviceIds', 'asset_plan.too_many_devices', `At most ${PLAN_LIMITS.devices} devices per plan (${input.deviceIds.length} given).`, { length: input.deviceIds.length, max: PLAN_LIMITS.devices })
  else {
    input.deviceIds.forEach((id, i) => {
      if (id.trim() === '') err(`deviceIds.${i}`, 'asset_plan.required', `deviceIds.${i} is empty.`)
      else if (deviceIds.includes(id)) err(`deviceIds.${i}`, 'asset_plan.device_duplicate', `Device ${id} is listed twice.`, { value: id })
      else deviceIds.push(id)
    })
  }

  const targetDate = input.targetDate.trim()
  const latest = `${Number(today.slice(0, 4)) + PLAN_LIMITS.years}${today.slice(4)}`
  if (!isIsoDate(targetDate)) err('targetDate', 'asset_plan.date_format', `targetDate must be a date written YYYY-MM-DD ("${targetDate.slice(0, 40)}" given).`, { value: targetDate.slice(0, 40) })
  else if (targetDate < today && targetDate !== previousTargetDate) err('targetDate', 'asset_plan.target_in_past', `targetDate ${targetDate} is before today (${today}).`, { value: targetDate, today })
  else if (targetDate > latest) err('targetDate', 'asset_plan.target_too_far', `targetDate ${targetDate} is more than ${PLAN_LIMITS.years} years ahead.`, { value: targetDate, max: latest })

  const budget = input.budgetJpy
  if (budget !== null && (!Number.isSafeInteger(budget) || budget < 0 || budget > PLAN_LIMITS.budgetJpy)) {
    err('budgetJpy', 'asset_plan.budget_invalid', `budgetJpy must be a whole number of yen between 0 and ${PLAN_LIMITS.budgetJpy} (${budget} given).`, { value: budget, max: PLAN_LIMITS.budgetJpy })
  }
  if (!PLAN_STATUSES.includes(input.status)) err('status', 'asset_plan.status_unknown', `Unknown status "${String(input.status)}".`, { value: String(input.status) })

  return { fields: { title, deviceIds, targetDate, budgetJpy: budget, status: input.status, notes }, errors }
}

// ---------------------------------------------------------------------------------------------------------
// Sector overview
// ---------------------------------------------------------------------------------------------------------

/** What the overview counts for one operator (the store computes it; an operator in two sectors counts in both). */
export interface OperatorAssetFacts {
  operatorId: string
  sectorIds: readonly string[]
  devices: number
  /** Devices with at least one approved exception not yet expired. */
  devicesWithActiveException: number
  /** Devices whose end of support is before today. */
  eolDevices: number
  /** End-of-support devices in no open plan. */
  eolDevicesWithoutPlan: number
  /** Devices in at least one open plan. */
  devicesInOpenPlan: number
  openPlans: number
  overduePlans: number
  /** Sum of the open plans' budgets (plans without one add nothing). */
  openPlanBudgetJpy: number
}

export const OVERVIEW_MEASURES = ['devices', 'devicesWithActiveException', 'eolDevices', 'eolDevicesWithoutPlan', 'devicesInOpenPlan', 'openPlans', 'overduePlans', 'openPlanBudgetJpy'] as const
export type OverviewMeasure = (typeof OVERVIEW_MEASURES)[number]

export interface SectorOverviewRow {
  sectorId: string
  /** Operators of the sector with at least one recorded device: the group the counts come from. */
  operatorCount: number
  suppressed: boolean
  /** Why (fewer than 5 operators, or hidden so that a suppressed group cannot be worked out). */
  reason: 'too_few_operators' | 'complementary' | null
  /** Null when suppressed. */
  counts: Record<OverviewMeasure, number> | null
}

/**
 * One row per sector of `sectorIds`, over the operators with devices. Counts are sums over operators, so
 * they go through the assessments module's `aggregate` (the one suppression rule: groups under 5 operators,
 * and complementary suppression, for everyone but the NCO), all sectors of the page in one call.
 */
export function sectorOverview(facts: readonly OperatorAssetFacts[], sectorIds: readonly string[], viewer: { isNco: boolean }): SectorOverviewRow[] {
  const groups = sectorIds.flatMap((sectorId) => {
    const members = facts.filter((f) => f.sectorIds.includes(sectorId) && f.devices > 0)
    return OVERVIEW_MEASURES.map((measure) => ({
      id: `sector:${sectorId}`, measure, dims: { sector: sectorId }, operatorIds: members.map((m) => m.operatorId),
      value: members.reduce((sum, m) => sum + m[measure], 0),
    }))
  })
  const rows = aggregate<number>(groups, viewer)
  return sectorIds.map((sectorId) => {
    const mine = rows.filter((r) => r.dims.sector === sectorId) as AggregateRow<number>[]
    const hidden = mine.find((r) => r.suppressed)
    const operatorCount = mine[0]?.operatorCount ?? 0
    if (hidden && hidden.suppressed) return { sectorId, operatorCount, suppressed: true, reason: hidden.reason, counts: null }
    const counts = Object.fromEntries(mine.map((r) => [r.measure, r.suppressed ? 0 : r.value])) as Record<OverviewMeasure, number>
    return { sectorId, operatorCount, suppressed: false, reason: null, counts }
  })
}
