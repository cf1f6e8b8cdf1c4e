import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { canonicalSha256 } from './canonical-json.ts'
import { isoDate, isoInstant } from './dates.ts'
import { problem, type FileProblem } from './import-file.ts'
import { jsonPath, nulLocations, type PathSegment } from './json-path.ts'

/**
 * The reader of CISA's Known Exploited Vulnerabilities catalog: the whole file is validated with Ajv against
 * CISA's own JSON Schema (vendored in ./schemas, draft-07), then checked for what the schema leaves open and
 * this platform relies on: dates that exist (2024-02-30 passes `format: date` in no validator worth trusting,
 * but a year 9999 does), one entry per CVE, `count` equal to the entries listed (a truncated download says so
 * there), and bounded text. The catalog is one document from one publisher: any problem rejects the file as a
 * whole, each problem named by its JSONPath (`$.vulnerabilities[12].dueDate`).
 */

export const KEV_LIMITS = {
  /** Bytes of the catalog file; the 2025-08-25 catalog of 1,404 entries is 1.3 MB. */
  fileBytes: 64 * 1024 * 1024,
  entries: 200_000,
  text: 16_384,
  problems: 100,
} as const

export const KEV_SCHEMA_URL = new URL('./schemas/known_exploited_vulnerabilities_schema.json', import.meta.url)

export interface KevEntry {
  cveId: string
  vendorProject: string
  product: string
  vulnerabilityName: string
  dateAdded: string
  shortDescription: string
  requiredAction: string
  dueDate: string
  /** `Known` or `Unknown` as CISA writes it ('' when the entry leaves it out). */
  knownRansomwareCampaignUse: string
  notes: string
  cwes: string[]
  /** SHA-256 of the entry's canonical JSON: an unchanged entry is left alone on re-import. */
  sha256: string
}

export interface KevCatalog {
  title: string
  catalogVersion: string
  dateReleased: string
  entries: KevEntry[]
}

export type KevRead = { ok: true; catalog: KevCatalog } | { ok: false; problems: FileProblem[] }

// ajv-formats is CommonJS with `exports.default`; under Node's ESM loader the default import is the module object.
type FormatsPlugin = (ajv: Ajv) => Ajv
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin)

let compiled: ValidateFunction | null = null
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(ajv)
    compiled = ajv.compile(JSON.parse(readFileSync(KEV_SCHEMA_URL, 'utf8')) as object)
  }
  return compiled
}

/** JSON Pointer (`/vulnerabilities/12/dueDate`) → segments → JSONPath (`$.vulnerabilities[12].dueDate`). */
function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer.slice(1).split('/').map((raw) => {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    return /^(0|[1-9]\d*)$/.test(s) ? Number(s) : s
  })
}

function schemaProblems(file: string, errors: ErrorObject[]): FileProblem[] {
  const seen = new Set<string>()
  const out: FileProblem[] = []
  for (const e of errors) {
    let path = jsonPath(pointerSegments(e.instancePath))
    let message = e.message ?? 'is invalid'
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty
      path = jsonPath([...pointerSegments(e.instancePath), missing])
      message = 'required'
    }
    const key = `${path}\u0000${message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(problem(file, path, e.keyword === 'required' ? 'vulnerabilities.required' : 'vulnerabilities.invalid_value', `${message} (KEV schema)`))
    if (out.length >= KEV_LIMITS.problems) break
  }
  return out
}

interface RawEntry {
  cveID: string; vendorProject: string; product: string; vulnerabilityName: string; dateAdded: string; shortDescription: string
  requiredAction: string; dueDate: string; knownRansomwareCampaignUse?: string; notes?: string; cwes?: string[]
}

/** Validates a parsed JSON document as the KEV catalog; `file` names it in every problem. Never throws. */
export function readKevCatalog(json: unknown, file: string): KevRead {
  const nul = nulLocations(json)
  if (nul.length > 0) return { ok: false, problems: nul.map((at) => problem(file, jsonPath(at), 'vulnerabilities.nul_character', 'contains a NUL character (U+0000), which cannot be stored')) }
  const validate = validator()
  if (!validate(json)) return { ok: false, problems: schemaProblems(file, validate.errors ?? []) }
  const doc = json as { title?: unknown; catalogVersion: string; dateReleased: string; count: number; vulnerabilities: RawEntry[] }
  const problems: FileProblem[] = []
  const at = (segments: PathSegment[], code: string, message: string) => {
    if (problems.length < KEV_LIMITS.problems) problems.push(problem(file, jsonPath(segments), code, message))
  }
  if (doc.vulnerabilities.length > KEV_LIMITS.entries) at(['vulnerabilities'], 'vulnerabilities.invalid_value', `more than ${KEV_LIMITS.entries} entries`)
  if (doc.count !== doc.vulnerabilities.length) {
    at(['count'], 'vulnerabilities.kev_count_mismatch', `says ${doc.count} entries but the catalog lists ${doc.vulnerabilities.length} (a truncated or edited file?)`)
  }
  if (isoInstant(doc.dateReleased) === null) at(['dateReleased'], 'vulnerabilities.invalid_value', 'not a date-time between 1970 and 2100')
  if (doc.catalogVersion.length === 0 || doc.catalogVersion.length > 64) at(['catalogVersion'], 'vulnerabilities.invalid_value', 'must be 1 to 64 characters')
  const first = new Map<string, number>()
  const entries: KevEntry[] = []
  for (const [i, v] of doc.vulnerabilities.entries()) {
    if (problems.length >= KEV_LIMITS.problems) break
    const earlier = first.get(v.cveID)
    if (earlier !== undefined) at(['vulnerabilities', i, 'cveID'], 'vulnerabilities.kev_duplicate', `${v.cveID} is listed already at $.vulnerabilities[${earlier}]`)
    else first.set(v.cveID, i)
    for (const field of ['dateAdded', 'dueDate'] as const) {
      if (isoDate(v[field]) === null) at(['vulnerabilities', i, field], 'vulnerabilities.invalid_value', `${JSON.stringify(v[field].slice(0, 40))} is not a date between 1970 and 2100`)
    }
    for (const field of ['vendorProject', 'product', 'vulnerabilityName', 'shortDescription', 'requiredAction', 'notes', 'knownRansomwareCampaignUse'] as const) {
      if ((v[field]?.length ?? 0) > KEV_LIMITS.text) at(['vulnerabilities', i, field], 'vulnerabilities.invalid_value', `longer than ${KEV_LIMITS.text} characters`)
    }
    if ((v.cwes?.length ?? 0) > 100) at(['vulnerabilities', i, 'cwes'], 'vulnerabilities.invalid_value', 'more than 100 items')
    entries.push({
      cveId: v.cveID, vendorProject: v.vendorProject, product: v.product, vulnerabilityName: v.vulnerabilityName, dateAdded: v.dateAdded,
      shortDescription: v.shortDescription, requiredAction: v.requiredAction, dueDate: v.dueDate,
      knownRansomwareCampaignUse: v.knownRansomwareCampaignUse ?? '', notes: v.notes ?? '', cwes: v.cwes ?? [], sha256: canonicalSha256(v),
    })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, catalog: { title: typeof doc.title === 'string' ? doc.title : '', catalogVersion: doc.catalogVersion, dateReleased: isoInstant(doc.dateReleased)!, entries } }
}
