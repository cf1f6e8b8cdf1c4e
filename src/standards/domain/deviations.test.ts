import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Condition, Parameter, RequirementNode, TierLevel } from './model.ts'
import { catalogArb, conditionArb, FACTS, FLAGS, reorderKeys, SECTORS, seeded, shuffled, TIER_LEVELS } from './arbitraries.test-support.ts'
import {
  compareNumbers, compareStrictness, findDeviations, possiblyApplies, unexcused, type ExceptionDecision, type TierContext,
} from './deviations.ts'
import { evaluateCondition, type OperatorContext } from '../../obligations/domain/applicability.ts'

function req(id: string, number: string, over: Partial<RequirementNode> = {}): RequirementNode {
  return {
    id, number, parentId: null, kind: 'requirement',
    title: { ja: `要求${number}`, en: `Requirement ${number}` }, text: { ja: '', en: '' },
    strength: 'must', addressee: 'operator', parameters: [], applicability: { kind: 'always' },
    guidance: { ja: '', en: '' }, evidence: [], ...over,
  }
}

const days = (value: Parameter['value'], stricter: 'lower' | 'higher' = 'lower'): Parameter =>
  ({ id: 'interval', label: { ja: '間隔', en: 'Interval' }, type: 'integer', value, unit: 'days', stricter })
const flag = (value: Parameter['value']): Parameter =>
  ({ id: 'offline_copy', label: { ja: 'オフライン', en: 'Offline copy' }, type: 'boolean', value, stricter: 'higher' })

const ctx: TierContext = { tierLevel: 'baseline', sectorId: 'medical' }

describe('compareNumbers', () => {
  it('orders official numbers naturally', () => {
    expect(compareNumbers('3.4.10', '3.4.9')).toBeGreaterThan(0)
    expect(compareNumbers('3.4.9', '3.4.10')).toBeLessThan(0)
    expect(compareNumbers('3.4', '3.4.1')).toBeLessThan(0)
    expect(compareNumbers('2.1.1(1)(a)', '2.1.1(1)(b)')).toBeLessThan(0)
    expect(compareNumbers('2.1.1(2)', '2.1.1(10)')).toBeLessThan(0)
    expect(compareNumbers('2.1.1(1)(a)', '<2.1.1(1)(a)-1>')).toBeLessThan(0)
    expect(compareNumbers('<2.1.1(1)(a)-1>', '2.1.1(1)(b)')).toBeLessThan(0)
    expect(compareNumbers('GV.OC-01', 'GV.OC-02')).toBeLessThan(0)
    expect(compareNumbers('ac-2.10', 'ac-2.9')).toBeGreaterThan(0)
    expect(compareNumbers('３．４．１０', '3.4.9')).toBeGreaterThan(0)
    expect(compareNumbers('12345678901234567890', '9')).toBeGreaterThan(0)
    expect(compareNumbers('3.1', '3.1')).toBe(0)
  })

  it('is a total order: antisymmetric, transitive, zero only for equal strings', () => {
    const numberish = fc.stringMatching(/^[<(]?[0-9]{1,3}([.\-(][0-9a-c]{1,2}\)?){0,3}>?$/)
    fc.assert(fc.property(numberish, numberish, numberish, (a, b, c) => {
      // `|| 0` because toBe tells -0 from 0
      expect(Math.sign(compareNumbers(a, b))).toBe(-Math.sign(compareNumbers(b, a)) || 0)
      expect(compareNumbers(a, b) === 0).toBe(a === b)
      if (compareNumbers(a, b) <= 0 && compareNumbers(b, c) <= 0) expect(compareNumbers(a, c)).toBeLessThanOrEqual(0)
    }), { numRuns: 500 })
  })
})

describe('compareStrictness', () => {
  it('reads each direction and type', () => {
    expect(compareStrictness(days(null), 30, 90)).toBe(1)
    expect(compareStrictness(days(null), '90', 30)).toBe(-1)
    expect(compareStrictness(days(null, 'higher'), 90, 30)).toBe(1)
    expect(compareStrictness(flag(null), true, false)).toBe(1)
    expect(compareStrictness(flag(null), 'false', true)).toBe(-1)
    expect(compareStrictness({ type: 'choice', stricter: 'lower', choices: ['daily', 'weekly', 'monthly'] }, 'weekly', 'monthly')).toBe(1)
    expect(compareStrictness(days(null), null, 30)).toBe(-1)
    expect(compareStrictness({ type: 'string' }, 'a', 'b')).toBeNull()
    expect(compareStrictness({ type: 'string' }, 'a', 'a')).toBe(0)
    expect(compareStrictness(days(null), 'soon', 30)).toBeNull()
  })
})

describe('findDeviations: each kind', () => {
  const base = [
    req('a', '3.1'),
    req('b', '3.2', { parameters: [days(30)] }),
    req('c', '3.10', { parameters: [flag(true)] }),
    req('d', '3.3'),
    req('e', '3.4', { applicability: { kind: 'tier_level', levels: ['enhanced'] } }),
    req('f', '3.5', { applicability: { kind: 'sector', sectors: ['finance'] } }),
    req('g', '3.6', { strength: 'should' }),
    req('h', '3.7', { addressee: 'ministry' }),
    req('i', '3.8', { applicability: { kind: 'fact', fact: 'uses_cloud' } }),
    req('j', '3.9', { parameters: [{ id: 'tool', label: { ja: '', en: '' }, type: 'string', value: 'EDR' }] }),
  ]

  it('finds nothing in an identical profile', () => {
    expect(findDeviations(base, base, ctx)).toEqual([])
  })

  it('reports dropped, weakened strength and weakened parameters, ordered by number', () => {
    const profile = [
      // a dropped; i (a must for operators that use the cloud) dropped too
      req('b', '3.2', { parameters: [days(90)] }),
      req('c', '3.10', { parameters: [flag(false)] }),
      req('d', '3.3', { strength: 'should' }),
      req('j', '3.9', { parameters: [{ id: 'tool', label: { ja: '', en: '' }, type: 'string', value: 'antivirus' }] }),
      // e, f, g, h do not bind a medical baseline operator as musts, so leaving them out is no deviation
    ]
    expect(findDeviations(base, profile, ctx)).toEqual([
      { nodeId: 'a', number: '3.1', kind: 'dropped', detail: 'absent' },
      { nodeId: 'b', number: '3.2', kind: 'weakened_parameter', detail: 'parameter:interval:30->90' },
      { nodeId: 'd', number: '3.3', kind: 'weakened_strength', detail: 'strength:must->should' },
      { nodeId: 'i', number: '3.8', kind: 'dropped', detail: 'absent' },
      { nodeId: 'c', number: '3.10', kind: 'weakened_parameter', detail: 'parameter:offline_copy:true->false' },
    ])
  })

  it('tightening is not a deviation', () => {
    const profile = base.map((n) => n.id === 'b' ? { ...n, parameters: [days(7)] } : n.id === 'g' ? { ...n, strength: 'must' as const } : n)
    expect(findDeviations(base, profile, ctx)).toEqual([])
  })

  it('withdrawing, readdressing, unsetting or removing a parameter, or making it inapplicable counts', () => {
    const profile = base.map((n) => {
      switch (n.id) {
        case 'a': return { ...n, withdrawn: true }
        case 'b': return { ...n, parameters: [] }
        case 'c': return { ...n, parameters: [flag(null)] }
        case 'd': return { ...n, addressee: 'ministry' as const }
        case 'i': return { ...n, applicability: { kind: 'tier_level', levels: ['enhanced'] } as Condition }
        default: return n
      }
    })
    expect(findDeviations(base, profile, ctx).map((d) => [d.nodeId, d.kind, d.detail])).toEqual([
      ['a', 'dropped', 'withdrawn'],
      ['b', 'weakened_parameter', 'parameter:interval:30->removed'],
      ['d', 'dropped', 'addressee:ministry'],
      ['i', 'dropped', 'not-applicable'],
      ['c', 'weakened_parameter', 'parameter:offline_copy:true->null'],
    ])
  })

  it('narrowing who a must applies to is a drop for the operators left out', () => {
    const profile = base.map((n) => n.id === 'a' ? { ...n, applicability: { kind: 'fact', fact: 'operates_ot' } as Condition } : n)
    expect(findDeviations(base, profile, ctx)).toEqual([{ nodeId: 'a', number: '3.1', kind: 'dropped', detail: 'narrowed-applicability' }])
  })

  it('a must for another tier or sector binds that tier or sector', () => {
    expect(findDeviations(base, base.filter((n) => n.id !== 'e'), { tierLevel: 'enhanced', sectorId: 'medical' }))
      .toEqual([{ nodeId: 'e', number: '3.4', kind: 'dropped', detail: 'absent' }])
    expect(findDeviations(base, base.filter((n) => n.id !== 'f'), { tierLevel: 'baseline', sectorId: 'finance' }))
      .toEqual([{ nodeId: 'f', number: '3.5', kind: 'dropped', detail: 'absent' }])
    // Without a sector, any operator of the tier might be in finance.
    expect(findDeviations(base, base.filter((n) => n.id !== 'f'), { tierLevel: 'baseline' })).toHaveLength(1)
  })

  it('a contradiction never applies, so dropping it is no deviation', () => {
    const never = req('x', '9.9', { applicability: { kind: 'all', of: [{ kind: 'fact', fact: 'uses_cloud' }, { kind: 'not', of: { kind: 'fact', fact: 'uses_cloud' } }] } })
    expect(findDeviations([never], [], ctx)).toEqual([])
  })
})

/** Every operator a profile for `context` could be written for: all fact/flag combinations (and sector sets, without a sector). */
function operatorsOf(context: TierContext): OperatorContext[] {
  const sectorSets = context.sectorId ? [[context.sectorId]] : Array.from({ length: 2 ** SECTORS.length }, (_, m) => SECTORS.filter((_, i) => m & (1 << i)))
  const out: OperatorContext[] = []
  for (const sectors of sectorSets) {
    for (let m = 0; m < 2 ** (FACTS.length + FLAGS.length); m++) {
      out.push({
        organisationId: 'hypothetical', sectors: [...sectors], tierLevel: context.tierLevel, tierKey: null,
        facts: FACTS.filter((_, i) => m & (1 << i)),
        flags: { esDesignated: Boolean(m & (1 << FACTS.length)), acdDesignated: Boolean(m & (1 << (FACTS.length + 1))) },
      })
    }
  }
  return out
}

const contextArb: fc.Arbitrary<TierContext> = fc.record({
  tierLevel: fc.constantFrom<TierLevel>(...TIER_LEVELS),
  sectorId: fc.option(fc.constantFrom(...SECTORS), { nil: null }),
})

/** The musts a profile may not drop, decided by evaluating each for every hypothetical operator. */
function bindingMusts(nodes: RequirementNode[], context: TierContext): Set<string> {
  const operators = operatorsOf(context)
  return new Set(nodes
    .filter((n) => n.kind === 'requirement' && !n.withdrawn && n.strength === 'must' && (n.addressee === null || n.addressee === 'operator'))
    .filter((n) => operators.some((op) => evaluateCondition(n.applicability, op).applies))
    .map((n) => n.id))
}

describe('findDeviations: properties', () => {
  it('possiblyApplies holds exactly when some operator of the tier meets the condition', () => {
    fc.assert(fc.property(conditionArb, contextArb, (c, context) => {
      expect(possiblyApplies(c, context)).toBe(operatorsOf(context).some((op) => evaluateCondition(c, op).applies))
    }), { numRuns: 300 })
  })

  it('a profile equal to its base, however serialised and ordered, has no deviations', () => {
    fc.assert(fc.property(catalogArb(), contextArb, fc.integer(), (nodes, context, seed) => {
      const random = seeded(seed)
      expect(findDeviations(nodes, shuffled(nodes.map((n) => reorderKeys(n, random)), random), context)).toEqual([])
    }))
  })

  it('removing one node yields exactly one `dropped` when it is a must binding the tier, and nothing otherwise', () => {
    fc.assert(fc.property(catalogArb().filter((n) => n.length > 0), contextArb, fc.nat(), (nodes, context, pick) => {
      const removed = nodes[pick % nodes.length]!
      const deviations = findDeviations(nodes, nodes.filter((n) => n !== removed), context)
      if (bindingMusts(nodes, context).has(removed.id)) {
        expect(deviations).toEqual([{ nodeId: removed.id, number: removed.number, kind: 'dropped', detail: 'absent' }])
      } else {
        expect(deviations).toEqual([])
      }
    }), { numRuns: 300 })
  })
})

describe('unexcused', () => {
  const deviations = findDeviations([req('a', '3.1'), req('b', '3.2', { parameters: [days(30)] })], [req('b', '3.2', { parameters: [days(90)] })], ctx)
  const now = '2026-04-01T00:00:00.000Z'
  const exception = (over: Partial<ExceptionDecision>): ExceptionDecision =>
    ({ nodeId: 'a', kind: 'dropped', status: 'approved', expiresAt: '2027-03-31T00:00:00Z', ...over })

  it('every deviation blocks without exceptions', () => {
    expect(unexcused(deviations, [], now)).toEqual(deviations)
  })

  it('an approved, unexpired exception of the same node and kind excuses', () => {
    expect(unexcused(deviations, [exception({})], now).map((d) => d.nodeId)).toEqual(['b'])
    expect(unexcused(deviations, [exception({}), exception({ nodeId: 'b', kind: 'weakened_parameter' })], now)).toEqual([])
  })

  it('requested, rejected, expired, or other-kind exceptions do not', () => {
    for (const e of [
      exception({ status: 'requested' }),
      exception({ status: 'rejected' }),
      exception({ expiresAt: '2026-03-31T23:59:59Z' }),
      exception({ expiresAt: now }),
      exception({ expiresAt: 'never' }),
      exception({ kind: 'weakened_strength' }),
      exception({ nodeId: 'b' }),
    ]) {
      expect(unexcused(deviations, [e], now).map((d) => d.nodeId), JSON.stringify(e)).toEqual(['a', 'b'])
    }
  })

  it('compares instants, not strings', () => {
    // 08:30 in Tokyo is 23:30 UTC the day before: already expired at `now`.
    expect(unexcused(deviations, [exception({ expiresAt: '2026-04-01T08:30:00+09:00' })], now).map((d) => d.nodeId)).toEqual(['a', 'b'])
    expect(unexcused(deviations, [exception({ expiresAt: '2026-04-01T09:30:00+09:00' })], now).map((d) => d.nodeId)).toEqual(['b'])
    expect(() => unexcused(deviations, [], 'yesterday')).toThrow(/now/)
  })
})
