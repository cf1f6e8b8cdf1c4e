import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../../../platform/errors.ts'
import { MAPPING_IMPORT_ERROR, exportMappingCollection, importMappingCollection } from './mapping.ts'
import { MAPPING_CSV_ERROR, mappingsFromCsv, mappingsToCsv } from './mapping-csv.ts'
import { serializeOscal } from './kaname-ns.ts'
import { plainData, textArb, thrown } from './arbitraries.test-support.ts'
import { compileOscalSchema } from '../../formats/oscal-validator.ts'
import { MAPPING_RELATIONSHIPS, type Mapping } from '../model.ts'

const DATA = new URL('../../../../../shared/data/', import.meta.url)
const mappingSchema = compileOscalSchema(JSON.parse(readFileSync(new URL('oscal-json-schemas/v1.2.1/oscal_mapping_schema.json', DATA), 'utf8')) as object)
const OPTIONS = { documentId: 'us-to-csf', title: '統一基準 ↔ NIST CSF 2.0', version: '2026.1', lastModified: '2026-04-01T09:00:00+09:00' }

const idArb = fc.oneof(fc.constantFrom('us-3.4.3.3', 'GV.OC-01', 'ac-2.1', '項目 1'), fc.stringMatching(/^[A-Za-z][\w.\-()]{0,8}$/))
const mappingArb: fc.Arbitrary<Mapping> = fc.record({
  sourceVersionId: fc.constantFrom('us-2026', 'csf-2.0', 'v/1 ?&#'),
  sourceNodeId: idArb,
  targetVersionId: fc.constantFrom('us-2026', 'csf-2.0', 'sp800-53'),
  targetNodeId: idArb,
  relationship: fc.constantFrom(...MAPPING_RELATIONSHIPS),
  rationale: textArb,
})

/** Export groups rows by (source, target) version pair; this is the order an import gives back. */
function grouped(rows: Mapping[]): Mapping[] {
  const keys: string[] = []
  const by = new Map<string, Mapping[]>()
  for (const m of rows) {
    const k = JSON.stringify([m.sourceVersionId, m.targetVersionId])
    if (!by.has(k)) keys.push(k)
    by.set(k, [...(by.get(k) ?? []), m])
  }
  return keys.flatMap((k) => by.get(k)!)
}

describe('mapping-collection (OSCAL 1.2.1)', () => {
  it('export is valid against the reference 1.2.1 schema and round-trips byte-stably', () => {
    fc.assert(
      fc.property(fc.array(mappingArb, { minLength: 1, maxLength: 8 }).map(plainData), (rows) => {
        const doc = exportMappingCollection(rows, OPTIONS)
        expect(mappingSchema(doc)).toEqual([])
        const bytes = serializeOscal(doc)
        const back = importMappingCollection(JSON.parse(bytes))
        expect(back.mappings).toStrictEqual(grouped(rows))
        expect(back.metadata.oscalVersion).toBe('1.2.1')
        expect(serializeOscal(exportMappingCollection(back.mappings, OPTIONS))).toBe(bytes)
      }),
      { numRuns: 150 },
    )
  })

  it('reads foreign maps: several sources × targets, a single mapping object, no-relationship skipped, others refused', () => {
    const doc = exportMappingCollection([{ sourceVersionId: 'a', sourceNodeId: 'x', targetVersionId: 'b', targetNodeId: 'y', relationship: 'subset-of', rationale: 'r' }], OPTIONS) as any
    const mc = doc['mapping-collection']
    const m = mc.mappings[0]
    m.maps.push({ ...m.maps[0], relationship: 'intersects-with', sources: [{ type: 'control', 'id-ref': 's1' }, { type: 'statement', 'id-ref': 's2' }], targets: [{ type: 'control', 'id-ref': 't1' }] })
    m.maps.push({ ...m.maps[0], relationship: 'no-relationship' })
    mc.mappings = m
    expect(importMappingCollection(doc).mappings.map((x) => `${x.sourceNodeId} ${x.relationship} ${x.targetNodeId}`)).toEqual([
      'x subset-of y',
      's1 intersects-with t1',
      's2 intersects-with t1',
    ])
    m.maps[1].relationship = 'overlaps'
    const e = thrown(() => importMappingCollection(doc))
    expect(e.code).toBe(MAPPING_IMPORT_ERROR)
    expect(e.fieldErrors).toEqual([
      { path: '/mapping-collection/mappings/maps/1/relationship', message: 'unsupported relationship "overlaps" (expected equivalent-to, subset-of, superset-of, intersects-with)' },
    ])
  })
})

describe('crosswalk CSV', () => {
  it('round-trips any rows, with RFC 4180 quoting', () => {
    fc.assert(
      fc.property(fc.array(mappingArb.filter((m) => m.sourceNodeId.trim() !== '' && m.targetNodeId.trim() !== ''), { maxLength: 8 }), (rows) => {
        const csv = mappingsToCsv(rows)
        expect(mappingsFromCsv(csv)).toEqual(rows)
        expect(mappingsFromCsv(csv.replace(/\r\n$/, ''))).toEqual(rows)
      }),
      { numRuns: 300 },
    )
    expect(mappingsToCsv([{ sourceVersionId: 'a', sourceNodeId: 'x', targetVersionId: 'b', targetNodeId: 'y', relationship: 'equivalent-to', rationale: 'says "same",\nbroadly' }])).toBe(
      'source_version,source_id,target_version,target_id,relationship,rationale\r\na,x,b,y,equivalent-to,"says ""same"",\nbroadly"\r\n',
    )
  })

  it('accepts LF line ends and a BOM', () => {
    const csv = '\uFEFFsource_version,source_id,target_version,target_id,relationship,rationale\nus,1,csf,GV.OC-01,subset-of,\n'
    expect(mappingsFromCsv(csv)).toEqual([{ sourceVersionId: 'us', sourceNodeId: '1', targetVersionId: 'csf', targetNodeId: 'GV.OC-01', relationship: 'subset-of', rationale: '' }])
  })

  it('names the line and column of every problem', () => {
    const header = 'source_version,source_id,target_version,target_id,relationship,rationale'
    const csv = [header, 'us,1,csf,GV.OC-01,same-as,x', 'us,,csf,GV.OC-02,subset-of,"multi', 'line"', 'us,2,csf', 'us,3,csf,x,subset-of,"bad"quote', 'us,4,csf,y,subset-of,"open'].join('\r\n')
    const e = thrown(() => mappingsFromCsv(csv))
    expect(e.code).toBe(MAPPING_CSV_ERROR)
    expect(e.fieldErrors).toEqual([
      { path: 'line 6, column 6', message: 'text after a closing quote (write "" for a quote inside a quoted field)' },
      { path: 'line 7, column 6', message: 'quoted field is not closed' },
      { path: 'line 2, column 5', message: 'relationship "same-as" is not one of equivalent-to, subset-of, superset-of, intersects-with' },
      { path: 'line 3, column 2', message: 'source_id is empty' },
      { path: 'line 5, column 4', message: 'expected 6 fields, found 3' },
    ])
    expect(thrown(() => mappingsFromCsv('source,id\n')).fieldErrors[0]).toEqual({ path: 'line 1, column 1', message: 'header must be "source_version", found "source"' })
  })

  it('never throws anything but the documented error on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 60 }).map((s) => s.replace(/x/g, '"')), (a, b) => {
        for (const text of [a, `source_version,source_id,target_version,target_id,relationship,rationale\r\n${b}`]) {
          try {
            mappingsFromCsv(text)
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError)
          }
        }
      }),
    )
  })
})
