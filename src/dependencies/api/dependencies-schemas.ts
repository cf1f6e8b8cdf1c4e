import { z } from 'zod'

/** Request schemas shared by the dependencies module's route files. */

export const Id = z.string().min(1).max(100)
export const Prefecture = z.string().regex(/^[0-9]{2}$/, 'a two-digit JIS X 0401 prefecture code')
/** Hours of an outage or a failover: a year at most is plenty for any scenario. */
export const Hours = z.number().min(0).max(8760)

export const Scenario = {
  nodes: z.array(Id).max(1000).default([]),
  prefectures: z.array(Prefecture).max(47).default([]),
}

export const HoursQuery = z.strictObject({ hours: z.coerce.number().int().min(1).max(8760).default(72) })
