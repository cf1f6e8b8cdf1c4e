import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeKpi, computeKpis, kpiOperatorValue, validateKpiDefinition } from './kpis.ts'
import { ANSWER_RESULTS, type KpiDefinition } from './model.ts'
import type { OperatorResult } from './scores.ts'
import { operatorsArb, POOL, scored, SECTORS, TODAY } from './arbitraries.test-support.ts'

const NCO = { isNco: true }
const MINISTRY = { isNco: false }

const ciso: KpiDefinition = {
  id: 'ciso', title: { ja: 'CISO を任命した重要インフラ事業者（Tier 1）の割合', en: 'Tier-1 operators with an appointed CISO' },
  kind: 'share_of_operators', filter: { tierLevels: ['enhanced'] }, condition: { sourceNumber: '3.1.2.1', result: 'implemented' },
}
const backups: KpiDefinition = {
  id: 'backup-restore', title: { ja: 'オフラインバックアップの復旧試験（12か月以内）', en: 'Offline backups restore-tested in the last 12 months' },
  kind: 'share_of_operators', condition: { sourceNumber: '3.4.3.3', result: 'implemented', evidenceWithinMonths: 12 },
}
const maturity34: KpiDefinition = { id: 'maturity-3.4', title: { ja: '3.4 の平均成熟度', en: 'Mean maturity of 3.4' }, kind: 'mean_maturity', chapter: '3.4' }

function op(id: string, sector: string, tierLevel: 'baseline' | 'enhanced', answers: OperatorResult['answers']): OperatorResult {
  return { operatorId: id, sectors: [sector], tierId: `${sector}-${tierLevel}`, tierLevel, answers }
}

describe('KPIs: hand-written', () => {
  // Seven tier-1 hospitals (4 with a CISO), three small clinics (no CISO, not counted), five tier-1 banks (all with one).
  const hospitals = Array.from({ length: 7 }, (_, i) => op(`h${i}`, 'medical', 'enhanced', [scored('us#ciso', '3.1.2.1', 'must', i < 4 ? 'implemented' : 'not_implemented')]))
  const clinics = Array.from({ length: 3 }, (_, i) => op(`c${i}`, 'medical', 'baseline', [scored('us#ciso', '3.1.2.1', 'must', 'not_implemented')]))
  const banks = Array.from({ length: 5 }, (_, i) => op(`b${i}`, 'finance', 'enhanced', [scored('us#ciso', '3.1.2.1', 'must', 'implemented')]))
  const population = [...hospitals, ...clinics, ...banks]

  it('share of tier-1 operators with an appointed CISO, nationally and per sector', () => {
    const r = computeKpi(ciso, population, { today: TODAY, viewer: NCO })
    expect(r.national).toMatchObject({ suppressed: false, operatorCount: 12, value: 9 / 12 })
    expect(r.sectors.map((s) => [s.id, s.suppressed ? null : s.value, s.operatorCount])).toEqual([['sector:medical', 4 / 7, 7], ['sector:finance', 1, 5]])
  })

  it('suppresses groups of fewer than 5 operators for a ministry, and their complements', () => {
    const fewBanks = [...hospitals, ...banks.slice(0, 3)]
    const r = computeKpi(ciso, fewBanks, { today: TODAY, viewer: MINISTRY })
    const finance = r.sectors.find((s) => s.id === 'sector:finance')!
    expect(finance).toEqual({ id: 'sector:finance', measure: 'kpi:ciso', dims: { sector: 'finance' }, suppressed: true, operatorCount: 3, reason: 'too_few_operators' })
    // national − medical would be finance, so medical goes too.
    expect(r.sectors.find((s) => s.id === 'sector:medical')!.suppressed).toBe(true)
    expect(r.national.suppressed).toBe(false)
    expect(computeKpi(ciso, fewBanks, { today: TODAY, viewer: NCO }).sectors.every((s) => !s.suppressed)).toBe(true)
  })

  it('counts restore tests only with evidence dated within the last 12 months up to today', () => {
    const withEvidence = (dates: string[], result: 'implemented' | 'partially' = 'implemented') =>
      op('x', 'medical', 'enhanced', [scored('us#backup', '3.4.3.3', 'must', result, 3, dates)])
    expect(kpiOperatorValue(backups, withEvidence(['2025-04-01']), TODAY)).toBe(1)
    expect(kpiOperatorValue(backups, withEvidence(['2025-03-31']), TODAY)).toBe(0)
    expect(kpiOperatorValue(backups, withEvidence(['2026-04-02']), TODAY)).toBe(0)
    expect(kpiOperatorValue(backups, withEvidence([]), TODAY)).toBe(0)
    expect(kpiOperatorValue(backups, withEvidence(['2026-01-15'], 'partially'), TODAY)).toBe(0)
    expect(kpiOperatorValue(backups, withEvidence(['2025-03-31', '2026-01-15']), TODAY)).toBe(1)
    // The requirement does not apply (no answer) or was answered not applicable: the operator does not count.
    expect(kpiOperatorValue(backups, op('y', 'medical', 'baseline', []), TODAY)).toBeNull()
    expect(kpiOperatorValue(backups, op('y', 'medical', 'baseline', [scored('us#backup', '3.4.3.3', 'must', 'not_applicable')]), TODAY)).toBeNull()
    const naCounts: KpiDefinition = { ...backups, condition: { sourceNumber: '3.4.3.3', result: ['implemented', 'not_applicable'] } }
    expect(kpiOperatorValue(naCounts, op('y', 'medical', 'baseline', [scored('us#backup', '3.4.3.3', 'must', 'not_applicable')]), TODAY)).toBe(1)
  })

  it('matches a source number within one document when asked to', () => {
    const a = { ...scored('gl#7', '3.1.2.1', 'must', 'implemented'), sources: [{ documentId: 'medical-guideline', number: '3.1.2.1' }] }
    const inUs: KpiDefinition = { ...ciso, filter: undefined, condition: { sourceNumber: '3.1.2.1', documentId: 'us', result: 'implemented' } }
    expect(kpiOperatorValue(inUs, op('g', 'medical', 'enhanced', [a]), TODAY)).toBeNull()
    expect(kpiOperatorValue({ ...inUs, condition: { obligationLineage: 'gl#7', result: 'implemented' } }, op('g', 'medical', 'enhanced', [a]), TODAY)).toBe(1)
  })

  it('mean maturity of chapter 3.4, with trend against the previous cycle', () => {
    const ops = (level: number) => Array.from({ length: 5 }, (_, i) => op(`o${i}`, 'energy', 'enhanced', [
      scored('us#b', '3.4.3.3', 'must', 'implemented', level),
      scored('us#c', '3.4.1', 'should', 'partially', level - 1),
      scored('us#z', '3.5.1', 'must', 'implemented', 0),
    ]))
    const r = computeKpi(maturity34, ops(4), { today: TODAY, viewer: MINISTRY, previous: { submissions: ops(2), today: '2025-04-01' } })
    expect(r.national).toMatchObject({ suppressed: false, value: 3.5 })
    const national = r.trend.find((t) => t.id === 'national')!
    expect(national).toMatchObject({ current: 3.5, previous: 1.5, delta: 2 })
    expect(computeKpis([ciso, maturity34], ops(4), { today: TODAY, viewer: NCO }).map((k) => k.id)).toEqual(['ciso', 'maturity-3.4'])
  })

  it('gives an empty population a national row with no operators', () => {
    const r = computeKpi(ciso, [], { today: TODAY, viewer: MINISTRY })
    expect(r.national).toMatchObject({ id: 'national', suppressed: true, operatorCount: 0 })
    expect(computeKpi(ciso, [], { today: TODAY, viewer: NCO }).national).toMatchObject({ suppressed: false, value: null })
  })

  it('validates definitions, naming the field', () => {
    expect(validateKpiDefinition(ciso)).toEqual([])
    expect(validateKpiDefinition({ ...backups, condition: { result: 'implemented', evidenceWithinMonths: 0 } } as KpiDefinition, 'kpis[1]')).toEqual([
      { path: 'kpis[1].condition', code: 'kpi.target_required', message: 'name the requirement by obligationLineage or sourceNumber' },
      { path: 'kpis[1].condition.evidenceWithinMonths', code: 'kpi.months_invalid', message: 'the evidence window must be a whole number of months, at least 1' },
    ])
    expect(validateKpiDefinition({ ...maturity34, chapter: ' ' }).map((e) => e.code)).toEqual(['kpi.chapter_required'])
    expect(validateKpiDefinition({ ...ciso, condition: { sourceNumber: '1', obligationLineage: 'us#a', result: [] } }).map((e) => e.code))
      .toEqual(['kpi.target_ambiguous', 'kpi.result_invalid'])
  })
})

describe('KPIs: properties', () => {
  const defArb: fc.Arbitrary<KpiDefinition> = fc.oneof(
    fc.record({
      pick: fc.constantFrom(...POOL),
      byLineage: fc.boolean(),
      result: fc.uniqueArray(fc.constantFrom(...ANSWER_RESULTS), { minLength: 1, maxLength: 2 }),
      months: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
      sectors: fc.option(fc.uniqueArray(fc.constantFrom(...SECTORS), { maxLength: 2 }), { nil: undefined }),
    }).map(({ pick, byLineage, result, months, sectors }): KpiDefinition => ({
      id: 'k', title: { ja: 'k', en: 'k' }, kind: 'share_of_operators', filter: sectors ? { sectors } : undefined,
      condition: { ...(byLineage ? { obligationLineage: pick.lineage } : { sourceNumber: pick.number }), result, evidenceWithinMonths: months },
    })),
    fc.constantFrom('3', '3.4', '2.1').map((chapter): KpiDefinition => ({ id: 'm', title: { ja: 'm', en: 'm' }, kind: 'mean_maturity', chapter })),
    fc.option(fc.constantFrom('3', '3.4'), { nil: undefined }).map((chapter): KpiDefinition => ({ id: 's', title: { ja: 's', en: 's' }, kind: 'mean_score', chapter })),
  )

  it('shares and scores stay within [0, 1], maturities within the scale; non-NCO rows rest on at least 5 operators', () => {
    fc.assert(fc.property(defArb, operatorsArb(30), fc.boolean(), (def, ops, isNco) => {
      const r = computeKpi(def, ops, { today: TODAY, viewer: { isNco } })
      for (const row of [r.national, ...r.sectors]) {
        if (row.suppressed || row.value === null) continue
        expect(row.value).toBeGreaterThanOrEqual(0)
        expect(row.value).toBeLessThanOrEqual(def.kind === 'mean_maturity' ? 5 : 1)
        if (!isNco) expect(row.operatorCount).toBeGreaterThanOrEqual(5)
      }
    }))
  })

  it('the national share is the plain count of qualifying operators over the operators it applies to', () => {
    const shareArb = defArb.filter((d) => d.kind === 'share_of_operators')
    fc.assert(fc.property(shareArb, operatorsArb(30), (def, ops) => {
      if (def.kind !== 'share_of_operators') return
      const c = def.condition
      const accepted: readonly string[] = typeof c.result === 'string' ? [c.result] : c.result
      let counted = 0
      let meeting = 0
      for (const o of ops) {
        if (def.filter?.sectors?.length && !o.sectors.some((s) => def.filter!.sectors!.includes(s))) continue
        const mine = o.answers.filter((a) => (c.obligationLineage ? a.lineage === c.obligationLineage : a.primaryNumber === c.sourceNumber))
          .filter((a) => a.result !== 'not_applicable' || accepted.includes('not_applicable'))
        if (mine.length === 0) continue
        counted++
        if (mine.every((a) => accepted.includes(a.result) && (c.evidenceWithinMonths === undefined || a.evidenceDates.some((d) => d <= TODAY && monthsBefore(d, TODAY) <= c.evidenceWithinMonths!)))) meeting++
      }
      const r = computeKpi(def, ops, { today: TODAY, viewer: NCO })
      expect(r.national.operatorCount).toBe(counted)
      expect(r.national.suppressed ? null : r.national.value).toBe(counted === 0 ? null : meeting / counted)
    }))
  })
})

/** Whole months from d back to today, counting a partial month as a whole one only when the day is past. */
function monthsBefore(d: string, today: string): number {
  const [y1, m1, d1] = d.split('-').map(Number) as [number, number, number]
  const [y2, m2, d2] = today.split('-').map(Number) as [number, number, number]
  const months = (y2 - y1) * 12 + (m2 - m1)
  return d1 >= d2 ? months : months + 1
}
