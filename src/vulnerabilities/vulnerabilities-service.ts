import type { AppContext } from '../platform/context.ts'
import { notFound } from '../platform/errors.ts'
import type { EolEntryTable, KevEntryTable, VulnerabilityImportTable } from '../platform/db/schema.ts'
import { keysOf } from './formats/names.ts'
import type { AffectedProduct, NormalisedRecord } from './domain/affected.ts'
import {
  affectedOf, findCveRecord, findKevEntry, listCveRecords, listEolEntries, listImports, listKevEntries, rulesByRecord, rulesOf,
  type CveListFilter, type CveListRow, type EolListFilter, type KevListFilter,
} from './store/vulnerabilities-repository.ts'

/**
 * Reads of the vulnerability reference data for the API: public to every signed-in caller (CVE records, KEV and
 * EOL lists are published data), so no scope narrows them. Lists are paged and searchable.
 */

export interface CveSummary {
  cveId: string
  state: string
  title: string | null
  /** The English description (or the first one), in full. */
  description: string
  assigner: string | null
  datePublished: string | null
  dateUpdated: string | null
  cvss: { score: number; vector: string; version: string; source: string } | null
  ssvc: { exploitation: string | null; automatable: string | null; technicalImpact: string | null } | null
  cwes: string[]
  kev: { dateAdded: string; dueDate: string; knownRansomwareCampaignUse: string } | null
  source: string
  sourceFile: string
  firstImportedAt: string
  importedAt: string
  sha256: string
}

function summary(r: Omit<CveListRow, 'kev_date_added' | 'kev_due_date' | 'kev_ransomware'>, kev: CveSummary['kev']): CveSummary {
  return {
    cveId: r.cve_id, state: r.state, title: r.title, description: r.description, assigner: r.assigner, datePublished: r.date_published, dateUpdated: r.date_updated,
    cvss: r.cvss_score === null ? null : { score: r.cvss_score, vector: r.cvss_vector ?? '', version: r.cvss_version ?? '', source: r.cvss_source ?? '' },
    ssvc: r.ssvc_exploitation === null && r.ssvc_automatable === null && r.ssvc_technical_impact === null
      ? null : { exploitation: r.ssvc_exploitation, automatable: r.ssvc_automatable, technicalImpact: r.ssvc_technical_impact },
    cwes: JSON.parse(r.cwes) as string[], kev, source: r.source, sourceFile: r.source_file, firstImportedAt: r.first_imported_at, importedAt: r.imported_at, sha256: r.sha256,
  }
}

export interface CveQuery { q?: string | undefined; vendor?: string | undefined; kev?: boolean | undefined; limit: number; offset: number }

export async function searchCveRecords(ctx: AppContext, query: CveQuery): Promise<{ total: number; items: CveSummary[] }> {
  const filter: CveListFilter = { limit: query.limit, offset: query.offset }
  if (query.q?.trim()) filter.q = query.q.trim()
  if (query.vendor?.trim()) filter.vendor = keysOf(query.vendor, '').vendorKey
  if (query.kev !== undefined) filter.kev = query.kev
  const { total, rows } = await listCveRecords(ctx.database.db, filter)
  return {
    total,
    items: rows.map((r) => summary(r, r.kev_date_added === null ? null : { dateAdded: r.kev_date_added, dueDate: r.kev_due_date ?? '', knownRansomwareCampaignUse: r.kev_ransomware ?? '' })),
  }
}

export interface AffectedView {
  container: string
  provider: string
  vendor: string
  product: string
  defaultStatus: string | null
  /** The entry as the record writes it (versions, changes, cpes, …). */
  entry: unknown
}

export interface CveDetail extends CveSummary {
  affected: AffectedView[]
  /** Normalised matching rules; empty until the normaliser has processed the record (`rulesVersion` null). */
  rules: { productKey: string; rule: unknown }[]
  rulesVersion: string | null
  kevEntry: KevView | null
}

export async function getCveRecord(ctx: AppContext, cveId: string): Promise<CveDetail> {
  const db = ctx.database.db
  const row = await findCveRecord(db, cveId.toUpperCase())
  if (!row) throw notFound('vulnerabilities.record')
  const [affected, rules, kev] = await Promise.all([affectedOf(db, row.cve_id), rulesOf(db, row.cve_id), findKevEntry(db, row.cve_id)])
  return {
    ...summary(row, kev ? { dateAdded: kev.date_added, dueDate: kev.due_date, knownRansomwareCampaignUse: kev.known_ransomware_campaign_use } : null),
    affected: affected.map((a) => ({ container: a.container, provider: a.provider, vendor: a.vendor, product: a.product, defaultStatus: a.default_status, entry: JSON.parse(a.entry_json) as unknown })),
    rules, rulesVersion: row.rules_version, kevEntry: kev ? kevView(kev, true) : null,
  }
}

/** The record as imported (canonical JSON: keys sorted), for whoever wants every field. */
export async function getCveRecordJson(ctx: AppContext, cveId: string): Promise<string> {
  const row = await findCveRecord(ctx.database.db, cveId.toUpperCase())
  if (!row) throw notFound('vulnerabilities.record')
  return row.record_json
}

export interface KevView {
  cveId: string
  vendorProject: string
  product: string
  vulnerabilityName: string
  dateAdded: string
  dueDate: string
  knownRansomwareCampaignUse: string
  shortDescription: string
  requiredAction: string
  notes: string
  cwes: string[]
  catalogVersion: string
  source: string
  importedAt: string
  /** A CVE record of this id is stored too. */
  hasRecord: boolean
}

function kevView(r: KevEntryTable, hasRecord: boolean): KevView {
  return {
    cveId: r.cve_id, vendorProject: r.vendor_project, product: r.product, vulnerabilityName: r.vulnerability_name, dateAdded: r.date_added, dueDate: r.due_date,
    knownRansomwareCampaignUse: r.known_ransomware_campaign_use, shortDescription: r.short_description, requiredAction: r.required_action, notes: r.notes,
    cwes: JSON.parse(r.cwes) as string[], catalogVersion: r.catalog_version, source: r.source, importedAt: r.imported_at, hasRecord,
  }
}

export async function searchKev(ctx: AppContext, query: { q?: string | undefined; limit: number; offset: number }): Promise<{ total: number; items: KevView[] }> {
  const filter: KevListFilter = { limit: query.limit, offset: query.offset }
  if (query.q?.trim()) filter.q = query.q.trim()
  const { total, rows } = await listKevEntries(ctx.database.db, filter)
  return { total, items: rows.map((r) => kevView(r, r.has_record === 1)) }
}

export interface EolView { id: string; vendor: string; product: string; version: string; match: string; endOfSupport: string; source: string; importedAt: string }

const eolView = (r: EolEntryTable): EolView => ({
  id: r.id, vendor: r.vendor, product: r.product, version: r.version, match: r.match_kind, endOfSupport: r.end_of_support, source: r.source, importedAt: r.imported_at,
})

export async function searchEol(ctx: AppContext, query: { q?: string | undefined; vendor?: string | undefined; limit: number; offset: number }): Promise<{ total: number; items: EolView[] }> {
  const filter: EolListFilter = { limit: query.limit, offset: query.offset }
  if (query.q?.trim()) filter.q = query.q.trim()
  if (query.vendor?.trim()) filter.vendor = keysOf(query.vendor, '').vendorKey
  const { total, rows } = await listEolEntries(ctx.database.db, filter)
  return { total, items: rows.map(eolView) }
}

export interface ImportLogView {
  id: string; kind: string; source: string; at: string; files: number; imported: number; updated: number; unchanged: number; rejected: number
  catalogVersion: string | null; problems: { file: string; path: string; code: string; message: string }[]
}

export async function recentImports(ctx: AppContext, limit: number): Promise<ImportLogView[]> {
  return (await listImports(ctx.database.db, limit)).map((r: VulnerabilityImportTable) => ({
    id: r.id, kind: r.kind, source: r.source, at: r.at, files: r.files, imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected,
    catalogVersion: r.catalog_version, problems: JSON.parse(r.problems) as ImportLogView['problems'],
  }))
}

/**
 * The stored records as the matcher takes them (domain/affected.ts NormalisedRecord), for exposure and advisory
 * fan-out: every record, or those named that are stored. Records without rules (none affected, or stored before
 * the normaliser existed) come back with no products.
 */
export async function normalisedRecords(ctx: AppContext, cveIds?: readonly string[]): Promise<NormalisedRecord[]> {
  const db = ctx.database.db
  const rules = await rulesByRecord(db, cveIds)
  const ids: string[] = []
  if (cveIds === undefined) ids.push(...(await db.selectFrom('cve_record').select('cve_id').orderBy('cve_id').execute()).map((r) => r.cve_id))
  else for (let i = 0; i < cveIds.length; i += 500) ids.push(...(await db.selectFrom('cve_record').select('cve_id').where('cve_id', 'in', cveIds.slice(i, i + 500)).orderBy('cve_id').execute()).map((r) => r.cve_id))
  return ids.map((cveId) => ({ cveId, products: (rules.get(cveId) ?? []) as AffectedProduct[] }))
}
