import type { Kysely } from 'kysely'

/**
 * Network-device inventory (issue 6, build item 1):
 * - `asset_device`: one row per device of an operator; `asset_id` is the operator's own identifier (unique per
 *   operator: imports match rows by it, so importing a file twice adds nothing). Vendor, product and version
 *   as written (width-folded); `cpe` given or derived (null when neither); role, zone, Internet reachability
 *   (yes/no/unknown), closed network (0/1), dates as YYYY-MM-DD text, owner.
 * - `asset_device_service`: the operator's CI services a device supports, in the order given. Deleting a
 *   service or a device removes the link (cascade; SQLite connections enable foreign keys).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asset_device')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('cpe', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('zone', 'text')
    .addColumn('internet_reachable', 'text', (c) => c.notNull())
    .addColumn('closed_network', 'integer', (c) => c.notNull())
    .addColumn('install_date', 'text')
    .addColumn('last_patched', 'text')
    .addColumn('end_of_support', 'text')
    .addColumn('owner', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('asset_device_operator_asset_uq').on('asset_device').columns(['operator_id', 'asset_id']).unique().execute()
  // The matcher and the filters look devices up by vendor and product.
  await db.schema.createIndex('asset_device_vendor_product_idx').on('asset_device').columns(['vendor', 'product']).execute()
  await db.schema
    .createTable('asset_device_service')
    .addColumn('device_id', 'text', (c) => c.notNull().references('asset_device.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('ci_service.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_device_service_pk', ['device_id', 'service_id'])
    .execute()
  await db.schema.createIndex('asset_device_service_service_idx').on('asset_device_service').column('service_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('asset_device_service').execute()
  await db.schema.dropTable('asset_device').execute()
}
