import { open, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { SYSTEM_ACTOR } from '../../authz/domain/scope.ts'
import { invalid } from '../../platform/errors.ts'
import { listFolder, singleFile, type ImportFile } from '../../vulnerabilities/formats/import-file.ts'
import { IMPORT_KINDS, importVulnerabilityFiles, type ImportKind, type ImportSummary } from '../../vulnerabilities/import-service.ts'
import { emit, progressBar } from '../output.ts'
import { dbOption, jsonOption, withContext, type CommonOptions } from '../command-context.ts'

/** cvelistV5 and vulnrichment name every record file after its id; other files in a records folder are not records. */
const CVE_FILE = /^CVE-\d{4}-\d{4,}\.json$/i
const KEV_FILE = 'known_exploited_vulnerabilities.json'

/**
 * What PATH holds when --kind is not given: a folder is CVE records unless it holds CISA's KEV file; a `.csv`
 * file is an EOL list; a JSON file whose opening names `catalogVersion` is the KEV catalog, any other a CVE record.
 */
async function detectKind(path: string, isDirectory: boolean): Promise<ImportKind> {
  if (isDirectory) {
    const kev = await stat(resolve(path, KEV_FILE)).then((s) => s.isFile(), () => false)
    return kev ? 'kev' : 'cve'
  }
  if (/\.csv$/i.test(path)) return 'eol'
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(4096)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return /"catalogVersion"\s*:/.test(head.subarray(0, bytesRead).toString('utf8')) ? 'kev' : 'cve'
  } finally {
    await handle.close()
  }
}

async function filesOf(path: string, kind: ImportKind, isDirectory: boolean): Promise<{ files: ImportFile[]; skipped: string[] }> {
  if (!isDirectory) return { files: [await singleFile(path)], skipped: [] }
  const accept = kind === 'cve' ? (n: string) => CVE_FILE.test(n) : kind === 'kev' ? (n: string) => n === KEV_FILE : (n: string) => /\.csv$/i.test(n)
  return listFolder(path, accept)
}

function human(s: ImportSummary, elapsedMs: number): string {
  const lines = [
    `${s.kind} import from ${s.source}: ${s.files} file(s)${s.skipped > 0 ? ` (${s.skipped} other file(s) skipped)` : ''} in ${(elapsedMs / 1000).toFixed(1)} s`,
    `  imported ${s.imported}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejectedFiles} file(s)${s.catalogVersion ? `; KEV catalog ${s.catalogVersion}` : ''}`,
  ]
  if (s.rulesRefreshed > 0) lines.push(`  matching rules recomputed for ${s.rulesRefreshed} unchanged record(s)`)
  for (const p of s.rejected) lines.push(`  ${p.file}: ${p.path}: ${p.message}`)
  if (s.rejected.length < s.rejectedFiles) lines.push('  (more problems not listed)')
  return lines.join('\n')
}

/**
 * `vulns import PATH`: CVE JSON 5 records (a folder, walked recursively, or one file), the CISA KEV catalog or
 * a vendor EOL list (CSV). Prints the summary; rejected files are listed with the JSONPath of each problem and
 * the others imported, in one transaction. Exit status 0 when every file was imported, 2 when some were
 * rejected, 1 when the import could not run at all.
 */
export function registerVulnerabilityCommands(program: Command): void {
  const vulns = program.command('vulns').description('vulnerability data: CVE records, the KEV catalog, vendor end-of-life lists')
  vulns.command('import <path>')
    .description('import CVE JSON 5 records (a folder or one file), the CISA KEV catalog, or a vendor EOL list (CSV); incremental and idempotent; exit 2 when files were rejected')
    .addOption(new Option('--kind <kind>', 'what PATH holds (default: detected)').choices([...IMPORT_KINDS]))
    .option('--source <label>', 'where the data comes from, kept with every entry (default: the path)')
    .addOption(dbOption()).addOption(jsonOption())
    .action((path: string, o: CommonOptions & { kind?: ImportKind; source?: string }) => withContext(o, async (ctx) => {
      const info = await stat(path).catch(() => null)
      if (!info || (!info.isDirectory() && !info.isFile())) throw invalid('cli.path', `${path}: no such file or folder.`, [{ path: 'path', message: 'not found' }])
      const kind = o.kind ?? await detectKind(path, info.isDirectory())
      const { files, skipped } = await filesOf(path, kind, info.isDirectory())
      const bar = progressBar(`importing ${kind}`)
      const started = performance.now()
      const summary = await importVulnerabilityFiles(ctx, { actor: SYSTEM_ACTOR, organisationId: null }, kind, files, {
        source: o.source ?? resolve(path), skipped, onProgress: (done, total) => bar.update(done, total),
      })
      bar.stop()
      const { changed: _changed, ...printed } = summary
      emit(Boolean(o.json), printed, () => human(summary, performance.now() - started))
      if (summary.rejectedFiles > 0) process.exitCode = 2
    }))
}
