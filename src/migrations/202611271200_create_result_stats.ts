import { sql, type Kysely } from 'kysely'

/**
 * Dashboard sums per unit: for each campaign, measure and unit of operators that fall in exactly the same
 * dashboard groups (the same `sectors` as stored on their targets, tier and tier level), how many operators
 * have a value and the sum of their values. Measures: 'result' (operators with a result at all), 'score',
 * 'maturity', `score:chapter:<c>`, `kpi:<id>`. Kept by the transaction that records a submission (rebuilt
 * for the submitting operator's unit), so a dashboard reads a few hundred rows however many operators a
 * campaign asks, instead of every operator's stored result.
 *
 * Also an index that covers the per-sector status counts (campaign, sectors, status), read without touching
 * the targets' wide rows.
 *
 * Existing results are summed into the new table here. This migration keeps its own copy of the summing
 * rule (domain/results.ts measureSums at the time of writing) so that later changes there cannot change
 * what it did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_result_stat')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    /** The targets' `sectors` (JSON array, the operator's order), tier id and tier level; '' for none. */
    .addColumn('sectors', 'text', (c) => c.notNull())
    .addColumn('tier_id', 'text', (c) => c.notNull())
    .addColumn('tier_level', 'text', (c) => c.notNull())
    .addColumn('operators', 'integer', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_result_stat_pk', ['campaign_id', 'measure', 'sectors', 'tier_id', 'tier_level'])
    .execute()
  await db.schema.createIndex('campaign_target_status_idx').on('campaign_target').columns(['campaign_id', 'sectors', 'status']).execute()

  type Row = { campaign_id: string; sectors: string; tier_id: string | null; tier_level: string | null; score: number | null; mean_maturity: number | null; result: string }
  const { rows } = await sql<Row>`select campaign_id, sectors, tier_id, tier_level, score, mean_maturity, result from campaign_target
    where result is not null order by campaign_id, operator_id`.execute(db)
  const units = new Map<string, { campaignId: string; sectors: string; tierId: string; tierLevel: string; sums: Map<string, { operators: number; total: number }> }>()
  for (const r of rows) {
    const key = JSON.stringify([r.campaign_id, r.sectors, r.tier_id ?? '', r.tier_level ?? ''])
    let unit = units.get(key)
    if (!unit) units.set(key, unit = { campaignId: r.campaign_id, sectors: r.sectors, tierId: r.tier_id ?? '', tierLevel: r.tier_level ?? '', sums: new Map() })
    const add = (measure: string, value: number | null) => {
      let m = unit.sums.get(measure)
      if (!m) unit.sums.set(measure, m = { operators: 0, total: 0 })
      if (value === null) return
      m.operators++
      m.total += value
    }
    const stored = JSON.parse(r.result) as { chapters: { chapter: string; score: number | null }[]; kpis: Record<string, number | null> }
    add('result', 1)
    add('score', r.score === null ? null : Number(r.score))
    add('maturity', r.mean_maturity === null ? null : Number(r.mean_maturity))
    for (const c of stored.chapters) add(`score:chapter:${c.chapter}`, c.score)
    for (const [id, v] of Object.entries(stored.kpis)) add(`kpi:${id}`, v)
  }
  const values = [...units.values()].flatMap((u) => [...u.sums].map(([measure, s]) => ({
    campaign_id: u.campaignId, measure, sectors: u.sectors, tier_id: u.tierId, tier_level: u.tierLevel, operators: s.operators, total: s.total,
  })))
  for (let i = 0; i < values.length; i += 500) {
    await (db as Kysely<{ assessment_result_stat: (typeof values)[number] }>).insertInto('assessment_result_stat').values(values.slice(i, i + 500)).execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('campaign_target_status_idx').execute()
  await db.schema.dropTable('assessment_result_stat').execute()
}
