export type NavKey =
  | 'dashboard'
  | 'org'
  | 'standards'
  | 'obligations'
  | 'services'
  | 'dependencies'
  | 'assessments'
  | 'assets'
  | 'risk'
  | 'sharing'
  | 'incidents'
  | 'reports'
  | 'audit';

export interface NavItem {
  key: NavKey;
  path: string;
}

/** Order and paths follow the module list of DESIGN.md. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/' },
  { key: 'org', path: '/org' },
  { key: 'standards', path: '/standards' },
  { key: 'obligations', path: '/obligations' },
  { key: 'services', path: '/services' },
  { key: 'dependencies', path: '/dependencies' },
  { key: 'assessments', path: '/assessments' },
  { key: 'assets', path: '/assets' },
  { key: 'risk', path: '/risk' },
  { key: 'sharing', path: '/sharing' },
  { key: 'incidents', path: '/incidents' },
  { key: 'reports', path: '/reports' },
  { key: 'audit', path: '/audit' },
];

export function isActivePath(itemPath: string, currentPath: string): boolean {
  if (itemPath === '/') return currentPath === '/';
  return currentPath === itemPath || currentPath.startsWith(`${itemPath}/`);
}
