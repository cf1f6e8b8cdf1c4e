import { productKey, vendorKey } from '../domain/products.ts'

/** Names compared the way people mean them: Unicode compatibility forms (full-width letters), case and spacing ignored. */
export function normaliseName(text: string): string {
  return text.replace(/\u0000/g, '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/**
 * Vendor and product keys as the matcher computes them (domain/products.ts: `cisco`, `cisco:iosxe`), so stored
 * affected entries and EOL rows are found by the same key as a device; names the matcher cannot key (no letters
 * or digits) fall back to the plain normalised name.
 */
export function keysOf(vendor: string, product: string): { vendorKey: string; productKey: string } {
  const v = vendorKey(vendor) || normaliseName(vendor)
  return { vendorKey: v, productKey: productKey(vendor, product) || `${v}:${normaliseName(product)}` }
}
