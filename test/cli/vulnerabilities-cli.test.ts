import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openDatabase } from '../../src/platform/db/database.ts'
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../harness/engines.ts'
import { json, kaname as runKaname } from '../harness/kaname-cli.ts'
import { SHARED_DATA_DIR } from '../harness/shared-data.ts'

const kaname = (args: string[]) => runKaname(args, { demoPassword: 'Cli-Vulnerabilities-Password-2026' })
const FOLDER = join(SHARED_DATA_DIR, 'cve-records-network-ics')
const KEV_DIR = join(SHARED_DATA_DIR, 'cisa-kev')
const index = (JSON.parse(readFileSync(join(FOLDER, 'index.json'), 'utf8')) as { records: { cveId: string; file: string }[] }).records
const kevCount = (JSON.parse(readFileSync(join(KEV_DIR, 'known_exploited_vulnerabilities.json'), 'utf8')) as { count: number }).count

interface Summary {
  kind: string; source: string; importId: string | null; files: number; imported: number; updated: number; unchanged: number; skipped: number
  rejectedFiles: number; rejected: { file: string; path: string; code: string; message: string }[]; catalogVersion?: string
}

/** `kaname vulns import` as an operator runs it, on each engine (the database named by --db only). */
describeEachEngine('kaname vulns import', (engine) => {
  let database: TestDatabase
  let dir: string
  beforeAll(async () => {
    database = await createTestDatabase(engine)
    dir = mkdtempSync(join(tmpdir(), 'kaname-cli-vulns-'))
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await database?.drop()
  })

  const tables = async () => {
    const db = openDatabase(database.url)
    try {
      const names = ['vulnerability_import', 'cve_record', 'cve_affected', 'cve_rule', 'kev_entry', 'eol_entry', 'audit_entry'] as const
      const out = {} as Record<(typeof names)[number], unknown[]>
      for (const t of names) out[t] = await db.db.selectFrom(t).selectAll().execute()
      return out
    } finally {
      await db.close()
    }
  }

  it('imports the shared CVE folder and prints the summary as one JSON document', async () => {
    const run = await kaname(['vulns', 'import', FOLDER, '--db', database.url, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const s = json<Summary>(run)
    expect(s).toMatchObject({ kind: 'cve', source: FOLDER, files: index.length, imported: index.length, updated: 0, unchanged: 0, skipped: 3, rejectedFiles: 0, rejected: [] })
    expect(s.importId).toEqual(expect.any(String))
    expect((await tables()).cve_record.map((r) => (r as { cve_id: string }).cve_id).sort()).toEqual(index.map((e) => e.cveId).sort())
  }, 120_000)

  it('importing the same folder twice changes nothing', async () => {
    const before = await tables()
    const run = await kaname(['vulns', 'import', FOLDER, '--db', database.url, '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(json<Summary>(run)).toMatchObject({ importId: null, imported: 0, updated: 0, unchanged: index.length, rejectedFiles: 0 })
    expect(await tables()).toEqual(before)
  }, 120_000)

  it('reports each corrupt record with its file and JSON path, refuses a 100 MB file, imports the rest; exit 2', async () => {
    const folder = join(dir, 'mixed')
    const good = index.slice(0, 2).map((e) => e.file)
    for (const f of good) { mkdirSync(join(folder, f, '..'), { recursive: true }); copyFileSync(join(FOLDER, f), join(folder, f)) }
    const record = JSON.parse(readFileSync(join(FOLDER, good[0]!), 'utf8')) as { cveMetadata: { cveId: string }; containers: { cna: { affected: { versions?: { status: unknown }[] }[] } } }
    record.cveMetadata.cveId = 'CVE-2099-0001'
    const entry = record.containers.cna.affected.findIndex((a) => a.versions?.length)
    record.containers.cna.affected[entry]!.versions![0]!.status = 42
    writeFileSync(join(folder, 'CVE-2099-0001.json'), JSON.stringify(record))
    const fresh = JSON.parse(readFileSync(join(FOLDER, good[1]!), 'utf8')) as { cveMetadata: { cveId: string } }
    fresh.cveMetadata.cveId = 'CVE-2099-0002'
    writeFileSync(join(folder, 'CVE-2099-0002.json'), JSON.stringify(fresh))
    writeFileSync(join(folder, 'CVE-2099-0003.json'), '{ not json')
    writeFileSync(join(folder, 'CVE-2099-0004.json'), '')
    truncateSync(join(folder, 'CVE-2099-0004.json'), 100 * 1024 * 1024)

    const run = await kaname(['vulns', 'import', folder, '--db', database.url, '--json', '--source', 'mixed batch'])
    expect(run.code, run.stderr).toBe(2)
    const s = json<Summary>(run)
    expect(s).toMatchObject({ source: 'mixed batch', files: 6, imported: 1, unchanged: 2, rejectedFiles: 3 })
    expect(s.rejected.map((p) => [p.file, p.path, p.code])).toEqual([
      ['CVE-2099-0001.json', `$.containers.cna.affected[${entry}].versions[0].status`, 'vulnerabilities.invalid_value'],
      ['CVE-2099-0003.json', '$', 'vulnerabilities.malformed_json'],
      ['CVE-2099-0004.json', '$', 'vulnerabilities.file_too_large'],
    ])
    const ids = (await tables()).cve_record.map((r) => (r as { cve_id: string }).cve_id)
    expect(ids).toContain('CVE-2099-0002')
    expect(ids).not.toContain('CVE-2099-0001')

    // Without --json: the same, in lines a person reads.
    const text = await kaname(['vulns', 'import', folder, '--db', database.url])
    expect(text.code).toBe(2)
    expect(text.stdout).toContain('imported 0, updated 0, unchanged 3, rejected 3 file(s)')
    expect(text.stdout).toContain(`CVE-2099-0001.json: $.containers.cna.affected[${entry}].versions[0].status: expected one of "affected", "unaffected", "unknown", got 42`)
  }, 120_000)

  it('detects the KEV catalog (folder or file) and an EOL list (CSV)', async () => {
    const kev = await kaname(['vulns', 'import', KEV_DIR, '--db', database.url, '--json'])
    expect(kev.code, kev.stderr).toBe(0)
    expect(json<Summary>(kev)).toMatchObject({ kind: 'kev', files: 1, skipped: 2, imported: kevCount, catalogVersion: '2025.08.25' })
    const again = await kaname(['vulns', 'import', join(KEV_DIR, 'known_exploited_vulnerabilities.json'), '--db', database.url, '--json'])
    expect(json<Summary>(again)).toMatchObject({ kind: 'kev', importId: null, unchanged: kevCount })
    const csv = join(dir, 'eol.csv')
    writeFileSync(csv, '\uFEFFベンダー,製品,バージョン,サポート終了日\r\nCisco,IOS,15.2*,2025-03-31\r\n')
    const eol = await kaname(['vulns', 'import', csv, '--db', database.url, '--json'])
    expect(json<Summary>(eol)).toMatchObject({ kind: 'eol', imported: 1 })
    // --kind overrides detection: this CSV is no CVE record.
    const forced = await kaname(['vulns', 'import', csv, '--kind', 'cve', '--db', database.url, '--json'])
    expect(forced.code).toBe(2)
    expect(json<Summary>(forced).rejected).toEqual([expect.objectContaining({ file: 'eol.csv', path: '$', code: 'vulnerabilities.malformed_json' })])
  }, 120_000)

  it('a path that does not exist ends the command with exit 1 and one JSON error', async () => {
    const run = await kaname(['vulns', 'import', join(dir, 'nowhere'), '--db', database.url, '--json'])
    expect(run.code).toBe(1)
    expect(json<{ error: { code: string } }>(run).error.code).toBe('cli.path')
  })
})
