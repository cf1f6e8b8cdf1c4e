import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { inTransaction } from '../../src/platform/db/database.ts'
import type { CiService } from '../../src/services/domain/service.ts'
import { insertServiceRow, writeServiceChildren } from '../../src/services/store/services-repository.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
interface Problem { code: string; errors: { path: string; code: string; params?: Record<string, unknown> }[] }
interface Result { kind: string; rows: number; created: number; updated: number; unchanged: number }

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')

/**
 * Providers and dependencies in and out as CSV and XLSX through the API, on both engines: all or nothing,
 * every refused row named with its column (unknown or invisible nodes, negative durations, bad enumerations,
 * self-loops), cycles accepted, re-imports that change nothing, exports scoped like every read.
 */
describeEachEngine('dependencies import and export', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  const h: Record<string, Record<string, string>> = {}
  let clinicSvc: string
  let bankSvc: string
  const count = async (table: 'dependency_edge' | 'dependency_provider') =>
    Number((await env.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const importFile = (who: string, kind: string, format: string, body: Buffer) =>
    env.app.inject({ method: 'POST', url: `/api/v1/dependencies/import?kind=${kind}&format=${format}`, headers: { ...h[who]!, 'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX }, payload: body })
  const ok = async (who: string, kind: string, body: Buffer, format = 'csv'): Promise<Result> => {
    const res = await importFile(who, kind, format, body)
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as Result
  }
  const refused = async (who: string, kind: string, body: Buffer): Promise<[string, string][]> => {
    const res = await importFile(who, kind, 'csv', body)
    expect(res.statusCode, res.body).toBe(422)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    return (res.json() as Problem).errors.map((e) => [e.path, e.code])
  }

  beforeAll(async () => {
    env = await openDemoApp(engine)
    for (const [who, email] of Object.entries({ nco: 'nco@demo.kaname.jp', clinic: 'clinic@demo.kaname.jp', bank: 'bank-ciso@demo.kaname.jp', viewer: 'nco-viewer@demo.kaname.jp' })) {
      h[who] = headersFor(await signInAs(env.app, email))
    }
    const store = async (operatorId: string, sector: string, nameJa: string, people: number, mtpd: number) => {
      const s: CiService = {
        id: randomUUID(), operatorId, name: { ja: nameJa, en: '' }, sector, type: 'test', peopleServed: people, businessesServed: 0, prefectures: [{ prefectureCode: '13', people: 0 }],
        substitutes: [], mtpdHours: mtpd, rtoHours: 1, rpoHours: 1, rlo: 0.5, impact: { afterHour: 0, afterDay: 0, afterWeek: 0 },
      }
      await inTransaction(env.ctx.database, async (trx) => { await insertServiceRow(trx, s, env.ctx.now().toISOString(), 'test'); await writeServiceChildren(trx, s) })
      return s.id
    }
    clinicSvc = await store('clinic-kaede', 'medical', 'かえで外来', 5000, 24)
    bankSvc = await store('shinonome-bank', 'finance', 'しののめ決済', 100_000, 4)
  }, 120_000)
  afterAll(async () => env?.close())

  it('imports providers from a Japanese CSV, and a second import of the same file changes nothing', async () => {
    const file = csv([
      '名称,英語名称,種別,所在都道府県,年間障害確率',
      'クラウドA,Cloud A,クラウド,13;27,0.01',
      '物流B,,logistics,11,',
      '決済C,Payment C,Payment,13,0.005',
    ])
    expect(await ok('nco', 'providers', file)).toEqual({ kind: 'providers', rows: 3, created: 3, updated: 0, unchanged: 0 })
    const registry = (await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/providers', headers: h.clinic })).json() as { name: { ja: string }; providerType: string; prefectures: string[]; annualFailureProbability: number | null; registeredBy: string }[]
    expect(registry.find((p) => p.name.ja === 'クラウドA')).toMatchObject({ providerType: 'cloud', prefectures: ['13', '27'], annualFailureProbability: 0.01, registeredBy: 'nco' })
    expect(registry.find((p) => p.name.ja === '物流B')).toMatchObject({ providerType: 'logistics', annualFailureProbability: null })
    expect(await ok('nco', 'providers', file)).toEqual({ kind: 'providers', rows: 3, created: 0, updated: 0, unchanged: 3 })
  })

  it('refuses a provider file with bad rows as a whole, naming each row and column', async () => {
    const before = await count('dependency_provider')
    const errors = await refused('clinic', 'providers', csv([
      '名称,種別,所在都道府県,年間障害確率',
      '通信D,通信,13,',
      '宇宙E,宇宙,13,',
      '電力F,電力,13,-0.1',
      'クラウドA,クラウド,13,',
      '通信D,通信,99,',
    ]))
    expect(errors).toEqual([
      ['rows[3].providerType', 'dependencies.bad_enum'],
      ['rows[4].annualFailureProbability', 'dependencies.probability_range'],
      // クラウドA is the NCO's: the clinic may not change it.
      ['rows[5].nameJa', 'dependencies.provider_not_writable'],
      ['rows[6].prefectures', 'dependencies.prefecture_code'],
      ['rows[6].nameJa', 'dependencies.duplicate_row'],
    ])
    expect(await count('dependency_provider')).toBe(before)
  })

  it('refuses a dependency file with unknown or invisible nodes, negative hours, bad enums and self-loops, storing nothing', async () => {
    const before = await count('dependency_edge')
    const errors = await refused('clinic', 'edges', csv([
      '依存元,依存元名称,依存先,依存先名称,重要度,切替,切替時間（時間）',
      ',かえで外来,,クラウドA,停止,手動,6',
      ',かえで外来,,存在しない事業者,停止,なし,',
      ',かえで外来,,物流B,停止,手動,-3',
      ',かえで外来,,決済C,致命的,なし,',
      `,かえで外来,${bankSvc},,停止,なし,`,
      ',かえで外来,,かえで外来,停止,なし,',
      ',しののめ決済,,クラウドA,停止,なし,',
    ]))
    expect(errors).toEqual([
      ['rows[3].toName', 'dependencies.unknown_node'],
      ['rows[4].failoverHours', 'dependencies.negative_duration'],
      ['rows[5].criticality', 'dependencies.bad_enum'],
      // Another operator's service is unknown to the clinic, by id or by name.
      ['rows[6].to', 'dependencies.unknown_node'],
      ['rows[7].toName', 'dependencies.self_loop'],
      ['rows[8].fromName', 'dependencies.unknown_node'],
    ])
    expect(await count('dependency_edge')).toBe(before)
  })

  it('imports dependencies by name, cycles included; a re-import changes nothing and a changed row updates', async () => {
    const header = '依存元名称,依存先名称,重要度,切替,切替時間（時間）,代替名称'
    const mine = csv([header, 'かえで外来,クラウドA,停止,手動,6,', 'かえで外来,物流B,縮退,自動,,'])
    expect(await ok('clinic', 'edges', mine)).toMatchObject({ created: 2, updated: 0, unchanged: 0 })
    expect(await ok('clinic', 'edges', mine)).toMatchObject({ created: 0, updated: 0, unchanged: 2 })
    expect(await ok('clinic', 'edges', csv([header, 'かえで外来,クラウドA,停止,手動,8,決済C']))).toMatchObject({ created: 0, updated: 1, unchanged: 0 })
    const edges = (await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/edges', headers: h.clinic })).json() as { from: string; failover: unknown; alternatives: string[] }[]
    expect(edges.filter((e) => e.from === clinicSvc).map((e) => e.failover)).toEqual(expect.arrayContaining([{ kind: 'manual', hours: 8 }, { kind: 'automatic' }]))

    // The clinic may not record the NCO's provider's dependencies.
    expect(await refused('clinic', 'edges', csv([header, 'クラウドA,物流B,停止,なし,,']))).toEqual([['rows[2].fromName', 'dependencies.from_not_writable']])
    // The NCO records a cycle between two providers and the bank's dependency; simulations handle the cycle.
    expect(await ok('nco', 'edges', csv([header, 'クラウドA,物流B,停止,なし,,', '物流B,クラウドA,停止,手動,12,', 'しののめ決済,クラウドA,停止,なし,,']))).toMatchObject({ created: 3 })
    const providers = (await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/providers', headers: h.nco })).json() as { id: string; name: { ja: string } }[]
    const cloudA = providers.find((p) => p.name.ja === 'クラウドA')!.id
    const sim = await env.app.inject({ method: 'POST', url: '/api/v1/dependencies/simulate', headers: h.nco, payload: { nodes: [cloudA], hours: 10 } })
    expect(sim.statusCode, sim.body).toBe(200)
    expect((sim.json() as { servicesExceedingMtpd: string[] }).servicesExceedingMtpd).toEqual([bankSvc])
  })

  it('exports what the caller may see as XLSX and CSV; the NCO\'s export re-imports unchanged', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/export?kind=edges&format=xlsx', headers: h.nco })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain(XLSX)
    expect(res.headers['content-disposition']).toContain('dependencies-edges.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect((sheet.getRow(1).values as unknown[]).filter((v) => typeof v === 'string')).toEqual(['ID', '依存元', '依存元名称', '依存先', '依存先名称', '依存の種類', '重要度', '切替', '切替時間（時間）', '代替', '代替名称'])
    expect(sheet.rowCount - 1).toBe(await count('dependency_edge'))
    expect(await ok('nco', 'edges', res.rawPayload, 'xlsx')).toMatchObject({ created: 0, updated: 0, unchanged: sheet.rowCount - 1 })

    const providers = await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/export?kind=providers&format=csv&locale=en', headers: h.clinic })
    expect(providers.body.split('\r\n')[0]).toBe('\uFEFFID,Name (Japanese),Name (English),Type,Prefectures,Annual failure probability')
    expect(await ok('nco', 'providers', providers.rawPayload)).toMatchObject({ created: 0, updated: 0 })

    const clinic = (await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/export?kind=edges&format=csv', headers: h.clinic })).body
    expect(clinic).toContain('かえで外来')
    expect(clinic).not.toContain(bankSvc)
    expect(clinic).not.toContain('しののめ決済')
  })

  it('carries the dependency type: code, Japanese or English label; a bad one refused by row and column; an export round trip keeps it', async () => {
    const typesByPair = async () => {
      const edges = (await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/edges', headers: h.nco })).json() as { from: string; to: string; type: string }[]
      const providers = (await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/providers', headers: h.nco })).json() as { id: string; name: { ja: string } }[]
      const name = new Map<string, string>([...providers.map((p) => [p.id, p.name.ja] as const), [clinicSvc, 'かえで外来'], [bankSvc, 'しののめ決済']])
      return Object.fromEntries(edges.map((e) => [`${name.get(e.from)}>${name.get(e.to)}`, e.type]))
    }
    const header = '依存元名称,依存先名称,依存の種類,重要度,切替,切替時間（時間）'
    // The NCO's three edges, their other columns as recorded, the type spelled three ways.
    const typed = csv([header, 'クラウドA,物流B,物流,停止,なし,', '物流B,クラウドA,IT system,停止,手動,12', 'しののめ決済,クラウドA,cloud_hosting,停止,なし,'])
    expect(await ok('nco', 'edges', typed)).toMatchObject({ created: 0, updated: 3, unchanged: 0 })
    const expected = { 'クラウドA>物流B': 'logistics', '物流B>クラウドA': 'it_system', 'しののめ決済>クラウドA': 'cloud_hosting' }
    expect(await typesByPair()).toMatchObject(expected)
    // A blank type keeps the recorded one (a file from before the column changes nothing).
    expect(await ok('nco', 'edges', csv([header, 'クラウドA,物流B,,停止,なし,']))).toMatchObject({ updated: 0, unchanged: 1 })
    expect(await ok('nco', 'edges', csv(['依存元名称,依存先名称,重要度,切替,切替時間（時間）', 'クラウドA,物流B,停止,なし,']))).toMatchObject({ updated: 0, unchanged: 1 })

    const before = await typesByPair()
    const bad = await importFile('nco', 'edges', 'csv', csv([header, 'クラウドA,物流B,電力,停止,なし,', '物流B,クラウドA,燃料,停止,手動,12']))
    expect(bad.statusCode, bad.body).toBe(422)
    expect((bad.json() as Problem).errors.map((e) => [e.path, e.code, e.params?.value])).toEqual([['rows[3].type', 'dependencies.bad_enum', '燃料']])
    // All or nothing: the good first row was not stored either.
    expect(await typesByPair()).toEqual(before)

    // Export (XLSX in English, CSV in Japanese), overwrite the types, re-import: the exported types come back.
    const xlsx = await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/export?kind=edges&format=xlsx&locale=en', headers: h.nco })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect((book.worksheets[0]!.getRow(1).values as unknown[])).toContain('Dependency type')
    const exportedCsv = await env.app.inject({ method: 'GET', url: '/api/v1/dependencies/export?kind=edges&format=csv', headers: h.nco })
    expect(exportedCsv.body.split('\r\n')[0]).toContain(',依存の種類,')
    expect(exportedCsv.body).toContain(',クラウド基盤,')
    const others = csv([header, 'クラウドA,物流B,その他,停止,なし,', '物流B,クラウドA,その他,停止,手動,12', 'しののめ決済,クラウドA,その他,停止,なし,'])
    for (const [format, file] of [['xlsx', xlsx.rawPayload], ['csv', exportedCsv.rawPayload]] as const) {
      expect(await ok('nco', 'edges', others)).toMatchObject({ updated: 3 })
      expect(await typesByPair()).toMatchObject({ 'クラウドA>物流B': 'other', '物流B>クラウドA': 'other', 'しののめ決済>クラウドA': 'other' })
      expect(await ok('nco', 'edges', file, format)).toMatchObject({ created: 0, updated: 3 })
      expect(await typesByPair(), format).toEqual(before)
    }
  })

  it('refuses imports from readers, empty bodies and unreadable files', async () => {
    expect((await importFile('viewer', 'edges', 'csv', csv(['依存元,依存先']))).statusCode).toBe(403)
    const empty = await env.app.inject({ method: 'POST', url: '/api/v1/dependencies/import?kind=edges&format=csv', headers: h.nco })
    expect(empty.statusCode).toBe(422)
    expect((empty.json() as Problem).errors[0]!.path).toBe('body')
    const notXlsx = await importFile('nco', 'edges', 'xlsx', Buffer.from('not a workbook'))
    expect(notXlsx.statusCode).toBe(422)
    const unknownColumn = await refused('nco', 'edges', csv(['依存元,行き先', 'a,b']))
    expect(unknownColumn).toEqual([['header.2', 'tabular.header_unknown']])
  })
})
