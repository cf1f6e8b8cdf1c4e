import type { LocalizedText, Parameter, RequirementNode, Strength } from './model.ts'
import { compareNumbers } from './deviations.ts'

/**
 * What changed between two versions of a document, node by node (matched by id), and what changed in an
 * operator's obligations between two resolutions.
 *
 * Values are compared structurally: object key order never matters, a key holding `undefined` is the same as
 * an absent key, `withdrawn: false` is the same as no `withdrawn`. Array order matters (the order of `all`
 * children, of evidence items, of listed sectors is the author's), except parameters, which are compared as a
 * set keyed by id.
 */

/**
 * The fields a change can touch, in reporting order. Beyond the fields of the brief ('title' … 'parent') we
 * also report 'kind', 'evidence', 'plain' and 'withdrawn', so every field of a node is covered: a change
 * never goes unreported.
 */
export const NODE_FIELDS = [
  'number', 'parent', 'kind', 'title', 'text', 'strength', 'addressee', 'parameters', 'applicability',
  'guidance', 'evidence', 'plain', 'withdrawn',
] as const
export type NodeField = (typeof NODE_FIELDS)[number]

export interface NodeChange<N extends RequirementNode = RequirementNode> {
  id: string
  /** The number in the later version. */
  number: string
  fields: NodeField[]
  before: N
  after: N
}

export interface VersionDiff<N extends RequirementNode = RequirementNode> {
  added: N[]
  removed: N[]
  changed: NodeChange<N>[]
}

/** Structural equality of JSON-like values; see the module comment. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((x, i) => deepEqual(x, b[i]))
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined)
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined)
  if (ka.length !== kb.length) return false
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]))
}

/** Parameters as a set keyed by id; duplicates of one id (invalid, but possible in imported data) compare as lists. */
function parametersEqual(a: readonly Parameter[], b: readonly Parameter[]): boolean {
  if (a.length !== b.length) return false
  const group = (list: readonly Parameter[]) => {
    const byId = new Map<string, Parameter[]>()
    for (const p of list) byId.set(p.id, [...(byId.get(p.id) ?? []), p])
    return byId
  }
  const ga = group(a)
  const gb = group(b)
  if (ga.size !== gb.size) return false
  for (const [id, list] of ga) {
    const other = gb.get(id)
    if (!other || !deepEqual(list, other)) return false
  }
  return true
}

function fieldEqual(field: NodeField, a: RequirementNode, b: RequirementNode): boolean {
  switch (field) {
    case 'number': return a.number === b.number
    case 'parent': return a.parentId === b.parentId
    case 'kind': return a.kind === b.kind
    case 'title': return deepEqual(a.title, b.title)
    case 'text': return deepEqual(a.text, b.text)
    case 'strength': return a.strength === b.strength
    case 'addressee': return a.addressee === b.addressee
    case 'parameters': return parametersEqual(a.parameters, b.parameters)
    case 'applicability': return deepEqual(a.applicability, b.applicability)
    case 'guidance': return deepEqual(a.guidance, b.guidance)
    case 'evidence': return deepEqual(a.evidence, b.evidence)
    case 'plain': return deepEqual(a.plain, b.plain)
    case 'withdrawn': return Boolean(a.withdrawn) === Boolean(b.withdrawn)
  }
}

function indexById<N extends RequirementNode>(nodes: readonly N[], side: string): Map<string, N> {
  const byId = new Map<string, N>()
  for (const node of nodes) {
    if (byId.has(node.id)) throw new Error(`${side}: duplicate node id ${node.id}`)
    byId.set(node.id, node)
  }
  return byId
}

function byNumberThenId(a: { number: string; id: string }, b: { number: string; id: string }): number {
  return compareNumbers(a.number, b.number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * Nodes added, removed and changed between two versions, matched by id. Each list is ordered by official
 * number (the later version's, for changes), then id. Node ids must be unique on each side.
 */
export function diffVersions<N extends RequirementNode>(before: readonly N[], after: readonly N[]): VersionDiff<N> {
  const old = indexById(before, 'before')
  const now = indexById(after, 'after')
  const added: N[] = []
  const changed: NodeChange<N>[] = []
  for (const [id, node] of now) {
    const previous = old.get(id)
    if (!previous) { added.push(node); continue }
    const fields = NODE_FIELDS.filter((f) => !fieldEqual(f, previous, node))
    if (fields.length > 0) changed.push({ id, number: node.number, fields, before: previous, after: node })
  }
  const removed = [...old.values()].filter((node) => !now.has(node.id))
  return {
    added: added.sort(byNumberThenId),
    removed: removed.sort(byNumberThenId),
    changed: changed.sort(byNumberThenId),
  }
}

// ---------------------------------------------------------------------------------------------------------
// Obligations
// ---------------------------------------------------------------------------------------------------------

/**
 * The parts of an obligation (obligations/domain/resolve-obligations.ts) this diff reads; declared here so
 * the standards module does not depend on the obligations module.
 */
export interface DiffableObligation {
  key: string
  lineage?: string
  title: LocalizedText
  text: LocalizedText
  plain?: LocalizedText
  strength: Strength
  parameters: readonly Parameter[]
  sources: readonly { documentId: string; versionId: string; nodeId: string; number: string; strength: Strength }[]
  reasons: readonly { source: string; why: string; because: readonly string[] }[]
}

export const OBLIGATION_FIELDS = ['title', 'text', 'plain', 'strength', 'parameters', 'sources', 'reasons'] as const
export type ObligationField = (typeof OBLIGATION_FIELDS)[number]

export interface ObligationChange<O extends DiffableObligation> {
  /** The obligation's identity across versions: its lineage (or its key when it has none). */
  identity: string
  fields: ObligationField[]
  before: O
  after: O
}

export interface ObligationDiff<O extends DiffableObligation> {
  added: O[]
  removed: O[]
  changed: ObligationChange<O>[]
}

/**
 * Sources and reasons without version ids: a new version of a document changes every `versionId#nodeId`,
 * and that alone is not a change in what the operator must do.
 */
function versionFree(o: DiffableObligation): { sources: string[]; reasons: string[] } {
  const documentOf = new Map(o.sources.map((s) => [`${s.versionId}#${s.nodeId}`, `${s.documentId}#${s.nodeId}`]))
  return {
    sources: o.sources.map((s) => `${s.documentId}#${s.nodeId}\u0000${s.number}\u0000${s.strength}`).sort(),
    reasons: o.reasons
      .map((r) => `${documentOf.get(r.source) ?? r.source}\u0000${r.why}\u0000${r.because.join('\u0001')}`)
      .sort(),
  }
}

/**
 * The identity of each obligation in a list: its lineage (document + node of its smallest source, which
 * survives new versions, whereas `key` names versions), or its key when the lineage is missing or not unique
 * in the list.
 */
function identities<O extends DiffableObligation>(list: readonly O[]): Map<string, O> {
  const count = new Map<string, number>()
  for (const o of list) if (o.lineage !== undefined) count.set(o.lineage, (count.get(o.lineage) ?? 0) + 1)
  const byIdentity = new Map<string, O>()
  for (const o of list) {
    const identity = o.lineage !== undefined && count.get(o.lineage) === 1 ? `lineage:${o.lineage}` : `key:${o.key}`
    byIdentity.set(identity, o)
  }
  return byIdentity
}

/**
 * "What changed in my obligations since the previous version": obligations matched by lineage (see
 * `identities`), compared field by field. Sources and reasons compare without version ids; parameters as a
 * set keyed by id. Lists keep the order of their input (the resolver's order).
 */
export function diffObligations<O extends DiffableObligation>(before: readonly O[], after: readonly O[]): ObligationDiff<O> {
  const old = identities(before)
  const now = identities(after)
  const added: O[] = []
  const changed: ObligationChange<O>[] = []
  for (const [identity, o] of now) {
    const previous = old.get(identity)
    if (!previous) { added.push(o); continue }
    const a = versionFree(previous)
    const b = versionFree(o)
    const fields = OBLIGATION_FIELDS.filter((field) => {
      switch (field) {
        case 'title': return !deepEqual(previous.title, o.title)
        case 'text': return !deepEqual(previous.text, o.text)
        case 'plain': return !deepEqual(previous.plain, o.plain)
        case 'strength': return previous.strength !== o.strength
        case 'parameters': return !parametersEqual(previous.parameters, o.parameters)
        case 'sources': return !deepEqual(a.sources, b.sources)
        case 'reasons': return !deepEqual(a.reasons, b.reasons)
      }
    })
    if (fields.length > 0) changed.push({ identity: identity.slice(identity.indexOf(':') + 1), fields, before: previous, after: o })
  }
  const removed = [...old.entries()].filter(([identity]) => !now.has(identity)).map(([, o]) => o)
  return { added, removed, changed }
}
