import type { Me } from '../../api/types';
import { activeKind } from '../services/scope';

/** The operator's admin, CISO and assessor keep its device inventory (policy: assets.manage). */
export function canManageAssets(me: Me): boolean {
  return activeKind(me) === 'operator' && (me.role === 'admin' || me.role === 'ciso' || me.role === 'assessor');
}
