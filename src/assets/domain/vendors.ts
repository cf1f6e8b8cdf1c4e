/**
 * The vendors and products the vulnerability data covers (the CVE records in shared/data/cve-records-network-ics:
 * Cisco, Fortinet, Juniper, Palo Alto Networks, Ivanti, Citrix, Siemens, Moxa), as data: how people write
 * their names in an inventory, and the CPE 2.3 vendor and product names the records' CISA-ADP CPEs use for
 * them. A device of a vendor outside this table is still recorded, but flagged "not matchable": no record
 * in the data names it, so the matcher cannot say anything about it.
 *
 * CPE names follow the form most records use (counted per record, not per CPE string, in the ADP containers):
 * e.g. ASA is `o:cisco:adaptive_security_appliance_software` (11 records) rather than the rarer
 * `a:cisco:asa`; Junos is `o:juniper:junos`, Junos OS Evolved `o:juniper:junos_os_evolved`. Siemens and Moxa
 * devices are named per model (`h:siemens:scalance_s615`, `h:moxa:tn-5900`) with the hardware version `-`,
 * as in the records; their firmware version stays in the device's `version` field.
 */

export type CpePart = 'a' | 'o' | 'h'

interface ProductEntry {
  part: CpePart
  product: string
  /** Names people use for it, compared after `normaliseName` (vendor prefix and a trailing "software" dropped). */
  names: readonly string[]
}

interface VendorEntry {
  /** Canonical vendor key, also the CPE vendor name. */
  key: string
  /** How the vendor is shown. */
  display: string
  names: readonly string[]
  products: readonly ProductEntry[]
  /** Per-model CPEs for hardware lines (Siemens, Moxa): a product beginning with one of these prefixes. */
  modelLines?: readonly string[]
}

export const VENDORS: readonly VendorEntry[] = [
  {
    key: 'cisco', display: 'Cisco', names: ['cisco', 'cisco systems', 'シスコ', 'シスコシステムズ'],
    products: [
      { part: 'o', product: 'ios', names: ['ios'] },
      { part: 'o', product: 'ios_xe', names: ['ios xe', 'iosxe'] },
      { part: 'o', product: 'ios_xr', names: ['ios xr', 'iosxr'] },
      { part: 'o', product: 'nx-os', names: ['nx os', 'nxos'] },
      { part: 'o', product: 'adaptive_security_appliance_software', names: ['asa', 'adaptive security appliance', 'adaptive security appliance asa', 'asa software'] },
      { part: 'a', product: 'firepower_threat_defense_software', names: ['ftd', 'firepower threat defense', 'firepower threat defense ftd', 'secure firewall threat defense'] },
    ],
  },
  {
    key: 'fortinet', display: 'Fortinet', names: ['fortinet', 'フォーティネット'],
    products: [
      { part: 'o', product: 'fortios', names: ['fortios', 'forti os', 'fortigate'] },
      { part: 'a', product: 'fortiproxy', names: ['fortiproxy', 'forti proxy'] },
      { part: 'o', product: 'fortipam', names: ['fortipam'] },
      { part: 'a', product: 'fortiswitchmanager', names: ['fortiswitchmanager', 'fortiswitch manager'] },
    ],
  },
  {
    key: 'juniper', display: 'Juniper Networks', names: ['juniper', 'juniper networks', 'ジュニパー', 'ジュニパーネットワークス'],
    products: [
      { part: 'o', product: 'junos', names: ['junos', 'junos os'] },
      { part: 'o', product: 'junos_os_evolved', names: ['junos os evolved', 'junos evolved', 'junos evo'] },
    ],
  },
  {
    key: 'paloaltonetworks', display: 'Palo Alto Networks', names: ['palo alto networks', 'palo alto', 'paloaltonetworks', 'paloalto', 'パロアルト', 'パロアルトネットワークス'],
    products: [
      { part: 'o', product: 'pan-os', names: ['pan os', 'panos'] },
      { part: 'a', product: 'cloud_ngfw', names: ['cloud ngfw'] },
      { part: 'a', product: 'prisma_access', names: ['prisma access'] },
    ],
  },
  {
    key: 'ivanti', display: 'Ivanti', names: ['ivanti', 'pulse secure', 'イバンティ'],
    products: [
      { part: 'a', product: 'connect_secure', names: ['connect secure', 'ics', 'pulse connect secure', 'ivanti connect secure'] },
      { part: 'a', product: 'policy_secure', names: ['policy secure', 'ips', 'pulse policy secure'] },
    ],
  },
  {
    key: 'citrix', display: 'Citrix', names: ['citrix', 'citrix systems', 'netscaler', 'cloud software group', 'シトリックス'],
    products: [
      { part: 'a', product: 'netscaler_application_delivery_controller', names: ['netscaler adc', 'citrix adc', 'adc', 'netscaler application delivery controller', 'netscaler'] },
      { part: 'a', product: 'netscaler_gateway', names: ['netscaler gateway', 'citrix gateway', 'gateway'] },
    ],
  },
  { key: 'siemens', display: 'Siemens', names: ['siemens', 'seimens', 'シーメンス'], products: [], modelLines: ['scalance', 'ruggedcom', 'simatic', 'siplus'] },
  { key: 'moxa', display: 'Moxa', names: ['moxa', 'モクサ'], products: [], modelLines: ['tn', 'edr', 'nport', 'nat', 'oncell', 'iologik', 'mxsecurity', 'sds', 'edf', 'eds', 'awk', 'mgate'] },
]

/** Legal-form words dropped when comparing vendor names. */
const LEGAL_FORMS = new Set(['inc', 'incorporated', 'corp', 'corporation', 'co', 'ltd', 'llc', 'ag', 'gmbh', 'kk', '株式会社', '合同会社'])

/** Lower case, width-folded, punctuation as single spaces: `Cisco Systems, Inc.` → `cisco systems inc`. */
export function normaliseName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

function vendorKey(text: string): string {
  return normaliseName(text).split(' ').filter((w) => w !== '' && !LEGAL_FORMS.has(w)).join(' ')
}

const VENDOR_BY_NAME = new Map<string, VendorEntry>()
for (const v of VENDORS) for (const name of [v.key, v.display, ...v.names]) VENDOR_BY_NAME.set(vendorKey(name), v)

/**
 * Inventories repeat a handful of vendor and product spellings thousands of times: lookups are remembered
 * (a bounded map, emptied when full; the answers depend on the text alone).
 */
function remembered<T>(compute: (key: string) => T, size = 10_000): (key: string) => T {
  const cache = new Map<string, T>()
  return (key) => {
    let value = cache.get(key)
    if (value === undefined && !cache.has(key)) {
      if (cache.size >= size) cache.clear()
      value = compute(key)
      cache.set(key, value)
    }
    return value as T
  }
}

const vendorOf = remembered((vendor: string): VendorEntry | null => {
  const key = vendorKey(vendor)
  return VENDOR_BY_NAME.get(key) ?? VENDOR_BY_NAME.get(key.replace(/ /g, '')) ?? null
})

/** The known vendor a written vendor name stands for, or `null` (not matchable). */
export function identifyVendor(vendor: string): { key: string; display: string } | null {
  const found = vendorOf(vendor)
  return found ? { key: found.key, display: found.display } : null
}

const VENDOR_WORDS = new Map(VENDORS.map((v) => [v.key, new Set([...normaliseName(v.display).split(' '), ...v.names.flatMap((n) => normaliseName(n).split(' ')), v.key])]))
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const VENDOR_PREFIX = new Map(VENDORS.map((v) => [v.key, new RegExp(`^(${[v.key, ...v.names.map((n) => n.toLowerCase())].map(escapeRegExp).join('|')})\\s+`)]))

function productKey(vendor: VendorEntry, product: string): string {
  let words = normaliseName(product).split(' ').filter((w) => w !== '')
  // "Cisco IOS XE Software" → "ios xe": the vendor's own name in front and "software" at the end say nothing.
  const vendorWords = VENDOR_WORDS.get(vendor.key)!
  while (words.length > 1 && vendorWords.has(words[0]!)) words = words.slice(1)
  while (words.length > 1 && ['software', 'series', 'family', 'firmware'].includes(words[words.length - 1]!)) words = words.slice(0, -1)
  return words.join(' ')
}

/** CPE 2.3 formatted-string quoting: everything but letters, digits, `_`, `-` and `.` gets a backslash. */
export function quoteCpe(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, (c) => `\\${c}`)
}

/** A model name as a CPE product name: `SCALANCE M876-4 (EU)` → `scalance_m876-4_\(eu\)`, `TN-5900 Series` → `tn-5900`. */
function modelProduct(vendor: VendorEntry, product: string): string | null {
  const words = productKey(vendor, product).split(' ')
  if (words[0] === undefined || words[0] === '') return null
  const first = words[0]
  if (!vendor.modelLines!.some((line) => first === line || first.startsWith(line))) return null
  // Keep the hyphens and parentheses of the written model; spaces become underscores as in the records.
  const written = product.normalize('NFKC').toLowerCase().trim().replace(/\s+(series|family|firmware)$/i, '')
  const withoutVendor = written.replace(VENDOR_PREFIX.get(vendor.key)!, '')
  return quoteCpe(withoutVendor.replace(/\s+/g, '_'))
}

export interface ProductCpe { vendorKey: string; part: CpePart; vendor: string; product: string; perModel: boolean }

/** What the mapping says of a vendor and product: the CPE without its version, when one can be derived. */
export function productCpe(vendor: string, product: string): ProductCpe | null {
  return productCpeOf(`${vendor}\u0000${product}`)
}

const productCpeOf = remembered((key: string): ProductCpe | null => {
  const [vendor, product] = key.split('\u0000') as [string, string]
  const v = vendorOf(vendor)
  if (!v) return null
  const wanted = productKey(v, product)
  for (const p of v.products) {
    if (p.names.some((n) => normaliseName(n) === wanted) || normaliseName(p.product) === wanted) {
      return { vendorKey: v.key, part: p.part, vendor: v.key, product: p.product, perModel: false }
    }
  }
  if (v.modelLines) {
    const model = modelProduct(v, product)
    if (model !== null) return { vendorKey: v.key, part: 'h', vendor: v.key, product: model, perModel: true }
  }
  return null
})

/** A version as a CPE writes it (before quoting): lower case, spaces as underscores (`V4.1 SP1` → `v4.1_sp1`). */
export const cpeVersionText = (version: string) => version.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '_')

/**
 * The CPE 2.3 name of a device, derived from vendor, product and version, or `null` when the mapping does not
 * know the product or the version is not printable ASCII. Software and operating systems carry the version (lower case, quoted); hardware models
 * (Siemens, Moxa) carry `-`, their firmware version being a separate thing.
 */
export function deriveCpe(vendor: string, product: string, version: string): string | null {
  const found = productCpe(vendor, product)
  if (!found) return null
  const text = cpeVersionText(version)
  // A CPE 2.3 name is printable ASCII: a version with other characters has none.
  if (!found.perModel && (text === '' || !/^[\x21-\x7e]+$/.test(text))) return null
  const v = found.perModel ? '-' : quoteCpe(text)
  return `cpe:2.3:${found.part}:${found.vendor}:${found.product}:${v}:*:*:*:*:*:*:*`
}

/** The eleven attribute values of a CPE 2.3 formatted string (quoting kept), or `null` when it is not one. */
export function splitCpe(text: string): string[] | null {
  if (!text.startsWith('cpe:2.3:')) return null
  const parts: string[] = []
  let current = ''
  for (let i = 'cpe:2.3:'.length; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\') {
      const next = text[i + 1]
      if (next === undefined) return null
      current += c + next
      i++
    } else if (c === ':') {
      parts.push(current)
      current = ''
    } else current += c
  }
  parts.push(current)
  return parts.length === 11 ? parts : null
}

/** A quoted CPE value back to plain text: `15.2\(4\)m7` → `15.2(4)m7`. */
export function unquoteCpe(value: string): string {
  return value.replace(/\\(.)/g, '$1')
}

/** One attribute value: `*` (any), `-` (not applicable), or letters, digits, `._-`, wildcards and backslash-quoted characters. */
const CPE_VALUE = /^(\*|-|(?:\\[\x21-\x7e]|[A-Za-z0-9._\-*?])+)$/

/** Why a CPE 2.3 formatted string is malformed, or `null` when it is well formed. */
export function cpeProblem(text: string): string | null {
  const parts = splitCpe(text)
  if (!parts) return 'expected cpe:2.3: followed by 11 colon-separated values (part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other)'
  if (!['a', 'o', 'h'].includes(parts[0]!)) return `the part must be a, o or h ("${parts[0]}" given)`
  if (parts[1] === '*' || parts[1] === '-' || parts[2] === '*' || parts[2] === '-') return 'vendor and product must be named'
  const bad = parts.findIndex((p) => !CPE_VALUE.test(p))
  if (bad >= 0) return `value ${bad + 1} ("${parts[bad]}") has a character that must be quoted with a backslash`
  return null
}
