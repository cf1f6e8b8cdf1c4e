import type { FastifyInstance } from 'fastify'
import { seedDemoDataset } from '../../src/platform/demo-dataset.ts'
import type { Engine } from '../../src/platform/db/database.ts'
import { buildApp } from '../../src/platform/http/app.ts'
import { openTestContext } from './engines.ts'

export const DEMO_PASSWORD = 'Test-Demo-Password-2026'

/**
 * A demo-seeded app on a fresh database of `engine`, for inject()-based API tests. The demo assessment
 * campaigns are left out unless asked for: seeding them runs some forty submissions through the services,
 * about 2 s on SQLite but over 10 s on PostgreSQL, and most tests build the campaigns they need. So are the
 * demo services, providers and dependencies of issue 5 (`resilience`): tests of those modules build their own.
 */
export async function openDemoApp(engine: Engine, options: { campaigns?: boolean; resilience?: boolean } = {}) {
  const ctx = await openTestContext(engine, { demo: true, security: { loginRateLimit: { max: 10_000, timeWindowMs: 60_000 } } })
  await seedDemoDataset(ctx, DEMO_PASSWORD, undefined, { campaigns: options.campaigns ?? false, resilience: options.resilience ?? false })
  const app = await buildApp(ctx)
  return { ctx, app, close: async () => { await app.close(); await ctx.close() } }
}

export interface Session { cookie: string; csrf: string }

/** Signs in through the real login route and returns what a browser would hold. */
export async function signInAs(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`)
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]))
  return { cookie: `kaname_session=${cookies.kaname_session}; kaname_csrf=${cookies.kaname_csrf}`, csrf: cookies.kaname_csrf! }
}

export function headersFor(session: Session): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf }
}
