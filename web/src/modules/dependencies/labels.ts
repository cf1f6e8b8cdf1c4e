import type { TFunction } from 'i18next';
import type { Locale } from '../../api/types';
import { formatHours } from '../services/format';
import type { DependencyNode, Failover } from './types';

/** How a lost dependency is bridged, in words. */
export function failoverText(t: TFunction, failover: Failover, locale: Locale): string {
  switch (failover.kind) {
    case 'none':
      return t('dependencies.failover.none');
    case 'manual':
      return t('dependencies.failover.manual', { n: formatHours(failover.hours, locale) });
    case 'automatic':
      return t('dependencies.failover.automatic');
  }
}

/** "Service" or the provider's type (cloud, logistics …), in the reader's language. */
export function nodeKindText(t: TFunction, node: Pick<DependencyNode, 'kind'> & { providerType?: string }): string {
  if (node.kind === 'service' || !node.providerType) return t('dependencies.kind.service');
  return t(`dependencies.providerType.${node.providerType}` as never);
}
