export type Locale = 'ja' | 'en';

export const ORGANISATION_KINDS = ['national_office', 'ministry', 'operator', 'sharing_body', 'provider'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ['admin', 'ciso', 'assessor', 'reviewer', 'viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
  organisationId: string;
  organisationName: string;
  organisationNameEn: string;
  organisationKind: OrganisationKind;
  role: Role;
}

export interface Me {
  user: { id: string; email: string; displayName: string; locale: Locale };
  memberships: Membership[];
  activeOrganisationId: string;
  role: Role;
}

export interface AuthConfig {
  oidc: boolean;
  demo: boolean;
}

export interface Sector {
  id: string;
  nameJa: string;
  nameEn: string;
  ministryIds: string[];
}

export interface Prefecture {
  code: string;
  nameJa: string;
  nameEn: string;
}

export interface Organisation {
  id: string;
  name: string;
  nameEn: string;
  kind: OrganisationKind;
  sectors: string[];
  prefectureCode: string | null;
  esDesignated: boolean;
  acdDesignated: boolean;
  createdAt: string;
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  expiresAt: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  // The contract does not pin the actor's shape; it is rendered defensively.
  actor: unknown;
  organisationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; reason: string };
}
