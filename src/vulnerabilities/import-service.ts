import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import type { CveRecordTable, DB } from '../platform/db/schema.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import { normaliseRecord } from './domain/affected.ts'
import { fanOutRecords } from './exposure-service.ts'
import { CVE_LIMITS, readCveRecord, type CveRecord } from './formats/cve-record.ts'
import { EOL_LIMITS, readEolList } from './formats/eol-list.ts'
import { keysOf } from './formats/names.ts'
import { readBytes, readJsonFile, problem, type FileProblem, type ImportFile } from './formats/import-file.ts'
import { KEV_LIMITS, readKevCatalog } from './formats/kev-catalog.ts'
import {
  cveStates, eolStates, finishImport, insertEolEntries, insertImport, insertKevEntries, kevStates, updateEolEntry, updateKevEntry, CveWriter,
  type RuleRow,
} from './store/vulnerabilities-repository.ts'

/**
 * Imports of vulnerability reference data: CVE JSON 5 records (one file each, usually a whole folder), the
 * CISA KEV catalog, vendor end-of-life lists (CSV).
 *
 * - Incremental and idempotent: every record, KEV entry and EOL row carries the SHA-256 of its canonical content;
 *   an equal one is left exactly as it is (its source and dates too), a different one replaces it, a new one is
 *   added. Nothing is ever deleted by an import (a catalog that no longer lists an entry says nothing about it).
 * - The unit of rejection is the file: a file that cannot be read, is too large (refused by its size before it
 *   is read), is not valid JSON/CSV, or fails validation contributes nothing, and every one of its problems is
 *   reported with the file and the JSONPath (or row and column) inside it. The other files are imported.
 * - One transaction per import: the changes of all accepted files commit together, with one row in
 *   `vulnerability_import` and one audit entry, or (on any failure of the database or the process) not at all.
 *   An import that changes nothing writes nothing, not even its log row: importing the same folder twice
 *   leaves every table as it was.
 */

export const IMPORT_KINDS = ['cve', 'kev', 'eol'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** At most this many problems are kept in the summary and the import log (the counts stay exact). */
export const MAX_REPORTED_PROBLEMS = 1_000

export interface ImportActor { actor: string; organisationId: string | null }

export interface ImportOptions {
  /** A label for where the data came from (a path, a URL, `upload`). */
  source: string
  /** Files a folder walk left out (other names, links); counted in the summary. */
  skipped?: readonly string[]
  onProgress?: (done: number, total: number) => void
}

export interface ImportSummary {
  kind: ImportKind
  source: string
  /** The log row of this import; null when it changed nothing. */
  importId: string | null
  /** Files looked at (skipped ones not included). */
  files: number
  imported: number
  updated: number
  unchanged: number
  skipped: number
  /** Files rejected as a whole. */
  rejectedFiles: number
  /** Their problems, `{file, path, code, message}`, at most MAX_REPORTED_PROBLEMS. */
  rejected: FileProblem[]
  /** KEV: the catalog version of the last catalog read. */
  catalogVersion?: string
  /** Records whose stored rules were recomputed by a newer normaliser although the record itself was unchanged. */
  rulesRefreshed: number
  /** CVE ids (cve, kev) or EOL entry ids added or changed: what an advisory fan-out looks at. */
  changed: string[]
}

// ---------------------------------------------------------------------------------------------------------
// The normaliser of affected entries into matching rules (domain/affected.ts): one cve_rule row per affected
// product, keyed by its first product key, the whole AffectedProduct (all keys, scheme, rules, readings) as JSON.
// RULES_VERSION names what the normaliser produces: bump it when affected.ts (or the version schemes and product
// keys it uses) reads records differently, and the next import recomputes the rules of every stored record,
// changed or not. Records stored before the normaliser existed have rules_version null and get theirs the same way.
// ---------------------------------------------------------------------------------------------------------

export const RULES_VERSION = 'affected-1'

interface Normalised { version: string; rules: RuleRow[] }
function normaliseRules(record: CveRecord): Normalised {
  const { products } = normaliseRecord(record.json)
  return { version: RULES_VERSION, rules: products.map((p) => ({ productKey: p.productKeys[0] ?? '', rule: p })) }
}

// ---------------------------------------------------------------------------------------------------------

class Run {
  readonly summary: ImportSummary
  private importId: string | null = null
  private readonly at: string
  private readonly ctx: AppContext
  private readonly who: ImportActor
  constructor(ctx: AppContext, who: ImportActor, kind: ImportKind, files: number, options: ImportOptions) {
    this.ctx = ctx
    this.who = who
    this.at = ctx.now().toISOString()
    this.summary = {
      kind, source: options.source, importId: null, files, imported: 0, updated: 0, unchanged: 0, skipped: options.skipped?.length ?? 0,
      rejectedFiles: 0, rejected: [], rulesRefreshed: 0, changed: [],
    }
  }
  get time(): string { return this.at }
  reject(problems: readonly FileProblem[]): void {
    this.summary.rejectedFiles++
    for (const p of problems) if (this.summary.rejected.length < MAX_REPORTED_PROBLEMS) this.summary.rejected.push(p)
  }
  /** The log row, written with the first change (rows that change reference it). */
  async id(trx: Transaction<DB>): Promise<string> {
    if (this.importId === null) {
      this.importId = randomUUID()
      await insertImport(trx, {
        id: this.importId, kind: this.summary.kind, source: this.summary.source, actor: this.who.actor, organisation_id: this.who.organisationId, at: this.at,
        files: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0, problems: '[]', catalog_version: null,
      })
    }
    return this.importId
  }
  /** Counts into the log row and one audit entry; nothing when nothing changed. */
  async finish(trx: Transaction<DB>): Promise<ImportSummary> {
    if (this.importId === null) return this.summary
    const s = this.summary
    s.importId = this.importId
    await finishImport(trx, this.importId, {
      files: s.files, imported: s.imported, updated: s.updated, unchanged: s.unchanged, rejected: s.rejectedFiles,
      problems: JSON.stringify(s.rejected), catalog_version: s.catalogVersion ?? null,
    })
    await appendAudit(trx, {
      actor: this.who.actor, organisationId: this.who.organisationId, action: 'vulnerabilities.import', targetType: 'vulnerability_import', targetId: this.importId,
      after: { kind: s.kind, source: s.source, files: s.files, imported: s.imported, updated: s.updated, unchanged: s.unchanged, rejectedFiles: s.rejectedFiles, rulesRefreshed: s.rulesRefreshed, catalogVersion: s.catalogVersion ?? null },
    }, this.ctx.now())
    return s
  }
}

/** Imports `files` of one kind in one transaction and returns the summary. Rejections are in the summary, not thrown. */
export async function importVulnerabilityFiles(ctx: AppContext, who: ImportActor, kind: ImportKind, files: readonly ImportFile[], options: ImportOptions): Promise<ImportSummary> {
  const run = new Run(ctx, who, kind, files.length, options)
  return inTransaction(ctx.database, async (trx) => {
    if (kind === 'cve') await importCve(trx, run, files, options)
    else if (kind === 'kev') await importKev(trx, run, files, options)
    else await importEol(trx, run, files, options)
    const summary = await run.finish(trx)
    // Advisory fan-out (exposure-service.ts), in the same transaction: the added or changed CVEs and KEV entries
    // against every operator's devices, their exposure rows and one notification per operator and CVE.
    if (kind !== 'eol' && summary.changed.length > 0) await fanOutRecords(trx, ctx, summary.changed, summary.importId)
    return summary
  })
}

async function importCve(trx: Transaction<DB>, run: Run, files: readonly ImportFile[], options: ImportOptions): Promise<void> {
  const stored = await cveStates(trx)
  const writer = new CveWriter(trx)
  const seen = new Map<string, string>()
  const s = run.summary
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length)
    const read = await readJsonFile(file, CVE_LIMITS.fileBytes)
    if (!read.ok) { run.reject([read.problem]); continue }
    const parsed = readCveRecord(read.json, file.name)
    if (!parsed.ok) { run.reject(parsed.problems); continue }
    const record = parsed.record
    const earlier = seen.get(record.cveId)
    if (earlier !== undefined) {
      run.reject([problem(file.name, '$.cveMetadata.cveId', 'vulnerabilities.cve_duplicate', `${record.cveId} is also in ${earlier}, read earlier in this import`)])
      continue
    }
    seen.set(record.cveId, file.name)
    const before = stored.get(record.cveId)
    if (before && before.sha256 === record.sha256) {
      s.unchanged++
      if (before.rulesVersion !== RULES_VERSION) {
        const rules = normaliseRules(record)
        await run.id(trx)
        await writer.replaceRules(record.cveId, rules.rules, rules.version)
        s.rulesRefreshed++
      }
      continue
    }
    const rules = normaliseRules(record)
    const importId = await run.id(trx)
    await writer.write(recordRow(record, options.source, file.name, run.time, importId, rules.version), affectedRows(record), rules.rules, before !== undefined)
    if (before) s.updated++
    else s.imported++
    s.changed.push(record.cveId)
  }
  await writer.flush()
  options.onProgress?.(files.length, files.length)
}

function recordRow(r: CveRecord, source: string, file: string, at: string, importId: string, rulesVersion: string | null): CveRecordTable {
  return {
    cve_id: r.cveId, state: r.state, data_version: r.dataVersion, assigner: r.assigner, date_published: r.datePublished, date_updated: r.dateUpdated,
    title: r.title, description: r.description, cvss_score: r.cvss?.score ?? null, cvss_vector: r.cvss?.vector ?? null, cvss_version: r.cvss?.version ?? null,
    cvss_source: r.cvss?.source ?? null, ssvc_exploitation: r.ssvc?.exploitation ?? null, ssvc_automatable: r.ssvc?.automatable ?? null,
    ssvc_technical_impact: r.ssvc?.technicalImpact ?? null, cwes: JSON.stringify(r.cwes), sha256: r.sha256, source, source_file: file,
    first_imported_at: at, imported_at: at, import_id: importId, rules_version: rulesVersion, record_json: r.canonical,
  }
}

function affectedRows(r: CveRecord) {
  return r.affected.map((a, position) => {
    const keys = keysOf(a.vendor, a.product)
    return {
      position, container: a.container, provider: a.provider, entry_index: a.index, vendor: a.vendor, product: a.product,
      vendor_key: keys.vendorKey, product_key: keys.productKey, default_status: a.defaultStatus, entry_json: JSON.stringify(a.entry),
    }
  })
}

async function importKev(trx: Transaction<DB>, run: Run, files: readonly ImportFile[], options: ImportOptions): Promise<void> {
  const stored = await kevStates(trx)
  const s = run.summary
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length)
    const read = await readJsonFile(file, KEV_LIMITS.fileBytes)
    if (!read.ok) { run.reject([read.problem]); continue }
    const parsed = readKevCatalog(read.json, file.name)
    if (!parsed.ok) { run.reject(parsed.problems); continue }
    const { catalog } = parsed
    s.catalogVersion = catalog.catalogVersion
    const inserts = []
    for (const e of catalog.entries) {
      const before = stored.get(e.cveId)
      if (before === e.sha256) { s.unchanged++; continue }
      const row = {
        cve_id: e.cveId, vendor_project: e.vendorProject, product: e.product, vulnerability_name: e.vulnerabilityName, date_added: e.dateAdded,
        short_description: e.shortDescription, required_action: e.requiredAction, due_date: e.dueDate, known_ransomware_campaign_use: e.knownRansomwareCampaignUse,
        notes: e.notes, cwes: JSON.stringify(e.cwes), sha256: e.sha256, catalog_version: catalog.catalogVersion, source: options.source,
        first_imported_at: run.time, imported_at: run.time, import_id: await run.id(trx),
      }
      if (before === undefined) { inserts.push(row); s.imported++ } else { await updateKevEntry(trx, row); s.updated++ }
      stored.set(e.cveId, e.sha256)
      s.changed.push(e.cveId)
    }
    await insertKevEntries(trx, inserts)
  }
  options.onProgress?.(files.length, files.length)
}

async function importEol(trx: Transaction<DB>, run: Run, files: readonly ImportFile[], options: ImportOptions): Promise<void> {
  const stored = await eolStates(trx)
  const s = run.summary
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length)
    const read = await readBytes(file, EOL_LIMITS.fileBytes)
    if (!read.ok) { run.reject([read.problem]); continue }
    const parsed = readEolList(read.bytes, file.name)
    if (!parsed.ok) { run.reject(parsed.problems); continue }
    const inserts = []
    for (const e of parsed.entries) {
      const before = stored.get(e.key)
      if (before?.sha256 === e.sha256) { s.unchanged++; continue }
      const id = before?.id ?? randomUUID()
      const keys = keysOf(e.vendor, e.product)
      const row = {
        id, entry_key: e.key, vendor: e.vendor, product: e.product, vendor_key: keys.vendorKey, product_key: keys.productKey, version: e.version,
        match_kind: e.match, end_of_support: e.endOfSupport, source: e.source || `${options.source}${options.source.endsWith(file.name) ? '' : ` (${file.name})`}`,
        sha256: e.sha256, first_imported_at: run.time, imported_at: run.time, import_id: await run.id(trx),
      }
      if (before === undefined) { inserts.push(row); s.imported++ } else { await updateEolEntry(trx, row); s.updated++ }
      stored.set(e.key, { id, sha256: e.sha256 })
      s.changed.push(id)
    }
    await insertEolEntries(trx, inserts)
  }
  options.onProgress?.(files.length, files.length)
}
