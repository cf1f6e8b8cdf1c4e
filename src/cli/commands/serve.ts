import { spawnSync } from 'node:child_process'
import { seedDemoDataset } from '../../platform/demo-dataset.ts'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import pino from 'pino'
import { openContext } from '../../platform/bootstrap.ts'
import { buildApp, LOG_REDACT, LOG_SERIALIZERS } from '../../platform/http/app.ts'
import { generateDemoPassword } from '../../org/seed/seed.ts'
import { progressBar } from '../output.ts'

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const WEB_ROOT = join(PROJECT_ROOT, 'web', 'dist')

interface ServeOptions { db?: string; port: string; host: string; demo?: boolean; buildWeb?: boolean }

export async function serveCommand(options: ServeOptions): Promise<void> {
  const logger = pino({ level: process.env.KANAME_LOG_LEVEL ?? 'info', redact: LOG_REDACT, serializers: LOG_SERIALIZERS })
  if (options.buildWeb && !existsSync(join(WEB_ROOT, 'index.html'))) {
    logger.info('building the web app (first start)')
    const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
    const result = spawnSync(process.execPath, [vite, 'build', '--config', join(PROJECT_ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: PROJECT_ROOT })
    if (result.status !== 0) throw new Error('building the web app failed')
  }
  const ctx = await openContext({ databaseUrl: options.db, demo: Boolean(options.demo) })
  logger.info({ engine: ctx.database.engine, location: ctx.database.location }, 'database ready')
  if (options.demo) {
    const bar = progressBar('demo data')
    const result = await seedDemoDataset(ctx, process.env.KANAME_DEMO_PASSWORD ?? generateDemoPassword(), (d, t) => bar.update(d, t))
    bar.stop()
    if (result.seeded) printDemoAccounts(result.password!, result.users)
  }
  const app = await buildApp(ctx, { loggerInstance: logger as never, webRoot: WEB_ROOT })
  const close = async () => {
    await app.close()
    await ctx.database.close()
    process.exit(0)
  }
  process.once('SIGINT', close)
  process.once('SIGTERM', close)
  await app.listen({ port: Number(options.port), host: options.host })
}

/** Demo mode only, first start only: the one moment these passwords are shown. */
function printDemoAccounts(password: string, users: { email: string; organisations: string[] }[]) {
  const lines = [
    '',
    '  要 Kaname demo accounts (shown once; all share this password)',
    `  password: ${password}`,
    ...users.map((u) => `  ${u.email.padEnd(36)} ${u.organisations.join(', ')}`),
    '',
  ]
  process.stderr.write(`${lines.join('\n')}\n`)
}
