import { z } from 'zod'
import { ORGANISATION_KINDS, ROLES } from '../../authz/domain/vocabulary.ts'

export const LoginBody = z.strictObject({
  email: z.string().trim().min(3).max(320).meta({ description: 'E-mail address of a local account' }),
  password: z.string().min(1).max(1024),
})

export const Locale = z.enum(['ja', 'en'])

export const MeView = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string(), locale: Locale }),
  memberships: z.array(z.object({
    organisationId: z.string(),
    organisationName: z.string(),
    organisationNameEn: z.string(),
    organisationKind: z.enum(ORGANISATION_KINDS),
    role: z.enum(ROLES),
  })),
  activeOrganisationId: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
}).meta({ id: 'Me' })
export type MeView = z.infer<typeof MeView>

export const UpdateMeBody = z.strictObject({ locale: Locale })
export const ActiveOrganisationBody = z.strictObject({ organisationId: z.string().min(1).max(100) })
export const AuthConfigView = z.object({ oidc: z.boolean(), demo: z.boolean() }).meta({ id: 'AuthConfig' })
