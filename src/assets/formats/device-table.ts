import type { FieldError } from '../../platform/errors.ts'
import { rowError, type TabularColumn, type TabularLocale, type TabularRow } from '../../platform/tabular/tabular.ts'
import { DEVICE_ROLES, REACHABILITY, type DeviceInput, type DeviceRole, type NetworkDevice, type Reachability } from '../domain/device.ts'

/**
 * Network devices as rows of a CSV or XLSX file (read and written by platform/tabular). The columns are the
 * issue's: `asset_id`, `vendor`, `product`, `version` required, the others optional; headings may be the
 * field key, the Japanese or the English heading, or one of a few Japanese aliases people use in their
 * ledgers (メーカー for the vendor, 機種 for the product, ファームウェア for the version, …).
 *
 * Enumerations are read from the code or the Japanese or English label (`firewall`, ファイアウォール,
 * Firewall; yes/no as はい/いいえ, あり/なし, true/false, 1/0); dates as YYYY-MM-DD, YYYY/MM/DD or
 * YYYY年M月D日 (and XLSX date cells); supported services as a list (`;`, line break or 、) of service ids or
 * the names of the operator's services. What cannot be read is reported by row and column
 * (`rows[7].install_date`); what the values mean is checked by the domain (domain/device.ts).
 */

export const DEVICE_COLUMNS: readonly TabularColumn[] = [
  { key: 'operator_id', header: { ja: '事業者ID', en: 'Operator ID' }, width: 20 },
  { key: 'asset_id', header: { ja: '資産ID', en: 'Asset ID' }, required: true, width: 20 },
  { key: 'vendor', header: { ja: 'ベンダー', en: 'Vendor' }, required: true, width: 18 },
  { key: 'product', header: { ja: '製品', en: 'Product' }, required: true, width: 22 },
  { key: 'version', header: { ja: 'バージョン', en: 'Version' }, required: true, width: 16 },
  { key: 'cpe', header: { ja: 'CPE', en: 'CPE' }, width: 48 },
  { key: 'role', header: { ja: '役割', en: 'Role' }, width: 18 },
  { key: 'zone', header: { ja: 'ゾーン', en: 'Zone' }, width: 16 },
  { key: 'internet_reachable', header: { ja: 'インターネット到達性', en: 'Internet reachable' }, width: 12 },
  { key: 'closed_network', header: { ja: '閉域網', en: 'Closed network' }, width: 10 },
  { key: 'install_date', header: { ja: '導入日', en: 'Install date' }, width: 12 },
  { key: 'last_patched', header: { ja: '最終パッチ日', en: 'Last patched' }, width: 12 },
  { key: 'end_of_support', header: { ja: 'サポート終了日', en: 'End of support' }, width: 12 },
  { key: 'owner', header: { ja: '管理者', en: 'Owner' }, width: 18 },
  { key: 'services', header: { ja: '関連サービス', en: 'Supported services' }, width: 38 },
]

/** Other headings accepted on import (never written): the same field under the names ledgers often use. */
const ALIASES: readonly TabularColumn[] = [
  { key: 'asset_id', header: { ja: '資産番号', en: 'Asset number' } },
  { key: 'asset_id', header: { ja: '管理番号', en: 'Asset tag' } },
  { key: 'vendor', header: { ja: 'メーカー', en: 'Manufacturer' } },
  { key: 'vendor', header: { ja: '製造元', en: 'Maker' } },
  { key: 'product', header: { ja: '製品名', en: 'Product name' } },
  { key: 'product', header: { ja: '機種', en: 'Model' } },
  { key: 'version', header: { ja: 'ファームウェア', en: 'Firmware' } },
  { key: 'version', header: { ja: 'ファームウェアバージョン', en: 'Firmware version' } },
  { key: 'role', header: { ja: '機器種別', en: 'Device type' } },
  { key: 'install_date', header: { ja: '設置日', en: 'Installed' } },
  { key: 'last_patched', header: { ja: '最終パッチ適用日', en: 'Last patch date' } },
  { key: 'end_of_support', header: { ja: '保守終了日', en: 'EOL' } },
  { key: 'owner', header: { ja: '担当者', en: 'Owner name' } },
  { key: 'services', header: { ja: '支援サービス', en: 'Services' } },
]

/** The columns an import recognises: the written ones and their aliases. */
export const DEVICE_READ_COLUMNS: readonly TabularColumn[] = [...DEVICE_COLUMNS, ...ALIASES]

/** Domain field → file column, for error paths. */
export const COLUMN_OF: Readonly<Record<string, string>> = {
  assetId: 'asset_id', vendor: 'vendor', product: 'product', version: 'version', cpe: 'cpe', role: 'role', zone: 'zone',
  internetReachable: 'internet_reachable', closedNetwork: 'closed_network', installDate: 'install_date', lastPatched: 'last_patched',
  endOfSupport: 'end_of_support', owner: 'owner', serviceIds: 'services',
}

/** The column a domain error path (`version`, `serviceIds.2`) belongs to. */
export function columnOf(domainPath: string): string {
  return COLUMN_OF[domainPath.split('.')[0] ?? ''] ?? 'asset_id'
}

type Labels<T extends string> = Readonly<Record<T, { ja: string; en: string; also?: readonly string[] }>>

export const ROLE_LABELS: Labels<DeviceRole> = {
  router: { ja: 'ルーター', en: 'Router', also: ['ルータ'] },
  firewall: { ja: 'ファイアウォール', en: 'Firewall', also: ['FW'] },
  vpn_gateway: { ja: 'VPNゲートウェイ', en: 'VPN gateway', also: ['VPN', 'VPN装置'] },
  switch: { ja: 'スイッチ', en: 'Switch', also: ['L2スイッチ', 'L3スイッチ'] },
  wireless_ap: { ja: '無線アクセスポイント', en: 'Wireless access point', also: ['無線AP', 'AP'] },
  plc: { ja: 'PLC', en: 'PLC' },
  hmi: { ja: 'HMI', en: 'HMI' },
  scada_server: { ja: 'SCADAサーバー', en: 'SCADA server', also: ['SCADAサーバ', 'SCADA'] },
  ids: { ja: 'IDS', en: 'IDS', also: ['IPS', 'IDS/IPS', '侵入検知システム'] },
  other: { ja: 'その他', en: 'Other' },
}

export const REACHABILITY_LABELS: Labels<Reachability> = {
  yes: { ja: 'あり', en: 'Yes', also: ['はい', 'true', '1', 'y', '有', '可', '○'] },
  no: { ja: 'なし', en: 'No', also: ['いいえ', 'false', '0', 'n', '無', '不可', '×'] },
  unknown: { ja: '不明', en: 'Unknown', also: ['?', 'わからない'] },
}

const BOOLEAN_LABELS = { true: { ja: 'はい', en: 'Yes' }, false: { ja: 'いいえ', en: 'No' } } as const

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase()

/** Every accepted spelling of an enumeration (code, labels, other names), folded, to its code. */
function lookup<T extends string>(codes: readonly T[], labels: Labels<T>): Map<string, T> {
  const map = new Map<string, T>()
  for (const c of codes) for (const name of [c, labels[c].ja, labels[c].en, ...(labels[c].also ?? [])]) map.set(fold(name), c)
  return map
}
const ROLE_BY_NAME = lookup(DEVICE_ROLES, ROLE_LABELS)
const REACHABILITY_BY_NAME = lookup(REACHABILITY, REACHABILITY_LABELS)
const BOOLEAN_BY_NAME = new Map<string, boolean>([
  ...['yes', 'y', 'true', '1', 'はい', 'あり', '有', '○'].map((n) => [fold(n), true] as const),
  ...['no', 'n', 'false', '0', 'いいえ', 'なし', '無', '×'].map((n) => [fold(n), false] as const),
])

/** A date cell as YYYY-MM-DD: ISO, slashes, dots, 年月日, or an XLSX date (midnight date-time); `undefined` when unreadable. */
export function readDate(cell: string): string | undefined {
  const text = cell.normalize('NFKC').trim()
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:T00:00:00(?:\.000)?Z)?$/.exec(text)
  if (!m) return undefined
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
}

/** Entries of a list cell: separated by `;`, a line break or 、. */
const entries = (text: string) => text.split(/[;\n\r、；]/).map((e) => e.trim()).filter((e) => e !== '')

/** What one row says, before service names are resolved. */
export interface ParsedDeviceRow {
  rowNumber: number
  operatorId: string | null
  input: DeviceInput
  /** Service ids or names as written. */
  serviceRefs: string[]
  problems: FieldError[]
  /** Columns that could not be read: the domain's complaint about the same cell would only repeat it. */
  unreadable: Set<string>
}

export function parseDeviceRow(row: TabularRow): ParsedDeviceRow {
  const problems: FieldError[] = []
  const unreadable = new Set<string>()
  const raw = (key: string) => row.values[key] ?? ''
  const fail = (field: string, code: string, message: string, params: Record<string, string | number> = {}) => {
    unreadable.add(field)
    problems.push(rowError(row.rowNumber, field, code, message, params))
  }
  const blankToNull = (key: string) => (raw(key).trim() === '' ? null : raw(key))

  let role: string | undefined
  if (raw('role').trim() !== '') {
    role = ROLE_BY_NAME.get(fold(raw('role')))
    if (role === undefined) {
      fail('role', 'asset.role_unknown', `"${raw('role').trim()}" is not a role (${DEVICE_ROLES.map((r) => ROLE_LABELS[r].en).join(', ')}).`, { value: raw('role').trim() })
    }
  }
  let internetReachable: string | undefined
  if (raw('internet_reachable').trim() !== '') {
    internetReachable = REACHABILITY_BY_NAME.get(fold(raw('internet_reachable')))
    if (internetReachable === undefined) {
      fail('internet_reachable', 'asset.reachability_unknown', `"${raw('internet_reachable').trim()}" is not yes, no or unknown.`, { value: raw('internet_reachable').trim() })
    }
  }
  let closedNetwork: boolean | undefined
  const closed = fold(raw('closed_network'))
  if (closed !== '') {
    closedNetwork = BOOLEAN_BY_NAME.get(closed)
    if (closedNetwork === undefined) fail('closed_network', 'asset.not_boolean', `"${raw('closed_network').trim()}" is not yes or no.`, { value: raw('closed_network').trim() })
  }
  const date = (key: string): string | null | undefined => {
    if (raw(key).trim() === '') return null
    const d = readDate(raw(key))
    if (d === undefined) {
      fail(key, 'asset.date_format', `"${raw(key).trim()}" is not a date (write YYYY-MM-DD).`, { value: raw(key).trim() })
      return undefined
    }
    return d
  }
  const operatorId = raw('operator_id').normalize('NFKC').trim()
  return {
    rowNumber: row.rowNumber,
    operatorId: operatorId === '' ? null : operatorId,
    input: {
      assetId: raw('asset_id'), vendor: raw('vendor'), product: raw('product'), version: raw('version'),
      cpe: blankToNull('cpe'), role, zone: blankToNull('zone'), internetReachable, closedNetwork,
      installDate: date('install_date'), lastPatched: date('last_patched'), endOfSupport: date('end_of_support'),
      owner: blankToNull('owner'),
    },
    serviceRefs: entries(raw('services')),
    problems, unreadable,
  }
}

/** A device as a row of the export: labels in `locale`, services as ids (names may hold the list separators). */
export function deviceToRow(d: NetworkDevice, locale: TabularLocale): Record<string, string> {
  return {
    operator_id: d.operatorId, asset_id: d.assetId, vendor: d.vendor, product: d.product, version: d.version, cpe: d.cpe ?? '',
    role: ROLE_LABELS[d.role][locale], zone: d.zone ?? '', internet_reachable: REACHABILITY_LABELS[d.internetReachable][locale],
    closed_network: BOOLEAN_LABELS[d.closedNetwork ? 'true' : 'false'][locale],
    install_date: d.installDate ?? '', last_patched: d.lastPatched ?? '', end_of_support: d.endOfSupport ?? '', owner: d.owner ?? '',
    services: d.serviceIds.join('; '),
  }
}
