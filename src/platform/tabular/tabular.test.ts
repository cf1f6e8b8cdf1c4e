import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import ExcelJS from 'exceljs'
import { DomainError } from '../errors.ts'
import { escapeCell, readCsv, readXlsx, unescapeCell, writeCsv, writeXlsx, type TabularColumn } from './tabular.ts'

const COLUMNS: TabularColumn[] = [
  { key: 'id', header: { ja: 'ID', en: 'ID' } },
  { key: 'name', header: { ja: '名称', en: 'Name' }, required: true },
  { key: 'hours', header: { ja: '時間', en: 'Hours' } },
  { key: 'note', header: { ja: '備考', en: 'Note' } },
]

const TRICKY = ['', ' ', ',', '"', '""', '\n', '\r\n', '\r', '=SUM(A1)', '+1', '-5', '-x', '@cmd', '\tx', "'", "'=x", "''-1", 'あ', '東京都,大阪府', '\uFEFF', '0.1', '1e3']
/** Text from arbitrary graphemes and the pieces CSV and spreadsheets treat specially. */
const cell = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.array(fc.constantFrom(...TRICKY), { maxLength: 5 }).map((parts) => parts.join('')),
)
const rowsArb = fc.array(fc.record({ id: cell, name: cell, hours: cell, note: cell }), { maxLength: 12 })

/** What a reader returns for written rows: rows with every cell blank are skipped, the rest numbered from 2. */
function expected(rows: Record<string, string>[]) {
  return rows.map((values, i) => ({ rowNumber: i + 2, values })).filter((r) => Object.values(r.values).some((v) => v.trim() !== ''))
}

function problemsOf(run: () => unknown): { path: string; code?: string; params?: unknown }[] {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError)
    return (e as DomainError).fieldErrors
  }
  throw new Error('expected the read to fail')
}

async function asyncProblems(run: () => Promise<unknown>) {
  try {
    await run()
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError)
    return (e as DomainError).fieldErrors
  }
  throw new Error('expected the read to fail')
}

describe('CSV', () => {
  it('export → import returns every value unchanged (property)', () => {
    fc.assert(fc.property(rowsArb, fc.constantFrom('ja' as const, 'en' as const), (rows, locale) => {
      const bytes = writeCsv(COLUMNS, rows, locale)
      const table = readCsv(bytes, COLUMNS)
      expect(table.header).toEqual(['id', 'name', 'hours', 'note'])
      expect(table.rows).toEqual(expected(rows))
    }), { numRuns: 300 })
  })

  it('writes a UTF-8 BOM, CRLF line ends and the headings of the locale', () => {
    const bytes = writeCsv(COLUMNS, [{ id: '1', name: '東京', hours: 4, note: null }], 'ja')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8').slice(1)).toBe('ID,名称,時間,備考\r\n1,東京,4,\r\n')
  })

  it('guards cells a spreadsheet would run as formulas, but not numbers', () => {
    expect(escapeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")')
    expect(escapeCell('-5')).toBe('-5')
    expect(escapeCell('-1.5e3')).toBe('-1.5e3')
    expect(escapeCell('-x')).toBe("'-x")
    expect(escapeCell("'=x")).toBe("''=x")
    expect(escapeCell('plain')).toBe('plain')
    fc.assert(fc.property(cell, (text) => { expect(unescapeCell(escapeCell(text))).toBe(text) }))
    const csv = writeCsv(COLUMNS, [{ name: '=1+1' }]).toString('utf8')
    expect(csv).toContain(",'=1+1,")
  })

  it('accepts headings in Japanese, English or as keys, in any order, with or without a BOM, LF or CRLF', () => {
    const text = '備考,NAME, hours ,id\n"a, b",名前,3,x1\r\n'
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      const table = readCsv(bytes, COLUMNS)
      expect(table.header).toEqual(['note', 'name', 'hours', 'id'])
      expect(table.rows).toEqual([{ rowNumber: 2, values: { note: 'a, b', name: '名前', hours: '3', id: 'x1' } }])
    }
  })

  it('numbers rows as a spreadsheet does: blank rows skipped but counted, multi-line cells one row', () => {
    const table = readCsv(Buffer.from('名称,備考\na,"one\ntwo"\n\n,\nb,\n'), COLUMNS)
    expect(table.rows.map((r) => [r.rowNumber, r.values.name])).toEqual([[2, 'a'], [5, 'b']])
  })

  it('refuses unknown, repeated and missing headings, naming the column', () => {
    expect(problemsOf(() => readCsv(Buffer.from('名称,Nmae,名称\nx,y,z\n'), COLUMNS)).map((e) => [e.path, e.code])).toEqual([
      ['header.2', 'tabular.header_unknown'], ['header.3', 'tabular.header_duplicate'],
    ])
    expect(problemsOf(() => readCsv(Buffer.from('ID,時間\n1,2\n'), COLUMNS)).map((e) => [e.path, e.code])).toEqual([['header.name', 'tabular.column_missing']])
  })

  it('refuses a value beyond the headings, malformed quoting, non-UTF-8 and empty files', () => {
    expect(problemsOf(() => readCsv(Buffer.from('名称\nx,stray\n'), COLUMNS)).map((e) => [e.path, e.code])).toEqual([['rows[2].column2', 'tabular.header_unknown']])
    const syntax = problemsOf(() => readCsv(Buffer.from('名称\nok\n"unterminated\n'), COLUMNS))
    expect(syntax.map((e) => [e.path, e.code])).toEqual([['rows[3]', 'tabular.csv_syntax']])
    // 名称 in Shift_JIS.
    expect(problemsOf(() => readCsv(Buffer.from([0x96, 0xbc, 0x8f, 0xcc, 0x0a]), COLUMNS)).map((e) => e.code)).toEqual(['tabular.not_utf8'])
    expect(problemsOf(() => readCsv(Buffer.from(''), COLUMNS)).map((e) => e.code)).toEqual(['tabular.empty'])
  })

  it('refuses more rows than allowed and over-long cells', () => {
    const many = '名称\n' + Array.from({ length: 5 }, (_, i) => `r${i}`).join('\n')
    expect(problemsOf(() => readCsv(Buffer.from(many), COLUMNS, { maxRows: 4 })).map((e) => e.code)).toEqual(['tabular.too_many_rows'])
    expect(problemsOf(() => readCsv(Buffer.from(`名称\n${'x'.repeat(11)}\n`), COLUMNS, { maxCellLength: 10 })).map((e) => [e.path, e.code])).toEqual([['rows[2].name', 'tabular.cell_too_long']])
  })
})

describe('XLSX', () => {
  it('export → import returns every value unchanged (property)', async () => {
    // XML cannot carry most control characters, and exceljs drops a lone CR: text as people type it.
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.array(fc.constantFrom('', ' ', ',', '"', '=SUM(A1)', '-5', "'", 'あ', '\n', '0.1'), { maxLength: 4 }).map((p) => p.join('')))
      .filter((s) => !/[\u0000-\u0009\u000b-\u001f\ufffe\uffff]/.test(s))
    const rows = fc.array(fc.record({ id: text, name: text, hours: fc.oneof(text, fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), note: text }), { maxLength: 8 })
    await fc.assert(fc.asyncProperty(rows, async (rs) => {
      const table = await readXlsx(await writeXlsx(COLUMNS, rs), COLUMNS)
      const asText = rs.map((r) => ({ ...r, hours: String(r.hours) }))
      expect(table.rows).toEqual(expected(asText))
    }), { numRuns: 40 })
  })

  it('refuses formulas and error values, naming row, field and cell', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('x')
    sheet.addRow(['名称', '時間'])
    sheet.addRow(['a', { formula: '1+1', result: 2 }])
    sheet.addRow([{ error: '#REF!' }, 3])
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const problems = await asyncProblems(() => readXlsx(bytes, COLUMNS))
    expect(problems.map((e) => [e.path, e.code, (e.params as { cell: string }).cell])).toEqual([
      ['rows[2].hours', 'tabular.formula', 'B2'], ['rows[3].name', 'tabular.cell_error', 'A3'],
    ])
  })

  it('runs the zip guard before opening anything', async () => {
    const problems = await asyncProblems(() => readXlsx(Buffer.from('名称\nx\n'), COLUMNS))
    expect(problems.map((e) => e.code)).toEqual(['xlsx.not_zip'])
  })

  it('reads dates as ISO dates and keeps row numbers of the sheet', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('x')
    sheet.addRow(['Name', 'Note'])
    sheet.addRow([])
    sheet.addRow(['a', new Date(Date.UTC(2026, 9, 1))])
    const table = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), COLUMNS)
    expect(table.rows).toEqual([{ rowNumber: 3, values: { name: 'a', note: '2026-10-01' } }])
  })
})
