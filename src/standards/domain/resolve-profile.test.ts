import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../platform/errors.ts'
import { PROFILE_CYCLE_ERROR, PROFILE_DANGLING_ERROR, resolveProfile } from './resolve-profile.ts'
import { nodesArb, thrown } from './oscal/arbitraries.test-support.ts'
import type { ProfileSpec, RequirementNode, VersionContent } from './model.ts'

function node(id: string, parentId: string | null, kind: RequirementNode['kind'] = 'requirement', extra: Partial<RequirementNode> = {}): RequirementNode {
  return {
    id,
    parentId,
    number: id.toUpperCase(),
    kind,
    title: { ja: id, en: id },
    text: { ja: `${id} 本文`, en: `${id} text` },
    strength: kind === 'group' ? null : 'should',
    addressee: kind === 'group' ? null : 'operator',
    parameters: [],
    applicability: { kind: 'always' },
    guidance: { ja: '', en: '' },
    evidence: [{ ja: '規程', en: 'policy' }],
    ...extra,
  }
}

// ch1 { r1 { r1.a, r1.b }, r2 }, ch2 { sec { r3 } }, r4 (top-level requirement)
const CATALOG: RequirementNode[] = [
  node('ch1', null, 'group'),
  node('r1', 'ch1', 'requirement', { parameters: [{ id: 'days', label: { ja: '日数', en: 'days' }, type: 'integer', value: 30, stricter: 'lower' }] }),
  node('r1.a', 'r1'),
  node('r1.b', 'r1'),
  node('r2', 'ch1'),
  node('ch2', null, 'group'),
  node('sec', 'ch2', 'group'),
  node('r3', 'sec'),
  node('r4', null),
]

const spec = (partial: Partial<ProfileSpec>): ProfileSpec => ({ imports: [], setParameters: [], alters: [], ...partial })

function resolve(profile: ProfileSpec, own: RequirementNode[] = [], extra: Record<string, VersionContent> = {}) {
  const contents = new Map<string, VersionContent>(Object.entries({ cat: { nodes: CATALOG, profile: null }, prof: { nodes: own, profile }, ...extra }))
  return resolveProfile('prof', (id) => contents.get(id))
}
const shape = (nodes: RequirementNode[]) => nodes.map((n) => `${n.id}<${n.parentId ?? ''}`)

describe('resolveProfile selection and merge as-is', () => {
  it('include-all keeps everything in source order with its origin', () => {
    const got = resolve(spec({ imports: [{ versionId: 'cat', include: 'all', exclude: [] }] }))
    expect(got.map((n) => n.id)).toEqual(CATALOG.map((n) => n.id))
    expect(got[1]!.origin).toEqual({ versionId: 'cat', number: 'R1' })
  })

  it('with-ids keeps the listed requirements plus their ancestors as structure', () => {
    const got = resolve(spec({ imports: [{ versionId: 'cat', include: { ids: ['r1.b', 'r3'], withChildren: false }, exclude: [] }] }))
    expect(shape(got)).toEqual(['ch1<', 'r1<ch1', 'r1.b<r1', 'ch2<', 'sec<ch2', 'r3<sec'])
  })

  it('with-child-controls takes descendants; a listed group takes its subtree', () => {
    expect(shape(resolve(spec({ imports: [{ versionId: 'cat', include: { ids: ['r1'], withChildren: true }, exclude: [] }] })))).toEqual(['ch1<', 'r1<ch1', 'r1.a<r1', 'r1.b<r1'])
    expect(shape(resolve(spec({ imports: [{ versionId: 'cat', include: { ids: ['ch2'], withChildren: false }, exclude: [] }] })))).toEqual(['ch2<', 'sec<ch2', 'r3<sec'])
  })

  it('exclude removes only the listed requirement (children re-hang) or a whole group subtree', () => {
    expect(shape(resolve(spec({ imports: [{ versionId: 'cat', include: 'all', exclude: ['r1', 'sec'] }] })))).toEqual(['ch1<', 'r1.a<ch1', 'r1.b<ch1', 'r2<ch1', 'r4<'])
  })

  it('unions several imports of one version and appends the profile own nodes', () => {
    const own = [node('m1', 'ch2'), node('m2', null)]
    const got = resolve(
      spec({
        imports: [
          { versionId: 'cat', include: { ids: ['r2'], withChildren: false }, exclude: [] },
          { versionId: 'cat', include: { ids: ['r4'], withChildren: false }, exclude: [] },
        ],
      }),
      own,
    )
    expect(shape(got)).toEqual(['ch1<', 'r2<ch1', 'r4<', 'm1<ch2', 'm2<'])
    expect(got.at(-1)!.origin).toEqual({ versionId: 'prof', number: 'M2' })
  })

  it('applies set-parameters (typed) and alters, without touching the source', () => {
    const got = resolve(
      spec({
        imports: [{ versionId: 'cat', include: 'all', exclude: [] }],
        setParameters: [{ paramId: 'days', value: '7' }],
        alters: [{ nodeId: 'r2', strength: 'must', addText: { ja: '追加', en: '' }, addGuidance: { ja: '', en: 'more' }, plain: { ja: 'やさしい', en: 'plain' }, removeEvidence: true }],
      }),
    )
    expect(got.find((n) => n.id === 'r1')!.parameters[0]!.value).toBe(7)
    expect(got.find((n) => n.id === 'r2')).toMatchObject({ strength: 'must', text: { ja: 'r2 本文\n追加', en: 'r2 text' }, guidance: { ja: '', en: 'more' }, plain: { ja: 'やさしい', en: 'plain' }, evidence: [] })
    expect(CATALOG[1]!.parameters[0]!.value).toBe(30)
    expect(CATALOG[4]!.strength).toBe('should')
  })

  it('recurses into profiles of profiles, keeping the deepest origin', () => {
    const inner: VersionContent = { nodes: [node('x1', null)], profile: spec({ imports: [{ versionId: 'cat', include: { ids: ['r3'], withChildren: false }, exclude: [] }], setParameters: [] }) }
    const got = resolve(spec({ imports: [{ versionId: 'inner', include: { ids: ['r3', 'x1'], withChildren: false }, exclude: [] }] }), [], { inner })
    expect(shape(got)).toEqual(['ch2<', 'sec<ch2', 'r3<sec', 'x1<'])
    expect(got.map((n) => n.origin.versionId)).toEqual(['cat', 'cat', 'cat', 'inner'])
  })
})

describe('resolveProfile errors', () => {
  it('refuses an import cycle A → B → A, naming it', () => {
    const contents = new Map<string, VersionContent>([
      ['A', { nodes: [], profile: spec({ imports: [{ versionId: 'B', include: 'all', exclude: [] }] }) }],
      ['B', { nodes: [], profile: spec({ imports: [{ versionId: 'cat', include: 'all', exclude: [] }, { versionId: 'A', include: 'all', exclude: [] }] }) }],
      ['cat', { nodes: CATALOG, profile: null }],
    ])
    const e = thrown(() => resolveProfile('A', (id) => contents.get(id)))
    expect(e.code).toBe(PROFILE_CYCLE_ERROR)
    expect(e.message).toBe('Profile import cycle: A → B → A')
    expect(e.fieldErrors).toEqual([{ path: 'profile.imports[0].profile.imports[1]', message: 'import cycle A → B → A' }])
    const self = new Map<string, VersionContent>([['S', { nodes: [], profile: spec({ imports: [{ versionId: 'S', include: 'all', exclude: [] }] }) }]])
    expect(thrown(() => resolveProfile('S', (id) => self.get(id))).message).toBe('Profile import cycle: S → S')
  })

  it('names every dangling reference with its location', () => {
    const inner: VersionContent = { nodes: [], profile: spec({ imports: [{ versionId: 'cat', include: 'all', exclude: [] }], alters: [{ nodeId: 'ghost' }] }) }
    const e = thrown(() =>
      resolve(
        spec({
          imports: [
            { versionId: 'cat', include: { ids: ['r1', 'nope', 'r2', 'zz'], withChildren: false }, exclude: ['missing'] },
            { versionId: 'gone', include: 'all', exclude: [] },
            { versionId: 'inner', include: { ids: ['r4'], withChildren: false }, exclude: [] },
          ],
          setParameters: [{ paramId: 'unknown', value: 1 }],
          alters: [{ nodeId: 'r3', strength: 'must' }],
        }),
        [node('r1', null)],
        { inner },
      ),
    )
    expect(e.code).toBe(PROFILE_DANGLING_ERROR)
    expect(e.fieldErrors).toEqual([
      { path: 'profile.imports[0].include-controls[0].with-ids[1]', message: 'no node "nope" in version "cat"' },
      { path: 'profile.imports[0].include-controls[0].with-ids[3]', message: 'no node "zz" in version "cat"' },
      { path: 'profile.imports[0].exclude-controls[0].with-ids[0]', message: 'no node "missing" in version "cat"' },
      { path: 'profile.imports[1]', message: 'no version "gone"' },
      { path: 'profile.imports[2].profile.modify.alters[0].control-id', message: 'no node "ghost" in the resolved nodes' },
      { path: 'nodes[0].id', message: 'added node "r1" is also imported from version "cat"' },
      { path: 'profile.modify.set-parameters[0].param-id', message: 'no parameter "unknown" in the resolved nodes' },
      { path: 'profile.modify.alters[0].control-id', message: 'no node "r3" in the resolved nodes' },
    ])
  })
})

describe('resolveProfile properties', () => {
  it('include-all of a random catalog is the catalog less empty groups; with-ids keeps exactly the listed requirements', () => {
    fc.assert(
      fc.property(
        nodesArb.chain((nodes) => fc.tuple(fc.constant(nodes), fc.subarray(nodes.filter((n) => n.kind === 'requirement').map((n) => n.id)))),
        ([nodes, ids]) => {
          const contents = new Map<string, VersionContent>([
            ['c', { nodes, profile: null }],
            ['all', { nodes: [], profile: spec({ imports: [{ versionId: 'c', include: 'all', exclude: [] }] }) }],
            ['some', { nodes: [], profile: spec({ imports: [{ versionId: 'c', include: { ids, withChildren: false }, exclude: [] }] }) }],
          ])
          const byId = new Map(nodes.map((n) => [n.id, n]))
          const ancestorsOfRequirements = new Set<string>()
          for (const n of nodes)
            if (n.kind === 'requirement') for (let p = n.parentId; p !== null; p = byId.get(p)!.parentId) ancestorsOfRequirements.add(p)
          const all = resolveProfile('all', (id) => contents.get(id))
          expect(all.map(({ origin, ...n }) => n)).toEqual(nodes.filter((n) => n.kind === 'requirement' || ancestorsOfRequirements.has(n.id)))
          const some = resolveProfile('some', (id) => contents.get(id))
          const wanted = new Set(ids)
          for (const id of ids) for (let p = byId.get(id)!.parentId; p !== null; p = byId.get(p)!.parentId) wanted.add(p)
          expect(new Set(some.map((n) => n.id))).toEqual(wanted)
          const kept = new Set(some.map((n) => n.id))
          for (const n of some) expect(n.parentId === null || kept.has(n.parentId)).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
})
