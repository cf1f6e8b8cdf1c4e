import type { Command } from 'commander'
import { SYSTEM_ACTOR, type Scope } from '../../authz/domain/scope.ts'
import { campaignDetail, listCampaigns } from '../../assessments/assessments-service.ts'
import { remindersDue } from '../../assessments/domain/reminders.ts'
import { isIsoDate } from '../../assessments/domain/answer-rules.ts'
import { invalid } from '../../platform/errors.ts'
import { emit } from '../output.ts'
import { dbOption, jsonOption, withContext, type CommonOptions } from '../command-context.ts'

/**
 * The shell acts for the platform operator: every campaign, as the NCO sees them (submitted snapshots and
 * aggregates, never an operator's draft).
 */
export const SYSTEM_SCOPE: Scope = Object.freeze({
  actor: SYSTEM_ACTOR, userId: null, organisationId: 'system', organisationKind: 'national_office', role: 'admin', sectorIds: [],
})

/** `campaigns list`: the assessments module from the shell. */
export function registerAssessmentCommands(program: Command): void {
  const campaigns = program.command('campaigns').description('assessment campaigns (PDCA cycles)')
  campaigns.command('list').description('every campaign: id, title, cycle, launcher, due date, status, operators per status')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions) => withContext(o, async (ctx) => {
      const rows = (await listCampaigns(ctx, SYSTEM_SCOPE)).map((c) => ({
        id: c.id, title: c.title.ja || c.title.en, titleEn: c.title.en, cycle: c.cycle, launchedBy: c.launchedBy, previousCampaignId: c.previousCampaignId,
        dueDate: c.dueDate, status: c.status, operators: c.targetCount, counts: c.counts,
      }))
      emit(Boolean(o.json), rows, () => rows.map((r) => `${r.id}  ${r.status.padEnd(6)} ${r.cycle.padEnd(8)} ${r.dueDate}  ${String(r.operators).padStart(5)} operators  ${r.launchedBy.padEnd(8)} ${r.title}`).join('\n'))
    }))

  campaigns.command('reminders <campaignId>').description('operators that still owe a submission and are due a reminder today (or on --date), or are overdue')
    .option('--date <YYYY-MM-DD>', 'the day to compute for (default: today, UTC)')
    .addOption(dbOption()).addOption(jsonOption())
    .action((campaignId: string, o: CommonOptions & { date?: string }) => withContext(o, async (ctx) => {
      const day = o.date ?? ctx.now().toISOString().slice(0, 10)
      if (!isIsoDate(day)) throw invalid('cli.date', `--date ${day} is not a date written YYYY-MM-DD.`, [{ path: '--date', message: 'not a date' }])
      const { campaign, targets } = await campaignDetail(ctx, SYSTEM_SCOPE, campaignId)
      const names = new Map(targets.map((t) => [t.operatorId, t.name]))
      const rows = remindersDue(campaign.dueDate, campaign.reminderDays, targets, day).map((r) => ({ ...r, name: names.get(r.operatorId) ?? r.operatorId }))
      emit(Boolean(o.json), rows, () => rows.length === 0 ? `no reminders due on ${day}` : rows.map((r) => `${r.kind.padEnd(8)} ${String(r.daysLeft).padStart(4)}d  ${r.status.padEnd(9)} ${r.operatorId}  ${r.name}`).join('\n'))
    }))
}
