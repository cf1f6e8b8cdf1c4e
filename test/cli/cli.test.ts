import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../harness/engines.ts'
import { openContext } from '../../src/platform/bootstrap.ts'
import { inTransaction, openDatabase, type Engine } from '../../src/platform/db/database.ts'
import { buildApp } from '../../src/platform/http/app.ts'
import { appendAudit, verifyAuditChain } from '../../src/audit/store/audit-repository.ts'
import { listAllOrganisationsUnscoped } from '../../src/org/store/organisation-repository.ts'
import { DEMO_ORGANISATIONS } from '../../src/org/seed/demo-data.ts'
import { SECTORS } from '../../src/org/seed/sectors.ts'
import type { AppContext } from '../../src/platform/context.ts'
import { json as parseJson, kaname as runKaname, type Run } from '../harness/kaname-cli.ts'

const DEMO_PASSWORD = 'Cli-Demo-Password-2026'

/** Runs the real `kaname` executable as a child process, as an operator would. */
const kaname = (args: string[], options: { input?: string } = {}) => runKaname(args, { demoPassword: DEMO_PASSWORD, ...options })
const json = <T = any>(run: Run): T => parseJson<T>(run)

/** A statement straight to the database with the engine's own driver, bypassing the platform. `$n` placeholders. */
async function rawSql(engine: Engine, url: string, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (engine === 'sqlite') {
    const db = new DatabaseSync(url)
    try {
      const statement = db.prepare(text.replace(/\$(\d+)/g, '?$1'))
      return statement.columns().length > 0 ? statement.all(...(params as never[])) as Record<string, unknown>[] : (statement.run(...(params as never[])), [])
    } finally { db.close() }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, params)).rows
  } finally { await client.end() }
}

async function count(engine: Engine, url: string, text: string, params: unknown[] = []): Promise<number> {
  const [row] = await rawSql(engine, url, text, params)
  return Number(Object.values(row!)[0])
}

const sectorsOf = (key: string, kind: string, own: string[]) =>
  kind === 'ministry' ? SECTORS.filter((s) => s.ministryKeys.includes(key)).map((s) => s.id).sort() : [...own].sort()

async function login(app: FastifyInstance, email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
}

describeEachEngine('kaname CLI', (engine) => {
  let database: TestDatabase
  let url: string
  const db = () => ['--db', url]
  /** The server side of the same database, for checking what the CLI wrote through the real HTTP API. */
  let ctx: AppContext
  let app: FastifyInstance

  beforeAll(async () => {
    database = await createTestDatabase(engine)
    url = database.url
  })
  afterAll(async () => {
    await app?.close()
    await ctx?.database.close()
    await database?.drop()
  })

  async function openServer() {
    ctx ??= await openContext({ databaseUrl: url, oidc: null, security: { loginRateLimit: { max: 10_000, timeWindowMs: 60_000 } } })
    app ??= await buildApp(ctx)
    return app
  }

  it('seed --demo --json prints one JSON document naming the seeded accounts', async () => {
    const run = await kaname(['seed', '--demo', '--json', ...db()])
    expect(run.code, run.stderr).toBe(0)
    const result = json<{ seeded: boolean; password: string; users: { email: string }[] }>(run)
    expect(result.seeded).toBe(true)
    expect(result.password).toBe(DEMO_PASSWORD)
    expect(result.users.map((u) => u.email)).toContain('mhlw@demo.kaname.jp')

    const again = await kaname(['seed', '--demo', '--json', ...db()])
    expect(again.code).toBe(0)
    expect(json(again)).toMatchObject({ seeded: false })
  })

  it('orgs list --json lists every organisation with id, name, kind and sectors, and nothing else', async () => {
    const run = await kaname(['orgs', 'list', '--json', ...db()])
    expect(run.code, run.stderr).toBe(0)
    const listed = json<{ id: string; name: string; kind: string; sectors: string[] }[]>(run)
    expect(listed).toHaveLength(DEMO_ORGANISATIONS.length)
    const byId = new Map(listed.map((o) => [o.id, o]))
    for (const demo of DEMO_ORGANISATIONS) {
      const o = byId.get(demo.key)
      expect(o, demo.key).toBeDefined()
      expect(o!.name).toBe(demo.name)
      expect(o!.kind).toBe(demo.kind)
      expect([...o!.sectors].sort(), demo.key).toEqual(sectorsOf(demo.key, demo.kind, demo.sectorIds))
    }

    const human = await kaname(['orgs', 'list', ...db()])
    expect(human.code).toBe(0)
    expect(human.stdout.trim().split('\n')).toHaveLength(DEMO_ORGANISATIONS.length)
  })

  it('audit verify reports an intact chain', async () => {
    const run = await kaname(['audit', 'verify', '--json', ...db()])
    expect(run.code, run.stderr).toBe(0)
    const verdict = json<{ ok: boolean; checked: number }>(run)
    expect(verdict.ok).toBe(true)
    expect(verdict.checked).toBe(await count(engine, url, 'select count(*) from audit_entry'))
    const human = await kaname(['audit', 'verify', ...db()])
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/intact/)
  })

  it('audit verify fails and names the entry after one row is edited in the database', async () => {
    const seq = Math.floor(await count(engine, url, 'select count(*) from audit_entry') / 2)
    const [row] = await rawSql(engine, url, 'select actor from audit_entry where seq = $1', [seq]) as [{ actor: string }]
    await rawSql(engine, url, 'update audit_entry set actor = $1 where seq = $2', ['user:intruder', seq])
    try {
      const human = await kaname(['audit', 'verify', ...db()])
      expect(human.code).not.toBe(0)
      expect(human.stdout).toContain(`entry ${seq}`)
      const run = await kaname(['audit', 'verify', '--json', ...db()])
      expect(run.code).not.toBe(0)
      expect(json(run)).toMatchObject({ ok: false, firstBad: { seq, reason: 'altered' } })
    } finally {
      await rawSql(engine, url, 'update audit_entry set actor = $1 where seq = $2', [row.actor, seq])
    }
    // Put back as it was, the chain verifies again: the verdict follows the content, not a flag.
    expect((await kaname(['audit', 'verify', ...db()])).code).toBe(0)
  })

  it('user create refuses a weak password, says why, and creates nothing', async () => {
    const entriesBefore = await count(engine, url, 'select count(*) from audit_entry')
    const short = await kaname(['user', 'create', '--email', 'weak@example.jp', '--org', 'clinic-kaede', '--role', 'viewer', '--password', 'Short-1', '--json', ...db()])
    expect(short.code).toBe(1)
    const error = json<{ error: { code: string; message: string; errors: { path: string; message: string }[] } }>(short).error
    expect(error.code).toBe('auth.weak_password')
    expect(error.message).toMatch(/at least 12 characters/)
    expect(error.errors.map((e) => e.path)).toEqual(['password'])

    const human = await kaname(['user', 'create', '--email', 'tanaka.ichiro@example.jp', '--org', 'clinic-kaede', '--role', 'viewer', '--password', 'Tanaka.Ichiro-2026!', ...db()])
    expect(human.code).toBe(1)
    expect(human.stderr).toMatch(/password.*e-mail name/)
    expect(human.stdout).toBe('')

    const users = await rawSql(engine, url, 'select email from app_user where email in ($1, $2)', ['weak@example.jp', 'tanaka.ichiro@example.jp'])
    expect(users).toEqual([])
    expect(await count(engine, url, 'select count(*) from audit_entry')).toBe(entriesBefore)
  })

  it('user create with a good password makes an account that signs in; reset-password replaces it', async () => {
    const email = 'new.manager@example.jp'
    const first = 'Kaede-Clinic-Manager-01'
    const run = await kaname(['user', 'create', '--email', email, '--org', 'clinic-kaede', '--role', 'admin', '--password', first, '--name', '新 管理者', '--json', ...db()])
    expect(run.code, run.stderr).toBe(0)
    const created = json<{ id: string; email: string; organisationId: string; role: string }>(run)
    expect(created).toMatchObject({ email, organisationId: 'clinic-kaede', role: 'admin' })
    const rows = await rawSql(engine, url, 'select id, display_name, password_hash from app_user where email = $1', [email]) as { id: string; display_name: string; password_hash: string }[]
    expect(rows).toHaveLength(1)
    expect(rows[0]!.id).toBe(created.id)
    expect(rows[0]!.display_name).toBe('新 管理者')
    expect(rows[0]!.password_hash).not.toContain(first)

    const server = await openServer()
    const signedIn = await login(server, email, first)
    expect(signedIn.statusCode, signedIn.body).toBe(200)
    expect(signedIn.json()).toMatchObject({ activeOrganisationId: 'clinic-kaede', role: 'admin' })

    // The new password arrives on stdin, the way a script would pipe it without putting it in argv.
    const second = 'Kaede-Clinic-Manager-02'
    const reset = await kaname(['user', 'reset-password', '--email', email, '--json', ...db()], { input: `${second}\n` })
    expect(reset.code, reset.stderr).toBe(0)
    expect(json(reset)).toMatchObject({ id: created.id, email })
    expect((await login(server, email, first)).statusCode).toBe(401)
    expect((await login(server, email, second)).statusCode).toBe(200)

    const weak = await kaname(['user', 'reset-password', '--email', email, '--password', 'tooshort', ...db()])
    expect(weak.code).toBe(1)
    expect(weak.stderr).toMatch(/at least 12 characters/)
    expect((await login(server, email, second)).statusCode).toBe(200)

    const nobody = await kaname(['user', 'reset-password', '--email', 'nobody@example.jp', '--password', 'Some-Good-Password-9', '--json', ...db()])
    expect(nobody.code).toBe(1)
    expect(json(nobody)).toMatchObject({ error: { code: 'user.not_found', errors: [{ path: 'email' }] } })
  })

  it('token create prints a secret that authenticates API calls with the organisation\'s view', async () => {
    const run = await kaname(['token', 'create', '--org', 'mhlw', '--role', 'viewer', '--json', ...db()])
    expect(run.code, run.stderr).toBe(0)
    const token = json<{ id: string; secret: string; role: string; organisationId: string }>(run)
    expect(token).toMatchObject({ role: 'viewer', organisationId: 'mhlw' })
    const stored = await rawSql(engine, url, 'select secret_hash from api_token where id = $1', [token.id]) as { secret_hash: string }[]
    expect(stored).toHaveLength(1)
    expect(token.secret).not.toContain(stored[0]!.secret_hash)
    expect(stored[0]!.secret_hash).not.toContain(token.secret.split('.')[1]!)

    const server = await openServer()
    const res = await server.inject({ method: 'GET', url: '/api/v1/org/organisations', headers: { authorization: `Bearer ${token.secret}` } })
    expect(res.statusCode, res.body).toBe(200)
    const ids = (res.json() as { id: string }[]).map((o) => o.id)
    expect(ids).toContain('clinic-kaede')
    expect(ids).toContain('mhlw')
    expect(ids).not.toContain('shinonome-bank')
  })

  it('a revoked, expired or garbled token gets a 401 problem', async () => {
    const server = await openServer()
    const create = async (...extra: string[]) => json<{ id: string; secret: string }>(await kaname(['token', 'create', '--org', 'mhlw', '--role', 'viewer', '--json', ...extra, ...db()]))
    const call = (secret: string, target = server) =>
      target.inject({ method: 'GET', url: '/api/v1/org/organisations', headers: { authorization: `Bearer ${secret}` } })
    const expect401 = async (secret: string, target = server) => {
      const res = await call(secret, target)
      expect(res.statusCode, secret).toBe(401)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json()).toMatchObject({ status: 401, code: 'auth.invalid_token' })
    }

    // Revoked through the real API by the ministry's admin.
    const revoked = await create()
    expect((await call(revoked.secret)).statusCode).toBe(200)
    const signIn = await login(server, 'mhlw@demo.kaname.jp', DEMO_PASSWORD)
    expect(signIn.statusCode, signIn.body).toBe(200)
    const cookies = Object.fromEntries(signIn.cookies.map((c) => [c.name, c.value]))
    const del = await server.inject({
      method: 'DELETE', url: `/api/v1/org/tokens/${revoked.id}`,
      headers: { cookie: `kaname_session=${cookies.kaname_session}; kaname_csrf=${cookies.kaname_csrf}`, 'x-csrf-token': cookies.kaname_csrf! },
    })
    expect(del.statusCode, del.body).toBe(204)
    await expect401(revoked.secret)

    // Expired: the same database seen by a server whose clock is two days later.
    const shortLived = await create('--days', '1')
    expect((await call(shortLived.secret)).statusCode).toBe(200)
    const later = await openContext({ databaseUrl: url, oidc: null, now: () => new Date(Date.now() + 2 * 86_400_000) })
    const laterApp = await buildApp(later)
    try {
      await expect401(shortLived.secret, laterApp)
    } finally {
      await laterApp.close()
      await later.database.close()
    }

    const good = await create()
    const [prefix, secret] = good.secret.split('.') as [string, string]
    const flipped = secret.at(-1) === 'A' ? 'B' : 'A'
    await expect401(`${prefix}.${secret.slice(0, -1)}${flipped}`)
    await expect401(`${prefix}.${secret.slice(0, 10)}`)
    await expect401(`kn_${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${secret}`)
    await expect401('kn_garbage')
    await expect401('')
    expect((await call(good.secret)).statusCode).toBe(200)
  })

  it('--json errors name the field: unknown organisation, unknown role, bad --days', async () => {
    const before = await count(engine, url, 'select count(*) from api_token')
    const unknownOrg = await kaname(['token', 'create', '--org', 'no-such-org', '--role', 'viewer', '--json', ...db()])
    expect(unknownOrg.code).toBe(1)
    expect(json(unknownOrg)).toMatchObject({ error: { code: 'cli.org', errors: [{ path: 'org' }] } })
    expect(json(unknownOrg).error.message).toContain('no-such-org')

    const userOrg = await kaname(['user', 'create', '--email', 'x@example.jp', '--org', 'no-such-org', '--role', 'viewer', '--password', 'A-Perfectly-Good-Password-1', '--json', ...db()])
    expect(userOrg.code).toBe(1)
    expect(json(userOrg)).toMatchObject({ error: { errors: [{ path: 'org' }] } })

    const role = await kaname(['token', 'create', '--org', 'mhlw', '--role', 'emperor', '--json', ...db()])
    expect(role.code).toBe(1)
    expect(json(role)).toMatchObject({ error: { errors: [{ path: 'role' }] } })

    const days = await kaname(['token', 'create', '--org', 'mhlw', '--role', 'viewer', '--days', '0', '--json', ...db()])
    expect(days.code).toBe(1)
    expect(json(days)).toMatchObject({ error: { errors: [{ path: 'days' }] } })

    expect(await count(engine, url, 'select count(*) from api_token')).toBe(before)
    expect(await count(engine, url, 'select count(*) from app_user where email = $1', ['x@example.jp'])).toBe(0)
  })

  if (engine === 'postgres') {
    it('backup and restore refuse PostgreSQL with a pointer to its own tools', async () => {
      const backup = await kaname(['backup', join(tmpdir(), 'never-written.sqlite'), '--json', ...db()])
      expect(backup.code).toBe(1)
      expect(json(backup)).toMatchObject({ error: { code: 'cli.backup_engine' } })
      expect(json(backup).error.message).toMatch(/pg_dump/)
    })
  }
})

describe('kaname backup and restore (SQLite)', () => {
  let dir: string
  let source: string
  let writer: AppContext

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaname-cli-backup-'))
    source = join(dir, 'live.sqlite')
    const seeded = await kaname(['seed', '--demo', '--json', '--db', source])
    expect(seeded.code, seeded.stderr).toBe(0)
    writer = await openContext({ databaseUrl: source, oidc: null })
  })
  afterAll(async () => {
    await writer?.database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('backup while another connection keeps writing gives a consistent, complete copy; restore brings it back', async () => {
    const copy = join(dir, 'copy.sqlite')
    let written = 0
    let stop = false
    const writing = (async () => {
      while (!stop) {
        await inTransaction(writer.database, (trx) => appendAudit(trx, {
          actor: 'user:busy', organisationId: 'clinic-kaede', action: 'test.busy_write', targetType: 'thing', targetId: `w-${written}`, after: { written },
        }, writer.now()))
        written += 1
        await sleep(1)
      }
    })()
    while (written < 20) await sleep(5)
    const writtenBeforeBackup = written
    const run = await kaname(['backup', copy, '--json', '--db', source])
    const writtenDuringBackup = written - writtenBeforeBackup
    stop = true
    await writing
    expect(run.code, run.stderr).toBe(0)
    expect(json(run)).toMatchObject({ file: copy })
    expect(writtenDuringBackup).toBeGreaterThan(0)

    const check = new DatabaseSync(copy, { readOnly: true })
    try {
      expect(check.prepare('pragma integrity_check').all()).toEqual([{ integrity_check: 'ok' }])
      const busy = check.prepare("select count(*) as n from audit_entry where action = 'test.busy_write'").get() as { n: number }
      expect(busy.n).toBeGreaterThanOrEqual(writtenBeforeBackup)
      expect(busy.n).toBeLessThanOrEqual(written)
    } finally { check.close() }

    // A snapshot of a chain being appended to must itself be a whole chain.
    const backupDb = openDatabase(copy)
    try {
      expect((await verifyAuditChain(backupDb.db)).ok).toBe(true)
      expect((await listAllOrganisationsUnscoped(backupDb.db)).map((o) => o.id).sort())
        .toEqual((await listAllOrganisationsUnscoped(writer.database.db)).map((o) => o.id).sort())
    } finally { await backupDb.close() }

    const restored = join(dir, 'restored', 'kaname.sqlite')
    const restore = await kaname(['restore', copy, '--json', '--db', restored])
    expect(restore.code, restore.stderr).toBe(0)
    expect(json(restore)).toMatchObject({ file: copy, audit: { ok: true } })
    expect(existsSync(restored)).toBe(true)

    const fromCopy = json(await kaname(['orgs', 'list', '--json', '--db', copy]))
    const fromRestored = json(await kaname(['orgs', 'list', '--json', '--db', restored]))
    const fromLive = json(await kaname(['orgs', 'list', '--json', '--db', source]))
    expect(fromRestored).toEqual(fromCopy)
    expect(fromRestored).toEqual(fromLive)
    const verify = await kaname(['audit', 'verify', '--json', '--db', restored])
    expect(verify.code).toBe(0)
    expect(json(verify)).toMatchObject({ ok: true })
  })

  it('restore refuses a file that is not an intact SQLite database, leaving the target alone', async () => {
    const target = join(dir, 'untouched.sqlite')
    const garbage = join(dir, 'garbage.sqlite')
    writeFileSync(garbage, 'this is not a database'.repeat(100))
    const run = await kaname(['restore', garbage, '--json', '--db', target])
    expect(run.code).toBe(1)
    expect(json(run)).toHaveProperty('error')
    expect(existsSync(target)).toBe(false)

    const missing = await kaname(['restore', join(dir, 'no-such-backup.sqlite'), '--json', '--db', target])
    expect(missing.code).toBe(1)
    expect(json(missing)).toMatchObject({ error: { code: 'cli.restore_source' } })
  })
})
