import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Organisation } from '../../api/types';
import { currentLocale } from '../../i18n';
import { nodeName } from './analysis';
import type { DependencyNode } from './types';

/**
 * Node names for lists where services of different operators share a name (several banks each run "deposits and transfers"): a
 * service is named with its operator when the caller can see the operator, a provider by its own name.
 */
export function useNodeLabels(nodes: readonly DependencyNode[] | undefined) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const organisations = useQuery({
    queryKey: queryKeys.organisations({ kind: 'operator' }),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', { kind: 'operator' }, signal),
  });
  const operatorName = useCallback(
    (id: string) => {
      const org = organisations.data?.find((o) => o.id === id);
      return org ? (locale === 'en' && org.nameEn ? org.nameEn : org.name) : null;
    },
    [organisations.data, locale],
  );
  const byId = useMemo(() => new Map((nodes ?? []).map((n) => [n.id, n])), [nodes]);
  const label = useCallback(
    (id: string) => {
      const node = byId.get(id);
      const name = nodeName(node, locale, id);
      if (node?.kind !== 'service') return name;
      const operator = operatorName(node.operatorId);
      // Some services already carry their operator in the name.
      return operator && !name.includes(operator) ? t('dependencies.serviceOf', { name, operator }) : name;
    },
    [byId, locale, operatorName, t],
  );
  return { label, operatorName };
}
