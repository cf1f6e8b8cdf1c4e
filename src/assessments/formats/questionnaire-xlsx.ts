import ExcelJS from 'exceljs'
import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'
import { invalid } from '../../platform/errors.ts'
import type { LocalizedText, Strength } from '../../standards/domain/model.ts'
import { isIsoDate, validateAnswers, type AnswerError } from '../domain/answer-rules.ts'
import { ANSWER_RESULTS, type Answer, type AnswerResult, type Campaign, type MaturityScale } from '../domain/model.ts'
import { inspectZip, XLSX_LIMITS, type CodedFieldError, type ZipLimits } from './zip-guard.ts'

/**
 * An operator's questionnaire as an XLSX workbook, for people who answer offline or collect answers from
 * several departments, and the import of the filled copy.
 *
 * Layout (the reader depends on it, so the sheet is protected and only the answer cells are unlocked):
 * - `回答` / `Answers`: header row, then one row per obligation in the given order. A hidden key column,
 *   four reference columns (numbers, sources, requirement, strength) and five answer columns (result from a
 *   drop-down, maturity, target date, reason for not applicable, comment).
 * - `説明` / `Instructions`: the campaign, the operator and how to fill the sheet in.
 * - `_kaname` (very hidden): format version, campaign id, operator id and heading locale, so an import can
 *   tell that the workbook belongs to this campaign and operator.
 *
 * The import is all or nothing: it returns every answer or throws one `invalid` error listing every problem
 * as `回答!F7: <reason in Japanese>` with the reason's code, English text and parameters, so the API and the
 * web app can show it in either language.
 */

export type QuestionnaireLocale = 'ja' | 'en'

export interface QuestionnaireInput {
  campaign: Pick<Campaign, 'id' | 'title' | 'cycle' | 'dueDate' | 'maturityScale'>
  operator: { id: string; name: string }
  /** In the order the rows should appear (the resolver's order). */
  obligations: readonly Obligation[]
  /** Current answers, pre-filled into their rows (matched by obligation key, else by lineage). */
  answers: readonly Answer[]
  /** Headings, labels and instructions; defaults to Japanese. The import accepts either. */
  locale?: QuestionnaireLocale
}

/** What an import needs to know to check the workbook: the same campaign, operator and obligations. */
export interface QuestionnaireExpectation {
  campaignId: string
  operatorId: string
  obligations: readonly Obligation[]
  maturityScale: MaturityScale
  /** Today's date (ISO) from the caller's clock: a gap's target date must be after it (answer-rules.ts). */
  today: string
  /** Require an answer on every row (submitting); otherwise blank rows are simply not answered yet. */
  complete?: boolean
  limits?: ZipLimits
}

/** An imported answer: evidence is not exchanged through the workbook, so the caller keeps the stored ids. */
export type QuestionnaireAnswer = Omit<Answer, 'evidenceIds'>

/** One problem of an import, naming its cell (`回答!F7`), or only the sheet or the file when no cell applies. */
export interface QuestionnaireProblem extends CodedFieldError {
  /** The sheet, when the problem is inside the workbook. */
  sheet?: string
  /** The cell address (`F7`), when the problem is one cell. */
  cell?: string
  obligationKey?: string
}

export const QUESTIONNAIRE_FORMAT = 'kaname-questionnaire/1'
export const MAX_COMMENT_LENGTH = 4000
export const MAX_REASON_LENGTH = 2000

// ---------------------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------------------

/** The result labels of the drop-down; the import also accepts the other language's label and the code. */
export const RESULT_LABELS: Readonly<Record<AnswerResult, LocalizedText>> = {
  implemented: { ja: '実施済み', en: 'Implemented' },
  partially: { ja: '一部実施', en: 'Partially implemented' },
  not_implemented: { ja: '未実施', en: 'Not implemented' },
  not_applicable: { ja: '非該当', en: 'Not applicable' },
}

const STRENGTH_LABELS: Record<Strength, LocalizedText> = {
  must: { ja: '遵守事項', en: 'Must' },
  should: { ja: '推奨', en: 'Should' },
  may: { ja: '望ましい', en: 'May' },
}

const SHEETS = {
  answers: { ja: '回答', en: 'Answers' },
  instructions: { ja: '説明', en: 'Instructions' },
} as const satisfies Record<string, LocalizedText>
const META_SHEET = '_kaname'

/** Column letters are part of the format: errors name them and the reader finds answers by them. */
const COLUMNS = [
  { key: 'key', letter: 'A', width: 28, header: { ja: 'キー', en: 'Key' } },
  { key: 'numbers', letter: 'B', width: 14, header: { ja: '番号', en: 'Number' } },
  { key: 'sources', letter: 'C', width: 36, header: { ja: '出典', en: 'Sources' } },
  { key: 'title', letter: 'D', width: 48, header: { ja: '要求事項', en: 'Requirement' } },
  { key: 'strength', letter: 'E', width: 10, header: { ja: '強度', en: 'Strength' } },
  { key: 'result', letter: 'F', width: 18, header: { ja: '結果', en: 'Result' } },
  { key: 'maturity', letter: 'G', width: 10, header: { ja: '成熟度', en: 'Maturity' } },
  { key: 'targetDate', letter: 'H', width: 14, header: { ja: '目標日', en: 'Target date' } },
  { key: 'notApplicableReason', letter: 'I', width: 36, header: { ja: '非該当の理由', en: 'Reason not applicable' } },
  { key: 'comment', letter: 'J', width: 48, header: { ja: 'コメント', en: 'Comment' } },
] as const
type ColumnKey = (typeof COLUMNS)[number]['key']
const COLUMN = Object.fromEntries(COLUMNS.map((c, i) => [c.key, { ...c, index: i + 1 }])) as Record<
  ColumnKey, (typeof COLUMNS)[number] & { index: number }
>
const ANSWER_COLUMNS = ['result', 'maturity', 'targetDate', 'notApplicableReason', 'comment'] as const

const EDITABLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9DB' } }
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF5' } }

const pick = (text: LocalizedText, locale: QuestionnaireLocale) =>
  (locale === 'ja' ? text.ja || text.en : text.en || text.ja) ?? ''

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

// ---------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------

function scaleLine(scale: MaturityScale, locale: QuestionnaireLocale): string[] {
  const lines: string[] = []
  for (let level = scale.min; level <= scale.max; level++) {
    const label = scale.labels[level - scale.min]
    lines.push(`${level}: ${label ? pick(label, locale) : ''}`)
  }
  return lines
}

/**
 * The questionnaire workbook for one operator in one campaign, pre-filled with its current answers.
 * Reference columns are locked and the sheet protected without a password: protection prevents slips, the
 * import is what enforces the format.
 */
export async function questionnaireWorkbook(input: QuestionnaireInput): Promise<Buffer> {
  const locale = input.locale ?? 'ja'
  const { campaign, operator, obligations } = input
  const scale = campaign.maturityScale
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Kaname'
  workbook.title = `${pick(campaign.title, locale)} ${locale === 'ja' ? '質問票' : 'questionnaire'} ${operator.name}`

  const sheet = workbook.addWorksheet(SHEETS.answers[locale], { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width, header: c.header[locale] }))
  sheet.getColumn(COLUMN.key.index).hidden = true
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = HEADER_FILL
  header.alignment = { vertical: 'middle', wrapText: true }

  const byKey = new Map(input.answers.map((a) => [a.obligationKey, a]))
  const byLineage = new Map(input.answers.map((a) => [a.lineage, a]))
  const resultList = `"${ANSWER_RESULTS.map((r) => RESULT_LABELS[r][locale]).join(',')}"`
  const t = TEXT[locale]

  for (const o of obligations) {
    const a = byKey.get(o.key) ?? byLineage.get(o.lineage)
    const row = sheet.addRow({
      key: o.key,
      numbers: [...new Set(o.sources.map((s) => s.number))].join('\n'),
      sources: o.sources.map((s) => `${pick(s.documentTitle, locale)} ${s.number}`).join('\n'),
      title: pick(o.title, locale),
      strength: STRENGTH_LABELS[o.strength][locale],
      result: a ? RESULT_LABELS[a.result][locale] : null,
      maturity: a?.maturity ?? null,
      targetDate: a?.targetDate && isIsoDate(a.targetDate) ? isoToDate(a.targetDate) : null,
      notApplicableReason: a?.notApplicableReason || null,
      comment: a?.comment || null,
    })
    row.alignment = { wrapText: true, vertical: 'top' }
    for (const key of ANSWER_COLUMNS) {
      const cell = row.getCell(COLUMN[key].index)
      cell.protection = { locked: false }
      cell.fill = EDITABLE_FILL
    }
    row.getCell(COLUMN.targetDate.index).numFmt = 'yyyy-mm-dd'
    row.getCell(COLUMN.result.index).dataValidation = {
      type: 'list', allowBlank: true, formulae: [resultList],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: t.resultHeading, error: t.resultError,
    }
    row.getCell(COLUMN.maturity.index).dataValidation = {
      type: 'whole', operator: 'between', allowBlank: true, formulae: [scale.min, scale.max],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: t.maturityHeading, error: t.maturityError(scale),
      // An attribute: a newline would come back as a space, so the levels are separated by slashes.
      showInputMessage: true, promptTitle: t.maturityHeading,
      prompt: scaleLine(scale, locale).join(' / ').slice(0, 250),
    }
    row.getCell(COLUMN.targetDate.index).dataValidation = {
      type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(2000, 0, 1))],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: t.dateHeading, error: t.dateError,
    }
    for (const [key, max] of [['notApplicableReason', MAX_REASON_LENGTH], ['comment', MAX_COMMENT_LENGTH]] as const) {
      row.getCell(COLUMN[key].index).dataValidation = {
        type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [max],
        showErrorMessage: true, errorStyle: 'stop', errorTitle: t.textHeading, error: t.textError(max),
      }
    }
  }
  await sheet.protect('', {
    selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true,
    insertRows: false, deleteRows: false, sort: false, autoFilter: false,
  })

  const help = workbook.addWorksheet(SHEETS.instructions[locale])
  help.columns = [{ width: 22 }, { width: 90 }]
  const facts: [string, string][] = [
    [t.campaign, pick(campaign.title, locale)],
    [t.cycle, campaign.cycle],
    [t.dueDate, campaign.dueDate],
    [t.operator, operator.name],
    [t.campaignId, campaign.id],
    [t.operatorId, operator.id],
  ]
  help.addRow([t.title]).font = { bold: true, size: 14 }
  help.addRow([])
  for (const fact of facts) help.addRow(fact).getCell(1).font = { bold: true }
  help.addRow([])
  help.addRow([t.howTo]).font = { bold: true }
  for (const line of t.steps(scale)) help.addRow(['', line]).alignment = { wrapText: true, vertical: 'top' }
  help.addRow([])
  help.addRow([t.maturityHeading]).font = { bold: true }
  for (const line of scaleLine(scale, locale)) help.addRow(['', line])
  await help.protect('', { selectLockedCells: true, selectUnlockedCells: true })

  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' })
  meta.addRows([
    ['format', QUESTIONNAIRE_FORMAT],
    ['campaignId', campaign.id],
    ['operatorId', operator.id],
    ['locale', locale],
  ])
  await meta.protect('', {})

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

// ---------------------------------------------------------------------------------------------------------
// Problems: codes, Japanese and English reasons
// ---------------------------------------------------------------------------------------------------------

export const QUESTIONNAIRE_PROBLEM_CODES = [
  'questionnaire.unreadable',
  'questionnaire.not_a_questionnaire',
  'questionnaire.sheet_missing',
  'questionnaire.wrong_campaign',
  'questionnaire.wrong_operator',
  'questionnaire.header_changed',
  'questionnaire.formula',
  'questionnaire.cell_error',
  'questionnaire.text_too_long',
  'questionnaire.row_without_key',
  'questionnaire.row_missing',
  'questionnaire.result_required',
  'answer.unknown_obligation',
  'answer.duplicate',
  'answer.result_invalid',
  'answer.maturity_not_integer',
  'answer.maturity_out_of_range',
  'answer.target_date_required',
  'answer.target_date_invalid',
  'answer.target_date_not_future',
  'answer.not_applicable_reason_required',
  'answer.missing',
] as const
export type QuestionnaireProblemCode = (typeof QUESTIONNAIRE_PROBLEM_CODES)[number]

type Params = Record<string, string | number>
const REASONS: Record<QuestionnaireProblemCode, (p: Params) => LocalizedText> = {
  'questionnaire.unreadable': () => ({ ja: 'ブックを読み取れません。', en: 'The workbook cannot be read.' }),
  'questionnaire.not_a_questionnaire': () => ({
    ja: 'Kaname からダウンロードした質問票ではありません。', en: 'This is not a questionnaire downloaded from Kaname.',
  }),
  'questionnaire.sheet_missing': (p) => ({ ja: `シート「${p.sheet}」がありません。`, en: `The sheet "${p.sheet}" is missing.` }),
  'questionnaire.wrong_campaign': (p) => ({
    ja: `別のキャンペーン（${p.found}）の質問票です。`, en: `This questionnaire belongs to another campaign (${p.found}).`,
  }),
  'questionnaire.wrong_operator': (p) => ({
    ja: `別の事業者（${p.found}）の質問票です。`, en: `This questionnaire belongs to another operator (${p.found}).`,
  }),
  'questionnaire.header_changed': (p) => ({
    ja: `見出しは「${p.expected}」のはずです。列を追加・削除・移動しないでください。`,
    en: `The heading should be "${p.expected}"; do not add, delete or move columns.`,
  }),
  'questionnaire.formula': () => ({ ja: '数式は使えません。値を入力してください。', en: 'Formulas are not allowed; enter a value.' }),
  'questionnaire.cell_error': (p) => ({ ja: `セルがエラー値（${p.value}）です。`, en: `The cell holds an error value (${p.value}).` }),
  'questionnaire.text_too_long': (p) => ({
    ja: `${p.max} 文字以内で入力してください（${p.length} 文字）。`, en: `Enter at most ${p.max} characters (${p.length} given).`,
  }),
  'questionnaire.row_without_key': () => ({
    ja: 'キーのない行に回答があります。行を追加しないでください。', en: 'This row has answers but no key; do not add rows.',
  }),
  'questionnaire.row_missing': (p) => ({
    ja: `要求事項 ${p.number} の行がありません。行を削除しないでください。`, en: `The row for requirement ${p.number} is missing; do not delete rows.`,
  }),
  'questionnaire.result_required': () => ({
    ja: '回答を入力した行には結果を選んでください。', en: 'Choose a result on every row you answer.',
  }),
  'answer.unknown_obligation': () => ({
    ja: 'この要求事項は現在の質問票にありません。最新の質問票をダウンロードしてください。',
    en: 'This requirement is not in the current questionnaire; download the latest one.',
  }),
  'answer.duplicate': (p) => ({ ja: `${p.firstRow} 行目と同じ要求事項の行です。`, en: `The same requirement as row ${p.firstRow}.` }),
  'answer.result_invalid': (p) => ({ ja: `結果は一覧から選んでください（${p.allowed}）。`, en: `Choose the result from the list (${p.allowed}).` }),
  'answer.maturity_not_integer': (p) => ({
    ja: `成熟度は ${p.min}〜${p.max} の整数で入力してください。`, en: `Enter the maturity as a whole number from ${p.min} to ${p.max}.`,
  }),
  'answer.maturity_out_of_range': (p) => ({
    ja: `成熟度は ${p.min}〜${p.max} の範囲で入力してください。`, en: `The maturity must be from ${p.min} to ${p.max}.`,
  }),
  'answer.target_date_required': () => ({
    ja: '一部実施・未実施には目標日が必要です。', en: 'A target date is required for a partially or not implemented requirement.',
  }),
  'answer.target_date_invalid': () => ({
    ja: '目標日は日付（例: 2026-09-30）で入力してください。', en: 'Enter the target date as a date (e.g. 2026-09-30).',
  }),
  'answer.target_date_not_future': (p) => ({
    ja: `目標日は今日（${p.today}）より後にしてください。`, en: `The target date must be after today (${p.today}).`,
  }),
  'answer.not_applicable_reason_required': () => ({
    ja: '非該当には理由が必要です。', en: 'A reason is required when the requirement does not apply.',
  }),
  'answer.missing': () => ({ ja: '結果を選んでください。', en: 'Choose a result.' }),
}

interface TextSet {
  title: string
  campaign: string; cycle: string; dueDate: string; operator: string; campaignId: string; operatorId: string
  howTo: string
  resultHeading: string; resultError: string
  maturityHeading: string; maturityError: (s: MaturityScale) => string
  dateHeading: string; dateError: string
  textHeading: string; textError: (max: number) => string
  steps: (s: MaturityScale) => string[]
}

const TEXT: Record<QuestionnaireLocale, TextSet> = {
  ja: {
    title: '質問票',
    campaign: 'キャンペーン', cycle: '周期', dueDate: '回答期限', operator: '事業者', campaignId: 'キャンペーン ID', operatorId: '事業者 ID',
    howTo: '記入方法',
    resultHeading: '結果', resultError: '一覧から選んでください。',
    maturityHeading: '成熟度', maturityError: (s) => `${s.min}〜${s.max} の整数を入力してください。`,
    dateHeading: '目標日', dateError: '日付（例: 2026-09-30）を入力してください。',
    textHeading: '文字数', textError: (max) => `${max} 文字以内で入力してください。`,
    steps: (s) => [
      '「回答」シートの黄色いセル（結果・成熟度・目標日・非該当の理由・コメント）だけを記入してください。',
      `結果は一覧から選びます: ${ANSWER_RESULTS.map((r) => RESULT_LABELS[r].ja).join('・')}。`,
      '一部実施・未実施には、今日より後の目標日が必要です。',
      '非該当には理由が必要です。',
      `成熟度は ${s.min}〜${s.max} の整数です（下の表）。`,
      '数式は使えません。値だけを入力してください。行や列の追加・削除・並べ替えはしないでください。',
      '取り込みは全件まとめて行います。問題が一つでもあれば何も保存されず、問題のあるセル（例: 回答!F7）が示されます。',
      '証跡は Kaname の画面から添付してください。',
    ],
  },
  en: {
    title: 'Questionnaire',
    campaign: 'Campaign', cycle: 'Cycle', dueDate: 'Due date', operator: 'Operator', campaignId: 'Campaign ID', operatorId: 'Operator ID',
    howTo: 'How to fill in',
    resultHeading: 'Result', resultError: 'Choose a value from the list.',
    maturityHeading: 'Maturity', maturityError: (s) => `Enter a whole number from ${s.min} to ${s.max}.`,
    dateHeading: 'Target date', dateError: 'Enter a date (e.g. 2026-09-30).',
    textHeading: 'Length', textError: (max) => `Enter at most ${max} characters.`,
    steps: (s) => [
      'On the Answers sheet, fill in only the yellow cells (result, maturity, target date, reason not applicable, comment).',
      `Choose the result from the list: ${ANSWER_RESULTS.map((r) => RESULT_LABELS[r].en).join(', ')}.`,
      'Partially and not implemented requirements need a target date after today.',
      'Not applicable needs a reason.',
      `Maturity is a whole number from ${s.min} to ${s.max} (table below).`,
      'Formulas are not allowed; enter values only. Do not add, delete or reorder rows or columns.',
      'The import is all or nothing: if any cell has a problem nothing is stored and the cell (e.g. Answers!F7) is named.',
      'Attach evidence in Kaname itself.',
    ],
  },
}

class Problems {
  readonly list: QuestionnaireProblem[] = []
  add(code: QuestionnaireProblemCode, at: { sheet?: string; cell?: string }, params: Params = {}, obligationKey?: string) {
    const reason = REASONS[code](params)
    const where = at.sheet ? (at.cell ? `${at.sheet}!${at.cell}` : at.sheet) : 'file'
    this.list.push({
      path: where, message: at.sheet ? `${where}: ${reason.ja}` : reason.ja, code, en: at.sheet ? `${where}: ${reason.en}` : reason.en, params,
      ...(at.sheet ? { sheet: at.sheet } : {}), ...(at.cell ? { cell: at.cell } : {}), ...(obligationKey ? { obligationKey } : {}),
    })
  }
  throwIfAny(): void {
    if (this.list.length === 0) return
    const shown = this.list.slice(0, 5).map((p) => p.message).join(' ')
    const more = this.list.length > 5 ? ` ほか ${this.list.length - 5} 件` : ''
    throw invalid('questionnaire.invalid', `質問票を取り込めません（問題 ${this.list.length} 件）。${shown}${more}`, this.list)
  }
}

// ---------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------

type CellValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; value: string }
  | { kind: 'formula' }

function isFormula(cell: ExcelJS.Cell): boolean {
  const v = cell.value as unknown
  return cell.type === ExcelJS.ValueType.Formula ||
    (v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))
}

/** A cell's value as typed, after formulas have been ruled out. Rich text and hyperlinks become their text. */
function readCell(cell: ExcelJS.Cell): CellValue {
  if (isFormula(cell)) return { kind: 'formula' }
  const v = cell.value as unknown
  if (v === null || v === undefined) return { kind: 'empty' }
  if (typeof v === 'string') return v.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: v }
  if (typeof v === 'number') return { kind: 'number', value: v }
  if (typeof v === 'boolean') return { kind: 'boolean', value: v }
  if (v instanceof Date) return { kind: 'date', value: v }
  if (typeof v === 'object') {
    if ('error' in v) return { kind: 'error', value: String((v as { error: unknown }).error) }
    if ('richText' in v && Array.isArray(v.richText)) {
      const text = (v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('')
      return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text }
    }
    if ('text' in v) {
      const text = String((v as { text: unknown }).text ?? '')
      return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text }
    }
  }
  return { kind: 'text', text: String(v) }
}

function asText(value: CellValue): string {
  switch (value.kind) {
    case 'empty': return ''
    case 'text': return value.text
    case 'number': return String(value.value)
    case 'boolean': return value.value ? 'TRUE' : 'FALSE'
    case 'date': return value.value.toISOString().slice(0, 10)
    case 'error': return value.value
    case 'formula': return ''
  }
}

const dateOf = (d: Date) => {
  if (Number.isNaN(d.getTime())) return null
  const iso = d.toISOString().slice(0, 10)
  return isIsoDate(iso) ? iso : null
}

/** 2026-09-30, 2026/9/30 or 2026.09.30 (full-width digits too) as an ISO date, or null. */
function parseDateText(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.normalize('NFKC').trim())
  if (!m) return null
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  return isIsoDate(iso) ? iso : null
}

const RESULT_BY_LABEL = new Map<string, AnswerResult>(
  ANSWER_RESULTS.flatMap((r) => [[RESULT_LABELS[r].ja, r], [RESULT_LABELS[r].en.toLowerCase(), r], [r, r]] as [string, AnswerResult][]),
)

const ANSWER_FIELD_COLUMN: Record<string, ColumnKey> = {
  obligationKey: 'key', lineage: 'key', result: 'result', maturity: 'maturity', targetDate: 'targetDate',
  notApplicableReason: 'notApplicableReason', comment: 'comment',
}

function primaryNumber(o: Obligation): string {
  return o.sources[0]?.number ?? o.key
}

/**
 * The answers of a filled questionnaire, in obligation order (rows left blank are not answered), or one
 * `invalid` DomainError listing every problem by cell. Nothing is returned unless everything is valid.
 *
 * Checked, in order: the file (size, a real ZIP, no zip bomb: see zip-guard.ts), that exceljs can read it,
 * that it is this campaign's and operator's questionnaire with its headings intact, no formulas or error
 * values in any cell of any sheet, every obligation's row present once with a known key, and each answer:
 * result from the list, maturity a whole level of the scale, a real target date (required and in the future
 * for gaps), a reason for not applicable, text within the length limits (answer-rules.ts validateAnswers
 * decides the answer rules, so an imported answer set is one the API would accept).
 *
 * XML entity expansion is not a concern: exceljs parses with saxes, which does not expand DTD entities.
 */
export async function readQuestionnaire(buffer: Uint8Array, expected: QuestionnaireExpectation): Promise<QuestionnaireAnswer[]> {
  inspectZip(buffer, expected.limits ?? XLSX_LIMITS)
  const problems = new Problems()
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) as never)
  } catch {
    problems.add('questionnaire.unreadable', {})
    problems.throwIfAny()
  }

  // Formulas anywhere are refused: their cached results may be stale and their text is not an answer.
  workbook.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (isFormula(cell)) problems.add('questionnaire.formula', { sheet: ws.name, cell: cell.address })
        else if (cell.type === ExcelJS.ValueType.Error) {
          problems.add('questionnaire.cell_error', { sheet: ws.name, cell: cell.address }, { value: asText(readCell(cell)) })
        }
      })
    })
  })

  const meta = workbook.getWorksheet(META_SHEET)
  const metaValue = (name: string) => {
    if (!meta) return ''
    for (let r = 1; r <= Math.min(meta.rowCount, 50); r++) {
      if (asText(readCell(meta.getCell(r, 1))) === name) return asText(readCell(meta.getCell(r, 2))).trim()
    }
    return ''
  }
  if (metaValue('format') !== QUESTIONNAIRE_FORMAT) {
    problems.add('questionnaire.not_a_questionnaire', {})
    problems.throwIfAny()
  }
  const campaignId = metaValue('campaignId')
  const operatorId = metaValue('operatorId')
  if (campaignId !== expected.campaignId) problems.add('questionnaire.wrong_campaign', {}, { found: campaignId })
  if (operatorId !== expected.operatorId) problems.add('questionnaire.wrong_operator', {}, { found: operatorId })
  const locale: QuestionnaireLocale = metaValue('locale') === 'en' ? 'en' : 'ja'
  const sheet = workbook.getWorksheet(SHEETS.answers[locale])
  if (!sheet) {
    problems.add('questionnaire.sheet_missing', {}, { sheet: SHEETS.answers[locale] })
    problems.throwIfAny()
    return []
  }
  const sheetName = sheet.name
  // Another campaign's or operator's workbook would only add noise below.
  if (problems.list.some((p) => p.code === 'questionnaire.wrong_campaign' || p.code === 'questionnaire.wrong_operator')) {
    problems.throwIfAny()
  }

  let headersIntact = true
  for (const c of COLUMNS) {
    const found = asText(readCell(sheet.getCell(1, COLUMN[c.key].index))).trim()
    if (found !== c.header[locale]) {
      headersIntact = false
      problems.add('questionnaire.header_changed', { sheet: sheetName, cell: `${c.letter}1` }, { expected: c.header[locale] })
    }
  }
  // With columns moved, every cell below would be read as the wrong field.
  if (!headersIntact) problems.throwIfAny()

  const scale = expected.maturityScale
  const byKey = new Map(expected.obligations.map((o) => [o.key, o]))
  const rowOfKey = new Map<string, number>()
  const candidates: { row: number; answer: Answer }[] = []
  const at = (key: ColumnKey, row: number) => ({ sheet: sheetName, cell: `${COLUMN[key].letter}${row}` })
  const allowed = ANSWER_RESULTS.map((r) => RESULT_LABELS[r][locale]).join('、')

  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1) return
    const value = (key: ColumnKey) => readCell(row.getCell(COLUMN[key].index))
    // Formula and error cells are reported by the sheet-wide scan; the rest of such a row is not read.
    const unreadable = COLUMNS.some((c) => ['formula', 'error'].includes(value(c.key).kind))
    const key = asText(value('key')).trim()
    const answered = ANSWER_COLUMNS.some((k) => value(k).kind !== 'empty')
    if (key === '') {
      if (answered && !unreadable) problems.add('questionnaire.row_without_key', at('key', r))
      return
    }
    const obligation = byKey.get(key)
    if (!obligation) {
      problems.add('answer.unknown_obligation', at('key', r), {}, key)
      return
    }
    const first = rowOfKey.get(key)
    if (first !== undefined) {
      problems.add('answer.duplicate', at('key', r), { number: primaryNumber(obligation), firstRow: first }, key)
      return
    }
    rowOfKey.set(key, r)
    if (!answered || unreadable) return

    const before = problems.list.length

    const resultCell = value('result')
    let result: AnswerResult | null = null
    if (resultCell.kind === 'empty') {
      problems.add('questionnaire.result_required', at('result', r), {}, key)
    } else {
      const label = asText(resultCell).normalize('NFKC').trim()
      result = RESULT_BY_LABEL.get(label) ?? RESULT_BY_LABEL.get(label.toLowerCase()) ?? null
      if (!result) problems.add('answer.result_invalid', at('result', r), { allowed }, key)
    }

    const maturityCell = value('maturity')
    let maturity: number | null = null
    if (maturityCell.kind === 'number') maturity = maturityCell.value
    else if (maturityCell.kind === 'text' && /^\d+$/.test(maturityCell.text.normalize('NFKC').trim())) {
      maturity = Number(maturityCell.text.normalize('NFKC').trim())
    } else if (maturityCell.kind !== 'empty') {
      problems.add('answer.maturity_not_integer', at('maturity', r), { min: scale.min, max: scale.max }, key)
    }

    const dateCell = value('targetDate')
    let targetDate: string | null = null
    if (dateCell.kind === 'date') targetDate = dateOf(dateCell.value)
    else if (dateCell.kind === 'text') targetDate = parseDateText(dateCell.text)
    if (dateCell.kind !== 'empty' && targetDate === null) problems.add('answer.target_date_invalid', at('targetDate', r), {}, key)

    const text = (column: 'notApplicableReason' | 'comment', max: number) => {
      const s = asText(value(column))
      if (s.length > max) problems.add('questionnaire.text_too_long', at(column, r), { max, length: s.length }, key)
      return s
    }
    const reason = text('notApplicableReason', MAX_REASON_LENGTH)
    const comment = text('comment', MAX_COMMENT_LENGTH)

    if (result && problems.list.length === before) {
      candidates.push({
        row: r,
        answer: {
          obligationKey: key, lineage: obligation.lineage, result, maturity, targetDate,
          notApplicableReason: reason === '' ? null : reason, comment, evidenceIds: [],
        },
      })
    }
  })

  for (const o of expected.obligations) {
    if (!rowOfKey.has(o.key)) problems.add('questionnaire.row_missing', { sheet: sheetName }, { number: primaryNumber(o) }, o.key)
  }

  const ruleErrors: AnswerError[] = validateAnswers(candidates.map((c) => c.answer), expected.obligations, scale, {
    today: expected.today, complete: false,
  })
  for (const e of ruleErrors) {
    const m = /^answers\[(\d+)\]\.(\w+)/.exec(e.path)
    const candidate = m ? candidates[Number(m[1])] : undefined
    if (!candidate || !(e.code in REASONS)) {
      // The sheet's own checks run first; anything else is a rule this reader does not know how to place.
      problems.add('questionnaire.unreadable', { sheet: sheetName }, {}, e.obligationKey)
      continue
    }
    problems.add(e.code as QuestionnaireProblemCode, at(ANSWER_FIELD_COLUMN[m![2]!] ?? 'result', candidate.row), { ...e.params }, e.obligationKey)
  }
  if (expected.complete) {
    const answered = new Set(candidates.map((c) => c.answer.obligationKey))
    for (const o of expected.obligations) {
      const row = rowOfKey.get(o.key)
      // Rows with a result the checks above refused are already reported.
      if (row !== undefined && !answered.has(o.key) && !problems.list.some((p) => p.obligationKey === o.key)) {
        problems.add('answer.missing', at('result', row), { number: primaryNumber(o) }, o.key)
      }
    }
  }

  problems.list.sort((a, b) => compareCells(a, b))
  problems.throwIfAny()
  const order = new Map(expected.obligations.map((o, i) => [o.key, i]))
  return candidates
    .map((c) => c.answer)
    .sort((a, b) => order.get(a.obligationKey)! - order.get(b.obligationKey)!)
    .map(({ evidenceIds: _evidence, ...rest }) => rest)
}

function cellOrder(p: QuestionnaireProblem): [number, number] {
  const m = p.cell ? /^([A-Z]+)(\d+)$/.exec(p.cell) : null
  if (!m) return [0, 0]
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)
  return [Number(m[2]), col]
}

/** Problems without a cell first (file and sheet level), then by sheet, row and column. */
function compareCells(a: QuestionnaireProblem, b: QuestionnaireProblem): number {
  if ((a.sheet ?? '') !== (b.sheet ?? '')) return (a.sheet ?? '') < (b.sheet ?? '') ? -1 : 1
  const [ra, ca] = cellOrder(a)
  const [rb, cb] = cellOrder(b)
  return ra - rb || ca - cb
}
