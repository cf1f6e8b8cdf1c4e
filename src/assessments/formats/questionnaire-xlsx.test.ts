import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'
import { DomainError } from '../../platform/errors.ts'
import { answer, FUTURE, obligation, source, TODAY } from '../domain/arbitraries.test-support.ts'
import { ANSWER_RESULTS, DEFAULT_MATURITY_SCALE, isGap, type Answer, type MaturityScale } from '../domain/model.ts'
import {
  MAX_COMMENT_LENGTH, questionnaireWorkbook, RESULT_LABELS, readQuestionnaire, type QuestionnaireAnswer, type QuestionnaireExpectation,
  type QuestionnaireInput, type QuestionnaireProblem,
} from './questionnaire-xlsx.ts'
import { inspectZip } from './zip-guard.ts'

// ---------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------

const titled = (o: Obligation, ja: string, en: string, documentJa = '重要インフラ統一基準'): Obligation => ({
  ...o,
  title: { ja, en },
  sources: o.sources.map((s) => ({ ...s, documentTitle: { ja: documentJa, en: 'Unified Standard' } })),
})

const OBLIGATIONS: Obligation[] = [
  titled(obligation('1.1.1'), '情報セキュリティ方針を定める', 'Set an information security policy'),
  titled(obligation('1.2.1', 'should', [source('medical', 'm-3', '3.1', 'must')]), '資産目録を作成する', 'Keep an asset inventory'),
  titled(obligation('2.1.1'), 'アクセス権限を管理する', 'Manage access rights'),
  titled(obligation('2.3.4', 'may'), 'ログを一年以上保存する', 'Keep logs for a year or more'),
  titled(obligation('3.1.2'), '制御システムのネットワークを分離する', 'Segment control system networks'),
  titled(obligation('4.1.1'), 'バックアップを定期的に復元試験する', 'Test restoring backups regularly'),
]

const CAMPAIGN: QuestionnaireInput['campaign'] = {
  id: 'camp-2026', title: { ja: '2026年度 自己点検', en: 'FY2026 self-assessment' }, cycle: '2026', dueDate: '2026-06-30',
  maturityScale: DEFAULT_MATURITY_SCALE,
}
const OPERATOR = { id: 'op-tokyo-power', name: '東京電力パワーグリッド' }

function expectation(over: Partial<QuestionnaireExpectation> = {}): QuestionnaireExpectation {
  return {
    campaignId: CAMPAIGN.id, operatorId: OPERATOR.id, obligations: OBLIGATIONS, maturityScale: DEFAULT_MATURITY_SCALE,
    today: TODAY, ...over,
  }
}

const exportBlank = (over: Partial<QuestionnaireInput> = {}) =>
  questionnaireWorkbook({ campaign: CAMPAIGN, operator: OPERATOR, obligations: OBLIGATIONS, answers: [], ...over })

type CellInput = string | number | Date | null | ExcelJS.CellValue

/**
 * Opens an exported workbook and types into cells, as someone filling it in would, then saves it.
 * `rows` is keyed by data row (0 = first obligation) and column letter.
 */
async function fill(buffer: Buffer, rows: Record<number, Record<string, CellInput>>, extra?: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buffer as never)
  const sheet = wb.worksheets[0]!
  for (const [index, cells] of Object.entries(rows)) {
    for (const [column, value] of Object.entries(cells)) sheet.getCell(`${column}${Number(index) + 2}`).value = value as ExcelJS.CellValue
  }
  extra?.(wb)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`)

/** The cells of a valid, complete set of answers for OBLIGATIONS. */
const FILLED: Record<number, Record<string, CellInput>> = {
  0: { F: '実施済み', G: 4, J: '方針は 2024 年に改定' },
  1: { F: '一部実施', G: 2, H: d('2026-09-30'), J: '制御系の資産が未登録' },
  2: { F: '未実施', G: 0, H: '2027/3/31' },
  3: { F: '非該当', I: 'ログを保持するシステムを運用していない' },
  4: { F: '実施済み', G: 5 },
  5: { F: '一部実施', G: 3, H: d('2026-12-01') },
}

const FILLED_ANSWERS: QuestionnaireAnswer[] = [
  { result: 'implemented', maturity: 4, targetDate: null, notApplicableReason: null, comment: '方針は 2024 年に改定' },
  { result: 'partially', maturity: 2, targetDate: '2026-09-30', notApplicableReason: null, comment: '制御系の資産が未登録' },
  { result: 'not_implemented', maturity: 0, targetDate: '2027-03-31', notApplicableReason: null, comment: '' },
  { result: 'not_applicable', maturity: null, targetDate: null, notApplicableReason: 'ログを保持するシステムを運用していない', comment: '' },
  { result: 'implemented', maturity: 5, targetDate: null, notApplicableReason: null, comment: '' },
  { result: 'partially', maturity: 3, targetDate: '2026-12-01', notApplicableReason: null, comment: '' },
].map((a, i) => ({ obligationKey: OBLIGATIONS[i]!.key, lineage: OBLIGATIONS[i]!.lineage, ...a }) as QuestionnaireAnswer)

/** The import's problems; fails the test when the import succeeds or throws something else. */
async function problemsOf(buffer: Uint8Array, expected = expectation()): Promise<QuestionnaireProblem[]> {
  try {
    await readQuestionnaire(buffer, expected)
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError)
    expect((error as DomainError).kind).toBe('invalid')
    return (error as DomainError).fieldErrors as QuestionnaireProblem[]
  }
  throw new Error('the import was expected to fail')
}

// ---------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------

describe('questionnaireWorkbook', () => {
  it('lays out one protected row per obligation with Japanese headings, locked references and validated answer cells', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exportBlank()) as never)
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([['回答', 'visible'], ['説明', 'visible'], ['_kaname', 'veryHidden']])
    const sheet = wb.getWorksheet('回答')!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'キー', '番号', '出典', '要求事項', '強度', '結果', '成熟度', '目標日', '非該当の理由', 'コメント',
    ])
    expect(sheet.rowCount).toBe(OBLIGATIONS.length + 1)
    expect(sheet.getColumn(1).hidden).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    // exceljs keeps the protection it read but does not declare it in its types.
    expect((sheet as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true })

    const merged = sheet.getRow(3)
    expect(merged.getCell('A').value).toBe(OBLIGATIONS[1]!.key)
    expect(merged.getCell('B').value).toBe('1.2.1\n3.1')
    expect(merged.getCell('C').value).toBe('重要インフラ統一基準 1.2.1\n重要インフラ統一基準 3.1')
    expect(merged.getCell('D').value).toBe('資産目録を作成する')
    expect(merged.getCell('E').value).toBe('推奨')
    for (const column of ['A', 'B', 'C', 'D', 'E']) expect(merged.getCell(column).protection?.locked).not.toBe(false)
    for (const column of ['F', 'G', 'H', 'I', 'J']) expect(merged.getCell(column).protection?.locked).toBe(false)
    expect(merged.getCell('D').alignment?.wrapText).toBe(true)

    expect(merged.getCell('F').dataValidation).toMatchObject({ type: 'list', formulae: ['"実施済み,一部実施,未実施,非該当"'] })
    expect(merged.getCell('G').dataValidation).toMatchObject({ type: 'whole', formulae: [0, 5] })
    expect(merged.getCell('H').dataValidation).toMatchObject({ type: 'date' })
    expect(merged.getCell('J').dataValidation).toMatchObject({ type: 'textLength', formulae: [MAX_COMMENT_LENGTH] })

    const help = wb.getWorksheet('説明')!
    const text = help.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n')
    expect(text).toContain('2026年度 自己点検')
    expect(text).toContain(CAMPAIGN.id)
    expect(text).toContain(OPERATOR.id)
    expect(text).toContain('5: 継続的に改善')
  })

  it('uses English headings, labels and sheet names for locale en', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exportBlank({ locale: 'en' })) as never)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Answers', 'Instructions', '_kaname'])
    const sheet = wb.getWorksheet('Answers')!
    expect(sheet.getCell('F1').value).toBe('Result')
    expect(sheet.getCell('D2').value).toBe('Set an information security policy')
    expect(sheet.getCell('F2').dataValidation.formulae).toEqual(['"Implemented,Partially implemented,Not implemented,Not applicable"'])
  })

  it('pre-fills current answers, which re-import unchanged', async () => {
    const current: Answer[] = FILLED_ANSWERS.map((a) => ({ ...a, evidenceIds: ['ev-1'] }))
    const buffer = await exportBlank({ answers: current })
    expect(await readQuestionnaire(buffer, expectation())).toEqual(FILLED_ANSWERS)
  })
})

// ---------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------

describe('readQuestionnaire', () => {
  it('reads a filled copy completely, in obligation order', async () => {
    const buffer = await fill(await exportBlank(), FILLED)
    expect(await readQuestionnaire(buffer, expectation({ complete: true }))).toEqual(FILLED_ANSWERS)
  })

  it('reads an English copy, and accepts labels of either language', async () => {
    const buffer = await fill(await exportBlank({ locale: 'en' }), {
      ...FILLED, 0: { ...FILLED[0], F: 'Implemented' }, 1: { ...FILLED[1], F: 'partially implemented' }, 2: { ...FILLED[2], F: '未実施' },
    })
    expect(await readQuestionnaire(buffer, expectation())).toEqual(FILLED_ANSWERS)
  })

  it('leaves blank rows unanswered, unless every row must be answered', async () => {
    const buffer = await fill(await exportBlank(), { 0: FILLED[0]!, 3: FILLED[3]! })
    expect(await readQuestionnaire(buffer, expectation())).toEqual([FILLED_ANSWERS[0], FILLED_ANSWERS[3]])
    const problems = await problemsOf(buffer, expectation({ complete: true }))
    expect(problems.map((p) => p.path)).toEqual(['回答!F3', '回答!F4', '回答!F6', '回答!F7'])
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['answer.missing']))
  })

  it('rejects a copy with one invalid cell, naming exactly that cell, and returns nothing', async () => {
    const buffer = await fill(await exportBlank(), { ...FILLED, 5: { ...FILLED[5], F: 'たぶん' } })
    const problems = await problemsOf(buffer)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ path: '回答!F7', sheet: '回答', cell: 'F7', code: 'answer.result_invalid', obligationKey: OBLIGATIONS[5]!.key })
    expect(problems[0]!.message).toBe('回答!F7: 結果は一覧から選んでください（実施済み、一部実施、未実施、非該当）。')
    expect(problems[0]!.en).toMatch(/^回答!F7: Choose the result from the list/)
    await expect(readQuestionnaire(buffer, expectation())).rejects.toThrow(/回答!F7: 結果は一覧から選んでください/)
  })

  it('lists every broken rule, each at its cell, in sheet order', async () => {
    const buffer = await fill(await exportBlank(), {
      0: { F: '実施済み', G: 6 },
      1: { F: '一部実施', G: 2.5 },
      2: { F: '未実施', G: 'ほぼ', H: '来年' },
      3: { F: '非該当', I: '   ' },
      4: { F: '未実施', H: d('2026-03-01'), J: 'あ'.repeat(MAX_COMMENT_LENGTH + 1) },
      5: { G: 3 },
    })
    const problems = await problemsOf(buffer)
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['回答!G2', 'answer.maturity_out_of_range'],
      ['回答!G3', 'answer.maturity_not_integer'],
      ['回答!H3', 'answer.target_date_required'],
      ['回答!G4', 'answer.maturity_not_integer'],
      ['回答!H4', 'answer.target_date_invalid'],
      ['回答!I5', 'answer.not_applicable_reason_required'],
      ['回答!J6', 'questionnaire.text_too_long'],
      ['回答!F7', 'questionnaire.result_required'],
    ])
    expect(problems[0]!.message).toBe('回答!G2: 成熟度は 0〜5 の範囲で入力してください。')
    expect(problems[6]!.params).toEqual({ max: MAX_COMMENT_LENGTH, length: MAX_COMMENT_LENGTH + 1 })
  })

  it('requires a gap target date after today', async () => {
    const buffer = await fill(await exportBlank(), { ...FILLED, 1: { ...FILLED[1], H: d(TODAY) } })
    const problems = await problemsOf(buffer)
    expect(problems.map((p) => [p.path, p.code, p.params])).toEqual([['回答!H3', 'answer.target_date_not_future', { today: TODAY }]])
  })

  it('rejects formulas in any cell of any sheet, naming the cell', async () => {
    const buffer = await fill(await exportBlank(), { ...FILLED, 1: { ...FILLED[1], G: { formula: '1+1', result: 2 } } }, (wb) => {
      wb.getWorksheet('説明')!.getCell('C3').value = { formula: 'NOW()', result: 0 }
    })
    const problems = await problemsOf(buffer)
    expect(problems.map((p) => [p.path, p.code])).toEqual([['回答!G3', 'questionnaire.formula'], ['説明!C3', 'questionnaire.formula']])
    expect(problems[0]!.message).toBe('回答!G3: 数式は使えません。値を入力してください。')
  })

  it('rejects error values', async () => {
    const buffer = await fill(await exportBlank(), { ...FILLED, 0: { ...FILLED[0], G: { error: '#N/A' } } })
    const problems = await problemsOf(buffer)
    expect(problems.map((p) => [p.path, p.code, p.params])).toEqual([['回答!G2', 'questionnaire.cell_error', { value: '#N/A' }]])
  })

  it('rejects another campaign’s or operator’s questionnaire', async () => {
    const buffer = await fill(await exportBlank(), FILLED)
    const other = await problemsOf(buffer, expectation({ campaignId: 'camp-2027', operatorId: 'op-osaka-gas' }))
    expect(other.map((p) => p.code)).toEqual(['questionnaire.wrong_campaign', 'questionnaire.wrong_operator'])
    expect(other[0]).toMatchObject({ path: 'file', message: '別のキャンペーン（camp-2026）の質問票です。' })
  })

  it('rejects unknown, duplicated and missing rows', async () => {
    const base = await exportBlank()
    const buffer = await fill(base, { ...FILLED, 2: { ...FILLED[2], A: OBLIGATIONS[1]!.key }, 4: { ...FILLED[4], A: 'old-v1#us-9.9' } })
    const problems = await problemsOf(buffer)
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['回答', 'questionnaire.row_missing'],
      ['回答', 'questionnaire.row_missing'],
      ['回答!A4', 'answer.duplicate'],
      ['回答!A6', 'answer.unknown_obligation'],
    ])
    expect(problems.map((p) => p.params?.number).slice(0, 2)).toEqual(['2.1.1', '3.1.2'])
    expect(problems[2]!.message).toBe('回答!A4: 3 行目と同じ要求事項の行です。')

    const added = await fill(base, { ...FILLED, [OBLIGATIONS.length]: { F: '実施済み' } })
    expect((await problemsOf(added)).map((p) => [p.path, p.code])).toEqual([['回答!A8', 'questionnaire.row_without_key']])
  })

  it('rejects a workbook whose columns were moved, or that Kaname did not write', async () => {
    const moved = await fill(await exportBlank(), {}, (wb) => { wb.worksheets[0]!.spliceColumns(3, 1) })
    expect((await problemsOf(moved)).every((p) => p.code === 'questionnaire.header_changed')).toBe(true)

    const foreign = new ExcelJS.Workbook()
    foreign.addWorksheet('回答').addRow(['キー'])
    const problems = await problemsOf(Buffer.from(await foreign.xlsx.writeBuffer()))
    expect(problems.map((p) => p.code)).toEqual(['questionnaire.not_a_questionnaire'])
  })
})

// ---------------------------------------------------------------------------------------------------------
// Hostile files
// ---------------------------------------------------------------------------------------------------------

interface ZipPart {
  name: string
  /** Uncompressed content. */
  data?: Buffer
  /** Already deflated content with the sizes the archive should claim. */
  raw?: { deflated: Buffer; size: number; crc: number }
}

/** A minimal ZIP writer (deflate only), so archives can claim whatever the test needs. */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8')
    const deflated = part.raw?.deflated ?? deflateRawSync(part.data!)
    const size = part.raw?.size ?? part.data!.length
    const crc = part.raw?.crc ?? crc32(part.data!)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x800, 6); local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(deflated.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(8, 10); central.writeUInt32LE(crc, 16); central.writeUInt32LE(deflated.length, 20); central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42)
    locals.push(local, name, deflated)
    centrals.push(central, name)
    offset += 30 + name.length + deflated.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

const SMALL_PARTS: ZipPart[] = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
]

async function rejection(buffer: Uint8Array) {
  const started = performance.now()
  const error = await readQuestionnaire(buffer, expectation()).then(() => null, (e: unknown) => e)
  const ms = performance.now() - started
  expect(error).toBeInstanceOf(DomainError)
  return { error: error as DomainError, ms }
}

describe('hostile files', () => {
  it('the test ZIP writer makes archives the guard accepts', () => {
    expect(inspectZip(zip(SMALL_PARTS)).map((e) => e.name)).toEqual(['[Content_Types].xml', 'xl/workbook.xml'])
  })

  it('rejects a zip bomb by its declared size, quickly', async () => {
    const sixtyMb = Buffer.alloc(60 * 1024 * 1024, 0x20)
    const bomb = zip([...SMALL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sixtyMb }])
    expect(bomb.length).toBeLessThan(100 * 1024)
    const { error, ms } = await rejection(bomb)
    expect(error.code).toBe('xlsx.zip_bomb')
    expect(error.message).toContain('展開すると大きすぎます')
    expect(ms).toBeLessThan(500)
  })

  it('rejects a part compressed suspiciously well', async () => {
    const bomb = zip([...SMALL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x20) }])
    const { error } = await rejection(bomb)
    expect(error.code).toBe('xlsx.zip_bomb')
    expect(error.fieldErrors[0]).toMatchObject({ path: 'file', params: { part: 'xl/worksheets/sheet1.xml' } })
  })

  it('rejects a part that lies about its size without inflating it past the claim', async () => {
    const real = Buffer.alloc(40 * 1024 * 1024, 0x20)
    const lie = zip([...SMALL_PARTS, { name: 'xl/worksheets/sheet1.xml', raw: { deflated: deflateRawSync(real), size: 1000, crc: 0 } }])
    const { error, ms } = await rejection(lie)
    expect(error.code).toBe('xlsx.zip_bomb')
    expect(error.message).toContain('申告より大きく展開されます')
    expect(ms).toBeLessThan(500)
  })

  it('rejects files that are not ZIP archives, old .xls files and oversized uploads', async () => {
    const text = await rejection(Buffer.from('番号,表題\n1.1.1,方針\n'))
    expect([text.error.code, text.error.message]).toEqual(['xlsx.not_zip', 'XLSX ファイルではありません。'])
    const ole = Buffer.alloc(4096)
    ole.writeUInt32BE(0xd0cf11e0, 0)
    expect((await rejection(ole)).error.message).toContain('.xls')
    const truncated = (await exportBlank()).subarray(0, 3000)
    expect((await rejection(truncated)).error.code).toBe('xlsx.not_zip')
    expect((await rejection(Buffer.alloc(11 * 1024 * 1024))).error.code).toBe('xlsx.too_large')
  })

  it('rejects damaged data and a ZIP that exceljs cannot read as a workbook', async () => {
    const good = zip(SMALL_PARTS)
    const damaged = Buffer.from(good)
    const at = 30 + '[Content_Types].xml'.length
    damaged[at] = damaged[at]! ^ 0xff
    expect((await rejection(damaged)).error.code).toBe('xlsx.zip_corrupt')
    expect((await rejection(good)).error.code).toMatch(/^questionnaire\./)
  })
})

// ---------------------------------------------------------------------------------------------------------
// Property: whatever valid answers are typed in come back exactly
// ---------------------------------------------------------------------------------------------------------

const textArb = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  // Control characters cannot be stored in XML; Excel keeps line feeds only.
  .map((s) => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffe\uffff]/gu, ''))
  .map((s) => (s.trim() === '' ? '' : s))
const dateArb = fc.date({ min: d('2026-04-02'), max: d('2099-12-31'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10))

function answerArb(o: Obligation, scale: MaturityScale): fc.Arbitrary<QuestionnaireAnswer> {
  return fc.constantFrom(...ANSWER_RESULTS).chain((result) =>
    fc.record({
      obligationKey: fc.constant(o.key),
      lineage: fc.constant(o.lineage),
      result: fc.constant(result),
      maturity: fc.option(fc.integer({ min: scale.min, max: scale.max }), { nil: null }),
      targetDate: isGap(result) ? dateArb : fc.option(dateArb, { nil: null }),
      notApplicableReason: result === 'not_applicable' ? textArb.filter((s) => s !== '') : fc.option(textArb.filter((s) => s !== ''), { nil: null }),
      comment: textArb,
    }))
}

describe('round trip property', () => {
  it('random answers, written into the cells, import exactly', async () => {
    const scale: MaturityScale = { min: 1, max: 4, labels: DEFAULT_MATURITY_SCALE.labels.slice(1, 5) }
    const caseArb = fc
      .tuple(...OBLIGATIONS.map((o) => fc.option(answerArb(o, scale), { nil: undefined })), fc.constantFrom('ja' as const, 'en' as const))
      .map((t) => ({ answers: t.slice(0, -1).filter((a): a is QuestionnaireAnswer => a !== undefined), locale: t[t.length - 1] as 'ja' | 'en' }))
    await fc.assert(
      fc.asyncProperty(caseArb, fc.boolean(), async ({ answers, locale }, typed) => {
        const campaign = { ...CAMPAIGN, maturityScale: scale }
        const expected = expectation({ maturityScale: scale })
        let buffer: Buffer
        if (typed) {
          // Typed into a blank copy, dates as text half the time, the way people paste them.
          const rows: Record<number, Record<string, CellInput>> = {}
          for (const a of answers) {
            const i = OBLIGATIONS.findIndex((o) => o.key === a.obligationKey)
            rows[i] = {
              F: RESULT_LABELS[a.result][locale], G: a.maturity, H: a.targetDate === null ? null : i % 2 === 0 ? d(a.targetDate) : a.targetDate.replaceAll('-', '/'),
              I: a.notApplicableReason, J: a.comment === '' ? null : a.comment,
            }
          }
          buffer = await fill(await questionnaireWorkbook({ campaign, operator: OPERATOR, obligations: OBLIGATIONS, answers: [], locale }), rows)
        } else {
          const current = answers.map((a) => ({ ...a, evidenceIds: [] }))
          buffer = await questionnaireWorkbook({ campaign, operator: OPERATOR, obligations: OBLIGATIONS, answers: current, locale })
        }
        expect(await readQuestionnaire(buffer, expected)).toEqual(answers)
      }),
      { numRuns: 40 },
    )
  }, 60_000)
})

// ---------------------------------------------------------------------------------------------------------
// LibreOffice: the workbook opens in a real spreadsheet application
// ---------------------------------------------------------------------------------------------------------

function findLibreOffice(): string | null {
  for (const name of ['libreoffice', 'soffice']) {
    const found = spawnSync('which', [name], { encoding: 'utf8' })
    if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim()
  }
  return null
}

const LIBREOFFICE = findLibreOffice()
if (!LIBREOFFICE) {
  if (process.env.KANAME_REQUIRE_LIBREOFFICE === '1') {
    throw new Error('KANAME_REQUIRE_LIBREOFFICE=1 but neither libreoffice nor soffice is on PATH')
  }
  console.warn('NOTICE: libreoffice is not installed; the questionnaire LibreOffice conversion tests are skipped.')
}

function convert(file: string, dir: string, target: string): string {
  // A private profile per run: concurrent conversions sharing the default profile block each other.
  execFileSync(LIBREOFFICE!, [
    `-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', target, '--outdir', join(dir, 'out'), file,
  ], { stdio: 'pipe', timeout: 120_000 })
  return join(dir, 'out')
}

describe.skipIf(!LIBREOFFICE)('LibreOffice', () => {
  it('converts the exported workbook to CSV cleanly, with the headings and every obligation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaname-questionnaire-'))
    try {
      const file = join(dir, 'questionnaire.xlsx')
      writeFileSync(file, await exportBlank({ answers: [answer(OBLIGATIONS[0]!, 'partially', { targetDate: FUTURE })] }))
      // 76 = UTF-8, so the Japanese text survives whatever the machine's locale is.
      const out = convert(file, dir, 'csv:Text - txt - csv (StarCalc):44,34,76,1')
      const csv = readFileSync(join(out, 'questionnaire.csv'), 'utf8')
      const lines = csv.trim().split('\n')
      expect(lines[0]).toBe('"キー","番号","出典","要求事項","強度","結果","成熟度","目標日","非該当の理由","コメント"')
      for (const o of OBLIGATIONS) {
        expect(csv).toContain(o.sources[0]!.number)
        expect(csv).toContain(`"${o.title.ja}"`)
      }
      expect(lines[1]).toContain(`"一部実施",2,${FUTURE}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 150_000)

  it('a copy filled and saved again by LibreOffice re-imports exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaname-questionnaire-'))
    try {
      const file = join(dir, 'filled.xlsx')
      writeFileSync(file, await fill(await exportBlank(), FILLED))
      const out = convert(file, dir, 'xlsx:Calc MS Excel 2007 XML')
      const resaved = readFileSync(join(out, 'filled.xlsx'))
      expect(resaved.equals(readFileSync(file))).toBe(false)
      expect(await readQuestionnaire(resaved, expectation({ complete: true }))).toEqual(FILLED_ANSWERS)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 150_000)
})
