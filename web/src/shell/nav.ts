import type { OrganisationKind } from '../api/types';

export type NavKey =
  | 'dashboard'
  | 'org'
  | 'standards'
  | 'obligations'
  | 'services'
  | 'dependencies'
  | 'assessments'
  | 'assets'
  | 'vulnerabilities'
  | 'risk'
  | 'sharing'
  | 'incidents'
  | 'reports'
  | 'audit';

export interface NavItem {
  key: NavKey;
  path: string;
  /** Organisation kinds the item is for; every kind when absent. */
  kinds?: readonly OrganisationKind[];
}

/** Order and paths follow the module list of DESIGN.md. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/' },
  { key: 'org', path: '/org' },
  { key: 'standards', path: '/standards' },
  { key: 'obligations', path: '/obligations' },
  // Services are operators' own; the NCO and ministries read those in their scope. Sharing bodies and providers have none.
  { key: 'services', path: '/services', kinds: ['national_office', 'ministry', 'operator'] },
  { key: 'dependencies', path: '/dependencies' },
  { key: 'assessments', path: '/assessments' },
  // Devices are operators' own; the NCO and ministries read those in their scope.
  { key: 'assets', path: '/assets', kinds: ['national_office', 'ministry', 'operator'] },
  { key: 'vulnerabilities', path: '/vulnerabilities' },
  { key: 'risk', path: '/risk' },
  { key: 'sharing', path: '/sharing' },
  { key: 'incidents', path: '/incidents' },
  { key: 'reports', path: '/reports' },
  { key: 'audit', path: '/audit' },
];

/** The menu of an organisation kind (undefined while unknown: the whole menu). */
export function navItemsFor(kind: OrganisationKind | undefined): readonly NavItem[] {
  return kind === undefined ? NAV_ITEMS : NAV_ITEMS.filter((item) => !item.kinds || item.kinds.includes(kind));
}

export function isActivePath(itemPath: string, currentPath: string): boolean {
  if (itemPath === '/') return currentPath === '/';
  return currentPath === itemPath || currentPath.startsWith(`${itemPath}/`);
}
