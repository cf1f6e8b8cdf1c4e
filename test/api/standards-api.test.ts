import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import ExcelJS from 'exceljs'
import { describeEachEngine } from '../harness/engines.ts'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { buildApp } from '../../src/platform/http/app.ts'
import { createUser } from '../../src/auth/auth-service.ts'
import { mappingsFromCsv } from '../../src/standards/domain/oscal/mapping-csv.ts'
import type { AppContext } from '../../src/platform/context.ts'
import { SHARED_DATA_DIR } from '../harness/shared-data.ts'

/**
 * The standards and obligations API end to end, through real requests on a demo-seeded database of each
 * engine: the S16 publication guard with its exception workflow, OSCAL in and out against NIST's published
 * content, "what applies to me", tiers and facts, consultation (S24) and crosswalk exports.
 */

const DATA = SHARED_DATA_DIR
const readText = (rel: string) => readFileSync(`${DATA}${rel}`, 'utf8')
const SP_CATALOG = 'nist-oscal-sp800-53-rev5/catalog-5.0.1/NIST_SP-800-53_rev5_catalog.json'
const MODERATE = 'nist-oscal-sp800-53-rev5/baselines/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json'
const MODERATE_RESOLVED = 'nist-oscal-sp800-53-rev5/resolved-baseline-catalogs/NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-min.json'

// The official OSCAL schemas are draft-07 ("$schema": "http://json-schema.org/draft-07/schema#"), which is Ajv's default dialect.
type FormatsPlugin = (ajv: Ajv) => Ajv
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin)
const schemaCache = new Map<string, ValidateFunction>()
function officialSchema(rel: string): ValidateFunction {
  let v = schemaCache.get(rel)
  if (!v) {
    const schema = JSON.parse(readText(`oscal-json-schemas/${rel}`)) as { $schema: string }
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#')
    // The token patterns use \p{L}: only meaningful with Unicode regular expressions.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true })
    addFormats(ajv)
    v = ajv.compile(schema)
    schemaCache.set(rel, v)
  }
  return v
}
function schemaErrors(rel: string, doc: unknown): unknown[] {
  const validate = officialSchema(rel)
  return validate(doc) ? [] : (validate.errors ?? []).slice(0, 5)
}

function controlIds(catalogJson: unknown): Set<string> {
  const ids = new Set<string>()
  const walk = (controls: { id: string; controls?: unknown[] }[] | undefined) => {
    for (const c of controls ?? []) {
      ids.add(c.id)
      walk(c.controls as never)
    }
  }
  const walkGroups = (groups: { controls?: unknown[]; groups?: unknown[] }[] | undefined) => {
    for (const g of groups ?? []) {
      walk(g.controls as never)
      walkGroups(g.groups as never)
    }
  }
  const cat = (catalogJson as { catalog: { groups?: never; controls?: never } }).catalog
  walk(cat.controls)
  walkGroups(cat.groups)
  return ids
}

/** Our own reading of an applicability condition for one operator (written from the model's documentation). */
type Condition =
  | { kind: 'always' } | { kind: 'sector'; sectors: string[] } | { kind: 'tier_level'; levels: string[] }
  | { kind: 'flag'; flag: 'esDesignated' | 'acdDesignated' } | { kind: 'fact'; fact: string }
  | { kind: 'all'; of: Condition[] } | { kind: 'any'; of: Condition[] } | { kind: 'not'; of: Condition }
interface Operator { sectors: string[]; tierLevel: string | null; flags: { esDesignated: boolean; acdDesignated: boolean }; facts: string[] }
function holds(c: Condition, op: Operator): boolean {
  switch (c.kind) {
    case 'always': return true
    case 'sector': return c.sectors.some((s) => op.sectors.includes(s))
    case 'tier_level': return op.tierLevel !== null && c.levels.includes(op.tierLevel)
    case 'flag': return op.flags[c.flag]
    case 'fact': return op.facts.includes(c.fact)
    case 'all': return c.of.every((x) => holds(x, op))
    case 'any': return c.of.some((x) => holds(x, op))
    case 'not': return !holds(c.of, op)
  }
}

interface Node { id: string; parentId: string | null; number: string; kind: 'group' | 'requirement'; strength: string | null; addressee: string | null; withdrawn?: boolean; applicability: Condition; parameters: { id: string; type: string; value: unknown; stricter?: string }[] }
interface Obligation { key: string; sources: { documentId: string; documentTitle: { ja: string; en: string }; versionId: string; nodeId: string; number: string }[]; reasons: { source: string; why: string }[] }
interface Report { organisationId: string; operator: { facts: string[] }; obligations: Obligation[] }

describeEachEngine('standards and obligations API', (engine) => {
  let ctx: AppContext & { close(): Promise<void> }
  let app: FastifyInstance
  let close: () => Promise<void>
  const sessions = new Map<string, Record<string, string>>()
  const as = async (who: string) => {
    if (!sessions.has(who)) sessions.set(who, headersFor(await signInAs(app, `${who}@demo.kaname.jp`)))
    return sessions.get(who)!
  }
  const get = async (who: string, url: string) => app.inject({ method: 'GET', url, headers: await as(who) })
  const send = async (who: string, method: 'POST' | 'PUT', url: string, payload: unknown) =>
    app.inject({ method, url, headers: await as(who), payload: payload as object })
  const count = async (table: 'standard_version' | 'requirement_node' | 'standard_document' | 'standard_exception') =>
    Number((await ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  /** The version of a document that binds today (in force), found through the public document list. */
  const inForce = async (documentId: string) => {
    const docs = (await get('nco', '/api/v1/standards/documents')).json() as { id: string; versions: { id: string; status: string }[] }[]
    return docs.find((d) => d.id === documentId)!.versions.find((v) => v.status === 'in_force')!.id
  }
  const problem = (res: LightMyRequestResponse) => res.json() as { status: number; code: string; errors?: { path: string; message: string }[] }

  beforeAll(async () => {
    const opened = await openDemoApp(engine)
    ctx = opened.ctx as never
    app = opened.app
    close = opened.close
    await app.ready()
  }, 120_000)
  afterAll(async () => { await close?.() })

  // ------------------------------------------------------------------------------------------ obligations

  test('a small clinic gets at most 30 obligations, each with a source and a reason; another operator\'s list is refused', async () => {
    const res = await get('clinic', '/api/v1/obligations/clinic-kaede')
    expect(res.statusCode).toBe(200)
    const report = res.json() as Report
    expect(report.organisationId).toBe('clinic-kaede')
    expect(report.obligations.length).toBeGreaterThan(0)
    expect(report.obligations.length).toBeLessThanOrEqual(30)
    for (const o of report.obligations) {
      expect(o.sources.length, o.key).toBeGreaterThanOrEqual(1)
      for (const s of o.sources) {
        expect(s.documentTitle.ja || s.documentTitle.en, o.key).not.toBe('')
        expect(s.number, o.key).not.toBe('')
      }
      expect(o.reasons.length, o.key).toBeGreaterThanOrEqual(1)
    }

    const other = await get('clinic', '/api/v1/obligations/aoba-hospital')
    expect(other.statusCode).toBe(403)
    expect(other.body).not.toContain('"sources"')
    expect(other.body).not.toContain('あおば')
    expect(other.body).not.toContain('Aoba')
  })

  test('the national medical operator gets every applicable requirement of its national-systems profile', async () => {
    const profileVersion = await inForce('medical-national-standard')
    const nodes = (await get('claims-ciso', `/api/v1/standards/versions/${profileVersion}/nodes`)).json() as Node[]
    // The operator as recorded: its organisation record, its tier and its declared facts.
    const org = (await get('claims-ciso', '/api/v1/org/organisations/medical-claims')).json() as { sectors: string[]; esDesignated: boolean; acdDesignated: boolean }
    const tiers = (await get('claims-ciso', '/api/v1/standards/tiers')).json() as { id: string; level: string }[]
    const assigned = await ctx.database.db.selectFrom('operator_tier').select('tier_id').where('organisation_id', '=', 'medical-claims').execute()
    expect(assigned.map((a) => a.tier_id)).toEqual(['medical-national'])
    const facts = (await ctx.database.db.selectFrom('organisation_fact').select('fact').where('organisation_id', '=', 'medical-claims').execute()).map((r) => r.fact)
    const operator: Operator = {
      sectors: org.sectors, tierLevel: tiers.find((t) => t.id === 'medical-national')!.level,
      flags: { esDesignated: org.esDesignated, acdDesignated: org.acdDesignated }, facts,
    }
    const expected = new Set(nodes
      .filter((n) => n.kind === 'requirement' && !n.withdrawn && (n.addressee === null || n.addressee === 'operator') && holds(n.applicability, operator))
      .map((n) => n.id))
    const added = nodes.filter((n) => n.id.startsWith('med-') && n.kind === 'requirement')
    expect(added.length).toBeGreaterThan(0)
    // Not a trivial filter: some requirements of the profile must not apply to this operator (or are the government's).
    expect(expected.size).toBeLessThan(nodes.filter((n) => n.kind === 'requirement').length)

    const res = await get('claims-ciso', '/api/v1/obligations/medical-claims')
    expect(res.statusCode).toBe(200)
    const report = res.json() as Report
    const fromProfile = new Set(report.obligations.flatMap((o) => o.sources.filter((s) => s.versionId === profileVersion).map((s) => s.nodeId)))
    expect([...fromProfile].sort()).toEqual([...expected].sort())
    for (const n of added) if (holds(n.applicability, operator)) expect(fromProfile.has(n.id), n.id).toBe(true)
    expect(report.obligations.length).toBeGreaterThan(100)

    // Jurisdiction: the ministry in charge reads both operators' lists; another ministry reads neither.
    expect((await get('mhlw', '/api/v1/obligations/medical-claims')).statusCode).toBe(200)
    expect((await get('mhlw', '/api/v1/obligations/clinic-kaede')).statusCode).toBe(200)
    for (const id of ['medical-claims', 'clinic-kaede']) {
      const refused = await get('fsa', `/api/v1/obligations/${id}`)
      expect(refused.statusCode).toBe(403)
      expect(refused.body).not.toContain('sources')
    }
  })

  test('the obligations workbook has one row per obligation under Japanese headings', async () => {
    const report = (await get('claims-ciso', '/api/v1/obligations/medical-claims')).json() as Report
    const res = await get('claims-ciso', '/api/v1/obligations/medical-claims/xlsx')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as never)
    const sheet = workbook.worksheets[0]!
    const headings = (sheet.getRow(1).values as unknown[]).filter((v) => typeof v === 'string') as string[]
    expect(headings.length).toBeGreaterThanOrEqual(4)
    for (const h of headings) expect(h).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
    let dataRows = 0
    sheet.eachRow((row, n) => { if (n > 1 && (row.values as unknown[]).some((v) => v !== null && v !== undefined && v !== '')) dataRows++ })
    expect(dataRows).toBe(report.obligations.length)
    // Every obligation's primary number appears in the first column, in order.
    const numbers: string[] = []
    sheet.eachRow((row, n) => { if (n > 1) numbers.push(String(row.getCell(1).value ?? '')) })
    expect(numbers).toEqual(report.obligations.map((o) => o.sources[0]!.number))
  })

  // ------------------------------------------------------------------------------------------ tiers and facts

  test('the ministry records a clinic\'s tier and its obligations grow; another ministry and unknown tiers are refused', async () => {
    const before = ((await get('clinic', '/api/v1/obligations/clinic-kaede')).json() as Report).obligations.length
    const refused = await send('fsa', 'PUT', '/api/v1/standards/operators/clinic-kaede/tiers/medical', { tierId: 'medical-national', reason: '越権' })
    expect(refused.statusCode).toBe(403)
    const unknown = await send('mhlw', 'PUT', '/api/v1/standards/operators/clinic-kaede/tiers/medical', { tierId: 'no-such-tier', reason: '誤り' })
    expect(unknown.statusCode).toBe(422)
    expect(problem(unknown).errors?.map((e) => e.path)).toContain('body.tierId')
    // Tier of another sector: also not a tier of this one.
    const wrongSector = await send('mhlw', 'PUT', '/api/v1/standards/operators/clinic-kaede/tiers/medical', { tierId: 'finance-major', reason: '誤り' })
    expect(wrongSector.statusCode).toBe(422)
    expect(((await get('clinic', '/api/v1/obligations/clinic-kaede')).json() as Report).obligations.length).toBe(before)

    const res = await send('mhlw', 'PUT', '/api/v1/standards/operators/clinic-kaede/tiers/medical', { tierId: 'medical-national', reason: '電子処方箋の中継を始めたため' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ organisationId: 'clinic-kaede', sectorId: 'medical', tierId: 'medical-national', reason: '電子処方箋の中継を始めたため' })
    const after = (await get('clinic', '/api/v1/obligations/clinic-kaede')).json() as Report
    expect(after.obligations.length).toBeGreaterThan(before)
    expect(after.obligations.length).toBeGreaterThan(30)
    // Back to the small tier, so the clinic's list is what it was.
    expect((await send('mhlw', 'PUT', '/api/v1/standards/operators/clinic-kaede/tiers/medical', { tierId: 'medical-small', reason: '戻す' })).statusCode).toBe(200)
    expect(((await get('clinic', '/api/v1/obligations/clinic-kaede')).json() as Report).obligations.length).toBe(before)
  })

  test('an operator admin declares its facts; a viewer of the same operator cannot', async () => {
    const res = await send('clinic', 'PUT', '/api/v1/org/organisations/clinic-kaede/facts', { facts: ['uses_cloud', 'handles_personal_data', 'uses_cloud'] })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ facts: ['handles_personal_data', 'uses_cloud'] })
    expect(((await get('clinic', '/api/v1/obligations/clinic-kaede')).json() as Report).operator.facts).toEqual(['handles_personal_data', 'uses_cloud'])

    const email = `viewer-${engine}@test.kaname.jp`
    await createUser(ctx, 'system', { email, displayName: '閲覧者', password: 'Viewer-Strong-Passphrase-42!', locale: 'ja', organisationId: 'clinic-kaede', role: 'viewer' })
    const viewer = headersFor(await signInAs(app, email, 'Viewer-Strong-Passphrase-42!'))
    const refused = await app.inject({ method: 'PUT', url: '/api/v1/org/organisations/clinic-kaede/facts', headers: viewer, payload: { facts: [] } })
    expect(refused.statusCode).toBe(403)
    expect(((await get('clinic', '/api/v1/obligations/clinic-kaede')).json() as Report).operator.facts).toEqual(['handles_personal_data', 'uses_cloud'])
    // The viewer still reads its own obligations.
    expect((await app.inject({ method: 'GET', url: '/api/v1/obligations/clinic-kaede', headers: viewer })).statusCode).toBe(200)
    expect((await send('clinic', 'PUT', '/api/v1/org/organisations/clinic-kaede/facts', { facts: ['handles_personal_data'] })).statusCode).toBe(200)
  })

  // ------------------------------------------------------------------------------------------ S16: no silent weakening

  test('ACCEPTANCE: a ministry cannot publish a sector profile that drops or weakens a must without an approved exception', async () => {
    const unified = await inForce('unified-standard')
    const current = await inForce('medical-national-standard')
    const base = (await get('mhlw', `/api/v1/standards/versions/${unified}/nodes`)).json() as Node[]
    // Musts for operators that apply to national systems (enhanced tier) unconditionally or by tier alone.
    const appliesAtEnhanced = (c: Condition) => c.kind === 'always' || (c.kind === 'tier_level' && c.levels.includes('enhanced'))
    const musts = base.filter((n) => n.kind === 'requirement' && n.strength === 'must' && !n.withdrawn && n.addressee === 'operator' && appliesAtEnhanced(n.applicability))
    const toWeaken = musts.find((n) => n.parameters.some((p) => p.stricter === 'lower' && p.type === 'integer' && typeof p.value === 'number'))!
    const toDrop = musts.find((n) => n.id !== toWeaken.id && n.parameters.length === 0)!
    expect(toWeaken).toBeDefined()
    expect(toDrop).toBeDefined()
    const param = toWeaken.parameters.find((p) => p.stricter === 'lower' && p.type === 'integer')!

    const draft = await send('mhlw', 'POST', `/api/v1/standards/versions/${current}/successor`, { label: '2027年度 改定案' })
    expect(draft.statusCode).toBe(201)
    const draftId = (draft.json() as { id: string }).id
    const version = (await get('mhlw', `/api/v1/standards/versions/${draftId}`)).json() as { status: string; profile: { imports: { versionId: string; include: unknown; exclude: string[] }[]; setParameters: { paramId: string; value: unknown }[]; alters: unknown[] } }
    expect(version.status).toBe('draft')
    const profile = {
      imports: version.profile.imports.map((i) => ({ ...i, exclude: [...i.exclude, toDrop.id] })),
      // A "lower is stricter" interval made four times longer than the Unified Standard's default.
      setParameters: [...version.profile.setParameters.filter((s) => s.paramId !== param.id), { paramId: param.id, value: (param.value as number) * 4 }],
      alters: version.profile.alters,
    }
    const put = await send('mhlw', 'PUT', `/api/v1/standards/versions/${draftId}/profile`, profile)
    expect(put.statusCode).toBe(200)

    const publish = () => send('mhlw', 'POST', `/api/v1/standards/versions/${draftId}/status`, { to: 'published' })
    const blockingNumbers = (res: LightMyRequestResponse) => (problem(res).errors ?? []).map((e) => e.message)
    const first = await publish()
    expect(first.statusCode).toBe(409)
    expect(problem(first).code).toBe('standards.unexcused_deviation')
    const messages = blockingNumbers(first)
    expect(messages).toHaveLength(2)
    expect(messages.some((m) => m.startsWith(`${toDrop.number} dropped`))).toBe(true)
    expect(messages.some((m) => m.startsWith(`${toWeaken.number} weakened_parameter`) && m.includes(param.id))).toBe(true)

    const request = async (node: Node, kind: string) => {
      const res = await send('mhlw', 'POST', `/api/v1/standards/versions/${draftId}/exceptions`, {
        nodeId: node.id, tierId: null, kind, reason: '全国システムの更改中のため', compensatingMeasures: '週次の監視と月次報告', expiresAt: '2099-03-31T00:00:00Z',
      })
      expect(res.statusCode).toBe(201)
      return (res.json() as { id: string }).id
    }
    const dropException = await request(toDrop, 'dropped')
    const weakenException = await request(toWeaken, 'weakened_parameter')
    // Requested is not approved.
    expect((await publish()).statusCode).toBe(409)
    // The ministry cannot approve its own exception.
    const self = await send('mhlw', 'POST', `/api/v1/standards/exceptions/${dropException}/decision`, { approve: true, note: null })
    expect(self.statusCode).toBe(403)

    const approveDrop = await send('nco', 'POST', `/api/v1/standards/exceptions/${dropException}/decision`, { approve: true, note: '期限付きで承認' })
    expect(approveDrop.statusCode).toBe(200)
    expect(approveDrop.json()).toMatchObject({ status: 'approved' })
    const second = await publish()
    expect(second.statusCode).toBe(409)
    expect(blockingNumbers(second)).toHaveLength(1)
    expect(blockingNumbers(second)[0]).toMatch(new RegExp(`^${toWeaken.number.replace(/\./g, '\\.')} weakened_parameter`))
    expect((await get('mhlw', `/api/v1/standards/versions/${draftId}`)).json()).toMatchObject({ status: 'draft' })

    expect((await send('nco', 'POST', `/api/v1/standards/exceptions/${weakenException}/decision`, { approve: true, note: null })).statusCode).toBe(200)
    // A decided exception is not decided again.
    expect((await send('nco', 'POST', `/api/v1/standards/exceptions/${weakenException}/decision`, { approve: false, note: null })).statusCode).toBe(409)
    const published = await publish()
    expect(published.statusCode).toBe(200)
    expect(published.json()).toMatchObject({ id: draftId, status: 'published' })

    const list = await get('nco', '/api/v1/standards/exceptions')
    expect(list.statusCode).toBe(200)
    const rows = list.json() as { id: string; sectorId: string | null; status: string; documentId: string }[]
    for (const id of [dropException, weakenException]) {
      expect(rows.find((r) => r.id === id)).toMatchObject({ sectorId: 'medical', status: 'approved', documentId: 'medical-national-standard' })
    }
    expect((await get('clinic', '/api/v1/standards/exceptions')).statusCode).toBe(403)
  })

  test('an approved exception excuses nothing once it has expired', async () => {
    const current = await inForce('medical-national-standard')
    const unified = await inForce('unified-standard')
    const base = (await get('mhlw', `/api/v1/standards/versions/${unified}/nodes`)).json() as Node[]
    const toDrop = base.find((n) => n.kind === 'requirement' && n.strength === 'must' && n.addressee === 'operator' && n.applicability.kind === 'always')!
    const draftId = ((await send('mhlw', 'POST', `/api/v1/standards/versions/${current}/successor`, { label: '期限切れ検証' })).json() as { id: string }).id
    const version = (await get('mhlw', `/api/v1/standards/versions/${draftId}`)).json() as { profile: { imports: { exclude: string[] }[]; setParameters: unknown[]; alters: unknown[] } }
    const profile = { ...version.profile, imports: version.profile.imports.map((i) => ({ ...i, exclude: [...i.exclude, toDrop.id] })) }
    expect((await send('mhlw', 'PUT', `/api/v1/standards/versions/${draftId}/profile`, profile)).statusCode).toBe(200)
    const expiresAt = new Date(ctx.now().getTime() + 24 * 3600_000).toISOString()
    const exception = await send('mhlw', 'POST', `/api/v1/standards/versions/${draftId}/exceptions`, {
      nodeId: toDrop.id, tierId: null, kind: 'dropped', reason: '短期', compensatingMeasures: '手作業の確認', expiresAt,
    })
    expect(exception.statusCode).toBe(201)
    expect((await send('nco', 'POST', `/api/v1/standards/exceptions/${(exception.json() as { id: string }).id}/decision`, { approve: true, note: null })).statusCode).toBe(200)
    const blockingNow = ((await get('mhlw', `/api/v1/standards/versions/${draftId}/check`)).json() as { blocking: unknown[] }[]).flatMap((c) => c.blocking)
    expect(blockingNow).toEqual([])

    // The same database two days later: the exception has run out.
    const later = new Date(ctx.now().getTime() + 2 * 24 * 3600_000)
    const laterApp = await buildApp({ ...ctx, now: () => later })
    try {
      await laterApp.ready()
      const mhlw = headersFor(await signInAs(laterApp, 'mhlw@demo.kaname.jp'))
      const check = (await laterApp.inject({ method: 'GET', url: `/api/v1/standards/versions/${draftId}/check`, headers: mhlw })).json() as { blocking: { nodeId: string; kind: string }[] }[]
      expect(check.flatMap((c) => c.blocking)).toEqual([expect.objectContaining({ nodeId: toDrop.id, kind: 'dropped' })])
      const refused = await laterApp.inject({ method: 'POST', url: `/api/v1/standards/versions/${draftId}/status`, headers: mhlw, payload: { to: 'published' } })
      expect(refused.statusCode).toBe(409)
      expect(problem(refused).code).toBe('standards.unexcused_deviation')
      expect(problem(refused).errors?.[0]?.message).toContain(`${toDrop.number} dropped`)
    } finally {
      await laterApp.close()
    }
    expect((await get('mhlw', `/api/v1/standards/versions/${draftId}`)).json()).toMatchObject({ status: 'draft' })
  })

  test('importing a profile as published does not bypass the exception workflow', async () => {
    const unified = await inForce('unified-standard')
    const base = (await get('mhlw', `/api/v1/standards/versions/${unified}/nodes`)).json() as Node[]
    const toDrop = base.find((n) => n.kind === 'requirement' && n.strength === 'must' && n.addressee === 'operator' && n.applicability.kind === 'always')!
    const draftId = ((await send('mhlw', 'POST', '/api/v1/standards/documents', {
      id: 'medical-bypass-probe', kind: 'sector_standard', title: { ja: '抜け道検証', en: 'Bypass probe' }, sectorId: 'medical', label: '1', profileOf: unified,
    })).json() as { id: string }).id
    const version = (await get('mhlw', `/api/v1/standards/versions/${draftId}`)).json() as { profile: { imports: { exclude: string[] }[]; setParameters: unknown[]; alters: unknown[] } }
    const profile = { ...version.profile, imports: version.profile.imports.map((i) => ({ ...i, exclude: [toDrop.id] })) }
    expect((await send('mhlw', 'PUT', `/api/v1/standards/versions/${draftId}/profile`, profile)).statusCode).toBe(200)
    const exported = await get('mhlw', `/api/v1/standards/versions/${draftId}/export/oscal`)
    expect(exported.statusCode).toBe(200)
    const versionsBefore = await count('standard_version')
    const res = await send('mhlw', 'POST', '/api/v1/standards/import/oscal?format=profile&documentKind=sector_standard&documentId=medical-bypass-copy&sectorId=medical&status=published', exported.json())
    expect(res.statusCode).toBe(409)
    expect(problem(res).code).toBe('standards.unexcused_deviation')
    expect(await count('standard_version')).toBe(versionsBefore)
  })

  test('a profile cannot import a draft its author may not see (no reading hidden drafts through one\'s own profile)', async () => {
    const unified = await inForce('unified-standard')
    const hidden = ((await send('nco', 'POST', `/api/v1/standards/versions/${unified}/successor`, { label: '非公開の改定案' })).json() as { id: string }).id
    expect((await get('mhlw', `/api/v1/standards/versions/${hidden}`)).statusCode).toBe(403)
    const draftId = ((await send('mhlw', 'POST', `/api/v1/standards/versions/${await inForce('medical-national-standard')}/successor`, { label: '取込検証' })).json() as { id: string }).id
    const before = (await get('mhlw', `/api/v1/standards/versions/${draftId}`)).json() as { contentDigest: string }
    const res = await send('mhlw', 'PUT', `/api/v1/standards/versions/${draftId}/profile`, { imports: [{ versionId: hidden, include: 'all', exclude: [] }], setParameters: [], alters: [] })
    expect(res.statusCode, res.body).toBe(403)
    expect((await get('mhlw', `/api/v1/standards/versions/${draftId}`)).json()).toMatchObject({ contentDigest: before.contentDigest })
    // An unknown version is a dangling reference, named in the body.
    const dangling = await send('mhlw', 'PUT', `/api/v1/standards/versions/${draftId}/profile`, { imports: [{ versionId: 'no-such-version', include: 'all', exclude: [] }], setParameters: [], alters: [] })
    expect(dangling.statusCode).toBe(422)
    expect(problem(dangling).errors?.map((e) => e.path)).toEqual(['profile.imports[0]'])
    // Re-pointed to a newer published Unified Standard, the profile resolves against it.
    const newer = ((await send('nco', 'POST', `/api/v1/standards/versions/${unified}/successor`, { label: '公表済み改定' })).json() as { id: string }).id
    expect((await send('nco', 'POST', `/api/v1/standards/versions/${newer}/status`, { to: 'published' })).statusCode).toBe(200)
    const current = (await get('mhlw', `/api/v1/standards/versions/${draftId}`)).json() as { profile: { imports: { versionId: string }[]; setParameters: unknown[]; alters: unknown[] } }
    const repointed = await send('mhlw', 'PUT', `/api/v1/standards/versions/${draftId}/profile`, { ...current.profile, imports: current.profile.imports.map((i) => ({ ...i, versionId: newer })) })
    expect(repointed.statusCode, repointed.body).toBe(200)
    const nodes = (await get('mhlw', `/api/v1/standards/versions/${draftId}/nodes`)).json() as { id: string; origin?: { versionId: string } }[]
    expect(nodes.filter((n) => n.id.startsWith('us-')).every((n) => n.origin?.versionId === newer)).toBe(true)
  })

  // ------------------------------------------------------------------------------------------ S24: consultation

  test('consultation: a draft opened for comments is read and commented on by ministries and operators; the owner answers', async () => {
    const unified = await inForce('unified-standard')
    const draftId = ((await send('nco', 'POST', `/api/v1/standards/versions/${unified}/successor`, { label: '2027 意見募集案' })).json() as { id: string }).id
    const comment = (who: string, nodeId: string, body: string) => send(who, 'POST', `/api/v1/standards/versions/${draftId}/comments`, { nodeId, body })

    expect((await get('clinic', `/api/v1/standards/versions/${draftId}`)).statusCode).toBe(403)
    expect((await get('mhlw', `/api/v1/standards/versions/${draftId}`)).statusCode).toBe(403)
    expect((await comment('clinic', 'us-3.4.3.3', '早すぎる意見')).statusCode).toBe(403)
    // Only the owner opens it.
    expect((await send('mhlw', 'POST', `/api/v1/standards/versions/${draftId}/consultation`, { open: true })).statusCode).toBe(403)
    const opened = await send('nco', 'POST', `/api/v1/standards/versions/${draftId}/consultation`, { open: true })
    expect(opened.statusCode).toBe(200)
    expect(opened.json()).toMatchObject({ consultationOpen: true, status: 'draft' })

    expect((await get('mhlw', `/api/v1/standards/versions/${draftId}`)).statusCode).toBe(200)
    expect((await get('clinic', `/api/v1/standards/versions/${draftId}`)).statusCode).toBe(200)
    const fromMinistry = await comment('mhlw', 'us-3.4.3.3', '医療分野では復元テストの間隔を短くすべきです。')
    expect(fromMinistry.statusCode).toBe(201)
    const fromClinic = await comment('clinic', 'us-3.4.3.3', '小規模診療所には年1回でも負担が大きいです。')
    expect(fromClinic.statusCode).toBe(201)
    const fromOperator = await comment('claims-ciso', 'us-3.1.1.1', '経営層の責任の範囲を例示してください。')
    expect(fromOperator.statusCode).toBe(201)
    expect((await comment('clinic', 'no-such-node', '存在しない要件')).statusCode).toBe(422)

    const answers = [
      [fromMinistry, 'accepted', '分野別基準で短縮できることを明記します。'],
      [fromClinic, 'declined', '年1回は最低限として維持します。'],
      [fromOperator, 'considered', '解説で例示を検討します。'],
    ] as const
    for (const [c, status, body] of answers) {
      const id = (c.json() as { id: string }).id
      expect((await send('mhlw', 'POST', `/api/v1/standards/comments/${id}/answer`, { status, body })).statusCode).toBe(403)
      const answered = await send('nco', 'POST', `/api/v1/standards/comments/${id}/answer`, { status, body })
      expect(answered.statusCode).toBe(200)
      expect(answered.json()).toMatchObject({ id, answer: { status, body } })
    }
    const seen = (await get('clinic', `/api/v1/standards/versions/${draftId}/comments`)).json() as { id: string; answer: { status: string; body: string } | null }[]
    expect(seen.find((c) => c.id === (fromClinic.json() as { id: string }).id)?.answer).toMatchObject({ status: 'declined', body: '年1回は最低限として維持します。' })
    expect(seen.every((c) => c.answer !== null)).toBe(true)

    expect((await send('nco', 'POST', `/api/v1/standards/versions/${draftId}/status`, { to: 'published' })).statusCode).toBe(200)
    const late = await comment('clinic', 'us-3.4.3.3', '公表後の意見')
    expect(late.statusCode).toBe(409)
    expect(problem(late).code).toBe('standards.consultation_closed')
  })

  // ------------------------------------------------------------------------------------------ OSCAL

  test('ACCEPTANCE: SP 800-53 and its MODERATE baseline imported through the API resolve to NIST\'s MODERATE control ids; re-imports change nothing', async () => {
    const catalogText = readText(SP_CATALOG)
    const catalogUrl = '/api/v1/standards/import/oscal?format=catalog&documentKind=foreign_framework&documentId=nist-sp-800-53-rev5&status=published'
    const profileUrl = '/api/v1/standards/import/oscal?format=profile&documentKind=foreign_framework&documentId=nist-800-53-moderate&status=published'
    const importAs = (url: string, body: string) => app.inject({ method: 'POST', url, headers: { ...sessions.get('nco') ?? {}, 'content-type': 'application/json' }, payload: body })
    await as('nco')
    const catalog = await importAs(catalogUrl, catalogText)
    expect(catalog.statusCode).toBe(201)
    const catalogId = (catalog.json() as { id: string }).id
    const profile = await importAs(profileUrl, readText(MODERATE))
    expect(profile.statusCode).toBe(201)
    const profileId = (profile.json() as { id: string }).id

    const nodes = (await get('nco', `/api/v1/standards/versions/${profileId}/nodes`)).json() as Node[]
    const got = new Set(nodes.filter((n) => n.kind === 'requirement').map((n) => n.id))
    const expected = controlIds(JSON.parse(readText(MODERATE_RESOLVED)))
    expect(expected.size).toBeGreaterThan(200)
    expect([...got].sort()).toEqual([...expected].sort())

    const versions = await count('standard_version')
    const rows = await count('requirement_node')
    const again = await importAs(catalogUrl, catalogText)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ id: catalogId, created: false })
    const againProfile = await importAs(profileUrl, readText(MODERATE))
    expect(againProfile.statusCode).toBe(200)
    expect(againProfile.json()).toMatchObject({ id: profileId, created: false })
    expect([await count('standard_version'), await count('requirement_node')]).toEqual([versions, rows])

    // Export → import → export: the export is valid OSCAL 1.1.2 and comes back as the very same content.
    const normalise = (text: string) => text.replace(/"last-modified": ?"[^"]*"/g, '"last-modified":"T"')
    const first = await get('nco', `/api/v1/standards/versions/${catalogId}/export/oscal`)
    expect(first.statusCode).toBe(200)
    expect(schemaErrors('v1.1.2/oscal_catalog_schema.json', first.json())).toEqual([])
    const back = await importAs(catalogUrl, first.body)
    expect(back.statusCode).toBe(200)
    expect(back.json()).toMatchObject({ id: catalogId, created: false })
    const second = await get('nco', `/api/v1/standards/versions/${catalogId}/export/oscal`)
    expect(normalise(second.body)).toBe(normalise(first.body))
    // Under another document id it is a new version with the same nodes, exported the same way.
    const copy = await importAs(catalogUrl.replace('documentId=nist-sp-800-53-rev5', 'documentId=nist-sp-800-53-rev5-copy'), first.body)
    expect(copy.statusCode).toBe(201)
    const copyId = (copy.json() as { id: string }).id
    const nodesOf = async (id: string) => (await get('nco', `/api/v1/standards/versions/${id}/nodes?resolved=false`)).body
    expect(await nodesOf(copyId)).toBe(await nodesOf(catalogId))
    const copyExport = (await get('nco', `/api/v1/standards/versions/${copyId}/export/oscal`)).body
    const withoutUuid = (text: string) => normalise(text).replace(/^(\s*"catalog": \{\s*"uuid": ?)"[^"]*"/m, '$1"U"')
    expect(withoutUuid(copyExport)).toBe(withoutUuid(first.body))
    expect(copyExport).not.toBe(first.body)

    const profileExport = await get('nco', `/api/v1/standards/versions/${profileId}/export/oscal`)
    expect(profileExport.statusCode).toBe(200)
    expect(schemaErrors('v1.1.2/oscal_profile_schema.json', profileExport.json())).toEqual([])
    const profileBack = await importAs(profileUrl, profileExport.body)
    expect(profileBack.statusCode).toBe(200)
    expect(profileBack.json()).toMatchObject({ id: profileId, created: false })
    expect(normalise((await get('nco', `/api/v1/standards/versions/${profileId}/export/oscal`)).body)).toBe(normalise(profileExport.body))

    // Our own documents export valid OSCAL too.
    for (const documentId of ['unified-standard', 'medical-national-standard']) {
      const res = await get('nco', `/api/v1/standards/versions/${await inForce(documentId)}/export/oscal`)
      expect(res.statusCode).toBe(200)
      const json = res.json() as { catalog?: unknown; profile?: unknown }
      expect(schemaErrors(json.catalog ? 'v1.1.2/oscal_catalog_schema.json' : 'v1.1.2/oscal_profile_schema.json', json)).toEqual([])
    }
  }, 120_000)

  test('bad OSCAL (duplicate ids, schema-invalid, unknown import) → 4xx naming the JSON path, nothing stored', async () => {
    const before = [await count('standard_document'), await count('standard_version'), await count('requirement_node')]
    const metadata = { title: 'Bad input', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.1.2' }
    const importAs = (format: string, body: unknown) => send('nco', 'POST', `/api/v1/standards/import/oscal?format=${format}&documentKind=foreign_framework&documentId=bad-input-probe&status=draft`, body)

    const duplicate = await importAs('catalog', { catalog: { uuid: '00000000-0000-4000-8000-0000000000d1', metadata, controls: [{ id: 'dup-1', title: 'A' }, { id: 'dup-2', title: 'B', controls: [{ id: 'dup-1', title: 'C' }] }] } })
    expect(duplicate.statusCode).toBe(422)
    // The second occurrence, nested one level down, named as a JSON pointer.
    expect(problem(duplicate).errors).toEqual([expect.objectContaining({ path: '/catalog/controls/1/controls/0/id', message: expect.stringContaining('dup-1') })])

    const schemaInvalid = await importAs('catalog', { catalog: { uuid: 'not-a-uuid', metadata: { title: 'No version' }, controls: [{ title: 'No id' }] } })
    expect(schemaInvalid.statusCode).toBe(422)
    const schemaPaths = (problem(schemaInvalid).errors ?? []).map((e) => e.path)
    expect(schemaPaths.length).toBeGreaterThan(0)
    expect(problem(schemaInvalid).code).toBe('standards.oscal.schema_invalid')
    expect(schemaPaths).toContain('/catalog/uuid')
    expect(schemaPaths).toContain('/catalog/metadata')
    expect(schemaPaths.some((p) => p.startsWith('/catalog/controls/0'))).toBe(true)

    const unknownImport = await importAs('profile', {
      profile: { uuid: '00000000-0000-4000-8000-0000000000d2', metadata, imports: [{ href: 'https://example.invalid/no-such-catalog.json', 'include-all': {} }] },
    })
    expect(unknownImport.statusCode).toBe(422)
    expect((problem(unknownImport).errors ?? []).map((e) => e.path)).toEqual(['/profile/imports/0/href'])

    expect([await count('standard_document'), await count('standard_version'), await count('requirement_node')]).toEqual(before)
  })

  // ------------------------------------------------------------------------------------------ crosswalks

  test('crosswalks export as a valid OSCAL 1.2.1 mapping collection and as CSV that reads back to the same rows', async () => {
    const unified = await inForce('unified-standard')
    const json = await get('clinic', `/api/v1/standards/mappings?version=${unified}`)
    expect(json.statusCode).toBe(200)
    const rows = json.json() as { sourceVersionId: string; sourceNodeId: string; targetVersionId: string; targetNodeId: string; relationship: string; rationale: string }[]
    expect(rows.length).toBeGreaterThan(10)

    const oscal = await get('clinic', `/api/v1/standards/mappings?version=${unified}&format=oscal`)
    expect(oscal.statusCode).toBe(200)
    expect(schemaErrors('v1.2.1/oscal_mapping_schema.json', oscal.json())).toEqual([])

    const csv = await get('clinic', `/api/v1/standards/mappings?version=${unified}&format=csv`)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    const key = (m: (typeof rows)[number]) => JSON.stringify([m.sourceVersionId, m.sourceNodeId, m.targetVersionId, m.targetNodeId, m.relationship, m.rationale])
    expect(mappingsFromCsv(csv.body).map(key).sort()).toEqual(rows.map(key).sort())
  })
})
