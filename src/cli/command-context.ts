import { Option } from 'commander'
import type { AppContext } from '../platform/context.ts'
import { openContext } from '../platform/bootstrap.ts'
import { fail } from './output.ts'

/** Options every command shares. */
export interface CommonOptions { db?: string; json?: boolean }

export const dbOption = () => new Option('--db <url>', 'SQLite file or postgres:// URL').env('KANAME_DATABASE_URL')
export const jsonOption = () => new Option('--json', 'print one JSON document on stdout')

/** Runs one command against an opened (migrated) context and always closes it; errors end the command. */
export async function withContext(options: CommonOptions, work: (ctx: AppContext) => Promise<void>): Promise<void> {
  let ctx: AppContext | null = null
  try {
    ctx = await openContext({ databaseUrl: options.db })
    await work(ctx)
  } catch (error) {
    await ctx?.database.close()
    fail(Boolean(options.json), error)
  }
  await ctx?.database.close()
}
