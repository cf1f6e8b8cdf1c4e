import type { FieldError } from '../../platform/errors.ts'
import { invalid } from '../../platform/errors.ts'

/** Another service that can take over this one, and how many hours the switch takes. */
export interface Substitute {
  serviceId: string
  takeoverHours: number
}

/** People served in one prefecture (JIS X 0401 two-digit code, `01`–`47`). */
export interface PrefectureServed {
  prefectureCode: string
  people: number
}

/**
 * People affected if the service stops, after one hour, one day and one week of disruption.
 * A disruption only grows its reach while it lasts, so the three must not decrease.
 */
export interface ImpactOverTime {
  afterHour: number
  afterDay: number
  afterWeek: number
}

/**
 * 重要インフラサービス: a critical-infrastructure service of one operator. Durations are in hours.
 * RLO is the fraction of normal service level (0–1) that recovery must reach first.
 */
export interface CiService {
  id: string
  operatorId: string
  name: { ja: string; en: string }
  sector: string
  type: string
  peopleServed: number
  businessesServed: number
  prefectures: PrefectureServed[]
  substitutes: Substitute[]
  /** 最大許容停止時間 (ISO 22301). */
  mtpdHours: number
  rtoHours: number
  rpoHours: number
  rlo: number
  impact: ImpactOverTime
}

/** JIS X 0401: 01 Hokkaidō … 47 Okinawa. */
export const PREFECTURE_CODE = /^(0[1-9]|[1-3][0-9]|4[0-7])$/

type Rec = Record<string, unknown>
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Every problem with a service as submitted (form, API or import row), each naming its field, so a
 * person can fix them all at once instead of one per round trip. Empty when the service is valid.
 */
export function validateService(input: unknown): FieldError[] {
  const errors: FieldError[] = []
  const err = (path: string, code: string, message: string, params?: Record<string, string | number>) =>
    errors.push(params ? { path, code, message, params } : { path, code, message })
  if (!isRec(input)) {
    err('', 'service.not_an_object', 'A service must be an object.')
    return errors
  }
  const text = (path: string, v: unknown) => {
    if (typeof v !== 'string' || v.trim() === '') err(path, 'service.required', `${path} is required.`)
  }
  /** A finite number ≥ 0 or an error; returns the number only when usable for cross-field checks. */
  const count = (path: string, v: unknown, code = 'service.negative_number'): number | undefined => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      err(path, 'service.not_a_number', `${path} must be a finite number.`)
      return undefined
    }
    if (v < 0) {
      err(path, code, `${path} must not be negative.`, { value: v })
      return undefined
    }
    return v
  }
  const duration = (path: string, v: unknown) => count(path, v, 'service.negative_duration')

  text('id', input.id)
  text('operatorId', input.operatorId)
  if (!isRec(input.name)) err('name', 'service.required', 'name is required.')
  else {
    text('name.ja', input.name.ja)
    text('name.en', input.name.en)
  }
  text('sector', input.sector)
  text('type', input.type)
  const served = count('peopleServed', input.peopleServed)
  count('businessesServed', input.businessesServed)

  if (!Array.isArray(input.prefectures)) err('prefectures', 'service.required', 'prefectures must be a list.')
  else {
    const seen = new Set<string>()
    let total = 0
    let totalKnown = true
    input.prefectures.forEach((p: unknown, i) => {
      const path = `prefectures.${i}`
      if (!isRec(p)) {
        err(path, 'service.not_an_object', `${path} must be an object.`)
        totalKnown = false
        return
      }
      const code = p.prefectureCode
      if (typeof code !== 'string' || !PREFECTURE_CODE.test(code)) {
        err(`${path}.prefectureCode`, 'service.prefecture_code_format', `${path}.prefectureCode must be a JIS X 0401 code 01–47.`, { value: String(code) })
      } else if (seen.has(code)) {
        err(`${path}.prefectureCode`, 'service.prefecture_duplicate', `Prefecture ${code} is listed twice.`, { value: code })
      } else seen.add(code)
      const people = count(`${path}.people`, p.people)
      if (people === undefined) totalKnown = false
      else {
        total += people
        if (served !== undefined && people > served) {
          err(`${path}.people`, 'service.prefecture_people_exceed_served', `${path}.people (${people}) exceeds peopleServed (${served}).`, { value: people, max: served })
        }
      }
    })
    // One person is counted in one prefecture (where they live), so the parts cannot add up to more than the whole.
    if (totalKnown && served !== undefined && total > served && input.prefectures.length > 1) {
      err('prefectures', 'service.prefecture_total_exceeds_served', `People per prefecture add up to ${total}, more than peopleServed (${served}).`, { value: total, max: served })
    }
  }

  if (!Array.isArray(input.substitutes)) err('substitutes', 'service.required', 'substitutes must be a list.')
  else {
    input.substitutes.forEach((s: unknown, i) => {
      const path = `substitutes.${i}`
      if (!isRec(s)) return err(path, 'service.not_an_object', `${path} must be an object.`)
      text(`${path}.serviceId`, s.serviceId)
      if (typeof s.serviceId === 'string' && s.serviceId === input.id) {
        err(`${path}.serviceId`, 'service.substitute_self', 'A service cannot substitute for itself.')
      }
      duration(`${path}.takeoverHours`, s.takeoverHours)
    })
  }

  const mtpd = duration('mtpdHours', input.mtpdHours)
  const rto = duration('rtoHours', input.rtoHours)
  duration('rpoHours', input.rpoHours)
  if (mtpd !== undefined && mtpd === 0) err('mtpdHours', 'service.mtpd_zero', 'mtpdHours must be above zero.')
  // ISO 22301: recovery must finish before the disruption becomes intolerable, so equality is already too late.
  if (mtpd !== undefined && rto !== undefined && rto >= mtpd) {
    err('rtoHours', 'service.rto_not_below_mtpd', `rtoHours (${rto}) must be shorter than mtpdHours (${mtpd}).`, { rto, mtpd })
  }
  if (typeof input.rlo !== 'number' || !Number.isFinite(input.rlo) || input.rlo <= 0 || input.rlo > 1) {
    err('rlo', 'service.rlo_out_of_range', 'rlo must be a fraction above 0 and at most 1.', { value: String(input.rlo) })
  }

  if (!isRec(input.impact)) err('impact', 'service.required', 'impact is required.')
  else {
    const steps = ['afterHour', 'afterDay', 'afterWeek'] as const
    const values = steps.map((k) => count(`impact.${k}`, (input.impact as Rec)[k]))
    for (let i = 1; i < steps.length; i++) {
      const before = values[i - 1]
      const after = values[i]
      if (before !== undefined && after !== undefined && after < before) {
        err(`impact.${steps[i]}`, 'service.impact_not_monotone', `impact.${steps[i]} (${after}) is below impact.${steps[i - 1]} (${before}); impact cannot shrink as a disruption lasts.`, { value: after, min: before })
      }
    }
    values.forEach((v, i) => {
      if (v !== undefined && served !== undefined && v > served) {
        err(`impact.${steps[i]}`, 'service.impact_exceeds_served', `impact.${steps[i]} (${v}) exceeds peopleServed (${served}).`, { value: v, max: served })
      }
    })
  }
  return errors
}

/** The service, typed, or an `invalid` error carrying every field problem. */
export function parseService(input: unknown): CiService {
  const errors = validateService(input)
  if (errors.length > 0) throw invalid('service.invalid', `The service has ${errors.length} invalid field(s).`, errors)
  return input as CiService
}
