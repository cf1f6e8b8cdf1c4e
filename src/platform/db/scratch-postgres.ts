import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * Throw-away PostgreSQL databases for tests and benchmarks: a probe for whether a server answers, and a fresh
 * database created through an administrative connection and dropped again afterwards. Never used by the
 * running platform.
 */

/** Whether a PostgreSQL server answers at `adminUrl` within two seconds. */
export async function postgresReachable(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 })
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

export interface ScratchDatabase {
  name: string
  url: string
  /** Runs `work` on a fresh administrative connection (for size queries and the like). */
  withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T>
  drop(): Promise<void>
}

/** A new empty database named `<prefix>_<random>` on the server of `adminUrl`. */
export async function createScratchPostgres(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const withAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try { return await work(client) } finally { await client.end() }
  }
  await withAdmin((c) => c.query(`create database ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    name, url: url.toString(), withAdmin,
    drop: () => withAdmin(async (c) => {
      // pg's pool.end() resolves before its backends have exited; forcing the drop then kills them
      // mid-goodbye and their clients throw 57P01 as an uncaught error. Give them a moment first.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
        if (rows[0].n === 0) break
        await new Promise((r) => setTimeout(r, 20))
      }
      await c.query(`drop database if exists ${name} with (force)`)
    }),
  }
}
