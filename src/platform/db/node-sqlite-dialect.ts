import { DatabaseSync, type StatementSync } from 'node:sqlite'
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely'

/**
 * Adapts Node's built-in `node:sqlite` to the driver shape Kysely's SqliteDialect expects.
 * Node's StatementSync has no `reader` flag and takes spread parameters, so both are bridged here.
 * This is the only file that knows about node:sqlite's API.
 */
export function openNodeSqlite(path: string): DatabaseSync {
  const db = new DatabaseSync(path)
  // WAL lets readers proceed during a write; NORMAL sync in WAL mode survives a process crash
  // (committed transactions are in the WAL before COMMIT returns), which is what we promise.
  db.exec('pragma journal_mode = wal')
  db.exec('pragma synchronous = normal')
  db.exec('pragma foreign_keys = on')
  db.exec('pragma busy_timeout = 5000')
  return db
}

/** Prepared statements kept per SQL text; Kysely emits a handful of distinct texts, all with bound parameters. */
const STATEMENT_CACHE_SIZE = 500

export function nodeSqliteDialect(db: DatabaseSync): SqliteDialect {
  // Preparing costs as much as running a small query, and Kysely asks for every execution. Reuse is safe:
  // Kysely's SQLite driver runs one query at a time on the one connection, and SQLite re-prepares a cached
  // statement by itself after a schema change.
  const cache = new Map<string, { statement: StatementSync; reader: boolean }>()
  const prepared = (sql: string) => {
    let entry = cache.get(sql)
    if (entry) {
      cache.delete(sql)
    } else {
      const statement = db.prepare(sql)
      entry = { statement, reader: statement.columns().length > 0 }
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
    }
    cache.set(sql, entry)
    return entry
  }
  const adapter: SqliteDatabase = {
    close: () => { cache.clear(); db.close() },
    prepare(sql: string): SqliteStatement {
      const { statement, reader } = prepared(sql)
      return {
        reader,
        all: (parameters) => statement.all(...(parameters as never[])) as unknown[],
        run: (parameters) => {
          const result = statement.run(...(parameters as never[]))
          return { changes: result.changes, lastInsertRowid: result.lastInsertRowid }
        },
        iterate: (parameters) => statement.iterate(...(parameters as never[])) as IterableIterator<unknown>,
      }
    },
  }
  return new SqliteDialect({ database: adapter })
}
