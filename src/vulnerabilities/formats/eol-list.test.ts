import { describe, expect, it } from 'vitest'
import { readEolList } from './eol-list.ts'

const csv = (text: string) => new TextEncoder().encode(text)
const read = (text: string) => readEolList(csv(text), 'eol.csv')

describe('vendor EOL lists (CSV)', () => {
  it('reads English, Japanese and key headings; blank, prefix and exact versions; slash dates', () => {
    const english = read('Vendor,Product,Version,End of support,Source\r\nCisco,IOS,15.2*,2025-03-31,https://example.cisco/eol\r\nFortinet,FortiOS,6.4.15,2026/9/30,\r\nMoxa,EDR-810,,2030-01-01,\r\n')
    if (!english.ok) throw new Error(JSON.stringify(english.problems))
    expect(english.entries.map((e) => [e.vendor, e.product, e.version, e.match, e.endOfSupport, e.source])).toEqual([
      ['Cisco', 'IOS', '15.2', 'prefix', '2025-03-31', 'https://example.cisco/eol'],
      ['Fortinet', 'FortiOS', '6.4.15', 'exact', '2026-09-30', ''],
      ['Moxa', 'EDR-810', '', 'all', '2030-01-01', ''],
    ])
    const japanese = read('\uFEFFベンダー,製品,バージョン,サポート終了日\r\nＣｉｓｃｏ,ios,15.2*,2025-03-31\r\n')
    if (!japanese.ok) throw new Error(JSON.stringify(japanese.problems))
    // Width and case do not make another product line.
    expect(japanese.entries[0]!.key).toBe(english.entries[0]!.key)
  })

  it('names each bad cell by row and column, and rejects the list', () => {
    const r = read('vendor,product,version,end_of_support\r\nCisco,,15.*2,2025-02-30\r\nJuniper,Junos,21.4,someday\r\nJuniper,Junos,21.4,2027-01-01\r\nJuniper,junos,21.4,2028-01-01\r\n')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.map((p) => [p.path, p.code])).toEqual([
      ['rows[2].product', 'vulnerabilities.required'],
      ['rows[2].version', 'vulnerabilities.eol_wildcard'],
      ['rows[2].end_of_support', 'vulnerabilities.invalid_value'],
      ['rows[3].end_of_support', 'vulnerabilities.invalid_value'],
      ['rows[5].version', 'vulnerabilities.eol_duplicate'],
    ])
    expect(r.problems.every((p) => p.file === 'eol.csv')).toBe(true)
  })

  it('refuses files that are not a list: a missing column, not UTF-8', () => {
    const missing = read('vendor,product\r\nCisco,IOS\r\n')
    expect(missing.ok ? [] : missing.problems.map((p) => [p.path, p.code])).toEqual([['header.end_of_support', 'tabular.column_missing']])
    const sjis = readEolList(Uint8Array.from([0x83, 0x78, 0x83, 0x93, 0x83, 0x5f, 0x81, 0x5b, 0x0d, 0x0a]), 'sjis.csv')
    expect(sjis.ok ? [] : sjis.problems.map((p) => p.code)).toEqual(['tabular.not_utf8'])
  })
})
