import { open, readdir, stat } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'

/**
 * One file offered to an import: its name as reports show it (relative to the folder imported), its size as
 * the file system (or the upload) declares it, and a way to read it. Readers look at `size` first and refuse
 * an oversized file without calling `read`, so a 100 MB file never reaches memory.
 */
export interface ImportFile {
  name: string
  size: number
  read(): Promise<Uint8Array>
}

/** A problem with one file: where (JSONPath inside the file, `$` for the file as a whole) and what. */
export interface FileProblem {
  file: string
  path: string
  message: string
  /** Stable code for translations (e.g. `vulnerabilities.file_too_large`). */
  code: string
}

export const problem = (file: string, path: string, code: string, message: string): FileProblem => ({ file, path, code, message })

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

export type BytesRead = { ok: true; bytes: Uint8Array } | { ok: false; problem: FileProblem }
export type JsonRead = { ok: true; json: unknown } | { ok: false; problem: FileProblem }

/**
 * Reads a file within `maxBytes`: refused by its declared size before reading, and refused again if it turns
 * out larger while reading (a file growing under us). An empty file is a problem too.
 */
export async function readBytes(file: ImportFile, maxBytes: number): Promise<BytesRead> {
  const tooLarge = (size: number): BytesRead => ({
    ok: false,
    problem: problem(file.name, '$', 'vulnerabilities.file_too_large', `the file is ${formatBytes(size)}, over the limit of ${formatBytes(maxBytes)}; nothing of it was read`),
  })
  if (file.size > maxBytes) return tooLarge(file.size)
  let bytes: Uint8Array
  try {
    bytes = await file.read()
  } catch (error) {
    return { ok: false, problem: problem(file.name, '$', 'vulnerabilities.file_unreadable', `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`) }
  }
  if (bytes.length > maxBytes) return tooLarge(bytes.length)
  if (bytes.length === 0) return { ok: false, problem: problem(file.name, '$', 'vulnerabilities.file_empty', 'the file is empty') }
  return { ok: true, bytes }
}

/**
 * Reads a file as JSON within `maxBytes` (see readBytes), then strict UTF-8 (a stray byte is an error, not a
 * U+FFFD in stored data), a leading BOM ignored, and JSON.parse, whose position (line, column) the message keeps.
 */
export async function readJsonFile(file: ImportFile, maxBytes: number): Promise<JsonRead> {
  const read = await readBytes(file, maxBytes)
  if (!read.ok) return read
  let text: string
  try {
    text = strictUtf8.decode(read.bytes)
  } catch {
    return { ok: false, problem: problem(file.name, '$', 'vulnerabilities.not_utf8', 'the file is not valid UTF-8') }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  try {
    return { ok: true, json: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, problem: problem(file.name, '$', 'vulnerabilities.malformed_json', `not valid JSON: ${(error as Error).message.slice(0, 300)}`) }
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${n} bytes`
}

/** A file of the local file system; `size` from stat, `read` reads at most `size + 1` bytes (growth is noticed, not followed). */
export function localFile(path: string, name: string, size: number): ImportFile {
  return {
    name, size,
    async read() {
      const handle = await open(path, 'r')
      try {
        const buffer = Buffer.alloc(size + 1)
        let filled = 0
        for (;;) {
          const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
          if (bytesRead === 0) break
          filled += bytesRead
          if (filled === buffer.length) break
        }
        return new Uint8Array(buffer.buffer, buffer.byteOffset, filled)
      } finally {
        await handle.close()
      }
    },
  }
}

/** Bytes already in memory (an upload the HTTP layer has bounded). */
export function memoryFile(name: string, bytes: Uint8Array): ImportFile {
  return { name, size: bytes.length, read: async () => bytes }
}

export interface FolderListing {
  files: ImportFile[]
  /** Files and links left out (names relative to the folder): not of the kind asked for, or symbolic links. */
  skipped: string[]
}

const MAX_DEPTH = 32

/**
 * The files under `root` whose name `accept` takes, in a stable order (names sorted at each level), with
 * names relative to `root` using `/`. Symbolic links are never followed (a link loop cannot trap the walk, and
 * a link cannot pull files from elsewhere into an import); they are listed as skipped.
 */
export async function listFolder(root: string, accept: (name: string) => boolean): Promise<FolderListing> {
  const files: ImportFile[] = []
  const skipped: string[] = []
  const display = (path: string) => relative(root, path).split(sep).join('/')
  async function walk(dir: string, depth: number): Promise<void> {
    if (depth > MAX_DEPTH) { skipped.push(display(dir)); return }
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path, depth + 1)
      else if (entry.isFile() && accept(entry.name)) files.push(localFile(path, display(path), (await stat(path)).size))
      else skipped.push(display(path))
    }
  }
  await walk(root, 0)
  return { files, skipped }
}

/** One named file (not a folder): its own name is what reports show. */
export async function singleFile(path: string): Promise<ImportFile> {
  return localFile(path, basename(path), (await stat(path)).size)
}
