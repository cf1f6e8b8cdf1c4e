import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { ForbiddenPage, NotFoundPage } from '../../components/StatusPages';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { pick } from '../standards/text';
import { assessmentKeys, assessmentsApi, useCampaign, useSupportRequests } from './api';
import { questionnairePath } from './CampaignsPage';
import { DashboardPage } from './DashboardPage';
import { CampaignStatusBadge, isGovernment, percent, SubmissionStatusBadge } from './labels';
import { SUBMISSION_STATUSES, type CampaignDetail, type SupportGroup, type Target } from './types';

/** `/assessments/:campaignId` (operators) and `/assessments/:campaignId/dashboard`. */
export function CampaignPage({ me, tab }: { me: Me; tab: 'operators' | 'dashboard' }) {
  const { campaignId = '' } = useParams();
  const kind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
  const government = isGovernment(kind);
  const detail = useCampaign(campaignId);
  if (detail.isPending) return <PageLoader />;
  if (isApiError(detail.error, 403)) return <ForbiddenPage />;
  if (isApiError(detail.error, 404)) return <NotFoundPage />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  // An operator has one thing to do in a campaign: its own questionnaire.
  // Others (not asked) have only the dashboard to see.
  if (!government && tab === 'operators') {
    if (detail.data.campaign.ownStatus) return <Navigate to={questionnairePath(campaignId, me.activeOrganisationId)} replace />;
    return <Navigate to={`/assessments/${encodeURIComponent(campaignId)}/dashboard`} replace />;
  }
  return <CampaignView me={me} detail={detail.data} tab={tab} government={government} />;
}

function CampaignView({ me, detail, tab, government }: { me: Me; detail: CampaignDetail; tab: 'operators' | 'dashboard'; government: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const locale = currentLocale();
  const c = detail.campaign;
  const base = `/assessments/${encodeURIComponent(c.id)}`;
  const canClose = c.status === 'open' && c.launchedBy === me.activeOrganisationId && me.role === 'admin';

  return (
    <Stack gap="lg" data-testid="campaign-page" data-campaign-id={c.id}>
      <div>
        <Anchor component={Link} to="/assessments" size="sm">
          {t('assessments.back')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={1} size="h2" data-testid="campaign-title">
              {pick(c.title, locale)}
            </Title>
            <Group gap="sm" mt={4}>
              <CampaignStatusBadge status={c.status} />
              <Text size="sm" c="dimmed">
                {t('assessments.cycleDue', { cycle: c.cycle, due: c.dueDate })}
              </Text>
            </Group>
          </div>
          {canClose && <CloseCampaign campaignId={c.id} />}
        </Group>
      </div>

      <Tabs value={tab} onChange={(v) => void navigate(v === 'dashboard' ? `${base}/dashboard` : base)} keepMounted={false}>
        <Tabs.List>
          {government && (
            <Tabs.Tab value="operators" data-testid="tab-operators">
              {t('assessments.tabs.operators')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="dashboard" data-testid="tab-dashboard">
            {t('assessments.tabs.dashboard')}
          </Tabs.Tab>
          {!government && c.ownStatus && (
            <Anchor component={Link} to={questionnairePath(c.id, me.activeOrganisationId)} size="sm" ml="md" mt={8}>
              {t('assessments.openQuestionnaire')}
            </Anchor>
          )}
        </Tabs.List>
        <Tabs.Panel value="operators" pt="md">
          {government && tab === 'operators' && <OperatorsPanel detail={detail} />}
        </Tabs.Panel>
        <Tabs.Panel value="dashboard" pt="md">
          {tab === 'dashboard' && <DashboardPage />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function CloseCampaign({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => assessmentsApi.close(campaignId),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    },
  });
  return (
    <>
      <Button color="red" variant="outline" onClick={() => setConfirming(true)} data-testid="close-campaign">
        {t('assessments.close.button')}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('assessments.close.title')}>
        <Stack>
          <Text size="sm">{t('assessments.close.body')}</Text>
          {close.isError && <ErrorAlert error={close.error} title={t('assessments.close.failed')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('assessments.cancel')}
            </Button>
            <Button color="red" loading={close.isPending} onClick={() => close.mutate()} data-testid="close-confirm">
              {t('assessments.close.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function OperatorsPanel({ detail }: { detail: CampaignDetail }) {
  const { t } = useTranslation();
  const { sectorName } = useOrgLabels();
  const c = detail.campaign;
  const support = useSupportRequests(c.id, true);
  const targets = [...detail.targets].sort((a, b) => (a.name ?? a.operatorId).localeCompare(b.name ?? b.operatorId, 'ja'));
  return (
    <Stack gap="lg">
      {c.counts && (
        <Group gap="xs" data-testid="campaign-status-counts">
          {SUBMISSION_STATUSES.map((s) => (
            <SubmissionStatusBadge key={s} status={s} count={c.counts![s]} size="lg" />
          ))}
        </Group>
      )}
      <Table striped verticalSpacing="sm" data-testid="targets-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assessments.col.operator')}</Table.Th>
            <Table.Th>{t('assessments.col.sector')}</Table.Th>
            <Table.Th>{t('assessments.col.status')}</Table.Th>
            <Table.Th>{t('assessments.col.score')}</Table.Th>
            <Table.Th>{t('assessments.col.maturity')}</Table.Th>
            <Table.Th>{t('assessments.col.gaps')}</Table.Th>
            <Table.Th>{t('assessments.col.submittedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {targets.map((target) => (
            <TargetRow key={target.operatorId} target={target} sectorName={sectorName} />
          ))}
        </Table.Tbody>
      </Table>
      {/* Laggards are on the dashboard tab, which follows the NCO's sector filter. */}
      <SupportPanel groups={support.data} error={support.error} loading={support.isPending} />
    </Stack>
  );
}

function TargetRow({ target, sectorName }: { target: Target; sectorName: (id: string) => string }) {
  return (
    <Table.Tr data-testid="target-row" data-operator-id={target.operatorId} data-status={target.status}>
      <Table.Td>
        <Anchor component={Link} to={questionnairePath(target.campaignId, target.operatorId)} data-testid="target-link">
          {target.name ?? target.operatorId}
        </Anchor>
      </Table.Td>
      <Table.Td>{target.sectorId ? sectorName(target.sectorId) : target.sectors.map(sectorName).join(', ')}</Table.Td>
      <Table.Td>
        <SubmissionStatusBadge status={target.status} />
      </Table.Td>
      <Table.Td data-testid="target-score">{percent(target.score)}</Table.Td>
      <Table.Td>{target.meanMaturity === null ? '' : target.meanMaturity.toFixed(1)}</Table.Td>
      <Table.Td data-testid="target-gaps">{target.gapCount ?? ''}</Table.Td>
      <Table.Td>
        <DateTime iso={target.submittedAt} />
      </Table.Td>
    </Table.Tr>
  );
}

function SupportPanel({ groups, error, loading }: { groups: SupportGroup[] | undefined; error: unknown; loading: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Paper withBorder p="md" radius="md" data-testid="support-requests">
      <Title order={2} size="h4" mb="sm">
        {t('assessments.support.title')}
      </Title>
      {error ? (
        <ErrorAlert error={error} />
      ) : loading ? null : !groups || groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('assessments.support.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {groups.map((g) => (
            <div key={g.lineage} data-testid="support-group">
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {pick(g.title, locale)}
                </Text>
                <Badge size="sm" variant="light" tt="none">
                  {t('common.count', { n: g.requests.length })}
                </Badge>
              </Group>
              <Stack gap={2} pl="sm">
                {g.requests.map((r) => (
                  <Text key={r.id} size="sm">
                    {r.operatorName}: {r.reason}
                  </Text>
                ))}
              </Stack>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
