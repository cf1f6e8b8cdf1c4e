import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { headersFor, openDemoApp, signInAs } from '../harness/demo.ts'
import { buildApp } from '../../src/platform/http/app.ts'
import { createUser } from '../../src/auth/auth-service.ts'
import { createApiToken } from '../../src/org/org-service.ts'
import { listSectors } from '../../src/org/store/organisation-repository.ts'
import { ROLES } from '../../src/authz/domain/vocabulary.ts'
import type { AppContext } from '../../src/platform/context.ts'
import type { Scope } from '../../src/authz/domain/scope.ts'
import { createSuccessor, openConsultation, addComment, requestException } from '../../src/standards/standards-service.ts'
import { currentVersions } from '../../src/standards/store/standards-repository.ts'
import { launchCampaign } from '../../src/assessments/assessments-service.ts'
import { uploadEvidence } from '../../src/assessments/exchange-service.ts'
import { createService } from '../../src/services/services-service.ts'
import { createCriteriaSet, recordDecision } from '../../src/services/designation-service.ts'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { inTransaction } from '../../src/platform/db/database.ts'
import type { CiService } from '../../src/services/domain/service.ts'
import { insertServiceRow, writeServiceChildren } from '../../src/services/store/services-repository.ts'
import { createEdge, createProvider } from '../../src/dependencies/dependencies-service.ts'
import { createDevice } from '../../src/assets/devices-service.ts'
import { decideException, requestException as requestAssetException } from '../../src/assets/exceptions-service.ts'
import { createPlan } from '../../src/assets/replacement-plans-service.ts'
import { SHARED_DATA_DIR } from '../harness/shared-data.ts'
import { singleFile } from '../../src/vulnerabilities/formats/import-file.ts'
import { importVulnerabilityFiles } from '../../src/vulnerabilities/import-service.ts'
import { recomputeAll } from '../../src/vulnerabilities/exposure-service.ts'

/**
 * The authorization matrix: every route of the OpenAPI document × every role × own/other organisation ×
 * acting organisation kind, sent as real requests through sessions and API tokens.
 *
 * The expectations below are written out by hand from DESIGN.md ("Visibility") and the role descriptions,
 * NOT derived from src/authz/domain/policy.ts: if the policy module drifts, this table catches it.
 */

type Role = 'admin' | 'ciso' | 'assessor' | 'reviewer' | 'viewer' | 'auditor'
const ALL_ROLES: readonly Role[] = ['admin', 'ciso', 'assessor', 'reviewer', 'viewer', 'auditor']
const PASSWORD = 'Matrix-Strong-Passphrase-42!'

type Kind = 'national_office' | 'ministry' | 'operator' | 'sharing_body' | 'provider'

/** Another organisation, and what DESIGN.md says the acting organisation is to it. */
interface Other {
  id: string
  /** The acting organisation may see it (read its record). */
  visible: boolean
  /** The acting organisation governs it (the NCO everything; a ministry the operators of its sectors). */
  governed: boolean
  /** Its sectors (for a ministry: its jurisdiction); POST /organisations "on" it creates an operator there. */
  sectors: string[]
}

interface Acting {
  id: string
  kind: Kind
  /** Own sectors (a ministry: its jurisdiction). */
  sectors: string[]
  others: Other[]
}

const ACTING: readonly Acting[] = [
  {
    id: 'nco', kind: 'national_office', sectors: [],
    others: [
      { id: 'aoba-hospital', visible: true, governed: true, sectors: ['medical'] },
      { id: 'mhlw', visible: true, governed: true, sectors: ['medical'] },
    ],
  },
  {
    id: 'mhlw', kind: 'ministry', sectors: ['medical'],
    others: [
      // An operator in its jurisdiction, one outside, and a fellow ministry.
      { id: 'aoba-hospital', visible: true, governed: true, sectors: ['medical'] },
      { id: 'shinonome-bank', visible: false, governed: false, sectors: ['finance'] },
      { id: 'fsa', visible: true, governed: false, sectors: ['finance'] },
    ],
  },
  {
    id: 'clinic-kaede', kind: 'operator', sectors: ['medical'],
    others: [
      // Never another operator, even in the same sector; its own ministry is visible.
      { id: 'aoba-hospital', visible: false, governed: false, sectors: ['medical'] },
      { id: 'shinonome-bank', visible: false, governed: false, sectors: ['finance'] },
      { id: 'mhlw', visible: true, governed: false, sectors: ['medical'] },
    ],
  },
  {
    id: 'ceptoar-medical', kind: 'sharing_body', sectors: ['medical'],
    others: [
      { id: 'aoba-hospital', visible: true, governed: false, sectors: ['medical'] },
      { id: 'shinonome-bank', visible: false, governed: false, sectors: ['finance'] },
    ],
  },
  {
    id: 'sora-cloud', kind: 'provider', sectors: [],
    others: [
      { id: 'aoba-hospital', visible: false, governed: false, sectors: ['medical'] },
      { id: 'nco', visible: true, governed: false, sectors: [] },
    ],
  },
]

type Via = 'session' | 'token'
interface Caller {
  org: Acting
  role: Role
  via: Via
  email: string
  /** Headers for one request; sessions get a fresh sign-in when `fresh` (logout ends them). */
  headers(fresh?: boolean): Promise<Record<string, string>>
}

type Relation = 'own' | 'other' | 'none'
/** A number: allowed, answering exactly that status. 'denied': 403. 'unauthenticated': 401. */
type Expected = number | 'denied' | 'unauthenticated'

interface Case {
  caller: Caller
  relation: Relation
  other: Other | null
  /** The organisation named by the request (own or other), when the route names one. */
  targetId: string | null
  /** For routes about a standard: which fixture the request is about (see VARIANT comments below). */
  variant: string | null
}

interface Built { url: string; payload?: unknown; headers?: Record<string, string>; contentType?: string; after?: (res: LightMyRequestResponse) => Promise<string | null> }

interface RouteSpec {
  action: string
  /** Which relations the route has: targeted routes name an organisation (or a token of one). */
  relations: readonly Relation[]
  /** Fixtures the request is sent about, each crossed with every caller and relation. */
  variants?: readonly string[]
  /** Every signed-in caller may use it (so no refusal is expected at all). */
  everyone?: boolean
  expect(c: Case): Expected
  build(c: Case): Promise<Built>
}

const isAdmin = (c: Case) => c.caller.role === 'admin'
const bySession = (c: Case) => c.caller.via === 'session'
const ok = (allowed: boolean, status: number): Expected => (allowed ? status : 'denied')

// Filled in beforeAll; used by the route builders.
let ctx: AppContext
let app: FastifyInstance
const names = new Map<string, { name: string; nameEn: string }>()
const sectors = new Map<string, { nameJa: string; nameEn: string; ministryIds: string[] }>()
let serial = 0

function systemScope(organisationId: string): Scope {
  return { actor: 'system', userId: null, organisationId, organisationKind: 'operator', role: 'admin', sectorIds: [] }
}

async function tokenOf(organisationId: string): Promise<string> {
  return (await createApiToken(ctx, systemScope(organisationId), { name: `victim-${serial++}`, role: 'viewer', expiresInDays: 30 })).id
}

async function memberOf(organisationId: string): Promise<string> {
  return createUser(ctx, 'system', { email: `matrix-victim-${serial++}@test.kaname.jp`, displayName: 'victim', password: null, locale: 'ja', organisationId, role: 'viewer' })
}

async function isMember(userId: string, organisationId: string): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('membership').select('user_id').where('user_id', '=', userId).where('organisation_id', '=', organisationId).executeTakeFirst()
  return row !== undefined
}

async function tokenRevoked(id: string): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('api_token').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow()
  return row.revoked_at !== null
}

// ---------------------------------------------------------------------------------------------------------
// Standards and obligations. Rules written out from DESIGN.md and the issue, not from policy.ts:
// - published (and in-force, superseded) versions are everyone's; a draft is its owner's and the NCO's; a draft
//   open for consultation (S24) is also read by every ministry and by the organisations of its sector (all
//   organisations when the document belongs to no sector);
// - only admins of the NCO and ministries write standards, and only the owning organisation changes its
//   document; a ministry writes documents for the sectors of its jurisdiction; the Unified Standard is the NCO's;
// - exceptions (例外措置) are requested by the profile's owner and decided by NCO admins alone; the government's
//   members other than viewers and assessors read them (the NCO all, a ministry its own documents');
// - tiers are recorded by admins of the NCO or of the ministry in charge, for operators only;
// - "what applies to me" is an operator's own (any role) and its governors' (the NCO, the ministry in charge);
// - an operator's admin or CISO declares its facts.
// ---------------------------------------------------------------------------------------------------------

/** Fixtures for the routes about versions, created in beforeAll. */
interface Fixtures {
  /** Version ids by read variant. */
  read: Record<ReadVariant, string>
  /** Unchanging labels of the hidden fixtures: a refusal must not echo them. */
  hiddenLabels: string[]
  /** Published versions by owner: the Unified Standard (NCO) and the medical national-systems profile (MHLW). */
  published: Record<Owner, string>
  /** Drafts that refused requests must leave as they are. */
  shared: Record<Owner, string>
  sharedDigest: Record<Owner, string>
  /** The profile of the MHLW draft (what PUT /profile writes back). */
  mhlwProfile: unknown
  /** Comments on the open drafts, one per owner. */
  comment: Record<Owner, string>
  /** Requested exceptions: MHLW's (decided only in allowed cases) and the FSA's. */
  exception: { mhlw: string; fsa: string }
}
type ReadVariant = 'published' | 'draft' | 'consultation' | 'consultation-all'
type Owner = 'mhlw' | 'nco'
const READ_VARIANTS: readonly ReadVariant[] = ['published', 'draft', 'consultation', 'consultation-all']
const OWNERS: readonly Owner[] = ['mhlw', 'nco']
const NODE = 'us-3.1.1.1'
let fx: Fixtures
const kinds = new Map<string, string>()

/**
 * published: the Unified Standard in force. draft: MHLW's closed draft of its medical profile.
 * consultation: MHLW's medical draft open for comments. consultation-all: the NCO's Unified Standard draft open for comments.
 */
function canSee(c: Case, variant: ReadVariant): boolean {
  const org = c.caller.org
  switch (variant) {
    case 'published':
    case 'consultation-all':
      return true
    case 'draft':
      return org.id === 'mhlw' || org.kind === 'national_office'
    case 'consultation':
      return org.id === 'mhlw' || org.kind === 'national_office' || org.kind === 'ministry' || org.sectors.includes('medical')
  }
}

const isGovernment = (c: Case) => c.caller.org.kind === 'national_office' || c.caller.org.kind === 'ministry'
const ownerAdmin = (c: Case, owner: Owner) => isAdmin(c) && c.caller.org.id === owner
const ownerScope = (owner: Owner): Scope => owner === 'mhlw'
  ? { actor: 'system', userId: null, organisationId: 'mhlw', organisationKind: 'ministry', role: 'admin', sectorIds: ['medical'] }
  : { actor: 'system', userId: null, organisationId: 'nco', organisationKind: 'national_office', role: 'admin', sectorIds: [] }

async function freshDraft(owner: Owner): Promise<string> {
  return (await createSuccessor(ctx, ownerScope(owner), fx.published[owner], `matrix-fresh-${serial++}`)).id
}

async function versionRow(id: string) {
  return ctx.database.db.selectFrom('standard_version').select(['status', 'consultation_open', 'content_digest']).where('id', '=', id).executeTakeFirstOrThrow()
}

/** A shared draft must be exactly as created after a refused request. */
async function sharedUnchanged(owner: Owner): Promise<string | null> {
  const row = await versionRow(fx.shared[owner])
  return row.status === 'draft' && !row.consultation_open && row.content_digest === fx.sharedDigest[owner] ? null : `shared ${owner} draft changed: ${JSON.stringify(row)}`
}

const readRoute = (path: (versionId: string) => string, extra: Partial<RouteSpec> = {}): RouteSpec => ({
  action: 'standards.read', relations: ['none'], variants: READ_VARIANTS,
  expect: (c) => ok(canSee(c, c.variant as ReadVariant), 200),
  build: async (c) => ({
    url: path(fx.read[c.variant as ReadVariant]),
    after: async (res) => (res.statusCode === 403 && fx.hiddenLabels.some((l) => res.body.includes(l)) ? 'refusal echoes a hidden draft' : null),
  }),
  ...extra,
})

/** A tiny schema-valid OSCAL catalog, distinct per call. */
function tinyCatalog(n: number) {
  return {
    catalog: {
      uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      metadata: { title: `Matrix catalog ${n}`, 'last-modified': '2026-01-01T00:00:00Z', version: '1.0', 'oscal-version': '1.1.2' },
      controls: [{ id: 'mx-1', title: 'Matrix control', parts: [{ id: 'mx-1_smt', name: 'statement', prose: `Matrix requirement ${n}.` }] }],
    },
  }
}

const documentAllowed = (c: Case, sectorId: string) =>
  isAdmin(c) && (c.caller.org.kind === 'national_office' || (c.caller.org.kind === 'ministry' && c.caller.org.sectors.includes(sectorId)))

const STANDARDS_TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/standards/documents': {
    action: 'standards.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async (c) => ({
      url: '/api/v1/standards/documents',
      // The list is a read path too: it holds exactly the versions the caller may see.
      after: async (res) => {
        const ids = new Set((res.json() as { versions: { id: string }[] }[]).flatMap((d) => d.versions.map((v) => v.id)))
        for (const v of READ_VARIANTS) if (ids.has(fx.read[v]) !== canSee(c, v)) return `${v} version ${canSee(c, v) ? 'missing from' : 'leaked into'} the list`
        return null
      },
    }),
  },
  'POST /api/v1/standards/documents': {
    // The variant is the new document's sector: a ministry writes only for its jurisdiction.
    action: 'standards.author', relations: ['none'], variants: ['medical', 'finance'],
    expect: (c) => ok(documentAllowed(c, c.variant!), 201),
    build: async (c) => {
      const id = `matrix-doc-${serial++}`
      return {
        url: '/api/v1/standards/documents',
        payload: { id, kind: 'guideline', title: { ja: 'マトリクス文書', en: 'Matrix document' }, sectorId: c.variant, label: '1.0', profileOf: null },
        after: async (res) => {
          const stored = await ctx.database.db.selectFrom('standard_document').select('owner_organisation_id').where('id', '=', id).executeTakeFirst()
          if ((stored !== undefined) !== (res.statusCode === 201)) return `document stored=${stored !== undefined} after ${res.statusCode}`
          return stored && stored.owner_organisation_id !== c.caller.org.id ? `owned by ${stored.owner_organisation_id}` : null
        },
      }
    },
  },
  'GET /api/v1/standards/versions/{versionId}': readRoute((id) => `/api/v1/standards/versions/${id}`),
  'GET /api/v1/standards/versions/{versionId}/nodes': readRoute((id) => `/api/v1/standards/versions/${id}/nodes?q=CISO`),
  'GET /api/v1/standards/versions/{versionId}/diff': readRoute((id) => `/api/v1/standards/versions/${id}/diff?against=${fx.read.published}`),
  'GET /api/v1/standards/versions/{versionId}/check': readRoute((id) => `/api/v1/standards/versions/${id}/check`),
  'GET /api/v1/standards/versions/{versionId}/comments': readRoute((id) => `/api/v1/standards/versions/${id}/comments`),
  'GET /api/v1/standards/versions/{versionId}/export/oscal': readRoute((id) => `/api/v1/standards/versions/${id}/export/oscal`),
  'GET /api/v1/standards/versions/{versionId}/export/xlsx': readRoute((id) => `/api/v1/standards/versions/${id}/export/xlsx`),
  'GET /api/v1/standards/mappings': readRoute((id) => `/api/v1/standards/mappings?version=${id}`),
  'POST /api/v1/standards/versions/{versionId}/successor': {
    // The variant is the owner of the published version the new draft starts from.
    action: 'standards.author', relations: ['none'], variants: OWNERS,
    expect: (c) => ok(ownerAdmin(c, c.variant as Owner), 201),
    build: async (c) => ({ url: `/api/v1/standards/versions/${fx.published[c.variant as Owner]}/successor`, payload: { label: `matrix-successor-${serial++}` } }),
  },
  'PUT /api/v1/standards/versions/{versionId}/profile': {
    action: 'standards.author', relations: ['none'],
    expect: (c) => ok(ownerAdmin(c, 'mhlw'), 200),
    build: async (c) => {
      const allowed = typeof TABLE['PUT /api/v1/standards/versions/{versionId}/profile']!.expect(c) === 'number'
      const id = allowed ? await freshDraft('mhlw') : fx.shared.mhlw
      return { url: `/api/v1/standards/versions/${id}/profile`, payload: fx.mhlwProfile, after: async (res) => (res.statusCode === 200 ? null : sharedUnchanged('mhlw')) }
    },
  },
  'POST /api/v1/standards/versions/{versionId}/status': {
    action: 'standards.author', relations: ['none'], variants: OWNERS,
    expect: (c) => ok(ownerAdmin(c, c.variant as Owner), 200),
    build: async (c) => {
      const owner = c.variant as Owner
      const id = ownerAdmin(c, owner) ? await freshDraft(owner) : fx.shared[owner]
      return {
        url: `/api/v1/standards/versions/${id}/status`, payload: { to: 'published' },
        after: async (res) => (res.statusCode === 200 ? ((await versionRow(id)).status === 'published' ? null : 'not published') : sharedUnchanged(owner)),
      }
    },
  },
  'POST /api/v1/standards/versions/{versionId}/consultation': {
    action: 'standards.author', relations: ['none'], variants: OWNERS,
    expect: (c) => ok(ownerAdmin(c, c.variant as Owner), 200),
    build: async (c) => {
      const owner = c.variant as Owner
      const id = ownerAdmin(c, owner) ? await freshDraft(owner) : fx.shared[owner]
      return {
        url: `/api/v1/standards/versions/${id}/consultation`, payload: { open: true },
        after: async (res) => (res.statusCode === 200 ? ((await versionRow(id)).consultation_open ? null : 'not opened') : sharedUnchanged(owner)),
      }
    },
  },
  'POST /api/v1/standards/versions/{versionId}/comments': {
    // Members who work on substance comment (not viewers, not auditors), on a draft they can see that is open.
    action: 'standards.comment', relations: ['none'], variants: READ_VARIANTS,
    expect: (c) => {
      if (!['admin', 'ciso', 'assessor', 'reviewer'].includes(c.caller.role)) return 'denied'
      const variant = c.variant as ReadVariant
      if (!canSee(c, variant)) return 'denied'
      return variant === 'consultation' || variant === 'consultation-all' ? 201 : 409
    },
    build: async (c) => ({ url: `/api/v1/standards/versions/${fx.read[c.variant as ReadVariant]}/comments`, payload: { nodeId: NODE, body: `マトリクスの意見 ${serial++}` } }),
  },
  'POST /api/v1/standards/comments/{commentId}/answer': {
    // The variant is the owner of the commented draft: only its admins answer.
    action: 'standards.author', relations: ['none'], variants: OWNERS,
    expect: (c) => ok(ownerAdmin(c, c.variant as Owner), 200),
    build: async (c) => ({ url: `/api/v1/standards/comments/${fx.comment[c.variant as Owner]}/answer`, payload: { status: 'considered', body: '検討します' } }),
  },
  'GET /api/v1/standards/exceptions': {
    action: 'standards.exceptions.read', relations: ['none'],
    expect: (c) => ok(isGovernment(c) && ['admin', 'ciso', 'reviewer', 'auditor'].includes(c.caller.role), 200),
    build: async (c) => ({
      url: '/api/v1/standards/exceptions',
      after: async (res) => {
        if (res.statusCode !== 200) return null
        const rows = res.json() as { id: string; ownerOrganisationId: string }[]
        const ids = new Set(rows.map((r) => r.id))
        if (c.caller.org.kind === 'national_office') return ids.has(fx.exception.mhlw) && ids.has(fx.exception.fsa) ? null : 'the NCO should see every sector\'s exceptions'
        const foreign = rows.filter((r) => r.ownerOrganisationId !== c.caller.org.id)
        if (foreign.length > 0) return `lists ${foreign.length} exception(s) of other owners`
        return c.caller.org.id === 'mhlw' && !ids.has(fx.exception.mhlw) ? 'own exception missing' : null
      },
    }),
  },
  'POST /api/v1/standards/versions/{versionId}/exceptions': {
    action: 'standards.exceptions.request', relations: ['none'],
    expect: (c) => ok(ownerAdmin(c, 'mhlw'), 201),
    build: async () => {
      const count = async () => (await ctx.database.db.selectFrom('standard_exception').select('id').where('version_id', '=', fx.shared.mhlw).execute()).length
      const before = await count()
      return {
        url: `/api/v1/standards/versions/${fx.shared.mhlw}/exceptions`,
        payload: { nodeId: NODE, tierId: null, kind: 'dropped', reason: 'マトリクス', compensatingMeasures: '代替策', expiresAt: '2099-01-01T00:00:00Z' },
        after: async (res) => ((await count()) - before === (res.statusCode === 201 ? 1 : 0) ? null : `exceptions ${before} → ${await count()} after ${res.statusCode}`),
      }
    },
  },
  'POST /api/v1/standards/exceptions/{exceptionId}/decision': {
    action: 'standards.exceptions.decide', relations: ['none'],
    expect: (c) => ok(isAdmin(c) && c.caller.org.kind === 'national_office', 200),
    build: async (c) => {
      const allowed = isAdmin(c) && c.caller.org.kind === 'national_office'
      const id = allowed
        ? (await requestException(ctx, ownerScope('mhlw'), fx.shared.mhlw, { nodeId: NODE, tierId: null, kind: 'dropped', reason: 'r', compensatingMeasures: 'm', expiresAt: '2099-01-01T00:00:00Z' })).id
        : fx.exception.mhlw
      return {
        url: `/api/v1/standards/exceptions/${id}/decision`, payload: { approve: true, note: null },
        after: async (res) => {
          const row = await ctx.database.db.selectFrom('standard_exception').select('status').where('id', '=', id).executeTakeFirstOrThrow()
          return (row.status === 'approved') === (res.statusCode === 200) ? null : `exception ${row.status} after ${res.statusCode}`
        },
      }
    },
  },
  'GET /api/v1/standards/tiers': {
    action: 'standards.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async () => ({ url: '/api/v1/standards/tiers?sector=medical' }),
  },
  'PUT /api/v1/standards/operators/{id}/tiers/{sectorId}': {
    action: 'standards.tiers.assign', relations: ['own', 'other'],
    expect: (c) => ok(isAdmin(c) && c.relation === 'other' && c.other!.governed && kinds.get(c.targetId!) === 'operator', 200),
    build: async (c) => {
      const sector = (c.relation === 'own' ? c.caller.org.sectors : c.other!.sectors)[0] ?? 'medical'
      const current = await ctx.database.db.selectFrom('operator_tier').select('tier_id').where('organisation_id', '=', c.targetId!).where('sector_id', '=', sector).executeTakeFirst()
      // The tier the operator has (or a valid one of its sector): a real decision that changes no obligations.
      const tierId = current?.tier_id ?? (sector === 'finance' ? 'finance-regional' : 'medical-small')
      return { url: `/api/v1/standards/operators/${c.targetId}/tiers/${sector}`, payload: { tierId, reason: 'マトリクスの確認' } }
    },
  },
  'POST /api/v1/standards/import/oscal': {
    // medical / finance: a new guideline of that sector. unified: a new version of the NCO's Unified Standard.
    action: 'standards.author', relations: ['none'], variants: ['medical', 'finance', 'unified'],
    expect: (c) => ok(c.variant === 'unified' ? isAdmin(c) && c.caller.org.kind === 'national_office' : documentAllowed(c, c.variant!), 201),
    build: async (c) => {
      const n = serial++
      const query = c.variant === 'unified'
        ? 'format=catalog&documentKind=unified_standard&documentId=unified-standard&status=draft'
        : `format=catalog&documentKind=guideline&documentId=matrix-import-${n}&sectorId=${c.variant}&status=draft`
      const before = await ctx.database.db.selectFrom('standard_version').select('id').execute()
      return {
        url: `/api/v1/standards/import/oscal?${query}`, payload: tinyCatalog(n),
        after: async (res) => {
          const after = await ctx.database.db.selectFrom('standard_version').select('id').execute()
          return after.length - before.length === (res.statusCode === 201 ? 1 : 0) ? null : `versions ${before.length} → ${after.length} after ${res.statusCode}`
        },
      }
    },
  },
  'GET /api/v1/obligations/{id}': {
    action: 'obligations.read', relations: ['own', 'other'],
    expect: (c) => ok(kinds.get(c.targetId!) === 'operator' && (c.relation === 'own' || c.other!.governed), 200),
    build: async (c) => ({
      url: `/api/v1/obligations/${c.targetId}`,
      after: async (res) => (res.statusCode !== 200 || (res.json() as { organisationId: string }).organisationId === c.targetId ? null : 'report about another organisation'),
    }),
  },
  'GET /api/v1/obligations/{id}/xlsx': {
    action: 'obligations.read', relations: ['own', 'other'],
    expect: (c) => ok(kinds.get(c.targetId!) === 'operator' && (c.relation === 'own' || c.other!.governed), 200),
    build: async (c) => ({ url: `/api/v1/obligations/${c.targetId}/xlsx` }),
  },
  'GET /api/v1/obligations/{id}/changes': {
    action: 'obligations.read', relations: ['own', 'other'],
    expect: (c) => ok(kinds.get(c.targetId!) === 'operator' && (c.relation === 'own' || c.other!.governed), 200),
    build: async (c) => ({
      url: `/api/v1/obligations/${c.targetId}/changes`,
      after: async (res) => (res.statusCode !== 200 || (res.json() as { organisationId: string }).organisationId === c.targetId ? null : 'changes of another organisation'),
    }),
  },
  'POST /api/v1/standards/mappings/import': {
    // An empty CSV (header only): authorised callers get 200 with nothing inserted, so the data stays as it was.
    action: 'standards.author', relations: ['none'],
    expect: (c) => ok(isAdmin(c) && ['national_office', 'ministry'].includes(c.caller.org.kind), 200),
    build: async () => {
      const before = await ctx.database.db.selectFrom('standard_mapping').select('id').execute()
      return {
        url: '/api/v1/standards/mappings/import',
        payload: { format: 'csv', csv: 'source_version,source_id,target_version,target_id,relationship,rationale\r\n' },
        after: async () => {
          const after = await ctx.database.db.selectFrom('standard_mapping').select('id').execute()
          return after.length === before.length ? null : `mappings ${before.length} → ${after.length}`
        },
      }
    },
  },
  'PUT /api/v1/org/organisations/{id}/facts': {
    action: 'org.facts.manage', relations: ['own', 'other'],
    expect: (c) => ok(c.relation === 'own' && c.caller.org.kind === 'operator' && ['admin', 'ciso'].includes(c.caller.role), 200),
    build: async (c) => {
      // Its current facts written back: a real declaration that leaves the data as it was.
      const facts = (await ctx.database.db.selectFrom('organisation_fact').select('fact').where('organisation_id', '=', c.targetId!).execute()).map((r) => r.fact)
      return { url: `/api/v1/org/organisations/${c.targetId}/facts`, payload: { facts } }
    },
  },
}

/** The expectation table: one entry per (method, OpenAPI path). */
// ---------------------------------------------------------------------------------------------------------
// Assessments. Rules from DESIGN.md ("Visibility") and issue 4, not from policy.ts:
// - campaigns are launched and closed by admins of the NCO and ministries (closed only by the launcher);
// - a campaign is visible to the NCO, to ministries over its operators' sectors and to the operators it asks;
// - an operator's questionnaire is its own and its governors' (who see only submitted snapshots); only the
//   operator edits answers (admin, CISO, assessor), only its management (admin, CISO) signs off and submits;
// - reviewers (admin, reviewer) of the NCO and the ministry in charge review; an operator never reviews;
// - plans and support requests are the operator's to write, its governors' to read.
// The fixture campaign (launched by the NCO) asks every medical and finance operator.
// ---------------------------------------------------------------------------------------------------------

let campaignId = ''
let evidenceId = ''
const CAMPAIGN_OPERATORS = new Set(['clinic-kaede', 'aoba-hospital', 'shinonome-bank'])
const seesCampaign = (c: Case) => c.caller.org.kind === 'national_office' || c.caller.org.id === 'mhlw' || c.caller.org.id === 'clinic-kaede'
// Any signed-in role may ask; a campaign the caller may not see is answered 404, as if it did not exist.
const campaignRead = (path: string): RouteSpec => ({
  action: 'assessments.read', relations: ['none'], everyone: true,
  expect: (c) => (seesCampaign(c) ? 200 : 404),
  build: async () => ({ url: `/api/v1/assessments/campaigns/${campaignId}${path}` }),
})
/** Own: an operator asked in the campaign, else no questionnaire (404). Other: its governors, for operators asked. */
function targetOutcome(c: Case, status: number, relations: readonly ('own' | 'other')[]): Expected {
  if (!relations.includes(c.relation as 'own' | 'other')) return 'denied'
  if (c.relation === 'own') return CAMPAIGN_OPERATORS.has(c.targetId!) ? status : 404
  if (!c.other!.governed) return 'denied'
  return CAMPAIGN_OPERATORS.has(c.targetId!) ? status : 404
}
const hasRole = (c: Case, roles: readonly Role[]) => roles.includes(c.caller.role)
const launchPayload = (due: string) => ({ title: { ja: 'マトリクス', en: 'Matrix' }, cycle: 'matrix', scope: { operatorIds: ['clinic-kaede'] }, dueDate: due })
const dueDate = () => new Date(ctx.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10)

const ASSESSMENTS_TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/assessments/campaigns': {
    action: 'assessments.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async () => ({ url: '/api/v1/assessments/campaigns' }),
  },
  'POST /api/v1/assessments/campaigns': {
    action: 'assessments.launch', relations: ['none'],
    expect: (c) => ok(isAdmin(c) && isGovernment(c), 201),
    build: async () => {
      const before = (await ctx.database.db.selectFrom('campaign').select('id').execute()).length
      return {
        url: '/api/v1/assessments/campaigns', payload: launchPayload(dueDate()),
        after: async (res) => {
          const after = (await ctx.database.db.selectFrom('campaign').select('id').execute()).length
          return after - before === (res.statusCode === 201 ? 1 : 0) ? null : `campaigns ${before} → ${after} after ${res.statusCode}`
        },
      }
    },
  },
  'GET /api/v1/assessments/campaigns/{campaignId}': campaignRead(''),
  'GET /api/v1/assessments/campaigns/{campaignId}/dashboard': { ...campaignRead('/dashboard'), action: 'assessments.dashboard' },
  'GET /api/v1/assessments/campaigns/{campaignId}/support-requests': campaignRead('/support-requests'),
  'GET /api/v1/assessments/campaigns/{campaignId}/operators': campaignRead('/operators'),
  'POST /api/v1/assessments/campaigns/{campaignId}/close': {
    // Only the launcher closes: allowed callers close a fresh campaign of the NCO's, refused ones try the fixture.
    action: 'assessments.launch', relations: ['none'],
    expect: (c) => ok(isAdmin(c) && c.caller.org.kind === 'national_office', 200),
    build: async (c) => {
      const allowed = isAdmin(c) && c.caller.org.kind === 'national_office'
      const id = allowed ? (await launchCampaign(ctx, ownerScope('nco'), { ...launchPayload(dueDate()), previousCampaignId: null, scope: { sectors: [], tierIds: [], operatorIds: ['clinic-kaede'] }, reminderDays: [], kpis: [] })).id : campaignId
      return {
        url: `/api/v1/assessments/campaigns/${id}/close`,
        after: async (res) => {
          const row = await ctx.database.db.selectFrom('campaign').select('status').where('id', '=', id).executeTakeFirstOrThrow()
          return (row.status === 'closed') === (res.statusCode === 200) ? null : `campaign ${row.status} after ${res.statusCode}`
        },
      }
    },
  },
  'GET /api/v1/assessments/campaigns/{campaignId}/operators/{id}': {
    action: 'assessments.target.read', relations: ['own', 'other'],
    expect: (c) => targetOutcome(c, 200, ['own', 'other']),
    build: async (c) => ({
      url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}`,
      after: async (res) => {
        if (res.statusCode !== 200) return null
        const body = res.json() as { target: { operatorId: string }; answersAre: string }
        if (body.target.operatorId !== c.targetId) return 'questionnaire of another operator'
        return c.relation === 'other' && body.answersAre === 'working' ? 'a governor was handed working answers' : null
      },
    }),
  },
  'GET /api/v1/assessments/campaigns/{campaignId}/operators/{id}/plan': {
    action: 'assessments.target.read', relations: ['own', 'other'],
    expect: (c) => targetOutcome(c, 200, ['own', 'other']),
    build: async (c) => ({ url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/plan` }),
  },
  'PUT /api/v1/assessments/campaigns/{campaignId}/operators/{id}/answers': {
    action: 'assessments.answer', relations: ['own', 'other'],
    expect: (c) => (hasRole(c, ['admin', 'ciso', 'assessor']) ? targetOutcome(c, 200, ['own']) : 'denied'),
    build: async (c) => {
      const count = async () => (await ctx.database.db.selectFrom('assessment_answer').select('obligation_key').where('operator_id', '=', c.targetId!).execute()).length
      const before = await count()
      return {
        url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/answers`, payload: { answers: [] },
        after: async (res) => (res.statusCode === 200 || (await count()) === before ? null : `answers of ${c.targetId} changed after ${res.statusCode}`),
      }
    },
  },
  'POST /api/v1/assessments/campaigns/{campaignId}/operators/{id}/submit': {
    // The fixture's answers are incomplete: a permitted submit is refused by the rules (422), never by authorization.
    action: 'assessments.submit', relations: ['own', 'other'],
    expect: (c) => (hasRole(c, ['admin', 'ciso']) ? targetOutcome(c, 422, ['own']) : 'denied'),
    build: async (c) => ({ url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/submit` }),
  },
  'POST /api/v1/assessments/campaigns/{campaignId}/operators/{id}/review': {
    // The fixture operators are drafts: a permitted reviewer gets 409 (nothing submitted to review).
    action: 'assessments.review', relations: ['own', 'other'],
    expect: (c) => (hasRole(c, ['admin', 'reviewer']) && isGovernment(c) ? targetOutcome(c, 409, ['other']) : 'denied'),
    build: async (c) => ({ url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/review`, payload: { action: 'start' } }),
  },
  'GET /api/v1/assessments/campaigns/{campaignId}/operators/{id}/xlsx': {
    action: 'assessments.target.read', relations: ['own', 'other'],
    expect: (c) => targetOutcome(c, 200, ['own', 'other']),
    build: async (c) => ({ url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/xlsx` }),
  },
  'PUT /api/v1/assessments/campaigns/{campaignId}/operators/{id}/xlsx': {
    // Not a workbook: a permitted import is refused by the zip check (422) and stores nothing.
    action: 'assessments.answer', relations: ['own', 'other'],
    expect: (c) => (hasRole(c, ['admin', 'ciso', 'assessor']) ? targetOutcome(c, 422, ['own']) : 'denied'),
    build: async (c) => ({
      url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/xlsx`, payload: Buffer.from('not a workbook'),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  },
  'GET /api/v1/assessments/campaigns/{campaignId}/operators/{id}/oscal': {
    // The operator exports its working copy; its governors only what was submitted (nothing yet: 409).
    action: 'assessments.target.read', relations: ['own', 'other'],
    expect: (c) => (c.relation === 'own' ? targetOutcome(c, 200, ['own']) : targetOutcome(c, 409, ['other'])),
    build: async (c) => ({ url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/oscal?kind=assessment-results` }),
  },
  'GET /api/v1/assessments/evidence': {
    action: 'assessments.evidence', relations: ['none'],
    expect: (c) => ok(hasRole(c, ['admin', 'ciso', 'assessor']), 200),
    build: async (c) => ({
      url: '/api/v1/assessments/evidence',
      after: async (res) => (res.statusCode !== 200 || (res.json() as { organisationId: string }[]).every((e) => e.organisationId === c.caller.org.id) ? null : 'lists another organisation\'s evidence'),
    }),
  },
  'POST /api/v1/assessments/evidence': {
    action: 'assessments.evidence', relations: ['none'],
    expect: (c) => ok(hasRole(c, ['admin', 'ciso', 'assessor']), 201),
    build: async () => ({
      url: `/api/v1/assessments/evidence?fileName=${encodeURIComponent('記録.txt')}`, payload: Buffer.from('復旧訓練 2026-10-01 完了\n'),
      contentType: 'application/octet-stream',
    }),
  },
  'GET /api/v1/assessments/evidence/{evidenceId}/content': {
    // The fixture is the clinic's, cited by no snapshot: only the clinic opens it; anyone else gets 404.
    action: 'assessments.evidence.read', relations: ['none'], everyone: true,
    expect: (c) => (c.caller.org.id === 'clinic-kaede' ? 200 : 404),
    build: async () => ({ url: `/api/v1/assessments/evidence/${evidenceId}/content` }),
  },
  'PATCH /api/v1/assessments/campaigns/{campaignId}/operators/{id}/plan/{itemId}': {
    action: 'assessments.plan', relations: ['own', 'other'],
    expect: (c) => (hasRole(c, ['admin', 'ciso', 'assessor']) ? targetOutcome(c, 404, ['own']) : 'denied'),
    build: async (c) => ({ url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/plan/no-such-item`, payload: { owner: 'matrix' } }),
  },
  'POST /api/v1/assessments/campaigns/{campaignId}/operators/{id}/support-requests': {
    action: 'assessments.support', relations: ['own', 'other'],
    expect: (c) => (hasRole(c, ['admin', 'ciso', 'assessor']) ? targetOutcome(c, 201, ['own']) : 'denied'),
    build: async (c) => {
      const row = await ctx.database.db.selectFrom('campaign_target').select('questionnaire').where('campaign_id', '=', campaignId).where('operator_id', '=', c.targetId!).executeTakeFirst()
      const key = row ? (JSON.parse(row.questionnaire) as { key: string }[])[0]!.key : 'none'
      return { url: `/api/v1/assessments/campaigns/${campaignId}/operators/${c.targetId}/support-requests`, payload: { obligationKey: key, reason: '単独では対応できません' } }
    },
  },
}

// ---------------------------------------------------------------------------------------------------------
// Dependencies (issue 5 contract), written out from the contract, not from policy.ts:
// - the provider registry and every analysis are read by every signed-in caller (over what it may see);
// - admins and CISOs of the NCO, ministries and operators register providers and record dependencies; sharing
//   bodies and provider organisations only read; a provider is changed by its registrant or the NCO;
// - a service is seen by its operator, the ministry in charge of the operator's sectors and the NCO; an edge is
//   seen when both its ends are, and written by whoever may write its `from` (a service: those who see it; a
//   provider: its registrant or the NCO). An edge the caller cannot see is 404, one it sees but may not write 403.
// Fixtures: services of clinic-kaede (medical), aoba-hospital (medical), shinonome-bank (finance); a cloud
// registered by clinic-kaede and a power provider registered by the NCO; an edge from each service to the cloud
// and cloud → power.
// ---------------------------------------------------------------------------------------------------------

interface DependencyFixtures {
  services: Record<'clinic' | 'aoba' | 'bank', string>
  cloud: string
  power: string
  edges: Record<EdgeVariant, string>
}
type EdgeVariant = 'clinic' | 'aoba' | 'bank' | 'provider'
const EDGE_VARIANTS: readonly EdgeVariant[] = ['clinic', 'aoba', 'bank', 'provider']
let dx: DependencyFixtures
const ncoScope = (): Scope => ownerScope('nco')

async function matrixService(operatorId: string, sector: string, nameJa: string): Promise<string> {
  const service: CiService = {
    id: randomUUID(), operatorId, name: { ja: nameJa, en: nameJa }, sector, type: 'matrix', peopleServed: 1000, businessesServed: 0,
    prefectures: [{ prefectureCode: '13', people: 0 }], substitutes: [], mtpdHours: 24, rtoHours: 4, rpoHours: 1, rlo: 0.5, impact: { afterHour: 0, afterDay: 0, afterWeek: 0 },
  }
  await inTransaction(ctx.database, async (trx) => {
    await insertServiceRow(trx, service, ctx.now().toISOString(), 'matrix')
    await writeServiceChildren(trx, service)
  })
  return service.id
}

const matrixProvider = async (registrant: Scope) =>
  (await createProvider(ctx, registrant, { name: { ja: `マトリクス事業者${serial++}`, en: `Matrix provider ${serial}` }, providerType: 'cloud', prefectures: ['13'], annualFailureProbability: null })).id

async function dependencyFixtures(): Promise<DependencyFixtures> {
  const services = {
    clinic: await matrixService('clinic-kaede', 'medical', 'マトリクス外来'),
    aoba: await matrixService('aoba-hospital', 'medical', 'マトリクス病棟'),
    bank: await matrixService('shinonome-bank', 'finance', 'マトリクス決済'),
  }
  const clinicScope: Scope = { actor: 'system', userId: null, organisationId: 'clinic-kaede', organisationKind: 'operator', role: 'admin', sectorIds: ['medical'] }
  const cloud = await matrixProvider(clinicScope)
  const power = await matrixProvider(ncoScope())
  const edge = async (from: string, to: string) => (await createEdge(ctx, ncoScope(), { from, to, criticality: 'critical', failover: { kind: 'none' }, alternatives: [] })).id
  return {
    services, cloud, power,
    edges: { clinic: await edge(services.clinic, cloud), aoba: await edge(services.aoba, cloud), bank: await edge(services.bank, cloud), provider: await edge(cloud, power) },
  }
}

const managesDependencies = (c: Case) => hasRole(c, ['admin', 'ciso']) && ['national_office', 'ministry', 'operator'].includes(c.caller.org.kind)
/** Which fixture services the acting organisation sees. */
function seesService(c: Case, which: 'clinic' | 'aoba' | 'bank'): boolean {
  const org = c.caller.org
  if (org.kind === 'national_office') return true
  if (which === 'clinic') return org.id === 'clinic-kaede' || org.id === 'mhlw'
  if (which === 'aoba') return org.id === 'mhlw'
  return false
}
/** An edge variant's fate for a caller allowed to manage: 404 unseen, 403 seen but not its to write, else `status`. */
function edgeWrite(c: Case, variant: EdgeVariant, status: number): Expected {
  if (!managesDependencies(c)) return 'denied'
  if (variant === 'provider') return c.caller.org.kind === 'national_office' || c.caller.org.id === 'clinic-kaede' ? status : 'denied'
  return seesService(c, variant) ? status : 404
}
const edgeExists = async (id: string) => (await ctx.database.db.selectFrom('dependency_edge').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
const providerExists = async (id: string) => (await ctx.database.db.selectFrom('dependency_provider').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
const everyoneReads = (url: string, after?: (c: Case, res: LightMyRequestResponse) => Promise<string | null>): RouteSpec => ({
  action: url.includes('/edges') || url.includes('/providers') || url.includes('/export') ? 'dependencies.read' : 'dependencies.analyse',
  relations: ['none'], everyone: true, expect: () => 200,
  build: async (c) => ({ url, ...(after ? { after: (res: LightMyRequestResponse) => after(c, res) } : {}) }),
})

const DEPENDENCIES_TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/dependencies/providers': everyoneReads('/api/v1/dependencies/providers', async (_c, res) => {
    const ids = new Set((res.json() as { id: string }[]).map((p) => p.id))
    return ids.has(dx.cloud) && ids.has(dx.power) ? null : 'the registry is public to every signed-in caller'
  }),
  'POST /api/v1/dependencies/providers': {
    action: 'dependencies.manage', relations: ['none'],
    expect: (c) => ok(managesDependencies(c), 201),
    build: async (c) => {
      const name = `マトリクス登録${serial++}`
      return {
        url: '/api/v1/dependencies/providers', payload: { name: { ja: name, en: '' }, providerType: 'telecom', prefectures: ['13'] },
        after: async () => {
          const row = await ctx.database.db.selectFrom('dependency_provider').select('registered_by_org').where('name_ja', '=', name).executeTakeFirst()
          if ((row !== undefined) !== managesDependencies(c)) return `provider stored=${row !== undefined}`
          return row && row.registered_by_org !== c.caller.org.id ? `registered by ${row.registered_by_org}` : null
        },
      }
    },
  },
  'PUT /api/v1/dependencies/providers/{providerId}': {
    // The variant is the registrant: the clinic's cloud, the NCO's power provider. Written back unchanged.
    action: 'dependencies.manage', relations: ['none'], variants: ['clinic', 'nco'],
    expect: (c) => ok(managesDependencies(c) && (c.caller.org.kind === 'national_office' || (c.variant === 'clinic' && c.caller.org.id === 'clinic-kaede')), 200),
    build: async (c) => {
      const id = c.variant === 'clinic' ? dx.cloud : dx.power
      const row = await ctx.database.db.selectFrom('dependency_provider').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      return { url: `/api/v1/dependencies/providers/${id}`, payload: { name: { ja: row.name_ja, en: row.name_en }, providerType: row.provider_type, prefectures: JSON.parse(row.prefectures) } }
    },
  },
  'DELETE /api/v1/dependencies/providers/{providerId}': {
    action: 'dependencies.manage', relations: ['none'], variants: ['clinic', 'nco'],
    expect: (c) => ok(managesDependencies(c) && (c.caller.org.kind === 'national_office' || (c.variant === 'clinic' && c.caller.org.id === 'clinic-kaede')), 204),
    build: async (c) => {
      const registrant: Scope = c.variant === 'clinic' ? { actor: 'system', userId: null, organisationId: 'clinic-kaede', organisationKind: 'operator', role: 'admin', sectorIds: ['medical'] } : ncoScope()
      const id = await matrixProvider(registrant)
      return { url: `/api/v1/dependencies/providers/${id}`, after: async (res) => ((await providerExists(id)) === (res.statusCode !== 204) ? null : `provider present after ${res.statusCode}`) }
    },
  },
  'GET /api/v1/dependencies/edges': everyoneReads('/api/v1/dependencies/edges', async (c, res) => {
    const ids = new Set((res.json() as { id: string }[]).map((e) => e.id))
    for (const v of ['clinic', 'aoba', 'bank'] as const) if (ids.has(dx.edges[v]) !== seesService(c, v)) return `${v} edge ${ids.has(dx.edges[v]) ? 'leaked into' : 'missing from'} the list`
    return ids.has(dx.edges.provider) ? null : 'provider → provider edges are everyone\'s'
  }),
  'POST /api/v1/dependencies/edges': {
    // The variant is the `from` node; `to` is a fresh provider each time. An unseen `from` is invalid input (422).
    action: 'dependencies.manage', relations: ['none'], variants: ['clinic', 'aoba', 'bank', 'cloud', 'power'],
    expect: (c) => {
      if (!managesDependencies(c)) return 'denied'
      const org = c.caller.org
      if (c.variant === 'cloud') return org.kind === 'national_office' || org.id === 'clinic-kaede' ? 201 : 'denied'
      if (c.variant === 'power') return org.kind === 'national_office' ? 201 : 'denied'
      return seesService(c, c.variant as 'clinic' | 'aoba' | 'bank') ? 201 : 422
    },
    build: async (c) => {
      const from = c.variant === 'cloud' ? dx.cloud : c.variant === 'power' ? dx.power : dx.services[c.variant as 'clinic' | 'aoba' | 'bank']
      const to = await matrixProvider(ncoScope())
      return {
        url: '/api/v1/dependencies/edges', payload: { from, to },
        after: async (res) => {
          const stored = await ctx.database.db.selectFrom('dependency_edge').select('owner_org').where('from_id', '=', from).where('to_id', '=', to).executeTakeFirst()
          if ((stored !== undefined) !== (res.statusCode === 201)) return `edge stored=${stored !== undefined} after ${res.statusCode}`
          return stored && stored.owner_org !== c.caller.org.id ? `recorded as ${stored.owner_org}'s` : null
        },
      }
    },
  },
  'PUT /api/v1/dependencies/edges/{edgeId}': {
    action: 'dependencies.manage', relations: ['none'], variants: EDGE_VARIANTS,
    expect: (c) => edgeWrite(c, c.variant as EdgeVariant, 200),
    build: async (c) => {
      const row = await ctx.database.db.selectFrom('dependency_edge').selectAll().where('id', '=', dx.edges[c.variant as EdgeVariant]).executeTakeFirstOrThrow()
      return { url: `/api/v1/dependencies/edges/${row.id}`, payload: { from: row.from_id, to: row.to_id, criticality: row.criticality, failover: { kind: row.failover_kind }, alternatives: [] } }
    },
  },
  'DELETE /api/v1/dependencies/edges/{edgeId}': {
    // A fresh edge like the variant's fixture each time (same `from`, a new provider as `to`).
    action: 'dependencies.manage', relations: ['none'], variants: EDGE_VARIANTS,
    expect: (c) => edgeWrite(c, c.variant as EdgeVariant, 204),
    build: async (c) => {
      const variant = c.variant as EdgeVariant
      const from = variant === 'provider' ? dx.cloud : dx.services[variant]
      const id = (await createEdge(ctx, ncoScope(), { from, to: await matrixProvider(ncoScope()), criticality: 'critical', failover: { kind: 'none' }, alternatives: [] })).id
      return { url: `/api/v1/dependencies/edges/${id}`, after: async (res) => ((await edgeExists(id)) === (res.statusCode !== 204) ? null : `edge present after ${res.statusCode}`) }
    },
  },
  'GET /api/v1/dependencies/graph': everyoneReads('/api/v1/dependencies/graph', async (c, res) => {
    const ids = new Set((res.json() as { nodes: { id: string }[] }).nodes.map((n) => n.id))
    for (const v of ['clinic', 'aoba', 'bank'] as const) if (ids.has(dx.services[v]) !== seesService(c, v)) return `${v} service ${ids.has(dx.services[v]) ? 'leaked into' : 'missing from'} the graph`
    return null
  }),
  'GET /api/v1/dependencies/spof': everyoneReads('/api/v1/dependencies/spof?hours=72', async (c, res) => {
    const entries = (res.json() as { entries: { id: string; servicesPastMtpd: string[] }[] }).entries
    const named = new Set(entries.flatMap((e) => [e.id, ...e.servicesPastMtpd]))
    for (const v of ['clinic', 'aoba', 'bank'] as const) if (named.has(dx.services[v]) && !seesService(c, v)) return `${v} service leaked into the SPOF list`
    return null
  }),
  'POST /api/v1/dependencies/simulate': {
    ...everyoneReads('/api/v1/dependencies/simulate'),
    build: async (c) => ({
      url: '/api/v1/dependencies/simulate', payload: { prefectures: ['13'], hours: 2 },
      after: async (res) => {
        const ids = new Set((res.json() as { nodes: { id: string }[] }).nodes.map((n) => n.id))
        for (const v of ['clinic', 'aoba', 'bank'] as const) if (ids.has(dx.services[v]) !== seesService(c, v)) return `${v} service ${ids.has(dx.services[v]) ? 'leaked into' : 'missing from'} the simulation`
        return null
      },
    }),
  },
  'GET /api/v1/dependencies/export': everyoneReads('/api/v1/dependencies/export?kind=edges&format=csv', async (c, res) => {
    for (const v of ['clinic', 'aoba', 'bank'] as const) if (res.body.includes(dx.edges[v]) !== seesService(c, v)) return `${v} edge ${seesService(c, v) ? 'missing from' : 'leaked into'} the export`
    return null
  }),
  'POST /api/v1/dependencies/monte-carlo': {
    ...everyoneReads('/api/v1/dependencies/monte-carlo'),
    build: async (c) => ({
      url: '/api/v1/dependencies/monte-carlo', payload: { prefectures: ['13'], duration: { kind: 'uniform', minHours: 1, maxHours: 48 }, runs: 20, seed: 7 },
      after: async (res) => {
        const ids = new Set((res.json() as { exceedance: { serviceId: string }[] }).exceedance.map((e) => e.serviceId))
        for (const v of ['clinic', 'aoba', 'bank'] as const) if (ids.has(dx.services[v]) && !seesService(c, v)) return `${v} service leaked into the Monte-Carlo result`
        return null
      },
    }),
  },
  'GET /api/v1/dependencies/concentration': everyoneReads('/api/v1/dependencies/concentration', async (c, res) => {
    const cloud = (res.json() as { id: string; services: number }[]).find((p) => p.id === dx.cloud)
    // Every fixture service depends on the cloud: each caller counts exactly the ones it sees.
    const seen = (['clinic', 'aoba', 'bank'] as const).filter((v) => seesService(c, v)).length
    if (seen === 0) return cloud === undefined ? null : 'a caller that sees no fixture service sees the cloud in its concentration'
    return cloud !== undefined && cloud.services >= seen && (c.caller.org.kind === 'national_office' || cloud.services === seen) ? null : `cloud counts ${cloud?.services} services, ${seen} visible`
  }),
  'GET /api/v1/dependencies/sector-risk': everyoneReads('/api/v1/dependencies/sector-risk?hours=72', async (c, res) => {
    const sectors = (res.json() as { sectors: { sector: string }[] }).sectors.map((s) => s.sector)
    return sectors.includes('finance') && c.caller.org.kind !== 'national_office' ? 'finance risk shown to a caller that sees no finance service' : null
  }),
  'POST /api/v1/dependencies/import': {
    // A heading-only file: allowed callers get a result with nothing imported.
    action: 'dependencies.manage', relations: ['none'],
    expect: (c) => ok(managesDependencies(c), 200),
    build: async () => ({ url: '/api/v1/dependencies/import?kind=edges&format=csv', payload: Buffer.from('id,from,to\r\n'), contentType: 'text/csv' }),
  },
}

// ---------------------------------------------------------------------------------------------------------
// Services and designation (issue 5 contract), written out from the contract, not from policy.ts:
// - a service is read by its operator, the ministry in charge of the operator's sectors and the NCO; nobody
//   else learns it exists (404); only the operator's admins and CISOs write it (others: 403 before anything);
// - designation criteria and candidates are the government's (the NCO and ministries, any role); criteria are
//   written by admins of the NCO and ministries, each set only by the organisation that defined it;
// - decisions are taken by admins of the NCO and ministries; every signed-in caller may list them and gets
//   those it may see: the NCO all, a ministry those of its sectors or its own, an operator those about itself.
// Fixtures: a service of clinic-kaede (medical), aoba-hospital (medical), shinonome-bank (finance); a criteria
// set of the NCO's and one of MHLW's; decisions by MHLW about clinic-kaede and by the FSA about shinonome-bank.
// ---------------------------------------------------------------------------------------------------------

type ServiceVariant = 'clinic' | 'aoba' | 'bank'
const SERVICE_VARIANTS: readonly ServiceVariant[] = ['clinic', 'aoba', 'bank']
const SERVICE_OWNER: Record<ServiceVariant, string> = { clinic: 'clinic-kaede', aoba: 'aoba-hospital', bank: 'shinonome-bank' }
interface ServicesFixtures {
  services: Record<ServiceVariant, string>
  criteria: Record<Owner, string>
  decisions: { clinic: string; bank: string }
}
let sx: ServicesFixtures
const operatorScope = (id: string, sector: string): Scope => ({ actor: 'system', userId: null, organisationId: id, organisationKind: 'operator', role: 'admin', sectorIds: [sector] })
const serviceDraft = (nameJa: string, sector = 'medical') => ({
  name: { ja: nameJa, en: nameJa }, sector, type: 'matrix', peopleServed: 1000, businessesServed: 1, prefectures: [{ prefectureCode: '13', people: 500 }],
  substitutes: [], mtpdHours: 24, rtoHours: 4, rpoHours: 1, rlo: 0.5, impact: { afterHour: 10, afterDay: 100, afterWeek: 500 },
})
const criteriaBody = (threshold: number) => ({ name: { ja: 'マトリクス基準', en: 'Matrix criteria' }, combine: 'any', criteria: [{ id: 'national', kind: 'national_coverage', threshold }] })

async function servicesFixtures(): Promise<ServicesFixtures> {
  const make = async (v: ServiceVariant, sector: string) => (await createService(ctx, operatorScope(SERVICE_OWNER[v], sector), serviceDraft(`マトリクス用サービス-${v}`, sector))).id
  const fsaScope: Scope = { actor: 'system', userId: null, organisationId: 'fsa', organisationKind: 'ministry', role: 'admin', sectorIds: ['finance'] }
  return {
    services: { clinic: await make('clinic', 'medical'), aoba: await make('aoba', 'medical'), bank: await make('bank', 'finance') },
    criteria: {
      nco: (await createCriteriaSet(ctx, ownerScope('nco'), criteriaBody(0.1) as never)).id,
      mhlw: (await createCriteriaSet(ctx, ownerScope('mhlw'), criteriaBody(0.2) as never)).id,
    },
    decisions: {
      clinic: (await recordDecision(ctx, ownerScope('mhlw'), { operatorId: 'clinic-kaede', sectorId: 'medical', decision: 'not_designate', reason: 'matrix' })).id,
      bank: (await recordDecision(ctx, fsaScope, { operatorId: 'shinonome-bank', sectorId: 'finance', decision: 'not_designate', reason: 'matrix' })).id,
    },
  }
}

/** Which fixture services the acting organisation reads. */
function readsService(c: Case, v: ServiceVariant): boolean {
  const org = c.caller.org
  if (org.kind === 'national_office') return true
  if (org.kind === 'ministry') return org.sectors.includes(v === 'bank' ? 'finance' : 'medical')
  return org.id === SERVICE_OWNER[v]
}
const writesServices = (c: Case) => hasRole(c, ['admin', 'ciso']) && c.caller.org.kind === 'operator'
const serviceCount = async () => Number((await ctx.database.db.selectFrom('ci_service').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
/** A check that the fixture services in a response are exactly the ones the caller reads. */
const onlyReadable = (c: Case, text: string) => {
  for (const v of SERVICE_VARIANTS) if (text.includes(sx.services[v]) !== readsService(c, v)) return `service ${v}: shown ${text.includes(sx.services[v])}, readable ${readsService(c, v)}`
  return null
}

const SERVICES_TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/services': {
    action: 'services.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async (c) => ({ url: '/api/v1/services', after: async (res) => onlyReadable(c, res.body) }),
  },
  'GET /api/v1/services/export': {
    action: 'services.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async (c) => ({ url: '/api/v1/services/export?format=csv', after: async (res) => onlyReadable(c, res.body) }),
  },
  'POST /api/v1/services': {
    action: 'services.manage', relations: ['none'],
    expect: (c) => ok(writesServices(c), 201),
    build: async () => {
      const before = await serviceCount()
      return {
        url: '/api/v1/services', payload: serviceDraft(`マトリクス新規-${serial++}`),
        after: async (res) => ((await serviceCount()) - before === (res.statusCode === 201 ? 1 : 0) ? null : `services ${before} → ${await serviceCount()} after ${res.statusCode}`),
      }
    },
  },
  'POST /api/v1/services/import': {
    // A heading without rows: a permitted import is refused by the content (422) and stores nothing.
    action: 'services.manage', relations: ['none'],
    expect: (c) => ok(writesServices(c), 422),
    build: async () => ({ url: '/api/v1/services/import?format=csv', payload: Buffer.from('\uFEFFサービス名,分野\r\n'), contentType: 'text/csv' }),
  },
  'GET /api/v1/services/{serviceId}': {
    // Never 403: a service the caller may not read does not exist for it.
    action: 'services.read', relations: ['none'], variants: SERVICE_VARIANTS, everyone: true,
    expect: (c) => (readsService(c, c.variant as ServiceVariant) ? 200 : 404),
    build: async (c) => ({ url: `/api/v1/services/${sx.services[c.variant as ServiceVariant]}` }),
  },
  'PUT /api/v1/services/{serviceId}': {
    action: 'services.manage', relations: ['none'], variants: SERVICE_VARIANTS,
    expect: (c) => (writesServices(c) ? (c.caller.org.id === SERVICE_OWNER[c.variant as ServiceVariant] ? 200 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as ServiceVariant
      const mtpd = async () => Number((await ctx.database.db.selectFrom('ci_service').select('mtpd_hours').where('id', '=', sx.services[v]).executeTakeFirstOrThrow()).mtpd_hours)
      const before = await mtpd()
      const hours = before === 24 ? 36 : 24
      return {
        url: `/api/v1/services/${sx.services[v]}`, payload: { ...serviceDraft(`マトリクス用サービス-${v}`, v === 'bank' ? 'finance' : 'medical'), mtpdHours: hours },
        after: async (res) => ((await mtpd()) === (res.statusCode === 200 ? hours : before) ? null : `service ${v} mtpd ${before} → ${await mtpd()} after ${res.statusCode}`),
      }
    },
  },
  'DELETE /api/v1/services/{serviceId}': {
    // Permitted deletions get a fresh service of the caller's own; refused ones try the fixtures, which must stay.
    action: 'services.manage', relations: ['none'], variants: SERVICE_VARIANTS,
    expect: (c) => (writesServices(c) ? (c.caller.org.id === SERVICE_OWNER[c.variant as ServiceVariant] ? 204 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as ServiceVariant
      const own = writesServices(c) && c.caller.org.id === SERVICE_OWNER[v]
      const id = own ? (await createService(ctx, operatorScope(SERVICE_OWNER[v], 'medical'), serviceDraft(`マトリクス削除-${serial++}`))).id : sx.services[v]
      const exists = async () => (await ctx.database.db.selectFrom('ci_service').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
      return { url: `/api/v1/services/${id}`, after: async (res) => ((await exists()) === (res.statusCode !== 204) ? null : `service ${id} exists=${await exists()} after ${res.statusCode}`) }
    },
  },
  'GET /api/v1/services/designation/criteria': {
    action: 'services.designation.read', relations: ['none'],
    expect: (c) => ok(isGovernment(c), 200),
    build: async () => ({ url: '/api/v1/services/designation/criteria' }),
  },
  'POST /api/v1/services/designation/criteria': {
    action: 'services.designation.criteria', relations: ['none'],
    expect: (c) => ok(isAdmin(c) && isGovernment(c), 201),
    build: async () => ({ url: '/api/v1/services/designation/criteria', payload: criteriaBody(0.3) }),
  },
  'PUT /api/v1/services/designation/criteria/{setId}': {
    // Only the organisation that defined a set changes it, and only its admins.
    action: 'services.designation.criteria', relations: ['none'], variants: OWNERS,
    expect: (c) => ok(isAdmin(c) && isGovernment(c) && c.caller.org.id === c.variant, 200),
    build: async (c) => {
      const id = sx.criteria[c.variant as Owner]
      const criteria = async () => (await ctx.database.db.selectFrom('designation_criteria_set').select('criteria').where('id', '=', id).executeTakeFirstOrThrow()).criteria
      const before = await criteria()
      return {
        url: `/api/v1/services/designation/criteria/${id}`, payload: criteriaBody(0.05 + (serial++ % 10) / 100),
        after: async (res) => ((await criteria()) !== before) === (res.statusCode === 200) ? null : `criteria ${c.variant} changed=${(await criteria()) !== before} after ${res.statusCode}`,
      }
    },
  },
  'GET /api/v1/services/designation/candidates': {
    action: 'services.designation.read', relations: ['none'],
    expect: (c) => ok(isGovernment(c), 200),
    build: async (c) => ({
      url: `/api/v1/services/designation/candidates?criteriaSet=${sx.criteria.nco}`,
      after: async (res) => {
        if (res.statusCode !== 200) return null
        const ids = (res.json() as { operators: { operatorId: string }[] }).operators.map((o) => o.operatorId)
        // The NCO weighs every operator; a ministry those of its jurisdiction only.
        const expectBank = c.caller.org.kind === 'national_office'
        return ids.includes('clinic-kaede') && ids.includes('shinonome-bank') === expectBank ? null : `candidates over ${ids.length} operators, bank included: ${ids.includes('shinonome-bank')}`
      },
    }),
  },
  'GET /api/v1/services/designation/decisions': {
    action: 'services.designation.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async (c) => ({
      url: '/api/v1/services/designation/decisions',
      after: async (res) => {
        const ids = (res.json() as { id: string }[]).map((d) => d.id)
        const org = c.caller.org
        const seesClinic = org.kind === 'national_office' || org.id === 'mhlw' || org.id === 'clinic-kaede'
        const seesBank = org.kind === 'national_office'
        return ids.includes(sx.decisions.clinic) === seesClinic && ids.includes(sx.decisions.bank) === seesBank ? null : `decisions shown: clinic ${ids.includes(sx.decisions.clinic)}, bank ${ids.includes(sx.decisions.bank)}`
      },
    }),
  },
  'POST /api/v1/services/designation/decisions': {
    action: 'services.designation.decide', relations: ['none'],
    expect: (c) => ok(isAdmin(c) && isGovernment(c), 201),
    build: async () => {
      const decisions = async () => Number((await ctx.database.db.selectFrom('designation_decision').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      const before = await decisions()
      return {
        url: '/api/v1/services/designation/decisions', payload: { operatorId: 'aoba-hospital', sectorId: 'medical', decision: 'not_designate', reason: 'マトリクス' },
        after: async (res) => ((await decisions()) - before === (res.statusCode === 201 ? 1 : 0) ? null : `decisions ${before} → ${await decisions()} after ${res.statusCode}`),
      }
    },
  },
}

// ---------------------------------------------------------------------------------------------------------
// Vulnerabilities (issue 6 contract), written out from the contract, not from policy.ts:
// - CVE records, the KEV catalog, vendor EOL lists and the import log are public reference data: every signed-in
//   caller of every organisation kind reads them;
// - only admins of the NCO import them.
// Fixture: one real CVE record (CVE-2024-20353, in KEV), its KEV catalog, and a one-row EOL list.
// ---------------------------------------------------------------------------------------------------------

const VULN_CVE = 'CVE-2024-20353'
const VULN_RECORD_FILE = `${SHARED_DATA_DIR}cve-records-network-ics/records/2024/20xxx/${VULN_CVE}.json`
const vulnerabilityImports = async () => Number((await ctx.database.db.selectFrom('vulnerability_import').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

async function vulnerabilityFixtures(): Promise<void> {
  const nco = { actor: 'system', organisationId: 'nco' }
  await importVulnerabilityFiles(ctx, nco, 'cve', [await singleFile(VULN_RECORD_FILE)], { source: 'matrix' })
  await importVulnerabilityFiles(ctx, nco, 'kev', [await singleFile(`${SHARED_DATA_DIR}cisa-kev/known_exploited_vulnerabilities.json`)], { source: 'matrix' })
  const csv = new TextEncoder().encode('vendor,product,version,end_of_support\r\nCisco,IOS,15.2*,2099-12-31\r\n')
  await importVulnerabilityFiles(ctx, nco, 'eol', [{ name: 'eol.csv', size: csv.length, read: async () => csv }], { source: 'matrix' })
}

const vulnerabilitiesRead = (url: string, check: (res: LightMyRequestResponse) => string | null): RouteSpec => ({
  action: 'vulnerabilities.read', relations: ['none'], everyone: true, expect: () => 200,
  build: async () => ({ url, after: async (res) => check(res) }),
})

const VULNERABILITIES_TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/vulnerabilities/records': vulnerabilitiesRead('/api/v1/vulnerabilities/records?kev=true', (res) =>
    (res.json() as { items: { cveId: string }[] }).items.some((r) => r.cveId === VULN_CVE) ? null : 'the fixture record is missing'),
  'GET /api/v1/vulnerabilities/records/{cveId}': vulnerabilitiesRead(`/api/v1/vulnerabilities/records/${VULN_CVE}`, (res) =>
    (res.json() as { cveId: string; kev: unknown }).cveId === VULN_CVE && (res.json() as { kev: unknown }).kev !== null ? null : 'not the fixture record with its KEV entry'),
  'GET /api/v1/vulnerabilities/records/{cveId}/json': vulnerabilitiesRead(`/api/v1/vulnerabilities/records/${VULN_CVE}/json`, (res) =>
    (res.json() as { cveMetadata: { cveId: string } }).cveMetadata.cveId === VULN_CVE ? null : 'not the fixture record'),
  'GET /api/v1/vulnerabilities/kev': vulnerabilitiesRead(`/api/v1/vulnerabilities/kev?q=${VULN_CVE}`, (res) =>
    (res.json() as { items: { cveId: string }[] }).items.some((r) => r.cveId === VULN_CVE) ? null : 'the fixture KEV entry is missing'),
  'GET /api/v1/vulnerabilities/eol': vulnerabilitiesRead('/api/v1/vulnerabilities/eol?vendor=cisco', (res) =>
    (res.json() as { total: number }).total >= 1 ? null : 'the fixture EOL row is missing'),
  'GET /api/v1/vulnerabilities/imports': vulnerabilitiesRead('/api/v1/vulnerabilities/imports', (res) =>
    (res.json() as unknown[]).length >= 3 ? null : 'the fixture imports are missing'),
  'POST /api/v1/vulnerabilities/import': {
    // The fixture record again: a permitted import finds it unchanged and writes nothing; a refused one reads nothing.
    action: 'vulnerabilities.import', relations: ['none'],
    expect: (c) => ok(isAdmin(c) && c.caller.org.kind === 'national_office', 200),
    build: async () => {
      const before = await vulnerabilityImports()
      return {
        url: '/api/v1/vulnerabilities/import?kind=cve', payload: readFileSync(VULN_RECORD_FILE), contentType: 'application/json',
        after: async (res) => {
          if ((await vulnerabilityImports()) !== before) return `import log ${before} → ${await vulnerabilityImports()} after ${res.statusCode}`
          return res.statusCode !== 200 || (res.json() as { unchanged: number }).unchanged === 1 ? null : `summary ${res.body.slice(0, 120)}`
        },
      }
    },
  },
}

// ---------------------------------------------------------------------------------------------------------
// Exposure and advisories (issue 6 contract), written out from the contract, not from policy.ts:
// - exposures, backlog, unpatched and EOL views and advisory notifications: an operator its own, a ministry its
//   sectors' operators', the NCO all; sharing bodies and providers hold no devices and are refused;
// - per-sector counts are the NCO's and the ministries';
// - only the operator marks its notifications read (any role).
// Fixtures: the asset fixture devices (Cisco IOS XE) recomputed against the vulnerability fixtures (KEV entries
// naming IOS XE match them), and one notification of clinic-kaede.
// ---------------------------------------------------------------------------------------------------------

let advisoryId = ''
async function exposureFixtures(): Promise<void> {
  await recomputeAll(ctx, null)
  advisoryId = randomUUID()
  await ctx.database.db.insertInto('advisory_notification').values({
    id: advisoryId, operator_id: 'clinic-kaede', cve_id: VULN_CVE, devices: 1, kev: 1, import_id: null, created_at: new Date().toISOString(), read_at: null, read_by: null,
  }).execute()
}
const readsExposure = (c: Case) => ['national_office', 'ministry', 'operator'].includes(c.caller.org.kind)
const exposureRead = (url: string): RouteSpec => ({
  action: 'vulnerabilities.exposure.read', relations: ['none'],
  expect: (c) => ok(readsExposure(c), 200),
  build: async (c) => ({ url, after: async (res) => (res.statusCode === 200 && url.includes('/exposure?') ? onlyReadableDevices(c, res.body, 'id') : null) }),
})

const EXPOSURE_TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/vulnerabilities/exposure': exposureRead('/api/v1/vulnerabilities/exposure?limit=500'),
  'GET /api/v1/vulnerabilities/exposure/backlog': exposureRead('/api/v1/vulnerabilities/exposure/backlog'),
  'GET /api/v1/vulnerabilities/exposure/unpatched': exposureRead('/api/v1/vulnerabilities/exposure/unpatched?years=1'),
  'GET /api/v1/vulnerabilities/exposure/eol': exposureRead('/api/v1/vulnerabilities/exposure/eol'),
  'GET /api/v1/vulnerabilities/advisories': {
    action: 'vulnerabilities.exposure.read', relations: ['none'],
    expect: (c) => ok(readsExposure(c), 200),
    build: async (c) => ({
      url: '/api/v1/vulnerabilities/advisories?limit=500',
      after: async (res) => {
        if (res.statusCode !== 200) return null
        const shown = (res.json() as { items: { id: string }[] }).items.some((n) => n.id === advisoryId)
        const sees = c.caller.org.kind === 'national_office' || c.caller.org.id === 'clinic-kaede' || (c.caller.org.kind === 'ministry' && c.caller.org.sectors.includes('medical'))
        return shown === sees ? null : `clinic notification shown ${shown}, expected ${sees}`
      },
    }),
  },
  'GET /api/v1/vulnerabilities/exposure/sectors': {
    action: 'vulnerabilities.exposure.overview', relations: ['none'],
    expect: (c) => ok(['national_office', 'ministry'].includes(c.caller.org.kind), 200),
    build: async () => ({ url: '/api/v1/vulnerabilities/exposure/sectors' }),
  },
  'GET /api/v1/vulnerabilities/advisories/sectors': {
    action: 'vulnerabilities.exposure.overview', relations: ['none'],
    expect: (c) => ok(['national_office', 'ministry'].includes(c.caller.org.kind), 200),
    build: async () => ({ url: `/api/v1/vulnerabilities/advisories/sectors?cveId=${VULN_CVE}` }),
  },
  'POST /api/v1/vulnerabilities/advisories/{advisoryId}/read': {
    // The only acting operator is clinic-kaede, the notification's owner: any of its roles marks it read.
    action: 'vulnerabilities.advisories.mark', relations: ['none'],
    expect: (c) => ok(c.caller.org.kind === 'operator', 200),
    build: async () => ({
      url: `/api/v1/vulnerabilities/advisories/${advisoryId}/read`,
      after: async (res) => {
        const row = await ctx.database.db.selectFrom('advisory_notification').select('read_at').where('id', '=', advisoryId).executeTakeFirstOrThrow()
        return res.statusCode === 200 && row.read_at === null ? 'not marked read' : null
      },
    }),
  },
}

// ---------------------------------------------------------------------------------------------------------
// Assets: network devices (issue 6 contract), written out from the contract, not from policy.ts:
// - a device is read by its operator, the ministry in charge of the operator's sectors and the NCO; nobody else
//   learns it exists (404); sharing bodies and providers read none;
// - only the operator's admins, CISOs and assessors write its devices (others: 403 before anything); the
//   government reads inventories and never edits them.
// Fixtures: a device of clinic-kaede (medical), aoba-hospital (medical) and shinonome-bank (finance).
// ---------------------------------------------------------------------------------------------------------

type DeviceVariant = 'clinic' | 'aoba' | 'bank'
const DEVICE_VARIANTS: readonly DeviceVariant[] = ['clinic', 'aoba', 'bank']
const DEVICE_OWNER: Record<DeviceVariant, string> = { clinic: 'clinic-kaede', aoba: 'aoba-hospital', bank: 'shinonome-bank' }
let ax: Record<DeviceVariant, string>
const deviceBody = (assetId: string, version = '17.9.4a') => ({ assetId, vendor: 'Cisco', product: 'IOS XE', version, role: 'router', internetReachable: 'yes', closedNetwork: false })

async function assetsFixtures(): Promise<Record<DeviceVariant, string>> {
  const make = async (v: DeviceVariant, sector: string) => (await createDevice(ctx, operatorScope(DEVICE_OWNER[v], sector), deviceBody(`MATRIX-${v}`))).id
  return { clinic: await make('clinic', 'medical'), aoba: await make('aoba', 'medical'), bank: await make('bank', 'finance') }
}

/** Which fixture devices the acting organisation reads. */
function readsDevice(c: Case, v: DeviceVariant): boolean {
  const org = c.caller.org
  if (org.kind === 'national_office') return true
  if (org.kind === 'ministry') return org.sectors.includes(v === 'bank' ? 'finance' : 'medical')
  return org.id === DEVICE_OWNER[v]
}
const writesDevices = (c: Case) => hasRole(c, ['admin', 'ciso', 'assessor']) && c.caller.org.kind === 'operator'
const deviceCount = async () => Number((await ctx.database.db.selectFrom('asset_device').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
const deviceVersion = async (id: string) => (await ctx.database.db.selectFrom('asset_device').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
/** The fixture devices in a response are exactly the ones the caller reads (the list by id, the export by asset id). */
const onlyReadableDevices = (c: Case, text: string, by: 'id' | 'assetId') => {
  for (const v of DEVICE_VARIANTS) {
    const shown = text.includes(by === 'id' ? ax[v] : `MATRIX-${v}`)
    if (shown !== readsDevice(c, v)) return `device ${v}: shown ${shown}, readable ${readsDevice(c, v)}`
  }
  return null
}

const ASSETS_TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/assets/devices': {
    action: 'assets.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async (c) => ({ url: '/api/v1/assets/devices?limit=10000', after: async (res) => onlyReadableDevices(c, res.body, 'id') }),
  },
  'GET /api/v1/assets/devices/export': {
    action: 'assets.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async (c) => ({ url: '/api/v1/assets/devices/export?format=csv', after: async (res) => onlyReadableDevices(c, res.body, 'assetId') }),
  },
  'POST /api/v1/assets/devices': {
    action: 'assets.manage', relations: ['none'],
    expect: (c) => ok(writesDevices(c), 201),
    build: async () => {
      const before = await deviceCount()
      return {
        url: '/api/v1/assets/devices', payload: deviceBody(`MATRIX-NEW-${serial++}`),
        after: async (res) => ((await deviceCount()) - before === (res.statusCode === 201 ? 1 : 0) ? null : `devices ${before} → ${await deviceCount()} after ${res.statusCode}`),
      }
    },
  },
  'POST /api/v1/assets/devices/import': {
    // A heading without rows: a permitted import is refused by the content (422) and stores nothing.
    action: 'assets.manage', relations: ['none'],
    expect: (c) => ok(writesDevices(c), 422),
    build: async () => {
      const before = await deviceCount()
      return {
        url: '/api/v1/assets/devices/import?format=csv', payload: Buffer.from('\uFEFFasset_id,vendor,product,version\r\n'), contentType: 'text/csv',
        after: async (res) => ((await deviceCount()) === before ? null : `devices ${before} → ${await deviceCount()} after ${res.statusCode}`),
      }
    },
  },
  'GET /api/v1/assets/devices/{deviceId}': {
    // Never 403: a device the caller may not read does not exist for it.
    action: 'assets.read', relations: ['none'], variants: DEVICE_VARIANTS, everyone: true,
    expect: (c) => (readsDevice(c, c.variant as DeviceVariant) ? 200 : 404),
    build: async (c) => ({ url: `/api/v1/assets/devices/${ax[c.variant as DeviceVariant]}` }),
  },
  'PUT /api/v1/assets/devices/{deviceId}': {
    action: 'assets.manage', relations: ['none'], variants: DEVICE_VARIANTS,
    expect: (c) => (writesDevices(c) ? (c.caller.org.id === DEVICE_OWNER[c.variant as DeviceVariant] ? 200 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as DeviceVariant
      const before = await deviceVersion(ax[v])
      const version = before === '17.9.4a' ? '17.9.5' : '17.9.4a'
      return {
        url: `/api/v1/assets/devices/${ax[v]}`, payload: deviceBody(`MATRIX-${v}`, version),
        after: async (res) => ((await deviceVersion(ax[v])) === (res.statusCode === 200 ? version : before) ? null : `device ${v} version ${before} → ${await deviceVersion(ax[v])} after ${res.statusCode}`),
      }
    },
  },
  'DELETE /api/v1/assets/devices/{deviceId}': {
    // Permitted deletions get a fresh device of the caller's own; refused ones try the fixtures, which must stay.
    action: 'assets.manage', relations: ['none'], variants: DEVICE_VARIANTS,
    expect: (c) => (writesDevices(c) ? (c.caller.org.id === DEVICE_OWNER[c.variant as DeviceVariant] ? 204 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as DeviceVariant
      const own = writesDevices(c) && c.caller.org.id === DEVICE_OWNER[v]
      const id = own ? (await createDevice(ctx, operatorScope(DEVICE_OWNER[v], 'medical'), deviceBody(`MATRIX-DEL-${serial++}`))).id : ax[v]
      const exists = async () => (await ctx.database.db.selectFrom('asset_device').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
      return { url: `/api/v1/assets/devices/${id}`, after: async (res) => ((await exists()) === (res.statusCode !== 204) ? null : `device ${id} exists=${await exists()} after ${res.statusCode}`) }
    },
  },
}

// ---------------------------------------------------------------------------------------------------------
// Assets: closed-network exceptions and replacement plans (issue 6 items 5 and 6), written out from the brief:
// - exceptions and plans are read like the devices they are about: the operator, the ministry in charge of its
//   sectors, the NCO; nobody else learns they exist (404); the catalogue of controls is everyone's;
// - only the operator's admins and CISOs request, revise, withdraw exceptions and manage plans (others: 403);
// - approving or rejecting is the operator's management (admin, CISO) signed in as a person: API tokens are
//   refused (403) whatever the exception, since accepting a risk needs a named approver;
// - the per-sector overview is the government's: the NCO (every sector) and ministries (their jurisdiction).
// Fixtures: for each device fixture, an approved exception, a waiting one and a plan.
// ---------------------------------------------------------------------------------------------------------

interface ExceptionFixtures { approved: Record<DeviceVariant, string>; pending: Record<DeviceVariant, string>; plans: Record<DeviceVariant, string> }
let ex: ExceptionFixtures
const exceptionBody = (deviceId: string, cveId: string | null, reason = 'マトリクス用の例外') => ({
  deviceId, cveId, reason, expiresOn: new Date(ctx.now().getTime() + 365 * 86_400_000).toISOString().slice(0, 10),
  compensatingControls: [{ kind: 'network_segmentation', description: 'HMI からの 502/tcp のみ許可' }, { kind: 'closed_network', description: '閉域網' }],
})
const planBody = (deviceId: string, budgetJpy: number | null = 1_000_000) => ({
  title: 'マトリクス更新計画', deviceIds: [deviceId], targetDate: new Date(ctx.now().getTime() + 200 * 86_400_000).toISOString().slice(0, 10), budgetJpy, status: 'planned' as const, notes: null,
})
const newCve = () => `CVE-2099-${String(10_000 + serial++)}`
/** An operator's manager signed in as a person (fixtures record decisions, which need one). */
const managerScope = (id: string, sector: string): Scope => ({ ...operatorScope(id, sector), actor: `user:matrix-manager-${id}`, userId: `matrix-manager-${id}` })
const SECTOR_OF: Record<DeviceVariant, string> = { clinic: 'medical', aoba: 'medical', bank: 'finance' }

async function exceptionFixtures(): Promise<ExceptionFixtures> {
  const out: ExceptionFixtures = { approved: {} as Record<DeviceVariant, string>, pending: {} as Record<DeviceVariant, string>, plans: {} as Record<DeviceVariant, string> }
  for (const v of DEVICE_VARIANTS) {
    const scope = managerScope(DEVICE_OWNER[v], SECTOR_OF[v])
    const approved = await requestAssetException(ctx, scope, exceptionBody(ax[v], newCve()))
    await decideException(ctx, scope, approved.id, { approve: true, note: null })
    out.approved[v] = approved.id
    out.pending[v] = (await requestAssetException(ctx, scope, exceptionBody(ax[v], newCve()))).id
    out.plans[v] = (await createPlan(ctx, scope, planBody(ax[v]))).id
  }
  return out
}

const managesExceptions = (c: Case) => hasRole(c, ['admin', 'ciso']) && c.caller.org.kind === 'operator'
const exceptionCount = async () => Number((await ctx.database.db.selectFrom('asset_exception').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
const planCount = async () => Number((await ctx.database.db.selectFrom('asset_replacement_plan').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
const exceptionRow = async (id: string) => ctx.database.db.selectFrom('asset_exception').select(['reason', 'decision']).where('id', '=', id).executeTakeFirst()
const planBudget = async (id: string) => (await ctx.database.db.selectFrom('asset_replacement_plan').select('budget_jpy').where('id', '=', id).executeTakeFirstOrThrow()).budget_jpy
/** The fixtures in a list response are exactly the ones the caller reads. */
const onlyReadableFixtures = (c: Case, text: string, ids: Record<DeviceVariant, string>[]) => {
  for (const v of DEVICE_VARIANTS) {
    for (const set of ids) {
      if (text.includes(set[v]) !== readsDevice(c, v)) return `${v} ${set[v]}: shown ${text.includes(set[v])}, readable ${readsDevice(c, v)}`
    }
  }
  return null
}
/** Own fixture: the caller is the operator that owns the variant's device. */
const ownsVariant = (c: Case) => c.caller.org.id === DEVICE_OWNER[c.variant as DeviceVariant]

const ASSET_EXCEPTIONS_TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/assets/exceptions/controls': {
    action: 'assets.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async () => ({ url: '/api/v1/assets/exceptions/controls', after: async (res) => (res.body.includes('"closed_network"') ? null : 'catalogue without the closed-network claim') }),
  },
  'GET /api/v1/assets/exceptions': {
    action: 'assets.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async (c) => ({ url: '/api/v1/assets/exceptions?limit=10000', after: async (res) => onlyReadableFixtures(c, res.body, [ex.approved, ex.pending]) }),
  },
  'GET /api/v1/assets/exceptions/{exceptionId}': {
    action: 'assets.read', relations: ['none'], variants: DEVICE_VARIANTS, everyone: true,
    expect: (c) => (readsDevice(c, c.variant as DeviceVariant) ? 200 : 404),
    build: async (c) => ({ url: `/api/v1/assets/exceptions/${ex.approved[c.variant as DeviceVariant]}` }),
  },
  'POST /api/v1/assets/exceptions': {
    // Always about the clinic's device: the clinic's managers create, everyone else is refused before the body counts.
    action: 'assets.exceptions.request', relations: ['none'],
    expect: (c) => ok(managesExceptions(c), 201),
    build: async () => {
      const before = await exceptionCount()
      return {
        url: '/api/v1/assets/exceptions', payload: exceptionBody(ax.clinic, newCve()),
        after: async (res) => ((await exceptionCount()) - before === (res.statusCode === 201 ? 1 : 0) ? null : `exceptions ${before} → ${await exceptionCount()} after ${res.statusCode}`),
      }
    },
  },
  'PUT /api/v1/assets/exceptions/{exceptionId}': {
    action: 'assets.exceptions.request', relations: ['none'], variants: DEVICE_VARIANTS,
    expect: (c) => (managesExceptions(c) ? (ownsVariant(c) ? 200 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as DeviceVariant
      const id = ex.pending[v]
      const before = (await exceptionRow(id))!
      const cve = (await ctx.database.db.selectFrom('asset_exception').select('cve_id').where('id', '=', id).executeTakeFirstOrThrow()).cve_id
      const reason = `改訂-${serial++}`
      return {
        url: `/api/v1/assets/exceptions/${id}`, payload: exceptionBody(ax[v], cve, reason),
        after: async (res) => ((await exceptionRow(id))!.reason === (res.statusCode === 200 ? reason : before.reason) ? null : `exception ${v} reason ${before.reason} → ${(await exceptionRow(id))!.reason} after ${res.statusCode}`),
      }
    },
  },
  'DELETE /api/v1/assets/exceptions/{exceptionId}': {
    // Permitted withdrawals get a fresh waiting request of the caller's own; refused ones try the fixtures, which must stay.
    action: 'assets.exceptions.request', relations: ['none'], variants: DEVICE_VARIANTS,
    expect: (c) => (managesExceptions(c) ? (ownsVariant(c) ? 204 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as DeviceVariant
      const fresh = managesExceptions(c) && ownsVariant(c)
      const id = fresh ? (await requestAssetException(ctx, managerScope(DEVICE_OWNER[v], SECTOR_OF[v]), exceptionBody(ax[v], newCve()))).id : ex.pending[v]
      return { url: `/api/v1/assets/exceptions/${id}`, after: async (res) => (((await exceptionRow(id)) !== undefined) === (res.statusCode !== 204) ? null : `exception ${id} exists=${(await exceptionRow(id)) !== undefined} after ${res.statusCode}`) }
    },
  },
  'POST /api/v1/assets/exceptions/{exceptionId}/decision': {
    // Permitted decisions get a fresh waiting request of the caller's own; refused ones try the waiting fixtures, which must stay waiting.
    action: 'assets.exceptions.decide', relations: ['none'], variants: DEVICE_VARIANTS,
    expect: (c) => (managesExceptions(c) && bySession(c) ? (ownsVariant(c) ? 200 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as DeviceVariant
      const fresh = managesExceptions(c) && bySession(c) && ownsVariant(c)
      const id = fresh ? (await requestAssetException(ctx, managerScope(DEVICE_OWNER[v], SECTOR_OF[v]), exceptionBody(ax[v], newCve()))).id : ex.pending[v]
      return {
        url: `/api/v1/assets/exceptions/${id}/decision`, payload: { approve: true, note: null },
        after: async (res) => ((await exceptionRow(id))!.decision === (res.statusCode === 200 ? 'approved' : 'requested') ? null : `exception ${id} is ${(await exceptionRow(id))!.decision} after ${res.statusCode}`),
      }
    },
  },
  'GET /api/v1/assets/plans': {
    action: 'assets.read', relations: ['none'], everyone: true,
    expect: () => 200,
    build: async (c) => ({ url: '/api/v1/assets/plans?limit=10000', after: async (res) => onlyReadableFixtures(c, res.body, [ex.plans]) }),
  },
  'GET /api/v1/assets/plans/{planId}': {
    action: 'assets.read', relations: ['none'], variants: DEVICE_VARIANTS, everyone: true,
    expect: (c) => (readsDevice(c, c.variant as DeviceVariant) ? 200 : 404),
    build: async (c) => ({ url: `/api/v1/assets/plans/${ex.plans[c.variant as DeviceVariant]}` }),
  },
  'POST /api/v1/assets/plans': {
    action: 'assets.plans.manage', relations: ['none'],
    expect: (c) => ok(managesExceptions(c), 201),
    build: async () => {
      const before = await planCount()
      return {
        url: '/api/v1/assets/plans', payload: planBody(ax.clinic),
        after: async (res) => ((await planCount()) - before === (res.statusCode === 201 ? 1 : 0) ? null : `plans ${before} → ${await planCount()} after ${res.statusCode}`),
      }
    },
  },
  'PUT /api/v1/assets/plans/{planId}': {
    action: 'assets.plans.manage', relations: ['none'], variants: DEVICE_VARIANTS,
    expect: (c) => (managesExceptions(c) ? (ownsVariant(c) ? 200 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as DeviceVariant
      const id = ex.plans[v]
      const before = await planBudget(id)
      const budget = Number(before) + 1
      return {
        url: `/api/v1/assets/plans/${id}`, payload: planBody(ax[v], budget),
        after: async (res) => (Number(await planBudget(id)) === (res.statusCode === 200 ? budget : Number(before)) ? null : `plan ${v} budget ${before} → ${await planBudget(id)} after ${res.statusCode}`),
      }
    },
  },
  'DELETE /api/v1/assets/plans/{planId}': {
    action: 'assets.plans.manage', relations: ['none'], variants: DEVICE_VARIANTS,
    expect: (c) => (managesExceptions(c) ? (ownsVariant(c) ? 204 : 404) : 'denied'),
    build: async (c) => {
      const v = c.variant as DeviceVariant
      const fresh = managesExceptions(c) && ownsVariant(c)
      const id = fresh ? (await createPlan(ctx, managerScope(DEVICE_OWNER[v], SECTOR_OF[v]), planBody(ax[v]))).id : ex.plans[v]
      const exists = async () => (await ctx.database.db.selectFrom('asset_replacement_plan').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
      return { url: `/api/v1/assets/plans/${id}`, after: async (res) => ((await exists()) === (res.statusCode !== 204) ? null : `plan ${id} exists=${await exists()} after ${res.statusCode}`) }
    },
  },
  'GET /api/v1/assets/overview': {
    // The government's: the NCO every sector, a ministry exactly its jurisdiction.
    action: 'assets.overview', relations: ['none'],
    expect: (c) => ok(['national_office', 'ministry'].includes(c.caller.org.kind), 200),
    build: async (c) => ({
      url: '/api/v1/assets/overview',
      after: async (res) => {
        if (res.statusCode !== 200) return null
        const shown = (res.json() as { sectors: { sectorId: string }[] }).sectors.map((s) => s.sectorId)
        const expected = c.caller.org.kind === 'ministry' ? c.caller.org.sectors : [...sectors.keys()]
        return JSON.stringify([...shown].sort()) === JSON.stringify([...expected].sort()) ? null : `sectors ${shown.join(',')}; expected ${expected.join(',')}`
      },
    }),
  },
}

const TABLE: Record<string, RouteSpec> = {
  'GET /api/v1/auth/config': {
    action: 'public', relations: ['none'],
    expect: () => 200,
    build: async () => ({ url: '/api/v1/auth/config' }),
  },
  'POST /api/v1/auth/login': {
    action: 'public', relations: ['none'],
    expect: () => 200,
    build: async (c) => ({ url: '/api/v1/auth/login', payload: { email: c.caller.email, password: PASSWORD } }),
  },
  'POST /api/v1/auth/logout': {
    // Any signed-in caller may end its own session; for a token there is no session, so it is a no-op.
    action: 'session', relations: ['none'],
    expect: () => 204,
    build: async (c) => ({ url: '/api/v1/auth/logout', headers: await c.caller.headers(true) }),
  },
  'GET /api/v1/auth/me': {
    // About the signed-in *user*: a token has none.
    action: 'session', relations: ['none'],
    expect: (c) => (bySession(c) ? 200 : 'unauthenticated'),
    build: async () => ({ url: '/api/v1/auth/me' }),
  },
  'PATCH /api/v1/auth/me': {
    action: 'session', relations: ['none'],
    expect: (c) => (bySession(c) ? 200 : 'unauthenticated'),
    build: async () => ({ url: '/api/v1/auth/me', payload: { locale: 'ja' } }),
  },
  'POST /api/v1/auth/active-organisation': {
    // Switching is only between the user's own memberships; another organisation is refused as invalid input.
    action: 'session', relations: ['own', 'other'],
    expect: (c) => (!bySession(c) ? 'unauthenticated' : c.relation === 'own' ? 200 : 422),
    build: async (c) => ({ url: '/api/v1/auth/active-organisation', payload: { organisationId: c.targetId } }),
  },
  'GET /api/v1/org/sectors': {
    action: 'reference.read', relations: ['none'],
    expect: () => 200,
    build: async () => ({ url: '/api/v1/org/sectors' }),
  },
  'PUT /api/v1/org/sectors/{id}': {
    // The sector list and who is in charge of each sector: the NCO's admins only.
    action: 'reference.manage', relations: ['none'],
    expect: (c) => ok(isAdmin(c) && c.caller.org.kind === 'national_office', 200),
    // The medical sector written back as it is: a real update that leaves every jurisdiction in place.
    build: async () => {
      const medical = sectors.get('medical')!
      return { url: '/api/v1/org/sectors/medical', payload: { nameJa: medical.nameJa, nameEn: medical.nameEn, ministryIds: medical.ministryIds } }
    },
  },
  'GET /api/v1/org/prefectures': {
    action: 'reference.read', relations: ['none'],
    expect: () => 200,
    build: async () => ({ url: '/api/v1/org/prefectures' }),
  },
  'GET /api/v1/org/organisations': {
    action: 'org.list', relations: ['none'],
    expect: () => 200,
    build: async (c) => ({
      url: '/api/v1/org/organisations',
      // The list is the read path too: it must hold exactly the visible ones among the others.
      after: async (res) => {
        if (res.statusCode !== 200) return null
        const ids = new Set((res.json() as { id: string }[]).map((o) => o.id))
        if (!ids.has(c.caller.org.id)) return 'own organisation missing from the list'
        for (const other of c.caller.org.others) {
          if (ids.has(other.id) !== other.visible) return `${other.id} ${other.visible ? 'missing from' : 'leaked into'} the list`
        }
        return null
      },
    }),
  },
  'POST /api/v1/org/organisations': {
    // Only the NCO and ministries create; a ministry only operators inside its jurisdiction.
    // "own" = an operator in the caller's own sectors, "other" = one in the other organisation's sectors.
    action: 'org.create', relations: ['own', 'other'],
    expect: (c) => {
      const sectors = c.relation === 'own' ? c.caller.org.sectors : c.other!.sectors
      const kind = c.caller.org.kind
      const inJurisdiction = sectors.length > 0 && sectors.every((s) => c.caller.org.sectors.includes(s))
      return ok(isAdmin(c) && (kind === 'national_office' || (kind === 'ministry' && inJurisdiction)), 201)
    },
    build: async (c) => ({
      url: '/api/v1/org/organisations',
      payload: {
        name: `マトリクス事業者${serial++}`, nameEn: `Matrix Operator ${serial}`, kind: 'operator',
        sectors: c.relation === 'own' ? c.caller.org.sectors : c.other!.sectors,
      },
    }),
  },
  'GET /api/v1/org/organisations/{id}': {
    action: 'org.read', relations: ['own', 'other'],
    expect: (c) => ok(c.relation === 'own' || c.other!.visible, 200),
    build: async (c) => ({ url: `/api/v1/org/organisations/${c.targetId}` }),
  },
  'PATCH /api/v1/org/organisations/{id}': {
    // Admins change their own record and (NCO, ministries) the ones they govern; seeing is not enough.
    action: 'org.update', relations: ['own', 'other'],
    expect: (c) => ok(isAdmin(c) && (c.relation === 'own' || c.other!.governed), 200),
    // Writing the current English name back: a real, schema-valid change request that leaves data as it was.
    build: async (c) => ({ url: `/api/v1/org/organisations/${c.targetId}`, payload: { nameEn: names.get(c.targetId!)!.nameEn } }),
  },
  'GET /api/v1/org/organisations/{id}/members': {
    // Personal data: only the organisation itself, and only admin, CISO and auditor.
    action: 'org.members.read', relations: ['own', 'other'],
    expect: (c) => ok(c.relation === 'own' && ['admin', 'ciso', 'auditor'].includes(c.caller.role), 200),
    build: async (c) => ({ url: `/api/v1/org/organisations/${c.targetId}/members` }),
  },
  'POST /api/v1/org/organisations/{id}/members': {
    action: 'org.members.manage', relations: ['own', 'other'],
    expect: (c) => ok(c.relation === 'own' && isAdmin(c), 201),
    build: async (c) => ({
      url: `/api/v1/org/organisations/${c.targetId}/members`,
      payload: { email: `matrix-member-${serial++}@test.kaname.jp`, displayName: 'マトリクス 会員', role: 'viewer' },
    }),
  },
  'DELETE /api/v1/org/organisations/{id}/members/{userId}': {
    // A member of the organisation named by :id, created for the request; only that organisation's admins remove it.
    action: 'org.members.manage', relations: ['own', 'other'],
    expect: (c) => ok(c.relation === 'own' && isAdmin(c), 204),
    build: async (c) => {
      const userId = await memberOf(c.targetId!)
      return {
        url: `/api/v1/org/organisations/${c.targetId}/members/${userId}`,
        after: async (res) => {
          const still = await isMember(userId, c.targetId!)
          return still === (res.statusCode !== 204) ? null : `membership present=${still} after status ${res.statusCode}`
        },
      }
    },
  },
  'GET /api/v1/org/tokens': {
    action: 'org.tokens.manage', relations: ['none'],
    expect: (c) => ok(isAdmin(c), 200),
    build: async (c) => ({
      url: '/api/v1/org/tokens',
      after: async (res) => {
        if (res.statusCode !== 200) return null
        const foreign = (res.json() as { organisationId: string }[]).filter((t) => t.organisationId !== c.caller.org.id)
        return foreign.length > 0 ? `lists ${foreign.length} token(s) of other organisations` : null
      },
    }),
  },
  'POST /api/v1/org/tokens': {
    action: 'org.tokens.manage', relations: ['none'],
    expect: (c) => ok(isAdmin(c), 201),
    build: async () => ({ url: '/api/v1/org/tokens', payload: { name: `matrix-${serial++}`, role: 'viewer', expiresInDays: 1 } }),
  },
  'DELETE /api/v1/org/tokens/{id}': {
    // Another organisation's token does not exist for the caller (404), and must stay unrevoked.
    action: 'org.tokens.manage', relations: ['own', 'other'],
    expect: (c) => ok(isAdmin(c), c.relation === 'own' ? 204 : 404),
    build: async (c) => {
      const victim = await tokenOf(c.targetId!)
      return {
        url: `/api/v1/org/tokens/${victim}`,
        after: async (res) => {
          const revoked = await tokenRevoked(victim)
          const shouldBe = res.statusCode === 204
          return revoked === shouldBe ? null : `token revoked=${revoked} after status ${res.statusCode}`
        },
      }
    },
  },
  'GET /api/v1/audit/entries': {
    action: 'audit.read', relations: ['none'],
    expect: (c) => ok(['admin', 'auditor'].includes(c.caller.role), 200),
    build: async (c) => ({
      url: '/api/v1/audit/entries?limit=500',
      after: async (res) => {
        if (res.statusCode !== 200) return null
        const entries = res.json() as { organisationId: string | null }[]
        if (c.caller.org.kind === 'national_office') {
          return entries.some((e) => e.organisationId !== 'nco') ? null : 'the NCO should see other organisations\' entries'
        }
        const foreign = entries.filter((e) => e.organisationId !== c.caller.org.id)
        return foreign.length > 0 ? `shows ${foreign.length} entries of other organisations` : null
      },
    }),
  },
  'GET /api/v1/audit/verify': {
    // The verdict speaks for every organisation's entries: the NCO only.
    action: 'audit.verify', relations: ['none'],
    expect: (c) => ok(['admin', 'auditor'].includes(c.caller.role) && c.caller.org.kind === 'national_office', 200),
    build: async () => ({ url: '/api/v1/audit/verify' }),
  },
  ...STANDARDS_TABLE,
  ...ASSESSMENTS_TABLE,
  ...SERVICES_TABLE,
  ...ASSETS_TABLE,
  ...ASSET_EXCEPTIONS_TABLE,
  ...DEPENDENCIES_TABLE,
  ...VULNERABILITIES_TABLE,
  ...EXPOSURE_TABLE,
}

interface OpenApiDoc { paths: Record<string, Record<string, { 'x-kaname-access'?: string | null }>> }
const METHODS = ['get', 'post', 'put', 'patch', 'delete']

/** Every way the document and the table disagree, each naming the route. */
function coverageProblems(doc: OpenApiDoc, table: Record<string, RouteSpec>): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.includes(method)) continue
      const key = `${method.toUpperCase()} ${path}`
      seen.add(key)
      const access = operation['x-kaname-access']
      if (access === null || access === undefined) problems.push(`${key}: no authorization rule (x-kaname-access is ${String(access)})`)
      const spec = table[key]
      if (!spec) problems.push(`${key}: not in the authorization-matrix table`)
      else if (access && spec.action !== access) problems.push(`${key}: x-kaname-access is "${access}", the table expects "${spec.action}"`)
    }
  }
  for (const key of Object.keys(table)) if (!seen.has(key)) problems.push(`${key}: in the table but not in the OpenAPI document`)
  return problems
}

async function standardsFixtures(): Promise<Fixtures> {
  const current = await currentVersions(ctx.database.db)
  const versionOf = (documentId: string) => current.find((d) => d.documentId === documentId)!.versionId
  const published = { nco: versionOf('unified-standard'), mhlw: versionOf('medical-national-standard') }
  const label = (what: string) => `matrix-${what}-${Date.now().toString(36)}`
  const hiddenLabels = [label('closed'), label('shared-mhlw')]
  const closed = (await createSuccessor(ctx, ownerScope('mhlw'), published.mhlw, hiddenLabels[0]!)).id
  const openMedical = (await createSuccessor(ctx, ownerScope('mhlw'), published.mhlw, label('open')) ).id
  await openConsultation(ctx, ownerScope('mhlw'), openMedical, true)
  const openAll = (await createSuccessor(ctx, ownerScope('nco'), published.nco, label('open-all'))).id
  await openConsultation(ctx, ownerScope('nco'), openAll, true)
  const shared = {
    mhlw: (await createSuccessor(ctx, ownerScope('mhlw'), published.mhlw, hiddenLabels[1]!)).id,
    nco: (await createSuccessor(ctx, ownerScope('nco'), published.nco, label('shared-nco'))).id,
  }
  const commenter: Scope = { actor: 'system', userId: null, organisationId: 'clinic-kaede', organisationKind: 'operator', role: 'admin', sectorIds: ['medical'] }
  const comment = {
    mhlw: (await addComment(ctx, commenter, openMedical, { nodeId: NODE, body: 'fixture' })).id,
    nco: (await addComment(ctx, commenter, openAll, { nodeId: NODE, body: 'fixture' })).id,
  }
  const fsaScope: Scope = { actor: 'system', userId: null, organisationId: 'fsa', organisationKind: 'ministry', role: 'admin', sectorIds: ['finance'] }
  const fsaDraft = (await createSuccessor(ctx, fsaScope, versionOf('finance-major-standard'), label('fsa'))).id
  const exceptionInput = { nodeId: NODE, tierId: null, kind: 'dropped' as const, reason: 'fixture', compensatingMeasures: 'fixture', expiresAt: '2099-01-01T00:00:00Z' }
  const exception = {
    mhlw: (await requestException(ctx, ownerScope('mhlw'), shared.mhlw, exceptionInput)).id,
    fsa: (await requestException(ctx, fsaScope, fsaDraft, exceptionInput)).id,
  }
  const row = async (id: string) => ctx.database.db.selectFrom('standard_version').select(['content_digest', 'profile_spec']).where('id', '=', id).executeTakeFirstOrThrow()
  return {
    read: { published: published.nco, draft: closed, consultation: openMedical, 'consultation-all': openAll },
    hiddenLabels, published, shared,
    sharedDigest: { mhlw: (await row(shared.mhlw)).content_digest, nco: (await row(shared.nco)).content_digest },
    mhlwProfile: JSON.parse((await row(shared.mhlw)).profile_spec!),
    comment, exception,
  }
}

const callers: Caller[] = []
let doc: OpenApiDoc
let close: () => Promise<void>

beforeAll(async () => {
  const opened = await openDemoApp('sqlite')
  ctx = opened.ctx
  app = opened.app
  close = opened.close
  await app.ready()
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' })
  expect(res.statusCode).toBe(200)
  doc = res.json() as OpenApiDoc

  const rows = await ctx.database.db.selectFrom('organisation').select(['id', 'name', 'name_en', 'kind']).execute()
  for (const row of rows) {
    names.set(row.id, { name: row.name, nameEn: row.name_en })
    kinds.set(row.id, row.kind)
  }
  fx = await standardsFixtures()
  campaignId = (await launchCampaign(ctx, ownerScope('nco'), {
    title: { ja: 'マトリクス', en: 'Matrix' }, cycle: 'matrix', previousCampaignId: null, scope: { sectors: ['medical', 'finance'], tierIds: [], operatorIds: [] },
    dueDate: dueDate(), reminderDays: [], kpis: [],
  })).id
  evidenceId = (await uploadEvidence(ctx, { actor: 'system', userId: null, organisationId: 'clinic-kaede', organisationKind: 'operator', role: 'admin', sectorIds: ['medical'] }, {
    fileName: '非公開の記録.txt', declaredType: null, description: '', evidenceDate: null, validUntil: null, bytes: new TextEncoder().encode('fixture evidence'),
  })).id
  sx = await servicesFixtures()
  ax = await assetsFixtures()
  ex = await exceptionFixtures()
  for (const sector of await listSectors(ctx.database.db)) sectors.set(sector.id, sector)
  dx = await dependencyFixtures()
  await vulnerabilityFixtures()
  await exposureFixtures()

  for (const org of ACTING) {
    for (const role of ALL_ROLES) {
      const email = `matrix-${org.id}-${role}@test.kaname.jp`
      await createUser(ctx, 'system', { email, displayName: `${org.id} ${role}`, password: PASSWORD, locale: 'ja', organisationId: org.id, role })
      const session = await signInAs(app, email, PASSWORD)
      callers.push({
        org, role, via: 'session', email,
        headers: async (fresh) => {
          if (!fresh) return headersFor(session)
          const once = await signInAs(app, email, PASSWORD)
          return headersFor(once)
        },
      })
      const token = await createApiToken(ctx, systemScope(org.id), { name: `matrix ${role}`, role, expiresInDays: 30 })
      callers.push({ org, role, via: 'token', email, headers: async () => ({ authorization: `Bearer ${token.secret}` }) })
    }
  }
}, 120_000)

afterAll(async () => { await close?.() })

function classify(status: number): string {
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'denied'
  return String(status)
}

function casesFor(spec: RouteSpec, caller: Caller): Case[] {
  return spec.relations.flatMap((relation): Case[] => {
    if (relation === 'none') return [{ caller, relation, other: null, targetId: null, variant: null }]
    if (relation === 'own') return [{ caller, relation, other: null, targetId: caller.org.id, variant: null }]
    return caller.org.others.map((other) => ({ caller, relation, other, targetId: other.id, variant: null }))
  }).flatMap((c) => (spec.variants ?? [null]).map((variant) => ({ ...c, variant })))
}

describe('authorization matrix (sqlite, demo data)', () => {
  test('the table and the OpenAPI document list the same routes, each with the same rule', () => {
    expect(ALL_ROLES).toEqual([...ROLES])
    expect(coverageProblems(doc, TABLE)).toEqual([])
  })

  test('every route refuses anonymous callers with 401 unless its action is public', async () => {
    const wrong: string[] = []
    for (const [key, spec] of Object.entries(TABLE)) {
      const [method, path] = key.split(' ') as [string, string]
      const url = path.replace('{id}', 'nco').replace('{userId}', 'someone').replace(/\{\w+\}/g, 'x')
      const payload = spec.action === 'public' ? (await spec.build({ caller: callers[0]!, relation: 'none', other: null, targetId: null, variant: null })).payload : {}
      const res = await app.inject({ method: method as 'GET', url, ...(payload !== undefined && method !== 'GET' ? { payload: payload as object } : {}) })
      const expected = spec.action === 'public' ? 'allowed' : 'unauthenticated'
      const got = res.statusCode === 401 ? 'unauthenticated' : res.statusCode === 403 ? 'denied' : 'allowed'
      if (got !== expected || res.statusCode >= 500) wrong.push(`${key}: anonymous → ${res.statusCode}, expected ${expected}`)
    }
    expect(wrong).toEqual([])
  })

  for (const [key, spec] of Object.entries(TABLE)) {
    test(`${key} (${spec.action}) × role × own/other × organisation kind × session/token`, async () => {
      const [method] = key.split(' ') as [string]
      const wrong: string[] = []
      let allowed = 0
      let denied = 0
      for (const caller of callers) {
        for (const c of casesFor(spec, caller)) {
          const expected = spec.expect(c)
          const built = await spec.build(c)
          // `contentType` adds a media type to the caller's own headers (raw uploads); `headers` replaces them.
          const headers = built.headers ?? { ...await caller.headers(), ...(built.contentType ? { 'content-type': built.contentType } : {}) }
          const res = await app.inject({
            method: method as 'GET', url: built.url, headers,
            ...(built.payload !== undefined ? { payload: built.payload as object } : {}),
          })
          const label = `${caller.org.id} (${caller.org.kind}) ${caller.role} via ${caller.via}, ${c.relation}${c.other ? ` ${c.other.id}` : ''}${c.variant ? ` [${c.variant}]` : ''}`
          if (classify(res.statusCode) !== String(expected)) {
            wrong.push(`${key}: ${label} → ${res.statusCode} ${res.body.slice(0, 160)}; expected ${expected}`)
            continue
          }
          if (typeof expected === 'number') {
            allowed++
            const problem = built.after ? await built.after(res) : null
            if (problem) wrong.push(`${key}: ${label}: ${problem}`)
          } else {
            denied++
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
            // A refusal about another organisation must not carry any of its data.
            if (c.other) {
              const data = names.get(c.other.id)!
              if (res.body.includes(data.name) || res.body.includes(data.nameEn)) wrong.push(`${key}: ${label}: refusal leaks ${c.other.id}'s name`)
            }
            if (built.after) {
              const problem = await built.after(res)
              if (problem) wrong.push(`${key}: ${label}: ${problem}`)
            }
          }
        }
      }
      expect(wrong).toEqual([])
      // Guards against a table that quietly degenerated into "everything allowed" or "everything denied".
      expect(allowed + denied).toBeGreaterThan(0)
      if (spec.action !== 'public' && spec.action !== 'session' && spec.action !== 'reference.read' && spec.action !== 'org.list' && !spec.everyone) expect(denied).toBeGreaterThan(0)
    }, 120_000)
  }

  test('a clinic reading another operator gets 403 and none of its data', async () => {
    const clinic = callers.find((c) => c.org.id === 'clinic-kaede' && c.role === 'admin' && c.via === 'session')!
    const res = await app.inject({ method: 'GET', url: '/api/v1/org/organisations/aoba-hospital', headers: await clinic.headers() })
    expect(res.statusCode).toBe(403)
    expect(res.body).not.toContain('あおば中央病院')
    expect(res.body).not.toContain('Aoba Central Hospital')
    expect(res.body).not.toContain('"prefectureCode"')
    // The same request from the ministry in charge does return the record, so the names above are the right ones.
    const mhlw = callers.find((c) => c.org.id === 'mhlw' && c.role === 'viewer' && c.via === 'token')!
    const seen = await app.inject({ method: 'GET', url: '/api/v1/org/organisations/aoba-hospital', headers: await mhlw.headers() })
    expect(seen.statusCode).toBe(200)
    expect(seen.json()).toMatchObject({ name: 'あおば中央病院', nameEn: 'Aoba Central Hospital' })
  })

  test('an admin cannot reach another organisation\'s member through its own :id', async () => {
    const clinic = callers.find((c) => c.org.id === 'clinic-kaede' && c.role === 'admin' && c.via === 'token')!
    const victim = await memberOf('aoba-hospital')
    const res = await app.inject({ method: 'DELETE', url: `/api/v1/org/organisations/clinic-kaede/members/${victim}`, headers: await clinic.headers() })
    expect(res.statusCode).toBe(404)
    expect(await isMember(victim, 'aoba-hospital')).toBe(true)
  })

  test('a ministry admin edits its own record but not its own jurisdiction', async () => {
    const mhlw = callers.find((c) => c.org.id === 'mhlw' && c.role === 'admin' && c.via === 'session')!
    const renamed = await app.inject({ method: 'PATCH', url: '/api/v1/org/organisations/mhlw', headers: await mhlw.headers(), payload: { profile: 'ministry-test' } })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json()).toMatchObject({ id: 'mhlw', profile: 'ministry-test', sectors: ['medical'] })
    const grab = await app.inject({ method: 'PATCH', url: '/api/v1/org/organisations/mhlw', headers: await mhlw.headers(), payload: { sectors: ['medical', 'finance'] } })
    expect(grab.statusCode).toBe(403)
    const after = await app.inject({ method: 'GET', url: '/api/v1/org/organisations/mhlw', headers: await mhlw.headers() })
    expect(after.json()).toMatchObject({ sectors: ['medical'] })
    // Undo, so the rest of the file sees the seeded record.
    await app.inject({ method: 'PATCH', url: '/api/v1/org/organisations/mhlw', headers: await mhlw.headers(), payload: { profile: null } })
  })

  test('a cookie session must send the CSRF header on unsafe methods (403 auth.csrf)', async () => {
    const nco = await signInAs(app, 'nco@demo.kaname.jp')
    const payload = { name: 'csrf', role: 'viewer', expiresInDays: 1 }
    const before = await ctx.database.db.selectFrom('api_token').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()

    const missing = await app.inject({ method: 'POST', url: '/api/v1/org/tokens', headers: { cookie: nco.cookie }, payload })
    expect(missing.statusCode).toBe(403)
    expect(missing.json()).toMatchObject({ code: 'auth.csrf', status: 403 })

    const wrongToken = await app.inject({ method: 'POST', url: '/api/v1/org/tokens', headers: { cookie: nco.cookie, 'x-csrf-token': `${nco.csrf}x` }, payload })
    expect(wrongToken.statusCode).toBe(403)
    expect(wrongToken.json()).toMatchObject({ code: 'auth.csrf' })

    const patch = await app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: { cookie: nco.cookie }, payload: { locale: 'en' } })
    expect(patch.statusCode).toBe(403)
    expect(patch.json()).toMatchObject({ code: 'auth.csrf' })

    const after = await ctx.database.db.selectFrom('api_token').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))

    // Safe methods need no header, and with the header the same POST goes through.
    expect((await app.inject({ method: 'GET', url: '/api/v1/org/tokens', headers: { cookie: nco.cookie } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/api/v1/org/tokens', headers: headersFor(nco), payload })).statusCode).toBe(201)
  })
})

describe('a route without an authorization rule', () => {
  test('is refused with 403, even for the NCO admin, and fails the coverage check by name', async () => {
    const opened = await openDemoApp('sqlite')
    await opened.app.close()
    const bare = await buildApp(opened.ctx)
    try {
      // buildApp returns an instance that is not ready yet: a module forgetting `config.access` looks exactly like this.
      bare.get('/api/v1/test/unruled', async () => 'x')
      bare.post('/api/v1/test/unruled', async () => 'x')
      await bare.ready()
      const nco = await signInAs(bare, 'nco@demo.kaname.jp')
      const get = await bare.inject({ method: 'GET', url: '/api/v1/test/unruled', headers: headersFor(nco) })
      expect(get.statusCode).toBe(403)
      expect(get.body).not.toContain('x"')
      expect(get.json()).toMatchObject({ status: 403, code: 'forbidden' })
      const post = await bare.inject({ method: 'POST', url: '/api/v1/test/unruled', headers: headersFor(nco), payload: {} })
      expect(post.statusCode).toBe(403)
      const anonymous = await bare.inject({ method: 'GET', url: '/api/v1/test/unruled' })
      expect(anonymous.statusCode).toBe(403)

      const bareDoc = (await bare.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDoc
      const problems = coverageProblems(bareDoc, TABLE)
      expect(problems).toContain('GET /api/v1/test/unruled: no authorization rule (x-kaname-access is null)')
      expect(problems).toContain('GET /api/v1/test/unruled: not in the authorization-matrix table')
      expect(problems).toContain('POST /api/v1/test/unruled: no authorization rule (x-kaname-access is null)')
    } finally {
      await bare.close()
      await opened.ctx.close()
    }
  })
})
