import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openContext } from '../../src/platform/bootstrap.ts'
import { inTransaction } from '../../src/platform/db/database.ts'
import type { Scope } from '../../src/authz/domain/scope.ts'
import type { CiService } from '../../src/services/domain/service.ts'
import { insertServiceRow, writeServiceChildren } from '../../src/services/store/services-repository.ts'
import { createEdge, createProvider } from '../../src/dependencies/dependencies-service.ts'
import { json, kaname as runKaname } from '../harness/kaname-cli.ts'

const kaname = (args: string[]) => runKaname(args, { demoPassword: 'Cli-Dependencies-Password-2026' })
const NCO: Scope = { actor: 'system:test', userId: null, organisationId: 'nco', organisationKind: 'national_office', role: 'admin', sectorIds: [] }

interface SpofRow { id: string; name: string; kind: string; peopleAffected: number; sectorsTouched: string[]; reason: { code: string; articulationPoint: boolean; betweenness: number; via: string[] } }

describe('kaname spof and simulate', () => {
  let dir: string
  let db: string
  let clinic: string
  let bank: string
  let cloud: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaname-cli-dependencies-'))
    db = join(dir, 'k.sqlite')
    expect((await kaname(['seed', '--demo', '--db', db, '--json'])).code).toBe(0)
    // Two services on one cloud, written through the modules as the API would.
    const ctx = await openContext({ databaseUrl: db })
    try {
      const service = async (operatorId: string, sector: string, nameJa: string, people: number, mtpd: number) => {
        const s: CiService = {
          id: randomUUID(), operatorId, name: { ja: nameJa, en: `${nameJa} EN` }, sector, type: 'cli', peopleServed: people, businessesServed: 0,
          prefectures: [{ prefectureCode: '13', people: 0 }], substitutes: [], mtpdHours: mtpd, rtoHours: 1, rpoHours: 1, rlo: 0.5, impact: { afterHour: 0, afterDay: 0, afterWeek: 0 },
        }
        await inTransaction(ctx.database, async (trx) => { await insertServiceRow(trx, s, ctx.now().toISOString(), 'test'); await writeServiceChildren(trx, s) })
        return s.id
      }
      clinic = await service('clinic-kaede', 'medical', 'CLI外来', 5000, 24)
      bank = await service('shinonome-bank', 'finance', 'CLI決済', 100_000, 4)
      cloud = (await createProvider(ctx, NCO, { name: { ja: 'CLIクラウド', en: 'CLI Cloud' }, providerType: 'cloud', prefectures: ['13'], annualFailureProbability: null })).id
      await createEdge(ctx, NCO, { from: clinic, to: cloud, criticality: 'critical', failover: { kind: 'manual', hours: 30 }, alternatives: [] })
      await createEdge(ctx, NCO, { from: bank, to: cloud, criticality: 'critical', failover: { kind: 'none' }, alternatives: [] })
    } finally {
      await ctx.database.close()
    }
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('spof --json prints the ranked array with exactly the contract\'s fields', async () => {
    const run = await kaname(['spof', '--db', db, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const rows = json<SpofRow[]>(run)
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['id', 'kind', 'name', 'peopleAffected', 'reason', 'sectorsTouched'])
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.peopleAffected).toBeGreaterThanOrEqual(rows[i]!.peopleAffected)
    // 72 h without the cloud: the bank (4 h MTPD) at once, the clinic after its 30 h switch-over (42 h > 24 h).
    expect(rows.find((r) => r.id === cloud)).toMatchObject({ name: 'CLIクラウド', kind: 'provider', peopleAffected: 105_000, sectorsTouched: ['finance', 'medical'], reason: { code: 'direct_dependency' } })
    expect(rows.find((r) => r.id === cloud)!.reason.via.sort()).toEqual([bank, clinic].sort())
  })

  it('spof --hours: a shorter failure is ridden out by the clinic\'s switch-over', async () => {
    const rows = json<SpofRow[]>(await kaname(['spof', '--hours', '20', '--db', db, '--json']))
    expect(rows.find((r) => r.id === cloud)).toMatchObject({ peopleAffected: 100_000, sectorsTouched: ['finance'] })
    const bad = await kaname(['spof', '--hours', 'abc', '--db', db, '--json'])
    expect(bad.code).not.toBe(0)
    expect(json<{ error: { errors: { path: string }[] } }>(bad).error.errors.map((e) => e.path)).toEqual(['--hours'])
  })

  it('spof without --json prints a table', async () => {
    const run = await kaname(['spof', '--db', db])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout.split('\n')[0]).toMatch(/^#\s+kind\s+name\s+people\s+sectors\s+reason$/)
    expect(run.stdout).toMatch(/provider\s+CLIクラウド\s+105,000\s+finance,medical\s+direct_dependency/)
  })

  it('simulate --down by name or id, several nodes, with failover deciding who passes the MTPD', async () => {
    const byName = await kaname(['simulate', '--down', 'CLIクラウド', '--hours', '48', '--db', db, '--json'])
    expect(byName.code, byName.stderr).toBe(0)
    const one = json<{ servicesExceedingMtpd: string[]; peakPeopleAffected: number; nodes: { id: string; down: { start: number; end: number }[] }[] }>(byName)
    expect(one.servicesExceedingMtpd).toEqual([bank])
    expect(one.nodes.find((n) => n.id === clinic)!.down).toEqual([{ start: 30, end: 48 }])
    expect(one.peakPeopleAffected).toBe(105_000)
    const both = json<{ servicesExceedingMtpd: string[] }>(await kaname(['simulate', '--down', `CLI Cloud,${clinic}`, '--hours', '48', '--db', db, '--json']))
    expect(both.servicesExceedingMtpd.sort()).toEqual([bank, clinic].sort())
    const human = await kaname(['simulate', '--down', cloud, '--hours', '48', '--db', db])
    expect(human.stdout).toContain('past their MTPD: CLI決済')
  })

  it('simulate refuses unknown nodes and bad hours, naming the option', async () => {
    const unknown = await kaname(['simulate', '--down', `CLIクラウド,no-such-node`, '--hours', '5', '--db', db, '--json'])
    expect(unknown.code).not.toBe(0)
    expect(json<{ error: { errors: { path: string }[] } }>(unknown).error.errors.map((e) => e.path)).toEqual(['--down.1'])
    expect(unknown.stderr).toContain('no-such-node')
    const negative = await kaname(['simulate', '--down', 'CLIクラウド', '--hours', '-2', '--db', db, '--json'])
    expect(negative.code).not.toBe(0)
    expect(json<{ error: { errors: { path: string }[] } }>(negative).error.errors.map((e) => e.path)).toEqual(['--hours'])
  })
})
