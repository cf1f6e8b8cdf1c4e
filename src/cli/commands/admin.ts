import { backup, DatabaseSync } from 'node:sqlite'
import { seedDemoDataset } from '../../platform/demo-dataset.ts'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Command } from 'commander'
import { openContext } from '../../platform/bootstrap.ts'
import { engineOf, resolveDatabaseUrl, sqlitePathOf } from '../../platform/db/database.ts'
import { migrateToLatest } from '../../platform/db/migrate.ts'
import { SYSTEM_ACTOR } from '../../authz/domain/scope.ts'
import { ROLES, type Role } from '../../authz/domain/vocabulary.ts'
import { createUser, resetPassword } from '../../auth/auth-service.ts'
import { verifyAuditChain } from '../../audit/store/audit-repository.ts'
import { listAllOrganisationsUnscoped, getOrganisationUnscoped } from '../../org/store/organisation-repository.ts'
import { createApiToken } from '../../org/org-service.ts'
import { sectorIdsOf } from '../../org/store/user-repository.ts'
import { generateDemoPassword } from '../../org/seed/seed.ts'
import { invalid } from '../../platform/errors.ts'
import { emit, fail, progressBar } from '../output.ts'
import { dbOption, jsonOption, withContext, type CommonOptions } from '../command-context.ts'




async function readPassword(flag: string | undefined): Promise<string> {
  if (flag) return flag
  if (process.env.KANAME_PASSWORD) return process.env.KANAME_PASSWORD
  if (process.stdin.isTTY) throw invalid('cli.password_required', 'Give --password, KANAME_PASSWORD, or pipe the password on stdin.')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw invalid('cli.role', `--role must be one of ${ROLES.join(', ')}`, [{ path: 'role', message: 'unknown role' }])
  return value as Role
}

export function registerAdminCommands(program: Command): void {
  program.command('migrate').description('apply pending database migrations')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions) => withContext(o, async (ctx) => {
      const applied = await migrateToLatest(ctx.database)
      emit(Boolean(o.json), { engine: ctx.database.engine, applied }, () => `migrations up to date (${ctx.database.engine})`)
    }))

  program.command('seed').description('load data sets').option('--demo', 'the demo organisations and users')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions & { demo?: boolean }) => withContext(o, async (ctx) => {
      if (!o.demo) throw invalid('cli.seed', 'Name a data set: --demo.')
      const bar = progressBar('demo data')
      const result = await seedDemoDataset(ctx, process.env.KANAME_DEMO_PASSWORD ?? generateDemoPassword(), (d, t) => bar.update(d, t))
      bar.stop()
      emit(Boolean(o.json), result, () => result.seeded
        ? [`demo data seeded; password for every demo account: ${result.password}`, ...result.users.map((u) => `  ${u.email}`)].join('\n')
        : 'demo data already present')
    }))

  const user = program.command('user').description('manage users')
  user.command('create').description('create a user with a membership')
    .requiredOption('--email <email>').requiredOption('--org <id>', 'organisation id').requiredOption('--role <role>', ROLES.join('|'))
    .option('--name <displayName>').option('--password <password>', 'or KANAME_PASSWORD, or stdin').option('--locale <ja|en>', 'UI language', 'ja')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions & { email: string; org: string; role: string; name?: string; password?: string; locale: string }) => withContext(o, async (ctx) => {
      const role = parseRole(o.role)
      if (!(await getOrganisationUnscoped(ctx.database.db, o.org))) throw invalid('cli.org', `No organisation ${o.org}.`, [{ path: 'org', message: 'unknown organisation' }])
      const id = await createUser(ctx, SYSTEM_ACTOR, {
        email: o.email, displayName: o.name ?? o.email, password: await readPassword(o.password), locale: o.locale === 'en' ? 'en' : 'ja', organisationId: o.org, role,
      })
      emit(Boolean(o.json), { id, email: o.email.toLowerCase(), organisationId: o.org, role }, () => `created user ${id}`)
    }))
  user.command('reset-password').description('set a new password (ends the user\'s sessions)')
    .requiredOption('--email <email>').option('--password <password>', 'or KANAME_PASSWORD, or stdin')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions & { email: string; password?: string }) => withContext(o, async (ctx) => {
      const id = await resetPassword(ctx, SYSTEM_ACTOR, o.email, await readPassword(o.password))
      emit(Boolean(o.json), { id, email: o.email.toLowerCase() }, () => `password reset for ${o.email}`)
    }))

  const token = program.command('token').description('manage API tokens')
  token.command('create').description('create an API token for an organisation (the secret is printed once)')
    .requiredOption('--org <id>').requiredOption('--role <role>').option('--name <name>', 'label', 'cli').option('--days <n>', 'validity in days', '90')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions & { org: string; role: string; name: string; days: string }) => withContext(o, async (ctx) => {
      const role = parseRole(o.role)
      const organisation = await getOrganisationUnscoped(ctx.database.db, o.org)
      if (!organisation) throw invalid('cli.org', `No organisation ${o.org}.`, [{ path: 'org', message: 'unknown organisation' }])
      const days = Number(o.days)
      if (!Number.isInteger(days) || days < 1 || days > 365) throw invalid('cli.days', '--days must be a whole number from 1 to 365.', [{ path: 'days', message: 'out of range' }])
      const created = await createApiToken(ctx, {
        actor: SYSTEM_ACTOR, userId: null, organisationId: organisation.id, organisationKind: organisation.kind, role,
        sectorIds: await sectorIdsOf(ctx.database.db, organisation.id, organisation.kind),
      }, { name: o.name, role, expiresInDays: days })
      emit(Boolean(o.json), created, () => `token ${created.id} (expires ${created.expiresAt}):\n${created.secret}`)
    }))

  const audit = program.command('audit').description('the hash-chained audit log')
  audit.command('verify').description('check the chain; names the first altered, removed or reordered entry')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions) => withContext(o, async (ctx) => {
      const bar = progressBar('verifying')
      const verdict = await verifyAuditChain(ctx.database.db, (d, t) => bar.update(d, t))
      bar.stop()
      emit(Boolean(o.json), verdict, () => verdict.ok
        ? `audit chain intact: ${verdict.checked} entries`
        : `audit chain BROKEN at entry ${verdict.firstBad!.seq} (${verdict.firstBad!.reason}); ${verdict.checked} entries before it are intact`)
      if (!verdict.ok) process.exitCode = 1
    }))

  const orgs = program.command('orgs').description('organisations')
  orgs.command('list').description('list every organisation')
    .addOption(dbOption()).addOption(jsonOption())
    .action((o: CommonOptions) => withContext(o, async (ctx) => {
      const all = await listAllOrganisationsUnscoped(ctx.database.db)
      emit(Boolean(o.json), all.map((org) => ({ id: org.id, name: org.name, kind: org.kind, sectors: org.sectors, prefectureCode: org.prefectureCode })),
        () => all.map((org) => `${org.id.padEnd(28)} ${org.kind.padEnd(16)} ${org.name} [${org.sectors.join(',')}]`).join('\n'))
    }))

  program.command('backup <file>').description('consistent online copy of the SQLite database')
    .addOption(dbOption()).addOption(jsonOption())
    .action(async (file: string, o: CommonOptions) => {
      try {
        const dbUrl = resolveDatabaseUrl(o.db)
        const url = sqlitePathOf(dbUrl)
        if (engineOf(dbUrl) !== 'sqlite') throw invalid('cli.backup_engine', 'backup copies the embedded SQLite database; for PostgreSQL use pg_dump.')
        if (!existsSync(url)) throw invalid('cli.backup_source', `No database at ${url}.`)
        const source = new DatabaseSync(url, { readOnly: true })
        mkdirSync(dirname(resolve(file)), { recursive: true })
        const bar = progressBar('backup')
        // SQLite's online backup API: a consistent snapshot while the server keeps writing. All pages in one
        // step (node:sqlite takes no -1, so the largest rate): copied in batches, a write by the server between two batches restarts the copy, and a
        // busy server writing every few milliseconds kept a database of a few thousand pages from ever finishing.
        // In WAL mode the one step only holds a read snapshot, so the server's writes go on meanwhile.
        const pages = await backup(source, file, { rate: 2_147_483_647, progress: ({ totalPages, remainingPages }) => bar.update(totalPages - remainingPages, totalPages) })
        bar.stop()
        source.close()
        emit(Boolean(o.json), { file, pages }, () => `backed up ${pages} pages to ${file}`)
      } catch (error) { fail(Boolean(o.json), error) }
    })

  program.command('restore <file>').description('replace the SQLite database with a backup (stop the server first)')
    .addOption(dbOption()).addOption(jsonOption())
    .action(async (file: string, o: CommonOptions) => {
      try {
        const dbUrl = resolveDatabaseUrl(o.db)
        const url = sqlitePathOf(dbUrl)
        if (engineOf(dbUrl) !== 'sqlite') throw invalid('cli.restore_engine', 'restore writes the embedded SQLite database; for PostgreSQL use pg_restore.')
        if (!existsSync(file)) throw invalid('cli.restore_source', `No backup at ${file}.`)
        const source = new DatabaseSync(file, { readOnly: true })
        const check = source.prepare('pragma integrity_check').get() as { integrity_check: string }
        if (check.integrity_check !== 'ok') throw invalid('cli.restore_corrupt', `The backup fails SQLite's integrity check: ${check.integrity_check}`)
        for (const suffix of ['-wal', '-shm']) if (existsSync(url + suffix)) rmSync(url + suffix)
        // Restoring onto a fresh machine: the target's folder (./data by default) may not exist yet.
        mkdirSync(dirname(resolve(url)), { recursive: true })
        const pages = await backup(source, url)
        source.close()
        // A restored file must still carry an intact audit chain; say so before anyone serves it.
        const ctx = await openContext({ databaseUrl: url })
        const verdict = await verifyAuditChain(ctx.database.db)
        await ctx.database.close()
        emit(Boolean(o.json), { file, pages, audit: verdict }, () => `restored ${pages} pages from ${file}; audit chain ${verdict.ok ? 'intact' : 'BROKEN'}`)
        if (!verdict.ok) process.exitCode = 1
      } catch (error) { fail(Boolean(o.json), error) }
    })
}
