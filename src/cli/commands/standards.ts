import { readFileSync, writeFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { invalid } from '../../platform/errors.ts'
import { SYSTEM_ACTOR } from '../../authz/domain/scope.ts'
import { DOCUMENT_KINDS, type DocumentKind } from '../../standards/domain/model.ts'
import { listAllVersionsUnscoped } from '../../standards/store/standards-repository.ts'
import { exportOscalDocument, importOscalDocument } from '../../standards/oscal-service.ts'
import { getOrganisationUnscoped } from '../../org/store/organisation-repository.ts'
import { obligationsFor } from '../../obligations/obligations-service.ts'
import { emit } from '../output.ts'
import { oscalExport, type OscalExportKind } from '../../assessments/exchange-service.ts'
import { SYSTEM_SCOPE } from './assessments.ts'
import { dbOption, jsonOption, withContext, type CommonOptions } from '../command-context.ts'



/** `standards list`, `import oscal`, `export oscal`, `obligations`: the standards module from the shell. */
export function registerStandardsCommands(program: Command): void {
  const standards = program.command('standards').description('documents and versions')
  standards.command('list').description('every document version (id, kind, title, version, status)')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions) => withContext(o, async (ctx) => {
      const versions = await listAllVersionsUnscoped(ctx.database.db)
      const rows = versions.map((v) => ({ id: v.id, documentId: v.documentId, kind: v.kind, title: v.title.ja || v.title.en, titleEn: v.title.en, version: v.label, status: v.status, profile: v.isProfile }))
      emit(Boolean(o.json), rows, () => rows.map((r) => `${r.id}  ${r.kind.padEnd(18)} ${r.status.padEnd(10)} ${r.version.padEnd(12)} ${r.title}`).join('\n'))
    }))

  program.command('import').description('import data').command('oscal <file>')
    .description('import an OSCAL catalog or profile JSON (validated against OSCAL 1.1.2); prints the new version id')
    .addOption(new Option('--document-kind <kind>', 'kind of document').choices([...DOCUMENT_KINDS]).default('foreign_framework'))
    .option('--id <documentId>', 'document id (default: from the title)')
    .option('--owner <orgId>', 'owning organisation', 'nco')
    .option('--sector <sectorId>', 'sector of a sector standard or guideline')
    .addOption(new Option('--status <status>', 'status of the new version').choices(['draft', 'published']).default('published'))
    .addOption(dbOption()).addOption(jsonOption())
    .action((file: string, o: CommonOptions & { documentKind: DocumentKind; id?: string; owner: string; sector?: string; status: 'draft' | 'published' }) => withContext(o, async (ctx) => {
      let json: unknown
      try {
        json = JSON.parse(readFileSync(file, 'utf8'))
      } catch (error) {
        throw invalid('cli.oscal_unreadable', `${file}: ${(error as Error).message}`, [{ path: file, message: 'not readable JSON' }])
      }
      const root = json && typeof json === 'object' ? Object.keys(json as object) : []
      const format = root.includes('profile') ? 'profile' : root.includes('catalog') ? 'catalog' : null
      if (!format) throw invalid('cli.oscal_kind', `${file}: neither an OSCAL catalog nor a profile (root key ${root.join(', ') || 'none'}).`, [{ path: '/', message: 'expected "catalog" or "profile"' }])
      if (!(await getOrganisationUnscoped(ctx.database.db, o.owner))) throw invalid('cli.org', `No organisation ${o.owner}.`, [{ path: 'owner', message: 'unknown organisation' }])
      const result = await importOscalDocument(ctx, json, { format, documentKind: o.documentKind, documentId: o.id, sectorId: o.sector, status: o.status, ownerOrganisationId: o.owner, actor: SYSTEM_ACTOR })
      emit(Boolean(o.json), { id: result.id, documentId: result.documentId, created: result.created }, () => result.id)
    }))

  program.command('export').description('export data').command('oscal [versionId]')
    .description('export OSCAL 1.1.2 JSON (to stdout, or --out FILE): a version as catalog or profile, or an operator\'s submitted assessment as assessment-results or POA&M (--campaign, --org)')
    .addOption(new Option('--kind <kind>', 'what to export').choices(['catalog', 'profile', 'assessment-results', 'poam']).makeOptionMandatory())
    .option('--campaign <id>', 'campaign (assessment-results, poam)')
    .option('--org <id>', 'operator (assessment-results, poam)')
    .option('--out <file>', 'write to this file')
    .addOption(dbOption())
    .action((versionId: string | undefined, o: CommonOptions & { kind: 'catalog' | 'profile' | OscalExportKind; campaign?: string; org?: string; out?: string }) => withContext(o, async (ctx) => {
      let text: string
      if (o.kind === 'catalog' || o.kind === 'profile') {
        if (!versionId) throw invalid('cli.version_required', `--kind ${o.kind} exports a version: give its id.`, [{ path: 'versionId', message: 'required' }])
        text = await exportOscalDocument(ctx, versionId, o.kind)
      } else {
        const missing = [['--campaign', o.campaign], ['--org', o.org]].filter(([, v]) => !v).map(([name]) => name!)
        if (missing.length > 0) throw invalid('cli.assessment_target', `--kind ${o.kind} needs ${missing.join(' and ')}.`, missing.map((m) => ({ path: m, message: 'required' })))
        // The platform's own operator acts with the NCO's reach, and like the NCO gets submitted snapshots only.
        text = `${JSON.stringify(await oscalExport(ctx, SYSTEM_SCOPE, o.campaign!, o.org!, o.kind), null, 2)}\n`
      }
      if (o.out) writeFileSync(o.out, text)
      else process.stdout.write(text)
    }))

  program.command('obligations <orgId>').description('what applies to an operator, with sources and reasons')
    .addOption(dbOption()).addOption(jsonOption())
    .action((orgId: string, o: CommonOptions) => withContext(o, async (ctx) => {
      const org = await getOrganisationUnscoped(ctx.database.db, orgId)
      if (!org) throw invalid('cli.org', `No organisation ${orgId}.`, [{ path: 'orgId', message: 'unknown organisation' }])
      if (org.kind !== 'operator') throw invalid('cli.not_operator', `${orgId} is a ${org.kind}; obligations are resolved for operators.`, [{ path: 'orgId', message: 'not an operator' }])
      const report = await obligationsFor(ctx, org)
      emit(Boolean(o.json), report, () => [
        `${org.name}: ${report.obligations.length} obligations`,
        ...report.documents.map((d) => `  from ${d.title.ja || d.title.en} ${d.versionLabel} (${d.why})`),
        ...report.obligations.map((ob) => `${ob.strength.padEnd(6)} ${ob.sources.map((s) => s.number).join(' = ').padEnd(24)} ${ob.title.ja || ob.title.en}`),
      ].join('\n'))
    }))
}
