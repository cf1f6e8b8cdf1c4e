import type { Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { Scope } from '../../authz/domain/scope.ts'
import type { OrganisationKind, Role } from '../../authz/domain/vocabulary.ts'
import { isMembershipActive, type ApiToken, type Member, type Membership, type User } from '../domain/membership.ts'

export interface UserCredentials extends User {
  passwordHash: string | null
  failedLogins: number
  lockedUntil: string | null
}

function toUser(row: DB['app_user']): UserCredentials {
  return {
    id: row.id, email: row.email, displayName: row.display_name, locale: row.locale === 'en' ? 'en' : 'ja',
    passwordHash: row.password_hash, failedLogins: Number(row.failed_logins), lockedUntil: row.locked_until,
  }
}

/** Sign-in lookup; the system's, not a caller's, so it takes no scope. Emails compare case-insensitively. */
export async function findUserByEmail(db: Executor, email: string): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()
  return row ? toUser(row) : undefined
}

export async function findUserById(db: Executor, id: string): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toUser(row) : undefined
}

export async function findUserByOidc(db: Executor, issuer: string, subject: string): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst()
  return row ? toUser(row) : undefined
}

export async function insertUser(trx: Transaction<DB>, user: User & { passwordHash: string | null }, now: Date): Promise<void> {
  const at = now.toISOString()
  await trx.insertInto('app_user').values({
    id: user.id, email: user.email.trim().toLowerCase(), display_name: user.displayName, password_hash: user.passwordHash,
    locale: user.locale, oidc_issuer: null, oidc_subject: null, failed_logins: 0, locked_until: null,
    password_changed_at: user.passwordHash ? at : null, created_at: at, updated_at: at,
  }).execute()
}

export async function setPasswordHash(trx: Transaction<DB>, userId: string, passwordHash: string, now: Date): Promise<void> {
  const at = now.toISOString()
  await trx.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: at, failed_logins: 0, locked_until: null, updated_at: at })
    .where('id', '=', userId).execute()
}

export async function linkOidcIdentity(trx: Transaction<DB>, userId: string, issuer: string, subject: string, now: Date): Promise<void> {
  await trx.updateTable('app_user').set({ oidc_issuer: issuer, oidc_subject: subject, updated_at: now.toISOString() }).where('id', '=', userId).execute()
}

export async function setUserLocale(trx: Transaction<DB>, userId: string, locale: 'ja' | 'en', now: Date): Promise<void> {
  await trx.updateTable('app_user').set({ locale, updated_at: now.toISOString() }).where('id', '=', userId).execute()
}

/** Records a failed sign-in; locks the account for `lockMinutes` once `maxFailures` is reached. */
export async function recordFailedLogin(trx: Transaction<DB>, userId: string, now: Date, maxFailures: number, lockMinutes: number): Promise<{ locked: boolean }> {
  const row = await trx.updateTable('app_user').set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId).returning('failed_logins').executeTakeFirst()
  const failures = Number(row?.failed_logins ?? 0)
  if (failures >= maxFailures) {
    const until = new Date(now.getTime() + lockMinutes * 60_000).toISOString()
    await trx.updateTable('app_user').set({ locked_until: until, failed_logins: 0 }).where('id', '=', userId).execute()
    return { locked: true }
  }
  return { locked: false }
}

export async function clearFailedLogins(trx: Transaction<DB>, userId: string): Promise<void> {
  await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute()
}

/** The user's own memberships (active ones only), with the organisation's name and kind. */
export async function listMembershipsOfUser(db: Executor, userId: string, now: Date): Promise<Membership[]> {
  const rows = await db.selectFrom('membership').innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
    .select(['membership.organisation_id', 'membership.role', 'membership.expires_at', 'organisation.name', 'organisation.name_en', 'organisation.kind'])
    .where('membership.user_id', '=', userId).orderBy('organisation.name').execute()
  return rows.filter((r) => isMembershipActive(r.expires_at, now)).map((r) => ({
    organisationId: r.organisation_id, organisationName: r.name, organisationNameEn: r.name_en, organisationKind: r.kind as OrganisationKind,
    role: r.role as Role, expiresAt: r.expires_at,
  }))
}

/** Members of one organisation; the scope must be that organisation (policy checks the role). */
export async function listMembers(db: Executor, scope: Scope, organisationId: string): Promise<Member[]> {
  if (scope.organisationId !== organisationId) return []
  const rows = await db.selectFrom('membership').innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select(['app_user.id', 'app_user.email', 'app_user.display_name', 'membership.role', 'membership.expires_at'])
    .where('membership.organisation_id', '=', scope.organisationId).orderBy('app_user.email').execute()
  return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name, role: r.role as Role, expiresAt: r.expires_at }))
}

export async function upsertMembership(trx: Transaction<DB>, membership: { userId: string; organisationId: string; role: Role; expiresAt: string | null }, now: Date): Promise<void> {
  const existing = await trx.selectFrom('membership').select('role').where('user_id', '=', membership.userId)
    .where('organisation_id', '=', membership.organisationId).executeTakeFirst()
  if (existing) {
    await trx.updateTable('membership').set({ role: membership.role, expires_at: membership.expiresAt })
      .where('user_id', '=', membership.userId).where('organisation_id', '=', membership.organisationId).execute()
  } else {
    await trx.insertInto('membership').values({
      user_id: membership.userId, organisation_id: membership.organisationId, role: membership.role,
      expires_at: membership.expiresAt, created_at: now.toISOString(),
    }).execute()
  }
}

function toToken(row: DB['api_token']): ApiToken {
  return {
    id: row.id, name: row.name, role: row.role as Role, organisationId: row.organisation_id, createdAt: row.created_at,
    expiresAt: row.expires_at, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at,
  }
}

export async function insertApiToken(trx: Transaction<DB>, token: ApiToken & { secretHash: string; createdBy: string }): Promise<void> {
  await trx.insertInto('api_token').values({
    id: token.id, organisation_id: token.organisationId, role: token.role, name: token.name, secret_hash: token.secretHash,
    created_by: token.createdBy, created_at: token.createdAt, expires_at: token.expiresAt, revoked_at: null, last_used_at: null,
  }).execute()
}

export async function listApiTokens(db: Executor, scope: Scope): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_token').selectAll().where('organisation_id', '=', scope.organisationId).orderBy('created_at', 'desc').execute()
  return rows.map(toToken)
}

export async function findApiTokenForScope(db: Executor, scope: Scope, id: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_token').selectAll().where('id', '=', id).where('organisation_id', '=', scope.organisationId).executeTakeFirst()
  return row ? toToken(row) : undefined
}

export async function revokeApiToken(trx: Transaction<DB>, scope: Scope, id: string, now: Date): Promise<void> {
  await trx.updateTable('api_token').set({ revoked_at: now.toISOString() }).where('id', '=', id)
    .where('organisation_id', '=', scope.organisationId).where('revoked_at', 'is', null).execute()
}

/** Bearer-token lookup by id; the secret is compared by the caller against `secretHash`. */
export async function findApiTokenSecret(db: Executor, id: string): Promise<(ApiToken & { secretHash: string }) | undefined> {
  const row = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? { ...toToken(row), secretHash: row.secret_hash } : undefined
}

export async function touchApiToken(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute()
}

/** Sectors that define what an organisation sees: its own sectors, or a ministry's jurisdiction. */
export async function sectorIdsOf(db: Executor, organisationId: string, kind: OrganisationKind): Promise<string[]> {
  if (kind === 'ministry') {
    const rows = await db.selectFrom('sector_jurisdiction').select('sector_id').where('ministry_id', '=', organisationId).execute()
    return rows.map((r) => r.sector_id)
  }
  const rows = await db.selectFrom('organisation_sector').select('sector_id').where('organisation_id', '=', organisationId).execute()
  return rows.map((r) => r.sector_id)
}

/** Removes a membership of the scope's own organisation; returns the removed role, if any. */
export async function deleteMembership(trx: Transaction<DB>, scope: Scope, userId: string): Promise<Role | undefined> {
  const row = await trx.selectFrom('membership').select('role').where('user_id', '=', userId)
    .where('organisation_id', '=', scope.organisationId).executeTakeFirst()
  if (!row) return undefined
  await trx.deleteFrom('membership').where('user_id', '=', userId).where('organisation_id', '=', scope.organisationId).execute()
  // Sessions acting for this organisation end with the membership.
  await trx.deleteFrom('session').where('user_id', '=', userId).where('active_organisation_id', '=', scope.organisationId).execute()
  return row.role as Role
}

export async function countAdmins(db: Executor, organisationId: string): Promise<number> {
  const rows = await db.selectFrom('membership').select('user_id').where('organisation_id', '=', organisationId).where('role', '=', 'admin').execute()
  return rows.length
}
