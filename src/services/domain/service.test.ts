import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DomainError } from '../../platform/errors.ts'
import { parseService, validateService } from './service.ts'
import type { CiService } from './service.ts'

const water = (): CiService => ({
  id: 's-water',
  operatorId: 'op-suido',
  name: { ja: '上水道供給', en: 'Drinking water supply' },
  sector: 'water',
  type: 'supply',
  peopleServed: 1_000_000,
  businessesServed: 20_000,
  prefectures: [{ prefectureCode: '13', people: 700_000 }, { prefectureCode: '14', people: 300_000 }],
  substitutes: [{ serviceId: 's-tanker', takeoverHours: 12 }],
  mtpdHours: 72,
  rtoHours: 24,
  rpoHours: 1,
  rlo: 0.5,
  impact: { afterHour: 10_000, afterDay: 400_000, afterWeek: 1_000_000 },
})

const codes = (input: unknown) => validateService(input).map((e) => `${e.path}:${e.code}`)

describe('validateService', () => {
  it('accepts a well-formed service', () => {
    expect(validateService(water())).toEqual([])
    expect(parseService(water()).id).toBe('s-water')
  })

  it('requires RTO strictly shorter than MTPD, naming rtoHours', () => {
    expect(codes({ ...water(), rtoHours: 72 })).toEqual(['rtoHours:service.rto_not_below_mtpd'])
    expect(codes({ ...water(), rtoHours: 100 })).toEqual(['rtoHours:service.rto_not_below_mtpd'])
    expect(codes({ ...water(), rtoHours: 71.9 })).toEqual([])
  })

  it('rejects negative durations field by field', () => {
    expect(codes({ ...water(), rpoHours: -1 })).toEqual(['rpoHours:service.negative_duration'])
    expect(codes({ ...water(), substitutes: [{ serviceId: 'x', takeoverHours: -2 }] })).toEqual(['substitutes.0.takeoverHours:service.negative_duration'])
    // A negative MTPD is reported once, not also as an RTO conflict built on a meaningless value.
    expect(codes({ ...water(), mtpdHours: -5 })).toEqual(['mtpdHours:service.negative_duration'])
  })

  it('rejects impact that shrinks over time', () => {
    expect(codes({ ...water(), impact: { afterHour: 500, afterDay: 400, afterWeek: 1000 } })).toEqual(['impact.afterDay:service.impact_not_monotone'])
    expect(codes({ ...water(), impact: { afterHour: 5, afterDay: 400, afterWeek: 399 } })).toEqual(['impact.afterWeek:service.impact_not_monotone'])
  })

  it('rejects prefecture codes outside JIS X 0401 and people beyond those served', () => {
    for (const bad of ['00', '48', '1', '130', 'Tokyo', '']) {
      expect(codes({ ...water(), prefectures: [{ prefectureCode: bad, people: 1 }] })).toEqual(['prefectures.0.prefectureCode:service.prefecture_code_format'])
    }
    expect(codes({ ...water(), prefectures: [{ prefectureCode: '01', people: 1 }, { prefectureCode: '47', people: 1 }] })).toEqual([])
    expect(codes({ ...water(), prefectures: [{ prefectureCode: '13', people: 2_000_000 }] })).toEqual(['prefectures.0.people:service.prefecture_people_exceed_served'])
    expect(codes({ ...water(), prefectures: [{ prefectureCode: '13', people: 700_000 }, { prefectureCode: '14', people: 300_001 }] }))
      .toEqual(['prefectures:service.prefecture_total_exceeds_served'])
    expect(codes({ ...water(), prefectures: [{ prefectureCode: '13', people: 1 }, { prefectureCode: '13', people: 1 }] }))
      .toEqual(['prefectures.1.prefectureCode:service.prefecture_duplicate'])
  })

  it('reports several problems at once and parseService throws them all', () => {
    const bad = { ...water(), name: { ja: '', en: 'x' }, rtoHours: 80, rlo: 0 }
    expect(codes(bad)).toEqual(['name.ja:service.required', 'rtoHours:service.rto_not_below_mtpd', 'rlo:service.rlo_out_of_range'])
    try {
      parseService(bad)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError)
      expect((e as DomainError).fieldErrors.map((f) => f.path)).toEqual(['name.ja', 'rtoHours', 'rlo'])
    }
    expect(codes(null)).toEqual([':service.not_an_object'])
  })

  it('flags RTO ≥ MTPD exactly when it happens, for any non-negative durations', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (mtpd, rto) => {
      const flagged = codes({ ...water(), mtpdHours: mtpd, rtoHours: rto }).includes('rtoHours:service.rto_not_below_mtpd')
      expect(flagged).toBe(rto >= mtpd)
    }))
  })

  it('flags non-monotone impact exactly when a later figure is lower', () => {
    const n = fc.integer({ min: 0, max: 1_000_000 })
    fc.assert(fc.property(n, n, n, (h, d, w) => {
      const monotoneErrors = codes({ ...water(), impact: { afterHour: h, afterDay: d, afterWeek: w } }).filter((c) => c.endsWith('impact_not_monotone'))
      expect(monotoneErrors.length === 0).toBe(h <= d && d <= w)
    }))
  })
})
