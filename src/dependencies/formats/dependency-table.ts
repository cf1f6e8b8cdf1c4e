import type { FieldError } from '../../platform/errors.ts'
import { rowError, type TabularColumn, type TabularLocale, type TabularRow } from '../../platform/tabular/tabular.ts'
import { CRITICALITIES, DEPENDENCY_TYPES, PROVIDER_TYPES, type Criticality, type DependencyType, type ProviderType } from '../domain/model.ts'
import type { Provider, StoredEdge } from '../domain/assemble.ts'

/**
 * Providers and dependency edges as rows of a CSV or XLSX file (read and written by platform/tabular): the
 * columns, the cell texts of the enumerations (code, Japanese or English label all accepted), and each row's
 * cells to a typed draft or to errors naming the row and the column (`rows[4].failoverHours`). What the
 * drafts name (which node an id or a name is, who may write it) is checked by the exchange service.
 */

export const PROVIDER_COLUMNS: readonly TabularColumn[] = [
  { key: 'id', header: { ja: 'ID', en: 'ID' }, width: 38 },
  { key: 'nameJa', header: { ja: '名称', en: 'Name (Japanese)' }, required: true, width: 30 },
  { key: 'nameEn', header: { ja: '英語名称', en: 'Name (English)' }, width: 30 },
  { key: 'providerType', header: { ja: '種別', en: 'Type' }, required: true },
  { key: 'prefectures', header: { ja: '所在都道府県', en: 'Prefectures' }, width: 20 },
  { key: 'annualFailureProbability', header: { ja: '年間障害確率', en: 'Annual failure probability' } },
]

export const EDGE_COLUMNS: readonly TabularColumn[] = [
  { key: 'id', header: { ja: 'ID', en: 'ID' }, width: 38 },
  { key: 'from', header: { ja: '依存元', en: 'From' }, width: 38 },
  { key: 'fromName', header: { ja: '依存元名称', en: 'From (name)' }, width: 30 },
  { key: 'to', header: { ja: '依存先', en: 'To' }, width: 38 },
  { key: 'toName', header: { ja: '依存先名称', en: 'To (name)' }, width: 30 },
  { key: 'type', header: { ja: '依存の種類', en: 'Dependency type' }, width: 18 },
  { key: 'criticality', header: { ja: '重要度', en: 'Criticality' } },
  { key: 'failover', header: { ja: '切替', en: 'Failover' } },
  { key: 'failoverHours', header: { ja: '切替時間（時間）', en: 'Failover hours' } },
  { key: 'alternatives', header: { ja: '代替', en: 'Alternatives' }, width: 38 },
  { key: 'alternativeNames', header: { ja: '代替名称', en: 'Alternatives (names)' }, width: 30 },
]

type Labels<T extends string> = Readonly<Record<T, { ja: string; en: string }>>

export const PROVIDER_TYPE_LABELS: Labels<ProviderType> = {
  cloud: { ja: 'クラウド', en: 'Cloud' },
  data_centre: { ja: 'データセンター', en: 'Data centre' },
  telecom: { ja: '通信', en: 'Telecom' },
  power: { ja: '電力', en: 'Power' },
  logistics: { ja: '物流', en: 'Logistics' },
  payment: { ja: '決済', en: 'Payment' },
  software: { ja: 'ソフトウェア', en: 'Software' },
}

export const DEPENDENCY_TYPE_LABELS: Labels<DependencyType> = {
  it_system: { ja: '情報システム', en: 'IT system' },
  cloud_hosting: { ja: 'クラウド基盤', en: 'Cloud hosting' },
  network: { ja: '通信ネットワーク', en: 'Network' },
  power: { ja: '電力', en: 'Power' },
  supply: { ja: '物資供給', en: 'Supplies' },
  logistics: { ja: '物流', en: 'Logistics' },
  payment: { ja: '決済', en: 'Payment' },
  data: { ja: 'データ', en: 'Data' },
  facility: { ja: '施設', en: 'Facility' },
  staff: { ja: '人員', en: 'Staff' },
  other: { ja: 'その他', en: 'Other' },
}

export const CRITICALITY_LABELS: Labels<Criticality> = {
  critical: { ja: '停止', en: 'Critical' },
  degraded: { ja: '縮退', en: 'Degraded' },
}

export const FAILOVER_KINDS = ['none', 'manual', 'automatic'] as const
export type FailoverKind = (typeof FAILOVER_KINDS)[number]
export const FAILOVER_LABELS: Labels<FailoverKind> = {
  none: { ja: 'なし', en: 'None' },
  manual: { ja: '手動', en: 'Manual' },
  automatic: { ja: '自動', en: 'Automatic' },
}

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase()

/** The code of an enumeration cell given as a code or a label in either language; undefined when none matches. */
export function enumValue<T extends string>(codes: readonly T[], labels: Labels<T>, cell: string): T | undefined {
  const wanted = fold(cell)
  return codes.find((c) => fold(c) === wanted || fold(labels[c].ja) === wanted || fold(labels[c].en) === wanted)
}

/** Lists in one cell: separated by semicolons, commas (also the Japanese ones), or line breaks. */
export function splitList(cell: string): string[] {
  return cell.split(/[;,、，；\n\r]+/).map((s) => s.trim()).filter((s) => s !== '')
}

export const joinList = (items: readonly string[]) => items.join('; ')

/** A number cell (full-width digits allowed); undefined when blank, NaN when not a number. */
export function numberCell(cell: string): number | undefined {
  const text = cell.normalize('NFKC').trim()
  if (text === '') return undefined
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function badEnum(row: number, field: string, cell: string, allowed: readonly string[]): FieldError {
  return rowError(row, field, 'dependencies.bad_enum', `"${cell}" is not one of ${allowed.join(', ')}.`, { value: cell, allowed: allowed.join(', ') })
}

// ---------------------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------------------

export interface ProviderDraft {
  rowNumber: number
  /** Given id (an existing provider to change, or the id for a new one); null when blank. */
  id: string | null
  name: { ja: string; en: string }
  providerType: ProviderType
  prefectures: string[]
  annualFailureProbability: number | null
}

export function providerRow(row: TabularRow): { draft?: ProviderDraft; errors: FieldError[] } {
  const v = row.values
  const n = row.rowNumber
  const errors: FieldError[] = []
  const id = (v.id ?? '').trim()
  if (id !== '' && !UUID.test(id)) errors.push(rowError(n, 'id', 'dependencies.bad_id', 'An id must be a UUID (leave it blank for a new provider).', { value: id }))
  const nameJa = (v.nameJa ?? '').trim()
  if (nameJa === '') errors.push(rowError(n, 'nameJa', 'dependencies.required', 'The name is required.'))
  const typeCell = (v.providerType ?? '').trim()
  const providerType = enumValue(PROVIDER_TYPES, PROVIDER_TYPE_LABELS, typeCell)
  if (!providerType) errors.push(typeCell === '' ? rowError(n, 'providerType', 'dependencies.required', 'The type is required.') : badEnum(n, 'providerType', typeCell, PROVIDER_TYPES))
  const probability = numberCell(v.annualFailureProbability ?? '')
  if (probability !== undefined && !(probability >= 0 && probability <= 1)) {
    errors.push(rowError(n, 'annualFailureProbability', 'dependencies.probability_range', 'The annual failure probability must be a number between 0 and 1.', { value: v.annualFailureProbability ?? '' }))
  }
  if (errors.length > 0) return { errors }
  return {
    draft: {
      rowNumber: n, id: id === '' ? null : id.toLowerCase(), name: { ja: nameJa, en: (v.nameEn ?? '').trim() }, providerType: providerType!,
      prefectures: splitList(v.prefectures ?? '').map((p) => p.normalize('NFKC').padStart(2, '0')), annualFailureProbability: probability ?? null,
    },
    errors,
  }
}

export function providerCells(p: Provider, locale: TabularLocale): Record<string, unknown> {
  return {
    id: p.id, nameJa: p.name.ja, nameEn: p.name.en, providerType: PROVIDER_TYPE_LABELS[p.providerType][locale], prefectures: joinList(p.prefectures),
    annualFailureProbability: p.annualFailureProbability,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Edges
// ---------------------------------------------------------------------------------------------------------

/** A node as a row names it: by id or by exact name, and which column said so. */
export interface NodeRef {
  value: string
  column: string
  /** The informational name column, when the id column was used and the name was filled in too. */
  name: string | null
}

export interface EdgeDraft {
  rowNumber: number
  id: string | null
  from: NodeRef
  to: NodeRef
  /** Null when the cell is blank: 'other' for a new edge, the recorded type for an existing one. */
  type: DependencyType | null
  criticality: Criticality
  failover: { kind: FailoverKind; hours: number | null }
  /** Ids or names, from whichever column was filled. */
  alternatives: { values: string[]; column: string }
}

function nodeRef(row: TabularRow, idField: string, nameField: string, errors: FieldError[]): NodeRef | null {
  const id = (row.values[idField] ?? '').trim()
  const name = (row.values[nameField] ?? '').trim()
  if (id !== '') return { value: id, column: idField, name: name === '' ? null : name }
  if (name !== '') return { value: name, column: nameField, name: null }
  errors.push(rowError(row.rowNumber, idField, 'dependencies.required', `Give the node's id in ${idField} or its exact name in ${nameField}.`))
  return null
}

export function edgeRow(row: TabularRow): { draft?: EdgeDraft; errors: FieldError[] } {
  const v = row.values
  const n = row.rowNumber
  const errors: FieldError[] = []
  const id = (v.id ?? '').trim()
  if (id !== '' && !UUID.test(id)) errors.push(rowError(n, 'id', 'dependencies.bad_id', 'An id must be a UUID (leave it blank for a new dependency).', { value: id }))
  const from = nodeRef(row, 'from', 'fromName', errors)
  const to = nodeRef(row, 'to', 'toName', errors)
  const typeCell = (v.type ?? '').trim()
  const type = typeCell === '' ? null : enumValue(DEPENDENCY_TYPES, DEPENDENCY_TYPE_LABELS, typeCell)
  if (type === undefined) errors.push(badEnum(n, 'type', typeCell, DEPENDENCY_TYPES))
  const criticalityCell = (v.criticality ?? '').trim()
  const criticality = criticalityCell === '' ? 'critical' : enumValue(CRITICALITIES, CRITICALITY_LABELS, criticalityCell)
  if (!criticality) errors.push(badEnum(n, 'criticality', criticalityCell, CRITICALITIES))
  const failoverCell = (v.failover ?? '').trim()
  const hours = numberCell(v.failoverHours ?? '')
  // A number of hours alone means a manual switch-over after that long.
  const failover = failoverCell === '' ? (hours === undefined ? 'none' : 'manual') : enumValue(FAILOVER_KINDS, FAILOVER_LABELS, failoverCell)
  if (!failover) errors.push(badEnum(n, 'failover', failoverCell, FAILOVER_KINDS))
  if (hours !== undefined && Number.isNaN(hours)) errors.push(rowError(n, 'failoverHours', 'dependencies.not_a_number', 'Failover hours must be a number.', { value: v.failoverHours ?? '' }))
  else if (hours !== undefined && hours < 0) errors.push(rowError(n, 'failoverHours', 'dependencies.negative_duration', 'Failover hours must not be negative.', { value: hours }))
  else if (failover === 'manual' && hours === undefined) errors.push(rowError(n, 'failoverHours', 'dependencies.failover_hours_required', 'A manual failover needs its hours.'))
  const byId = splitList(v.alternatives ?? '')
  const alternatives = byId.length > 0 ? { values: byId, column: 'alternatives' } : { values: splitList(v.alternativeNames ?? ''), column: 'alternativeNames' }
  if (errors.length > 0 || !from || !to) return { errors }
  return {
    draft: {
      rowNumber: n, id: id === '' ? null : id.toLowerCase(), from, to, type: type!, criticality: criticality!,
      failover: { kind: failover!, hours: failover === 'manual' ? hours! : null }, alternatives,
    },
    errors,
  }
}

/** An edge's cells; an edge without a type is written as 'other', as the store keeps it. */
export function edgeCells(e: StoredEdge & { type?: DependencyType }, names: ReadonlyMap<string, string>, locale: TabularLocale): Record<string, unknown> {
  return {
    id: e.id, from: e.from, fromName: names.get(e.from) ?? '', to: e.to, toName: names.get(e.to) ?? '', type: DEPENDENCY_TYPE_LABELS[e.type ?? 'other'][locale],
    criticality: CRITICALITY_LABELS[e.criticality][locale],
    failover: FAILOVER_LABELS[e.failover.kind][locale], failoverHours: e.failover.kind === 'manual' ? e.failover.hours : null,
    alternatives: joinList(e.alternatives), alternativeNames: joinList(e.alternatives.map((a) => names.get(a) ?? a)),
  }
}
