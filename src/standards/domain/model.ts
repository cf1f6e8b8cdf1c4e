/**
 * The standards module's vocabulary: documents, versions, requirement nodes, profiles, tiers, crosswalks,
 * exceptions. Pure types; every other standards/obligations file builds on these.
 *
 * A *document* (the Unified Standard, a sector standard, a guideline, a law, a foreign framework) has
 * *versions*; a version's content is either a catalog (a tree of requirement nodes) or a profile over other
 * versions (OSCAL semantics: import include/exclude, set-parameter, alter) plus its own added nodes.
 */

export const DOCUMENT_KINDS = ['unified_standard', 'sector_standard', 'guideline', 'law', 'foreign_framework'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** draft → published → in_force → superseded. A published version never changes again. */
export const VERSION_STATUSES = ['draft', 'published', 'in_force', 'superseded'] as const
export type VersionStatus = (typeof VERSION_STATUSES)[number]

/** 遵守事項 / 推奨 / 望ましい. Ordered: must is strongest. */
export const STRENGTHS = ['must', 'should', 'may'] as const
export type Strength = (typeof STRENGTHS)[number]

export const ADDRESSEES = ['government', 'ministry', 'operator'] as const
export type Addressee = (typeof ADDRESSEES)[number]

/** Japanese and English; either may be empty when a source has only one language (NIST documents: en only). */
export interface LocalizedText {
  ja: string
  en: string
}

/**
 * A typed parameter of a requirement (e.g. the restore-test interval in days). `stricter` says which
 * direction tightens the requirement, so a profile that moves the value the other way is *weakening* it.
 */
export interface Parameter {
  id: string
  label: LocalizedText
  type: 'integer' | 'number' | 'string' | 'boolean' | 'choice'
  value: string | number | boolean | null
  unit?: string
  stricter?: 'lower' | 'higher'
  choices?: string[]
}

/**
 * Applicability of a requirement to an operator. Facts are operator-declared capabilities such as
 * `operates_ot`, `uses_cloud`, `handles_personal_data`; tier levels are the sector-independent size
 * classes `baseline` (small), `standard`, `enhanced` (national systems).
 */
export type TierLevel = 'baseline' | 'standard' | 'enhanced'
export type Condition =
  | { kind: 'always' }
  | { kind: 'sector'; sectors: string[] }
  | { kind: 'tier_level'; levels: TierLevel[] }
  | { kind: 'flag'; flag: 'esDesignated' | 'acdDesignated' }
  | { kind: 'fact'; fact: string }
  | { kind: 'all'; of: Condition[] }
  | { kind: 'any'; of: Condition[] }
  | { kind: 'not'; of: Condition }

export interface RequirementNode {
  /** Stable id within the document across versions: OSCAL control ids ('ac-2.1'), or ours ('us-3.4.3.3'). */
  id: string
  parentId: string | null
  /** The official number as printed, kept as a string: '3.4.3.3', '2.1.1(1)(a)', '<2.1.1(1)(a)-1>', 'GV.OC-01'. */
  number: string
  kind: 'group' | 'requirement'
  title: LocalizedText
  text: LocalizedText
  /** Null for groups. */
  strength: Strength | null
  addressee: Addressee | null
  parameters: Parameter[]
  applicability: Condition
  guidance: LocalizedText
  /** Typical evidence an assessor would accept. */
  evidence: LocalizedText[]
  /** Plain-language rewording for small operators (the small-clinic checklist), when a profile adds one. */
  plain?: LocalizedText
  /** Withdrawn in the source (OSCAL status=withdrawn): kept for references, never an obligation. */
  withdrawn?: boolean
}

/** OSCAL profile semantics over versions held in Kaname. */
export interface ProfileImport {
  /** The imported version (a catalog, or another profile: resolution recurses and refuses cycles). */
  versionId: string
  /** `'all'` or the listed ids; `withChildren` also takes each listed node's descendants (OSCAL with-child-controls). */
  include: 'all' | { ids: string[]; withChildren: boolean }
  exclude: string[]
}

export interface ParameterSetting {
  paramId: string
  value: string | number | boolean
}

/** An alter: added parts/props on one node (OSCAL alter/add), incl. a strength change and plain wording. */
export interface Alteration {
  nodeId: string
  strength?: Strength
  addText?: LocalizedText
  addGuidance?: LocalizedText
  plain?: LocalizedText
  removeEvidence?: boolean
}

export interface ProfileSpec {
  imports: ProfileImport[]
  setParameters: ParameterSetting[]
  alters: Alteration[]
}

/** A version's content: a catalog has only nodes; a profile has a spec plus its own added nodes. */
export interface VersionContent {
  nodes: RequirementNode[]
  profile: ProfileSpec | null
}

export interface ResolvedNode extends RequirementNode {
  /** Where this node came from: the document version and number in the source. */
  origin: { versionId: string; number: string }
}

/** 例外措置: a recorded, approved deviation that lets a profile drop or weaken a `must`. */
export type DeviationKind = 'dropped' | 'weakened_strength' | 'weakened_parameter'
export interface Deviation {
  nodeId: string
  number: string
  kind: DeviationKind
  detail: string
}

export const MAPPING_RELATIONSHIPS = ['equivalent-to', 'subset-of', 'superset-of', 'intersects-with'] as const
export type MappingRelationship = (typeof MAPPING_RELATIONSHIPS)[number]

/** One crosswalk row: source node (in one version) relates to target node (in another). */
export interface Mapping {
  sourceVersionId: string
  sourceNodeId: string
  targetVersionId: string
  targetNodeId: string
  relationship: MappingRelationship
  rationale: string
}

export function strengthRank(strength: Strength): number {
  return strength === 'must' ? 3 : strength === 'should' ? 2 : 1
}
