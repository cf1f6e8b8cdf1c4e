import { Badge, Group, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { useServices } from '../services/api';
import { formatPercent, pickText } from '../services/format';
import { ImportExport } from '../services/ImportExport';
import { canManageDependencies } from '../services/scope';
import { dependenciesApi, dependencyKeys, dependencyLinks, useEdges, useProviders } from './api';
import { failoverText } from './labels';

function useColumnLabel(kind: 'providers' | 'edges') {
  const { t, i18n } = useTranslation();
  return (column: string) => {
    const key = `dependencies.column.${kind}.${column.replace(/\.\d+/g, '').replace(/\./g, '_')}`;
    return i18n.exists(key) ? t(key as never) : column;
  };
}

/** `/dependencies/records`: the provider registry and the recorded dependencies, with CSV/XLSX import and export. */
export function RecordsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const { prefectureName } = useOrgLabels();
  const providers = useProviders();
  const edges = useEdges();
  const services = useServices();
  const manage = canManageDependencies(me);
  const providerColumn = useColumnLabel('providers');
  const edgeColumn = useColumnLabel('edges');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: dependencyKeys.all });
  const name = useMemo(() => {
    const names = new Map<string, string>();
    for (const p of providers.data ?? []) names.set(p.id, pickText(p.name, locale));
    for (const s of services.data ?? []) names.set(s.id, pickText(s.name, locale));
    return (id: string) => names.get(id) ?? id;
  }, [providers.data, services.data, locale]);

  return (
    <Stack gap="md" data-testid="records-page">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="sm" align="flex-start">
          <div>
            <Title order={2} size="h4">{t('dependencies.records.providers')}</Title>
            <Text size="sm" c="dimmed">{t('dependencies.records.providersHint')}</Text>
          </div>
          <ImportExport testId="providers" exportUrl={dependencyLinks.export('providers', locale)} importFile={manage ? dependenciesApi.import('providers') : undefined} onImported={refresh} columnLabel={providerColumn} />
        </Group>
        {providers.isPending ? (
          <TableSkeleton />
        ) : providers.isError ? (
          <ErrorAlert error={providers.error} />
        ) : providers.data.length === 0 ? (
          <Text c="dimmed" size="sm">{t('dependencies.records.noProviders')}</Text>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            <Table striped fz="sm" stickyHeader data-testid="providers-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dependencies.col.name')}</Table.Th>
                  <Table.Th>{t('dependencies.col.kind')}</Table.Th>
                  <Table.Th>{t('dependencies.details.prefectures')}</Table.Th>
                  <Table.Th ta="right">{t('dependencies.records.annualFailure')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {providers.data.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{pickText(p.name, locale)}</Table.Td>
                    <Table.Td>{t(`dependencies.providerType.${p.providerType}`)}</Table.Td>
                    <Table.Td>{p.prefectures.map((c) => prefectureName(c) ?? c).join(t('ciCommon.listSeparator'))}</Table.Td>
                    <Table.Td ta="right">{p.annualFailureProbability === null ? '' : formatPercent(p.annualFailureProbability, locale, 2)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="sm" align="flex-start">
          <div>
            <Title order={2} size="h4">{t('dependencies.records.edges')}</Title>
            <Text size="sm" c="dimmed">{t('dependencies.records.edgesHint')}</Text>
          </div>
          <ImportExport testId="edges" exportUrl={dependencyLinks.export('edges', locale)} importFile={manage ? dependenciesApi.import('edges') : undefined} onImported={refresh} columnLabel={edgeColumn} />
        </Group>
        {edges.isPending ? (
          <TableSkeleton />
        ) : edges.isError ? (
          <ErrorAlert error={edges.error} />
        ) : edges.data.length === 0 ? (
          <Text c="dimmed" size="sm">{t('dependencies.records.noEdges')}</Text>
        ) : (
          <ScrollArea.Autosize mah={520} type="auto">
            <Table striped fz="sm" stickyHeader data-testid="edges-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dependencies.records.from')}</Table.Th>
                  <Table.Th>{t('dependencies.records.to')}</Table.Th>
                  <Table.Th>{t('dependencies.records.type')}</Table.Th>
                  <Table.Th>{t('dependencies.records.criticality')}</Table.Th>
                  <Table.Th>{t('dependencies.records.failover')}</Table.Th>
                  <Table.Th>{t('dependencies.records.alternatives')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {edges.data.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{name(e.from)}</Table.Td>
                    <Table.Td>{name(e.to)}</Table.Td>
                    <Table.Td>{t(`dependencies.edgeType.${e.type ?? 'other'}`)}</Table.Td>
                    <Table.Td>
                      <Badge size="xs" variant="light" color={e.criticality === 'critical' ? 'red' : 'gray'}>{t(`dependencies.criticality.${e.criticality}`)}</Badge>
                    </Table.Td>
                    <Table.Td>{failoverText(t, e.failover, locale)}</Table.Td>
                    <Table.Td>{e.alternatives.length === 0 ? t('dependencies.details.noAlternative') : e.alternatives.map(name).join(t('ciCommon.listSeparator'))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Paper>
    </Stack>
  );
}
