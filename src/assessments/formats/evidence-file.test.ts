import { createHash } from 'node:crypto'
import { crc32, deflateRawSync, deflateSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { DomainError } from '../../platform/errors.ts'
import {
  EVIDENCE_CONTENT_TYPES,
  EVIDENCE_MAX_BYTES,
  FILE_NAME_MAX_BYTES,
  checkEvidenceFile,
  sniffContentType,
  validateFileName,
} from './evidence-file.ts'

// ---------------------------------------------------------------------------------------------------------
// Samples, built here from the formats' published layouts
// ---------------------------------------------------------------------------------------------------------

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts))
const u32be = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b }
const u32le = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b }

const PDF = utf8(
  '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\n0 3\n0000000000 65535 f \n' +
    'trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n',
)

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat(utf8(type), data)
  return concat(u32be(data.length), typeAndData, u32be(crc32(typeAndData)))
}

/** A 1×1 red RGB PNG: signature, IHDR, one zlib-compressed scanline, IEND. */
const PNG = concat(
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk('IHDR', concat(u32be(1), u32be(1), new Uint8Array([8, 2, 0, 0, 0]))),
  pngChunk('IDAT', new Uint8Array(deflateSync(Buffer.from([0, 0xff, 0, 0])))),
  pngChunk('IEND', new Uint8Array()),
)

/** SOI, a JFIF APP0 segment, EOI: the frame itself does not matter to a sniffer. */
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0xff, 0xd9,
])

/** A 1×1 GIF89a: screen descriptor with a two-colour table, one image, LZW data, trailer. */
const GIF = concat(
  utf8('GIF89a'),
  new Uint8Array([0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff]),
  new Uint8Array([0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]),
)

/** RIFF container, WEBP form, one VP8L chunk (payload abbreviated). */
const WEBP_PAYLOAD = new Uint8Array([0x2f, 0x00, 0x00, 0x00, 0x00, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00])
const WEBP = concat(utf8('RIFF'), u32le(4 + 8 + WEBP_PAYLOAD.length), utf8('WEBP'), utf8('VP8L'), u32le(WEBP_PAYLOAD.length), WEBP_PAYLOAD)

const CSV_JA = utf8('\ufeff管理策番号,実施状況,担当部署\nID.AM-1,実施済み,情報システム部\nPR.AC-3,一部実施,総務部\n')
const WAF_LOG = utf8('2026-01-15T09:00:00Z blocked GET /search?q=<script>alert(1)</script> from 203.0.113.7\n')
const JSON_EVIDENCE = utf8(JSON.stringify({ asset: 'fw-01', rules: [{ id: 1, action: 'deny' }], reviewedOn: '2026-01-15' }, null, 2))

/**
 * A ZIP with deflated entries, local headers and a central directory, as every Office writer produces. The
 * project has no declared ZIP library (JSZip is only exceljs's dependency), so tests write their own.
 */
function zip(entries: readonly (readonly [string, string | Uint8Array])[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)
    const compressed = deflateRawSync(data)
    const nameBytes = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, compressed)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + compressed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

const contentTypes = (main: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  `<Override PartName="${main}" ContentType="application/vnd.openxmlformats-officedocument.main+xml"/></Types>`
const rootRels = (main: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main.slice(1)}"/></Relationships>`

const DOCX = zip([
  ['[Content_Types].xml', contentTypes('/word/document.xml')],
  ['_rels/.rels', rootRels('/word/document.xml')],
  ['word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>情報セキュリティ基本方針</w:t></w:r></w:p></w:body></w:document>'],
])
const PPTX = zip([
  ['[Content_Types].xml', contentTypes('/ppt/presentation.xml')],
  ['_rels/.rels', rootRels('/ppt/presentation.xml')],
  ['ppt/presentation.xml', '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'],
  ['ppt/slides/slide1.xml', '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'],
])
const DOCM = zip([
  ['[Content_Types].xml', contentTypes('/word/document.xml')],
  ['word/document.xml', '<w:document/>'],
  ['word/vbaProject.bin', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])],
])
const PLAIN_ZIP = zip([['evidence/screenshot.png', PNG], ['evidence/policy.pdf', PDF]])

let XLSX: Uint8Array
let XLSM: Uint8Array
beforeAll(async () => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('資産台帳')
  sheet.addRow(['資産ID', '名称', '重要度'])
  sheet.addRow(['A-001', '制御サーバ', '高'])
  XLSX = new Uint8Array(await workbook.xlsx.writeBuffer())
  // The same workbook with a VBA project added, the way Excel saves an .xlsm.
  XLSM = zip([
    ['[Content_Types].xml', contentTypes('/xl/workbook.xml')],
    ['xl/workbook.xml', '<workbook/>'],
    ['xl/vbaProject.bin', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])],
  ])
})

const EXE = (() => {
  const b = new Uint8Array(256)
  b.set(utf8('MZ'), 0)
  b[0x3c] = 0x80
  b.set(utf8('PE\0\0'), 0x80)
  return b
})()
const ELF = concat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), new Uint8Array(56))
const CFB = concat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), new Uint8Array(504))
/** 管理策,状況 / 実施済み in Shift_JIS, as Excel saves "CSV" on Japanese Windows. */
const SHIFT_JIS_CSV = new Uint8Array([0x8a, 0xc7, 0x97, 0x9d, 0x8d, 0xf4, 0x2c, 0x8f, 0xf3, 0x8b, 0xb5, 0x0d, 0x0a, 0x8e, 0xc0, 0x8e, 0x7b, 0x8d, 0xcf, 0x82, 0xdd, 0x0d, 0x0a])
const UTF16_TEXT = concat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from('log line\r\n', 'utf16le')))

function caught(f: () => unknown): DomainError {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError)
    return e as DomainError
  }
  throw new Error('expected an invalid error, but the call succeeded')
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

// ---------------------------------------------------------------------------------------------------------

describe('sniffContentType', () => {
  it('recognises each allowed type from its bytes', () => {
    expect(sniffContentType(PDF)).toBe('application/pdf')
    expect(sniffContentType(PNG)).toBe('image/png')
    expect(sniffContentType(JPEG)).toBe('image/jpeg')
    expect(sniffContentType(GIF)).toBe('image/gif')
    expect(sniffContentType(WEBP)).toBe('image/webp')
    expect(sniffContentType(CSV_JA)).toBe('text/plain')
    expect(sniffContentType(WAF_LOG)).toBe('text/plain')
    expect(sniffContentType(JSON_EVIDENCE)).toBe('application/json')
    expect(sniffContentType(XLSX)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(sniffContentType(DOCX)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(sniffContentType(PPTX)).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation')
  })

  it('names refused types', () => {
    expect(sniffContentType(EXE)).toBe('application/vnd.microsoft.portable-executable')
    expect(sniffContentType(ELF)).toBe('application/x-elf')
    expect(sniffContentType(CFB)).toBe('application/x-cfb')
    expect(sniffContentType(PLAIN_ZIP)).toBe('application/zip')
    expect(sniffContentType(DOCM)).toBe('application/vnd.ms-word.document.macroEnabled.12')
    expect(sniffContentType(XLSM)).toBe('application/vnd.ms-excel.sheet.macroEnabled.12')
    expect(sniffContentType(new Uint8Array([0x1f, 0x8b, 0x08, 0x00]))).toBe('application/gzip')
    expect(sniffContentType(concat(u32be(24), utf8('ftypheic'), new Uint8Array(12)))).toBe('image/heic')
  })

  it.each([
    ['<!DOCTYPE html><html><body><script>alert(1)</script></body></html>', 'text/html'],
    ['\ufeff\n  <html lang="ja"><head><title>報告</title></head></html>', 'text/html'],
    ['<script>fetch("/api/me")</script>', 'text/html'],
    ['<!-- exported --><p>hi</p>', 'text/html'],
    ['<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><script>x()</script></html>', 'text/html'],
    ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml'],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml'],
    ['<?xml version="1.0"?><config><rule id="1"/></config>', 'application/xml'],
    ['<abc> is how the vendor writes placeholders', 'text/plain'],
    ['[2026-01-15 09:00] service started', 'text/plain'],
    ['[1, 2, 3]', 'application/json'],
  ])('sniffs markup only where browsers look: %j', (text, type) => {
    expect(sniffContentType(utf8(text))).toBe(type)
  })

  it('does not call NUL-bearing, non-UTF-8 or empty input text', () => {
    expect(sniffContentType(utf8('abc\0def'))).toBeNull()
    expect(sniffContentType(SHIFT_JIS_CSV)).toBeNull()
    expect(sniffContentType(new Uint8Array())).toBeNull()
  })

  it('calls a ZIP whose entries name two Office applications, or whose directory is cut off, just ZIP', () => {
    const mixed = zip([['[Content_Types].xml', contentTypes('/word/document.xml')], ['word/document.xml', '<w/>'], ['xl/workbook.xml', '<x/>']])
    expect(sniffContentType(mixed)).toBe('application/zip')
    expect(sniffContentType(XLSX.subarray(0, XLSX.length - 30))).toBe('application/zip')
  })

  it('property: text that opens with a letter is plain text whatever follows', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        fc.pre(!s.includes('\0') && !s.includes('ftyp'))
        expect(sniffContentType(utf8(`x${s}`))).toBe('text/plain')
      }),
      { numRuns: 500 },
    )
  })

  it('property: serialised JSON objects and arrays are JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue())), (value) => {
        const text = JSON.stringify(value)
        fc.pre(!text.includes('\\u0000'))
        expect(sniffContentType(utf8(text))).toBe('application/json')
      }),
    )
  })

  it('property: a damaged Office file never crashes the sniffer', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: XLSX.length }),
        fc.array(fc.tuple(fc.nat({ max: XLSX.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (cut, flips) => {
          const damaged = XLSX.slice(0, Math.max(cut, 4))
          for (const [at, value] of flips) if (at < damaged.length) damaged[at] = value
          const type = sniffContentType(damaged)
          expect(type === null || typeof type === 'string').toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('validateFileName', () => {
  it.each([
    ['監査証跡_2024年度.pdf', '監査証跡_2024年度.pdf'],
    ['議事録：第1回.docx', '議事録：第1回.docx'],
    ['R6／R7比較.xlsx', 'R6／R7比較.xlsx'],
    ['report..final.pdf', 'report..final.pdf'],
    ['.htaccess', '.htaccess'],
    ['ガイドライン.pdf'.normalize('NFD'), 'ガイドライン.pdf'],
    [`${'a'.repeat(FILE_NAME_MAX_BYTES - 4)}.pdf`, `${'a'.repeat(FILE_NAME_MAX_BYTES - 4)}.pdf`],
  ])('keeps %j (NFC)', (input, expected) => {
    const out = validateFileName(input)
    expect(out).toBe(expected)
    expect(out.normalize('NFC')).toBe(out)
  })

  it.each([
    ['../etc/passwd', 'evidence.file_name_path'],
    ['..\\..\\Windows\\win.ini', 'evidence.file_name_path'],
    ['/etc/passwd', 'evidence.file_name_path'],
    ['evidence/report.pdf', 'evidence.file_name_path'],
    ['C:\\Users\\yamada\\report.pdf', 'evidence.file_name_path'],
    ['C:report.pdf', 'evidence.file_name_path'],
    ['report.txt:hidden', 'evidence.file_name_path'],
    ['..', 'evidence.file_name_path'],
    ['.', 'evidence.file_name_path'],
    ['', 'evidence.file_name_empty'],
    ['   ', 'evidence.file_name_empty'],
    ['report.pdf\0.exe', 'evidence.file_name_characters'],
    ['report\n.pdf', 'evidence.file_name_characters'],
    ['report\u0085.pdf', 'evidence.file_name_characters'],
    ['invoice\u202efdp.exe', 'evidence.file_name_characters'],
    ['report.pdf.', 'evidence.file_name_characters'],
    ['report.pdf ', 'evidence.file_name_characters'],
    ['\ud800report.pdf', 'evidence.file_name_characters'],
    [`${'a'.repeat(FILE_NAME_MAX_BYTES - 3)}.pdf`, 'evidence.file_name_too_long'],
    [`${'報'.repeat(85)}.pdf`, 'evidence.file_name_too_long'],
  ])('refuses %j with %s', (input, code) => {
    const e = caught(() => validateFileName(input))
    expect(e.kind).toBe('invalid')
    expect(e.code).toBe(code)
    expect(e.fieldErrors).toEqual([{ path: 'fileName', message: e.message }])
  })

  it('says the byte count and the limit for a long name', () => {
    expect(caught(() => validateFileName(`${'報'.repeat(85)}.pdf`)).message).toMatch(/259 bytes.*at most 255/)
  })

  const pathish = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.array(fc.constantFrom('..', '.', '/', '\\', 'a', '報', 'C:', '\0', ' ', 'x.pdf', '\u202e', 'ｶ\u3099'), { maxLength: 8 }).map((p) => p.join('')),
  )

  it('property: never accepts a separator or a `..` segment, and changes nothing but the normal form', () => {
    fc.assert(
      fc.property(pathish, (name) => {
        let out: string
        try {
          out = validateFileName(name)
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError)
          expect((e as DomainError).fieldErrors[0]?.path).toBe('fileName')
          return
        }
        expect(out).not.toMatch(/[/\\]/)
        expect(out).not.toBe('..')
        expect(out).not.toBe('.')
        expect(out).toBe(name.normalize('NFC'))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('checkEvidenceFile', () => {
  it.each([
    ['方針.pdf', 'application/pdf', () => PDF, 'application/pdf'],
    ['画面.png', 'image/png', () => PNG, 'image/png'],
    ['photo.JPG', 'image/jpeg', () => JPEG, 'image/jpeg'],
    ['anim.gif', 'image/gif', () => GIF, 'image/gif'],
    ['shot.webp', 'image/webp', () => WEBP, 'image/webp'],
    ['実施状況.csv', 'text/csv', () => CSV_JA, 'text/plain'],
    ['実施状況.csv', 'application/vnd.ms-excel', () => CSV_JA, 'text/plain'],
    ['waf.log', 'text/plain; charset=utf-8', () => WAF_LOG, 'text/plain'],
    ['fw.json', 'application/json', () => JSON_EVIDENCE, 'application/json'],
    ['fw-export.txt', undefined, () => JSON_EVIDENCE, 'application/json'],
    ['資産台帳.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', () => XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['資産台帳.xlsx', 'application/x-zip-compressed', () => XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['基本方針.docx', 'application/octet-stream', () => DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['報告.pptx', '', () => PPTX, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ])('accepts %s sent as %j', (fileName, declaredType, bytes, contentType) => {
    const b = bytes()
    const out = checkEvidenceFile({ fileName, declaredType, bytes: b })
    expect(out).toEqual({ fileName, contentType, size: b.length, sha256: sha256(b) })
    expect(EVIDENCE_CONTENT_TYPES).toContain(out.contentType)
  })

  it('hashes the bytes as SHA-256 hex', () => {
    expect(checkEvidenceFile({ fileName: 'a.txt', bytes: utf8('abc') }).sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it.each([
    ['setup.exe', () => EXE, 'Windows executable'],
    ['report.pdf', () => EXE, 'Windows executable'],
    ['agent', () => ELF, 'ELF'],
    ['old.xls', () => CFB, 'legacy Office'],
    ['evidence.zip', () => PLAIN_ZIP, 'ZIP archive'],
    ['policy.docx', () => DOCM, 'macro-enabled Word'],
    ['book.xlsx', () => XLSM, 'macro-enabled Excel'],
    ['page.txt', () => utf8('<!DOCTYPE html><html><script>document.cookie</script></html>'), 'HTML page'],
    ['diagram.svg', () => utf8('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'SVG'],
    ['config.xml', () => utf8('<?xml version="1.0"?><config/>'), 'XML'],
  ])('refuses %s as a type not allowed (%s)', (fileName, bytes, described) => {
    const e = caught(() => checkEvidenceFile({ fileName, bytes: bytes() }))
    expect(e.code).toBe('evidence.type_not_allowed')
    expect(e.message).toContain(described)
    expect(e.fieldErrors[0]?.path).toBe('file')
  })

  it('says what the sniffed type was', () => {
    expect(caught(() => checkEvidenceFile({ fileName: 'x.pdf', bytes: EXE })).message).toContain('(application/vnd.microsoft.portable-executable)')
  })

  it('tells Shift_JIS and UTF-16 text apart from unrecognised bytes', () => {
    expect(caught(() => checkEvidenceFile({ fileName: 'a.csv', bytes: SHIFT_JIS_CSV })).code).toBe('evidence.text_not_utf8')
    expect(caught(() => checkEvidenceFile({ fileName: 'a.txt', bytes: UTF16_TEXT })).code).toBe('evidence.text_not_utf8')
    expect(caught(() => checkEvidenceFile({ fileName: 'a.bin', bytes: new Uint8Array([0x80, 0x00, 0x81, 0x00]) })).code).toBe('evidence.type_unrecognised')
  })

  it('refuses an empty file and one over the limit, saying the limit; accepts exactly the limit', () => {
    expect(caught(() => checkEvidenceFile({ fileName: 'a.txt', bytes: new Uint8Array() })).code).toBe('evidence.empty')
    const atLimit = new Uint8Array(EVIDENCE_MAX_BYTES).fill(0x61)
    expect(checkEvidenceFile({ fileName: 'big.log', bytes: atLimit }).size).toBe(EVIDENCE_MAX_BYTES)
    const over = new Uint8Array(EVIDENCE_MAX_BYTES + 1)
    over.set(PDF)
    const e = caught(() => checkEvidenceFile({ fileName: 'scan.pdf', bytes: over }))
    expect(e.code).toBe('evidence.too_large')
    expect(e.message).toContain('at most 20.0 MiB (20971520 bytes)')
    expect(e.fieldErrors[0]?.path).toBe('file')
  })

  it('checks the name before the content', () => {
    expect(caught(() => checkEvidenceFile({ fileName: '../x.exe', bytes: EXE })).code).toBe('evidence.file_name_path')
  })

  it.each([
    ['screenshot.pdf', () => PNG, 'evidence.extension_mismatch', /named \.pdf.*PNG image.*name it \.png/],
    ['policy.png', () => PDF, 'evidence.extension_mismatch', /PDF document/],
    ['data.json', () => utf8('not json'), 'evidence.extension_mismatch', /JSON document.*plain text/],
    ['book.docx', () => XLSX, 'evidence.extension_mismatch', /Word document.*Excel workbook/],
    ['run.bat', () => utf8('del /q C:\\*'), 'evidence.extension_not_allowed', /\.bat/],
    ['hack.hta', () => utf8('hello'), 'evidence.extension_not_allowed', /\.hta/],
    ['report', () => PDF, 'evidence.extension_not_allowed', /no extension/],
    ['.htaccess', () => utf8('Deny from all'), 'evidence.extension_not_allowed', /no extension/],
  ])('refuses %s for its extension', (fileName, bytes, code, message) => {
    const e = caught(() => checkEvidenceFile({ fileName, bytes: bytes() }))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(message)
    expect(e.fieldErrors[0]?.path).toBe('fileName')
  })

  it.each([
    ['shot.png', 'application/pdf', () => PNG],
    ['notes.txt', 'text/html', () => utf8('hello')],
    ['notes.txt', 'application/json', () => utf8('hello')],
    ['fw.json', 'image/png', () => JSON_EVIDENCE],
    ['book.xlsx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', () => XLSX],
  ])('refuses %s declared as %s', (fileName, declaredType, bytes) => {
    const e = caught(() => checkEvidenceFile({ fileName, declaredType, bytes: bytes() }))
    expect(e.code).toBe('evidence.declared_type_mismatch')
    expect(e.message).toContain(declaredType)
    expect(e.fieldErrors[0]?.path).toBe('file')
  })

  it('compares declared types without case or parameters', () => {
    expect(checkEvidenceFile({ fileName: 'a.png', declaredType: 'IMAGE/PNG; q=1', bytes: PNG }).contentType).toBe('image/png')
  })

  const names = fc.constantFrom('evidence.pdf', 'evidence.png', 'evidence.txt', 'evidence.json', 'evidence.xlsx', 'evidence.exe', 'evidence', '../evidence.pdf')
  it('property: any bytes give an accepted allowed type or an evidence.* invalid error', () => {
    const prefixes = fc.constantFrom(
      new Uint8Array(), PDF.subarray(0, 8), PNG.subarray(0, 8), JPEG.subarray(0, 3), utf8('GIF89a'), utf8('MZ'), ELF.subarray(0, 4),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04]), utf8('RIFF\0\0\0\0WEBP'), utf8('<html>'), utf8('{"a":'), XLSX.subarray(0, 100),
    )
    fc.assert(
      fc.property(names, fc.option(fc.constantFrom('image/png', 'text/plain', 'application/octet-stream', 'application/pdf')), prefixes, fc.uint8Array({ maxLength: 2048 }), (fileName, declaredType, prefix, rest) => {
        const bytes = concat(prefix, rest)
        let out
        try {
          out = checkEvidenceFile({ fileName, declaredType, bytes })
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError)
          expect((e as DomainError).kind).toBe('invalid')
          expect((e as DomainError).code).toMatch(/^evidence\./)
          return
        }
        expect(EVIDENCE_CONTENT_TYPES).toContain(out.contentType)
        expect(out.contentType).toBe(sniffContentType(bytes))
        expect(out.size).toBe(bytes.length)
        expect(out.sha256).toBe(sha256(bytes))
      }),
      { numRuns: 1000 },
    )
  })
})
