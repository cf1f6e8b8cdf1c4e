import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, isApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { ForbiddenPage } from '../../components/StatusPages';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { ExceptionBadge, deviationKindLabel } from './labels';
import { standardsKeys, useDocuments, useExceptions, useNodes } from './queries';
import { actingKind } from './StandardsPage';
import { pick } from './text';
import type { ExceptionStatus, StandardException } from './types';

/** Exceptions across every sector (NCO) or the ministry's own documents, with the NCO's approve/reject. */
export function ExceptionsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const exceptions = useExceptions();
  const documents = useDocuments();
  const { sectorName } = useOrgLabels();
  const [status, setStatus] = useState<ExceptionStatus | ''>('');
  const canDecide = actingKind(me) === 'national_office' && me.role === 'admin';
  // Node ids are stable across versions of a document, so the Unified Standard in force names them all.
  const unified = documents.data?.find((d) => d.kind === 'unified_standard');
  const unifiedVersion = unified?.versions.find((v) => v.status === 'in_force') ?? unified?.versions[0];
  const nodes = useNodes(unifiedVersion?.id);
  const nodeById = new Map((nodes.data ?? []).map((n) => [n.id, n]));

  if (isApiError(exceptions.error, 403)) return <ForbiddenPage />;
  const rows = (exceptions.data ?? []).filter((e) => !status || e.status === status);

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/standards" size="sm">
          {t('standards.back')}
        </Anchor>
        <Title order={1} size="h2" mt="xs">
          {t('standards.exceptions.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {canDecide ? t('standards.exceptions.descriptionNco') : t('standards.exceptions.description')}
        </Text>
      </div>
      <Group align="flex-end">
        <Select
          label={t('standards.exceptions.filterStatus')}
          placeholder={t('standards.exceptions.allStatuses')}
          data={(['requested', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`standards.exceptionStatus.${s}`) }))}
          value={status || null}
          onChange={(v) => setStatus((v ?? '') as ExceptionStatus | '')}
          clearable
          w={220}
        />
        {exceptions.data && (
          <Text size="sm" c="dimmed" pb={8}>
            {t('common.count', { n: rows.length })}
          </Text>
        )}
      </Group>
      {exceptions.isPending ? (
        <TableSkeleton />
      ) : exceptions.isError ? (
        <ErrorAlert error={exceptions.error} onRetry={() => void exceptions.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="exceptions-empty">
          {t('standards.exceptions.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table data-testid="exceptions-table" striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('standards.exceptions.colDocument')}</Table.Th>
                <Table.Th>{t('standards.exceptions.colRequirement')}</Table.Th>
                <Table.Th>{t('standards.exceptions.colReason')}</Table.Th>
                <Table.Th>{t('standards.exceptions.colCompensating')}</Table.Th>
                <Table.Th w={120}>{t('standards.exceptions.colExpires')}</Table.Th>
                <Table.Th w={240}>{t('standards.exceptions.colStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => {
                const doc = documents.data?.find((d) => d.id === e.documentId);
                const node = nodeById.get(e.nodeId);
                return (
                  <Table.Tr key={e.id} data-testid="exception-row" data-exception-id={e.id} data-status={e.status}>
                    <Table.Td>
                      <Anchor component={Link} to={`/standards/versions/${encodeURIComponent(e.versionId)}/profile`} size="sm">
                        {doc ? pick(doc.title, locale) : e.documentId ?? e.versionId}
                      </Anchor>
                      {e.sectorId && (
                        <Badge ml={4} size="xs" variant="outline" color="gray" tt="none">
                          {sectorName(e.sectorId)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {node ? `${node.number} ${pick(node.title, locale)}` : e.nodeId}
                      </Text>
                      <Badge size="xs" color="red" variant="light" tt="none">
                        {deviationKindLabel(t, e.kind)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {e.reason}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.requestedBy} · <DateTime iso={e.requestedAt} />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {e.compensatingMeasures}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.expiresAt.slice(0, 10)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <ExceptionBadge status={e.status} />
                      {e.decidedAt && (
                        <Text size="xs" c="dimmed" mt={2}>
                          {e.approver} · <DateTime iso={e.decidedAt} />
                          {e.decisionNote ? ` — ${e.decisionNote}` : ''}
                        </Text>
                      )}
                      {canDecide && e.status === 'requested' && <Decide exception={e} />}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Decide({ exception }: { exception: StandardException }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      api.post<StandardException>(`/api/v1/standards/exceptions/${encodeURIComponent(exception.id)}/decision`, { approve, note: note.trim() || null }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: standardsKeys.exceptions });
      void client.invalidateQueries({ queryKey: standardsKeys.check(exception.versionId) });
    },
  });
  return (
    <Stack gap={4} mt="xs">
      <TextInput size="xs" placeholder={t('standards.exceptions.note')} aria-label={t('standards.exceptions.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Group gap={4}>
        <Button size="compact-xs" color="green" onClick={() => decide.mutate(true)} loading={decide.isPending && decide.variables === true} data-testid="exception-approve">
          {t('standards.exceptions.approve')}
        </Button>
        <Button size="compact-xs" color="red" variant="light" onClick={() => decide.mutate(false)} loading={decide.isPending && decide.variables === false} data-testid="exception-reject">
          {t('standards.exceptions.reject')}
        </Button>
      </Group>
      {decide.isError && <ErrorAlert error={decide.error} title={t('standards.actions.failed')} />}
    </Stack>
  );
}
