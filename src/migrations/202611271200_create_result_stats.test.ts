import { afterEach, expect, it } from 'vitest'
import { Migrator, type Kysely } from 'kysely'
import { MIGRATIONS } from './index.ts'
import { openDatabase, type Database } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrate.ts'
import type { DB } from '../platform/db/schema.ts'
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../../test/harness/engines.ts'
import { measureSums, type StoredMeasures, type SubmissionResult } from '../assessments/domain/results.ts'
import { recordSubmission } from '../assessments/store/assessments-repository.ts'

/**
 * The dashboard sums: backfilled from the results stored before the table existed, and rebuilt for the
 * submitting operator's unit by recordSubmission. Both must equal measureSums over the unit's stored
 * results, in operator order.
 */

const AT = '2026-10-01T00:00:00.000Z'
const results: Record<string, StoredMeasures> = {
  'op-a': { score: 0.5, meanMaturity: 2, chapters: [{ chapter: '3.1', score: 0.5 }, { chapter: '3.2', score: null }], kpis: { k: 1 } },
  'op-b': { score: 0.75, meanMaturity: null, chapters: [{ chapter: '3.1', score: 1 }], kpis: { k: 0 } },
  'op-c': { score: null, meanMaturity: 3, chapters: [], kpis: { k: null } },
  'op-d': { score: 0.25, meanMaturity: 1, chapters: [{ chapter: '3.4', score: 0.25 }], kpis: { k: 1 } },
}
// op-a, op-b, op-d share a unit (same sectors and tier); op-c is alone in another; op-e has no result yet.
const targets = [
  { id: 'op-a', sectors: ['medical'], tier: 'medical-small' },
  { id: 'op-b', sectors: ['medical'], tier: 'medical-small' },
  { id: 'op-c', sectors: ['medical', 'finance'], tier: null },
  { id: 'op-d', sectors: ['medical'], tier: 'medical-small' },
  { id: 'op-e', sectors: ['medical'], tier: 'medical-small' },
]

async function stats(db: Kysely<DB>) {
  const rows = await db.selectFrom('assessment_result_stat').selectAll().orderBy('sectors').orderBy('tier_id').orderBy('measure').execute()
  return rows.map((r) => ({ ...r, operators: Number(r.operators), total: Number(r.total) }))
}

function expected(units: { sectors: string[]; tier: string | null; ops: string[] }[]) {
  return units.flatMap((u) => [...measureSums(u.ops.map((id) => results[id]!))].map(([measure, s]) => ({
    campaign_id: 'c1', measure, sectors: JSON.stringify(u.sectors), tier_id: u.tier ?? '', tier_level: u.tier ? 'baseline' : '', ...s,
  }))).sort((a, b) => (a.sectors + a.tier_id + a.measure < b.sectors + b.tier_id + b.measure ? -1 : 1))
}

describeEachEngine('dashboard sums (assessment_result_stat)', (engine) => {
  let handle: TestDatabase | undefined
  let database: Database | undefined
  afterEach(async () => { await database?.close(); await handle?.drop() })

  it('are backfilled from stored results, then rebuilt per unit on each submission', async () => {
    handle = await createTestDatabase(engine)
    database = openDatabase(handle.url)
    const db = database.db
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })
    expect((await migrator.migrateTo('202611271000_create_assessments')).error).toBeUndefined()

    await db.insertInto('sector').values([{ id: 'medical', name_ja: '医療', name_en: 'Medical', sort_order: 1 }, { id: 'finance', name_ja: '金融', name_en: 'Finance', sort_order: 2 }]).execute()
    await db.insertInto('organisation').values(['nco', ...targets.map((t) => t.id)].map((id) => ({
      id, name: id, name_en: id, kind: id === 'nco' ? 'national_office' : 'operator', prefecture_code: null, es_designated: 0, acd_designated: 0, profile: null, created_at: AT, updated_at: AT,
    }))).execute()
    await db.insertInto('campaign').values({
      id: 'c1', title_ja: 't', title_en: 't', launched_by: 'nco', cycle: '2026', previous_campaign_id: null, scope: '{}', due_date: '2026-12-25',
      reminder_days: '[]', maturity_scale: '{}', kpis: '[]', status: 'open', created_at: AT, closed_at: null,
    }).execute()
    await db.insertInto('campaign_target').values(targets.map((t) => {
      const r = t.id === 'op-d' || t.id === 'op-e' ? undefined : results[t.id]!
      return {
        campaign_id: 'c1', operator_id: t.id, sectors: JSON.stringify(t.sectors), sector_id: t.sectors[0]!, tier_id: t.tier, tier_level: t.tier ? 'baseline' : null,
        questionnaire: '[]', obligation_count: 0, status: r ? 'submitted' : 'draft', snapshot_count: r ? 1 : 0, updated_at: AT, submitted_at: r ? AT : null,
        score: r?.score ?? null, score_weight: r ? 1 : null, mean_maturity: r?.meanMaturity ?? null, gap_count: r ? 0 : null,
        result: r ? JSON.stringify({ chapters: r.chapters, kpis: r.kpis }) : null,
      }
    })).execute()

    await migrateToLatest(database)
    expect(await stats(db)).toEqual(expected([
      { sectors: ['medical'], tier: 'medical-small', ops: ['op-a', 'op-b'] },
      { sectors: ['medical', 'finance'], tier: null, ops: ['op-c'] },
    ]))

    const d = results['op-d']!
    const submission: SubmissionResult = {
      score: d.score, weight: 1, meanMaturity: d.meanMaturity, gapCount: 0, kpis: d.kpis, items: [],
      chapters: d.chapters.map((c) => ({ ...c, weight: 1, meanMaturity: null })),
    }
    await db.transaction().execute((trx) => recordSubmission(trx, 'c1', 'op-d', 'submitted', 1, submission, AT))
    // Chapter 3.4 appears, op-d's values join its unit; the other unit is untouched.
    expect(await stats(db)).toEqual(expected([
      { sectors: ['medical'], tier: 'medical-small', ops: ['op-a', 'op-b', 'op-d'] },
      { sectors: ['medical', 'finance'], tier: null, ops: ['op-c'] },
    ]))
  })
})
