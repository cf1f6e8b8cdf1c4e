import fc from 'fast-check'
import type { Condition, LocalizedText, Parameter, RequirementNode, TierLevel } from './model.ts'
import { ADDRESSEES, STRENGTHS } from './model.ts'
import { seededRandom } from '../../platform/seeded-random.ts'

/**
 * fast-check generators for the standards vocabulary, shared by the standards and obligations property tests.
 * Vocabularies are deliberately small so generated conditions and operators actually meet.
 */

export const SECTORS = ['medical', 'finance', 'energy', 'water'] as const
export const FACTS = ['uses_cloud', 'operates_ot', 'handles_personal_data'] as const
export const FLAGS = ['esDesignated', 'acdDesignated'] as const
export const TIER_LEVELS: readonly TierLevel[] = ['baseline', 'standard', 'enhanced']

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.constant<Condition>({ kind: 'always' }),
  fc.uniqueArray(fc.constantFrom(...SECTORS), { maxLength: 3 }).map((sectors): Condition => ({ kind: 'sector', sectors })),
  fc.uniqueArray(fc.constantFrom(...TIER_LEVELS), { maxLength: 3 }).map((levels): Condition => ({ kind: 'tier_level', levels })),
  fc.constantFrom(...FLAGS).map((flag): Condition => ({ kind: 'flag', flag })),
  fc.constantFrom(...FACTS).map((fact): Condition => ({ kind: 'fact', fact })),
)

export const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leaf,
    fc.array(tie('condition'), { maxLength: 3 }).map((of): Condition => ({ kind: 'all', of })),
    fc.array(tie('condition'), { maxLength: 3 }).map((of): Condition => ({ kind: 'any', of })),
    tie('condition').map((of): Condition => ({ kind: 'not', of })),
  ),
})).condition

export const localizedArb: fc.Arbitrary<LocalizedText> = fc.record({ ja: fc.string({ maxLength: 6 }), en: fc.string({ maxLength: 6 }) })

export const parameterArb = (id: string): fc.Arbitrary<Parameter> =>
  fc.oneof(
    fc.record({
      id: fc.constant(id),
      label: localizedArb,
      type: fc.constant<'integer'>('integer'),
      value: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      unit: fc.constant('days'),
      stricter: fc.constantFrom<'lower' | 'higher'>('lower', 'higher'),
    }),
    fc.record({
      id: fc.constant(id),
      label: localizedArb,
      type: fc.constant<'boolean'>('boolean'),
      value: fc.option(fc.boolean(), { nil: null }),
      stricter: fc.constantFrom<'lower' | 'higher'>('lower', 'higher'),
    }),
    fc.record({
      id: fc.constant(id),
      label: localizedArb,
      type: fc.constant<'string'>('string'),
      value: fc.option(fc.string({ maxLength: 4 }), { nil: null }),
    }),
  )

export const numberArb: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.')),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom('a', 'b', 'c'))
    .map(([a, b, c]) => `${a}.${b}(${b})(${c})`),
)

/** A node with the given id; `kind` defaults to a mix weighted towards requirements. */
export function nodeArb(id: string, overrides: { kind?: fc.Arbitrary<'group' | 'requirement'> } = {}): fc.Arbitrary<RequirementNode> {
  return fc.record(
    {
      id: fc.constant(id),
      parentId: fc.option(fc.constantFrom('g1', 'g2', 'g3'), { nil: null }),
      number: numberArb,
      kind: overrides.kind ?? fc.constantFrom<'group' | 'requirement'>('requirement', 'requirement', 'requirement', 'group'),
      title: localizedArb,
      text: localizedArb,
      strength: fc.option(fc.constantFrom(...STRENGTHS), { nil: null, freq: 8 }),
      addressee: fc.option(fc.constantFrom(...ADDRESSEES), { nil: null, freq: 6 }),
      parameters: fc.integer({ min: 0, max: 2 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => parameterArb(`${id}_prm_${i}`)))),
      applicability: conditionArb,
      guidance: localizedArb,
      evidence: fc.array(localizedArb, { maxLength: 2 }),
      plain: localizedArb,
      withdrawn: fc.boolean(),
    },
    { requiredKeys: ['id', 'parentId', 'number', 'kind', 'title', 'text', 'strength', 'addressee', 'parameters', 'applicability', 'guidance', 'evidence'] },
  )
}

/** A catalog of nodes with unique ids `n0 … n(k-1)`. */
export const catalogArb = (maxLength = 12): fc.Arbitrary<RequirementNode[]> =>
  fc.integer({ min: 0, max: maxLength }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => nodeArb(`n${i}`))))

/** A seeded random source for shuffles whose seed fast-check generates (and shrinks). */
export const seeded = (seed: number): (() => number) => seededRandom(seed)

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** A deep copy whose objects have their keys in a different order (a JSON round trip through another serialiser). */
export function reorderKeys<T>(value: T, random: () => number): T {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, random)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(shuffled(Object.entries(value), random).map(([k, v]) => [k, reorderKeys(v, random)])) as T
  }
  return value
}
