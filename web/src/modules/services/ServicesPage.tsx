import { Anchor, Button, Group, Modal, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Me, Organisation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { serviceKeys, serviceLinks, servicesApi, useServices } from './api';
import { formatCount, formatHours, pickText } from './format';
import { ImportExport } from './ImportExport';
import { canManageServices, isGovernment } from './scope';
import { ServiceForm } from './ServiceForm';
import type { CiService } from './types';

/** Spreadsheet columns the import names, by API field. */
export function useServiceColumnLabel() {
  const { t, i18n } = useTranslation();
  return (column: string) => {
    const key = `services.column.${column.replace(/\.\d+/g, '').replace(/\./g, '_')}`;
    return i18n.exists(key) ? t(key as never) : column;
  };
}

/** `/services`: the services in the acting organisation's scope, with MTPD/RTO/RPO, people served and prefectures. */
export function ServicesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const { sectorName, prefectureName, sectors } = useOrgLabels();
  const government = isGovernment(me);
  const manage = canManageServices(me);
  const [operator, setOperator] = useState<string | null>(null);
  const [sector, setSector] = useState<string | null>(null);
  const filters = government ? { operator: operator ?? undefined, sector: sector ?? undefined } : {};
  const services = useServices(filters);
  const operators = useQuery({
    queryKey: queryKeys.organisations({ kind: 'operator' }),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', { kind: 'operator' }, signal),
    enabled: government,
  });
  const [editing, setEditing] = useState<CiService | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CiService | null>(null);
  const columnLabel = useServiceColumnLabel();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: serviceKeys.all });
  const remove = useMutation({
    mutationFn: (id: string) => servicesApi.remove(id),
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });

  const operatorName = (s: CiService) => {
    if (s.operatorName) return pickText(s.operatorName, locale);
    const org = operators.data?.find((o) => o.id === s.operatorId);
    return org ? (locale === 'en' && org.nameEn ? org.nameEn : org.name) : s.operatorId;
  };
  const list = [...(services.data ?? [])].sort((a, b) => b.peopleServed - a.peopleServed || pickText(a.name, locale).localeCompare(pickText(b.name, locale)));

  return (
    <Stack gap="lg" data-testid="services-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('services.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t(government ? 'services.descriptionGovernment' : 'services.descriptionOperator')}
          </Text>
        </div>
        <Group gap="xs">
          {government && (
            <Button component={Link} to="/services/designation" variant="light" data-testid="open-designation">
              {t('designation.title')}
            </Button>
          )}
          {manage && (
            <Button onClick={() => setEditing('new')} data-testid="service-new">
              {t('services.new')}
            </Button>
          )}
        </Group>
      </Group>

      <Group justify="space-between" align="flex-end">
        {government ? (
          <Group gap="sm">
            <Select
              label={t('services.filter.operator')}
              placeholder={t('ciCommon.all')}
              data={(operators.data ?? []).map((o) => ({ value: o.id, label: locale === 'en' && o.nameEn ? o.nameEn : o.name }))}
              value={operator}
              onChange={setOperator}
              clearable
              searchable
              w={260}
              data-testid="services-filter-operator"
            />
            <Select
              label={t('services.filter.sector')}
              placeholder={t('ciCommon.all')}
              data={(sectors.data ?? []).map((s) => ({ value: s.id, label: sectorName(s.id) }))}
              value={sector}
              onChange={setSector}
              clearable
              w={200}
              data-testid="services-filter-sector"
            />
          </Group>
        ) : (
          <div />
        )}
        <ImportExport
          testId="services"
          exportUrl={serviceLinks.export(filters, locale)}
          importFile={manage ? servicesApi.import : undefined}
          onImported={refresh}
          columnLabel={columnLabel}
        />
      </Group>

      {services.isPending ? (
        <TableSkeleton />
      ) : services.isError ? (
        <ErrorAlert error={services.error} onRetry={() => void services.refetch()} />
      ) : list.length === 0 ? (
        <Text c="dimmed" data-testid="services-empty">
          {t('services.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="services-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('services.col.name')}</Table.Th>
                {government && <Table.Th>{t('services.col.operator')}</Table.Th>}
                <Table.Th>{t('services.col.sector')}</Table.Th>
                <Table.Th ta="right">{t('services.col.people')}</Table.Th>
                <Table.Th>{t('services.col.prefectures')}</Table.Th>
                <Table.Th ta="right">{t('services.col.mtpd')}</Table.Th>
                <Table.Th ta="right">{t('services.col.rto')}</Table.Th>
                <Table.Th ta="right">{t('services.col.rpo')}</Table.Th>
                {manage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((s) => {
                const names = s.prefectures.map((p) => prefectureName(p.prefectureCode) ?? p.prefectureCode);
                const shown = names.slice(0, 3).join(t('ciCommon.listSeparator'));
                return (
                  <Table.Tr key={s.id} data-testid="service-row" data-service-id={s.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>{pickText(s.name, locale)}</Text>
                      <Text size="xs" c="dimmed">{s.type}</Text>
                    </Table.Td>
                    {government && <Table.Td>{operatorName(s)}</Table.Td>}
                    <Table.Td>{sectorName(s.sector)}</Table.Td>
                    <Table.Td ta="right">{formatCount(s.peopleServed, locale)}</Table.Td>
                    <Table.Td>
                      {names.length > 3 ? (
                        <Tooltip label={names.join(t('ciCommon.listSeparator'))} multiline w={320}>
                          <Text size="sm">{t('services.prefecturesMore', { list: shown, n: names.length - 3 })}</Text>
                        </Tooltip>
                      ) : (
                        <Text size="sm">{shown}</Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="service-row-mtpd">{t('ciCommon.hours', { n: formatHours(s.mtpdHours, locale) })}</Table.Td>
                    <Table.Td ta="right">{t('ciCommon.hours', { n: formatHours(s.rtoHours, locale) })}</Table.Td>
                    <Table.Td ta="right">{t('ciCommon.hours', { n: formatHours(s.rpoHours, locale) })}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Anchor component="button" size="sm" onClick={() => setEditing(s)} data-testid="service-edit">
                            {t('ciCommon.edit')}
                          </Anchor>
                          <Anchor component="button" size="sm" c="red" onClick={() => setDeleting(s)} data-testid="service-delete">
                            {t('ciCommon.delete')}
                          </Anchor>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('services.new') : t('services.editTitle')}
        size="xl"
      >
        {editing !== null && (
          <ServiceForm
            operatorId={editing === 'new' ? me.activeOrganisationId : editing.operatorId}
            service={editing === 'new' ? null : editing}
            others={services.data ?? []}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
          />
        )}
      </Modal>

      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('services.deleteTitle')}>
        {deleting && (
          <Stack>
            <Text size="sm">{t('services.deleteConfirm', { name: pickText(deleting.name, locale) })}</Text>
            {remove.isError && <ErrorAlert error={remove.error} title={t('services.deleteFailed')} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>{t('ciCommon.cancel')}</Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(deleting.id)} data-testid="service-delete-confirm">
                {t('ciCommon.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
