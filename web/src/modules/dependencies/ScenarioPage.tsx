import { Alert, Badge, Button, Group, MultiSelect, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ChartCard } from '../../components/ChartCard';
import { EChart } from '../../components/EChart';
import { text as textCell, value as valueCell, type ChartTable } from '../../components/chartTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { FieldErrors } from '../services/FieldErrors';
import { formatCount, formatHours, formatPercent } from '../services/format';
import { isModuleProblem } from '../services/http';
import { problemText } from '../services/problems';
import { useTranslator } from '../services/useTranslator';
import { affectedServices, mtpdCrossings, nodeName, peopleAt, peopleOverTime } from './analysis';
import { dependenciesApi, useGraph } from './api';
import { histogramOption, timelineOption } from './charts';
import { nodeKindText } from './labels';
import { useNodeLabels } from './names';
import type { CascadeResult, DependencyGraph, Distribution, DurationModel, MonteCarloResult, Scenario } from './types';

type Mode = 'single' | 'monteCarlo';

/** `/dependencies/scenario`: nodes or prefectures down for some hours; the cascade over time, or its distribution. */
export function ScenarioPage() {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const [params] = useSearchParams();
  const graph = useGraph();
  const { prefectures } = useOrgLabels();
  const [mode, setMode] = useState<Mode>('single');
  const [nodes, setNodes] = useState<string[]>(() => (params.get('nodes') ?? '').split(',').filter(Boolean));
  const [prefs, setPrefs] = useState<string[]>([]);
  const [hours, setHours] = useState<number | ''>(72);
  const [durationKind, setDurationKind] = useState<DurationModel['kind']>('lognormal');
  const [median, setMedian] = useState<number | ''>(24);
  const [p90, setP90] = useState<number | ''>(96);
  const [minHours, setMinHours] = useState<number | ''>(6);
  const [maxHours, setMaxHours] = useState<number | ''>(120);
  const [runs, setRuns] = useState<number | ''>(1000);
  const [seed, setSeed] = useState<number | ''>(1);

  const target = () => ({ ...(nodes.length > 0 ? { nodes } : {}), ...(prefs.length > 0 ? { prefectures: prefs } : {}) });
  const nn = (v: number | '') => (v === '' ? (null as unknown as number) : v);
  const single = useMutation({
    mutationFn: (scenario: Scenario) => dependenciesApi.simulate(scenario),
  });
  const monteCarlo = useMutation({
    mutationFn: () =>
      dependenciesApi.monteCarlo({
        ...target(),
        duration: durationKind === 'lognormal' ? { kind: 'lognormal', medianHours: nn(median), p90Hours: nn(p90) } : { kind: 'uniform', minHours: nn(minHours), maxHours: nn(maxHours) },
        runs: nn(runs),
        ...(seed === '' ? {} : { seed }),
      }),
  });
  const run = () => {
    if (mode === 'single') single.mutate({ ...target(), hours: nn(hours) });
    else monteCarlo.mutate();
  };
  const active = mode === 'single' ? single : monteCarlo;
  const error = active.error;
  const details = isModuleProblem(error) ? error.details : [];

  const nodeOptions = useMemo(() => {
    const g = graph.data;
    if (!g) return [];
    const sorted = (kind: 'service' | 'provider') =>
      g.nodes.filter((n) => n.kind === kind).map((n) => ({ value: n.id, label: t('dependencies.scenario.nodeOption', { name: nodeName(n, locale), kind: nodeKindText(t, n) }) })).sort((a, b) => a.label.localeCompare(b.label, locale));
    return [
      { group: t('dependencies.scenario.providers'), items: sorted('provider') },
      { group: t('dependencies.scenario.services'), items: sorted('service') },
    ];
  }, [graph.data, locale, t]);

  return (
    <Stack gap="md" data-testid="scenario-page">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v === 'monteCarlo' ? 'monteCarlo' : 'single')}
            data={[
              { value: 'single', label: t('dependencies.scenario.single') },
              { value: 'monteCarlo', label: t('dependencies.scenario.monteCarlo') },
            ]}
            w="fit-content"
            data-testid="scenario-mode"
          />
          {graph.isError && <ErrorAlert error={graph.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label={t('dependencies.scenario.nodes')}
              placeholder={t('dependencies.scenario.nodesPlaceholder')}
              data={nodeOptions}
              value={nodes}
              onChange={setNodes}
              searchable
              clearable
              data-testid="scenario-nodes"
            />
            <MultiSelect
              label={t('dependencies.scenario.prefectures')}
              description={t('dependencies.scenario.prefecturesHint')}
              data={(prefectures.data ?? []).map((p) => ({ value: p.code, label: locale === 'en' ? p.nameEn : p.nameJa }))}
              value={prefs}
              onChange={setPrefs}
              searchable
              clearable
              data-testid="scenario-prefectures"
            />
          </SimpleGrid>
          {mode === 'single' ? (
            <NumberInput label={t('dependencies.scenario.hours')} value={hours} onChange={(v) => setHours(v === '' ? '' : Number(v))} min={0} decimalScale={2} w={200} data-testid="scenario-hours" />
          ) : (
            <Group align="flex-end" gap="sm">
              <SegmentedControl
                value={durationKind}
                onChange={(v) => setDurationKind(v === 'uniform' ? 'uniform' : 'lognormal')}
                data={[
                  { value: 'lognormal', label: t('dependencies.scenario.lognormal') },
                  { value: 'uniform', label: t('dependencies.scenario.uniform') },
                ]}
                data-testid="scenario-duration-kind"
              />
              {durationKind === 'lognormal' ? (
                <>
                  <NumberInput label={t('dependencies.scenario.medianHours')} value={median} onChange={(v) => setMedian(v === '' ? '' : Number(v))} min={0} w={150} data-testid="scenario-median" />
                  <NumberInput label={t('dependencies.scenario.p90Hours')} value={p90} onChange={(v) => setP90(v === '' ? '' : Number(v))} min={0} w={150} data-testid="scenario-p90" />
                </>
              ) : (
                <>
                  <NumberInput label={t('dependencies.scenario.minHours')} value={minHours} onChange={(v) => setMinHours(v === '' ? '' : Number(v))} min={0} w={150} />
                  <NumberInput label={t('dependencies.scenario.maxHours')} value={maxHours} onChange={(v) => setMaxHours(v === '' ? '' : Number(v))} min={0} w={150} />
                </>
              )}
              <NumberInput label={t('dependencies.scenario.runs')} value={runs} onChange={(v) => setRuns(v === '' ? '' : Number(v))} min={1} max={10000} w={130} data-testid="scenario-runs" />
              <NumberInput label={t('dependencies.scenario.seed')} value={seed} onChange={(v) => setSeed(v === '' ? '' : Number(v))} w={110} />
            </Group>
          )}
          <Group>
            <Button onClick={run} loading={active.isPending} disabled={nodes.length === 0 && prefs.length === 0} data-testid="scenario-run">
              {t('dependencies.scenario.run')}
            </Button>
            {nodes.length === 0 && prefs.length === 0 && <Text size="sm" c="dimmed">{t('dependencies.scenario.pickSomething')}</Text>}
          </Group>
          {active.isError && (
            <Alert color="red" variant="light" role="alert" title={t('dependencies.scenario.refused')} data-testid="scenario-error">
              {problemText(tr, error, details.length, t('errors.generic'))}
              <FieldErrors details={details} />
            </Alert>
          )}
        </Stack>
      </Paper>
      {mode === 'single' && single.data && graph.data && <CascadeView graph={graph.data} result={single.data} hours={single.variables?.hours ?? 0} />}
      {mode === 'monteCarlo' && monteCarlo.data && graph.data && <MonteCarloView graph={graph.data} result={monteCarlo.data} />}
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="xl" fw={700} data-testid={testId}>{value}</Text>
    </Paper>
  );
}

function CascadeView({ graph, result, hours }: { graph: DependencyGraph; result: CascadeResult; hours: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sectorName } = useOrgLabels();
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph.nodes]);
  const { label: name } = useNodeLabels(graph.nodes);
  // A little past the outage's end, so the recovery shows.
  const points = useMemo(() => peopleOverTime(graph, result, Math.ceil(hours * 1.1)), [graph, result, hours]);
  const crossings = useMemo(() => mtpdCrossings(graph, result), [graph, result]);
  const rows = useMemo(() => affectedServices(graph, result), [graph, result]);
  const option = useMemo(
    () =>
      timelineOption(points, crossings.map((c) => ({ serviceId: c.serviceId, at: c.at, people: peopleAt(points, c.at) })), hours, {
        locale,
        hoursAxis: t('dependencies.timeline.hoursAxis'),
        peopleAxis: t('dependencies.timeline.peopleAxis'),
        peopleSeries: t('dependencies.timeline.peopleSeries'),
        mtpdSeries: t('dependencies.timeline.mtpdSeries'),
        scenarioEnd: t('dependencies.timeline.scenarioEnd'),
        serviceName: name,
      }),
    [points, crossings, hours, locale, t, byId],
  );
  const table: ChartTable = {
    columns: [
      { key: 'hour', label: t('dependencies.timeline.hoursAxis'), format: 'text' },
      { key: 'people', label: t('dependencies.timeline.peopleAxis'), format: 'count' },
      { key: 'mtpd', label: t('dependencies.timeline.mtpdSeries'), format: 'text' },
    ],
    rows: points.map((p, i) => ({
      key: `${i}`,
      cells: {
        hour: textCell(formatHours(p.t, locale)),
        people: valueCell(p.people),
        mtpd: textCell(crossings.filter((c) => c.at >= p.t && c.at < (points[i + 1]?.t ?? Infinity)).map((c) => name(c.serviceId)).join(t('ciCommon.listSeparator'))),
      },
    })),
  };

  return (
    <Stack gap="md" data-testid="cascade-result">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('dependencies.result.peak')} value={formatCount(result.peakPeopleAffected, locale)} testId="result-peak" />
        <Stat label={t('dependencies.result.peopleHours')} value={formatCount(result.peopleHours, locale)} />
        <Stat label={t('dependencies.result.pastMtpd')} value={formatCount(result.servicesExceedingMtpd.length, locale)} testId="result-past-mtpd" />
        <Stat label={t('dependencies.result.sectors')} value={formatCount(result.sectorsTouched.length, locale)} />
      </SimpleGrid>
      {result.sectorsTouched.length > 0 && (
        <Group gap={4}>
          {result.sectorsTouched.map((s) => <Badge key={s} variant="light">{sectorName(s)}</Badge>)}
        </Group>
      )}
      <ChartCard
        title={t('dependencies.timeline.title')}
        description={t('dependencies.timeline.description')}
        table={table}
        chart={<EChart option={option} height={340} label={t('dependencies.timeline.title')} testId="timeline-chart" />}
        fileName={t('dependencies.timeline.fileName')}
        testId="timeline"
      />
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">{t('dependencies.result.affectedTitle', { n: rows.length })}</Title>
        {rows.length === 0 ? (
          <Text c="dimmed" size="sm">{t('dependencies.result.noneAffected')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped fz="sm" data-testid="affected-table" style={{ fontVariantNumeric: 'tabular-nums' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dependencies.col.name')}</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('dependencies.col.sector')}</Table.Th>
                  <Table.Th ta="right">{t('dependencies.col.people')}</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('dependencies.result.firstDown')}</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('dependencies.result.longest')}</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('dependencies.details.mtpd')}</Table.Th>
                  <Table.Th>{t('dependencies.result.cause')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} data-testid="affected-row" data-past-mtpd={r.exceedsMtpd ? 'true' : 'false'}>
                    <Table.Td>
                      <Group gap={6} wrap="wrap">
                        <Text size="sm">{name(r.id)}</Text>
                        {r.exceedsMtpd && <Badge size="xs" color="red" style={{ flexShrink: 0 }}>{t('dependencies.result.pastMtpdBadge')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{sectorName(r.node.sector)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{formatCount(r.node.peopleServed, locale)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{t('ciCommon.hours', { n: formatHours(r.firstDownAt, locale) })}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{t('ciCommon.hours', { n: formatHours(r.longestDownHours, locale) })}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{t('ciCommon.hours', { n: formatHours(r.node.mtpdHours, locale) })}</Table.Td>
                    <Table.Td>{r.cause === 'outage' ? t('dependencies.result.causeOutage') : r.via ? t('dependencies.result.causeVia', { name: name(r.via) }) : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}

function DistributionCard({ title, d, unit, testId }: { title: string; d: Distribution; unit: string; testId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const option = useMemo(
    () =>
      histogramOption(d, {
        locale,
        valueAxis: unit,
        countAxis: t('dependencies.monteCarlo.runsAxis'),
        series: t('dependencies.monteCarlo.runsAxis'),
        percentiles: { p50: 'p50', p90: 'p90', p99: 'p99' },
      }),
    [d, locale, t, unit],
  );
  const table: ChartTable = {
    columns: [
      { key: 'bin', label: unit, format: 'text' },
      { key: 'count', label: t('dependencies.monteCarlo.runsAxis'), format: 'count' },
    ],
    rows: d.histogram.map((b, i) => ({ key: `${i}`, cells: { bin: textCell(`${formatCount(b.from, locale)}–${formatCount(b.to, locale)}`), count: valueCell(b.count) } })),
  };
  return (
    <ChartCard
      title={title}
      description={t('dependencies.monteCarlo.summary', {
        mean: formatCount(d.mean, locale),
        p50: formatCount(d.p50, locale),
        p90: formatCount(d.p90, locale),
        p99: formatCount(d.p99, locale),
        max: formatCount(d.max, locale),
      })}
      table={table}
      chart={<EChart option={option} height={280} label={title} testId={`${testId}-chart`} />}
      fileName={title}
      testId={testId}
    />
  );
}

function MonteCarloView({ graph, result }: { graph: DependencyGraph; result: MonteCarloResult }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { label } = useNodeLabels(graph.nodes);
  const exceedance = [...result.exceedance].filter((e) => e.probability > 0).sort((a, b) => b.probability - a.probability);
  return (
    <Stack gap="md" data-testid="monte-carlo-result">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('dependencies.monteCarlo.runs')} value={formatCount(result.runs, locale)} />
        <Stat label={t('dependencies.monteCarlo.p50')} value={formatCount(result.peopleAffected.p50, locale)} testId="mc-p50" />
        <Stat label={t('dependencies.monteCarlo.p90')} value={formatCount(result.peopleAffected.p90, locale)} testId="mc-p90" />
        <Stat label={t('dependencies.monteCarlo.p99')} value={formatCount(result.peopleAffected.p99, locale)} testId="mc-p99" />
      </SimpleGrid>
      <DistributionCard title={t('dependencies.monteCarlo.peopleAffected')} d={result.peopleAffected} unit={t('dependencies.timeline.peopleAxis')} testId="mc-people" />
      <DistributionCard title={t('dependencies.monteCarlo.peopleHours')} d={result.peopleHours} unit={t('dependencies.result.peopleHours')} testId="mc-people-hours" />
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">{t('dependencies.monteCarlo.exceedanceTitle')}</Title>
        {exceedance.length === 0 ? (
          <Text size="sm" c="dimmed">{t('dependencies.monteCarlo.noExceedance')}</Text>
        ) : (
          <Table striped fz="sm" data-testid="mc-exceedance">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dependencies.col.name')}</Table.Th>
                <Table.Th ta="right">{t('dependencies.monteCarlo.probability')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exceedance.map((e) => (
                <Table.Tr key={e.serviceId}>
                  <Table.Td>{label(e.serviceId)}</Table.Td>
                  <Table.Td ta="right">{formatPercent(e.probability, locale, 1)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
