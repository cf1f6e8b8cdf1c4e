import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listFolder, localFile, readBytes } from './import-file.ts'

describe('folder walk and bounded reads', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kaname-walk-'))
    mkdirSync(join(dir, 'b', 'deep'), { recursive: true })
    mkdirSync(join(dir, 'a'))
    writeFileSync(join(dir, 'b', 'deep', 'CVE-2024-0002.json'), '{}')
    writeFileSync(join(dir, 'a', 'CVE-2024-0001.json'), '{}')
    writeFileSync(join(dir, 'index.json'), '{}')
    // A link loop and a link to a file outside: neither is followed.
    symlinkSync(dir, join(dir, 'a', 'loop'))
    symlinkSync(join(dir, 'a', 'CVE-2024-0001.json'), join(dir, 'CVE-2024-0009.json'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists accepted files in a stable order with names relative to the folder; links and other files are skipped', async () => {
    const listing = await listFolder(dir, (n) => /^CVE-.*\.json$/.test(n))
    expect(listing.files.map((f) => [f.name, f.size])).toEqual([['a/CVE-2024-0001.json', 2], ['b/deep/CVE-2024-0002.json', 2]])
    expect(listing.skipped.sort()).toEqual(['CVE-2024-0009.json', 'a/loop', 'index.json'])
  })

  it('reads at most the declared size plus one byte: a file that grew is refused, not read whole', async () => {
    const path = join(dir, 'grow.json')
    writeFileSync(path, 'x'.repeat(1000))
    const stale = localFile(path, 'grow.json', 10)
    expect((await stale.read()).length).toBe(11)
    expect(await readBytes(stale, 10)).toMatchObject({ ok: false, problem: { code: 'vulnerabilities.file_too_large' } })
    expect(await readBytes(localFile(join(dir, 'missing.json'), 'missing.json', 5), 10)).toMatchObject({ ok: false, problem: { code: 'vulnerabilities.file_unreadable', message: expect.stringContaining('ENOENT') } })
  })
})
