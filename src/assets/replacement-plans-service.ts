import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { forbidden, invalid, notFound, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import type { Organisation } from '../org/domain/organisation.ts'
import { listSectors } from '../org/store/organisation-repository.ts'
import { MIN_OPERATORS } from '../assessments/domain/scores.ts'
import { ownOperator, today } from './devices-service.ts'
import { isOverdue, preparePlan, sectorOverview, type PlanInput, type SectorOverviewRow } from './domain/replacement-plans.ts'
import {
  countPlansForScope, deletePlanRow, findPlanForScope, insertPlan, listPlansForScope, operatorAssetFacts, ownDeviceIds, updatePlan,
  type PlanFilter, type PlanRecord, type PlanRow,
} from './store/replacement-plans-repository.ts'

/**
 * Replacement plans (issue 6 build item 6): an operator's admin or CISO plans to replace one of its devices
 * or a fleet by a target date, with a budget; the ministries in charge of its sectors and the NCO read the
 * plans, and see per sector how many devices are excepted, past their end of support, planned for
 * replacement, and how many plans are overdue (suppressed below 5 operators for ministries). Every change is
 * one transaction with one audit entry.
 */

export interface PlanView extends PlanRecord {
  /** One device, or a fleet of several. */
  kind: 'device' | 'fleet'
  /** Still open after its target date. */
  overdue: boolean
}

export interface PlanPage {
  total: number
  limit: number
  offset: number
  items: PlanView[]
}

const view = (p: PlanRecord, day: string): PlanView => ({ ...p, kind: p.deviceIds.length === 1 ? 'device' : 'fleet', overdue: isOverdue(p, day) })

const auditView = (p: PlanRow | PlanRecord) => ({ title: p.title, deviceIds: p.deviceIds, targetDate: p.targetDate, budgetJpy: p.budgetJpy, status: p.status, notes: p.notes })

export async function listPlans(ctx: AppContext, scope: Scope, filter: PlanFilter, page: { limit: number; offset: number }): Promise<PlanPage> {
  const db = ctx.database.db
  const day = today(ctx)
  const [total, items] = await Promise.all([countPlansForScope(db, scope, filter, day), listPlansForScope(db, scope, filter, day, page)])
  return { total, limit: page.limit, offset: page.offset, items: items.map((p) => view(p, day)) }
}

export async function getPlan(ctx: AppContext, scope: Scope, id: string): Promise<PlanView> {
  const found = await findPlanForScope(ctx.database.db, scope, id)
  if (!found) throw notFound('asset_plan')
  return view(found, today(ctx))
}

async function checked(ctx: AppContext, operator: Organisation, id: string, input: PlanInput, previousTargetDate: string | null): Promise<PlanRow> {
  const prepared = preparePlan(input, today(ctx), previousTargetDate)
  const errors: FieldError[] = prepared.errors.map((e) => ({ ...e, path: `body.${e.path}` }))
  const own = await ownDeviceIds(ctx.database.db, operator.id, prepared.fields.deviceIds)
  input.deviceIds.forEach((deviceId, i) => {
    // Another operator's device is refused exactly like one that does not exist.
    if (deviceId.trim() !== '' && !own.has(deviceId) && !errors.some((e) => e.path === `body.deviceIds.${i}`)) {
      errors.push({ path: `body.deviceIds.${i}`, code: 'asset_plan.device_unknown', message: `No device of yours has id "${deviceId}".`, params: { value: deviceId } })
    }
  })
  if (errors.length > 0) throw invalid('asset_plan.invalid', `The plan cannot be saved: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
  return { id, operatorId: operator.id, ...prepared.fields }
}

export async function createPlan(ctx: AppContext, scope: Scope, input: PlanInput): Promise<PlanView> {
  const operator = await ownOperator(ctx, scope)
  const row = await checked(ctx, operator, randomUUID(), input, null)
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await insertPlan(trx, row, at.toISOString(), scope.actor)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.plan_create', targetType: 'asset_replacement_plan', targetId: row.id, after: auditView(row) }, at)
  })
  return getPlan(ctx, scope, row.id)
}

async function ownPlan(ctx: AppContext, scope: Scope, id: string): Promise<PlanRecord> {
  const found = await findPlanForScope(ctx.database.db, scope, id)
  if (!found) throw notFound('asset_plan')
  if (found.operatorId !== scope.organisationId) throw forbidden('Only the operator changes its replacement plans.')
  return found
}

export async function changePlan(ctx: AppContext, scope: Scope, id: string, input: PlanInput): Promise<PlanView> {
  const operator = await ownOperator(ctx, scope)
  const before = await ownPlan(ctx, scope, id)
  const row = await checked(ctx, operator, id, input, before.targetDate)
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await updatePlan(trx, row, at.toISOString(), scope.actor)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.plan_update', targetType: 'asset_replacement_plan', targetId: id, before: auditView(before), after: auditView(row) }, at)
  })
  return getPlan(ctx, scope, id)
}

export async function deletePlan(ctx: AppContext, scope: Scope, id: string): Promise<void> {
  await ownOperator(ctx, scope)
  const before = await ownPlan(ctx, scope, id)
  const at = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await deletePlanRow(trx, id)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'assets.plan_delete', targetType: 'asset_replacement_plan', targetId: id, before: auditView(before) }, at)
  })
}

export interface SectorOverview {
  /** The day the counts are for. */
  date: string
  /** Groups smaller than this many operators are suppressed (not for the NCO). */
  minimumOperators: number
  suppression: boolean
  sectors: (SectorOverviewRow & { name: { ja: string; en: string } })[]
}

/**
 * The per-sector counts for the NCO (every sector, nothing suppressed) or a ministry (the sectors of its
 * jurisdiction, groups of fewer than 5 operators suppressed). `sectorId` narrows to one of those sectors.
 */
export async function assetOverview(ctx: AppContext, scope: Scope, sectorId: string | undefined): Promise<SectorOverview> {
  const isNco = scope.organisationKind === 'national_office'
  if (!isNco && scope.organisationKind !== 'ministry') throw forbidden('The sector overview is the government\'s.')
  const all = await listSectors(ctx.database.db)
  let sectors = isNco ? all : all.filter((s) => scope.sectorIds.includes(s.id))
  if (sectorId !== undefined) {
    sectors = sectors.filter((s) => s.id === sectorId)
    if (sectors.length === 0) throw notFound('sector')
  }
  const day = today(ctx)
  const facts = await operatorAssetFacts(ctx.database.db, isNco && sectorId === undefined ? null : sectors.map((s) => s.id), day)
  const rows = sectorOverview(facts, sectors.map((s) => s.id), { isNco })
  return {
    date: day, minimumOperators: MIN_OPERATORS, suppression: !isNco,
    sectors: rows.map((r, i) => ({ ...r, name: { ja: sectors[i]!.nameJa, en: sectors[i]!.nameEn } })),
  }
}
