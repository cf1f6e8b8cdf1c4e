import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readCsv, readXlsx, writeCsv, writeXlsx, type TabularRow } from '../../platform/tabular/tabular.ts'
import { CRITICALITIES, DEPENDENCY_TYPES, PROVIDER_TYPES, type DependencyType } from '../domain/model.ts'
import type { Provider, StoredEdge } from '../domain/assemble.ts'
import {
  CRITICALITY_LABELS, DEPENDENCY_TYPE_LABELS, EDGE_COLUMNS, FAILOVER_KINDS, FAILOVER_LABELS, PROVIDER_COLUMNS, PROVIDER_TYPE_LABELS, edgeCells, edgeRow, enumValue, providerCells, providerRow, splitList,
} from './dependency-table.ts'

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((s) => s.trim()).filter((s) => s !== '' && !/[\u0000-\u001f]/.test(s))
const prefecture = fc.integer({ min: 1, max: 47 }).map((n) => String(n).padStart(2, '0'))
const locale = fc.constantFrom('ja' as const, 'en' as const)

const providerArb: fc.Arbitrary<Provider> = fc.record({
  id: fc.uuid(), name: fc.record({ ja: text, en: fc.oneof(fc.constant(''), text) }), providerType: fc.constantFrom(...PROVIDER_TYPES),
  prefectures: fc.uniqueArray(prefecture, { maxLength: 5 }), annualFailureProbability: fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1, noNaN: true })),
  registeredBy: fc.constant('nco'), createdAt: fc.constant(''), updatedAt: fc.constant(''),
})

const edgeArb: fc.Arbitrary<StoredEdge & { type: DependencyType }> = fc.record({
  id: fc.uuid(), from: fc.uuid(), fromKind: fc.constantFrom('service' as const, 'provider' as const), to: fc.uuid(), toKind: fc.constantFrom('service' as const, 'provider' as const),
  type: fc.constantFrom(...DEPENDENCY_TYPES), criticality: fc.constantFrom(...CRITICALITIES),
  failover: fc.oneof(fc.constant({ kind: 'none' as const }), fc.constant({ kind: 'automatic' as const }), fc.double({ min: 0, max: 1000, noNaN: true }).map((hours) => ({ kind: 'manual' as const, hours }))),
  alternatives: fc.uniqueArray(fc.uuid(), { maxLength: 3 }), ownerOrg: fc.constant('nco'), createdAt: fc.constant(''), updatedAt: fc.constant(''),
})

/** A written row as the tabular reader hands it back: every cell as text. */
const asRow = (cells: Record<string, unknown>, rowNumber = 2): TabularRow => ({
  rowNumber, values: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])),
})

describe('provider rows', () => {
  it('cells → row → draft returns the provider (either locale)', () => {
    fc.assert(fc.property(providerArb, locale, (p, loc) => {
      const { draft, errors } = providerRow(asRow(providerCells(p, loc)))
      expect(errors).toEqual([])
      expect(draft).toEqual({ rowNumber: 2, id: p.id, name: p.name, providerType: p.providerType, prefectures: p.prefectures, annualFailureProbability: p.annualFailureProbability })
    }))
  })

  it('survives a real CSV and XLSX round trip', async () => {
    await fc.assert(fc.asyncProperty(fc.array(providerArb, { maxLength: 6 }), locale, async (providers, loc) => {
      const cells = providers.map((p) => providerCells(p, loc))
      for (const table of [readCsv(writeCsv(PROVIDER_COLUMNS, cells, loc), PROVIDER_COLUMNS), await readXlsx(await writeXlsx(PROVIDER_COLUMNS, cells, { locale: loc }), PROVIDER_COLUMNS)]) {
        expect(table.rows.map((r) => providerRow(r).draft?.id)).toEqual(providers.map((p) => p.id))
        expect(table.rows.map((r) => providerRow(r).draft?.annualFailureProbability)).toEqual(providers.map((p) => p.annualFailureProbability))
      }
    }), { numRuns: 30 })
  })

  it('names the row and column of a bad type, probability or id', () => {
    fc.assert(fc.property(providerArb, fc.integer({ min: 2, max: 10_000 }), text.filter((t) => enumValue(PROVIDER_TYPES, PROVIDER_TYPE_LABELS, t) === undefined), (p, n, badType) => {
      const cells = { ...providerCells(p, 'ja'), providerType: badType, annualFailureProbability: '1.5', id: 'not-a-uuid' }
      const { draft, errors } = providerRow(asRow(cells, n))
      expect(draft).toBeUndefined()
      expect(errors.map((e) => [e.path, e.code])).toEqual([
        [`rows[${n}].id`, 'dependencies.bad_id'], [`rows[${n}].providerType`, 'dependencies.bad_enum'], [`rows[${n}].annualFailureProbability`, 'dependencies.probability_range'],
      ])
      expect(errors[0]!.params).toMatchObject({ row: n })
    }))
  })
})

describe('edge rows', () => {
  it('cells → row → draft returns the edge by ids (either locale)', () => {
    fc.assert(fc.property(edgeArb.filter((e) => e.from !== e.to), locale, (e, loc) => {
      const names = new Map([[e.from, 'from node'], [e.to, 'to node']])
      const { draft, errors } = edgeRow(asRow(edgeCells(e, names, loc)))
      expect(errors).toEqual([])
      expect(draft).toEqual({
        rowNumber: 2, id: e.id, from: { value: e.from, column: 'from', name: 'from node' }, to: { value: e.to, column: 'to', name: 'to node' }, type: e.type, criticality: e.criticality,
        failover: { kind: e.failover.kind, hours: e.failover.kind === 'manual' ? e.failover.hours : null },
        alternatives: { values: e.alternatives, column: e.alternatives.length > 0 ? 'alternatives' : 'alternativeNames' },
      })
    }))
  })

  it('takes names when the id columns are blank, and enumeration labels in either language', () => {
    const row = asRow({ fromName: 'かえで外来', toName: 'クラウドA', criticality: CRITICALITY_LABELS.degraded.ja, failover: FAILOVER_LABELS.manual.en, failoverHours: '１２', alternativeNames: 'クラウドB、クラウドC' })
    expect(edgeRow(row).draft).toMatchObject({
      from: { value: 'かえで外来', column: 'fromName' }, to: { value: 'クラウドA', column: 'toName' }, criticality: 'degraded', failover: { kind: 'manual', hours: 12 },
      alternatives: { values: ['クラウドB', 'クラウドC'], column: 'alternativeNames' },
    })
    // The type as a code or a label in either language; blank is left to the importer (new: other, existing: kept).
    for (const type of DEPENDENCY_TYPES) {
      for (const cell of [type, DEPENDENCY_TYPE_LABELS[type].ja, DEPENDENCY_TYPE_LABELS[type].en, ` ${DEPENDENCY_TYPE_LABELS[type].en.toUpperCase()} `]) {
        expect(edgeRow(asRow({ from: 'a', to: 'b', type: cell })).draft?.type, cell).toBe(type)
      }
    }
    expect(edgeRow(asRow({ from: 'a', to: 'b' })).draft?.type).toBeNull()
    // Hours alone mean a manual switch-over; nothing means none.
    expect(edgeRow(asRow({ from: 'a', to: 'b', failoverHours: '3' })).draft?.failover).toEqual({ kind: 'manual', hours: 3 })
    expect(edgeRow(asRow({ from: 'a', to: 'b' })).draft?.failover).toEqual({ kind: 'none', hours: null })
  })

  it('refuses negative or non-numeric hours, bad enumerations and missing ends, naming row and column', () => {
    const n = fc.integer({ min: 2, max: 10_000 })
    fc.assert(fc.property(n, fc.double({ min: -1e6, max: -1e-9, noNaN: true }), (row, hours) => {
      const { errors } = edgeRow(asRow({ from: 'a', to: 'b', failover: 'manual', failoverHours: String(hours) }, row))
      expect(errors.map((e) => [e.path, e.code])).toEqual([[`rows[${row}].failoverHours`, 'dependencies.negative_duration']])
    }))
    fc.assert(fc.property(n, text.filter((t) => !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t.normalize('NFKC').trim())), (row, cell) => {
      const { errors } = edgeRow(asRow({ from: 'a', to: 'b', failover: 'manual', failoverHours: cell }, row))
      expect(errors.map((e) => [e.path, e.code])).toEqual([[`rows[${row}].failoverHours`, 'dependencies.not_a_number']])
    }))
    fc.assert(fc.property(n, text.filter((t) => enumValue(CRITICALITIES, CRITICALITY_LABELS, t) === undefined), text.filter((t) => enumValue(FAILOVER_KINDS, FAILOVER_LABELS, t) === undefined), (row, crit, fail) => {
      const { errors } = edgeRow(asRow({ to: 'b', criticality: crit, failover: fail }, row))
      expect(errors.map((e) => [e.path, e.code])).toEqual([
        [`rows[${row}].from`, 'dependencies.required'], [`rows[${row}].criticality`, 'dependencies.bad_enum'], [`rows[${row}].failover`, 'dependencies.bad_enum'],
      ])
    }))
    fc.assert(fc.property(n, text.filter((t) => enumValue(DEPENDENCY_TYPES, DEPENDENCY_TYPE_LABELS, t) === undefined), (row, type) => {
      const { draft, errors } = edgeRow(asRow({ from: 'a', to: 'b', type }, row))
      expect(draft).toBeUndefined()
      expect(errors.map((e) => [e.path, e.code, e.params?.value])).toEqual([[`rows[${row}].type`, 'dependencies.bad_enum', type]])
    }))
    expect(edgeRow(asRow({ from: 'a', to: 'b', failover: '手動' }, 7)).errors.map((e) => [e.path, e.code])).toEqual([['rows[7].failoverHours', 'dependencies.failover_hours_required']])
  })

  it('survives a real CSV round trip, alternatives included', () => {
    fc.assert(fc.property(fc.array(edgeArb, { maxLength: 6 }), locale, (edges, loc) => {
      const table = readCsv(writeCsv(EDGE_COLUMNS, edges.map((e) => edgeCells(e, new Map(), loc)), loc), EDGE_COLUMNS)
      expect(table.rows.map((r) => edgeRow(r).draft?.alternatives.values)).toEqual(edges.map((e) => e.alternatives))
      expect(table.rows.map((r) => edgeRow(r).draft?.type)).toEqual(edges.map((e) => e.type))
      expect(table.rows.map((r) => edgeRow(r).draft?.failover.hours)).toEqual(edges.map((e) => (e.failover.kind === 'manual' ? e.failover.hours : null)))
    }), { numRuns: 50 })
  })
})

describe('splitList', () => {
  it('splits on semicolons, commas (ASCII and Japanese) and line breaks, dropping blanks', () => {
    expect(splitList(' 13; 27,40、01，\n 02 ;;')).toEqual(['13', '27', '40', '01', '02'])
    fc.assert(fc.property(fc.array(fc.uuid(), { maxLength: 5 }), (ids) => { expect(splitList(ids.join('; '))).toEqual(ids) }))
  })
})
