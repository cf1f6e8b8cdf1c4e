import { afterAll, beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import ExcelJS from 'exceljs'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { readTable, writeTable, type TabularFormat } from '../../src/platform/tabular/tabular.ts'
import { SERVICE_COLUMNS } from '../../src/services/formats/services-table.ts'

/**
 * Services through CSV and XLSX, via the HTTP API on both engines: export → import returns what was stored
 * and, imported again, changes nothing (property); a file with one bad row stores nothing and names the row
 * and column (property); and the file-level refusals (formulas, headings, foreign rows).
 */

type Headers = Record<string, string>
const TYPES: Record<TabularFormat, string> = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
const CODES = ['01', '04', '13', '14', '19', '27', '40', '47']

/** A generated service as a person would write it: substitutes by the name of another service in the same file. */
interface Generated {
  nameJa: string; nameEn: string; type: string; peopleServed: number; businessesServed: number
  prefectures: { prefectureCode: string; people: number }[]
  substitutes: { name: string; takeoverHours: number }[]
  mtpdHours: number; rtoHours: number; rpoHours: number; rlo: number
  impact: { afterHour: number; afterDay: number; afterWeek: number }
}

/** Text as people type it in a cell: no control characters, no surrounding spaces, at least one character. */
const cellText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
  .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/g, ''))
  .filter((s) => s !== '' && s === s.trim() && !s.includes(';'))
const plus0 = (n: number) => n + 0

const generatedService = fc.record({
  nameEn: cellText, type: cellText,
  peopleServed: fc.integer({ min: 0, max: 100_000_000 }), businessesServed: fc.integer({ min: 0, max: 1_000_000 }),
  codes: fc.uniqueArray(fc.constantFrom(...CODES), { maxLength: 4 }), shares: fc.array(fc.double({ min: 0, max: 0.25, noNaN: true }), { minLength: 4, maxLength: 4 }),
  mtpdHours: fc.double({ min: 0.01, max: 10_000, noNaN: true }), rtoShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
  rpoHours: fc.double({ min: 0, max: 1_000, noNaN: true }).map(plus0), rlo: fc.double({ min: 0.01, max: 1, noNaN: true }),
  impact: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
  substituteHours: fc.option(fc.double({ min: 0, max: 500, noNaN: true }).map(plus0), { nil: null }),
}).map((g): Omit<Generated, 'nameJa' | 'substitutes'> & { substituteHours: number | null } => {
  const served = g.peopleServed
  const [a, b, c] = g.impact.map((f) => Math.floor(f * served)).sort((x, y) => x - y) as [number, number, number]
  return {
    nameEn: g.nameEn, type: g.type, peopleServed: served, businessesServed: g.businessesServed,
    prefectures: g.codes.map((code, i) => ({ prefectureCode: code, people: Math.floor(g.shares[i]! * served) })),
    mtpdHours: g.mtpdHours, rtoHours: plus0(g.mtpdHours * g.rtoShare), rpoHours: g.rpoHours, rlo: g.rlo,
    impact: { afterHour: a, afterDay: b, afterWeek: c }, substituteHours: g.substituteHours,
  }
})

let batch = 0
/** A batch with names unique to this run; a service may name the one before it as its substitute. */
const generatedBatch = fc.array(generatedService, { minLength: 1, maxLength: 5 }).map((list): Generated[] => {
  const prefix = `交換${++batch}-`
  return list.map(({ substituteHours, ...g }, i) => ({
    ...g, nameJa: `${prefix}${i}`,
    substitutes: substituteHours !== null && i > 0 ? [{ name: `${prefix}${i - 1}`, takeoverHours: substituteHours }] : [],
  }))
})

function rowOf(g: Generated, sector = 'medical'): Record<string, string | number> {
  return {
    nameJa: g.nameJa, nameEn: g.nameEn, sector, type: g.type, peopleServed: g.peopleServed, businessesServed: g.businessesServed,
    prefectures: g.prefectures.map((p) => `${p.prefectureCode}:${p.people}`).join('; '),
    substitutes: g.substitutes.map((s) => `${s.name}:${s.takeoverHours}`).join('; '),
    mtpdHours: g.mtpdHours, rtoHours: g.rtoHours, rpoHours: g.rpoHours, rlo: g.rlo,
    impactAfterHour: g.impact.afterHour, impactAfterDay: g.impact.afterDay, impactAfterWeek: g.impact.afterWeek,
  }
}
/** The file a person would upload: no ID or operator columns, headings in Japanese or English. */
const upload = (format: TabularFormat, rows: Record<string, unknown>[], locale: 'ja' | 'en' = 'ja') =>
  writeTable(format, SERVICE_COLUMNS.filter((c) => c.key !== 'id' && c.key !== 'operatorId'), rows, { locale })

describeEachEngine('services CSV and XLSX exchange', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let clinic: Headers, mhlw: Headers, nco: Headers, tsubaki: Headers
  const importFile = (headers: Headers, format: TabularFormat, file: Buffer) =>
    env.app.inject({ method: 'POST', url: `/api/v1/services/import?format=${format}`, headers: { ...headers, 'content-type': TYPES[format] }, payload: file })
  const exportFile = async (headers: Headers, format: TabularFormat, query = '') => {
    const res = await env.app.inject({ method: 'GET', url: `/api/v1/services/export?format=${format}${query}`, headers })
    expect(res.statusCode).toBe(200)
    return res.rawPayload
  }
  const count = async (table: 'ci_service' | 'audit_entry') =>
    Number((await env.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const listOwn = async () => (await env.app.inject({ method: 'GET', url: '/api/v1/services?operator=clinic-kaede', headers: clinic })).json() as
    { id: string; name: { ja: string; en: string }; substitutes: { serviceId: string; takeoverHours: number }[] }[]

  beforeAll(async () => {
    env = await openDemoApp(engine)
    clinic = headersFor(await signInAs(env.app, 'clinic@demo.kaname.jp'))
    mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    nco = headersFor(await signInAs(env.app, 'nco@demo.kaname.jp'))
    tsubaki = headersFor(await signInAs(env.app, 'clinic-tsubaki@demo.kaname.jp'))
  })
  afterAll(async () => env?.close())

  it('export → import returns what was stored, and importing the export again changes nothing (property)', async () => {
    await fc.assert(fc.asyncProperty(generatedBatch, fc.constantFrom<TabularFormat>('csv', 'xlsx'), fc.constantFrom<'ja' | 'en'>('ja', 'en'), async (services, format, locale) => {
      const imported = await importFile(clinic, format, await upload(format, services.map((g) => rowOf(g)), locale))
      expect(imported.statusCode, imported.body).toBe(200)
      expect(imported.json()).toEqual({ received: services.length, created: services.length, updated: 0, unchanged: 0 })

      // What the API now holds is what the file said, substitutes resolved from names to ids.
      const stored = await listOwn()
      const idOf = new Map(stored.map((s) => [s.name.ja, s.id]))
      for (const g of services) {
        const s = stored.find((x) => x.name.ja === g.nameJa)
        expect(s).toMatchObject({
          name: { ja: g.nameJa, en: g.nameEn }, sector: 'medical', type: g.type, peopleServed: g.peopleServed, businessesServed: g.businessesServed,
          prefectures: g.prefectures, mtpdHours: g.mtpdHours, rtoHours: g.rtoHours, rpoHours: g.rpoHours, rlo: g.rlo, impact: g.impact,
          substitutes: g.substitutes.map((x) => ({ serviceId: idOf.get(x.name), takeoverHours: x.takeoverHours })),
        })
      }

      // The export holds every stored service, each exactly as stored.
      const exported = await exportFile(clinic, format, `&locale=${locale}&operator=clinic-kaede`)
      const table = await readTable(exported, format, SERVICE_COLUMNS)
      expect(table.rows.map((r) => r.values.id).sort()).toEqual(stored.map((s) => s.id).sort())
      for (const g of services) {
        const row = table.rows.find((r) => r.values.nameJa === g.nameJa)!.values
        expect(row).toMatchObject({ operatorId: 'clinic-kaede', nameEn: g.nameEn, mtpdHours: String(g.mtpdHours), rtoHours: String(g.rtoHours), peopleServed: String(g.peopleServed) })
      }

      // Importing the export is a no-op: nothing changes, nothing is audited.
      const audit = await count('audit_entry')
      const again = await importFile(clinic, format, exported)
      expect(again.statusCode, again.body).toBe(200)
      expect(again.json()).toEqual({ received: stored.length, created: 0, updated: 0, unchanged: stored.length })
      expect(await count('audit_entry')).toBe(audit)
      expect(await listOwn()).toEqual(stored)
    }), { numRuns: 12 })
  })

  it('one bad row (negative duration, MTPD not above RTO, unknown sector) stores nothing and is named by row and column (property)', async () => {
    const mutations = [
      { field: 'mtpdHours', code: 'service.negative_duration', apply: (r: Record<string, unknown>, x: number) => ({ ...r, mtpdHours: -x }) },
      { field: 'rtoHours', code: 'service.negative_duration', apply: (r: Record<string, unknown>, x: number) => ({ ...r, rtoHours: -x }) },
      { field: 'rpoHours', code: 'service.negative_duration', apply: (r: Record<string, unknown>, x: number) => ({ ...r, rpoHours: -x }) },
      { field: 'rtoHours', code: 'service.rto_not_below_mtpd', apply: (r: Record<string, unknown>, x: number) => ({ ...r, rtoHours: Number(r.mtpdHours) + x - 0.5 }) },
      { field: 'sector', code: 'service.sector_unknown', apply: (r: Record<string, unknown>) => ({ ...r, sector: 'zz-not-a-sector' }) },
    ]
    await fc.assert(fc.asyncProperty(
      generatedBatch, fc.nat(), fc.constantFrom(...mutations), fc.double({ min: 0.5, max: 1_000, noNaN: true }), fc.constantFrom<TabularFormat>('csv', 'xlsx'),
      async (services, pick, mutation, amount, format) => {
        const bad = pick % services.length
        const rows = services.map((g, i) => (i === bad ? mutation.apply(rowOf(g), amount) : rowOf(g)))
        const [before, audit] = [await count('ci_service'), await count('audit_entry')]
        const res = await importFile(clinic, format, await upload(format, rows))
        expect(res.statusCode).toBe(422)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        const problem = res.json() as { code: string; errors: { path: string; code: string; params: { row: number } }[] }
        expect(problem.code).toBe('services.import_invalid')
        // The heading is row 1, so the bad service (index `bad`) is row bad + 2.
        const row = bad + 2
        expect(problem.errors).toContainEqual(expect.objectContaining({ path: `rows[${row}].${mutation.field}`, code: mutation.code, params: expect.objectContaining({ row }) }))
        expect(problem.errors.every((e) => e.path.startsWith(`rows[${row}].`))).toBe(true)
        expect([await count('ci_service'), await count('audit_entry')]).toEqual([before, audit])
      },
    ), { numRuns: 25 })
  })

  it('names every bad row of a file at once, with Japanese or English headings', async () => {
    const base = { nameEn: 'x', type: 'clinical', peopleServed: 100, businessesServed: 0, prefectures: [], substitutes: [], mtpdHours: 24, rtoHours: 4, rpoHours: 1, rlo: 1, impact: { afterHour: 0, afterDay: 0, afterWeek: 0 } }
    const rows = [
      rowOf({ ...base, nameJa: '一括-正常' }),
      rowOf({ ...base, nameJa: '一括-負', mtpdHours: -1 }),
      rowOf({ ...base, nameJa: '一括-RTO', mtpdHours: 4, rtoHours: 4 }),
      rowOf({ ...base, nameJa: '一括-分野' }, 'retail'),
      { ...rowOf({ ...base, nameJa: '一括-数' }), peopleServed: '百人', prefectures: '東京都:50; 99:1' },
    ]
    for (const locale of ['ja', 'en'] as const) {
      const before = await count('ci_service')
      const res = await importFile(clinic, 'csv', await upload('csv', rows, locale))
      expect(res.statusCode).toBe(422)
      expect((res.json().errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`).sort()).toEqual([
        'rows[3].mtpdHours service.negative_duration',
        'rows[4].rtoHours service.rto_not_below_mtpd',
        'rows[5].sector service.sector_unknown',
        'rows[6].peopleServed service.not_a_number',
        'rows[6].prefectures service.prefecture_unknown',
      ])
      expect(await count('ci_service')).toBe(before)
    }
    // Sector and prefecture names are accepted as well as ids and codes.
    const named = await importFile(clinic, 'csv', await upload('csv', [{ ...rowOf({ ...base, nameJa: '名前で指定' }), sector: '医療', prefectures: '東京都:50; 大阪:20' }]))
    expect(named.statusCode, named.body).toBe(200)
    expect((await listOwn()).find((s) => s.name.ja === '名前で指定')).toMatchObject({ sector: 'medical', prefectures: [{ prefectureCode: '13', people: 50 }, { prefectureCode: '27', people: 20 }] })
  })

  it('refuses formulas, unknown headings, other operators\' rows and unknown IDs; only operators import', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('サービス')
    sheet.addRow(SERVICE_COLUMNS.filter((c) => c.key !== 'id' && c.key !== 'operatorId').map((c) => c.header.ja))
    sheet.addRow(['数式', 'Formula', 'medical', 'clinical', { formula: '10*10', result: 100 }, 0, '', '', 24, 4, 1, 1, 0, 0, 0])
    const formula = await importFile(clinic, 'xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    expect(formula.statusCode).toBe(422)
    expect(formula.json().errors).toEqual([expect.objectContaining({ path: 'rows[2].peopleServed', code: 'tabular.formula', params: expect.objectContaining({ cell: 'E2' }) })])

    const misspelt = Buffer.from('\uFEFFサービス名,サービス名（英語）,分野,種別,利用者数,利用事業者数,最大許容停止時間,目標復旧時間（時間）,目標復旧時点（時間）,目標復旧レベル,影響人数（1時間後）,影響人数（1日後）,影響人数（1週間後）\r\n')
    const headings = await importFile(clinic, 'csv', misspelt)
    expect(headings.statusCode).toBe(422)
    expect((headings.json().errors as { path: string; code: string }[]).map((e) => [e.path, e.code])).toEqual([['header.7', 'tabular.header_unknown'], ['header.mtpdHours', 'tabular.column_missing']])

    const base = { nameJa: '他者の行', nameEn: 'x', type: 't', peopleServed: 1, businessesServed: 0, prefectures: [], substitutes: [], mtpdHours: 2, rtoHours: 1, rpoHours: 1, rlo: 1, impact: { afterHour: 0, afterDay: 0, afterWeek: 0 } }
    const tsubakiService = await env.app.inject({ method: 'POST', url: '/api/v1/services', headers: tsubaki, payload: { ...base, name: { ja: 'つばき交換', en: 'x' }, sector: 'medical', nameJa: undefined, nameEn: undefined } })
    expect(tsubakiService.statusCode, tsubakiService.body).toBe(201)
    const foreign = writeTable('csv', SERVICE_COLUMNS, [
      { ...rowOf(base), id: tsubakiService.json().id, operatorId: 'clinic-tsubaki' },
      { ...rowOf({ ...base, nameJa: '新しいID' }), id: '00000000-0000-4000-8000-000000000001' },
    ])
    const refused = await importFile(clinic, 'csv', await foreign)
    expect(refused.statusCode).toBe(422)
    expect((refused.json().errors as { path: string; code: string }[]).map((e) => [e.path, e.code])).toEqual([
      ['rows[2].operatorId', 'service.operator_not_own'], ['rows[2].id', 'service.id_unknown'], ['rows[3].id', 'service.id_unknown'],
    ])
    // The other clinic's service is untouched and its name never appears in the refusal.
    expect(refused.body).not.toContain('つばき交換')

    const valid = await upload('csv', [rowOf({ ...base, nameJa: '政府は取り込めない' })])
    expect((await importFile(nco, 'csv', valid)).statusCode).toBe(403)
    expect((await importFile(mhlw, 'csv', valid)).statusCode).toBe(403)
    const empty = await env.app.inject({ method: 'POST', url: '/api/v1/services/import?format=csv', headers: { ...clinic, 'content-type': 'text/csv' }, payload: '' })
    expect(empty.statusCode).toBe(422)
  })

  it('exports only what the caller may read, with headings in the chosen language', async () => {
    const own = await listOwn()
    const ministry = await readTable(await exportFile(mhlw, 'xlsx', '&locale=en'), 'xlsx', SERVICE_COLUMNS)
    expect(ministry.rows.length).toBeGreaterThanOrEqual(own.length)
    const other = await readTable(await exportFile(tsubaki, 'csv'), 'csv', SERVICE_COLUMNS)
    expect(other.rows.every((r) => r.values.operatorId === 'clinic-tsubaki')).toBe(true)
    expect(other.rows.some((r) => own.some((s) => s.id === r.values.id))).toBe(false)
    const csv = (await exportFile(clinic, 'csv', '&locale=en')).toString('utf8')
    expect(csv.startsWith('\uFEFFID,Operator ID,Service name (Japanese)')).toBe(true)
    const csvJa = (await exportFile(clinic, 'csv')).toString('utf8')
    expect(csvJa.startsWith('\uFEFFID,事業者ID,サービス名')).toBe(true)
    const finance = await readTable(await exportFile(headersFor(await signInAs(env.app, 'fsa@demo.kaname.jp')), 'csv'), 'csv', SERVICE_COLUMNS)
    expect(finance.rows.some((r) => r.values.operatorId === 'clinic-kaede')).toBe(false)
  })
})
