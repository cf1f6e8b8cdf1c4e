import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { formatCount, pickText } from '../services/format';
import { OVERVIEW_MEASURES, useSectorOverview } from './plansApi';

/** `/assets/overview`: per sector, excepted, end-of-support and planned devices and overdue plans (ministries, the NCO). */
export function OverviewPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const overview = useSectorOverview();
  return (
    <Stack gap="lg" data-testid="assets-overview-page">
      <div>
        <Title order={1} size="h2">
          {t('assets.overview.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('assets.overview.description')}
        </Text>
      </div>
      {overview.isPending ? (
        <TableSkeleton />
      ) : overview.isError ? (
        <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          {overview.data.suppression && (
            <Text size="sm" c="dimmed">
              {t('assets.overview.suppressionNote', { n: overview.data.minimumOperators })}
            </Text>
          )}
          <Table.ScrollContainer minWidth={1000}>
            <Table striped verticalSpacing="xs" data-testid="assets-overview-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('assets.overview.sector')}</Table.Th>
                  <Table.Th ta="right">{t('assets.overview.operators')}</Table.Th>
                  {OVERVIEW_MEASURES.map((m) => (
                    <Table.Th key={m} ta="right">
                      {t(`assets.overview.measure.${m}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.data.sectors.map((s) => (
                  <Table.Tr key={s.sectorId} data-testid="assets-overview-row" data-sector={s.sectorId}>
                    <Table.Td>{pickText(s.name, locale)}</Table.Td>
                    <Table.Td ta="right">{formatCount(s.operatorCount, locale)}</Table.Td>
                    {s.counts === null ? (
                      <Table.Td colSpan={OVERVIEW_MEASURES.length} c="dimmed">
                        {t(`assets.overview.suppressed.${s.reason ?? 'too_few_operators'}`)}
                      </Table.Td>
                    ) : (
                      OVERVIEW_MEASURES.map((m) => (
                        <Table.Td key={m} ta="right" data-measure={m}>
                          {m === 'openPlanBudgetJpy' ? t('assets.overview.yen', { n: formatCount(s.counts![m], locale) }) : formatCount(s.counts![m], locale)}
                        </Table.Td>
                      ))
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
