import type { MatchExplanation } from './exposureApi';

/**
 * The version rule of a match as a formula people read the same in every language
 * (`7.2.0 ≤ v < 7.2.5`, `v = 17.9.4a`, a CPE name), or null when the record gave none.
 */
export function ruleFormula(e: Pick<MatchExplanation, 'exact' | 'range' | 'cpe'>): string | null {
  if (e.exact !== undefined) return `v = ${e.exact}`;
  if (e.range) {
    const lower = e.range.start && e.range.start !== '0' && e.range.start !== '*' ? `${e.range.start} ≤ ` : '';
    if (e.range.lessThan !== undefined && e.range.lessThan !== '*') return `${lower}v < ${e.range.lessThan}`;
    if (e.range.lessThanOrEqual !== undefined && e.range.lessThanOrEqual !== '*') return `${lower}v ≤ ${e.range.lessThanOrEqual}`;
    return lower ? `${lower}v` : null;
  }
  if (e.cpe) return e.cpe;
  return null;
}
