/**
 * Crosswalks ⇄ OSCAL 1.2.1 mapping-collection.
 *
 * Export groups our Mapping[] by (source version, target version) into one `mapping` each (first-appearance
 * order), one `map` per row with a single source and target control, the relationship as IR 8477 names it and
 * the rationale as the map's remarks; each version is a back-matter resource with rlink `kaname:version/<id>`.
 * Import accepts `mappings` as one object or an array, expands maps with several sources/targets into one row
 * per pair, skips `no-relationship` maps (they state the absence of a crosswalk) and refuses other relationships.
 */
import { MAPPING_RELATIONSHIPS, type Mapping, type MappingRelationship } from '../model.ts'
import { invalid, type FieldError } from '../../../platform/errors.ts'
import {
  OSCAL_MAPPING_VERSION,
  ReadContext,
  isOscalString,
  ptr,
  readArray,
  readObject,
  readString,
  uuidV5,
  versionHref,
  type JsonObject,
} from './kaname-ns.ts'
import { EXPORT_ERROR, checkExportMetadata, readMetadata, type OscalDocumentMetadata } from './catalog.ts'
import { resolveKanameHref, type HrefResolver, type OscalResource } from './profile.ts'

export const MAPPING_IMPORT_ERROR = 'standards.oscal.mapping_invalid'

export interface MappingExportOptions {
  documentId: string
  title: string
  version: string
  lastModified: string
  /** Whether a version is a catalog or a profile (OSCAL requires the resource type); default catalog. */
  resourceType?: (versionId: string) => 'catalog' | 'profile'
  method?: 'human' | 'automation' | 'hybrid'
  matchingRationale?: 'syntactic' | 'semantic' | 'functional'
  status?: 'complete' | 'not-complete' | 'draft' | 'deprecated' | 'superseded'
  description?: string
}

export interface ImportedMappings {
  metadata: OscalDocumentMetadata
  mappings: Mapping[]
}

export function exportMappingCollection(mappings: Mapping[], options: MappingExportOptions): JsonObject {
  const errors: FieldError[] = []
  checkExportMetadata({ ...options, lang: 'en' }, errors)
  const resources: JsonObject[] = []
  const uuidOf = new Map<string, string>()
  const ref = (versionId: string) => {
    let uuid = uuidOf.get(versionId)
    if (uuid === undefined) {
      uuid = uuidV5(`version:${versionId}`)
      uuidOf.set(versionId, uuid)
      resources.push({ uuid, rlinks: [{ href: versionHref(versionId) }] })
    }
    return { type: options.resourceType?.(versionId) ?? 'catalog', href: `#${uuid}` }
  }
  const groups = new Map<string, { source: string; target: string; rows: { m: Mapping; i: number }[] }>()
  mappings.forEach((m, i) => {
    if (!isOscalString(m.sourceNodeId)) errors.push({ path: `mappings[${i}].sourceNodeId`, message: 'must be non-empty without leading or trailing blanks' })
    if (!isOscalString(m.targetNodeId)) errors.push({ path: `mappings[${i}].targetNodeId`, message: 'must be non-empty without leading or trailing blanks' })
    if (!(MAPPING_RELATIONSHIPS as readonly string[]).includes(m.relationship)) errors.push({ path: `mappings[${i}].relationship`, message: `unknown relationship "${m.relationship}"` })
    const key = JSON.stringify([m.sourceVersionId, m.targetVersionId])
    const g = groups.get(key) ?? { source: m.sourceVersionId, target: m.targetVersionId, rows: [] }
    g.rows.push({ m, i })
    groups.set(key, g)
  })
  if (mappings.length === 0) errors.push({ path: 'mappings', message: 'a mapping collection needs at least one mapping' })
  if (errors.length > 0) throw invalid(EXPORT_ERROR, `Cannot export as OSCAL: ${errors[0]!.path}: ${errors[0]!.message}`, errors)

  const out = [...groups.values()].map((g) => {
    const mappingKey = `mapping:${options.documentId}:${JSON.stringify([g.source, g.target])}`
    return {
      uuid: uuidV5(mappingKey),
      'source-resource': ref(g.source),
      'target-resource': ref(g.target),
      maps: g.rows.map(({ m }, k) => ({
        uuid: uuidV5(`${mappingKey}:${k}`),
        relationship: m.relationship,
        sources: [{ type: 'control', 'id-ref': m.sourceNodeId }],
        targets: [{ type: 'control', 'id-ref': m.targetNodeId }],
        remarks: m.rationale === '' ? undefined : m.rationale,
      })),
    }
  })
  return {
    'mapping-collection': {
      uuid: uuidV5(`mapping-collection:${options.documentId}`),
      metadata: {
        title: options.title,
        'last-modified': options.lastModified,
        version: options.version,
        'oscal-version': OSCAL_MAPPING_VERSION,
      },
      provenance: {
        method: options.method ?? 'human',
        'matching-rationale': options.matchingRationale ?? 'semantic',
        status: options.status ?? 'complete',
        'mapping-description': options.description ?? 'Crosswalk exported from Kaname.',
      },
      mappings: out,
      'back-matter': { resources },
    },
  }
}

export function importMappingCollection(json: unknown, options: { resolveHref?: HrefResolver } = {}): ImportedMappings {
  const ctx = new ReadContext()
  const root = readObject(ctx, json, '')
  const base = '/mapping-collection'
  const mc = root ? readObject(ctx, root['mapping-collection'], base) : undefined
  if (!mc) {
    ctx.throwIfAny(MAPPING_IMPORT_ERROR, 'Not an OSCAL mapping-collection')
    throw invalid(MAPPING_IMPORT_ERROR, 'Not an OSCAL mapping-collection')
  }
  const { metadata } = readMetadata(ctx, mc.metadata, `${base}/metadata`, undefined)
  const bm = mc['back-matter'] === undefined ? undefined : readObject(ctx, mc['back-matter'], `${base}/back-matter`)
  const backMatter: OscalResource[] = readArray(ctx, bm?.resources, `${base}/back-matter/resources`).flatMap((r, i) => {
    const o = readObject(ctx, r, ptr(`${base}/back-matter/resources`, i))
    return o ? [o] : []
  })
  const resolve = (v: unknown, path: string): string | undefined => {
    const o = readObject(ctx, v, path)
    if (!o) return undefined
    const href = readString(ctx, o.href, ptr(path, 'href'), true)
    if (href === undefined) return undefined
    const id = resolveKanameHref(href, backMatter) ?? options.resolveHref?.(href, backMatter)
    if (id === undefined) ctx.add(ptr(path, 'href'), `cannot resolve "${href}" to a stored version`)
    return id
  }
  const list = Array.isArray(mc.mappings) ? mc.mappings : mc.mappings === undefined ? [] : [mc.mappings]
  const listPath = (i: number) => (Array.isArray(mc.mappings) ? ptr(`${base}/mappings`, i) : `${base}/mappings`)
  if (mc.mappings === undefined) ctx.add(`${base}/mappings`, 'is required')
  const out: Mapping[] = []
  list.forEach((v, i) => {
    const at = listPath(i)
    const m = readObject(ctx, v, at)
    if (!m) return
    const source = resolve(m['source-resource'], ptr(at, 'source-resource'))
    const target = resolve(m['target-resource'], ptr(at, 'target-resource'))
    readArray(ctx, m.maps, ptr(at, 'maps')).forEach((mv, k) => {
      const mp = ptr(ptr(at, 'maps'), k)
      const map = readObject(ctx, mv, mp)
      if (!map) return
      const rel = readString(ctx, map.relationship, ptr(mp, 'relationship'), true)
      const rationale = readString(ctx, map.remarks, ptr(mp, 'remarks'), false) ?? ''
      const items = (key: 'sources' | 'targets') =>
        readArray(ctx, map[key], ptr(mp, key)).flatMap((it, j) => {
          const ip = ptr(ptr(mp, key), j)
          const o = readObject(ctx, it, ip)
          const id = o ? readString(ctx, o['id-ref'], ptr(ip, 'id-ref'), true) : undefined
          return id === undefined ? [] : [id]
        })
      const sources = items('sources')
      const targets = items('targets')
      if (rel === undefined || rel === 'no-relationship') return
      if (!(MAPPING_RELATIONSHIPS as readonly string[]).includes(rel)) {
        ctx.add(ptr(mp, 'relationship'), `unsupported relationship "${rel}" (expected ${MAPPING_RELATIONSHIPS.join(', ')})`)
        return
      }
      if (source === undefined || target === undefined) return
      for (const s of sources)
        for (const t of targets)
          out.push({
            sourceVersionId: source,
            sourceNodeId: s,
            targetVersionId: target,
            targetNodeId: t,
            relationship: rel as MappingRelationship,
            rationale,
          })
    })
  })
  ctx.throwIfAny(MAPPING_IMPORT_ERROR, 'Invalid OSCAL mapping-collection')
  return { metadata, mappings: out }
}
