import type { TFunction } from 'i18next';

/**
 * Turns the machine-readable reason codes of an obligation report into sentences.
 *
 * Binding reasons (`why`, from chooseBindings in src/obligations/obligations-service.ts):
 *   `sector-standard:SECTOR/tier:TIER`, `unified-standard:sector=SECTOR/tier:TIER`,
 *   `unified-standard:sector=SECTOR/no-tier`, `guideline:sector=SECTOR`, `unified-standard`, `law`,
 *   `law:flag=FLAG`.
 * Applicability reasons (`because`, from src/obligations/domain/applicability.ts):
 *   `sector:A|B`, `tier_level:A|B`, `flag:F`, `fact:F`, and `not(LEAF)` around any of them.
 * A code of an unknown shape is shown as it is: an unexplained reason is better than a hidden one.
 */
export interface ReasonLookups {
  sectorName: (id: string) => string;
  tierName: (id: string) => string;
}

const KNOWN_FACTS = ['operates_ot', 'uses_cloud', 'handles_personal_data', 'internet_facing_systems'] as const;
const KNOWN_FLAGS = ['esDesignated', 'acdDesignated'] as const;
const KNOWN_LEVELS = ['baseline', 'standard', 'enhanced'] as const;

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function describeWhy(code: string, t: TFunction, lookups: ReasonLookups): string {
  let m = /^sector-standard:([^/]+)\/tier:(.+)$/.exec(code);
  if (m) return t('obligations.why.sectorStandard', { sector: lookups.sectorName(m[1]!), tier: lookups.tierName(m[2]!) });
  m = /^unified-standard:sector=([^/]+)\/tier:(.+)$/.exec(code);
  if (m) return t('obligations.why.unifiedForTier', { sector: lookups.sectorName(m[1]!), tier: lookups.tierName(m[2]!) });
  m = /^unified-standard:sector=([^/]+)\/no-tier$/.exec(code);
  if (m) return t('obligations.why.unifiedNoTier', { sector: lookups.sectorName(m[1]!) });
  m = /^guideline:sector=(.+)$/.exec(code);
  if (m) return t('obligations.why.guideline', { sector: lookups.sectorName(m[1]!) });
  if (code === 'unified-standard') return t('obligations.why.unified');
  if (code === 'law') return t('obligations.why.law');
  m = /^law:flag=(.+)$/.exec(code);
  if (m && isOneOf(KNOWN_FLAGS, m[1]!)) return t('obligations.why.lawFlag', { flag: t(`obligations.flag.${m[1]}`) });
  return code;
}

function listOf(values: string[], t: TFunction): string {
  return values.join(t('obligations.because.listSeparator'));
}

function describeLeaf(code: string, negated: boolean, t: TFunction, lookups: ReasonLookups): string | null {
  const colon = code.indexOf(':');
  if (colon < 0) return null;
  const kind = code.slice(0, colon);
  const values = code.slice(colon + 1).split('|').filter(Boolean);
  const suffix = negated ? 'Not' : '';
  switch (kind) {
    case 'sector':
      return t(`obligations.because.sector${suffix}`, { sectors: listOf(values.map(lookups.sectorName), t) });
    case 'tier_level': {
      const names = values.map((v) => (isOneOf(KNOWN_LEVELS, v) ? t(`standards.tierLevel.${v}`) : v));
      return t(`obligations.because.tierLevel${suffix}`, { levels: listOf(names, t) });
    }
    case 'flag':
      if (values.length === 1 && isOneOf(KNOWN_FLAGS, values[0]!)) {
        return t(`obligations.because.flag${suffix}`, { flag: t(`obligations.flag.${values[0]}`) });
      }
      return null;
    case 'fact':
      if (values.length === 1 && isOneOf(KNOWN_FACTS, values[0]!)) return t(`obligations.fact${negated ? 'Not' : ''}.${values[0]}`);
      return null;
  }
  return null;
}

export function describeBecause(code: string, t: TFunction, lookups: ReasonLookups): string {
  const negated = /^not\((.+)\)$/.exec(code);
  return describeLeaf(negated ? negated[1]! : code, Boolean(negated), t, lookups) ?? code;
}

/** An operator fact in words (the header of the obligations page). */
export function describeFact(fact: string, t: TFunction): string {
  return isOneOf(KNOWN_FACTS, fact) ? t(`obligations.fact.${fact}`) : fact;
}
