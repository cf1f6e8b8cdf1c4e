import type { MergeRecord, Obligation, ObligationSource } from '../../obligations/domain/resolve-obligations.ts'
import type { Answer, AnswerResult } from './model.ts'

/**
 * "Answer once" (issue 4, point 3). The obligations resolver has already merged every source a crosswalk
 * declares satisfied by one answer (equivalent-to, subset/superset, same origin) into one obligation; the
 * operator answers that obligation once. Here that one answer is spread back onto every source requirement:
 * the obligation's primary source (the one the questionnaire shows) is answered *directly*, every other
 * source *inherits* the answer, with the link saying where it came from and through which crosswalk rows.
 *
 * Sources are named `documentId#nodeId` (no version), the way requirements are referred to across cycles.
 *
 * Carrying forward: a new cycle's questionnaire is pre-filled from the previous cycle's answers by lineage,
 * which survives new versions of the documents (see carryForward).
 */

export type CoverageKind = 'direct' | 'inherited' | 'unanswered'

export interface InheritanceLink {
  /** The obligation whose answer is inherited. */
  obligationKey: string
  /** `documentId#nodeId` of the directly answered (primary) source, and its number. */
  from: string
  fromNumber: string
  /**
   * The crosswalk or shared-origin records linking the primary source to this one (a shortest chain, names
   * `versionId#nodeId` as the resolver records them). Empty if the resolver recorded no chain.
   */
  path: readonly MergeRecord[]
}

export interface SourceCoverage {
  /** `documentId#nodeId`. */
  source: string
  documentId: string
  versionId: string
  nodeId: string
  number: string
  obligationKey: string
  coverage: CoverageKind
  /** The satisfying answer, or null when the obligation is not answered yet. */
  answer: Answer | null
  /** For inherited coverage: where the answer comes from. Null for direct and unanswered. */
  link: InheritanceLink | null
  /** Other obligations listing the same source (only when one document is bound in two versions). */
  alsoIn: readonly string[]
}

export function sourceName(s: Pick<ObligationSource, 'documentId' | 'nodeId'>): string {
  return `${s.documentId}#${s.nodeId}`
}

/** The shortest chain of merge records (walked in either direction) from one versioned source to another. */
function chain(records: readonly MergeRecord[], from: string, to: string): readonly MergeRecord[] {
  if (from === to) return []
  const adjacent = new Map<string, { next: string; record: MergeRecord }[]>()
  for (const r of records) {
    if (!adjacent.has(r.from)) adjacent.set(r.from, [])
    if (!adjacent.has(r.to)) adjacent.set(r.to, [])
    adjacent.get(r.from)!.push({ next: r.to, record: r })
    adjacent.get(r.to)!.push({ next: r.from, record: r })
  }
  const via = new Map<string, { prev: string; record: MergeRecord }>()
  const queue = [from]
  const seen = new Set([from])
  while (queue.length > 0) {
    const here = queue.shift()!
    if (here === to) break
    for (const { next, record } of adjacent.get(here) ?? []) {
      if (seen.has(next)) continue
      seen.add(next)
      via.set(next, { prev: here, record })
      queue.push(next)
    }
  }
  if (!via.has(to)) return []
  const out: MergeRecord[] = []
  for (let at = to; at !== from;) {
    const step = via.get(at)!
    out.push(step.record)
    at = step.prev
  }
  return Object.freeze(out.reverse())
}

export function answersByKey(answers: readonly Answer[]): Map<string, Answer> {
  const map = new Map<string, Answer>()
  for (const a of answers) if (!map.has(a.obligationKey)) map.set(a.obligationKey, a)
  return map
}

const RANK: Record<CoverageKind, number> = { direct: 0, inherited: 1, unanswered: 2 }

/**
 * Coverage of every source requirement of the operator's obligations, in obligation order then source order.
 * Each source appears once: if one document is bound in two versions and so names the same
 * `documentId#nodeId` in two obligations, the better-covered entry (direct, then inherited, then unanswered;
 * then the first) is kept and the others are listed in `alsoIn`.
 */
export function coverage(obligations: readonly Obligation[], answers: ReadonlyMap<string, Answer>): SourceCoverage[] {
  const bySource = new Map<string, SourceCoverage>()
  const order: string[] = []
  for (const o of obligations) {
    const answer = answers.get(o.key) ?? null
    const primary = o.sources[0]
    o.sources.forEach((s, i) => {
      const name = sourceName(s)
      const kind: CoverageKind = answer === null ? 'unanswered' : i === 0 ? 'direct' : 'inherited'
      const entry: SourceCoverage = {
        source: name, documentId: s.documentId, versionId: s.versionId, nodeId: s.nodeId, number: s.number,
        obligationKey: o.key, coverage: kind, answer,
        link: kind === 'inherited' && primary
          ? {
            obligationKey: o.key, from: sourceName(primary), fromNumber: primary.number,
            path: chain(o.mergedBy, `${primary.versionId}#${primary.nodeId}`, `${s.versionId}#${s.nodeId}`),
          }
          : null,
        alsoIn: [],
      }
      const existing = bySource.get(name)
      if (!existing) {
        bySource.set(name, entry)
        order.push(name)
      } else if (existing.obligationKey !== o.key) {
        const [keep, other] = RANK[entry.coverage] < RANK[existing.coverage] ? [entry, existing] : [existing, entry]
        bySource.set(name, { ...keep, alsoIn: [...existing.alsoIn, other.obligationKey] })
      }
    })
  }
  return order.map((name) => bySource.get(name)!)
}

// ---------------------------------------------------------------------------------------------------------
// Carrying answers forward from the previous cycle
// ---------------------------------------------------------------------------------------------------------

export interface CarryMatch {
  obligationKey: string
  /** The previous answer's obligation key and lineage. */
  fromObligationKey: string
  fromLineage: string
  /** `lineage`: same lineage; `source`: the previous lineage is now one of the obligation's sources (a merge). */
  by: 'lineage' | 'source'
}

export interface CarryForward {
  /** Pre-filled answers, in obligation order, re-keyed to the current obligations. */
  answers: Answer[]
  matches: CarryMatch[]
  /** Obligations several previous answers were carried onto; the least favourable result was kept. */
  merged: { obligationKey: string; fromLineages: string[] }[]
  /** Obligations with nothing to carry (new, or no longer related to any previous answer). */
  fresh: string[]
  /**
   * Previous answers no current obligation took: the requirement no longer applies or was withdrawn (or the
   * answer repeated a lineage already answered).
   */
  dropped: Answer[]
}

/** Lower is less favourable: the pre-fill for a merged obligation does not claim more than any part had. */
const FAVOUR: Record<AnswerResult, number> = { not_implemented: 0, partially: 1, implemented: 2, not_applicable: 3 }

/**
 * Pre-fill this cycle's answers from `previous` (answers of the previous cycle). An obligation takes the
 * previous answer with the same lineage; failing that, previous answers whose lineage is now one of its
 * sources (two obligations that a new crosswalk merged), keeping the least favourable of those. Everything
 * but the keys is copied as it was (a target date now in the past is left for validateAnswers to flag, so
 * the operator sees and moves it).
 */
export function carryForward(previous: readonly Answer[], obligations: readonly Obligation[]): CarryForward {
  const byLineage = new Map<string, Answer>()
  for (const a of previous) if (!byLineage.has(a.lineage)) byLineage.set(a.lineage, a)
  const taken = new Set<Answer>()
  const answers: Answer[] = []
  const matches: CarryMatch[] = []
  const merged: CarryForward['merged'] = []
  const fresh: string[] = []

  // Exact lineage matches first, so a merge never steals an answer from its own obligation.
  const exact = new Map<string, Answer>()
  for (const o of obligations) {
    const a = byLineage.get(o.lineage)
    if (a && !taken.has(a)) {
      exact.set(o.key, a)
      taken.add(a)
    }
  }
  for (const o of obligations) {
    let chosen = exact.get(o.key)
    let by: CarryMatch['by'] = 'lineage'
    if (!chosen) {
      const candidates: Answer[] = []
      for (const s of o.sources) {
        const a = byLineage.get(sourceName(s))
        if (a && !taken.has(a) && !candidates.includes(a)) candidates.push(a)
      }
      if (candidates.length > 0) {
        candidates.sort((x, y) => FAVOUR[x.result] - FAVOUR[y.result] || (x.lineage < y.lineage ? -1 : 1))
        chosen = candidates[0]!
        by = 'source'
        for (const c of candidates) taken.add(c)
        if (candidates.length > 1) merged.push({ obligationKey: o.key, fromLineages: candidates.map((c) => c.lineage).sort() })
      }
    }
    if (!chosen) {
      fresh.push(o.key)
      continue
    }
    answers.push({ ...chosen, obligationKey: o.key, lineage: o.lineage, evidenceIds: [...chosen.evidenceIds] })
    matches.push({ obligationKey: o.key, fromObligationKey: chosen.obligationKey, fromLineage: chosen.lineage, by })
  }
  const dropped = previous.filter((a) => !taken.has(a))
  return { answers, matches, merged, fresh, dropped }
}
