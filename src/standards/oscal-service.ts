import type { AppContext } from '../platform/context.ts'
import { invalid } from '../platform/errors.ts'
import type { DocumentKind, Mapping } from './domain/model.ts'
import { exportCatalog, importCatalog } from './domain/oscal/catalog.ts'
import { exportProfile, importProfile, resolveByRlinkFileName, resolveKanameHref, type HrefResolver } from './domain/oscal/profile.ts'
import { exportMappingCollection } from './domain/oscal/mapping.ts'
import { serializeOscal, uuidV5 } from './domain/oscal/kaname-ns.ts'
import { assertValidOscal } from './formats/oscal-validator.ts'
import { storeVersion } from './standards-service.ts'
import { findVersionUnscoped, listAllVersionsUnscoped, loadNodes } from './store/standards-repository.ts'

export interface OscalImportOptions {
  format: 'catalog' | 'profile'
  documentKind: DocumentKind
  documentId?: string | undefined
  sectorId?: string | undefined
  status: 'draft' | 'published'
  ownerOrganisationId: string
  actor: string
}

/**
 * Imports an OSCAL catalog or profile: schema first (errors name JSON paths), then our structural import,
 * then the version is stored through the same path as authored content (idempotent by content digest).
 * Profile imports reference versions either by our `kaname:version/…` hrefs or, for NIST's baselines, by the
 * file name their back-matter points at (matched against imported documents' titles and sources).
 */
export async function importOscalDocument(ctx: AppContext, json: unknown, options: OscalImportOptions): Promise<{ id: string; documentId: string; created: boolean }> {
  assertValidOscal(options.format, json)
  const slug = (title: string) => title.toLowerCase().normalize('NFKC').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'document'
  if (options.format === 'catalog') {
    const catalog = importCatalog(json)
    const documentId = options.documentId ?? slug(catalog.metadata.title)
    return storeVersion(ctx, options.actor, options.ownerOrganisationId, {
      document: { id: documentId, kind: options.documentKind, ownerOrganisationId: options.ownerOrganisationId, sectorId: options.sectorId ?? null, title: { ja: catalog.metadata.lang?.startsWith('ja') ? catalog.metadata.title : '', en: catalog.metadata.title } },
      label: catalog.metadata.version, status: options.status, effectiveFrom: null, nodes: catalog.nodes, profile: null, source: 'oscal',
    })
  }
  const versions = await listAllVersionsUnscoped(ctx.database.db)
  const byFile = resolveByRlinkFileName(Object.fromEntries(versions.filter((v) => v.kind === 'foreign_framework').map((v) => [fileNameFor(v.documentId), v.id])))
  const resolveHref: HrefResolver = (href, backMatter) => resolveKanameHref(href, backMatter) ?? byFile(href, backMatter)
  const profile = importProfile(json, { resolveHref })
  const documentId = options.documentId ?? slug(profile.metadata.title)
  return storeVersion(ctx, options.actor, options.ownerOrganisationId, {
    document: { id: documentId, kind: options.documentKind, ownerOrganisationId: options.ownerOrganisationId, sectorId: options.sectorId ?? null, title: { ja: '', en: profile.metadata.title } },
    label: profile.metadata.version, status: options.status, effectiveFrom: null, nodes: profile.nodes, profile: profile.profile, source: 'oscal',
  })
}

/** NIST baselines name their catalog by file; our imported SP 800-53 document is matched by this id. */
function fileNameFor(documentId: string): string {
  return documentId === 'nist-sp-800-53-rev5' ? 'NIST_SP-800-53_rev5_catalog.json' : `${documentId}.json`
}

/** OSCAL 1.1.2 JSON of a version, as text: a catalog for catalogs, a profile for profiles. Validated before it leaves. */
export async function exportOscalDocument(ctx: AppContext, versionId: string, kind: 'catalog' | 'profile' | 'auto' = 'auto'): Promise<string> {
  const version = await findVersionUnscoped(ctx.database.db, versionId)
  if (!version) throw invalid('standards.unknown_version', `No version ${versionId}.`, [{ path: 'version', message: 'no such version' }])
  const nodes = await loadNodes(ctx.database.db, versionId)
  const wanted = kind === 'auto' ? (version.profile ? 'profile' : 'catalog') : kind
  if (wanted === 'profile' && !version.profile) throw invalid('standards.not_a_profile', 'This version is a catalog; export it with --kind catalog.', [{ path: 'kind', message: 'not a profile' }])
  if (wanted === 'catalog' && version.profile) throw invalid('standards.not_a_catalog', 'This version is a profile; export it with --kind profile.', [{ path: 'kind', message: 'not a catalog' }])
  const options = {
    documentId: versionId,
    title: version.document.title.ja || version.document.title.en,
    version: version.label,
    lang: version.document.title.ja ? 'ja' as const : 'en' as const,
    // Published versions carry their publication time, so their exports are byte-stable; drafts say now.
    lastModified: version.publishedAt ?? ctx.now().toISOString(),
  }
  const json = wanted === 'catalog' ? exportCatalog(nodes, options) : exportProfile({ profile: version.profile!, nodes }, options)
  assertValidOscal(wanted, json)
  return serializeOscal(json)
}

export async function exportMappings(ctx: AppContext, mappings: Mapping[], title: string): Promise<string> {
  const versions = new Map((await listAllVersionsUnscoped(ctx.database.db)).map((v) => [v.id, v]))
  const json = exportMappingCollection(mappings, {
    documentId: uuidV5(`mappings:${title}`), title, version: '1', lastModified: ctx.now().toISOString(),
    resourceType: (id) => (versions.get(id)?.isProfile ? 'profile' : 'catalog'),
  })
  assertValidOscal('mapping-collection', json)
  return serializeOscal(json)
}
