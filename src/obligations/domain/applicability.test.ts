import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Condition } from '../../standards/domain/model.ts'
import { conditionArb, FACTS, FLAGS, SECTORS, seeded, shuffled, TIER_LEVELS } from '../../standards/domain/arbitraries.test-support.ts'
import { evaluateCondition, type OperatorContext } from './applicability.ts'

const operatorArb: fc.Arbitrary<OperatorContext> = fc.record({
  organisationId: fc.constant('op-1'),
  sectors: fc.uniqueArray(fc.constantFrom(...SECTORS), { maxLength: 2 }),
  tierLevel: fc.option(fc.constantFrom(...TIER_LEVELS), { nil: null }),
  tierKey: fc.constant(null),
  flags: fc.record({ esDesignated: fc.boolean(), acdDesignated: fc.boolean() }),
  facts: fc.uniqueArray(fc.constantFrom(...FACTS)),
})

/** The boolean meaning of a condition, written from the model's comments: the specification `applies` must meet. */
function meaning(c: Condition, op: OperatorContext): boolean {
  const facts = new Set(op.facts)
  switch (c.kind) {
    case 'always': return true
    case 'sector': return c.sectors.some((s) => op.sectors.includes(s))
    case 'tier_level': return op.tierLevel !== null && c.levels.includes(op.tierLevel)
    case 'flag': return op.flags[c.flag]
    case 'fact': return facts.has(c.fact)
    case 'all': return c.of.every((x) => meaning(x, op))
    case 'any': return c.of.some((x) => meaning(x, op))
    case 'not': return !meaning(c.of, op)
  }
}

/** Is this explanation code a true statement about the operator? */
function codeHolds(code: string, op: OperatorContext): boolean {
  const negated = /^not\((.*)\)$/.exec(code)
  if (negated) {
    const [kind, values] = negated[1]!.split(':') as [string, string]
    const listed = values === '' ? [] : values.split('|')
    switch (kind) {
      case 'sector': return !listed.some((s) => op.sectors.includes(s))
      case 'tier_level': return op.tierLevel === null || !listed.includes(op.tierLevel)
      case 'flag': return !op.flags[values as (typeof FLAGS)[number]]
      case 'fact': return !new Set(op.facts).has(values)
      default: return false
    }
  }
  const [kind, value] = code.split(':') as [string, string]
  switch (kind) {
    case 'sector': return op.sectors.includes(value)
    case 'tier_level': return op.tierLevel === value
    case 'flag': return op.flags[value as (typeof FLAGS)[number]] === true
    case 'fact': return new Set(op.facts).has(value)
    default: return false
  }
}

const clinic: OperatorContext = {
  organisationId: 'clinic-kaede',
  sectors: ['medical'],
  tierLevel: 'baseline',
  tierKey: 'medical-small',
  flags: { esDesignated: false, acdDesignated: true },
  facts: new Set(['uses_cloud']),
}

describe('evaluateCondition: examples', () => {
  it('names the matching leaf', () => {
    expect(evaluateCondition({ kind: 'always' }, clinic)).toEqual({ applies: true, because: [] })
    expect(evaluateCondition({ kind: 'sector', sectors: ['finance', 'medical'] }, clinic)).toEqual({ applies: true, because: ['sector:medical'] })
    expect(evaluateCondition({ kind: 'tier_level', levels: ['baseline'] }, clinic)).toEqual({ applies: true, because: ['tier_level:baseline'] })
    expect(evaluateCondition({ kind: 'flag', flag: 'acdDesignated' }, clinic)).toEqual({ applies: true, because: ['flag:acdDesignated'] })
    expect(evaluateCondition({ kind: 'fact', fact: 'uses_cloud' }, clinic)).toEqual({ applies: true, because: ['fact:uses_cloud'] })
    expect(evaluateCondition({ kind: 'fact', fact: 'operates_ot' }, clinic)).toEqual({ applies: false, because: [] })
  })

  it('lists every listed sector the operator is in', () => {
    const op = { ...clinic, sectors: ['medical', 'finance'] }
    expect(evaluateCondition({ kind: 'sector', sectors: ['finance', 'energy', 'medical'] }, op).because).toEqual(['sector:finance', 'sector:medical'])
  })

  it('all joins its children’s reasons without duplicates; any gives only the first satisfied child’s', () => {
    const all: Condition = { kind: 'all', of: [{ kind: 'fact', fact: 'uses_cloud' }, { kind: 'sector', sectors: ['medical'] }, { kind: 'fact', fact: 'uses_cloud' }] }
    expect(evaluateCondition(all, clinic).because).toEqual(['fact:uses_cloud', 'sector:medical'])
    const any: Condition = { kind: 'any', of: [{ kind: 'fact', fact: 'operates_ot' }, { kind: 'flag', flag: 'acdDesignated' }, { kind: 'fact', fact: 'uses_cloud' }] }
    expect(evaluateCondition(any, clinic).because).toEqual(['flag:acdDesignated'])
  })

  it('explains negations as not(…) at the leaves', () => {
    expect(evaluateCondition({ kind: 'not', of: { kind: 'sector', sectors: ['finance', 'energy'] } }, clinic))
      .toEqual({ applies: true, because: ['not(sector:finance|energy)'] })
    const notAll: Condition = { kind: 'not', of: { kind: 'all', of: [{ kind: 'fact', fact: 'uses_cloud' }, { kind: 'fact', fact: 'operates_ot' }] } }
    expect(evaluateCondition(notAll, clinic).because).toEqual(['not(fact:operates_ot)'])
    const notAny: Condition = { kind: 'not', of: { kind: 'any', of: [{ kind: 'flag', flag: 'esDesignated' }, { kind: 'tier_level', levels: ['enhanced'] }] } }
    expect(evaluateCondition(notAny, clinic).because).toEqual(['not(flag:esDesignated)', 'not(tier_level:enhanced)'])
    expect(evaluateCondition({ kind: 'not', of: { kind: 'always' } }, clinic).applies).toBe(false)
  })

  it('an operator without a tier level meets no tier condition', () => {
    const untiered = { ...clinic, tierLevel: null }
    expect(evaluateCondition({ kind: 'tier_level', levels: ['baseline', 'standard', 'enhanced'] }, untiered).applies).toBe(false)
    expect(evaluateCondition({ kind: 'not', of: { kind: 'tier_level', levels: ['baseline'] } }, untiered))
      .toEqual({ applies: true, because: ['not(tier_level:baseline)'] })
  })

  it('rejects an unknown condition kind', () => {
    expect(() => evaluateCondition({ kind: 'sometimes' } as unknown as Condition, clinic)).toThrow(/sometimes/)
  })
})

describe('evaluateCondition: properties', () => {
  it('applies exactly when the condition means true for the operator', () => {
    fc.assert(fc.property(conditionArb, operatorArb, (c, op) => {
      expect(evaluateCondition(c, op).applies).toBe(meaning(c, op))
    }), { numRuns: 500 })
  })

  it('every reason given is a true statement about the operator; no reasons when it does not apply', () => {
    fc.assert(fc.property(conditionArb, operatorArb, (c, op) => {
      const { applies, because } = evaluateCondition(c, op)
      if (!applies) expect(because).toEqual([])
      for (const code of because) expect(codeHolds(code, op), code).toBe(true)
      expect(new Set(because).size).toBe(because.length)
    }), { numRuns: 500 })
  })

  it('not(not(c)) is c, reasons included', () => {
    fc.assert(fc.property(conditionArb, operatorArb, (c, op) => {
      expect(evaluateCondition({ kind: 'not', of: { kind: 'not', of: c } }, op)).toEqual(evaluateCondition(c, op))
    }))
  })

  it('all([]) applies with no reasons and any([]) does not apply, for every operator', () => {
    fc.assert(fc.property(operatorArb, (op) => {
      expect(evaluateCondition({ kind: 'all', of: [] }, op)).toEqual({ applies: true, because: [] })
      expect(evaluateCondition({ kind: 'any', of: [] }, op)).toEqual({ applies: false, because: [] })
    }))
  })

  it('the order of all/any children changes at most the reasons, never whether it applies', () => {
    fc.assert(fc.property(fc.array(conditionArb, { maxLength: 4 }), operatorArb, fc.integer(), (of, op, seed) => {
      const other = shuffled(of, seeded(seed))
      for (const kind of ['all', 'any'] as const) {
        expect(evaluateCondition({ kind, of: other }, op).applies).toBe(evaluateCondition({ kind, of }, op).applies)
      }
    }))
  })

  it('facts given as a Set or as an array evaluate the same', () => {
    fc.assert(fc.property(conditionArb, operatorArb, (c, op) => {
      expect(evaluateCondition(c, { ...op, facts: new Set(op.facts) })).toEqual(evaluateCondition(c, op))
    }))
  })
})
