import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertParams, pick, renderParamsText } from './text';
import type { Parameter } from './types';

const interval: Parameter = {
  id: 'restore_test_interval_days',
  label: { ja: '\u5fa9\u5143\u30c6\u30b9\u30c8\u306e\u9593\u9694', en: 'Restore test interval' },
  type: 'integer',
  value: 90,
  unit: 'days',
  stricter: 'lower',
};

describe('insertParams', () => {
  it('replaces every insertion with the parameter value, whatever the spacing', () => {
    const text = 'every {{ insert: param, restore_test_interval_days }} days, at most {{insert:param,restore_test_interval_days}}.';
    expect(renderParamsText(text, [interval], 'en')).toBe('every 90 days, at most 90.');
    const segments = insertParams(text, [interval], 'en');
    expect(segments.filter((s) => s.kind === 'param')).toHaveLength(2);
  });

  it('shows an unknown or unset parameter by its label or id instead of dropping it', () => {
    expect(renderParamsText('x {{ insert: param, nope }} y', [interval], 'ja')).toBe('x [nope] y');
    expect(renderParamsText('{{ insert: param, restore_test_interval_days }}', [{ ...interval, value: null }], 'en')).toBe('[Restore test interval]');
  });

  it('leaves text without insertions untouched and loses no characters around insertions', () => {
    fc.assert(
      fc.property(fc.array(fc.string().filter((s) => !s.includes('{{')), { maxLength: 5 }), (parts) => {
        const text = parts.join('{{ insert: param, restore_test_interval_days }}');
        expect(renderParamsText(text, [interval], 'ja')).toBe(parts.join('90'));
      }),
    );
  });
});

describe('pick', () => {
  it('falls back to the other language when one is empty', () => {
    expect(pick({ ja: '', en: 'only English' }, 'ja')).toBe('only English');
    expect(pick({ ja: 'ja', en: 'en' }, 'en')).toBe('en');
  });
});
