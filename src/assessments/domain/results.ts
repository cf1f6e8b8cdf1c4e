import { isGap, type KpiDefinition } from './model.ts'
import { kpiOperatorValue } from './kpis.ts'
import { operatorScore, type OperatorResult } from './scores.ts'

/**
 * What the dashboards need from one operator's last snapshot, computed once when it is submitted and stored
 * beside the operator's campaign row. A sector or national dashboard then reads one row per operator (and
 * one row per requirement and sector combination for the heatmap) instead of every answer: 10,000 operators
 * × 300 answers would otherwise be scanned on every page view.
 *
 * KPI values are taken on the submission date: "restore-tested in the last 12 months" is a statement the
 * operator signs off on that day, and it stays what was reported for the cycle.
 */
export interface SubmissionResult {
  /** Weighted score in [0, 1] (null when nothing weighs) and its weight. */
  score: number | null
  weight: number
  meanMaturity: number | null
  /** Requirements answered partially or not implemented. */
  gapCount: number
  chapters: { chapter: string; score: number | null; weight: number; meanMaturity: number | null }[]
  /** The operator's value per KPI id (null: the KPI does not count this operator). */
  kpis: Record<string, number | null>
  /** Per requirement lineage, by its first answer other than not applicable: whether it was answered and is a gap. */
  items: ItemContribution[]
}

export interface ItemContribution {
  lineage: string
  number: string
  title: { ja: string; en: string }
  answered: 0 | 1
  gap: 0 | 1
}

export function submissionResult(
  op: OperatorResult, kpis: readonly KpiDefinition[], today: string, titles: ReadonlyMap<string, { ja: string; en: string }>,
): SubmissionResult {
  const s = operatorScore(op)
  const items = new Map<string, ItemContribution>()
  let gapCount = 0
  for (const a of op.answers) {
    const existing = items.get(a.lineage)
    if (existing?.answered) continue
    const answered = a.result === 'not_applicable' ? 0 : 1
    const gap = answered && isGap(a.result) ? 1 : 0
    items.set(a.lineage, { lineage: a.lineage, number: a.primaryNumber, title: titles.get(a.lineage) ?? { ja: a.primaryNumber, en: a.primaryNumber }, answered, gap })
  }
  for (const item of items.values()) gapCount += item.gap
  return {
    score: s.score.value,
    weight: s.score.weight,
    meanMaturity: s.meanMaturity,
    gapCount,
    chapters: s.chapters.map((c) => ({ chapter: c.chapter, score: c.score.value, weight: c.score.weight, meanMaturity: c.meanMaturity })),
    kpis: Object.fromEntries(kpis.map((k) => [k.id, kpiOperatorValue(k, op, today)])),
    items: [...items.values()],
  }
}

/** The cohort of an operator: its distinct sectors, sorted, joined; operators in one cohort share every sector group. */
export function cohortOf(sectors: readonly string[]): string {
  return [...new Set(sectors)].sort().join(',')
}

/**
 * The change to the heatmap counts when an operator's last snapshot moves from `before` (null: none yet) to
 * `after`: per lineage, the difference in answered and gap counts. Lineages whose counts do not change are
 * left out.
 */
export function itemDelta(before: readonly ItemContribution[] | null, after: readonly ItemContribution[]): ItemDelta[] {
  const out = new Map<string, ItemDelta>()
  for (const i of before ?? []) out.set(i.lineage, { lineage: i.lineage, number: i.number, title: i.title, answered: -i.answered, gaps: -i.gap })
  for (const i of after) {
    const d = out.get(i.lineage)
    if (d) { d.answered += i.answered; d.gaps += i.gap; d.number = i.number; d.title = i.title } else out.set(i.lineage, { lineage: i.lineage, number: i.number, title: i.title, answered: i.answered, gaps: i.gap })
  }
  return [...out.values()].filter((d) => d.answered !== 0 || d.gaps !== 0 || !(before ?? []).some((b) => b.lineage === d.lineage))
}

export interface ItemDelta {
  lineage: string
  number: string
  title: { ja: string; en: string }
  answered: number
  gaps: number
}

/** The measure whose per-unit count is how many operators of the unit have a result at all (their groups exist). */
export const RESULT_PRESENCE = 'result'

/** What dashboards roll up from one operator's stored result. */
export interface StoredMeasures {
  score: number | null
  meanMaturity: number | null
  chapters: readonly { chapter: string; score: number | null }[]
  kpis: Readonly<Record<string, number | null>>
}

/** Operators of a unit with a value for one measure, and the sum of their values. */
export interface MeasureSum {
  operators: number
  total: number
}

/**
 * Per measure, the partial sums over a set of operators' results (one dashboard *unit*: operators that fall
 * in exactly the same groups). Measures are the dashboard's: 'score', 'maturity', `score:chapter:<c>`,
 * `kpi:<id>`, plus RESULT_PRESENCE counting every result. A measure is listed once any result has it (a
 * chapter without a score still names the chapter), with 0 operators when none has a value. Summed in the
 * order given, so the same results in the same order always give the same totals.
 */
export function measureSums(results: Iterable<StoredMeasures>): Map<string, MeasureSum> {
  const out = new Map<string, MeasureSum>()
  const add = (measure: string, value: number | null) => {
    let m = out.get(measure)
    if (!m) out.set(measure, m = { operators: 0, total: 0 })
    if (value === null) return
    m.operators++
    m.total += value
  }
  for (const r of results) {
    add(RESULT_PRESENCE, 1)
    add('score', r.score)
    add('maturity', r.meanMaturity)
    for (const c of r.chapters) add(`score:chapter:${c.chapter}`, c.score)
    for (const [id, v] of Object.entries(r.kpis)) add(`kpi:${id}`, v)
  }
  return out
}
