import type { FieldError } from '../../platform/errors.ts'
import { cpeProblem, cpeVersionText, deriveCpe, identifyVendor, splitCpe, unquoteCpe } from './vendors.ts'

/**
 * A network device of an operator's inventory (issue 6, build item 1): what it is (vendor, product, version
 * or firmware, CPE 2.3), what it does (role), where it sits (zone, reachable from the Internet, in a closed
 * network), its life (installed, last patched, end of support), who looks after it and which of the
 * operator's CI services depend on it. `assetId` is the operator's own identifier, unique per operator.
 */

export const DEVICE_ROLES = ['router', 'firewall', 'vpn_gateway', 'switch', 'wireless_ap', 'plc', 'hmi', 'scada_server', 'ids', 'other'] as const
export type DeviceRole = (typeof DEVICE_ROLES)[number]

export const REACHABILITY = ['yes', 'no', 'unknown'] as const
export type Reachability = (typeof REACHABILITY)[number]

export interface NetworkDevice {
  id: string
  operatorId: string
  assetId: string
  vendor: string
  product: string
  version: string
  cpe: string | null
  role: DeviceRole
  zone: string | null
  internetReachable: Reachability
  closedNetwork: boolean
  /** ISO dates (YYYY-MM-DD). */
  installDate: string | null
  lastPatched: string | null
  endOfSupport: string | null
  owner: string | null
  /** CI services (services module) of the same operator that this device supports, in the order given. */
  serviceIds: string[]
}

/** What a person or a file says about a device; optional fields take their defaults, `cpe` absent or null is derived. */
export interface DeviceInput {
  assetId: string
  vendor: string
  product: string
  version: string
  cpe?: string | null | undefined
  role?: string | undefined
  zone?: string | null | undefined
  internetReachable?: string | undefined
  closedNetwork?: boolean | undefined
  installDate?: string | null | undefined
  lastPatched?: string | null | undefined
  endOfSupport?: string | null | undefined
  owner?: string | null | undefined
  serviceIds?: readonly string[] | undefined
}

export type DeviceFields = Omit<NetworkDevice, 'id' | 'operatorId'>

export const LIMITS = { assetId: 100, vendor: 200, product: 200, version: 100, cpe: 500, zone: 200, owner: 200, services: 100 } as const

/**
 * Control characters (C0, DEL, C1), zero-width and bidirectional formatting characters: none belongs in an
 * identifier or a version, and the bidi ones can make a value read differently from what it is.
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text)
  if (!m) return false
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return d <= (mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31)
}

/** Identifiers and names compare width-folded and trimmed: `ＲＴＲ－０１ ` is `RTR-01`. */
export const normaliseIdentifier = (text: string) => text.normalize('NFKC').trim()

export interface PreparedDevice {
  fields: DeviceFields
  errors: FieldError[]
  /** The vendor is one the vulnerability data covers (see vendors.ts); otherwise nothing can be matched. */
  matchable: boolean
  /** The CPE came from the mapping (not given). */
  cpeDerived: boolean
}

/**
 * Normalises a device as submitted and lists every problem, each naming its field (`assetId`, `version`,
 * `serviceIds.2`, …), so all can be fixed at once. `today` (YYYY-MM-DD) bounds install and patch dates.
 * Unknown vendors are not an error: the device is recorded and `matchable` is false.
 */
export function prepareDevice(input: DeviceInput, today: string): PreparedDevice {
  const errors: FieldError[] = []
  const err = (path: string, code: string, message: string, params: Record<string, string | number> = {}) => errors.push({ path, code, message, params })

  const text = (path: keyof typeof LIMITS, value: unknown, options: { required: boolean; fold: boolean }): string | null => {
    if (value === null || value === undefined) {
      if (options.required) err(path, 'asset.required', `${path} is required.`)
      return null
    }
    if (typeof value !== 'string') {
      err(path, 'asset.not_text', `${path} must be text.`)
      return null
    }
    const v = options.fold ? normaliseIdentifier(value) : value.trim()
    if (v === '') {
      if (options.required) err(path, 'asset.required', `${path} is required.`)
      return null
    }
    if (v.length > LIMITS[path]) {
      err(path, 'asset.too_long', `${path} has ${v.length} characters; at most ${LIMITS[path]} are allowed.`, { length: v.length, max: LIMITS[path] })
      return null
    }
    if (HIDDEN.test(v)) {
      const code = v.codePointAt(v.search(HIDDEN))!.toString(16).toUpperCase().padStart(4, '0')
      err(path, 'asset.control_character', `${path} contains an invisible or control character (U+${code}).`, { character: `U+${code}` })
      return null
    }
    return v
  }

  const assetId = text('assetId', input.assetId, { required: true, fold: true })
  const vendor = text('vendor', input.vendor, { required: true, fold: true })
  const product = text('product', input.product, { required: true, fold: true })
  const version = text('version', input.version, { required: true, fold: true })
  const zone = text('zone', input.zone, { required: false, fold: false })
  const owner = text('owner', input.owner, { required: false, fold: false })

  const role = (input.role === undefined || input.role === null || input.role === '' ? 'other' : input.role) as DeviceRole
  if (!DEVICE_ROLES.includes(role)) err('role', 'asset.role_unknown', `Unknown role "${String(input.role)}" (one of ${DEVICE_ROLES.join(', ')}).`, { value: String(input.role) })
  const internetReachable = (input.internetReachable === undefined || input.internetReachable === '' ? 'unknown' : input.internetReachable) as Reachability
  if (!REACHABILITY.includes(internetReachable)) {
    err('internetReachable', 'asset.reachability_unknown', `internetReachable must be yes, no or unknown ("${String(input.internetReachable)}" given).`, { value: String(input.internetReachable) })
  }
  const closedNetwork = input.closedNetwork ?? false
  if (typeof closedNetwork !== 'boolean') err('closedNetwork', 'asset.not_boolean', 'closedNetwork must be true or false.')

  const date = (path: 'installDate' | 'lastPatched' | 'endOfSupport', value: unknown, notAfterToday: boolean): string | null => {
    if (value === null || value === undefined || value === '') return null
    if (typeof value !== 'string' || !isIsoDate(value)) {
      err(path, 'asset.date_format', `${path} must be a date written YYYY-MM-DD ("${String(value)}" given).`, { value: String(value) })
      return null
    }
    if (notAfterToday && value > today) {
      err(path, 'asset.date_in_future', `${path} ${value} is after today (${today}).`, { value, today })
      return null
    }
    return value
  }
  const installDate = date('installDate', input.installDate, true)
  const lastPatched = date('lastPatched', input.lastPatched, true)
  const endOfSupport = date('endOfSupport', input.endOfSupport, false)

  const serviceIds: string[] = []
  const given = input.serviceIds ?? []
  if (given.length > LIMITS.services) {
    err('serviceIds', 'asset.too_many_services', `At most ${LIMITS.services} services per device (${given.length} given).`, { length: given.length, max: LIMITS.services })
  } else {
    given.forEach((id, i) => {
      if (typeof id !== 'string' || id.trim() === '') return err(`serviceIds.${i}`, 'asset.required', `serviceIds.${i} is empty.`)
      if (serviceIds.includes(id)) return err(`serviceIds.${i}`, 'asset.service_duplicate', `Service ${id} is listed twice.`, { value: id })
      serviceIds.push(id)
    })
  }

  let cpe: string | null = null
  let cpeDerived = false
  const cpeText = text('cpe', input.cpe, { required: false, fold: true })
  if (cpeText !== null) {
    const problem = cpeProblem(cpeText)
    if (problem !== null) err('cpe', 'asset.cpe_malformed', `cpe "${cpeText}" is not a CPE 2.3 name: ${problem}.`, { value: cpeText, reason: problem })
    else {
      const cpeVersion = unquoteCpe(splitCpe(cpeText)![3]!)
      // A CPE naming another version than the device's would make the two disagree about what is installed.
      if (version !== null && cpeVersion !== '*' && cpeVersion !== '-' && cpeVersionText(cpeVersion) !== cpeVersionText(version)) {
        err('cpe', 'asset.cpe_version_mismatch', `cpe names version ${cpeVersion} but the device runs ${version}; correct it, or leave cpe blank to derive it.`, { value: cpeVersion, version })
      } else cpe = cpeText
    }
  } else if (vendor !== null && product !== null && version !== null) {
    cpe = deriveCpe(vendor, product, version)
    cpeDerived = cpe !== null
  }

  return {
    fields: {
      assetId: assetId ?? '', vendor: vendor ?? '', product: product ?? '', version: version ?? '', cpe, role, zone, internetReachable, closedNetwork,
      installDate, lastPatched, endOfSupport, owner, serviceIds,
    },
    errors,
    matchable: vendor !== null && identifyVendor(vendor) !== null,
    cpeDerived,
  }
}

/** Whether the matcher can cover a device of this vendor. */
export const isMatchable = (vendor: string) => identifyVendor(vendor) !== null

/** Whether two devices say the same about everything an update can change (an import leaves such a device alone). */
export function sameDevice(a: DeviceFields, b: DeviceFields): boolean {
  return a.assetId === b.assetId && a.vendor === b.vendor && a.product === b.product && a.version === b.version && a.cpe === b.cpe && a.role === b.role
    && a.zone === b.zone && a.internetReachable === b.internetReachable && a.closedNetwork === b.closedNetwork && a.installDate === b.installDate
    && a.lastPatched === b.lastPatched && a.endOfSupport === b.endOfSupport && a.owner === b.owner
    && a.serviceIds.length === b.serviceIds.length && a.serviceIds.every((id, i) => id === b.serviceIds[i])
}
