import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../../platform/errors.ts'
import { CATALOG_IMPORT_ERROR, EXPORT_ERROR, exportCatalog, importCatalog, renderParameterPlaceholders } from './catalog.ts'
import { KANAME_NS, serializeOscal, uuidV5 } from './kaname-ns.ts'
import { exportOptionsArb, nodesArb, thrown } from './arbitraries.test-support.ts'
import { compileOscalSchema, validateOscal } from '../../formats/oscal-validator.ts'
import type { RequirementNode } from '../model.ts'

const DATA = new URL('../../../../../shared/data/', import.meta.url)
const readJson = (rel: string): unknown => JSON.parse(readFileSync(new URL(rel, DATA), 'utf8'))
const catalogSchema = compileOscalSchema(readJson('oscal-json-schemas/v1.1.2/oscal_catalog_schema.json') as object)

function node(partial: Partial<RequirementNode> & { id: string }): RequirementNode {
  return {
    parentId: null,
    number: partial.id,
    kind: 'requirement',
    title: { ja: 'タイトル', en: 'Title' },
    text: { ja: '本文', en: 'Text' },
    strength: 'must',
    addressee: 'operator',
    parameters: [],
    applicability: { kind: 'always' },
    guidance: { ja: '', en: '' },
    evidence: [],
    ...partial,
  }
}

describe('catalog export → import round trip (our own nodes)', () => {
  it('is lossless, schema-valid against the reference OSCAL 1.1.2 schema, and byte-stable', () => {
    fc.assert(
      fc.property(nodesArb, exportOptionsArb, (nodes, options) => {
        const first = exportCatalog(nodes, options)
        const bytes = serializeOscal(first)
        expect(catalogSchema(first)).toEqual([])
        const back = importCatalog(JSON.parse(bytes))
        expect(back.nodes).toStrictEqual(nodes)
        expect(back.metadata).toEqual({ title: options.title, version: options.version, oscalVersion: '1.1.2', lang: options.lang })
        expect(serializeOscal(exportCatalog(back.nodes, options))).toBe(bytes)
        expect(importCatalog(JSON.parse(bytes))).toStrictEqual(back)
      }),
      { numRuns: 150 },
    )
  })

  it('puts the main language in OSCAL text and the other one in Kaname translation parts', () => {
    const n = node({ id: 'us-1', number: '3.1.1', title: { ja: 'CISOの任命', en: 'Appoint a CISO' }, text: { ja: 'CISOを任命すること。', en: 'Appoint a CISO.' } })
    const ja = exportCatalog([n], { documentId: 'd', title: 't', version: '1', lang: 'ja', lastModified: '2026-01-01T00:00:00Z' }) as any
    const control = ja.catalog.controls[0]
    expect(control.title).toBe('CISOの任命')
    expect(control.props).toEqual([{ name: 'label', value: '3.1.1' }, { name: 'strength', ns: KANAME_NS, value: 'must' }])
    expect(control.parts[0]).toEqual({ name: 'translation', ns: KANAME_NS, props: [{ name: 'lang', ns: KANAME_NS, value: 'en' }], title: 'Appoint a CISO' })
    expect(control.parts[1].prose).toBe('CISOを任命すること。')
    expect(ja.catalog.uuid).toBe(uuidV5('catalog:d'))
    const en = exportCatalog([n], { documentId: 'd', title: 't', version: '1', lang: 'en', lastModified: '2026-01-01T00:00:00Z' }) as any
    expect(en.catalog.controls[0].title).toBe('Appoint a CISO')
    expect(importCatalog(en).nodes).toEqual([n])
  })

  it('reads a foreign document as English unless told otherwise, Japanese when the caller says ja', () => {
    const doc = {
      catalog: {
        uuid: '5b069afa-4f4e-4c0e-8cd3-7a742c6b205e',
        metadata: { title: 't', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.1.2' },
        controls: [{ id: 'x-1', title: 'バックアップ', params: [{ id: 'x-1_prm_1', label: '日数', values: ['30'] }], parts: [{ name: 'statement', prose: '{{ insert: param, x-1_prm_1 }}日ごとに復旧テスト' }] }],
      },
    }
    expect(importCatalog(doc).nodes[0]!.title).toEqual({ ja: '', en: 'バックアップ' })
    const ja = importCatalog(doc, { defaultLang: 'ja-JP' }).nodes[0]!
    expect(ja.title).toEqual({ ja: 'バックアップ', en: '' })
    expect(ja.parameters[0]).toEqual({ id: 'x-1_prm_1', label: { ja: '日数', en: '' }, type: 'integer', value: 30 })
    expect(ja.strength).toBe('should')
    expect(renderParameterPlaceholders(ja.text.ja, ja.parameters, 'ja')).toBe('30日ごとに復旧テスト')
    expect(renderParameterPlaceholders(ja.text.ja, [{ ...ja.parameters[0]!, value: null }], 'en')).toBe('[日数]日ごとに復旧テスト')
    expect(renderParameterPlaceholders('{{insert: param, nope}}', [], 'en')).toBe('[nope]')
  })
})

describe('catalog import errors', () => {
  it('names both paths of a duplicate id', () => {
    const doc = exportCatalog([node({ id: 'a' }), node({ id: 'b' })], { documentId: 'd', title: 't', version: '1', lang: 'ja', lastModified: '2026-01-01T00:00:00Z' }) as any
    doc.catalog.controls[1].id = 'a'
    const e = thrown(() => importCatalog(doc))
    expect(e.code).toBe(CATALOG_IMPORT_ERROR)
    expect(e.fieldErrors).toEqual([{ path: '/catalog/controls/1/id', message: 'duplicate id "a" (first at /catalog/controls/0/id)' }])
  })

  it('names the path of structural problems and of bad Kaname props', () => {
    const doc = {
      catalog: {
        uuid: 'x',
        metadata: { title: 't', 'last-modified': 'x', version: '1', 'oscal-version': '2.0.0' },
        groups: [{ id: 'g', title: 'G', controls: [{ id: 'c', title: 'C', props: [{ name: 'strength', ns: KANAME_NS, value: 'always' }, { name: 'applicability', ns: KANAME_NS, value: '{"kind":"sector","sectors":"medical"}' }] }, { title: 'no id' }] }],
      },
    }
    const e = thrown(() => importCatalog(doc))
    expect(e.fieldErrors).toEqual([
      { path: '/catalog/metadata/oscal-version', message: 'unsupported OSCAL version "2.0.0" (1.x is supported)' },
      { path: '/catalog/groups/0/controls/0/props/0/value', message: 'unknown strength "always" (expected one of must, should, may, none)' },
      { path: '/catalog/groups/0/controls/0/props/1/value/sectors', message: 'sectors must be an array of strings' },
      { path: '/catalog/groups/0/controls/1/id', message: 'is required' },
    ])
    expect(thrown(() => importCatalog({ profile: {} })).fieldErrors).toEqual([{ path: '/catalog', message: 'is required' }])
    expect(thrown(() => importCatalog('nope')).fieldErrors).toEqual([{ path: '', message: 'must be an object' }])
  })

  it('schema validation names the JSON path of the offending value', () => {
    const doc = exportCatalog([node({ id: 'a' }), node({ id: 'b', parentId: 'a' })], { documentId: 'd', title: 't', version: '1', lang: 'ja', lastModified: '2026-01-01T00:00:00Z' }) as any
    doc.catalog.controls[0].controls[0].id = '1 bad id'
    doc.catalog.controls[0].props[0].value = ' padded'
    const errors = validateOscal('catalog', doc)
    expect(errors).toContainEqual({ path: '/catalog/controls/0/controls/0/id', message: expect.stringContaining('must match pattern') })
    expect(errors).toContainEqual({ path: '/catalog/controls/0/props/0/value', message: expect.stringContaining('must match pattern') })
  })

  it('refuses to export what OSCAL cannot hold, naming the node', () => {
    const e = thrown(() =>
      exportCatalog([node({ id: 'ok' }), node({ id: 'not a token' }), node({ id: 'c', parentId: 'missing' }), node({ id: 'ok' })], {
        documentId: 'd', title: 't', version: ' 1', lang: 'ja', lastModified: '2026-01-01T00:00:00Z',
      }),
    )
    expect(e.code).toBe(EXPORT_ERROR)
    expect(e.fieldErrors.map((f) => f.path)).toEqual(['nodes[1].id', 'nodes[3].id', 'nodes[2].parentId', 'metadata.version'])
    const cyc = thrown(() => exportCatalog([node({ id: 'a', parentId: 'b' }), node({ id: 'b', parentId: 'a' })], { documentId: 'd', title: 't', version: '1', lang: 'ja', lastModified: '2026-01-01T00:00:00Z' }))
    expect(cyc.fieldErrors).toEqual([
      { path: 'nodes[0].parentId', message: 'node "a" is on a parent cycle' },
      { path: 'nodes[1].parentId', message: 'node "b" is on a parent cycle' },
    ])
  })
})

/** Every JSON location of a document (objects and arrays), for mutation. */
function locations(doc: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path)
  if (Array.isArray(doc)) doc.forEach((v, i) => locations(v, [...path, i], out))
  else if (typeof doc === 'object' && doc !== null) for (const [k, v] of Object.entries(doc)) locations(v, [...path, k], out)
  return out
}

function mutate(doc: unknown, path: (string | number)[], how: 'replace' | 'delete', value: unknown): unknown {
  if (path.length === 0) return how === 'replace' ? value : undefined
  const copy: any = structuredClone(doc)
  let cur = copy
  for (const k of path.slice(0, -1)) cur = cur[k]
  const last = path[path.length - 1]!
  if (how === 'delete') {
    if (Array.isArray(cur)) cur.splice(last as number, 1)
    else delete cur[last]
  } else cur[last] = value
  return copy
}

describe('fuzzing: mutated catalogs', () => {
  const csfDoc = readJson('nist-oscal-csf-2.0/NIST_CSF_v2.0_catalog.json') as any
  const small = { catalog: { ...csfDoc.catalog, groups: csfDoc.catalog.groups.slice(0, 1).map((g: any) => ({ ...g, controls: g.controls.slice(0, 2) })) } }
  const docArb = fc.oneof(
    fc.constant(small),
    fc.tuple(nodesArb, exportOptionsArb).map(([nodes, o]) => exportCatalog(nodes, o)),
  )
  it('never throw anything but the documented DomainError, and the validator never throws', () => {
    fc.assert(
      fc.property(
        docArb.chain((doc) => fc.tuple(fc.constant(doc), fc.constantFrom(...locations(doc)), fc.constantFrom('replace' as const, 'delete' as const), fc.anything())),
        ([doc, path, how, value]) => {
          const bad = mutate(doc, path, how, value)
          expect(Array.isArray(validateOscal('catalog', bad))).toBe(true)
          try {
            importCatalog(bad)
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError)
            expect((e as DomainError).kind).toBe('invalid')
            expect((e as DomainError).fieldErrors.length).toBeGreaterThan(0)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
