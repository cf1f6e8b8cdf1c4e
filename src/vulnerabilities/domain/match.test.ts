import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SHARED_DATA_DIR } from '../../../test/harness/shared-data.ts'
import { normaliseKevEntry, normaliseRecord, type NormalisedRecord } from './affected.ts'
import { buildIndex, describeMatch, matchDevice, matchRecord, type DeviceInput, type Match } from './match.ts'

const RECORDS = join(SHARED_DATA_DIR, 'cve-records-network-ics/records')
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.json') ? [join(dir, n)] : []))
const ALL: NormalisedRecord[] = files(RECORDS).map((f) => normaliseRecord(JSON.parse(readFileSync(f, 'utf8'))))
const rec = (id: string) => ALL.find((r) => r.cveId === id)!

/** The match of `device` against one record, or undefined; checked to be the same through the index. */
function one(cveId: string, device: Omit<DeviceInput, 'id'>): Match | undefined {
  const matches = matchDevice({ id: 'd', ...device }, [rec(cveId)])
  const fanned = matchRecord(buildIndex([device]), rec(cveId)).groups
  expect(fanned.map((g) => [g.explanation.status, g.explanation.path, g.devices.length])).toEqual(matches.map((m) => [m.status, m.path, 1]))
  return matches[0]
}
const status = (cveId: string, device: Omit<DeviceInput, 'id'>) => one(cveId, device)?.status ?? 'not affected'

describe('hand-written cases per vendor scheme, on the shared records', () => {
  it('Cisco IOS 15.2(4)M7: listed releases only (CVE-2023-20109 lists 15.2(4)M…M11, not M12)', () => {
    const ios = (version: string) => ({ vendor: 'Cisco', product: 'IOS', version })
    const m = one('CVE-2023-20109', ios('15.2(4)M7'))!
    expect([m.status, m.ruleKind, m.exact, m.scheme, m.source]).toEqual(['affected', 'exact', '15.2(4)M7', 'cisco-ios', 'cna'])
    expect(m.path).toMatch(/^\$\.containers\.cna\.affected\[0\]\.versions\[\d+\]$/)
    expect(status('CVE-2023-20109', ios('15.2(4)m7'))).toBe('affected')
    expect(status('CVE-2023-20109', ios('15.2(4)M12'))).toBe('not affected')
    // An IOS train number typed in for an IOS XE device is not an IOS XE version: unknown, not "fine".
    const xe = one('CVE-2023-20109', { vendor: 'Cisco', product: 'Cisco IOS XE Software', version: '15.2(4)M7' })!
    expect([xe.status, xe.reason]).toEqual(['unknown', 'device_version_unreadable'])
  })

  it('IOS XE 17.9.4a: CVE-2023-20198 (KEV) is fixed in 17.9.4a, 17.9.4 is listed', () => {
    const xe = (version: string, cpe?: string) => ({ vendor: 'Cisco', product: 'IOS XE', version, cpe })
    expect(status('CVE-2023-20198', xe('17.9.4'))).toBe('affected')
    expect(status('CVE-2023-20198', xe('17.9.3a'))).toBe('affected')
    expect(status('CVE-2023-20198', xe('17.9.4a'))).toBe('not affected')
    expect(status('CVE-2023-20198', xe('', 'cpe:2.3:o:cisco:ios_xe:17.9.4:*:*:*:*:*:*:*'))).toBe('affected')
    expect(status('CVE-2023-20198', { vendor: 'whatever', product: 'typed wrong', version: '17.9.4', cpe: 'cpe:2.3:o:cisco:ios_xe:17.9.4:*:*:*:*:*:*:*' })).toBe('affected')
  })

  it('FortiOS 7.2.4: CVE-2024-21762 (KEV) affects 7.2.0 through 7.2.6', () => {
    const forti = (version: string) => ({ vendor: 'Fortinet', product: 'FortiOS', version })
    const m = one('CVE-2024-21762', forti('7.2.4'))!
    expect([m.status, m.ruleKind, m.range]).toEqual(['affected', 'range', { start: '7.2.0', lessThanOrEqual: '7.2.6' }])
    expect(status('CVE-2024-21762', forti('7.2.6'))).toBe('affected')
    expect(status('CVE-2024-21762', forti('v7.2.6 build1575 (GA)'))).toBe('affected')
    expect(status('CVE-2024-21762', forti('7.2.7'))).toBe('not affected')
    expect(status('CVE-2024-21762', forti('7.4.3'))).toBe('not affected')
    expect(status('CVE-2024-21762', forti('6.0.17'))).toBe('affected')
    // The CISA-ADP copy says 6.0.0 < 6.2.16; the CNA's own entry decides.
    expect(status('CVE-2024-21762', forti('6.1.5'))).toBe('not affected')
  })

  it('FortiOS free text: CVE-2018-13379 (KEV) "FortiOS 6.0.0 to 6.0.4, 5.6.3 to 5.6.7 and 5.4.6 to 5.4.12"', () => {
    const forti = (version: string) => ({ vendor: 'Fortinet', product: 'FortiOS', version })
    for (const v of ['6.0.0', '6.0.4', '5.6.3', '5.6.7', '5.4.12']) expect(status('CVE-2018-13379', forti(v)), v).toBe('affected')
    for (const v of ['6.0.5', '5.6.2', '5.6.8', '5.4.5', '6.2.0']) expect(status('CVE-2018-13379', forti(v)), v).toBe('not affected')
    expect(one('CVE-2018-13379', forti('6.0.4'))!.readings).toEqual(['split_products', 'fortinet_text'])
    expect(status('CVE-2018-13379', { vendor: 'Fortinet', product: 'FortiProxy', version: '2.0.0' })).toBe('affected')
  })

  it('Junos 21.4R3-S5: below 21.4R3-S5 on the 21.4 train (CVE-2023-44178); changes back and forth (CVE-2023-4481)', () => {
    const junos = (version: string) => ({ vendor: 'Juniper Networks', product: 'Junos OS', version })
    expect(status('CVE-2023-44178', junos('21.4R3-S4'))).toBe('affected')
    expect(status('CVE-2023-44178', junos('21.4R3-S4.3'))).toBe('affected')
    expect(status('CVE-2023-44178', junos('21.4R3-S5'))).toBe('not affected')
    expect(status('CVE-2023-44178', junos('21.4R3-S5.2'))).toBe('not affected')
    expect(status('CVE-2023-44178', junos('21.4R1'))).toBe('affected')
    expect(status('CVE-2023-44178', junos('18.4R3-S10'))).toBe('affected')
    // Junos OS Evolved is another product: the Junos OS ranges do not apply to it.
    expect(status('CVE-2023-44178', { vendor: 'Juniper Networks', product: 'Junos OS Evolved', version: '21.4R3-S4-EVO' })).toBe('not affected')
    // versions[3]: 21.4 ≤ v < 21.4R3-S7, unaffected from 21.4R3-S5, affected again from 21.4R3-S6.
    expect(status('CVE-2023-4481', junos('21.4R3-S4'))).toBe('affected')
    expect(status('CVE-2023-4481', junos('21.4R3-S5'))).toBe('not affected')
    expect(status('CVE-2023-4481', junos('21.4R3-S5.3'))).toBe('not affected')
    const back = one('CVE-2023-4481', junos('21.4R3-S6'))!
    expect([back.status, back.reason, back.range?.change]).toEqual(['affected', 'status_change', { at: '21.4R3-S6', status: 'affected' }])
    // 21.4R3-S7 is past versions[3], but the record goes on with versions[9] "21.1R1 ≤ v ≤ 21.*" (and says
    // defaultStatus affected): read as written, it is affected.
    const s7 = one('CVE-2023-4481', junos('21.4R3-S7'))!
    expect([s7.status, s7.path, s7.range]).toEqual(['affected', '$.containers.cna.affected[0].versions[9]', { start: '21.1R1', lessThanOrEqual: '21.*' }])
    const outside = one('CVE-2023-4481', junos('24.2R1'))!
    expect([outside.status, outside.reason, outside.ruleKind]).toEqual(['affected', 'default_status', 'default_status'])
  })

  it('PAN-OS 10.2.9-h1: CVE-2024-3400 (KEV) is fixed in 10.2.9-h1, 11.0.4-h1, 11.1.2-h3', () => {
    const pan = (version: string) => ({ vendor: 'Palo Alto Networks', product: 'PAN-OS', version })
    expect(status('CVE-2024-3400', pan('10.2.9'))).toBe('affected')
    expect(status('CVE-2024-3400', pan('10.2.0'))).toBe('affected')
    expect(status('CVE-2024-3400', pan('10.2.9-h1'))).toBe('not affected')
    expect(status('CVE-2024-3400', pan('10.2.10'))).toBe('not affected')
    expect(status('CVE-2024-3400', pan('11.1.2-h2'))).toBe('affected')
    expect(status('CVE-2024-3400', pan('11.1.2-h3'))).toBe('not affected')
    expect(status('CVE-2024-3400', pan('10.1.12'))).toBe('not affected')
    expect(status('CVE-2024-3400', { vendor: 'Palo Alto Networks', product: 'Prisma Access', version: '10.2.9' })).toBe('not affected')
  })

  it('Siemens firmware V2.3 and V4.1.1 Patch04 (CVE-2017-2680), Moxa 1.6 (CVE-2024-3576)', () => {
    const s = (product: string, version: string) => ({ vendor: 'Siemens', product, version })
    expect(status('CVE-2017-2680', s('SIMATIC S7-200 SMART', 'V2.2'))).toBe('affected')
    expect(status('CVE-2017-2680', s('SIMATIC S7-200 SMART', 'V2.3'))).toBe('not affected')
    const dk = 'Development/Evaluation Kits for PROFINET IO: DK Standard Ethernet Controller'
    expect(status('CVE-2017-2680', s(dk, 'V4.1.1 Patch03'))).toBe('affected')
    expect(status('CVE-2017-2680', s(dk, 'V4.1.1 Patch04'))).toBe('not affected')
    expect(status('CVE-2017-2680', s(dk, 'V4.1.1'))).toBe('affected')
    const all = one('CVE-2017-2680', s('IE/AS-i Link PN IO', 'V99'))!
    expect([all.status, all.ruleKind, all.readings]).toEqual(['affected', 'all_versions', ['siemens_text']])
    // "All versions < V3.X.14": a pattern, not a version: unknown, not silently dropped.
    const s7 = one('CVE-2017-2680', s('SIMATIC S7-300 CPU family', 'V3.2.8'))!
    expect([s7.status, s7.reason, s7.ruleKind]).toEqual(['unknown', 'record_version_unreadable', 'unreadable'])
    expect(status('CVE-2024-3576', { vendor: 'Moxa', product: 'NPort 5100A Series', version: '1.6' })).toBe('affected')
    expect(status('CVE-2024-3576', { vendor: 'Moxa', product: 'NPort 5100A', version: 'v1.7' })).toBe('not affected')
  })

  it('Ivanti 22.1R6.2 and Citrix 13.1-51.15 with its FIPS line', () => {
    const ics = (version: string) => ({ vendor: 'Ivanti', product: 'Connect Secure', version })
    expect(status('CVE-2024-21894', ics('22.1R6.2'))).toBe('affected')
    expect(status('CVE-2024-21894', ics('22.1R6.3'))).toBe('not affected')
    const adc = (version: string) => ({ vendor: 'Citrix', product: 'NetScaler ADC', version })
    expect(status('CVE-2023-6548', adc('13.1-51.14'))).toBe('affected')
    expect(status('CVE-2023-6548', adc('13.1-51.15'))).toBe('not affected')
    expect(status('CVE-2023-6548', adc('13.1-37.175-FIPS'))).toBe('affected')
    expect(status('CVE-2023-6548', adc('13.1-37.176-FIPS'))).toBe('not affected')
    expect(status('CVE-2023-6548', adc('13.1-37.180'))).toBe('affected')
  })
})

describe('unknown, never skipped', () => {
  it('a version the product scheme cannot read is unknown for every record naming the product', () => {
    const device = { id: 'fw-1', vendor: 'Fortinet', product: 'FortiOS', version: 'seven point two' }
    const matches = matchDevice(device, ALL)
    const naming = ALL.filter((r) => r.products.some((p) => p.productKeys.includes('fortinet:fortios') && p.rules.some((x) => x.status !== 'unaffected')))
    expect(matches.length).toBe(naming.length)
    expect(matches.every((m) => m.status === 'unknown' && m.reason === 'device_version_unreadable' && m.ruleKind === 'device_version' && m.version === 'seven point two')).toBe(true)
    expect(naming.length).toBeGreaterThan(50)
  })

  it('a record naming the product without versions gives unknown (CVE-2021-1435: IOS XE n/a)', () => {
    const m = one('CVE-2021-1435', { vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a' })!
    expect([m.status, m.reason, m.ruleKind]).toEqual(['unknown', 'listed_without_versions', 'listed'])
  })

  it('CISA-ADP decides where the CNA says n/a (CVE-2020-3259, KEV: ASA)', () => {
    const asa = (version: string) => ({ vendor: 'Cisco', product: 'ASA', version })
    const m = one('CVE-2020-3259', asa('9.8.4.19'))!
    expect([m.status, m.source, m.provider, m.range]).toEqual(['affected', 'adp', 'CISA-ADP', { start: '9.8', lessThan: '9.8.4.20' }])
    expect(m.cpe).toBe('cpe:2.3:a:cisco:adaptive_security_appliance_software:9.8:*:*:*:*:*:*:*')
    expect(status('CVE-2020-3259', asa('9.8.4.20'))).toBe('not affected')
    expect(status('CVE-2020-3259', { vendor: 'Cisco', product: 'Firepower Threat Defense', version: '6.4.0.8' })).toBe('affected')
  })

  it('KEV entries without a record make devices of the products they name unknown', () => {
    const kev = normaliseKevEntry({ cveID: 'CVE-2018-0171', vendorProject: 'Cisco', product: 'IOS and IOS XE Software' })
    const m = matchDevice({ id: 'r1', vendor: 'Cisco', product: 'IOS', version: '15.2(4)M7' }, [kev])
    expect(m.map((x) => [x.cveId, x.status, x.reason, x.source])).toEqual([['CVE-2018-0171', 'unknown', 'listed_without_versions', 'kev']])
    expect(matchDevice({ id: 'r2', vendor: 'Cisco', product: 'NX-OS', version: '9.3(1)' }, [kev])).toEqual([])
  })
})

describe('explanations and fan-out', () => {
  it('every match names its record, rule and path; the description is language-neutral', () => {
    const m = one('CVE-2024-3400', { vendor: 'Palo Alto Networks', product: 'PAN-OS', version: '11.0.4' })!
    expect(m).toMatchObject({ cveId: 'CVE-2024-3400', status: 'affected', reason: 'in_range', ruleKind: 'range', scheme: 'panos', vendor: 'Palo Alto Networks', product: 'PAN-OS' })
    expect(m.path).toBe('$.containers.cna.affected[0].versions[5]')
    expect(describeMatch(m)).toBe('CVE-2024-3400: PAN-OS [11.0.0, 11.0.4-h1) (CNA $.containers.cna.affected[0].versions[5])')
  })

  it('matchRecord groups devices by rule and hands out slices of the index', () => {
    const devices: DeviceInput[] = []
    for (let i = 0; i < 300; i++) devices.push({ vendor: 'Palo Alto Networks', product: 'PAN-OS', version: ['10.2.8', '10.2.9', '10.2.9-h1', '11.1.2', 'garbage!'][i % 5]! })
    devices.push({ vendor: '', product: 'PAN-OS', version: '10.2.9' })
    const index = buildIndex(devices)
    expect(index.unkeyed).toEqual([300])
    const result = matchRecord(index, rec('CVE-2024-3400'))
    expect(result.affected).toBe(180)
    expect(result.unknown).toBe(60)
    const byRule = result.groups.map((g) => [g.explanation.path, g.explanation.status, g.devices.length, g.versions])
    expect(byRule).toEqual([
      ['$.containers.cna.affected[0].versions[4]', 'affected', 120, { first: '10.2.8', last: '10.2.9', count: 2 }],
      ['$.containers.cna.affected[0].versions[6]', 'affected', 60, { first: '11.1.2', last: '11.1.2', count: 1 }],
      ['$.containers.cna.affected[0]', 'unknown', 60, { first: 'garbage!', last: 'garbage!', count: 1 }],
    ])
    for (const g of result.groups) for (const d of g.devices) expect(devices[d]!.version).not.toBe('10.2.9-h1')
  })
})
