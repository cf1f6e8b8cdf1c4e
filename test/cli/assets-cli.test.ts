import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, kaname as runKaname } from '../harness/kaname-cli.ts'

/**
 * `kaname assets import FILE --org ORG [--json]` and `kaname assets export`, spawned as the real command
 * against a demo database: the summary, idempotence, per-row errors as JSON, refusals (not an operator, a
 * 100 MB file before it is read), and the export → import round trip through XLSX.
 */

const kaname = (args: string[]) => runKaname(args, { demoPassword: 'Cli-Assets-Password-2026' })

interface Summary { received: number; created: number; updated: number; unchanged: number; notMatchable: number; withoutCpe: number; warnings: { row: number; path: string; code: string }[] }
interface Failure { error: { code: string; message: string; errors: { path: string; message: string; code?: string }[] } }

describe('kaname assets', () => {
  let dir: string
  let db: string
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaname-cli-assets-'))
    db = join(dir, 'k.sqlite')
    expect((await kaname(['seed', '--demo', '--db', db, '--json'])).code).toBe(0)
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const inventory = '\uFEFF資産ID,ベンダー,製品,バージョン,役割,インターネット到達性,閉域網,導入日\r\n' +
    'CLI-RTR-1,Cisco,IOS XE,17.9.4a,ルーター,あり,いいえ,2019/4/1\r\n' +
    'CLI-FW-1,Fortinet,FortiOS,7.2.4,ファイアウォール,なし,はい,2020-01-01\r\n' +
    'CLI-PLC-1,Mitsubishi Electric,MELSEC iQ-R,1.2,PLC,不明,はい,\r\n'

  it('imports an operator\'s inventory, prints one JSON summary, and changes nothing the second time', async () => {
    const path = file('inventory.csv', inventory)
    const first = await kaname(['assets', 'import', path, '--org', 'clinic-kaede', '--db', db, '--json'])
    expect(first.code, first.stderr).toBe(0)
    expect(json<Summary>(first)).toMatchObject({ received: 3, created: 3, updated: 0, unchanged: 0, notMatchable: 1, warnings: [{ row: 4, path: 'rows[4].vendor', code: 'asset.vendor_not_matchable' }] })
    const second = await kaname(['assets', 'import', path, '--org', 'clinic-kaede', '--db', db])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toContain('3 device(s) read: 0 created, 0 updated, 3 unchanged')
    expect(second.stdout).toContain('Mitsubishi Electric')
    // The audit chain still verifies after the import.
    const verify = await kaname(['audit', 'verify', '--db', db, '--json'])
    expect(verify.code, verify.stderr).toBe(0)
  })

  it('names each bad row and column, and stores nothing', async () => {
    const bad = file('bad.csv', 'asset_id,vendor,product,version,install_date\r\nCLI-OK,Cisco,IOS,15.2(4)M7,\r\nCLI-BAD,Cisco,IOS,"15.2\u0007(4)",2999-01-01\r\nCLI-OK,Juniper,Junos OS,21.4R3-S5,\r\n')
    const run = await kaname(['assets', 'import', bad, '--org', 'clinic-kaede', '--db', db, '--json'])
    expect(run.code).toBe(1)
    const failure = json<Failure>(run)
    expect(failure.error.code).toBe('assets.import_invalid')
    expect(failure.error.errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      'rows[3].version asset.control_character', 'rows[3].install_date asset.date_in_future', 'rows[4].asset_id asset.row_duplicate',
    ])
    expect(run.stderr).toMatch(/^kaname: Nothing was imported: 3 problem\(s\)/)
    const exported = await kaname(['assets', 'export', '--org', 'clinic-kaede', '--db', db, '--locale', 'en'])
    expect(exported.stdout).not.toContain('CLI-OK')
  })

  it('refuses a 100 MB file before reading it, an organisation that is not an operator, and an unknown format', async () => {
    const huge = join(dir, 'huge.csv')
    writeFileSync(huge, 'asset_id,vendor,product,version\r\n')
    // Sparse: 100 MB on paper, nothing on disk; reading it would take seconds and the memory of the file.
    truncateSync(huge, 100 * 1024 * 1024)
    const big = await kaname(['assets', 'import', huge, '--org', 'clinic-kaede', '--db', db, '--json'])
    expect(big.code).toBe(1)
    expect(json<Failure>(big).error).toMatchObject({ code: 'assets.file_too_large', errors: [{ path: 'file' }] })
    expect(big.stderr).toContain('100.0 MB')

    const path = file('again.csv', inventory)
    const ministry = await kaname(['assets', 'import', path, '--org', 'mhlw', '--db', db, '--json'])
    expect(ministry.code).toBe(1)
    expect(json<Failure>(ministry).error.code).toBe('forbidden')
    const nobody = await kaname(['assets', 'import', path, '--org', 'no-such-org', '--db', db, '--json'])
    expect(json<Failure>(nobody).error.code).toBe('organisation.not_found')
    const txt = file('inventory.txt', inventory)
    const format = await kaname(['assets', 'import', txt, '--org', 'clinic-kaede', '--db', db, '--json'])
    expect(json<Failure>(format).error.code).toBe('cli.format')
    expect((await kaname(['assets', 'import', txt, '--org', 'clinic-kaede', '--format', 'csv', '--db', db, '--json'])).code).toBe(0)
  })

  it('exports to XLSX and imports the export unchanged', async () => {
    const out = join(dir, 'export.xlsx')
    const exported = await kaname(['assets', 'export', '--org', 'clinic-kaede', '--format', 'xlsx', '--out', out, '--db', db])
    expect(exported.code, exported.stderr).toBe(0)
    const again = await kaname(['assets', 'import', out, '--org', 'clinic-kaede', '--db', db, '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(json<Summary>(again)).toMatchObject({ received: 3, created: 0, updated: 0, unchanged: 3 })
    // Another operator cannot import it: the rows name clinic-kaede.
    const foreign = await kaname(['assets', 'import', out, '--org', 'clinic-tsubaki', '--db', db, '--json'])
    expect(json<Failure>(foreign).error.errors.map((e) => e.code)).toEqual(['asset.operator_not_own', 'asset.operator_not_own', 'asset.operator_not_own'])
  })
})
