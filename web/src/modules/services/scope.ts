import type { Me, OrganisationKind } from '../../api/types';

/** The kind of the organisation the user is acting for. */
export function activeKind(me: Me): OrganisationKind | undefined {
  return me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
}

/** The NCO and ministries see every service in their scope and consider designations. */
export function isGovernment(me: Me): boolean {
  const kind = activeKind(me);
  return kind === 'national_office' || kind === 'ministry';
}

/** An operator's admin or CISO writes its own services and their dependencies. */
export function canManageServices(me: Me): boolean {
  return activeKind(me) === 'operator' && (me.role === 'admin' || me.role === 'ciso');
}

/** NCO and ministry admins define designation criteria and record decisions. */
export function canGovern(me: Me): boolean {
  return isGovernment(me) && me.role === 'admin';
}

/** Whoever may register providers and record dependencies: admins and CISOs of operators, ministries and the NCO. */
export function canManageDependencies(me: Me): boolean {
  const kind = activeKind(me);
  return (kind === 'operator' || kind === 'ministry' || kind === 'national_office') && (me.role === 'admin' || me.role === 'ciso');
}
