/** Shapes of /api/v1/assessments (see src/assessments/api/assessments-routes.ts and assessments-service.ts). */
import type { Localized, Obligation, TierLevel } from '../standards/types';

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'under_review', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const ANSWER_RESULTS = ['implemented', 'partially', 'not_implemented', 'not_applicable'] as const;
export type AnswerResult = (typeof ANSWER_RESULTS)[number];

export const POAM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type PoamStatus = (typeof POAM_STATUSES)[number];

export type CampaignStatus = 'open' | 'closed';

export interface CampaignScope {
  sectors: string[];
  tierIds: string[];
  operatorIds: string[];
}

export interface MaturityScale {
  min: number;
  max: number;
  labels: Localized[];
}

export interface KpiFilter {
  tierLevels?: TierLevel[];
  tierIds?: string[];
  sectors?: string[];
}

export type KpiDefinition =
  | {
      id: string;
      title: Localized;
      kind: 'share_of_operators';
      condition: { sourceNumber?: string; obligationLineage?: string; documentId?: string; result: AnswerResult | AnswerResult[]; evidenceWithinMonths?: number };
      filter?: KpiFilter;
    }
  | { id: string; title: Localized; kind: 'mean_maturity'; chapter: string; filter?: KpiFilter }
  | { id: string; title: Localized; kind: 'mean_score'; chapter?: string; filter?: KpiFilter };

export interface CampaignSummary {
  id: string;
  title: Localized;
  launchedBy: string;
  cycle: string;
  previousCampaignId: string | null;
  scope: CampaignScope;
  dueDate: string;
  status: CampaignStatus;
  createdAt: string;
  closedAt: string | null;
  counts?: Record<SubmissionStatus, number>;
  targetCount: number;
  ownStatus?: SubmissionStatus | null;
  maturityScale?: MaturityScale;
  kpis?: KpiDefinition[];
}

export interface Target {
  campaignId: string;
  operatorId: string;
  name?: string;
  sectors: string[];
  sectorId: string | null;
  tierId: string | null;
  tierLevel: TierLevel | null;
  status: SubmissionStatus;
  snapshotCount: number;
  obligationCount: number;
  updatedAt: string;
  submittedAt: string | null;
  score: number | null;
  meanMaturity: number | null;
  gapCount: number | null;
}

export interface Laggards {
  notSubmitted: { operatorId: string; name: string; status: SubmissionStatus; overdue: boolean }[];
  lowest: { operatorId: string; name: string; score: number | null; gapCount: number | null }[];
}

export interface CampaignDetail {
  campaign: CampaignSummary;
  targets: Target[];
  laggards: Laggards | null;
}

export interface SupportGroup {
  lineage: string;
  title: Localized;
  requests: { id: string; operatorId: string; operatorName: string; reason: string; createdAt: string }[];
}

export interface Answer {
  obligationKey: string;
  lineage: string;
  result: AnswerResult;
  maturity: number | null;
  targetDate: string | null;
  notApplicableReason: string | null;
  comment: string;
  evidenceIds: string[];
}

export interface WorkflowEvent {
  action: string;
  from: SubmissionStatus;
  to: SubmissionStatus;
  by: string;
  at: string;
}

export interface ReviewComment {
  obligationKey: string;
  body: string;
  by: string;
  at: string;
}

export interface QuestionnaireView {
  campaign: CampaignSummary & { maturityScale: MaturityScale };
  target: Target;
  obligations: Obligation[];
  answers: Answer[];
  answersAre: 'working' | 'snapshot' | 'none';
  snapshot: { sequence: number; signedOffBy: string; signedOffRole: string; signedOffAt: string; digest: string } | null;
  allowedActions: string[];
  openComments: ReviewComment[];
  returns: { snapshotSequence: number; by: string; at: string; comments: ReviewComment[] }[];
  events: WorkflowEvent[];
}

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

export interface EvidenceRecord {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  description: string;
  evidenceDate: string | null;
  createdAt: string;
}
