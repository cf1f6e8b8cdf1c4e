import { useQuery } from '@tanstack/react-query';
import { request } from '../services/http';

const BASE = '/api/v1/assets/exceptions';
const enc = encodeURIComponent;

export type Claim = 'closed_network' | 'proprietary_protocol' | 'dedicated_os';
export type ExceptionStatus = 'requested' | 'approved' | 'rejected' | 'expired';

export interface ControlKind {
  id: string;
  label: { ja: string; en: string };
  guidance: { ja: string; en: string };
  claim: Claim | null;
}

export interface AssetException {
  id: string;
  operatorId: string;
  deviceId: string;
  device: { assetId: string; vendor: string; product: string; version: string; endOfSupport: string | null };
  cveId: string | null;
  compensatingControls: { kind: string; description: string; claims: Claim[]; substantive: boolean }[];
  claims: Claim[];
  reason: string;
  expiresOn: string;
  decision: 'requested' | 'approved' | 'rejected';
  status: ExceptionStatus;
  active: boolean;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedOn: string | null;
  decisionNote: string | null;
}

export interface ExceptionInput {
  deviceId: string;
  cveId: string | null;
  compensatingControls: { kind: string; description: string }[];
  reason: string;
  expiresOn: string;
}

export const exceptionsApi = {
  list: (filters: { operator?: string; status?: ExceptionStatus }, signal?: AbortSignal) =>
    request<{ total: number; items: AssetException[] }>('GET', BASE, { query: filters, signal }),
  controls: (signal?: AbortSignal) => request<ControlKind[]>('GET', `${BASE}/controls`, { signal }),
  create: (body: ExceptionInput) => request<AssetException>('POST', BASE, { json: body }),
  withdraw: (id: string) => request<void>('DELETE', `${BASE}/${enc(id)}`),
  decide: (id: string, approve: boolean, note: string | null) => request<AssetException>('POST', `${BASE}/${enc(id)}/decision`, { json: { approve, note } }),
};

export const exceptionKeys = {
  all: ['assets', 'exceptions'] as const,
  list: (filters: object) => ['assets', 'exceptions', 'list', filters] as const,
  controls: ['assets', 'exceptions', 'controls'] as const,
};

export function useExceptions(filters: { operator?: string; status?: ExceptionStatus }) {
  return useQuery({ queryKey: exceptionKeys.list(filters), queryFn: ({ signal }) => exceptionsApi.list(filters, signal) });
}

export function useControlCatalogue() {
  return useQuery({ queryKey: exceptionKeys.controls, queryFn: ({ signal }) => exceptionsApi.controls(signal), staleTime: Infinity });
}
