import ExcelJS from 'exceljs'
import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'
import type { RequirementNode, Strength } from '../domain/model.ts'
import { substituteParameters } from '../content/params.ts'

const STRENGTH_JA: Record<Strength, string> = { must: '遵守事項', should: '推奨', may: '望ましい' }

function styleHeader(sheet: ExcelJS.Worksheet) {
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF5' } }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } }
}

/**
 * A standard in the layout ministries circulate: one row per requirement with its number, title, text and
 * strength, groups as bold heading rows. Parameter placeholders are filled with the version's values.
 */
export async function standardToXlsx(title: string, nodes: readonly RequirementNode[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Kaname'
  const sheet = workbook.addWorksheet('基準')
  sheet.columns = [
    { header: '番号', key: 'number', width: 14 },
    { header: '表題', key: 'title', width: 36 },
    { header: '本文', key: 'text', width: 90 },
    { header: '強度', key: 'strength', width: 10 },
    { header: 'Title (English)', key: 'titleEn', width: 36 },
    { header: 'Text (English)', key: 'textEn', width: 90 },
  ]
  styleHeader(sheet)
  for (const node of nodes) {
    if (node.withdrawn) continue
    const row = sheet.addRow({
      number: node.number, title: node.title.ja || node.title.en, text: substituteParameters(node.text.ja || node.text.en, node.parameters),
      strength: node.strength ? STRENGTH_JA[node.strength] : '', titleEn: node.title.en, textEn: substituteParameters(node.text.en, node.parameters),
    })
    row.alignment = { wrapText: true, vertical: 'top' }
    if (node.kind === 'group') row.font = { bold: true }
  }
  workbook.title = title
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** "What applies to me" as a workbook: one row per obligation with every source and the reason it applies. */
export async function obligationsToXlsx(organisationName: string, obligations: readonly Obligation[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Kaname'
  workbook.title = `${organisationName} 適用要件`
  const sheet = workbook.addWorksheet('適用要件')
  sheet.columns = [
    { header: '番号', key: 'number', width: 14 },
    { header: '出典', key: 'sources', width: 48 },
    { header: '表題', key: 'title', width: 36 },
    { header: '本文', key: 'text', width: 90 },
    { header: '強度', key: 'strength', width: 10 },
    { header: '適用理由', key: 'reasons', width: 48 },
  ]
  styleHeader(sheet)
  for (const o of obligations) {
    const row = sheet.addRow({
      number: o.sources[0]?.number ?? '',
      sources: o.sources.map((s) => `${s.documentTitle.ja || s.documentTitle.en} ${s.number}`).join('\n'),
      title: o.title.ja || o.title.en,
      text: substituteParameters(o.plain?.ja || o.text.ja || o.text.en, o.parameters as never),
      strength: STRENGTH_JA[o.strength],
      reasons: o.reasons.map((r) => [r.why, ...r.because].join(' / ')).join('\n'),
    })
    row.alignment = { wrapText: true, vertical: 'top' }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
