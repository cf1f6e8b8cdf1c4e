import { Anchor, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ORGANISATION_KINDS, type Organisation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { ForbiddenPage } from '../../components/StatusPages';
import { DesignationBadges } from './DesignationBadges';
import { useOrgLabels } from './labels';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const kind = searchParams.get('kind') ?? '';
  const sector = searchParams.get('sector') ?? '';
  const { sectors, sectorName, prefectureName, organisationName } = useOrgLabels();

  const organisations = useQuery({
    queryKey: queryKeys.organisations({ kind, sector }),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', { kind, sector }, signal),
  });

  const setFilter = (name: 'kind' | 'sector', value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearchParams(next, { replace: true });
  };

  if (isApiError(organisations.error, 403)) return <ForbiddenPage />;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('org.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('org.description')}
        </Text>
      </div>

      <Group gap="md" align="flex-end">
        <Select
          data-testid="org-filter-kind"
          label={t('org.filterKind')}
          placeholder={t('org.allKinds')}
          data={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          value={kind || null}
          onChange={(value) => setFilter('kind', value)}
          clearable
          w={260}
        />
        <Select
          data-testid="org-filter-sector"
          label={t('org.filterSector')}
          placeholder={t('org.allSectors')}
          data={(sectors.data ?? []).map((s) => ({ value: s.id, label: sectorName(s.id) }))}
          value={sector || null}
          onChange={(value) => setFilter('sector', value)}
          clearable
          searchable
          disabled={!sectors.data}
          w={260}
        />
        {organisations.data && (
          <Text size="sm" c="dimmed" pb={8}>
            {t('common.count', { n: organisations.data.length })}
          </Text>
        )}
      </Group>

      {sectors.isError && <ErrorAlert error={sectors.error} onRetry={() => void sectors.refetch()} />}

      {organisations.isPending ? (
        <TableSkeleton />
      ) : organisations.isError ? (
        <ErrorAlert error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : organisations.data.length === 0 ? (
        <Text c="dimmed" data-testid="org-empty">
          {t('org.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="org-table" striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>{t('org.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('org.colName')}</Table.Th>
                <Table.Th scope="col">{t('org.colKind')}</Table.Th>
                <Table.Th scope="col">{t('org.colSectors')}</Table.Th>
                <Table.Th scope="col">{t('org.colPrefecture')}</Table.Th>
                <Table.Th scope="col">{t('org.colFlags')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organisations.data.map((org) => (
                <Table.Tr key={org.id} data-testid="org-row" data-org-id={org.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/org/${encodeURIComponent(org.id)}`} fw={500}>
                      {organisationName(org)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`kinds.${org.kind}`)}</Table.Td>
                  <Table.Td>{org.sectors.map(sectorName).join(', ')}</Table.Td>
                  <Table.Td>{prefectureName(org.prefectureCode)}</Table.Td>
                  <Table.Td>
                    <DesignationBadges org={org} />
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
