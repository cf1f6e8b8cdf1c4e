import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { SHARED_DATA_DIR } from '../../../test/harness/shared-data.ts'
import { cpeProblem, deriveCpe, identifyVendor, productCpe, splitCpe, unquoteCpe, VENDORS } from './vendors.ts'

/**
 * The vendor/product → CPE mapping against the CVE records it was written from (shared/data, read only):
 * every CPE name it produces is one CISA-ADP uses, and for each product name a CNA writes that the mapping
 * knows, the CPE it derives is among the ADP CPEs of the records naming that product.
 */

const RECORDS_DIR = `${SHARED_DATA_DIR}cve-records-network-ics/`
interface IndexEntry { file: string }
interface Affected { vendor?: string; product?: string; cpes?: string[] }
interface CveRecord { containers: { cna: { affected?: Affected[] }; adp?: { affected?: Affected[] }[] } }

const records: CveRecord[] = (JSON.parse(readFileSync(`${RECORDS_DIR}index.json`, 'utf8')) as { records: IndexEntry[] }).records
  .map((r) => JSON.parse(readFileSync(`${RECORDS_DIR}${r.file}`, 'utf8')) as CveRecord)

/** `part:vendor:product` of each ADP CPE of a record. */
const adpNames = (r: CveRecord) => new Set((r.containers.adp ?? []).flatMap((a) => (a.affected ?? []).flatMap((x) => x.cpes ?? []))
  .map((c) => c.split(':').slice(2, 5).join(':')))
const allAdpNames = new Set(records.flatMap((r) => [...adpNames(r)]))

describe('CPE names from the vendor/product mapping', () => {
  it('reads the shared records', () => {
    expect(records.length).toBe(441)
    expect(allAdpNames.size).toBeGreaterThan(100)
  })

  it('every product CPE name in the mapping is one the records\' ADP containers use', () => {
    const named = VENDORS.flatMap((v) => v.products.map((p) => `${p.part}:${v.key}:${p.product}`))
    expect(named.length).toBeGreaterThan(15)
    expect(named.filter((n) => !allAdpNames.has(n))).toEqual([])
  })

  it('for each product line the mapping knows, the derived name is among the ADP CPEs of the records whose CNA names it', () => {
    // Grouped by the derived name: CNAs spell a vendor several ways ("Juniper Networks", "Juniper Networks, Inc."),
    // and ADP names vary from record to record; the mapping must use a name the records of that line carry.
    const byCpe = new Map<string, { names: Set<string>; adp: Set<string> }>()
    for (const r of records) {
      const adp = adpNames(r)
      for (const a of r.containers.cna.affected ?? []) {
        if (!a.vendor || !a.product) continue
        const found = productCpe(a.vendor, a.product)
        if (!found || found.perModel) continue
        const derived = `${found.part}:${found.vendor}:${found.product}`
        const entry = byCpe.get(derived) ?? { names: new Set<string>(), adp: new Set<string>() }
        entry.names.add(`${a.vendor} | ${a.product}`)
        for (const n of adp) entry.adp.add(n)
        byCpe.set(derived, entry)
      }
    }
    const recognised = new Set([...byCpe.values()].flatMap((e) => [...e.names]))
    // The CNA names of every product line the issue lists are recognised.
    for (const name of ['Cisco | Cisco IOS XE Software', 'Cisco | IOS', 'Cisco | Cisco IOS XR Software', 'Cisco | Cisco NX-OS Software',
      'Cisco | Cisco Adaptive Security Appliance (ASA) Software', 'Cisco | Cisco Firepower Threat Defense Software', 'Fortinet | FortiOS',
      'Fortinet | FortiProxy', 'Juniper Networks | Junos OS', 'Juniper Networks | Junos OS Evolved', 'Palo Alto Networks | PAN-OS', 'Ivanti | Connect Secure',
      'Ivanti | Policy Secure']) {
      expect(recognised.has(name), name).toBe(true)
    }
    expect(byCpe.size).toBeGreaterThanOrEqual(12)
    const wrong = [...byCpe].filter(([derived, e]) => !e.adp.has(derived)).map(([derived, e]) => `${derived} for ${[...e.names].join(', ')}`)
    expect(wrong).toEqual([])
  })

  it('derives full CPE 2.3 names per vendor scheme, quoting as the records do', () => {
    const any = ':*:*:*:*:*:*:*'
    expect(deriveCpe('Cisco', 'IOS XE', '17.9.4a')).toBe(`cpe:2.3:o:cisco:ios_xe:17.9.4a${any}`)
    expect(deriveCpe('Cisco Systems, Inc.', 'Cisco IOS Software', '15.2(4)M7')).toBe(`cpe:2.3:o:cisco:ios:15.2\\(4\\)m7${any}`)
    expect(deriveCpe('cisco', 'NX-OS', '9.3(10)')).toBe(`cpe:2.3:o:cisco:nx-os:9.3\\(10\\)${any}`)
    expect(deriveCpe('Cisco', 'ASA', '9.16.4')).toBe(`cpe:2.3:o:cisco:adaptive_security_appliance_software:9.16.4${any}`)
    expect(deriveCpe('Fortinet', 'FortiOS', '7.2.4')).toBe(`cpe:2.3:o:fortinet:fortios:7.2.4${any}`)
    expect(deriveCpe('Juniper Networks', 'Junos OS', '21.4R3-S5')).toBe(`cpe:2.3:o:juniper:junos:21.4r3-s5${any}`)
    expect(deriveCpe('Juniper', 'Junos OS Evolved', '22.3R1-EVO')).toBe(`cpe:2.3:o:juniper:junos_os_evolved:22.3r1-evo${any}`)
    expect(deriveCpe('Palo Alto Networks', 'PAN-OS', '10.2.9-h1')).toBe(`cpe:2.3:o:paloaltonetworks:pan-os:10.2.9-h1${any}`)
    expect(deriveCpe('Ivanti', 'Connect Secure', '22.7R2.3')).toBe(`cpe:2.3:a:ivanti:connect_secure:22.7r2.3${any}`)
    expect(deriveCpe('Citrix', 'NetScaler ADC', '14.1-12.35')).toBe(`cpe:2.3:a:citrix:netscaler_application_delivery_controller:14.1-12.35${any}`)
    // Hardware models carry "-" as their version: the firmware is the device's version, not the model's.
    expect(deriveCpe('Siemens', 'SCALANCE M876-4 (EU)', 'V8.1')).toBe(`cpe:2.3:h:siemens:scalance_m876-4_\\(eu\\):-${any}`)
    expect(deriveCpe('Moxa', 'TN-5900 Series', '3.3')).toBe(`cpe:2.3:h:moxa:tn-5900:-${any}`)
    expect(deriveCpe('ＣＩＳＣＯ', 'ｉｏｓ－ｘｅ', '17.9.4a')).toBe(`cpe:2.3:o:cisco:ios_xe:17.9.4a${any}`)
    expect(deriveCpe('シスコシステムズ', 'IOS XE', '17.9.4a')).toBe(`cpe:2.3:o:cisco:ios_xe:17.9.4a${any}`)
    // Known vendor, unknown product; unknown vendor.
    expect(deriveCpe('Cisco', 'Catalyst 9300', '17.9')).toBeNull()
    expect(deriveCpe('Mitsubishi Electric', 'MELSEC iQ-R', '1.2')).toBeNull()
  })

  it('knows the vendors of the data under the names people write, and no others', () => {
    for (const [written, key] of [['Cisco', 'cisco'], ['Cisco Systems, Inc.', 'cisco'], ['Juniper Networks, Inc.', 'juniper'], ['Palo Alto Networks', 'paloaltonetworks'],
      ['PaloAlto', 'paloaltonetworks'], ['Fortinet, Inc.', 'fortinet'], ['Pulse Secure', 'ivanti'], ['NetScaler', 'citrix'], ['Siemens AG', 'siemens'], ['MOXA', 'moxa'],
      ['フォーティネット', 'fortinet']] as const) {
      expect(identifyVendor(written)?.key, written).toBe(key)
    }
    for (const other of ['Mitsubishi Electric', 'Yokogawa', 'Hirschmann', 'Cisc0', '']) expect(identifyVendor(other), other).toBeNull()
  })

  it('a derived CPE is always well formed and names the device\'s version (property)', () => {
    const vendorProduct = fc.constantFrom(['Cisco', 'IOS'], ['Cisco', 'IOS XE'], ['Fortinet', 'FortiOS'], ['Juniper', 'Junos'], ['Palo Alto Networks', 'PAN-OS'], ['Ivanti', 'Policy Secure'])
    const version = fc.string({ unit: fc.constantFrom(...'0123456789.()-_ abcRSXh+/:*?\\'.split('')), minLength: 1, maxLength: 20 }).filter((v) => v.trim() !== '')
    fc.assert(fc.property(vendorProduct, version, ([vendor, product], v) => {
      const cpe = deriveCpe(vendor, product, v)!
      expect(cpeProblem(cpe)).toBeNull()
      const parts = splitCpe(cpe)!
      expect(parts).toHaveLength(11)
      // As NVD writes them: lower case, spaces as underscores.
      expect(unquoteCpe(parts[3]!)).toBe(v.trim().toLowerCase().replace(/\s+/g, '_'))
    }), { numRuns: 300 })
  })

  it('tells malformed CPE names apart', () => {
    expect(cpeProblem('cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*')).toBeNull()
    expect(cpeProblem('cpe:2.3:h:siemens:scalance_m876-4_\\(eu\\):-:*:*:*:*:*:*:*')).toBeNull()
    for (const bad of ['cpe:/o:cisco:ios:15.2', 'cpe:2.3:o:cisco:ios_xe:17.9.4a', 'cpe:2.3:x:cisco:ios:1:*:*:*:*:*:*:*', 'cpe:2.3:o:*:ios:1:*:*:*:*:*:*:*',
      'cpe:2.3:o:cisco:ios:15.2(4)m7:*:*:*:*:*:*:*', 'cpe:2.3:o:cisco:ios:1:*:*:*:*:*:*:*:*', 'not a cpe']) {
      expect(cpeProblem(bad), bad).not.toBeNull()
    }
  })
})
