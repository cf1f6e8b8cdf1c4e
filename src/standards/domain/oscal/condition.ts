/**
 * Structural check of an applicability Condition read from outside (the Kaname `applicability` prop). Exact keys
 * only, so that what is accepted is exactly what export writes back.
 */
import type { Condition, TierLevel } from '../model.ts'
import type { FieldError } from '../../../platform/errors.ts'

const TIER_LEVELS: readonly TierLevel[] = ['baseline', 'standard', 'enhanced']
const FLAGS = ['esDesignated', 'acdDesignated'] as const

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string')

/** Returns the condition, or undefined after pushing an error naming the offending path. Depth-limited. */
export function parseCondition(v: unknown, path: string, errors: FieldError[], depth = 0): Condition | undefined {
  const fail = (message: string, at = path) => {
    errors.push({ path: at, message })
    return undefined
  }
  if (depth > 32) return fail('condition nested too deeply')
  if (!isObj(v)) return fail('condition must be an object')
  const keys = Object.keys(v).sort().join(',')
  const expect = (k: string) => keys === k || fail(`condition of kind "${String(v.kind)}" must have exactly the keys ${k}`)
  switch (v.kind) {
    case 'always':
      return expect('kind') === true ? { kind: 'always' } : undefined
    case 'sector':
      if (expect('kind,sectors') !== true) return undefined
      return isStringArray(v.sectors) ? { kind: 'sector', sectors: [...v.sectors] } : fail('sectors must be an array of strings', `${path}/sectors`)
    case 'tier_level':
      if (expect('kind,levels') !== true) return undefined
      return Array.isArray(v.levels) && v.levels.every((l) => (TIER_LEVELS as readonly unknown[]).includes(l))
        ? { kind: 'tier_level', levels: [...(v.levels as TierLevel[])] }
        : fail(`levels must be an array of ${TIER_LEVELS.join(', ')}`, `${path}/levels`)
    case 'flag':
      if (expect('flag,kind') !== true) return undefined
      return (FLAGS as readonly unknown[]).includes(v.flag)
        ? { kind: 'flag', flag: v.flag as (typeof FLAGS)[number] }
        : fail(`flag must be one of ${FLAGS.join(', ')}`, `${path}/flag`)
    case 'fact':
      if (expect('fact,kind') !== true) return undefined
      return typeof v.fact === 'string' ? { kind: 'fact', fact: v.fact } : fail('fact must be a string', `${path}/fact`)
    case 'all':
    case 'any': {
      if (expect('kind,of') !== true) return undefined
      if (!Array.isArray(v.of)) return fail('of must be an array', `${path}/of`)
      const of: Condition[] = []
      for (let i = 0; i < v.of.length; i++) {
        const c = parseCondition(v.of[i], `${path}/of/${i}`, errors, depth + 1)
        if (!c) return undefined
        of.push(c)
      }
      return { kind: v.kind, of }
    }
    case 'not': {
      if (expect('kind,of') !== true) return undefined
      const c = parseCondition(v.of, `${path}/of`, errors, depth + 1)
      return c ? { kind: 'not', of: c } : undefined
    }
    default:
      return fail(`unknown condition kind ${JSON.stringify(v.kind) ?? 'undefined'}`, `${path}/kind`)
  }
}
