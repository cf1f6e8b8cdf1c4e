import type { DeviceInput } from '../../src/vulnerabilities/domain/match.ts'
import { neighbour, type ProductSpace } from '../../src/vulnerabilities/domain/version-space.ts'
import { seededRandom } from '../../src/platform/seeded-random.ts'

/**
 * The match benchmark's inventory: seeded synthetic devices drawn from the vendor/product/version space of the
 * CVE records, written and read as the CSV an operator would import (asset_id, vendor, product, version, cpe).
 *
 * - product: weighted by how many records name it (a fleet has more FortiGates and Cisco routers than Siemens
 *   PROFINET development kits), spelled as one of the ways the records spell it (CNA name or CISA-ADP CPE name);
 *   products the records only name by CPE get a CPE, and 10 % of the rest carry one too;
 * - version: 75 % a version the records name for the product (exact versions, range bounds, change points),
 *   20 % one step above or below such a version, 5 % text no scheme reads (blank, "unknown", notes) — an
 *   inventory's dirt, which the matcher must report as unknown.
 */
export interface InventoryStats {
  products: number
  namedVersions: number
  withCpe: number
  unreadable: number
}

const DIRT = ['', 'unknown', 'N/A', 'see ticket 4711', 'latest', 'tbd', 'v?', 'firmware (factory)']

/** Calls `emit` for each of `count` devices (streamed, so that a million need not be held at once). */
export function syntheticInventory(space: readonly ProductSpace[], count: number, seed: number, emit: (device: DeviceInput) => void): InventoryStats {
  const random = seededRandom(seed)
  const usable = space.filter((s) => s.versions.length > 0 && (s.names.length > 0 || s.cpeHeads.length > 0))
  const cumulative: number[] = []
  let total = 0
  for (const s of usable) cumulative.push((total += s.records))
  const pickProduct = () => {
    const x = random() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cumulative[mid]! <= x) lo = mid + 1
      else hi = mid
    }
    return usable[lo]!
  }
  // Neighbours once per product, not per device.
  const near = new Map<ProductSpace, string[]>()
  for (const s of usable) {
    const out: string[] = []
    for (const v of s.versions) for (const d of [1, -1] as const) {
      const n = neighbour(s.scheme, v, d)
      if (n) out.push(n.canonical)
    }
    near.set(s, out.length ? out : s.versions)
  }
  const stats: InventoryStats = { products: usable.length, namedVersions: usable.reduce((a, s) => a + s.versions.length, 0), withCpe: 0, unreadable: 0 }
  for (let i = 0; i < count; i++) {
    const s = pickProduct()
    const r = random()
    let version: string
    if (r < 0.75) version = s.versions[Math.floor(random() * s.versions.length)]!
    else if (r < 0.95) {
      const n = near.get(s)!
      version = n[Math.floor(random() * n.length)]!
    } else {
      version = DIRT[Math.floor(random() * DIRT.length)]!
      stats.unreadable++
    }
    const name = s.names.length ? s.names[Math.floor(random() * s.names.length)]! : null
    let cpe: string | undefined
    if (s.cpeHeads.length && (!name || random() < 0.1)) {
      cpe = `${s.cpeHeads[Math.floor(random() * s.cpeHeads.length)]}:*:*:*:*:*:*:*:*`
      stats.withCpe++
    }
    const [, , , cpeVendor = '', cpeProduct = ''] = (cpe ?? '').split(':')
    emit({ id: `a${i + 1}`, vendor: name?.vendor ?? cpeVendor, product: name?.product ?? cpeProduct, version, cpe })
  }
  return stats
}

const quote = (field: string) => (/[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)

export const INVENTORY_HEADER = 'asset_id,vendor,product,version,cpe\n'

export function inventoryCsvLine(d: DeviceInput): string {
  return [d.id ?? '', d.vendor, d.product, d.version, d.cpe ?? ''].map(quote).join(',') + '\n'
}

/**
 * The baseline's CSV reader: RFC 4180 (quoted fields with "" escapes, commas and line breaks inside quotes) into
 * device objects, as lean as a reader can be — a fast path for lines without quotes, a character scan for the
 * rest. Any real import does at least this much work per row.
 */
export function readInventoryCsv(text: string): DeviceInput[] {
  const devices: DeviceInput[] = []
  let pos = text.indexOf('\n') + 1
  const fields: string[] = []
  while (pos < text.length) {
    let end = text.indexOf('\n', pos)
    if (end < 0) end = text.length
    const quoteAt = text.indexOf('"', pos)
    fields.length = 0
    if (quoteAt < 0 || quoteAt > end) {
      let start = pos
      for (let c = text.indexOf(',', start); c >= 0 && c < end; c = text.indexOf(',', start)) {
        fields.push(text.slice(start, c))
        start = c + 1
      }
      fields.push(text.slice(start, end))
      pos = end + 1
    } else {
      let field = ''
      let i = pos
      let quoted = false
      for (; i < text.length; i++) {
        const ch = text[i]!
        if (quoted) {
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"'
              i++
            } else quoted = false
          } else field += ch
        } else if (ch === '"') quoted = true
        else if (ch === ',') {
          fields.push(field)
          field = ''
        } else if (ch === '\n') break
        else if (ch !== '\r') field += ch
      }
      fields.push(field)
      pos = i + 1
    }
    if (fields.length === 1 && fields[0] === '') continue
    devices.push({ id: fields[0]!, vendor: fields[1] ?? '', product: fields[2] ?? '', version: fields[3] ?? '', cpe: fields[4] ? fields[4] : undefined })
  }
  return devices
}
