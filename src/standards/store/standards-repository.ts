import { sql, type Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import { canSeeVersion } from '../../authz/domain/visibility.ts'
import type { DocumentKind, Mapping, MappingRelationship, ProfileSpec, RequirementNode, VersionContent, VersionStatus } from '../domain/model.ts'
import type { StandardDocument, StandardVersion, VersionSummary } from '../domain/document.ts'
import { nodeToRow, rowToNode } from './node-rows.ts'

type VersionRow = DB['standard_version']
type DocumentRow = DB['standard_document']

function toSummary(row: VersionRow): VersionSummary {
  return {
    id: row.id, documentId: row.document_id, label: row.label, status: row.status as VersionStatus,
    effectiveFrom: row.effective_from, publishedAt: row.published_at, consultationOpen: Boolean(row.consultation_open),
    isProfile: row.profile_spec !== null,
  }
}

function toVersion(row: VersionRow, doc: DocumentRow): StandardVersion {
  return {
    ...toSummary(row),
    notice: { ja: row.notice_ja, en: row.notice_en },
    profile: row.profile_spec ? (JSON.parse(row.profile_spec) as ProfileSpec) : null,
    source: row.source,
    contentDigest: row.content_digest,
    document: { id: doc.id, kind: doc.kind as DocumentKind, title: { ja: doc.title_ja, en: doc.title_en }, ownerOrganisationId: doc.owner_organisation_id, sectorId: doc.sector_id },
  }
}

const visible = (scope: Scope, doc: DocumentRow, row: VersionRow) =>
  canSeeVersion(scope, { status: row.status, ownerOrganisationId: doc.owner_organisation_id, sectorId: doc.sector_id, consultationOpen: Boolean(row.consultation_open) })

/** Documents with only the versions the caller may see; documents with none visible are left out. */
export async function listDocuments(db: Executor, scope: Scope, filter: { kind?: DocumentKind | undefined } = {}): Promise<StandardDocument[]> {
  let docs = db.selectFrom('standard_document').selectAll()
  if (filter.kind) docs = docs.where('kind', '=', filter.kind)
  const documents = await docs.orderBy('kind').orderBy('title_ja').execute()
  if (documents.length === 0) return []
  const versions = await db.selectFrom('standard_version').selectAll().orderBy('created_at').execute()
  return documents.flatMap((doc) => {
    const own = versions.filter((v) => v.document_id === doc.id && visible(scope, doc, v)).map(toSummary)
    return own.length === 0 ? [] : [{
      id: doc.id, kind: doc.kind as DocumentKind, ownerOrganisationId: doc.owner_organisation_id, sectorId: doc.sector_id,
      title: { ja: doc.title_ja, en: doc.title_en }, versions: own,
    }]
  })
}

/** One version within the caller's scope: `undefined` when it does not exist, `null` when it exists but is hidden. */
export async function findVersionForScope(db: Executor, scope: Scope, versionId: string): Promise<StandardVersion | null | undefined> {
  const found = await findVersionUnscoped(db, versionId)
  if (!found) return undefined
  return canSeeVersionRecord(scope, found) ? found : null
}

export function canSeeVersionRecord(scope: Scope, version: StandardVersion): boolean {
  return canSeeVersion(scope, { status: version.status, ownerOrganisationId: version.document.ownerOrganisationId, sectorId: version.document.sectorId, consultationOpen: version.consultationOpen })
}

/** For the system's own resolution work after the top version passed the scope check. */
export async function findVersionUnscoped(db: Executor, versionId: string): Promise<StandardVersion | undefined> {
  const row = await db.selectFrom('standard_version').selectAll().where('id', '=', versionId).executeTakeFirst()
  if (!row) return undefined
  const doc = await db.selectFrom('standard_document').selectAll().where('id', '=', row.document_id).executeTakeFirstOrThrow()
  return toVersion(row, doc)
}

export async function loadNodes(db: Executor, versionId: string): Promise<RequirementNode[]> {
  const rows = await db.selectFrom('requirement_node').selectAll().where('version_id', '=', versionId).orderBy('position').execute()
  return rows.map(rowToNode)
}

/** Loads a version and, transitively, every version its profile imports: the input profile resolution needs. */
export async function loadContentClosure(db: Executor, versionId: string): Promise<Map<string, VersionContent>> {
  const contents = new Map<string, VersionContent>()
  const queue = [versionId]
  while (queue.length > 0) {
    const id = queue.shift()!
    if (contents.has(id)) continue
    const version = await findVersionUnscoped(db, id)
    if (!version) continue
    contents.set(id, { nodes: await loadNodes(db, id), profile: version.profile })
    for (const imported of version.profile?.imports ?? []) queue.push(imported.versionId)
  }
  return contents
}

export interface NewDocument {
  id: string
  kind: DocumentKind
  ownerOrganisationId: string
  sectorId: string | null
  title: { ja: string; en: string }
}

export async function insertDocument(trx: Transaction<DB>, doc: NewDocument, now: Date): Promise<void> {
  const at = now.toISOString()
  await trx.insertInto('standard_document').values({
    id: doc.id, kind: doc.kind, owner_organisation_id: doc.ownerOrganisationId, sector_id: doc.sectorId,
    title_ja: doc.title.ja, title_en: doc.title.en, created_at: at, updated_at: at,
  }).execute()
}

export interface NewVersion {
  id: string
  documentId: string
  label: string
  status: VersionStatus
  effectiveFrom: string | null
  notice: { ja: string; en: string }
  profile: ProfileSpec | null
  source: string
  contentDigest: string
  nodes: RequirementNode[]
}

export async function insertVersion(trx: Transaction<DB>, version: NewVersion, now: Date): Promise<void> {
  const at = now.toISOString()
  await trx.insertInto('standard_version').values({
    id: version.id, document_id: version.documentId, label: version.label, status: version.status,
    effective_from: version.effectiveFrom, published_at: version.status === 'draft' ? null : at, consultation_open: 0,
    profile_spec: version.profile ? JSON.stringify(version.profile) : null, notice_ja: version.notice.ja, notice_en: version.notice.en,
    source: version.source, content_digest: version.contentDigest, created_at: at, updated_at: at,
  }).execute()
  await insertNodes(trx, version.id, version.nodes)
}

// 20 columns a row: 400 rows stay far below SQLite's 32,766 bound parameters.
const NODE_BATCH = 400

async function insertNodes(trx: Transaction<DB>, versionId: string, nodes: RequirementNode[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += NODE_BATCH) {
    const batch = nodes.slice(i, i + NODE_BATCH).map((n, j) => nodeToRow(versionId, n, i + j))
    if (batch.length > 0) await trx.insertInto('requirement_node').values(batch).execute()
  }
}

/** Replaces a draft's content; the caller has checked it is a draft. */
export async function replaceDraftContent(trx: Transaction<DB>, versionId: string, content: { nodes: RequirementNode[]; profile: ProfileSpec | null; contentDigest: string }, now: Date): Promise<void> {
  await trx.deleteFrom('requirement_node').where('version_id', '=', versionId).execute()
  await insertNodes(trx, versionId, content.nodes)
  await trx.updateTable('standard_version').set({
    profile_spec: content.profile ? JSON.stringify(content.profile) : null, content_digest: content.contentDigest, updated_at: now.toISOString(),
  }).where('id', '=', versionId).where('status', '=', 'draft').execute()
}

export async function setVersionStatus(trx: Transaction<DB>, versionId: string, from: VersionStatus, to: VersionStatus, now: Date): Promise<boolean> {
  const result = await trx.updateTable('standard_version').set({
    status: to, updated_at: now.toISOString(), ...(to === 'published' ? { published_at: now.toISOString(), consultation_open: 0 } : {}),
  }).where('id', '=', versionId).where('status', '=', from).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function setConsultation(trx: Transaction<DB>, versionId: string, open: boolean, now: Date): Promise<void> {
  await trx.updateTable('standard_version').set({ consultation_open: open ? 1 : 0, updated_at: now.toISOString() })
    .where('id', '=', versionId).where('status', '=', 'draft').execute()
}

/** Finds a version of a document by digest: importing the same content twice must change nothing. */
export async function findVersionByDigest(db: Executor, contentDigest: string): Promise<VersionSummary | undefined> {
  const row = await db.selectFrom('standard_version').selectAll().where('content_digest', '=', contentDigest).executeTakeFirst()
  return row ? toSummary(row) : undefined
}

export async function findDocumentUnscoped(db: Executor, documentId: string): Promise<NewDocument | undefined> {
  const row = await db.selectFrom('standard_document').selectAll().where('id', '=', documentId).executeTakeFirst()
  return row ? { id: row.id, kind: row.kind as DocumentKind, ownerOrganisationId: row.owner_organisation_id, sectorId: row.sector_id, title: { ja: row.title_ja, en: row.title_en } } : undefined
}

export async function listAllVersionsUnscoped(db: Executor): Promise<(VersionSummary & { kind: DocumentKind; title: { ja: string; en: string }; sectorId: string | null; ownerOrganisationId: string })[]> {
  const rows = await db.selectFrom('standard_version').innerJoin('standard_document', 'standard_document.id', 'standard_version.document_id')
    .selectAll('standard_version').select(['standard_document.kind', 'standard_document.title_ja', 'standard_document.title_en', 'standard_document.sector_id', 'standard_document.owner_organisation_id'])
    .orderBy('standard_version.created_at').execute()
  return rows.map((r) => ({ ...toSummary(r), kind: r.kind as DocumentKind, title: { ja: r.title_ja, en: r.title_en }, sectorId: r.sector_id, ownerOrganisationId: r.owner_organisation_id }))
}

// ---- crosswalks

export async function insertMappings(trx: Transaction<DB>, mappings: (Mapping & { id: string })[], now: Date): Promise<number> {
  let inserted = 0
  for (let i = 0; i < mappings.length; i += 500) {
    const batch = mappings.slice(i, i + 500).map((m) => ({
      id: m.id, source_version_id: m.sourceVersionId, source_node_id: m.sourceNodeId, target_version_id: m.targetVersionId,
      target_node_id: m.targetNodeId, relationship: m.relationship, rationale: m.rationale, created_at: now.toISOString(),
    }))
    if (batch.length === 0) continue
    const result = await trx.insertInto('standard_mapping').values(batch)
      .onConflict((oc) => oc.columns(['source_version_id', 'source_node_id', 'target_version_id', 'target_node_id', 'relationship']).doNothing())
      .executeTakeFirst()
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return inserted
}

/** Mappings touching any of the given versions (either side). */
export async function listMappings(db: Executor, versionIds: string[]): Promise<Mapping[]> {
  if (versionIds.length === 0) return []
  const rows = await db.selectFrom('standard_mapping').selectAll()
    .where((eb) => eb.or([eb('source_version_id', 'in', versionIds), eb('target_version_id', 'in', versionIds)]))
    .orderBy('source_version_id').orderBy('source_node_id').orderBy('target_node_id').execute()
  return rows.map((r) => ({
    sourceVersionId: r.source_version_id, sourceNodeId: r.source_node_id, targetVersionId: r.target_version_id,
    targetNodeId: r.target_node_id, relationship: r.relationship as MappingRelationship, rationale: r.rationale,
  }))
}

export async function countRows(db: Executor, table: 'standard_version' | 'requirement_node' | 'standard_mapping'): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface BindingDocument {
  documentId: string
  kind: DocumentKind
  sectorId: string | null
  title: { ja: string; en: string }
  versionId: string
  versionLabel: string
  status: VersionStatus
}

/**
 * The version of each document that binds today: the one in force, else the latest published. Drafts
 * never bind. Public information (published standards), so no scope.
 * SQL: select … from standard_version join standard_document … where status in ('in_force', 'published')
 */
export async function currentVersions(db: Executor): Promise<BindingDocument[]> {
  return (await bindingVersions(db)).current
}

/**
 * The binding version of each document (`current`) and, where it has a predecessor, the version that bound
 * before it (`previous`, keyed by document id): one query for both.
 */
export async function bindingVersions(db: Executor): Promise<{ current: BindingDocument[]; previous: Map<string, BindingDocument>; documentOfVersion: Map<string, string> }> {
  const rows = await db.selectFrom('standard_version').innerJoin('standard_document', 'standard_document.id', 'standard_version.document_id')
    .select(['standard_version.id', 'standard_version.label', 'standard_version.status', 'standard_version.published_at', 'standard_document.id as document_id',
      'standard_document.kind', 'standard_document.sector_id', 'standard_document.title_ja', 'standard_document.title_en'])
    .where('standard_version.status', 'in', ['in_force', 'published', 'superseded']).execute()
  const best = new Map<string, (typeof rows)[number]>()
  for (const row of rows.filter((r) => r.status !== 'superseded')) {
    const current = best.get(row.document_id)
    const better = !current || (row.status === 'in_force' && current.status !== 'in_force') ||
      (row.status === current.status && (row.published_at ?? '') > (current.published_at ?? ''))
    if (better) best.set(row.document_id, row)
  }
  const toBinding = (r: (typeof rows)[number]): BindingDocument => ({
    documentId: r.document_id, kind: r.kind as DocumentKind, sectorId: r.sector_id, title: { ja: r.title_ja, en: r.title_en },
    versionId: r.id, versionLabel: r.label, status: r.status as VersionStatus,
  })
  const previous = new Map<string, BindingDocument>()
  for (const [documentId, current] of best) {
    // The predecessor is the latest other version published before the binding one.
    const before = rows.filter((r) => r.document_id === documentId && r.id !== current.id && (r.published_at ?? '') <= (current.published_at ?? ''))
      .sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? ''))[0]
    if (before) previous.set(documentId, toBinding(before))
  }
  return {
    current: [...best.values()].map(toBinding).sort((a, b) => a.documentId.localeCompare(b.documentId)), previous,
    documentOfVersion: new Map(rows.map((r) => [r.id, r.document_id])),
  }
}
