import type { Condition, Deviation, DeviationKind, Parameter, RequirementNode, TierLevel } from './model.ts'
import { strengthRank } from './model.ts'
import type { StandardException } from './governance.ts'

/**
 * Deviations of a sector profile from its base (S16: sector standards are never silently looser than the
 * Unified Standard), plus the two orderings every standards/obligations view shares: official numbers and
 * parameter strictness.
 */

// ---------------------------------------------------------------------------------------------------------
// Official numbers
// ---------------------------------------------------------------------------------------------------------

/**
 * A number split into runs of digits and runs of everything else, so '3.4.10' sorts after '3.4.9'.
 * NFKC first: Japanese documents print full-width digits ('３．４') and circled numbers ('①'), which NFKC
 * turns into ASCII. Leading decoration ('<2.1.1(1)(a)-1>') is dropped so a sub-item sorts right after its
 * parent instead of before every plain number. Digit runs are kept as strings without leading zeros, so
 * arbitrarily long numbers compare correctly (length first, then lexically).
 */
export type NumberSortKey = readonly string[]

export function numberSortKey(number: string): NumberSortKey {
  const normalised = number.normalize('NFKC').replace(/^[^\p{L}\p{N}]+/u, '')
  const tokens: string[] = []
  for (const run of normalised.match(/[0-9]+|[^0-9]+/g) ?? []) {
    tokens.push(isDigitRun(run) ? run.replace(/^0+(?=[0-9])/, '') : run)
  }
  return tokens
}

function isDigitRun(token: string): boolean {
  const c = token.charCodeAt(0)
  return c >= 48 && c <= 57
}

/**
 * Compares two precomputed keys. At the same position a digit run sorts before text (so '3.4.1' < '3.4a'
 * only through the separators, and '1' < 'A'), a shorter key that is a prefix of a longer one sorts first
 * ('3.4' < '3.4.1' < '3.4.1(1)'). Text compares by UTF-16 code units: deterministic and locale-free.
 */
export function compareNumberKeys(a: NumberSortKey, b: NumberSortKey): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i]!
    const y = b[i]!
    if (x === y) continue
    const dx = isDigitRun(x)
    const dy = isDigitRun(y)
    if (dx && dy) {
      if (x.length !== y.length) return x.length < y.length ? -1 : 1
      return x < y ? -1 : 1
    }
    if (dx !== dy) return dx ? -1 : 1
    return x < y ? -1 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

/** Natural order of official numbers ('3.4.9' < '3.4.10'); numbers equal under the key fall back to the raw string, so the order is total. */
export function compareNumbers(a: string, b: string): number {
  if (a === b) return 0
  const byKey = compareNumberKeys(numberSortKey(a), numberSortKey(b))
  if (byKey !== 0) return byKey
  return a < b ? -1 : 1
}

// ---------------------------------------------------------------------------------------------------------
// Parameter strictness
// ---------------------------------------------------------------------------------------------------------

type ParameterShape = Pick<Parameter, 'type' | 'stricter' | 'choices'>

/**
 * Where a value sits on the parameter's strictness scale (bigger = stricter), or undefined when it cannot be
 * placed. OSCAL set-parameter values arrive as strings, so '30' and 'true' are read as 30 and true.
 * - numbers: `stricter: 'lower'` means a smaller value is stricter (a restore-test interval in days).
 * - booleans: `stricter: 'higher'` means true is stricter than false ('lower': false is stricter).
 * - choices: the position in `choices`; `'lower'` means earlier choices are stricter.
 * - strings, or any parameter without `stricter`: no scale.
 * null (no value set) is looser than every value: unsetting a parameter never tightens it.
 */
function strictnessScore(param: ParameterShape, value: Parameter['value']): number | undefined {
  if (value === null) return Number.NEGATIVE_INFINITY
  if (!param.stricter) return undefined
  const sign = param.stricter === 'higher' ? 1 : -1
  switch (param.type) {
    case 'integer':
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
      return Number.isFinite(n) ? sign * n : undefined
    }
    case 'boolean': {
      const b = value === true || value === 'true' ? 1 : value === false || value === 'false' ? 0 : undefined
      return b === undefined ? undefined : sign * b
    }
    case 'choice': {
      const i = (param.choices ?? []).indexOf(String(value))
      return i < 0 ? undefined : sign * i
    }
    case 'string':
      return undefined
  }
}

/**
 * Compares two values of one parameter: > 0 when `a` is stricter than `b`, < 0 when looser, 0 when equally
 * strict, null when they cannot be compared (no `stricter` direction, or a value off the scale) and differ.
 */
export function compareStrictness(param: ParameterShape, a: Parameter['value'], b: Parameter['value']): number | null {
  if (a === b) return 0
  const sa = strictnessScore(param, a)
  const sb = strictnessScore(param, b)
  if (sa === undefined || sb === undefined) {
    return a !== null && b !== null && String(a) === String(b) ? 0 : null
  }
  return sa === sb ? 0 : sa > sb ? 1 : -1
}

// ---------------------------------------------------------------------------------------------------------
// "Could this requirement apply at that tier?"
// ---------------------------------------------------------------------------------------------------------

/**
 * The operators a profile is written for: one tier level, optionally one sector. Facts and flags are unknown:
 * some operator of the tier may declare any combination of them, and (without `sectorId`) belong to any sectors.
 */
export interface TierContext {
  tierLevel: TierLevel
  sectorId?: string | null
}

type Atoms = Set<string>

function collectAtoms(condition: Condition, context: TierContext, into: Atoms): Atoms {
  switch (condition.kind) {
    case 'fact':
      into.add(`fact:${condition.fact}`)
      break
    case 'flag':
      into.add(`flag:${condition.flag}`)
      break
    case 'sector':
      if (context.sectorId == null) for (const s of condition.sectors) into.add(`sector:${s}`)
      break
    case 'all':
    case 'any':
      for (const c of condition.of) collectAtoms(c, context, into)
      break
    case 'not':
      collectAtoms(condition.of, context, into)
      break
    case 'always':
    case 'tier_level':
      break
  }
  return into
}

function holds(condition: Condition, context: TierContext, trueAtoms: Atoms): boolean {
  switch (condition.kind) {
    case 'always':
      return true
    case 'tier_level':
      return condition.levels.includes(context.tierLevel)
    case 'sector':
      return context.sectorId == null
        ? condition.sectors.some((s) => trueAtoms.has(`sector:${s}`))
        : condition.sectors.includes(context.sectorId)
    case 'fact':
      return trueAtoms.has(`fact:${condition.fact}`)
    case 'flag':
      return trueAtoms.has(`flag:${condition.flag}`)
    case 'all':
      return condition.of.every((c) => holds(c, context, trueAtoms))
    case 'any':
      return condition.of.some((c) => holds(c, context, trueAtoms))
    case 'not':
      return !holds(condition.of, context, trueAtoms)
  }
}

/** Kleene three-valued evaluation: true, false, or null (depends on an unknown fact, flag or sector). */
function kleene(condition: Condition, context: TierContext): boolean | null {
  switch (condition.kind) {
    case 'always':
    case 'tier_level':
      return holds(condition, context, new Set())
    case 'sector':
      if (context.sectorId != null) return condition.sectors.includes(context.sectorId)
      return condition.sectors.length === 0 ? false : null
    case 'fact':
    case 'flag':
      return null
    case 'all': {
      let result: boolean | null = true
      for (const c of condition.of) {
        const v = kleene(c, context)
        if (v === false) return false
        if (v === null) result = null
      }
      return result
    }
    case 'any': {
      let result: boolean | null = false
      for (const c of condition.of) {
        const v = kleene(c, context)
        if (v === true) return true
        if (v === null) result = null
      }
      return result
    }
    case 'not': {
      const v = kleene(condition.of, context)
      return v === null ? null : !v
    }
  }
}

/** Beyond this many unknown atoms we stop enumerating and over-approximate (never under-report). */
const MAX_ENUMERATED_ATOMS = 16

/**
 * Is there an assignment of the unknown atoms for which `predicate` holds? Exact by enumeration for the
 * handful of atoms real conditions mention; beyond MAX_ENUMERATED_ATOMS, `fallback` decides.
 */
function existsAssignment(atoms: Atoms, predicate: (trueAtoms: Atoms) => boolean, fallback: () => boolean): boolean {
  const list = [...atoms]
  if (list.length > MAX_ENUMERATED_ATOMS) return fallback()
  const total = 2 ** list.length
  for (let mask = 0; mask < total; mask++) {
    const trueAtoms = new Set<string>()
    for (let i = 0; i < list.length; i++) if (mask & (1 << i)) trueAtoms.add(list[i]!)
    if (predicate(trueAtoms)) return true
  }
  return false
}

/**
 * Could `condition` apply to some operator of this tier (and sector, when given)? A `must` that applies only
 * to operators that use the cloud still binds the tier, because some operator of the tier may use the cloud.
 * Exact for conditions over at most 16 distinct facts/flags/sectors (so `all(fact:x, not(fact:x))` is
 * correctly never); above that a Kleene over-approximation that may say yes to a contradiction, which errs
 * towards reporting a deviation, never towards hiding one.
 */
export function possiblyApplies(condition: Condition, context: TierContext): boolean {
  return existsAssignment(
    collectAtoms(condition, context, new Set()),
    (t) => holds(condition, context, t),
    () => kleene(condition, context) !== false,
  )
}

/** Is there an operator of the tier to whom `base` applies but `narrowed` does not? */
function applicabilityNarrowed(base: Condition, narrowed: Condition, context: TierContext): boolean {
  const atoms = collectAtoms(narrowed, context, collectAtoms(base, context, new Set()))
  const both: Condition = { kind: 'all', of: [base, { kind: 'not', of: narrowed }] }
  return existsAssignment(atoms, (t) => holds(base, context, t) && !holds(narrowed, context, t), () => kleene(both, context) !== false)
}

// ---------------------------------------------------------------------------------------------------------
// Deviations
// ---------------------------------------------------------------------------------------------------------

const DEVIATION_KIND_ORDER: readonly DeviationKind[] = ['dropped', 'weakened_strength', 'weakened_parameter']

function addressedToOperators(node: RequirementNode): boolean {
  return node.addressee === null || node.addressee === 'operator'
}

function formatValue(value: Parameter['value']): string {
  return value === null ? 'null' : String(value)
}

/**
 * Every way `profiled` is looser than `base` for operators of the given tier, as machine-readable details
 * (the UI translates them):
 * - `dropped`: the must is absent (`absent`), withdrawn (`withdrawn`), turned into a group (`kind:group`),
 *   readdressed (`addressee:ministry`), no longer able to apply at the tier (`not-applicable`), or narrowed so
 *   that some operator it bound is no longer bound (`narrowed-applicability`).
 * - `weakened_strength`: `strength:must->should`.
 * - `weakened_parameter`: one per parameter moved against its `stricter` direction (see compareStrictness),
 *   `parameter:ID:BEFORE->AFTER`; a parameter the profile removed or unset counts, and so does a value that
 *   cannot be placed on the scale (it cannot be shown not to be weaker). Parameters without `stricter` are
 *   the profile's to set and never count.
 * Only base nodes that are `must` requirements addressed to operators (addressee null counts as operators),
 * not withdrawn, and possibly applicable at the tier (see possiblyApplies) are checked. Nodes match by id.
 * Ordered by official number, then node id, then kind, then detail.
 */
export function findDeviations(
  base: readonly RequirementNode[],
  profiled: readonly RequirementNode[],
  context: TierContext,
): Deviation[] {
  const byId = new Map<string, RequirementNode>()
  for (const node of profiled) if (!byId.has(node.id)) byId.set(node.id, node)

  const found: Deviation[] = []
  for (const b of base) {
    if (b.kind !== 'requirement' || b.withdrawn || b.strength !== 'must' || !addressedToOperators(b)) continue
    if (!possiblyApplies(b.applicability, context)) continue
    const push = (kind: DeviationKind, detail: string) => found.push({ nodeId: b.id, number: b.number, kind, detail })

    const p = byId.get(b.id)
    if (!p) { push('dropped', 'absent'); continue }
    if (p.withdrawn) { push('dropped', 'withdrawn'); continue }
    if (p.kind !== 'requirement') { push('dropped', `kind:${p.kind}`); continue }
    if (!addressedToOperators(p)) { push('dropped', `addressee:${p.addressee}`); continue }
    if (!possiblyApplies(p.applicability, context)) { push('dropped', 'not-applicable'); continue }
    if (applicabilityNarrowed(b.applicability, p.applicability, context)) push('dropped', 'narrowed-applicability')

    if (p.strength === null || strengthRank(p.strength) < strengthRank('must')) {
      push('weakened_strength', `strength:must->${p.strength ?? 'null'}`)
    }

    const profiledParams = new Map(p.parameters.map((param) => [param.id, param]))
    for (const param of b.parameters) {
      if (!param.stricter || param.value === null) continue
      const after = profiledParams.get(param.id)
      if (!after) { push('weakened_parameter', `parameter:${param.id}:${formatValue(param.value)}->removed`); continue }
      const cmp = compareStrictness(param, after.value, param.value)
      if (cmp === null || cmp < 0) {
        push('weakened_parameter', `parameter:${param.id}:${formatValue(param.value)}->${formatValue(after.value)}`)
      }
    }
  }

  return found.sort((x, y) =>
    compareNumbers(x.number, y.number)
    || (x.nodeId < y.nodeId ? -1 : x.nodeId > y.nodeId ? 1 : 0)
    || DEVIATION_KIND_ORDER.indexOf(x.kind) - DEVIATION_KIND_ORDER.indexOf(y.kind)
    || (x.detail < y.detail ? -1 : x.detail > y.detail ? 1 : 0))
}

export type ExceptionDecision = Pick<StandardException, 'nodeId' | 'kind' | 'status' | 'expiresAt'>

/**
 * The deviations that still block publishing: those not covered by an approved exception of the same node
 * and kind that has not expired at `now`. An exception covers every deviation of its node and kind (all
 * weakened parameters of the node, for `weakened_parameter`). Times are compared as instants (Date.parse),
 * so offsets do not matter; a date-only `expiresAt` means the start of that day (UTC), and an expiry equal to
 * `now` has expired. An exception whose expiry cannot be parsed covers nothing.
 */
export function unexcused(deviations: readonly Deviation[], exceptions: readonly ExceptionDecision[], now: string): Deviation[] {
  const at = Date.parse(now)
  if (Number.isNaN(at)) throw new Error(`now is not a timestamp: ${now}`)
  const covered = new Set<string>()
  for (const e of exceptions) {
    if (e.status === 'approved' && Date.parse(e.expiresAt) > at) covered.add(`${e.kind}\u0000${e.nodeId}`)
  }
  return deviations.filter((d) => !covered.has(`${d.kind}\u0000${d.nodeId}`))
}
