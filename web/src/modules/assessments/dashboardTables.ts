import {
  suppressed,
  text,
  value,
  type ChartTable,
  type ColumnFormat,
  type TableCell,
  type TableColumn,
  type TableRow,
} from '../../components/chartTable';
import {
  SUBMISSION_STATUSES,
  type AggregateRow,
  type HeatmapRow,
  type KpiView,
  type Localized,
  type SectorStatus,
  type SubmissionStatus,
  type TrendRow,
} from './dashboardTypes';

/**
 * Dashboard API rows → the tables shown beside each chart and written as CSV. Pure: every label comes in
 * through `names`/`headers`, so the same functions serve both languages and the tests.
 */

/** Names of the groups an aggregate id is made of: 'national', 'sector:<id>', 'tier:<id>', joined by '/'. */
export interface GroupNames {
  national: string;
  sector: (id: string) => string;
  tier: (id: string) => string;
}

export function groupName(id: string, names: GroupNames): string {
  return id
    .split('/')
    .map((part) => {
      if (part === 'national') return names.national;
      const [kind, ...rest] = part.split(':');
      const ref = rest.join(':');
      if (kind === 'sector') return names.sector(ref);
      if (kind === 'tier') return names.tier(ref);
      return part;
    })
    .join(' / ');
}

/** National first, then sectors, then tiers, then combinations; the API's order within each. */
function groupRank(id: string): number {
  if (id === 'national') return 0;
  if (id.includes('/')) return 3;
  if (id.startsWith('sector:')) return 1;
  if (id.startsWith('tier:')) return 2;
  return 4;
}

export function orderGroups<T extends { id: string }>(rows: readonly T[]): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => groupRank(a.row.id) - groupRank(b.row.id) || a.index - b.index)
    .map((x) => x.row);
}

/** The cell of one aggregate: its value, or that it is suppressed and why (never a 0 in its place). */
export function aggregateCell(row: AggregateRow | undefined): TableCell {
  if (!row) return value(null);
  return row.suppressed ? suppressed(row.reason) : value(row.value);
}

export function pick(text: Localized, locale: string): string {
  return locale === 'en' ? text.en || text.ja : text.ja;
}

export interface StatusHeaders extends Record<SubmissionStatus, string> {
  sector: string;
  total: string;
}

/** Submission status per sector: one row per sector, a column per status and the total. */
export function statusTable(status: readonly SectorStatus[], sectorName: (id: string) => string, headers: StatusHeaders): ChartTable {
  const columns: TableColumn[] = [
    { key: 'sector', label: headers.sector, format: 'text' },
    ...SUBMISSION_STATUSES.map((s) => ({ key: s, label: headers[s], format: 'count' as const })),
    { key: 'total', label: headers.total, format: 'count' },
  ];
  const rows: TableRow[] = status.map((s) => ({
    key: s.sectorId,
    cells: {
      sector: text(sectorName(s.sectorId)),
      ...Object.fromEntries(SUBMISSION_STATUSES.map((k) => [k, value(s.counts[k])])),
      total: value(s.total),
    },
  }));
  return { columns, rows };
}

/** Is there anything to compare with: a previous cycle with at least one value shown for this measure. */
export function hasPrevious(trend: readonly TrendRow[]): boolean {
  return trend.some((t) => t.previous !== null);
}

export interface AggregateHeaders {
  group: string;
  operators: string;
  value: string;
  previous: string;
  delta: string;
}

/**
 * One measure per group (score or maturity): group, operators counted, value, and when the previous cycle
 * shows values, its value and the difference. A group only in the previous cycle is left out (nothing to compare).
 */
export function aggregateTable(
  rows: readonly AggregateRow[],
  trend: readonly TrendRow[],
  names: GroupNames,
  headers: AggregateHeaders,
  format: 'percent' | 'maturity',
): ChartTable {
  const withTrend = hasPrevious(trend);
  const byId = new Map(trend.map((t) => [t.id, t]));
  const columns: TableColumn[] = [
    { key: 'group', label: headers.group, format: 'text' },
    { key: 'operators', label: headers.operators, format: 'count' },
    { key: 'value', label: headers.value, format },
  ];
  if (withTrend) {
    columns.push({ key: 'previous', label: headers.previous, format });
    columns.push({ key: 'delta', label: headers.delta, format: format === 'percent' ? 'delta' : 'maturityDelta' });
  }
  return {
    columns,
    rows: orderGroups(rows).map((r) => {
      const t = byId.get(r.id);
      const cells: Record<string, TableCell> = {
        group: text(groupName(r.id, names)),
        operators: value(r.operatorCount),
        value: aggregateCell(r),
      };
      if (withTrend) {
        cells.previous = value(t?.previous ?? null);
        cells.delta = value(t?.delta ?? null);
      }
      return { key: r.id, cells };
    }),
  };
}

/** Groups (national, sectors…) present in any of the rows, in display order. */
export function groupsOf(rows: readonly AggregateRow[]): string[] {
  const seen: AggregateRow[] = [];
  const ids = new Set<string>();
  for (const r of rows) {
    if (ids.has(r.id)) continue;
    ids.add(r.id);
    seen.push(r);
  }
  return orderGroups(seen).map((r) => r.id);
}

/** Per-chapter scores: a row per chapter (in the API's natural order), a column per group. */
export function chapterTable(chapters: readonly AggregateRow[], names: GroupNames, chapterHeader: string): ChartTable {
  const groups = groupsOf(chapters);
  const order: string[] = [];
  const byChapter = new Map<string, Map<string, AggregateRow>>();
  for (const r of chapters) {
    const chapter = r.dims.chapter ?? r.measure.replace(/^score:chapter:/, '');
    if (!byChapter.has(chapter)) {
      byChapter.set(chapter, new Map());
      order.push(chapter);
    }
    byChapter.get(chapter)!.set(r.id, r);
  }
  return {
    columns: [
      { key: 'chapter', label: chapterHeader, format: 'text' },
      ...groups.map((g) => ({ key: g, label: groupName(g, names), format: 'percent' as const })),
    ],
    rows: order.map((chapter) => ({
      key: chapter,
      cells: {
        chapter: text(chapter),
        ...Object.fromEntries(groups.map((g) => [g, aggregateCell(byChapter.get(chapter)!.get(g))])),
      },
    })),
  };
}

export interface HeatmapHeaders {
  number: string;
  title: string;
}

/** The gap heatmap as a table: a row per requirement (number, title), a column per cell (national, sectors). */
export function heatmapTable(heatmap: readonly HeatmapRow[], names: GroupNames, headers: HeatmapHeaders, locale: string): ChartTable {
  const groups = groupsOf(heatmap.flatMap((h) => h.cells));
  return {
    columns: [
      { key: 'number', label: headers.number, format: 'text' },
      { key: 'title', label: headers.title, format: 'text' },
      ...groups.map((g) => ({ key: g, label: groupName(g, names), format: 'percent' as const })),
    ],
    rows: heatmap.map((h) => {
      const byId = new Map(h.cells.map((c) => [c.id, c]));
      return {
        key: h.lineage,
        cells: {
          number: text(h.number),
          title: text(pick(h.title, locale)),
          ...Object.fromEntries(groups.map((g) => [g, aggregateCell(byId.get(g))])),
        },
      };
    }),
  };
}

/** Shares are percentages; a mean maturity KPI is a level 0–5. */
export function kpiFormat(kpi: Pick<KpiView, 'definition'>): 'percent' | 'maturity' {
  return kpi.definition.kind === 'mean_maturity' ? 'maturity' : 'percent';
}

/** One KPI: a row per group with value (and previous value and difference when there was a previous cycle). */
export function kpiTable(kpi: KpiView, names: GroupNames, headers: AggregateHeaders): ChartTable {
  return aggregateTable(kpi.rows, kpi.trend, names, headers, kpiFormat(kpi));
}

/** The value cells of one column, for charts: suppressed and missing values are null (drawn as nothing). */
export function columnValues(table: ChartTable, column: string): (number | null)[] {
  return table.rows.map((r) => {
    const cell = r.cells[column];
    return cell?.kind === 'value' ? cell.value : null;
  });
}

/** The cell of a row and column, or a missing value. */
export function cellAt(row: TableRow, column: string): TableCell {
  return row.cells[column] ?? value(null);
}

export function textAt(row: TableRow, column: string): string {
  const cell = row.cells[column];
  return cell?.kind === 'text' ? cell.text : '';
}

export type { ColumnFormat };
