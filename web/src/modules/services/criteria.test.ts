import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criterionOfDraft, draftOfCriterion, newCriterionId } from './criteria';
import type { Criterion } from './types';

describe('criteria editor drafts', () => {
  it('round-trips coverages through percent without binary noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom('national_coverage' as const, 'prefecture_coverage' as const), (micro, kind) => {
        const threshold = micro / 1_000_000;
        const c: Criterion = { id: 'c', kind, threshold };
        const back = criterionOfDraft(draftOfCriterion(c));
        expect(back).toEqual(c);
      }),
    );
  });

  it('shows coverages in percent and keeps hours and scores as they are', () => {
    expect(draftOfCriterion({ id: 'a', kind: 'national_coverage', threshold: 0.07 }).value).toBe(7);
    expect(draftOfCriterion({ id: 'b', kind: 'low_substitutability', withinHours: 36 }).value).toBe(36);
    expect(criterionOfDraft({ id: 'c', kind: 'systemic_dependency', value: 0.2 })).toEqual({ id: 'c', kind: 'systemic_dependency', threshold: 0.2 });
    expect(criterionOfDraft({ id: 'd', kind: 'economic_security_designation', value: '' })).toEqual({ id: 'd', kind: 'economic_security_designation' });
  });

  it('sends a blank threshold as null so the server names the field', () => {
    expect(criterionOfDraft({ id: 'a', kind: 'prefecture_coverage', value: '' })).toEqual({ id: 'a', kind: 'prefecture_coverage', threshold: null });
  });

  it('gives new criteria ids not used in the set', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 15 }), (ns) => {
        const existing = ns.map((n) => ({ id: `national_coverage-${n}` }));
        const id = newCriterionId('national_coverage', existing);
        expect(existing.map((e) => e.id)).not.toContain(id);
        expect(id).toMatch(/^national_coverage-\d+$/);
      }),
    );
  });
});
