import { Button, Group, Paper, ScrollArea, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { buildCsv, csvFileName, formatNumber, type ChartTable, type SuppressionReason, type TableCell, type TableColumn } from './chartTable';

/** The label of a suppressed aggregate: never a 0 in its place. */
export function useSuppressionLabel() {
  const { t } = useTranslation();
  return (reason: SuppressionReason) =>
    reason === 'too_few_operators' ? t('dashboards.suppressed.tooFewOperators') : t('dashboards.suppressed.complementary');
}

/** Offers text as a file download without a round trip to the server. */
export function downloadText(content: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns; revoke on the next tick.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Cell({ cell, column }: { cell: TableCell | undefined; column: TableColumn }) {
  const { t } = useTranslation();
  const suppressionLabel = useSuppressionLabel();
  const locale = currentLocale();
  if (!cell) return <Table.Td />;
  switch (cell.kind) {
    case 'text':
      return <Table.Td>{cell.text}</Table.Td>;
    case 'value':
      return (
        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
          {cell.value === null ? (
            <Text span c="dimmed" size="sm" title={t('dashboards.noValueHint')}>
              {t('dashboards.noValue')}
            </Text>
          ) : (
            formatNumber(cell.value, column.format, locale)
          )}
        </Table.Td>
      );
    case 'suppressed':
      return (
        <Table.Td ta="right" data-suppressed={cell.reason}>
          <Text span c="dimmed" size="sm" fs="italic">
            {suppressionLabel(cell.reason)}
          </Text>
        </Table.Td>
      );
  }
}

/** The table view of a chart: the same rows the chart draws, formatted for the current language. */
export function DataTable({ table, testId, caption }: { table: ChartTable; testId?: string; caption: string }) {
  return (
    <ScrollArea.Autosize mah={560} type="auto">
      <Table striped highlightOnHover withTableBorder stickyHeader data-testid={testId} fz="sm" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((c) => (
              <Table.Th key={c.key} ta={c.format === 'text' ? 'left' : 'right'} style={{ whiteSpace: 'nowrap' }}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.key}>
              {table.columns.map((c) => (
                <Cell key={c.key} cell={row.cells[c.key]} column={c} />
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

interface ChartCardProps {
  title: string;
  description?: ReactNode;
  table: ChartTable;
  /** The chart; absent when there is nothing to draw, and then only the table shows. */
  chart: ReactNode | null;
  /** File name of the CSV, without extension. */
  fileName: string;
  testId?: string;
  /** data-testid of the table view (default: `<testId>-table`). */
  tableTestId?: string;
  /** Start on the table view (e.g. a chart that would be empty). */
  initialView?: 'chart' | 'table';
  children?: ReactNode;
}

/**
 * A titled card holding a chart with its table view (chart / table toggle) and a CSV download of that table. The table
 * is always there: it is the accessible form of the chart and what people paste into reports.
 */
export function ChartCard({ title, description, table, chart, fileName, testId, tableTestId, initialView = 'chart', children }: ChartCardProps) {
  const { t } = useTranslation();
  const suppressionLabel = useSuppressionLabel();
  const headingId = useId();
  const [view, setView] = useState<'chart' | 'table'>(chart ? initialView : 'table');
  const shown = chart ? view : 'table';

  const download = () => {
    const csv = buildCsv(table, { reasonColumn: t('dashboards.csv.reasonColumn'), reason: suppressionLabel });
    downloadText(csv, csvFileName(fileName), 'text/csv;charset=utf-8');
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={headingId} data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        <Group gap="xs">
          {chart && (
            <SegmentedControl
              size="xs"
              value={shown}
              onChange={(v) => setView(v === 'table' ? 'table' : 'chart')}
              aria-label={t('dashboards.view.label')}
              data={[
                { value: 'chart', label: t('dashboards.view.chart') },
                { value: 'table', label: t('dashboards.view.table') },
              ]}
            />
          )}
          <Button size="xs" variant="default" onClick={download} disabled={table.rows.length === 0}>
            {t('dashboards.csv.download')}
          </Button>
        </Group>
      </Group>
      {table.rows.length === 0 ? (
        <Text c="dimmed">{t('dashboards.empty')}</Text>
      ) : shown === 'chart' ? (
        chart
      ) : (
        <DataTable table={table} caption={title} testId={tableTestId ?? (testId ? `${testId}-table` : undefined)} />
      )}
      {children}
    </Paper>
  );
}
