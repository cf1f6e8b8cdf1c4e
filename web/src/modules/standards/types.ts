/** Shapes of /api/v1/standards and /api/v1/obligations (see src/standards/api/standards-schemas.ts). */

export const DOCUMENT_KINDS = ['unified_standard', 'sector_standard', 'guideline', 'law', 'foreign_framework'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const VERSION_STATUSES = ['draft', 'published', 'in_force', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const STRENGTHS = ['must', 'should', 'may'] as const;
export type Strength = (typeof STRENGTHS)[number];
export type TierLevel = 'baseline' | 'standard' | 'enhanced';
export type DeviationKind = 'dropped' | 'weakened_strength' | 'weakened_parameter';
export type ExceptionStatus = 'requested' | 'approved' | 'rejected';
export type AnswerStatus = 'accepted' | 'declined' | 'considered';

export interface Localized {
  ja: string;
  en: string;
}

export interface VersionSummary {
  id: string;
  documentId: string;
  label: string;
  status: VersionStatus;
  effectiveFrom: string | null;
  publishedAt: string | null;
  consultationOpen: boolean;
  isProfile: boolean;
}

export interface StandardDocument {
  id: string;
  kind: DocumentKind;
  ownerOrganisationId: string;
  sectorId: string | null;
  title: Localized;
  versions: VersionSummary[];
}

export type ParamValue = string | number | boolean;

export interface ProfileImport {
  versionId: string;
  include: 'all' | { ids: string[]; withChildren: boolean };
  exclude: string[];
}

export interface Alteration {
  nodeId: string;
  strength?: Strength;
  addText?: Localized;
  addGuidance?: Localized;
  plain?: Localized;
  removeEvidence?: boolean;
}

export interface ProfileSpec {
  imports: ProfileImport[];
  setParameters: { paramId: string; value: ParamValue }[];
  alters: Alteration[];
}

export interface StandardVersion extends VersionSummary {
  notice: Localized;
  profile: ProfileSpec | null;
  source: string;
  contentDigest: string;
  document: { id: string; kind: DocumentKind; title: Localized; ownerOrganisationId: string; sectorId: string | null };
}

export interface Parameter {
  id: string;
  label: Localized;
  type: 'integer' | 'number' | 'string' | 'boolean' | 'choice';
  value: ParamValue | null;
  unit?: string;
  stricter?: 'lower' | 'higher';
  choices?: string[];
}

export interface RequirementNode {
  id: string;
  parentId: string | null;
  number: string;
  kind: 'group' | 'requirement';
  title: Localized;
  text: Localized;
  strength: Strength | null;
  addressee: 'government' | 'ministry' | 'operator' | null;
  parameters: Parameter[];
  applicability: Record<string, unknown>;
  guidance: Localized;
  evidence: Localized[];
  plain?: Localized;
  withdrawn?: boolean;
  origin?: { versionId: string; number: string };
}

export interface NodeChange {
  id: string;
  number: string;
  fields: string[];
  before: RequirementNode;
  after: RequirementNode;
}

export interface VersionDiff {
  added: RequirementNode[];
  removed: RequirementNode[];
  changed: NodeChange[];
}

export interface Deviation {
  nodeId: string;
  number: string;
  kind: DeviationKind;
  detail: string;
  exception: { id: string; status: ExceptionStatus; expiresAt: string } | null;
}

export interface TierCheck {
  tierId: string | null;
  tierLevel: TierLevel;
  deviations: Deviation[];
  blocking: Omit<Deviation, 'exception'>[];
}

export interface StandardException {
  id: string;
  versionId: string;
  tierId: string | null;
  nodeId: string;
  kind: DeviationKind;
  reason: string;
  compensatingMeasures: string;
  requestedBy: string;
  requestedAt: string;
  status: ExceptionStatus;
  approver: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  expiresAt: string;
  documentId?: string;
  sectorId?: string | null;
  ownerOrganisationId?: string;
}

export interface Tier {
  id: string;
  sectorId: string;
  level: TierLevel;
  name: Localized;
  criteria: Localized;
  profileDocumentId: string | null;
}

export interface RequirementComment {
  id: string;
  versionId: string;
  nodeId: string;
  organisationId: string;
  author: string;
  body: string;
  createdAt: string;
  answer: { status: AnswerStatus; body: string; by: string; at: string } | null;
}

export interface ObligationSource {
  documentId: string;
  documentKind: DocumentKind;
  documentTitle: Localized;
  versionId: string;
  versionLabel: string;
  nodeId: string;
  number: string;
  strength: Strength;
}

export interface Obligation {
  key: string;
  lineage: string;
  title: Localized;
  text: Localized;
  plain?: Localized;
  strength: Strength;
  parameters: Parameter[];
  sources: ObligationSource[];
  reasons: { source: string; why: string; because: string[] }[];
  mergedBy: { from: string; to: string; relationship: string }[];
  related: { from: string; to: string; relationship: string }[];
}

export interface ObligationReport {
  organisationId: string;
  operator: {
    sectors: string[];
    tiers: { sectorId: string; tierId: string; level: TierLevel; reason: string }[];
    tierLevel: TierLevel | null;
    flags: { esDesignated: boolean; acdDesignated: boolean };
    facts: string[];
  };
  documents: { documentId: string; kind: DocumentKind; title: Localized; versionId: string; versionLabel: string; why: string }[];
  obligations: Obligation[];
}
