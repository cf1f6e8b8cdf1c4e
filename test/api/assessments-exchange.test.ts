import { afterAll, beforeAll, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { validateOscal } from '../../src/standards/formats/oscal-validator.ts'

interface Obligation { key: string; lineage: string }

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** A minimal real PDF (header, one empty page, trailer). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

/**
 * Files in and out of a campaign through the API: the questionnaire workbook round trip (all or nothing,
 * errors naming the cell), OSCAL exports validated against the 1.1.2 schemas, and evidence uploads with
 * their refusals, on both engines.
 */
describeEachEngine('assessment files', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let mhlw: Record<string, string>
  let clinic: Record<string, string>
  let campaignId: string
  const target = () => `/api/v1/assessments/campaigns/${campaignId}/operators/clinic-kaede`
  const stored = async () => (await env.ctx.database.db.selectFrom('assessment_answer').selectAll().where('campaign_id', '=', campaignId).where('operator_id', '=', 'clinic-kaede').orderBy('obligation_key').execute())
    .map((r) => ({ key: r.obligation_key, result: r.result, target: r.target_date, comment: r.comment }))

  beforeAll(async () => {
    env = await openDemoApp(engine)
    mhlw = headersFor(await signInAs(env.app, 'mhlw@demo.kaname.jp'))
    clinic = headersFor(await signInAs(env.app, 'clinic@demo.kaname.jp'))
    const due = new Date(env.ctx.now().getTime() + 60 * 86_400_000).toISOString().slice(0, 10)
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/assessments/campaigns', headers: mhlw, payload: { title: { ja: 'ファイル', en: 'Files' }, cycle: 'files', scope: { operatorIds: ['clinic-kaede'] }, dueDate: due } })
    campaignId = res.json().id
  })
  afterAll(async () => env?.close())

  it('exports the questionnaire, re-imports a filled copy completely, and rejects one bad cell storing nothing', async () => {
    const exported = await env.app.inject({ method: 'GET', url: `${target()}/xlsx`, headers: clinic })
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-type']).toContain(XLSX)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('回答')!
    const headings = (sheet.getRow(1).values as unknown[]).filter((v) => typeof v === 'string')
    expect(headings).toEqual(expect.arrayContaining(['番号', '要求事項', '結果', '成熟度', '目標日']))
    const column = (heading: string) => (sheet.getRow(1).values as unknown[]).indexOf(heading)
    const rows = sheet.rowCount - 1
    const view = (await env.app.inject({ method: 'GET', url: target(), headers: clinic })).json() as { obligations: Obligation[] }
    expect(rows).toBe(view.obligations.length)
    for (let r = 2; r <= sheet.rowCount; r++) {
      sheet.getRow(r).getCell(column('結果')).value = r === 2 ? '未実施' : '実施済み'
      sheet.getRow(r).getCell(column('成熟度')).value = 3
      if (r === 2) sheet.getRow(r).getCell(column('目標日')).value = '2099-03-31'
    }
    const filled = Buffer.from(await book.xlsx.writeBuffer())
    const imported = await env.app.inject({ method: 'PUT', url: `${target()}/xlsx`, headers: { ...clinic, 'content-type': XLSX }, payload: filled })
    expect(imported.statusCode).toBe(200)
    const after = await stored()
    expect(after).toHaveLength(view.obligations.length)
    expect(after.filter((a) => a.result === 'not_implemented')).toEqual([expect.objectContaining({ target: '2099-03-31' })])

    // One invalid cell (a maturity of 9 on a 0–5 scale) in row 4: named, and the stored answers stay exactly as they were.
    sheet.getRow(4).getCell(column('成熟度')).value = 9
    sheet.getRow(3).getCell(column('結果')).value = '一部実施'
    const broken = Buffer.from(await book.xlsx.writeBuffer())
    const refused = await env.app.inject({ method: 'PUT', url: `${target()}/xlsx`, headers: { ...clinic, 'content-type': XLSX }, payload: broken })
    expect(refused.statusCode).toBe(422)
    const letter = String.fromCharCode(64 + column('成熟度'))
    const paths = (refused.json().errors as { path: string }[]).map((e) => e.path)
    expect(paths).toContain(`回答!${letter}4`)
    expect(await stored()).toEqual(after)

    // Not a workbook at all, and a ministry trying to import: refused, nothing stored.
    expect((await env.app.inject({ method: 'PUT', url: `${target()}/xlsx`, headers: { ...clinic, 'content-type': XLSX }, payload: Buffer.from('not a zip') })).statusCode).toBe(422)
    expect((await env.app.inject({ method: 'PUT', url: `${target()}/xlsx`, headers: { ...mhlw, 'content-type': XLSX }, payload: filled })).statusCode).toBe(403)
    expect(await stored()).toEqual(after)
  })

  it('stores evidence with its SHA-256, refuses bad files, and lets the reviewer open only what a snapshot cites', async () => {
    const upload = (fileName: string, body: Buffer) => env.app.inject({
      method: 'POST', url: `/api/v1/assessments/evidence?fileName=${encodeURIComponent(fileName)}&description=${encodeURIComponent('復旧訓練の記録')}&evidenceDate=2026-10-01`,
      headers: { ...clinic, 'content-type': 'application/octet-stream' }, payload: body,
    })
    const count = async () => (await env.ctx.database.db.selectFrom('evidence').select('id').execute()).length
    const before = await count()
    for (const [name, body, code] of [
      ['../../etc/passwd.pdf', PDF, 'evidence.file_name_path'],
      ['setup.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'evidence.type_not_allowed'],
      ['page.html', Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'evidence.type_not_allowed'],
      ['image.pdf', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'evidence.extension_mismatch'],
    ] as const) {
      const res = await upload(name, body)
      expect(res.statusCode, name).toBe(422)
      expect(res.json().code, name).toBe(code)
    }
    const oversize = await upload('big.pdf', Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]))
    expect(oversize.statusCode).toBe(413)
    expect(await count()).toBe(before)

    const ok = await upload('バックアップ復旧訓練.pdf', PDF)
    expect(ok.statusCode).toBe(201)
    const evidence = ok.json()
    expect(evidence).toMatchObject({ fileName: 'バックアップ復旧訓練.pdf', contentType: 'application/pdf', size: PDF.length })
    expect(evidence.sha256).toMatch(/^[0-9a-f]{64}$/)
    const own = await env.app.inject({ method: 'GET', url: `/api/v1/assessments/evidence/${evidence.id}/content`, headers: clinic })
    expect(own.statusCode).toBe(200)
    expect(Buffer.compare(own.rawPayload, PDF)).toBe(0)
    expect(own.headers['x-content-type-options']).toBe('nosniff')
    // The ministry may not open an operator's file until a submitted snapshot cites it.
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/assessments/evidence/${evidence.id}/content`, headers: mhlw })).statusCode).toBe(404)

    const view = (await env.app.inject({ method: 'GET', url: target(), headers: clinic })).json() as { answers: (Obligation & { obligationKey: string; evidenceIds: string[] })[] }
    const answers = view.answers.map((a, i) => (i === 0 ? { ...a, evidenceIds: [evidence.id] } : a))
    expect((await env.app.inject({ method: 'PUT', url: `${target()}/answers`, headers: clinic, payload: { answers } })).statusCode).toBe(200)
    expect((await env.app.inject({ method: 'POST', url: `${target()}/submit`, headers: clinic })).statusCode).toBe(200)
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/assessments/evidence/${evidence.id}/content`, headers: mhlw })).statusCode).toBe(200)
  })

  it('exports OSCAL assessment-results and POA&M that validate against the 1.1.2 schemas', async () => {
    for (const kind of ['assessment-results', 'poam'] as const) {
      for (const who of [clinic, mhlw]) {
        const res = await env.app.inject({ method: 'GET', url: `${target()}/oscal?kind=${kind}`, headers: who })
        expect(res.statusCode, kind).toBe(200)
        const document = res.json()
        expect(validateOscal(kind, document)).toEqual([])
        expect(JSON.stringify(document)).toContain(campaignId)
      }
    }
    const ar = (await env.app.inject({ method: 'GET', url: `${target()}/oscal?kind=assessment-results`, headers: mhlw })).json()
    const states = ar['assessment-results'].results[0].findings.map((f: { target: { status: { state: string } } }) => f.target.status.state)
    expect(states.filter((s: string) => s === 'not-satisfied')).toHaveLength(1)
  })
})
