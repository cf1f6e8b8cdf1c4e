import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { BODY_LIMIT_BYTES } from '../../src/platform/http/app.ts'
import type { AppContext } from '../../src/platform/context.ts'

/**
 * Bad input, generated with fast-check over the request schemas published in the OpenAPI document: every
 * answer is a 4xx problem+json naming the field, never a 5xx, nothing partial is stored, and the process
 * stays up. Routes are taken from the document, so a new route with a body is fuzzed as soon as it exists
 * (and fails here until it has a minimal valid body below).
 */

const RUNS = 50

type JsonSchema = {
  type?: string | string[]
  minLength?: number
  maxLength?: number
  enum?: unknown[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  pattern?: string
  minimum?: number
  maximum?: number
  $ref?: string
}

interface Operation {
  parameters?: { in: 'query' | 'path' | 'header'; name: string; schema: JsonSchema }[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}

interface Route {
  key: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  body: JsonSchema | null
  query: { name: string; schema: JsonSchema }[]
  params: { name: string; schema: JsonSchema }[]
}

/**
 * One schema-valid body per route (never sent as is except in the check that proves it valid): the wrong-type
 * and unknown-field properties change exactly one thing in it, so the error must name exactly that field.
 */
const VALID_BODIES: Record<string, unknown> = {
  'POST /api/v1/auth/login': { email: 'nobody@demo.kaname.jp', password: 'not-the-password' },
  'PATCH /api/v1/auth/me': { locale: 'ja' },
  'POST /api/v1/auth/active-organisation': { organisationId: 'nco' },
  'PUT /api/v1/org/sectors/{id}': { nameJa: '医療', nameEn: 'Medical', ministryIds: ['mhlw'] },
  'POST /api/v1/org/organisations': { name: '検証事業者', nameEn: 'Validation Operator', kind: 'operator', sectors: ['medical'], prefectureCode: '13', esDesignated: false, acdDesignated: false, profile: null },
  'PATCH /api/v1/org/organisations/{id}': { name: 'かえで内科クリニック', nameEn: 'Kaede Internal Medicine Clinic', sectors: ['medical'], prefectureCode: '19', esDesignated: false, acdDesignated: false, profile: 'small-clinic' },
  'POST /api/v1/org/organisations/{id}/members': { email: 'new.member@test.kaname.jp', displayName: '新メンバー', role: 'viewer', expiresAt: null },
  'POST /api/v1/org/tokens': { name: 'fuzz', role: 'viewer', expiresInDays: 30 },
  'PUT /api/v1/org/organisations/{id}/facts': { facts: ['handles_personal_data'] },
  'POST /api/v1/standards/documents': { id: 'fuzz-document', kind: 'guideline', title: { ja: '検証', en: 'Validation' }, sectorId: 'medical', label: '1.0', profileOf: null },
  'POST /api/v1/standards/versions/{versionId}/successor': { label: '2.0' },
  'PUT /api/v1/standards/versions/{versionId}/profile': { imports: [{ versionId: 'no-such-version', include: 'all', exclude: [] }], setParameters: [], alters: [] },
  'POST /api/v1/standards/versions/{versionId}/status': { to: 'published' },
  'POST /api/v1/standards/versions/{versionId}/consultation': { open: true },
  'POST /api/v1/standards/versions/{versionId}/comments': { nodeId: 'us-3.1.1.1', body: '意見' },
  'POST /api/v1/standards/comments/{commentId}/answer': { status: 'accepted', body: '回答' },
  'POST /api/v1/standards/versions/{versionId}/exceptions': { nodeId: 'us-3.1.1.1', tierId: null, kind: 'dropped', reason: '理由', compensatingMeasures: '代替策', expiresAt: '2099-01-01T00:00:00Z' },
  'POST /api/v1/standards/exceptions/{exceptionId}/decision': { approve: true, note: null },
  'PUT /api/v1/standards/operators/{id}/tiers/{sectorId}': { tierId: 'medical-small', reason: '理由' },
  'POST /api/v1/standards/mappings/import': { format: 'csv', csv: 'source_version,source_id,target_version,target_id,relationship,rationale\r\n' },
  'POST /api/v1/assessments/campaigns': { title: { ja: '検証', en: 'Validation' }, cycle: 'fuzz', scope: { sectors: ['medical'] }, dueDate: '2099-03-31' },
  'PUT /api/v1/assessments/campaigns/{campaignId}/operators/{id}/answers': { answers: [] },
  'POST /api/v1/assessments/campaigns/{campaignId}/operators/{id}/review': { action: 'start' },
  'PATCH /api/v1/assessments/campaigns/{campaignId}/operators/{id}/plan/{itemId}': { owner: '検証' },
  'POST /api/v1/assessments/campaigns/{campaignId}/operators/{id}/support-requests': { obligationKey: 'no-such-obligation', reason: '理由' },
  'POST /api/v1/dependencies/providers': { name: { ja: '検証クラウド', en: 'Validation Cloud' }, providerType: 'cloud', prefectures: ['13'], annualFailureProbability: 0.01 },
  'PUT /api/v1/dependencies/providers/{providerId}': { name: { ja: '検証クラウド', en: 'Validation Cloud' }, providerType: 'cloud', prefectures: ['13'], annualFailureProbability: null },
  'POST /api/v1/dependencies/edges': { from: 'no-such-node', to: 'no-such-other-node', type: 'power', criticality: 'critical', failover: { kind: 'manual', hours: 4 }, alternatives: [] },
  'PUT /api/v1/dependencies/edges/{edgeId}': { from: 'no-such-node', to: 'no-such-other-node', criticality: 'degraded', failover: { kind: 'none' }, alternatives: [] },
  'POST /api/v1/dependencies/simulate': { nodes: ['no-such-node'], prefectures: [], hours: 24, outages: [] },
  'POST /api/v1/dependencies/monte-carlo': { nodes: ['no-such-node'], prefectures: [], duration: { kind: 'lognormal', medianHours: 6, p90Hours: 48 }, runs: 10, seed: 1 },
  'POST /api/v1/services': { name: { ja: '検証サービス', en: 'Validation service' }, sector: 'medical', type: 'clinical', peopleServed: 1000, businessesServed: 1, prefectures: [{ prefectureCode: '13', people: 500 }], substitutes: [], mtpdHours: 24, rtoHours: 4, rpoHours: 1, rlo: 0.5, impact: { afterHour: 10, afterDay: 100, afterWeek: 500 } },
  'PUT /api/v1/services/{serviceId}': { name: { ja: '検証サービス', en: 'Validation service' }, sector: 'medical', type: 'clinical', peopleServed: 1000, businessesServed: 1, prefectures: [{ prefectureCode: '13', people: 500 }], substitutes: [], mtpdHours: 24, rtoHours: 4, rpoHours: 1, rlo: 0.5, impact: { afterHour: 10, afterDay: 100, afterWeek: 500 } },
  'POST /api/v1/services/designation/criteria': { name: { ja: '検証基準', en: 'Validation criteria' }, combine: 'any', criteria: [{ id: 'national', kind: 'national_coverage', threshold: 0.1 }] },
  'PUT /api/v1/services/designation/criteria/{setId}': { name: { ja: '検証基準', en: 'Validation criteria' }, combine: 'any', criteria: [{ id: 'national', kind: 'national_coverage', threshold: 0.1 }] },
  'POST /api/v1/assets/devices': { assetId: 'VALID-1', vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a', cpe: null, role: 'router', zone: 'DMZ', internetReachable: 'yes', closedNetwork: false, installDate: '2020-04-01', lastPatched: null, endOfSupport: null, owner: null, serviceIds: [] },
  'PUT /api/v1/assets/devices/{deviceId}': { assetId: 'VALID-1', vendor: 'Cisco', product: 'IOS XE', version: '17.9.4a', cpe: null, role: 'router', zone: 'DMZ', internetReachable: 'yes', closedNetwork: false, installDate: '2020-04-01', lastPatched: null, endOfSupport: null, owner: null, serviceIds: [] },
  'POST /api/v1/assets/exceptions': { deviceId: 'no-such-device', cveId: null, compensatingControls: [{ kind: 'network_segmentation', description: '許可した通信のみ通す' }], reason: '理由', expiresOn: '2099-01-01' },
  'PUT /api/v1/assets/exceptions/{exceptionId}': { deviceId: 'no-such-device', cveId: 'CVE-2024-20353', compensatingControls: [{ kind: 'network_segmentation', description: '許可した通信のみ通す' }], reason: '理由', expiresOn: '2099-01-01' },
  'POST /api/v1/assets/exceptions/{exceptionId}/decision': { approve: true, note: null },
  'POST /api/v1/assets/plans': { title: '更新計画', deviceIds: ['no-such-device'], targetDate: '2099-01-01', budgetJpy: 1_000_000, status: 'planned', notes: null },
  'PUT /api/v1/assets/plans/{planId}': { title: '更新計画', deviceIds: ['no-such-device'], targetDate: '2099-01-01', budgetJpy: null, status: 'funded', notes: '備考' },
  'POST /api/v1/services/designation/decisions': { operatorId: 'clinic-kaede', sectorId: 'medical', decision: 'designate', tierId: 'medical-national', reason: '理由', criteriaSetId: null },
  // An OSCAL document is free-form JSON to the request schema; the OSCAL schema judges it (and names JSON paths).
  'POST /api/v1/standards/import/oscal': {
    catalog: {
      uuid: '00000000-0000-4000-8000-00000000f022',
      metadata: { title: 'Fuzz catalog', 'last-modified': '2026-01-01T00:00:00Z', version: '1.0', 'oscal-version': '1.1.2' },
      controls: [{ id: 'fz-1', title: 'Fuzz control' }],
    },
  },
}

/** Query strings that pass the schema, for routes that require one: a bad value then changes exactly one parameter. */
const VALID_QUERIES: Record<string, Record<string, string>> = {
  'GET /api/v1/standards/versions/{versionId}/diff': { against: 'no-such-version' },
  'GET /api/v1/standards/mappings': { version: 'no-such-version' },
  'GET /api/v1/assessments/campaigns/{campaignId}/operators/{id}/oscal': { kind: 'poam' },
  'POST /api/v1/assessments/evidence': { fileName: 'fuzz.pdf' },
  // Never a stored document: the body sent along is refused before or by the OSCAL schema.
  'POST /api/v1/standards/import/oscal': { format: 'catalog', documentKind: 'guideline', documentId: 'fuzz-import', sectorId: 'medical', status: 'draft' },
  'GET /api/v1/dependencies/export': { kind: 'edges', format: 'csv' },
  // Sent without a file: refused before anything is read.
  'POST /api/v1/dependencies/import': { kind: 'edges', format: 'csv' },
  'GET /api/v1/services/export': { format: 'csv' },
  'GET /api/v1/assets/devices/export': { format: 'csv' },
  // Sent without a file: refused before anything is read.
  'POST /api/v1/assets/devices/import': { format: 'csv' },
  // Sent without a file: refused before anything is read.
  'POST /api/v1/services/import': { format: 'csv' },
  'GET /api/v1/services/designation/candidates': { criteriaSet: 'no-such-set' },
  // Sent without a file: refused before anything is read.
  'POST /api/v1/vulnerabilities/import': { kind: 'cve' },
}

const IMPORT_ROUTE = 'POST /api/v1/standards/import/oscal'
/** Routes that take whole documents and allow bodies up to IMPORT_LIMIT_BYTES. */
const LARGE_BODY_ROUTES = new Set([IMPORT_ROUTE, 'POST /api/v1/standards/mappings/import'])
const IMPORT_LIMIT_BYTES = 16 * 1024 * 1024

/** Path parameter values that pass the schema (the clinic's own organisation, so the clinic admin may use them too). */
const VALID_PARAMS: Record<string, string> = {
  id: 'clinic-kaede', userId: 'no-such-user', sectorId: 'medical', versionId: 'no-such-version', commentId: 'no-such-comment', exceptionId: 'no-such-exception',
  campaignId: 'no-such-campaign', itemId: 'no-such-item', providerId: 'no-such-provider', edgeId: 'no-such-edge', serviceId: 'no-such-service', setId: 'no-such-set',
  deviceId: 'no-such-device',
  planId: 'no-such-plan',
  cveId: 'no-such-cve',
}
const SECTOR_PARAMS: Record<string, string> = { id: 'medical' }

let ctx: AppContext
let app: FastifyInstance
let close: () => Promise<void>
let routes: Route[]
let components: Record<string, JsonSchema>
const actors: { label: string; headers: Record<string, string> }[] = []

function resolve(schema: JsonSchema): JsonSchema {
  if (schema.$ref) return resolve(components[schema.$ref.replace('#/components/schemas/', '')]!)
  return schema
}

/** JSON types a schema accepts; an enum-only schema accepts strings. */
function acceptedTypes(schema: JsonSchema): Set<string> {
  const s = resolve(schema)
  const types = new Set<string>()
  for (const t of [s.type ?? []].flat()) types.add(t)
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) for (const t of acceptedTypes(alt)) types.add(t)
  if (s.enum && types.size === 0) for (const v of s.enum) types.add(v === null ? 'null' : typeof v)
  if (types.has('integer')) types.add('number')
  if (types.has('number')) types.add('integer')
  return types
}

const ARBITRARY_OF_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string(),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  integer: fc.integer(),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.integer(), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
}

/** Values of JSON types the schema does not accept. */
function wrongTypeValue(schema: JsonSchema): fc.Arbitrary<unknown> | null {
  const accepted = acceptedTypes(schema)
  const wrong = Object.entries(ARBITRARY_OF_TYPE).filter(([t]) => !accepted.has(t)).map(([, a]) => a)
  return wrong.length > 0 && accepted.size > 0 ? fc.oneof(...wrong) : null
}

/** Query values the parameter's schema rejects (coercing parameters are parsed with Number, as the schema does). */
function invalidQueryValue(schema: JsonSchema): fc.Arbitrary<string> | null {
  const s = resolve(schema)
  if (s.enum) return fc.string().filter((v) => !s.enum!.includes(v))
  if (s.pattern) {
    const pattern = new RegExp(s.pattern, 'u')
    return fc.string().filter((v) => !pattern.test(v))
  }
  if (s.type === 'integer' || s.type === 'number') {
    const min = s.minimum ?? Number.MIN_SAFE_INTEGER
    const max = s.maximum ?? Number.MAX_SAFE_INTEGER
    return fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String))
      .filter((v) => { const n = Number(v); return !(Number.isInteger(n) && n >= min && n <= max) })
  }
  // Free text: only its length can be wrong (too long, or empty where at least one character is needed).
  const tooLong = s.maxLength !== undefined ? [fc.string({ minLength: s.maxLength + 1, maxLength: s.maxLength + 40 })] : []
  const tooShort = s.minLength !== undefined && s.minLength > 0 ? [fc.string({ maxLength: s.minLength - 1 })] : []
  if (tooLong.length + tooShort.length > 0) return fc.oneof(...tooLong, ...tooShort).filter((v) => v.length > (s.maxLength ?? Infinity) || v.length < (s.minLength ?? 0))
  return null
}

function urlFor(route: Route, params: Record<string, string> = route.path.startsWith('/api/v1/org/sectors') ? SECTOR_PARAMS : VALID_PARAMS, query: Record<string, string> = VALID_QUERIES[route.key] ?? {}): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'))
  return Object.keys(query).length > 0 ? `${path}?${new URLSearchParams(query)}` : path
}

async function send(route: Route, actor: { headers: Record<string, string> }, options: { url?: string; payload?: string | Buffer; contentType?: string | null } = {}) {
  const headers: Record<string, string> = { ...actor.headers }
  if (options.payload !== undefined && options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json'
  return app.inject({ method: route.method, url: options.url ?? urlFor(route), headers, ...(options.payload !== undefined ? { payload: options.payload } : {}) })
}

/** The contract every refusal keeps; returns the parsed problem. */
function assertProblem(res: LightMyRequestResponse, context: string): { status: number; code: string; errors?: { path: string; message: string }[] } {
  if (res.statusCode >= 500 || res.statusCode < 400) throw new Error(`${context}: expected 4xx, got ${res.statusCode} ${res.body.slice(0, 300)}`)
  if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`${context}: content-type ${res.headers['content-type']}`)
  const problem = res.json() as Record<string, unknown>
  for (const field of ['type', 'title', 'detail', 'code']) {
    if (typeof problem[field] !== 'string' || problem[field] === '') throw new Error(`${context}: problem without ${field}: ${res.body}`)
  }
  if (problem.status !== res.statusCode) throw new Error(`${context}: problem.status ${String(problem.status)} ≠ ${res.statusCode}`)
  return problem as never
}

/** A schema failure must name `path` (and only fields under it: the rest of the body was valid). */
function assertNames(res: LightMyRequestResponse, path: string, context: string) {
  const problem = assertProblem(res, context)
  // The clinic admin is refused some routes before the body is even read: that is a fine answer too.
  if (res.statusCode === 403) return
  if (res.statusCode !== 400 || problem.code !== 'request.invalid') throw new Error(`${context}: expected 400 request.invalid, got ${res.statusCode} ${res.body.slice(0, 300)}`)
  const paths = (problem.errors ?? []).map((e) => e.path)
  if (!paths.includes(path) || !paths.every((p) => p === path || p.startsWith(`${path}.`))) {
    throw new Error(`${context}: errors ${JSON.stringify(paths)} should name ${path}`)
  }
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of [
    'organisation', 'organisation_sector', 'sector', 'sector_jurisdiction', 'app_user', 'membership', 'api_token', 'audit_entry',
    'standard_document', 'standard_version', 'requirement_node', 'standard_exception', 'requirement_comment', 'standard_mapping', 'operator_tier', 'organisation_fact',
    'dependency_provider', 'dependency_edge',
    'ci_service', 'designation_criteria_set', 'designation_decision',
    'asset_device', 'asset_device_service',
    'asset_exception', 'asset_replacement_plan', 'asset_replacement_plan_device',
    'vulnerability_import', 'cve_record', 'cve_affected', 'cve_rule', 'kev_entry', 'eol_entry',
  ] as const) {
    const row = await ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    out[table] = Number(row.n)
  }
  return out
}

let before: Record<string, number>

beforeAll(async () => {
  const opened = await openDemoApp('sqlite')
  ctx = opened.ctx
  app = opened.app
  close = opened.close
  await app.ready()
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } }
  components = doc.components?.schemas ?? {}
  routes = []
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      routes.push({
        key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase() as Route['method'], path,
        body: op.requestBody?.content['application/json']?.schema ?? null,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
      })
    }
  }
  actors.push({ label: 'NCO admin', headers: headersFor(await signInAs(app, 'nco@demo.kaname.jp')) })
  actors.push({ label: 'clinic admin', headers: headersFor(await signInAs(app, 'clinic@demo.kaname.jp')) })
  // Everything from here on is refused input: no row may change.
  before = await counts()
}, 60_000)

afterAll(async () => { await close?.() })

const bodyRoutes = () => routes.filter((r) => r.body)
/** Routes whose body is a fixed set of named fields (everything but the free-form OSCAL import). */
const fieldRoutes = () => bodyRoutes().filter((r) => r.key !== IMPORT_ROUTE)
/** The field the body-level properties below write into: the first named field, or (OSCAL) the catalog's title. */
function withField(route: Route, value: unknown): unknown {
  if (route.key === IMPORT_ROUTE) {
    const doc = structuredClone(VALID_BODIES[route.key]) as { catalog: { metadata: { title: unknown } } }
    doc.catalog.metadata.title = value
    return doc
  }
  return { ...(VALID_BODIES[route.key] as object), [Object.keys(resolve(route.body!).properties ?? {})[0]!]: value }
}

describe('bad input never gets past validation, never causes a 5xx', () => {
  test('the routes with input are the ones this file knows a valid body for', () => {
    expect(bodyRoutes().map((r) => r.key).sort()).toEqual(Object.keys(VALID_BODIES).sort())
    expect(routes.filter((r) => r.query.length > 0).map((r) => r.key).sort()).toEqual([
      'GET /api/v1/assessments/campaigns/{campaignId}/dashboard', 'GET /api/v1/assessments/campaigns/{campaignId}/operators/{id}/oscal',
      'GET /api/v1/assessments/campaigns/{campaignId}/operators/{id}/xlsx', 'GET /api/v1/audit/entries',
      'GET /api/v1/dependencies/edges', 'GET /api/v1/dependencies/export', 'GET /api/v1/dependencies/graph', 'GET /api/v1/dependencies/sector-risk', 'GET /api/v1/dependencies/spof', 'POST /api/v1/dependencies/import', 'GET /api/v1/org/organisations',
      'GET /api/v1/assets/devices', 'GET /api/v1/assets/devices/export', 'POST /api/v1/assets/devices/import',
      'GET /api/v1/assets/exceptions', 'GET /api/v1/assets/plans', 'GET /api/v1/assets/overview',
      'GET /api/v1/services', 'GET /api/v1/services/export', 'POST /api/v1/services/import', 'GET /api/v1/services/designation/candidates', 'GET /api/v1/services/designation/decisions', 'GET /api/v1/standards/documents', 'GET /api/v1/standards/mappings',
      'GET /api/v1/standards/tiers', 'GET /api/v1/standards/versions/{versionId}/diff', 'GET /api/v1/standards/versions/{versionId}/nodes', IMPORT_ROUTE,
      'POST /api/v1/assessments/evidence',
      'GET /api/v1/vulnerabilities/records', 'GET /api/v1/vulnerabilities/kev', 'GET /api/v1/vulnerabilities/eol', 'GET /api/v1/vulnerabilities/imports', 'POST /api/v1/vulnerabilities/import',
      'GET /api/v1/vulnerabilities/exposure', 'GET /api/v1/vulnerabilities/exposure/backlog', 'GET /api/v1/vulnerabilities/exposure/unpatched', 'GET /api/v1/vulnerabilities/exposure/eol',
      'GET /api/v1/vulnerabilities/advisories', 'GET /api/v1/vulnerabilities/advisories/sectors',
    ].sort())
    expect(routes.filter((r) => r.params.length > 0).length).toBeGreaterThanOrEqual(6)
  })

  test('each valid body passes validation (so the properties below change exactly one thing)', async () => {
    // Sent with one extra field: if that field is the only complaint, the rest is valid, and nothing is stored.
    // Some routes are refused by role before the body is read (services are written by operators only): every
    // actor the route lets through must see only the probe, and at least one actor must get through.
    for (const route of fieldRoutes()) {
      let reached = 0
      for (const actor of actors) {
        const res = await send(route, actor, { payload: JSON.stringify({ ...(VALID_BODIES[route.key] as object), probeField: 1 }) })
        if (res.statusCode === 403) continue
        reached++
        expect(res.statusCode, `${route.key} as ${actor.label}`).toBe(400)
        expect(res.json().errors, `${route.key} as ${actor.label}`).toEqual([{ path: 'body.probeField', message: 'unknown field' }])
      }
      expect(reached, route.key).toBeGreaterThan(0)
    }
  })

  test('random JSON values as the body → 4xx problem+json', async () => {
    for (const route of bodyRoutes()) {
      for (const actor of actors) {
        await fc.assert(fc.asyncProperty(
          fc.jsonValue().filter((v) => !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)),
          async (value) => { assertProblem(await send(route, actor, { payload: JSON.stringify(value) }), `${route.key} as ${actor.label} with ${JSON.stringify(value).slice(0, 80)}`) },
        ), { numRuns: RUNS })
      }
    }
  })

  test('one field of the wrong type → 400 naming body.<field>', async () => {
    for (const route of fieldRoutes()) {
      const schema = resolve(route.body!)
      const fields = Object.entries(schema.properties ?? {}).flatMap(([name, s]) => {
        const wrong = wrongTypeValue(s)
        return wrong ? [fc.tuple(fc.constant(name), wrong)] : []
      })
      expect(fields.length, route.key).toBeGreaterThan(0)
      for (const actor of actors) {
        await fc.assert(fc.asyncProperty(fc.oneof(...fields), async ([field, value]) => {
          const body = { ...(VALID_BODIES[route.key] as object), [field]: value }
          assertNames(await send(route, actor, { payload: JSON.stringify(body) }), `body.${field}`, `${route.key} as ${actor.label}, ${field}=${JSON.stringify(value)}`)
        }), { numRuns: RUNS })
      }
    }
  })

  test('an unknown field → 400 naming body.<that field>', async () => {
    for (const route of fieldRoutes()) {
      const known = Object.keys(resolve(route.body!).properties ?? {})
      // Prototype keys are refused by the JSON parser itself (checked below), not by the schema.
      const key = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.includes(k) && !['__proto__', 'constructor', 'prototype'].includes(k))
      for (const actor of actors) {
        const value = fc.jsonValue().filter((v) => !/"(__proto__|constructor)"/.test(JSON.stringify(v)))
        await fc.assert(fc.asyncProperty(key, value, async (field, value) => {
          const body = { ...(VALID_BODIES[route.key] as object), [field]: value }
          assertNames(await send(route, actor, { payload: JSON.stringify(body) }), `body.${field}`, `${route.key} as ${actor.label}, extra ${JSON.stringify(field)}`)
        }), { numRuns: RUNS })
      }
      for (const poison of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
        const statuses = await Promise.all(actors.map(async (actor) => assertProblem(await send(route, actor, { payload: poison }), `${route.key} as ${actor.label} ${poison}`).status))
        expect(statuses.every((status) => status === 400 || status === 403), `${route.key} ${poison}`).toBe(true)
        expect(statuses, `${route.key} ${poison}`).toContain(400)
      }
    }
  })

  test('malformed JSON text → 400 request.malformed_json naming body', async () => {
    const notJson = fc.string({ minLength: 1 }).filter((s) => { try { JSON.parse(s); return false } catch { return true } })
    for (const route of bodyRoutes()) {
      for (const actor of actors) {
        await fc.assert(fc.asyncProperty(notJson, async (text) => {
          const res = await send(route, actor, { payload: text })
          const problem = assertProblem(res, `${route.key} as ${actor.label} with ${JSON.stringify(text)}`)
          if (res.statusCode === 403) return
          expect([problem.code, problem.errors?.[0]?.path]).toEqual(['request.malformed_json', 'body'])
        }), { numRuns: RUNS })
      }
    }
  })

  test('invalid UTF-8 inside a JSON string → 4xx naming body, never U+FFFD stored', async () => {
    const badBytes = fc.constantFrom([0xc3, 0x28], [0xff], [0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x80])
    for (const route of bodyRoutes()) {
      for (const actor of actors) {
        await fc.assert(fc.asyncProperty(fc.string(), badBytes, fc.string(), async (head, bytes, tail) => {
          const body = withField(route, '\u0000MARK\u0000')
          const [left, right] = JSON.stringify(body).split('\\u0000MARK\\u0000') as [string, string]
          const payload = Buffer.concat([Buffer.from(left + JSON.stringify(head).slice(1, -1)), Buffer.from(bytes), Buffer.from(JSON.stringify(tail).slice(1, -1) + right)])
          const res = await send(route, actor, { payload })
          const problem = assertProblem(res, `${route.key} as ${actor.label} with bytes ${bytes.join(',')}`)
          if (res.statusCode === 403) return
          expect(problem.code).toBe('request.invalid_utf8')
          expect(problem.errors?.[0]?.path).toBe('body')
        }), { numRuns: 20 })
      }
    }
  })

  test('a body over the limit → 413 request.body_too_large', async () => {
    for (const route of bodyRoutes()) {
      for (const actor of actors) {
        // Valid JSON, valid field names: only the size is wrong. The OSCAL import has its own, larger limit.
        const limit = LARGE_BODY_ROUTES.has(route.key) ? IMPORT_LIMIT_BYTES : BODY_LIMIT_BYTES
        const huge = JSON.stringify(withField(route, 'あ'.repeat(Math.ceil(limit / 3) + 10)))
        expect(Buffer.byteLength(huge)).toBeGreaterThan(limit)
        const res = await send(route, actor, { payload: huge })
        const problem = assertProblem(res, `${route.key} as ${actor.label} oversize`)
        if (res.statusCode === 403) continue
        expect(res.statusCode).toBe(413)
        expect(problem.code).toBe('request.body_too_large')
      }
    }
  })

  test('wrong or missing content types → 4xx naming the header or the body', async () => {
    const types = fc.constantFrom('application/xml', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png', 'text/plain', null)
    for (const route of bodyRoutes()) {
      for (const actor of actors) {
        await fc.assert(fc.asyncProperty(types, async (type) => {
          const res = await send(route, actor, { payload: Buffer.from(JSON.stringify(VALID_BODIES[route.key])), contentType: type })
          const problem = assertProblem(res, `${route.key} as ${actor.label} as ${type}`)
          if (res.statusCode === 403) return
          if (type === 'text/plain') {
            // Fastify reads text/plain as a string: the schema then says the body is not an object.
            expect(problem.errors?.map((e) => e.path)).toEqual(['body'])
          } else {
            expect(res.statusCode).toBe(415)
            expect(problem.errors?.[0]?.path).toBe('headers.content-type')
          }
        }), { numRuns: 16 })
      }
    }
  })

  test('query strings: unknown keys and invalid values → 400 naming querystring.<name>', async () => {
    for (const route of routes.filter((r) => r.query.length > 0)) {
      const known = route.query.map((q) => q.name)
      const invalid = route.query.flatMap((q) => {
        const value = invalidQueryValue(q.schema)
        return value ? [fc.tuple(fc.constant(q.name), value)] : []
      })
      expect(invalid.length, route.key).toBe(route.query.length)
      const unknown = fc.tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.includes(k) && !k.includes('&') && !k.includes('=')), fc.string())
      const base = VALID_QUERIES[route.key] ?? {}
      // A route with a body gets its valid body, so the query is the only thing wrong.
      const payload = VALID_BODIES[route.key] === undefined ? {} : { payload: JSON.stringify(VALID_BODIES[route.key]) }
      for (const actor of actors) {
        await fc.assert(fc.asyncProperty(fc.oneof(...invalid), async ([name, value]) => {
          const res = await send(route, actor, { url: urlFor(route, undefined, { ...base, [name]: value }), ...payload })
          assertNames(res, `querystring.${name}`, `${route.key} as ${actor.label} ${name}=${JSON.stringify(value)}`)
        }), { numRuns: RUNS })
        await fc.assert(fc.asyncProperty(unknown, async ([name, value]) => {
          const res = await send(route, actor, { url: urlFor(route, undefined, { ...base, [name]: value }), ...payload })
          assertNames(res, `querystring.${name}`, `${route.key} as ${actor.label} unknown ${JSON.stringify(name)}`)
        }), { numRuns: RUNS })
      }
    }
    // The example named in the contract.
    const audit = routes.find((r) => r.key === 'GET /api/v1/audit/entries')!
    assertNames(await send(audit, actors[0]!, { url: '/api/v1/audit/entries?limit=abc' }), 'querystring.limit', 'limit=abc')
  })

  test('path parameters: odd, over-long and badly encoded values → 4xx problem+json', async () => {
    const withParams = routes.filter((r) => r.params.length > 0)
    // Sector ids are written with PUT: only ids that can never be valid, so nothing gets created.
    const sectorId = /^[a-z][a-z0-9-]{1,39}$/
    for (const route of withParams) {
      const isSector = route.path.startsWith('/api/v1/org/sectors')
      const payload = VALID_BODIES[route.key] === undefined ? undefined : JSON.stringify(VALID_BODIES[route.key])
      for (const actor of actors) {
        // Prefixed so that no generated value names a seeded record; lengths straddle the 100-character limit.
        const value = fc.string({ minLength: 1, maxLength: 120 }).map((v) => `zz-${v}`).filter((v) => !(isSector && sectorId.test(v)))
        await fc.assert(fc.asyncProperty(value, async (v) => {
          const params = Object.fromEntries(route.params.map((p) => [p.name, v]))
          const res = await send(route, actor, { url: urlFor(route, params), ...(payload !== undefined ? { payload } : {}) })
          const problem = assertProblem(res, `${route.key} as ${actor.label} with ${JSON.stringify(v)}`)
          if ((v.length > 100 || isSector) && res.statusCode !== 403) {
            expect(res.statusCode).toBe(400)
            expect(problem.errors?.map((e) => e.path)).toContain(`params.${route.params[0]!.name}`)
          }
        }), { numRuns: RUNS })
        // Only the first parameter too long: the error must name it and nothing else.
        const valid = isSector ? SECTOR_PARAMS : VALID_PARAMS
        const longId = urlFor(route, Object.fromEntries(route.params.map((p, i) => [p.name, i === 0 ? 'a'.repeat(150) : valid[p.name]!])))
        assertNames(await send(route, actor, { url: longId, ...(payload !== undefined ? { payload } : {}) }), `params.${route.params[0]!.name}`, `${route.key} 150-char id`)
        for (const raw of ['a'.repeat(300), '%E0%A4%A', '%', '%ZZ', '%C3%28']) {
          const url = route.path.replace(/\{(\w+)\}/g, raw)
          assertProblem(await send(route, actor, { url, ...(payload !== undefined ? { payload } : {}) }), `${route.key} raw ${raw.slice(0, 20)}`)
        }
      }
    }
  })

  test('after the barrage: no row changed, and the process still answers', async () => {
    expect(await counts()).toEqual(before)
    const health = await app.inject({ method: 'GET', url: '/healthz' })
    expect(health.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' })
    // And a well-formed request from the same admin still works end to end.
    const list = await app.inject({ method: 'GET', url: '/api/v1/org/organisations?kind=ministry', headers: actors[0]!.headers })
    expect(list.statusCode).toBe(200)
    expect((list.json() as unknown[]).length).toBeGreaterThan(0)
  })
})

describe('a refused POST /organisations stores nothing', () => {
  test('a body valid except for one reference (unknown sector) leaves the organisation count unchanged', async () => {
    const start = await counts()
    const body = { ...(VALID_BODIES['POST /api/v1/org/organisations'] as object), sectors: ['medical', 'no-such-sector'] }
    const res = await app.inject({ method: 'POST', url: '/api/v1/org/organisations', headers: actors[0]!.headers, payload: body })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.sectors.1'])
    expect(await counts()).toEqual(start)
  })
})
