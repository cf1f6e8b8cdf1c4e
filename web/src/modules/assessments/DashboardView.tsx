import { Alert, Badge, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMe } from '../../api/queries';
import { ChartCard, useSuppressionLabel } from '../../components/ChartCard';
import { DateTime } from '../../components/DateTime';
import { EChart } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader, TableSkeleton } from '../../components/PageLoader';
import { formatNumber } from '../../components/chartTable';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import {
  STATUS_COLORS,
  barChartHeight,
  groupedBarOption,
  heatmapHeight,
  heatmapOption,
  stackedBarOption,
  type ChartText,
} from './dashboardCharts';
import { useAllTiers, useCampaignDashboard, useCampaignDetail, useOwnPlan, useSupportRequests } from './dashboardQueries';
import {
  aggregateTable,
  chapterTable,
  groupsOf,
  hasPrevious,
  heatmapTable,
  kpiFormat,
  kpiTable,
  pick,
  statusTable,
  type AggregateHeaders,
  type GroupNames,
} from './dashboardTables';
import { SUBMISSION_STATUSES, type CampaignDetail, type Dashboard, type KpiView, type SubmissionStatus } from './dashboardTypes';

const CURRENT_COLOR = '#228be6';
const PREVIOUS_COLOR = '#ced4da';

/**
 * A campaign's dashboard: the dashboard tab of /assessments/:campaignId/dashboard, under the campaign's own
 * header. Everyone sees the aggregates the API lets them see (suppressed below 5 operators for all but the NCO, shown as such and never as 0); an operator
 * also sees its own progress and improvement plan; a ministry or the NCO the laggards and support requests;
 * the NCO can narrow the sector breakdown to one sector.
 */
export function DashboardView() {
  const { campaignId = '' } = useParams<{ campaignId: string }>();
  const { t } = useTranslation();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const sector = searchParams.get('sector') || null;
  const dashboard = useCampaignDashboard(campaignId, sector);
  const detail = useCampaignDetail(campaignId);
  const kind = me.data?.memberships.find((m) => m.organisationId === me.data?.activeOrganisationId)?.organisationKind;
  const government = kind === 'national_office' || kind === 'ministry';
  const support = useSupportRequests(campaignId, government);

  if (dashboard.isPending) return <PageLoader />;
  if (dashboard.isError) {
    if (isApiError(dashboard.error, 404) || isApiError(dashboard.error, 403)) {
      return (
        <Alert color="yellow" title={t('dashboards.title')} data-testid="dashboard-not-found">
          {t('dashboards.notFound')}
        </Alert>
      );
    }
    return <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  }
  const data = dashboard.data;

  const setSector = (value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set('sector', value);
    else next.delete('sector');
    setSearchParams(next, { replace: true });
  };

  return (
    <Stack gap="lg" data-testid="assessments-dashboard">
      {data.viewer.isNco ? (
        <Group justify="flex-end">
          <SectorFilter data={data} value={sector} onChange={setSector} />
        </Group>
      ) : (
        <Text size="sm" c="dimmed" data-testid="dashboard-suppression-note">
          {t('dashboards.suppressed.note')}
        </Text>
      )}

      {kind === 'operator' && me.data && <OwnProgress campaignId={campaignId} operatorId={me.data.activeOrganisationId} detail={detail.data} />}

      <Sections
        data={data}
        afterStatus={
          government && (
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <Laggards detail={detail.data} sector={sector} loading={detail.isPending} error={detail.error} />
              <SupportRequests groups={support.data} loading={support.isPending} error={support.error} />
            </SimpleGrid>
          )
        }
      />
    </Stack>
  );
}

function SectorFilter({ data, value, onChange }: { data: Dashboard; value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useTranslation();
  const { sectors, sectorName } = useOrgLabels();
  const ids = data.campaign.scope.sectors.length > 0 ? data.campaign.scope.sectors : (sectors.data ?? []).map((s) => s.id);
  return (
    <Select
      label={t('dashboards.sectorFilter.label')}
      placeholder={t('dashboards.sectorFilter.all')}
      data={ids.map((id) => ({ value: id, label: sectorName(id) }))}
      value={value}
      onChange={onChange}
      clearable
      searchable
      w={260}
      data-testid="dashboard-sector-filter"
    />
  );
}

function useGroupNames(): GroupNames {
  const { t } = useTranslation();
  const { sectorName } = useOrgLabels();
  const tiers = useAllTiers();
  const locale = currentLocale();
  return useMemo(
    () => ({
      national: t('dashboards.national'),
      sector: sectorName,
      tier: (id: string) => {
        const tier = tiers.data?.find((x) => x.id === id);
        return tier ? `${sectorName(tier.sectorId)} ${pick(tier.name, locale)}` : id;
      },
    }),
    [t, sectorName, tiers.data, locale],
  );
}

function useChartText(): ChartText {
  const { t } = useTranslation();
  const suppression = useSuppressionLabel();
  const locale = currentLocale();
  return { locale, suppression, noValue: t('dashboards.noValue') };
}

/** The aggregate sections, each a chart with its table and CSV. */
function Sections({ data, afterStatus }: { data: Dashboard; afterStatus: ReactNode }) {
  const { t } = useTranslation();
  const names = useGroupNames();
  const text = useChartText();
  const { sectorName } = useOrgLabels();
  const locale = currentLocale();
  const slug = data.campaign.cycle;

  const headers = (value: string): AggregateHeaders => ({
    group: t('dashboards.columns.group'),
    operators: t('dashboards.columns.operators'),
    value,
    previous: t('dashboards.columns.previous'),
    delta: t('dashboards.columns.delta'),
  });

  const status = statusTable(data.status, sectorName, {
    sector: t('dashboards.status.sector'),
    total: t('dashboards.status.total'),
    ...(Object.fromEntries(SUBMISSION_STATUSES.map((s) => [s, t(`dashboards.status.${s}`)])) as Record<SubmissionStatus, string>),
  });
  const scores = aggregateTable(data.scores, data.scoreTrend, names, headers(t('dashboards.scores.value')), 'percent');
  const withTrend = hasPrevious(data.scoreTrend);
  const maturity = aggregateTable(data.maturity, [], names, headers(t('dashboards.maturity.value')), 'maturity');
  const chapters = chapterTable(data.chapters, names, t('dashboards.chapters.chapter'));
  const chapterGroups = groupsOf(data.chapters);
  const heatmap = heatmapTable(data.heatmap, names, { number: t('dashboards.heatmap.number'), title: t('dashboards.heatmap.requirement') }, locale);
  const heatGroups = groupsOf(data.heatmap.flatMap((h) => h.cells));

  return (
    <>
      <ChartCard
        title={t('dashboards.status.title')}
        description={t('dashboards.status.description')}
        table={status}
        fileName={`${t('dashboards.status.file')}-${slug}`}
        testId="dashboard-status-card"
        tableTestId="dashboard-status"
        initialView="table"
        chart={
          status.rows.length > 0 ? (
            <EChart
              label={t('dashboards.status.title')}
              height={barChartHeight(status.rows.length, 1)}
              option={stackedBarOption(status, 'sector', SUBMISSION_STATUSES, text, STATUS_COLORS)}
            />
          ) : null
        }
      />

      {afterStatus}

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <ChartCard
          title={t('dashboards.scores.title')}
          description={t('dashboards.scores.description')}
          table={scores}
          fileName={`${t('dashboards.scores.file')}-${slug}`}
          testId="dashboard-scores"
          chart={
            <EChart
              label={t('dashboards.scores.title')}
              height={barChartHeight(scores.rows.length, withTrend ? 2 : 1)}
              option={groupedBarOption(
                scores,
                'group',
                withTrend ? [{ column: 'value', color: CURRENT_COLOR }, { column: 'previous', color: PREVIOUS_COLOR }] : [{ column: 'value', color: CURRENT_COLOR }],
                'percent',
                text,
              )}
            />
          }
        />
        <ChartCard
          title={t('dashboards.maturity.title')}
          description={t('dashboards.maturity.description')}
          table={maturity}
          fileName={`${t('dashboards.maturity.file')}-${slug}`}
          testId="dashboard-maturity"
          chart={
            <EChart
              label={t('dashboards.maturity.title')}
              height={barChartHeight(maturity.rows.length, 1)}
              option={groupedBarOption(maturity, 'group', [{ column: 'value', color: '#7950f2' }], 'maturity', text)}
            />
          }
        />
      </SimpleGrid>

      <ChartCard
        title={t('dashboards.chapters.title')}
        description={t('dashboards.chapters.description')}
        table={chapters}
        fileName={`${t('dashboards.chapters.file')}-${slug}`}
        testId="dashboard-chapters"
        chart={
          chapters.rows.length > 0 ? (
            <EChart
              label={t('dashboards.chapters.title')}
              height={barChartHeight(chapters.rows.length, chapterGroups.length)}
              option={groupedBarOption(chapters, 'chapter', chapterGroups.map((g) => ({ column: g })), 'percent', text)}
            />
          ) : null
        }
      />

      <ChartCard
        title={t('dashboards.heatmap.title')}
        description={t('dashboards.heatmap.description')}
        table={heatmap}
        fileName={`${t('dashboards.heatmap.file')}-${slug}`}
        testId="dashboard-heatmap"
        chart={
          heatmap.rows.length > 0 ? (
            <EChart
              label={t('dashboards.heatmap.title')}
              height={heatmapHeight(heatmap.rows.length)}
              option={heatmapOption(heatmap, { labelColumns: ['number', 'title'], cellColumns: heatGroups, suppressedMarker: t('dashboards.suppressed.marker') }, text)}
            />
          ) : null
        }
      />

      <Kpis kpis={data.kpis} names={names} headers={headers} slug={slug} />
    </>
  );
}

function kpiTitle(t: TFunction, kpi: KpiView, locale: string): { title: string; kind: string } {
  const d = kpi.definition;
  const kind =
    d.kind === 'share_of_operators'
      ? t('dashboards.kpis.kind.share_of_operators')
      : d.kind === 'mean_maturity'
        ? t('dashboards.kpis.kind.mean_maturity', { chapter: d.chapter })
        : d.chapter
          ? t('dashboards.kpis.kind.mean_score_chapter', { chapter: d.chapter })
          : t('dashboards.kpis.kind.mean_score');
  return { title: pick(d.title, locale) || d.id, kind };
}

function Kpis({ kpis, names, headers, slug }: { kpis: KpiView[]; names: GroupNames; headers: (v: string) => AggregateHeaders; slug: string }) {
  const { t } = useTranslation();
  const text = useChartText();
  const suppression = useSuppressionLabel();
  const locale = currentLocale();
  return (
    <Stack gap="sm" component="section" aria-labelledby="dashboard-kpis-title" data-testid="dashboard-kpis">
      <Title order={2} size="h3" id="dashboard-kpis-title">
        {t('dashboards.kpis.title')}
      </Title>
      {kpis.length === 0 ? (
        <Text c="dimmed">{t('dashboards.kpis.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          {kpis.map((kpi) => {
            const { title, kind } = kpiTitle(t, kpi, locale);
            const format = kpiFormat(kpi);
            const table = kpiTable(kpi, names, headers(kind));
            const withTrend = hasPrevious(kpi.trend);
            const national = kpi.rows.find((r) => r.id === 'national');
            const nationalTrend = kpi.trend.find((r) => r.id === 'national');
            return (
              <ChartCard
                key={kpi.id}
                title={title}
                description={kind}
                table={table}
                fileName={`${t('dashboards.kpis.file')}-${kpi.id}-${slug}`}
                testId={`dashboard-kpi-${kpi.id}`}
                chart={
                  <EChart
                    label={title}
                    height={barChartHeight(table.rows.length, withTrend ? 2 : 1)}
                    option={groupedBarOption(
                      table,
                      'group',
                      withTrend ? [{ column: 'value', color: CURRENT_COLOR }, { column: 'previous', color: PREVIOUS_COLOR }] : [{ column: 'value', color: CURRENT_COLOR }],
                      format,
                      text,
                    )}
                  />
                }
              >
                <Group gap="lg" mt="sm" align="baseline">
                  <Text size="sm" c="dimmed">
                    {names.national}
                  </Text>
                  <Text fw={700} size="xl" data-testid={`dashboard-kpi-${kpi.id}-national`}>
                    {!national
                      ? t('dashboards.noValue')
                      : national.suppressed
                        ? suppression(national.reason)
                        : national.value === null
                          ? t('dashboards.noValue')
                          : formatNumber(national.value, format, locale)}
                  </Text>
                  <Text size="sm" c={nationalTrend?.delta == null ? 'dimmed' : nationalTrend.delta >= 0 ? 'teal' : 'red'}>
                    {nationalTrend?.delta != null
                      ? t('dashboards.kpis.trend', { delta: formatNumber(nationalTrend.delta, format === 'percent' ? 'delta' : 'maturityDelta', locale) })
                      : t('dashboards.kpis.noTrend')}
                  </Text>
                </Group>
              </ChartCard>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function OwnProgress({ campaignId, operatorId, detail }: { campaignId: string; operatorId: string; detail: CampaignDetail | undefined }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const target = detail?.targets.find((x) => x.operatorId === operatorId);
  const plan = useOwnPlan(campaignId, target ? operatorId : null);
  if (!detail) return <TableSkeleton rows={3} />;
  if (!target) return <Text c="dimmed">{t('dashboards.own.notTarget')}</Text>;
  const stat = (label: string, content: ReactNode, testId: string) => (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={600} data-testid={testId}>
        {content}
      </Text>
    </div>
  );
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="dashboard-own" data-testid="dashboard-own">
      <Title order={2} size="h4" mb="md" id="dashboard-own">
        {t('dashboards.own.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
        {stat(t('dashboards.own.status'), t(`dashboards.status.${target.status}`), 'dashboard-own-status')}
        {stat(t('dashboards.own.obligations'), formatNumber(target.obligationCount, 'count', locale), 'dashboard-own-obligations')}
        {stat(t('dashboards.own.score'), target.score === null ? t('dashboards.noValue') : formatNumber(target.score, 'percent', locale), 'dashboard-own-score')}
        {stat(t('dashboards.own.maturity'), target.meanMaturity === null ? t('dashboards.noValue') : formatNumber(target.meanMaturity, 'maturity', locale), 'dashboard-own-maturity')}
        {stat(t('dashboards.own.gaps'), target.gapCount === null ? t('dashboards.noValue') : formatNumber(target.gapCount, 'count', locale), 'dashboard-own-gaps')}
        {stat(t('dashboards.own.submittedAt'), target.submittedAt ? <DateTime iso={target.submittedAt} /> : t('dashboards.own.notSubmitted'), 'dashboard-own-submitted')}
      </SimpleGrid>

      <Title order={3} size="h5" mt="lg" mb="xs">
        {t('dashboards.plan.title')}
      </Title>
      {plan.isPending ? (
        <TableSkeleton rows={2} />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />
      ) : plan.data.length === 0 ? (
        <Text c="dimmed">{t('dashboards.plan.none')}</Text>
      ) : (
        <Table striped withTableBorder fz="sm" data-testid="dashboard-plan">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboards.plan.item')}</Table.Th>
              <Table.Th>{t('dashboards.plan.owner')}</Table.Th>
              <Table.Th>{t('dashboards.plan.due')}</Table.Th>
              <Table.Th>{t('dashboards.plan.milestones')}</Table.Th>
              <Table.Th>{t('dashboards.plan.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.data.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>{pick(item.title, locale)}</Table.Td>
                <Table.Td>{item.owner}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.dueDate}</Table.Td>
                <Table.Td>
                  {t('dashboards.plan.milestonesDone', { done: item.milestones.filter((m) => m.done).length, total: item.milestones.length })}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={item.status === 'done' ? 'teal' : item.status === 'in_progress' ? 'blue' : 'gray'}>
                    {t(`dashboards.plan.statuses.${item.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** Operators behind; with the NCO's sector filter, only those of that sector. */
function Laggards({ detail, sector, loading, error }: { detail: CampaignDetail | undefined; sector: string | null; loading: boolean; error: unknown }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const inSector = new Set(detail?.targets.filter((x) => !sector || x.sectors.includes(sector)).map((x) => x.operatorId));
  const laggards = detail?.laggards && {
    notSubmitted: detail.laggards.notSubmitted.filter((r) => inSector.has(r.operatorId)),
    lowest: detail.laggards.lowest.filter((r) => inSector.has(r.operatorId)),
  };
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="dashboard-laggards" data-testid="dashboard-laggards">
      <Title order={2} size="h4" mb="sm" id="dashboard-laggards">
        {t('dashboards.laggards.title')}
      </Title>
      {loading ? (
        <TableSkeleton rows={3} />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : !laggards ? null : (
        <Stack gap="md">
          <div>
            <Title order={3} size="h5" mb="xs">
              {t('dashboards.laggards.notSubmitted')}
            </Title>
            {laggards.notSubmitted.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('dashboards.laggards.none')}
              </Text>
            ) : (
              <Table striped withTableBorder fz="sm" data-testid="dashboard-laggards-not-submitted">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboards.laggards.operator')}</Table.Th>
                    <Table.Th>{t('dashboards.laggards.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {laggards.notSubmitted.map((r) => (
                    <Table.Tr key={r.operatorId}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {t(`dashboards.status.${r.status}`)}
                          {r.overdue && (
                            <Badge color="red" variant="light" size="sm">
                              {t('dashboards.laggards.overdue')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
          <div>
            <Title order={3} size="h5" mb="xs">
              {t('dashboards.laggards.lowest')}
            </Title>
            {laggards.lowest.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('dashboards.laggards.none')}
              </Text>
            ) : (
              <Table striped withTableBorder fz="sm" data-testid="dashboard-laggards-lowest">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboards.laggards.operator')}</Table.Th>
                    <Table.Th ta="right">{t('dashboards.laggards.score')}</Table.Th>
                    <Table.Th ta="right">{t('dashboards.laggards.gaps')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {laggards.lowest.map((r) => (
                    <Table.Tr key={r.operatorId}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.score, 'percent', locale)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.gapCount, 'count', locale)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
        </Stack>
      )}
    </Paper>
  );
}

function SupportRequests({ groups, loading, error }: { groups: Awaited<ReturnType<typeof useSupportRequests>>['data']; loading: boolean; error: unknown }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="dashboard-support" data-testid="dashboard-support">
      <Title order={2} size="h4" id="dashboard-support">
        {t('dashboards.support.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('dashboards.support.description')}
      </Text>
      {loading ? (
        <TableSkeleton rows={3} />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : !groups || groups.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboards.support.none')}
        </Text>
      ) : (
        <Stack gap="md">
          {groups.map((g) => (
            <div key={g.lineage}>
              <Group gap="xs" mb={4}>
                <Text fw={600} size="sm">
                  {pick(g.title, locale)}
                </Text>
                <Badge variant="light">{t('dashboards.support.count', { n: g.requests.length })}</Badge>
              </Group>
              <Table withTableBorder fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboards.support.operator')}</Table.Th>
                    <Table.Th>{t('dashboards.support.reason')}</Table.Th>
                    <Table.Th>{t('dashboards.support.at')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {g.requests.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.operatorName}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <DateTime iso={r.createdAt} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

