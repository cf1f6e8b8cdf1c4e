import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { SHARED_DATA_DIR } from '../../../test/harness/shared-data.ts'
import { normaliseKevEntry, normaliseRecord, type AffectedProduct, type RangeRule, type VersionRule } from './affected.ts'
import { parseCpe, cpeVersionText } from './cpe.ts'
import { cpeProductKey, productKey, schemeForProduct } from './products.ts'

const RECORDS = join(SHARED_DATA_DIR, 'cve-records-network-ics/records')
function recordFile(cveId: string): unknown {
  const [, year, num] = cveId.split('-')
  for (const bucket of readdirSync(join(RECORDS, year!))) {
    const file = join(RECORDS, year!, bucket, `${cveId}.json`)
    try {
      if (statSync(file).isFile()) return JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      // not in this bucket
    }
  }
  throw new Error(`no record ${cveId} (${num})`)
}
const record = (cveId: string) => normaliseRecord(recordFile(cveId))
const cna = (cveId: string, product: string): AffectedProduct => {
  const p = record(cveId).products.find((x) => x.source === 'cna' && x.product === product)
  if (!p) throw new Error(`${cveId} has no CNA entry ${product}`)
  return p
}
const show = (r: VersionRule) =>
  r.kind === 'range' ? `[${r.start?.text ?? '0'}, ${r.end ? r.end.text + (r.end.inclusive ? ']' : ')') : '*)'}` : r.kind === 'exact' ? `=${r.version}` : r.kind

describe('product keys', () => {
  it('bring CNA names, CPE names and inventory spellings together', () => {
    const same: [string, string][] = [
      [productKey('Cisco', 'Cisco IOS XE Software'), cpeProductKey('cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*')],
      [productKey('Cisco', 'Cisco IOS XE Software'), productKey('cisco', 'IOS-XE')],
      [productKey('Cisco', 'Cisco Adaptive Security Appliance (ASA) Software'), cpeProductKey('cpe:2.3:a:cisco:adaptive_security_appliance_software:9.8:*:*:*:*:*:*:*')],
      [productKey('Juniper Networks, Inc.', 'Junos OS'), cpeProductKey('cpe:2.3:o:juniper:junos:21.4:r3-s5:*:*:*:*:*:*')],
      [productKey('Juniper Networks', 'Junos OS Evolved'), cpeProductKey('cpe:2.3:o:juniper:junos_os_evolved:*:*:*:*:*:*:*:*')],
      [productKey('Palo Alto Networks', 'PAN-OS'), cpeProductKey('cpe:2.3:o:paloaltonetworks:pan-os:10.2.0:*:*:*:*:*:*:*')],
      [productKey('Cloud Software Group', 'NetScaler ADC '), cpeProductKey('cpe:2.3:a:citrix:netscaler_application_delivery_controller:13.1:*:*:*:-:*:*:*')],
      [productKey('Moxa', 'NPort 5100A Series'), cpeProductKey('cpe:2.3:o:moxa:nport_5100a_series_firmware:*:*:*:*:*:*:*:*')],
      [productKey('Siemens', 'SCALANCE M812-1 ADSL-Router family'), cpeProductKey('cpe:2.3:a:siemens:scalance_m812-1_adsl-router:*:*:*:*:*:*:*:*')],
      [productKey('Pulse Secure', 'Pulse Connect Secure'), productKey('Ivanti', 'Connect Secure')],
      [productKey('Siemens', 'SIMATIC CP 1243-1 (incl. SIPLUS variants)'), productKey('SIEMENS', 'Simatic CP 1243-1')],
      [productKey('Ｆｏｒｔｉｎｅｔ', 'ＦｏｒｔｉＯＳ'), productKey('Fortinet', 'FortiOS')],
    ]
    for (const [a, b] of same) expect(a, `${a} = ${b}`).toBe(b)
    expect(productKey('Cisco', 'IOS')).not.toBe(productKey('Cisco', 'IOS XE'))
    expect(productKey('Juniper Networks', 'Junos OS')).not.toBe(productKey('Juniper Networks', 'Junos OS Evolved'))
    expect(productKey('', 'IOS')).toBe('')
    expect(schemeForProduct(productKey('Cisco', 'IOS'))).toBe('cisco-ios')
    expect(schemeForProduct(productKey('Juniper Networks', 'Junos OS Evolved'))).toBe('junos')
    expect(schemeForProduct(productKey('Acme', 'Widget'))).toBe('generic')
  })

  it('reads CPE 2.3 strings with escapes and the 2.2 URI form', () => {
    const c = parseCpe('cpe:2.3:o:cisco:ios:15.2\\(4\\)m7:*:*:*:*:*:*:*')!
    expect([c.part, c.vendor, c.product, c.version]).toEqual(['o', 'cisco', 'ios', '15.2(4)m7'])
    expect(cpeVersionText(parseCpe('cpe:2.3:o:paloaltonetworks:pan-os:11.1.2:h12:*:*:*:*:*:*')!)).toBe('11.1.2h12')
    expect(cpeVersionText(parseCpe('cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*')!)).toBeNull()
    expect(parseCpe('cpe:/o:juniper:junos:21.4')?.version).toBe('21.4')
    for (const bad of ['cpe:2.3:o:cisco', 'cpe:2.3:x:cisco:ios:1:*:*:*:*:*:*:*', 'cpe:2.3:o:*:ios:1:*:*:*:*:*:*:*', 'ios', '']) expect(parseCpe(bad), bad).toBeNull()
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => void parseCpe('cpe:2.3:' + s)))
  })
})

describe('readings of what real records write', () => {
  it('Siemens free text: All versions < V4.1.1 Patch04, All versions, V4.7: All versions < V4.7 HF27', () => {
    const r = record('CVE-2017-2680')
    const of = (product: string) => r.products.find((p) => p.product === product)!.rules.map(show)
    expect(of('Development/Evaluation Kits for PROFINET IO: DK Standard Ethernet Controller')).toEqual(['[0, V4.1.1 Patch04)'])
    expect(of('IE/AS-i Link PN IO')).toEqual(['all'])
    expect(of('SINAMICS G150 V4.7 w. PN')).toEqual(['[V4.7, V4.7 HF27)'])
    expect(of('SIMATIC S7-300 CPU family (incl. related ET200 CPUs and SIPLUS variants)')).toEqual(['unreadable'])
  })

  it('Fortinet free text is split per product into ranges, "and below" bounded by the branch', () => {
    const r = record('CVE-2018-13379')
    expect(r.products.map((p) => [p.product, p.productKeys, p.rules.map(show)])).toEqual([
      ['FortiOS', ['fortinet:fortios'], ['[6.0.0, 6.0.4]', '[5.6.3, 5.6.7]', '[5.4.6, 5.4.12]']],
      ['FortiProxy', ['fortinet:fortiproxy'], ['[2.0.0, 2.0.0]', '[1.2.0, 1.2.8]', '[1.1.0, 1.1.6]', '[1.0.0, 1.0.7]']],
    ])
    expect(cna('CVE-2022-30307', 'FortiOS').rules.map(show)).toEqual(['[7.2, 7.2.0]', '[7.0, 7.0.6]', '[0, 6.4.9]'])
    expect(cna('CVE-2021-44168', 'FortiOS').rules.map(show)).toEqual(['[0, 7.0.3)'])
    // The AV engine versions say nothing about FortiOS itself: FortiOS is listed without versions.
    const av = record('CVE-2022-26122')
    expect(av.products.map((p) => [p.product, p.rules.map(show)])).toEqual([
      ['AV Engine', ['[0, 6.2.168]', '[6.4, 6.4.274]']],
      ['FortiMail', ['listed']],
      ['FortiOS', ['listed']],
      ['FortiClient', ['listed']],
    ])
  })

  it('Ivanti empty ranges are the version itself; Juniper bound lists take the lowest; Citrix builds join their release', () => {
    const ivanti = cna('CVE-2024-21894', 'Connect Secure').rules[0]!
    expect([ivanti.kind, ivanti.reading, show(ivanti)]).toEqual(['exact', 'empty_range_as_version', '=22.1R6.2'])
    const junos = cna('CVE-2023-36836', 'Junos OS').rules.find((x) => x.kind === 'range' && x.end?.text === '22.1R1-S2, 22.1R2') as RangeRule
    expect([junos.reading, junos.end!.canonical]).toEqual(['bound_list_lowest', '22.1R1-S2'])
    const citrix = record('CVE-2023-6548').products.find((p) => p.source === 'cna' && p.product === 'NetScaler ADC')!
    expect(citrix.rules.map((x) => (x as RangeRule).end!.canonical)).toEqual(['14.1-12.35', '13.1-51.15', '13.0-92.21', '13.1-37.176-FIPS', '12.1-55.302-FIPS', '12.1-55.302-NDcPP'])
    expect(citrix.rules.every((x) => x.reading === 'citrix_build_bound')).toBe(true)
  })

  it('PAN-OS: changes sorted, "All" upper bounds open, Cloud NGFW dates unreadable', () => {
    const pan = cna('CVE-2024-3400', 'PAN-OS')
    expect(pan.rules.map(show)).toEqual(['=9.0.0', '=9.1.0', '=10.0.0', '=10.1.0', '[10.2.0, 10.2.9-h1)', '[11.0.0, 11.0.4-h1)', '[11.1.0, 11.1.2-h3)'])
    expect(pan.defaultStatus).toBe('unaffected')
    const open = cna('CVE-2023-6792', 'PAN-OS').rules.filter((x) => x.kind === 'range' && x.end === null)
    expect(open).toHaveLength(3)
    expect(cna('CVE-2024-5916', 'Cloud NGFW').rules.map((x) => x.kind)).toEqual(['unreadable', 'unreadable', 'unreadable', 'unreadable'])
    const prisma = record('CVE-2022-0028').products.find((p) => p.product === 'Prisma Access')!
    expect(prisma.rules.map(show)).toEqual(['[2.1, 2.1*)', '[2.2, 2.2*)', '[3.0, 3.0*)', '[3.1, 3.1*)'])
  })

  it('Cisco n/a names the product without versions; CISA-ADP copies keep their CPEs and provider', () => {
    const r = record('CVE-2020-3259')
    expect(r.products.filter((p) => p.source === 'cna').map((p) => p.rules.map((x) => x.kind))).toEqual([['listed']])
    const adp = r.products.filter((p) => p.source === 'adp')
    expect(new Set(adp.map((p) => p.provider))).toEqual(new Set(['CISA-ADP']))
    expect(adp.map((p) => p.productKeys[0])).toContain('cisco:adaptivesecurityappliance')
    expect(adp.map((p) => p.productKeys[0])).toContain('cisco:firepowerthreatdefense')
  })

  it('never throws on malformed records, and keeps what it can', () => {
    expect(normaliseRecord(null).products).toEqual([])
    expect(normaliseRecord({ containers: { cna: { affected: [null, 3, { vendor: 'Cisco', product: 'IOS', versions: [null, { version: 7 }, { status: 'affected', version: '15.2(4)M7' }] }] } } }).products[0]!.rules.map(show)).toEqual([
      '=15.2(4)M7',
    ])
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('version', 'lessThan', 'lessThanOrEqual', 'status', 'changes', 'at', 'vendor', 'product', 'versions', 'defaultStatus', 'cpes'), tie('value'), { maxKeys: 5 })),
    })).value
    fc.assert(fc.property(json, (affected) => void normaliseRecord({ cveMetadata: { cveId: 'CVE-1' }, containers: { cna: { affected: [affected] }, adp: [{ affected: [affected] }] } })), { numRuns: 500 })
  })

  it('a KEV entry without record names each of its products', () => {
    const kev = normaliseKevEntry({ cveID: 'CVE-2018-0171', vendorProject: 'Cisco', product: 'IOS and IOS XE Software' })
    expect(kev.products.map((p) => [p.productKeys, p.source, p.rules.map((x) => x.kind)])).toEqual([
      [['cisco:ios'], 'kev', ['listed']],
      [['cisco:iosxe'], 'kev', ['listed']],
    ])
    expect(normaliseKevEntry({ cveID: 'X', vendorProject: 'Cisco', product: 'Adaptive Security Appliance (ASA) and Firepower Threat Defense (FTD)' }).products.map((p) => p.productKeys[0])).toEqual([
      'cisco:adaptivesecurityappliance',
      'cisco:firepowerthreatdefense',
    ])
  })
})
