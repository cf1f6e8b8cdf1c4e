import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  ObligationReport, RequirementComment, RequirementNode, StandardDocument, StandardException, StandardVersion, Tier, TierCheck, VersionDiff,
} from './types';

const base = '/api/v1/standards';
const v = (id: string) => `${base}/versions/${encodeURIComponent(id)}`;

export const standardsKeys = {
  all: ['standards'] as const,
  documents: ['standards', 'documents'] as const,
  version: (id: string) => ['standards', 'version', id] as const,
  nodes: (id: string, q: string) => ['standards', 'version', id, 'nodes', q] as const,
  diff: (id: string, against: string) => ['standards', 'version', id, 'diff', against] as const,
  check: (id: string) => ['standards', 'version', id, 'check'] as const,
  comments: (id: string) => ['standards', 'version', id, 'comments'] as const,
  exceptions: ['standards', 'exceptions'] as const,
  tiers: ['standards', 'tiers'] as const,
  obligations: (orgId: string) => ['obligations', orgId] as const,
};

export const standardsPaths = {
  version: v,
  exportOscal: (id: string) => `${v(id)}/export/oscal`,
  exportXlsx: (id: string) => `${v(id)}/export/xlsx`,
  obligations: (orgId: string) => `/api/v1/obligations/${encodeURIComponent(orgId)}`,
  obligationsXlsx: (orgId: string) => `/api/v1/obligations/${encodeURIComponent(orgId)}/xlsx`,
};

export function useDocuments() {
  return useQuery({
    queryKey: standardsKeys.documents,
    queryFn: ({ signal }) => api.get<StandardDocument[]>(`${base}/documents`, undefined, signal),
  });
}

export function useVersion(id: string | undefined) {
  return useQuery({
    queryKey: standardsKeys.version(id ?? ''),
    queryFn: ({ signal }) => api.get<StandardVersion>(v(id ?? ''), undefined, signal),
    enabled: Boolean(id),
  });
}

export function useNodes(id: string | undefined, q = '') {
  return useQuery({
    queryKey: standardsKeys.nodes(id ?? '', q),
    queryFn: ({ signal }) => api.get<RequirementNode[]>(`${v(id ?? '')}/nodes`, { q }, signal),
    enabled: Boolean(id),
    placeholderData: (previous) => previous,
  });
}

export function useDiff(id: string, against: string | null) {
  return useQuery({
    queryKey: standardsKeys.diff(id, against ?? ''),
    queryFn: ({ signal }) => api.get<VersionDiff>(`${v(id)}/diff`, { against: against ?? '' }, signal),
    enabled: Boolean(against),
  });
}

export function useCheck(id: string, enabled: boolean) {
  return useQuery({
    queryKey: standardsKeys.check(id),
    queryFn: ({ signal }) => api.get<TierCheck[]>(`${v(id)}/check`, undefined, signal),
    enabled,
  });
}

export function useComments(id: string, enabled: boolean) {
  return useQuery({
    queryKey: standardsKeys.comments(id),
    queryFn: ({ signal }) => api.get<RequirementComment[]>(`${v(id)}/comments`, undefined, signal),
    enabled,
  });
}

export function useExceptions(enabled = true) {
  return useQuery({
    queryKey: standardsKeys.exceptions,
    queryFn: ({ signal }) => api.get<StandardException[]>(`${base}/exceptions`, undefined, signal),
    enabled,
  });
}

export function useTiers() {
  return useQuery({
    queryKey: standardsKeys.tiers,
    queryFn: ({ signal }) => api.get<Tier[]>(`${base}/tiers`, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useObligations(orgId: string | undefined) {
  return useQuery({
    queryKey: standardsKeys.obligations(orgId ?? ''),
    queryFn: ({ signal }) => api.get<ObligationReport>(standardsPaths.obligations(orgId ?? ''), undefined, signal),
    enabled: Boolean(orgId),
  });
}
