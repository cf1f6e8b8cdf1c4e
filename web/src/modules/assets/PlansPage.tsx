import { Alert, Anchor, Badge, Button, Group, List, Modal, MultiSelect, NumberInput, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { firstError } from '../services/FieldErrors';
import { formatCount } from '../services/format';
import { isModuleProblem, type ProblemDetail } from '../services/http';
import { detailText, errorsAt, problemText, unplacedErrors } from '../services/problems';
import { useTranslator } from '../services/useTranslator';
import { useDevices } from './api';
import { PLAN_STATUSES, planKeys, plansApi, usePlans, type PlanStatus, type ReplacementPlan } from './plansApi';
import { canGovernAssets } from './scope';
import type { Device } from './types';

const PLACED = ['title', 'deviceIds', 'targetDate', 'budgetJpy', 'status', 'notes'];

function PlanForm({ plan, devices, onDone, onCancel }: { plan: ReplacementPlan | null; devices: readonly Device[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const [title, setTitle] = useState(plan?.title ?? '');
  const [deviceIds, setDeviceIds] = useState<string[]>(plan?.deviceIds ?? []);
  const [targetDate, setTargetDate] = useState(plan?.targetDate ?? '');
  const [budget, setBudget] = useState<number | string>(plan?.budgetJpy ?? '');
  const [status, setStatus] = useState<PlanStatus>(plan?.status ?? 'planned');
  const [notes, setNotes] = useState(plan?.notes ?? '');
  const save = useMutation({
    mutationFn: () => {
      const body = { title, deviceIds, targetDate, budgetJpy: typeof budget === 'number' ? budget : null, status, notes: notes.trim() === '' ? null : notes };
      return plan ? plansApi.update(plan.id, body) : plansApi.create(body);
    },
    onSuccess: onDone,
  });
  const details: ProblemDetail[] = isModuleProblem(save.error) ? save.error.details : [];
  const err = (path: string) => firstError(errorsAt(details, path), tr);
  const unplaced = unplacedErrors(details, PLACED);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="plan-form"
    >
      <Stack>
        {save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('assets.plans.saveFailed')}>
            {problemText(tr, save.error, details.length, t('errors.generic'))}
            {unplaced.length > 0 && (
              <List size="sm" mt="xs">
                {unplaced.map((d, i) => (
                  <List.Item key={i}>{detailText(tr, d)}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <TextInput label={t('assets.plans.titleField')} withAsterisk value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={err('title')} data-testid="plan-title" />
        <MultiSelect
          label={t('assets.plans.devices')}
          withAsterisk
          data={devices.map((d) => ({ value: d.id, label: `${d.assetId} (${d.vendor} ${d.product})` }))}
          value={deviceIds}
          onChange={setDeviceIds}
          searchable
          error={err('deviceIds')}
          data-testid="plan-devices"
        />
        <Group grow>
          <TextInput type="date" label={t('assets.plans.targetDate')} withAsterisk value={targetDate} onChange={(e) => setTargetDate(e.currentTarget.value)} error={err('targetDate')} data-testid="plan-target" />
          <NumberInput label={t('assets.plans.budget')} value={budget} onChange={setBudget} min={0} thousandSeparator="," error={err('budgetJpy')} data-testid="plan-budget" />
          <Select
            label={t('assets.plans.status')}
            data={PLAN_STATUSES.map((s) => ({ value: s, label: t(`assets.plans.statusName.${s}`) }))}
            value={status}
            onChange={(v) => v && setStatus(v as PlanStatus)}
            allowDeselect={false}
            error={err('status')}
          />
        </Group>
        <Textarea label={t('assets.plans.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} error={err('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('ciCommon.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="plan-save">
            {t('ciCommon.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `/assets/plans`: replacement plans for one device or a fleet, with target dates and budgets. */
export function PlansPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const govern = canGovernAssets(me);
  const plans = usePlans();
  const devices = useDevices({}, 0);
  const [editing, setEditing] = useState<ReplacementPlan | 'new' | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: planKeys.all });
  const remove = useMutation({ mutationFn: (id: string) => plansApi.remove(id), onSuccess: refresh });
  const assetIds = (ids: string[]) => ids.map((id) => devices.data?.items.find((d) => d.id === id)?.assetId ?? id).join(t('ciCommon.listSeparator'));

  return (
    <Stack gap="lg" data-testid="plans-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('assets.plans.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('assets.plans.description')}
          </Text>
        </div>
        {govern && (
          <Button onClick={() => setEditing('new')} data-testid="plan-new">
            {t('assets.plans.new')}
          </Button>
        )}
      </Group>
      {remove.isError && <ErrorAlert error={remove.error} />}
      {plans.isPending ? (
        <TableSkeleton />
      ) : plans.isError ? (
        <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <Text c="dimmed">{t('assets.plans.empty')}</Text>
      ) : (
        <Table striped verticalSpacing="xs" data-testid="plans-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assets.plans.titleField')}</Table.Th>
              <Table.Th>{t('assets.plans.devices')}</Table.Th>
              <Table.Th>{t('assets.plans.targetDate')}</Table.Th>
              <Table.Th ta="right">{t('assets.plans.budget')}</Table.Th>
              <Table.Th>{t('assets.plans.status')}</Table.Th>
              {govern && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plans.data.items.map((p) => (
              <Table.Tr key={p.id} data-testid="plan-row">
                <Table.Td>{p.title}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {assetIds(p.deviceIds)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {p.targetDate}
                  {p.overdue && (
                    <Badge color="red" size="xs" ml={4}>
                      {t('assets.plans.overdue')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{p.budgetJpy === null ? '' : t('assets.overview.yen', { n: formatCount(p.budgetJpy, locale) })}</Table.Td>
                <Table.Td>{t(`assets.plans.statusName.${p.status}`)}</Table.Td>
                {govern && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Anchor component="button" size="sm" onClick={() => setEditing(p)}>
                        {t('ciCommon.edit')}
                      </Anchor>
                      <Anchor component="button" size="sm" c="red" onClick={() => remove.mutate(p.id)}>
                        {t('ciCommon.delete')}
                      </Anchor>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('assets.plans.new') : t('assets.plans.editTitle')} size="lg">
        {editing !== null && (
          <PlanForm
            plan={editing === 'new' ? null : editing}
            devices={devices.data?.items ?? []}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
