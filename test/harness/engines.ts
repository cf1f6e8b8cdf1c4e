import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe } from 'vitest'
import { openContext, type ContextOptions } from '../../src/platform/bootstrap.ts'
import type { AppContext } from '../../src/platform/context.ts'
import type { Engine } from '../../src/platform/db/database.ts'

/**
 * Store tests run on every engine: SQLite always, PostgreSQL when reachable (KANAME_TEST_PG_URL, default
 * 127.0.0.1:5432 as postgres). Without PostgreSQL they are skipped with a visible notice, unless
 * KANAME_REQUIRE_PG=1 (CI), where a missing server fails the run.
 */
export const PG_ADMIN_URL = process.env.KANAME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

export const postgresAvailable = await probePostgres()
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
  const name = `kaname_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL })
      await c.connect()
      // pg's pool.end() resolves before its backends have exited; forcing the drop then kills them
      // mid-goodbye and their clients throw 57P01 as an uncaught error. Give them a moment first.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
        if (rows[0].n === 0) break
        await new Promise((r) => setTimeout(r, 20))
      }
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
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
