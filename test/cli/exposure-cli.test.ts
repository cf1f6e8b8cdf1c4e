import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, kaname as runKaname } from '../harness/kaname-cli.ts'
import { SHARED_DATA_DIR } from '../harness/shared-data.ts'
import { deriveCpe } from '../../src/assets/domain/vendors.ts'
import { normaliseKevEntry, normaliseRecord, type NormalisedRecord } from '../../src/vulnerabilities/domain/affected.ts'
import { matchDevice } from '../../src/vulnerabilities/domain/match.ts'

/**
 * `kaname exposure --org ORG --json`, spawned as the real command against a demo database into which the Fortinet
 * records and the KEV catalog were imported with `kaname vulns import` and an inventory with `kaname assets import`:
 * one `{assetId, cveId, kev, score, reason}` per match the raw records give (matched here device by device),
 * KEV first then by score.
 */

const kaname = (args: string[]) => runKaname(args, { demoPassword: 'Cli-Exposure-Password-2026' })
const FOLDER = join(SHARED_DATA_DIR, 'cve-records-network-ics')
const KEV_FILE = join(SHARED_DATA_DIR, 'cisa-kev', 'known_exploited_vulnerabilities.json')
interface IndexEntry { cveId: string; file: string; group: string[] }
const index = (JSON.parse(readFileSync(join(FOLDER, 'index.json'), 'utf8')) as { records: IndexEntry[] }).records
const FORTINET = index.filter((e) => e.group.includes('fortinet'))
const kevCatalog = JSON.parse(readFileSync(KEV_FILE, 'utf8')) as { vulnerabilities: { cveID: string; vendorProject: string; product: string }[] }
const KEV_IDS = new Set(kevCatalog.vulnerabilities.map((v) => v.cveID))

const DEVICES = [
  { assetId: 'CLI-FW-OLD', vendor: 'Fortinet', product: 'FortiOS', version: '6.4.0', reach: 'yes' },
  { assetId: 'CLI-FW-NEW', vendor: 'Fortinet', product: 'FortiOS', version: '7.4.4', reach: 'no' },
  { assetId: 'CLI-FW-ODD', vendor: 'Fortinet', product: 'FortiOS', version: 'build??', reach: 'unknown' },
]

interface Row { assetId: string; cveId: string; kev: boolean; score: number; reason: string }

describe('kaname exposure', () => {
  let dir: string
  let db: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaname-cli-exposure-'))
    db = join(dir, 'k.sqlite')
    expect((await kaname(['seed', '--demo', '--db', db, '--json'])).code).toBe(0)
    const records = join(dir, 'records')
    mkdirSync(records)
    for (const e of FORTINET) copyFileSync(join(FOLDER, e.file), join(records, `${e.cveId}.json`))
    const kev = await kaname(['vulns', 'import', KEV_FILE, '--kind', 'kev', '--db', db, '--json'])
    expect(kev.code, kev.stderr).toBe(0)
    const cve = await kaname(['vulns', 'import', records, '--db', db, '--json'])
    expect(cve.code, cve.stderr).toBe(0)
    const csv = join(dir, 'inventory.csv')
    writeFileSync(csv, ['asset_id,vendor,product,version,internet_reachable', ...DEVICES.map((d) => `${d.assetId},${d.vendor},${d.product},${d.version},${d.reach}`)].join('\r\n'))
    const inv = await kaname(['assets', 'import', csv, '--org', 'clinic-kaede', '--db', db, '--json'])
    expect(inv.code, inv.stderr).toBe(0)
  }, 240_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints one JSON array of {assetId, cveId, kev, score, reason}: exactly the raw records\' matches, KEV first then by score', async () => {
    const run = await kaname(['exposure', '--org', 'clinic-kaede', '--db', db, '--json'])
    expect(run.code, run.stderr).toBe(0)
    const rows = json<Row[]>(run)
    const ids = new Set(FORTINET.map((e) => e.cveId))
    const records: NormalisedRecord[] = FORTINET.map((e) => normaliseRecord(JSON.parse(readFileSync(join(FOLDER, e.file), 'utf8'))))
    for (const v of kevCatalog.vulnerabilities) if (!ids.has(v.cveID)) records.push(normaliseKevEntry(v))
    const expected = DEVICES.flatMap((d) => matchDevice({ vendor: d.vendor, product: d.product, version: d.version, cpe: deriveCpe(d.vendor, d.product, d.version) }, records).map((m) => `${d.assetId} ${m.cveId}`)).sort()
    expect(expected.length).toBeGreaterThan(0)
    expect(rows.map((r) => `${r.assetId} ${r.cveId}`).sort()).toEqual(expected)
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['assetId', 'cveId', 'kev', 'reason', 'score'])
      expect(r.kev, r.cveId).toBe(KEV_IDS.has(r.cveId))
      expect(r.reason).toContain(r.cveId)
      expect(r.score).toBeGreaterThanOrEqual(0)
      expect(r.score).toBeLessThanOrEqual(100)
    }
    expect(rows.some((r) => r.kev)).toBe(true)
    const firstPlain = rows.findIndex((r) => !r.kev)
    if (firstPlain >= 0) expect(rows.slice(firstPlain).some((r) => r.kev)).toBe(false)
    for (let i = 1; i < rows.length; i++) if (rows[i]!.kev === rows[i - 1]!.kev) expect(rows[i]!.score).toBeLessThanOrEqual(rows[i - 1]!.score)
    // A second run prints the same.
    const again = await kaname(['exposure', '--org', 'clinic-kaede', '--db', db, '--json'])
    expect(json<Row[]>(again)).toEqual(rows)
  })

  it('prints text without --json, and an unknown organisation fails with exit 1', async () => {
    const text = await kaname(['exposure', '--org', 'clinic-kaede', '--db', db])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^clinic-kaede: \d+ exposure\(s\), \d+ in KEV/)
    const other = await kaname(['exposure', '--org', 'clinic-tsubaki', '--db', db, '--json'])
    expect(json<Row[]>(other)).toEqual([])
    const missing = await kaname(['exposure', '--org', 'no-such-org', '--db', db, '--json'])
    expect(missing.code).toBe(1)
  })
})
