import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'

/**
 * Network devices through the HTTP API on both engines: who reads and writes which devices, the CPE derived
 * from the mapping, field errors naming the field (absurd versions, dates, CPE, asset ids, other operators'
 * services), the audit entry of every change, list filters and paging, and the link to CI services.
 */

type Headers = Record<string, string>
interface DeviceOut {
  id: string; operatorId: string; assetId: string; vendor: string; product: string; version: string; cpe: string | null; role: string; zone: string | null
  internetReachable: string; closedNetwork: boolean; installDate: string | null; lastPatched: string | null; endOfSupport: string | null; owner: string | null
  serviceIds: string[]; matchable: boolean; updatedBy: string
}
interface Page { total: number; limit: number; offset: number; items: DeviceOut[] }
interface Problem { code: string; errors: { path: string; code?: string; params?: Record<string, unknown> }[] }

let serial = 0
function body(over: Record<string, unknown> = {}) {
  serial++
  return { assetId: `API-${serial}`, vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a', role: 'router', internetReachable: 'yes', closedNetwork: false, ...over }
}

describeEachEngine('assets API: network devices', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let nco: Headers, mhlw: Headers, fsa: Headers, clinic: Headers, tsubaki: Headers, bank: Headers, ceptoar: Headers
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
    env.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const count = async (table: 'asset_device' | 'asset_device_service' | 'audit_entry') =>
    Number((await env.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const lastAudit = async () => env.ctx.database.db.selectFrom('audit_entry').select(['action', 'target_id', 'organisation_id', 'before_digest', 'after_digest'])
    .orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
  const create = async (headers: Headers, over: Record<string, unknown> = {}) => {
    const res = await inject('POST', '/api/v1/assets/devices', headers, body(over))
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as DeviceOut
  }
  const errorsOf = (res: { json(): unknown }) => (res.json() as Problem).errors.map((e) => `${e.path} ${e.code ?? ''}`.trim()).sort()

  beforeAll(async () => {
    env = await openDemoApp(engine)
    const as = async (email: string) => headersFor(await signInAs(env.app, email))
    ;[nco, mhlw, fsa, clinic, tsubaki, bank, ceptoar] = await Promise.all([
      'nco@demo.kaname.jp', 'mhlw@demo.kaname.jp', 'fsa@demo.kaname.jp', 'clinic@demo.kaname.jp', 'clinic-tsubaki@demo.kaname.jp', 'bank-ciso@demo.kaname.jp',
      'ceptoar-medical@demo.kaname.jp',
    ].map(as)) as [Headers, Headers, Headers, Headers, Headers, Headers, Headers]
  })
  afterAll(async () => env?.close())

  it('an operator records a device with a derived CPE; its ministry and the NCO read it, no one else does', async () => {
    const audit = await count('audit_entry')
    const device = await create(clinic, { assetId: 'ＲＴＲ－ＡＰＩ', zone: 'DMZ', installDate: '2019-04-01', lastPatched: '2024-01-15', endOfSupport: '2030-12-31', owner: '情報システム課' })
    expect(device).toMatchObject({
      operatorId: 'clinic-kaede', assetId: 'RTR-API', cpe: 'cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*', matchable: true, role: 'router', zone: 'DMZ',
      internetReachable: 'yes', closedNetwork: false, installDate: '2019-04-01', lastPatched: '2024-01-15', endOfSupport: '2030-12-31', owner: '情報システム課', serviceIds: [],
    })
    expect(device.updatedBy).toMatch(/^user:/)
    expect(await count('audit_entry')).toBe(audit + 1)
    expect(await lastAudit()).toMatchObject({ action: 'assets.device_create', target_id: device.id, organisation_id: 'clinic-kaede', before_digest: null })

    for (const [who, headers, sees] of [['clinic', clinic, true], ['mhlw', mhlw, true], ['nco', nco, true], ['tsubaki', tsubaki, false], ['fsa', fsa, false], ['bank', bank, false], ['ceptoar', ceptoar, false]] as const) {
      const one = await inject('GET', `/api/v1/assets/devices/${device.id}`, headers)
      expect(one.statusCode, who).toBe(sees ? 200 : 404)
      if (!sees) expect(one.body, who).not.toContain('RTR-API')
      const list = (await inject('GET', '/api/v1/assets/devices?limit=10000', headers)).json() as Page
      expect(list.items.some((d) => d.id === device.id), who).toBe(sees)
    }
  })

  it('names every bad field at once and stores nothing; absurd versions are refused', async () => {
    const [devices, audit] = [await count('asset_device'), await count('audit_entry')]
    const bad = await inject('POST', '/api/v1/assets/devices', clinic, body({
      assetId: '', version: '17.9\u00004a', installDate: '2019-02-29', lastPatched: '2999-01-01', endOfSupport: '31/12/2030', owner: 'x'.repeat(201),
    }))
    expect(bad.statusCode).toBe(422)
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(errorsOf(bad)).toEqual([
      'body.assetId asset.required', 'body.endOfSupport asset.date_format', 'body.installDate asset.date_format', 'body.lastPatched asset.date_in_future',
      'body.owner asset.too_long', 'body.version asset.control_character',
    ])
    // 10 KB is refused by the request schema, 101 characters by the domain, both naming the version.
    const huge = await inject('POST', '/api/v1/assets/devices', clinic, body({ version: '1.'.repeat(5_120) }))
    expect(huge.statusCode).toBe(400)
    expect((huge.json() as Problem).errors.map((e) => e.path)).toEqual(['body.version'])
    const long = await inject('POST', '/api/v1/assets/devices', clinic, body({ version: 'v'.repeat(101) }))
    expect(errorsOf(long)).toEqual(['body.version asset.too_long'])
    const cpe = await inject('POST', '/api/v1/assets/devices', clinic, body({ cpe: 'cpe:2.3:o:cisco:ios_xe:17.12.1:*:*:*:*:*:*:*' }))
    expect(errorsOf(cpe)).toEqual(['body.cpe asset.cpe_version_mismatch'])
    const malformed = await inject('POST', '/api/v1/assets/devices', clinic, body({ cpe: 'cpe:/o:cisco:ios_xe' }))
    expect(errorsOf(malformed)).toEqual(['body.cpe asset.cpe_malformed'])
    expect([await count('asset_device'), await count('audit_entry')]).toEqual([devices, audit])
  })

  it('asset ids are unique per operator (width-folded), not across operators', async () => {
    await create(clinic, { assetId: 'DUP-1' })
    const again = await inject('POST', '/api/v1/assets/devices', clinic, body({ assetId: 'ＤＵＰ－１' }))
    expect(errorsOf(again)).toEqual(['body.assetId asset.asset_id_duplicate'])
    expect((await inject('POST', '/api/v1/assets/devices', tsubaki, body({ assetId: 'DUP-1' }))).statusCode).toBe(201)
    const other = await create(clinic, { assetId: 'DUP-2' })
    const clash = await inject('PUT', `/api/v1/assets/devices/${other.id}`, clinic, body({ assetId: 'DUP-1' }))
    expect(errorsOf(clash)).toEqual(['body.assetId asset.asset_id_duplicate'])
    // Keeping its own asset id is no clash.
    expect((await inject('PUT', `/api/v1/assets/devices/${other.id}`, clinic, body({ assetId: 'DUP-2', version: '17.9.5' }))).statusCode).toBe(200)
  })

  it('supported services are the operator\'s own; another operator\'s service is refused without a word about it; deleting a service unlinks it', async () => {
    const service = (name: string) => ({
      name: { ja: name, en: name }, sector: 'medical', type: 'clinical', peopleServed: 1000, businessesServed: 1, prefectures: [], substitutes: [],
      mtpdHours: 24, rtoHours: 4, rpoHours: 1, rlo: 0.5, impact: { afterHour: 10, afterDay: 100, afterWeek: 500 },
    })
    const own = (await inject('POST', '/api/v1/services', clinic, service('機器API外来'))).json() as { id: string }
    const foreign = (await inject('POST', '/api/v1/services', tsubaki, service('つばき秘密診療'))).json() as { id: string }
    const refused = await inject('POST', '/api/v1/assets/devices', clinic, body({ serviceIds: [own.id, foreign.id, 'no-such-service'] }))
    expect(errorsOf(refused)).toEqual(['body.serviceIds.1 asset.service_unknown', 'body.serviceIds.2 asset.service_unknown'])
    expect(refused.body).not.toContain('つばき秘密診療')

    const device = await create(clinic, { serviceIds: [own.id] })
    expect(device.serviceIds).toEqual([own.id])
    const links = await count('asset_device_service')
    expect((await inject('DELETE', `/api/v1/services/${own.id}`, clinic)).statusCode).toBe(204)
    expect(await count('asset_device_service')).toBe(links - 1)
    expect(((await inject('GET', `/api/v1/assets/devices/${device.id}`, clinic)).json() as DeviceOut).serviceIds).toEqual([])
  })

  it('only the operator changes and deletes its devices; each change is audited with before and after', async () => {
    const device = await create(clinic)
    for (const [headers, status] of [[mhlw, 403], [nco, 403], [tsubaki, 404], [bank, 404]] as const) {
      expect((await inject('PUT', `/api/v1/assets/devices/${device.id}`, headers, body({ version: '1.0' }))).statusCode).toBe(status)
      expect((await inject('DELETE', `/api/v1/assets/devices/${device.id}`, headers)).statusCode).toBe(status)
    }
    const audit = await count('audit_entry')
    const updated = await inject('PUT', `/api/v1/assets/devices/${device.id}`, clinic, body({ assetId: device.assetId, version: '17.12.1', closedNetwork: true, internetReachable: 'no' }))
    expect(updated.statusCode, updated.body).toBe(200)
    expect(updated.json()).toMatchObject({ id: device.id, version: '17.12.1', cpe: 'cpe:2.3:o:cisco:ios_xe:17.12.1:*:*:*:*:*:*:*', closedNetwork: true, internetReachable: 'no' })
    const entry = await lastAudit()
    expect(entry).toMatchObject({ action: 'assets.device_update', target_id: device.id })
    expect(entry.before_digest).not.toBeNull()
    expect(entry.after_digest).not.toBe(entry.before_digest)
    expect((await inject('DELETE', `/api/v1/assets/devices/${device.id}`, clinic)).statusCode).toBe(204)
    expect(await lastAudit()).toMatchObject({ action: 'assets.device_delete', target_id: device.id, after_digest: null })
    expect(await count('audit_entry')).toBe(audit + 2)
    expect((await inject('GET', `/api/v1/assets/devices/${device.id}`, clinic)).statusCode).toBe(404)
  })

  it('records a vendor the data does not cover, flagged not matchable; a known vendor\'s unknown product gets no CPE', async () => {
    const plc = await create(clinic, { vendor: 'Mitsubishi Electric', product: 'MELSEC iQ-R', version: '1.2', role: 'plc' })
    expect([plc.matchable, plc.cpe]).toEqual([false, null])
    const catalyst = await create(clinic, { product: 'Catalyst 9300' })
    expect([catalyst.matchable, catalyst.cpe]).toEqual([true, null])
    const given = await create(clinic, { product: 'Catalyst 9300', cpe: 'cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*' })
    expect(given.cpe).toBe('cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*')
  })

  it('filters and pages the list', async () => {
    const tag = `F${engine}`
    const made = [
      await create(bank, { assetId: `${tag}-1`, vendor: 'Fortinet', product: 'FortiOS', version: '7.2.4', role: 'firewall', internetReachable: 'yes', zone: 'DMZ' }),
      await create(bank, { assetId: `${tag}-2`, vendor: 'fortinet', product: 'FortiOS', version: '7.0.1', role: 'firewall', internetReachable: 'no', closedNetwork: true }),
      await create(bank, { assetId: `${tag}-3`, vendor: 'Juniper Networks', product: 'Junos OS', version: '21.4R3-S5', role: 'router', internetReachable: 'unknown' }),
      await create(bank, { assetId: `${tag}-4`, vendor: 'Siemens', product: 'SCALANCE S615', version: 'V7.1', role: 'vpn_gateway', owner: '制御%管理' }),
    ]
    const ids = async (query: string, headers = bank) => {
      const res = await inject('GET', `/api/v1/assets/devices?${query}`, headers)
      expect(res.statusCode, res.body).toBe(200)
      return (res.json() as Page).items.map((d) => d.id).filter((id) => made.some((m) => m.id === id))
    }
    expect(await ids('vendor=FORTINET')).toEqual([made[0]!.id, made[1]!.id])
    expect(await ids('role=firewall&internetReachable=yes')).toEqual([made[0]!.id])
    expect(await ids('closedNetwork=true')).toEqual([made[1]!.id])
    expect(await ids('closedNetwork=false')).toEqual([made[0]!.id, made[2]!.id, made[3]!.id])
    expect(await ids('zone=DMZ')).toEqual([made[0]!.id])
    expect(await ids(`q=${encodeURIComponent('21.4r3')}`)).toEqual([made[2]!.id])
    // LIKE wildcards in the search are searched for, not obeyed.
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([made[3]!.id])
    expect(await ids(`q=${encodeURIComponent(`${tag}-`)}&limit=2&offset=1`)).toEqual([made[1]!.id, made[2]!.id])
    const page = (await inject('GET', `/api/v1/assets/devices?q=${tag}-&limit=2`, bank)).json() as Page
    expect([page.total, page.limit, page.offset, page.items.length]).toEqual([4, 2, 0, 2])
    // The NCO narrows by sector and operator; the FSA (finance) sees the bank's devices, MHLW (medical) does not.
    expect(await ids('sector=finance', nco)).toHaveLength(4)
    expect(await ids('sector=medical', nco)).toEqual([])
    expect(await ids('operator=shinonome-bank', fsa)).toHaveLength(4)
    expect(await ids('operator=shinonome-bank', mhlw)).toEqual([])
    // Unknown filter values are refused naming the parameter.
    const bad = await inject('GET', '/api/v1/assets/devices?role=toaster', bank)
    expect(bad.statusCode).toBe(400)
    expect((bad.json() as Problem).errors.map((e) => e.path)).toEqual(['querystring.role'])
  })

  it('government organisations and sharing bodies record no devices', async () => {
    for (const headers of [nco, mhlw, ceptoar]) expect((await inject('POST', '/api/v1/assets/devices', headers, body())).statusCode).toBe(403)
  })
})
