import type { OrganisationKind, Role } from './vocabulary.ts'

/**
 * Who is acting, for which organisation, in which role: built once per request by the authorization
 * plugin and passed explicitly to every repository function. There is no ambient scope.
 */
export interface Scope {
  /** `user:<id>` or `token:<id>`: what the audit log records as the actor. */
  readonly actor: string
  readonly userId: string | null
  readonly organisationId: string
  readonly organisationKind: OrganisationKind
  readonly role: Role
  /** Sectors the acting organisation belongs to; for a ministry, the sectors in its jurisdiction. */
  readonly sectorIds: readonly string[]
}

/** The system itself (CLI, seeding, migrations) acts with this label in the audit log. */
export const SYSTEM_ACTOR = 'system'
