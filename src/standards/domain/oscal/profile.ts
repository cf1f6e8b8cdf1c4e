/**
 * OSCAL profile JSON ⇄ ProfileSpec (+ the profile's own added nodes).
 *
 * Export (OSCAL 1.1.2): each import's href is `#<uuid>` of a back-matter resource whose rlink is
 * `kaname:version/<versionId>`; include-all or include-controls (with-ids, with-child-controls), exclude-controls,
 * merge as-is, modify set-parameters / alters (adds with Kaname props and parts; removeEvidence as a removal
 * by-name `evidence`). The profile's own nodes travel as an embedded catalog (back-matter base64, Kaname prop
 * `role=added-nodes`) imported with include-all, so a foreign resolver sees them too.
 *
 * Import maps hrefs to version ids: first the Kaname rlink, then the caller's resolver (for NIST baselines:
 * `#84cbf061-…` → the stored SP 800-53 catalog version). Foreign constructs with no counterpart in our model
 * are dropped as documented in the report: set-parameters without values, alter removals other than
 * by-name `evidence`, alter parts other than statement/item (text), guidance and Kaname plain wording.
 * `matching` patterns are refused (they need the source to expand).
 */
import type { Alteration, ParameterSetting, ProfileImport, ProfileSpec, RequirementNode, LocalizedText } from '../model.ts'
import { STRENGTHS } from '../model.ts'
import { DomainError, invalid, type FieldError } from '../../../platform/errors.ts'
import {
  KANAME_NS,
  ReadContext,
  encodeJsonValue,
  findKanameProp,
  fromBase64,
  isOscalString,
  isToken,
  kanameProp,
  nonEmpty,
  otherSide,
  ptr,
  readArray,
  readJsonProp,
  readObject,
  readProps,
  readString,
  readToken,
  serializeOscal,
  toBase64,
  uuidV5,
  versionHref,
  versionIdFromHref,
  type JsonObject,
  type OscalPart,
  type OscalProp,
  type TextSide,
} from './kaname-ns.ts'
import {
  EXPORT_ERROR,
  checkExportMetadata,
  exportCatalog,
  exportMetadata,
  importCatalog,
  readMetadata,
  textPart,
  type OscalDocumentMetadata,
  type OscalExportOptions,
} from './catalog.ts'

export const PROFILE_IMPORT_ERROR = 'standards.oscal.profile_invalid'

/** A back-matter resource as found in the document (loosely typed: it is foreign input). */
export type OscalResource = JsonObject

/** Maps an import href to a Kaname version id; `backMatter` is the document's back-matter resources. */
export type HrefResolver = (href: string, backMatter: OscalResource[]) => string | undefined

export interface ImportedProfile {
  metadata: OscalDocumentMetadata
  profile: ProfileSpec
  /** The profile's own added nodes (empty for foreign profiles). */
  nodes: RequirementNode[]
}

export interface ProfileImportOptions {
  resolveHref?: HrefResolver
  defaultLang?: string
}

const ADDED_NODES_ROLE = 'added-nodes'

/** The back-matter resource an href points at (`#uuid`), if any. */
export function backMatterResource(href: string, backMatter: OscalResource[]): OscalResource | undefined {
  if (!href.startsWith('#')) return undefined
  const uuid = href.slice(1)
  return backMatter.find((r) => r.uuid === uuid)
}

/** Hrefs written by our export: `#uuid` → resource → rlink `kaname:version/<id>`, or the rlink used directly. */
export function resolveKanameHref(href: string, backMatter: OscalResource[]): string | undefined {
  const direct = versionIdFromHref(href)
  if (direct !== undefined) return direct
  const res = backMatterResource(href, backMatter)
  const rlinks = Array.isArray(res?.rlinks) ? res.rlinks : []
  for (const l of rlinks) {
    if (typeof l === 'object' && l !== null && typeof (l as JsonObject).href === 'string') {
      const id = versionIdFromHref((l as JsonObject).href as string)
      if (id !== undefined) return id
    }
  }
  return undefined
}

/**
 * A resolver for resources whose rlinks end with a given file name, e.g.
 * `resolveByRlinkFileName({ 'NIST_SP-800-53_rev5_catalog.json': versionId })` for the NIST baselines.
 */
export function resolveByRlinkFileName(files: Record<string, string>): HrefResolver {
  return (href, backMatter) => {
    const res = backMatterResource(href, backMatter)
    const rlinks = Array.isArray(res?.rlinks) ? res.rlinks : [{ href }]
    for (const l of rlinks) {
      const h = typeof l === 'object' && l !== null ? (l as JsonObject).href : undefined
      if (typeof h !== 'string') continue
      const name = h.split(/[/\\]/).pop() ?? ''
      if (Object.hasOwn(files, name)) return files[name]
    }
    return undefined
  }
}

export function importProfile(json: unknown, options: ProfileImportOptions = {}): ImportedProfile {
  const ctx = new ReadContext()
  const root = readObject(ctx, json, '')
  const profile = root ? readObject(ctx, root.profile, '/profile') : undefined
  if (!profile) {
    ctx.throwIfAny(PROFILE_IMPORT_ERROR, 'Not an OSCAL profile')
    throw invalid(PROFILE_IMPORT_ERROR, 'Not an OSCAL profile')
  }
  const { metadata, side } = readMetadata(ctx, profile.metadata, '/profile/metadata', options.defaultLang)
  const other = otherSide(side)
  const bmObj = profile['back-matter'] === undefined ? undefined : readObject(ctx, profile['back-matter'], '/profile/back-matter')
  const backMatter: OscalResource[] = readArray(ctx, bmObj?.resources, '/profile/back-matter/resources').flatMap((r, i) => {
    const o = readObject(ctx, r, ptr('/profile/back-matter/resources', i))
    return o ? [o] : []
  })

  const imports: ProfileImport[] = []
  let nodes: RequirementNode[] = []
  const importsPath = '/profile/imports'
  const importList = readArray(ctx, profile.imports, importsPath)
  if (profile.imports === undefined) ctx.add(importsPath, 'is required')
  importList.forEach((v, i) => {
    const at = ptr(importsPath, i)
    const imp = readObject(ctx, v, at)
    if (!imp) return
    const href = readString(ctx, imp.href, ptr(at, 'href'), true)
    if (href === undefined) return
    const res = backMatterResource(href, backMatter)
    if (res && readProps(new ReadContext(), res.props, '').some((p) => p.ns === KANAME_NS && p.name === 'role' && p.value === ADDED_NODES_ROLE)) {
      nodes = nodes.concat(readAddedNodes(ctx, res, `/profile/back-matter/resources/${backMatter.indexOf(res)}/base64/value`, metadata.lang ?? options.defaultLang))
      return
    }
    const versionId = resolveKanameHref(href, backMatter) ?? options.resolveHref?.(href, backMatter)
    if (versionId === undefined) {
      ctx.add(ptr(at, 'href'), `cannot resolve import "${href}" to a stored version`)
      return
    }
    const hasAll = imp['include-all'] !== undefined
    if (hasAll) readObject(ctx, imp['include-all'], ptr(at, 'include-all'))
    const includes = readSelections(ctx, imp['include-controls'], ptr(at, 'include-controls'), true)
    if (hasAll && imp['include-controls'] !== undefined) ctx.add(at, 'has both include-all and include-controls')
    const exclude = readSelections(ctx, imp['exclude-controls'], ptr(at, 'exclude-controls'), false).flatMap((s) => s.ids)
    if (hasAll || imp['include-controls'] === undefined) {
      imports.push({ versionId, include: 'all', exclude })
      return
    }
    // Our model has one with-child-controls flag per import: mixed flags become two imports of the same version,
    // which resolution unions, so the meaning is unchanged.
    for (const flag of [false, true]) {
      const same = includes.filter((s) => s.withChildren === flag)
      if (same.length > 0) imports.push({ versionId, include: { ids: same.flatMap((s) => s.ids), withChildren: flag }, exclude })
    }
  })

  const modifyObj = profile.modify === undefined ? undefined : readObject(ctx, profile.modify, '/profile/modify')
  const setParameters = readArray(ctx, modifyObj?.['set-parameters'], '/profile/modify/set-parameters').flatMap((v, i) =>
    readSetParameter(ctx, v, ptr('/profile/modify/set-parameters', i)) ?? [],
  )
  const alters = readArray(ctx, modifyObj?.alters, '/profile/modify/alters').flatMap(
    (v, i) => readAlter(ctx, v, ptr('/profile/modify/alters', i), side, other) ?? [],
  )
  ctx.throwIfAny(PROFILE_IMPORT_ERROR, 'Invalid OSCAL profile')
  return { metadata, profile: { imports, setParameters, alters }, nodes }
}

function readAddedNodes(ctx: ReadContext, res: OscalResource, path: string, lang: string | undefined): RequirementNode[] {
  const b64 = isObjectLike(res.base64) ? res.base64.value : undefined
  const text = typeof b64 === 'string' ? fromBase64(b64) : undefined
  if (text === undefined) {
    ctx.add(path, 'added nodes must be base64-encoded OSCAL catalog JSON')
    return []
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    ctx.add(path, 'added nodes are not JSON')
    return []
  }
  try {
    return importCatalog(json, lang === undefined ? {} : { defaultLang: lang }).nodes
  } catch (e) {
    if (!(e instanceof DomainError)) throw e
    for (const f of e.fieldErrors) ctx.add(`${path}→${f.path}`, f.message)
    return []
  }
}

const isObjectLike = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

function readSelections(ctx: ReadContext, v: unknown, path: string, include: boolean): { ids: string[]; withChildren: boolean }[] {
  return readArray(ctx, v, path).flatMap((s, i) => {
    const at = ptr(path, i)
    const o = readObject(ctx, s, at)
    if (!o) return []
    if (o.matching !== undefined) ctx.add(ptr(at, 'matching'), 'selection by pattern (matching) is not supported; list the ids')
    const flag = readString(ctx, o['with-child-controls'], ptr(at, 'with-child-controls'), false)
    if (flag !== undefined && flag !== 'yes' && flag !== 'no') ctx.add(ptr(at, 'with-child-controls'), 'must be "yes" or "no"')
    if (!include && flag === 'yes') ctx.add(ptr(at, 'with-child-controls'), 'excluding child controls is not supported; list the ids')
    const ids = readArray(ctx, o['with-ids'], ptr(at, 'with-ids')).flatMap((id, k) => readToken(ctx, id, ptr(ptr(at, 'with-ids'), k)) ?? [])
    return [{ ids, withChildren: flag === 'yes' }]
  })
}

function readSetParameter(ctx: ReadContext, v: unknown, path: string): ParameterSetting | undefined {
  const o = readObject(ctx, v, path)
  if (!o) return undefined
  const paramId = readToken(ctx, o['param-id'], ptr(path, 'param-id'))
  const props = readProps(ctx, o.props, ptr(path, 'props'))
  const values = readArray(ctx, o.values, ptr(path, 'values'))
  const kValue = readJsonProp(ctx, props, 'value')
  let value: ParameterSetting['value'] | undefined
  if (kValue) {
    const x = kValue.value
    if (typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))) value = x
    else ctx.add(kValue.path, 'Kaname prop "value" must be a JSON string, number or boolean')
  } else if (values.length > 0) {
    value = readString(ctx, values[0], ptr(ptr(path, 'values'), 0), true)
  }
  // A setting without a value only changes labels/constraints, which our parameters do not carry.
  if (paramId === undefined || value === undefined) return undefined
  return { paramId, value }
}

function readAlter(ctx: ReadContext, v: unknown, path: string, side: TextSide, other: TextSide): Alteration | undefined {
  const o = readObject(ctx, v, path)
  if (!o) return undefined
  const nodeId = readToken(ctx, o['control-id'], ptr(path, 'control-id'))
  if (nodeId === undefined) return undefined
  const alt: Alteration = { nodeId }
  readArray(ctx, o.removes, ptr(path, 'removes')).forEach((r, i) => {
    const ro = readObject(ctx, r, ptr(ptr(path, 'removes'), i))
    if (ro && ro['by-name'] === 'evidence' && ro['by-id'] === undefined && ro['by-class'] === undefined) alt.removeEvidence = true
  })
  const loc = (main: string, second: string): LocalizedText => {
    const t = { ja: '', en: '' }
    t[side] = main
    t[other] = second
    return t
  }
  const join = (a: LocalizedText | undefined, b: LocalizedText): LocalizedText =>
    a === undefined ? b : { ja: [a.ja, b.ja].filter((s) => s !== '').join('\n'), en: [a.en, b.en].filter((s) => s !== '').join('\n') }
  readArray(ctx, o.adds, ptr(path, 'adds')).forEach((a, i) => {
    const at = ptr(ptr(path, 'adds'), i)
    const ao = readObject(ctx, a, at)
    if (!ao) return
    const props = readProps(ctx, ao.props, ptr(at, 'props'))
    const strength = findKanameProp(props, 'strength')
    if (strength) {
      if ((STRENGTHS as readonly string[]).includes(strength.value)) alt.strength = strength.value as Alteration['strength']
      else ctx.add(ptr(strength.path, 'value'), `unknown strength "${strength.value}"`)
    }
    readArray(ctx, ao.parts, ptr(at, 'parts')).forEach((p, k) => {
      const pp = ptr(ptr(at, 'parts'), k)
      const po = readObject(ctx, p, pp)
      if (!po) return
      const name = readString(ctx, po.name, ptr(pp, 'name'), true)
      const ns = readString(ctx, po.ns, ptr(pp, 'ns'), false)
      const prose = readString(ctx, po.prose, ptr(pp, 'prose'), false) ?? ''
      const tr = readArray(ctx, po.parts, ptr(pp, 'parts')).find(
        (c) => isObjectLike(c) && c.name === 'translation' && c.ns === KANAME_NS,
      ) as JsonObject | undefined
      const text = loc(prose, typeof tr?.prose === 'string' ? tr.prose : '')
      if (ns === KANAME_NS && name === 'add-text') alt.addText = join(alt.addText, text)
      else if (ns === KANAME_NS && name === 'plain') alt.plain = text
      else if (ns !== KANAME_NS && name === 'guidance') alt.addGuidance = join(alt.addGuidance, text)
      else if (ns !== KANAME_NS && (name === 'statement' || name === 'item')) alt.addText = join(alt.addText, text)
    })
  })
  return alt
}

// ---------------------------------------------------------------------------------------------------------------
// Export

/** ProfileSpec (+ added nodes) → OSCAL 1.1.2 profile (a plain object; `serializeOscal` gives the bytes). */
export function exportProfile(content: { profile: ProfileSpec; nodes: RequirementNode[] }, options: OscalExportOptions): JsonObject {
  const spec = content.profile
  const errors: FieldError[] = []
  checkExportMetadata(options, errors)
  const st = { side: options.lang, other: otherSide(options.lang) }
  const resources: JsonObject[] = []
  const resourceFor = new Map<string, string>()
  const hrefFor = (versionId: string): string => {
    let uuid = resourceFor.get(versionId)
    if (uuid === undefined) {
      uuid = uuidV5(`version:${versionId}`)
      resourceFor.set(versionId, uuid)
      resources.push({ uuid, rlinks: [{ href: versionHref(versionId) }] })
    }
    return `#${uuid}`
  }
  const tokens = (ids: string[], path: string) =>
    ids.forEach((id, k) => {
      if (!isToken(id)) errors.push({ path: `${path}[${k}]`, message: `"${id}" is not a valid OSCAL identifier (token)` })
    })

  const imports: JsonObject[] = spec.imports.map((imp, i) => {
    const at = `profile.imports[${i}]`
    tokens(imp.exclude, `${at}.exclude`)
    if (imp.include !== 'all') tokens(imp.include.ids, `${at}.include.ids`)
    return {
      href: hrefFor(imp.versionId),
      'include-all': imp.include === 'all' ? {} : undefined,
      'include-controls':
        imp.include === 'all'
          ? undefined
          : [{ 'with-child-controls': imp.include.withChildren ? 'yes' : undefined, 'with-ids': nonEmpty(imp.include.ids) }],
      'exclude-controls': imp.exclude.length > 0 ? [{ 'with-ids': imp.exclude }] : undefined,
    }
  })
  if (content.nodes.length > 0) {
    const uuid = uuidV5(`added-nodes:${options.documentId}`)
    let catalogJson = ''
    try {
      catalogJson = serializeOscal(exportCatalog(content.nodes, { ...options, documentId: `${options.documentId}#added` }))
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      errors.push(...e.fieldErrors)
    }
    resources.push({
      uuid,
      title: 'Requirements added by this profile',
      props: [kanameProp('role', ADDED_NODES_ROLE)],
      base64: { filename: 'added-nodes.json', 'media-type': 'application/oscal.catalog+json', value: toBase64(catalogJson) },
    })
    imports.push({ href: `#${uuid}`, 'include-all': {} })
  }
  if (imports.length === 0) errors.push({ path: 'profile.imports', message: 'a profile needs at least one import or added node' })

  const setParameters = spec.setParameters.map((s, k) => {
    if (!isToken(s.paramId)) errors.push({ path: `profile.setParameters[${k}].paramId`, message: `"${s.paramId}" is not a valid OSCAL identifier (token)` })
    const text = String(s.value)
    const plain = typeof s.value === 'string' && isOscalString(s.value)
    return {
      'param-id': s.paramId,
      props: plain ? undefined : [kanameProp('value', encodeJsonValue(s.value))],
      values: isOscalString(text) ? [text] : undefined,
    }
  })
  const alters = spec.alters.map((a, k) => {
    if (!isToken(a.nodeId)) errors.push({ path: `profile.alters[${k}].nodeId`, message: `"${a.nodeId}" is not a valid OSCAL identifier (token)` })
    const props: OscalProp[] = a.strength !== undefined ? [kanameProp('strength', a.strength)] : []
    const parts: OscalPart[] = []
    if (a.addText) parts.push(textPart(st, 'add-text', KANAME_NS, a.addText, true)!)
    if (a.addGuidance) parts.push(textPart(st, 'guidance', undefined, a.addGuidance, true)!)
    if (a.plain) parts.push(textPart(st, 'plain', KANAME_NS, a.plain, true)!)
    const add = props.length > 0 || parts.length > 0 ? [{ props: nonEmpty(props), parts: nonEmpty(parts) }] : undefined
    return {
      'control-id': a.nodeId,
      // `by-ns` would be the precise selector, but OSCAL 1.1.2 types it as a token, so a namespace URI is invalid there.
      removes: a.removeEvidence ? [{ 'by-name': 'evidence' }] : undefined,
      adds: add,
    }
  })
  if (errors.length > 0) throw invalid(EXPORT_ERROR, `Cannot export as OSCAL: ${errors[0]!.path}: ${errors[0]!.message}`, errors)
  return {
    profile: {
      uuid: uuidV5(`profile:${options.documentId}`),
      metadata: exportMetadata(options),
      imports,
      merge: { 'as-is': true },
      modify:
        setParameters.length > 0 || alters.length > 0
          ? { 'set-parameters': nonEmpty(setParameters), alters: nonEmpty(alters) }
          : undefined,
      'back-matter': resources.length > 0 ? { resources } : undefined,
    },
  }
}
