import { PostgresAdapter, sql, type Kysely } from 'kysely'

/**
 * Scores and mean maturity as double precision on PostgreSQL. The assessments migration declared them `real`,
 * which SQLite stores as an 8-byte float but PostgreSQL as a 4-byte one: the same submission then showed
 * slightly different scores on the two engines, and sums over thousands of operators drifted apart.
 * Nothing to do on SQLite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`alter table campaign_target
    alter column score type double precision,
    alter column score_weight type double precision,
    alter column mean_maturity type double precision`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`alter table campaign_target
    alter column score type real,
    alter column score_weight type real,
    alter column mean_maturity type real`.execute(db)
}
