import { z } from 'zod'
import { DEVICE_ROLES, REACHABILITY } from '../domain/device.ts'

/**
 * Request and response shapes of /api/v1/assets. Types and generous sizes are checked here; what the values
 * mean (lengths of identifiers and versions, control characters, dates, CPE syntax, the operator's own
 * services, unique asset ids) is checked by the domain and the service layer, whose errors carry codes the
 * web app translates.
 */

export const Id = z.string().min(1).max(100)
const Text = (max: number) => z.string().max(max)
const OptionalText = (max: number) => Text(max).nullable().optional()

export const DeviceBody = z.strictObject({
  assetId: Text(1000),
  vendor: Text(1000),
  product: Text(1000),
  version: Text(1000),
  /** CPE 2.3 name; left out or null, it is derived from vendor, product and version where the mapping knows them. */
  cpe: OptionalText(2000),
  role: z.enum(DEVICE_ROLES).optional(),
  zone: OptionalText(1000),
  internetReachable: z.enum(REACHABILITY).optional(),
  closedNetwork: z.boolean().optional(),
  /** YYYY-MM-DD. */
  installDate: OptionalText(100),
  lastPatched: OptionalText(100),
  endOfSupport: OptionalText(100),
  owner: OptionalText(1000),
  /** Ids of the operator's CI services the device supports. */
  serviceIds: z.array(Id).max(1000).optional(),
})

export const DeviceView = z.object({
  id: z.string(), operatorId: z.string(), assetId: z.string(), vendor: z.string(), product: z.string(), version: z.string(), cpe: z.string().nullable(),
  role: z.enum(DEVICE_ROLES), zone: z.string().nullable(), internetReachable: z.enum(REACHABILITY), closedNetwork: z.boolean(),
  installDate: z.string().nullable(), lastPatched: z.string().nullable(), endOfSupport: z.string().nullable(), owner: z.string().nullable(),
  serviceIds: z.array(z.string()),
  /** The vulnerability data covers the vendor: the matcher can say whether the device is affected. */
  matchable: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string(),
}).meta({ id: 'NetworkDevice' })

export const DevicePageView = z.object({ total: z.number(), limit: z.number(), offset: z.number(), items: z.array(DeviceView) })

export const DeviceParams = z.strictObject({ deviceId: Id })

const Filters = {
  operator: Id.optional(),
  sector: Id.optional(),
  vendor: Text(200).optional(),
  product: Text(200).optional(),
  role: z.enum(DEVICE_ROLES).optional(),
  zone: Text(200).optional(),
  internetReachable: z.enum(REACHABILITY).optional(),
  closedNetwork: z.enum(['true', 'false']).optional(),
  q: Text(200).optional(),
}
export const ListQuery = z.strictObject({
  ...Filters,
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
})
export const Format = z.enum(['csv', 'xlsx'])
export const ExportQuery = z.strictObject({ format: Format, locale: z.enum(['ja', 'en']).default('ja'), ...Filters })
export const ImportQuery = z.strictObject({ format: Format })

export const ImportView = z.object({
  received: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), notMatchable: z.number(), withoutCpe: z.number(),
  warnings: z.array(z.object({ row: z.number(), path: z.string(), code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
  warningCount: z.number(),
})

/** The filters of a list or export query, as the repository takes them. */
export function filterOf(q: { operator?: string | undefined; sector?: string | undefined; vendor?: string | undefined; product?: string | undefined; role?: (typeof DEVICE_ROLES)[number] | undefined; zone?: string | undefined; internetReachable?: (typeof REACHABILITY)[number] | undefined; closedNetwork?: 'true' | 'false' | undefined; q?: string | undefined }) {
  return {
    operatorId: q.operator, sectorId: q.sector, vendor: q.vendor, product: q.product, role: q.role, zone: q.zone, internetReachable: q.internetReachable,
    closedNetwork: q.closedNetwork === undefined ? undefined : q.closedNetwork === 'true', q: q.q,
  }
}
