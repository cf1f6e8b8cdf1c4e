import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { formatCount } from '../services/format';
import { useSectorExposure } from './exposureApi';

/** `/vulnerabilities/sectors`: per sector, KEV-exposed devices, EOL devices and operators exposed (ministries, the NCO). */
export function SectorsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sectorName } = useOrgLabels();
  const sectors = useSectorExposure(true);
  const n = (v: number | null) => (v === null ? '' : formatCount(v, locale));
  return (
    <Stack gap="lg" data-testid="exposure-sectors-page">
      <div>
        <Title order={1} size="h2">
          {t('vulns.sectors.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('vulns.sectors.description')}
        </Text>
      </div>
      {sectors.isPending ? (
        <TableSkeleton />
      ) : sectors.isError ? (
        <ErrorAlert error={sectors.error} onRetry={() => void sectors.refetch()} />
      ) : (
        <Table striped verticalSpacing="xs" data-testid="exposure-sectors-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assets.overview.sector')}</Table.Th>
              <Table.Th ta="right">{t('assets.overview.operators')}</Table.Th>
              <Table.Th ta="right">{t('vulns.sectors.kevExposedDevices')}</Table.Th>
              <Table.Th ta="right">{t('vulns.sectors.eolDevices')}</Table.Th>
              <Table.Th ta="right">{t('vulns.sectors.exposedOperators')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sectors.data.map((s) => (
              <Table.Tr key={s.sectorId} data-testid="exposure-sector-row" data-sector={s.sectorId}>
                <Table.Td>{sectorName(s.sectorId)}</Table.Td>
                <Table.Td ta="right">{formatCount(s.operatorCount, locale)}</Table.Td>
                {s.suppressed ? (
                  <Table.Td colSpan={3} c="dimmed" data-testid="exposure-sector-suppressed">
                    {t('assets.overview.suppressed.too_few_operators')}
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td ta="right" data-measure="kevExposedDevices">{n(s.kevExposedDevices)}</Table.Td>
                    <Table.Td ta="right" data-measure="eolDevices">{n(s.eolDevices)}</Table.Td>
                    <Table.Td ta="right" data-measure="exposedOperators">{n(s.exposedOperators)}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
