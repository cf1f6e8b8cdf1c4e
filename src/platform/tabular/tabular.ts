import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { invalid, type FieldError } from '../errors.ts'
import { inspectZip, XLSX_LIMITS, type ZipLimits } from '../../assessments/formats/zip-guard.ts'

/**
 * Rows people exchange by hand, as CSV or XLSX, for any module that imports or exports a flat list
 * (services, providers, dependency edges, …). A module describes its columns once (field key plus the
 * Japanese and English heading); this file reads a file into `{ header, rows }` of plain strings keyed by
 * field, and writes rows back out. Checking what the strings mean is the module's job.
 *
 * Reading:
 * - CSV: UTF-8 with or without a BOM (Excel's "CSV UTF-8" writes one), comma separated, RFC 4180 quoting,
 *   CRLF or LF. Other encodings (Shift_JIS from an older Excel) are refused with a clear error rather than
 *   read as mojibake.
 * - XLSX: the first worksheet, heading in row 1. The zip guard (assessments/formats/zip-guard.ts) inspects the
 *   container before exceljs opens anything. Formulas and error values are refused: a formula's cached
 *   result may be stale, and a formula is not data.
 * - Headings may be the Japanese heading, the English one or the field key (case, width and surrounding
 *   spaces ignored), in any order. Unknown headings are refused (a misspelt column would silently drop
 *   data); missing required columns are refused.
 * - Row numbers are the ones a spreadsheet shows: the heading is row 1. Rows with every cell blank are
 *   skipped (but still counted, so numbers keep matching the sheet).
 *
 * Writing: CSV with a UTF-8 BOM and CRLF (so Excel opens Japanese correctly); text cells that a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) get a leading apostrophe, which the
 * reader removes again, so export → import is lossless. XLSX with a bold, frozen, filterable heading row;
 * numbers as numbers, everything else as text.
 *
 * Every problem is an `invalid` DomainError (`tabular.invalid`) listing field errors with a stable code, the
 * parameters a translation needs, and a path: `file`, `header.<column number>`, `header.<field key>`,
 * `rows` or `rows[<row number>].<field key>` — the same shape modules use for their own row errors
 * (see `rowError`).
 */

export type TabularFormat = 'csv' | 'xlsx'
export const TABULAR_FORMATS: readonly TabularFormat[] = ['csv', 'xlsx']

export const TABULAR_CONTENT_TYPES: Readonly<Record<TabularFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export interface TabularColumn {
  /** Field key: what the module reads from `values`, and what error paths name. */
  key: string
  header: { ja: string; en: string }
  /** The column must be present in the heading (its cells may still be blank; the module decides). */
  required?: boolean
  /** XLSX column width in characters. */
  width?: number
}

export interface TabularRow {
  /** As the spreadsheet shows it: the heading is row 1, the first data row is 2. */
  rowNumber: number
  /** Every column of the file that mapped to a field, as text ('' for a blank cell). */
  values: Record<string, string>
}

export interface TabularTable {
  /** Field keys in the order of the file's columns. */
  header: string[]
  rows: TabularRow[]
}

export interface TabularReadOptions {
  /** Data rows beyond this are refused (default 10,000). */
  maxRows?: number
  /** Characters per cell (default 10,000). */
  maxCellLength?: number
  /** Bytes of a CSV file (default 10 MB); XLSX files are bounded by `limits`. */
  maxBytes?: number
  limits?: ZipLimits
}

export type TabularLocale = 'ja' | 'en'

export type TabularProblemCode =
  | 'tabular.empty' | 'tabular.not_utf8' | 'tabular.too_large' | 'tabular.csv_syntax' | 'tabular.unreadable' | 'tabular.no_sheet'
  | 'tabular.header_unknown' | 'tabular.header_duplicate' | 'tabular.column_missing' | 'tabular.too_many_rows'
  | 'tabular.too_many_columns' | 'tabular.formula' | 'tabular.cell_error' | 'tabular.cell_too_long'

const DEFAULTS = { maxRows: 10_000, maxCellLength: 10_000, maxBytes: 10 * 1024 * 1024 }

/** The path of one cell of a data row: `rows[4].mtpdHours` (row 4 as the spreadsheet numbers it). */
export const rowPath = (rowNumber: number, field?: string) => (field ? `rows[${rowNumber}].${field}` : `rows[${rowNumber}]`)

/** A field error about one cell (or, without `field`, one row), carrying the row number for translations. */
export function rowError(rowNumber: number, field: string | undefined, code: string, message: string, params: Record<string, string | number> = {}): FieldError {
  return { path: rowPath(rowNumber, field), code, message: `Row ${rowNumber}${field ? `, ${field}` : ''}: ${message}`, params: { row: rowNumber, ...(field ? { field } : {}), ...params } }
}

/** Throws one `invalid` error listing every problem (the first five in the detail), unless there are none. */
export function throwIfProblems(code: string, what: string, errors: readonly FieldError[]): void {
  if (errors.length === 0) return
  const shown = errors.slice(0, 5).map((e) => e.message).join(' ')
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''
  throw invalid(code, `${what}: ${errors.length} problem(s); nothing was imported. ${shown}${more}`, [...errors])
}

// ---------------------------------------------------------------------------------------------------------
// Headings
// ---------------------------------------------------------------------------------------------------------

const normalise = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()

function headingIndex(columns: readonly TabularColumn[]): Map<string, TabularColumn> {
  const index = new Map<string, TabularColumn>()
  for (const c of columns) for (const name of [c.key, c.header.ja, c.header.en]) index.set(normalise(name), c)
  return index
}

/** Maps heading texts (in file order) to columns; `null` for blank headings. Pushes heading problems. */
function mapHeadings(headings: readonly string[], columns: readonly TabularColumn[], errors: FieldError[]): (TabularColumn | null)[] {
  const index = headingIndex(columns)
  const seen = new Map<string, number>()
  const mapped = headings.map((text, i): TabularColumn | null => {
    const column = i + 1
    if (text.trim() === '') return null
    const found = index.get(normalise(text))
    if (!found) {
      errors.push({
        path: `header.${column}`, code: 'tabular.header_unknown', params: { column, header: text, expected: columns.map((c) => c.header.ja).join(', ') },
        message: `Column ${column}: unknown heading "${text}" (expected one of: ${columns.map((c) => c.header.en).join(', ')}).`,
      })
      return null
    }
    const first = seen.get(found.key)
    if (first !== undefined) {
      errors.push({ path: `header.${column}`, code: 'tabular.header_duplicate', params: { column, header: text, firstColumn: first }, message: `Column ${column}: "${text}" repeats column ${first}.` })
      return null
    }
    seen.set(found.key, column)
    return found
  })
  for (const c of columns) {
    if (c.required && !seen.has(c.key)) {
      errors.push({ path: `header.${c.key}`, code: 'tabular.column_missing', params: { field: c.key, header: c.header.ja }, message: `The column "${c.header.en}" (${c.key}) is missing.` })
    }
  }
  return mapped
}

// ---------------------------------------------------------------------------------------------------------
// Formula-injection guard (CSV only: XLSX cells are typed)
// ---------------------------------------------------------------------------------------------------------

const RISKY_START = /^'*[=+\-@\t\r]/
const ESCAPED = /^'+[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** A leading apostrophe for text a spreadsheet would evaluate; numbers such as -5 stay as they are. */
export function escapeCell(text: string): string {
  return RISKY_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
}

export function unescapeCell(text: string): string {
  return ESCAPED.test(text) ? text.slice(1) : text
}

// ---------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

export function readCsv(bytes: Uint8Array, columns: readonly TabularColumn[], options: TabularReadOptions = {}): TabularTable {
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes
  const errors: FieldError[] = []
  if (bytes.length > maxBytes) {
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{ path: 'file', code: 'tabular.too_large', params: { size: bytes.length, max: maxBytes }, message: `The file is larger than ${maxBytes} bytes.` }])
  }
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{
      path: 'file', code: 'tabular.not_utf8', params: {},
      message: 'The CSV file is not UTF-8; in Excel choose "CSV UTF-8 (comma delimited)" when saving.',
    }])
    return { header: [], rows: [] }
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1)
  let records: { record: string[]; info: { records: number } }[]
  try {
    // Files edited by hand may mix CRLF and LF; a lone CR inside a value only survives quoted.
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, info: true, record_delimiter: ['\r\n', '\n'] }) as never
  } catch (e) {
    const error = e as { code?: string; message: string; records?: number; lines?: number }
    // The record being read when parsing stopped: those before it were complete.
    const row = (error.records ?? 0) + 1
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{
      path: rowPath(row), code: 'tabular.csv_syntax', params: { row, line: error.lines ?? 0, reason: error.code ?? 'CSV' },
      message: `Row ${row} (line ${error.lines ?? '?'}): the CSV is malformed (${error.code ?? 'syntax'}).`,
    }])
    return { header: [], rows: [] }
  }
  const first = records[0]
  if (!first || first.record.every((v) => v.trim() === '')) {
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{ path: 'file', code: 'tabular.empty', params: {}, message: 'The file has no heading row.' }])
  }
  const mapped = mapHeadings(first!.record, columns, errors)
  const table = collectRows(records.slice(1).map((r) => ({ rowNumber: r.info.records, cells: r.record.map(unescapeCell) })), first!.record, mapped, options, errors)
  throwIfProblems('tabular.invalid', 'The file cannot be read', errors)
  return table
}

/** CSV with a UTF-8 BOM and CRLF line ends; headings in `locale`. */
export function writeCsv(columns: readonly TabularColumn[], rows: readonly Readonly<Record<string, unknown>>[], locale: TabularLocale = 'ja'): Buffer {
  const records = [columns.map((c) => c.header[locale]), ...rows.map((row) => columns.map((c) => escapeCell(cellText(row[c.key]))))]
  // csv-stringify quotes only the record delimiter itself (CRLF): a bare LF or CR in a value must be quoted too.
  return Buffer.from(stringify(records, { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ }), 'utf8')
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return String(value)
}

// ---------------------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------------------

function isFormula(cell: ExcelJS.Cell): boolean {
  const v = cell.value as unknown
  return cell.type === ExcelJS.ValueType.Formula || (v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))
}

/** A cell as text; `null` for an error value. Dates become ISO dates (or date-times when they carry a time). */
function xlsxCellText(cell: ExcelJS.Cell): string | null {
  const v = cell.value as unknown
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return ''
    const iso = v.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  if (typeof v === 'object') {
    if ('error' in v) return null
    if ('richText' in v && Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('')
    if ('text' in v) return String((v as { text: unknown }).text ?? '')
  }
  return String(v)
}

export async function readXlsx(bytes: Uint8Array, columns: readonly TabularColumn[], options: TabularReadOptions = {}): Promise<TabularTable> {
  inspectZip(bytes, options.limits ?? XLSX_LIMITS)
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never)
  } catch {
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{ path: 'file', code: 'tabular.unreadable', params: {}, message: 'The workbook cannot be read.' }])
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) {
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{ path: 'file', code: 'tabular.no_sheet', params: {}, message: 'The workbook has no worksheet.' }])
    return { header: [], rows: [] }
  }
  const errors: FieldError[] = []
  const width = sheet.columnCount
  const maxColumns = columns.length + 50
  if (width > maxColumns) {
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{ path: 'file', code: 'tabular.too_many_columns', params: { columns: width, max: maxColumns }, message: `The sheet has ${width} columns; at most ${maxColumns} are read.` }])
  }
  const maxRows = options.maxRows ?? DEFAULTS.maxRows
  if (sheet.rowCount - 1 > maxRows) {
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{ path: 'rows', code: 'tabular.too_many_rows', params: { rows: sheet.rowCount - 1, max: maxRows }, message: `The sheet has ${sheet.rowCount - 1} data rows; at most ${maxRows} are accepted.` }])
  }
  const textRow = (row: ExcelJS.Row, fields: (TabularColumn | null)[] | null): string[] => {
    const cells: string[] = []
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      const field = fields ? (fields[c - 1]?.key ?? `column${c}`) : `column${c}`
      if (isFormula(cell)) {
        errors.push(rowError(row.number, field, 'tabular.formula', `cell ${cell.address} holds a formula; enter a value.`, { cell: cell.address }))
        cells.push('')
        continue
      }
      const text = xlsxCellText(cell)
      if (text === null) {
        errors.push(rowError(row.number, field, 'tabular.cell_error', `cell ${cell.address} holds an error value.`, { cell: cell.address }))
        cells.push('')
      } else cells.push(text)
    }
    return cells
  }
  const headingRow = sheet.getRow(1)
  const headings = textRow(headingRow, null)
  if (headings.every((h) => h.trim() === '')) {
    throwIfProblems('tabular.invalid', 'The file cannot be read', [{ path: 'file', code: 'tabular.empty', params: {}, message: 'The sheet has no heading in row 1.' }])
  }
  const mapped = mapHeadings(headings, columns, errors)
  const raw: { rowNumber: number; cells: string[] }[] = []
  for (let r = 2; r <= sheet.rowCount; r++) raw.push({ rowNumber: r, cells: textRow(sheet.getRow(r), mapped) })
  const table = collectRows(raw, headings, mapped, options, errors)
  throwIfProblems('tabular.invalid', 'The file cannot be read', errors)
  return table
}

/** An XLSX workbook of one sheet: bold, frozen, filterable headings in `locale`; numbers as numbers, the rest as text. */
export async function writeXlsx(columns: readonly TabularColumn[], rows: readonly Readonly<Record<string, unknown>>[], options: { locale?: TabularLocale; sheetName?: string; title?: string } = {}): Promise<Buffer> {
  const locale = options.locale ?? 'ja'
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Kaname'
  if (options.title) workbook.title = options.title
  const sheet = workbook.addWorksheet(options.sheetName ?? 'data', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.header[locale], width: c.width ?? Math.max(12, c.header[locale].length * 2 + 2) }))
  const heading = sheet.getRow(1)
  heading.font = { bold: true }
  heading.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF5' } }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } }
  for (const row of rows) {
    const values: Record<string, string | number | null> = {}
    for (const c of columns) {
      const v = row[c.key]
      values[c.key] = typeof v === 'number' ? (Number.isFinite(v) ? v : null) : v === null || v === undefined ? null : cellText(v)
    }
    sheet.addRow(values)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

// ---------------------------------------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------------------------------------

function collectRows(
  raw: readonly { rowNumber: number; cells: string[] }[], headings: readonly string[], mapped: readonly (TabularColumn | null)[], options: TabularReadOptions, errors: FieldError[],
): TabularTable {
  const maxRows = options.maxRows ?? DEFAULTS.maxRows
  const maxCell = options.maxCellLength ?? DEFAULTS.maxCellLength
  const header = mapped.filter((c): c is TabularColumn => c !== null).map((c) => c.key)
  const rows: TabularRow[] = []
  for (const { rowNumber, cells } of raw) {
    if (cells.every((v) => v.trim() === '')) continue
    if (rows.length >= maxRows) {
      errors.push({ path: 'rows', code: 'tabular.too_many_rows', params: { max: maxRows }, message: `At most ${maxRows} data rows are accepted.` })
      break
    }
    const values: Record<string, string> = {}
    for (const key of header) values[key] = ''
    cells.forEach((text, i) => {
      const column = mapped[i]
      if (!column) {
        // A value under a blank (or no) heading would be lost without a word; refused headings are reported once, above.
        if (text.trim() !== '' && (headings[i] ?? '').trim() === '') {
          errors.push(rowError(rowNumber, `column${i + 1}`, 'tabular.header_unknown', `column ${i + 1} has a value but no heading.`, { column: i + 1 }))
        }
        return
      }
      if (text.length > maxCell) errors.push(rowError(rowNumber, column.key, 'tabular.cell_too_long', `at most ${maxCell} characters (${text.length} given).`, { length: text.length, max: maxCell }))
      values[column.key] = text
    })
    rows.push({ rowNumber, values })
  }
  return { header, rows }
}

/** Reads CSV or XLSX into rows keyed by field. */
export async function readTable(bytes: Uint8Array, format: TabularFormat, columns: readonly TabularColumn[], options: TabularReadOptions = {}): Promise<TabularTable> {
  return format === 'csv' ? readCsv(bytes, columns, options) : readXlsx(bytes, columns, options)
}

/** Writes rows as CSV or XLSX. */
export async function writeTable(format: TabularFormat, columns: readonly TabularColumn[], rows: readonly Readonly<Record<string, unknown>>[], options: { locale?: TabularLocale; sheetName?: string; title?: string } = {}): Promise<Buffer> {
  return format === 'csv' ? writeCsv(columns, rows, options.locale) : writeXlsx(columns, rows, options)
}
