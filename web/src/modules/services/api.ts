import { useQuery } from '@tanstack/react-query';
import { importFormat, request, withQuery } from './http';
import type { CandidatesResponse, CiService, CriteriaSet, DecisionInput, DesignationDecision, ImportResult, ServiceInput } from './types';

const BASE = '/api/v1/services';
const enc = encodeURIComponent;

/** Links the browser follows itself (downloads). */
export const serviceLinks = {
  export: (filters: { operator?: string; sector?: string }, locale: string) => (format: 'csv' | 'xlsx') =>
    withQuery(`${BASE}/export`, { format, locale, ...filters }),
};

export const servicesApi = {
  list: (filters: { operator?: string; sector?: string }, signal?: AbortSignal) => request<CiService[]>('GET', BASE, { query: filters, signal }),
  get: (id: string, signal?: AbortSignal) => request<CiService>('GET', `${BASE}/${enc(id)}`, { signal }),
  create: (body: ServiceInput) => request<CiService>('POST', BASE, { json: body }),
  update: (id: string, body: ServiceInput) => request<CiService>('PUT', `${BASE}/${enc(id)}`, { json: body }),
  remove: (id: string) => request<void>('DELETE', `${BASE}/${enc(id)}`),
  import: (file: File) => {
    const { format, contentType } = importFormat(file);
    return request<ImportResult>('POST', `${BASE}/import`, { raw: file, contentType, query: { format } });
  },
  criteria: (signal?: AbortSignal) => request<CriteriaSet[]>('GET', `${BASE}/designation/criteria`, { signal }),
  createCriteria: (body: Omit<CriteriaSet, 'id' | 'definedBy'>) => request<CriteriaSet>('POST', `${BASE}/designation/criteria`, { json: body }),
  updateCriteria: (id: string, body: Omit<CriteriaSet, 'id' | 'definedBy'>) => request<CriteriaSet>('PUT', `${BASE}/designation/criteria/${enc(id)}`, { json: body }),
  candidates: (criteriaSet: string, signal?: AbortSignal) =>
    request<CandidatesResponse>('GET', `${BASE}/designation/candidates`, { query: { criteriaSet }, signal }),
  decisions: (signal?: AbortSignal) => request<DesignationDecision[]>('GET', `${BASE}/designation/decisions`, { signal }),
  decide: (body: DecisionInput) => request<DesignationDecision>('POST', `${BASE}/designation/decisions`, { json: body }),
};

export const serviceKeys = {
  all: ['services'] as const,
  list: (filters: { operator?: string; sector?: string }) => ['services', 'list', filters] as const,
  criteria: ['services', 'designation', 'criteria'] as const,
  candidates: (setId: string) => ['services', 'designation', 'candidates', setId] as const,
  decisions: ['services', 'designation', 'decisions'] as const,
};

export function useServices(filters: { operator?: string; sector?: string } = {}) {
  return useQuery({ queryKey: serviceKeys.list(filters), queryFn: ({ signal }) => servicesApi.list(filters, signal) });
}

export function useCriteriaSets(enabled = true) {
  return useQuery({ queryKey: serviceKeys.criteria, queryFn: ({ signal }) => servicesApi.criteria(signal), enabled });
}

export function useCandidates(setId: string | null) {
  return useQuery({
    queryKey: serviceKeys.candidates(setId ?? ''),
    queryFn: ({ signal }) => servicesApi.candidates(setId ?? '', signal),
    enabled: Boolean(setId),
  });
}

export function useDecisions(enabled = true) {
  return useQuery({ queryKey: serviceKeys.decisions, queryFn: ({ signal }) => servicesApi.decisions(signal), enabled });
}
