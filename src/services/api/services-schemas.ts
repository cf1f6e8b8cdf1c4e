import { z } from 'zod'

/**
 * Request and response shapes of /api/v1/services. Types and sizes are checked here; what the values mean
 * (negative durations, RTO below MTPD, coverage thresholds as fractions, known sectors) is checked by the
 * domain and the service layer, whose errors carry codes the web app translates.
 */

export const Id = z.string().min(1).max(100)
const Text = (max: number) => z.string().max(max)
const Localized = z.strictObject({ ja: Text(500), en: Text(500) })
/** People are whole numbers; the sign is the domain's to judge (a negative count gets its own coded error). */
const Count = z.number().int().min(-1e13).max(1e13)
const Hours = z.number().min(-1e7).max(1e7)

export const ServiceBody = z.strictObject({
  name: Localized,
  sector: Id,
  type: Text(100),
  peopleServed: Count,
  businessesServed: Count,
  prefectures: z.array(z.strictObject({ prefectureCode: Text(10), people: Count })).max(100),
  substitutes: z.array(z.strictObject({ serviceId: Id, takeoverHours: Hours })).max(100),
  mtpdHours: Hours,
  rtoHours: Hours,
  rpoHours: Hours,
  rlo: z.number().min(-1e3).max(1e3),
  impact: z.strictObject({ afterHour: Count, afterDay: Count, afterWeek: Count }),
})

const ServiceLocalized = z.object({ ja: z.string(), en: z.string() })
export const ServiceView = z.object({
  id: z.string(), operatorId: z.string(), name: ServiceLocalized, sector: z.string(), type: z.string(), peopleServed: z.number(), businessesServed: z.number(),
  prefectures: z.array(z.object({ prefectureCode: z.string(), people: z.number() })),
  substitutes: z.array(z.object({ serviceId: z.string(), takeoverHours: z.number() })),
  mtpdHours: z.number(), rtoHours: z.number(), rpoHours: z.number(), rlo: z.number(),
  impact: z.object({ afterHour: z.number(), afterDay: z.number(), afterWeek: z.number() }),
  createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string(),
}).meta({ id: 'CiService' })

export const ServiceParams = z.strictObject({ serviceId: Id })
export const ListQuery = z.strictObject({ operator: Id.optional(), sector: Id.optional() })
export const Format = z.enum(['csv', 'xlsx'])
export const ExportQuery = z.strictObject({ format: Format, locale: z.enum(['ja', 'en']).default('ja'), operator: Id.optional(), sector: Id.optional() })
export const ImportQuery = z.strictObject({ format: Format })
export const ImportView = z.object({ received: z.number(), created: z.number(), updated: z.number(), unchanged: z.number() })

const CriterionId = Text(100)
export const CriterionInput = z.discriminatedUnion('kind', [
  z.strictObject({ id: CriterionId, kind: z.literal('national_coverage'), threshold: z.number() }),
  z.strictObject({ id: CriterionId, kind: z.literal('prefecture_coverage'), threshold: z.number() }),
  z.strictObject({ id: CriterionId, kind: z.literal('low_substitutability'), withinHours: z.number() }),
  z.strictObject({ id: CriterionId, kind: z.literal('systemic_dependency'), threshold: z.number() }),
  z.strictObject({ id: CriterionId, kind: z.literal('economic_security_designation') }),
])
export const CriteriaBody = z.strictObject({ name: Localized, combine: z.enum(['all', 'any']), criteria: z.array(CriterionInput).max(50) })
export const CriteriaParams = z.strictObject({ setId: Id })
export const CandidatesQuery = z.strictObject({ criteriaSet: Id })

export const DecisionBody = z.strictObject({
  operatorId: Id,
  sectorId: Id,
  decision: z.enum(['designate', 'not_designate']),
  tierId: Id.nullable().optional(),
  reason: z.string().trim().min(1).max(4000),
  criteriaSetId: Id.nullable().optional(),
})
export const DecisionsQuery = z.strictObject({ operator: Id.optional(), sector: Id.optional() })
