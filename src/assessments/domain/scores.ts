import type { Obligation } from '../../obligations/domain/resolve-obligations.ts'
import type { Strength, TierLevel } from '../../standards/domain/model.ts'
import { isGap, type Answer, type AnswerResult } from './model.ts'

/**
 * Scores and roll-ups of submitted answers.
 *
 * Score of an answer set: Σ weight × credit / Σ weight, with weight by strength (must 3, should 2, may 1) and
 * credit by result (implemented 1, partially 0.5, not implemented 0); not-applicable answers are left out of
 * both sums. No weight at all (nothing answered, or everything not applicable) is no score (null), not 0.
 *
 * Roll-ups are means over operators of one per-operator value (each operator counts once, however many
 * obligations it has), per group: national, sector, tier, tier level, sector × tier. An operator in two
 * sectors counts in both.
 *
 * Suppression (DESIGN.md: aggregates shown to anyone but the NCO suppress groups of fewer than 5 operators)
 * is done by `aggregate`, which every non-NCO output must go through; see there for the complementary rule.
 */

export const STRENGTH_WEIGHT: Readonly<Record<Strength, number>> = Object.freeze({ must: 3, should: 2, may: 1 })
export const RESULT_CREDIT: Readonly<Record<Exclude<AnswerResult, 'not_applicable'>, number>> = Object.freeze({
  implemented: 1, partially: 0.5, not_implemented: 0,
})

/** An answer joined with what scoring needs from its obligation. */
export interface ScoredAnswer {
  obligationKey: string
  lineage: string
  strength: Strength
  /** The official number of the obligation's primary source, for chapters. */
  primaryNumber: string
  sources: readonly { documentId: string; number: string }[]
  result: AnswerResult
  maturity: number | null
  /** Dates (ISO) of the answer's evidence, e.g. when the restore test was done; for KPIs with a recency rule. */
  evidenceDates: readonly string[]
}

/** One operator's submitted (snapshot) answers, with what groups it. Roll-ups expect one entry per operator. */
export interface OperatorResult {
  operatorId: string
  sectors: readonly string[]
  tierId: string | null
  tierLevel: TierLevel | null
  answers: readonly ScoredAnswer[]
}

/**
 * Join answers to the operator's obligations. Answers to obligations not in the list are left out (they
 * cannot be weighted); `evidenceDates` gives each evidence id's date where known.
 */
export function scoredAnswers(
  answers: readonly Answer[], obligations: readonly Obligation[], evidenceDates: ReadonlyMap<string, string> = new Map(),
): ScoredAnswer[] {
  const byKey = new Map(obligations.map((o) => [o.key, o]))
  const out: ScoredAnswer[] = []
  for (const a of answers) {
    const o = byKey.get(a.obligationKey)
    if (!o) continue
    out.push({
      obligationKey: a.obligationKey,
      lineage: o.lineage,
      strength: o.strength,
      primaryNumber: o.sources[0]?.number ?? '',
      sources: o.sources.map((s) => ({ documentId: s.documentId, number: s.number })),
      result: a.result,
      maturity: a.maturity,
      evidenceDates: a.evidenceIds.flatMap((id) => {
        const date = evidenceDates.get(id)
        return date === undefined ? [] : [date]
      }),
    })
  }
  return out
}

export interface Score {
  /** In [0, 1], or null when nothing weighs. */
  value: number | null
  weight: number
  earned: number
  /** Answers counted (not-applicable ones are not). */
  counted: number
}

export function scoreAnswers(answers: readonly Pick<ScoredAnswer, 'strength' | 'result'>[]): Score {
  let weight = 0
  let earned = 0
  let counted = 0
  for (const a of answers) {
    if (a.result === 'not_applicable') continue
    const w = STRENGTH_WEIGHT[a.strength]
    weight += w
    earned += w * RESULT_CREDIT[a.result]
    counted++
  }
  return { value: weight === 0 ? null : earned / weight, weight, earned, counted }
}

/** Mean of the given maturity levels; not-applicable answers and unset levels are left out. */
export function meanMaturity(answers: readonly Pick<ScoredAnswer, 'result' | 'maturity'>[]): number | null {
  let sum = 0
  let n = 0
  for (const a of answers) {
    if (a.result === 'not_applicable' || a.maturity === null) continue
    sum += a.maturity
    n++
  }
  return n === 0 ? null : sum / n
}

/**
 * The chapter of an official number: its first `depth` dot-separated segments, read before any
 * parenthesised part and without angle brackets: chapterOf('3.4.3.3', 2) is '3.4', chapterOf('2.1.1(1)(a)', 2)
 * is '2.1', chapterOf('GV.OC-01', 1) is 'GV'. A shorter number is its own chapter.
 */
export function chapterOf(number: string, depth: number): string {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`chapter depth must be a whole number ≥ 1, got ${depth}`)
  const stem = number.replace(/^</, '').replace(/>$/, '').split('(')[0]!
  return stem.split('.').slice(0, depth).join('.')
}

/** Is the number inside the chapter: '3.4.3.3' and '3.4' are in '3.4'; '3.40.1' is not. */
export function inChapter(number: string, chapter: string): boolean {
  const stem = number.replace(/^</, '').replace(/>$/, '').split('(')[0]!
  return stem === chapter || stem.startsWith(`${chapter}.`)
}

export interface OperatorScore {
  operatorId: string
  score: Score
  chapters: { chapter: string; score: Score; meanMaturity: number | null }[]
  meanMaturity: number | null
}

/** One operator's overall score, per chapter (chapters in natural order) and mean maturity. */
export function operatorScore(op: OperatorResult, chapterDepth = 2): OperatorScore {
  const byChapter = new Map<string, ScoredAnswer[]>()
  for (const a of op.answers) {
    const ch = chapterOf(a.primaryNumber, chapterDepth)
    if (!byChapter.has(ch)) byChapter.set(ch, [])
    byChapter.get(ch)!.push(a)
  }
  const chapters = [...byChapter.keys()].sort(naturalCompare)
    .map((chapter) => ({ chapter, score: scoreAnswers(byChapter.get(chapter)!), meanMaturity: meanMaturity(byChapter.get(chapter)!) }))
  return { operatorId: op.operatorId, score: scoreAnswers(op.answers), chapters, meanMaturity: meanMaturity(op.answers) }
}

const collator = new Intl.Collator('en', { numeric: true })
function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b)
}

// ---------------------------------------------------------------------------------------------------------
// Groups and roll-ups
// ---------------------------------------------------------------------------------------------------------

export const DIMENSIONS = ['national', 'sector', 'tier', 'tier_level', 'sector_tier'] as const
export type Dimension = (typeof DIMENSIONS)[number]
export const DEFAULT_DIMENSIONS: readonly Dimension[] = ['national', 'sector', 'tier']

/**
 * An unsuppressed aggregate. Groups with the same `measure` are means of the same per-operator values over
 * different sets of operators (so their differences mean something); groups of different measures never
 * combine (a heatmap row per requirement is one measure per requirement).
 */
export interface Group<V = number | null> {
  /** Unique within the measure: 'national', 'sector:medical', 'tier:medical-small', 'sector:medical/tier:…'. */
  id: string
  measure: string
  dims: Readonly<Record<string, string>>
  /** The distinct operators whose values the group's value is computed from. */
  operatorIds: readonly string[]
  /**
   * When present, `operatorIds[k]` names a cohort of `weights[k]` operators that always appear together (the
   * operators of one sector combination in a pre-aggregated table) rather than one operator. A cohort must
   * have the same weight in every group of one call.
   */
  weights?: readonly number[]
  value: V
}

function groupKeys(op: Pick<OperatorResult, 'sectors' | 'tierId' | 'tierLevel'>, by: readonly Dimension[]): { id: string; dims: Record<string, string> }[] {
  const out: { id: string; dims: Record<string, string> }[] = []
  for (const d of by) {
    switch (d) {
      case 'national': out.push({ id: 'national', dims: {} }); break
      case 'sector': for (const s of new Set(op.sectors)) out.push({ id: `sector:${s}`, dims: { sector: s } }); break
      case 'tier': if (op.tierId !== null) out.push({ id: `tier:${op.tierId}`, dims: { tier: op.tierId } }); break
      case 'tier_level': if (op.tierLevel !== null) out.push({ id: `tier_level:${op.tierLevel}`, dims: { tierLevel: op.tierLevel } }); break
      case 'sector_tier':
        if (op.tierId !== null) for (const s of new Set(op.sectors)) out.push({ id: `sector:${s}/tier:${op.tierId}`, dims: { sector: s, tier: op.tierId } })
        break
    }
  }
  return out
}

/**
 * Groups of the mean of `valueOf` per operator, over the given dimensions, in first-seen order. Operators
 * whose value is null are in no group's operatorIds; a group none of whose operators has a value has value
 * null and no operators.
 */
export function rollUp(
  operators: readonly OperatorResult[], measure: string, valueOf: (op: OperatorResult) => number | null,
  by: readonly Dimension[] = DEFAULT_DIMENSIONS, extraDims: Readonly<Record<string, string>> = {},
): Group<number | null>[] {
  const acc = new Map<string, { dims: Record<string, string>; ids: Set<string>; sum: number }>()
  for (const op of operators) {
    const v = valueOf(op)
    for (const { id, dims } of groupKeys(op, by)) {
      let g = acc.get(id)
      if (!g) acc.set(id, g = { dims: { ...extraDims, ...dims }, ids: new Set(), sum: 0 })
      if (v === null || g.ids.has(op.operatorId)) continue
      g.ids.add(op.operatorId)
      g.sum += v
    }
  }
  return [...acc].map(([id, g]) => ({ id, measure, dims: g.dims, operatorIds: [...g.ids], value: g.ids.size === 0 ? null : g.sum / g.ids.size }))
}

/**
 * Operators that fall in exactly the same groups (same sectors, tier and tier level), known only by their
 * count and sum per measure: what a pre-aggregated table holds instead of one row per operator.
 */
export interface RollUpUnit {
  /** Unique among the units of one call. */
  id: string
  sectors: readonly string[]
  tierId: string | null
  tierLevel: TierLevel | null
}

/**
 * `rollUp` over units instead of operators: the same groups, in first-seen order over `units`, each the
 * mean over its operators with a value (Σ totals ÷ Σ operators of its units). A group's members are its
 * units as cohorts (`<measure>|<unit id>`, weighted by the unit's operators with a value), so `aggregate`
 * suppresses exactly as it would the operators themselves: operators of one unit always share their groups,
 * hence their atoms. Units without a value are in no group's members but still make its group exist.
 */
export function rollUpUnits(
  units: readonly RollUpUnit[], measure: string, sumOf: (unit: RollUpUnit) => { operators: number; total: number } | undefined,
  by: readonly Dimension[] = DEFAULT_DIMENSIONS, extraDims: Readonly<Record<string, string>> = {},
): Group<number | null>[] {
  const acc = new Map<string, { dims: Record<string, string>; ids: string[]; weights: number[]; operators: number; total: number }>()
  for (const unit of units) {
    const sum = sumOf(unit)
    for (const { id, dims } of groupKeys(unit, by)) {
      let g = acc.get(id)
      if (!g) acc.set(id, g = { dims: { ...extraDims, ...dims }, ids: [], weights: [], operators: 0, total: 0 })
      if (!sum || sum.operators === 0) continue
      g.ids.push(`${measure}|${unit.id}`)
      g.weights.push(sum.operators)
      g.operators += sum.operators
      g.total += sum.total
    }
  }
  return [...acc].map(([id, g]) => ({
    id, measure, dims: g.dims, operatorIds: g.ids, weights: g.weights, value: g.operators === 0 ? null : g.total / g.operators,
  }))
}

/** Overall weighted score per group (measure 'score'). */
export function scoreRollUp(operators: readonly OperatorResult[], by?: readonly Dimension[]): Group<number | null>[] {
  return rollUp(operators, 'score', (op) => scoreAnswers(op.answers).value, by)
}

/** Weighted score per chapter and group (measure `score:chapter:<chapter>`), chapters in natural order. */
export function chapterScoreRollUp(operators: readonly OperatorResult[], chapterDepth = 2, by?: readonly Dimension[]): Group<number | null>[] {
  const chapters = new Set<string>()
  for (const op of operators) for (const a of op.answers) chapters.add(chapterOf(a.primaryNumber, chapterDepth))
  return [...chapters].sort(naturalCompare).flatMap((chapter) =>
    rollUp(operators, `score:chapter:${chapter}`,
      (op) => scoreAnswers(op.answers.filter((a) => chapterOf(a.primaryNumber, chapterDepth) === chapter)).value, by, { chapter }))
}

/** Mean maturity per group (measure 'maturity'): the mean over operators of each operator's mean level. */
export function maturityRollUp(operators: readonly OperatorResult[], by?: readonly Dimension[]): Group<number | null>[] {
  return rollUp(operators, 'maturity', (op) => meanMaturity(op.answers), by)
}

/**
 * The gap heatmap: per requirement lineage, the share of operators with a gap (partially or not implemented)
 * among the operators that answered it other than not applicable; one row total (id 'national') and one cell
 * per sector (id `sector:<s>`), measure `gap:<lineage>`. Lineages in natural order.
 */
export function gapHeatmap(operators: readonly OperatorResult[]): Group<number | null>[] {
  // One pass over the answers: per lineage, per cell, the operators answering and how many have a gap.
  type Cell = { dims: Record<string, string>; ids: string[]; gaps: number }
  const rows = new Map<string, Map<string, Cell>>()
  for (const op of operators) {
    const sectors = [...new Set(op.sectors)]
    const ids = ['national', ...sectors.map((s) => `sector:${s}`)]
    const answered = new Set<string>()
    for (const a of op.answers) {
      let row = rows.get(a.lineage)
      if (!row) rows.set(a.lineage, row = new Map())
      for (let k = 0; k < ids.length; k++) {
        let c = row.get(ids[k]!)
        if (!c) row.set(ids[k]!, c = { dims: k === 0 ? { lineage: a.lineage } : { lineage: a.lineage, sector: sectors[k - 1]! }, ids: [], gaps: 0 })
      }
      // An operator counts once per requirement, by its first applicable answer.
      if (a.result === 'not_applicable' || answered.has(a.lineage)) continue
      answered.add(a.lineage)
      const gap = isGap(a.result) ? 1 : 0
      for (const id of ids) {
        const c = row.get(id)!
        c.ids.push(op.operatorId)
        c.gaps += gap
      }
    }
  }
  return [...rows.keys()].sort(naturalCompare).flatMap((lineage) =>
    [...rows.get(lineage)!].map(([id, c]) => ({
      id, measure: `gap:${lineage}`, dims: c.dims, operatorIds: c.ids, value: c.ids.length === 0 ? null : c.gaps / c.ids.length,
    })))
}

// ---------------------------------------------------------------------------------------------------------
// Suppression
// ---------------------------------------------------------------------------------------------------------

/** Below this many distinct operators, a non-NCO viewer gets no value. */
export const MIN_OPERATORS = 5

export type SuppressionReason = 'too_few_operators' | 'complementary'

export type AggregateRow<V = number | null> =
  | { id: string; measure: string; dims: Readonly<Record<string, string>>; suppressed: false; operatorCount: number; value: V }
  | { id: string; measure: string; dims: Readonly<Record<string, string>>; suppressed: true; operatorCount: number; reason: SuppressionReason }

export interface AggregateViewer {
  isNco: boolean
}

/**
 * What a viewer may see of `groups`. The NCO sees every value. Anyone else gets, for every group computed
 * from fewer than `minimum` distinct operators, `{ suppressed: true, operatorCount }` and no value; and
 * more groups are suppressed where the shown ones would let the hidden values be worked out.
 *
 * Complementary suppression. A group's value times its operator count is a sum over its operators, and
 * counts are shown, so the shown groups of one measure are sums an attacker can add and subtract: a sector
 * total minus its one large shown tier is the sum over its small suppressed tier. Rule, per measure: split
 * the operators into *atoms*, the operators that lie in exactly the same set of shown groups. Any
 * combination of shown sums weighs all operators of one atom alike, so it isolates whole atoms at best; when
 * every atom (apart from operators in no shown group, which no combination reaches) has at least `minimum`
 * operators, nothing worked out from shown values rests on fewer than `minimum` operators. This covers
 * subtracting any shown parts from any shown total, several levels (national → sector → tier), several
 * breakdowns of one total, and operators in several sectors.
 *
 * While an atom is too small, one more group is suppressed, which merges that atom with another:
 * preferably the smallest shown group G outside the atom's set whose atom (set + G) exists: in a hierarchy,
 * a sibling of the suppressed group, as classic complementary suppression does; otherwise the smallest group
 * of the atom's own set (its parent). Atoms only ever merge, so this ends, at worst with everything
 * suppressed.
 *
 * Cost: one pass over the groups' members per suppression round; rounds are 1 + the number of
 * complementary suppressions (10,000 operators × 300 requirements as a heatmap: about 1–2 s, most of it
 * numbering operator ids). The NCO's view skips all of it.
 *
 * Caveat: the guarantee holds between the groups passed to one call. Values published together (one page,
 * one export) must therefore be aggregated in one call; groups of different measures are independent.
 */
export function aggregate<V>(groups: readonly Group<V>[], viewer: AggregateViewer, minimum = MIN_OPERATORS): AggregateRow<V>[] {
  const seenIds = new Set<string>()
  for (const g of groups) {
    const key = `${g.measure}\u0000${g.id}`
    if (seenIds.has(key)) throw new Error(`group ${g.id} of measure ${g.measure} is given twice`)
    seenIds.add(key)
  }
  // Operators (or cohorts) as small integers, each group's distinct members as an array of them.
  const number = new Map<string, number>()
  const weight: number[] = []
  const members = groups.map((g) => {
    const out: number[] = []
    const mine = new Set<number>()
    g.operatorIds.forEach((id, k) => {
      const w = g.weights ? g.weights[k]! : 1
      if (!Number.isInteger(w) || w < 1) throw new Error(`cohort ${id} of group ${g.id} has weight ${w}`)
      let n = number.get(id)
      if (n === undefined) { number.set(id, n = number.size); weight.push(w) }
      else if (weight[n] !== w) throw new Error(`cohort ${id} has weight ${w} in group ${g.id} but ${weight[n]} elsewhere`)
      if (!mine.has(n)) { mine.add(n); out.push(n) }
    })
    return Int32Array.from(out)
  })
  const sizes = members.map((m) => { let total = 0; for (const n of m) total += weight[n]!; return total })
  const suppressed: (SuppressionReason | null)[] = groups.map((_, i) => (!viewer.isNco && sizes[i]! < minimum ? 'too_few_operators' : null))

  if (!viewer.isNco) {
    const byMeasure = new Map<string, number[]>()
    groups.forEach((g, i) => {
      if (!byMeasure.has(g.measure)) byMeasure.set(g.measure, [])
      byMeasure.get(g.measure)!.push(i)
    })
    const node = new Int32Array(number.size)
    const mark = new Uint8Array(number.size)
    for (const list of byMeasure.values()) complement(list, members, sizes, weight, suppressed, minimum, node, mark)
  }

  return groups.map((g, i) => {
    const base = { id: g.id, measure: g.measure, dims: g.dims, operatorCount: sizes[i]! }
    const reason = suppressed[i] ?? null
    return reason === null ? { ...base, suppressed: false as const, value: g.value } : { ...base, suppressed: true as const, reason }
  })
}

/**
 * Complementary suppression within one measure (see aggregate); marks more of `list` suppressed.
 *
 * Atoms are found exactly with a trie of signatures: walking the shown groups in order, each operator moves
 * from its trie node to the child for that group, so operators end on the same node exactly when they lie
 * in the same shown groups. Node 0 (the root) holds operators in no shown group. Cost per round: one map
 * lookup per (shown group, member).
 */
function complement(
  list: readonly number[], members: readonly Int32Array[], sizes: readonly number[], weight: readonly number[],
  suppressed: (SuppressionReason | null)[], minimum: number, node: Int32Array, mark: Uint8Array,
): void {
  for (;;) {
    const shown = list.filter((i) => suppressed[i] === null)
    if (shown.length === 0) return
    for (const i of shown) for (const op of members[i]!) node[op] = 0
    const parent: number[] = [-1]
    const via: number[] = [-1]
    const child = new Map<number, number>()
    const stride = shown.length + 1
    shown.forEach((i, position) => {
      for (const op of members[i]!) {
        const key = node[op]! * stride + position
        let next = child.get(key)
        if (next === undefined) {
          next = parent.length
          parent.push(node[op]!)
          via.push(i)
          child.set(key, next)
        }
        node[op] = next
      }
    })
    // Count each operator once on its final node; `mark` flags operators already counted this round.
    const count = new Map<number, number>()
    for (const i of shown) for (const op of members[i]!) mark[op] = 0
    for (const i of shown) {
      for (const op of members[i]!) {
        if (mark[op]) continue
        mark[op] = 1
        count.set(node[op]!, (count.get(node[op]!) ?? 0) + weight[op]!)
      }
    }
    const groupsOf = (n: number): number[] => {
      const out: number[] = []
      for (let at = n; at > 0; at = parent[at]!) out.push(via[at]!)
      return out.reverse()
    }

    let small: { groups: number[]; key: string; count: number } | undefined
    for (const [n, c] of count) {
      if (c >= minimum) continue
      const groups = groupsOf(n)
      const key = groups.join(',')
      if (!small || c < small.count || (c === small.count && key < small.key)) small = { groups, key, count: c }
    }
    if (!small) return

    const inAtom = new Set(small.groups)
    const size = (i: number) => sizes[i]!
    const better = (a: number, b: number | undefined) => b === undefined || size(a) < size(b) || (size(a) === size(b) && a < b)
    let choice: number | undefined
    for (const n of count.keys()) {
      const groups = groupsOf(n)
      if (groups.length !== small.groups.length + 1) continue
      const extra = groups.filter((g) => !inAtom.has(g))
      if (extra.length === 1 && better(extra[0]!, choice)) choice = extra[0]!
    }
    if (choice === undefined) for (const g of small.groups) if (better(g, choice)) choice = g
    suppressed[choice!] = 'complementary'
  }
}

// ---------------------------------------------------------------------------------------------------------
// Trend
// ---------------------------------------------------------------------------------------------------------

export interface TrendRow {
  id: string
  measure: string
  dims: Readonly<Record<string, string>>
  /** Null when the group is suppressed, missing or has no value in that cycle. */
  current: number | null
  previous: number | null
  /** current − previous, only when both are shown. */
  delta: number | null
}

/**
 * Change per group against the previous cycle, matched by measure and id. Both sides must already have gone
 * through `aggregate` for the same viewer: a delta is given only where both values are shown, so a
 * suppressed value of either cycle cannot be recovered from it. Rows of the current cycle, then groups only
 * the previous cycle had.
 */
export function trend(current: readonly AggregateRow<number | null>[], previous: readonly AggregateRow<number | null>[]): TrendRow[] {
  const key = (r: { measure: string; id: string }) => `${r.measure}\u0000${r.id}`
  const before = new Map(previous.map((r) => [key(r), r]))
  const valueOf = (r: AggregateRow<number | null> | undefined) => (r && !r.suppressed ? r.value : null)
  const rows: TrendRow[] = current.map((r) => {
    const p = before.get(key(r))
    const c = valueOf(r)
    const v = valueOf(p)
    return { id: r.id, measure: r.measure, dims: r.dims, current: c, previous: v, delta: c !== null && v !== null ? c - v : null }
  })
  const now = new Set(current.map(key))
  for (const p of previous) {
    if (!now.has(key(p))) rows.push({ id: p.id, measure: p.measure, dims: p.dims, current: null, previous: valueOf(p), delta: null })
  }
  return rows
}
