import { Badge, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Me, Organisation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { formatCount } from '../services/format';
import { isGovernment } from '../services/scope';
import { useBacklog, useEolDevices, useUnpatched } from './exposureApi';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** `/vulnerabilities/backlog`: patch backlog per operator, devices unpatched for N years, end-of-support devices. */
export function BacklogPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const government = isGovernment(me);
  const [yearsInput, setYearsInput] = useState<number | string>(1);
  const [years] = useDebouncedValue(typeof yearsInput === 'number' ? yearsInput : 0, 300);
  const backlog = useBacklog();
  const unpatched = useUnpatched(years);
  const eol = useEolDevices();
  const operators = useQuery({
    queryKey: queryKeys.organisations({ kind: 'operator' }),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', { kind: 'operator' }, signal),
    enabled: government,
  });
  const operatorName = (id: string) => {
    const org = operators.data?.find((o) => o.id === id);
    return org ? (locale === 'en' && org.nameEn ? org.nameEn : org.name) : id;
  };
  const n = (v: number) => formatCount(v, locale);

  return (
    <Stack gap="xl" data-testid="backlog-page">
      <div>
        <Title order={1} size="h2">
          {t('vulns.backlog.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('vulns.backlog.description')}
        </Text>
      </div>

      <Section title={t('vulns.backlog.perOperator')}>
        {backlog.isPending ? (
          <TableSkeleton />
        ) : backlog.isError ? (
          <ErrorAlert error={backlog.error} />
        ) : backlog.data.length === 0 ? (
          <Text c="dimmed">{t('vulns.exposure.empty')}</Text>
        ) : (
          <Table striped data-testid="backlog-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assets.col.operator')}</Table.Th>
                <Table.Th ta="right">{t('vulns.backlog.exposures')}</Table.Th>
                <Table.Th ta="right">{t('vulns.backlog.kevExposures')}</Table.Th>
                <Table.Th ta="right">{t('vulns.backlog.devices')}</Table.Th>
                <Table.Th ta="right">{t('vulns.backlog.kevDevices')}</Table.Th>
                <Table.Th ta="right">{t('vulns.backlog.unknown')}</Table.Th>
                <Table.Th ta="right">{t('vulns.backlog.topScore')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {backlog.data.map((b) => (
                <Table.Tr key={b.operatorId}>
                  <Table.Td>{government ? operatorName(b.operatorId) : t('vulns.backlog.own')}</Table.Td>
                  <Table.Td ta="right">{n(b.exposures)}</Table.Td>
                  <Table.Td ta="right">{n(b.kevExposures)}</Table.Td>
                  <Table.Td ta="right">{n(b.devices)}</Table.Td>
                  <Table.Td ta="right">{n(b.kevDevices)}</Table.Td>
                  <Table.Td ta="right">{n(b.unknown)}</Table.Td>
                  <Table.Td ta="right">{b.topScore.toFixed(1)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section title={t('vulns.backlog.unpatched')}>
        <NumberInput label={t('vulns.backlog.years')} value={yearsInput} onChange={setYearsInput} min={0} max={100} w={200} />
        {unpatched.isPending ? (
          <TableSkeleton />
        ) : unpatched.isError ? (
          <ErrorAlert error={unpatched.error} />
        ) : unpatched.data.length === 0 ? (
          <Text c="dimmed">{t('vulns.backlog.noneUnpatched')}</Text>
        ) : (
          <Table striped data-testid="unpatched-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assets.field.assetId')}</Table.Th>
                {government && <Table.Th>{t('assets.col.operator')}</Table.Th>}
                <Table.Th>{t('vulns.col.cve')}</Table.Th>
                <Table.Th>{t('vulns.backlog.knownSince')}</Table.Th>
                <Table.Th ta="right">{t('vulns.backlog.yearsCol')}</Table.Th>
                <Table.Th>{t('assets.field.lastPatched')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {unpatched.data.map((u) => (
                <Table.Tr key={u.deviceId}>
                  <Table.Td>{u.assetId}</Table.Td>
                  {government && <Table.Td>{operatorName(u.operatorId)}</Table.Td>}
                  <Table.Td ff="monospace">
                    {u.cveId}{' '}
                    {u.kev && (
                      <Badge color="red" size="xs">
                        {t('vulns.kevBadge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{u.knownSince}</Table.Td>
                  <Table.Td ta="right">{n(u.years)}</Table.Td>
                  <Table.Td>{u.lastPatched ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section title={t('vulns.backlog.eol')}>
        {eol.isPending ? (
          <TableSkeleton />
        ) : eol.isError ? (
          <ErrorAlert error={eol.error} />
        ) : eol.data.length === 0 ? (
          <Text c="dimmed">{t('vulns.backlog.noneEol')}</Text>
        ) : (
          <Table striped data-testid="eol-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assets.field.assetId')}</Table.Th>
                {government && <Table.Th>{t('assets.col.operator')}</Table.Th>}
                <Table.Th>{t('assets.col.product')}</Table.Th>
                <Table.Th>{t('assets.field.endOfSupport')}</Table.Th>
                <Table.Th>{t('vulns.backlog.basis')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {eol.data.map((d) => (
                <Table.Tr key={d.deviceId}>
                  <Table.Td>{d.assetId}</Table.Td>
                  {government && <Table.Td>{operatorName(d.operatorId)}</Table.Td>}
                  <Table.Td>
                    {d.vendor} {d.product} {d.version}
                  </Table.Td>
                  <Table.Td>{d.endOfSupport}</Table.Td>
                  <Table.Td>{t(`vulns.backlog.basisName.${d.basis}`)}{d.source ? ` (${d.source})` : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
}
