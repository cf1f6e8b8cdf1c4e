import type { OrganisationKind, Role } from '../../authz/domain/vocabulary.ts'

export interface User {
  id: string
  email: string
  displayName: string
  locale: 'ja' | 'en'
}

export interface Membership {
  organisationId: string
  organisationName: string
  organisationNameEn: string
  organisationKind: OrganisationKind
  role: Role
  expiresAt: string | null
}

export interface Member {
  userId: string
  email: string
  displayName: string
  role: Role
  expiresAt: string | null
}

export interface ApiToken {
  id: string
  name: string
  role: Role
  organisationId: string
  createdAt: string
  expiresAt: string
  revokedAt: string | null
  lastUsedAt: string | null
}

/** A membership counts only until it expires (auditors get time-boxed access). */
export function isMembershipActive(expiresAt: string | null, now: Date): boolean {
  return expiresAt === null || expiresAt > now.toISOString()
}
