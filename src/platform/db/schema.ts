/**
 * Row types of every table. Portable across SQLite and PostgreSQL: ids are text (UUIDs made by the app),
 * times are ISO 8601 UTC text (sorts correctly as text), flags are integers 0/1.
 */
export interface SectorTable { id: string; name_ja: string; name_en: string; sort_order: number }
export interface SectorJurisdictionTable { sector_id: string; ministry_id: string }
export interface PrefectureTable { code: string; name_ja: string; name_en: string }
export interface OrganisationTable {
  id: string
  name: string
  name_en: string
  kind: string
  prefecture_code: string | null
  es_designated: number
  acd_designated: number
  profile: string | null
  created_at: string
  updated_at: string
}
export interface OrganisationSectorTable { organisation_id: string; sector_id: string }
export interface AppUserTable {
  id: string
  email: string
  display_name: string
  password_hash: string | null
  locale: string
  oidc_issuer: string | null
  oidc_subject: string | null
  failed_logins: number
  locked_until: string | null
  password_changed_at: string | null
  created_at: string
  updated_at: string
}
export interface MembershipTable { user_id: string; organisation_id: string; role: string; expires_at: string | null; created_at: string }
export interface SessionTable {
  id: string
  user_id: string
  active_organisation_id: string
  csrf_token: string
  created_at: string
  expires_at: string
  last_seen_at: string
}
export interface ApiTokenTable {
  id: string
  organisation_id: string
  role: string
  name: string
  secret_hash: string
  created_by: string
  created_at: string
  expires_at: string
  revoked_at: string | null
  last_used_at: string | null
}
export interface AuditEntryTable {
  seq: number
  at: string
  actor: string
  organisation_id: string | null
  action: string
  target_type: string
  target_id: string
  before_digest: string | null
  after_digest: string | null
  prev_hash: string
  hash: string
}
export interface AuditHeadTable { id: number; seq: number; hash: string }
export interface SettingTable { key: string; value: string }

export interface DB {
  sector: SectorTable
  sector_jurisdiction: SectorJurisdictionTable
  prefecture: PrefectureTable
  organisation: OrganisationTable
  organisation_sector: OrganisationSectorTable
  app_user: AppUserTable
  membership: MembershipTable
  session: SessionTable
  api_token: ApiTokenTable
  audit_entry: AuditEntryTable
  audit_head: AuditHeadTable
  setting: SettingTable
}
