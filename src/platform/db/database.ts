import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { Kysely, PostgresDialect, type Transaction } from 'kysely'
import pg from 'pg'
import { nodeSqliteDialect, openNodeSqlite } from './node-sqlite-dialect.ts'
import type { DB } from './schema.ts'

export type Engine = 'sqlite' | 'postgres'

/** The one database handle passed around. `sqlite` is set only for the embedded engine (backup needs it). */
export interface Database {
  readonly db: Kysely<DB>
  readonly engine: Engine
  readonly location: string
  readonly sqlite: DatabaseSync | null
  close(): Promise<void>
}

export type Executor = Kysely<DB> | Transaction<DB>

export const DEFAULT_SQLITE_PATH = './data/kaname.sqlite'

/** Picks the engine from a URL: `postgres://…` or `postgresql://…` → PostgreSQL, anything else is a SQLite file path. */
export function resolveDatabaseUrl(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.KANAME_DATABASE_URL ?? DEFAULT_SQLITE_PATH
}

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite'
}

export function openDatabase(url: string): Database {
  if (engineOf(url) === 'postgres') {
    // int8 (count(*) etc.) would otherwise arrive as strings; our counts never exceed 2^53.
    pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10))
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    return { db, engine: 'postgres', location: redactUrl(url), sqlite: null, close: () => db.destroy() }
  }
  const path = sqlitePathOf(url)
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
  const sqlite = openNodeSqlite(path)
  const db = new Kysely<DB>({ dialect: nodeSqliteDialect(sqlite) })
  return { db, engine: 'sqlite', location: path, sqlite, close: () => db.destroy() }
}

/** The file behind a SQLite URL (`file:` prefix optional). */
export function sqlitePathOf(url: string): string {
  return url.startsWith('file:') ? url.slice('file:'.length) : url
}

/** Connection strings may carry passwords; never print them. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}

/** One transaction per write: everything inside commits together or not at all. */
export function inTransaction<T>(database: Database, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(work)
}
