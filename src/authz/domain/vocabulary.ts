/** Kinds of organisation in the national hierarchy (see GLOSSARY.md). */
export const ORGANISATION_KINDS = ['national_office', 'ministry', 'operator', 'sharing_body', 'provider'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

/** Roles a user (or API token) holds within one organisation. */
export const ROLES = ['admin', 'ciso', 'assessor', 'reviewer', 'viewer', 'auditor'] as const
export type Role = (typeof ROLES)[number]
