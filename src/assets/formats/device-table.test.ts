import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEVICE_ROLES, prepareDevice, REACHABILITY, type NetworkDevice } from '../domain/device.ts'
import { DEVICE_COLUMNS, DEVICE_READ_COLUMNS, deviceToRow, parseDeviceRow, readDate, REACHABILITY_LABELS, ROLE_LABELS } from './device-table.ts'

const TODAY = '2026-11-27'
const KEYS = new Set(DEVICE_COLUMNS.map((c) => c.key))
const row = (values: Record<string, string>, rowNumber = 2) => ({ rowNumber, values })

/** Cell text as people type it: no control characters, no list separators, not blank. */
const cell = (max: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max })
  .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff]/g, '').normalize('NFKC').trim())
  .filter((s) => s !== '')
const date = fc.date({ min: new Date('1990-01-01'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))

/** A device as stored: generated inputs through the domain, so every field is already normalised. */
const storedDevice = fc.record({
  assetId: cell(30), vendor: fc.oneof(fc.constantFrom('Cisco', 'Fortinet', 'Palo Alto Networks', 'Siemens', 'Moxa'), cell(20)),
  product: fc.oneof(fc.constantFrom('IOS XE', 'FortiOS', 'PAN-OS', 'SCALANCE X308-2', 'TN-5900 Series'), cell(20)), version: cell(20),
  role: fc.constantFrom(...DEVICE_ROLES), internetReachable: fc.constantFrom(...REACHABILITY), closedNetwork: fc.boolean(),
  zone: fc.option(cell(20), { nil: null }), owner: fc.option(cell(20), { nil: null }),
  installDate: fc.option(date, { nil: null }), lastPatched: fc.option(date, { nil: null }), endOfSupport: fc.option(date, { nil: null }),
  serviceIds: fc.uniqueArray(fc.uuid(), { maxLength: 3 }),
}).map((input): NetworkDevice => {
  const p = prepareDevice(input, TODAY)
  expect(p.errors).toEqual([])
  return { ...p.fields, id: 'x', operatorId: 'op' }
})

describe('device rows', () => {
  it('a device written as a row reads back as the same device, in either language (property)', () => {
    fc.assert(fc.property(storedDevice, fc.constantFrom<'ja' | 'en'>('ja', 'en'), fc.integer({ min: 2, max: 200_001 }), (device, locale, n) => {
      const parsed = parseDeviceRow(row(deviceToRow(device, locale), n))
      expect(parsed.problems).toEqual([])
      expect(parsed.operatorId).toBe('op')
      const again = prepareDevice({ ...parsed.input, serviceIds: parsed.serviceRefs }, TODAY)
      expect(again.errors).toEqual([])
      const { id: _id, operatorId: _op, ...fields } = device
      expect(again.fields).toEqual(fields)
    }), { numRuns: 400 })
  })

  it('any cell text is read or refused by row and column, never thrown (property)', () => {
    const anyText = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('', ' ', 'はい', '2024/2/30', 'ルーター', 'x\u0000y'))
    const values = fc.record(Object.fromEntries([...KEYS].map((k) => [k, anyText])) as Record<string, fc.Arbitrary<string>>)
    fc.assert(fc.property(values, fc.integer({ min: 2, max: 1_000_000 }), (v, n) => {
      const parsed = parseDeviceRow(row(v, n))
      for (const p of parsed.problems) {
        const m = /^rows\[(\d+)\]\.(\w+)$/.exec(p.path)
        expect(m, p.path).not.toBeNull()
        expect(Number(m![1])).toBe(n)
        expect(KEYS.has(m![2]!)).toBe(true)
        expect(p.params).toMatchObject({ row: n, field: m![2] })
        expect(parsed.unreadable.has(m![2]!)).toBe(true)
      }
      // What the domain says about the rest names fields only, never throws either.
      const checked = prepareDevice({ ...parsed.input, serviceIds: parsed.serviceRefs }, TODAY)
      for (const e of checked.errors) expect(e.path).toMatch(/^[a-zA-Z]+(\.\d+)?$/)
    }), { numRuns: 500 })
  })

  it('reads codes, Japanese and English labels and their other spellings', () => {
    for (const role of DEVICE_ROLES) {
      for (const text of [role, ROLE_LABELS[role].ja, ROLE_LABELS[role].en.toUpperCase(), ...(ROLE_LABELS[role].also ?? [])]) {
        expect(parseDeviceRow(row({ role: text })).input.role, text).toBe(role)
      }
    }
    for (const r of REACHABILITY) {
      for (const text of [r, REACHABILITY_LABELS[r].ja, REACHABILITY_LABELS[r].en, ...(REACHABILITY_LABELS[r].also ?? [])]) {
        expect(parseDeviceRow(row({ internet_reachable: text })).input.internetReachable, text).toBe(r)
      }
    }
    for (const [text, value] of [['はい', true], ['いいえ', false], ['TRUE', true], ['0', false], ['ｙｅｓ', true], ['', undefined]] as const) {
      expect(parseDeviceRow(row({ closed_network: text })).input.closedNetwork, text).toBe(value)
    }
    expect(parseDeviceRow(row({ role: 'toaster', closed_network: 'maybe', internet_reachable: 'perhaps' }, 7)).problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'rows[7].role asset.role_unknown', 'rows[7].internet_reachable asset.reachability_unknown', 'rows[7].closed_network asset.not_boolean',
    ])
  })

  it('reads dates as people write them, and refuses what is not one', () => {
    expect(['2024-04-01', '2024/4/1', '2024.04.01', '2024年4月1日', '２０２４／０４／０１', '2024-04-01T00:00:00.000Z'].map(readDate)).toEqual(Array(6).fill('2024-04-01'))
    expect(['April 1', '01/04/2024', '2024-04', 'R6.4.1', '2024-04-01T09:00:00Z'].map(readDate)).toEqual(Array(5).fill(undefined))
    const parsed = parseDeviceRow(row({ install_date: '2024/2/30', last_patched: 'yesterday' }, 9))
    expect(parsed.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['rows[9].last_patched asset.date_format'])
    // 2024/2/30 reads as a date; the domain refuses it as not a calendar date, at the same column.
    expect(prepareDevice({ ...parsed.input, assetId: 'a', vendor: 'v', product: 'p', version: '1' }, TODAY).errors.map((e) => `${e.path} ${e.code}`)).toEqual(['installDate asset.date_format'])
  })

  it('splits supported services on ; 、 and line breaks', () => {
    expect(parseDeviceRow(row({ services: 'a; b、c\nd;;  ' })).serviceRefs).toEqual(['a', 'b', 'c', 'd'])
  })

  it('accepts the aliases people use in their ledgers, once each', () => {
    const headers = DEVICE_READ_COLUMNS.map((c) => c.header.ja)
    for (const alias of ['資産番号', 'メーカー', '機種', 'ファームウェア', '最終パッチ適用日', '保守終了日']) expect(headers).toContain(alias)
    // Every alias names a written column, and no heading means two fields.
    expect(DEVICE_READ_COLUMNS.every((c) => KEYS.has(c.key))).toBe(true)
    const owners = new Map<string, string>()
    for (const c of DEVICE_READ_COLUMNS) for (const h of [c.header.ja, c.header.en.toLowerCase(), c.key]) {
      expect(owners.get(h) ?? c.key, h).toBe(c.key)
      owners.set(h, c.key)
    }
  })
})
