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
 *   ids, so it changes with each new version; `lineage` (the smallest `documentId#nodeId`, where a node taken
 *   from a catalog through a profile names the catalog's document when the binding says which it is) survives
 *   versions and tiers and is what diffObligations matches on.
 * - Obligations are ordered by their primary source; sources, reasons, mergedBy and related are sorted too,
 *   so the result does not depend on the order of bindings, nodes or mappings.
 *
 * Returned obligations (and answers) are frozen and shared between operators with the same applicable
 * sources and reasons (that sharing is what makes resolving for every operator cheap); treat them as
 * read-only. Parameters of single-source obligations are the input node's own array.
 *
 * Cost model: prepareBindings indexes every binding once (sources in output order, conditions compiled once
 * each, crosswalk endpoints, merge edges numbered in record order). resolveFor looks the answer up by the
 * active bindings and the operator's signature (the facts the conditions test, as bits); for a new
 * signature it evaluates each distinct condition once and looks the answer up by the condition results. A new combination
 * starts from the nearest answer already built for the same bindings and recomputes only the sources and
 * crosswalk components whose conditions came out differently, reusing single and merged obligations built
 * for earlier operators (a merged obligation is built once per members, explanations and active reasons;
 * everything but its reasons is built once per set of members and shared).
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
  /**
   * The document of each origin version the nodes come from (a profile's catalog), by version id. With it, a
   * node a profile takes from the Unified Standard has the Unified Standard's lineage, whichever tier profile
   * binds it: answers then carry forward across a change of tier, and roll-ups count one requirement once.
   */
  originDocuments?: ReadonlyMap<string, string>
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

/**
 * A source, with what obligations read from its node copied once: input nodes come in several shapes (a
 * profile adds `plain`, a resolved node `origin`), and reading them per obligation would be slow.
 */
interface Candidate {
  sourceKey: string
  lineage: string
  nodeId: string
  /** The binding's version, and the version the node comes from (the same unless it came through a profile). */
  versionId: string
  originVersionId: string
  kindRank: number
  numberKey: NumberSortKey
  node: ResolvedNode
  title: LocalizedText
  text: LocalizedText
  plain: LocalizedText | undefined
  parameters: readonly Parameter[]
  strength: Strength
  strengthRank: number
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
  /**
   * Merge edges (crosswalks and shared origins) between sources: endpoints, and the records made on demand.
   * One edge per distinct record, in the order of records (from, to, relationship), so sorting a group's
   * merge records is sorting edge numbers.
   */
  edgeA: Int32Array
  edgeB: Int32Array
  edgeRelationship: MergeRelationship[]
  edgeRecord: (MergeRecord | undefined)[]
  /** The edges of source i are adjacentEdges[adjacentStart[i] .. adjacentStart[i + 1]). */
  adjacentStart: Int32Array
  adjacentEdges: Int32Array
  /** Names of sources in string order, by source, and the sources by that rank. */
  nameRank: Int32Array
  byNameRank: Int32Array
  /** Single-source obligations and the reasons of one source, by source and (explanation, active reasons). */
  singles: SourceCache<Obligation>
  reasons: SourceCache<readonly ObligationReason[]>
  /** Merged obligations by a hash of their members, explanations and active reasons (see groupEntry). */
  groups: Map<number, GroupEntry[]>
  /** What merged obligations with the same members share whatever their explanations, by a hash of the members. */
  memberSets: Map<number, MemberSet[]>
  /** Whole answers by a hash of active bindings and condition results (see resolveFor), bounded by MEMO_LIMIT. */
  memo: Map<number, MemoEntry[]>
  memoSize: number
  /** One view per set of active bindings met so far. */
  views: Map<number | string, View>
  /** What the conditions test, as bits of an operator's signature (see Signatures); null when they need more than 30 bits. */
  signatures: Signatures | null
  /** Answers by active bindings and operator signature, bounded like the memo (SIGNATURE_LIMIT). */
  bySignature: Map<number | string, Map<number, readonly Obligation[]>>
  signatureCount: number
  // Per-resolution scratch space, reused: resolution is synchronous, so calls never interleave.
  results: Int32Array
  active: Uint8Array
  epoch: number
  /** By source, valid where stamp === epoch: an applicable member of a component recomputed for this answer. */
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
  positions: Int32Array
  /** Work arrays for buildMerged, as long as the number of edges and of sources. */
  mergeScratch: Int32Array
  /** Work list for buildMerged: the members' reasons. */
  reasonScratch: (readonly ObligationReason[])[]
  nameScratch: Int32Array
}

/**
 * Values per source and (explanation, active-reasons mask): the last key and value of each source in typed
 * arrays (a source usually meets one key), further keys in a map.
 */
interface SourceCache<T> {
  key: Float64Array
  value: (T | undefined)[]
  more: (Map<number, T> | undefined)[]
}

function sourceCache<T>(n: number): SourceCache<T> {
  return { key: new Float64Array(n).fill(-1), value: new Array(n), more: new Array(n) }
}

/** Exact while explanation ids stay below 2^22: explanation × 2^31 + mask < 2^53. */
function cacheKey(explanation: number, mask: number): number {
  return explanation * 2147483648 + mask
}

function lookup<T>(cache: SourceCache<T>, i: number, key: number): T | undefined {
  if (cache.key[i] === key) return cache.value[i]
  return cache.key[i] === -1 ? undefined : cache.more[i]?.get(key)
}

function store<T>(cache: SourceCache<T>, i: number, key: number, value: T): T {
  if (cache.key[i] === -1) {
    cache.key[i] = key
    cache.value[i] = value
  } else {
    let more = cache.more[i]
    if (!more) cache.more[i] = more = new Map()
    more.set(key, value)
  }
  return value
}

/**
 * The sources of one set of active bindings, split into units whose contribution to an answer depends only on
 * the results of their own conditions: sources no merge edge within the view touches, and crosswalk
 * components (sources connected by merge edges within the view). Merge edges are kept per view, not over
 * every prepared binding: tier profiles of one sector share their origin but never bind one operator together.
 */
interface View {
  /** Sources bound through the active bindings, in output order ("positions"), and which of their reasons are active. */
  sources: Int32Array
  masks: Int32Array
  /** By source: its position, or -1 outside the view. */
  position: Int32Array
  /** By position: its component, or -1 for a source that merges with nothing in the view. */
  componentOf: Int32Array
  /** Members of component k: componentMembers[componentStart[k] .. componentStart[k + 1]), positions in order. */
  componentStart: Int32Array
  componentMembers: Int32Array
  /** Merge edges of component k, as sources: componentEdgeA/B[componentEdgeStart[k] .. componentEdgeStart[k + 1]). */
  componentEdgeStart: Int32Array
  componentEdgeA: Int32Array
  componentEdgeB: Int32Array
  /** By condition c: the unmerged positions with that condition, and the components with a member with it. */
  isolatedStart: Int32Array
  isolated: Int32Array
  componentsStart: Int32Array
  components: Int32Array
  /** By condition: how many positions its result decides (unmerged positions and members of its components). */
  weight: Int32Array
  /** Answers built in this view, to start the next one from the nearest. */
  answers: ViewAnswer[]
  /**
   * The condition results of answer a at resultPool[a × conditions …], and each answer's positions in one
   * pool: two growing arrays instead of two small ones per answer, and the nearest-answer search reads
   * contiguous memory.
   */
  resultPool: Int32Array
  positionPool: Int32Array
  positionsUsed: number
  /**
   * The positions recomputed for the answer being built, as bits (position v is bit v & 31 of changed[v >>> 5],
   * so the merge reads them in position order without sorting them) and, at those positions, the obligation
   * whose primary the source is now (undefined: none).
   */
  changed: Int32Array
  slots: (Obligation | undefined)[]
  /** epoch when component k was recomputed for the answer being built. */
  touched: Int32Array
  /** By position: the group last rooted there, usually the same again for the next answer. */
  lastGroup: (GroupEntry | undefined)[]
}

interface ViewAnswer {
  answer: readonly Obligation[]
  /** By obligation of the answer: the position of its primary source in the view, from positionPool[positionsAt]. */
  positionsAt: number
}

interface GroupEntry {
  /** (source, explanation, mask) per member, in output order. */
  members: number[]
  obligation: Obligation
}

/** The parts of a merged obligation fixed by its members alone (everything but its reasons). */
interface MemberSet {
  members: number[]
  key: string
  lineage: string
  title: LocalizedText
  text: LocalizedText
  plain: LocalizedText | undefined
  strength: Strength
  parameters: readonly Parameter[]
  sources: readonly ObligationSource[]
  mergedBy: readonly MergeRecord[]
  related: readonly RelatedRecord[]
}

/**
 * The operator facts the prepared conditions test: every condition is a function of which listed sectors the
 * operator is in, its flags and facts named by some condition, and which listed tier level it has (a level
 * no condition lists behaves like none). Those atoms, packed into one integer, are the operator's signature:
 * operators with the same signature and bindings get the same answer, so most operators are answered with a
 * dozen membership tests and one map lookup, without evaluating any condition.
 */
interface Signatures {
  sectors: string[]
  flags: ('esDesignated' | 'acdDesignated')[]
  facts: string[]
  levels: string[]
  /** Bit of the first flag, first fact and the tier level's index (0: none listed, k + 1: levels[k]). */
  flagShift: number
  factShift: number
  levelShift: number
}

function collectAtoms(condition: Condition, atoms: { sectors: Set<string>; flags: Set<string>; facts: Set<string>; levels: Set<string> }): void {
  switch (condition.kind) {
    case 'sector': for (const s of condition.sectors) atoms.sectors.add(s); return
    case 'tier_level': for (const l of condition.levels) atoms.levels.add(l); return
    case 'flag': atoms.flags.add(condition.flag); return
    case 'fact': atoms.facts.add(condition.fact); return
    case 'not': collectAtoms(condition.of, atoms); return
    case 'all':
    case 'any': for (const c of condition.of) collectAtoms(c, atoms); return
    default: return
  }
}

function signatures(conditions: readonly Condition[]): Signatures | null {
  const atoms = { sectors: new Set<string>(), flags: new Set<string>(), facts: new Set<string>(), levels: new Set<string>() }
  for (const c of conditions) collectAtoms(c, atoms)
  const levelBits = Math.ceil(Math.log2(atoms.levels.size + 1))
  const flagShift = atoms.sectors.size
  const factShift = flagShift + atoms.flags.size
  const levelShift = factShift + atoms.facts.size
  if (levelShift + levelBits > 30) return null
  return {
    sectors: [...atoms.sectors], flags: [...atoms.flags] as Signatures['flags'], facts: [...atoms.facts], levels: [...atoms.levels],
    flagShift, factShift, levelShift,
  }
}

function signatureOf(atoms: Signatures, operator: OperatorContext): number {
  let signature = 0
  const { sectors, flags, facts, levels } = atoms
  for (let k = 0; k < sectors.length; k++) if (operator.sectors.includes(sectors[k]!)) signature |= 1 << k
  for (let k = 0; k < flags.length; k++) if (operator.flags[flags[k]!]) signature |= 1 << (atoms.flagShift + k)
  const own = operator.facts
  if (Array.isArray(own)) {
    for (let k = 0; k < facts.length; k++) if (own.includes(facts[k]!)) signature |= 1 << (atoms.factShift + k)
  } else {
    for (let k = 0; k < facts.length; k++) if (own.has(facts[k]!)) signature |= 1 << (atoms.factShift + k)
  }
  const level = operator.tierLevel
  if (level !== null) signature |= (levels.indexOf(level) + 1) << atoms.levelShift
  return signature
}

interface MemoEntry {
  active: number | string
  /** The answer's condition results are the view's answer `index`'s (see View.resultPool). */
  view: View
  index: number
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

/** Conditions that compile the same share one compiled condition: a key naming exactly what compiles. */
function conditionKey(condition: Condition): string {
  switch (condition.kind) {
    case 'always':
      return 'always'
    case 'sector':
      return `sector${JSON.stringify(condition.sectors)}`
    case 'tier_level':
      return `tier_level${JSON.stringify(condition.levels)}`
    case 'flag':
      return `flag${JSON.stringify(condition.flag)}`
    case 'fact':
      return `fact${JSON.stringify(condition.fact)}`
    case 'not':
      return `not(${conditionKey(condition.of)})`
    case 'all':
    case 'any': {
      let key = `${condition.kind}(`
      for (let k = 0; k < condition.of.length; k++) key += (k > 0 ? ',' : '') + conditionKey(condition.of[k]!)
      return `${key})`
    }
    default:
      // Not a condition compileCondition knows; it refuses it with its own message.
      return canonicalJson(condition)
  }
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

/**
 * `versionOrDocument#nodeId`. Built by join, not by a template: V8 makes a long template result a rope
 * (ConsString), and every later comparison, sort and hash of a rope goes through a slow path; join makes a
 * flat string. Source names are compared and sorted a great deal (candidate order, name ranks, lineage).
 */
function sourceName(prefix: string, nodeId: string): string {
  return [prefix, nodeId].join('#')
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
  for (let o = 0; o < order.length; o++) {
    const b = order[o]!
    const binding = universe[b]!
    const kindRank = DOCUMENT_KIND_ORDER.indexOf(binding.documentKind)
    const nodes = binding.nodes
    for (let x = 0; x < nodes.length; x++) {
      const node = nodes[x]!
      if (!isObligationNode(node)) continue
      const sourceKey = sourceName(binding.versionId, node.id)
      const existing = bySource.get(sourceKey)
      if (existing) {
        const occurrences = existing.occurrences
        // The same node id twice in one binding: the first one counts.
        if (occurrences[occurrences.length - 1] === b) continue
        if (occurrences.length >= MAX_OCCURRENCES) throw new Error(`${sourceKey} is bound more than ${MAX_OCCURRENCES} times`)
        occurrences.push(b)
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
  const distinctConditions: Condition[] = []
  const conditionOf = new Int32Array(n)
  const soleBinding = new Int32Array(n)
  // Most requirements apply unconditionally: their condition is found without building its key.
  let always = -1
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!
    soleBinding[i] = c.occurrences.length === 1 ? c.occurrences[0]! : -1
    const applicability = c.node.applicability
    if (applicability.kind === 'always' && always >= 0) {
      conditionOf[i] = always
      continue
    }
    const key = conditionKey(applicability)
    let index = conditionIndex.get(key)
    if (index === undefined) {
      index = conditions.length
      conditions.push(compileCondition(applicability, explanations))
      distinctConditions.push(applicability)
      conditionIndex.set(key, index)
    }
    if (applicability.kind === 'always') always = index
    conditionOf[i] = index
  }

  // Crosswalk endpoints reach sources by binding version and by origin version (version, then node id).
  // Most reach one source, kept as a number; only shared origins need a list (also kept in `shared`).
  const endpoints = new Map<string, Map<string, number | number[]>>()
  const shared: number[][] = []
  const addEndpoint = (versionId: string, nodeId: string, i: number) => {
    let byNode = endpoints.get(versionId)
    if (!byNode) endpoints.set(versionId, byNode = new Map())
    const found = byNode.get(nodeId)
    if (found === undefined) byNode.set(nodeId, i)
    else if (typeof found === 'number') {
      const group = [found, i]
      byNode.set(nodeId, group)
      shared.push(group)
    } else found.push(i)
  }
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!
    addEndpoint(c.versionId, c.nodeId, i)
    if (c.originVersionId !== c.versionId) addEndpoint(c.originVersionId, c.nodeId, i)
  }
  const endpoint = (versionId: string, nodeId: string) => endpoints.get(versionId)?.get(nodeId)

  const edgeA: number[] = []
  const edgeB: number[] = []
  const edgeRelationship: MergeRelationship[] = []
  for (let s = 0; s < shared.length; s++) {
    const group = shared[s]!
    // Only origins gather several sources (a source's own name is unique): same node, same origin version.
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        edgeA.push(group[x]!)
        edgeB.push(group[y]!)
        edgeRelationship.push(SAME_ORIGIN)
      }
    }
  }
  const related: (RelatedRecord[] | undefined)[] = new Array(n)
  const addRelated = (found: number | number[] | undefined, to: string) => {
    if (found === undefined) return
    if (typeof found === 'number') found = [found]
    for (let x = 0; x < found.length; x++) {
      const s = found[x]!
      ;(related[s] ??= []).push(Object.freeze({ from: candidates[s]!.sourceKey, to, relationship: 'intersects-with' }))
    }
  }
  for (let x = 0; x < mappings.length; x++) {
    const m = mappings[x]!
    const fromFound = endpoint(m.sourceVersionId, m.sourceNodeId)
    const toFound = endpoint(m.targetVersionId, m.targetNodeId)
    if (fromFound === undefined && toFound === undefined) continue
    const relationship = m.relationship
    if (relationship === 'intersects-with') {
      addRelated(fromFound, sourceName(m.targetVersionId, m.targetNodeId))
      addRelated(toFound, sourceName(m.sourceVersionId, m.sourceNodeId))
      continue
    }
    if (fromFound === undefined || toFound === undefined) continue
    if (typeof fromFound === 'number' && typeof toFound === 'number') {
      if (fromFound === toFound) continue
      edgeA.push(fromFound)
      edgeB.push(toFound)
      edgeRelationship.push(relationship)
      continue
    }
    const from = typeof fromFound === 'number' ? [fromFound] : fromFound
    const to = typeof toFound === 'number' ? [toFound] : toFound
    for (let y = 0; y < from.length; y++) {
      for (let z = 0; z < to.length; z++) {
        const s = from[y]!
        const t = to[z]!
        if (s === t) continue
        edgeA.push(s)
        edgeB.push(t)
        edgeRelationship.push(relationship)
      }
    }
  }
  for (let i = 0; i < n; i++) if (related[i]) candidates[i]!.related = sortedRecords(related[i]!)

  // Source names in string order, for ordering merge and related records by number instead of by string.
  const byName = indexes(n).sort((x, y) => byString(candidates[x]!.sourceKey, candidates[y]!.sourceKey))
  const nameRank = new Int32Array(n)
  const byNameRank = Int32Array.from(byName)
  for (let r = 0; r < n; r++) nameRank[byName[r]!] = r
  // Each edge's record as a number ordered like compareRecords; edges with equal records are one edge (they
  // join the same two sources and give the same record).
  const relationships = [...new Set(edgeRelationship)].sort()
  const codes = new Float64Array(edgeA.length)
  for (let k = 0; k < edgeA.length; k++) {
    let [from, to] = [edgeA[k]!, edgeB[k]!]
    if (edgeRelationship[k] === SAME_ORIGIN && nameRank[to]! < nameRank[from]!) [from, to] = [to, from]
    codes[k] = (nameRank[from]! * n + nameRank[to]!) * relationships.length + relationships.indexOf(edgeRelationship[k]!)
  }
  const byCode = edgeOrder(codes, n * n * relationships.length)
  const kept: number[] = []
  for (let x = 0; x < byCode.length; x++) if (x === 0 || codes[byCode[x]!] !== codes[byCode[x - 1]!]) kept.push(byCode[x]!)
  const e = kept.length
  const uniqueA = new Int32Array(e)
  const uniqueB = new Int32Array(e)
  for (let x = 0; x < e; x++) { uniqueA[x] = edgeA[kept[x]!]!; uniqueB[x] = edgeB[kept[x]!]! }
  const uniqueRelationship = kept.map((k) => edgeRelationship[k]!)

  // Edges by source (compressed rows), so a merged obligation finds its merges without scanning every edge.
  const adjacentStart = new Int32Array(n + 1)
  for (let k = 0; k < e; k++) { adjacentStart[uniqueA[k]! + 1]!++; adjacentStart[uniqueB[k]! + 1]!++ }
  for (let i = 0; i < n; i++) adjacentStart[i + 1]! += adjacentStart[i]!
  const fill = adjacentStart.slice(0, n)
  const adjacentEdges = new Int32Array(2 * e)
  for (let k = 0; k < e; k++) { adjacentEdges[fill[uniqueA[k]!]!++] = k; adjacentEdges[fill[uniqueB[k]!]!++] = k }

  return {
    sourceCount: n,
    state: {
      bindings: universe, bindingIndex, bindingByName,
      candidates, conditions, explanations, conditionOf, soleBinding,
      edgeA: uniqueA, edgeB: uniqueB, edgeRelationship: uniqueRelationship, edgeRecord: new Array(e),
      nameRank, byNameRank,
      adjacentStart, adjacentEdges,
      singles: sourceCache(n),
      reasons: sourceCache(n),
      groups: new Map(),
      memberSets: new Map(),
      memo: new Map(),
      memoSize: 0,
      views: new Map(),
      signatures: signatures(distinctConditions),
      bySignature: new Map(),
      signatureCount: 0,
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
      positions: new Int32Array(n),
      mergeScratch: new Int32Array(e),
      reasonScratch: [],
      nameScratch: new Int32Array(n),
    },
  }
}

/**
 * Edge numbers by their codes (each below `limit`): when code × edges stays exact, the edge number rides in
 * the low digits of one float and a numeric typed-array sort orders them without a comparator call.
 */
function edgeOrder(codes: Float64Array, limit: number): number[] {
  const e = codes.length
  if (limit * e >= Number.MAX_SAFE_INTEGER) return indexes(e).sort((x, y) => codes[x]! - codes[y]!)
  const keyed = new Float64Array(e)
  for (let k = 0; k < e; k++) keyed[k] = codes[k]! * e + k
  keyed.sort()
  const order: number[] = new Array(e)
  for (let x = 0; x < e; x++) order[x] = keyed[x]! % e
  return order
}

/** 0, 1, … n - 1 (a loop: Array.from over keys() allocates an iterator result per number in code run once). */
function indexes(n: number): number[] {
  const out: number[] = new Array(n)
  for (let i = 0; i < n; i++) out[i] = i
  return out
}

function candidate(binding: Binding, b: number, node: ResolvedNode, kindRank: number, sourceKey: string, numberKey: NumberSortKey): Candidate {
  const strength = node.strength ?? 'may'
  const source: ObligationSource = Object.freeze({
    documentId: binding.documentId,
    documentKind: binding.documentKind,
    documentTitle: binding.documentTitle,
    versionId: binding.versionId,
    versionLabel: binding.versionLabel,
    nodeId: node.id,
    number: node.number,
    strength,
  })
  return {
    sourceKey,
    lineage: sourceName((node.origin && binding.originDocuments?.get(node.origin.versionId)) ?? binding.documentId, node.id),
    nodeId: node.id,
    versionId: binding.versionId,
    originVersionId: node.origin?.versionId ?? binding.versionId,
    kindRank,
    numberKey,
    node,
    title: node.title,
    text: node.text,
    plain: node.plain,
    parameters: node.parameters,
    strength,
    strengthRank: strengthRank(strength),
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

/** The reasons of source i with the explanation and active reasons given, in occurrence (reason) order. */
function reasonsFor(state: PreparedState, i: number, explanation: number, mask: number): readonly ObligationReason[] {
  const key = cacheKey(explanation, mask)
  const found = lookup(state.reasons, i, key)
  if (found !== undefined) return found
  const c = state.candidates[i]!
  const because = state.explanations.list(explanation)
  const reasons: ObligationReason[] = []
  for (let k = 0; k < c.occurrences.length; k++) {
    if (mask & (1 << k)) reasons.push(Object.freeze({ source: c.sourceKey, why: state.bindings[c.occurrences[k]!]!.why, because }))
  }
  return store(state.reasons, i, key, Object.freeze(reasons))
}

/** The obligation of one source that merges with nothing, for one explanation and set of active reasons. */
function singleObligation(state: PreparedState, i: number, explanation: number, mask: number): Obligation {
  const cacheKeyOf = cacheKey(explanation, mask)
  const found = lookup(state.singles, i, cacheKeyOf)
  if (found !== undefined) return found
  const c = state.candidates[i]!
  const reasons = reasonsFor(state, i, explanation, mask)
  const { sourceKey: key, lineage, title, text, plain, strength, parameters, sources, related } = c
  return store(state.singles, i, cacheKeyOf, Object.freeze(plain
    ? { key, lineage, title, text, plain, strength, parameters, sources, reasons, mergedBy: EMPTY, related }
    : { key, lineage, title, text, strength, parameters, sources, reasons, mergedBy: EMPTY, related }))
}

function edgeRecord(state: PreparedState, k: number): MergeRecord {
  let record = state.edgeRecord[k]
  if (record === undefined) {
    const a = state.candidates[state.edgeA[k]!]!.sourceKey
    const b = state.candidates[state.edgeB[k]!]!.sourceKey
    const relationship = state.edgeRelationship[k]!
    // A shared origin has no direction: its record names the two sources in string order.
    const swap = relationship === SAME_ORIGIN && b < a
    state.edgeRecord[k] = record = Object.freeze({ from: swap ? b : a, to: swap ? a : b, relationship })
  }
  return record
}

/** The obligation of the group rooted at `root` in the current resolution (see resolveComponent). */
function buildMerged(state: PreparedState, root: number): Obligation {
  const { next, explanationOf, maskOf } = state
  const shared = memberSet(state, root)
  const lists = state.reasonScratch
  let m = 0
  let reasonCount = 0
  for (let j = root; j !== -1; j = next[j]!) {
    const own = reasonsFor(state, j, explanationOf[j]!, maskOf[j]!)
    lists[m++] = own
    reasonCount += own.length
  }
  const reasons: ObligationReason[] = new Array(reasonCount)
  let x = 0
  for (let y = 0; y < m; y++) {
    const own = lists[y]!
    for (let r = 0; r < own.length; r++) reasons[x++] = own[r]!
  }
  Object.freeze(reasons)
  const { key, lineage, title, text, plain, strength, parameters, sources, mergedBy, related } = shared
  return Object.freeze(plain
    ? { key, lineage, title, text, plain, strength, parameters, sources, reasons, mergedBy, related }
    : { key, lineage, title, text, strength, parameters, sources, reasons, mergedBy, related })
}

/** The member-determined parts of the group rooted at `root`, built once per distinct set of members. */
function memberSet(state: PreparedState, root: number): MemberSet {
  const { next } = state
  let hash = 0x811c9dc5
  let m = 0
  for (let j = root; j !== -1; j = next[j]!) { hash = Math.imul(hash ^ j, 0x01000193); m++ }
  let bucket = state.memberSets.get(hash)
  if (bucket) {
    for (let x = 0; x < bucket.length; x++) {
      const members = bucket[x]!.members
      if (members.length !== m) continue
      let k = 0
      let j = root
      while (j !== -1 && members[k] === j) { k++; j = next[j]! }
      if (j === -1) return bucket[x]!
    }
  } else {
    state.memberSets.set(hash, bucket = [])
  }
  const set = buildMemberSet(state, root, m)
  bucket.push(set)
  return set
}

function buildMemberSet(state: PreparedState, root: number, m: number): MemberSet {
  const { candidates, next, parent, stamp, epoch, nameRank } = state
  const { edgeA, edgeB, adjacentStart, adjacentEdges, mergeScratch } = state
  const members: number[] = new Array(m)
  const sources: ObligationSource[] = new Array(m)
  const primary = candidates[root]!
  let strength = primary.strength
  let rank = primary.strengthRank
  let plain: LocalizedText | undefined
  let lineage = primary.lineage
  let relatedCount = 0
  let merges = 0
  let x = 0
  for (let j = root; j !== -1; j = next[j]!) {
    const s = candidates[j]!
    members[x] = j
    sources[x++] = s.source
    if (s.strengthRank > rank) { rank = s.strengthRank; strength = s.strength }
    if (!plain) plain = s.plain
    if (s.lineage < lineage) lineage = s.lineage
    relatedCount += s.related.length
    // Every edge among applicable members merged them; each is taken from its first end only.
    for (let y = adjacentStart[j]!; y < adjacentStart[j + 1]!; y++) {
      const k = adjacentEdges[y]!
      if (edgeA[k] !== j) continue
      const b = edgeB[k]!
      if (stamp[b] === epoch && parent[b] === root) mergeScratch[merges++] = k
    }
  }
  // Edges are numbered in the order of their records.
  sortPrefix(mergeScratch, merges)
  const mergedBy: MergeRecord[] = new Array(merges)
  for (let y = 0; y < merges; y++) mergedBy[y] = edgeRecord(state, mergeScratch[y]!)
  // Related records start at their own source (`from`) and source names are unique, so the group's related
  // records in order are its members' (each sorted already) taken in name order.
  const names = state.nameScratch
  for (let y = 0; y < m; y++) names[y] = nameRank[members[y]!]!
  sortPrefix(names, m)
  const { byNameRank } = state
  let related: readonly RelatedRecord[] = EMPTY
  if (relatedCount > 0) {
    const all: RelatedRecord[] = new Array(relatedCount)
    x = 0
    for (let y = 0; y < m; y++) {
      const own = candidates[byNameRank[names[y]!]!]!.related
      for (let r = 0; r < own.length; r++) all[x++] = own[r]!
    }
    related = Object.freeze(all)
  }
  const key = candidates[byNameRank[names[0]!]!]!.sourceKey
  const { title, text } = primary
  const parameters = strictestParameters(state, members)
  Object.freeze(sources)
  Object.freeze(mergedBy)
  return { members, key, lineage, title, text, plain, strength, parameters, sources, mergedBy, related }
}

/** Sorts the first `length` numbers in place: small prefixes (most groups) by insertion, without allocating. */
function sortPrefix(values: Int32Array, length: number): void {
  if (length > 24) {
    values.subarray(0, length).sort()
    return
  }
  for (let x = 1; x < length; x++) {
    const value = values[x]!
    let y = x - 1
    while (y >= 0 && values[y]! > value) { values[y + 1] = values[y]!; y-- }
    values[y + 1] = value
  }
}

function strictestParameters(state: PreparedState, members: readonly number[]): readonly Parameter[] {
  const primary = state.candidates[members[0]!]!
  if (primary.parameters.length === 0) return EMPTY
  return Object.freeze(primary.parameters.map((param) => {
    let value = param.value
    for (let y = 1; y < members.length; y++) {
      const node = state.candidates[members[y]!]!
      const other = node.parameters.find((q) => q.id === param.id && q.type === param.type)
      if (!other) continue
      const cmp = compareStrictness(param, other.value, value)
      if (cmp !== null && cmp > 0) value = other.value
    }
    return value === param.value ? param : { ...param, value }
  }))
}

/** Whether `entry` is the group rooted at `root` in the current resolution. */
function isGroup(state: PreparedState, entry: GroupEntry, root: number): boolean {
  const { next, explanationOf, maskOf } = state
  const m = entry.members
  let k = 0
  let j = root
  while (j !== -1) {
    if (k === m.length || m[k] !== j || m[k + 1] !== explanationOf[j] || m[k + 2] !== maskOf[j]) return false
    k += 3
    j = next[j]!
  }
  return k === m.length
}

/**
 * The merged group rooted at `root`, shared by every resolution that forms the same group: a group is fixed
 * by its members, their explanations and active reasons (its merges are the edges among its members).
 */
function groupEntry(state: PreparedState, root: number): GroupEntry {
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
    for (let x = 0; x < bucket.length; x++) if (isGroup(state, bucket[x]!, root)) return bucket[x]!
  } else {
    state.groups.set(hash, bucket = [])
  }
  const members: number[] = new Array(length)
  let k = 0
  for (let j = root; j !== -1; j = next[j]!) { members[k++] = j; members[k++] = explanationOf[j]!; members[k++] = maskOf[j]! }
  const entry = { members, obligation: buildMerged(state, root) }
  bucket.push(entry)
  return entry
}

/** Compressed rows: `lists[k]` as one array and the start of each row (with the end of the last). */
function rows(lists: readonly (readonly number[])[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1)
  for (let k = 0; k < lists.length; k++) start[k + 1] = start[k]! + lists[k]!.length
  const items = new Int32Array(start[lists.length]!)
  for (let k = 0; k < lists.length; k++) items.set(lists[k]!, start[k]!)
  return { start, items }
}

/** ends[edges[x]] for each x (a loop: Int32Array.from with a mapping function iterates in code run once per view). */
function edgeEnds(edges: Int32Array, ends: Int32Array): Int32Array {
  const out = new Int32Array(edges.length)
  for (let x = 0; x < edges.length; x++) out[x] = ends[edges[x]!]!
  return out
}

/** The view of the currently active bindings (see View). */
function buildView(state: PreparedState): View {
  const { candidates, conditionOf } = state
  const n = candidates.length
  const sources: number[] = []
  const masks: number[] = []
  const position = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    const mask = reasonMask(state, i)
    if (mask === 0) continue
    position[i] = sources.length
    sources.push(i)
    masks.push(mask)
  }
  const p = sources.length
  const parent = new Int32Array(n)
  for (let i = 0; i < n; i++) parent[i] = i
  const edges: number[] = []
  for (let k = 0; k < state.edgeA.length; k++) {
    const a = state.edgeA[k]!
    const b = state.edgeB[k]!
    if (position[a]! < 0 || position[b]! < 0) continue
    edges.push(k)
    union(parent, a, b)
  }
  const componentOf = new Int32Array(p).fill(-1)
  // By source: the component whose root it is, plus one (0: none).
  const componentOfRoot = new Int32Array(n)
  const members: number[][] = []
  for (let x = 0; x < edges.length; x++) {
    const root = find(parent, state.edgeA[edges[x]!]!)
    if (componentOfRoot[root] === 0) { members.push([]); componentOfRoot[root] = members.length }
  }
  for (let v = 0; v < p; v++) {
    const component = componentOfRoot[find(parent, sources[v]!)]! - 1
    if (component < 0) continue
    componentOf[v] = component
    members[component]!.push(v)
  }
  const componentEdges: number[][] = members.map(() => [])
  for (let x = 0; x < edges.length; x++) componentEdges[componentOf[position[state.edgeA[edges[x]!]!]!]!]!.push(edges[x]!)
  const conditionCount = state.conditions.length
  const isolatedLists: number[][] = Array.from({ length: conditionCount }, () => [])
  const componentLists: number[][] = Array.from({ length: conditionCount }, () => [])
  const weight = new Int32Array(conditionCount)
  for (let v = 0; v < p; v++) {
    if (componentOf[v]! < 0) {
      isolatedLists[conditionOf[sources[v]!]!]!.push(v)
      weight[conditionOf[sources[v]!]!]!++
    }
  }
  for (let k = 0; k < members.length; k++) {
    const own = members[k]!
    for (let x = 0; x < own.length; x++) {
      const c = conditionOf[sources[own[x]!]!]!
      const list = componentLists[c]!
      if (list[list.length - 1] === k) continue
      list.push(k)
      weight[c]! += own.length
    }
  }
  const memberRows = rows(members)
  const edgeRows = rows(componentEdges)
  const isolatedRows = rows(isolatedLists)
  const componentRows = rows(componentLists)
  return {
    sources: Int32Array.from(sources), masks: Int32Array.from(masks), position, componentOf,
    componentStart: memberRows.start, componentMembers: memberRows.items,
    componentEdgeStart: edgeRows.start,
    componentEdgeA: edgeEnds(edgeRows.items, state.edgeA),
    componentEdgeB: edgeEnds(edgeRows.items, state.edgeB),
    isolatedStart: isolatedRows.start, isolated: isolatedRows.items,
    componentsStart: componentRows.start, components: componentRows.items,
    weight, answers: [], resultPool: new Int32Array(16 * conditionCount), positionPool: new Int32Array(0), positionsUsed: 0, changed: new Int32Array((p + 31) >>> 5), slots: new Array(p).fill(undefined),
    touched: new Int32Array(members.length), lastGroup: new Array(p),
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

/** How many answers by signature a prepared index keeps (several signatures often share one answer). */
const SIGNATURE_LIMIT = 4 * MEMO_LIMIT

/**
 * Marks the active bindings and returns a key for them: a bit mask while there are at most 30 prepared
 * bindings (no string to build per operator), otherwise a string; -1 stands for all bindings.
 */
function selectBindings(state: PreparedState, bindings: readonly Binding[] | undefined): number | string {
  const { active } = state
  if (bindings === undefined) {
    active.fill(1)
    return -1
  }
  active.fill(0)
  for (let x = 0; x < bindings.length; x++) {
    const binding = bindings[x]!
    const index = state.bindingIndex.get(binding) ?? state.bindingByName.get(bindingName(binding))
    if (index === undefined) throw new Error(`binding ${binding.versionId} (${binding.why}) was not prepared`)
    active[index] = 1
  }
  if (active.length <= 30) {
    let mask = 0
    for (let b = 0; b < active.length; b++) if (active[b]) mask |= 1 << b
    return mask
  }
  let key = ''
  for (let b = 0; b < active.length; b++) if (active[b]) key += String.fromCharCode(b + 1)
  return key
}

/**
 * Which sources of component k apply and merge for the current results, into the view's slots: a union-find
 * over the component's merge edges between applicable members (the root of a group is its primary), then
 * each primary's obligation from the single or group cache.
 */
function resolveComponent(state: PreparedState, view: View, k: number): void {
  const { results, conditionOf, stamp, explanationOf, maskOf, parent, next, tail, merged, epoch } = state
  const { sources, masks, componentMembers, slots, lastGroup, changed } = view
  const first = view.componentStart[k]!
  const last = view.componentStart[k + 1]!
  for (let x = first; x < last; x++) {
    const v = componentMembers[x]!
    const i = sources[v]!
    slots[v] = undefined
    changed[v >>> 5]! |= 1 << (v & 31)
    const explanation = results[conditionOf[i]!]!
    if (explanation < 0) continue
    stamp[i] = epoch
    explanationOf[i] = explanation
    maskOf[i] = masks[v]!
    parent[i] = i
    next[i] = -1
    tail[i] = i
  }
  const { componentEdgeA, componentEdgeB } = view
  for (let e = view.componentEdgeStart[k]!; e < view.componentEdgeStart[k + 1]!; e++) {
    const a = componentEdgeA[e]!
    const b = componentEdgeB[e]!
    if (stamp[a] === epoch && stamp[b] === epoch) union(parent, a, b)
  }
  // Members join their root's list in output order; afterwards parent[i] is i's root.
  for (let x = first; x < last; x++) {
    const i = sources[componentMembers[x]!]!
    if (stamp[i] !== epoch) continue
    const root = find(parent, i)
    parent[i] = root
    if (root === i) continue
    next[tail[root]!] = i
    tail[root] = i
    merged[root] = epoch
  }
  for (let x = first; x < last; x++) {
    const v = componentMembers[x]!
    const i = sources[v]!
    if (stamp[i] !== epoch || parent[i] !== i) continue
    if (merged[i] !== epoch) {
      slots[v] = singleObligation(state, i, explanationOf[i]!, maskOf[i]!)
      continue
    }
    let entry = lastGroup[v]
    if (entry === undefined || !isGroup(state, entry, i)) lastGroup[v] = entry = groupEntry(state, i)
    slots[v] = entry.obligation
  }
}

/** `pool`'s first `used` values in a new array of at least `needed` (kept out of buildAnswer: it is rarely run). */
function grown(pool: Int32Array, used: number, needed: number): Int32Array {
  const bigger = new Int32Array(Math.max(2 * pool.length, needed))
  bigger.set(pool.subarray(0, used))
  return bigger
}

/**
 * The answer for the current active bindings and condition results. It starts from the nearest answer built
 * in the same view (the fewest positions decided by conditions whose results differ) and recomputes only the
 * units those conditions decide; every other unit contributes exactly what it did there, so the answer is
 * that one's obligations merged, in position order, with the recomputed positions. The first answer of a view
 * recomputes every unit.
 */
function buildAnswer(state: PreparedState, view: View): number {
  const { results } = state
  if (state.epoch === 0x7fffffff) {
    state.epoch = 0
    state.stamp.fill(0)
    state.merged.fill(0)
    for (const v of state.views.values()) v.touched.fill(0)
  }
  const epoch = ++state.epoch
  const { sources, masks, slots, weight, touched, changed } = view
  let base: ViewAnswer | undefined
  let baseAt = 0
  let best = Infinity
  const { answers } = view
  const conditionCount = results.length
  let pool = view.resultPool
  for (let a = 0; a < answers.length; a++) {
    const at = a * conditionCount
    let distance = 0
    for (let c = 0; c < conditionCount && distance < best; c++) if (pool[at + c] !== results[c]) distance += weight[c]!
    if (distance < best) { best = distance; base = answers[a]; baseAt = at }
  }
  for (let c = 0; c < conditionCount; c++) {
    if (base && pool[baseAt + c] === results[c]) continue
    const explanation = results[c]!
    for (let x = view.isolatedStart[c]!; x < view.isolatedStart[c + 1]!; x++) {
      const v = view.isolated[x]!
      slots[v] = explanation < 0 ? undefined : singleObligation(state, sources[v]!, explanation, masks[v]!)
      changed[v >>> 5]! |= 1 << (v & 31)
    }
    for (let x = view.componentsStart[c]!; x < view.componentsStart[c + 1]!; x++) {
      const k = view.components[x]!
      if (touched[k] === epoch) continue
      touched[k] = epoch
      resolveComponent(state, view, k)
    }
  }

  const out = state.out
  const positions = state.positions
  let count = 0
  if (!base) {
    // Every position was recomputed.
    changed.fill(0)
    for (let v = 0; v < slots.length; v++) {
      const obligation = slots[v]
      if (obligation === undefined) continue
      out[count] = obligation
      positions[count++] = v
    }
  } else {
    const answer = base.answer
    const at = view.positionPool
    const from = base.positionsAt
    let b = 0
    for (let w = 0; w < changed.length; w++) {
      let word = changed[w]!
      if (word === 0) continue
      changed[w] = 0
      while (word !== 0) {
        const low = word & -word
        word ^= low
        const v = (w << 5) + 31 - Math.clz32(low)
        for (; b < answer.length && at[from + b]! < v; b++) {
          out[count] = answer[b]!
          positions[count++] = at[from + b]!
        }
        if (b < answer.length && at[from + b] === v) b++
        const obligation = slots[v]
        if (obligation === undefined) continue
        out[count] = obligation
        positions[count++] = v
      }
    }
    for (; b < answer.length; b++) {
      out[count] = answer[b]!
      positions[count++] = at[from + b]!
    }
  }
  const index = answers.length
  if ((index + 1) * conditionCount > pool.length) view.resultPool = pool = grown(pool, pool.length, (index + 1) * conditionCount)
  pool.set(results, index * conditionCount)
  const positionsAt = view.positionsUsed
  if (positionsAt + count > view.positionPool.length) view.positionPool = grown(view.positionPool, positionsAt, positionsAt + count)
  view.positionPool.set(positions.subarray(0, count), positionsAt)
  view.positionsUsed = positionsAt + count
  answers.push({ answer: Object.freeze(out.slice(0, count)), positionsAt })
  return index
}

/**
 * The operator's obligations from its bindings (`bindings`, each one passed to prepareBindings, by identity
 * or by version and reason; all prepared bindings when omitted), as a frozen list shared with every operator
 * whose bindings and conditions come out the same.
 *
 * Work per call: the operator's signature (see Signatures) and one lookup by it. For a new signature, one
 * evaluation per distinct applicability condition and one memo lookup by the results. On a miss, see
 * buildAnswer: work in proportion to what changed against the nearest earlier answer, plus one merge pass
 * over that answer; obligations are only built for combinations not seen before.
 */
export function resolveFor(prepared: PreparedBindings, operator: OperatorContext, bindings?: readonly Binding[]): readonly Obligation[] {
  const state = prepared.state
  const activeKey = selectBindings(state, bindings)
  const atoms = state.signatures
  let signature = -1
  let bySignature: Map<number, readonly Obligation[]> | undefined
  if (atoms !== null) {
    signature = signatureOf(atoms, operator)
    bySignature = state.bySignature.get(activeKey)
    const known = bySignature?.get(signature)
    if (known !== undefined) return known
  }
  const answer = answerFor(state, operator, activeKey)
  if (signature >= 0) {
    if (state.signatureCount >= SIGNATURE_LIMIT) {
      state.bySignature.clear()
      state.signatureCount = 0
      bySignature = undefined
    }
    if (!bySignature) state.bySignature.set(activeKey, bySignature = new Map())
    bySignature.set(signature, answer)
    state.signatureCount++
  }
  return answer
}

/** The answer by the results of every condition: from the memo, or built (see buildAnswer). */
function answerFor(state: PreparedState, operator: OperatorContext, activeKey: number | string): readonly Obligation[] {
  const { conditions, results } = state
  let hash = 0x811c9dc5
  if (typeof activeKey === 'number') hash = Math.imul(hash ^ activeKey, 0x01000193)
  else for (let k = 0; k < activeKey.length; k++) hash = Math.imul(hash ^ activeKey.charCodeAt(k), 0x01000193)
  for (let c = 0; c < conditions.length; c++) {
    const r = conditions[c]!(operator)
    results[c] = r
    hash = Math.imul(hash ^ (r + 1), 0x01000193)
  }
  hash &= 0x3fffffff
  const bucket = state.memo.get(hash)
  if (bucket) {
    for (let x = 0; x < bucket.length; x++) {
      const entry = bucket[x]!
      if (entry.active !== activeKey) continue
      const pool = entry.view.resultPool
      const at = entry.index * results.length
      let same = true
      for (let c = 0; c < results.length && same; c++) same = pool[at + c] === results[c]
      if (same) return entry.answer
    }
  }

  if (state.memoSize >= MEMO_LIMIT) {
    state.memo.clear()
    state.memoSize = 0
    for (const v of state.views.values()) { v.answers.length = 0; v.positionsUsed = 0 }
  }
  let view = state.views.get(activeKey)
  if (!view) state.views.set(activeKey, view = buildView(state))
  const index = buildAnswer(state, view)
  const answer = view.answers[index]!.answer
  const entry = { active: activeKey, view, index, answer }
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
