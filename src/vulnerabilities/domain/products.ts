import { parseCpe } from './cpe.ts'
import type { SchemeId } from './versions/index.ts'

/**
 * Product identity for matching: a device and a CVE `affected` entry are about the same product when their
 * product keys are equal. A key is `vendor:product`, each part lower-case letters and digits only, so that the
 * names CNAs write (`Cisco IOS XE Software`, `Junos OS`, `Palo Alto Networks`/`PAN-OS`), the CPE names CISA-ADP
 * writes (`cisco:ios_xe_software`, `juniper:junos`, `paloaltonetworks:pan-os`) and what operators type into an
 * inventory (`cisco`/`IOS-XE`) meet:
 * - vendor: NFKC, lower case, non-alphanumerics dropped (`Juniper Networks, Inc.` → `junipernetworksinc`), then
 *   {@link VENDOR_ALIASES};
 * - product: parenthesised "incl. …" notes dropped (Siemens), words split on anything not a letter or digit,
 *   leading words that repeat the vendor dropped (`Cisco IOS` → `ios`), trailing `software`, `firmware`,
 *   `series`, `family` dropped (`NPort 5100A Series` and `nport_5100a_series_firmware` → `nport5100a`), joined,
 *   then {@link PRODUCT_ALIASES}.
 * The tables are data: add a line when a vendor spells a product two ways.
 */
export const VENDOR_ALIASES: Readonly<Record<string, string>> = {
  ciscosystems: 'cisco',
  junipernetworks: 'juniper',
  junipernetworksinc: 'juniper',
  paloalto: 'paloaltonetworks',
  pulsesecure: 'ivanti',
  cloudsoftwaregroup: 'citrix',
  netscaler: 'citrix',
  citrixsystems: 'citrix',
  seimens: 'siemens',
  siemensag: 'siemens',
  moxainc: 'moxa',
  fortinetinc: 'fortinet',
}

/** Words a vendor's product names may start with that only repeat the vendor. */
const VENDOR_WORDS: Readonly<Record<string, readonly string[]>> = {
  cisco: ['cisco'],
  juniper: ['juniper', 'networks'],
  paloaltonetworks: ['palo', 'alto', 'networks', 'paloaltonetworks'],
  fortinet: ['fortinet'],
  ivanti: ['ivanti', 'pulse'],
  citrix: ['citrix'],
  siemens: ['siemens'],
  moxa: ['moxa'],
}

const TRAILING_WORDS = new Set(['software', 'firmware', 'series', 'family'])

export const PRODUCT_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  cisco: {
    asa: 'adaptivesecurityappliance',
    adaptivesecurityapplianceasa: 'adaptivesecurityappliance',
    ftd: 'firepowerthreatdefense',
    firepowerthreatdefenseftd: 'firepowerthreatdefense',
    xe: 'iosxe',
    xr: 'iosxr',
    nexus: 'nxos',
  },
  juniper: { junosos: 'junos', junososevolved: 'junosevolved' },
  citrix: {
    adc: 'netscaleradc',
    citrixadc: 'netscaleradc',
    applicationdeliverycontroller: 'netscaleradc',
    applicationdeliverycontrolleradc: 'netscaleradc',
    netscalerapplicationdeliverycontroller: 'netscaleradc',
    gateway: 'netscalergateway',
    citrixgateway: 'netscalergateway',
  },
  ivanti: { ics: 'connectsecure', ips: 'policysecure' },
}

/**
 * Version scheme of a product: by product key first, then by vendor, else `generic`. Data, not code: a record's
 * `versionType` is not used, because CNAs write `semver` over Junos strings (`21.4R3-S5`) and `custom` over
 * plain dotted numbers, and a device in an inventory has no version type at all.
 */
export const SCHEME_BY_PRODUCT: Readonly<Record<string, SchemeId>> = {
  'cisco:ios': 'cisco-ios',
  'cisco:iosxe': 'cisco-ios-xe',
  'cisco:iosxecatalystsdwan': 'cisco-ios-xe',
  'cisco:aironetaccesspointsoftwareiosxecontroller': 'cisco-ios-xe',
  'cisco:utdsnortipsengine': 'cisco-ios-xe',
  'cisco:nxos': 'cisco-nxos',
  'cisco:nxossysteminacimode': 'cisco-nxos',
  'cisco:nxossystemsoftwareinacimode': 'cisco-nxos',
}

export const SCHEME_BY_VENDOR: Readonly<Record<string, SchemeId>> = {
  fortinet: 'fortios',
  juniper: 'junos',
  paloaltonetworks: 'panos',
  ivanti: 'ivanti',
  citrix: 'citrix',
  siemens: 'firmware',
  moxa: 'firmware',
}

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(\s*incl\.?[^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
}

export function vendorKey(vendor: string): string {
  const slug = words(vendor).join('')
  return VENDOR_ALIASES[slug] ?? slug
}

export function productPart(vendor: string, product: string): string {
  const v = vendorKey(vendor)
  const ws = words(product)
  const skip = VENDOR_WORDS[v] ?? [v]
  while (ws.length > 1 && skip.includes(ws[0]!)) ws.shift()
  while (ws.length > 1 && TRAILING_WORDS.has(ws[ws.length - 1]!)) ws.pop()
  const slug = ws.join('')
  return PRODUCT_ALIASES[v]?.[slug] ?? slug
}

/** Memo of computed keys (pure, bounded: cleared when it grows past {@link MEMO_LIMIT}). */
const MEMO_LIMIT = 50_000
const memo = new Map<string, string>()
function remember(id: string, compute: () => string): string {
  let key = memo.get(id)
  if (key === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(id, (key = compute()))
  }
  return key
}

/** `vendor:product`, or '' when either is blank. */
export function productKey(vendor: string, product: string): string {
  if (typeof vendor !== 'string' || typeof product !== 'string') return ''
  return remember(`n\u0000${vendor}\u0000${product}`, () => {
    const v = vendorKey(vendor)
    const p = productPart(vendor, product)
    return v === '' || p === '' ? '' : `${v}:${p}`
  })
}

/** The product key a CPE names (`cpe:2.3:o:cisco:ios_xe:…` → `cisco:iosxe`); '' when the CPE cannot be read. */
export function cpeProductKey(cpeText: string): string {
  if (typeof cpeText !== 'string') return ''
  return remember(`c\u0000${cpeText}`, () => {
    const cpe = parseCpe(cpeText)
    return cpe ? productKey(cpe.vendor, cpe.product) : ''
  })
}

export function schemeForProduct(key: string): SchemeId {
  const bySpecific = SCHEME_BY_PRODUCT[key]
  if (bySpecific) return bySpecific
  const vendor = key.slice(0, key.indexOf(':'))
  return SCHEME_BY_VENDOR[vendor] ?? 'generic'
}
