import { Anchor, Badge, Group, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { formatCount, pickText } from '../services/format';
import { useGraph, useSpof } from './api';
import { nodeKindText } from './labels';
import { useNodeLabels } from './names';
import type { SpofEntry } from './types';

export const HOUR_CHOICES = [6, 12, 24, 48, 72, 168, 336] as const;

/** Hours of the single failure the analyses assume, as a select. */
export function HoursSelect({ value, onChange, testId }: { value: number; onChange: (hours: number) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('dependencies.spof.hours')}
      data={HOUR_CHOICES.map((h) => ({ value: String(h), label: t('dependencies.spof.hoursOption', { n: h }) }))}
      value={String(value)}
      onChange={(v) => v && onChange(Number(v))}
      allowDeselect={false}
      w={200}
      data-testid={testId}
    />
  );
}

/** The structural reason in words, with the articulation point and betweenness shown as marks. */
function Reason({ entry, serviceName }: { entry: SpofEntry; serviceName: (id: string) => string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const via = entry.reason.via.map(serviceName).join(t('ciCommon.listSeparator'));
  const betweenness = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(entry.reason.betweenness);
  return (
    <Stack gap={4} data-testid="spof-reason" data-code={entry.reason.code}>
      <Text size="sm">{t(`dependencies.spof.reason.${entry.reason.code}`, { via })}</Text>
      <Group gap={4}>
        {entry.reason.articulationPoint && (
          <Tooltip label={t('dependencies.spof.articulationHint')} multiline w={300}>
            <Badge size="sm" color="red" variant="light" data-testid="spof-articulation">{t('dependencies.spof.articulation')}</Badge>
          </Tooltip>
        )}
        <Tooltip label={t('dependencies.spof.betweennessHint')} multiline w={300}>
          <Badge size="sm" color="gray" variant="light" data-testid="spof-betweenness">{t('dependencies.spof.betweenness', { value: betweenness })}</Badge>
        </Tooltip>
      </Group>
    </Stack>
  );
}

/** `/dependencies/spof`: nodes whose failure alone drives a service past its MTPD, ranked, with the reason. */
export function SpofPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sectorName } = useOrgLabels();
  const [hours, setHours] = useState(72);
  const spof = useSpof(hours);
  const graph = useGraph();
  const { label: serviceName, operatorName } = useNodeLabels(graph.data?.nodes);
  const operatorOf = useMemo(() => {
    const byId = new Map((graph.data?.nodes ?? []).map((n) => [n.id, n]));
    return (id: string) => {
      const node = byId.get(id);
      return node?.kind === 'service' ? operatorName(node.operatorId) : null;
    };
  }, [graph.data, operatorName]);

  return (
    <Stack gap="md" data-testid="spof-page">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={720}>{t('dependencies.spof.description')}</Text>
        <HoursSelect value={hours} onChange={setHours} testId="spof-hours" />
      </Group>
      {spof.isPending ? (
        <TableSkeleton />
      ) : spof.isError ? (
        <ErrorAlert error={spof.error} onRetry={() => void spof.refetch()} />
      ) : spof.data.entries.length === 0 ? (
        <Paper withBorder p="md" radius="md">
          <Text c="dimmed" data-testid="spof-empty">{t('dependencies.spof.empty', { n: hours })}</Text>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped verticalSpacing="sm" data-testid="spof-table" data-hours={spof.data.hours}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right">{t('dependencies.spof.rank')}</Table.Th>
                <Table.Th miw={200}>{t('dependencies.col.name')}</Table.Th>
                <Table.Th miw={110}>{t('dependencies.col.kind')}</Table.Th>
                <Table.Th ta="right">{t('dependencies.spof.peopleAffected')}</Table.Th>
                <Table.Th miw={150}>{t('dependencies.spof.sectorsTouched')}</Table.Th>
                <Table.Th ta="right">{t('dependencies.spof.servicesPastMtpd')}</Table.Th>
                <Table.Th>{t('dependencies.spof.reasonTitle')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {spof.data.entries.map((e, i) => (
                <Table.Tr key={e.id} data-testid="spof-row" data-node-id={e.id} data-kind={e.kind}>
                  <Table.Td ta="right" data-testid="spof-rank">{i + 1}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/dependencies/scenario?nodes=${encodeURIComponent(e.id)}`} size="sm" fw={600} data-testid="spof-name">
                      {pickText(e.name, locale)}
                    </Anchor>
                    {operatorOf(e.id) && <Text size="xs" c="dimmed">{operatorOf(e.id)}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{nodeKindText(t, e)}</Text>
                    {e.sector && <Text size="xs" c="dimmed">{sectorName(e.sector)}</Text>}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="spof-people">{formatCount(e.peopleAffected, locale)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {e.sectorsTouched.map((s) => <Badge key={s} size="sm" variant="outline" style={{ overflow: 'visible' }} maw="none">{sectorName(s)}</Badge>)}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{e.servicesPastMtpd.length}</Table.Td>
                  <Table.Td>
                    <Reason entry={e} serviceName={serviceName} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
