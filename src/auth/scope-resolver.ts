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

interface CachedSession {
  session: SessionRecord
  scope: Scope | null
  membershipExpiresAt: string | null
}

interface CachedToken {
  secretHash: string
  expiresAt: string
  lastUsedAt: string | null
  scope: Scope
}

/**
 * Turns a session cookie into a scope. The role comes from the user's *current* membership of the active
 * organisation, so removing a membership takes effect on the next request. A session whose membership
 * lapsed still resolves (to let the user switch or sign out) but with no scope.
 *
 * Resolutions are cached for the current change epoch (the audit head: any sign-out, membership or
 * organisation change moves it), so a cached scope is exactly what the database says at that epoch;
 * expiry, which depends on the clock, is checked on every request.
 */
export async function scopeFromSession(ctx: AppContext, cookieValue: string, epoch: number): Promise<ResolvedSession | null> {
  const now = ctx.now()
  const nowIso = now.toISOString()
  const db = ctx.database.db
  const id = hashSecret(cookieValue)
  const key = `session:${id}`
  let entry = ctx.caches.scopes.get(epoch, key) as CachedSession | null | undefined
  if (entry === undefined) {
    entry = await loadSession(ctx, id, now)
    ctx.caches.scopes.set(epoch, key, entry)
  }
  if (!entry || entry.session.expiresAt <= nowIso) return null
  if (now.getTime() - Date.parse(entry.session.lastSeenAt) > 60_000) {
    const expiresAt = new Date(now.getTime() + ctx.security.sessionHours * 3_600_000).toISOString()
    await extendSession(db, entry.session.id, now, expiresAt)
    entry.session = { ...entry.session, lastSeenAt: nowIso, expiresAt }
  }
  const lapsed = entry.membershipExpiresAt !== null && entry.membershipExpiresAt <= nowIso
  return { session: entry.session, scope: lapsed ? null : entry.scope }
}

async function loadSession(ctx: AppContext, id: string, now: Date): Promise<CachedSession | null> {
  const db = ctx.database.db
  const session = await findLiveSession(db, id, now)
  if (!session) return null
  const memberships = await listMembershipsOfUser(db, session.userId, now)
  const membership = memberships.find((m) => m.organisationId === session.activeOrganisationId)
  if (!membership) return { session, scope: null, membershipExpiresAt: null }
  return {
    session,
    membershipExpiresAt: membership.expiresAt,
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

/** Bearer tokens: scoped to one organisation and role, expiring, revocable (revocation moves the epoch). */
export async function scopeFromApiToken(ctx: AppContext, bearer: string, epoch: number): Promise<Scope | null> {
  const parsed = parseApiToken(bearer)
  if (!parsed) return null
  const now = ctx.now()
  const db = ctx.database.db
  const key = `token:${parsed.id}`
  let entry = ctx.caches.scopes.get(epoch, key) as CachedToken | null | undefined
  if (entry === undefined) {
    entry = await loadToken(ctx, parsed.id)
    ctx.caches.scopes.set(epoch, key, entry)
  }
  if (!entry || entry.expiresAt <= now.toISOString()) return null
  if (!sameHash(entry.secretHash, hashSecret(parsed.secret))) return null
  if (!entry.lastUsedAt || now.getTime() - Date.parse(entry.lastUsedAt) > 60_000) {
    await touchApiToken(db, parsed.id, now)
    entry.lastUsedAt = now.toISOString()
  }
  return entry.scope
}

async function loadToken(ctx: AppContext, id: string): Promise<CachedToken | null> {
  const db = ctx.database.db
  const token = await findApiTokenSecret(db, id)
  if (!token || token.revokedAt) return null
  const organisation = await getOrganisationUnscoped(db, token.organisationId)
  if (!organisation) return null
  return {
    secretHash: token.secretHash,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    scope: {
      actor: `token:${token.id}`,
      userId: null,
      organisationId: organisation.id,
      organisationKind: organisation.kind as OrganisationKind,
      role: token.role as Role,
      sectorIds: await sectorIdsOf(db, organisation.id, organisation.kind),
    },
  }
}
