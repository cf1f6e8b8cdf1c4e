/**
 * Crosswalks ⇄ CSV (RFC 4180: comma separated, CRLF line ends, fields quoted with `"` when they hold a comma,
 * quote or line break, quotes doubled). Header, exactly:
 * `source_version,source_id,target_version,target_id,relationship,rationale`.
 * Reading accepts LF or CRLF, a UTF-8 BOM (spreadsheet exports) and a missing final line end; every problem is
 * reported with its line (the physical line where the record starts) and column (1-based field number).
 */
import { MAPPING_RELATIONSHIPS, type Mapping, type MappingRelationship } from '../model.ts'
import { invalid, type FieldError } from '../../../platform/errors.ts'

export const MAPPING_CSV_HEADER = ['source_version', 'source_id', 'target_version', 'target_id', 'relationship', 'rationale'] as const
export const MAPPING_CSV_ERROR = 'standards.csv.invalid'

const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)

export function mappingsToCsv(mappings: Mapping[]): string {
  const rows = [MAPPING_CSV_HEADER.join(',')]
  for (const m of mappings)
    rows.push([m.sourceVersionId, m.sourceNodeId, m.targetVersionId, m.targetNodeId, m.relationship, m.rationale].map(quote).join(','))
  return rows.join('\r\n') + '\r\n'
}

interface CsvRecord {
  line: number
  fields: string[]
}

const at = (line: number, column: number) => `line ${line}, column ${column}`

/** RFC 4180 tokenizer; syntax errors are pushed to `errors` and the rest of the text is still read. */
export function parseCsv(text: string, errors: FieldError[]): CsvRecord[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text
  const records: CsvRecord[] = []
  let line = 1
  let i = 0
  while (i < src.length) {
    const start = line
    const fields: string[] = []
    let field = ''
    let ended = false
    while (!ended) {
      if (src[i] === '"') {
        const openedOn = line
        i++
        let closed = false
        while (i < src.length) {
          const c = src[i]!
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"'
              i += 2
              continue
            }
            i++
            closed = true
            break
          }
          if (c === '\n') line++
          field += c
          i++
        }
        if (!closed) {
          errors.push({ path: at(openedOn, fields.length + 1), message: 'quoted field is not closed' })
          fields.push(field)
          records.push({ line: start, fields })
          return records
        }
        const next = src[i]
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          errors.push({ path: at(line, fields.length + 1), message: 'text after a closing quote (write "" for a quote inside a quoted field)' })
          while (i < src.length && src[i] !== ',' && src[i] !== '\n') i++
        }
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\r' && src[i] !== '\n') {
          if (src[i] === '"') errors.push({ path: at(line, fields.length + 1), message: 'a quote inside an unquoted field (quote the whole field)' })
          field += src[i]
          i++
        }
      }
      fields.push(field)
      field = ''
      const c = src[i]
      if (c === ',') i++
      else {
        if (c === '\r') i++
        if (src[i] === '\n') i++
        line++
        ended = true
      }
    }
    records.push({ line: start, fields })
  }
  return records
}

export function mappingsFromCsv(text: string): Mapping[] {
  const errors: FieldError[] = []
  const records = parseCsv(text, errors)
  const header = records[0]
  if (!header) errors.push({ path: at(1, 1), message: `missing header ${MAPPING_CSV_HEADER.join(',')}` })
  else {
    MAPPING_CSV_HEADER.forEach((name, k) => {
      if ((header.fields[k] ?? '').trim() !== name)
        errors.push({ path: at(header.line, k + 1), message: `header must be "${name}", found "${header.fields[k] ?? ''}"` })
    })
    if (header.fields.length > MAPPING_CSV_HEADER.length)
      errors.push({ path: at(header.line, MAPPING_CSV_HEADER.length + 1), message: 'unexpected extra column' })
  }
  const out: Mapping[] = []
  for (const r of records.slice(1)) {
    if (r.fields.length === 1 && r.fields[0] === '') continue
    if (r.fields.length !== MAPPING_CSV_HEADER.length) {
      errors.push({ path: at(r.line, Math.min(r.fields.length, MAPPING_CSV_HEADER.length) + 1), message: `expected ${MAPPING_CSV_HEADER.length} fields, found ${r.fields.length}` })
      continue
    }
    const [sv, sid, tv, tid, rel, rationale] = r.fields as [string, string, string, string, string, string]
    let ok = true
    ;[sv, sid, tv, tid].forEach((v, k) => {
      if (v.trim() === '') {
        errors.push({ path: at(r.line, k + 1), message: `${MAPPING_CSV_HEADER[k]} is empty` })
        ok = false
      }
    })
    if (!(MAPPING_RELATIONSHIPS as readonly string[]).includes(rel)) {
      errors.push({ path: at(r.line, 5), message: `relationship "${rel}" is not one of ${MAPPING_RELATIONSHIPS.join(', ')}` })
      ok = false
    }
    if (ok)
      out.push({ sourceVersionId: sv, sourceNodeId: sid, targetVersionId: tv, targetNodeId: tid, relationship: rel as MappingRelationship, rationale })
  }
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
    throw invalid(MAPPING_CSV_ERROR, `Invalid crosswalk CSV: ${errors[0]!.path}: ${errors[0]!.message}${more}`, errors)
  }
  return out
}
