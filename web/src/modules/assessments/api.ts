import { useQuery } from '@tanstack/react-query';
import { csrfToken } from '../../api/client';
import { asText as text, DetailedProblem, readParams, readProblem } from '../../api/problem';
import type { CampaignDetail, CampaignSummary, EvidenceRecord, PoamItem, QuestionnaireView, SupportGroup } from './types';

/**
 * Requests of the assessments module. The shared client keeps only `path` and `message` of a problem's
 * field errors; answer and workbook errors also carry a `code` the page translates and the obligation they
 * concern, so this module reads problems itself. It also sends raw bodies (evidence files, workbooks).
 */

export interface ProblemDetail {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
  /** The workbook import's English wording (its `message` is Japanese). */
  en?: string;
  obligationKey?: string;
}

/** An ApiError (so ErrorAlert and the 401 handling still work) with the field errors in full. */
export class AssessmentsProblem extends DetailedProblem<ProblemDetail> {}

export function isAssessmentsProblem(error: unknown): error is AssessmentsProblem {
  return error instanceof AssessmentsProblem;
}

const BASE = '/api/v1/assessments';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function readDetail(raw: Record<string, unknown>): ProblemDetail {
  const params = readParams(raw);
  const obligationKey = text(raw.obligationKey) || (typeof params.obligationKey === 'string' ? params.obligationKey : '');
  return {
    path: text(raw.path),
    message: text(raw.message),
    ...(text(raw.code) ? { code: text(raw.code) } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(text(raw.en) ? { en: text(raw.en) } : {}),
    ...(obligationKey ? { obligationKey } : {}),
  };
}

async function problemOf(response: Response): Promise<AssessmentsProblem> {
  return new AssessmentsProblem(await readProblem(response, readDetail));
}

type Query = Record<string, string | undefined>;

async function request<T>(method: string, path: string, options: { json?: unknown; raw?: Blob; contentType?: string; query?: Query; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
    body = options.raw;
  }
  if (method !== 'GET') {
    const csrf = csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) if (v) params.set(k, v);
  const qs = params.toString();
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}${qs ? `?${qs}` : ''}`, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new AssessmentsProblem({ status: 0, code: 'network_error', title: 'Network error', detail: '', details: [] });
  }
  if (!response.ok) throw await problemOf(response);
  const content = await response.text();
  return (content ? JSON.parse(content) : undefined) as T;
}

const enc = encodeURIComponent;
const campaignPath = (id: string) => `/campaigns/${enc(id)}`;
const targetPath = (campaignId: string, operatorId: string) => `${campaignPath(campaignId)}/operators/${enc(operatorId)}`;

/** Links the browser follows itself (downloads). */
export const assessmentLinks = {
  xlsx: (campaignId: string, operatorId: string, locale: string) => `${BASE}${targetPath(campaignId, operatorId)}/xlsx?locale=${enc(locale)}`,
  oscal: (campaignId: string, operatorId: string, kind: 'assessment-results' | 'poam') => `${BASE}${targetPath(campaignId, operatorId)}/oscal?kind=${kind}`,
  evidence: (evidenceId: string) => `${BASE}/evidence/${enc(evidenceId)}/content`,
};

export const assessmentsApi = {
  campaigns: (signal?: AbortSignal) => request<CampaignSummary[]>('GET', '/campaigns', { signal }),
  launch: (body: unknown) => request<CampaignSummary>('POST', '/campaigns', { json: body }),
  campaign: (id: string, signal?: AbortSignal) => request<CampaignDetail>('GET', campaignPath(id), { signal }),
  close: (id: string) => request<CampaignSummary>('POST', `${campaignPath(id)}/close`),
  supportRequests: (id: string, signal?: AbortSignal) => request<SupportGroup[]>('GET', `${campaignPath(id)}/support-requests`, { signal }),
  questionnaire: (c: string, o: string, signal?: AbortSignal) => request<QuestionnaireView>('GET', targetPath(c, o), { signal }),
  saveAnswers: (c: string, o: string, answers: unknown[]) => request<QuestionnaireView>('PUT', `${targetPath(c, o)}/answers`, { json: { answers } }),
  submit: (c: string, o: string) => request<QuestionnaireView>('POST', `${targetPath(c, o)}/submit`),
  review: (c: string, o: string, action: 'start' | 'return' | 'accept', comments: { obligationKey: string; body: string }[] = []) =>
    request<QuestionnaireView>('POST', `${targetPath(c, o)}/review`, { json: { action, comments } }),
  plan: (c: string, o: string, signal?: AbortSignal) => request<PoamItem[]>('GET', `${targetPath(c, o)}/plan`, { signal }),
  updatePlanItem: (c: string, o: string, itemId: string, patch: unknown) => request<PoamItem>('PATCH', `${targetPath(c, o)}/plan/${enc(itemId)}`, { json: patch }),
  requestSupport: (c: string, o: string, obligationKey: string, reason: string) =>
    request<{ id: string }>('POST', `${targetPath(c, o)}/support-requests`, { json: { obligationKey, reason } }),
  importXlsx: (c: string, o: string, file: Blob) => request<QuestionnaireView>('PUT', `${targetPath(c, o)}/xlsx`, { raw: file, contentType: XLSX_TYPE }),
  evidence: (signal?: AbortSignal) => request<EvidenceRecord[]>('GET', '/evidence', { signal }),
  uploadEvidence: (file: File, description = '') => request<EvidenceRecord>('POST', '/evidence', { raw: file, query: { fileName: file.name, description } }),
};

export const assessmentKeys = {
  all: ['assessments'] as const,
  campaigns: ['assessments', 'campaigns'] as const,
  campaign: (id: string) => ['assessments', 'campaign', id] as const,
  support: (id: string) => ['assessments', 'campaign', id, 'support'] as const,
  questionnaire: (c: string, o: string) => ['assessments', 'campaign', c, 'operator', o] as const,
  plan: (c: string, o: string) => ['assessments', 'campaign', c, 'operator', o, 'plan'] as const,
  evidence: ['assessments', 'evidence'] as const,
};

export function useCampaigns() {
  return useQuery({ queryKey: assessmentKeys.campaigns, queryFn: ({ signal }) => assessmentsApi.campaigns(signal) });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: assessmentKeys.campaign(id), queryFn: ({ signal }) => assessmentsApi.campaign(id, signal), enabled: Boolean(id) });
}

export function useSupportRequests(id: string, enabled: boolean) {
  return useQuery({ queryKey: assessmentKeys.support(id), queryFn: ({ signal }) => assessmentsApi.supportRequests(id, signal), enabled: enabled && Boolean(id) });
}

export function useQuestionnaire(campaignId: string, operatorId: string) {
  return useQuery({
    queryKey: assessmentKeys.questionnaire(campaignId, operatorId),
    queryFn: ({ signal }) => assessmentsApi.questionnaire(campaignId, operatorId, signal),
    enabled: Boolean(campaignId && operatorId),
    // The page edits its own copy made when it mounts: that copy must start from the server's current
    // state, never from what an earlier visit left in the cache.
    staleTime: 0,
    gcTime: 0,
  });
}

export function usePlan(campaignId: string, operatorId: string) {
  return useQuery({ queryKey: assessmentKeys.plan(campaignId, operatorId), queryFn: ({ signal }) => assessmentsApi.plan(campaignId, operatorId, signal) });
}

export function useOwnEvidence(enabled: boolean) {
  return useQuery({ queryKey: assessmentKeys.evidence, queryFn: ({ signal }) => assessmentsApi.evidence(signal), enabled });
}
