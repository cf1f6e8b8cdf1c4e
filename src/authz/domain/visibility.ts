import type { OrganisationKind } from './vocabulary.ts'
import type { Scope } from './scope.ts'

/**
 * Which organisations a caller may see, as data (DESIGN.md, "Visibility"). The store turns this into SQL;
 * `relationTo` applies the same rule to one organisation in memory. Keep both in this file so they cannot drift.
 *
 * - NCO: everything.
 * - ministry: itself, the NCO, other ministries, providers, and every organisation in a sector of its jurisdiction.
 * - operator: itself, the NCO, the ministries in charge of its sectors and its sectors' sharing bodies; never other operators.
 * - sharing body: itself, the NCO, the ministries of its sectors and the operators and sharing bodies of its sectors.
 * - provider: itself and the NCO.
 */
export interface OrganisationVisibility {
  all: boolean
  ownId: string
  /** Kinds visible regardless of sector. */
  kinds: OrganisationKind[]
  /** Kinds visible when they share a sector with `sectorIds`. */
  kindsInSectors: OrganisationKind[]
  /** Ministries having jurisdiction over one of `sectorIds` are visible. */
  ministriesOfSectors: boolean
  sectorIds: readonly string[]
}

export function organisationVisibility(scope: Scope): OrganisationVisibility {
  const base = { all: false, ownId: scope.organisationId, sectorIds: scope.sectorIds, ministriesOfSectors: false }
  switch (scope.organisationKind) {
    case 'national_office':
      return { ...base, all: true, kinds: [], kindsInSectors: [] }
    case 'ministry':
      return { ...base, kinds: ['national_office', 'ministry', 'provider'], kindsInSectors: ['operator', 'sharing_body'] }
    case 'operator':
      return { ...base, kinds: ['national_office'], kindsInSectors: ['sharing_body'], ministriesOfSectors: true }
    case 'sharing_body':
      return { ...base, kinds: ['national_office'], kindsInSectors: ['operator', 'sharing_body'], ministriesOfSectors: true }
    case 'provider':
      return { ...base, kinds: ['national_office'], kindsInSectors: [] }
  }
}

/** What the caller is to a given organisation; drives the write rules in policy.ts. */
export type Relation = 'own' | 'jurisdiction' | 'visible' | 'none'

export interface OrganisationFacts {
  id: string
  kind: OrganisationKind
  sectorIds: readonly string[]
  /** For ministries: the sectors they have jurisdiction over. */
  jurisdictionSectorIds: readonly string[]
}

export function relationTo(scope: Scope, target: OrganisationFacts): Relation {
  if (target.id === scope.organisationId) return 'own'
  const shares = (sectors: readonly string[]) => sectors.some((s) => scope.sectorIds.includes(s))
  if (scope.organisationKind === 'national_office') return 'jurisdiction'
  if (scope.organisationKind === 'ministry' && target.kind === 'operator' && shares(target.sectorIds)) return 'jurisdiction'
  const rule = organisationVisibility(scope)
  if (rule.kinds.includes(target.kind)) return 'visible'
  if (rule.kindsInSectors.includes(target.kind) && shares(target.sectorIds)) return 'visible'
  if (rule.ministriesOfSectors && target.kind === 'ministry' && shares(target.jurisdictionSectorIds)) return 'visible'
  return 'none'
}

/**
 * Standards: published, in-force and superseded versions are public to every signed-in caller (they are
 * the rules everyone works to). A draft is the owner's, plus the NCO (which drives every sector standard,
 * S16); while a draft is open for consultation (S24), ministries and the organisations of its sector
 * (every organisation, for a cross-sector document) may read and comment on it.
 */
export interface VersionFacts {
  status: string
  ownerOrganisationId: string
  sectorId: string | null
  consultationOpen: boolean
}

export function canSeeVersion(scope: Scope, version: VersionFacts): boolean {
  if (version.status !== 'draft') return true
  if (scope.organisationId === version.ownerOrganisationId || scope.organisationKind === 'national_office') return true
  if (!version.consultationOpen) return false
  if (scope.organisationKind === 'ministry' || version.sectorId === null) return true
  return scope.sectorIds.includes(version.sectorId)
}
