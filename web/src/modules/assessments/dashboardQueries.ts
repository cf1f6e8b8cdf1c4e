import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CampaignDetail, Dashboard, PoamItem, SupportRequestGroup, TierInfo } from './dashboardTypes';

const base = (campaignId: string) => `/api/v1/assessments/campaigns/${encodeURIComponent(campaignId)}`;

/** Query keys of the dashboard page, apart from the campaign pages' own. */
export const dashboardKeys = {
  dashboard: (campaignId: string, sector: string | null) => ['assessments', 'dashboards', campaignId, 'aggregates', sector ?? ''] as const,
  detail: (campaignId: string) => ['assessments', 'dashboards', campaignId, 'detail'] as const,
  support: (campaignId: string) => ['assessments', 'dashboards', campaignId, 'support'] as const,
  plan: (campaignId: string, operatorId: string) => ['assessments', 'dashboards', campaignId, 'plan', operatorId] as const,
  tiers: ['assessments', 'dashboards', 'tiers'] as const,
};

export function useCampaignDashboard(campaignId: string, sector: string | null) {
  return useQuery({
    queryKey: dashboardKeys.dashboard(campaignId, sector),
    queryFn: ({ signal }) => api.get<Dashboard>(`${base(campaignId)}/dashboard`, { sector }, signal),
    placeholderData: (previous) => previous,
  });
}

export function useCampaignDetail(campaignId: string) {
  return useQuery({
    queryKey: dashboardKeys.detail(campaignId),
    queryFn: ({ signal }) => api.get<CampaignDetail>(base(campaignId), undefined, signal),
  });
}

export function useSupportRequests(campaignId: string, enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.support(campaignId),
    queryFn: ({ signal }) => api.get<SupportRequestGroup[]>(`${base(campaignId)}/support-requests`, undefined, signal),
    enabled,
  });
}

export function useOwnPlan(campaignId: string, operatorId: string | null) {
  return useQuery({
    queryKey: dashboardKeys.plan(campaignId, operatorId ?? ''),
    queryFn: ({ signal }) =>
      api.get<PoamItem[]>(`${base(campaignId)}/operators/${encodeURIComponent(operatorId ?? '')}/plan`, undefined, signal),
    enabled: Boolean(operatorId),
  });
}

/** Every tier, for naming the tier rows of the score table. */
export function useAllTiers() {
  return useQuery({
    queryKey: dashboardKeys.tiers,
    queryFn: ({ signal }) => api.get<TierInfo[]>('/api/v1/standards/tiers', undefined, signal),
    staleTime: Infinity,
  });
}
