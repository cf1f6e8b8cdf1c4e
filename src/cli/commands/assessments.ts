import type { Command } from 'commander'
import { SYSTEM_ACTOR, type Scope } from '../../authz/domain/scope.ts'
import { listCampaigns } from '../../assessments/assessments-service.ts'
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
}
