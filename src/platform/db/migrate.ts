import { Migrator, type MigrationResultSet } from 'kysely'
import { MIGRATIONS } from '../../migrations/index.ts'
import type { Database } from './database.ts'

/** Applies every pending migration; throws naming the migration that failed. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => MIGRATIONS } })
  const result: MigrationResultSet = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`)
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
