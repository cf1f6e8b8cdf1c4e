import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, cpus } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { openContext } from '../src/platform/bootstrap.ts'
import { buildApp } from '../src/platform/http/app.ts'
import { generateDemoPassword, seedDemo } from '../src/org/seed/seed.ts'

/**
 * API benchmark: the authenticated operator list (session lookup, scope, visibility query, serialization)
 * against a bare Fastify route returning the same JSON, in the same run on the same machine. The ratio says
 * what our stack costs over Fastify itself. Target: ≥ 0.5.
 *
 * The load generator runs in a worker thread (autocannon `workers: 1`) so it does not share the servers'
 * event loop; both servers live in this process's main thread, one measured at a time.
 */
const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    email: { type: 'string', default: 'mhlw@demo.kaname.jp' },
    path: { type: 'string', default: '/api/v1/org/organisations?kind=operator' },
  },
})
const duration = Number(opts.duration)
const warmup = Number(opts.warmup)
const connections = Number(opts.connections)
const TARGET = 0.5

const dir = mkdtempSync(join(tmpdir(), 'kaname-bench-'))
const password = generateDemoPassword()
const ctx = await openContext({ databaseUrl: join(dir, 'bench.sqlite'), demo: true, oidc: null })
await seedDemo(ctx, password)
const app = await buildApp(ctx)
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' })

const login = await fetch(`${appUrl}/api/v1/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: opts.email, password }),
})
if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`)
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')

const sample = await fetch(`${appUrl}${opts.path}`, { headers: { cookie } })
if (sample.status !== 200) throw new Error(`GET ${opts.path} answered ${sample.status}`)
const payloadText = await sample.text()
const payload = JSON.parse(payloadText) as unknown

// The bare route serializes the same object on every request, as the real one does.
const bare = Fastify({ logger: false })
bare.get(new URL(opts.path, 'http://x').pathname, async () => payload)
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' })
const bareSample = await fetch(`${bareUrl}${opts.path}`)
if ((await bareSample.text()) !== payloadText) throw new Error('the bare route does not return the same JSON')

interface Measured { reqPerSec: number; p50: number; p99: number; requests: number; errors: number; non2xx: number }

async function load(url: string, seconds: number, headers: Record<string, string>): Promise<Measured> {
  const result = await autocannon({ url, connections, duration: seconds, headers, workers: 1 })
  return {
    reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    requests: result.requests.total, errors: result.errors + result.timeouts, non2xx: result.non2xx,
  }
}

async function measure(label: string, base: string, headers: Record<string, string>): Promise<Measured> {
  process.stderr.write(`${label}: warm-up ${warmup} s, then ${duration} s with ${connections} connections…\n`)
  await load(`${base}${opts.path}`, warmup, headers)
  return load(`${base}${opts.path}`, duration, headers)
}

const bareResult = await measure('bare fastify', bareUrl, {})
const appResult = await measure('kaname', appUrl, { cookie })

await bare.close()
await app.close()
await ctx.database.close()
rmSync(dir, { recursive: true, force: true })

const ratio = appResult.reqPerSec / bareResult.reqPerSec
const rows = [
  ['route', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx'],
  ['bare fastify (same JSON)', bareResult],
  [`kaname (${opts.email.split('@')[0]}, session)`, appResult],
].map((r) => Array.isArray(r) && typeof r[1] === 'object'
  ? [r[0] as string, (r[1] as Measured).reqPerSec.toFixed(0), String((r[1] as Measured).p50), String((r[1] as Measured).p99),
    String((r[1] as Measured).requests), String((r[1] as Measured).errors), String((r[1] as Measured).non2xx)]
  : (r as string[]))
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')

console.log(`\nGET ${opts.path}  (${payloadText.length} bytes JSON; ${connections} connections, ${duration} s, ${cpus().length} CPUs, node ${process.version})`)
console.log(line(rows[0]!))
for (const r of rows.slice(1)) console.log(line(r))
console.log(`\nthroughput ratio kaname / bare: ${ratio.toFixed(2)}  (target ≥ ${TARGET}: ${ratio >= TARGET ? 'met' : 'NOT met'})`)

if (appResult.errors + appResult.non2xx + bareResult.errors + bareResult.non2xx > 0) {
  console.error('errors or non-2xx answers during the run: the numbers above are not comparable')
  process.exitCode = 1
}
