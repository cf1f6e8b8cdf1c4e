import type { Condition, TierLevel } from '../../standards/domain/model.ts'

/**
 * Does a requirement's applicability condition hold for one operator, and why?
 *
 * The explanation (`because`) is a list of machine-readable codes naming the operator facts that made the
 * condition hold; the UI translates them (Japanese first):
 *   `sector:medical`  `tier_level:enhanced`  `flag:acdDesignated`  `fact:uses_cloud`
 *   `not(CODE)` where CODE is a leaf's code with its listed values joined by `|`: `not(sector:finance|energy)`,
 *   `not(fact:operates_ot)`, `not(tier_level:baseline)`.
 *
 * Semantics (the order of `of` matters only for the explanation, never for `applies`):
 * - `always` applies with no reason of its own (the binding's own reason is explanation enough).
 * - `sector` applies when the operator is in any listed sector; every matching sector is a reason.
 * - `all` applies when every child applies; evaluation stops at the first child that does not. Its reasons
 *   are the children's reasons in order, without duplicates. `all([])` applies with no reasons.
 * - `any` applies when some child applies; evaluation stops at the first child that does, and only that
 *   child's reasons are given. `any([])` never applies.
 * - `not` is pushed down to the leaves (De Morgan): `not(all(a, b))` explains as the first of `not(a)`,
 *   `not(b)` that holds, `not(any(a, b))` as both, and `not(not(c))` exactly as `c`. A negated leaf explains
 *   as `not(LEAF)`. `not(always)` never applies.
 * - An operator without a tier level satisfies no `tier_level` condition (and every `not(tier_level…)`).
 * A condition that does not apply has no reasons.
 */
export interface OperatorContext {
  organisationId: string
  sectors: string[]
  tierLevel: TierLevel | null
  tierKey: string | null
  flags: { esDesignated: boolean; acdDesignated: boolean }
  facts: Set<string> | string[]
}

export interface Evaluation {
  applies: boolean
  because: string[]
}

/** The code of a leaf condition, as used inside `not(…)`; composite conditions render structurally. */
export function conditionCode(condition: Condition): string {
  switch (condition.kind) {
    case 'always':
      return 'always'
    case 'sector':
      return `sector:${condition.sectors.join('|')}`
    case 'tier_level':
      return `tier_level:${condition.levels.join('|')}`
    case 'flag':
      return `flag:${condition.flag}`
    case 'fact':
      return `fact:${condition.fact}`
    case 'all':
    case 'any':
      return `${condition.kind}(${condition.of.map(conditionCode).join(',')})`
    case 'not':
      return `not(${conditionCode(condition.of)})`
  }
}

function hasFact(facts: Set<string> | string[], fact: string): boolean {
  return Array.isArray(facts) ? facts.includes(fact) : facts.has(fact)
}

const NOT_APPLICABLE = -1

/**
 * Interned explanations: each distinct `because` list gets a small integer id, so a compiled condition
 * returns a number and the resolver can cache obligations by (node, explanation) without comparing arrays.
 * Id 0 is the empty explanation. The lists are frozen: they are shared by every obligation that cites them.
 */
export class ExplanationTable {
  readonly #ids = new Map<string, number>()
  readonly #lists: (readonly string[])[] = []
  readonly #combined: (Map<number, number> | undefined)[] = []
  readonly empty: number

  constructor() {
    this.empty = this.intern([])
  }

  intern(codes: readonly string[]): number {
    const unique = [...new Set(codes)]
    const key = unique.join('\u001f')
    let id = this.#ids.get(key)
    if (id === undefined) {
      id = this.#lists.length
      this.#lists.push(Object.freeze(unique))
      this.#ids.set(key, id)
    }
    return id
  }

  list(id: number): readonly string[] {
    const list = this.#lists[id]
    if (!list) throw new Error(`unknown explanation ${id}`)
    return list
  }

  /** The explanation of `a` followed by the codes of `b` not already in it. */
  combine(a: number, b: number): number {
    if (a === this.empty || a === b) return b
    if (b === this.empty) return a
    let memo = this.#combined[a]
    if (!memo) this.#combined[a] = memo = new Map()
    let id = memo.get(b)
    if (id === undefined) {
      id = this.intern([...this.list(a), ...this.list(b)])
      memo.set(b, id)
    }
    return id
  }
}

/** A compiled condition: the operator's explanation id, or -1 when it does not apply. */
export type CompiledCondition = (operator: OperatorContext) => number

/** Compiles `condition` once so evaluating it per operator allocates nothing in the common cases. */
export function compileCondition(condition: Condition, table: ExplanationTable): CompiledCondition {
  return compile(condition, true, table)
}

function compile(condition: Condition, positive: boolean, table: ExplanationTable): CompiledCondition {
  switch (condition.kind) {
    case 'always': {
      const id = table.empty
      return positive ? () => id : () => NOT_APPLICABLE
    }
    case 'not':
      return compile(condition.of, !positive, table)
    case 'all':
    case 'any': {
      const children = condition.of.map((c) => compile(c, positive, table))
      // not(all) = any(not …) and not(any) = all(not …)
      const conjunction = (condition.kind === 'all') === positive
      if (conjunction) {
        return (operator) => {
          let acc = table.empty
          for (let i = 0; i < children.length; i++) {
            const id = children[i]!(operator)
            if (id === NOT_APPLICABLE) return NOT_APPLICABLE
            acc = table.combine(acc, id)
          }
          return acc
        }
      }
      return (operator) => {
        for (let i = 0; i < children.length; i++) {
          const id = children[i]!(operator)
          if (id !== NOT_APPLICABLE) return id
        }
        return NOT_APPLICABLE
      }
    }
    case 'sector': {
      const sectors = [...condition.sectors]
      if (!positive) {
        const id = table.intern([`not(${conditionCode(condition)})`])
        return (operator) => (sectors.some((s) => operator.sectors.includes(s)) ? NOT_APPLICABLE : id)
      }
      const single = sectors.map((s) => table.intern([`sector:${s}`]))
      // An operator in several listed sectors: the explanation lists each matching sector, in the condition's
      // order; interned once per set of matches (a bit mask over the listed sectors).
      const several = new Map<number, number>()
      const explain = (matches: number[]) => table.intern(matches.map((i) => `sector:${sectors[i]}`))
      return (operator) => {
        let found = NOT_APPLICABLE
        let mask = 0
        let count = 0
        for (let i = 0; i < sectors.length; i++) {
          if (!operator.sectors.includes(sectors[i]!)) continue
          if (found === NOT_APPLICABLE) found = single[i]!
          if (i < 31) mask |= 1 << i
          count++
        }
        if (count < 2) return found
        if (sectors.length > 31) return explain(sectors.flatMap((s, i) => (operator.sectors.includes(s) ? [i] : [])))
        let id = several.get(mask)
        if (id === undefined) several.set(mask, id = explain(sectors.flatMap((_, i) => (mask & (1 << i) ? [i] : []))))
        return id
      }
    }
    case 'tier_level': {
      const levels = [...condition.levels]
      if (!positive) {
        const id = table.intern([`not(${conditionCode(condition)})`])
        return (operator) => (operator.tierLevel !== null && levels.includes(operator.tierLevel) ? NOT_APPLICABLE : id)
      }
      const ids = new Map(levels.map((l) => [l, table.intern([`tier_level:${l}`])]))
      return (operator) => (operator.tierLevel === null ? NOT_APPLICABLE : ids.get(operator.tierLevel) ?? NOT_APPLICABLE)
    }
    case 'flag': {
      const flag = condition.flag
      const id = table.intern([positive ? `flag:${flag}` : `not(flag:${flag})`])
      return (operator) => (Boolean(operator.flags[flag]) === positive ? id : NOT_APPLICABLE)
    }
    case 'fact': {
      const fact = condition.fact
      const id = table.intern([positive ? `fact:${fact}` : `not(fact:${fact})`])
      return (operator) => (hasFact(operator.facts, fact) === positive ? id : NOT_APPLICABLE)
    }
    default:
      throw new Error(`unknown condition kind: ${(condition as { kind?: unknown }).kind}`)
  }
}

/** Evaluates one condition for one operator (see the semantics above). */
export function evaluateCondition(condition: Condition, operator: OperatorContext): Evaluation {
  const table = new ExplanationTable()
  const id = compileCondition(condition, table)(operator)
  return id === NOT_APPLICABLE ? { applies: false, because: [] } : { applies: true, because: [...table.list(id)] }
}
