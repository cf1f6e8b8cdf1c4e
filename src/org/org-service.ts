import { randomUUID } from 'node:crypto'
import type { AppContext } from '../platform/context.ts'
import { inTransaction } from '../platform/db/database.ts'
import { conflict, forbidden, invalid, type FieldError } from '../platform/errors.ts'
import type { Scope } from '../authz/domain/scope.ts'
import type { Role } from '../authz/domain/vocabulary.ts'
import { appendAudit } from '../audit/store/audit-repository.ts'
import type { Organisation } from './domain/organisation.ts'
import {
  existingSectorIds, getOrganisationUnscoped, insertOrganisation, ministryIdsAmong, prefectureExists, updateOrganisation,
  upsertSector, type OrganisationRecord, type SectorRecord,
} from './store/organisation-repository.ts'
import { countAdmins, deleteMembership, insertApiToken, revokeApiToken, findApiTokenForScope } from './store/user-repository.ts'
import { formatApiToken, hashSecret, newSecret } from '../auth/domain/secrets.ts'
import type { ApiToken } from './domain/membership.ts'
import type { OrganisationInput, OrganisationPatch } from './api/org-schemas.ts'


/** Checks references the schema cannot: sectors and prefecture exist, and a ministry stays inside its jurisdiction. */
async function validateRecord(ctx: AppContext, scope: Scope, record: OrganisationRecord): Promise<void> {
  const errors: FieldError[] = []
  const known = await existingSectorIds(ctx.database.db, record.sectors)
  record.sectors.forEach((s, i) => { if (!known.has(s)) errors.push({ path: `body.sectors.${i}`, message: `unknown sector "${s}"` }) })
  if (new Set(record.sectors).size !== record.sectors.length) errors.push({ path: 'body.sectors', message: 'contains duplicates' })
  if (record.prefectureCode && !(await prefectureExists(ctx.database.db, record.prefectureCode))) {
    errors.push({ path: 'body.prefectureCode', message: 'unknown prefecture code' })
  }
  if (record.acdDesignated && !record.esDesignated) {
    errors.push({ path: 'body.acdDesignated', message: 'a specially designated operator (2025 act) must also be esDesignated' })
  }
  if ((record.esDesignated || record.acdDesignated) && record.kind !== 'operator') {
    errors.push({ path: 'body.esDesignated', message: 'only operators can be designated' })
  }
  if (errors.length > 0) throw invalid('org.invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors)
  // A ministry's own record (its name, say) is not an operator it manages; its jurisdiction is guarded in changeOrganisation.
  if (scope.organisationKind === 'ministry' && record.id !== scope.organisationId) {
    if (record.kind !== 'operator' || record.sectors.length === 0 || !record.sectors.every((s) => scope.sectorIds.includes(s))) {
      throw forbidden('A ministry may only manage operators in the sectors of its jurisdiction.')
    }
  }
}

export async function createOrganisation(ctx: AppContext, scope: Scope, input: OrganisationInput): Promise<Organisation> {
  const record: OrganisationRecord = { id: randomUUID(), ...input }
  await validateRecord(ctx, scope, record)
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await insertOrganisation(trx, record, now)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'org.create', targetType: 'organisation', targetId: record.id, after: record }, now)
  })
  return (await getOrganisationUnscoped(ctx.database.db, record.id))!
}

export async function changeOrganisation(ctx: AppContext, scope: Scope, current: Organisation, patch: OrganisationPatch): Promise<Organisation> {
  const before: OrganisationRecord = {
    id: current.id, name: current.name, nameEn: current.nameEn, kind: current.kind, sectors: current.sectors,
    prefectureCode: current.prefectureCode, esDesignated: current.esDesignated, acdDesignated: current.acdDesignated, profile: current.profile,
  }
  const after: OrganisationRecord = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) }
  // Designation is a government decision: an operator cannot designate or undesignate itself.
  if (scope.organisationId === current.id && scope.organisationKind === 'operator' &&
    (after.esDesignated !== before.esDesignated || after.acdDesignated !== before.acdDesignated || after.sectors.join() !== before.sectors.join())) {
    throw forbidden('Designation and sectors are set by the ministry in charge.')
  }
  // A ministry's sectors are its jurisdiction: set by the NCO (PUT /sectors/:id), not by the ministry itself.
  if (scope.organisationId === current.id && scope.organisationKind === 'ministry' && after.sectors.join() !== before.sectors.join()) {
    throw forbidden('The jurisdiction of a ministry is set by the NCO.')
  }
  if (scope.organisationId !== current.id || scope.organisationKind !== 'operator') await validateRecord(ctx, scope, after)
  const now = ctx.now()
  await inTransaction(ctx.database, async (trx) => {
    await updateOrganisation(trx, after, now)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'org.update', targetType: 'organisation', targetId: current.id, before, after }, now)
  })
  return (await getOrganisationUnscoped(ctx.database.db, current.id))!
}

export async function createApiToken(ctx: AppContext, scope: Scope, input: { name: string; role: Role; expiresInDays: number }): Promise<ApiToken & { secret: string }> {
  // A token can never hold more than its creator: admins may mint any role of their own organisation.
  const now = ctx.now()
  const id = randomUUID()
  const secret = newSecret()
  const token: ApiToken = {
    id, name: input.name, role: input.role, organisationId: scope.organisationId, createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(), revokedAt: null, lastUsedAt: null,
  }
  await inTransaction(ctx.database, async (trx) => {
    await insertApiToken(trx, { ...token, secretHash: hashSecret(secret), createdBy: scope.actor })
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'token.create', targetType: 'api_token', targetId: id, after: { name: token.name, role: token.role, expiresAt: token.expiresAt } }, now)
  })
  return { ...token, secret: formatApiToken(id, secret) }
}

export async function revokeToken(ctx: AppContext, scope: Scope, id: string): Promise<boolean> {
  const now = ctx.now()
  return inTransaction(ctx.database, async (trx) => {
    const token = await findApiTokenForScope(trx, scope, id)
    if (!token) return false
    await revokeApiToken(trx, scope, id, now)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'token.revoke', targetType: 'api_token', targetId: id, before: { revokedAt: token.revokedAt }, after: { revokedAt: now.toISOString() } }, now)
    return true
  })
}

export async function saveSector(ctx: AppContext, scope: Scope, sector: SectorRecord): Promise<'created' | 'updated'> {
  const ministries = await ministryIdsAmong(ctx.database.db, sector.ministryIds)
  const errors: FieldError[] = sector.ministryIds.flatMap((m, i) => ministries.has(m) ? [] : [{ path: `body.ministryIds.${i}`, message: `"${m}" is not a ministry` }])
  if (errors.length > 0) throw invalid('sector.invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors)
  const now = ctx.now()
  return inTransaction(ctx.database, async (trx) => {
    const outcome = await upsertSector(trx, sector)
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: `sector.${outcome === 'created' ? 'create' : 'update'}`, targetType: 'sector', targetId: sector.id, after: sector }, now)
    return outcome
  })
}

export async function removeMember(ctx: AppContext, scope: Scope, userId: string): Promise<boolean> {
  const now = ctx.now()
  return inTransaction(ctx.database, async (trx) => {
    const removed = await deleteMembership(trx, scope, userId)
    if (!removed) return false
    // An organisation must keep someone who can manage it.
    if (removed === 'admin' && (await countAdmins(trx, scope.organisationId)) === 0) {
      throw conflict('org.last_admin', 'The last admin of an organisation cannot be removed.')
    }
    await appendAudit(trx, { actor: scope.actor, organisationId: scope.organisationId, action: 'membership.remove', targetType: 'user', targetId: userId, before: { role: removed } }, now)
    return true
  })
}
