/**
 * Exposure score of one device ↔ CVE match (issue 6, build item 4), pure.
 *
 * Points are added per factor and the sum is scaled to 0–100 (one decimal). Weights (maximum points):
 * - KEV, known exploited: 40; known ransomware campaign use: +5. The largest weight: a listed vulnerability is
 *   being exploited now, which every other factor only estimates.
 * - SSVC exploitation (CISA ADP): active 10, poc 5, none or absent 0.
 * - Internet reachability of the device: yes 15, unknown 7, no 0 (unknown is not treated as safe).
 * - Criticality of the supported services (the most critical one counts): MTPD up to 10 points, falling with the
 *   logarithm of the hours from 1 h (10) to 30 days (0); people served up to 5 points, rising with log10 of the
 *   people up to 10 million. A device supporting no recorded service gets 0 here.
 * - CVSS base score: 1.5 per point (15 at 10.0); a record without CVSS counts as 5.0 (7.5 points): unscored is
 *   not harmless.
 * - SSVC automatable yes: 3; technical impact total: 2.
 * - Patch age (days since last patched, else since install): up to 10 points, linear over 5 years; unknown age
 *   counts as 0.
 * - Certainty: an `affected` match 5, an `unknown` one (version could not be compared) 0.
 * The maximum sum is 120. Every factor is monotone: improving one (not KEV, not reachable, longer MTPD, fewer
 * people, lower CVSS, recent patch) never raises the score. An approved exception lowers nothing (it is shown
 * next to the score, not folded into it).
 */

export type Reachability = 'yes' | 'no' | 'unknown'

export interface ServiceCriticality {
  mtpdHours: number
  people: number
}

export interface PriorityFactors {
  kev: boolean
  ransomware: boolean
  internet: Reachability
  services: readonly ServiceCriticality[]
  /** CVSS base score 0–10, null when the record has none. */
  cvss: number | null
  /** SSVC decision points as CISA writes them (any case): exploitation none/poc/active, automatable yes/no, technical impact partial/total. */
  exploitation: string | null
  automatable: string | null
  technicalImpact: string | null
  /** Days since the device was last patched (or installed); null when neither date is known. */
  patchAgeDays: number | null
  status: 'affected' | 'unknown'
}

export const WEIGHTS = {
  kev: 40,
  ransomware: 5,
  exploitationActive: 10,
  exploitationPoc: 5,
  internetYes: 15,
  internetUnknown: 7,
  mtpd: 10,
  people: 5,
  cvssPerPoint: 1.5,
  cvssMissing: 5,
  automatable: 3,
  totalImpact: 2,
  patchAge: 10,
  patchAgeFullDays: 5 * 365,
  affected: 5,
} as const

export const MAX_POINTS = WEIGHTS.kev + WEIGHTS.ransomware + WEIGHTS.exploitationActive + WEIGHTS.internetYes + WEIGHTS.mtpd + WEIGHTS.people
  + 10 * WEIGHTS.cvssPerPoint + WEIGHTS.automatable + WEIGHTS.totalImpact + WEIGHTS.patchAge + WEIGHTS.affected

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0)
const MTPD_ZERO_HOURS = 30 * 24

/** Points for a service's MTPD: 10 at ≤ 1 h, 0 at ≥ 30 days, logarithmic between. */
export function mtpdPoints(hours: number): number {
  if (!Number.isFinite(hours)) return 0
  const h = Math.max(1, hours)
  return WEIGHTS.mtpd * clamp01(1 - Math.log(h) / Math.log(MTPD_ZERO_HOURS))
}

/** Points for people served: log10, 5 at 10 million. */
export function peoplePoints(people: number): number {
  return WEIGHTS.people * clamp01(Math.log10(Math.max(0, people) + 1) / 7)
}

export interface ScoreParts {
  kev: number
  exploitation: number
  internet: number
  criticality: number
  cvss: number
  ssvc: number
  patchAge: number
  certainty: number
}

export function scoreParts(f: PriorityFactors): ScoreParts {
  const exploitation = (f.exploitation ?? '').toLowerCase()
  const cvss = f.cvss === null || !Number.isFinite(f.cvss) ? WEIGHTS.cvssMissing : Math.min(10, Math.max(0, f.cvss))
  let criticality = 0
  if (f.services.length > 0) {
    criticality = Math.max(...f.services.map((s) => mtpdPoints(s.mtpdHours))) + Math.max(...f.services.map((s) => peoplePoints(s.people)))
  }
  return {
    kev: f.kev ? WEIGHTS.kev + (f.ransomware ? WEIGHTS.ransomware : 0) : 0,
    exploitation: exploitation === 'active' ? WEIGHTS.exploitationActive : exploitation === 'poc' ? WEIGHTS.exploitationPoc : 0,
    internet: f.internet === 'yes' ? WEIGHTS.internetYes : f.internet === 'unknown' ? WEIGHTS.internetUnknown : 0,
    criticality,
    cvss: cvss * WEIGHTS.cvssPerPoint,
    ssvc: ((f.automatable ?? '').toLowerCase() === 'yes' ? WEIGHTS.automatable : 0) + ((f.technicalImpact ?? '').toLowerCase() === 'total' ? WEIGHTS.totalImpact : 0),
    patchAge: f.patchAgeDays === null ? 0 : WEIGHTS.patchAge * clamp01(f.patchAgeDays / WEIGHTS.patchAgeFullDays),
    certainty: f.status === 'affected' ? WEIGHTS.affected : 0,
  }
}

/** The exposure score, 0–100 with one decimal. */
export function exposureScore(f: PriorityFactors): number {
  const p = scoreParts(f)
  const sum = p.kev + p.exploitation + p.internet + p.criticality + p.cvss + p.ssvc + p.patchAge + p.certainty
  return Math.round((sum / MAX_POINTS) * 1000) / 10
}

/** Whole days from `from` (YYYY-MM-DD) to `today` (YYYY-MM-DD), null when `from` is null or unreadable; never negative. */
export function daysBetween(from: string | null, today: string): number | null {
  if (!from) return null
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`)
  const b = Date.parse(`${today.slice(0, 10)}T00:00:00Z`)
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null
  return Math.max(0, Math.floor((b - a) / 86_400_000))
}

/** Order of a list of exposures: KEV first, then score, then the CVE id (newest first) for a stable order. */
export function compareExposures(a: { kev: boolean; score: number; cveId: string }, b: { kev: boolean; score: number; cveId: string }): number {
  if (a.kev !== b.kev) return a.kev ? -1 : 1
  if (a.score !== b.score) return b.score - a.score
  return a.cveId < b.cveId ? 1 : a.cveId > b.cveId ? -1 : 0
}
