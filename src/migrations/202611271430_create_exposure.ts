import { PostgresAdapter, type Kysely } from 'kysely'

/**
 * Exposure (issue 6, build items 3, 4 and 7):
 * - `asset_exposure`: one row per device and CVE the matcher reports (affected or unknown), with the match's
 *   explanation (JSON), whether the CVE is in KEV, the exposure score (domain/priority.ts), when it was first and
 *   last seen by a recomputation. Recomputed idempotently: an unchanged match keeps its row (and first_seen);
 *   a match no longer reported is deleted. `cve_id` is not a foreign key: KEV entries without an imported
 *   record match too. Deleting a device deletes its rows.
 * - `advisory_notification`: an in-app notice to an operator that a newly imported or changed CVE/KEV entry
 *   affects some of its devices (count, KEV flag), read when `read_at` is set.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const float = postgres ? 'double precision' : 'real'
  await db.schema
    .createTable('asset_exposure')
    .addColumn('device_id', 'text', (c) => c.notNull().references('asset_device.id').onDelete('cascade'))
    .addColumn('cve_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('organisation.id'))
    /** 'affected' | 'unknown'. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kev', 'integer', (c) => c.notNull())
    .addColumn('score', float, (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_exposure_pk', ['device_id', 'cve_id'])
    .execute()
  await db.schema.createIndex('asset_exposure_operator_idx').on('asset_exposure').columns(['operator_id', 'score']).execute()
  await db.schema.createIndex('asset_exposure_cve_idx').on('asset_exposure').column('cve_id').execute()

  await db.schema
    .createTable('advisory_notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('cve_id', 'text', (c) => c.notNull())
    .addColumn('devices', 'integer', (c) => c.notNull())
    .addColumn('kev', 'integer', (c) => c.notNull())
    /** The vulnerability import that raised it. */
    .addColumn('import_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('read_by', 'text')
    .execute()
  await db.schema.createIndex('advisory_notification_operator_idx').on('advisory_notification').columns(['operator_id', 'created_at']).execute()
  await db.schema.createIndex('advisory_notification_cve_idx').on('advisory_notification').column('cve_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('advisory_notification').execute()
  await db.schema.dropTable('asset_exposure').execute()
}
