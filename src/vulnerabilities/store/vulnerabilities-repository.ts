import { sql, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { CveAffectedTable, CveRecordTable, CveRuleTable, DB, EolEntryTable, KevEntryTable, VulnerabilityImportTable } from '../../platform/db/schema.ts'

/**
 * CVE records, their affected entries and normalised rules, KEV entries, vendor EOL rows and the import log.
 * This is public reference data (the issue 6 contract: any signed-in caller reads it), so reads take no scope;
 * writes take the import's transaction. Row shapes are the tables' own; the services map them.
 */

const CHUNK_ROWS = 200

async function insertChunked<T extends keyof DB>(trx: Transaction<DB>, table: T, rows: readonly DB[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) await trx.insertInto(table).values(rows.slice(i, i + CHUNK_ROWS) as never).execute()
}

// ---------------------------------------------------------------------------------------------------------
// Writes (imports)
// ---------------------------------------------------------------------------------------------------------

export interface StoredState { sha256: string; rulesVersion: string | null }

/** Every stored record's hash and rules version: what an import compares files against. */
export async function cveStates(db: Executor): Promise<Map<string, StoredState>> {
  const rows = await db.selectFrom('cve_record').select(['cve_id', 'sha256', 'rules_version']).execute()
  return new Map(rows.map((r) => [r.cve_id, { sha256: r.sha256, rulesVersion: r.rules_version }]))
}

export interface RuleRow { productKey: string; rule: unknown }

/**
 * Writes records with their affected entries and rules in batches (three multi-row inserts per batch instead of
 * several statements per record: on PostgreSQL every statement is a round trip). A replaced record's old children
 * are deleted and its row updated at once; new rows wait in the batch, which is flushed when it holds `maxRecords`
 * records or `maxBytes` of text, and by `flush()` at the end — memory stays bounded however large the import.
 */
export class CveWriter {
  private readonly trx: Transaction<DB>
  private records: CveRecordTable[] = []
  private affected: CveAffectedTable[] = []
  private rules: CveRuleTable[] = []
  private bytes = 0
  private readonly maxRecords: number
  private readonly maxBytes: number
  constructor(trx: Transaction<DB>, limits: { maxRecords?: number; maxBytes?: number } = {}) {
    this.trx = trx
    this.maxRecords = limits.maxRecords ?? 200
    this.maxBytes = limits.maxBytes ?? 16 * 1024 * 1024
  }

  /** A new record (`replace` false) or a new version of a stored one, with its children. */
  async write(record: CveRecordTable, affected: readonly Omit<CveAffectedTable, 'cve_id'>[], rules: readonly RuleRow[], replace: boolean): Promise<void> {
    if (replace) {
      await this.deleteChildren(record.cve_id, true)
      const { cve_id: id, first_imported_at: _first, ...rest } = record
      await this.trx.updateTable('cve_record').set(rest).where('cve_id', '=', id).execute()
    } else {
      this.records.push(record)
      this.bytes += record.record_json.length
    }
    this.queueChildren(record.cve_id, affected, rules)
    await this.flushIfFull()
  }

  /** New rules for a stored record whose content is unchanged. */
  async replaceRules(cveId: string, rules: readonly RuleRow[], version: string): Promise<void> {
    await this.deleteChildren(cveId, false)
    await this.trx.updateTable('cve_record').set({ rules_version: version }).where('cve_id', '=', cveId).execute()
    this.queueChildren(cveId, [], rules)
    await this.flushIfFull()
  }

  async flush(): Promise<void> {
    await insertChunked(this.trx, 'cve_record', this.records)
    await insertChunked(this.trx, 'cve_affected', this.affected)
    await insertChunked(this.trx, 'cve_rule', this.rules)
    this.records = []
    this.affected = []
    this.rules = []
    this.bytes = 0
  }

  private async deleteChildren(cveId: string, affectedToo: boolean): Promise<void> {
    // Rows of this record still waiting in the batch are written first, so the deletes see them.
    if (this.affected.some((a) => a.cve_id === cveId) || this.rules.some((r) => r.cve_id === cveId)) await this.flush()
    if (affectedToo) await this.trx.deleteFrom('cve_affected').where('cve_id', '=', cveId).execute()
    await this.trx.deleteFrom('cve_rule').where('cve_id', '=', cveId).execute()
  }

  private queueChildren(cveId: string, affected: readonly Omit<CveAffectedTable, 'cve_id'>[], rules: readonly RuleRow[]): void {
    for (const a of affected) {
      this.affected.push({ ...a, cve_id: cveId })
      this.bytes += a.entry_json.length
    }
    rules.forEach((r, position) => {
      const rule_json = JSON.stringify(r.rule)
      this.rules.push({ cve_id: cveId, position, product_key: r.productKey, rule_json })
      this.bytes += rule_json.length
    })
  }

  private async flushIfFull(): Promise<void> {
    if (this.records.length >= this.maxRecords || this.bytes >= this.maxBytes) await this.flush()
  }
}

export async function kevStates(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('kev_entry').select(['cve_id', 'sha256']).execute()
  return new Map(rows.map((r) => [r.cve_id, r.sha256]))
}

export async function insertKevEntries(trx: Transaction<DB>, rows: readonly KevEntryTable[]): Promise<void> {
  await insertChunked(trx, 'kev_entry', rows)
}

export async function updateKevEntry(trx: Transaction<DB>, row: KevEntryTable): Promise<void> {
  const { cve_id: id, first_imported_at: _first, ...rest } = row
  await trx.updateTable('kev_entry').set(rest).where('cve_id', '=', id).execute()
}

export async function eolStates(db: Executor): Promise<Map<string, { id: string; sha256: string }>> {
  const rows = await db.selectFrom('eol_entry').select(['id', 'entry_key', 'sha256']).execute()
  return new Map(rows.map((r) => [r.entry_key, { id: r.id, sha256: r.sha256 }]))
}

export async function insertEolEntries(trx: Transaction<DB>, rows: readonly EolEntryTable[]): Promise<void> {
  await insertChunked(trx, 'eol_entry', rows)
}

export async function updateEolEntry(trx: Transaction<DB>, row: EolEntryTable): Promise<void> {
  const { id, first_imported_at: _first, entry_key: _key, ...rest } = row
  await trx.updateTable('eol_entry').set(rest).where('id', '=', id).execute()
}

export async function insertImport(trx: Transaction<DB>, row: VulnerabilityImportTable): Promise<void> {
  await trx.insertInto('vulnerability_import').values(row).execute()
}

export async function finishImport(trx: Transaction<DB>, id: string, counts: Pick<VulnerabilityImportTable, 'files' | 'imported' | 'updated' | 'unchanged' | 'rejected' | 'problems' | 'catalog_version'>): Promise<void> {
  await trx.updateTable('vulnerability_import').set(counts).where('id', '=', id).execute()
}

// ---------------------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------------------

/** `%` and `_` in a search text match themselves. */
function likePattern(text: string): string {
  // PostgreSQL text cannot hold U+0000 (nothing stored contains it, so a search for it matches nothing else).
  return `%${text.replace(/\u0000/g, '').toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export interface Page { limit: number; offset: number }

export interface CveListFilter extends Page {
  /** Text in the id, title, description, or an affected vendor or product (case-insensitive). */
  q?: string
  /** Normalised vendor key of an affected entry. */
  vendor?: string
  /** Only records in (true) or not in (false) the KEV catalog. */
  kev?: boolean
}

export type CveListRow = Omit<CveRecordTable, 'record_json'> & { kev_date_added: string | null; kev_due_date: string | null; kev_ransomware: string | null }

export async function listCveRecords(db: Executor, filter: CveListFilter): Promise<{ total: number; rows: CveListRow[] }> {
  let query = db.selectFrom('cve_record').leftJoin('kev_entry', 'kev_entry.cve_id', 'cve_record.cve_id')
  if (filter.q) {
    const pattern = likePattern(filter.q)
    query = query.where((eb) => eb.or([
      sql<boolean>`lower(cve_record.cve_id) like ${pattern} escape '\\'`,
      sql<boolean>`lower(coalesce(cve_record.title, '')) like ${pattern} escape '\\'`,
      sql<boolean>`lower(cve_record.description) like ${pattern} escape '\\'`,
      eb.exists(eb.selectFrom('cve_affected as a').select('a.cve_id').whereRef('a.cve_id', '=', 'cve_record.cve_id')
        .where((inner) => inner.or([sql<boolean>`lower(a.vendor) like ${pattern} escape '\\'`, sql<boolean>`lower(a.product) like ${pattern} escape '\\'`]))),
    ]))
  }
  if (filter.vendor) {
    const vendor = filter.vendor
    query = query.where((eb) => eb.exists(eb.selectFrom('cve_affected as v').select('v.cve_id').whereRef('v.cve_id', '=', 'cve_record.cve_id').where('v.vendor_key', '=', vendor)))
  }
  if (filter.kev !== undefined) query = query.where('kev_entry.cve_id', filter.kev ? 'is not' : 'is', null)
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await query
    .select([
      'cve_record.cve_id', 'state', 'data_version', 'assigner', 'date_published', 'date_updated', 'title', 'description', 'cvss_score', 'cvss_vector', 'cvss_version',
      'cvss_source', 'ssvc_exploitation', 'ssvc_automatable', 'ssvc_technical_impact', 'cve_record.cwes', 'cve_record.sha256', 'cve_record.source', 'source_file',
      'cve_record.first_imported_at', 'cve_record.imported_at', 'cve_record.import_id', 'rules_version',
      'kev_entry.date_added as kev_date_added', 'kev_entry.due_date as kev_due_date', 'kev_entry.known_ransomware_campaign_use as kev_ransomware',
    ])
    .orderBy(sql`coalesce(cve_record.date_published, '')`, 'desc').orderBy('cve_record.cve_id', 'desc')
    .limit(filter.limit).offset(filter.offset)
    .execute()
  return { total: Number(total.n), rows: rows.map((r) => ({ ...r, cvss_score: r.cvss_score === null ? null : Number(r.cvss_score) })) }
}

export async function findCveRecord(db: Executor, cveId: string): Promise<CveRecordTable | undefined> {
  if (cveId.includes('\u0000')) return undefined
  const row = await db.selectFrom('cve_record').selectAll().where('cve_id', '=', cveId).executeTakeFirst()
  return row && { ...row, cvss_score: row.cvss_score === null ? null : Number(row.cvss_score) }
}

export async function affectedOf(db: Executor, cveId: string): Promise<CveAffectedTable[]> {
  return db.selectFrom('cve_affected').selectAll().where('cve_id', '=', cveId).orderBy('position').execute()
}

export async function rulesOf(db: Executor, cveId: string): Promise<{ productKey: string; rule: unknown }[]> {
  const rows = await db.selectFrom('cve_rule').select(['product_key', 'rule_json']).where('cve_id', '=', cveId).orderBy('position').execute()
  return rows.map((r) => ({ productKey: r.product_key, rule: JSON.parse(r.rule_json) as unknown }))
}

/** Stored rules of the given records (every record when `cveIds` is absent), grouped by record in position order. */
export async function rulesByRecord(db: Executor, cveIds?: readonly string[]): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>()
  const read = async (ids: readonly string[] | null) => {
    let q = db.selectFrom('cve_rule').select(['cve_id', 'rule_json']).orderBy('cve_id').orderBy('position')
    if (ids) q = q.where('cve_id', 'in', ids)
    for (const r of await q.execute()) {
      const list = out.get(r.cve_id) ?? []
      list.push(JSON.parse(r.rule_json) as unknown)
      out.set(r.cve_id, list)
    }
  }
  if (!cveIds) await read(null)
  else for (let i = 0; i < cveIds.length; i += 500) await read(cveIds.slice(i, i + 500))
  return out
}

export async function findKevEntry(db: Executor, cveId: string): Promise<KevEntryTable | undefined> {
  if (cveId.includes('\u0000')) return undefined
  return db.selectFrom('kev_entry').selectAll().where('cve_id', '=', cveId).executeTakeFirst()
}

export interface KevListFilter extends Page { q?: string }

export async function listKevEntries(db: Executor, filter: KevListFilter): Promise<{ total: number; rows: (KevEntryTable & { has_record: number })[] }> {
  let query = db.selectFrom('kev_entry')
  if (filter.q) {
    const pattern = likePattern(filter.q)
    query = query.where((eb) => eb.or([
      sql<boolean>`lower(kev_entry.cve_id) like ${pattern} escape '\\'`,
      sql<boolean>`lower(vendor_project) like ${pattern} escape '\\'`,
      sql<boolean>`lower(product) like ${pattern} escape '\\'`,
      sql<boolean>`lower(vulnerability_name) like ${pattern} escape '\\'`,
    ]))
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await query.selectAll('kev_entry')
    .select(sql<number>`case when exists (select 1 from cve_record r where r.cve_id = kev_entry.cve_id) then 1 else 0 end`.as('has_record'))
    .orderBy('date_added', 'desc').orderBy('kev_entry.cve_id', 'desc').limit(filter.limit).offset(filter.offset).execute()
  return { total: Number(total.n), rows: rows.map((r) => ({ ...r, has_record: Number(r.has_record) })) }
}

export interface EolListFilter extends Page { q?: string; vendor?: string }

export async function listEolEntries(db: Executor, filter: EolListFilter): Promise<{ total: number; rows: EolEntryTable[] }> {
  let query = db.selectFrom('eol_entry')
  if (filter.q) {
    const pattern = likePattern(filter.q)
    query = query.where((eb) => eb.or([sql<boolean>`lower(vendor) like ${pattern} escape '\\'`, sql<boolean>`lower(product) like ${pattern} escape '\\'`]))
  }
  if (filter.vendor) query = query.where('vendor_key', '=', filter.vendor)
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await query.selectAll().orderBy('vendor_key').orderBy('product_key').orderBy('version').limit(filter.limit).offset(filter.offset).execute()
  return { total: Number(total.n), rows }
}

export async function listImports(db: Executor, limit: number): Promise<VulnerabilityImportTable[]> {
  return db.selectFrom('vulnerability_import').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}
