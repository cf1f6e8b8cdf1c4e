import { Anchor, Badge, Button, Group, Modal, Pagination, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Me, Organisation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { formatCount } from '../services/format';
import { ImportExport } from '../services/ImportExport';
import { isGovernment } from '../services/scope';
import { deviceKeys, deviceLinks, devicesApi, PAGE_SIZE, useDevices } from './api';
import { DeviceForm } from './DeviceForm';
import { useAssetLabels } from './labels';
import { canManageAssets } from './scope';
import type { Device, DeviceFilters, DeviceRole, Reachability } from './types';

/** `/assets`: the network-device inventory in the acting organisation's scope, its import and export. */
export function DevicesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const { sectorName, sectors } = useOrgLabels();
  const { roleName, reachName, roleOptions, reachOptions, columnLabel } = useAssetLabels();
  const government = isGovernment(me);
  const manage = canManageAssets(me);
  const [operator, setOperator] = useState<string | null>(null);
  const [sector, setSector] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [reach, setReach] = useState<string | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const filters: DeviceFilters = {
    ...(government && operator ? { operator } : {}),
    ...(government && sector ? { sector } : {}),
    ...(role ? { role: role as DeviceRole } : {}),
    ...(reach ? { internetReachable: reach as Reachability } : {}),
    ...(closed ? { closedNetwork: closed as 'true' | 'false' } : {}),
    ...(q ? { q } : {}),
  };
  const devices = useDevices(filters, (page - 1) * PAGE_SIZE);
  const operators = useQuery({
    queryKey: queryKeys.organisations({ kind: 'operator' }),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', { kind: 'operator' }, signal),
    enabled: government,
  });
  const [editing, setEditing] = useState<Device | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Device | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: deviceKeys.all });
  const remove = useMutation({
    mutationFn: (id: string) => devicesApi.remove(id),
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });
  const filterChange = <T,>(setter: (v: T) => void) => (v: T) => {
    setter(v);
    setPage(1);
  };
  const operatorName = (id: string) => {
    const org = operators.data?.find((o) => o.id === id);
    return org ? (locale === 'en' && org.nameEn ? org.nameEn : org.name) : id;
  };
  const total = devices.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="lg" data-testid="devices-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('assets.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t(government ? 'assets.descriptionGovernment' : 'assets.descriptionOperator')}
          </Text>
        </div>
        {manage && (
          <Button onClick={() => setEditing('new')} data-testid="device-new">
            {t('assets.new')}
          </Button>
        )}
      </Group>

      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          {government && (
            <>
              <Select
                label={t('assets.filter.operator')}
                placeholder={t('ciCommon.all')}
                data={(operators.data ?? []).map((o) => ({ value: o.id, label: locale === 'en' && o.nameEn ? o.nameEn : o.name }))}
                value={operator}
                onChange={filterChange(setOperator)}
                clearable
                searchable
                w={220}
                data-testid="devices-filter-operator"
              />
              <Select
                label={t('assets.filter.sector')}
                placeholder={t('ciCommon.all')}
                data={(sectors.data ?? []).map((s) => ({ value: s.id, label: sectorName(s.id) }))}
                value={sector}
                onChange={filterChange(setSector)}
                clearable
                w={170}
                data-testid="devices-filter-sector"
              />
            </>
          )}
          <TextInput
            label={t('assets.filter.search')}
            placeholder={t('assets.filter.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={200}
            data-testid="devices-filter-q"
          />
          <Select label={t('assets.filter.role')} placeholder={t('ciCommon.all')} data={roleOptions} value={role} onChange={filterChange(setRole)} clearable w={170} data-testid="devices-filter-role" />
          <Select label={t('assets.filter.reach')} placeholder={t('ciCommon.all')} data={reachOptions} value={reach} onChange={filterChange(setReach)} clearable w={130} data-testid="devices-filter-reach" />
          <Select
            label={t('assets.filter.closed')}
            placeholder={t('ciCommon.all')}
            data={[
              { value: 'true', label: t('assets.closed.true') },
              { value: 'false', label: t('assets.closed.false') },
            ]}
            value={closed}
            onChange={filterChange(setClosed)}
            clearable
            w={130}
            data-testid="devices-filter-closed"
          />
        </Group>
        <ImportExport testId="devices" exportUrl={deviceLinks.export(filters, locale)} importFile={manage ? devicesApi.import : undefined} onImported={refresh} columnLabel={columnLabel} />
      </Group>

      {devices.isPending ? (
        <TableSkeleton />
      ) : devices.isError ? (
        <ErrorAlert error={devices.error} onRetry={() => void devices.refetch()} />
      ) : devices.data.items.length === 0 ? (
        <Text c="dimmed" data-testid="devices-empty">
          {t('assets.empty')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" data-testid="devices-total">
            {t('assets.total', { n: formatCount(total, locale) })}
          </Text>
          <Table.ScrollContainer minWidth={1200}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="devices-table">
              <Table.Thead style={{ whiteSpace: 'nowrap' }}>
                <Table.Tr>
                  <Table.Th>{t('assets.field.assetId')}</Table.Th>
                  {government && <Table.Th>{t('assets.col.operator')}</Table.Th>}
                  <Table.Th>{t('assets.col.product')}</Table.Th>
                  <Table.Th>{t('assets.field.version')}</Table.Th>
                  <Table.Th>{t('assets.field.role')}</Table.Th>
                  <Table.Th>{t('assets.field.zone')}</Table.Th>
                  <Table.Th>{t('assets.col.internet')}</Table.Th>
                  <Table.Th>{t('assets.col.closed')}</Table.Th>
                  <Table.Th>{t('assets.field.lastPatched')}</Table.Th>
                  <Table.Th>{t('assets.field.endOfSupport')}</Table.Th>
                  {manage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {devices.data.items.map((d) => (
                  <Table.Tr key={d.id} data-testid="device-row" data-asset-id={d.assetId}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {d.assetId}
                      </Text>
                    </Table.Td>
                    {government && <Table.Td>{operatorName(d.operatorId)}</Table.Td>}
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">
                          {d.vendor} {d.product}
                        </Text>
                        {!d.matchable && (
                          <Tooltip label={t('assets.notMatchableHelp')} multiline w={280}>
                            <Badge size="xs" color="gray" variant="light" data-testid="device-not-matchable">
                              {t('assets.notMatchable')}
                            </Badge>
                          </Tooltip>
                        )}
                      </Group>
                      {d.cpe && (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {d.cpe}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace">{d.version}</Table.Td>
                    <Table.Td>{roleName(d.role)}</Table.Td>
                    <Table.Td>{d.zone ?? ''}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={d.internetReachable === 'yes' ? 'red' : d.internetReachable === 'no' ? 'green' : 'gray'}>
                        {reachName(d.internetReachable)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{t(`assets.closed.${d.closedNetwork ? 'true' : 'false'}`)}</Table.Td>
                    <Table.Td>{d.lastPatched ?? ''}</Table.Td>
                    <Table.Td>{d.endOfSupport ?? ''}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Anchor component="button" size="sm" onClick={() => setEditing(d)} data-testid="device-edit">
                            {t('ciCommon.edit')}
                          </Anchor>
                          <Anchor component="button" size="sm" c="red" onClick={() => setDeleting(d)} data-testid="device-delete">
                            {t('ciCommon.delete')}
                          </Anchor>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} data-testid="devices-pagination" />}
        </>
      )}

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('assets.new') : t('assets.editTitle')} size="xl">
        {editing !== null && (
          <DeviceForm
            device={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
          />
        )}
      </Modal>

      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('assets.deleteTitle')}>
        {deleting && (
          <Stack>
            <Text size="sm">{t('assets.deleteConfirm', { name: deleting.assetId })}</Text>
            {remove.isError && <ErrorAlert error={remove.error} title={t('assets.deleteFailed')} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>
                {t('ciCommon.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(deleting.id)} data-testid="device-delete-confirm">
                {t('ciCommon.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
