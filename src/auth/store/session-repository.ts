import type { Transaction } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DB } from '../../platform/db/schema.ts'

/**
 * Sessions live in the database so several stateless instances can share them (DESIGN.md, runtime).
 * The row id is the SHA-256 of the cookie value; the cookie value itself is never stored.
 */
export interface SessionRecord {
  id: string
  userId: string
  activeOrganisationId: string
  csrfToken: string
  expiresAt: string
  lastSeenAt: string
}

export async function insertSession(trx: Transaction<DB>, session: SessionRecord, now: Date): Promise<void> {
  await trx.insertInto('session').values({
    id: session.id, user_id: session.userId, active_organisation_id: session.activeOrganisationId,
    csrf_token: session.csrfToken, created_at: now.toISOString(), expires_at: session.expiresAt, last_seen_at: session.lastSeenAt,
  }).execute()
}

export async function findLiveSession(db: Executor, id: string, now: Date): Promise<SessionRecord | undefined> {
  const row = await db.selectFrom('session').selectAll().where('id', '=', id).where('expires_at', '>', now.toISOString()).executeTakeFirst()
  return row ? {
    id: row.id, userId: row.user_id, activeOrganisationId: row.active_organisation_id, csrfToken: row.csrf_token,
    expiresAt: row.expires_at, lastSeenAt: row.last_seen_at,
  } : undefined
}

/** Sliding expiry: written at most once a minute per session, so reads stay reads. */
export async function extendSession(db: Executor, id: string, now: Date, expiresAt: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now.toISOString(), expires_at: expiresAt }).where('id', '=', id).execute()
}

export async function setSessionOrganisation(trx: Transaction<DB>, id: string, organisationId: string): Promise<void> {
  await trx.updateTable('session').set({ active_organisation_id: organisationId }).where('id', '=', id).execute()
}

export async function deleteSession(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('session').where('id', '=', id).execute()
}

export async function deleteSessionsOfUser(trx: Transaction<DB>, userId: string): Promise<void> {
  await trx.deleteFrom('session').where('user_id', '=', userId).execute()
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', now.toISOString()).execute()
}
