import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isOverdue, OVERVIEW_MEASURES, preparePlan, sectorOverview, type OperatorAssetFacts, type PlanInput } from './replacement-plans.ts'

const TODAY = '2026-04-01'
const plan = (over: Partial<PlanInput> = {}): PlanInput => ({
  title: 'Replace the line-3 PLCs', deviceIds: ['d1', 'd2'], targetDate: '2027-03-31', budgetJpy: 12_000_000, status: 'planned', notes: null, ...over,
})

describe('preparePlan', () => {
  it('accepts a fleet plan and trims its text', () => {
    const prepared = preparePlan(plan({ title: '  PLC 更新  ', notes: '  ' }), TODAY)
    expect(prepared.errors).toEqual([])
    expect(prepared.fields).toMatchObject({ title: 'PLC 更新', notes: null, deviceIds: ['d1', 'd2'] })
  })

  it('names every bad field', () => {
    const errors = preparePlan(plan({ title: '', deviceIds: ['d1', 'd1', ''], targetDate: '2026-02-30', budgetJpy: -1 }), TODAY).errors
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['title', 'asset_plan.required'], ['deviceIds.1', 'asset_plan.device_duplicate'], ['deviceIds.2', 'asset_plan.required'],
      ['targetDate', 'asset_plan.date_format'], ['budgetJpy', 'asset_plan.budget_invalid'],
    ])
    expect(preparePlan(plan({ deviceIds: [] }), TODAY).errors.map((e) => e.code)).toEqual(['asset_plan.devices_required'])
    expect(preparePlan(plan({ budgetJpy: 1.5 }), TODAY).errors.map((e) => e.code)).toEqual(['asset_plan.budget_invalid'])
    expect(preparePlan(plan({ budgetJpy: null }), TODAY).errors).toEqual([])
  })

  it('refuses a target date in the past unless it is the one already recorded', () => {
    expect(preparePlan(plan({ targetDate: '2026-03-31' }), TODAY).errors.map((e) => e.code)).toEqual(['asset_plan.target_in_past'])
    expect(preparePlan(plan({ targetDate: '2026-03-31' }), TODAY, '2026-03-31').errors).toEqual([])
    expect(preparePlan(plan({ targetDate: TODAY }), TODAY).errors).toEqual([])
    expect(preparePlan(plan({ targetDate: '2056-04-02' }), TODAY).errors.map((e) => e.code)).toEqual(['asset_plan.target_too_far'])
  })

  it('is overdue exactly when open and past the target date', () => {
    expect(isOverdue({ status: 'planned', targetDate: '2026-03-31' }, TODAY)).toBe(true)
    expect(isOverdue({ status: 'in_progress', targetDate: '2026-03-31' }, TODAY)).toBe(true)
    expect(isOverdue({ status: 'planned', targetDate: TODAY }, TODAY)).toBe(false)
    expect(isOverdue({ status: 'completed', targetDate: '2020-01-01' }, TODAY)).toBe(false)
    expect(isOverdue({ status: 'cancelled', targetDate: '2020-01-01' }, TODAY)).toBe(false)
  })
})

const facts = (operatorId: string, sectorIds: string[], n: number): OperatorAssetFacts => ({
  operatorId, sectorIds, devices: n, devicesWithActiveException: 1, eolDevices: 2, eolDevicesWithoutPlan: 1, devicesInOpenPlan: 1, openPlans: 1, overduePlans: 0, openPlanBudgetJpy: 1000,
})

describe('sectorOverview', () => {
  it('sums per sector over operators with devices; suppresses fewer than 5 operators for a ministry, never for the NCO', () => {
    const medical = ['a', 'b', 'c', 'd', 'e'].map((id) => facts(id, ['medical'], 3))
    const water = ['w1', 'w2', 'w3', 'w4'].map((id) => facts(id, ['water'], 3))
    const noDevices = facts('empty', ['water'], 0)
    const all = [...medical, ...water, noDevices]
    const ministry = sectorOverview(all, ['medical', 'water'], { isNco: false })
    expect(ministry[0]).toMatchObject({ sectorId: 'medical', operatorCount: 5, suppressed: false, counts: { devices: 15, eolDevices: 10, openPlanBudgetJpy: 5000 } })
    expect(ministry[1]).toEqual({ sectorId: 'water', operatorCount: 4, suppressed: true, reason: 'too_few_operators', counts: null })
    const nco = sectorOverview(all, ['medical', 'water'], { isNco: true })
    expect(nco[1]).toMatchObject({ sectorId: 'water', operatorCount: 4, suppressed: false, counts: { devices: 12, devicesWithActiveException: 4 } })
  })

  it('an operator in two sectors counts in both; a sector without operators is an empty group', () => {
    const rows = sectorOverview([facts('x', ['gas', 'electricity'], 2)], ['gas', 'electricity', 'water'], { isNco: true })
    expect(rows.map((r) => [r.sectorId, r.operatorCount, r.counts?.devices])).toEqual([['gas', 1, 2], ['electricity', 1, 2], ['water', 0, 0]])
  })

  it('for a ministry, no shown sector ever rests on fewer than 5 operators, and shown counts are the sums', () => {
    const sectors = ['s1', 's2', 's3']
    const operator = fc.record({ sectors: fc.subarray(sectors, { minLength: 1 }), devices: fc.integer({ min: 0, max: 5 }), eol: fc.integer({ min: 0, max: 5 }) })
    fc.assert(fc.property(fc.array(operator, { maxLength: 30 }), (ops) => {
      const all = ops.map((o, i) => ({ ...facts(`op${i}`, o.sectors, o.devices), eolDevices: o.eol }))
      for (const row of sectorOverview(all, sectors, { isNco: false })) {
        const members = all.filter((f) => f.sectorIds.includes(row.sectorId) && f.devices > 0)
        expect(row.operatorCount).toBe(members.length)
        if (members.length < 5) expect(row.suppressed).toBe(true)
        if (!row.suppressed) {
          expect(row.counts!.devices).toBe(members.reduce((s, m) => s + m.devices, 0))
          expect(row.counts!.eolDevices).toBe(members.reduce((s, m) => s + m.eolDevices, 0))
          expect(Object.keys(row.counts!).sort()).toEqual([...OVERVIEW_MEASURES].sort())
        } else expect(row.counts).toBeNull()
      }
    }))
  })
})
