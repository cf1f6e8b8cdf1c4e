import { Group, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../components/ChartCard';
import { EChart, type ChartOption } from '../../components/EChart';
import { text as textCell, value as valueCell, type ChartTable } from '../../components/chartTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { formatCount, formatPercent, pickText } from '../services/format';
import { useConcentration, useSectorRisk } from './api';
import { PROVIDER_COLORS } from './charts';
import { HoursSelect } from './SpofPage';

/** Horizontal bars, largest first, one per table row. */
function barOption(categories: string[], values: number[], colors: string[] | string, locale: string): ChartOption {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => number.format(v) } },
    yAxis: { type: 'category', data: categories, inverse: true },
    series: [
      {
        type: 'bar',
        data: values.map((v, i) => ({ value: v, itemStyle: { color: Array.isArray(colors) ? colors[i] : colors } })),
        label: { show: true, position: 'right', formatter: (p: unknown) => number.format((p as { value: number }).value) },
      },
    ],
  };
}

/** `/dependencies/risk` (ministries, NCO): per-sector risk that the service stops (S8) and provider concentration. */
export function RiskPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sectorName } = useOrgLabels();
  const [hours, setHours] = useState(72);
  const risk = useSectorRisk(hours);
  const concentration = useConcentration();

  const riskRows = useMemo(() => [...(risk.data ?? [])].sort((a, b) => b.expectedPeopleHours - a.expectedPeopleHours), [risk.data]);
  const riskTable: ChartTable = {
    columns: [
      { key: 'sector', label: t('dependencies.risk.sector'), format: 'text' },
      { key: 'probability', label: t('dependencies.risk.stopProbability'), format: 'percent' },
      { key: 'expected', label: t('dependencies.risk.expectedPeopleHours'), format: 'count' },
      { key: 'contributors', label: t('dependencies.risk.contributors'), format: 'text' },
    ],
    rows: riskRows.map((r) => ({
      key: r.sector,
      cells: {
        sector: textCell(sectorName(r.sector)),
        probability: valueCell(r.stopProbability),
        expected: valueCell(r.expectedPeopleHours),
        contributors: textCell(
          r.contributors
            .slice(0, 3)
            .map((c) =>
              t(c.defaulted ? 'dependencies.risk.contributorDefaulted' : 'dependencies.risk.contributor', { name: pickText(c.name, locale), probability: formatPercent(c.probability, locale, 2) }),
            )
            .join(t('ciCommon.listSeparator')),
        ),
      },
    })),
  };
  const riskChart = riskRows.length > 0 ? (
    <EChart option={barOption(riskRows.map((r) => sectorName(r.sector)), riskRows.map((r) => r.expectedPeopleHours), '#e8590c', locale)} height={Math.max(180, 40 + riskRows.length * 32)} label={t('dependencies.risk.title')} testId="sector-risk-chart" />
  ) : null;

  const concRows = useMemo(() => [...(concentration.data ?? [])].sort((a, b) => b.people - a.people || b.services - a.services), [concentration.data]);
  const top = concRows.slice(0, 15);
  const concTable: ChartTable = {
    columns: [
      { key: 'name', label: t('dependencies.col.name'), format: 'text' },
      { key: 'type', label: t('dependencies.col.kind'), format: 'text' },
      { key: 'direct', label: t('dependencies.concentration.direct'), format: 'count' },
      { key: 'services', label: t('dependencies.concentration.services'), format: 'count' },
      { key: 'people', label: t('dependencies.concentration.people'), format: 'count' },
      { key: 'sectors', label: t('dependencies.concentration.sectors'), format: 'text' },
    ],
    rows: concRows.map((c) => ({
      key: c.id,
      cells: {
        name: textCell(pickText(c.name, locale)),
        type: textCell(t(`dependencies.providerType.${c.providerType}`)),
        direct: valueCell(c.directDependents),
        services: valueCell(c.services),
        people: valueCell(c.people),
        sectors: textCell(c.sectors.map(sectorName).join(t('ciCommon.listSeparator'))),
      },
    })),
  };
  const concChart = top.length > 0 ? (
    <EChart
      option={barOption(top.map((c) => pickText(c.name, locale)), top.map((c) => c.people), top.map((c) => PROVIDER_COLORS[c.providerType] ?? '#868e96'), locale)}
      height={Math.max(180, 40 + top.length * 32)}
      label={t('dependencies.concentration.title')}
      testId="concentration-chart"
    />
  ) : null;

  return (
    <Stack gap="md" data-testid="risk-page">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={720}>{t('dependencies.risk.description')}</Text>
        <HoursSelect value={hours} onChange={setHours} testId="risk-hours" />
      </Group>
      {risk.isPending ? (
        <TableSkeleton />
      ) : risk.isError ? (
        <ErrorAlert error={risk.error} onRetry={() => void risk.refetch()} />
      ) : (
        <ChartCard title={t('dependencies.risk.title')} description={t('dependencies.risk.chartDescription', { n: hours })} table={riskTable} chart={riskChart} fileName={t('dependencies.risk.fileName')} testId="sector-risk" />
      )}
      {concentration.isPending ? (
        <TableSkeleton />
      ) : concentration.isError ? (
        <ErrorAlert error={concentration.error} onRetry={() => void concentration.refetch()} />
      ) : (
        <ChartCard title={t('dependencies.concentration.title')} description={t('dependencies.concentration.description')} table={concTable} chart={concChart} fileName={t('dependencies.concentration.fileName')} testId="concentration" />
      )}
    </Stack>
  );
}
