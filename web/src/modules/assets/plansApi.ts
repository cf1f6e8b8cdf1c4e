import { useQuery } from '@tanstack/react-query';
import { request } from '../services/http';

const BASE = '/api/v1/assets';
const enc = encodeURIComponent;

export const PLAN_STATUSES = ['planned', 'funded', 'in_progress', 'completed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const OVERVIEW_MEASURES = ['devices', 'devicesWithActiveException', 'eolDevices', 'eolDevicesWithoutPlan', 'devicesInOpenPlan', 'openPlans', 'overduePlans', 'openPlanBudgetJpy'] as const;
export type OverviewMeasure = (typeof OVERVIEW_MEASURES)[number];

export interface ReplacementPlan {
  id: string;
  operatorId: string;
  title: string;
  deviceIds: string[];
  kind: 'device' | 'fleet';
  targetDate: string;
  budgetJpy: number | null;
  status: PlanStatus;
  notes: string | null;
  overdue: boolean;
}

export interface PlanInput {
  title: string;
  deviceIds: string[];
  targetDate: string;
  budgetJpy: number | null;
  status: PlanStatus;
  notes: string | null;
}

export interface SectorOverview {
  date: string;
  minimumOperators: number;
  suppression: boolean;
  sectors: {
    sectorId: string;
    name: { ja: string; en: string };
    operatorCount: number;
    suppressed: boolean;
    reason: 'too_few_operators' | 'complementary' | null;
    counts: Record<OverviewMeasure, number> | null;
  }[];
}

export const plansApi = {
  list: (signal?: AbortSignal) => request<{ total: number; items: ReplacementPlan[] }>('GET', `${BASE}/plans`, { signal }),
  create: (body: PlanInput) => request<ReplacementPlan>('POST', `${BASE}/plans`, { json: body }),
  update: (id: string, body: PlanInput) => request<ReplacementPlan>('PUT', `${BASE}/plans/${enc(id)}`, { json: body }),
  remove: (id: string) => request<void>('DELETE', `${BASE}/plans/${enc(id)}`),
  overview: (signal?: AbortSignal) => request<SectorOverview>('GET', `${BASE}/overview`, { signal }),
};

export const planKeys = { all: ['assets', 'plans'] as const, overview: ['assets', 'overview'] as const };

export function usePlans() {
  return useQuery({ queryKey: planKeys.all, queryFn: ({ signal }) => plansApi.list(signal) });
}

export function useSectorOverview() {
  return useQuery({ queryKey: planKeys.overview, queryFn: ({ signal }) => plansApi.overview(signal) });
}
