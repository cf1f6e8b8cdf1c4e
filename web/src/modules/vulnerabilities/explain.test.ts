import { describe, expect, it } from 'vitest';
import { ruleFormula } from './explain';

describe('ruleFormula', () => {
  it('writes exact versions, bounded and open ranges and CPE names', () => {
    expect(ruleFormula({ exact: '17.9.4a' })).toBe('v = 17.9.4a');
    expect(ruleFormula({ range: { start: '7.2.0', lessThan: '7.2.5' } })).toBe('7.2.0 ≤ v < 7.2.5');
    expect(ruleFormula({ range: { start: '0', lessThanOrEqual: '21.4R3-S5' } })).toBe('v ≤ 21.4R3-S5');
    expect(ruleFormula({ range: { start: '10.2', lessThan: '*' } })).toBe('10.2 ≤ v');
    expect(ruleFormula({ cpe: 'cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*' })).toBe('cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*');
    expect(ruleFormula({})).toBeNull();
  });
});
