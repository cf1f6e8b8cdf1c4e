import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnswerResult, CampaignStatus, SubmissionStatus } from './types';

const STATUS_COLORS: Record<SubmissionStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  under_review: 'violet',
  returned: 'orange',
  accepted: 'green',
};

export const RESULT_COLORS: Record<AnswerResult, string> = {
  implemented: 'green',
  partially: 'yellow',
  not_implemented: 'red',
  not_applicable: 'gray',
};

export function SubmissionStatusBadge({ status, count, ...props }: { status: SubmissionStatus; count?: number } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" data-status={status} data-count={count} {...props}>
      {t(`assessments.status.${status}`)}
      {count === undefined ? '' : ` ${count}`}
    </Badge>
  );
}

export function CampaignStatusBadge({ status, ...props }: { status: CampaignStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'open' ? 'teal' : 'gray'} variant="outline" tt="none" data-campaign-status={status} {...props}>
      {t(`assessments.campaignStatus.${status}`)}
    </Badge>
  );
}

/** A score in [0, 1] as a whole percentage; empty when there is none. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : `${Math.round(value * 100)}%`;
}

export function isGovernment(kind: string | undefined): boolean {
  return kind === 'national_office' || kind === 'ministry';
}
