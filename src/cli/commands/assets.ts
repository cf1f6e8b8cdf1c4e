import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { Option, type Command } from 'commander'
import { SYSTEM_ACTOR, type Scope } from '../../authz/domain/scope.ts'
import { getOrganisationUnscoped } from '../../org/store/organisation-repository.ts'
import type { AppContext } from '../../platform/context.ts'
import { invalid, notFound } from '../../platform/errors.ts'
import type { TabularFormat } from '../../platform/tabular/tabular.ts'
import { exportDevices, importDevices, refuseOversized } from '../../assets/exchange-service.ts'
import { emit } from '../output.ts'
import { dbOption, jsonOption, withContext, type CommonOptions } from '../command-context.ts'

/** The shell acts for the organisation named by --org, as its admin, recorded as the system in the audit log. */
async function scopeOf(ctx: AppContext, organisationId: string): Promise<Scope> {
  const org = await getOrganisationUnscoped(ctx.database.db, organisationId)
  if (!org) throw notFound('organisation')
  return { actor: SYSTEM_ACTOR, userId: null, organisationId: org.id, organisationKind: org.kind, role: 'admin', sectorIds: org.sectors }
}

function formatOf(file: string, given: string | undefined): TabularFormat {
  const format = (given ?? extname(file).slice(1)).toLowerCase()
  if (format !== 'csv' && format !== 'xlsx') {
    throw invalid('cli.format', `Cannot tell the format of ${file}: name it .csv or .xlsx, or pass --format csv|xlsx.`, [{ path: '--format', message: 'csv or xlsx' }])
  }
  return format
}

/** `assets import` and `assets export`: the network-device inventory of one operator from the shell. */
export function registerAssetCommands(program: Command): void {
  const assets = program.command('assets').description('network-device inventory (CSV or XLSX)')

  assets.command('import').argument('<file>', 'CSV (UTF-8) or XLSX; columns asset_id, vendor, product, version (required) and the optional ones, Japanese headings accepted')
    .description('import an operator\'s devices: all or nothing, matched by asset_id, each problem named by row and column; importing the same file again changes nothing')
    .requiredOption('--org <id>', 'the operator whose devices these are')
    .addOption(new Option('--format <format>', 'file format (default: from the file name)').choices(['csv', 'xlsx']))
    .addOption(dbOption()).addOption(jsonOption())
    .action((file: string, o: CommonOptions & { org: string; format?: string }) => withContext(o, async (ctx) => {
      const format = formatOf(file, o.format)
      // The size on disk is checked before the file is read: a huge file costs nothing but this answer.
      refuseOversized(statSync(file).size)
      const summary = await importDevices(ctx, await scopeOf(ctx, o.org), new Uint8Array(readFileSync(file)), format)
      emit(Boolean(o.json), summary, () => [
        `${o.org}: ${summary.received} device(s) read: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`,
        ...(summary.notMatchable > 0 ? [`${summary.notMatchable} device(s) of vendors no vulnerability record covers (recorded, not matchable)`] : []),
        ...(summary.withoutCpe > 0 ? [`${summary.withoutCpe} device(s) without a known CPE (matched by vendor and product names)`] : []),
        ...summary.warnings.slice(0, 20).map((w) => `  ${w.message}`),
      ].join('\n'))
    }))

  assets.command('export')
    .description('export an operator\'s devices (to stdout for CSV, or --out FILE)')
    .requiredOption('--org <id>', 'the operator')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .addOption(new Option('--locale <locale>', 'language of headings and labels').choices(['ja', 'en']).default('ja'))
    .option('--out <file>', 'write to this file')
    .addOption(dbOption())
    .action((o: CommonOptions & { org: string; format: TabularFormat; locale: 'ja' | 'en'; out?: string }) => withContext(o, async (ctx) => {
      const scope = await scopeOf(ctx, o.org)
      const file = await exportDevices(ctx, scope, o.format, { operatorId: scope.organisationId }, o.locale)
      if (o.out) writeFileSync(o.out, file)
      else if (o.format === 'xlsx') throw invalid('cli.out_required', 'An XLSX export needs --out FILE.', [{ path: '--out', message: 'required for xlsx' }])
      else process.stdout.write(file)
    }))
}
