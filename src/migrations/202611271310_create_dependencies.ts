import { PostgresAdapter, type Kysely } from 'kysely'

/**
 * The cross-sector dependency graph (issue 5): a registry of providers that CI services lean on (cloud, data
 * centres, telecom, power, logistics, payment networks, software vendors), possibly outside the designated
 * sectors, and the edges "from depends on to" between services (ci_service) and providers.
 *
 * Node ids are UUIDs, unique across services and providers; an edge records the kind of each end so that a
 * query knows which table holds it. Ends have no foreign key (they point into two tables); the repository
 * reads edges only together with nodes that exist. Lists of ids (prefectures, alternatives) are JSON text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  // SQLite's real is 8 bytes, PostgreSQL's 4: probabilities and hours must read back as written on both.
  const float = postgres ? 'double precision' : 'real'
  await db.schema
    .createTable('dependency_provider')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('provider_type', 'text', (c) => c.notNull())
    /** JIS X 0401 codes the provider runs in (JSON array). */
    .addColumn('prefectures', 'text', (c) => c.notNull())
    .addColumn('annual_failure_probability', float)
    .addColumn('registered_by_org', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dependency_provider_org_idx').on('dependency_provider').column('registered_by_org').execute()
  await db.schema
    .createTable('dependency_edge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_id', 'text', (c) => c.notNull())
    /** 'service' (ci_service) or 'provider' (dependency_provider). */
    .addColumn('from_kind', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('to_kind', 'text', (c) => c.notNull())
    .addColumn('criticality', 'text', (c) => c.notNull())
    /** 'none' | 'manual' | 'automatic'; hours only for manual. */
    .addColumn('failover_kind', 'text', (c) => c.notNull())
    .addColumn('failover_hours', float)
    /** Node ids that can take over from `to` (JSON array). */
    .addColumn('alternatives', 'text', (c) => c.notNull())
    /** The organisation that recorded the edge (an operator, a ministry or the NCO). */
    .addColumn('owner_org', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dependency_edge_ends_uq', ['from_id', 'to_id'])
    .execute()
  await db.schema.createIndex('dependency_edge_to_idx').on('dependency_edge').column('to_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dependency_edge').execute()
  await db.schema.dropTable('dependency_provider').execute()
}
