/**
 * OSCAL catalog JSON ⇄ requirement nodes.
 *
 * Import reads OSCAL 1.x catalogs (NIST's SP 800-53 5.0.1 says 1.0.0, CSF 2.0 says v1.2.2); it checks the
 * structure it relies on and reports every problem with its JSON Pointer path. Schema validation is separate
 * (formats/oscal-validator.ts) because it needs the schema files.
 *
 * Export writes OSCAL 1.1.2 with Kaname props/parts (KANAME_NS) for what OSCAL cannot say, so that
 * export → import gives back the same nodes and export → import → export is byte-identical.
 *
 * Text decisions:
 * - Parameter placeholders (`{{ insert: param, ac-1_prm_1 }}`) stay in the text verbatim: the text keeps pointing at
 *   the parameter, so a profile's set-parameter shows up wherever the text is rendered, and the export writes the
 *   insertion back unchanged. `renderParameterPlaceholders` turns them into `[label]` or the set value for display.
 * - Nested statement items are flattened into one text, one item per line, each prefixed by its label
 *   ("a.", "1.", "(a)") and indented two spaces per level.
 * - The document's language (Kaname metadata prop `lang`, else the caller's default, else English) decides which
 *   side of LocalizedText the main OSCAL text fills; the other language travels in Kaname `translation` parts.
 */
import {
  ADDRESSEES,
  STRENGTHS,
  type Addressee,
  type Condition,
  type LocalizedText,
  type Parameter,
  type RequirementNode,
  type Strength,
} from '../model.ts'
import { invalid, type FieldError } from '../../../platform/errors.ts'
import {
  KANAME_NS,
  OSCAL_EXPORT_VERSION,
  ReadContext,
  checkOscalVersion,
  encodeJsonValue,
  findKanameProp,
  isOscalString,
  isToken,
  kanameProp,
  nonEmpty,
  otherSide,
  ptr,
  readArray,
  readJsonProp,
  readJsonStringProp,
  readObject,
  readProps,
  readString,
  readToken,
  sideForLang,
  uuidV5,
  type JsonObject,
  type OscalPart,
  type OscalProp,
  type ReadProp,
  type TextSide,
} from './kaname-ns.ts'
import { parseCondition } from './condition.ts'

export interface OscalDocumentMetadata {
  title: string
  version: string
  oscalVersion: string
  /** Only when the document declares it (Kaname metadata prop `lang`). */
  lang?: string
}

export interface ImportedCatalog {
  metadata: OscalDocumentMetadata
  nodes: RequirementNode[]
}

export interface CatalogImportOptions {
  /** Language of a document that does not declare one (foreign documents); default 'en'. */
  defaultLang?: string
}

export interface OscalExportOptions {
  /** Stable identity of what is exported (the version id): every UUID in the output derives from it. */
  documentId: string
  title: string
  version: string
  /** Main language of the output; the other one goes into Kaname translation parts. */
  lang: TextSide
  /** ISO date-time with zone, passed in because the domain has no clock. */
  lastModified: string
}

export const CATALOG_IMPORT_ERROR = 'standards.oscal.catalog_invalid'
export const EXPORT_ERROR = 'standards.oscal.export_invalid'

// ---------------------------------------------------------------------------------------------------------------
// Import

interface ReadState {
  ctx: ReadContext
  kaname: boolean
  side: TextSide
  other: TextSide
  seen: Map<string, string>
  nodes: RequirementNode[]
}

/** Parses and maps an OSCAL catalog; throws an `invalid` DomainError whose fieldErrors name JSON Pointer paths. */
export function importCatalog(json: unknown, options: CatalogImportOptions = {}): ImportedCatalog {
  const ctx = new ReadContext()
  const root = readObject(ctx, json, '')
  const catalog = root ? readObject(ctx, root.catalog, '/catalog') : undefined
  if (!catalog) {
    ctx.throwIfAny(CATALOG_IMPORT_ERROR, 'Not an OSCAL catalog')
    throw invalid(CATALOG_IMPORT_ERROR, 'Not an OSCAL catalog')
  }
  const { metadata, side, kaname } = readMetadata(ctx, catalog.metadata, '/catalog/metadata', options.defaultLang)
  const st: ReadState = { ctx, kaname, side, other: otherSide(side), seen: new Map(), nodes: [] }
  readArray(ctx, catalog.groups, '/catalog/groups').forEach((g, i) => readElement(st, g, ptr('/catalog/groups', i), null, true))
  readArray(ctx, catalog.controls, '/catalog/controls').forEach((c, i) =>
    readElement(st, c, ptr('/catalog/controls', i), null, false),
  )
  ctx.throwIfAny(CATALOG_IMPORT_ERROR, 'Invalid OSCAL catalog')
  return { metadata, nodes: st.nodes }
}

export function readMetadata(
  ctx: ReadContext,
  v: unknown,
  path: string,
  defaultLang: string | undefined,
): { metadata: OscalDocumentMetadata; side: TextSide; kaname: boolean } {
  const m = readObject(ctx, v, path)
  const title = readString(ctx, m?.title, ptr(path, 'title'), true) ?? ''
  const version = readString(ctx, m?.version, ptr(path, 'version'), true) ?? ''
  const oscalVersion = m ? checkOscalVersion(ctx, m['oscal-version'], ptr(path, 'oscal-version')) : ''
  const props = readProps(ctx, m?.props, ptr(path, 'props'))
  const kaname = props.some((p) => p.ns === KANAME_NS)
  const declared = findKanameProp(props, 'lang')?.value
  const metadata: OscalDocumentMetadata = { title, version, oscalVersion }
  if (declared !== undefined) metadata.lang = declared
  return { metadata, side: sideForLang(declared ?? defaultLang ?? 'en'), kaname }
}

function loc(st: ReadState, main: string, second: string): LocalizedText {
  const t = { ja: '', en: '' }
  t[st.side] = main
  t[st.other] = second
  return t
}

interface PartView {
  name: string
  ns: string | undefined
  class: string | undefined
  title: string | undefined
  prose: string | undefined
  props: ReadProp[]
  parts: PartView[]
  path: string
}

function readParts(ctx: ReadContext, v: unknown, path: string): PartView[] {
  const out: PartView[] = []
  readArray(ctx, v, path).forEach((p, i) => {
    const pp = ptr(path, i)
    const o = readObject(ctx, p, pp)
    if (!o) return
    const name = readString(ctx, o.name, ptr(pp, 'name'), true)
    const view: PartView = {
      name: name ?? '',
      ns: readString(ctx, o.ns, ptr(pp, 'ns'), false),
      class: readString(ctx, o.class, ptr(pp, 'class'), false),
      title: readString(ctx, o.title, ptr(pp, 'title'), false),
      prose: readString(ctx, o.prose, ptr(pp, 'prose'), false),
      props: readProps(ctx, o.props, ptr(pp, 'props')),
      parts: readParts(ctx, o.parts, ptr(pp, 'parts')),
      path: pp,
    }
    if (name !== undefined) out.push(view)
  })
  return out
}

const isKanamePart = (p: PartView, name: string) => p.ns === KANAME_NS && p.name === name
const isForeignPart = (p: PartView, name: string) => p.ns !== KANAME_NS && p.name === name
const translationOf = (parts: PartView[]): PartView | undefined => parts.find((p) => isKanamePart(p, 'translation'))

function itemLabel(p: PartView): string {
  return p.props.find((x) => x.name === 'label' && x.ns !== KANAME_NS)?.value ?? ''
}

/**
 * A part's text. Without sub-items the prose is taken verbatim (so our own exports round-trip exactly); with
 * sub-items (NIST statements) each item becomes a labelled, indented line.
 */
function flattenPart(part: PartView): string {
  const items = part.parts.filter((p) => p.ns !== KANAME_NS)
  if (items.length === 0) return part.prose ?? ''
  const lines: string[] = []
  const own = (part.prose ?? '').trim()
  if (own !== '') lines.push(own)
  const walk = (p: PartView, depth: number) => {
    const label = itemLabel(p)
    const prose = (p.prose ?? '').trim()
    const line = [label, prose].filter((s) => s !== '').join(' ')
    if (line !== '') lines.push('  '.repeat(depth) + line)
    for (const c of p.parts) if (c.ns !== KANAME_NS) walk(c, depth + 1)
  }
  for (const it of items) walk(it, 0)
  return lines.join('\n')
}

function localizedPart(st: ReadState, part: PartView | undefined): LocalizedText {
  if (!part) return loc(st, '', '')
  return loc(st, flattenPart(part), translationOf(part.parts)?.prose ?? '')
}

/** CSF labels are "Organizational Context (GV.OC)": the number is the bracketed id when the rest is the title. */
function numberFromLabel(label: string, title: string): string {
  const m = /^(.*\S)\s+\(([^()]+)\)$/.exec(label)
  if (m && m[1]!.toLowerCase() === title.trim().toLowerCase()) return m[2]!
  return label
}

function readElement(st: ReadState, v: unknown, path: string, parentId: string | null, isGroup: boolean): void {
  const { ctx } = st
  const o = readObject(ctx, v, path)
  if (!o) return
  const id = readToken(ctx, o.id, ptr(path, 'id'))
  const title = readString(ctx, o.title, ptr(path, 'title'), true) ?? ''
  const props = readProps(ctx, o.props, ptr(path, 'props'))
  const parts = readParts(ctx, o.parts, ptr(path, 'parts'))
  if (id !== undefined) {
    const prior = st.seen.get(id)
    if (prior !== undefined) ctx.add(ptr(path, 'id'), `duplicate id "${id}" (first at ${prior})`)
    else st.seen.set(id, ptr(path, 'id'))
  }

  const kindProp = findKanameProp(props, 'kind')
  if (kindProp && kindProp.value !== 'group' && kindProp.value !== 'requirement')
    ctx.add(ptr(kindProp.path, 'value'), `unknown kind "${kindProp.value}"`)
  const kind: RequirementNode['kind'] = isGroup || kindProp?.value === 'group' ? 'group' : 'requirement'

  const label = props.find((p) => p.name === 'label' && p.ns !== KANAME_NS && p.class !== 'zero-padded')?.value
  const kanameNumber = readJsonStringProp(ctx, props, 'number')
  const number =
    kanameNumber ??
    (label !== undefined ? (st.kaname ? label : numberFromLabel(label, title)) : (id ?? '').toUpperCase())

  const statement = parts.find((p) => isForeignPart(p, 'statement')) ?? (st.kaname ? undefined : parts.find((p) => isForeignPart(p, 'overview')))
  const guidancePart = parts.find((p) => isForeignPart(p, 'guidance'))
  let guidance = localizedPart(st, guidancePart)
  const examples = st.kaname ? [] : parts.filter((p) => isForeignPart(p, 'example')).map((p) => flattenPart(p).trim())
  if (examples.length > 0) {
    const heading = st.side === 'ja' ? '実装例:' : 'Implementation examples:'
    const block = [heading, ...examples.map((e) => `- ${e}`)].join('\n')
    const main = guidance[st.side]
    guidance = loc(st, main === '' ? block : `${main}\n\n${block}`, guidance[st.other])
  }

  const node: RequirementNode = {
    id: id ?? '',
    parentId,
    number,
    kind,
    title: loc(st, title, translationOf(parts)?.title ?? ''),
    text: localizedPart(st, statement),
    strength: readEnumProp(ctx, props, 'strength', STRENGTHS, kind === 'requirement' ? 'should' : null),
    addressee: readEnumProp(ctx, props, 'addressee', ADDRESSEES, kind === 'requirement' ? 'operator' : null),
    parameters: readArray(ctx, o.params, ptr(path, 'params')).flatMap((p, i) => readParameter(st, p, ptr(ptr(path, 'params'), i)) ?? []),
    applicability: readApplicability(ctx, props),
    guidance,
    evidence: parts.filter((p) => isKanamePart(p, 'evidence')).map((p) => localizedPart(st, p)),
  }
  const plain = parts.find((p) => isKanamePart(p, 'plain'))
  if (plain) node.plain = localizedPart(st, plain)
  if (props.some((p) => p.name === 'status' && p.ns !== KANAME_NS && p.value === 'withdrawn')) node.withdrawn = true
  st.nodes.push(node)

  const childParent = id ?? null
  if (isGroup) {
    readArray(ctx, o.groups, ptr(path, 'groups')).forEach((g, i) => readElement(st, g, ptr(ptr(path, 'groups'), i), childParent, true))
  } else if (o.groups !== undefined) {
    ctx.add(ptr(path, 'groups'), 'a control cannot contain groups')
  }
  readArray(ctx, o.controls, ptr(path, 'controls')).forEach((c, i) =>
    readElement(st, c, ptr(ptr(path, 'controls'), i), childParent, false),
  )
}

function readEnumProp<T extends string>(
  ctx: ReadContext,
  props: ReadProp[],
  name: string,
  allowed: readonly T[],
  fallback: T | null,
): T | null {
  const p = findKanameProp(props, name)
  if (!p) return fallback
  if (p.value === 'none') return null
  if ((allowed as readonly string[]).includes(p.value)) return p.value as T
  ctx.add(ptr(p.path, 'value'), `unknown ${name} "${p.value}" (expected one of ${allowed.join(', ')}, none)`)
  return fallback
}

function readApplicability(ctx: ReadContext, props: ReadProp[]): Condition {
  const r = readJsonProp(ctx, props, 'applicability')
  if (!r) return { kind: 'always' }
  const errors: FieldError[] = []
  const c = parseCondition(r.value, r.path, errors)
  for (const e of errors) ctx.add(e.path, e.message)
  return c ?? { kind: 'always' }
}

const PARAM_TYPES = ['integer', 'number', 'string', 'boolean', 'choice'] as const

function readParameter(st: ReadState, v: unknown, path: string): Parameter | undefined {
  const { ctx } = st
  const o = readObject(ctx, v, path)
  if (!o) return undefined
  const id = readToken(ctx, o.id, ptr(path, 'id'))
  const props = readProps(ctx, o.props, ptr(path, 'props'))
  const labelMain = readString(ctx, o.label, ptr(path, 'label'), false)
  const values = readArray(ctx, o.values, ptr(path, 'values'))
  const first = values[0]
  if (first !== undefined && typeof first !== 'string') ctx.add(ptr(ptr(path, 'values'), 0), 'must be a string')
  const firstValue = typeof first === 'string' ? first : undefined
  const select = o.select === undefined ? undefined : readObject(ctx, o.select, ptr(path, 'select'))
  const choices = select
    ? readArray(ctx, select.choice, ptr(ptr(path, 'select'), 'choice')).flatMap((c, i) =>
        readString(ctx, c, ptr(ptr(ptr(path, 'select'), 'choice'), i), true) ?? [],
      )
    : undefined

  const typeProp = findKanameProp(props, 'type')
  let type: Parameter['type']
  if (typeProp) {
    if ((PARAM_TYPES as readonly string[]).includes(typeProp.value)) type = typeProp.value as Parameter['type']
    else {
      ctx.add(ptr(typeProp.path, 'value'), `unknown parameter type "${typeProp.value}"`)
      type = 'string'
    }
  } else if (select) type = 'choice'
  else if (firstValue !== undefined && /^-?\d+$/.test(firstValue)) type = 'integer'
  else if (firstValue !== undefined && /^-?\d+\.\d+$/.test(firstValue)) type = 'number'
  else type = 'string'

  let value: Parameter['value'] = null
  const valueProp = readJsonProp(ctx, props, 'value')
  if (valueProp) {
    const x = valueProp.value
    if (x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))) value = x
    else ctx.add(valueProp.path, 'Kaname prop "value" must be a JSON string, number, boolean or null')
  } else if (firstValue !== undefined) {
    value = !typeProp && (type === 'integer' || type === 'number') ? Number(firstValue) : firstValue
  }

  let labelText = labelMain ?? ''
  if (labelMain === undefined && !typeProp && select) {
    const how = readString(ctx, select['how-many'], ptr(ptr(path, 'select'), 'how-many'), false)
    labelText = `Selection${how === 'one-or-more' ? ' (one or more)' : ''}: ${(choices ?? []).join('; ')}`
  }
  const param: Parameter = {
    id: id ?? '',
    label: loc(st, labelText, readJsonStringProp(ctx, props, 'label-translation') ?? ''),
    type,
    value,
  }
  const unit = readJsonStringProp(ctx, props, 'unit')
  if (unit !== undefined) param.unit = unit
  const stricter = findKanameProp(props, 'stricter')
  if (stricter) {
    if (stricter.value === 'lower' || stricter.value === 'higher') param.stricter = stricter.value
    else ctx.add(ptr(stricter.path, 'value'), `stricter must be "lower" or "higher"`)
  }
  const kChoices = readJsonProp(ctx, props, 'choices')
  if (kChoices) {
    if (Array.isArray(kChoices.value) && kChoices.value.every((c) => typeof c === 'string')) param.choices = kChoices.value as string[]
    else ctx.add(kChoices.path, 'Kaname prop "choices" must be a JSON array of strings')
  } else if (!typeProp && choices) param.choices = choices
  return param
}

/** Parameter ids in text: `{{ insert: param, ac-1_prm_1 }}` (whitespace inside the braces is free in OSCAL). */
export const PARAM_INSERT = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g

/**
 * Display form of a text with parameter insertions: a set value as is, otherwise `[label]` in the wanted language
 * (falling back to the other language, then to the parameter id). Unknown ids stay as `[id]`.
 */
export function renderParameterPlaceholders(text: string, parameters: Parameter[], lang: TextSide): string {
  const byId = new Map(parameters.map((p) => [p.id, p]))
  return text.replace(PARAM_INSERT, (_m, id: string) => {
    const p = byId.get(id)
    if (!p) return `[${id}]`
    if (p.value !== null && p.value !== '') return `${String(p.value)}${p.unit ? ` ${p.unit}` : ''}`
    const label = p.label[lang] || p.label[otherSide(lang)] || id
    return `[${label}]`
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Export

interface WriteState {
  side: TextSide
  other: TextSide
  errors: FieldError[]
  index: Map<string, number>
}

/**
 * Our nodes → an OSCAL 1.1.2 catalog document (a plain object; `serializeOscal` gives the bytes). Throws an
 * `invalid` DomainError when the nodes cannot be expressed (ids that are not OSCAL tokens, dangling parents).
 *
 * Sibling order: OSCAL keeps a group's sub-groups and its controls in separate arrays, so on re-import a group's
 * child groups come before its child requirements; order within each kind is kept.
 */
export function exportCatalog(nodes: RequirementNode[], options: OscalExportOptions): JsonObject {
  const st: WriteState = { side: options.lang, other: otherSide(options.lang), errors: [], index: new Map() }
  const children = treeOf(nodes, st.errors, st.index)
  checkExportMetadata(options, st.errors)
  const roots = children.get(null) ?? []
  const groups = roots.filter((n) => n.kind === 'group').map((n) => writeElement(st, n, children, true))
  const controls = roots.filter((n) => n.kind !== 'group').map((n) => writeElement(st, n, children, false))
  if (st.errors.length > 0) throw invalid(EXPORT_ERROR, `Cannot export as OSCAL: ${st.errors[0]!.path}: ${st.errors[0]!.message}`, st.errors)
  return {
    catalog: {
      uuid: uuidV5(`catalog:${options.documentId}`),
      metadata: exportMetadata(options),
      controls: nonEmpty(controls),
      groups: nonEmpty(groups),
    },
  }
}

export function checkExportMetadata(options: OscalExportOptions, errors: FieldError[]): void {
  if (!isOscalString(options.version))
    errors.push({ path: 'metadata.version', message: 'must be non-empty without leading or trailing blanks' })
  if (options.title.includes('\n')) errors.push({ path: 'metadata.title', message: 'must be one line' })
}

export function exportMetadata(options: OscalExportOptions, oscalVersion: string = OSCAL_EXPORT_VERSION): JsonObject {
  return {
    title: options.title,
    'last-modified': options.lastModified,
    version: options.version,
    'oscal-version': oscalVersion,
    props: [kanameProp('lang', options.lang)],
  }
}

/** Children by parent id in input order; reports dangling parents, cycles and duplicate ids with `nodes[i]` paths. */
export function treeOf(
  nodes: RequirementNode[],
  errors: FieldError[],
  index: Map<string, number> = new Map(),
): Map<string | null, RequirementNode[]> {
  nodes.forEach((n, i) => {
    if (!isToken(n.id)) errors.push({ path: `nodes[${i}].id`, message: `"${n.id}" is not a valid OSCAL identifier (token)` })
    const prior = index.get(n.id)
    if (prior !== undefined) errors.push({ path: `nodes[${i}].id`, message: `duplicate id "${n.id}" (also nodes[${prior}].id)` })
    else index.set(n.id, i)
  })
  const children = new Map<string | null, RequirementNode[]>()
  nodes.forEach((n, i) => {
    let parent = n.parentId
    if (parent !== null && !index.has(parent)) {
      errors.push({ path: `nodes[${i}].parentId`, message: `no node "${parent}" in this document` })
      parent = null
    }
    const list = children.get(parent) ?? []
    list.push(n)
    children.set(parent, list)
  })
  // Nodes on a parent cycle are never reached from the roots.
  const reached = new Set<string>()
  const stack = [...(children.get(null) ?? [])]
  while (stack.length > 0) {
    const n = stack.pop()!
    if (reached.has(n.id)) continue
    reached.add(n.id)
    stack.push(...(children.get(n.id) ?? []))
  }
  nodes.forEach((n, i) => {
    if (!reached.has(n.id) && index.get(n.id) === i)
      errors.push({ path: `nodes[${i}].parentId`, message: `node "${n.id}" is on a parent cycle` })
  })
  return children
}

function translationPart(st: WriteState, field: 'title' | 'prose', text: string): OscalPart {
  return { name: 'translation', ns: KANAME_NS, props: [kanameProp('lang', st.other)], [field]: text }
}

/** A prose part carrying both languages; undefined when both are empty and `always` is false. */
export function textPart(
  st: { side: TextSide; other: TextSide },
  name: string,
  ns: string | undefined,
  text: LocalizedText,
  always: boolean,
): OscalPart | undefined {
  const main = text[st.side]
  const second = text[st.other]
  if (!always && main === '' && second === '') return undefined
  return {
    name,
    ns,
    prose: main,
    parts: second === '' ? undefined : [{ name: 'translation', ns: KANAME_NS, props: [kanameProp('lang', st.other)], prose: second }],
  }
}

function writeElement(
  st: WriteState,
  n: RequirementNode,
  children: Map<string | null, RequirementNode[]>,
  asGroup: boolean,
): JsonObject {
  const kids = children.get(n.id) ?? []
  const defaults = n.kind === 'requirement' ? { strength: 'should', addressee: 'operator' } : { strength: null, addressee: null }
  const props: OscalProp[] = []
  if (n.number !== '' && isOscalString(n.number)) props.push({ name: 'label', value: n.number })
  else props.push(kanameProp('number', encodeJsonValue(n.number)))
  if (n.withdrawn) props.push({ name: 'status', value: 'withdrawn' })
  if (!asGroup && n.kind === 'group') props.push(kanameProp('kind', 'group'))
  if (n.strength !== defaults.strength) props.push(kanameProp('strength', n.strength ?? 'none'))
  if (n.addressee !== defaults.addressee) props.push(kanameProp('addressee', n.addressee ?? 'none'))
  if (n.applicability.kind !== 'always') props.push(kanameProp('applicability', encodeJsonValue(n.applicability)))

  const parts: OscalPart[] = []
  if (n.title[st.other] !== '') parts.push(translationPart(st, 'title', n.title[st.other]))
  const statement = textPart(st, 'statement', undefined, n.text, false)
  if (statement) parts.push(statement)
  const guidance = textPart(st, 'guidance', undefined, n.guidance, false)
  if (guidance) parts.push(guidance)
  for (const e of n.evidence) parts.push(textPart(st, 'evidence', KANAME_NS, e, true)!)
  if (n.plain) parts.push(textPart(st, 'plain', KANAME_NS, n.plain, true)!)

  const i = st.index.get(n.id) ?? 0
  const params = n.parameters.map((p, k) => writeParameter(st, p, `nodes[${i}].parameters[${k}]`))
  const title = n.title[st.side]
  const base = {
    id: n.id,
    title,
    params: nonEmpty(params),
    props: nonEmpty(props),
    parts: nonEmpty(parts),
  }
  if (asGroup) {
    return {
      ...base,
      groups: nonEmpty(kids.filter((k) => k.kind === 'group').map((k) => writeElement(st, k, children, true))),
      controls: nonEmpty(kids.filter((k) => k.kind !== 'group').map((k) => writeElement(st, k, children, false))),
    }
  }
  return { ...base, controls: nonEmpty(kids.map((k) => writeElement(st, k, children, false))) }
}

function writeParameter(st: WriteState, p: Parameter, path: string): JsonObject {
  if (!isToken(p.id)) st.errors.push({ path: `${path}.id`, message: `"${p.id}" is not a valid OSCAL identifier (token)` })
  const props: OscalProp[] = [kanameProp('type', p.type)]
  const plainString = typeof p.value === 'string' && isOscalString(p.value)
  if (p.value !== null && !plainString) props.push(kanameProp('value', encodeJsonValue(p.value)))
  if (p.unit !== undefined) props.push(kanameProp('unit', encodeJsonValue(p.unit)))
  if (p.stricter !== undefined) props.push(kanameProp('stricter', p.stricter))
  if (p.choices !== undefined) props.push(kanameProp('choices', encodeJsonValue(p.choices)))
  if (p.label[st.other] !== '') props.push(kanameProp('label-translation', encodeJsonValue(p.label[st.other])))
  const valueText = p.value === null ? undefined : String(p.value)
  const choices = p.type === 'choice' && p.choices && p.choices.length > 0 ? p.choices : undefined
  return {
    id: p.id,
    props,
    label: p.label[st.side] === '' ? undefined : p.label[st.side],
    values: valueText !== undefined && isOscalString(valueText) ? [valueText] : undefined,
    select: choices ? { 'how-many': 'one', choice: choices } : undefined,
  }
}
