import { Badge, type BadgeProps } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DeviationKind, ExceptionStatus, Strength, VersionStatus } from './types';

const STRENGTH_COLORS: Record<Strength, string> = { must: 'red', should: 'orange', may: 'gray' };
const STATUS_COLORS: Record<VersionStatus, string> = { draft: 'yellow', published: 'blue', in_force: 'green', superseded: 'gray' };
const EXCEPTION_COLORS: Record<ExceptionStatus, string> = { requested: 'yellow', approved: 'green', rejected: 'red' };

export function StrengthBadge({ strength, ...props }: { strength: Strength | null } & BadgeProps) {
  const { t } = useTranslation();
  if (!strength) return null;
  return (
    <Badge color={STRENGTH_COLORS[strength]} variant={strength === 'must' ? 'filled' : 'light'} tt="none" data-strength={strength} {...props}>
      {t(`standards.strength.${strength}`)}
    </Badge>
  );
}

export function StatusBadge({ status, ...props }: { status: VersionStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" data-status={status} {...props}>
      {t(`standards.status.${status}`)}
    </Badge>
  );
}

export function ExceptionBadge({ status, ...props }: { status: ExceptionStatus | null } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={status ? EXCEPTION_COLORS[status] : 'red'} variant={status === 'approved' ? 'light' : 'outline'} tt="none" {...props}>
      {t(`standards.exceptionStatus.${status ?? 'none'}`)}
    </Badge>
  );
}

/**
 * A deviation's machine-readable detail (see findDeviations in src/standards/domain/deviations.ts) in words.
 * `paramLabel` names a parameter by id when the caller knows its label.
 */
export function describeDeviationDetail(t: TFunction, detail: string, paramLabel: (id: string) => string = (id) => id): string {
  if (detail === 'absent') return t('standards.deviationDetail.absent');
  if (detail === 'withdrawn') return t('standards.deviationDetail.withdrawn');
  if (detail === 'not-applicable') return t('standards.deviationDetail.notApplicable');
  if (detail === 'narrowed-applicability') return t('standards.deviationDetail.narrowed');
  if (detail.startsWith('kind:')) return t('standards.deviationDetail.group');
  let m = /^addressee:(.+)$/.exec(detail);
  if (m) {
    const a = m[1]!;
    const addressee = a === 'government' || a === 'ministry' || a === 'operator' ? t(`standards.addressee.${a}`) : a;
    return t('standards.deviationDetail.addressee', { addressee });
  }
  m = /^strength:(\w+)->(\w+)$/.exec(detail);
  if (m) {
    const name = (s: string) => (s === 'must' || s === 'should' || s === 'may' ? t(`standards.strength.${s}`) : s);
    return t('standards.deviationDetail.strength', { from: name(m[1]!), to: name(m[2]!) });
  }
  m = /^parameter:([^:]+):(.*)->(.*)$/.exec(detail);
  if (m) {
    const after = m[3] === 'removed' ? t('standards.deviationDetail.removedValue') : m[3]!;
    return t('standards.deviationDetail.parameter', { param: paramLabel(m[1]!), from: m[2]!, to: after });
  }
  return detail;
}

export function deviationKindLabel(t: TFunction, kind: DeviationKind | string): string {
  return kind === 'dropped' || kind === 'weakened_strength' || kind === 'weakened_parameter' ? t(`standards.deviationKind.${kind}`) : kind;
}
