import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { SHARED_DATA_DIR } from '../harness/shared-data.ts'
import { listFolder } from '../../src/vulnerabilities/formats/import-file.ts'
import { importVulnerabilityFiles } from '../../src/vulnerabilities/import-service.ts'
import { IMPORT_BODY_LIMIT_BYTES } from '../../src/vulnerabilities/api/vulnerabilities-routes.ts'

const FOLDER = join(SHARED_DATA_DIR, 'cve-records-network-ics')
const KEV_FILE = join(SHARED_DATA_DIR, 'cisa-kev', 'known_exploited_vulnerabilities.json')
interface IndexEntry { cveId: string; file: string; inKev: boolean; cnaAffectedProducts: { vendor: string; product: string }[] }
const index = (JSON.parse(readFileSync(join(FOLDER, 'index.json'), 'utf8')) as { records: IndexEntry[] }).records
const recordText = (id: string) => readFileSync(join(FOLDER, index.find((e) => e.cveId === id)!.file), 'utf8')

/** Records whose id, title, English description or an affected vendor or product contains `phrase` (any case), from the raw files. */
function matching(phrase: string): string[] {
  return index.filter((e) => {
    const doc = JSON.parse(recordText(e.cveId)) as { containers: { cna: { title?: string; descriptions: { lang: string; value: string }[]; affected: { vendor?: string; product?: string }[] }; adp?: { affected?: { vendor?: string; product?: string }[] }[] } }
    const cna = doc.containers.cna
    const affected = [...cna.affected, ...(doc.containers.adp ?? []).flatMap((a) => a.affected ?? [])]
    const description = (cna.descriptions.find((d) => /^en/i.test(d.lang)) ?? cna.descriptions[0])!.value
    return [e.cveId, cna.title ?? '', description, ...affected.flatMap((a) => [a.vendor ?? '', a.product ?? ''])].some((t) => t.toLowerCase().includes(phrase.toLowerCase()))
  }).map((e) => e.cveId).sort()
}

interface Summary { importId: string | null; imported: number; updated: number; unchanged: number; rejectedFiles: number; catalogVersion?: string }
interface Listed { total: number; items: { cveId: string; kev: unknown; cvss: { score: number } | null; title: string | null; description: string }[] }

/**
 * /api/v1/vulnerabilities on both engines: the NCO imports through the API (a record, the KEV catalog, an EOL
 * list), bad uploads are refused naming the JSONPath inside the body and store nothing, and every signed-in
 * caller reads and searches the reference data. The expectations come from the shared data's own index.json.
 */
describeEachEngine('vulnerabilities API', (engine) => {
  let env: Awaited<ReturnType<typeof openDemoApp>>
  let nco: Record<string, string>
  let clinic: Record<string, string>
  const KEPT = 'CVE-2024-20353'

  beforeAll(async () => {
    env = await openDemoApp(engine)
    nco = headersFor(await signInAs(env.app, 'nco@demo.kaname.jp'))
    clinic = headersFor(await signInAs(env.app, 'clinic@demo.kaname.jp'))
    // Every record but one, the way `kaname vulns import` does it; the API test imports the last one.
    const { files } = await listFolder(FOLDER, (n) => /^CVE-.*\.json$/.test(n))
    await importVulnerabilityFiles(env.ctx, { actor: 'system', organisationId: null }, 'cve', files.filter((f) => !f.name.endsWith(`${KEPT}.json`)), { source: 'shared data' })
  }, 180_000)
  afterAll(async () => env?.close())

  const post = (query: string, payload: Buffer | string, headers = nco, contentType = 'application/json') =>
    env.app.inject({ method: 'POST', url: `/api/v1/vulnerabilities/import?${query}`, headers: { ...headers, 'content-type': contentType }, payload })
  const get = (url: string, headers = clinic) => env.app.inject({ method: 'GET', url: `/api/v1/vulnerabilities${url}`, headers })
  const rows = async (table: 'cve_record' | 'kev_entry' | 'eol_entry' | 'vulnerability_import' | 'audit_entry') =>
    Number((await env.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  it('the NCO imports a record; the same upload again changes nothing; the audit log has one entry', async () => {
    const audit = await rows('audit_entry')
    const first = await post('kind=cve&source=advisory', recordText(KEPT))
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ kind: 'cve', source: 'advisory', imported: 1, updated: 0, unchanged: 0, rejectedFiles: 0 })
    expect(await rows('audit_entry')).toBe(audit + 1)
    const entry = await env.ctx.database.db.selectFrom('audit_entry').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ action: 'vulnerabilities.import', organisation_id: 'nco', target_id: (first.json() as Summary).importId })
    expect(entry.actor).toMatch(/^user:/)

    const again = await post('kind=cve', recordText(KEPT))
    expect(again.json()).toMatchObject({ importId: null, imported: 0, unchanged: 1 })
    expect(await rows('audit_entry')).toBe(audit + 1)
    expect(await rows('cve_record')).toBe(index.length)
  })

  it('refuses corrupt, incomplete and absurd uploads naming the JSONPath in the body; nothing is stored', async () => {
    const before = { records: await rows('cve_record'), imports: await rows('vulnerability_import') }
    const corrupt = await post('kind=cve', '{"dataType": "CVE_RECORD",')
    expect(corrupt.statusCode).toBe(422)
    expect(corrupt.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(corrupt.json()).toMatchObject({ code: 'vulnerabilities.import_rejected', errors: [{ path: 'body', code: 'vulnerabilities.malformed_json' }] })

    const doc = JSON.parse(recordText('CVE-2024-20354')) as { cveMetadata: Record<string, unknown>; containers: { cna: { affected: { versions: Record<string, unknown>[] }[]; metrics: { cvssV3_1: { baseScore: number } }[] } } }
    doc.cveMetadata.cveId = 'CVE-2099-1000'
    delete doc.cveMetadata.state
    doc.containers.cna.affected[1]!.versions[0]!.lessThan = 7
    doc.containers.cna.metrics[0]!.cvssV3_1.baseScore = 1e308
    const bad = await post('kind=cve', JSON.stringify(doc))
    expect(bad.statusCode).toBe(422)
    expect((bad.json() as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual([
      'body.containers.cna.affected[1].versions[0].lessThan', 'body.containers.cna.metrics[0].cvssV3_1.baseScore', 'body.cveMetadata.state',
    ])
    const kev = await post('kind=kev', JSON.stringify({ catalogVersion: '1', dateReleased: '2025-01-01T00:00:00Z', count: 1, vulnerabilities: [{ cveID: 'CVE-2099-1000' }] }))
    expect(kev.statusCode).toBe(422)
    expect((kev.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('body.vulnerabilities[0].dueDate')
    const eol = await post('kind=eol', 'vendor,product,end_of_support\r\nCisco,IOS,someday\r\n', nco, 'text/csv')
    expect(eol.json()).toMatchObject({ code: 'vulnerabilities.import_rejected', errors: [{ path: 'body.rows[2].end_of_support' }] })
    const empty = await post('kind=cve', Buffer.alloc(0))
    expect(empty.statusCode).toBe(422)
    expect(empty.json()).toMatchObject({ errors: [{ path: 'body' }] })
    expect({ records: await rows('cve_record'), imports: await rows('vulnerability_import') }).toEqual(before)
    expect((await get('/records/CVE-2099-1000')).statusCode).toBe(404)
  })

  it('refuses an upload over the limit with 413 before reading it whole, and keeps answering', async () => {
    const res = await post('kind=cve', Buffer.alloc(IMPORT_BODY_LIMIT_BYTES + 1, 0x20))
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ code: 'request.body_too_large' })
    expect((await get('/records?limit=1')).statusCode).toBe(200)
  })

  it('imports the KEV catalog and an EOL list; only NCO admins may import', async () => {
    const refused = await post('kind=kev', readFileSync(KEV_FILE), clinic)
    expect(refused.statusCode).toBe(403)
    expect(await rows('kev_entry')).toBe(0)
    const kev = await post('kind=kev', readFileSync(KEV_FILE))
    expect(kev.statusCode, kev.body.slice(0, 300)).toBe(200)
    const catalog = JSON.parse(readFileSync(KEV_FILE, 'utf8')) as { count: number; catalogVersion: string }
    expect(kev.json()).toMatchObject({ imported: catalog.count, catalogVersion: catalog.catalogVersion })
    const eol = await post('kind=eol', 'ベンダー,製品,バージョン,サポート終了日,出典\r\nCisco,IOS,15.2*,2025-03-31,https://vendor.example/eol\r\nMoxa,EDR-810,,2030-01-01,\r\n', nco, 'text/csv')
    expect(eol.json()).toMatchObject({ imported: 2 })
  })

  it('every signed-in caller searches records: by text, by vendor, by KEV membership, paged', async () => {
    const all = (await get('/records?limit=500')).json() as Listed
    expect(all.total).toBe(index.length)
    expect(new Set(all.items.map((r) => r.cveId))).toEqual(new Set(index.map((e) => e.cveId)))
    const inKev = (await get('/records?kev=true&limit=500')).json() as Listed
    expect(inKev.items.map((r) => r.cveId).sort()).toEqual(index.filter((e) => e.inKev).map((e) => e.cveId).sort())
    expect(inKev.items.every((r) => r.kev !== null)).toBe(true)
    const notKev = (await get('/records?kev=false&limit=1')).json() as Listed
    expect(notKev.total).toBe(index.length - inKev.total)

    const moxa = (await get('/records?vendor=MOXA&limit=500')).json() as Listed
    expect(moxa.items.map((r) => r.cveId).sort()).toEqual(index.filter((e) => e.cnaAffectedProducts.some((p) => /^moxa$/i.test(p.vendor))).map((e) => e.cveId).sort())
    // Text search: the id, title, English description and every affected vendor and product, without case.
    const phrase = 'adaptive security appliance'
    const search = (await get(`/records?q=${encodeURIComponent(phrase.toUpperCase())}&limit=500`)).json() as Listed
    expect(search.items.map((r) => r.cveId).sort()).toEqual(matching(phrase))
    expect(matching(phrase)).toContain(KEPT)
    // LIKE wildcards in the search text are literal: % finds the records that write a percent sign, not all of them.
    const percent = (await get('/records?q=%25&limit=500')).json() as Listed
    expect(percent.items.map((r) => r.cveId).sort()).toEqual(matching('%'))
    expect(percent.total).toBeLessThan(index.length)
    expect(((await get('/records?q=_&limit=500')).json() as Listed).items.map((r) => r.cveId).sort()).toEqual(matching('_'))

    const page1 = (await get('/records?limit=10&offset=0')).json() as Listed
    const page2 = (await get('/records?limit=10&offset=10')).json() as Listed
    expect(page1.items).toHaveLength(10)
    expect(page2.items.map((r) => r.cveId).some((id) => page1.items.some((r) => r.cveId === id))).toBe(false)
    expect(page1.items.map((r) => r.cveId)).toEqual(all.items.slice(0, 10).map((r) => r.cveId))
  })

  it('one record with its affected entries as written, its KEV entry, and its JSON', async () => {
    const res = await get(`/records/${KEPT.toLowerCase()}`)
    expect(res.statusCode).toBe(200)
    const detail = res.json() as { cveId: string; source: string; affected: { container: string; entry: unknown }[]; kevEntry: { cveId: string } | null; kev: unknown; cvss: { score: number; version: string } }
    const raw = JSON.parse(recordText(KEPT)) as { containers: { cna: { affected: unknown[]; metrics: { cvssV3_1: { baseScore: number } }[] }; adp: { affected?: unknown[] }[] } }
    expect(detail.cveId).toBe(KEPT)
    expect(detail.source).toBe('advisory')
    expect(detail.affected.map((a) => a.entry)).toEqual([...raw.containers.cna.affected, ...raw.containers.adp.flatMap((a) => a.affected ?? [])])
    expect(detail.kevEntry?.cveId).toBe(KEPT)
    expect(detail.cvss).toMatchObject({ score: raw.containers.cna.metrics[0]!.cvssV3_1.baseScore, version: '3.1' })
    const json = await get(`/records/${KEPT}/json`)
    expect(json.json()).toEqual(JSON.parse(recordText(KEPT)))
    const missing = await get('/records/CVE-1999-0001')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ code: 'vulnerabilities.record.not_found' })
  })

  it('the KEV list, the EOL list and the import log', async () => {
    const kev = (await get(`/kev?q=${KEPT}`)).json() as { total: number; items: { cveId: string; hasRecord: boolean }[] }
    expect(kev.items).toEqual([expect.objectContaining({ cveId: KEPT, hasRecord: true })])
    const all = (await get('/kev?limit=1')).json() as { total: number; items: { dateAdded: string }[] }
    expect(all.total).toBe((JSON.parse(readFileSync(KEV_FILE, 'utf8')) as { count: number }).count)
    const eol = (await get('/eol?vendor=cisco')).json() as { items: { product: string; version: string; match: string; endOfSupport: string }[] }
    expect(eol.items).toEqual([expect.objectContaining({ product: 'IOS', version: '15.2', match: 'prefix', endOfSupport: '2025-03-31' })])
    const log = (await get('/imports')).json() as { kind: string; imported: number; source: string }[]
    expect(log.slice(0, 4).map((l) => [l.kind, l.imported])).toEqual([['eol', 2], ['kev', (JSON.parse(readFileSync(KEV_FILE, 'utf8')) as { count: number }).count], ['cve', 1], ['cve', index.length - 1]])
  })
})
