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

export interface StandardDocumentTable {
  id: string
  kind: string
  owner_organisation_id: string
  sector_id: string | null
  title_ja: string
  title_en: string
  created_at: string
  updated_at: string
}
export interface StandardVersionTable {
  id: string
  document_id: string
  label: string
  status: string
  effective_from: string | null
  published_at: string | null
  consultation_open: number
  profile_spec: string | null
  notice_ja: string
  notice_en: string
  source: string
  content_digest: string
  created_at: string
  updated_at: string
}
export interface RequirementNodeTable {
  version_id: string
  node_id: string
  position: number
  parent_id: string | null
  number: string
  kind: string
  title_ja: string
  title_en: string
  text_ja: string
  text_en: string
  strength: string | null
  addressee: string | null
  parameters: string
  applicability: string
  guidance_ja: string
  guidance_en: string
  evidence: string
  plain_ja: string | null
  plain_en: string | null
  withdrawn: number
}
export interface SectorTierTable {
  id: string
  sector_id: string
  level: string
  name_ja: string
  name_en: string
  criteria_ja: string
  criteria_en: string
  profile_document_id: string | null
  created_at: string
}
export interface OperatorTierTable { organisation_id: string; sector_id: string; tier_id: string; reason: string; decided_by: string; decided_at: string }
export interface OrganisationFactTable { organisation_id: string; fact: string; updated_at: string }
export interface StandardExceptionTable {
  id: string
  version_id: string
  tier_id: string | null
  node_id: string
  kind: string
  reason: string
  compensating_measures: string
  requested_by: string
  requested_at: string
  status: string
  approver: string | null
  decided_at: string | null
  decision_note: string | null
  expires_at: string
}
export interface StandardMappingTable {
  id: string
  source_version_id: string
  source_node_id: string
  target_version_id: string
  target_node_id: string
  relationship: string
  rationale: string
  created_at: string
}
export interface RequirementCommentTable {
  id: string
  version_id: string
  node_id: string
  organisation_id: string
  author: string
  body: string
  created_at: string
  answer_status: string | null
  answer_body: string | null
  answered_by: string | null
  answered_at: string | null
}

export interface CampaignTable {
  id: string; title_ja: string; title_en: string; launched_by: string; cycle: string; previous_campaign_id: string | null
  scope: string; due_date: string; reminder_days: string; maturity_scale: string; kpis: string; status: string; created_at: string; closed_at: string | null
}
export interface CampaignTargetTable {
  campaign_id: string; operator_id: string; sectors: string; sector_id: string; tier_id: string | null; tier_level: string | null
  questionnaire: string; obligation_count: number; status: string; snapshot_count: number; updated_at: string; submitted_at: string | null
  score: number | null; score_weight: number | null; mean_maturity: number | null; gap_count: number | null; result: string | null
}
export interface AssessmentAnswerTable {
  campaign_id: string; operator_id: string; obligation_key: string; lineage: string; result: string; maturity: number | null
  target_date: string | null; not_applicable_reason: string | null; comment: string; updated_at: string; updated_by: string
}
export interface EvidenceTable {
  id: string; organisation_id: string; file_name: string; content_type: string; size: number; sha256: string; description: string
  evidence_date: string | null; valid_until: string | null; created_at: string; created_by: string
}
export interface EvidenceContentTable { evidence_id: string; content: Uint8Array }
export interface AnswerEvidenceTable { campaign_id: string; operator_id: string; obligation_key: string; evidence_id: string }
export interface SubmissionSnapshotTable {
  campaign_id: string; operator_id: string; sequence: number; answers: string; signed_off_by: string; signed_off_role: string; signed_off_at: string; digest: string
}
export interface SubmissionEventTable {
  campaign_id: string; operator_id: string; position: number; action: string; from_status: string; to_status: string; actor: string; at: string
}
export interface ReviewCommentTable {
  campaign_id: string; operator_id: string; snapshot_sequence: number; position: number; obligation_key: string; body: string; actor: string; at: string
}
export interface PoamItemTable {
  id: string; campaign_id: string; operator_id: string; obligation_key: string; lineage: string; title_ja: string; title_en: string
  owner: string; due_date: string; milestones: string; status: string; updated_at: string
}
export interface SupportRequestTable {
  id: string; campaign_id: string; operator_id: string; sector_id: string; obligation_key: string; lineage: string; title_ja: string; title_en: string
  reason: string; created_at: string; created_by: string
}
export interface AssessmentItemStatTable {
  campaign_id: string; lineage: string; cohort: string; title_ja: string; title_en: string; number: string; answered: number; gaps: number
}

export interface AssessmentResultStatTable {
  campaign_id: string; measure: string; sectors: string; tier_id: string; tier_level: string; operators: number; total: number
}

export interface DependencyProviderTable {
  id: string; name_ja: string; name_en: string; provider_type: string; prefectures: string; annual_failure_probability: number | null
  registered_by_org: string; created_at: string; updated_at: string
}
export interface DependencyEdgeTable {
  id: string; from_id: string; from_kind: string; to_id: string; to_kind: string; criticality: string; failover_kind: string
  failover_hours: number | null; alternatives: string; owner_org: string; created_at: string; updated_at: string
  /** DEPENDENCY_TYPES; 'other' for edges recorded before types were (migration 202611271320). */
  dependency_type: string
}

export interface CiServiceTable {
  id: string; operator_id: string; name_ja: string; name_en: string; sector_id: string; type: string; people_served: number; businesses_served: number
  mtpd_hours: number; rto_hours: number; rpo_hours: number; rlo: number; impact_hour: number; impact_day: number; impact_week: number
  created_at: string; updated_at: string; updated_by: string
}
export interface CiServicePrefectureTable { service_id: string; prefecture_code: string; position: number; people: number }
export interface CiServiceSubstituteTable { service_id: string; substitute_id: string; position: number; takeover_hours: number }
export interface DesignationCriteriaSetTable {
  id: string; defined_by: string; name_ja: string; name_en: string; combine: string; criteria: string; created_at: string; updated_at: string; updated_by: string
}
export interface DesignationDecisionTable {
  id: string; operator_id: string; sector_id: string; decision: string; tier_id: string | null; reason: string; decided_by: string; decided_by_org: string
  decided_at: string; criteria_set_id: string | null; evaluation: string | null
}

export interface AssetDeviceTable {
  id: string; operator_id: string; asset_id: string; vendor: string; product: string; version: string; cpe: string | null; role: string
  zone: string | null; internet_reachable: string; closed_network: number; install_date: string | null; last_patched: string | null
  end_of_support: string | null; owner: string | null; created_at: string; updated_at: string; updated_by: string
}
export interface AssetDeviceServiceTable { device_id: string; service_id: string; position: number }
export interface AssetExceptionTable {
  id: string; operator_id: string; device_id: string; cve_id: string | null; controls: string; reason: string; expires_on: string; decision: string
  requested_by: string; requested_at: string; decided_by: string | null; decided_by_role: string | null; decided_on: string | null; decision_note: string | null
  created_at: string; updated_at: string; updated_by: string
}
export interface AssetReplacementPlanTable {
  id: string; operator_id: string; title: string; target_date: string; budget_jpy: number | null; status: string; notes: string | null
  created_at: string; updated_at: string; updated_by: string
}
export interface AssetReplacementPlanDeviceTable { plan_id: string; device_id: string; position: number }

export interface AssetExposureTable {
  device_id: string; cve_id: string; operator_id: string; status: string; kev: number; score: number; explanation: string; first_seen: string; last_seen: string
}
export interface AdvisoryNotificationTable {
  id: string; operator_id: string; cve_id: string; devices: number; kev: number; import_id: string | null; created_at: string; read_at: string | null; read_by: string | null
}

export interface VulnerabilityImportTable {
  id: string; kind: string; source: string; actor: string; organisation_id: string | null; at: string; files: number; imported: number; updated: number
  unchanged: number; rejected: number; problems: string; catalog_version: string | null
}
export interface CveRecordTable {
  cve_id: string; state: string; data_version: string; assigner: string | null; date_published: string | null; date_updated: string | null; title: string | null
  description: string; cvss_score: number | null; cvss_vector: string | null; cvss_version: string | null; cvss_source: string | null
  ssvc_exploitation: string | null; ssvc_automatable: string | null; ssvc_technical_impact: string | null; cwes: string; sha256: string; source: string
  source_file: string; first_imported_at: string; imported_at: string; import_id: string; rules_version: string | null; record_json: string
}
export interface CveAffectedTable {
  cve_id: string; position: number; container: string; provider: string; entry_index: number; vendor: string; product: string; vendor_key: string
  product_key: string; default_status: string | null; entry_json: string
}
export interface CveRuleTable { cve_id: string; position: number; product_key: string; rule_json: string }
export interface KevEntryTable {
  cve_id: string; vendor_project: string; product: string; vulnerability_name: string; date_added: string; short_description: string; required_action: string
  due_date: string; known_ransomware_campaign_use: string; notes: string; cwes: string; sha256: string; catalog_version: string; source: string
  first_imported_at: string; imported_at: string; import_id: string
}
export interface EolEntryTable {
  id: string; entry_key: string; vendor: string; product: string; vendor_key: string; product_key: string; version: string; match_kind: string
  end_of_support: string; source: string; sha256: string; first_imported_at: string; imported_at: string; import_id: string
}

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
  standard_document: StandardDocumentTable
  standard_version: StandardVersionTable
  requirement_node: RequirementNodeTable
  sector_tier: SectorTierTable
  operator_tier: OperatorTierTable
  organisation_fact: OrganisationFactTable
  standard_exception: StandardExceptionTable
  standard_mapping: StandardMappingTable
  requirement_comment: RequirementCommentTable
  campaign: CampaignTable
  campaign_target: CampaignTargetTable
  assessment_answer: AssessmentAnswerTable
  evidence: EvidenceTable
  evidence_content: EvidenceContentTable
  answer_evidence: AnswerEvidenceTable
  submission_snapshot: SubmissionSnapshotTable
  submission_event: SubmissionEventTable
  review_comment: ReviewCommentTable
  poam_item: PoamItemTable
  support_request: SupportRequestTable
  assessment_item_stat: AssessmentItemStatTable
  assessment_result_stat: AssessmentResultStatTable
  ci_service: CiServiceTable
  ci_service_prefecture: CiServicePrefectureTable
  ci_service_substitute: CiServiceSubstituteTable
  designation_criteria_set: DesignationCriteriaSetTable
  designation_decision: DesignationDecisionTable
  dependency_provider: DependencyProviderTable
  dependency_edge: DependencyEdgeTable
  vulnerability_import: VulnerabilityImportTable
  cve_record: CveRecordTable
  cve_affected: CveAffectedTable
  cve_rule: CveRuleTable
  kev_entry: KevEntryTable
  eol_entry: EolEntryTable
  asset_device: AssetDeviceTable
  asset_device_service: AssetDeviceServiceTable
  asset_exception: AssetExceptionTable
  asset_replacement_plan: AssetReplacementPlanTable
  asset_replacement_plan_device: AssetReplacementPlanDeviceTable
  asset_exposure: AssetExposureTable
  advisory_notification: AdvisoryNotificationTable
}
