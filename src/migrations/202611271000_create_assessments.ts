import { PostgresAdapter, sql, type Kysely } from 'kysely'

/**
 * Assessment campaigns: targets (one row per operator asked, holding its submission status and the
 * pre-computed result of its last snapshot), working answers, evidence, snapshots, workflow events, review
 * comments, improvement plans, support requests, and per-requirement statistics for the gap heatmap.
 *
 * Dashboards read `campaign_target` (one row per operator) and `assessment_item_stat` (one row per
 * requirement and sector cohort) and never scan answers: both are updated in the transaction that submits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .createTable('campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('launched_by', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('previous_campaign_id', 'text', (c) => c.references('campaign.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('reminder_days', 'text', (c) => c.notNull())
    .addColumn('maturity_scale', 'text', (c) => c.notNull())
    .addColumn('kpis', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute()
  await db.schema
    .createTable('campaign_target')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('operator_id', 'text', (c) => c.notNull().references('organisation.id'))
    /** The operator's sectors at launch (JSON array) and the first one, for grouping. */
    .addColumn('sectors', 'text', (c) => c.notNull())
    .addColumn('sector_id', 'text', (c) => c.notNull())
    .addColumn('tier_id', 'text')
    .addColumn('tier_level', 'text')
    /** The obligations resolved at launch (JSON): the questionnaire, frozen for the cycle. */
    .addColumn('questionnaire', 'text', (c) => c.notNull())
    .addColumn('obligation_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('snapshot_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    /** The last snapshot's pre-computed result (see assessments/domain/results.ts), null before any. */
    .addColumn('score', 'real')
    .addColumn('score_weight', 'real')
    .addColumn('mean_maturity', 'real')
    .addColumn('gap_count', 'integer')
    .addColumn('result', 'text')
    .addPrimaryKeyConstraint('campaign_target_pk', ['campaign_id', 'operator_id'])
    .execute()
  await db.schema.createIndex('campaign_target_sector_idx').on('campaign_target').columns(['campaign_id', 'sector_id']).execute()
  await db.schema.createIndex('campaign_target_operator_idx').on('campaign_target').column('operator_id').execute()
  await db.schema
    .createTable('assessment_answer')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('lineage', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('maturity', 'integer')
    .addColumn('target_date', 'text')
    .addColumn('not_applicable_reason', 'text')
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_answer_pk', ['campaign_id', 'operator_id', 'obligation_key'])
    .addForeignKeyConstraint('assessment_answer_target_fk', ['campaign_id', 'operator_id'], 'campaign_target', ['campaign_id', 'operator_id'], (c) => c.onDelete('cascade'))
    .execute()
  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    /** The date the evidence speaks of (e.g. the restore test), for recency rules; and when it stops counting. */
    .addColumn('evidence_date', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('evidence_organisation_idx').on('evidence').column('organisation_id').execute()
  // Contents live apart from the metadata so listing evidence never reads the bytes.
  await db.schema
    .createTable('evidence_content')
    .addColumn('evidence_id', 'text', (c) => c.primaryKey().references('evidence.id').onDelete('cascade'))
    .addColumn('content', postgres ? sql`bytea` : 'blob', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('answer_evidence')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id'))
    .addPrimaryKeyConstraint('answer_evidence_pk', ['campaign_id', 'operator_id', 'obligation_key', 'evidence_id'])
    .execute()
  await db.schema.createIndex('answer_evidence_evidence_idx').on('answer_evidence').column('evidence_id').execute()
  await db.schema
    .createTable('submission_snapshot')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('signed_off_by', 'text', (c) => c.notNull())
    .addColumn('signed_off_role', 'text', (c) => c.notNull())
    .addColumn('signed_off_at', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_snapshot_pk', ['campaign_id', 'operator_id', 'sequence'])
    .addForeignKeyConstraint('submission_snapshot_target_fk', ['campaign_id', 'operator_id'], 'campaign_target', ['campaign_id', 'operator_id'], (c) => c.onDelete('cascade'))
    .execute()
  await db.schema
    .createTable('submission_event')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_event_pk', ['campaign_id', 'operator_id', 'position'])
    .execute()
  await db.schema
    .createTable('review_comment')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('snapshot_sequence', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_comment_pk', ['campaign_id', 'operator_id', 'snapshot_sequence', 'position'])
    .execute()
  await db.schema
    .createTable('poam_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('lineage', 'text', (c) => c.notNull())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('milestones', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('poam_item_target_idx').on('poam_item').columns(['campaign_id', 'operator_id']).execute()
  await db.schema
    .createTable('support_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('sector_id', 'text', (c) => c.notNull())
    .addColumn('obligation_key', 'text', (c) => c.notNull())
    .addColumn('lineage', 'text', (c) => c.notNull())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('support_request_campaign_idx').on('support_request').columns(['campaign_id', 'sector_id']).execute()
  // Per campaign, requirement and sector cohort (an operator's sorted sectors): how many operators' last
  // snapshots answered it (other than not applicable) and how many of those have a gap. Cohorts rather than
  // sectors so suppression can tell operators in several sectors apart (see domain/scores.ts aggregate).
  await db.schema
    .createTable('assessment_item_stat')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('lineage', 'text', (c) => c.notNull())
    .addColumn('cohort', 'text', (c) => c.notNull())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('answered', 'integer', (c) => c.notNull())
    .addColumn('gaps', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_item_stat_pk', ['campaign_id', 'lineage', 'cohort'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['assessment_item_stat', 'support_request', 'poam_item', 'review_comment', 'submission_event', 'submission_snapshot',
    'answer_evidence', 'evidence_content', 'evidence', 'assessment_answer', 'campaign_target', 'campaign']) {
    await db.schema.dropTable(table).execute()
  }
}
