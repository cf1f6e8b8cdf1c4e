import { z } from 'zod'
import { ADDRESSEES, DOCUMENT_KINDS, MAPPING_RELATIONSHIPS, STRENGTHS, VERSION_STATUSES } from '../domain/model.ts'

export const Localized = z.object({ ja: z.string(), en: z.string() })
const LocalizedInput = z.strictObject({ ja: z.string().max(20_000), en: z.string().max(20_000) })

export const VersionSummaryView = z.object({
  id: z.string(), documentId: z.string(), label: z.string(), status: z.enum(VERSION_STATUSES), effectiveFrom: z.string().nullable(),
  publishedAt: z.string().nullable(), consultationOpen: z.boolean(), isProfile: z.boolean(),
}).meta({ id: 'VersionSummary' })

export const DocumentView = z.object({
  id: z.string(), kind: z.enum(DOCUMENT_KINDS), ownerOrganisationId: z.string(), sectorId: z.string().nullable(), title: Localized,
  versions: z.array(VersionSummaryView),
}).meta({ id: 'StandardDocument' })

const ImportView = z.object({
  versionId: z.string(),
  include: z.union([z.literal('all'), z.object({ ids: z.array(z.string()), withChildren: z.boolean() })]),
  exclude: z.array(z.string()),
})
export const ProfileView = z.object({
  imports: z.array(ImportView),
  setParameters: z.array(z.object({ paramId: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) })),
  alters: z.array(z.object({
    nodeId: z.string(), strength: z.enum(STRENGTHS).optional(), addText: Localized.optional(), addGuidance: Localized.optional(),
    plain: Localized.optional(), removeEvidence: z.boolean().optional(),
  })),
})

export const VersionView = VersionSummaryView.extend({
  notice: Localized, profile: ProfileView.nullable(), source: z.string(), contentDigest: z.string(),
  document: z.object({ id: z.string(), kind: z.enum(DOCUMENT_KINDS), title: Localized, ownerOrganisationId: z.string(), sectorId: z.string().nullable() }),
}).meta({ id: 'StandardVersion' })

export const ParameterView = z.object({
  id: z.string(), label: Localized, type: z.enum(['integer', 'number', 'string', 'boolean', 'choice']),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable(), unit: z.string().optional(), stricter: z.enum(['lower', 'higher']).optional(),
  choices: z.array(z.string()).optional(),
})

export const NodeView = z.object({
  id: z.string(), parentId: z.string().nullable(), number: z.string(), kind: z.enum(['group', 'requirement']), title: Localized, text: Localized,
  strength: z.enum(STRENGTHS).nullable(), addressee: z.enum(ADDRESSEES).nullable(), parameters: z.array(ParameterView),
  /** An applicability condition tree (see the Condition type); kept open here because it is recursive. */
  applicability: z.record(z.string(), z.unknown()),
  guidance: Localized, evidence: z.array(Localized), plain: Localized.optional(), withdrawn: z.boolean().optional(),
  origin: z.object({ versionId: z.string(), number: z.string() }).optional(),
}).meta({ id: 'RequirementNode' })

export const NodeChangeView = z.object({ id: z.string(), number: z.string(), fields: z.array(z.string()), before: NodeView, after: NodeView })
export const DiffView = z.object({ added: z.array(NodeView), removed: z.array(NodeView), changed: z.array(NodeChangeView) }).meta({ id: 'VersionDiff' })

export const DeviationView = z.object({
  nodeId: z.string(), number: z.string(), kind: z.enum(['dropped', 'weakened_strength', 'weakened_parameter']), detail: z.string(),
  exception: z.object({ id: z.string(), status: z.enum(['requested', 'approved', 'rejected']), expiresAt: z.string() }).nullable(),
})
export const CheckView = z.array(z.object({
  tierId: z.string().nullable(), tierLevel: z.enum(['baseline', 'standard', 'enhanced']), deviations: z.array(DeviationView),
  blocking: z.array(DeviationView.omit({ exception: true })),
})).meta({ id: 'ProfileCheck' })

export const ExceptionView = z.object({
  id: z.string(), versionId: z.string(), tierId: z.string().nullable(), nodeId: z.string(), kind: z.enum(['dropped', 'weakened_strength', 'weakened_parameter']),
  reason: z.string(), compensatingMeasures: z.string(), requestedBy: z.string(), requestedAt: z.string(), status: z.enum(['requested', 'approved', 'rejected']),
  approver: z.string().nullable(), decidedAt: z.string().nullable(), decisionNote: z.string().nullable(), expiresAt: z.string(),
  documentId: z.string().optional(), sectorId: z.string().nullable().optional(), ownerOrganisationId: z.string().optional(),
}).meta({ id: 'StandardException' })

export const ExceptionInput = z.strictObject({
  nodeId: z.string().min(1).max(200),
  tierId: z.string().min(1).max(100).nullable().default(null),
  kind: z.enum(['dropped', 'weakened_strength', 'weakened_parameter']),
  reason: z.string().trim().min(1).max(4000),
  compensatingMeasures: z.string().trim().min(1).max(4000),
  expiresAt: z.iso.datetime({ offset: true }),
})

export const DecisionInput = z.strictObject({ approve: z.boolean(), note: z.string().max(4000).nullable().default(null) })

export const TierView = z.object({
  id: z.string(), sectorId: z.string(), level: z.enum(['baseline', 'standard', 'enhanced']), name: Localized, criteria: Localized, profileDocumentId: z.string().nullable(),
}).meta({ id: 'Tier' })

export const TierAssignmentInput = z.strictObject({ tierId: z.string().min(1).max(100), reason: z.string().trim().min(1).max(2000) })
export const TierAssignmentView = z.object({ organisationId: z.string(), sectorId: z.string(), tierId: z.string(), reason: z.string(), decidedBy: z.string(), decidedAt: z.string() })

export const CommentView = z.object({
  id: z.string(), versionId: z.string(), nodeId: z.string(), organisationId: z.string(), author: z.string(), body: z.string(), createdAt: z.string(),
  answer: z.object({ status: z.enum(['accepted', 'declined', 'considered']), body: z.string(), by: z.string(), at: z.string() }).nullable(),
}).meta({ id: 'RequirementComment' })
export const CommentInput = z.strictObject({ nodeId: z.string().min(1).max(200), body: z.string().trim().min(1).max(8000) })
export const AnswerInput = z.strictObject({ status: z.enum(['accepted', 'declined', 'considered']), body: z.string().trim().min(1).max(8000) })

export const MappingView = z.object({
  sourceVersionId: z.string(), sourceNodeId: z.string(), targetVersionId: z.string(), targetNodeId: z.string(),
  relationship: z.enum(MAPPING_RELATIONSHIPS), rationale: z.string(),
}).meta({ id: 'Mapping' })

export const VersionParams = z.strictObject({ versionId: z.string().min(1).max(100) })
export const NodesQuery = z.strictObject({ q: z.string().max(200).optional(), resolved: z.enum(['true', 'false']).default('true') })
export const DiffQuery = z.strictObject({ against: z.string().min(1).max(100) })
export const StatusInput = z.strictObject({ to: z.enum(VERSION_STATUSES) })
export const ConsultationInput = z.strictObject({ open: z.boolean() })
export const ImportQuery = z.strictObject({
  format: z.enum(['catalog', 'profile']),
  documentKind: z.enum(DOCUMENT_KINDS),
  documentId: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,79}$/, 'lower-case letters, digits, . _ -').optional(),
  sectorId: z.string().max(40).optional(),
  status: z.enum(['draft', 'published']).default('draft'),
})
export const ImportResult = z.object({ id: z.string(), documentId: z.string(), created: z.boolean() }).meta({ id: 'ImportResult' })
export const MappingsQuery = z.strictObject({ version: z.string().min(1).max(100), format: z.enum(['json', 'csv', 'oscal']).default('json') })
export const NewDocumentInput = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,79}$/, 'lower-case letters, digits, . _ -'),
  kind: z.enum(DOCUMENT_KINDS),
  title: LocalizedInput,
  sectorId: z.string().max(40).nullable().default(null),
  label: z.string().trim().min(1).max(60),
  /** A sector standard starts as a profile importing everything of this version (usually the Unified Standard in force). */
  profileOf: z.string().min(1).max(100).nullable().default(null),
})
export const ProfileInput = z.strictObject({
  imports: z.array(z.strictObject({
    versionId: z.string().min(1).max(100),
    include: z.union([z.literal('all'), z.strictObject({ ids: z.array(z.string().min(1).max(200)).max(5000), withChildren: z.boolean() })]),
    exclude: z.array(z.string().min(1).max(200)).max(5000),
  })).min(1).max(10),
  setParameters: z.array(z.strictObject({ paramId: z.string().min(1).max(200), value: z.union([z.string().max(1000), z.number(), z.boolean()]) })).max(5000),
  alters: z.array(z.strictObject({
    nodeId: z.string().min(1).max(200), strength: z.enum(STRENGTHS).optional(), addText: LocalizedInput.optional(), addGuidance: LocalizedInput.optional(),
    plain: LocalizedInput.optional(), removeEvidence: z.boolean().optional(),
  })).max(5000),
})
export const SuccessorInput = z.strictObject({ label: z.string().trim().min(1).max(60) })
/** `csv` carries the CSV text, `document` the OSCAL mapping-collection; `format` says which one must be present. */
export const MappingImportInput = z.strictObject({
  format: z.enum(['csv', 'oscal']),
  csv: z.string().max(16 * 1024 * 1024).optional(),
  document: z.record(z.string(), z.unknown()).optional(),
}).superRefine((body, ctx) => {
  if (body.format === 'csv' && body.csv === undefined) ctx.addIssue({ code: 'custom', path: ['csv'], message: 'required when format is csv' })
  if (body.format === 'oscal' && body.document === undefined) ctx.addIssue({ code: 'custom', path: ['document'], message: 'required when format is oscal' })
})
