import { Readable } from 'node:stream'
import { afterAll, beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import ExcelJS from 'exceljs'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { readTable, writeTable, type TabularFormat } from '../../src/platform/tabular/tabular.ts'
import { DEVICE_COLUMNS, REACHABILITY_LABELS, ROLE_LABELS } from '../../src/assets/formats/device-table.ts'
import { DEVICE_ROLES, REACHABILITY } from '../../src/assets/domain/device.ts'

/**
 * Network devices through CSV and XLSX, via the HTTP API on both engines: export → import returns what was
 * stored and, imported again, changes nothing (property); a file with one bad row stores nothing and names
 * the row and column (property); Japanese headings and ledger aliases; unknown vendors recorded but flagged;
 * malformed CSV, absurd versions and a 100 MB upload refused (the last before its body is read).
 */

type Headers = Record<string, string>
const TYPES: Record<TabularFormat, string> = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
/** The columns a person fills in: everything but the operator (the export adds it). */
const UPLOAD_COLUMNS = DEVICE_COLUMNS.filter((c) => c.key !== 'operator_id')

interface DeviceOut {
  id: string; operatorId: string; assetId: string; vendor: string; product: string; version: string; cpe: string | null; role: string; zone: string | null
  internetReachable: string; closedNetwork: boolean; installDate: string | null; lastPatched: string | null; endOfSupport: string | null; owner: string | null
  serviceIds: string[]; matchable: boolean
}
interface Summary { received: number; created: number; updated: number; unchanged: number; notMatchable: number; withoutCpe: number; warnings: { row: number; path: string; code: string }[]; warningCount: number }
interface Problem { code: string; detail: string; errors: { path: string; code: string; params?: Record<string, unknown> }[] }

/** Text as people type it in a cell: no control characters, not blank, no list separators, stable under width folding. */
const cellText = (max: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max })
  .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff;、；]/g, '').normalize('NFKC').trim())
  .filter((s) => s !== '' && s === s.normalize('NFKC'))
const date = fc.date({ min: new Date('1995-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
const VENDORS: [string, string, string][] = [
  ['Cisco', 'IOS XE', '17.9.4a'], ['Cisco', 'IOS', '15.2(4)M7'], ['Fortinet', 'FortiOS', '7.2.4'], ['Juniper Networks', 'Junos OS', '21.4R3-S5'],
  ['Palo Alto Networks', 'PAN-OS', '10.2.9-h1'], ['Siemens', 'SCALANCE X308-2', 'V4.1.1 Patch04'], ['Moxa', 'EDR-G902 Series', '5.7.17'], ['Yokogawa', 'CENTUM VP', 'R6.09'],
]

interface Generated {
  vendor: string; product: string; version: string; role: (typeof DEVICE_ROLES)[number]; zone: string | null; internetReachable: (typeof REACHABILITY)[number]
  closedNetwork: boolean; installDate: string | null; lastPatched: string | null; endOfSupport: string | null; owner: string | null; services: number[]
}
const generatedDevice: fc.Arbitrary<Generated> = fc.record({
  known: fc.constantFrom(...VENDORS), version: fc.option(cellText(20), { nil: null }),
  role: fc.constantFrom(...DEVICE_ROLES), zone: fc.option(cellText(15), { nil: null }), internetReachable: fc.constantFrom(...REACHABILITY), closedNetwork: fc.boolean(),
  installDate: fc.option(date, { nil: null }), lastPatched: fc.option(date, { nil: null }), endOfSupport: fc.option(date, { nil: null }), owner: fc.option(cellText(15), { nil: null }),
  services: fc.uniqueArray(fc.integer({ min: 0, max: 1 }), { maxLength: 2 }),
}).map(({ known, version, ...g }) => ({ ...g, vendor: known[0], product: known[1], version: version ?? known[2] }))

let batch = 0
/** A batch of devices with asset ids unique to this run. */
const generatedBatch = fc.array(generatedDevice, { minLength: 1, maxLength: 6 }).map((list) => {
  const prefix = `EX${++batch}-`
  return list.map((g, i) => ({ ...g, assetId: `${prefix}${i}` }))
})

describeEachEngine('assets CSV and XLSX exchange', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let clinic: Headers, mhlw: Headers, nco: Headers, tsubaki: Headers
  /** The clinic's two services (by Japanese name in files) and the other clinic's one. */
  let services: { id: string; name: string }[]
  let foreignService: { id: string; name: string }

  const importFile = (headers: Headers, format: TabularFormat, file: Buffer | string) =>
    env.app.inject({ method: 'POST', url: `/api/v1/assets/devices/import?format=${format}`, headers: { ...headers, 'content-type': TYPES[format] }, payload: file })
  const exportFile = async (headers: Headers, format: TabularFormat, query = '') => {
    const res = await env.app.inject({ method: 'GET', url: `/api/v1/assets/devices/export?format=${format}${query}`, headers })
    expect(res.statusCode).toBe(200)
    return res.rawPayload
  }
  const count = async (table: 'asset_device' | 'asset_device_service' | 'audit_entry') =>
    Number((await env.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const listOwn = async (headers = clinic) => ((await env.app.inject({ method: 'GET', url: '/api/v1/assets/devices?limit=10000', headers })).json() as { items: DeviceOut[] }).items
  const rowOf = (g: Generated & { assetId: string }, locale: 'ja' | 'en' = 'ja'): Record<string, string> => ({
    asset_id: g.assetId, vendor: g.vendor, product: g.product, version: g.version, role: ROLE_LABELS[g.role][locale], zone: g.zone ?? '',
    internet_reachable: REACHABILITY_LABELS[g.internetReachable][locale], closed_network: g.closedNetwork ? (locale === 'ja' ? 'はい' : 'yes') : (locale === 'ja' ? 'いいえ' : 'no'),
    install_date: g.installDate ?? '', last_patched: g.lastPatched ?? '', end_of_support: g.endOfSupport ?? '', owner: g.owner ?? '',
    services: g.services.map((i) => services[i]!.name).join('; '),
  })
  const upload = (format: TabularFormat, rows: Record<string, unknown>[], locale: 'ja' | 'en' = 'ja') => writeTable(format, UPLOAD_COLUMNS, rows, { locale })

  beforeAll(async () => {
    env = await openDemoApp(engine)
    clinic = headersFor(await signInAs(env.app, 'clinic@demo.kaname.jp'))
    mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    nco = headersFor(await signInAs(env.app, 'nco@demo.kaname.jp'))
    tsubaki = headersFor(await signInAs(env.app, 'clinic-tsubaki@demo.kaname.jp'))
    const service = async (headers: Headers, name: string) => {
      const res = await env.app.inject({
        method: 'POST', url: '/api/v1/services', headers, payload: {
          name: { ja: name, en: `${name} EN` }, sector: 'medical', type: 'clinical', peopleServed: 1000, businessesServed: 1, prefectures: [], substitutes: [],
          mtpdHours: 24, rtoHours: 4, rpoHours: 1, rlo: 0.5, impact: { afterHour: 10, afterDay: 100, afterWeek: 500 },
        },
      })
      expect(res.statusCode, res.body).toBe(201)
      return { id: (res.json() as { id: string }).id, name }
    }
    services = [await service(clinic, '機器交換外来'), await service(clinic, '機器交換電子カルテ')]
    foreignService = await service(tsubaki, 'つばき機器秘密サービス')
  })
  afterAll(async () => env?.close())

  it('export → import returns what was stored, and importing the export again changes nothing (property)', async () => {
    await fc.assert(fc.asyncProperty(generatedBatch, fc.constantFrom<TabularFormat>('csv', 'xlsx'), fc.constantFrom<'ja' | 'en'>('ja', 'en'), async (devices, format, locale) => {
      const imported = await importFile(clinic, format, await upload(format, devices.map((g) => rowOf(g, locale)), locale))
      expect(imported.statusCode, imported.body).toBe(200)
      const summary = imported.json() as Summary
      expect(summary).toMatchObject({ received: devices.length, created: devices.length, updated: 0, unchanged: 0 })
      expect(summary.notMatchable).toBe(devices.filter((g) => g.vendor === 'Yokogawa').length)

      // What the API now holds is what the file said, services resolved from names to ids.
      const stored = await listOwn()
      for (const g of devices) {
        const d = stored.find((x) => x.assetId === g.assetId)
        expect(d).toMatchObject({
          vendor: g.vendor, product: g.product, version: g.version, role: g.role, zone: g.zone, internetReachable: g.internetReachable, closedNetwork: g.closedNetwork,
          installDate: g.installDate, lastPatched: g.lastPatched, endOfSupport: g.endOfSupport, owner: g.owner, serviceIds: g.services.map((i) => services[i]!.id),
          matchable: g.vendor !== 'Yokogawa',
        })
      }

      // The export holds every stored device, each as stored; importing it changes nothing and audits nothing.
      const exported = await exportFile(clinic, format, `&locale=${locale}&operator=clinic-kaede`)
      const table = await readTable(exported, format, DEVICE_COLUMNS)
      expect(table.rows.map((r) => r.values.asset_id).sort()).toEqual(stored.map((s) => s.assetId).sort())
      for (const g of devices) {
        const row = table.rows.find((r) => r.values.asset_id === g.assetId)!.values
        expect(row).toMatchObject({ operator_id: 'clinic-kaede', vendor: g.vendor, product: g.product, version: g.version, install_date: g.installDate ?? '' })
      }
      const audit = await count('audit_entry')
      const again = await importFile(clinic, format, exported)
      expect(again.statusCode, again.body).toBe(200)
      expect(again.json()).toMatchObject({ received: stored.length, created: 0, updated: 0, unchanged: stored.length })
      expect(await count('audit_entry')).toBe(audit)
      expect(await listOwn()).toEqual(stored)
    }), { numRuns: 10 })
  })

  it('one bad row stores nothing and is named by row and column (property)', async () => {
    // A control character cannot even be written into an XLSX cell (XML forbids it): that one goes by CSV.
    const mutations: { column: string; code: RegExp; apply: (r: Record<string, string>) => Record<string, string>; csvOnly?: boolean }[] = [
      { column: 'version', code: /^asset\.required$/, apply: (r) => ({ ...r, version: '' }) },
      { column: 'version', code: /^asset\.too_long$/, apply: (r) => ({ ...r, version: '9'.repeat(150) }) },
      // 10 KB in one cell: over the reader's cell limit, refused before the row is even parsed.
      { column: 'version', code: /^tabular\.cell_too_long$/, apply: (r) => ({ ...r, version: '1.'.repeat(5_120) }) },
      { column: 'version', code: /^asset\.control_character$/, apply: (r) => ({ ...r, version: '17.9\u00074a' }), csvOnly: true },
      { column: 'asset_id', code: /^asset\.control_character$/, apply: (r) => ({ ...r, asset_id: `${r.asset_id}\u202e` }), csvOnly: true },
      { column: 'install_date', code: /^asset\.date_(format|in_future)$/, apply: (r) => ({ ...r, install_date: '2999-01-01' }) },
      { column: 'last_patched', code: /^asset\.date_format$/, apply: (r) => ({ ...r, last_patched: 'last spring' }) },
      { column: 'role', code: /^asset\.role_unknown$/, apply: (r) => ({ ...r, role: 'toaster' }) },
      { column: 'closed_network', code: /^asset\.not_boolean$/, apply: (r) => ({ ...r, closed_network: 'maybe' }) },
      { column: 'services', code: /^asset\.service_unknown$/, apply: (r) => ({ ...r, services: foreignService.name }) },
      { column: 'cpe', code: /^asset\.cpe_(malformed|version_mismatch)$/, apply: (r) => ({ ...r, cpe: 'cpe:2.3:o:cisco:ios:0.0.0:*:*:*:*:*:*:*' }) },
    ]
    await fc.assert(fc.asyncProperty(generatedBatch, fc.nat(), fc.constantFrom(...mutations), fc.constantFrom<TabularFormat>('csv', 'xlsx'), async (devices, pick, mutation, chosen) => {
      const format = mutation.csvOnly ? 'csv' : chosen
      const bad = pick % devices.length
      const rows = devices.map((g, i) => (i === bad ? mutation.apply(rowOf(g)) : rowOf(g)))
      const [before, audit] = [await count('asset_device'), await count('audit_entry')]
      const res = await importFile(clinic, format, await upload(format, rows))
      expect(res.statusCode, res.body.slice(0, 300)).toBe(422)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      const problem = res.json() as Problem
      // The heading is row 1, so the bad device (index `bad`) is row bad + 2.
      const row = bad + 2
      expect(problem.errors.some((e) => e.path === `rows[${row}].${mutation.column}` && mutation.code.test(e.code) && e.params?.row === row), JSON.stringify(problem.errors)).toBe(true)
      expect(problem.errors.every((e) => e.path.startsWith(`rows[${row}].`))).toBe(true)
      expect(res.body).not.toContain(foreignService.id)
      expect([await count('asset_device'), await count('audit_entry')]).toEqual([before, audit])
    }), { numRuns: 30 })
  })

  it('reads the issue\'s Japanese headings, ledger aliases and the field keys; re-importing changes nothing', async () => {
    const ja = '\uFEFF資産ID,ベンダー,製品,バージョン,役割,ゾーン,インターネット到達性,閉域網,導入日,最終パッチ日,サポート終了日,管理者,関連サービス\r\n' +
      `JA-1,シスコ,Cisco IOS XE Software,17.9.4a,ルーター,DMZ,あり,いいえ,2019/4/1,2024年1月15日,2030-12-31,情報システム課,${services[0]!.name}、${services[1]!.id}\r\n` +
      'JA-2,三菱電機,MELSEC iQ-R,1.2,PLC,制御LAN,なし,はい,,,,,\r\n'
    const first = await importFile(clinic, 'csv', ja)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ received: 2, created: 2, notMatchable: 1, warnings: [{ row: 3, path: 'rows[3].vendor', code: 'asset.vendor_not_matchable' }] })
    const stored = await listOwn()
    expect(stored.find((d) => d.assetId === 'JA-1')).toMatchObject({
      vendor: 'シスコ', cpe: 'cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*', role: 'router', internetReachable: 'yes', closedNetwork: false,
      installDate: '2019-04-01', lastPatched: '2024-01-15', endOfSupport: '2030-12-31', serviceIds: [services[0]!.id, services[1]!.id], matchable: true,
    })
    expect(stored.find((d) => d.assetId === 'JA-2')).toMatchObject({ role: 'plc', internetReachable: 'no', closedNetwork: true, cpe: null, matchable: false })
    const audit = await count('audit_entry')
    expect((await importFile(clinic, 'csv', ja)).json()).toMatchObject({ received: 2, created: 0, updated: 0, unchanged: 2 })
    expect(await count('audit_entry')).toBe(audit)

    // Aliases and keys, in another order; a changed version updates the device in place (same id).
    const aliases = 'メーカー,機種,資産番号,ファームウェア\r\nCisco,IOS XE,JA-1,17.12.1\r\n'
    expect((await importFile(clinic, 'csv', aliases)).json()).toMatchObject({ received: 1, created: 0, updated: 1, unchanged: 0 })
    const updated = (await listOwn()).find((d) => d.assetId === 'JA-1')!
    expect(updated).toMatchObject({ id: stored.find((d) => d.assetId === 'JA-1')!.id, vendor: 'Cisco', version: '17.12.1', cpe: 'cpe:2.3:o:cisco:ios_xe:17.12.1:*:*:*:*:*:*:*', role: 'other' })
    const keys = 'asset_id,vendor,product,version,internet_reachable\r\nKEY-1,Fortinet,FortiOS,7.2.4,yes\r\n'
    expect((await importFile(clinic, 'csv', keys)).json()).toMatchObject({ created: 1 })
  })

  it('refuses malformed CSV, stray cells, misspelt and missing headings, formulas; nothing is stored', async () => {
    const before = await count('asset_device')
    const unclosed = await importFile(clinic, 'csv', 'asset_id,vendor,product,version\r\nOK-1,Cisco,IOS,15.2(4)M7\r\nBAD-1,"Cisco,IOS,15.2\r\n')
    expect(unclosed.statusCode).toBe(422)
    expect((unclosed.json() as Problem).errors.map((e) => [e.path, e.code])).toEqual([['rows[3]', 'tabular.csv_syntax']])
    const stray = await importFile(clinic, 'csv', 'asset_id,vendor,product,version\r\nOK-2,Cisco,IOS,15.2(4)M7,extra\r\n')
    expect((stray.json() as Problem).errors.map((e) => [e.path, e.code])).toEqual([['rows[2].column5', 'tabular.header_unknown']])
    const headings = await importFile(clinic, 'csv', '資産ID,ベンダ,製品\r\nX,Cisco,IOS\r\n')
    expect((headings.json() as Problem).errors.map((e) => [e.path, e.code])).toEqual([['header.2', 'tabular.header_unknown'], ['header.vendor', 'tabular.column_missing'], ['header.version', 'tabular.column_missing']])
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('機器')
    sheet.addRow(['資産ID', 'ベンダー', '製品', 'バージョン'])
    sheet.addRow(['F-1', 'Cisco', 'IOS', { formula: '1+1', result: 2 }])
    const formula = await importFile(clinic, 'xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    expect((formula.json() as Problem).errors).toEqual([expect.objectContaining({ path: 'rows[2].version', code: 'tabular.formula' })])
    const sjis = await importFile(clinic, 'csv', Buffer.from([0x8e, 0x91, 0x8e, 0x59, 0x49, 0x44, 0x0d, 0x0a]))
    expect((sjis.json() as Problem).errors.map((e) => e.code)).toEqual(['tabular.not_utf8'])
    expect(await count('asset_device')).toBe(before)
  })

  it('refuses a 100 MB upload before reading its body, and other operators\' rows; only operators import', async () => {
    let read = 0
    const huge = 100 * 1024 * 1024
    const chunk = Buffer.alloc(1024 * 1024, 0x41)
    const body = Readable.from((function* () { for (let i = 0; i < 100; i++) { read += chunk.length; yield chunk } })())
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/assets/devices/import?format=csv', headers: { ...clinic, 'content-type': 'text/csv', 'content-length': String(huge) }, payload: body })
    expect(res.statusCode).toBe(413)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const problem = res.json() as Problem & { detail: string }
    expect(problem.code).toBe('assets.file_too_large')
    expect(problem.detail).toContain('100.0 MB')
    expect(problem.errors[0]).toMatchObject({ path: 'body', code: 'assets.file_too_large', params: { size: huge, max: 32 * 1024 * 1024 } })
    // At most what the stream had buffered before the answer: nowhere near the file.
    expect(read).toBeLessThanOrEqual(4 * chunk.length)

    const foreign = writeTable('csv', DEVICE_COLUMNS, [{ operator_id: 'clinic-tsubaki', asset_id: 'FOREIGN-1', vendor: 'Cisco', product: 'IOS', version: '15.2(4)M7' }])
    const refused = await importFile(clinic, 'csv', await foreign)
    expect((refused.json() as Problem).errors.map((e) => [e.path, e.code])).toEqual([['rows[2].operator_id', 'asset.operator_not_own']])
    const valid = await upload('csv', [{ asset_id: 'GOV-1', vendor: 'Cisco', product: 'IOS', version: '15.2(4)M7' }])
    expect((await importFile(nco, 'csv', valid)).statusCode).toBe(403)
    expect((await importFile(mhlw, 'csv', valid)).statusCode).toBe(403)
    const empty = await env.app.inject({ method: 'POST', url: '/api/v1/assets/devices/import?format=csv', headers: { ...clinic, 'content-type': 'text/csv' }, payload: '' })
    expect((empty.json() as Problem).code).toBe('assets.file_required')
    expect(((await importFile(clinic, 'csv', 'asset_id,vendor,product,version\r\n')).json() as Problem).code).toBe('assets.import_empty')
  })

  it('two imports of the same new devices at once: one stores them, the other changes nothing or is told to retry, never a server error', async () => {
    const file = await upload('csv', Array.from({ length: 50 }, (_, i) => ({ asset_id: `RACE-${engine}-${i}`, vendor: 'Cisco', product: 'IOS', version: '15.2(4)M7' })))
    const results = await Promise.all([importFile(clinic, 'csv', file), importFile(clinic, 'csv', file)])
    for (const r of results) {
      expect([200, 409], r.body).toContain(r.statusCode)
      if (r.statusCode === 409) expect((r.json() as Problem).code).toBe('asset.concurrent_change')
    }
    expect(results.filter((r) => r.statusCode === 200 && (r.json() as Summary).created === 50)).toHaveLength(1)
    expect((await listOwn()).filter((d) => d.assetId.startsWith(`RACE-${engine}-`))).toHaveLength(50)
  })

  it('exports only what the caller may read, with headings in the chosen language', async () => {
    const own = await listOwn()
    const ministry = await readTable(await exportFile(mhlw, 'xlsx', '&locale=en'), 'xlsx', DEVICE_COLUMNS)
    for (const d of own) expect(ministry.rows.some((r) => r.values.asset_id === d.assetId && r.values.operator_id === 'clinic-kaede')).toBe(true)
    expect((await importFile(tsubaki, 'csv', 'asset_id,vendor,product,version\r\nTSU-1,Cisco,IOS,15.2(4)M7\r\n')).statusCode).toBe(200)
    const other = await readTable(await exportFile(tsubaki, 'csv'), 'csv', DEVICE_COLUMNS)
    expect(other.rows.map((r) => r.values.operator_id)).toEqual(['clinic-tsubaki'])
    const csv = (await exportFile(clinic, 'csv', '&locale=en')).toString('utf8')
    expect(csv.startsWith('\uFEFFOperator ID,Asset ID,Vendor,Product,Version,CPE,Role')).toBe(true)
    expect((await exportFile(clinic, 'csv')).toString('utf8').startsWith('\uFEFF事業者ID,資産ID,ベンダー,製品,バージョン')).toBe(true)
    const finance = await readTable(await exportFile(headersFor(await signInAs(env.app, 'fsa@demo.kaname.jp')), 'csv'), 'csv', DEVICE_COLUMNS)
    expect(finance.rows.some((r) => r.values.operator_id === 'clinic-kaede')).toBe(false)
  })
})
