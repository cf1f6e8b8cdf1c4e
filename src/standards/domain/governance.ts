import type { DeviationKind, LocalizedText, TierLevel } from './model.ts'

export interface Tier {
  id: string
  sectorId: string
  level: TierLevel
  name: LocalizedText
  criteria: LocalizedText
  /** The sector-standard document whose current version applies to operators of this tier. */
  profileDocumentId: string | null
}

export interface OperatorTier {
  organisationId: string
  sectorId: string
  tierId: string
  reason: string
  decidedBy: string
  decidedAt: string
}

export type ExceptionStatus = 'requested' | 'approved' | 'rejected'

/** 例外措置 on a sector profile: lets it drop or weaken a `must` until it expires. */
export interface StandardException {
  id: string
  versionId: string
  tierId: string | null
  nodeId: string
  kind: DeviationKind
  reason: string
  compensatingMeasures: string
  requestedBy: string
  requestedAt: string
  status: ExceptionStatus
  approver: string | null
  decidedAt: string | null
  decisionNote: string | null
  expiresAt: string
}

export type AnswerStatus = 'accepted' | 'declined' | 'considered'

/** Consultation (S24): a comment on one draft requirement and the owner's answer. */
export interface RequirementComment {
  id: string
  versionId: string
  nodeId: string
  organisationId: string
  author: string
  body: string
  createdAt: string
  answer: { status: AnswerStatus; body: string; by: string; at: string } | null
}

/** Operator-declared facts that decide applicability (uses cloud, operates OT, …). */
export const OPERATOR_FACTS = ['operates_ot', 'uses_cloud', 'handles_personal_data', 'internet_facing_systems'] as const
export type OperatorFact = (typeof OPERATOR_FACTS)[number]
