import { PostgresAdapter, type Kysely } from 'kysely'

/**
 * Critical-infrastructure services (issue 5) and the designation of operators:
 * - `ci_service`: one row per service of an operator, with MTPD/RTO/RPO (hours), RLO (fraction) and the
 *   people affected after one hour, day and week; its prefectures (people served in each) and its
 *   substitutes (other services that can take over, and how fast) in child tables, in the order given.
 * - `designation_criteria_set`: criteria defined as data by the NCO or a ministry (the criteria list is JSON).
 * - `designation_decision`: every decision (designate or not, tier, reason, who, when), with the evaluation it
 *   was taken on. A designate decision also writes the operator's tier in `operator_tier` (standards module)
 *   in the same transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  // SQLite's real is 8 bytes, PostgreSQL's 4: hours and fractions must read back as written on both.
  const float = postgres ? 'double precision' : 'real'
  await db.schema
    .createTable('ci_service')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sector.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('people_served', 'bigint', (c) => c.notNull())
    .addColumn('businesses_served', 'bigint', (c) => c.notNull())
    .addColumn('mtpd_hours', float, (c) => c.notNull())
    .addColumn('rto_hours', float, (c) => c.notNull())
    .addColumn('rpo_hours', float, (c) => c.notNull())
    .addColumn('rlo', float, (c) => c.notNull())
    .addColumn('impact_hour', 'bigint', (c) => c.notNull())
    .addColumn('impact_day', 'bigint', (c) => c.notNull())
    .addColumn('impact_week', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  // One name per operator: an import matches rows without an id by it, so importing twice adds nothing.
  await db.schema.createIndex('ci_service_operator_name_uq').on('ci_service').columns(['operator_id', 'name_ja']).unique().execute()
  await db.schema.createIndex('ci_service_sector_idx').on('ci_service').column('sector_id').execute()
  await db.schema
    .createTable('ci_service_prefecture')
    .addColumn('service_id', 'text', (c) => c.notNull().references('ci_service.id').onDelete('cascade'))
    .addColumn('prefecture_code', 'text', (c) => c.notNull().references('prefecture.code'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('people', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ci_service_prefecture_pk', ['service_id', 'prefecture_code'])
    .execute()
  await db.schema
    .createTable('ci_service_substitute')
    .addColumn('service_id', 'text', (c) => c.notNull().references('ci_service.id').onDelete('cascade'))
    // A substitute that is deleted simply stops being one.
    .addColumn('substitute_id', 'text', (c) => c.notNull().references('ci_service.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('takeover_hours', float, (c) => c.notNull())
    .addPrimaryKeyConstraint('ci_service_substitute_pk', ['service_id', 'substitute_id'])
    .execute()
  await db.schema.createIndex('ci_service_substitute_of_idx').on('ci_service_substitute').column('substitute_id').execute()

  await db.schema
    .createTable('designation_criteria_set')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('defined_by', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('combine', 'text', (c) => c.notNull())
    /** The criteria (JSON array of designation.ts Criterion). */
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('designation_decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sector.id'))
    /** 'designate' | 'not_designate'. */
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('tier_id', 'text', (c) => c.references('sector_tier.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    /** The actor (`user:<id>` or `token:<id>`) and the organisation it acted for. */
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_by_org', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('criteria_set_id', 'text', (c) => c.references('designation_criteria_set.id'))
    /** The operator's evaluation under the criteria set when decided (JSON), null without a set. */
    .addColumn('evaluation', 'text')
    .execute()
  await db.schema.createIndex('designation_decision_operator_idx').on('designation_decision').columns(['operator_id', 'decided_at']).execute()
  await db.schema.createIndex('designation_decision_sector_idx').on('designation_decision').column('sector_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('designation_decision').execute()
  await db.schema.dropTable('designation_criteria_set').execute()
  await db.schema.dropTable('ci_service_substitute').execute()
  await db.schema.dropTable('ci_service_prefecture').execute()
  await db.schema.dropTable('ci_service').execute()
}
