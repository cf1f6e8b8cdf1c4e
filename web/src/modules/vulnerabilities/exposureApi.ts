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

export interface BacklogRow { operatorId: string; devices: number; exposures: number; kevExposures: number; kevDevices: number; unknown: number; topScore: number }
export interface UnpatchedRow { deviceId: string; assetId: string; operatorId: string; cveId: string; kev: boolean; knownSince: string; years: number; lastPatched: string | null }
export interface EolDeviceRow { deviceId: string; assetId: string; operatorId: string; vendor: string; product: string; version: string; endOfSupport: string; basis: 'device' | 'list'; source: string | null }

const items = async <T,>(path: string, query: Record<string, string | number | undefined>, signal?: AbortSignal) =>
  (await request<{ items: T[] }>('GET', `${BASE}${path}`, { query, signal })).items;

export function useBacklog() {
  return useQuery({ queryKey: ['vulnerabilities', 'exposure', 'backlog'], queryFn: ({ signal }) => items<BacklogRow>('/exposure/backlog', {}, signal) });
}

export function useUnpatched(years: number) {
  return useQuery({ queryKey: ['vulnerabilities', 'exposure', 'unpatched', years], queryFn: ({ signal }) => items<UnpatchedRow>('/exposure/unpatched', { years }, signal) });
}

export function useEolDevices() {
  return useQuery({ queryKey: ['vulnerabilities', 'exposure', 'eol'], queryFn: ({ signal }) => items<EolDeviceRow>('/exposure/eol', {}, signal) });
}
