import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileOscalSchema } from '../../src/standards/formats/oscal-validator.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHARED_DATA_DIR } from '../harness/shared-data.ts'
import { json, kaname as runKaname } from '../harness/kaname-cli.ts'

const CSF = join(SHARED_DATA_DIR, 'nist-oscal-csf-2.0/NIST_CSF_v2.0_catalog.json')

const kaname = (args: string[]) => runKaname(args, { demoPassword: 'Cli-Standards-Password-2026' })

describe('kaname standards commands', () => {
  let dir: string
  let db: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaname-cli-standards-'))
    db = join(dir, 'k.sqlite')
    expect((await kaname(['seed', '--demo', '--db', db, '--json'])).code).toBe(0)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists every document version with id, kind, title, version and status', async () => {
    const run = await kaname(['standards', 'list', '--db', db, '--json'])
    expect(run.code).toBe(0)
    const rows = json<{ id: string; documentId: string; kind: string; title: string; version: string; status: string }[]>(run)
    expect(rows.find((r) => r.documentId === 'unified-standard')).toMatchObject({ kind: 'unified_standard', status: 'in_force' })
    expect(rows.filter((r) => r.kind === 'sector_standard').map((r) => r.documentId).sort())
      .toEqual(['finance-major-standard', 'finance-regional-standard', 'medical-national-standard', 'medical-small-standard'])
    for (const r of rows) expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'kind', 'title', 'version', 'status']))
  })

  it('imports an OSCAL catalog once (the second import changes nothing) and exports a schema-valid catalog', async () => {
    const first = await kaname(['import', 'oscal', CSF, '--id', 'csf-again', '--db', db, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const { id } = json<{ id: string }>(first)
    const second = json<{ id: string; created: boolean }>(await kaname(['import', 'oscal', CSF, '--id', 'csf-again', '--db', db, '--json']))
    expect(second).toMatchObject({ id, created: false })
    const plain = await kaname(['import', 'oscal', CSF, '--id', 'csf-again', '--db', db])
    expect(plain.stdout.trim()).toBe(id)

    const out = join(dir, 'csf.json')
    const exported = await kaname(['export', 'oscal', '--kind', 'catalog', id, '--out', out, '--db', db])
    expect(exported.code, exported.stderr).toBe(0)
    // The original schema from the shared reference data, not the vendored copy the exporter itself uses.
    const validate = compileOscalSchema(JSON.parse(readFileSync(join(SHARED_DATA_DIR, 'oscal-json-schemas/v1.1.2/oscal_catalog_schema.json'), 'utf8')))
    expect(validate(JSON.parse(readFileSync(out, 'utf8')))).toEqual([])
    const wrongKind = await kaname(['export', 'oscal', '--kind', 'profile', id, '--db', db])
    expect(wrongKind.code).toBe(1)
    expect(wrongKind.stderr).toContain('--kind catalog')
  })

  it('refuses a file that is not OSCAL, naming the problem, and stores nothing', async () => {
    const before = json<unknown[]>(await kaname(['standards', 'list', '--db', db, '--json'])).length
    const run = await kaname(['import', 'oscal', join(SHARED_DATA_DIR, 'cisa-kev/known_exploited_vulnerabilities.json'), '--db', db, '--json'])
    expect(run.code).toBe(1)
    expect(json<{ error: { code: string } }>(run).error.code).toBe('cli.oscal_kind')
    expect(json<unknown[]>(await kaname(['standards', 'list', '--db', db, '--json'])).length).toBe(before)
  })

  it('prints what applies to an operator, with sources and reasons', async () => {
    const clinic = json<{ obligations: { sources: unknown[]; reasons: unknown[] }[] }>(await kaname(['obligations', 'clinic-kaede', '--db', db, '--json']))
    expect(clinic.obligations.length).toBeGreaterThan(0)
    expect(clinic.obligations.length).toBeLessThanOrEqual(30)
    for (const o of clinic.obligations) {
      expect(o.sources.length).toBeGreaterThan(0)
      expect(o.reasons.length).toBeGreaterThan(0)
    }
    const national = json<{ obligations: unknown[] }>(await kaname(['obligations', 'medical-claims', '--db', db, '--json']))
    expect(national.obligations.length).toBeGreaterThan(100)
  })
})
