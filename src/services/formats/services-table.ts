import type { FieldError } from '../../platform/errors.ts'
import { rowError, type TabularColumn, type TabularRow } from '../../platform/tabular/tabular.ts'
import { PREFECTURES } from '../../org/seed/prefectures.ts'
import type { CiService } from '../domain/service.ts'

/**
 * Services as rows of a CSV file or an XLSX sheet: one row per service, prefectures and substitutes as lists in
 * one cell each (`13:1200000; 14:800000`, `<service id or name>:<hours>; …`). Headings in Japanese or English
 * (or the field keys) are all accepted on import; the export writes one language.
 *
 * This file turns rows into services (text to numbers and lists, reporting what cannot be read, by row and
 * column) and services into rows. What the values mean (RTO below MTPD, known sector, …) is judged by the
 * domain and the service layer, whose errors `columnOf` maps back to a column.
 */

export const SERVICE_COLUMNS: readonly TabularColumn[] = [
  { key: 'id', header: { ja: 'ID', en: 'ID' }, width: 38 },
  { key: 'operatorId', header: { ja: '事業者ID', en: 'Operator ID' }, width: 20 },
  { key: 'nameJa', header: { ja: 'サービス名', en: 'Service name (Japanese)' }, required: true, width: 30 },
  { key: 'nameEn', header: { ja: 'サービス名（英語）', en: 'Service name (English)' }, required: true, width: 30 },
  { key: 'sector', header: { ja: '分野', en: 'Sector' }, required: true, width: 12 },
  { key: 'type', header: { ja: '種別', en: 'Type' }, required: true, width: 16 },
  { key: 'peopleServed', header: { ja: '利用者数', en: 'People served' }, required: true, width: 14 },
  { key: 'businessesServed', header: { ja: '利用事業者数', en: 'Businesses served' }, required: true, width: 14 },
  { key: 'prefectures', header: { ja: '都道府県別利用者数', en: 'People per prefecture' }, width: 36 },
  { key: 'substitutes', header: { ja: '代替サービス', en: 'Substitutes' }, width: 36 },
  { key: 'mtpdHours', header: { ja: '最大許容停止時間（時間）', en: 'MTPD (hours)' }, required: true, width: 14 },
  { key: 'rtoHours', header: { ja: '目標復旧時間（時間）', en: 'RTO (hours)' }, required: true, width: 14 },
  { key: 'rpoHours', header: { ja: '目標復旧時点（時間）', en: 'RPO (hours)' }, required: true, width: 14 },
  { key: 'rlo', header: { ja: '目標復旧レベル', en: 'RLO' }, required: true, width: 10 },
  { key: 'impactAfterHour', header: { ja: '影響人数（1時間後）', en: 'People affected after 1 hour' }, required: true, width: 14 },
  { key: 'impactAfterDay', header: { ja: '影響人数（1日後）', en: 'People affected after 1 day' }, required: true, width: 14 },
  { key: 'impactAfterWeek', header: { ja: '影響人数（1週間後）', en: 'People affected after 1 week' }, required: true, width: 14 },
]

/** The column a domain error path (`prefectures.2.people`, `name.ja`, `impact.afterDay`) belongs to. */
export function columnOf(domainPath: string): string {
  const [head, second] = domainPath.split('.')
  switch (head) {
    case 'name': return second === 'en' ? 'nameEn' : 'nameJa'
    case 'impact': return second === 'afterDay' ? 'impactAfterDay' : second === 'afterWeek' ? 'impactAfterWeek' : 'impactAfterHour'
    case 'prefectures': return 'prefectures'
    case 'substitutes': return 'substitutes'
    case '': case undefined: return 'id'
    default: return head
  }
}

/** A substitute as written in the file: a service id, or the name of one of the operator's services. */
export interface SubstituteRef {
  ref: string
  takeoverHours: number
}

/** What one row says, before references are resolved. `problems` lists what could not be read. */
export interface ParsedServiceRow {
  rowNumber: number
  id: string | null
  operatorId: string | null
  service: Omit<CiService, 'id' | 'operatorId' | 'substitutes'>
  substitutes: SubstituteRef[]
  problems: FieldError[]
  /** Columns with a reading problem: the domain's complaint about the same cell would only repeat it. */
  unreadable: Set<string>
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

const PREFECTURE_BY_NAME = new Map<string, string>(PREFECTURES.flatMap((p) => [
  [p.nameJa, p.code], [p.nameJa.replace(/[都道府県]$/, ''), p.code], [p.nameEn.toLowerCase(), p.code], [p.code, p.code],
] as [string, string][]))

/** Entries of a list cell: separated by `;`, a line break or `、`. */
const entries = (text: string) => text.split(/[;\n\r、]/).map((e) => e.trim()).filter((e) => e !== '')

export function parseServiceRow(row: TabularRow, sectorByName: ReadonlyMap<string, string>): ParsedServiceRow {
  const problems: FieldError[] = []
  const unreadable = new Set<string>()
  const v = (key: string) => (row.values[key] ?? '').normalize('NFKC').trim()
  const fail = (field: string, code: string, message: string, params: Record<string, string | number> = {}) => {
    unreadable.add(field)
    problems.push(rowError(row.rowNumber, field, code, message, params))
  }
  const number = (field: string, options: { integer?: boolean } = {}): number => {
    const text = v(field)
    if (text === '') {
      fail(field, 'service.required', 'a value is required.')
      return Number.NaN
    }
    const plain = THOUSANDS.test(text) ? text.replace(/,/g, '') : text
    if (!NUMBER.test(plain)) {
      fail(field, 'service.not_a_number', `"${text}" is not a number.`, { value: text })
      return Number.NaN
    }
    const n = Number(plain)
    if (options.integer && !Number.isInteger(n)) {
      fail(field, 'service.not_an_integer', `"${text}" is not a whole number.`, { value: text })
      return Number.NaN
    }
    return n
  }

  const prefectures: CiService['prefectures'] = []
  for (const entry of entries(v('prefectures'))) {
    const m = /^(.+?)\s*[:=]\s*(.+)$/.exec(entry)
    const rawCode = m?.[1]?.trim() ?? ''
    const code = /^\d$/.test(rawCode) ? `0${rawCode}` : PREFECTURE_BY_NAME.get(rawCode) ?? PREFECTURE_BY_NAME.get(rawCode.toLowerCase())
    const peopleText = m?.[2]?.trim().replace(/,/g, '') ?? ''
    if (!m || !/^\d+$/.test(peopleText)) {
      fail('prefectures', 'service.prefectures_format', `"${entry}" should read <prefecture code or name>:<people>, e.g. 13:1200000.`, { value: entry })
      continue
    }
    if (code === undefined) {
      fail('prefectures', 'service.prefecture_unknown', `"${rawCode}" is not a prefecture (JIS X 0401 code 01–47 or its name).`, { value: rawCode })
      continue
    }
    prefectures.push({ prefectureCode: code, people: Number(peopleText) })
  }

  const substitutes: SubstituteRef[] = []
  // Names are matched as written (no width folding), so only the hours are normalised.
  for (const entry of entries((row.values.substitutes ?? '').trim())) {
    const m = /^(.+?)\s*[:=：＝]\s*([^:=：＝]+)$/.exec(entry)
    const hours = m?.[2]?.normalize('NFKC').trim() ?? ''
    if (!m || !NUMBER.test(hours)) {
      fail('substitutes', 'service.substitutes_format', `"${entry}" should read <service id or name>:<takeover hours>.`, { value: entry })
      continue
    }
    substitutes.push({ ref: m[1]!.trim(), takeoverHours: Number(hours) })
  }

  const sectorText = v('sector')
  const sector = sectorByName.get(sectorText) ?? sectorByName.get(sectorText.toLowerCase()) ?? sectorText
  const id = v('id')
  const operatorId = v('operatorId')
  return {
    rowNumber: row.rowNumber,
    id: id === '' ? null : id,
    operatorId: operatorId === '' ? null : operatorId,
    service: {
      name: { ja: (row.values.nameJa ?? '').trim(), en: (row.values.nameEn ?? '').trim() },
      sector, type: (row.values.type ?? '').trim(),
      peopleServed: number('peopleServed', { integer: true }), businessesServed: number('businessesServed', { integer: true }),
      prefectures,
      mtpdHours: number('mtpdHours'), rtoHours: number('rtoHours'), rpoHours: number('rpoHours'), rlo: number('rlo'),
      impact: { afterHour: number('impactAfterHour', { integer: true }), afterDay: number('impactAfterDay', { integer: true }), afterWeek: number('impactAfterWeek', { integer: true }) },
    },
    substitutes, problems, unreadable,
  }
}

/** A service as a row of the export (sector as its id, prefectures and substitutes as list cells). */
export function serviceToRow(s: CiService): Record<string, string | number> {
  return {
    id: s.id, operatorId: s.operatorId, nameJa: s.name.ja, nameEn: s.name.en, sector: s.sector, type: s.type,
    peopleServed: s.peopleServed, businessesServed: s.businessesServed,
    prefectures: s.prefectures.map((p) => `${p.prefectureCode}:${p.people}`).join('; '),
    substitutes: s.substitutes.map((x) => `${x.serviceId}:${x.takeoverHours}`).join('; '),
    mtpdHours: s.mtpdHours, rtoHours: s.rtoHours, rpoHours: s.rpoHours, rlo: s.rlo,
    impactAfterHour: s.impact.afterHour, impactAfterDay: s.impact.afterDay, impactAfterWeek: s.impact.afterWeek,
  }
}
