import { Alert, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { AuditEntry, AuditVerifyResult } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { ForbiddenPage } from '../../components/StatusPages';

const PAGE_SIZE = 50;

function describeActor(actor: unknown): string {
  if (actor === null || actor === undefined) return '';
  if (typeof actor === 'string' || typeof actor === 'number') return String(actor);
  if (typeof actor === 'object') {
    const a = actor as Record<string, unknown>;
    const label = a.email ?? a.displayName ?? a.name ?? a.id ?? a.userId;
    if (typeof label === 'string') return label;
  }
  return JSON.stringify(actor);
}

function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash;
}

export function AuditPage() {
  const { t } = useTranslation();
  const entries = useInfiniteQuery({
    queryKey: queryKeys.auditEntries,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditEntry[]>('/api/v1/audit/entries', { limit: PAGE_SIZE, before: pageParam }, signal),
    // Pages are read newest first; the next page starts below the smallest sequence number seen.
    getNextPageParam: (lastPage) =>
      lastPage.length < PAGE_SIZE ? undefined : Math.min(...lastPage.map((e) => e.seq)),
  });
  const verify = useMutation({
    mutationFn: () => api.get<AuditVerifyResult>('/api/v1/audit/verify'),
  });

  if (isApiError(entries.error, 403)) return <ForbiddenPage />;

  const rows = entries.data?.pages.flat() ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('audit.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('audit.description')}
          </Text>
        </div>
        <Button data-testid="audit-verify" onClick={() => verify.mutate()} loading={verify.isPending} variant="light">
          {t('audit.verify')}
        </Button>
      </Group>

      {verify.data &&
        (verify.data.ok ? (
          <Alert color="green" variant="light" role="status" data-testid="audit-verify-result" data-ok="true">
            {t('audit.verifyOk', { n: verify.data.checked })}
          </Alert>
        ) : (
          <Alert color="red" variant="light" role="alert" data-testid="audit-verify-result" data-ok="false" title={t('audit.verifyBad', { n: verify.data.checked })}>
            {verify.data.firstBad && t('audit.verifyBadAt', { seq: verify.data.firstBad.seq, reason: verify.data.firstBad.reason })}
          </Alert>
        ))}
      {verify.isError && <ErrorAlert error={verify.error} title={t('audit.verifyFailed')} />}

      {entries.isPending ? (
        <TableSkeleton rows={8} />
      ) : entries.isError ? (
        <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('audit.empty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table data-testid="audit-table" striped verticalSpacing="xs" fz="sm">
              <Table.Caption>{t('audit.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.colSeq')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colAt')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colActor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colOrganisation')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colAction')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colTarget')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colHash')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.seq} data-testid="audit-row">
                    <Table.Td>{e.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <DateTime iso={e.at} />
                    </Table.Td>
                    <Table.Td>{describeActor(e.actor)}</Table.Td>
                    <Table.Td>
                      <Code>{e.organisationId ?? ''}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Code>{e.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      {[e.targetType, e.targetId].filter(Boolean).join(' / ')}
                    </Table.Td>
                    <Table.Td>
                      <Code title={e.hash}>{shortHash(e.hash)}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {entries.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
                {t('audit.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
