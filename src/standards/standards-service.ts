import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction, type Executor } from '../platform/db/database.ts'
import { conflict, DomainError, forbidden, invalid, notFound, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import { canonicalJson, sha256Hex } from '../audit/domain/audit-chain.ts'
import type { DocumentKind, Mapping, ProfileSpec, RequirementNode, ResolvedNode, VersionContent, VersionStatus, TierLevel, Deviation } from './domain/model.ts'
import { canMove, type StandardVersion } from './domain/document.ts'
import type { StandardException } from './domain/governance.ts'
import { resolveProfile } from './domain/resolve-profile.ts'
import { findDeviations, unexcused } from './domain/deviations.ts'
import {
  canSeeVersionRecord, findVersionByDigest, findVersionForScope, findVersionUnscoped, insertDocument, insertVersion, loadContentClosure, loadNodes, insertMappings,
  replaceDraftContent, setConsultation, setVersionStatus, type NewDocument,
} from './store/standards-repository.ts'
import {
  answerComment as storeAnswer, decideException, findComment, findException, findTier, insertComment, insertException, listExceptionsOfVersion,
  listFacts, listTiers, replaceFacts, setOperatorTier,
} from './store/governance-repository.ts'

/** Digest of a version's content: equal content, equal digest, so re-imports are recognised and change nothing. */
export function contentDigest(documentId: string, content: { nodes: RequirementNode[]; profile: ProfileSpec | null }): string {
  return sha256Hex(canonicalJson({ documentId, nodes: content.nodes, profile: content.profile }))
}

/** A version the caller may see, or the matching 404/403. */
export async function getVisibleVersion(db: Executor, scope: Scope, versionId: string): Promise<StandardVersion> {
  const version = await findVersionUnscoped(db, versionId)
  if (!version) throw notFound('version')
  if (!canSeeVersionRecord(scope, version)) throw forbidden('This draft is not open to your organisation.')
  return version
}

/** The requirement nodes a version stands for: its own for a catalog, the resolved profile otherwise. */
export async function resolveVersion(db: Executor, versionId: string): Promise<ResolvedNode[]> {
  const contents = await loadContentClosure(db, versionId)
  return resolveContents(versionId, contents)
}

export function resolveContents(versionId: string, contents: Map<string, VersionContent>): ResolvedNode[] {
  const content = contents.get(versionId)
  if (!content) throw notFound('version')
  if (!content.profile) return content.nodes.map((n) => ({ ...n, origin: { versionId, number: n.number } }))
  return resolveProfile(versionId, (id) => contents.get(id))
}

export interface NewVersionInput {
  document: NewDocument | { id: string }
  label: string
  status: VersionStatus
  effectiveFrom: string | null
  notice?: { ja: string; en: string }
  nodes: RequirementNode[]
  profile: ProfileSpec | null
  source: string
}

/**
 * Stores a document version (creating the document when given in full). Idempotent: the same content for
 * the same document returns the existing version and writes nothing. Profiles are resolved before storing,
 * so dangling references and cycles are refused with the path named and nothing stored.
 */
export async function storeVersion(ctx: AppContext, actor: string, actingOrganisationId: string | null, input: NewVersionInput): Promise<{ id: string; documentId: string; created: boolean }> {
  const documentId = input.document.id
  // A version is added only by the document's owner (an import naming another organisation's document must not append to it).
  const owner = (await ctx.database.db.selectFrom('standard_document').select('owner_organisation_id').where('id', '=', documentId).executeTakeFirst())?.owner_organisation_id
  if (owner !== undefined && actingOrganisationId !== null && owner !== actingOrganisationId) throw forbidden('Only the organisation that owns this document may add versions to it.')
  const digest = contentDigest(documentId, { nodes: input.nodes, profile: input.profile })
  const existing = await findVersionByDigest(ctx.database.db, digest)
  if (existing) return { id: existing.id, documentId: existing.documentId, created: false }
  assertUniqueIds(input.nodes)
  if (input.profile) {
    const contents = new Map<string, VersionContent>()
    for (const imported of input.profile.imports) {
      for (const [id, c] of await loadContentClosure(ctx.database.db, imported.versionId)) contents.set(id, c)
    }
    const probe = `probe:${randomUUID()}`
    contents.set(probe, { nodes: input.nodes, profile: input.profile })
    const profiled = resolveProfile(probe, (id) => contents.get(id))
    // Stored straight as published (an import): a new version has no exceptions, so any weakened `must` blocks it,
    // exactly as publishing the same profile from a draft would.
    if (input.status !== 'draft') await assertNoDeviations(ctx.database.db, documentId, 'sectorId' in input.document ? input.document.sectorId : null, input.profile, contents, profiled)
  }
  const id = randomUUID()
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    if ('kind' in input.document) {
      const known = await trx.selectFrom('standard_document').select('id').where('id', '=', documentId).executeTakeFirst()
      if (!known) await insertDocument(trx, input.document, now)
    }
    await insertVersion(trx, {
      id, documentId, label: input.label, status: input.status, effectiveFrom: input.effectiveFrom,
      notice: input.notice ?? { ja: '', en: '' }, profile: input.profile, source: input.source, contentDigest: digest, nodes: input.nodes,
    }, now)
    await appendAudit(trx, { actor, organisationId: actingOrganisationId, action: 'standards.version_create', targetType: 'standard_version', targetId: id, after: { documentId, label: input.label, status: input.status, digest } }, now)
  })
  return { id, documentId, created: true }
}

async function assertNoDeviations(db: Executor, documentId: string, givenSectorId: string | null, profile: ProfileSpec, contents: Map<string, VersionContent>, profiled: ResolvedNode[]): Promise<void> {
  const baseIds = await unifiedStandardImports(db, profile)
  if (baseIds.length === 0) return
  const base = baseIds.flatMap((id) => resolveContents(id, contents))
  const sectorId = (await db.selectFrom('standard_document').select('sector_id').where('id', '=', documentId).executeTakeFirst())?.sector_id ?? givenSectorId
  const tiers = (await listTiers(db, sectorId ?? undefined)).filter((t) => t.profileDocumentId === documentId)
  const levels: TierLevel[] = tiers.length > 0 ? tiers.map((t) => t.level) : ['enhanced']
  const blocking = levels.flatMap((tierLevel) => findDeviations(base, profiled, { tierLevel, sectorId }))
  if (blocking.length > 0) {
    throw new DomainError('conflict', 'standards.unexcused_deviation',
      `Publishing would drop or weaken ${blocking.length} mandatory requirement(s) of the Unified Standard without an approved exception (例外措置); import it as a draft and request exceptions.`,
      blocking.map((d, i) => ({ path: `deviations[${i}]`, message: `${d.number} ${d.kind}: ${d.detail}` })))
  }
}

function assertUniqueIds(nodes: RequirementNode[]) {
  const seen = new Map<string, number>()
  const errors: FieldError[] = []
  nodes.forEach((n, i) => {
    const first = seen.get(n.id)
    if (first !== undefined) errors.push({ path: `nodes[${i}].id`, message: `duplicate id "${n.id}" (first at nodes[${first}].id)` })
    else seen.set(n.id, i)
  })
  const ids = new Set(nodes.map((n) => n.id))
  nodes.forEach((n, i) => { if (n.parentId !== null && !ids.has(n.parentId)) errors.push({ path: `nodes[${i}].parentId`, message: `unknown parent "${n.parentId}"` }) })
  if (errors.length > 0) throw invalid('standards.invalid_content', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors)
}

/** Only the owner edits a draft; a published version never changes. */
export async function editDraft(ctx: AppContext, scope: Scope, versionId: string, content: { nodes: RequirementNode[]; profile: ProfileSpec | null }): Promise<void> {
  const version = await getVisibleVersion(ctx.database.db, scope, versionId)
  assertOwner(scope, version)
  if (version.status !== 'draft') throw conflict('standards.frozen', 'A published version is immutable; create a new version instead.')
  assertUniqueIds(content.nodes)
  if (content.profile) {
    const contents = await loadContentClosure(ctx.database.db, versionId)
    // The new imports may name versions the stored draft did not import yet (a profile re-pointed to a newer base).
    for (const imported of content.profile.imports) {
      for (const [id, c] of await loadContentClosure(ctx.database.db, imported.versionId)) if (!contents.has(id)) contents.set(id, c)
    }
    contents.set(versionId, content)
    resolveProfile(versionId, (id) => contents.get(id))
  }
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await replaceDraftContent(trx, versionId, { ...content, contentDigest: contentDigest(version.document.id, content) }, now)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'standards.draft_edit', targetType: 'standard_version', targetId: versionId, before: { digest: version.contentDigest }, after: { digest: contentDigest(version.document.id, content) } }, now)
  })
}

function assertOwner(scope: Scope, version: StandardVersion) {
  if (version.document.ownerOrganisationId !== scope.organisationId) throw forbidden('Only the organisation that owns this document may change it.')
}

export interface PublicationCheck {
  tierId: string | null
  tierLevel: TierLevel
  deviations: (Deviation & { exception: Pick<StandardException, 'id' | 'status' | 'expiresAt'> | null })[]
  blocking: Deviation[]
}

/**
 * What publishing a sector profile would do to the Unified Standard's `must`s, per tier it serves: every
 * dropped or weakened `must` with the exception that excuses it, if any (S16: never silently looser).
 */
export async function checkProfile(ctx: AppContext, versionId: string): Promise<PublicationCheck[]> {
  const db = ctx.database.db
  const version = await findVersionUnscoped(db, versionId)
  if (!version) throw notFound('version')
  if (!version.profile) return []
  const contents = await loadContentClosure(db, versionId)
  const profiled = resolveContents(versionId, contents)
  const baseIds = await unifiedStandardImports(db, version.profile)
  if (baseIds.length === 0) return []
  const base = baseIds.flatMap((id) => resolveContents(id, contents))
  const tiers = (await listTiers(db, version.document.sectorId ?? undefined)).filter((t) => t.profileDocumentId === version.document.id)
  const contexts: { tierId: string | null; level: TierLevel }[] = tiers.length > 0 ? tiers.map((t) => ({ tierId: t.id, level: t.level })) : [{ tierId: null, level: 'enhanced' }]
  const exceptions = await listExceptionsOfVersion(db, versionId)
  const now = ctx.now().toISOString()
  return contexts.map(({ tierId, level }) => {
    const deviations = findDeviations(base, profiled, { tierLevel: level, sectorId: version.document.sectorId })
    const relevant = exceptions.filter((e) => e.tierId === null || e.tierId === tierId)
    return {
      tierId,
      tierLevel: level,
      deviations: deviations.map((d) => {
        const e = relevant.find((x) => x.nodeId === d.nodeId && x.kind === d.kind)
        return { ...d, exception: e ? { id: e.id, status: e.status, expiresAt: e.expiresAt } : null }
      }),
      blocking: unexcused(deviations, relevant, now),
    }
  })
}

async function unifiedStandardImports(db: Executor, profile: ProfileSpec): Promise<string[]> {
  const ids: string[] = []
  for (const imported of profile.imports) {
    const v = await findVersionUnscoped(db, imported.versionId)
    if (v?.document.kind === 'unified_standard') ids.push(v.id)
  }
  return ids
}

/** Moves a version along draft → published → in force → superseded; publishing a profile needs every weakening excused. */
export async function moveVersion(ctx: AppContext, scope: Scope, versionId: string, to: VersionStatus): Promise<void> {
  const version = await getVisibleVersion(ctx.database.db, scope, versionId)
  assertOwner(scope, version)
  if (!canMove(version.status, to)) throw conflict('standards.bad_transition', `A ${version.status} version cannot become ${to}.`)
  if (to === 'published' && version.profile) {
    const blocking = (await checkProfile(ctx, versionId)).flatMap((c) => c.blocking.map((d) => ({ ...d, tierId: c.tierId })))
    if (blocking.length > 0) {
      throw new DomainError('conflict', 'standards.unexcused_deviation',
        `Publishing would drop or weaken ${blocking.length} mandatory requirement(s) of the Unified Standard without an approved exception (例外措置).`,
        blocking.map((d, i) => ({ path: `deviations[${i}]`, message: `${d.number} ${d.kind}${d.tierId ? ` (tier ${d.tierId})` : ''}: ${d.detail}` })))
    }
  }
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    if (to === 'in_force') {
      // One version of a document is in force at a time: the previous one is superseded.
      const current = await trx.selectFrom('standard_version').select('id').where('document_id', '=', version.document.id).where('status', '=', 'in_force').execute()
      for (const c of current) await setVersionStatus(trx, c.id, 'in_force', 'superseded', now)
    }
    if (!(await setVersionStatus(trx, versionId, version.status, to, now))) throw conflict('standards.concurrent_change', 'The version changed meanwhile; reload.')
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: `standards.${to}`, targetType: 'standard_version', targetId: versionId, before: { status: version.status }, after: { status: to } }, now)
  })
}

export async function openConsultation(ctx: AppContext, scope: Scope, versionId: string, open: boolean): Promise<void> {
  const version = await getVisibleVersion(ctx.database.db, scope, versionId)
  assertOwner(scope, version)
  if (version.status !== 'draft') throw conflict('standards.frozen', 'Only drafts are open for consultation.')
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await setConsultation(trx, versionId, open, now)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: open ? 'standards.consultation_open' : 'standards.consultation_close', targetType: 'standard_version', targetId: versionId }, now)
  })
}

export interface ExceptionRequest {
  nodeId: string
  tierId: string | null
  kind: StandardException['kind']
  reason: string
  compensatingMeasures: string
  expiresAt: string
}

/** The profile's owner records a 例外措置 request; it excuses nothing until the NCO approves it. */
export async function requestException(ctx: AppContext, scope: Scope, versionId: string, input: ExceptionRequest): Promise<StandardException> {
  const version = await getVisibleVersion(ctx.database.db, scope, versionId)
  assertOwner(scope, version)
  if (!version.profile) throw invalid('standards.not_a_profile', 'Exceptions apply to profiles of the Unified Standard.', [{ path: 'params.id', message: 'not a profile' }])
  const now = ctx.now()
  if (input.expiresAt <= now.toISOString()) throw invalid('standards.exception_expired', 'The expiry must lie in the future.', [{ path: 'body.expiresAt', message: 'must be in the future' }])
  const exception: StandardException = {
    id: randomUUID(), versionId, tierId: input.tierId, nodeId: input.nodeId, kind: input.kind, reason: input.reason,
    compensatingMeasures: input.compensatingMeasures, requestedBy: scope.actor, requestedAt: now.toISOString(), status: 'requested',
    approver: null, decidedAt: null, decisionNote: null, expiresAt: input.expiresAt,
  }
  await inTransaction(ctx.database, async (trx) => {
    await insertException(trx, exception)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'standards.exception_request', targetType: 'standard_exception', targetId: exception.id, after: exception }, now)
  })
  return exception
}

export async function decideOnException(ctx: AppContext, scope: Scope, id: string, approve: boolean, note: string | null): Promise<StandardException> {
  const now = ctx.now()
  return inTransaction(ctx.database, async (trx) => {
    const before = await findException(trx, id)
    if (!before) throw notFound('exception')
    if (!(await decideException(trx, id, { status: approve ? 'approved' : 'rejected', approver: scope.actor, at: now.toISOString(), note }))) {
      throw conflict('standards.exception_decided', 'This exception has already been decided.')
    }
    const after = (await findException(trx, id))!
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: approve ? 'standards.exception_approve' : 'standards.exception_reject', targetType: 'standard_exception', targetId: id, before, after }, now)
    return after
  })
}

export type { DocumentKind }

// ---- authoring

/** Who may create a document of this kind and sector (by hand or by import): the Unified Standard is the NCO's; a ministry writes for its jurisdiction. */
export function assertMayWriteDocument(scope: Scope, kind: DocumentKind, sectorId: string | null): void {
  if (kind === 'unified_standard' && scope.organisationKind !== 'national_office') throw forbidden('The Unified Standard is the NCO\'s.')
  if (scope.organisationKind === 'ministry' && (sectorId === null || !scope.sectorIds.includes(sectorId))) {
    throw forbidden('A ministry writes documents for the sectors of its jurisdiction.')
  }
}

export async function createDocument(ctx: AppContext, scope: Scope, input: { id: string; kind: DocumentKind; title: { ja: string; en: string }; sectorId: string | null; label: string; profileOf: string | null }): Promise<{ id: string; documentId: string; created: boolean }> {
  const db = ctx.database.db
  if (await db.selectFrom('standard_document').select('id').where('id', '=', input.id).executeTakeFirst()) {
    throw conflict('standards.document_exists', `A document with id "${input.id}" exists; add a version to it instead.`)
  }
  assertMayWriteDocument(scope, input.kind, input.sectorId)
  if (input.sectorId !== null && !(await db.selectFrom('sector').select('id').where('id', '=', input.sectorId).executeTakeFirst())) {
    throw invalid('standards.unknown_sector', `Unknown sector "${input.sectorId}".`, [{ path: 'body.sectorId', message: 'unknown sector' }])
  }
  let profile: ProfileSpec | null = null
  if (input.profileOf) {
    const base = await findVersionUnscoped(db, input.profileOf)
    if (!base || base.status === 'draft') throw invalid('standards.unknown_base', 'A profile imports a published version.', [{ path: 'body.profileOf', message: 'no published version with this id' }])
    profile = { imports: [{ versionId: base.id, include: 'all', exclude: [] }], setParameters: [], alters: [] }
  }
  return storeVersion(ctx, scope.actor, scope.organisationId, {
    document: { id: input.id, kind: input.kind, ownerOrganisationId: scope.organisationId, sectorId: input.sectorId, title: input.title },
    label: input.label, status: 'draft', effectiveFrom: null, nodes: [], profile, source: 'authored',
  })
}

/** A new draft that starts as a copy of an existing version (the way a standard is revised). */
export async function createSuccessor(ctx: AppContext, scope: Scope, versionId: string, label: string): Promise<{ id: string; documentId: string; created: boolean }> {
  const version = await getVisibleVersion(ctx.database.db, scope, versionId)
  assertOwner(scope, version)
  const nodes = await loadNodes(ctx.database.db, versionId)
  const id = randomUUID()
  const now = ctx.now()
  // Marked as a copy: an unchanged successor must not be what a later idempotent import of the same content
  // finds (that is the published original); the first edit stores the real digest.
  const digest = contentDigest(version.document.id, { nodes, profile: version.profile }) + `:draft:${id}`
  await inTransaction(ctx.database, async (trx) => {
    await insertVersion(trx, { id, documentId: version.document.id, label, status: 'draft', effectiveFrom: null, notice: version.notice, profile: version.profile, source: 'revision', contentDigest: digest, nodes }, now)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'standards.version_create', targetType: 'standard_version', targetId: id, after: { from: versionId, label } }, now)
  })
  return { id, documentId: version.document.id, created: true }
}

export async function setProfile(ctx: AppContext, scope: Scope, versionId: string, profile: ProfileSpec): Promise<void> {
  // Importing a version resolves its content into one's own profile: only versions the author may read (unknown ones are dangling references, reported below).
  for (const imported of profile.imports) {
    if ((await findVersionForScope(ctx.database.db, scope, imported.versionId)) === null) throw forbidden('A profile imports only versions your organisation may read.')
  }
  const nodes = await loadNodes(ctx.database.db, versionId)
  await editDraft(ctx, scope, versionId, { nodes, profile })
}

// ---- consultation (S24)

export async function addComment(ctx: AppContext, scope: Scope, versionId: string, input: { nodeId: string; body: string }) {
  const version = await getVisibleVersion(ctx.database.db, scope, versionId)
  if (version.status !== 'draft' || !version.consultationOpen) throw conflict('standards.consultation_closed', 'This version is not open for comments.')
  const nodes = await resolveVersion(ctx.database.db, versionId)
  if (!nodes.some((n) => n.id === input.nodeId)) throw invalid('standards.unknown_node', `No requirement "${input.nodeId}" in this version.`, [{ path: 'body.nodeId', message: 'no such requirement in this version' }])
  const comment = { id: randomUUID(), versionId, nodeId: input.nodeId, organisationId: scope.organisationId, author: scope.actor, body: input.body, createdAt: ctx.now().toISOString(), answer: null }
  await inTransaction(ctx.database, async (trx) => {
    await insertComment(trx, comment)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'standards.comment', targetType: 'requirement_comment', targetId: comment.id, after: comment }, ctx.now())
  })
  return comment
}

export async function answerComment(ctx: AppContext, scope: Scope, commentId: string, answer: { status: 'accepted' | 'declined' | 'considered'; body: string }) {
  const comment = await findComment(ctx.database.db, commentId)
  if (!comment) throw notFound('comment')
  const version = await getVisibleVersion(ctx.database.db, scope, comment.versionId)
  assertOwner(scope, version)
  const now = ctx.now()
  const recorded = { ...answer, by: scope.actor, at: now.toISOString() }
  await inTransaction(ctx.database, async (trx) => {
    await storeAnswer(trx, commentId, recorded)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'standards.comment_answer', targetType: 'requirement_comment', targetId: commentId, before: comment.answer, after: recorded }, now)
  })
  return { ...comment, answer: recorded }
}

// ---- tiers and operator facts

export async function assignTier(ctx: AppContext, scope: Scope, organisationId: string, operatorSectors: string[], sectorId: string, tierId: string, reason: string) {
  const tier = await findTier(ctx.database.db, tierId)
  if (!tier || tier.sectorId !== sectorId) throw invalid('standards.unknown_tier', `No tier "${tierId}" in sector "${sectorId}".`, [{ path: 'body.tierId', message: 'not a tier of this sector' }])
  if (!operatorSectors.includes(sectorId)) throw invalid('standards.sector_mismatch', 'The operator is not in that sector.', [{ path: 'params.sectorId', message: 'not a sector of this operator' }])
  if (scope.organisationKind === 'ministry' && !scope.sectorIds.includes(sectorId)) throw forbidden('That sector is not in your jurisdiction.')
  const now = ctx.now()
  const decision = { organisationId, sectorId, tierId, reason, decidedBy: scope.actor, decidedAt: now.toISOString() }
  await inTransaction(ctx.database, async (trx) => {
    const before = await setOperatorTier(trx, decision)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'standards.tier_assign', targetType: 'organisation', targetId: organisationId, before, after: decision }, now)
  })
  return decision
}

export async function setFacts(ctx: AppContext, scope: Scope, organisationId: string, facts: string[]) {
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    const before = await listFacts(trx, organisationId)
    await replaceFacts(trx, organisationId, [...new Set(facts)].sort(), now)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'org.facts_set', targetType: 'organisation', targetId: organisationId, before: { facts: before }, after: { facts } }, now)
  })
  return [...new Set(facts)].sort()
}

// ---- crosswalks

/**
 * Stores crosswalk rows after checking every endpoint exists (as a node of the named version, resolved for
 * profiles); the caller must own each row's source document, or be the NCO. All rows or none; rows already
 * present are skipped, so importing the same file twice changes nothing.
 */
export async function importMappingRows(ctx: AppContext, scope: Scope, mappings: Mapping[], rowLabel: (i: number) => string): Promise<{ received: number; inserted: number }> {
  const db = ctx.database.db
  const nodesOf = new Map<string, Set<string> | null>()
  const versions = new Map<string, StandardVersion | undefined>()
  const errors: FieldError[] = []
  for (const [i, m] of mappings.entries()) {
    for (const [side, versionId, nodeId] of [['source', m.sourceVersionId, m.sourceNodeId], ['target', m.targetVersionId, m.targetNodeId]] as const) {
      if (!versions.has(versionId)) versions.set(versionId, await findVersionUnscoped(db, versionId))
      const version = versions.get(versionId)
      if (!version || !canSeeVersionRecord(scope, version)) { errors.push({ path: `${rowLabel(i)}.${side}_version`, message: `unknown version "${versionId}"` }); continue }
      if (!nodesOf.has(versionId)) nodesOf.set(versionId, new Set((await resolveVersion(db, versionId)).map((n) => n.id)))
      if (!nodesOf.get(versionId)!.has(nodeId)) errors.push({ path: `${rowLabel(i)}.${side}_id`, message: `no node "${nodeId}" in version ${version.label}` })
    }
    const source = versions.get(m.sourceVersionId)
    if (source && scope.organisationKind !== 'national_office' && source.document.ownerOrganisationId !== scope.organisationId) {
      errors.push({ path: `${rowLabel(i)}.source_version`, message: 'you may only map from documents your organisation owns' })
    }
  }
  if (errors.length > 0) throw invalid('standards.mappings_invalid', `${errors.length} row error(s); nothing was imported. ${errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors)
  const now = ctx.now()
  return inTransaction(ctx.database, async (trx) => {
    const rows = mappings.map((m) => ({ ...m, id: randomUUID() }))
    const inserted = await insertMappings(trx, rows, now)
    if (inserted > 0) await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'standards.mappings_import', targetType: 'standard_mapping', targetId: `${inserted}`, after: { inserted, received: mappings.length } }, now)
    return { received: mappings.length, inserted }
  })
}
