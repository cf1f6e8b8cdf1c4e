import { DatabaseSync } from 'node:sqlite'
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

export function nodeSqliteDialect(db: DatabaseSync): SqliteDialect {
  const adapter: SqliteDatabase = {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const statement = db.prepare(sql)
      return {
        reader: statement.columns().length > 0,
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
