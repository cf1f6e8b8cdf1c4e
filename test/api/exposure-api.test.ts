import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { SHARED_DATA_DIR } from '../harness/shared-data.ts'
import { localFile } from '../../src/vulnerabilities/formats/import-file.ts'
import { importVulnerabilityFiles } from '../../src/vulnerabilities/import-service.ts'
import { normaliseKevEntry, normaliseRecord, type NormalisedRecord } from '../../src/vulnerabilities/domain/affected.ts'
import { matchDevice } from '../../src/vulnerabilities/domain/match.ts'

/**
 * Exposure through the API on both engines, with the real shared records: the KEV catalog and the Fortinet and
 * Palo Alto records are imported by the vulnerabilities import service (one record held back), two operators
 * import small inventories. Expected matches come from the raw files (normalised and matched device by device
 * with `matchDevice`), not from the stored rules and the index the service uses. Then the held-back record is
 * imported: the fan-out notifies exactly the operators it affects, who mark it read.
 */

const FOLDER = join(SHARED_DATA_DIR, 'cve-records-network-ics')
const KEV_FILE = join(SHARED_DATA_DIR, 'cisa-kev', 'known_exploited_vulnerabilities.json')
interface IndexEntry { cveId: string; file: string; group: string[]; inKev: boolean; datePublished: string }
const index = (JSON.parse(readFileSync(join(FOLDER, 'index.json'), 'utf8')) as { records: IndexEntry[] }).records
const kevCatalog = JSON.parse(readFileSync(KEV_FILE, 'utf8')) as { vulnerabilities: { cveID: string; vendorProject: string; product: string }[] }
const KEV_IDS = new Set(kevCatalog.vulnerabilities.map((v) => v.cveID))
const HELD = 'CVE-2022-42475'
const SUBSET = index.filter((e) => e.group.includes('fortinet') || e.group.includes('paloalto'))
const fileOf = (e: IndexEntry) => localFile(join(FOLDER, e.file), e.file, statSync(join(FOLDER, e.file)).size)
const rawRecord = (e: IndexEntry) => normaliseRecord(JSON.parse(readFileSync(join(FOLDER, e.file), 'utf8')))

/** What the matcher should report, from the raw files: the given records plus every KEV entry without one. */
function expectedRecords(ids: ReadonlySet<string>): NormalisedRecord[] {
  const records = SUBSET.filter((e) => ids.has(e.cveId)).map(rawRecord)
  for (const v of kevCatalog.vulnerabilities) if (!ids.has(v.cveID)) records.push(normaliseKevEntry(v))
  return records
}

type Headers = Record<string, string>
interface Device { id: string; assetId: string; vendor: string; product: string; version: string; cpe: string | null; operatorId: string }
interface Exposure { deviceId: string; assetId: string; operatorId: string; cveId: string; status: string; kev: boolean; score: number; reason: string; explanation: { cveId: string; path: string } }

const CLINIC_CSV = [
  'asset_id,vendor,product,version,role,internet_reachable,install_date,last_patched,end_of_support',
  'FW-1,Fortinet,FortiOS,7.0.0,firewall,yes,2019-04-01,2020-01-10,',
  'FW-2,Fortinet,FortiOS,7.2.4,firewall,no,2022-04-01,2023-03-01,',
  'FW-3,Fortinet,FortiOS,not a version!,firewall,unknown,,,',
  'PA-1,Palo Alto Networks,PAN-OS,10.2.0,firewall,yes,2021-01-01,,2023-12-31',
  'SW-1,Acme,Switch,1.0,switch,no,,,',
].join('\n')
const TSUBAKI_CSV = ['asset_id,vendor,product,version,role,internet_reachable', 'T-FW,Fortinet,FortiOS,6.4.0,firewall,yes'].join('\n')

describeEachEngine('exposure API', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let nco: Headers, mhlw: Headers, fsa: Headers, clinic: Headers, tsubaki: Headers, bank: Headers, ceptoar: Headers
  const get = (url: string, headers: Headers) => env.app.inject({ method: 'GET', url: `/api/v1/vulnerabilities${url}`, headers })
  const devicesOf = async (headers: Headers) => ((await env.app.inject({ method: 'GET', url: '/api/v1/assets/devices?limit=500', headers })).json() as { items: Device[] }).items
  const exposures = async (headers: Headers, query = '') => {
    const res = await get(`/exposure?limit=500${query}`, headers)
    expect(res.statusCode, res.body).toBe(200)
    return (res.json() as { total: number; items: Exposure[] }).items
  }
  const expectedFor = (devices: Device[], records: NormalisedRecord[]) =>
    devices.flatMap((d) => matchDevice({ id: d.id, vendor: d.vendor, product: d.product, version: d.version, cpe: d.cpe }, records).map((m) => `${d.assetId} ${m.cveId} ${m.status}`)).sort()
  const importCsv = async (headers: Headers, csv: string) => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/assets/devices/import?format=csv', headers: { ...headers, 'content-type': 'text/csv' }, payload: csv })
    expect(res.statusCode, res.body).toBe(200)
  }

  beforeAll(async () => {
    env = await openDemoApp(engine)
    const as = async (email: string) => headersFor(await signInAs(env.app, email))
    ;[nco, mhlw, fsa, clinic, tsubaki, bank, ceptoar] = await Promise.all([
      'nco@demo.kaname.jp', 'mhlw@demo.kaname.jp', 'fsa@demo.kaname.jp', 'clinic@demo.kaname.jp', 'clinic-tsubaki@demo.kaname.jp', 'bank-ciso@demo.kaname.jp',
      'ceptoar-medical@demo.kaname.jp',
    ].map(as)) as [Headers, Headers, Headers, Headers, Headers, Headers, Headers]
    const who = { actor: 'system', organisationId: null }
    await importVulnerabilityFiles(env.ctx, who, 'kev', [localFile(KEV_FILE, 'known_exploited_vulnerabilities.json', statSync(KEV_FILE).size)], { source: 'shared kev' })
    await importVulnerabilityFiles(env.ctx, who, 'cve', SUBSET.filter((e) => e.cveId !== HELD).map(fileOf), { source: 'shared subset' })
    await importCsv(clinic, CLINIC_CSV)
    await importCsv(tsubaki, TSUBAKI_CSV)
  }, 180_000)
  afterAll(async () => env?.close())

  const imported = () => new Set(SUBSET.filter((e) => e.cveId !== HELD).map((e) => e.cveId))

  it('an inventory import computes exactly the matches the raw records give, explained, KEV flagged, KEV first then by score', async () => {
    const devices = await devicesOf(clinic)
    const items = await exposures(clinic)
    const expected = expectedFor(devices, expectedRecords(imported()))
    expect(expected.length).toBeGreaterThan(0)
    expect(items.map((e) => `${e.assetId} ${e.cveId} ${e.status}`).sort()).toEqual(expected)
    for (const e of items) {
      expect(e.kev, e.cveId).toBe(KEV_IDS.has(e.cveId))
      expect(e.reason).toContain(e.cveId)
      expect(e.explanation.cveId).toBe(e.cveId)
      expect(e.operatorId).toBe('clinic-kaede')
    }
    // The unreadable version is reported as unknown, never skipped; the unknown vendor matches nothing.
    expect(items.filter((e) => e.assetId === 'FW-3').length).toBeGreaterThan(0)
    expect(items.filter((e) => e.assetId === 'FW-3').every((e) => e.status === 'unknown')).toBe(true)
    expect(items.some((e) => e.assetId === 'SW-1')).toBe(false)
    // Order: every KEV match before every other, scores non-increasing within each.
    const firstPlain = items.findIndex((e) => !e.kev)
    expect(items.some((e) => e.kev)).toBe(true)
    expect(items.slice(firstPlain).some((e) => e.kev)).toBe(false)
    for (let i = 1; i < items.length; i++) if (items[i]!.kev === items[i - 1]!.kev) expect(items[i]!.score).toBeLessThanOrEqual(items[i - 1]!.score)
    // Same CVE on an Internet-facing device and on an unreachable one of the same product: the reachable one scores higher.
    const fw1 = new Map(items.filter((e) => e.assetId === 'FW-1').map((e) => [e.cveId, e]))
    const both = items.filter((e) => e.assetId === 'FW-2' && fw1.get(e.cveId)?.status === e.status)
    for (const e of both) expect(fw1.get(e.cveId)!.score, e.cveId).toBeGreaterThan(e.score)
    // One device's view.
    const fw1Id = devices.find((d) => d.assetId === 'FW-1')!.id
    expect((await exposures(clinic, `&deviceId=${fw1Id}`)).map((e) => e.cveId).sort()).toEqual([...fw1.keys()].sort())
    expect((await exposures(clinic, '&kev=true')).every((e) => e.kev)).toBe(true)
  })

  it('operators read their own, the ministry its sectors\', the NCO all; others nothing or refused', async () => {
    const clinicIds = new Set((await exposures(clinic)).map((e) => `${e.deviceId}|${e.cveId}`))
    const tsubakiIds = new Set((await exposures(tsubaki)).map((e) => `${e.deviceId}|${e.cveId}`))
    expect(tsubakiIds.size).toBeGreaterThan(0)
    for (const [who, headers, seesClinic] of [['nco', nco, true], ['mhlw', mhlw, true], ['fsa', fsa, false], ['bank', bank, false], ['tsubaki', tsubaki, false]] as const) {
      const seen = new Set((await exposures(headers)).map((e) => `${e.deviceId}|${e.cveId}`))
      expect([...clinicIds].every((k) => seen.has(k)), who).toBe(seesClinic)
      expect([...clinicIds].some((k) => seen.has(k)), who).toBe(seesClinic)
    }
    expect((await get('/exposure', ceptoar)).statusCode).toBe(403)
    expect((await get('/exposure/sectors', clinic)).statusCode).toBe(403)
  })

  it('patch backlog, unpatched-for-N-years and end-of-life views agree with the exposures and the inventory', async () => {
    const items = await exposures(clinic)
    const backlog = (await get('/exposure/backlog', clinic)).json() as { items: { operatorId: string; exposures: number; kevExposures: number; devices: number; kevDevices: number }[] }
    expect(backlog.items).toHaveLength(1)
    expect(backlog.items[0]).toMatchObject({
      operatorId: 'clinic-kaede', exposures: items.length, kevExposures: items.filter((e) => e.kev).length,
      devices: new Set(items.map((e) => e.deviceId)).size, kevDevices: new Set(items.filter((e) => e.kev).map((e) => e.deviceId)).size,
    })
    // Oldest exploitable (here: KEV-listed; SSVC poc/active also counts) affected vulnerability per device, by publication date.
    const published = new Map(SUBSET.map((e) => [e.cveId, e.datePublished.slice(0, 10)]))
    const unpatched = (await get('/exposure/unpatched?years=0', clinic)).json() as { items: { assetId: string; cveId: string; knownSince: string; years: number; kev: boolean }[] }
    const fw1Kev = items.filter((e) => e.assetId === 'FW-1' && e.status === 'affected' && e.kev && published.has(e.cveId))
    const fw1Row = unpatched.items.find((r) => r.assetId === 'FW-1')!
    expect(fw1Kev.length).toBeGreaterThan(0)
    expect(fw1Row.knownSince <= fw1Kev.map((e) => published.get(e.cveId)!).sort()[0]!).toBe(true)
    for (const r of unpatched.items) expect(items.some((e) => e.assetId === r.assetId && e.cveId === r.cveId && e.status === 'affected'), r.cveId).toBe(true)
    const many = (await get('/exposure/unpatched?years=3', clinic)).json() as { items: { years: number }[] }
    expect(many.items.every((r) => r.years >= 3)).toBe(true)
    expect(many.items.length).toBeLessThanOrEqual(unpatched.items.length)
    expect((await get('/exposure/unpatched?years=-1', clinic)).statusCode).toBe(400)
    // End of life: PA-1's end of support (2023-12-31) has passed; nothing else of the clinic's has a date or an EOL list entry.
    const eol = (await get('/exposure/eol', clinic)).json() as { items: { assetId: string; basis: string; endOfSupport: string }[] }
    expect(eol.items).toEqual([expect.objectContaining({ assetId: 'PA-1', basis: 'device', endOfSupport: '2023-12-31' })])
  })

  it('per-sector counts: the NCO unsuppressed; a ministry its sectors, suppressed below 5 operators', async () => {
    const operatorsInMedical = Number((await env.ctx.database.db.selectFrom('organisation_sector as os').innerJoin('organisation as o', 'o.id', 'os.organisation_id')
      .where('os.sector_id', '=', 'medical').where('o.kind', '=', 'operator').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const kevDevices = new Set((await exposures(nco)).filter((e) => e.kev && ['clinic-kaede', 'clinic-tsubaki'].includes(e.operatorId)).map((e) => e.deviceId)).size
    const ncoRows = (await get('/exposure/sectors', nco)).json() as { items: { sectorId: string; suppressed: boolean; kevExposedDevices: number | null; eolDevices: number | null; operatorCount: number }[] }
    const medical = ncoRows.items.find((r) => r.sectorId === 'medical')!
    expect(medical).toMatchObject({ suppressed: false, kevExposedDevices: kevDevices, eolDevices: 1, operatorCount: operatorsInMedical })
    const mhlwRows = (await get('/exposure/sectors', mhlw)).json() as { items: { sectorId: string; suppressed: boolean; kevExposedDevices: number | null }[] }
    const m = mhlwRows.items.find((r) => r.sectorId === 'medical')!
    expect(m.suppressed).toBe(operatorsInMedical < 5)
    expect(m.kevExposedDevices).toBe(operatorsInMedical < 5 ? null : kevDevices)
    expect(mhlwRows.items.every((r) => r.sectorId !== 'finance')).toBe(true)
  })

  it('advisory fan-out: a newly imported record notifies exactly the exposed operators; read marks are theirs and audited; a re-import adds nothing', async () => {
    const before = (await get('/advisories?limit=500', clinic)).json() as { total: number }
    const summary = await importVulnerabilityFiles(env.ctx, { actor: 'system', organisationId: null }, 'cve', SUBSET.filter((e) => e.cveId === HELD).map(fileOf), { source: 'advisory' })
    expect(summary.imported).toBe(1)
    const held = [rawRecord(SUBSET.find((e) => e.cveId === HELD)!)]
    expect(expectedFor(await devicesOf(clinic), held).length).toBeGreaterThan(0)
    for (const [headers, op] of [[clinic, 'clinic-kaede'], [tsubaki, 'clinic-tsubaki']] as const) {
      const devices = await devicesOf(headers)
      const expectedDevices = expectedFor(devices, held).length
      const list = (await get('/advisories?unread=true&limit=500', headers)).json() as { items: { id: string; cveId: string; devices: number; kev: boolean; operatorId: string; readAt: string | null }[] }
      const note = list.items.filter((n) => n.cveId === HELD)
      if (expectedDevices === 0) expect(note, op).toEqual([])
      else expect(note, op).toEqual([expect.objectContaining({ operatorId: op, devices: expectedDevices, kev: KEV_IDS.has(HELD), readAt: null })])
    }
    // The exposures now include the new record, same as the raw record says.
    const clinicDevices = await devicesOf(clinic)
    expect((await exposures(clinic)).filter((e) => e.cveId === HELD).map((e) => `${e.assetId} ${e.cveId} ${e.status}`).sort()).toEqual(expectedFor(clinicDevices, held))
    const mine = ((await get('/advisories?limit=500', clinic)).json() as { total: number; items: { id: string; cveId: string }[] })
    expect(mine.total).toBe(before.total + (expectedFor(clinicDevices, held).length > 0 ? 1 : 0))
    const note = mine.items.find((n) => n.cveId === HELD)!
    expect(note).toBeDefined()
    // Someone else's notification is not found; the operator marks its own read, once audited.
    expect((await env.app.inject({ method: 'POST', url: `/api/v1/vulnerabilities/advisories/${note.id}/read`, headers: tsubaki })).statusCode).toBe(404)
    expect((await env.app.inject({ method: 'POST', url: `/api/v1/vulnerabilities/advisories/${note.id}/read`, headers: mhlw })).statusCode).toBe(403)
    const audits = async () => Number((await env.ctx.database.db.selectFrom('audit_entry').where('action', '=', 'vulnerabilities.advisory.read').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const a0 = await audits()
    const read = await env.app.inject({ method: 'POST', url: `/api/v1/vulnerabilities/advisories/${note.id}/read`, headers: clinic })
    expect(read.statusCode, read.body).toBe(200)
    expect((read.json() as { readAt: string | null }).readAt).not.toBeNull()
    await env.app.inject({ method: 'POST', url: `/api/v1/vulnerabilities/advisories/${note.id}/read`, headers: clinic })
    expect(await audits()).toBe(a0 + 1)
    expect(((await get('/advisories?unread=true&limit=500', clinic)).json() as { items: { id: string }[] }).items.some((n) => n.id === note.id)).toBe(false)
    // Ministry and NCO see the count per sector.
    const sectors = (await get(`/advisories/sectors?cveId=${HELD}`, nco)).json() as { items: { sectorId: string; exposedOperators: number | null }[] }
    const exposedOps = (await Promise.all([[clinic], [tsubaki]].map(async ([h]) => expectedFor(await devicesOf(h!), held).length > 0))).filter(Boolean).length
    expect(sectors.items.find((r) => r.sectorId === 'medical')?.exposedOperators ?? 0).toBe(exposedOps)
    // Importing the same record again changes nothing and notifies no one.
    const rows = Number((await env.ctx.database.db.selectFrom('advisory_notification').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    await importVulnerabilityFiles(env.ctx, { actor: 'system', organisationId: null }, 'cve', SUBSET.filter((e) => e.cveId === HELD).map(fileOf), { source: 'advisory' })
    expect(Number((await env.ctx.database.db.selectFrom('advisory_notification').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(rows)
  })

  it('a device created or changed through the API gets its exposures in the same request', async () => {
    const created = await env.app.inject({ method: 'POST', url: '/api/v1/assets/devices', headers: clinic, payload: {
      assetId: 'FW-API', vendor: 'Fortinet', product: 'FortiOS', version: '6.4.0', role: 'firewall', internetReachable: 'yes', closedNetwork: false,
    } })
    expect(created.statusCode, created.body).toBe(201)
    const device = created.json() as Device
    const records = expectedRecords(new Set(SUBSET.map((e) => e.cveId)))
    const shown = async () => (await exposures(clinic, `&deviceId=${device.id}`)).map((e) => `${e.assetId} ${e.cveId} ${e.status}`).sort()
    const before = expectedFor([device], records)
    expect(before.length).toBeGreaterThan(0)
    expect(await shown()).toEqual(before)
    const changed = await env.app.inject({ method: 'PUT', url: `/api/v1/assets/devices/${device.id}`, headers: clinic, payload: {
      assetId: 'FW-API', vendor: 'Fortinet', product: 'FortiOS', version: '7.6.99', role: 'firewall', internetReachable: 'yes', closedNetwork: false,
    } })
    expect(changed.statusCode, changed.body).toBe(200)
    const after = expectedFor([changed.json() as Device], records)
    expect(after.length).toBeLessThan(before.length)
    expect(await shown()).toEqual(after)
    expect((await env.app.inject({ method: 'DELETE', url: `/api/v1/assets/devices/${device.id}`, headers: clinic })).statusCode).toBe(204)
    expect(await shown()).toEqual([])
  })

  it('a vendor EOL list entry past its date marks the devices it covers end of life, by prefix', async () => {
    const csv = new TextEncoder().encode('vendor,product,version,end_of_support\r\nFortinet,FortiOS,7.0*,2022-09-29\r\nFortinet,FortiOS,7.2*,2099-12-31\r\n')
    const summary = await importVulnerabilityFiles(env.ctx, { actor: 'system', organisationId: null }, 'eol', [{ name: 'eol.csv', size: csv.length, read: async () => csv }], { source: 'test' })
    expect(summary.rejectedFiles).toBe(0)
    const eol = (await get('/exposure/eol', clinic)).json() as { items: { assetId: string; basis: string; endOfSupport: string }[] }
    // FW-1 runs 7.0.0 (the 7.0 line ended 2022-09-29); FW-2 runs 7.2.4 (not yet); PA-1 by its own date.
    expect(eol.items.map((r) => `${r.assetId} ${r.basis} ${r.endOfSupport}`).sort()).toEqual(['FW-1 list 2022-09-29', 'PA-1 device 2023-12-31'])
  })

  it('re-importing the same inventory keeps every exposure (first seen unchanged)', async () => {
    const before = await env.ctx.database.db.selectFrom('asset_exposure').select(['device_id', 'cve_id', 'first_seen', 'score']).where('operator_id', '=', 'clinic-kaede').orderBy('device_id').orderBy('cve_id').execute()
    await importCsv(clinic, CLINIC_CSV.replace('SW-1,Acme,Switch,1.0', 'SW-1,Acme,Switch,1.1'))
    const after = await env.ctx.database.db.selectFrom('asset_exposure').select(['device_id', 'cve_id', 'first_seen', 'score']).where('operator_id', '=', 'clinic-kaede').orderBy('device_id').orderBy('cve_id').execute()
    expect(after.map((r) => ({ ...r, score: Number(r.score) }))).toEqual(before.map((r) => ({ ...r, score: Number(r.score) })))
  })
})
