import { QueryCache, MutationCache, QueryClient, useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';
import type { AuthConfig, Me, Organisation, Prefecture, Sector } from './types';

export const queryKeys = {
  me: ['auth', 'me'] as const,
  authConfig: ['auth', 'config'] as const,
  sectors: ['org', 'sectors'] as const,
  prefectures: ['org', 'prefectures'] as const,
  organisations: (filters: { kind?: string; sector?: string }) => ['org', 'organisations', filters] as const,
  organisation: (id: string) => ['org', 'organisation', id] as const,
  members: (id: string) => ['org', 'organisation', id, 'members'] as const,
  auditEntries: ['audit', 'entries'] as const,
};

/**
 * Forgets everything cached for a previous session but keeps the auth entries, so that components
 * already observing "me" (the locale sync, the auth guard) see the new value instead of a removed query.
 */
export function resetSessionCache(client: QueryClient, me: Me | null): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  client.setQueryData(queryKeys.me, me);
}

export function createQueryClient(): QueryClient {
  // Any 401 means the session is gone: clearing "me" makes the auth guard send the user to /login.
  const onError = (error: unknown) => {
    if (isApiError(error, 401)) client.setQueryData(queryKeys.me, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Client errors (403, 404, …) are answers, not glitches; retrying them only delays the message.
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
  return client;
}

/** The signed-in user, or null when the server says 401. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Me>('/api/v1/auth/me', undefined, signal);
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useAuthConfig() {
  return useQuery({
    queryKey: queryKeys.authConfig,
    queryFn: ({ signal }) => api.get<AuthConfig>('/api/v1/auth/config', undefined, signal),
    staleTime: Infinity,
  });
}

export function useSectors() {
  return useQuery({
    queryKey: queryKeys.sectors,
    queryFn: ({ signal }) => api.get<Sector[]>('/api/v1/org/sectors', undefined, signal),
    staleTime: Infinity,
  });
}

export function usePrefectures() {
  return useQuery({
    queryKey: queryKeys.prefectures,
    queryFn: ({ signal }) => api.get<Prefecture[]>('/api/v1/org/prefectures', undefined, signal),
    staleTime: Infinity,
  });
}

export function useOrganisation(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.organisation(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<Organisation>(`/api/v1/org/organisations/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}
