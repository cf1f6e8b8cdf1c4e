import { z } from 'zod'
import { ORGANISATION_KINDS, ROLES } from '../../authz/domain/vocabulary.ts'

export const OrganisationKind = z.enum(ORGANISATION_KINDS)
export const Role = z.enum(ROLES)

const SectorId = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be a sector id such as "medical"')
const PrefectureCode = z.string().regex(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, 'must be a JIS X 0401 prefecture code 01–47')

export const OrganisationView = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: OrganisationKind,
  sectors: z.array(z.string()),
  prefectureCode: z.string().nullable(),
  esDesignated: z.boolean(),
  acdDesignated: z.boolean(),
  profile: z.string().nullable(),
  createdAt: z.string(),
}).meta({ id: 'Organisation' })

export const OrganisationInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  kind: OrganisationKind,
  sectors: z.array(SectorId).max(20).default([]),
  prefectureCode: PrefectureCode.nullable().default(null),
  esDesignated: z.boolean().default(false),
  acdDesignated: z.boolean().default(false),
  profile: z.string().trim().min(1).max(60).nullable().default(null),
}).meta({ id: 'NewOrganisation' })
export type OrganisationInput = z.infer<typeof OrganisationInput>

export const OrganisationPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  nameEn: z.string().trim().min(1).max(200).optional(),
  sectors: z.array(SectorId).max(20).optional(),
  prefectureCode: PrefectureCode.nullable().optional(),
  esDesignated: z.boolean().optional(),
  acdDesignated: z.boolean().optional(),
  profile: z.string().trim().min(1).max(60).nullable().optional(),
})
export type OrganisationPatch = z.infer<typeof OrganisationPatch>

export const OrganisationQuery = z.strictObject({
  kind: OrganisationKind.optional(),
  sector: SectorId.optional(),
})

export const IdParams = z.strictObject({ id: z.string().min(1).max(100) })

export const SectorView = z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string(), ministryIds: z.array(z.string()) }).meta({ id: 'Sector' })
export const PrefectureView = z.object({ code: z.string(), nameJa: z.string(), nameEn: z.string() }).meta({ id: 'Prefecture' })

export const MemberView = z.object({
  userId: z.string(), email: z.string(), displayName: z.string(), role: Role, expiresAt: z.string().nullable(),
}).meta({ id: 'Member' })

export const MemberInput = z.strictObject({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(100),
  role: Role,
  /** Time-boxed access (auditors): ISO 8601 date-time. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
}).meta({ id: 'NewMember' })

export const ApiTokenView = z.object({
  id: z.string(), name: z.string(), role: Role, organisationId: z.string(), createdAt: z.string(), expiresAt: z.string(),
  revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
}).meta({ id: 'ApiToken' })

export const ApiTokenCreated = ApiTokenView.extend({ secret: z.string() }).meta({ id: 'ApiTokenCreated' })

export const ApiTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: Role,
  expiresInDays: z.int().min(1).max(365),
}).meta({ id: 'NewApiToken' })

export const SectorParams = z.strictObject({ id: SectorId })
export const SectorInput = z.strictObject({
  nameJa: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  ministryIds: z.array(z.string().min(1).max(100)).max(10),
})
export const MemberParams = z.strictObject({ id: z.string().min(1).max(100), userId: z.string().min(1).max(100) })
