import type { Kysely } from 'kysely'

/** Organisations, sectors, users, memberships, sessions, API tokens, the audit chain. Portable DDL only. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sector')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('prefecture')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prefecture_code', 'text', (c) => c.references('prefecture.code'))
    .addColumn('es_designated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('acd_designated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('profile', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('organisation_kind_idx').on('organisation').column('kind').execute()
  await db.schema
    .createTable('sector_jurisdiction')
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sector.id').onDelete('cascade'))
    .addColumn('ministry_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('sector_jurisdiction_pk', ['sector_id', 'ministry_id'])
    .execute()
  await db.schema
    .createTable('organisation_sector')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('sector_id', 'text', (c) => c.notNull().references('sector.id'))
    .addPrimaryKeyConstraint('organisation_sector_pk', ['organisation_id', 'sector_id'])
    .execute()
  await db.schema.createIndex('organisation_sector_sector_idx').on('organisation_sector').column('sector_id').execute()
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('ja'))
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('app_user_oidc_uq', ['oidc_issuer', 'oidc_subject'])
    .execute()
  await db.schema
    .createTable('membership')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('membership_pk', ['user_id', 'organisation_id'])
    .execute()
  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('active_organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute()
  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('before_digest', 'text')
    .addColumn('after_digest', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_entry_org_idx').on('audit_entry').columns(['organisation_id', 'seq']).execute()
  // A single row that every audit append updates first: on PostgreSQL its row lock serialises appenders,
  // so two concurrent transactions can never both extend the chain from the same head.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['setting', 'audit_head', 'audit_entry', 'api_token', 'session', 'membership', 'app_user',
    'organisation_sector', 'sector_jurisdiction', 'organisation', 'prefecture', 'sector']) {
    await db.schema.dropTable(table).execute()
  }
}
