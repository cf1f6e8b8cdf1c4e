import { PostgresAdapter, type Kysely } from 'kysely'

/**
 * Vulnerability reference data (issue 6, build item 2): public records every signed-in caller reads.
 * - `cve_record`: one CVE JSON 5 record: dates, title, description, the preferred CVSS metric and CISA's SSVC
 *   decision points, CWE ids (JSON array), the SHA-256 of its canonical JSON (an unchanged record is left alone
 *   on re-import), where it came from (`source`: the import's label; `source_file`: the file inside it), when it
 *   was first imported and when the stored version was, the import that wrote it, and the record JSON itself.
 *   `rules_version` names the normaliser that produced its `cve_rule` rows (null: none yet).
 * - `cve_affected`: the record's `affected` entries (CNA and ADP containers) as written, with normalised vendor
 *   and product keys for lookups by product.
 * - `cve_rule`: the normalised matching rules of a record (from src/vulnerabilities/domain/affected.ts), one
 *   JSON rule a row, keyed by product for the matcher's fan-out.
 * - `kev_entry`: CISA KEV entries by CVE id, with the catalog version that last changed them.
 * - `eol_entry`: vendor end-of-life rows (vendor, product, every version / a prefix / one version, end date).
 * - `vulnerability_import`: one row per import that changed something: kind, source, who, counts and the
 *   problems of rejected files (JSON, capped).
 * Dates are ISO 8601 text; JSON is text. The same statements on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  // SQLite's real is 8 bytes, PostgreSQL's 4: CVSS scores must read back as written on both.
  const float = postgres ? 'double precision' : 'real'
  await db.schema
    .createTable('vulnerability_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** 'cve' | 'kev' | 'eol'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('files', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    /** The rejected files' problems `[{file, path, code, message}]`, at most 1,000. */
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('catalog_version', 'text')
    .execute()
  await db.schema.createIndex('vulnerability_import_at_idx').on('vulnerability_import').column('at').execute()

  await db.schema
    .createTable('cve_record')
    .addColumn('cve_id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('data_version', 'text', (c) => c.notNull())
    .addColumn('assigner', 'text')
    .addColumn('date_published', 'text')
    .addColumn('date_updated', 'text')
    .addColumn('title', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('cvss_score', float)
    .addColumn('cvss_vector', 'text')
    .addColumn('cvss_version', 'text')
    .addColumn('cvss_source', 'text')
    .addColumn('ssvc_exploitation', 'text')
    .addColumn('ssvc_automatable', 'text')
    .addColumn('ssvc_technical_impact', 'text')
    .addColumn('cwes', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_file', 'text', (c) => c.notNull())
    .addColumn('first_imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('vulnerability_import.id'))
    .addColumn('rules_version', 'text')
    .addColumn('record_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('cve_record_published_idx').on('cve_record').column('date_published').execute()

  await db.schema
    .createTable('cve_affected')
    .addColumn('cve_id', 'text', (c) => c.notNull().references('cve_record.cve_id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    /** 'cna' | 'adp'. */
    .addColumn('container', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    /** Index of the entry in its container's `affected` list. */
    .addColumn('entry_index', 'integer', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('vendor_key', 'text', (c) => c.notNull())
    .addColumn('product_key', 'text', (c) => c.notNull())
    .addColumn('default_status', 'text')
    .addColumn('entry_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cve_affected_pk', ['cve_id', 'position'])
    .execute()
  await db.schema.createIndex('cve_affected_product_idx').on('cve_affected').columns(['vendor_key', 'product_key']).execute()

  await db.schema
    .createTable('cve_rule')
    .addColumn('cve_id', 'text', (c) => c.notNull().references('cve_record.cve_id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_key', 'text', (c) => c.notNull())
    .addColumn('rule_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cve_rule_pk', ['cve_id', 'position'])
    .execute()
  await db.schema.createIndex('cve_rule_product_idx').on('cve_rule').column('product_key').execute()

  await db.schema
    .createTable('kev_entry')
    .addColumn('cve_id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_project', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('vulnerability_name', 'text', (c) => c.notNull())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('short_description', 'text', (c) => c.notNull())
    .addColumn('required_action', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('known_ransomware_campaign_use', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('cwes', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('catalog_version', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('first_imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('vulnerability_import.id'))
    .execute()
  await db.schema.createIndex('kev_entry_added_idx').on('kev_entry').column('date_added').execute()

  await db.schema
    .createTable('eol_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** Normalised vendor, product, match kind and version: what a re-import matches rows by. */
    .addColumn('entry_key', 'text', (c) => c.notNull().unique())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('vendor_key', 'text', (c) => c.notNull())
    .addColumn('product_key', 'text', (c) => c.notNull())
    /** '' for every version; the prefix without its `*`; or one version. */
    .addColumn('version', 'text', (c) => c.notNull())
    /** 'all' | 'prefix' | 'exact'. */
    .addColumn('match_kind', 'text', (c) => c.notNull())
    .addColumn('end_of_support', 'text', (c) => c.notNull())
    /** The row's own source (the vendor's notice), else the import's. */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('first_imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('vulnerability_import.id'))
    .execute()
  await db.schema.createIndex('eol_entry_product_idx').on('eol_entry').columns(['vendor_key', 'product_key']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['eol_entry', 'kev_entry', 'cve_rule', 'cve_affected', 'cve_record', 'vulnerability_import']) await db.schema.dropTable(table).execute()
}
