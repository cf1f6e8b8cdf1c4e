import { spawnSync } from 'node:child_process'
import { randomBytes, randomInt } from 'node:crypto'
import { expect, test } from 'vitest'
import { openDatabase } from '../../src/platform/db/database.ts'
import { stateDigest } from '../../src/audit/domain/audit-chain.ts'
import { SECTORS } from '../../src/org/seed/sectors.ts'
import { createTestDatabase, describeEachEngine } from '../harness/engines.ts'
import { DEMO_PASSWORD } from '../harness/demo.ts'
import { KANAME_BIN, PROJECT_ROOT, signInHttp, startServer, type HttpSession, type RunningServer } from '../e2e/server.ts'

/**
 * Acceptance: a test kills the server process with SIGKILL during a loop of 10,000 committed writes,
 * restarts it, and finds every acknowledged write present and no partial one.
 *
 * "Acknowledged" means the client received 201: the server answers only after the transaction committed,
 * so each of those must survive. Requests still in flight when the process died may or may not have
 * committed; whichever happened, each must be all-or-nothing (row + sector links + audit entry).
 */
const LOOP_SIZE = 10_000
const IN_FLIGHT = 8

interface Sent {
  name: string
  nameEn: string
  kind: 'provider' | 'operator'
  sectors: string[]
  prefectureCode: string | null
  esDesignated: boolean
  acdDesignated: boolean
  profile: string | null
}

/** Varied but valid inputs: providers without sectors, operators with one to three sector links. */
function payload(run: string, i: number): Sent {
  const name = `crash-${run}-${i}`
  if (i % 3 === 0) {
    return { name, nameEn: `Crash provider ${i}`, kind: 'provider', sectors: [], prefectureCode: null, esDesignated: false, acdDesignated: false, profile: null }
  }
  const count = 1 + (i % 3)
  const start = randomInt(SECTORS.length)
  const sectors = Array.from({ length: count }, (_, k) => SECTORS[(start + k * 5) % SECTORS.length]!.id)
  const es = i % 4 === 0
  return {
    name, nameEn: `Crash operator ${i}`, kind: 'operator', sectors: [...new Set(sectors)],
    prefectureCode: String(1 + randomInt(47)).padStart(2, '0'), esDesignated: es, acdDesignated: es && i % 8 === 0,
    profile: i % 5 === 0 ? 'crash-test' : null,
  }
}

describeEachEngine('crash safety', (engine) => {
  test('SIGKILL during 10,000 writes: every acknowledged write survives, no partial write exists', async () => {
    const database = await createTestDatabase(engine)
    const run = randomBytes(4).toString('hex')
    const killAfter = 2_000 + randomInt(4_001)
    const started: RunningServer[] = []
    const start = async () => { const s = await startServer({ db: database.url, demoPassword: DEMO_PASSWORD }); started.push(s); return s }
    try {
      let server = await start()
      const session: HttpSession = await signInHttp(server.baseUrl, 'nco@demo.kaname.jp', DEMO_PASSWORD)
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }

      const acknowledged = new Map<string, { sent: Sent; view: Record<string, unknown> }>()
      /** Sent but never answered: the process died with these in flight. */
      const inDoubt = new Map<string, Sent>()
      const unexpected: string[] = []
      let next = 0
      let killed = false
      const target = server
      const worker = async () => {
        while (!killed && next < LOOP_SIZE) {
          const sent = payload(run, next++)
          let res: Response
          try {
            res = await fetch(`${target.baseUrl}/api/v1/org/organisations`, { method: 'POST', headers, body: JSON.stringify(sent) })
          } catch {
            inDoubt.set(sent.name, sent)
            continue
          }
          let body: string
          try {
            body = await res.text()
          } catch {
            inDoubt.set(sent.name, sent)
            continue
          }
          if (res.status !== 201) {
            unexpected.push(`${res.status} ${body.slice(0, 300)}`)
            killed = true
            continue
          }
          const view = JSON.parse(body) as Record<string, unknown>
          acknowledged.set(view.id as string, { sent, view })
          if (acknowledged.size >= killAfter && !killed) {
            killed = true
            // Synchronously, from inside the loop: the other workers' requests are mid-flight right now.
            target.child.kill('SIGKILL')
          }
        }
      }
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
      expect(unexpected, 'every write before the kill is accepted').toEqual([])
      const exit = await server.exited
      expect(exit.signal, `server died by SIGKILL (acknowledged ${acknowledged.size}, kill after ${killAfter})`).toBe('SIGKILL')
      expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter)
      expect(acknowledged.size).toBeLessThan(LOOP_SIZE)

      server = await start()
      // The session is a database row: it survived the crash like any other committed write.
      const listed = await fetch(`${server.baseUrl}/api/v1/org/organisations`, { headers: { cookie: session.cookie } })
      expect(listed.status).toBe(200)
      const byId = new Map((await listed.json() as Record<string, unknown>[]).map((o) => [o.id as string, o]))
      const missing = [...acknowledged.keys()].filter((id) => !byId.has(id))
      expect(missing, `acknowledged writes missing after restart (of ${acknowledged.size})`).toEqual([])
      for (const [id, { view }] of acknowledged) expect(byId.get(id), `organisation ${id} as acknowledged`).toEqual(view)
      await server.stop()

      const verify = spawnSync(process.execPath, [KANAME_BIN, 'audit', 'verify', '--json', '--db', database.url], { cwd: PROJECT_ROOT, encoding: 'utf8' })
      expect(verify.status, verify.stderr).toBe(0)
      const verdict = JSON.parse(verify.stdout) as { ok: boolean; checked: number }
      expect(verdict.ok).toBe(true)

      const db = openDatabase(database.url)
      try {
        const rows = await db.db.selectFrom('organisation').selectAll().execute()
        const links = await db.db.selectFrom('organisation_sector').selectAll().execute()
        const creates = await db.db.selectFrom('audit_entry').select(['target_id', 'after_digest', 'actor'])
          .where('action', '=', 'org.create').where('target_type', '=', 'organisation').execute()
        expect(verdict.checked).toBeGreaterThanOrEqual(rows.length)

        const rowIds = new Set(rows.map((r) => r.id))
        const sectorsOf = new Map<string, string[]>()
        for (const l of links) {
          expect(rowIds.has(l.organisation_id), `sector link of a missing organisation ${l.organisation_id}`).toBe(true)
          sectorsOf.set(l.organisation_id, [...(sectorsOf.get(l.organisation_id) ?? []), l.sector_id])
        }
        const auditCount = new Map<string, number>()
        for (const a of creates) auditCount.set(a.target_id, (auditCount.get(a.target_id) ?? 0) + 1)
        // One org.create entry per organisation and one organisation per org.create entry: no half-written create.
        expect([...rowIds].filter((id) => auditCount.get(id) !== 1), 'organisations without exactly one org.create entry').toEqual([])
        expect([...auditCount.keys()].filter((id) => !rowIds.has(id)), 'org.create entries without an organisation').toEqual([])

        const digestOf = new Map(creates.map((a) => [a.target_id, a.after_digest]))
        const ours = rows.filter((r) => r.name.startsWith(`crash-${run}-`))
        let recoveredInDoubt = 0
        for (const row of ours) {
          const known = acknowledged.get(row.id)
          const sent = known?.sent ?? inDoubt.get(row.name)
          expect(sent, `${row.name} was neither acknowledged nor in flight at the kill`).toBeDefined()
          if (!known) recoveredInDoubt++
          expect([...(sectorsOf.get(row.id) ?? [])].sort(), `sector links of ${row.name}`).toEqual([...sent!.sectors].sort())
          expect({
            name: row.name, nameEn: row.name_en, kind: row.kind, prefectureCode: row.prefecture_code,
            esDesignated: Boolean(row.es_designated), acdDesignated: Boolean(row.acd_designated), profile: row.profile,
          }).toEqual({
            name: sent!.name, nameEn: sent!.nameEn, kind: sent!.kind, prefectureCode: sent!.prefectureCode,
            esDesignated: sent!.esDesignated, acdDesignated: sent!.acdDesignated, profile: sent!.profile,
          })
          // The audit entry records exactly the state that was requested, not some other version of it.
          expect(digestOf.get(row.id), `audit digest of ${row.name}`).toBe(stateDigest({ id: row.id, ...sent! }))
        }
        expect(ours.length).toBe(acknowledged.size + recoveredInDoubt)
        expect(recoveredInDoubt).toBeLessThanOrEqual(inDoubt.size)
        console.info(`  ${engine}: killed after ${acknowledged.size} acknowledged writes (target ${killAfter}); ` +
          `${inDoubt.size} in flight, ${recoveredInDoubt} of them committed; audit chain of ${verdict.checked} entries intact`)
      } finally {
        await db.close()
      }
    } finally {
      for (const s of started) await s.stop()
      await database.drop()
    }
  }, 240_000)
})
