import type { SuppressionReason } from '../../components/chartTable';

/** Shapes of GET /api/v1/assessments/campaigns/:id/dashboard and friends (src/assessments/dashboard-service.ts). */

export interface Localized {
  ja: string;
  en: string;
}

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'under_review', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** One aggregate: 'national', 'sector:<id>', 'tier:<id>'; a suppressed one has a reason instead of a value. */
export type AggregateRow =
  | { id: string; measure: string; dims: Readonly<Record<string, string>>; operatorCount: number; suppressed: false; value: number | null }
  | { id: string; measure: string; dims: Readonly<Record<string, string>>; operatorCount: number; suppressed: true; reason: SuppressionReason };

export interface TrendRow {
  id: string;
  measure: string;
  dims: Readonly<Record<string, string>>;
  current: number | null;
  previous: number | null;
  delta: number | null;
}

export type KpiDefinition =
  | { id: string; title: Localized; kind: 'share_of_operators' }
  | { id: string; title: Localized; kind: 'mean_maturity'; chapter: string }
  | { id: string; title: Localized; kind: 'mean_score'; chapter?: string };

export interface DashboardCampaign {
  id: string;
  title: Localized;
  cycle: string;
  dueDate: string;
  status: 'open' | 'closed';
  previousCampaignId: string | null;
  scope: { sectors: string[]; tierIds: string[]; operatorIds: string[] };
}

export interface SectorStatus {
  sectorId: string;
  counts: Record<SubmissionStatus, number>;
  total: number;
}

export interface HeatmapRow {
  lineage: string;
  number: string;
  title: Localized;
  cells: AggregateRow[];
}

export interface KpiView {
  id: string;
  definition: KpiDefinition;
  rows: AggregateRow[];
  trend: TrendRow[];
}

export interface Dashboard {
  campaign: DashboardCampaign;
  viewer: { isNco: boolean; sectors: string[] };
  status: SectorStatus[];
  scores: AggregateRow[];
  scoreTrend: TrendRow[];
  maturity: AggregateRow[];
  chapters: AggregateRow[];
  heatmap: HeatmapRow[];
  kpis: KpiView[];
  previousCampaignId: string | null;
}

export interface CampaignTarget {
  operatorId: string;
  name: string;
  sectors: string[];
  sectorId: string | null;
  tierId: string | null;
  status: SubmissionStatus;
  obligationCount: number;
  submittedAt: string | null;
  score: number | null;
  meanMaturity: number | null;
  gapCount: number | null;
}

export interface CampaignDetail {
  campaign: DashboardCampaign & { ownStatus: SubmissionStatus | null; targetCount: number };
  targets: CampaignTarget[];
  laggards: null | {
    notSubmitted: { operatorId: string; name: string; status: SubmissionStatus; overdue: boolean }[];
    lowest: { operatorId: string; name: string; score: number; gapCount: number }[];
  };
}

export interface SupportRequestGroup {
  lineage: string;
  title: Localized;
  requests: { id: string; operatorId: string; operatorName: string; reason: string; createdAt: string }[];
}

export const POAM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type PoamStatus = (typeof POAM_STATUSES)[number];

export interface PoamItem {
  id: string;
  obligationKey: string;
  lineage: string;
  title: Localized;
  owner: string;
  dueDate: string;
  milestones: { title: Localized; dueDate: string; done: boolean }[];
  status: PoamStatus;
}

export interface TierInfo {
  id: string;
  sectorId: string;
  name: Localized;
}
