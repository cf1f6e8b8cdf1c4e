import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEVICE_ROLES, isIsoDate, prepareDevice, REACHABILITY, sameDevice, type DeviceFields, type DeviceInput } from './device.ts'

const TODAY = '2026-11-27'
const base: DeviceInput = { assetId: 'RTR-01', vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a' }
const codes = (input: DeviceInput) => prepareDevice(input, TODAY).errors.map((e) => `${e.path} ${e.code}`)

describe('prepareDevice', () => {
  it('fills the defaults and derives the CPE', () => {
    const p = prepareDevice(base, TODAY)
    expect(p.errors).toEqual([])
    expect(p.fields).toEqual({
      assetId: 'RTR-01', vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a', cpe: 'cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*', role: 'other', zone: null,
      internetReachable: 'unknown', closedNetwork: false, installDate: null, lastPatched: null, endOfSupport: null, owner: null, serviceIds: [],
    })
    expect(p.matchable).toBe(true)
    expect(p.cpeDerived).toBe(true)
  })

  it('requires asset id, vendor, product and version', () => {
    expect(codes({ assetId: ' ', vendor: '', product: '\t', version: '' })).toEqual(['assetId asset.required', 'vendor asset.required', 'product asset.required', 'version asset.required'])
  })

  it('refuses absurd versions: 10 KB, control characters, bidirectional overrides, line breaks', () => {
    expect(codes({ ...base, version: '1'.repeat(10_240) })).toEqual(['version asset.too_long'])
    expect(codes({ ...base, version: '17.9\u00004a' })).toEqual(['version asset.control_character'])
    expect(codes({ ...base, version: '17.9\u202e4a' })).toEqual(['version asset.control_character'])
    expect(codes({ ...base, version: '17.9\n4a' })).toEqual(['version asset.control_character'])
    expect(codes({ ...base, assetId: 'A\u0007' })).toEqual(['assetId asset.control_character'])
    const long = prepareDevice({ ...base, version: 'x'.repeat(101) }, TODAY).errors[0]!
    expect(long.params).toEqual({ length: 101, max: 100 })
  })

  it('checks dates: calendar dates only, install and patch dates not in the future', () => {
    expect(codes({ ...base, installDate: '2023-02-29', lastPatched: '2024-02-29', endOfSupport: '2030-13-01' })).toEqual(['installDate asset.date_format', 'endOfSupport asset.date_format'])
    expect(codes({ ...base, installDate: '2026-11-28', lastPatched: TODAY, endOfSupport: '2099-12-31' })).toEqual(['installDate asset.date_in_future'])
    expect(codes({ ...base, lastPatched: '2027-01-01' })).toEqual(['lastPatched asset.date_in_future'])
  })

  it('accepts a given CPE only when well formed and about the device\'s version', () => {
    expect(prepareDevice({ ...base, cpe: 'cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*' }, TODAY).fields.cpe).toBe('cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*')
    expect(prepareDevice({ ...base, cpe: 'cpe:2.3:o:cisco:ios_xe:17.9.4A:*:*:*:*:*:*:*' }, TODAY).errors).toEqual([])
    expect(codes({ ...base, cpe: 'cpe:2.3:o:cisco:ios_xe:17.9.5:*:*:*:*:*:*:*' })).toEqual(['cpe asset.cpe_version_mismatch'])
    expect(codes({ ...base, cpe: 'cpe:/o:cisco:ios_xe:17.9.4a' })).toEqual(['cpe asset.cpe_malformed'])
    // A firmware version with a space, written as NVD does.
    expect(prepareDevice({ assetId: 'S', vendor: 'Siemens', product: 'X', version: 'V4.1 SP1', cpe: 'cpe:2.3:o:siemens:x_firmware:v4.1_sp1:*:*:*:*:*:*:*' }, TODAY).errors).toEqual([])
  })

  it('records unknown vendors but flags them as not matchable; known vendors without a mapped product get no CPE', () => {
    const unknown = prepareDevice({ ...base, vendor: 'Mitsubishi Electric', product: 'MELSEC iQ-R' }, TODAY)
    expect(unknown.errors).toEqual([])
    expect([unknown.matchable, unknown.fields.cpe]).toEqual([false, null])
    const catalyst = prepareDevice({ ...base, product: 'Catalyst 9300' }, TODAY)
    expect([catalyst.matchable, catalyst.fields.cpe, catalyst.cpeDerived]).toEqual([true, null, false])
  })

  it('refuses unknown roles and reachabilities, repeated services, too many services', () => {
    expect(codes({ ...base, role: 'toaster', internetReachable: 'maybe' })).toEqual(['role asset.role_unknown', 'internetReachable asset.reachability_unknown'])
    expect(codes({ ...base, serviceIds: ['a', 'b', 'a'] })).toEqual(['serviceIds.2 asset.service_duplicate'])
    expect(codes({ ...base, serviceIds: Array.from({ length: 101 }, (_, i) => `s${i}`) })).toEqual(['serviceIds asset.too_many_services'])
  })

  it('width-folds identifiers: full-width asset ids and versions are the same as half-width ones', () => {
    const p = prepareDevice({ assetId: ' ＲＴＲ－０１ ', vendor: 'Ｃｉｓｃｏ', product: 'ＩＯＳ ＸＥ', version: '１７．９．４ａ' }, TODAY)
    expect(p.fields).toMatchObject({ assetId: 'RTR-01', vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a', cpe: 'cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*' })
  })

  it('a prepared device prepares to itself, with no errors (property)', () => {
    const text = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== '')
    const date = fc.date({ min: new Date('1990-01-01'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    const input = fc.record({
      assetId: text(100), vendor: fc.oneof(fc.constantFrom('Cisco', 'Fortinet', 'Juniper', 'Siemens', 'Moxa'), text(50)), product: fc.oneof(fc.constantFrom('IOS', 'FortiOS', 'Junos OS', 'SCALANCE S615', 'EDR-G902'), text(50)),
      version: text(100), role: fc.constantFrom(...DEVICE_ROLES), internetReachable: fc.constantFrom(...REACHABILITY), closedNetwork: fc.boolean(),
      zone: fc.option(text(50), { nil: null }), owner: fc.option(text(50), { nil: null }), installDate: fc.option(date, { nil: null }), lastPatched: fc.option(date, { nil: null }),
      endOfSupport: fc.option(date, { nil: null }), serviceIds: fc.uniqueArray(fc.uuid(), { maxLength: 3 }),
    })
    fc.assert(fc.property(input, (i) => {
      const first = prepareDevice(i, TODAY)
      const hidden = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/
      const clean = [i.assetId, i.vendor, i.product, i.version, i.zone ?? '', i.owner ?? ''].every((t) => !hidden.test(t.normalize('NFKC')))
      const fits = [i.assetId, i.version].every((t) => t.normalize('NFKC').trim().length <= 100) && [i.vendor, i.product].every((t) => t.normalize('NFKC').trim().length <= 200)
      if (!clean || !fits || [i.assetId, i.vendor, i.product, i.version].some((t) => t.normalize('NFKC').trim() === '')) return
      expect(first.errors).toEqual([])
      const again = prepareDevice(first.fields, TODAY)
      expect(again.errors).toEqual([])
      expect(again.fields).toEqual(first.fields)
    }), { numRuns: 300 })
  })

  it('sameDevice holds exactly when every field is equal (property)', () => {
    // Few values per field, so that equal and unequal pairs are both common.
    const small = <T>(...values: T[]) => fc.constantFrom(...values)
    const fields: fc.Arbitrary<DeviceFields> = fc.record({
      assetId: small('A', 'B'), vendor: small('Cisco', 'cisco'), product: small('IOS'), version: small('1', '2'), cpe: small(null, 'cpe:2.3:o:cisco:ios:1:*:*:*:*:*:*:*'),
      role: small('router', 'other'), zone: small(null, 'DMZ'), internetReachable: small('yes', 'unknown'), closedNetwork: fc.boolean(),
      installDate: small(null, '2020-01-01'), lastPatched: small(null, '2024-01-01'), endOfSupport: small(null, '2030-01-01'), owner: small(null, 'IT'),
      serviceIds: small([], ['s1'], ['s1', 's2'], ['s2', 's1']),
    }) as fc.Arbitrary<DeviceFields>
    fc.assert(fc.property(fields, fields, fc.boolean(), (a, b, copy) => {
      const other = copy ? { ...a, serviceIds: [...a.serviceIds] } : b
      expect(sameDevice(a, other)).toBe(JSON.stringify(a) === JSON.stringify(other))
    }), { numRuns: 2000 })
  })

  it('isIsoDate agrees with the calendar (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
      const date = new Date(Date.UTC(y, m - 1, d))
      const real = m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
      expect(isIsoDate(text)).toBe(real)
    }), { numRuns: 2000 })
  })
})
