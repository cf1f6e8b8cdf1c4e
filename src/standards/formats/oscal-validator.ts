/**
 * JSON Schema validation of OSCAL documents against the official schemas vendored in `./schemas/`
 * (catalog, profile, assessment-results, POA&M: 1.1.2; mapping-collection: 1.2.1).
 *
 * Ajv runs with Unicode regular expressions ON (its default), although the shared data README mentions
 * `unicodeRegExp: false`: that advice is for the STIX schemas. The OSCAL token pattern is `^(\p{L}|_)…`, and
 * without the `u` flag `\p{L}` means the literal text "p{L}", so every real OSCAL document would fail.
 * Compiled validators are cached per kind (compiling takes a few hundred milliseconds).
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { invalid } from '../../platform/errors.ts'

export const OSCAL_KINDS = ['catalog', 'profile', 'assessment-results', 'poam', 'mapping-collection'] as const
export type OscalKind = (typeof OSCAL_KINDS)[number]

export interface OscalValidationError {
  /** JSON Pointer into the document, e.g. `/catalog/groups/0/controls/3/id` (`/` for the root). */
  path: string
  message: string
}

export const OSCAL_SCHEMA_ERROR = 'standards.oscal.schema_invalid'

const SCHEMA_FILES: Record<OscalKind, string> = {
  catalog: 'v1.1.2/oscal_catalog_schema.json',
  profile: 'v1.1.2/oscal_profile_schema.json',
  'assessment-results': 'v1.1.2/oscal_assessment-results_schema.json',
  poam: 'v1.1.2/oscal_poam_schema.json',
  'mapping-collection': 'v1.2.1/oscal_mapping_schema.json',
}

/** At most this many errors are reported; a wrong document otherwise yields thousands of anyOf echoes. */
const MAX_ERRORS = 100

export function oscalSchemaUrl(kind: OscalKind): URL {
  return new URL(`./schemas/${SCHEMA_FILES[kind]}`, import.meta.url)
}

// ajv-formats is CommonJS with `exports.default`; under Node's ESM loader the default import is the module object.
type FormatsPlugin = (ajv: Ajv) => Ajv
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin)

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true })
  addFormats(ajv)
  return ajv
}

function toErrors(errors: ErrorObject[] | null | undefined): OscalValidationError[] {
  const out: OscalValidationError[] = []
  const seen = new Set<string>()
  for (const e of errors ?? []) {
    let message = e.message ?? 'is invalid'
    if (e.keyword === 'additionalProperties') message = `${message}: "${String((e.params as { additionalProperty?: string }).additionalProperty)}"`
    if (e.keyword === 'enum') message = `${message}: ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`
    const path = e.instancePath === '' ? '/' : e.instancePath
    const key = `${path}\u0000${message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ path, message })
    if (out.length >= MAX_ERRORS) break
  }
  return out
}

/** A validator for any OSCAL JSON schema object (the tests use it with the reference copies too). */
export function compileOscalSchema(schema: object): (json: unknown) => OscalValidationError[] {
  const validate: ValidateFunction = newAjv().compile(schema)
  return (json) => (validate(json) ? [] : toErrors(validate.errors))
}

const cache = new Map<OscalKind, (json: unknown) => OscalValidationError[]>()

/** Validates against the vendored schema of `kind`; [] when valid. Never throws for any JSON value. */
export function validateOscal(kind: OscalKind, json: unknown): OscalValidationError[] {
  let v = cache.get(kind)
  if (!v) {
    v = compileOscalSchema(JSON.parse(readFileSync(oscalSchemaUrl(kind), 'utf8')) as object)
    cache.set(kind, v)
  }
  return v(json)
}

/** Throws an `invalid` DomainError (HTTP 400) whose fieldErrors are the schema errors. */
export function assertValidOscal(kind: OscalKind, json: unknown): void {
  const errors = validateOscal(kind, json)
  if (errors.length === 0) return
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
  throw invalid(OSCAL_SCHEMA_ERROR, `Not a valid OSCAL ${kind}: ${errors[0]!.path}: ${errors[0]!.message}${more}`, errors)
}
