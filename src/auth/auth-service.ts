import { randomUUID } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { DomainError, forbidden, invalid } from '../platform/errors.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import {
  clearFailedLogins, findUserByEmail, findUserById, insertUser, listMembershipsOfUser, recordFailedLogin,
  setPasswordHash, setUserLocale, upsertMembership,
} from '../org/store/user-repository.ts'
import type { Role } from '../authz/domain/vocabulary.ts'
import { describePasswordProblems, passwordProblems } from './domain/password-policy.ts'
import { hashSecret, newSecret } from './domain/secrets.ts'
import { deleteSession, deleteSessionsOfUser, insertSession, setSessionOrganisation, type SessionRecord } from './store/session-repository.ts'
import type { MeView } from './api/auth-schemas.ts'

/** Argon2id with the OWASP-recommended minimum (19 MiB, t=2, p=1) as the library default. */
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

// Verified against when the e-mail is unknown, so response time does not reveal which accounts exist.
let dummyHash: Promise<string> | null = null

export interface SignedIn {
  sessionToken: string
  csrfToken: string
  me: MeView
}

const invalidCredentials = () => new DomainError('unauthenticated', 'auth.invalid_credentials', 'E-mail or password is wrong.')

export async function signIn(ctx: AppContext, email: string, password: string): Promise<SignedIn> {
  const now = ctx.now()
  const user = await findUserByEmail(ctx.database.db, email)
  if (!user || !user.passwordHash) {
    dummyHash ??= hash('kaname-timing-equaliser')
    await verify(await dummyHash, password).catch(() => false)
    throw invalidCredentials()
  }
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
    throw new DomainError('locked', 'auth.locked', `Too many failed sign-ins; try again after ${user.lockedUntil}.`)
  }
  // Hash verification is CPU work off the event loop; keep it outside any transaction.
  const ok = await verify(user.passwordHash, password).catch(() => false)
  if (!ok) {
    const { locked } = await inTransaction(ctx.database, async (trx) => {
      const result = await recordFailedLogin(trx, user.id, now, ctx.security.lockout.maxFailures, ctx.security.lockout.lockMinutes)
      await appendAudit(trx, { actor: `user:${user.id}`, organisationId: null, action: result.locked ? 'auth.locked' : 'auth.sign_in_failed', targetType: 'user', targetId: user.id }, now)
      return result
    })
    if (locked) throw new DomainError('locked', 'auth.locked', 'Too many failed sign-ins; the account is locked for a while.')
    throw invalidCredentials()
  }
  const memberships = await listMembershipsOfUser(ctx.database.db, user.id, now)
  const first = memberships[0]
  if (!first) throw forbidden('This account belongs to no organisation.')
  return openSession(ctx, user.id, first.organisationId, 'auth.sign_in')
}

/** Creates a session (after a password or OIDC sign-in) and records it. */
export async function openSession(ctx: AppContext, userId: string, organisationId: string, action: string): Promise<SignedIn> {
  const now = ctx.now()
  const sessionToken = newSecret()
  const csrfToken = newSecret()
  const record: SessionRecord = {
    id: hashSecret(sessionToken),
    userId,
    activeOrganisationId: organisationId,
    csrfToken,
    expiresAt: new Date(now.getTime() + ctx.security.sessionHours * 3_600_000).toISOString(),
    lastSeenAt: now.toISOString(),
  }
  await inTransaction(ctx.database, async (trx) => {
    await clearFailedLogins(trx, userId)
    await insertSession(trx, record, now)
    await appendAudit(trx, { actor: `user:${userId}`, organisationId, action, targetType: 'session', targetId: record.id.slice(0, 16) }, now)
  })
  return { sessionToken, csrfToken, me: await describeMe(ctx, userId, organisationId) }
}

export async function signOut(ctx: AppContext, session: SessionRecord): Promise<void> {
  await inTransaction(ctx.database, async (trx) => {
    await deleteSession(trx, session.id)
    await appendAudit(trx, { actor: `user:${session.userId}`, organisationId: session.activeOrganisationId, action: 'auth.sign_out', targetType: 'session', targetId: session.id.slice(0, 16) }, ctx.now())
  })
}

export async function describeMe(ctx: AppContext, userId: string, activeOrganisationId: string | null): Promise<MeView> {
  const user = await findUserById(ctx.database.db, userId)
  if (!user) throw forbidden()
  const memberships = await listMembershipsOfUser(ctx.database.db, userId, ctx.now())
  const active = memberships.find((m) => m.organisationId === activeOrganisationId) ?? null
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale },
    memberships: memberships.map(({ expiresAt: _expiresAt, ...m }) => m),
    activeOrganisationId: active?.organisationId ?? null,
    role: active?.role ?? null,
  }
}

export async function switchOrganisation(ctx: AppContext, session: SessionRecord, organisationId: string): Promise<MeView> {
  const memberships = await listMembershipsOfUser(ctx.database.db, session.userId, ctx.now())
  if (!memberships.some((m) => m.organisationId === organisationId)) {
    throw invalid('auth.not_a_member', 'You are not a member of that organisation.', [{ path: 'body.organisationId', message: 'not one of your organisations' }])
  }
  await inTransaction(ctx.database, async (trx) => {
    await setSessionOrganisation(trx, session.id, organisationId)
    await appendAudit(trx, { actor: `user:${session.userId}`, organisationId, action: 'auth.switch_organisation', targetType: 'session', targetId: session.id.slice(0, 16), before: { organisationId: session.activeOrganisationId }, after: { organisationId } }, ctx.now())
  })
  return describeMe(ctx, session.userId, organisationId)
}

export async function updateLocale(ctx: AppContext, userId: string, organisationId: string | null, locale: 'ja' | 'en'): Promise<void> {
  await inTransaction(ctx.database, async (trx) => {
    const before = await findUserById(trx, userId)
    await setUserLocale(trx, userId, locale, ctx.now())
    await appendAudit(trx, { actor: `user:${userId}`, organisationId, action: 'user.set_locale', targetType: 'user', targetId: userId, before: { locale: before?.locale }, after: { locale } }, ctx.now())
  })
}

export function assertPasswordAcceptable(password: string, email: string, field = 'password'): void {
  const problems = passwordProblems(password, email)
  if (problems.length > 0) {
    throw invalid('auth.weak_password', `The password ${describePasswordProblems(problems)}.`, [{ path: field, message: describePasswordProblems(problems) }])
  }
}

export interface NewUser {
  email: string
  displayName: string
  password: string | null
  locale: 'ja' | 'en'
  organisationId: string
  role: Role
  expiresAt?: string | null
}

/** Creates a user with one membership (CLI, seeding, org admins). Passwords are checked against the policy. */
export async function createUser(ctx: AppContext, actor: string, input: NewUser): Promise<string> {
  if (input.password !== null) assertPasswordAcceptable(input.password, input.email)
  const passwordHash = input.password === null ? null : await hashPassword(input.password)
  const now = ctx.now()
  return inTransaction(ctx.database, async (trx) => {
    const existing = await findUserByEmail(trx, input.email)
    const id = existing?.id ?? randomUUID()
    if (!existing) await insertUser(trx, { id, email: input.email, displayName: input.displayName, locale: input.locale, passwordHash }, now)
    await upsertMembership(trx, { userId: id, organisationId: input.organisationId, role: input.role, expiresAt: input.expiresAt ?? null }, now)
    await appendAudit(trx, { actor, organisationId: input.organisationId, action: existing ? 'membership.upsert' : 'user.create', targetType: 'user', targetId: id, after: { email: input.email.toLowerCase(), role: input.role, organisationId: input.organisationId } }, now)
    return id
  })
}

export async function resetPassword(ctx: AppContext, actor: string, email: string, password: string): Promise<string> {
  assertPasswordAcceptable(password, email)
  const passwordHash = await hashPassword(password)
  const now = ctx.now()
  return inTransaction(ctx.database, async (trx) => {
    const user = await findUserByEmail(trx, email)
    if (!user) throw invalid('user.not_found', `No user with e-mail ${email}.`, [{ path: 'email', message: 'no such user' }])
    await setPasswordHash(trx, user.id, passwordHash, now)
    // A reset ends every open session: whoever knew the old password is signed out.
    await deleteSessionsOfUser(trx, user.id)
    await appendAudit(trx, { actor, organisationId: null, action: 'user.reset_password', targetType: 'user', targetId: user.id }, now)
    return user.id
  })
}
