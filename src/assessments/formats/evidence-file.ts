import { createHash } from 'node:crypto'
import { invalid } from '../../platform/errors.ts'

/**
 * Decides whether an uploaded evidence file may be stored, from its bytes alone. The client's declared
 * content type and the file name's extension are never believed: the type is sniffed from the content, and
 * the declared type and extension must then agree with it. Nothing here stores anything, so a caller that
 * gets a result back may store the bytes under `sha256`, and one that gets an error stores nothing.
 *
 * Rules, in the order they are checked (the first failure is the error):
 * 1. The file name is validated, not rewritten (see {@link validateFileName}).
 * 2. Size: 1 byte to {@link EVIDENCE_MAX_BYTES}.
 * 3. The sniffed type must be on the allow-list {@link EVIDENCE_CONTENT_TYPES}. Markup (HTML, SVG, XML),
 *    executables, archives, legacy or macro-enabled Office files are recognised by name so the error can say
 *    what the file was, and refused.
 * 4. The extension must be one the sniffed type is saved with. Reviewers download evidence and open it by
 *    double-click, so the extension decides what runs: text named `.bat` or `.hta` would execute, and a PNG
 *    named `.pdf` would fail to open. An extension that belongs to another allowed type is a mismatch; any
 *    other extension (or none) is not allowed.
 * 5. A declared type, when the client sent a meaningful one, must be one browsers send for the sniffed type.
 *    A contradiction means the wrong file was picked or the file is disguised; either way storing it silently
 *    under another type would mislead the reviewer. `application/octet-stream` and an empty type are what
 *    browsers send when they do not know, so they are ignored.
 *
 * Whoever serves the stored bytes must send the stored `contentType` (text as `text/plain; charset=utf-8`)
 * with `X-Content-Type-Options: nosniff` and `Content-Disposition: attachment`: text is only checked for
 * markup at its start (where browsers sniff), because logs quoting `<script>` are legitimate evidence.
 *
 * Errors are `invalid` DomainErrors with codes `evidence.*` and one field error on `fileName` or `file`.
 * Messages are English fallbacks that carry the numbers and sniffed type; clients translate by code.
 */

/**
 * 20 MiB: a scanned policy document or a month of firewall logs fits; anything larger belongs in the
 * organisation's own document store with a reference. The upload layer should also use this as its
 * streaming limit so an oversize body is cut off before it is buffered.
 */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'

/**
 * What evidence may be: documents, screenshots, exported tables and logs. Deliberately absent:
 * - ZIP archives: the reviewer could not see, and this check could not vet, what is inside; an archive also
 *   hides executables and nested archives from anything that previews evidence. Upload the files one by one.
 * - HTML, SVG and XML: markup can carry script that runs if a browser ever renders it. Print to PDF instead.
 * - Macro-enabled and legacy (binary) Office files: macros are the classic Office malware carrier, and the
 *   legacy format can hide them where names cannot be checked. Save as .xlsx/.docx/.pptx.
 * - Text in Shift_JIS or UTF-16: one text encoding keeps previews, search and exports simple. Excel's
 *   "CSV UTF-8" saves what is needed; the error says so.
 */
export const EVIDENCE_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'application/json',
  XLSX,
  DOCX,
  PPTX,
] as const
export type EvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number]

/** What {@link checkEvidenceFile} accepted: the name to show, the sniffed type to serve, and the content digest. */
export interface AcceptedEvidenceFile {
  /** NFC-normalised, otherwise exactly as uploaded. */
  fileName: string
  contentType: EvidenceContentType
  size: number
  /** Lower-case hex SHA-256 of the bytes; content-addressed storage key and integrity proof. */
  sha256: string
}

export interface EvidenceUpload {
  fileName: string
  /** The Content-Type the client sent for the file part, if any. Checked for agreement, never trusted. */
  declaredType?: string | null
  bytes: Uint8Array
}

const TEXT_EXTENSIONS = ['txt', 'text', 'csv', 'tsv', 'log', 'md', 'jsonl', 'ndjson', 'conf', 'cfg', 'ini', 'yaml', 'yml', 'toml']

/** Windows maps `.csv` to Excel's type when Excel is installed; browsers pass that on. */
const TEXT_DECLARED = ['application/vnd.ms-excel', 'application/csv', 'application/x-csv', 'application/yaml', 'application/x-yaml', 'application/toml', 'application/x-ndjson', 'application/jsonl']
/** Declared `text/*` types that announce markup or script rather than plain text. */
const SCRIPTABLE_TEXT = new Set(['text/html', 'text/xml', 'text/xsl', 'text/javascript', 'text/ecmascript', 'text/x-javascript', 'text/vbscript'])
/** Some systems declare Office files by their container. */
const ZIP_DECLARED = ['application/zip', 'application/x-zip-compressed']

interface TypeRule {
  description: string
  extensions: readonly string[]
  declared: readonly string[]
  /** Any declared `text/*` except {@link SCRIPTABLE_TEXT} also agrees. */
  anyText?: boolean
}

const RULES: Record<EvidenceContentType, TypeRule> = {
  'application/pdf': { description: 'a PDF document', extensions: ['pdf'], declared: ['application/pdf', 'application/x-pdf'] },
  'image/png': { description: 'a PNG image', extensions: ['png'], declared: ['image/png', 'image/x-png'] },
  'image/jpeg': { description: 'a JPEG image', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'] },
  'image/gif': { description: 'a GIF image', extensions: ['gif'], declared: ['image/gif'] },
  'image/webp': { description: 'a WebP image', extensions: ['webp'], declared: ['image/webp'] },
  'text/plain': { description: 'plain text', extensions: TEXT_EXTENSIONS, declared: TEXT_DECLARED, anyText: true },
  // JSON is text too: a `.log` of one JSON document or a `.txt` holding JSON is fine.
  'application/json': { description: 'a JSON document', extensions: ['json', ...TEXT_EXTENSIONS], declared: ['application/json', ...TEXT_DECLARED], anyText: true },
  [XLSX]: { description: 'an Excel workbook (.xlsx)', extensions: ['xlsx'], declared: [XLSX, ...ZIP_DECLARED] },
  [DOCX]: { description: 'a Word document (.docx)', extensions: ['docx'], declared: [DOCX, ...ZIP_DECLARED] },
  [PPTX]: { description: 'a PowerPoint presentation (.pptx)', extensions: ['pptx'], declared: [PPTX, ...ZIP_DECLARED] },
}

/** Types the sniffer recognises only to name them in the refusal. */
const REFUSED_DESCRIPTIONS: Record<string, string> = {
  'text/html': 'an HTML page (markup can run script; print it to PDF instead)',
  'image/svg+xml': 'an SVG image (SVG can run script; export it as PNG instead)',
  'application/xml': 'an XML document (markup can run script; use JSON or PDF instead)',
  'application/zip': 'a ZIP archive (upload the files one by one)',
  'application/gzip': 'a gzip archive (upload the files one by one)',
  'application/x-7z-compressed': 'a 7-Zip archive (upload the files one by one)',
  'application/vnd.rar': 'a RAR archive (upload the files one by one)',
  'application/vnd.microsoft.portable-executable': 'a Windows executable',
  'application/x-elf': 'a Linux/Unix executable (ELF)',
  'application/x-mach-binary': 'a macOS executable or Java class file',
  'application/x-cfb': 'a legacy Office file (.doc/.xls/.ppt) or a password-protected Office file (save it unprotected as .docx/.xlsx/.pptx)',
  'application/vnd.ms-excel.sheet.macroEnabled.12': 'a macro-enabled Excel workbook (save it as .xlsx)',
  'application/vnd.ms-word.document.macroEnabled.12': 'a macro-enabled Word document (save it as .docx)',
  'application/vnd.ms-powerpoint.presentation.macroEnabled.12': 'a macro-enabled PowerPoint presentation (save it as .pptx)',
  'image/heic': 'a HEIC/HEIF photo (export it as JPEG)',
}

// ---------------------------------------------------------------------------------------------------------
// Sniffing
// ---------------------------------------------------------------------------------------------------------

interface Signature {
  type: string
  offset: number
  bytes: readonly number[]
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

/**
 * Checked before text, because several start with printable bytes (`%PDF-`, `GIF89a`, `MZ`, `7z`). `MZ`
 * alone marks an executable: a text file that happens to begin with those two letters is rarer than a
 * stripped-down executable, and refusing the former is the cheaper mistake.
 */
const SIGNATURES: readonly Signature[] = [
  { type: 'application/pdf', offset: 0, bytes: ascii('%PDF-') },
  { type: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', offset: 0, bytes: ascii('GIF87a') },
  { type: 'image/gif', offset: 0, bytes: ascii('GIF89a') },
  { type: 'application/vnd.microsoft.portable-executable', offset: 0, bytes: ascii('MZ') },
  { type: 'application/x-elf', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { type: 'application/x-mach-binary', offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { type: 'application/x-mach-binary', offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { type: 'application/x-mach-binary', offset: 0, bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { type: 'application/x-mach-binary', offset: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { type: 'application/x-mach-binary', offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { type: 'application/x-cfb', offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { type: 'application/gzip', offset: 0, bytes: [0x1f, 0x8b] },
  { type: 'application/x-7z-compressed', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { type: 'application/vnd.rar', offset: 0, bytes: [...ascii('Rar!'), 0x1a, 0x07] },
]

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06]
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'])

function hasAt(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (bytes.length < offset + expected.length) return false
  for (let i = 0; i < expected.length; i++) if (bytes[offset + i] !== expected[i]) return false
  return true
}

const latin = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))

/**
 * The content type of `bytes` judged from the content alone, or `null` when it is none this module knows
 * (including text that is not valid UTF-8). Returns refused types too (`text/html`, `application/zip`, …),
 * so a caller can say what a file was; {@link EVIDENCE_CONTENT_TYPES} says what is allowed.
 *
 * Text is valid UTF-8 without NUL bytes. Within text, markup at the start (after a BOM and white space,
 * where browsers look) makes it HTML, SVG or XML; a whole document that parses as a JSON object or array
 * makes it JSON; anything else is `text/plain`.
 */
export function sniffContentType(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null
  for (const s of SIGNATURES) if (hasAt(bytes, s.offset, s.bytes)) return s.type
  if (hasAt(bytes, 0, ascii('RIFF')) && hasAt(bytes, 8, ascii('WEBP'))) return 'image/webp'
  if (hasAt(bytes, 4, ascii('ftyp')) && bytes.length >= 12 && HEIF_BRANDS.has(latin(bytes, 8, 12))) return 'image/heic'
  if (hasAt(bytes, 0, ZIP_LOCAL_HEADER) || hasAt(bytes, 0, ZIP_EMPTY_ARCHIVE)) return sniffZip(bytes)
  const text = decodeUtf8Text(bytes)
  return text === null ? null : sniffText(text)
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** The text, BOM removed, or `null` when the bytes are not NUL-free UTF-8. */
function decodeUtf8Text(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null
  try {
    return UTF8.decode(bytes)
  } catch {
    return null
  }
}

/** The tags WHATWG MIME sniffing treats as HTML when they open a resource, each followed by space or `>`. */
const HTML_TAGS = ['!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style', 'title', 'b', 'body', 'br', 'p', '!--']

function sniffText(text: string): string {
  const head = text.slice(0, 1024).trimStart().toLowerCase()
  if (head.startsWith('<')) {
    if (head.startsWith('<svg') || head.startsWith('<!doctype svg')) return 'image/svg+xml'
    for (const tag of HTML_TAGS) {
      if (head.startsWith(`<${tag}`) && /^[\s>]/.test(head.charAt(tag.length + 1))) return 'text/html'
    }
    if (head.startsWith('<?xml') || head.startsWith('<!doctype')) {
      if (head.includes('<svg')) return 'image/svg+xml'
      if (head.includes('<html') || head.includes('http://www.w3.org/1999/xhtml')) return 'text/html'
      return 'application/xml'
    }
  }
  const trimmed = text.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      JSON.parse(trimmed)
      return 'application/json'
    } catch {
      // Not JSON after all (a log line that opens with a bracket, say): still text.
    }
  }
  return 'text/plain'
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_HEADER_SIGNATURE = 0x02014b50
const EOCD_SIZE = 22

/**
 * OOXML files are ZIPs whose entries name the application: `[Content_Types].xml` plus parts under `word/`,
 * `xl/` or `ppt/` (OPC part names compare case-insensitively). Macros live in `vbaProject.bin`, Excel 4
 * macro sheets under `xl/macrosheets/`, ActiveX controls under `activeX/`; any of them makes the file the
 * macro-enabled variant whatever its extension. Only names are read: nothing is inflated, so a zip bomb
 * costs nothing here. Embedded OLE objects (`embeddings/*.bin`) are not inspected.
 */
function sniffZip(bytes: Uint8Array): string {
  const names = zipEntryNames(bytes)
  if (names === null || !names.includes('[content_types].xml')) return 'application/zip'
  const families = (['word/', 'xl/', 'ppt/'] as const).filter((prefix) => names.some((n) => n.startsWith(prefix)))
  if (families.length !== 1) return 'application/zip'
  const macros = names.some((n) => n.endsWith('vbaproject.bin') || n.startsWith('xl/macrosheets/') || n.includes('activex/'))
  switch (families[0]) {
    case 'word/': return macros ? 'application/vnd.ms-word.document.macroEnabled.12' : DOCX
    case 'xl/': return macros ? 'application/vnd.ms-excel.sheet.macroEnabled.12' : XLSX
    default: return macros ? 'application/vnd.ms-powerpoint.presentation.macroEnabled.12' : PPTX
  }
}

/**
 * Entry names (lower-cased) from the central directory, which is what Office itself reads, or `null` when
 * the directory cannot be found or runs outside the file. ZIP64 sentinels make the offsets point nowhere
 * sensible and so also give `null`; an evidence-sized Office file never needs ZIP64.
 */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The record sits at the end, after at most a 65,535-byte comment; the last signature found wins.
  let eocd = -1
  for (let p = bytes.length - EOCD_SIZE; p >= 0 && p >= bytes.length - EOCD_SIZE - 0xffff; p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE) {
      eocd = p
      break
    }
  }
  if (eocd < 0) return null
  const count = view.getUint16(eocd + 10, true)
  const directorySize = view.getUint32(eocd + 12, true)
  const directoryStart = view.getUint32(eocd + 16, true)
  const directoryEnd = directoryStart + directorySize
  if (directoryEnd > eocd) return null
  const names: string[] = []
  let p = directoryStart
  for (let i = 0; i < count; i++) {
    if (p + 46 > directoryEnd || view.getUint32(p, true) !== CENTRAL_HEADER_SIGNATURE) return null
    const nameEnd = p + 46 + view.getUint16(p + 28, true)
    if (nameEnd > directoryEnd) return null
    names.push(NAME_DECODER.decode(bytes.subarray(p + 46, nameEnd)).toLowerCase())
    p = nameEnd + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
  }
  return names
}

/** Names of interest are ASCII; a lenient decoder keeps odd (CP437) names from throwing. */
const NAME_DECODER = new TextDecoder('utf-8')

// ---------------------------------------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------------------------------------

/** 255 bytes is NAME_MAX on ext4, XFS, APFS and the limit most archive and mail tools assume. */
export const FILE_NAME_MAX_BYTES = 255

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u
/** Bidirectional overrides and isolates: `invoice\u202Efdp.exe` displays as `invoiceexe.pdf`. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

function nameError(code: string, message: string) {
  return invalid(code, message, [{ path: 'fileName', message }])
}

/**
 * The uploaded file's name, NFC-normalised (macOS sends Japanese names decomposed, so `ガ` would otherwise
 * compare and sort differently from the same name typed on Windows), or an `invalid` error.
 *
 * Names are refused, never rewritten: browsers send a bare name, so a name with a directory part comes from a
 * broken or hostile client, and silently cutting it down would store a name the uploader never saw and hide
 * the attempt. Refused: empty names, `.` and `..`, `/` and `\` (path traversal, old IE's full
 * `C:\…` paths), `:` (drive letters, NTFS alternate streams), control characters (NUL truncates names in C
 * libraries), bidirectional controls (disguise the extension), unpaired surrogates, a trailing dot or space
 * (Windows drops them on save, changing the extension), and more than {@link FILE_NAME_MAX_BYTES} UTF-8 bytes.
 *
 * Full-width `／`, `＼` and `：` are kept: Japanese names use them exactly because Windows forbids the ASCII
 * ones, no file system treats them as separators, and the stored name is never used as a path (content is
 * stored under its SHA-256).
 */
export function validateFileName(name: string): string {
  if (!name.isWellFormed()) throw nameError('evidence.file_name_characters', 'The file name contains an unpaired UTF-16 surrogate.')
  const normalised = name.normalize('NFC')
  if (normalised.trim() === '') throw nameError('evidence.file_name_empty', 'The file name is empty.')
  if (CONTROL.test(normalised)) throw nameError('evidence.file_name_characters', 'The file name contains a control character.')
  if (BIDI_CONTROL.test(normalised)) throw nameError('evidence.file_name_characters', 'The file name contains a bidirectional text control, which can disguise its extension.')
  if (/[/\\]/.test(normalised)) throw nameError('evidence.file_name_path', 'The file name contains a directory separator (/ or \\); send the bare file name.')
  if (normalised.includes(':')) throw nameError('evidence.file_name_path', 'The file name contains ":" (a drive letter or alternate data stream).')
  if (normalised === '.' || normalised === '..') throw nameError('evidence.file_name_path', `"${normalised}" is a directory reference, not a file name.`)
  if (/[.\s]$/u.test(normalised)) throw nameError('evidence.file_name_characters', 'The file name ends in a dot or space, which Windows drops when saving.')
  const size = Buffer.byteLength(normalised, 'utf8')
  if (size > FILE_NAME_MAX_BYTES) throw nameError('evidence.file_name_too_long', `The file name is ${size} bytes in UTF-8; at most ${FILE_NAME_MAX_BYTES} are allowed.`)
  return normalised
}

/** Lower-cased text after the last dot, or `null` for no extension (dot files such as `.htaccess` have none). */
function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.')
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : null
}

// ---------------------------------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------------------------------

function fileError(code: string, message: string) {
  return invalid(code, message, [{ path: 'file', message }])
}

const MIB = 1024 * 1024
const mebibytes = (n: number) => `${(n / MIB).toFixed(1)} MiB`

const isAllowed = (type: string): type is EvidenceContentType => (EVIDENCE_CONTENT_TYPES as readonly string[]).includes(type)
const describe = (type: string) => (isAllowed(type) ? RULES[type].description : REFUSED_DESCRIPTIONS[type] ?? type)

const ALLOWED_LIST = 'PDF, PNG, JPEG, GIF, WebP, UTF-8 text (including CSV and logs), JSON, .xlsx, .docx or .pptx'

const SHIFT_JIS = new TextDecoder('shift_jis', { fatal: true })

/**
 * Whether bytes that are not UTF-8 look like text saved in another encoding: a UTF-16 byte-order mark, or
 * Shift_JIS (Excel's default for CSV on Japanese Windows) without stray control characters. Only chooses
 * the error message; such files are refused either way.
 */
function looksLikeLegacyText(bytes: Uint8Array): boolean {
  if (hasAt(bytes, 0, [0xff, 0xfe]) || hasAt(bytes, 0, [0xfe, 0xff])) return true
  if (bytes.includes(0)) return false
  let text: string
  try {
    text = SHIFT_JIS.decode(bytes)
  } catch {
    return false
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f]/u.test(text)
}

/** The declared type without parameters, lower-cased; `null` when it says nothing (absent, empty, octet-stream). */
function meaningfulDeclaredType(declared: string | null | undefined): string | null {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase()
  return type === '' || type === 'application/octet-stream' ? null : type
}

function declaredAgrees(declared: string, sniffed: EvidenceContentType): boolean {
  const rule = RULES[sniffed]
  if (rule.declared.includes(declared)) return true
  return rule.anyText === true && declared.startsWith('text/') && !SCRIPTABLE_TEXT.has(declared)
}

/**
 * Accepts an uploaded evidence file or throws an `invalid` error saying why (see the module comment for the
 * rules and their order). The digest is computed only for accepted files.
 */
export function checkEvidenceFile(upload: EvidenceUpload): AcceptedEvidenceFile {
  const fileName = validateFileName(upload.fileName)
  const { bytes } = upload
  const size = bytes.byteLength
  if (size === 0) throw fileError('evidence.empty', 'The file is empty.')
  if (size > EVIDENCE_MAX_BYTES) {
    throw fileError('evidence.too_large', `The file is ${mebibytes(size)} (${size} bytes); evidence files may be at most ${mebibytes(EVIDENCE_MAX_BYTES)} (${EVIDENCE_MAX_BYTES} bytes).`)
  }

  const sniffed = sniffContentType(bytes)
  if (sniffed === null) {
    if (looksLikeLegacyText(bytes)) {
      throw fileError('evidence.text_not_utf8', 'The file looks like text in Shift_JIS or UTF-16; save it as UTF-8 (in Excel: "CSV UTF-8").')
    }
    throw fileError('evidence.type_unrecognised', `The file's content is not a recognised type; evidence may be ${ALLOWED_LIST}.`)
  }
  if (!isAllowed(sniffed)) {
    throw fileError('evidence.type_not_allowed', `The file is ${describe(sniffed)} (${sniffed}), which is not allowed as evidence; evidence may be ${ALLOWED_LIST}.`)
  }

  const rule = RULES[sniffed]
  const extension = extensionOf(fileName)
  if (extension === null || !rule.extensions.includes(extension)) {
    const owner = extension === null ? undefined : EVIDENCE_CONTENT_TYPES.find((t) => RULES[t].extensions.includes(extension))
    if (owner !== undefined) {
      throw nameError('evidence.extension_mismatch', `The file is named .${extension}, which is ${describe(owner)}, but its content is ${rule.description} (${sniffed}); name it .${rule.extensions[0]}.`)
    }
    const shown = extension === null ? 'no extension' : `the extension .${extension}`
    throw nameError('evidence.extension_not_allowed', `The file has ${shown}; ${rule.description} (${sniffed}) must be named ${rule.extensions.map((e) => `.${e}`).join(', ')}.`)
  }

  const declared = meaningfulDeclaredType(upload.declaredType)
  if (declared !== null && !declaredAgrees(declared, sniffed)) {
    throw fileError('evidence.declared_type_mismatch', `The file was sent as ${declared}, but its content is ${rule.description} (${sniffed}).`)
  }

  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return { fileName, contentType: sniffed, size, sha256 }
}
