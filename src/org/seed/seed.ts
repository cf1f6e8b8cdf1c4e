import { randomBytes } from 'node:crypto'
import type { AppContext } from '../../platform/context.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { appendAudit } from '../../audit/store/audit-repository.ts'
import { SYSTEM_ACTOR } from '../../authz/domain/scope.ts'
import { hashPassword } from '../../auth/auth-service.ts'
import { insertUser, upsertMembership } from '../store/user-repository.ts'
import { insertOrganisation } from '../store/organisation-repository.ts'
import { PREFECTURES } from './prefectures.ts'
import { SECTORS } from './sectors.ts'
import { DEMO_ORGANISATIONS, DEMO_USERS } from './demo-data.ts'

const REFERENCE_MARK = 'seed.reference'
const DEMO_MARK = 'seed.demo'

/** Seeded organisations keep their demo key as id, so URLs and tests can name them (`/org/mhlw`). */
export const demoOrganisationId = (key: string) => key

/**
 * Reference data every installation needs: prefectures, sectors, the NCO and the ministries in charge
 * (sectors point at their ministries). Idempotent: runs once, remembered in `setting`.
 */
export async function seedReference(ctx: AppContext): Promise<boolean> {
  return inTransaction(ctx.database, async (trx) => {
    if (await trx.selectFrom('setting').select('key').where('key', '=', REFERENCE_MARK).executeTakeFirst()) return false
    const now = ctx.now()
    await trx.insertInto('prefecture').values(PREFECTURES.map((p) => ({ code: p.code, name_ja: p.nameJa, name_en: p.nameEn }))).execute()
    await trx.insertInto('sector').values(SECTORS.map((s, i) => ({ id: s.id, name_ja: s.nameJa, name_en: s.nameEn, sort_order: i + 1 }))).execute()
    for (const org of DEMO_ORGANISATIONS.filter((o) => o.kind === 'national_office' || o.kind === 'ministry')) {
      const record = {
        id: demoOrganisationId(org.key), name: org.name, nameEn: org.nameEn, kind: org.kind,
        sectors: org.kind === 'ministry' ? SECTORS.filter((s) => s.ministryKeys.includes(org.key)).map((s) => s.id) : [],
        prefectureCode: org.prefectureCode, esDesignated: false, acdDesignated: false, profile: org.profile ?? null,
      }
      await insertOrganisation(trx, record, now)
      await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: record.id, action: 'org.create', targetType: 'organisation', targetId: record.id, after: record }, now)
    }
    await trx.insertInto('setting').values({ key: REFERENCE_MARK, value: now.toISOString() }).execute()
    await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: null, action: 'seed.reference', targetType: 'setting', targetId: REFERENCE_MARK, after: { sectors: SECTORS.length, prefectures: PREFECTURES.length } }, now)
    return true
  })
}

export interface DemoSeedResult {
  seeded: boolean
  password: string | null
  users: { email: string; organisations: string[] }[]
}

/** A readable random password that passes the policy (16 characters from 4 groups). */
export function generateDemoPassword(random: (n: number) => Buffer = randomBytes): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = random(16)
  return 'Kn-' + [...bytes].map((b) => alphabet[b % alphabet.length]).join('').slice(0, 13)
}

/**
 * The demo dataset (operators, sharing bodies, providers, users for every persona). One transaction:
 * a crash midway leaves no half-seeded database. Password hashes are computed before it opens.
 */
export async function seedDemo(ctx: AppContext, password: string, onProgress?: (done: number, total: number) => void): Promise<DemoSeedResult> {
  const done = await ctx.database.db.selectFrom('setting').select('key').where('key', '=', DEMO_MARK).executeTakeFirst()
  if (done) return { seeded: false, password: null, users: [] }
  const total = DEMO_USERS.length + 1
  const hashes: string[] = []
  for (const [i] of DEMO_USERS.entries()) {
    hashes.push(await hashPassword(password))
    onProgress?.(i + 1, total)
  }
  await inTransaction(ctx.database, async (trx) => {
    const now = ctx.now()
    for (const org of DEMO_ORGANISATIONS.filter((o) => o.kind !== 'national_office' && o.kind !== 'ministry')) {
      const record = {
        id: demoOrganisationId(org.key), name: org.name, nameEn: org.nameEn, kind: org.kind, sectors: [...org.sectorIds],
        prefectureCode: org.prefectureCode, esDesignated: org.esDesignated, acdDesignated: org.acdDesignated, profile: org.profile ?? null,
      }
      await insertOrganisation(trx, record, now)
      await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: record.id, action: 'org.create', targetType: 'organisation', targetId: record.id, after: record }, now)
    }
    for (const [i, user] of DEMO_USERS.entries()) {
      const id = `demo-user-${i + 1}`
      await insertUser(trx, { id, email: user.email, displayName: user.displayName, locale: user.locale, passwordHash: hashes[i]! }, now)
      for (const m of user.memberships) {
        await upsertMembership(trx, { userId: id, organisationId: demoOrganisationId(m.orgKey), role: m.role, expiresAt: null }, now)
      }
      await appendAudit(trx, { actor: SYSTEM_ACTOR, organisationId: demoOrganisationId(user.memberships[0]!.orgKey), action: 'user.create', targetType: 'user', targetId: id, after: { memberships: user.memberships } }, now)
    }
    await trx.insertInto('setting').values({ key: DEMO_MARK, value: now.toISOString() }).execute()
  })
  onProgress?.(total, total)
  return {
    seeded: true,
    password,
    users: DEMO_USERS.map((u) => ({ email: u.email, organisations: u.memberships.map((m) => `${m.orgKey}:${m.role}`) })),
  }
}
