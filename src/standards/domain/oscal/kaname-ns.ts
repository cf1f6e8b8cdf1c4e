/**
 * The Kaname namespace for OSCAL extensions, deterministic UUIDs, and the small JSON-reading toolkit the OSCAL
 * importers share. Pure: node:crypto is used only as a hash function.
 *
 * Why a namespace: OSCAL has no place for obligation strength, addressee, applicability conditions, typed
 * parameters or a second language. Props and parts qualified by KANAME_NS carry them so that our own documents
 * survive export → import unchanged, while foreign tools see an ordinary, schema-valid OSCAL document.
 */
import { createHash } from 'node:crypto'
import { invalid, type FieldError } from '../../../platform/errors.ts'

export const KANAME_NS = 'https://kaname.go.jp/ns/oscal'

/** The OSCAL version our exports declare and are validated against. */
export const OSCAL_EXPORT_VERSION = '1.1.2'
export const OSCAL_MAPPING_VERSION = '1.2.1'

/** RFC 4122 URL namespace; the Kaname namespace UUID is derived from it and KANAME_NS. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/** A name-based (version 5, SHA-1) UUID: the same name always gives the same UUID, so exports are byte-stable. */
export function uuidV5(name: string, namespace: string = KANAME_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest()
  h[6] = (h[6]! & 0x0f) | 0x50
  h[8] = (h[8]! & 0x3f) | 0x80
  const hex = h.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const KANAME_UUID_NAMESPACE = uuidV5(KANAME_NS, URL_NAMESPACE)

/** OSCAL TokenDatatype (ids, names, classes). */
export const TOKEN_PATTERN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u
/** OSCAL StringDatatype (prop values, parameter values): non-empty, no leading/trailing whitespace, one line. */
export const STRING_PATTERN = /^\S(.*\S)?$/u

export const isToken = (s: string): boolean => TOKEN_PATTERN.test(s)
export const isOscalString = (s: string): boolean => STRING_PATTERN.test(s)

/**
 * Prop values must match StringDatatype, which free text (empty, multi-line, trailing blanks) does not. JSON text
 * always starts and ends with a non-blank character; U+2028/2029 are escaped too because `.` does not match them.
 */
export function encodeJsonValue(value: unknown): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** `kaname:version/<id>`: how an export names a Kaname document version in back-matter rlinks. */
export const KANAME_VERSION_SCHEME = 'kaname:version/'
export const versionHref = (versionId: string): string => KANAME_VERSION_SCHEME + encodeURIComponent(versionId)

export function versionIdFromHref(href: string): string | undefined {
  if (!href.startsWith(KANAME_VERSION_SCHEME)) return undefined
  try {
    const id = decodeURIComponent(href.slice(KANAME_VERSION_SCHEME.length))
    return id === '' ? undefined : id
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output building

export interface OscalProp {
  name: string
  ns?: string
  value: string
  class?: string
}

export interface OscalPart {
  id?: string
  name: string
  ns?: string
  class?: string
  title?: string
  props?: OscalProp[]
  prose?: string
  parts?: OscalPart[]
}

export const kanameProp = (name: string, value: string): OscalProp => ({ name, ns: KANAME_NS, value })

/** Drops empty arrays so that optional OSCAL arrays (minItems 1) are omitted rather than emitted empty. */
export const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined)

/** Deterministic serialisation: the exporters build every object in schema key order; two-space indent. */
export function serializeOscal(doc: unknown): string {
  return JSON.stringify(doc, null, 2) + '\n'
}

// ---------------------------------------------------------------------------------------------------------------
// Input reading: every accessor records a problem with its JSON Pointer path instead of throwing, so one import
// reports all problems at once, and nothing but the documented DomainError ever escapes.

export class ReadContext {
  readonly errors: FieldError[] = []
  add(path: string, message: string): void {
    this.errors.push({ path, message })
  }
  /** Throws the collected problems as one `invalid` DomainError (HTTP 400 with fieldErrors). */
  throwIfAny(code: string, what: string): void {
    if (this.errors.length === 0) return
    const first = this.errors[0]!
    const more = this.errors.length > 1 ? ` (and ${this.errors.length - 1} more)` : ''
    throw invalid(code, `${what}: ${first.path}: ${first.message}${more}`, this.errors)
  }
}

export type JsonObject = Record<string, unknown>

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** JSON Pointer segment escaping (RFC 6901). */
export const ptr = (base: string, key: string | number): string =>
  `${base}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`

export function readObject(ctx: ReadContext, v: unknown, path: string): JsonObject | undefined {
  if (isObject(v)) return v
  ctx.add(path, v === undefined ? 'is required' : 'must be an object')
  return undefined
}

/** Optional array: absent → []; present but not an array → recorded, []. */
export function readArray(ctx: ReadContext, v: unknown, path: string): unknown[] {
  if (v === undefined) return []
  if (Array.isArray(v)) return v
  ctx.add(path, 'must be an array')
  return []
}

export function readString(ctx: ReadContext, v: unknown, path: string, required: true): string | undefined
export function readString(ctx: ReadContext, v: unknown, path: string, required: false): string | undefined
export function readString(ctx: ReadContext, v: unknown, path: string, required: boolean): string | undefined {
  if (typeof v === 'string') return v
  if (v === undefined && !required) return undefined
  ctx.add(path, v === undefined ? 'is required' : 'must be a string')
  return undefined
}

export function readToken(ctx: ReadContext, v: unknown, path: string): string | undefined {
  const s = readString(ctx, v, path, true)
  if (s === undefined) return undefined
  if (!isToken(s)) {
    ctx.add(path, `"${s}" is not a valid OSCAL identifier (token)`)
    return undefined
  }
  return s
}

export interface ReadProp {
  name: string
  ns: string | undefined
  value: string
  class: string | undefined
  path: string
}

export function readProps(ctx: ReadContext, v: unknown, path: string): ReadProp[] {
  const out: ReadProp[] = []
  readArray(ctx, v, path).forEach((p, i) => {
    const pp = ptr(path, i)
    const o = readObject(ctx, p, pp)
    if (!o) return
    const name = readString(ctx, o.name, ptr(pp, 'name'), true)
    const value = readString(ctx, o.value, ptr(pp, 'value'), true)
    const ns = readString(ctx, o.ns, ptr(pp, 'ns'), false)
    const cls = readString(ctx, o.class, ptr(pp, 'class'), false)
    if (name !== undefined && value !== undefined) out.push({ name, ns, value, class: cls, path: pp })
  })
  return out
}

export const findKanameProp = (props: ReadProp[], name: string): ReadProp | undefined =>
  props.find((p) => p.ns === KANAME_NS && p.name === name)

/** Reads a Kaname prop carrying JSON; a malformed value is recorded at the prop's path. */
export function readJsonProp(ctx: ReadContext, props: ReadProp[], name: string): { value: unknown; path: string } | undefined {
  const p = findKanameProp(props, name)
  if (!p) return undefined
  try {
    return { value: JSON.parse(p.value) as unknown, path: ptr(p.path, 'value') }
  } catch {
    ctx.add(ptr(p.path, 'value'), `Kaname prop "${name}" must hold JSON text`)
    return undefined
  }
}

export function readJsonStringProp(ctx: ReadContext, props: ReadProp[], name: string): string | undefined {
  const r = readJsonProp(ctx, props, name)
  if (!r) return undefined
  if (typeof r.value === 'string') return r.value
  ctx.add(r.path, `Kaname prop "${name}" must hold a JSON string`)
  return undefined
}

/** `1.0.0`, `1.1.2`, `v1.2.2` (NIST's CSF file writes the v): any OSCAL 1.x is read. */
export function checkOscalVersion(ctx: ReadContext, v: unknown, path: string): string {
  const s = readString(ctx, v, path, true)
  if (s === undefined) return ''
  if (!/^v?1\.\d+\.\d+(-[\w.]+)?$/.test(s)) ctx.add(path, `unsupported OSCAL version "${s}" (1.x is supported)`)
  return s
}

/** Document language → which side of LocalizedText the main text fills. */
export type TextSide = 'ja' | 'en'
export const sideForLang = (lang: string): TextSide => (lang.toLowerCase().startsWith('ja') ? 'ja' : 'en')
export const otherSide = (side: TextSide): TextSide => (side === 'ja' ? 'en' : 'ja')

/** A base64 helper that also works on arbitrary UTF-8 (Buffer is a global, no I/O). */
export const toBase64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
export function fromBase64(value: string): string | undefined {
  if (!/^[0-9A-Za-z+/]+={0,2}$/.test(value)) return undefined
  return Buffer.from(value, 'base64').toString('utf8')
}
