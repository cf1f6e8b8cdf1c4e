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
  /** Indexes of the bindings this source occurs in (one version bound for several reasons), ordered by reason. */
  occurrences: number[]
  source: ObligationSource
  /** `[source]`, shared by every single-source obligation of this candidate. */
  sources: readonly ObligationSource[]
  related: readonly RelatedRecord[]
}

const SAME_ORIGIN = 'same-origin'

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
  /** Sources in output order: a source's index is its rank, so the smaller index is the earlier source. */
  candidates: Candidate[]
  conditions: CompiledCondition[]
  explanations: ExplanationTable
  conditionOf: Int32Array
  /** The only binding of a source bound once, or -1 for a source bound several times. */
  soleBinding: Int32Array
  /** Merge edges (crosswalks and shared origins) between sources: endpoints, and the records made on demand. */
  edgeA: Int32Array
  edgeB: Int32Array
  edgeRelationship: MergeRelationship[]
  edgeRecord: (MergeRecord | undefined)[]
  /** The edges of source i are adjacentEdges[adjacentStart[i] .. adjacentStart[i + 1]). */
  adjacentStart: Int32Array
  adjacentEdges: Int32Array
  /** Cache of single-source obligations: the last (explanation, reasons) key and its obligation, then a map. */
  singleKey: Float64Array
  singleObligation: (Obligation | undefined)[]
  singleMore: (Map<number, Obligation> | undefined)[]
  /** Merged obligations by a hash of their members, explanations and active reasons (see groupObligation). */
  groups: Map<number, GroupEntry[]>
  /** Whole answers by a hash of active bindings and condition results (see resolveFor), bounded by MEMO_LIMIT. */
  memo: Map<number, MemoEntry[]>
  memoSize: number
  /** One view per set of active bindings met so far. */
  views: Map<string, View>
  // Per-resolution scratch space, reused: resolution is synchronous, so calls never interleave.
  results: Int32Array
  active: Uint8Array
  epoch: number
  /** By source, valid where stamp === epoch: applicable and touched by a merge edge in the current view. */
  stamp: Int32Array
  explanationOf: Int32Array
  maskOf: Int32Array
  parent: Int32Array
  /** Members of a group as a list from its root (the primary): next member, and the root's last member. */
  next: Int32Array
  tail: Int32Array
  /** epoch when the source is the root of a group of two or more in the current resolution. */
  merged: Int32Array
  out: Obligation[]
}

/**
 * The sources of one set of active bindings. Merge edges are kept per view, not over every prepared binding:
 * tier profiles of one sector share their origin but never bind one operator together.
 */
interface View {
  /** Sources bound through the active bindings, in output order, and which of their reasons are active. */
  sources: Int32Array
  masks: Int32Array
  /** By position in `sources`: 1 when a merge edge within the view touches the source. */
  linked: Uint8Array
  /** The linked sources and their masks, in output order. */
  linkedSources: Int32Array
  linkedMasks: Int32Array
  /** Merge edges with both ends in the view. */
  edgeA: Int32Array
  edgeB: Int32Array
}

interface GroupEntry {
  /** (source, explanation, mask) per member, in output order. */
  members: Int32Array
  obligation: Obligation
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

/** Conditions that compile the same share one compiled condition; `always` (most requirements) skips the JSON. */
function conditionKey(condition: Condition): string {
  return condition.kind === 'always' ? 'always' : canonicalJson(condition)
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

const EMPTY: readonly never[] = Object.freeze([])

function compareRecords(x: { from: string; to: string; relationship: string }, y: { from: string; to: string; relationship: string }): number {
  return byString(x.from, y.from) || byString(x.to, y.to) || byString(x.relationship, y.relationship)
}

/** Sorted, without duplicates (records are equal when from, to and relationship are). */
function sortedRecords<T extends { from: string; to: string; relationship: string }>(records: T[]): readonly T[] {
  if (records.length === 0) return EMPTY
  if (records.length > 1) records.sort(compareRecords)
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

  // Profiles repeat their catalog's numbers: each distinct number is split once.
  const numberKeys = new Map<string, NumberSortKey>()
  const bySource = new Map<string, Candidate>()
  const list: Candidate[] = []
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
      let numberKey = numberKeys.get(node.number)
      if (numberKey === undefined) numberKeys.set(node.number, numberKey = numberSortKey(node.number))
      const c = candidate(binding, b, node, kindRank, sourceKey, numberKey)
      bySource.set(sourceKey, c)
      list.push(c)
    }
  }
  const candidates = list.sort(compareCandidates)

  const n = candidates.length
  const explanations = new ExplanationTable()
  const conditionIndex = new Map<string, number>()
  const conditions: CompiledCondition[] = []
  const conditionOf = new Int32Array(n)
  const soleBinding = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!
    const key = conditionKey(c.node.applicability)
    let index = conditionIndex.get(key)
    if (index === undefined) {
      index = conditions.length
      conditions.push(compileCondition(c.node.applicability, explanations))
      conditionIndex.set(key, index)
    }
    conditionOf[i] = index
    soleBinding[i] = c.occurrences.length === 1 ? c.occurrences[0]! : -1
  }

  // Crosswalk endpoints reach sources by binding version and by origin version. Most names reach one
  // source, kept as a number; only shared origins need a list.
  const endpoints = new Map<string, number | number[]>()
  const addEndpoint = (key: string, i: number) => {
    const found = endpoints.get(key)
    if (found === undefined) endpoints.set(key, i)
    else if (typeof found === 'number') { if (found !== i) endpoints.set(key, [found, i]) }
    else if (found.at(-1) !== i) found.push(i)
  }
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!
    addEndpoint(c.sourceKey, i)
    if (c.originKey !== c.sourceKey) addEndpoint(c.originKey, i)
  }

  const edgeA: number[] = []
  const edgeB: number[] = []
  const edgeRelationship: MergeRelationship[] = []
  for (const group of endpoints.values()) {
    if (typeof group === 'number') continue
    // Only origin keys gather several sources (source keys are unique): same node, same origin version.
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        edgeA.push(group[x]!)
        edgeB.push(group[y]!)
        edgeRelationship.push(SAME_ORIGIN)
      }
    }
  }
  const related: (RelatedRecord[] | undefined)[] = new Array(n)
  const one = [0]
  const listOf = (found: number | number[] | undefined): readonly number[] | undefined => {
    if (typeof found !== 'number') return found
    one[0] = found
    return one
  }
  for (const m of mappings) {
    const sourceName = `${m.sourceVersionId}#${m.sourceNodeId}`
    const targetName = `${m.targetVersionId}#${m.targetNodeId}`
    const fromFound = endpoints.get(sourceName)
    const toFound = endpoints.get(targetName)
    if (fromFound === undefined && toFound === undefined) continue
    const relationship = m.relationship
    if (relationship === 'intersects-with') {
      for (const s of listOf(fromFound) ?? EMPTY) (related[s] ??= []).push(Object.freeze({ from: candidates[s]!.sourceKey, to: targetName, relationship }))
      for (const t of listOf(toFound) ?? EMPTY) (related[t] ??= []).push(Object.freeze({ from: candidates[t]!.sourceKey, to: sourceName, relationship }))
      continue
    }
    if (fromFound === undefined || toFound === undefined) continue
    const from = typeof fromFound === 'number' ? [fromFound] : fromFound
    const to = listOf(toFound)!
    for (const s of from) {
      for (const t of to) {
        if (s === t) continue
        edgeA.push(s)
        edgeB.push(t)
        edgeRelationship.push(relationship)
      }
    }
  }
  for (let i = 0; i < n; i++) if (related[i]) candidates[i]!.related = sortedRecords(related[i]!)

  // Edges by source (compressed rows), so a merged obligation finds its merges without scanning every edge.
  const e = edgeA.length
  const adjacentStart = new Int32Array(n + 1)
  for (let k = 0; k < e; k++) { adjacentStart[edgeA[k]! + 1]!++; adjacentStart[edgeB[k]! + 1]!++ }
  for (let i = 0; i < n; i++) adjacentStart[i + 1]! += adjacentStart[i]!
  const fill = adjacentStart.slice(0, n)
  const adjacentEdges = new Int32Array(2 * e)
  for (let k = 0; k < e; k++) { adjacentEdges[fill[edgeA[k]!]!++] = k; adjacentEdges[fill[edgeB[k]!]!++] = k }

  return {
    sourceCount: n,
    state: {
      bindings: universe, bindingIndex, bindingByName,
      candidates, conditions, explanations, conditionOf, soleBinding,
      edgeA: Int32Array.from(edgeA), edgeB: Int32Array.from(edgeB), edgeRelationship, edgeRecord: new Array(e),
      adjacentStart, adjacentEdges,
      singleKey: new Float64Array(n).fill(-1),
      singleObligation: new Array(n),
      singleMore: new Array(n),
      groups: new Map(),
      memo: new Map(),
      memoSize: 0,
      views: new Map(),
      results: new Int32Array(conditions.length),
      active: new Uint8Array(universe.length),
      epoch: 0,
      stamp: new Int32Array(n),
      explanationOf: new Int32Array(n),
      maskOf: new Int32Array(n),
      parent: new Int32Array(n),
      next: new Int32Array(n),
      tail: new Int32Array(n),
      merged: new Int32Array(n),
      out: [],
    },
  }
}

function candidate(binding: Binding, b: number, node: ResolvedNode, kindRank: number, sourceKey: string, numberKey: NumberSortKey): Candidate {
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
    numberKey,
    node,
    occurrences: [b],
    source,
    sources: Object.freeze([source]),
    related: EMPTY,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Building obligations (only for a combination not seen before)
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

function edgeRecord(state: PreparedState, k: number): MergeRecord {
  let record = state.edgeRecord[k]
  if (record === undefined) {
    const a = state.candidates[state.edgeA[k]!]!.sourceKey
    const b = state.candidates[state.edgeB[k]!]!.sourceKey
    const relationship = state.edgeRelationship[k]!
    // A shared origin has no direction: its record names the two sources in string order.
    const [from, to] = relationship === SAME_ORIGIN && b < a ? [b, a] : [a, b]
    state.edgeRecord[k] = record = Object.freeze({ from, to, relationship })
  }
  return record
}

/** The obligation of the group rooted at `root` in the current resolution (see resolveFor). */
function buildMerged(state: PreparedState, root: number): Obligation {
  const { candidates, next, explanationOf, maskOf, parent, stamp, epoch, edgeA, edgeB, adjacentStart, adjacentEdges } = state
  const members: Candidate[] = []
  const nodes: ResolvedNode[] = []
  const reasons: ObligationReason[] = []
  const related: RelatedRecord[] = []
  const merges: MergeRecord[] = []
  const primary = candidates[root]!
  let key = primary.sourceKey
  let lineage = primary.lineage
  let strength: Strength = primary.source.strength
  let plain: LocalizedText | undefined
  for (let j = root; j !== -1; j = next[j]!) {
    const s = candidates[j]!
    members.push(s)
    nodes.push(s.node)
    if (s.sourceKey < key) key = s.sourceKey
    if (s.lineage < lineage) lineage = s.lineage
    if (strengthRank(s.source.strength) > strengthRank(strength)) strength = s.source.strength
    plain ??= s.node.plain
    reasonsOf(state, s, state.explanations.list(explanationOf[j]!), maskOf[j]!, reasons)
    for (const r of s.related) related.push(r)
    // Every edge among applicable members merged them; each is seen from both ends, and the records deduplicated.
    for (let x = adjacentStart[j]!; x < adjacentStart[j + 1]!; x++) {
      const k = adjacentEdges[x]!
      const a = edgeA[k]!
      const b = edgeB[k]!
      if (stamp[a] === epoch && stamp[b] === epoch && parent[a] === root && parent[b] === root) merges.push(edgeRecord(state, k))
    }
  }
  return Object.freeze({
    key,
    lineage,
    title: primary.node.title,
    text: primary.node.text,
    ...(plain ? { plain } : {}),
    strength,
    parameters: Object.freeze(strictestParameters(nodes)),
    sources: Object.freeze(members.map((s) => s.source)),
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

/**
 * The obligation of a merged group, shared by every resolution that forms the same group: a group is fixed by
 * its members, their explanations and active reasons (its merges are the edges among its members).
 */
function groupObligation(state: PreparedState, root: number): Obligation {
  const { next, explanationOf, maskOf } = state
  let hash = 0x811c9dc5
  let length = 0
  for (let j = root; j !== -1; j = next[j]!) {
    hash = Math.imul(hash ^ j, 0x01000193)
    hash = Math.imul(hash ^ explanationOf[j]!, 0x01000193)
    hash = Math.imul(hash ^ maskOf[j]!, 0x01000193)
    length += 3
  }
  let bucket = state.groups.get(hash)
  if (bucket) {
    for (const entry of bucket) {
      const m = entry.members
      if (m.length !== length) continue
      let k = 0
      let j = root
      while (j !== -1 && m[k] === j && m[k + 1] === explanationOf[j] && m[k + 2] === maskOf[j]) { k += 3; j = next[j]! }
      if (j === -1) return entry.obligation
    }
  } else {
    state.groups.set(hash, bucket = [])
  }
  const members = new Int32Array(length)
  let k = 0
  for (let j = root; j !== -1; j = next[j]!) { members[k++] = j; members[k++] = explanationOf[j]!; members[k++] = maskOf[j]! }
  const obligation = buildMerged(state, root)
  bucket.push({ members, obligation })
  return obligation
}

/** The view of the currently active bindings (see View). */
function buildView(state: PreparedState): View {
  const n = state.candidates.length
  const sources: number[] = []
  const masks: number[] = []
  const inView = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const mask = reasonMask(state, i)
    if (mask === 0) continue
    sources.push(i)
    masks.push(mask)
    inView[i] = 1
  }
  const edgeA: number[] = []
  const edgeB: number[] = []
  const touched = new Uint8Array(n)
  for (let k = 0; k < state.edgeA.length; k++) {
    const a = state.edgeA[k]!
    const b = state.edgeB[k]!
    if (!inView[a] || !inView[b]) continue
    edgeA.push(a)
    edgeB.push(b)
    touched[a] = touched[b] = 1
  }
  const linked = new Uint8Array(sources.length)
  const linkedSources: number[] = []
  const linkedMasks: number[] = []
  for (let v = 0; v < sources.length; v++) {
    if (!touched[sources[v]!]) continue
    linked[v] = 1
    linkedSources.push(sources[v]!)
    linkedMasks.push(masks[v]!)
  }
  return {
    sources: Int32Array.from(sources), masks: Int32Array.from(masks), linked,
    linkedSources: Int32Array.from(linkedSources), linkedMasks: Int32Array.from(linkedMasks),
    edgeA: Int32Array.from(edgeA), edgeB: Int32Array.from(edgeB),
  }
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
 * The answer for the current active bindings and condition results, built from the view: a union-find over
 * the merge edges between applicable sources (the root of a group is its primary), then one pass in output
 * order emitting each primary's obligation, shared through the single and group caches.
 */
function buildAnswer(state: PreparedState, view: View): readonly Obligation[] {
  const { results, conditionOf, stamp, explanationOf, maskOf, parent, next, tail, merged } = state
  if (state.epoch === 0x7fffffff) {
    state.epoch = 0
    stamp.fill(0)
    merged.fill(0)
  }
  const epoch = ++state.epoch
  const { linkedSources, linkedMasks } = view
  for (let v = 0; v < linkedSources.length; v++) {
    const i = linkedSources[v]!
    const explanation = results[conditionOf[i]!]!
    if (explanation < 0) continue
    stamp[i] = epoch
    explanationOf[i] = explanation
    maskOf[i] = linkedMasks[v]!
    parent[i] = i
    next[i] = -1
    tail[i] = i
  }
  const { edgeA, edgeB } = view
  for (let k = 0; k < edgeA.length; k++) {
    const a = edgeA[k]!
    const b = edgeB[k]!
    if (stamp[a] === epoch && stamp[b] === epoch) union(parent, a, b)
  }
  // Members join their root's list in output order; afterwards parent[i] is i's root.
  for (let v = 0; v < linkedSources.length; v++) {
    const i = linkedSources[v]!
    if (stamp[i] !== epoch) continue
    const root = find(parent, i)
    parent[i] = root
    if (root === i) continue
    next[tail[root]!] = i
    tail[root] = i
    merged[root] = epoch
  }

  const { sources, masks, linked } = view
  const out = state.out
  let count = 0
  for (let v = 0; v < sources.length; v++) {
    const i = sources[v]!
    if (linked[v]) {
      if (stamp[i] !== epoch || parent[i] !== i) continue
      out[count++] = merged[i] === epoch ? groupObligation(state, i) : singleObligation(state, i, explanationOf[i]!, maskOf[i]!)
      continue
    }
    const explanation = results[conditionOf[i]!]!
    if (explanation >= 0) out[count++] = singleObligation(state, i, explanation, masks[v]!)
  }
  const answer = out.slice(0, count)
  return Object.freeze(answer)
}

/**
 * The operator's obligations from its bindings (`bindings`, each one passed to prepareBindings, by identity
 * or by version and reason; all prepared bindings when omitted), as a frozen list shared with every operator
 * whose bindings and conditions come out the same.
 *
 * Work per call: one evaluation per distinct applicability condition and one memo lookup. On a miss, one
 * pass over the view's linked sources and merge edges (union-find over typed arrays) and one over its
 * sources, looking each obligation up in the single or group cache; obligations are only built for
 * combinations not seen before.
 */
export function resolveFor(prepared: PreparedBindings, operator: OperatorContext, bindings?: readonly Binding[]): readonly Obligation[] {
  const state = prepared.state
  const { conditions, results } = state
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
  const answer = buildAnswer(state, view)
  if (state.memoSize >= MEMO_LIMIT) {
    state.memo.clear()
    state.memoSize = 0
  }
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
