import type { AppContext } from '../platform/context.ts'
import type { Scope } from '../authz/domain/scope.ts'
import type { OrganisationKind, Role } from '../authz/domain/vocabulary.ts'
import { getOrganisationUnscoped } from '../org/store/organisation-repository.ts'
import { findApiTokenSecret, listMembershipsOfUser, sectorIdsOf, touchApiToken } from '../org/store/user-repository.ts'
import { hashSecret, parseApiToken, sameHash } from './domain/secrets.ts'
import { extendSession, findLiveSession, type SessionRecord } from './store/session-repository.ts'

export interface ResolvedSession {
  scope: Scope | null
  session: SessionRecord
}

/**
 * Turns a session cookie into a scope. The role comes from the user's *current* membership of the active
 * organisation, so removing a membership takes effect on the next request. A session whose membership
 * lapsed still resolves (to let the user switch or sign out) but with no scope.
 */
export async function scopeFromSession(ctx: AppContext, cookieValue: string): Promise<ResolvedSession | null> {
  const now = ctx.now()
  const db = ctx.database.db
  const session = await findLiveSession(db, hashSecret(cookieValue), now)
  if (!session) return null
  if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
    const expiresAt = new Date(now.getTime() + ctx.security.sessionHours * 3_600_000).toISOString()
    await extendSession(db, session.id, now, expiresAt)
  }
  const memberships = await listMembershipsOfUser(db, session.userId, now)
  const membership = memberships.find((m) => m.organisationId === session.activeOrganisationId)
  if (!membership) return { scope: null, session }
  return {
    session,
    scope: {
      actor: `user:${session.userId}`,
      userId: session.userId,
      organisationId: membership.organisationId,
      organisationKind: membership.organisationKind,
      role: membership.role,
      sectorIds: await sectorIdsOf(db, membership.organisationId, membership.organisationKind),
    },
  }
}

/** Bearer tokens: scoped to one organisation and role, expiring, revocable. */
export async function scopeFromApiToken(ctx: AppContext, bearer: string): Promise<Scope | null> {
  const parsed = parseApiToken(bearer)
  if (!parsed) return null
  const now = ctx.now()
  const db = ctx.database.db
  const token = await findApiTokenSecret(db, parsed.id)
  if (!token || token.revokedAt || token.expiresAt <= now.toISOString()) return null
  if (!sameHash(token.secretHash, hashSecret(parsed.secret))) return null
  const organisation = await getOrganisationUnscoped(db, token.organisationId)
  if (!organisation) return null
  if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > 60_000) await touchApiToken(db, token.id, now)
  return {
    actor: `token:${token.id}`,
    userId: null,
    organisationId: organisation.id,
    organisationKind: organisation.kind as OrganisationKind,
    role: token.role as Role,
    sectorIds: await sectorIdsOf(db, organisation.id, organisation.kind),
  }
}
