import { useQuery } from '@tanstack/react-query';
import { importFormat, request, withQuery } from '../services/http';
import type { ImportResult } from '../services/types';
import type {
  CascadeResult,
  ConcentrationEntry,
  DependencyGraph,
  DurationModel,
  EdgeInput,
  MonteCarloResult,
  Provider,
  ProviderInput,
  Scenario,
  SectorRiskEntry,
  SpofResponse,
  StoredEdge,
} from './types';

const BASE = '/api/v1/dependencies';
const enc = encodeURIComponent;

/** A list the API returns bare or wrapped (`{entries}`, `{sectors}`, `{providers}` …). */
export function listOf<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const key of keys) {
      const v = (body as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}

export interface GraphFilters {
  sector?: string;
  prefecture?: string;
}

export const dependencyLinks = {
  graphJson: (filters: GraphFilters) => withQuery(`${BASE}/graph`, { ...filters, download: 1 }),
  export: (kind: 'providers' | 'edges', locale: string) => (format: 'csv' | 'xlsx') => withQuery(`${BASE}/export`, { kind, format, locale }),
};

export const dependenciesApi = {
  graph: (filters: GraphFilters, signal?: AbortSignal) => request<DependencyGraph>('GET', `${BASE}/graph`, { query: { ...filters }, signal }),
  spof: (hours: number, signal?: AbortSignal) => request<SpofResponse>('GET', `${BASE}/spof`, { query: { hours }, signal }),
  simulate: (scenario: Scenario) => request<CascadeResult>('POST', `${BASE}/simulate`, { json: scenario }),
  monteCarlo: (body: { nodes?: string[]; prefectures?: string[]; duration: DurationModel; runs: number; seed?: number }) =>
    request<MonteCarloResult>('POST', `${BASE}/monte-carlo`, { json: body }),
  concentration: async (signal?: AbortSignal) => listOf<ConcentrationEntry>(await request<unknown>('GET', `${BASE}/concentration`, { signal }), 'entries', 'providers'),
  sectorRisk: async (hours: number, signal?: AbortSignal) =>
    listOf<SectorRiskEntry>(await request<unknown>('GET', `${BASE}/sector-risk`, { query: { hours }, signal }), 'sectors', 'entries'),
  providers: async (signal?: AbortSignal) => listOf<Provider>(await request<unknown>('GET', `${BASE}/providers`, { signal }), 'providers', 'entries'),
  edges: async (signal?: AbortSignal) => listOf<StoredEdge>(await request<unknown>('GET', `${BASE}/edges`, { signal }), 'edges', 'entries'),
  createProvider: (body: ProviderInput) => request<Provider>('POST', `${BASE}/providers`, { json: body }),
  updateProvider: (id: string, body: ProviderInput) => request<Provider>('PUT', `${BASE}/providers/${enc(id)}`, { json: body }),
  deleteProvider: (id: string) => request<void>('DELETE', `${BASE}/providers/${enc(id)}`),
  createEdge: (body: EdgeInput) => request<StoredEdge>('POST', `${BASE}/edges`, { json: body }),
  updateEdge: (id: string, body: EdgeInput) => request<StoredEdge>('PUT', `${BASE}/edges/${enc(id)}`, { json: body }),
  deleteEdge: (id: string) => request<void>('DELETE', `${BASE}/edges/${enc(id)}`),
  import: (kind: 'providers' | 'edges') => (file: File) => {
    const { format, contentType } = importFormat(file);
    return request<ImportResult>('POST', `${BASE}/import`, { raw: file, contentType, query: { kind, format } });
  },
};

export const dependencyKeys = {
  all: ['dependencies'] as const,
  graph: (filters: GraphFilters) => ['dependencies', 'graph', filters] as const,
  spof: (hours: number) => ['dependencies', 'spof', hours] as const,
  concentration: ['dependencies', 'concentration'] as const,
  sectorRisk: (hours: number) => ['dependencies', 'sector-risk', hours] as const,
  providers: ['dependencies', 'providers'] as const,
  edges: ['dependencies', 'edges'] as const,
};

export function useGraph(filters: GraphFilters = {}) {
  return useQuery({ queryKey: dependencyKeys.graph(filters), queryFn: ({ signal }) => dependenciesApi.graph(filters, signal) });
}

export function useSpof(hours: number) {
  return useQuery({ queryKey: dependencyKeys.spof(hours), queryFn: ({ signal }) => dependenciesApi.spof(hours, signal) });
}

export function useConcentration() {
  return useQuery({ queryKey: dependencyKeys.concentration, queryFn: ({ signal }) => dependenciesApi.concentration(signal) });
}

export function useSectorRisk(hours: number, enabled = true) {
  return useQuery({ queryKey: dependencyKeys.sectorRisk(hours), queryFn: ({ signal }) => dependenciesApi.sectorRisk(hours, signal), enabled });
}

export function useProviders() {
  return useQuery({ queryKey: dependencyKeys.providers, queryFn: ({ signal }) => dependenciesApi.providers(signal) });
}

export function useEdges() {
  return useQuery({ queryKey: dependencyKeys.edges, queryFn: ({ signal }) => dependenciesApi.edges(signal) });
}
