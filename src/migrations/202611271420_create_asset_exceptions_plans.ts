import type { Kysely } from 'kysely'

/**
 * Closed-network exceptions and replacement plans (issue 6, build items 5 and 6):
 * - `asset_exception`: an exception (例外措置) for one device of an operator, for one CVE (`cve_id`) or, when
 *   null, for all open vulnerabilities of the device. `controls` is the JSON array of compensating controls
 *   ({kind, description}); `decision` is what was recorded (requested, approved, rejected); whether it has
 *   expired is computed from `expires_on` (last valid day, YYYY-MM-DD) and the clock. The decision keeps who
 *   decided (`decided_by`: user id, `decided_by_role`), the day and a note. Deleting the device removes its
 *   exceptions (the device deletion is audited).
 * - `asset_replacement_plan`: a plan to replace one device or a fleet of the operator's devices by a target
 *   date, with a budget in yen (null until estimated), a status and notes.
 * - `asset_replacement_plan_device`: the devices a plan covers, in the order given (cascading both ways).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asset_exception')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('asset_device.id').onDelete('cascade'))
    .addColumn('cve_id', 'text')
    .addColumn('controls', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_role', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('asset_exception_operator_idx').on('asset_exception').columns(['operator_id', 'expires_on']).execute()
  await db.schema.createIndex('asset_exception_device_idx').on('asset_exception').column('device_id').execute()

  await db.schema
    .createTable('asset_replacement_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text', (c) => c.notNull())
    .addColumn('budget_jpy', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('asset_replacement_plan_operator_idx').on('asset_replacement_plan').columns(['operator_id', 'target_date']).execute()
  await db.schema
    .createTable('asset_replacement_plan_device')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('asset_replacement_plan.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('asset_device.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_replacement_plan_device_pk', ['plan_id', 'device_id'])
    .execute()
  await db.schema.createIndex('asset_replacement_plan_device_device_idx').on('asset_replacement_plan_device').column('device_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('asset_replacement_plan_device').execute()
  await db.schema.dropTable('asset_replacement_plan').execute()
  await db.schema.dropTable('asset_exception').execute()
}
