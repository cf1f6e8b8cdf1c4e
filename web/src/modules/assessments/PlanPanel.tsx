import { Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale } from '../../i18n';
import { pick } from '../standards/text';
import { assessmentKeys, assessmentsApi, usePlan } from './api';
import { codeText } from './problems';
import { POAM_STATUSES, type PoamItem, type PoamStatus } from './types';
import { useTranslator } from './useTranslator';

/** The improvement plan (POA&M) made from the submitted gaps; the operator moves its items along. */
export function PlanPanel({ campaignId, operatorId, editable }: { campaignId: string; operatorId: string; editable: boolean }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const plan = usePlan(campaignId, operatorId);
  const move = useMutation({
    mutationFn: ({ item, status }: { item: PoamItem; status: PoamStatus }) => assessmentsApi.updatePlanItem(campaignId, operatorId, item.id, { status }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.plan(campaignId, operatorId) }),
  });
  const moveError = move.error as { code?: string } | null;

  return (
    <Paper withBorder p="md" radius="md" data-testid="plan-panel">
      <Title order={2} size="h4" mb="xs">
        {t('assessments.plan.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('assessments.plan.description')}
      </Text>
      {move.isError && (
        <ErrorAlert error={move.error} title={codeText(tr, moveError?.code) ?? t('assessments.plan.moveFailed')} />
      )}
      {plan.isError ? (
        <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />
      ) : !plan.data ? null : plan.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('assessments.plan.empty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs" data-testid="plan-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assessments.plan.item')}</Table.Th>
              <Table.Th>{t('assessments.plan.owner')}</Table.Th>
              <Table.Th>{t('assessments.plan.dueDate')}</Table.Th>
              <Table.Th>{t('assessments.plan.milestones')}</Table.Th>
              <Table.Th w={180}>{t('assessments.plan.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.data.map((item) => (
              <Table.Tr key={item.id} data-testid="plan-item" data-status={item.status}>
                <Table.Td>{pick(item.title, locale)}</Table.Td>
                <Table.Td>{item.owner}</Table.Td>
                <Table.Td>{item.dueDate}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {item.milestones.map((m, i) => (
                      <Text key={i} size="xs" td={m.done ? 'line-through' : undefined}>
                        {m.dueDate} {pick(m.title, locale)}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {editable ? (
                    <Select
                      size="xs"
                      data={POAM_STATUSES.map((s) => ({ value: s, label: t(`assessments.poamStatus.${s}`) }))}
                      value={item.status}
                      allowDeselect={false}
                      onChange={(v) => v && v !== item.status && move.mutate({ item, status: v as PoamStatus })}
                      aria-label={t('assessments.plan.status')}
                      data-testid="plan-status"
                    />
                  ) : (
                    <Text size="sm">{t(`assessments.poamStatus.${item.status}`)}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
