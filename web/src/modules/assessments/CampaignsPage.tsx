import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { pick } from '../standards/text';
import { useCampaigns } from './api';
import { CampaignStatusBadge, isGovernment, SubmissionStatusBadge } from './labels';
import { LaunchCampaignButton } from './LaunchCampaign';
import { SUBMISSION_STATUSES, type CampaignSummary } from './types';

/** Where an operator's campaign row leads: its own questionnaire. */
export const questionnairePath = (campaignId: string, operatorId: string) =>
  `/assessments/${encodeURIComponent(campaignId)}/operators/${encodeURIComponent(operatorId)}`;

/** `/assessments`: the campaigns the acting organisation launched, is asked in, or oversees. */
export function CampaignsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const campaigns = useCampaigns();
  const kind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
  const government = isGovernment(kind);
  const canLaunch = government && me.role === 'admin';
  const list = [...(campaigns.data ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));

  return (
    <Stack gap="lg" data-testid="campaigns-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('assessments.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t(government ? 'assessments.descriptionGovernment' : 'assessments.descriptionOperator')}
          </Text>
        </div>
        {canLaunch && <LaunchCampaignButton me={me} campaigns={campaigns.data ?? []} />}
      </Group>
      {campaigns.isPending ? (
        <TableSkeleton />
      ) : campaigns.isError ? (
        <ErrorAlert error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : list.length === 0 ? (
        <Text c="dimmed" data-testid="campaigns-empty">
          {t('assessments.noCampaigns')}
        </Text>
      ) : (
        <Table striped verticalSpacing="sm" data-testid="campaigns-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assessments.col.title')}</Table.Th>
              <Table.Th>{t('assessments.col.cycle')}</Table.Th>
              <Table.Th>{t('assessments.col.dueDate')}</Table.Th>
              <Table.Th>{t('assessments.col.campaignStatus')}</Table.Th>
              <Table.Th>{government ? t('assessments.col.counts') : t('assessments.col.ownStatus')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((c) => (
              <Table.Tr key={c.id} data-testid="campaign-row" data-campaign-id={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/assessments/${encodeURIComponent(c.id)}`} data-testid="campaign-link">
                    {pick(c.title, locale)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.cycle}</Table.Td>
                <Table.Td>{c.dueDate}</Table.Td>
                <Table.Td>
                  <CampaignStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>{government ? <Counts campaign={c} /> : <OwnStatus campaign={c} me={me} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Counts({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const counts = campaign.counts;
  if (!counts) return null;
  return (
    <Group gap={6} data-testid="campaign-counts">
      {SUBMISSION_STATUSES.filter((s) => counts[s] > 0).map((s) => (
        <SubmissionStatusBadge key={s} status={s} count={counts[s]} />
      ))}
      <Text size="xs" c="dimmed">
        {t('assessments.targetCount', { n: campaign.targetCount })}
      </Text>
    </Group>
  );
}

function OwnStatus({ campaign, me }: { campaign: CampaignSummary; me: Me }) {
  const { t } = useTranslation();
  if (!campaign.ownStatus) return <Text size="sm" c="dimmed">{t('assessments.notAsked')}</Text>;
  return (
    <Group gap="sm">
      <SubmissionStatusBadge status={campaign.ownStatus} />
      <Button component={Link} to={questionnairePath(campaign.id, me.activeOrganisationId)} size="xs" variant="light" data-testid="open-questionnaire">
        {t(campaign.ownStatus === 'draft' || campaign.ownStatus === 'returned' ? 'assessments.answer' : 'assessments.openQuestionnaire')}
      </Button>
    </Group>
  );
}
