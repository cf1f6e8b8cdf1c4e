import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { ForbiddenPage } from '../../components/StatusPages';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { StatusBadge } from './labels';
import { useDocuments } from './queries';
import { pick } from './text';
import { DOCUMENT_KINDS, type VersionStatus } from './types';

const STATUS_ORDER: Record<VersionStatus, number> = { draft: 0, in_force: 1, published: 2, superseded: 3 };

export function actingKind(me: Me) {
  return me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
}

export function StandardsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const kind = searchParams.get('kind') ?? '';
  const documents = useDocuments();
  const { sectorName } = useOrgLabels();
  const government = ['national_office', 'ministry'].includes(actingKind(me) ?? '');

  if (isApiError(documents.error, 403)) return <ForbiddenPage />;
  const rows = (documents.data ?? [])
    .filter((d) => !kind || d.kind === kind)
    .sort((a, b) => DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('standards.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('standards.description')}
          </Text>
        </div>
        {government && (
          <Button component={Link} to="/standards/exceptions" variant="light" data-testid="exceptions-link">
            {t('standards.exceptionsLink')}
          </Button>
        )}
      </Group>

      <Group gap="md" align="flex-end">
        <Select
          label={t('standards.filterKind')}
          placeholder={t('standards.allKinds')}
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`standards.kind.${k}`) }))}
          value={kind || null}
          onChange={(value) => {
            const next = new URLSearchParams(searchParams);
            if (value) next.set('kind', value);
            else next.delete('kind');
            setSearchParams(next, { replace: true });
          }}
          clearable
          w={280}
        />
        {documents.data && (
          <Text size="sm" c="dimmed" pb={8}>
            {t('common.count', { n: rows.length })}
          </Text>
        )}
      </Group>

      {documents.isPending ? (
        <TableSkeleton />
      ) : documents.isError ? (
        <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('standards.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="standards-table" striped verticalSpacing="sm">
            <Table.Caption>{t('standards.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={170}>
                  {t('standards.colKind')}
                </Table.Th>
                <Table.Th scope="col">{t('standards.colTitle')}</Table.Th>
                <Table.Th scope="col" w={120}>
                  {t('standards.colSector')}
                </Table.Th>
                <Table.Th scope="col" w={300}>
                  {t('standards.colVersions')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((doc) => (
                <Table.Tr key={doc.id} data-testid="standard-row" data-document-id={doc.id}>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Badge variant="outline" color="gray" tt="none">
                        {t(`standards.kind.${doc.kind}`)}
                      </Badge>
                      {doc.versions.some((v) => v.isProfile) && (
                        <Badge size="sm" variant="dot" color="indigo" tt="none">
                          {t('standards.profileBadge')}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text fw={500}>{pick(doc.title, locale)}</Text>
                  </Table.Td>
                  <Table.Td>{doc.sectorId ? sectorName(doc.sectorId) : t('standards.allSectors')}</Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      {[...doc.versions]
                        .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
                        .map((v) => (
                          <Group key={v.id} gap={6}>
                            <Anchor component={Link} to={`/standards/versions/${encodeURIComponent(v.id)}`} size="sm" data-testid="version-link" data-version-id={v.id} data-status={v.status}>
                              {v.label}
                            </Anchor>
                            <StatusBadge status={v.status} size="sm" style={{ flexShrink: 0 }} />
                            {v.consultationOpen && (
                              <Badge size="sm" variant="light" color="teal" tt="none">
                                {t('standards.consultationBadge')}
                              </Badge>
                            )}
                          </Group>
                        ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
