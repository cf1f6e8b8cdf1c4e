import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareExposures, daysBetween, exposureScore, type PriorityFactors } from './priority.ts'

const factors = fc.record({
  kev: fc.boolean(),
  ransomware: fc.boolean(),
  internet: fc.constantFrom('yes' as const, 'no' as const, 'unknown' as const),
  services: fc.array(fc.record({ mtpdHours: fc.double({ min: 0, max: 10_000, noNaN: true }), people: fc.integer({ min: 0, max: 50_000_000 }) }), { maxLength: 3 }),
  cvss: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
  exploitation: fc.constantFrom(null, 'none', 'poc', 'active'),
  automatable: fc.constantFrom(null, 'yes', 'no'),
  technicalImpact: fc.constantFrom(null, 'partial', 'total'),
  patchAgeDays: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  status: fc.constantFrom('affected' as const, 'unknown' as const),
}) as fc.Arbitrary<PriorityFactors>

const base: PriorityFactors = {
  kev: false, ransomware: false, internet: 'no', services: [{ mtpdHours: 24, people: 10_000 }], cvss: 7.5,
  exploitation: 'none', automatable: 'no', technicalImpact: 'partial', patchAgeDays: 400, status: 'affected',
}

describe('exposure score', () => {
  it('ranks a KEV-listed match above a non-KEV one when all else is equal (acceptance)', () => {
    const kev = exposureScore({ ...base, kev: true })
    const plain = exposureScore(base)
    expect(kev).toBeGreaterThan(plain)
    const sorted = [{ kev: false, score: plain, cveId: 'CVE-2024-0002' }, { kev: true, score: kev, cveId: 'CVE-2024-0001' }].sort(compareExposures)
    expect(sorted[0]!.kev).toBe(true)
  })

  it('property: KEV always raises the score, all else equal', () => {
    fc.assert(fc.property(factors, (f) => exposureScore({ ...f, kev: true }) > exposureScore({ ...f, kev: false })))
  })

  it('stays within 0..100', () => {
    fc.assert(fc.property(factors, (f) => {
      const s = exposureScore(f)
      return s >= 0 && s <= 100
    }))
  })

  it('property: monotone in each factor', () => {
    fc.assert(fc.property(factors, fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 0, max: 5000 }), (f, d, days) => {
      const s = exposureScore(f)
      const ge = (g: PriorityFactors) => exposureScore(g) >= s
      const reach = f.internet === 'no' ? 'unknown' : 'yes'
      return ge({ ...f, ransomware: true })
        && ge({ ...f, internet: reach })
        && ge({ ...f, cvss: f.cvss === null ? null : Math.min(10, f.cvss + d) })
        && ge({ ...f, patchAgeDays: (f.patchAgeDays ?? 0) + days })
        && ge({ ...f, exploitation: 'active' })
        && ge({ ...f, automatable: 'yes' })
        && ge({ ...f, technicalImpact: 'total' })
        && ge({ ...f, status: 'affected' })
        && ge({ ...f, services: f.services.map((x) => ({ ...x, mtpdHours: x.mtpdHours / 2 })) })
        && ge({ ...f, services: f.services.map((x) => ({ ...x, people: x.people * 2 + 1 })) })
        && ge({ ...f, services: [...f.services, { mtpdHours: 1, people: 1 }] })
    }))
  })

  it('strictly raises the score for each factor from a middling base', () => {
    const s = exposureScore(base)
    expect(exposureScore({ ...base, ransomware: true, kev: true })).toBeGreaterThan(exposureScore({ ...base, kev: true }))
    expect(exposureScore({ ...base, internet: 'unknown' })).toBeGreaterThan(s)
    expect(exposureScore({ ...base, internet: 'yes' })).toBeGreaterThan(exposureScore({ ...base, internet: 'unknown' }))
    expect(exposureScore({ ...base, services: [{ mtpdHours: 2, people: 10_000 }] })).toBeGreaterThan(s)
    expect(exposureScore({ ...base, services: [{ mtpdHours: 24, people: 1_000_000 }] })).toBeGreaterThan(s)
    expect(exposureScore({ ...base, cvss: 9.8 })).toBeGreaterThan(s)
    expect(exposureScore({ ...base, exploitation: 'active' })).toBeGreaterThan(exposureScore({ ...base, exploitation: 'poc' }))
    expect(exposureScore({ ...base, patchAgeDays: 1500 })).toBeGreaterThan(s)
    expect(exposureScore({ ...base, status: 'unknown' })).toBeLessThan(s)
  })

  it('counts days between dates', () => {
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60)
    expect(daysBetween(null, '2024-03-01')).toBeNull()
    expect(daysBetween('2025-01-01', '2024-03-01')).toBe(0)
  })
})
