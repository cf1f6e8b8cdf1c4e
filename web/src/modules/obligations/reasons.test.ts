import fc from 'fast-check';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import ja from '../../i18n/ja.json';
import { describeBecause, describeFact, describeWhy, type ReasonLookups } from './reasons';

// Distinctive stand-ins, so a test sees which lookup ended up where.
const lookups: ReasonLookups = { sectorName: (id) => `<sector ${id}>`, tierName: (id) => `<tier ${id}>` };
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => values[k] ?? '');

let t: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { ja: { translation: ja }, en: { translation: en } }, lng: 'ja', interpolation: { escapeValue: false } });
  t = instance.t;
  tEn = instance.getFixedT('en');
});

describe('describeWhy', () => {
  it('names the sector and tier of a tier profile binding', () => {
    expect(describeWhy('sector-standard:medical/tier:medical-small', t, lookups)).toBe(
      fill(ja.obligations.why.sectorStandard, { sector: '<sector medical>', tier: '<tier medical-small>' }),
    );
  });

  it('translates every code shape chooseBindings produces, in both languages, without leaking the code', () => {
    const codes = [
      'sector-standard:finance/tier:finance-major',
      'unified-standard:sector=energy/tier:energy-large',
      'unified-standard:sector=energy/no-tier',
      'guideline:sector=medical',
      'unified-standard',
      'law',
      'law:flag=acdDesignated',
    ];
    for (const code of codes) {
      for (const tf of [t, tEn]) {
        const text = describeWhy(code, tf, lookups);
        expect(text, code).not.toBe(code);
        expect(text, code).not.toMatch(/sector=|tier:|flag=|[a-z]+-standard:/);
      }
    }
    expect(describeWhy('law:flag=acdDesignated', t, lookups)).toContain(ja.obligations.flag.acdDesignated);
  });

  it('shows an unknown code as it is rather than hiding it', () => {
    expect(describeWhy('something-new:x', t, lookups)).toBe('something-new:x');
  });
});

describe('describeBecause', () => {
  it('translates facts, negated facts, flags, sectors and tier levels', () => {
    expect(describeBecause('fact:uses_cloud', t, lookups)).toBe(ja.obligations.fact.uses_cloud);
    expect(describeBecause('not(fact:uses_cloud)', t, lookups)).toBe(ja.obligations.factNot.uses_cloud);
    expect(describeBecause('flag:esDesignated', t, lookups)).toBe(fill(ja.obligations.because.flag, { flag: ja.obligations.flag.esDesignated }));
    expect(describeBecause('sector:medical|finance', t, lookups)).toBe(
      fill(ja.obligations.because.sector, { sectors: `<sector medical>${ja.obligations.because.listSeparator}<sector finance>` }),
    );
    const levels = describeBecause('not(tier_level:baseline|standard)', t, lookups);
    expect(levels).toContain(ja.standards.tierLevel.baseline);
    expect(levels).toContain(ja.standards.tierLevel.standard);
    expect(levels).toBe(fill(ja.obligations.because.tierLevelNot, { levels: `${ja.standards.tierLevel.baseline}${ja.obligations.because.listSeparator}${ja.standards.tierLevel.standard}` }));
    expect(describeFact('operates_ot', tEn)).toBe(en.obligations.fact.operates_ot);
  });

  it('never throws and never returns an empty text, whatever the code', () => {
    fc.assert(
      fc.property(fc.string(), (code) => {
        const text = describeBecause(code, t, lookups);
        expect(typeof text).toBe('string');
        if (code !== '') expect(text).not.toBe('');
      }),
    );
  });
});
