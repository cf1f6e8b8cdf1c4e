import { Alert, Anchor, Badge, Button, Group, Modal, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { useServices } from '../services/api';
import { formatPercent, pickText } from '../services/format';
import { ImportExport } from '../services/ImportExport';
import { problemText } from '../services/problems';
import { canManageDependencies } from '../services/scope';
import { useTranslator } from '../services/useTranslator';
import { dependenciesApi, dependencyKeys, dependencyLinks, useEdges, useProviders } from './api';
import { EdgeForm } from './EdgeForm';
import { failoverText } from './labels';
import { useNodeLabels } from './names';
import { ProviderForm } from './ProviderForm';
import { mayChangeProvider, recordNodes, writableNodes } from './records';
import type { Provider, StoredEdge } from './types';

function useColumnLabel(kind: 'providers' | 'edges') {
  const { t, i18n } = useTranslation();
  return (column: string) => {
    const key = `dependencies.column.${kind}.${column.replace(/\.\d+/g, '').replace(/\./g, '_')}`;
    return i18n.exists(key) ? t(key as never) : column;
  };
}

/**
 * `/dependencies/records`: the provider registry and the recorded dependencies, with CSV/XLSX import and export,
 * and forms for one provider or dependency. Providers are changed by the organisation that registered them or
 * the NCO; a dependency by whoever may record the dependencies of its `from` node (the API checks both again).
 */
export function RecordsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const tr = useTranslator();
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
  const nodes = useMemo(() => recordNodes(services.data ?? [], providers.data ?? []), [services.data, providers.data]);
  const { label: name } = useNodeLabels(nodes);
  const writable = useMemo(() => writableNodes(me, services.data ?? [], providers.data ?? []), [me, services.data, providers.data]);
  const [editingProvider, setEditingProvider] = useState<Provider | 'new' | null>(null);
  const [deletingProvider, setDeletingProvider] = useState<Provider | null>(null);
  const [editingEdge, setEditingEdge] = useState<StoredEdge | 'new' | null>(null);
  const [deletingEdge, setDeletingEdge] = useState<StoredEdge | null>(null);
  const removeProvider = useMutation({
    mutationFn: (id: string) => dependenciesApi.deleteProvider(id),
    onSuccess: () => {
      setDeletingProvider(null);
      refresh();
    },
  });
  const removeEdge = useMutation({
    mutationFn: (id: string) => dependenciesApi.deleteEdge(id),
    onSuccess: () => {
      setDeletingEdge(null);
      refresh();
    },
  });
  // A refusal shown for one deletion is not carried over to the next.
  const askDeleteProvider = (p: Provider) => {
    removeProvider.reset();
    setDeletingProvider(p);
  };
  const askDeleteEdge = (e: StoredEdge) => {
    removeEdge.reset();
    setDeletingEdge(e);
  };
  const providerActions = manage && (providers.data ?? []).some((p) => mayChangeProvider(me, p));
  const edgeActions = (edges.data ?? []).some((e) => writable.has(e.from));

  return (
    <Stack gap="md" data-testid="records-page">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="sm" align="flex-start">
          <div>
            <Title order={2} size="h4">{t('dependencies.records.providers')}</Title>
            <Text size="sm" c="dimmed">{t('dependencies.records.providersHint')}</Text>
          </div>
          <Group gap="xs" align="flex-start">
            {manage && (
              <Button onClick={() => setEditingProvider('new')} data-testid="provider-new">
                {t('dependencies.records.newProvider')}
              </Button>
            )}
            <ImportExport testId="providers" exportUrl={dependencyLinks.export('providers', locale)} importFile={manage ? dependenciesApi.import('providers') : undefined} onImported={refresh} columnLabel={providerColumn} />
          </Group>
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
                  {providerActions && <Table.Th>{t('dependencies.records.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {providers.data.map((p) => (
                  <Table.Tr key={p.id} data-testid="provider-row" data-provider-id={p.id}>
                    <Table.Td>{pickText(p.name, locale)}</Table.Td>
                    <Table.Td>{t(`dependencies.providerType.${p.providerType}`)}</Table.Td>
                    <Table.Td>{p.prefectures.map((c) => prefectureName(c) ?? c).join(t('ciCommon.listSeparator'))}</Table.Td>
                    <Table.Td ta="right">{p.annualFailureProbability === null ? '' : formatPercent(p.annualFailureProbability, locale, 2)}</Table.Td>
                    {providerActions && (
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {mayChangeProvider(me, p) && (
                          <Group gap={4} wrap="nowrap">
                            <Anchor component="button" size="sm" onClick={() => setEditingProvider(p)} data-testid="provider-edit">
                              {t('ciCommon.edit')}
                            </Anchor>
                            <Anchor component="button" size="sm" c="red" onClick={() => askDeleteProvider(p)} data-testid="provider-delete">
                              {t('ciCommon.delete')}
                            </Anchor>
                          </Group>
                        )}
                      </Table.Td>
                    )}
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
          <Group gap="xs" align="flex-start">
            {manage && (
              <Button onClick={() => setEditingEdge('new')} disabled={writable.size === 0} data-testid="edge-new">
                {t('dependencies.records.newEdge')}
              </Button>
            )}
            <ImportExport testId="edges" exportUrl={dependencyLinks.export('edges', locale)} importFile={manage ? dependenciesApi.import('edges') : undefined} onImported={refresh} columnLabel={edgeColumn} />
          </Group>
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
                  {edgeActions && <Table.Th>{t('dependencies.records.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {edges.data.map((e) => (
                  <Table.Tr key={e.id} data-testid="edge-row" data-edge-id={e.id}>
                    <Table.Td data-testid="edge-row-from">{name(e.from)}</Table.Td>
                    <Table.Td data-testid="edge-row-to">{name(e.to)}</Table.Td>
                    <Table.Td data-testid="edge-row-type" data-type={e.type ?? 'other'}>{t(`dependencies.edgeType.${e.type ?? 'other'}`)}</Table.Td>
                    <Table.Td>
                      <Badge size="xs" variant="light" color={e.criticality === 'critical' ? 'red' : 'gray'}>{t(`dependencies.criticality.${e.criticality}`)}</Badge>
                    </Table.Td>
                    <Table.Td data-testid="edge-row-failover">{failoverText(t, e.failover, locale)}</Table.Td>
                    <Table.Td>{e.alternatives.length === 0 ? t('dependencies.details.noAlternative') : e.alternatives.map(name).join(t('ciCommon.listSeparator'))}</Table.Td>
                    {edgeActions && (
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {writable.has(e.from) && (
                          <Group gap={4} wrap="nowrap">
                            <Anchor component="button" size="sm" onClick={() => setEditingEdge(e)} data-testid="edge-edit">
                              {t('ciCommon.edit')}
                            </Anchor>
                            <Anchor component="button" size="sm" c="red" onClick={() => askDeleteEdge(e)} data-testid="edge-delete">
                              {t('ciCommon.delete')}
                            </Anchor>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Paper>

      <Modal
        opened={editingProvider !== null}
        onClose={() => setEditingProvider(null)}
        title={editingProvider === 'new' ? t('dependencies.records.newProvider') : t('dependencies.records.editProvider')}
        size="lg"
      >
        {editingProvider !== null && (
          <ProviderForm
            provider={editingProvider === 'new' ? null : editingProvider}
            onCancel={() => setEditingProvider(null)}
            onDone={() => {
              setEditingProvider(null);
              refresh();
            }}
          />
        )}
      </Modal>

      <Modal
        opened={editingEdge !== null}
        onClose={() => setEditingEdge(null)}
        title={editingEdge === 'new' ? t('dependencies.records.newEdge') : t('dependencies.records.editEdge')}
        size="xl"
      >
        {editingEdge !== null && (
          <EdgeForm
            edge={editingEdge === 'new' ? null : editingEdge}
            nodes={nodes}
            writable={writable}
            label={name}
            onCancel={() => setEditingEdge(null)}
            onDone={() => {
              setEditingEdge(null);
              refresh();
            }}
          />
        )}
      </Modal>

      <Modal opened={deletingProvider !== null} onClose={() => setDeletingProvider(null)} title={t('dependencies.records.deleteProvider')}>
        {deletingProvider && (
          <Stack>
            <Text size="sm">{t('dependencies.records.deleteProviderConfirm', { name: pickText(deletingProvider.name, locale) })}</Text>
            {removeProvider.isError && (
              <Alert color="red" variant="light" role="alert" title={t('dependencies.records.deleteFailed')} data-testid="provider-delete-error">
                {problemText(tr, removeProvider.error, 0, t('errors.generic'))}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeletingProvider(null)}>{t('ciCommon.cancel')}</Button>
              <Button color="red" loading={removeProvider.isPending} onClick={() => removeProvider.mutate(deletingProvider.id)} data-testid="provider-delete-confirm">
                {t('ciCommon.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <Modal opened={deletingEdge !== null} onClose={() => setDeletingEdge(null)} title={t('dependencies.records.deleteEdge')}>
        {deletingEdge && (
          <Stack>
            <Text size="sm">{t('dependencies.records.deleteEdgeConfirm', { from: name(deletingEdge.from), to: name(deletingEdge.to) })}</Text>
            {removeEdge.isError && (
              <Alert color="red" variant="light" role="alert" title={t('dependencies.records.deleteFailed')} data-testid="edge-delete-error">
                {problemText(tr, removeEdge.error, 0, t('errors.generic'))}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeletingEdge(null)}>{t('ciCommon.cancel')}</Button>
              <Button color="red" loading={removeEdge.isPending} onClick={() => removeEdge.mutate(deletingEdge.id)} data-testid="edge-delete-confirm">
                {t('ciCommon.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
