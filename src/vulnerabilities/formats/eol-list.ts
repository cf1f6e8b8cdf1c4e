import { DomainError } from '../../platform/errors.ts'
import { readCsv, type TabularColumn } from '../../platform/tabular/tabular.ts'
import { canonicalSha256 } from './canonical-json.ts'
import { isoDate } from './dates.ts'
import { problem, type FileProblem } from './import-file.ts'
import { keysOf, normaliseName } from './names.ts'

/**
 * Vendor end-of-life lists as CSV (UTF-8, with or without BOM; read by platform/tabular, so headings may be the
 * field key, the English or the Japanese heading): one row per product line and the day its support ends.
 *
 * | key | heading (ja) | meaning |
 * | --- | --- | --- |
 * | vendor | ベンダー | required |
 * | product | 製品 | required |
 * | version | バージョン | blank: every version; ending in `*`: a prefix (`15.2*`, `7.0.*`); otherwise one exact version |
 * | end_of_support | サポート終了日 | required, `YYYY-MM-DD` (or `YYYY/M/D` as Japanese spreadsheets write it) |
 * | source | 出典 | where the vendor says so (a URL or document); blank: the imported file |
 *
 * A row is identified by its product key (as the matcher computes it, domain/products.ts: case, width and the
 * vendor's name in the product ignored), match kind and version, so a re-import updates end dates in place. Like the KEV catalog, a list is one document: any problem rejects the
 * file, each problem named by its row and column (`rows[4].end_of_support`, the heading being row 1).
 */

export const EOL_LIMITS = { fileBytes: 16 * 1024 * 1024, rows: 200_000, text: 256, source: 2_048, problems: 100 } as const

export const EOL_COLUMNS: readonly TabularColumn[] = [
  { key: 'vendor', header: { ja: 'ベンダー', en: 'Vendor' }, required: true },
  { key: 'product', header: { ja: '製品', en: 'Product' }, required: true },
  { key: 'version', header: { ja: 'バージョン', en: 'Version' } },
  { key: 'end_of_support', header: { ja: 'サポート終了日', en: 'End of support' }, required: true },
  { key: 'source', header: { ja: '出典', en: 'Source' } },
]

export type EolMatch = 'all' | 'prefix' | 'exact'

export interface EolEntry {
  vendor: string
  product: string
  /** As written, without the trailing `*` of a prefix ('' for every version). */
  version: string
  match: EolMatch
  endOfSupport: string
  /** The row's source column ('' when blank). */
  source: string
  /** Identity: product key, match kind and normalised version. */
  key: string
  sha256: string
  row: number
}

export type EolRead = { ok: true; entries: EolEntry[] } | { ok: false; problems: FileProblem[] }

function dateCell(text: string): string | null {
  const slashed = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text)
  const iso = slashed ? `${slashed[1]}-${slashed[2]!.padStart(2, '0')}-${slashed[3]!.padStart(2, '0')}` : text
  return isoDate(iso)
}

/** Reads an EOL CSV; `file` names it in every problem. Never throws. */
export function readEolList(bytes: Uint8Array, file: string): EolRead {
  let rows
  try {
    rows = readCsv(bytes, EOL_COLUMNS, { maxBytes: EOL_LIMITS.fileBytes, maxRows: EOL_LIMITS.rows, maxCellLength: EOL_LIMITS.source }).rows
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, problems: error.fieldErrors.slice(0, EOL_LIMITS.problems).map((e) => problem(file, e.path, e.code ?? 'vulnerabilities.invalid_value', e.message)) }
    throw error
  }
  const problems: FileProblem[] = []
  const at = (row: number, column: string, code: string, message: string) => {
    if (problems.length < EOL_LIMITS.problems) problems.push(problem(file, `rows[${row}].${column}`, code, `Row ${row}, ${column}: ${message}`))
  }
  const entries: EolEntry[] = []
  const firstRow = new Map<string, number>()
  for (const { rowNumber: n, values } of rows) {
    const vendor = (values.vendor ?? '').trim()
    const product = (values.product ?? '').trim()
    let version = (values.version ?? '').trim()
    const source = (values.source ?? '').trim()
    const before = problems.length
    for (const [column, value] of Object.entries(values)) {
      if (value.includes('\u0000')) at(n, column, 'vulnerabilities.nul_character', 'contains a NUL character (U+0000), which cannot be stored')
    }
    if (vendor === '') at(n, 'vendor', 'vulnerabilities.required', 'required')
    if (product === '') at(n, 'product', 'vulnerabilities.required', 'required')
    for (const [column, value] of [['vendor', vendor], ['product', product], ['version', version]] as const) {
      if (value.length > EOL_LIMITS.text) at(n, column, 'vulnerabilities.invalid_value', `longer than ${EOL_LIMITS.text} characters`)
    }
    let match: EolMatch = 'exact'
    if (version === '' || version === '*') { match = 'all'; version = '' } else if (version.endsWith('*')) { match = 'prefix'; version = version.replace(/\*+$/, '') }
    if (version.includes('*')) at(n, 'version', 'vulnerabilities.eol_wildcard', 'a * may only end the version (a prefix such as 15.2*)')
    const raw = (values.end_of_support ?? '').trim()
    const endOfSupport = raw === '' ? null : dateCell(raw)
    if (raw === '') at(n, 'end_of_support', 'vulnerabilities.required', 'required')
    else if (endOfSupport === null) at(n, 'end_of_support', 'vulnerabilities.invalid_value', `${JSON.stringify(raw.slice(0, 40))} is not a date (YYYY-MM-DD) between 1970 and 2100`)
    if (problems.length > before) continue
    // The product as the matcher keys it (Cisco "IOS" and "Cisco IOS" are one product line).
    const key = JSON.stringify([keysOf(vendor, product).productKey, match, normaliseName(version)])
    const earlier = firstRow.get(key)
    if (earlier !== undefined) { at(n, 'version', 'vulnerabilities.eol_duplicate', `row ${earlier} already names this vendor, product and version`); continue }
    firstRow.set(key, n)
    const fields = { vendor, product, version, match, endOfSupport: endOfSupport!, source }
    entries.push({ ...fields, key, sha256: canonicalSha256(fields), row: n })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, entries }
}
