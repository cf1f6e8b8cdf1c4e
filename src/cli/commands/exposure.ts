import type { Command } from 'commander'
import { SYSTEM_ACTOR, type Scope } from '../../authz/domain/scope.ts'
import { getOrganisationUnscoped } from '../../org/store/organisation-repository.ts'
import { notFound } from '../../platform/errors.ts'
import { exposuresFor, recomputeAll } from '../../vulnerabilities/exposure-service.ts'
import { emit } from '../output.ts'
import { dbOption, jsonOption, withContext, type CommonOptions } from '../command-context.ts'

/**
 * `kaname exposure --org ORG [--json]`: the organisation's exposures, KEV first then by score, as
 * `[{assetId, cveId, kev, score, reason}]` (assetId: the inventory's asset_id). For an operator the exposures are
 * recomputed first (derived data, idempotent: they are kept current by imports, this also covers devices changed
 * one by one); a ministry gets its sectors' operators', the NCO everyone's, as stored.
 */
export function registerExposureCommands(program: Command): void {
  program.command('exposure')
    .description('an organisation\'s device ↔ CVE exposures, KEV first then by score, each with its reason')
    .requiredOption('--org <id>', 'the operator (or ministry, or the NCO) whose exposures to list')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions & { org: string }) => withContext(o, async (ctx) => {
      const org = await getOrganisationUnscoped(ctx.database.db, o.org)
      if (!org) throw notFound('organisation')
      const scope: Scope = { actor: SYSTEM_ACTOR, userId: null, organisationId: org.id, organisationKind: org.kind, role: 'admin', sectorIds: org.sectors }
      if (org.kind === 'operator') await recomputeAll(ctx, org.id)
      const items = await exposuresFor(ctx, scope, org.kind === 'operator' ? { operatorId: org.id } : {})
      const out = items.map((e) => ({ assetId: e.assetId, cveId: e.cveId, kev: e.kev, score: e.score, reason: e.reason }))
      emit(Boolean(o.json), out, () => [
        `${o.org}: ${out.length} exposure(s), ${out.filter((e) => e.kev).length} in KEV`,
        ...items.map((e) => `${e.kev ? 'KEV ' : '    '}${e.score.toFixed(1).padStart(5)}  ${e.assetId}  ${e.status === 'unknown' ? '(unknown) ' : ''}${e.reason}`),
      ].join('\n'))
    }))
}
