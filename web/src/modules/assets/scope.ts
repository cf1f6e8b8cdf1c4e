import type { Me } from '../../api/types';
import { activeKind } from '../services/scope';

/** The operator's admin, CISO and assessor keep its device inventory (policy: assets.manage). */
export function canManageAssets(me: Me): boolean {
  return activeKind(me) === 'operator' && (me.role === 'admin' || me.role === 'ciso' || me.role === 'assessor');
}

/** The operator's admin and CISO request, decide and plan (assets.exceptions.*, assets.plans.manage). */
export function canGovernAssets(me: Me): boolean {
  return activeKind(me) === 'operator' && (me.role === 'admin' || me.role === 'ciso');
}
