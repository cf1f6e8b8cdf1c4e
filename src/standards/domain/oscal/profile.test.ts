import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../../platform/errors.ts'
import { PROFILE_IMPORT_ERROR, exportProfile, importProfile, resolveByRlinkFileName } from './profile.ts'
import { KANAME_NS, serializeOscal, uuidV5 } from './kaname-ns.ts'
import { exportOptionsArb, nodesArb, profileSpecArb, thrown } from './arbitraries.test-support.ts'
import { compileOscalSchema, validateOscal } from '../../formats/oscal-validator.ts'
import type { ProfileSpec } from '../model.ts'

const DATA = new URL('../../../../../shared/data/', import.meta.url)
const readJson = (rel: string): unknown => JSON.parse(readFileSync(new URL(rel, DATA), 'utf8'))
const profileSchema = compileOscalSchema(readJson('oscal-json-schemas/v1.1.2/oscal_profile_schema.json') as object)
const OPTIONS = { documentId: 'medical-2026', title: '医療分野の安全基準（サンプル）', version: '2026.1', lang: 'ja' as const, lastModified: '2026-04-01T09:00:00+09:00' }

describe('profile export → import', () => {
  it('is lossless for random specs with added nodes, schema-valid (reference 1.1.2 schema) and byte-stable', () => {
    fc.assert(
      fc.property(profileSpecArb, nodesArb, exportOptionsArb, (profile, nodes, options) => {
        const first = exportProfile({ profile, nodes }, options)
        const bytes = serializeOscal(first)
        expect(profileSchema(first)).toEqual([])
        const back = importProfile(JSON.parse(bytes))
        expect(back.profile).toStrictEqual(profile)
        expect(back.nodes).toStrictEqual(nodes)
        expect(serializeOscal(exportProfile(back, options))).toBe(bytes)
        expect(importProfile(JSON.parse(bytes))).toStrictEqual(back)
      }),
      { numRuns: 150 },
    )
  })

  it('writes imports as back-matter references to kaname:version/<id> and the OSCAL selection vocabulary', () => {
    const spec: ProfileSpec = {
      imports: [{ versionId: 'us-2026', include: { ids: ['us-3.1', 'us-3.2'], withChildren: true }, exclude: ['us-3.2.1'] }],
      setParameters: [{ paramId: 'restore_days', value: 90 }],
      alters: [{ nodeId: 'us-3.1', strength: 'must', addGuidance: { ja: '医療機関向けの補足', en: '' }, removeEvidence: true }],
    }
    const doc = exportProfile({ profile: spec, nodes: [] }, OPTIONS) as any
    const uuid = uuidV5('version:us-2026')
    expect(doc.profile.imports).toEqual([
      { href: `#${uuid}`, 'include-controls': [{ 'with-child-controls': 'yes', 'with-ids': ['us-3.1', 'us-3.2'] }], 'exclude-controls': [{ 'with-ids': ['us-3.2.1'] }] },
    ])
    expect(doc.profile['back-matter'].resources).toEqual([{ uuid, rlinks: [{ href: 'kaname:version/us-2026' }] }])
    expect(doc.profile.merge).toEqual({ 'as-is': true })
    expect(doc.profile.modify['set-parameters']).toEqual([{ 'param-id': 'restore_days', props: [{ name: 'value', ns: KANAME_NS, value: '90' }], values: ['90'] }])
    expect(doc.profile.modify.alters).toEqual([
      {
        'control-id': 'us-3.1',
        removes: [{ 'by-name': 'evidence' }],
        adds: [{ props: [{ name: 'strength', ns: KANAME_NS, value: 'must' }], parts: [{ name: 'guidance', prose: '医療機関向けの補足' }] }],
      },
    ])
    expect(validateOscal('profile', doc)).toEqual([])
  })

  it('maps the NIST baseline href through the caller resolver', () => {
    const doc = readJson('nist-oscal-sp800-53-rev5/baselines/NIST_SP-800-53_rev5_LOW-baseline_profile.json')
    const e = thrown(() => importProfile(doc))
    expect(e.code).toBe(PROFILE_IMPORT_ERROR)
    expect(e.fieldErrors).toEqual([{ path: '/profile/imports/0/href', message: 'cannot resolve import "#84cbf061-eb87-4ec1-8112-1f529232e907" to a stored version' }])
    const ok = importProfile(doc, { resolveHref: resolveByRlinkFileName({ 'NIST_SP-800-53_rev5_catalog.json': 'sp' }) })
    expect(ok.profile.imports).toHaveLength(1)
    expect(ok.profile.imports[0]!.include).toMatchObject({ withChildren: false })
    expect((ok.profile.imports[0]!.include as { ids: string[] }).ids).toHaveLength(149)
  })

  it('reads foreign selections: mixed with-child-controls become two imports; patterns are refused with their path', () => {
    const base = { uuid: uuidV5('p'), metadata: { title: 't', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.1.2' } }
    const doc = {
      profile: {
        ...base,
        imports: [{ href: 'kaname:version/cat', 'include-controls': [{ 'with-ids': ['a'] }, { 'with-ids': ['b'], 'with-child-controls': 'yes' }] }],
        modify: { 'set-parameters': [{ 'param-id': 'p1', values: ['30'] }, { 'param-id': 'p2', label: 'label only' }], alters: [{ 'control-id': 'a', adds: [{ parts: [{ name: 'item', prose: 'extra' }] }] }] },
      },
    }
    const got = importProfile(doc)
    expect(got.profile).toEqual({
      imports: [
        { versionId: 'cat', include: { ids: ['a'], withChildren: false }, exclude: [] },
        { versionId: 'cat', include: { ids: ['b'], withChildren: true }, exclude: [] },
      ],
      setParameters: [{ paramId: 'p1', value: '30' }],
      alters: [{ nodeId: 'a', addText: { ja: '', en: 'extra' } }],
    })
    const bad = structuredClone(doc) as any
    bad.profile.imports[0]['include-controls'][0] = { matching: [{ pattern: 'ac-*' }] }
    bad.profile.imports.push({ href: '#00000000-0000-4000-8000-000000000000' })
    expect(thrown(() => importProfile(bad)).fieldErrors).toEqual([
      { path: '/profile/imports/0/include-controls/0/matching', message: 'selection by pattern (matching) is not supported; list the ids' },
      { path: '/profile/imports/1/href', message: 'cannot resolve import "#00000000-0000-4000-8000-000000000000" to a stored version' },
    ])
  })

  it('names the path of a broken embedded catalog of added nodes', () => {
    const withNodes = exportProfile(
      { profile: { imports: [], setParameters: [], alters: [] }, nodes: [{ id: 'm-1', parentId: null, number: '1', kind: 'requirement', title: { ja: 'x', en: '' }, text: { ja: '', en: '' }, strength: 'must', addressee: 'operator', parameters: [], applicability: { kind: 'always' }, guidance: { ja: '', en: '' }, evidence: [] }] },
      OPTIONS,
    ) as any
    const res = withNodes.profile['back-matter'].resources[0]
    const inner = JSON.parse(Buffer.from(res.base64.value, 'base64').toString('utf8'))
    inner.catalog.controls[0].id = 7
    res.base64.value = Buffer.from(JSON.stringify(inner)).toString('base64')
    expect(thrown(() => importProfile(withNodes)).fieldErrors).toEqual([
      { path: '/profile/back-matter/resources/0/base64/value→/catalog/controls/0/id', message: 'must be a string' },
    ])
    expect(thrown(() => exportProfile({ profile: { imports: [], setParameters: [], alters: [] }, nodes: [] }, OPTIONS)).fieldErrors).toEqual([
      { path: 'profile.imports', message: 'a profile needs at least one import or added node' },
    ])
  })
})

describe('fuzzing: mutated profiles', () => {
  it('never throw anything but the documented DomainError', () => {
    const arb = fc.tuple(profileSpecArb, nodesArb, exportOptionsArb).map(([profile, nodes, o]) => exportProfile({ profile, nodes }, o))
    const paths = (doc: unknown, p: (string | number)[] = [], out: (string | number)[][] = []) => {
      out.push(p)
      if (Array.isArray(doc)) doc.forEach((v, i) => paths(v, [...p, i], out))
      else if (typeof doc === 'object' && doc !== null) for (const [k, v] of Object.entries(doc)) paths(v, [...p, k], out)
      return out
    }
    fc.assert(
      fc.property(
        arb.chain((doc) => fc.tuple(fc.constant(doc), fc.constantFrom(...paths(doc)), fc.anything())),
        ([doc, path, value]) => {
          const copy: any = structuredClone(doc)
          let cur = copy
          for (const k of path.slice(0, -1)) cur = cur[k]
          const bad = path.length === 0 ? value : (cur[path[path.length - 1]!] = value, copy)
          expect(Array.isArray(validateOscal('profile', bad))).toBe(true)
          try {
            importProfile(bad)
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
