import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoDate, isoInstant } from './dates.ts'

describe('feed dates', () => {
  it('reads the forms the CVE records use, a missing zone as UTC', () => {
    expect(isoInstant('2024-04-24T18:15:57.646Z')).toBe('2024-04-24T18:15:57.646Z')
    expect(isoInstant('2017-05-11T01:00:00')).toBe('2017-05-11T01:00:00.000Z')
    expect(isoInstant('2020-05-06T16:41:53.659113Z')).toBe('2020-05-06T16:41:53.659Z')
    expect(isoInstant('2024-01-01T09:00:00+09:00')).toBe('2024-01-01T00:00:00.000Z')
    expect(isoInstant('2024-01-01')).toBe('2024-01-01T00:00:00.000Z')
  })

  it('refuses days that do not exist and years out of range', () => {
    for (const bad of ['2024-02-30T00:00:00Z', '2023-02-29', '1969-12-31T23:59:59Z', '2101-01-01', '30000-01-01T00:00:00Z', '2024-13-01', '2024-01-01T24:00:00Z', 'yesterday', '']) {
      expect(isoInstant(bad), bad).toBeNull()
    }
    expect(isoDate('2024-02-29')).toBe('2024-02-29')
    expect(isoDate('2024-02-29T00:00:00Z')).toBeNull()
  })

  it('property: every real calendar day in range round-trips; every instant read is UTC ISO', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString()
      expect(isoInstant(iso)).toBe(iso)
      expect(isoDate(iso.slice(0, 10))).toBe(iso.slice(0, 10))
    }))
    fc.assert(fc.property(fc.string(), (s) => {
      const v = isoInstant(s)
      if (v !== null) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    }))
  })
})
