import { Anchor, Badge, Button, Group, List, Modal, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { pickText } from '../services/format';
import { useDevices } from './api';
import { ExceptionForm } from './ExceptionForm';
import { exceptionKeys, exceptionsApi, useControlCatalogue, useExceptions, type AssetException, type ExceptionStatus } from './exceptionsApi';
import { canGovernAssets } from './scope';

const STATUS_COLOR: Record<ExceptionStatus, string> = { requested: 'yellow', approved: 'green', rejected: 'red', expired: 'gray' };

/** `/assets/exceptions`: closed-network exceptions with their compensating controls, requested and decided by the operator. */
export function ExceptionsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const govern = canGovernAssets(me);
  const [status, setStatus] = useState<string | null>(null);
  const exceptions = useExceptions(status ? { status: status as ExceptionStatus } : {});
  const catalogue = useControlCatalogue();
  const devices = useDevices({}, 0);
  const [creating, setCreating] = useState(false);
  const [rejecting, setRejecting] = useState<AssetException | null>(null);
  const [note, setNote] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: exceptionKeys.all });
  const decide = useMutation({
    mutationFn: (v: { id: string; approve: boolean; note: string | null }) => exceptionsApi.decide(v.id, v.approve, v.note),
    onSuccess: () => {
      setRejecting(null);
      setNote('');
      refresh();
    },
  });
  const withdraw = useMutation({ mutationFn: (id: string) => exceptionsApi.withdraw(id), onSuccess: refresh });
  const kindLabel = (kind: string) => {
    const entry = catalogue.data?.find((k) => k.id === kind);
    return entry ? pickText(entry.label, locale) : kind;
  };

  return (
    <Stack gap="lg" data-testid="exceptions-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('assets.exceptions.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={800}>
            {t('assets.exceptions.description')}
          </Text>
        </div>
        {govern && (
          <Button onClick={() => setCreating(true)} data-testid="exception-new">
            {t('assets.exceptions.new')}
          </Button>
        )}
      </Group>
      <Select
        label={t('assets.exceptions.status')}
        placeholder={t('ciCommon.all')}
        data={(['requested', 'approved', 'rejected', 'expired'] as const).map((s) => ({ value: s, label: t(`assets.exceptions.statusName.${s}`) }))}
        value={status}
        onChange={setStatus}
        clearable
        w={200}
      />
      {decide.isError && <ErrorAlert error={decide.error} />}
      {withdraw.isError && <ErrorAlert error={withdraw.error} />}
      {exceptions.isPending ? (
        <TableSkeleton />
      ) : exceptions.isError ? (
        <ErrorAlert error={exceptions.error} onRetry={() => void exceptions.refetch()} />
      ) : exceptions.data.items.length === 0 ? (
        <Text c="dimmed" data-testid="exceptions-empty">
          {t('assets.exceptions.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped verticalSpacing="xs" data-testid="exceptions-table">
            <Table.Thead style={{ whiteSpace: 'nowrap' }}>
              <Table.Tr>
                <Table.Th>{t('assets.exceptions.device')}</Table.Th>
                <Table.Th>{t('assets.exceptions.cveShort')}</Table.Th>
                <Table.Th>{t('assets.exceptions.controls')}</Table.Th>
                <Table.Th>{t('assets.exceptions.reason')}</Table.Th>
                <Table.Th>{t('assets.exceptions.expiresOn')}</Table.Th>
                <Table.Th>{t('assets.exceptions.status')}</Table.Th>
                {govern && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exceptions.data.items.map((x) => (
                <Table.Tr key={x.id} data-testid="exception-row" data-asset-id={x.device.assetId} data-status={x.status}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {x.device.assetId}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {x.device.vendor} {x.device.product} {x.device.version}
                    </Text>
                  </Table.Td>
                  <Table.Td ff="monospace">{x.cveId ?? t('assets.exceptions.allOpen')}</Table.Td>
                  <Table.Td>
                    <List size="sm" spacing={2}>
                      {x.compensatingControls.map((c, i) => (
                        <List.Item key={i}>
                          <Text size="sm" span fw={500}>
                            {kindLabel(c.kind)}
                          </Text>
                          {!c.substantive && (
                            <Badge size="xs" color="gray" ml={4}>
                              {t('assets.exceptions.notSubstantive')}
                            </Badge>
                          )}
                          <Text size="xs" c="dimmed">
                            {c.description}
                          </Text>
                        </List.Item>
                      ))}
                    </List>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3}>
                      {x.reason}
                    </Text>
                  </Table.Td>
                  <Table.Td>{x.expiresOn}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[x.status]} variant="light" data-testid="exception-status">
                      {t(`assets.exceptions.statusName.${x.status}`)}
                    </Badge>
                    {x.decisionNote && (
                      <Text size="xs" c="dimmed">
                        {x.decisionNote}
                      </Text>
                    )}
                  </Table.Td>
                  {govern && (
                    <Table.Td>
                      {x.decision === 'requested' && x.status === 'requested' && (
                        <Group gap={6} wrap="nowrap">
                          <Anchor component="button" size="sm" onClick={() => decide.mutate({ id: x.id, approve: true, note: null })} data-testid="exception-approve">
                            {t('assets.exceptions.approve')}
                          </Anchor>
                          <Anchor component="button" size="sm" c="red" onClick={() => setRejecting(x)} data-testid="exception-reject">
                            {t('assets.exceptions.reject')}
                          </Anchor>
                          <Anchor component="button" size="sm" c="dimmed" onClick={() => withdraw.mutate(x.id)} data-testid="exception-withdraw">
                            {t('assets.exceptions.withdraw')}
                          </Anchor>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('assets.exceptions.new')} size="xl">
        {creating && (
          <ExceptionForm
            devices={devices.data?.items ?? []}
            onCancel={() => setCreating(false)}
            onDone={() => {
              setCreating(false);
              refresh();
            }}
          />
        )}
      </Modal>
      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={t('assets.exceptions.reject')}>
        {rejecting && (
          <Stack>
            <Textarea label={t('assets.exceptions.rejectNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} data-testid="exception-reject-note" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRejecting(null)}>
                {t('ciCommon.cancel')}
              </Button>
              <Button color="red" loading={decide.isPending} onClick={() => decide.mutate({ id: rejecting.id, approve: false, note })} data-testid="exception-reject-confirm">
                {t('assets.exceptions.reject')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
