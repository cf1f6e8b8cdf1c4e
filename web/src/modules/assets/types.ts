/** Shapes of /api/v1/assets (src/assets/api/assets-schemas.ts). */

export const DEVICE_ROLES = ['router', 'firewall', 'vpn_gateway', 'switch', 'wireless_ap', 'plc', 'hmi', 'scada_server', 'ids', 'other'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];
export const REACHABILITY = ['yes', 'no', 'unknown'] as const;
export type Reachability = (typeof REACHABILITY)[number];

export interface Device {
  id: string;
  operatorId: string;
  assetId: string;
  vendor: string;
  product: string;
  version: string;
  cpe: string | null;
  role: DeviceRole;
  zone: string | null;
  internetReachable: Reachability;
  closedNetwork: boolean;
  installDate: string | null;
  lastPatched: string | null;
  endOfSupport: string | null;
  owner: string | null;
  serviceIds: string[];
  matchable: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface DevicePage {
  total: number;
  limit: number;
  offset: number;
  items: Device[];
}

export interface DeviceInput {
  assetId: string;
  vendor: string;
  product: string;
  version: string;
  cpe?: string | null;
  role?: DeviceRole;
  zone?: string | null;
  internetReachable?: Reachability;
  closedNetwork?: boolean;
  installDate?: string | null;
  lastPatched?: string | null;
  endOfSupport?: string | null;
  owner?: string | null;
  serviceIds?: string[];
}

export interface DeviceFilters {
  operator?: string;
  sector?: string;
  role?: DeviceRole;
  internetReachable?: Reachability;
  closedNetwork?: 'true' | 'false';
  q?: string;
}

export interface DeviceImportResult {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  notMatchable: number;
  withoutCpe: number;
  warnings: { row: number; path: string; code: string; message: string; params: Record<string, string | number> }[];
  warningCount: number;
}
