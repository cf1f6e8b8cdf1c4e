/** Shapes of the services API (/api/v1/services), as the web app reads them. */

export interface Localized {
  ja: string;
  en: string;
}

export interface Substitute {
  serviceId: string;
  takeoverHours: number;
}

export interface PrefectureServed {
  prefectureCode: string;
  people: number;
}

export interface ImpactOverTime {
  afterHour: number;
  afterDay: number;
  afterWeek: number;
}

/** A critical-infrastructure service of one operator; durations in hours, RLO a fraction 0–1. */
export interface CiService {
  id: string;
  operatorId: string;
  /** The operator's name when the list spans several operators. */
  operatorName?: string | Localized;
  name: Localized;
  sector: string;
  type: string;
  peopleServed: number;
  businessesServed: number;
  prefectures: PrefectureServed[];
  substitutes: Substitute[];
  mtpdHours: number;
  rtoHours: number;
  rpoHours: number;
  rlo: number;
  impact: ImpactOverTime;
}

/** What the form sends: the service's fields; its id and operator come from the URL and the session. */
export type ServiceInput = Omit<CiService, 'id' | 'operatorId' | 'operatorName'>;

export const CRITERION_KINDS = ['national_coverage', 'prefecture_coverage', 'low_substitutability', 'systemic_dependency', 'economic_security_designation'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export type Criterion =
  | { id: string; kind: 'national_coverage'; threshold: number }
  | { id: string; kind: 'prefecture_coverage'; threshold: number }
  | { id: string; kind: 'low_substitutability'; withinHours: number }
  | { id: string; kind: 'systemic_dependency'; threshold: number }
  | { id: string; kind: 'economic_security_designation' };

export interface CriteriaSet {
  id: string;
  definedBy: string;
  name: Localized;
  combine: 'all' | 'any';
  criteria: Criterion[];
}

export interface CriterionEvaluation {
  criterionId: string;
  criterion: CriterionKind;
  threshold: number | null;
  value: number | boolean | null;
  fired: boolean;
  service?: string;
  /** The service behind the value, named by the server. */
  serviceName?: Localized;
  prefecture?: string;
}

export interface CandidateOperator {
  operatorId: string;
  operatorName: string;
  operatorNameEn?: string;
  sectors: string[];
  candidate: boolean;
  firedCount: number;
  evaluations: CriterionEvaluation[];
}

export interface CandidatesResponse {
  criteriaSet: CriteriaSet;
  operators: CandidateOperator[];
}

export const DECISIONS = ['designate', 'not_designate'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DesignationDecision {
  id: string;
  operatorId: string;
  operatorName?: string | Localized;
  sectorId: string;
  decision: Decision;
  tierId: string | null;
  reason: string;
  decidedBy: string;
  decidedByName?: string;
  decidedByOrg: string;
  decidedAt: string;
  criteriaSetId: string | null;
}

export interface DecisionInput {
  operatorId: string;
  sectorId: string;
  decision: Decision;
  tierId?: string | null;
  reason: string;
  criteriaSetId?: string | null;
}

/** The import's answer (all-or-nothing): rows read, and how many records were created, updated or left as they were. */
export interface ImportResult {
  received?: number;
  rows?: number;
  created: number;
  updated: number;
  unchanged: number;
}
