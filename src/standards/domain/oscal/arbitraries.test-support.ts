/**
 * fast-check generators for our own standards content, shared by the OSCAL round-trip and resolution tests.
 * Text deliberately includes what OSCAL makes awkward: empty strings, leading/trailing blanks, line breaks,
 * U+2028, quotes, Japanese, and parameter insertions.
 */
import fc from 'fast-check'
import { DomainError } from '../../../platform/errors.ts'
import type { Alteration, Condition, LocalizedText, Parameter, ProfileImport, ProfileSpec, RequirementNode } from '../model.ts'

const awkward = fc.constantFrom(
  '',
  ' ',
  'バックアップの復旧テストを{{ insert: param, p0_0 }}日ごとに実施すること。',
  'a.\n  1. line two',
  ' leading and trailing ',
  'quote " and \\ backslash',
  'sep\u2028arator',
  '遵守事項',
  '3.4.3.3',
  '<2.1.1(1)(a)-1>',
  '　全角スペース　',
)
export const textArb: fc.Arbitrary<string> = fc.oneof(awkward, fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }))
export const localizedArb: fc.Arbitrary<LocalizedText> = fc.record({ ja: textArb, en: textArb })

export const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Condition>({ kind: 'always' }),
    fc.record({ kind: fc.constant('sector' as const), sectors: fc.array(fc.constantFrom('medical', 'finance', '電力'), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('tier_level' as const), levels: fc.subarray(['baseline', 'standard', 'enhanced'] as const) }),
    fc.record({ kind: fc.constant('flag' as const), flag: fc.constantFrom('esDesignated' as const, 'acdDesignated' as const) }),
    fc.record({ kind: fc.constant('fact' as const), fact: fc.constantFrom('operates_ot', 'uses_cloud', '') }),
    fc.record({ kind: fc.constantFrom('all' as const, 'any' as const), of: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('not' as const), of: tie('c') }),
  ),
})).c

/** fc.record may build null-prototype objects; stored content is plain JSON data, so compare like with like. */
export const plainData = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

const valueArb: fc.Arbitrary<Parameter['value']> = fc.oneof(
  fc.constant(null),
  textArb,
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.boolean(),
)

function parameterArb(id: string): fc.Arbitrary<Parameter> {
  return fc
    .record({
      label: localizedArb,
      type: fc.constantFrom('integer', 'number', 'string', 'boolean', 'choice') as fc.Arbitrary<Parameter['type']>,
      value: valueArb,
      unit: fc.option(fc.constantFrom('日', 'days', '', ' h '), { nil: undefined }),
      stricter: fc.option(fc.constantFrom('lower' as const, 'higher' as const), { nil: undefined }),
      choices: fc.option(fc.array(textArb, { maxLength: 3 }), { nil: undefined }),
    })
    .map((p) => strip({ id, ...p }))
}

const ID_STEMS = ['us', '項目', 'ac', 'GV.OC', '_x']

/**
 * A random catalog of our own nodes, in the order an OSCAL re-import yields: depth-first, and under a group (or
 * at the root) child groups before child requirements; under a requirement, children as generated.
 */
export const nodesArb: fc.Arbitrary<RequirementNode[]> = fc
  .array(
    fc.record({
      parent: fc.nat(),
      hasParent: fc.boolean(),
      stem: fc.constantFrom(...ID_STEMS),
      kind: fc.constantFrom('group' as const, 'requirement' as const),
      number: textArb,
      title: localizedArb,
      text: localizedArb,
      strength: fc.constantFrom('must' as const, 'should' as const, 'may' as const, null),
      addressee: fc.constantFrom('government' as const, 'ministry' as const, 'operator' as const, null),
      paramCount: fc.nat({ max: 2 }),
      applicability: conditionArb,
      guidance: localizedArb,
      evidence: fc.array(localizedArb, { maxLength: 2 }),
      plain: fc.option(localizedArb, { nil: undefined }),
      withdrawn: fc.option(fc.constant(true as const), { nil: undefined }),
    }),
    { maxLength: 12 },
  )
  .chain((specs) =>
    fc
      .tuple(...specs.map((s, i) => fc.tuple(...Array.from({ length: s.paramCount }, (_, k) => parameterArb(`p${i}_${k}`)))))
      .map((paramLists) => {
        const nodes: RequirementNode[] = specs.map((s, i) =>
          strip({
            id: `${s.stem}-${i}`,
            parentId: s.hasParent && i > 0 ? `${specs[s.parent % i]!.stem}-${s.parent % i}` : null,
            number: s.number,
            kind: s.kind,
            title: s.title,
            text: s.text,
            strength: s.strength,
            addressee: s.addressee,
            parameters: paramLists[i] as Parameter[],
            applicability: s.applicability,
            guidance: s.guidance,
            evidence: s.evidence,
            plain: s.plain,
            withdrawn: s.withdrawn,
          }),
        )
        return plainData(canonicalOrder(nodes))
      }),
  )

export function canonicalOrder(nodes: RequirementNode[]): RequirementNode[] {
  const kids = new Map<string | null, RequirementNode[]>()
  for (const n of nodes) kids.set(n.parentId, [...(kids.get(n.parentId) ?? []), n])
  const out: RequirementNode[] = []
  const walk = (n: RequirementNode, asGroup: boolean) => {
    out.push(n)
    const children = kids.get(n.id) ?? []
    if (asGroup) {
      for (const c of children) if (c.kind === 'group') walk(c, true)
      for (const c of children) if (c.kind !== 'group') walk(c, false)
    } else for (const c of children) walk(c, false)
  }
  const roots = kids.get(null) ?? []
  for (const r of roots) if (r.kind === 'group') walk(r, true)
  for (const r of roots) if (r.kind !== 'group') walk(r, false)
  return out
}

const tokenArb = fc.oneof(fc.constantFrom('ac-1', 'ac-2.1', '項目-3', 'GV.OC-01', '_p'), fc.stringMatching(/^[a-z][a-z0-9.\-_]{0,6}$/))

export const profileSpecArb: fc.Arbitrary<ProfileSpec> = fc.record({
  imports: fc.array(
    fc.record({
      versionId: fc.oneof(fc.uuid(), fc.constantFrom('us-2026', 'v/1 ?&#', '統一基準')),
      include: fc.oneof(fc.constant('all' as const), fc.record({ ids: fc.array(tokenArb, { maxLength: 4 }), withChildren: fc.boolean() })),
      exclude: fc.array(tokenArb, { maxLength: 3 }),
    }) as fc.Arbitrary<ProfileImport>,
    { minLength: 1, maxLength: 3 },
  ),
  setParameters: fc.array(
    fc.record({ paramId: tokenArb, value: fc.oneof(textArb, fc.integer(), fc.boolean()) }),
    { maxLength: 3 },
  ),
  alters: fc.array(
    fc
      .record({
        nodeId: tokenArb,
        strength: fc.option(fc.constantFrom('must' as const, 'should' as const, 'may' as const), { nil: undefined }),
        addText: fc.option(localizedArb, { nil: undefined }),
        addGuidance: fc.option(localizedArb, { nil: undefined }),
        plain: fc.option(localizedArb, { nil: undefined }),
        removeEvidence: fc.option(fc.constant(true as const), { nil: undefined }),
      })
      .map((a) => strip(a) as Alteration),
    { maxLength: 3 },
  ),
}).map(plainData)

export const exportOptionsArb = fc.record({
  documentId: fc.oneof(fc.uuid(), fc.constant('us-2026-draft')),
  title: fc.constantFrom('統一基準（サンプル）', 'Sample Unified Standard'),
  version: fc.constantFrom('2026.1', 'draft 3', '1.0.0'),
  lang: fc.constantFrom('ja' as const, 'en' as const),
  lastModified: fc.constant('2026-04-01T09:00:00+09:00'),
})

/** Runs `f` and returns the DomainError it throws; any other outcome fails the test. */
export function thrown(f: () => unknown): DomainError {
  try {
    f()
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  throw new Error('expected a DomainError')
}
