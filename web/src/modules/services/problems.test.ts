import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorsAt, importColumn, importRow, normalisePath, unplacedErrors } from './problems';

describe('problem paths', () => {
  it('treats request-validation, dotted and bracketed paths as the same field', () => {
    expect(normalisePath('body.prefectures.0.people')).toBe('prefectures.0.people');
    expect(normalisePath('prefectures[0].people')).toBe('prefectures.0.people');
    expect(normalisePath('body.duration.p90Hours')).toBe('duration.p90Hours');
    expect(normalisePath('rtoHours')).toBe('rtoHours');
  });

  it('finds a field\'s errors and those below it, never a sibling with the same prefix', () => {
    const details = [
      { path: 'body.impact.afterDay', message: 'a' },
      { path: 'prefectures[1].people', message: 'b' },
      { path: 'rtoHours', message: 'c' },
      { path: 'rtoHoursExtra', message: 'd' },
    ];
    expect(errorsAt(details, 'impact').map((d) => d.message)).toEqual(['a']);
    expect(errorsAt(details, 'prefectures.1').map((d) => d.message)).toEqual(['b']);
    expect(errorsAt(details, 'rtoHours').map((d) => d.message)).toEqual(['c']);
    expect(unplacedErrors(details, ['impact', 'prefectures', 'rtoHours']).map((d) => d.message)).toEqual(['d']);
  });

  it('reads the spreadsheet row and column of an import error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100_000 }), fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,20}$/), fc.boolean(), (row, field, bracket) => {
        const path = bracket ? `rows[${row}].${field}` : `rows.${row}.${field}`;
        expect(importRow({ path, message: '' })).toBe(row);
        expect(importColumn({ path, message: '' })).toBe(field);
      }),
    );
    expect(importRow({ path: 'rows[7]', message: '' })).toBe(7);
    expect(importColumn({ path: 'rows[7]', message: '' })).toBeNull();
    // The server's own row number wins over the path.
    expect(importRow({ path: 'file', message: '', row: 3 })).toBe(3);
    expect(importRow({ path: 'header.2', message: '' })).toBeNull();
  });
});
