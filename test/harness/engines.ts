import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe } from 'vitest'
import { openContext, type ContextOptions } from '../../src/platform/bootstrap.ts'
import { createScratchPostgres, postgresReachable } from '../../src/platform/db/scratch-postgres.ts'
import type { AppContext } from '../../src/platform/context.ts'
import type { Engine } from '../../src/platform/db/database.ts'

/**
 * Store tests run on every engine: SQLite always, PostgreSQL when reachable (KANAME_TEST_PG_URL, default
 * 127.0.0.1:5432 as postgres). Without PostgreSQL they are skipped with a visible notice, unless
 * KANAME_REQUIRE_PG=1 (CI), where a missing server fails the run.
 */
export const PG_ADMIN_URL = process.env.KANAME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'


export const postgresAvailable = await postgresReachable(PG_ADMIN_URL)
if (!postgresAvailable) {
  if (process.env.KANAME_REQUIRE_PG === '1') throw new Error(`KANAME_REQUIRE_PG=1 but PostgreSQL is not reachable at ${PG_ADMIN_URL}`)
  console.warn(`\n  NOTICE: PostgreSQL not reachable at ${PG_ADMIN_URL}; PostgreSQL store tests are SKIPPED.\n`)
}

export const ENGINES: Engine[] = postgresAvailable ? ['sqlite', 'postgres'] : ['sqlite']

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** A fresh, empty database of the given engine; `drop` removes it. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kaname-test-'))
    return { url: join(dir, 'kaname.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const scratch = await createScratchPostgres(PG_ADMIN_URL, 'kaname_test')
  return { url: scratch.url, drop: scratch.drop }
}

/** Opens a migrated context on a fresh database; call `close` in afterAll. */
export async function openTestContext(engine: Engine, options: Omit<ContextOptions, 'databaseUrl'> = {}): Promise<AppContext & { close(): Promise<void>; url: string }> {
  const database = await createTestDatabase(engine)
  const ctx = await openContext({ ...options, databaseUrl: database.url, oidc: options.oidc ?? null })
  return Object.assign(ctx, {
    url: database.url,
    close: async () => { await ctx.database.close(); await database.drop() },
  })
}

/** `describe` once per engine, named `sqlite: …` / `postgres: …`. */
export function describeEachEngine(name: string, body: (engine: Engine) => void): void {
  for (const engine of ENGINES) describe(`${engine}: ${name}`, () => body(engine))
}
