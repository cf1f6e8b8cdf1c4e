import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { importFormat, request, withQuery } from '../services/http';
import type { Device, DeviceFilters, DeviceImportResult, DeviceInput, DevicePage } from './types';

const BASE = '/api/v1/assets/devices';
const enc = encodeURIComponent;

export const PAGE_SIZE = 200;

/** Links the browser follows itself (downloads). */
export const deviceLinks = {
  export: (filters: DeviceFilters, locale: string) => (format: 'csv' | 'xlsx') => withQuery(`${BASE}/export`, { format, locale, ...filters }),
};

export const devicesApi = {
  list: (filters: DeviceFilters, offset: number, signal?: AbortSignal) =>
    request<DevicePage>('GET', BASE, { query: { ...filters, limit: PAGE_SIZE, offset }, signal }),
  create: (body: DeviceInput) => request<Device>('POST', BASE, { json: body }),
  update: (id: string, body: DeviceInput) => request<Device>('PUT', `${BASE}/${enc(id)}`, { json: body }),
  remove: (id: string) => request<void>('DELETE', `${BASE}/${enc(id)}`),
  import: (file: File) => {
    const { format, contentType } = importFormat(file);
    return request<DeviceImportResult>('POST', `${BASE}/import`, { raw: file, contentType, query: { format } });
  },
};

export const deviceKeys = {
  all: ['assets', 'devices'] as const,
  list: (filters: DeviceFilters, offset: number) => ['assets', 'devices', 'list', filters, offset] as const,
};

export function useDevices(filters: DeviceFilters, offset: number) {
  return useQuery({
    queryKey: deviceKeys.list(filters, offset),
    queryFn: ({ signal }) => devicesApi.list(filters, offset, signal),
    placeholderData: keepPreviousData,
  });
}
