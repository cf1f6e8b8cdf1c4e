import type { Kysely } from 'kysely'

/**
 * Indexes that let the heatmap read assessment_item_stat from indexes alone (no lookup of each row in the
 * table, which was most of a dashboard's time at 10,000 operators): the counts (which cohorts a
 * campaign has, the rows of the shown cohorts, the sum over the others) and the title of each lineage.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('assessment_item_stat_cohort_idx').on('assessment_item_stat').columns(['campaign_id', 'lineage', 'cohort', 'answered', 'gaps']).execute()
  await db.schema.createIndex('assessment_item_stat_title_idx').on('assessment_item_stat').columns(['campaign_id', 'lineage', 'number', 'title_ja', 'title_en']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('assessment_item_stat_title_idx').execute()
  await db.schema.dropIndex('assessment_item_stat_cohort_idx').execute()
}
