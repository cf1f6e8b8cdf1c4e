import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request } from '../services/http';
import type { CveDetail, CveSummary, KevEntry, Paged } from './types';

const BASE = '/api/v1/vulnerabilities';
export const VULN_PAGE_SIZE = 50;

export function useCveRecords(filters: { q?: string; kev?: 'true' | 'false' }, offset: number) {
  return useQuery({
    queryKey: ['vulnerabilities', 'records', filters, offset],
    queryFn: ({ signal }) => request<Paged<CveSummary>>('GET', `${BASE}/records`, { query: { ...filters, limit: VULN_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCveRecord(cveId: string | null) {
  return useQuery({
    queryKey: ['vulnerabilities', 'record', cveId],
    queryFn: ({ signal }) => request<CveDetail>('GET', `${BASE}/records/${encodeURIComponent(cveId ?? '')}`, { signal }),
    enabled: Boolean(cveId),
  });
}

export function useKev(q: string, offset: number) {
  return useQuery({
    queryKey: ['vulnerabilities', 'kev', q, offset],
    queryFn: ({ signal }) => request<Paged<KevEntry>>('GET', `${BASE}/kev`, { query: { q, limit: VULN_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}
