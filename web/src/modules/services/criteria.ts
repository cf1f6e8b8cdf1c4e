import type { Criterion, CriterionKind } from './types';

/**
 * Criteria as the editor holds them: thresholds as people type them (coverages in percent, hours, scores),
 * converted to the API's units (coverages as fractions) only when saving.
 */
export interface CriterionDraft {
  id: string;
  kind: CriterionKind;
  /** Percent for coverages, hours for low substitutability, the score for systemic dependency; unused for the flag. */
  value: number | '';
}

export const isCoverage = (kind: CriterionKind) => kind === 'national_coverage' || kind === 'prefecture_coverage';

/** Percent ↔ fraction without binary noise (0.07 * 100 = 7.000000000000001). */
const toPercent = (fraction: number) => Math.round(fraction * 1e6) / 1e4;
const toFraction = (percent: number) => Math.round(percent * 1e4) / 1e6;

export function draftOfCriterion(c: Criterion): CriterionDraft {
  switch (c.kind) {
    case 'national_coverage':
    case 'prefecture_coverage':
      return { id: c.id, kind: c.kind, value: toPercent(c.threshold) };
    case 'low_substitutability':
      return { id: c.id, kind: c.kind, value: c.withinHours };
    case 'systemic_dependency':
      return { id: c.id, kind: c.kind, value: c.threshold };
    case 'economic_security_designation':
      return { id: c.id, kind: c.kind, value: '' };
  }
}

/** The criterion as the API takes it; a blank threshold goes as null so the server names the field. */
export function criterionOfDraft(d: CriterionDraft): Criterion {
  const v = d.value === '' ? (null as unknown as number) : d.value;
  switch (d.kind) {
    case 'national_coverage':
    case 'prefecture_coverage':
      return { id: d.id, kind: d.kind, threshold: v === null ? v : toFraction(v) };
    case 'low_substitutability':
      return { id: d.id, kind: d.kind, withinHours: v };
    case 'systemic_dependency':
      return { id: d.id, kind: d.kind, threshold: v };
    case 'economic_security_designation':
      return { id: d.id, kind: d.kind };
  }
}

/** A criterion id not used yet in the set: `<kind>-<n>`. */
export function newCriterionId(kind: CriterionKind, existing: readonly { id: string }[]): string {
  const used = new Set(existing.map((c) => c.id));
  let n = 1;
  while (used.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/** Sensible starting thresholds for a new criterion (editable at once). */
export const DEFAULT_VALUE: Readonly<Record<CriterionKind, number | ''>> = {
  national_coverage: 5,
  prefecture_coverage: 30,
  low_substitutability: 24,
  systemic_dependency: 0.05,
  economic_security_designation: '',
};
