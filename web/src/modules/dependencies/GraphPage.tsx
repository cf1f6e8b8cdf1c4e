import { Anchor, Badge, Button, Grid, Group, Paper, ScrollArea, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Locale } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { formatCount, formatHours } from '../services/format';
import { neighbourhood, nodeName, nodeSize } from './analysis';
import { dependencyLinks, useConcentration, useGraph } from './api';
import { PROVIDER_COLORS, SERVICE_COLOR } from './charts';
import { CytoscapeGraph, type GraphViewEdge, type GraphViewNode } from './CytoscapeGraph';
import { failoverText, nodeKindText } from './labels';
import { useNodeLabels } from './names';
import { PROVIDER_TYPES, type ConcentrationEntry, type DependencyEdge, type DependencyGraph, type DependencyNode } from './types';

const colorOf = (n: DependencyNode) => (n.kind === 'service' ? SERVICE_COLOR : PROVIDER_COLORS[n.providerType] ?? '#868e96');

/** `/dependencies`: the visible dependency graph, filtered by sector and prefecture; click a node for its details. */
export function GraphPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sectors, prefectures, sectorName } = useOrgLabels();
  const [sector, setSector] = useState<string | null>(null);
  const [prefecture, setPrefecture] = useState<string | null>(null);
  const [view, setView] = useState<'graph' | 'table'>('graph');
  const [selected, setSelected] = useState<string | null>(null);
  const filters = { sector: sector ?? undefined, prefecture: prefecture ?? undefined };
  const graph = useGraph(filters);
  const concentration = useConcentration();

  const byProvider = useMemo(() => new Map((concentration.data ?? []).map((c) => [c.id, c])), [concentration.data]);
  const peopleOf = useMemo(
    () => (n: DependencyNode) => (n.kind === 'service' ? n.peopleServed : (byProvider.get(n.id)?.people ?? 0)),
    [byProvider],
  );
  const graphView = useMemo(() => {
    const g = graph.data;
    if (!g) return { nodes: [] as GraphViewNode[], edges: [] as GraphViewEdge[] };
    const maxPeople = Math.max(0, ...g.nodes.map(peopleOf));
    const ids = new Set(g.nodes.map((n) => n.id));
    return {
      nodes: g.nodes.map((n) => ({ id: n.id, label: nodeName(n, locale), color: colorOf(n), size: nodeSize(peopleOf(n), maxPeople), kind: n.kind })),
      edges: g.edges
        .filter((e) => ids.has(e.from) && ids.has(e.to))
        .map((e, i) => ({ id: e.id ?? `e${i}:${e.from}>${e.to}`, source: e.from, target: e.to, degraded: e.criticality === 'degraded', automatic: e.failover.kind === 'automatic' })),
    };
  }, [graph.data, peopleOf, locale]);
  const typesShown = PROVIDER_TYPES.filter((p) => graph.data?.nodes.some((n) => n.kind === 'provider' && n.providerType === p));
  const selectedNode = graph.data?.nodes.find((n) => n.id === selected) ?? null;

  return (
    <Stack gap="md" data-testid="graph-page">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select
            label={t('dependencies.filter.sector')}
            placeholder={t('ciCommon.all')}
            data={(sectors.data ?? []).map((s) => ({ value: s.id, label: sectorName(s.id) }))}
            value={sector}
            onChange={(v) => {
              setSector(v);
              setSelected(null);
            }}
            clearable
            w={200}
            data-testid="graph-filter-sector"
          />
          <Select
            label={t('dependencies.filter.prefecture')}
            placeholder={t('ciCommon.all')}
            data={(prefectures.data ?? []).map((p) => ({ value: p.code, label: locale === 'en' ? p.nameEn : p.nameJa }))}
            value={prefecture}
            onChange={(v) => {
              setPrefecture(v);
              setSelected(null);
            }}
            clearable
            searchable
            w={200}
            data-testid="graph-filter-prefecture"
          />
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v === 'table' ? 'table' : 'graph')}
            data={[
              { value: 'graph', label: t('dependencies.graph.viewGraph') },
              { value: 'table', label: t('dependencies.graph.viewTable') },
            ]}
            aria-label={t('dashboards.view.label')}
            data-testid="graph-view"
          />
        </Group>
        <Button component="a" href={dependencyLinks.graphJson(filters)} download variant="default" size="sm" data-testid="graph-download">
          {t('dependencies.graph.downloadJson')}
        </Button>
      </Group>

      <Group gap="xs" data-testid="graph-legend">
        <LegendChip color={SERVICE_COLOR} label={t('dependencies.kind.service')} round />
        {typesShown.map((p) => (
          <LegendChip key={p} color={PROVIDER_COLORS[p]} label={t(`dependencies.providerType.${p}`)} />
        ))}
        <Text size="xs" c="dimmed">{t('dependencies.graph.legendHint')}</Text>
      </Group>

      {graph.isPending ? (
        <TableSkeleton />
      ) : graph.isError ? (
        <ErrorAlert error={graph.error} onRetry={() => void graph.refetch()} />
      ) : graph.data.nodes.length === 0 ? (
        <Text c="dimmed" data-testid="graph-empty">{t('dependencies.graph.empty')}</Text>
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Paper withBorder radius="md" p={view === 'graph' ? 0 : 'sm'}>
              {view === 'graph' ? (
                <CytoscapeGraph nodes={graphView.nodes} edges={graphView.edges} selected={selected} onSelect={setSelected} height={600} label={t('dependencies.graph.label', { nodes: graphView.nodes.length, edges: graphView.edges.length })} />
              ) : (
                <NodeTable graph={graph.data} peopleOf={peopleOf} onSelect={setSelected} />
              )}
            </Paper>
            <Text size="xs" c="dimmed" mt={4} data-testid="graph-counts">
              {t('dependencies.graph.counts', { nodes: graph.data.nodes.length, edges: graph.data.edges.length })}
            </Text>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            {selectedNode ? (
              <NodeDetails graph={graph.data} node={selectedNode} concentration={byProvider.get(selectedNode.id)} onSelect={setSelected} />
            ) : (
              <Paper withBorder p="md" radius="md">
                <Text size="sm" c="dimmed">{t('dependencies.graph.pickNode')}</Text>
              </Paper>
            )}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

function LegendChip({ color, label, round = false }: { color: string; label: string; round?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      <span aria-hidden style={{ display: 'inline-block', width: 12, height: 12, background: color, borderRadius: round ? 6 : 3 }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
}

function NodeTable({ graph, peopleOf, onSelect }: { graph: DependencyGraph; peopleOf: (n: DependencyNode) => number; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sectorName } = useOrgLabels();
  const rows = [...graph.nodes].sort((a, b) => peopleOf(b) - peopleOf(a));
  return (
    <ScrollArea.Autosize mah={580} type="auto">
      <Table striped highlightOnHover fz="sm" stickyHeader data-testid="graph-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dependencies.col.name')}</Table.Th>
            <Table.Th>{t('dependencies.col.kind')}</Table.Th>
            <Table.Th>{t('dependencies.col.sector')}</Table.Th>
            <Table.Th ta="right">{t('dependencies.col.people')}</Table.Th>
            <Table.Th ta="right">{t('dependencies.col.dependencies')}</Table.Th>
            <Table.Th ta="right">{t('dependencies.col.dependents')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((n) => {
            const hood = neighbourhood(graph, n.id);
            return (
              <Table.Tr key={n.id} data-testid="graph-node-row" data-node-id={n.id}>
                <Table.Td>
                  <Anchor component="button" size="sm" onClick={() => onSelect(n.id)}>{nodeName(n, locale)}</Anchor>
                </Table.Td>
                <Table.Td>{nodeKindText(t, n)}</Table.Td>
                <Table.Td>{n.kind === 'service' ? sectorName(n.sector) : ''}</Table.Td>
                <Table.Td ta="right">{formatCount(peopleOf(n), locale)}</Table.Td>
                <Table.Td ta="right">{hood.dependencies.length}</Table.Td>
                <Table.Td ta="right">{hood.dependents.length}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

function EdgeList({ edges, end, locale, label, onSelect, testId }: { edges: DependencyEdge[]; end: 'from' | 'to'; locale: Locale; label: (id: string) => string; onSelect: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  if (edges.length === 0) return <Text size="sm" c="dimmed">{t('dependencies.details.none')}</Text>;
  return (
    <Stack gap={6} data-testid={testId}>
      {edges.map((e, i) => {
        const other = e[end];
        const alternatives = e.alternatives.map(label);
        return (
          <div key={`${e.from}>${e.to}-${i}`}>
            <Group gap={6} wrap="nowrap">
              <Anchor component="button" size="sm" onClick={() => onSelect(other)}>{label(other)}</Anchor>
              <Badge size="xs" variant="light" color={e.criticality === 'critical' ? 'red' : 'gray'}>{t(`dependencies.criticality.${e.criticality}`)}</Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {e.type ? `${t(`dependencies.edgeType.${e.type}`)} · ` : ''}
              {failoverText(t, e.failover, locale)}
              {alternatives.length > 0 ? ` · ${t('dependencies.details.alternatives', { list: alternatives.join(t('ciCommon.listSeparator')) })}` : ` · ${t('dependencies.details.noAlternative')}`}
            </Text>
          </div>
        );
      })}
    </Stack>
  );
}

function NodeDetails({ graph, node, concentration, onSelect }: { graph: DependencyGraph; node: DependencyNode; concentration: ConcentrationEntry | undefined; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { sectorName, prefectureName } = useOrgLabels();
  const { label, operatorName } = useNodeLabels(graph.nodes);
  const operator = node.kind === 'service' ? operatorName(node.operatorId) : null;
  const hood = neighbourhood(graph, node.id);
  const prefs = node.prefectures.map((p) => prefectureName(p) ?? p).join(t('ciCommon.listSeparator'));
  return (
    <Paper withBorder p="md" radius="md" data-testid="node-details" data-node-id={node.id}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" data-testid="node-details-name">{nodeName(node, locale)}</Title>
          <Group gap={6} mt={4}>
            <Badge color={node.kind === 'service' ? 'blue' : 'grape'} variant="light">{nodeKindText(t, node)}</Badge>
            {node.kind === 'service' && <Badge variant="outline">{sectorName(node.sector)}</Badge>}
          </Group>
        </div>
        <Table fz="sm" withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {node.kind === 'service' && (
              <>
                {operator && <Table.Tr><Table.Th>{t('dependencies.details.operator')}</Table.Th><Table.Td>{operator}</Table.Td></Table.Tr>}
                <Table.Tr><Table.Th>{t('dependencies.details.people')}</Table.Th><Table.Td>{formatCount(node.peopleServed, locale)}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th>{t('dependencies.details.mtpd')}</Table.Th><Table.Td>{t('ciCommon.hours', { n: formatHours(node.mtpdHours, locale) })}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th>{t('dependencies.details.rto')}</Table.Th><Table.Td>{t('ciCommon.hours', { n: formatHours(node.rtoHours, locale) })}</Table.Td></Table.Tr>
              </>
            )}
            <Table.Tr><Table.Th>{t('dependencies.details.prefectures')}</Table.Th><Table.Td>{prefs || t('dependencies.details.none')}</Table.Td></Table.Tr>
          </Table.Tbody>
        </Table>
        {concentration && (
          <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-gray-0)" data-testid="node-concentration">
            <Text size="sm" fw={600} mb={4}>{t('dependencies.details.concentration')}</Text>
            <Text size="sm">
              {t('dependencies.details.concentrationText', {
                direct: concentration.directDependents,
                services: concentration.services,
                people: formatCount(concentration.people, locale),
                sectors: concentration.sectors.length,
              })}
            </Text>
            <Text size="xs" c="dimmed">{concentration.sectors.map(sectorName).join(t('ciCommon.listSeparator'))}</Text>
          </Paper>
        )}
        <div>
          <Text size="sm" fw={600} mb={4}>{t('dependencies.details.dependencies', { n: hood.dependencies.length })}</Text>
          <EdgeList edges={hood.dependencies} end="to" locale={locale} label={label} onSelect={onSelect} testId="node-dependencies" />
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>{t('dependencies.details.dependents', { n: hood.dependents.length })}</Text>
          <EdgeList edges={hood.dependents} end="from" locale={locale} label={label} onSelect={onSelect} testId="node-dependents" />
        </div>
        {hood.alternativeFor.length > 0 && (
          <Text size="xs" c="dimmed">{t('dependencies.details.alternativeFor', { n: hood.alternativeFor.length })}</Text>
        )}
        <Button variant="light" size="xs" onClick={() => navigate(`/dependencies/scenario?nodes=${encodeURIComponent(node.id)}`)} data-testid="node-simulate">
          {t('dependencies.details.simulate')}
        </Button>
      </Stack>
    </Paper>
  );
}
