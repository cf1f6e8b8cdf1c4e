import type {
  Condition, DocumentKind, LocalizedText, Mapping, MappingRelationship, Parameter, ResolvedNode, Strength,
} from '../../standards/domain/model.ts'
import { strengthRank } from '../../standards/domain/model.ts'
import {
  compareNumberKeys, compareNumbers, compareStrictness, numberSortKey, type NumberSortKey,
} from '../../standards/domain/deviations.ts'
import { compileCondition, ExplanationTable, type CompiledCondition, type OperatorContext } from './applicability.ts'

/**
 * "What applies to me" (S22): every document binding one operator, resolved into one de-duplicated list of
 * obligations, each with every source it satisfies and the reason each source applies.
 *
 * Rules:
 * - A source is a node of a binding that is a requirement, not withdrawn, addressed to operators (a null
 *   addressee counts as operators) and whose applicability holds for the operator. It is named
 *   `versionId#nodeId` after the binding's version. The same version bound twice (a law an operator is
 *   designated under for two reasons) is one source with both reasons.
 * - Sources are merged into one obligation when a crosswalk says one answer satisfies both: `equivalent-to`
 *   (either direction), `subset-of` and `superset-of` (whichever side is the subset, answering the superset
 *   answers it). Sources that are the same node of the same origin version reached through two bindings (two
 *   sector profiles of the Unified Standard) merge as `same-origin`. Merging is transitive, but only through
 *   sources that apply to this operator: A ⊂ B ⊃ C does not merge A and C when B does not apply.
 *   `intersects-with` never merges; it is listed in `related`, whether or not the other side binds the operator.
 * - A crosswalk endpoint `versionId#nodeId` matches a source by its binding's version or by its node's
 *   origin version, so crosswalks written against the Unified Standard catalog reach it through a profile.
 * - The obligation's primary source is its first source in output order: document kind (law, Unified
 *   Standard, sector standard, guideline, foreign framework), then official number in natural order, then
 *   source name. Title and text come from the primary; `plain` from the first source that has one; strength
 *   is the strongest of all sources; parameters are the primary's, each set to the strictest value any
 *   source gives the same parameter id (see compareStrictness; incomparable values keep the primary's).
 * - `key` is the lexicographically smallest source name: stable for the same inputs. It contains version
 *   ids, so it changes with each new version; `lineage` (the smallest `documentId#nodeId`) survives versions
 *   and is what diffObligations matches on.
 * - Obligations are ordered by their primary source; sources, reasons, mergedBy and related are sorted too,
 *   so the result does not depend on the order of bindings, nodes or mappings.
 *
 * Returned obligations (and answers) are frozen and shared between operators with the same applicable
 * sources and reasons (that sharing is what makes resolving for every operator cheap); treat them as
 * read-only. Parameters of single-source obligations are the input node's own array.
 *
 * Cost model: prepareBindings indexes every binding once (sources, conditions compiled once each, crosswalk
 * endpoints, merge edges). resolveFor evaluates each distinct condition once and looks the answer up by the
 * active bindings and condition results; only a new combination walks the sources of the active bindings,
 * reusing obligations and crosswalk-component results already built for earlier operators.
 */

export { compareNumbers }
export type { OperatorContext }

export const DOCUMENT_KIND_ORDER = [
  'law', 'unified_standard', 'sector_standard', 'guideline', 'foreign_framework',
] as const satisfies readonly DocumentKind[]

export interface Binding {
  documentId: string
  documentKind: DocumentKind
  documentTitle: LocalizedText
  versionId: string
  versionLabel: string
  /** Why the document binds the operator, as a code: 'sector-standard:medical/tier:medical-small', 'law:flag=acdDesignated'. */
  why: string
  nodes: readonly ResolvedNode[]
}

export interface ObligationSource {
  documentId: string
  documentKind: DocumentKind
  documentTitle: LocalizedText
  versionId: string
  versionLabel: string
  nodeId: string
  number: string
  strength: Strength
}

export interface ObligationReason {
  /** `versionId#nodeId` of the source this reason is about. */
  source: string
  /** The binding's reason. */
  why: string
  /** The applicability codes that held (see applicability.ts); empty for unconditional requirements. */
  because: readonly string[]
}

export type MergeRelationship = Exclude<MappingRelationship, 'intersects-with'> | 'same-origin'

export interface MergeRecord {
  from: string
  to: string
  relationship: MergeRelationship
}

export interface RelatedRecord {
  /** One of this obligation's sources. */
  from: string
  /** The crosswalk's other endpoint, `versionId#nodeId`; it may not bind this operator. */
  to: string
  relationship: 'intersects-with'
}

export interface Obligation {
  key: string
  lineage: string
  title: LocalizedText
  text: LocalizedText
  plain?: LocalizedText
  strength: Strength
  parameters: readonly Parameter[]
  sources: readonly ObligationSource[]
  reasons: readonly ObligationReason[]
  mergedBy: readonly MergeRecord[]
  related: readonly RelatedRecord[]
}

// ---------------------------------------------------------------------------------------------------------
// Preparation: everything that does not depend on the operator, done once for every binding in play.
// ---------------------------------------------------------------------------------------------------------

interface Candidate {
  sourceKey: string
  lineage: string
  /** `originVersionId#nodeId`, or the source key when the node has no other origin. */
  originKey: string
  kindRank: number
  numberKey: NumberSortKey
  node: ResolvedNode
  /** The binding the node's content is taken from (the first occurrence). */
  binding: Binding
  /** Indexes of the bindings this source occurs in (one version bound for several reasons), ordered by reason. */
  occurrences: number[]
  source: ObligationSource
  /** `[source]`, shared by every single-source obligation of this candidate. */
  sources: readonly ObligationSource[]
  related: readonly RelatedRecord[]
}

interface Edge {
  a: number
  b: number
  record: MergeRecord
}

interface ComponentResult {
  /** By member (local index): the obligation whose primary it is, if any. */
  byMember: (Obligation | undefined)[]
}

/** Pattern numbers by condition results, then by active-binding bits (30 per level). */
type Trie = Map<number, Trie | number>

/**
 * Components sharing the same conditions and bindings: for one operator they have one "pattern" (the
 * results of those conditions and whether those bindings are active), computed once per operator and
 * numbered, so each component's cache is keyed by a small integer.
 */
interface ComponentClass {
  conditions: number[]
  bindings: number[]
  patterns: Trie
  patternCount: number
}

/** Sources connected by merge crosswalks; which of them merge for an operator depends on which apply. */
interface Component {
  members: number[]
  edges: { a: number; b: number; record: MergeRecord }[]
  classIndex: number
  cache: Map<number, ComponentResult>
  /** Obligations by group (members and their explanations and active reasons), reused across patterns. */
  groups: Map<string, Obligation>
}

/** A reusable, operator-independent index over bindings and the crosswalks between them. */
export interface PreparedBindings {
  readonly sourceCount: number
  /** @internal */
  readonly state: PreparedState
}

interface PreparedState {
  bindings: Binding[]
  bindingIndex: Map<Binding, number>
  bindingByName: Map<string, number>
  candidates: Candidate[]
  conditions: CompiledCondition[]
  explanations: ExplanationTable
  conditionOf: Int32Array
  /** The only binding of a source bound once, or -1 for a source bound several times. */
  soleBinding: Int32Array
  /** Merge crosswalks and shared origins between sources. */
  edges: Edge[]
  /** Cache of single-source obligations: the last (explanation, reasons) key and its obligation, then a map. */
  singleKey: Float64Array
  singleObligation: (Obligation | undefined)[]
  singleMore: (Map<number, Obligation> | undefined)[]
  /** Whole answers by a hash of active bindings and condition results (see resolveFor), bounded by MEMO_LIMIT. */
  memo: Map<number, MemoEntry[]>
  memoSize: number
  /** One view per set of active bindings met so far. */
  views: Map<string, View>
  // Per-resolution scratch space, reused: resolution is synchronous, so calls never interleave.
  results: Int32Array
  active: Uint8Array
  epoch: number
}

/**
 * The sources of one set of active bindings and the crosswalk components among them. Components are built
 * per set, not over every prepared binding: tier profiles of one sector share their origin but never bind
 * one operator together, and joining them would make components, and their patterns, needlessly large.
 */
interface View {
  /** Sources bound through the active bindings, in output order. */
  sources: Int32Array
  /** By source: component index, or -1 for a source no merge crosswalk touches within the view. */
  componentOf: Int32Array
  /** By source: its index among its component's members. */
  memberIndex: Int32Array
  components: Component[]
  classes: ComponentClass[]
  classPattern: Int32Array
  classEpoch: Int32Array
  componentEpoch: Int32Array
  componentResult: (ComponentResult | undefined)[]
  /** Work arrays for resolveComponent, as long as the largest component. */
  scratch: { explanations: Int32Array; masks: Int32Array; parent: Int32Array; size: Int32Array }
}

interface MemoEntry {
  active: string
  results: Int32Array
  answer: readonly Obligation[]
}

/** A source may be bound through at most this many bindings (its reasons are a bit mask). */
const MAX_OCCURRENCES = 30

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareCandidates(x: Candidate, y: Candidate): number {
  return x.kindRank - y.kindRank || compareNumberKeys(x.numberKey, y.numberKey) || byString(x.sourceKey, y.sourceKey)
}

function isObligationNode(node: ResolvedNode): boolean {
  return node.kind === 'requirement' && !node.withdrawn && (node.addressee === null || node.addressee === 'operator')
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    const up = parent[parent[i]!]!
    parent[i] = up
    i = up
  }
  return i
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a)
  const rb = find(parent, b)
  // The smaller index becomes the root, so a group's root is its first member in output order.
  if (ra < rb) parent[rb] = ra
  else if (rb < ra) parent[ra] = rb
}

/**
 * What a node contributes regardless of the bindings it is prepared with, computed once per node object.
 * Inputs are never modified once handed over.
 */
interface NodeFacts {
  numberKey: NumberSortKey
  conditionKey: string
}
const nodeFacts = new WeakMap<object, NodeFacts>()

function factsOf(node: ResolvedNode): NodeFacts {
  let facts = nodeFacts.get(node)
  if (!facts) {
    facts = { numberKey: numberSortKey(node.number), conditionKey: canonicalJson(node.applicability satisfies Condition) }
    nodeFacts.set(node, facts)
  }
  return facts
}

const EMPTY: readonly never[] = Object.freeze([])

function compareRecords(x: { from: string; to: string; relationship: string }, y: { from: string; to: string; relationship: string }): number {
  return byString(x.from, y.from) || byString(x.to, y.to) || byString(x.relationship, y.relationship)
}

/** Sorted, without duplicates (records are equal when from, to and relationship are). */
function sortedRecords<T extends { from: string; to: string; relationship: string }>(records: T[]): readonly T[] {
  if (records.length === 0) return EMPTY
  records.sort(compareRecords)
  const out = [records[0]!]
  for (let k = 1; k < records.length; k++) if (compareRecords(records[k - 1]!, records[k]!) !== 0) out.push(records[k]!)
  return Object.freeze(out)
}

/** A binding is identified by its version and its reason: the same pair twice is one binding. */
function bindingName(binding: Binding): string {
  return `${binding.versionId}\u0000${binding.why}`
}

/**
 * Indexes bindings and the crosswalks between them, once, for resolving many operators: pass every binding
 * any of them may have (all tier profiles, guidelines and laws) and select each operator's in resolveFor.
 * The result keeps caches that grow as operators are resolved (bounded; see MEMO_LIMIT); the inputs must not
 * change afterwards.
 */
export function prepareBindings(bindings: readonly Binding[], mappings: readonly Mapping[]): PreparedBindings {
  const universe: Binding[] = []
  const bindingIndex = new Map<Binding, number>()
  const bindingByName = new Map<string, number>()
  for (const binding of bindings) {
    if (!DOCUMENT_KIND_ORDER.includes(binding.documentKind)) {
      throw new Error(`binding ${binding.versionId}: unknown document kind ${binding.documentKind}`)
    }
    const name = bindingName(binding)
    const index = bindingByName.get(name)
    if (index !== undefined) { bindingIndex.set(binding, index); continue }
    bindingIndex.set(binding, universe.length)
    bindingByName.set(name, universe.length)
    universe.push(binding)
  }
  // Reasons in a deterministic order whatever the input order: by reason, then version.
  const order = universe.map((_, i) => i).sort((x, y) => byString(universe[x]!.why, universe[y]!.why) || byString(universe[x]!.versionId, universe[y]!.versionId))

  const bySource = new Map<string, Candidate>()
  for (const b of order) {
    const binding = universe[b]!
    const kindRank = DOCUMENT_KIND_ORDER.indexOf(binding.documentKind)
    const seenInBinding = new Set<string>()
    for (const node of binding.nodes) {
      if (!isObligationNode(node) || seenInBinding.has(node.id)) continue
      seenInBinding.add(node.id)
      const sourceKey = `${binding.versionId}#${node.id}`
      const existing = bySource.get(sourceKey)
      if (existing) {
        if (existing.occurrences.length >= MAX_OCCURRENCES) throw new Error(`${sourceKey} is bound more than ${MAX_OCCURRENCES} times`)
        existing.occurrences.push(b)
        continue
      }
      bySource.set(sourceKey, candidate(binding, b, node, kindRank, sourceKey))
    }
  }
  const candidates = [...bySource.values()].sort(compareCandidates)

  const n = candidates.length
  const explanations = new ExplanationTable()
  const conditionIndex = new Map<string, number>()
  const conditions: CompiledCondition[] = []
  const conditionOf = new Int32Array(n)
  const soleBinding = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!
    const key = factsOf(c.node).conditionKey
    let index = conditionIndex.get(key)
    if (index === undefined) {
      index = conditions.length
      conditions.push(compileCondition(c.node.applicability, explanations))
      conditionIndex.set(key, index)
    }
    conditionOf[i] = index
    soleBinding[i] = c.occurrences.length === 1 ? c.occurrences[0]! : -1
  }

  // Crosswalk endpoints reach sources by binding version and by origin version.
  const endpoints = new Map<string, number[]>()
  const addEndpoint = (key: string, i: number) => {
    const list = endpoints.get(key)
    if (!list) endpoints.set(key, [i])
    else if (list.at(-1) !== i) list.push(i)
  }
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!
    addEndpoint(c.sourceKey, i)
    if (c.originKey !== c.sourceKey) addEndpoint(c.originKey, i)
  }

  const edges: Edge[] = []
  for (const group of endpoints.values()) {
    // Only origin keys gather several sources (source keys are unique): same node, same origin version.
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        const a = group[x]!
        const b = group[y]!
        const [from, to] = [candidates[a]!.sourceKey, candidates[b]!.sourceKey].sort(byString) as [string, string]
        edges.push({ a, b, record: Object.freeze({ from, to, relationship: 'same-origin' }) })
      }
    }
  }
  const related: (RelatedRecord[] | undefined)[] = new Array(n)
  for (const m of mappings) {
    const sourceName = `${m.sourceVersionId}#${m.sourceNodeId}`
    const targetName = `${m.targetVersionId}#${m.targetNodeId}`
    const from = endpoints.get(sourceName)
    const to = endpoints.get(targetName)
    if (!from && !to) continue
    const relationship = m.relationship
    if (relationship === 'intersects-with') {
      for (const s of from ?? EMPTY) (related[s] ??= []).push(Object.freeze({ from: candidates[s]!.sourceKey, to: targetName, relationship }))
      for (const t of to ?? EMPTY) (related[t] ??= []).push(Object.freeze({ from: candidates[t]!.sourceKey, to: sourceName, relationship }))
      continue
    }
    if (!from || !to) continue
    for (const s of from) {
      for (const t of to) {
        if (s !== t) edges.push({ a: s, b: t, record: Object.freeze({ from: candidates[s]!.sourceKey, to: candidates[t]!.sourceKey, relationship }) })
      }
    }
  }
  for (let i = 0; i < n; i++) if (related[i]) candidates[i]!.related = sortedRecords(related[i]!)

  return {
    sourceCount: n,
    state: {
      bindings: universe, bindingIndex, bindingByName,
      candidates, conditions, explanations, conditionOf, soleBinding, edges,
      singleKey: new Float64Array(n).fill(-1),
      singleObligation: new Array(n),
      singleMore: new Array(n),
      memo: new Map(),
      memoSize: 0,
      views: new Map(),
      results: new Int32Array(conditions.length),
      active: new Uint8Array(universe.length),
      epoch: 0,
    },
  }
}

function candidate(binding: Binding, b: number, node: ResolvedNode, kindRank: number, sourceKey: string): Candidate {
  const originVersion = node.origin?.versionId ?? binding.versionId
  const source: ObligationSource = Object.freeze({
    documentId: binding.documentId,
    documentKind: binding.documentKind,
    documentTitle: binding.documentTitle,
    versionId: binding.versionId,
    versionLabel: binding.versionLabel,
    nodeId: node.id,
    number: node.number,
    strength: node.strength ?? 'may',
  })
  return {
    sourceKey,
    lineage: `${binding.documentId}#${node.id}`,
    originKey: `${originVersion}#${node.id}`,
    kindRank,
    numberKey: factsOf(node).numberKey,
    node,
    binding,
    occurrences: [b],
    source,
    sources: Object.freeze([source]),
    related: EMPTY,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Building obligations (only on a cache miss)
// ---------------------------------------------------------------------------------------------------------

/** Which of a source's bindings are active, as a bit mask over its occurrences (0: not bound at all). */
function reasonMask(state: PreparedState, i: number): number {
  const sole = state.soleBinding[i]!
  if (sole >= 0) return state.active[sole]!
  const occurrences = state.candidates[i]!.occurrences
  let mask = 0
  for (let k = 0; k < occurrences.length; k++) if (state.active[occurrences[k]!]) mask |= 1 << k
  return mask
}

function reasonsOf(state: PreparedState, c: Candidate, because: readonly string[], mask: number, into: ObligationReason[]): void {
  for (let k = 0; k < c.occurrences.length; k++) {
    if (mask & (1 << k)) into.push(Object.freeze({ source: c.sourceKey, why: state.bindings[c.occurrences[k]!]!.why, because }))
  }
}

/** The obligation of one source that merges with nothing, for one explanation and set of active reasons. */
function buildSingle(state: PreparedState, i: number, explanation: number, mask: number): Obligation {
  const c = state.candidates[i]!
  const reasons: ObligationReason[] = []
  reasonsOf(state, c, state.explanations.list(explanation), mask, reasons)
  const plain = c.node.plain
  return Object.freeze({
    key: c.sourceKey,
    lineage: c.lineage,
    title: c.node.title,
    text: c.node.text,
    ...(plain ? { plain } : {}),
    strength: c.source.strength,
    parameters: c.node.parameters,
    sources: c.sources,
    reasons: Object.freeze(reasons),
    mergedBy: EMPTY,
    related: c.related,
  })
}

/** `members` are candidate indexes in output order; `explanations` and `masks` theirs for the operator. */
function buildObligation(state: PreparedState, members: readonly number[], explanations: readonly number[], masks: readonly number[], merges: MergeRecord[]): Obligation {
  if (members.length === 1) return buildSingle(state, members[0]!, explanations[0]!, masks[0]!)
  const sources = members.map((i) => state.candidates[i]!)
  const primary = sources[0]!
  let key = primary.sourceKey
  let lineage = primary.lineage
  let strength: Strength = primary.source.strength
  const reasons: ObligationReason[] = []
  const related: RelatedRecord[] = []
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k]!
    if (s.sourceKey < key) key = s.sourceKey
    if (s.lineage < lineage) lineage = s.lineage
    if (strengthRank(s.source.strength) > strengthRank(strength)) strength = s.source.strength
    reasonsOf(state, s, state.explanations.list(explanations[k]!), masks[k]!, reasons)
    related.push(...s.related)
  }
  const plain = sources.find((s) => s.node.plain)?.node.plain
  return Object.freeze({
    key,
    lineage,
    title: primary.node.title,
    text: primary.node.text,
    ...(plain ? { plain } : {}),
    strength,
    parameters: Object.freeze(strictestParameters(sources.map((s) => s.node))),
    sources: Object.freeze(sources.map((s) => s.source)),
    reasons: Object.freeze(reasons),
    mergedBy: sortedRecords(merges),
    related: sortedRecords(related),
  })
}

function strictestParameters(nodes: readonly ResolvedNode[]): Parameter[] {
  const [primary, ...others] = nodes
  return primary!.parameters.map((param) => {
    let value = param.value
    for (const node of others) {
      const other = node.parameters.find((q) => q.id === param.id && q.type === param.type)
      if (!other) continue
      const cmp = compareStrictness(param, other.value, value)
      if (cmp !== null && cmp > 0) value = other.value
    }
    return value === param.value ? param : { ...param, value }
  })
}

function singleObligation(state: PreparedState, i: number, explanation: number, mask: number): Obligation {
  // Exact while explanation ids stay below 2^22: explanation × 2^31 + mask < 2^53.
  const key = explanation * 2147483648 + mask
  if (state.singleKey[i] === key) return state.singleObligation[i]!
  if (state.singleKey[i] === -1) {
    const obligation = buildSingle(state, i, explanation, mask)
    state.singleKey[i] = key
    state.singleObligation[i] = obligation
    return obligation
  }
  let more = state.singleMore[i]
  if (!more) state.singleMore[i] = more = new Map()
  let obligation = more.get(key)
  if (!obligation) more.set(key, obligation = buildSingle(state, i, explanation, mask))
  return obligation
}

function child(trie: Trie, key: number): Trie {
  let next = trie.get(key) as Trie | undefined
  if (!next) trie.set(key, next = new Map())
  return next
}

/** The pattern number of a component class for the current operator (see ComponentClass). */
function classPattern(state: PreparedState, view: View, ci: number): number {
  if (view.classEpoch[ci] === state.epoch) return view.classPattern[ci]!
  const cls = view.classes[ci]!
  const { results, active } = state
  let trie = cls.patterns
  for (const c of cls.conditions) trie = child(trie, results[c]!)
  let bits = 0
  const { bindings } = cls
  for (let k = 0; k < bindings.length; k++) {
    if (k > 0 && k % 30 === 0) { trie = child(trie, bits); bits = 0 }
    if (active[bindings[k]!]) bits |= 1 << (k % 30)
  }
  let pattern = trie.get(bits) as number | undefined
  if (pattern === undefined) trie.set(bits, pattern = cls.patternCount++)
  view.classEpoch[ci] = state.epoch
  view.classPattern[ci] = pattern
  return pattern
}

/** The view of the currently active bindings (see View). */
function buildView(state: PreparedState): View {
  const { candidates, conditionOf } = state
  const n = candidates.length
  const bound: number[] = []
  const inView = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    if (reasonMask(state, i) !== 0) {
      bound.push(i)
      inView[i] = 1
    }
  }
  const edges = state.edges.filter((e) => inView[e.a] && inView[e.b])
  const parent = new Int32Array(n)
  for (let i = 0; i < n; i++) parent[i] = i
  for (const e of edges) union(parent, e.a, e.b)
  const size = new Int32Array(n)
  for (const i of bound) size[find(parent, i)]!++
  const componentOf = new Int32Array(n).fill(-1)
  const memberIndex = new Int32Array(n)
  const components: Component[] = []
  const componentOfRoot = new Map<number, number>()
  for (const i of bound) {
    const root = find(parent, i)
    if (size[root]! < 2) continue
    let ci = componentOfRoot.get(root)
    if (ci === undefined) {
      ci = components.length
      components.push({ members: [], edges: [], classIndex: -1, cache: new Map(), groups: new Map() })
      componentOfRoot.set(root, ci)
    }
    componentOf[i] = ci
    memberIndex[i] = components[ci]!.members.length
    components[ci]!.members.push(i)
  }
  for (const e of edges) components[componentOf[e.a]!]!.edges.push({ a: memberIndex[e.a]!, b: memberIndex[e.b]!, record: e.record })

  const classes: ComponentClass[] = []
  const classByKey = new Map<string, number>()
  for (const component of components) {
    const conds = [...new Set(component.members.map((m) => conditionOf[m]!))].sort((a, b) => a - b)
    const binds = [...new Set(component.members.flatMap((m) => candidates[m]!.occurrences))].sort((a, b) => a - b)
    const key = `${conds.join(',')}|${binds.join(',')}`
    let ci = classByKey.get(key)
    if (ci === undefined) {
      ci = classes.length
      classes.push({ conditions: conds, bindings: binds, patterns: new Map(), patternCount: 0 })
      classByKey.set(key, ci)
    }
    component.classIndex = ci
  }
  return {
    sources: Int32Array.from(bound), componentOf, memberIndex, components, classes,
    classPattern: new Int32Array(classes.length),
    classEpoch: new Int32Array(classes.length),
    componentEpoch: new Int32Array(components.length),
    componentResult: new Array(components.length),
    scratch: scratchFor(Math.max(0, ...components.map((c) => c.members.length))),
  }
}

function scratchFor(length: number): View['scratch'] {
  return { explanations: new Int32Array(length), masks: new Int32Array(length), parent: new Int32Array(length), size: new Int32Array(length) }
}

/** Which of a component's applicable members merge, for the current operator. */
function resolveComponent(state: PreparedState, view: View, component: Component): ComponentResult {
  const pattern = classPattern(state, view, component.classIndex)
  const cached = component.cache.get(pattern)
  if (cached) return cached

  const { members } = component
  const m = members.length
  const { explanations, masks, parent, size } = view.scratch
  for (let li = 0; li < m; li++) {
    const e = state.results[state.conditionOf[members[li]!]!]!
    explanations[li] = e
    masks[li] = e < 0 ? 0 : reasonMask(state, members[li]!)
  }
  for (let li = 0; li < m; li++) {
    parent[li] = li
    size[li] = 0
  }
  for (const e of component.edges) if (masks[e.a] !== 0 && masks[e.b] !== 0) union(parent, e.a, e.b)
  // Roots are the smallest member index of their group (see union), i.e. the group's primary.
  for (let li = 0; li < m; li++) if (masks[li] !== 0) size[find(parent, li)]!++
  const result: ComponentResult = { byMember: new Array(m) }
  let groups: Map<number, number[]> | undefined
  for (let li = 0; li < m; li++) {
    if (masks[li] === 0) continue
    const root = find(parent, li)
    if (size[root] === 1) {
      result.byMember[li] = singleObligation(state, members[li]!, explanations[li]!, masks[li]!)
      continue
    }
    groups ??= new Map()
    const group = groups.get(root)
    if (group) group.push(li)
    else groups.set(root, [li])
  }
  for (const [root, group] of groups ?? []) {
    // A group is fixed by its members, their explanations and active reasons (its merges are the edges among
    // its members), so groups untouched by a new pattern elsewhere in the component are reused, not rebuilt.
    let groupKey = ''
    for (const li of group) groupKey += `${li}:${explanations[li]}:${masks[li]},`
    let obligation = component.groups.get(groupKey)
    if (!obligation) {
      const merges = component.edges.filter((e) => masks[e.a] !== 0 && masks[e.b] !== 0 && find(parent, e.a) === root).map((e) => e.record)
      obligation = buildObligation(state, group.map((li) => members[li]!), group.map((li) => explanations[li]!), group.map((li) => masks[li]!), merges)
      component.groups.set(groupKey, obligation)
    }
    result.byMember[root] = obligation
  }
  component.cache.set(pattern, result)
  return result
}

// ---------------------------------------------------------------------------------------------------------
// Resolution per operator
// ---------------------------------------------------------------------------------------------------------

/**
 * How many whole answers a prepared index keeps. An answer depends only on the active bindings and the
 * results of the distinct conditions, and operators repeat the same few sector/tier/flag/fact patterns, so
 * most operators are answered from here; the bound keeps memory flat when they do not (the memo is then
 * simply refilled).
 */
const MEMO_LIMIT = 4096

function selectBindings(state: PreparedState, bindings: readonly Binding[] | undefined): string {
  const { active } = state
  if (bindings === undefined) {
    active.fill(1)
    return '*'
  }
  active.fill(0)
  for (const binding of bindings) {
    const index = state.bindingIndex.get(binding) ?? state.bindingByName.get(bindingName(binding))
    if (index === undefined) throw new Error(`binding ${binding.versionId} (${binding.why}) was not prepared`)
    active[index] = 1
  }
  let key = ''
  for (let b = 0; b < active.length; b++) if (active[b]) key += String.fromCharCode(b + 1)
  return key
}

/**
 * The operator's obligations from its bindings (`bindings`, each one passed to prepareBindings, by identity
 * or by version and reason; all prepared bindings when omitted), as a frozen list shared with every operator
 * whose bindings and conditions come out the same.
 *
 * Work per call: one evaluation per distinct applicability condition and one memo lookup. On a miss, one
 * pass over the prepared sources with typed-array lookups and a cache lookup per applicable source or
 * crosswalk component; obligations are only built for patterns not seen before.
 */
export function resolveFor(prepared: PreparedBindings, operator: OperatorContext, bindings?: readonly Binding[]): readonly Obligation[] {
  const state = prepared.state
  const { conditions, results, conditionOf, soleBinding, active } = state
  const activeKey = selectBindings(state, bindings)
  let hash = 0x811c9dc5
  for (let k = 0; k < activeKey.length; k++) hash = Math.imul(hash ^ activeKey.charCodeAt(k), 0x01000193)
  for (let c = 0; c < conditions.length; c++) {
    const r = conditions[c]!(operator)
    results[c] = r
    hash = Math.imul(hash ^ (r + 1), 0x01000193)
  }
  hash &= 0x3fffffff
  const bucket = state.memo.get(hash)
  if (bucket) {
    for (const entry of bucket) {
      if (entry.active !== activeKey) continue
      let same = true
      for (let c = 0; c < results.length && same; c++) same = entry.results[c] === results[c]
      if (same) return entry.answer
    }
  }

  let view = state.views.get(activeKey)
  if (!view) state.views.set(activeKey, view = buildView(state))
  if (state.epoch === 0x7fffffff) {
    state.epoch = 0
    for (const v of state.views.values()) {
      v.classEpoch.fill(0)
      v.componentEpoch.fill(0)
    }
  }
  const epoch = ++state.epoch
  const { sources, componentOf, memberIndex, components, componentEpoch, componentResult } = view

  const out: Obligation[] = []
  for (let v = 0; v < sources.length; v++) {
    const i = sources[v]!
    const explanation = results[conditionOf[i]!]!
    if (explanation < 0) continue
    const ci = componentOf[i]!
    if (ci < 0) {
      const sole = soleBinding[i]!
      if (sole >= 0) {
        if (active[sole]) out.push(singleObligation(state, i, explanation, 1))
      } else {
        const mask = reasonMask(state, i)
        if (mask !== 0) out.push(singleObligation(state, i, explanation, mask))
      }
      continue
    }
    if (componentEpoch[ci] !== epoch) {
      componentEpoch[ci] = epoch
      componentResult[ci] = resolveComponent(state, view, components[ci]!)
    }
    const obligation = componentResult[ci]!.byMember[memberIndex[i]!]
    if (obligation) out.push(obligation)
  }
  if (state.memoSize >= MEMO_LIMIT) {
    state.memo.clear()
    state.memoSize = 0
  }
  const answer = Object.freeze(out)
  const entry = { active: activeKey, results: results.slice(), answer }
  const list = state.memo.get(hash)
  if (list) list.push(entry)
  else state.memo.set(hash, [entry])
  state.memoSize++
  return answer
}

/** One operator, one call: prepares and resolves. For many operators, prepare once and call resolveFor. */
export function resolveObligations(input: { operator: OperatorContext; bindings: readonly Binding[]; mappings: readonly Mapping[] }): readonly Obligation[] {
  return resolveFor(prepareBindings(input.bindings, input.mappings), input.operator)
}
