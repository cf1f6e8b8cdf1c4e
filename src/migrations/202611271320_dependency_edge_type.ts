import type { Kysely } from 'kysely'

/**
 * The type of a recorded dependency (issue 5: edges carry a type beside criticality, failover and alternatives):
 * what `from` gets from `to` — an IT system, cloud hosting, network, power, supplies, logistics, payments, data,
 * a facility, staff or something else (DEPENDENCY_TYPES in src/dependencies/domain/model.ts). Edges recorded
 * before this migration become 'other'. The same statement on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dependency_edge').addColumn('dependency_type', 'text', (c) => c.notNull().defaultTo('other')).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dependency_edge').dropColumn('dependency_type').execute()
}
