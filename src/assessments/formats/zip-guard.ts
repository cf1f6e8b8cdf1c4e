import { crc32, inflateRawSync } from 'node:zlib'
import { invalid, type FieldError } from '../../platform/errors.ts'

/**
 * Checks an uploaded ZIP container (XLSX is one) before any library unpacks it. exceljs hands the whole
 * buffer to JSZip, which inflates every entry into memory and trusts the sizes the archive declares, so a
 * few kilobytes can expand to gigabytes (a zip bomb). This reader walks the central directory the way JSZip
 * finds it (the last end-of-central-directory record), rejects anything JSZip could read differently
 * (prepended bytes, ZIP64, several disks, encryption, duplicate names), bounds the declared sizes, and then
 * inflates each entry with a hard output cap to prove the declared sizes honest. Only when every entry
 * inflates to exactly its declared size and CRC does the buffer go on.
 *
 * Errors are `invalid` DomainErrors with codes `xlsx.too_large`, `xlsx.not_zip`, `xlsx.zip_unsupported`,
 * `xlsx.zip_corrupt` and `xlsx.zip_bomb`, messages in Japanese, and the English text and the numbers a
 * translation needs on the single field error (path `file`).
 */

export interface ZipLimits {
  /** The uploaded file itself. */
  maxBytes: number
  maxEntries: number
  /** The sum of every entry's uncompressed size. */
  maxTotalUncompressed: number
  /** Uncompressed ÷ compressed, checked for entries larger than `ratioAppliesAbove` bytes. */
  maxRatio: number
  ratioAppliesAbove: number
}

/**
 * Generous for a questionnaire (a thousand obligations with long comments is a few megabytes), small enough
 * that a parse of the largest accepted workbook stays in memory comfortably.
 */
export const XLSX_LIMITS: ZipLimits = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxEntries: 500,
  maxTotalUncompressed: 50 * 1024 * 1024,
  maxRatio: 200,
  ratioAppliesAbove: 1024 * 1024,
})

export interface ZipEntryInfo {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  compressedSize: number
  uncompressedSize: number
}

export type ZipGuardCode = 'xlsx.too_large' | 'xlsx.not_zip' | 'xlsx.zip_unsupported' | 'xlsx.zip_corrupt' | 'xlsx.zip_bomb'

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const EOCD_SIZE = 22
const MAX_COMMENT = 0xffff

/** A field error that also carries its code, the English text and the values a translation interpolates. */
export interface CodedFieldError extends FieldError {
  code: string
  en: string
  params: Readonly<Record<string, string | number>>
}

function fail(code: ZipGuardCode, ja: string, en: string, params: Record<string, string | number> = {}): never {
  const detail: CodedFieldError = { path: 'file', message: ja, code, en, params }
  throw invalid(code, ja, [detail])
}

const mb = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10

/** The offset of the last end-of-central-directory signature, as JSZip searches for it, or -1. */
function lastEocd(buf: Uint8Array, view: DataView): number {
  const stop = Math.max(0, buf.length - EOCD_SIZE - MAX_COMMENT)
  for (let i = buf.length - EOCD_SIZE; i >= stop; i--) {
    if (buf[i] === 0x50 && view.getUint32(i, true) === EOCD) return i
  }
  return -1
}

/**
 * The entries of a ZIP archive after proving it safe to unpack under `limits`; throws otherwise. Runs in
 * time linear in the declared sizes, which are bounded before anything is inflated.
 */
export function inspectZip(buffer: Uint8Array, limits: ZipLimits = XLSX_LIMITS): ZipEntryInfo[] {
  if (buffer.length > limits.maxBytes) {
    fail('xlsx.too_large', `ファイルが大きすぎます（${mb(buffer.length)} MB、上限 ${mb(limits.maxBytes)} MB）。`,
      `The file is too large (${mb(buffer.length)} MB, limit ${mb(limits.maxBytes)} MB).`, { size: buffer.length, max: limits.maxBytes })
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  const notZip = () => {
    const ole = buffer.length >= 4 && view.getUint32(0, false) === 0xd0cf11e0
    return ole
      ? fail('xlsx.not_zip', '古い Excel 形式（.xls）または暗号化されたブックです。パスワードを外し .xlsx 形式で保存してください。',
        'This is an old Excel (.xls) or password-protected workbook; remove the password and save it as .xlsx.', { kind: 'ole' })
      : fail('xlsx.not_zip', 'XLSX ファイルではありません。', 'The file is not an XLSX workbook.')
  }
  if (buffer.length < EOCD_SIZE + 30 || view.getUint32(0, true) !== LOCAL) return notZip()
  const eocd = lastEocd(buffer, view)
  if (eocd < 0) return notZip()
  const corrupt = (why: string): never =>
    fail('xlsx.zip_corrupt', `XLSX ファイルが壊れています（${why}）。`, `The XLSX file is damaged (${why}).`, { why })
  const unsupported = (why: string): never =>
    fail('xlsx.zip_unsupported', `この XLSX ファイルの形式には対応していません（${why}）。`, `This XLSX file uses an unsupported ZIP feature (${why}).`, { why })

  if (eocd + EOCD_SIZE + view.getUint16(eocd + 20, true) !== buffer.length) return corrupt('end record')
  const disk = view.getUint16(eocd + 4, true)
  const cdDisk = view.getUint16(eocd + 6, true)
  const onDisk = view.getUint16(eocd + 8, true)
  const count = view.getUint16(eocd + 10, true)
  const cdSize = view.getUint32(eocd + 12, true)
  const cdOffset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return unsupported('ZIP64')
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) return unsupported('multi-disk')
  // JSZip tolerates bytes before the archive by shifting every offset; requiring none keeps both readers aligned.
  if (cdOffset + cdSize !== eocd) return corrupt('central directory')
  if (count > limits.maxEntries) {
    fail('xlsx.zip_bomb', `XLSX ファイルの中身が多すぎます（${count} 個、上限 ${limits.maxEntries} 個）。`,
      `The XLSX file holds too many parts (${count}, limit ${limits.maxEntries}).`, { entries: count, max: limits.maxEntries })
  }

  const entries: (ZipEntryInfo & { crc: number; dataStart: number })[] = []
  const names = new Set<string>()
  let total = 0
  let p = cdOffset
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) return corrupt('central directory entry')
    const flags = view.getUint16(p + 8, true)
    const method = view.getUint16(p + 10, true)
    const crc = view.getUint32(p + 16, true)
    const compressedSize = view.getUint32(p + 20, true)
    const uncompressedSize = view.getUint32(p + 24, true)
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    const localOffset = view.getUint32(p + 42, true)
    const end = p + 46 + nameLength + extraLength + commentLength
    if (end > eocd) return corrupt('central directory entry')
    const name = Buffer.from(buffer.buffer, buffer.byteOffset + p + 46, nameLength).toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1')
    p = end
    if ((flags & 0x1) !== 0) return unsupported('encrypted')
    if (method !== 0 && method !== 8) return unsupported(`compression method ${method}`)
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) return unsupported('ZIP64')
    if (names.has(name)) return corrupt(`duplicate part ${name}`)
    names.add(name)

    if (localOffset + 30 > cdOffset || view.getUint32(localOffset, true) !== LOCAL) return corrupt(`local header of ${name}`)
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true)
    if (dataStart + compressedSize > cdOffset) return corrupt(`data of ${name}`)

    total += uncompressedSize
    if (total > limits.maxTotalUncompressed) {
      fail('xlsx.zip_bomb', `XLSX ファイルを展開すると大きすぎます（${mb(limits.maxTotalUncompressed)} MB 超）。`,
        `The XLSX file expands to more than ${mb(limits.maxTotalUncompressed)} MB.`, { max: limits.maxTotalUncompressed })
    }
    if (uncompressedSize > limits.ratioAppliesAbove && uncompressedSize / Math.max(1, compressedSize) > limits.maxRatio) {
      const ratio = Math.round(uncompressedSize / Math.max(1, compressedSize))
      fail('xlsx.zip_bomb', `XLSX ファイルの ${name} の圧縮率が異常です（${ratio} 倍）。`,
        `Part ${name} of the XLSX file is compressed suspiciously well (${ratio}:1).`, { part: name, ratio, max: limits.maxRatio })
    }
    entries.push({ name, method, compressedSize, uncompressedSize, crc, dataStart })
  }
  if (p !== eocd) return corrupt('central directory size')

  // The declared sizes are only claims: inflate each part with a cap one byte above its claim.
  for (const e of entries) {
    const data = buffer.subarray(e.dataStart, e.dataStart + e.compressedSize)
    let out: Uint8Array
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) return corrupt(`size of ${e.name}`)
      out = data
    } else {
      try {
        out = inflateRawSync(data, { maxOutputLength: e.uncompressedSize + 1 })
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          fail('xlsx.zip_bomb', `XLSX ファイルの ${e.name} が申告より大きく展開されます。`,
            `Part ${e.name} of the XLSX file expands beyond its declared size.`, { part: e.name })
        }
        return corrupt(`data of ${e.name}`)
      }
    }
    if (out.length !== e.uncompressedSize || crc32(out) !== e.crc) return corrupt(`data of ${e.name}`)
  }
  return entries.map(({ name, method, compressedSize, uncompressedSize }) => ({ name, method, compressedSize, uncompressedSize }))
}
