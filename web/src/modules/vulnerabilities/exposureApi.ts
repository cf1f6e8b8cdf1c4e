import { useQuery } from '@tanstack/react-query';
import { request } from '../services/http';

const BASE = '/api/v1/vulnerabilities';

export interface MatchExplanation {
  cveId: string;
  status: 'affected' | 'unknown';
  reason: string;
  ruleKind: string;
  source: string;
  provider: string;
  path: string;
  vendor: string;
  product: string;
  scheme: string;
  exact?: string;
  range?: { start: string | null; lessThan?: string; lessThanOrEqual?: string; change?: { at: string; status: string } };
  cpe?: string;
}

export interface Exposure {
  deviceId: string;
  assetId: string;
  operatorId: string;
  vendor: string;
  product: string;
  version: string;
  cveId: string;
  status: 'affected' | 'unknown';
  kev: boolean;
  score: number;
  reason: string;
  explanation: MatchExplanation;
  firstSeen: string;
  lastSeen: string;
  exception: { id: string; expiresOn: string } | null;
}

export interface SectorExposure {
  sectorId: string;
  operatorCount: number;
  suppressed: boolean;
  kevExposedDevices: number | null;
  eolDevices: number | null;
  exposedOperators: number | null;
}

export interface ExposureFilters {
  operatorId?: string;
  kev?: 'true' | 'false';
  status?: 'affected' | 'unknown';
}

export const EXPOSURE_PAGE_SIZE = 100;

export function useExposures(filters: ExposureFilters, offset: number) {
  return useQuery({
    queryKey: ['vulnerabilities', 'exposure', filters, offset],
    queryFn: ({ signal }) =>
      request<{ total: number; items: Exposure[] }>('GET', `${BASE}/exposure`, { query: { ...filters, limit: EXPOSURE_PAGE_SIZE, offset }, signal }),
  });
}

export function useSectorExposure(enabled: boolean) {
  return useQuery({
    queryKey: ['vulnerabilities', 'exposure', 'sectors'],
    queryFn: async ({ signal }) => (await request<{ items: SectorExposure[] }>('GET', `${BASE}/exposure/sectors`, { signal })).items,
    enabled,
  });
}

export interface Advisory {
  id: string;
  operatorId: string;
  cveId: string;
  devices: number;
  kev: boolean;
  createdAt: string;
  readAt: string | null;
}

export function useUnreadAdvisories(enabled: boolean) {
  return useQuery({
    queryKey: ['vulnerabilities', 'advisories', 'unread'],
    queryFn: ({ signal }) => request<{ total: number; items: Advisory[] }>('GET', `${BASE}/advisories`, { query: { unread: 'true', limit: 20 }, signal }),
    enabled,
  });
}

export const markAdvisoryRead = (id: string) => request<Advisory>('POST', `${BASE}/advisories/${encodeURIComponent(id)}/read`);
