import type { ChartOption } from '../../components/EChart';
import { formatNumber, type ChartTable, type SuppressionReason, type TableCell } from '../../components/chartTable';
import { cellAt, textAt } from './dashboardTables';

/**
 * ECharts options drawn from the same tables the table view and CSV show, so the three never disagree.
 * Suppressed values are never drawn as 0: a bar is left out and the category says why; a heatmap cell is
 * left blank (grey, marked) with the reason in its tooltip.
 */

export interface ChartText {
  locale: string;
  suppression: (reason: SuppressionReason) => string;
  noValue: string;
}

/** Colours of the submission statuses, in the order draft → accepted (grey, blue, violet, orange, green). */
export const STATUS_COLORS: Readonly<Record<string, string>> = {
  draft: '#adb5bd',
  submitted: '#4dabf7',
  under_review: '#9775fa',
  returned: '#ff922b',
  accepted: '#40c057',
};

function cellText(cell: TableCell, format: 'percent' | 'maturity' | 'count', text: ChartText): string {
  if (cell.kind === 'suppressed') return text.suppression(cell.reason);
  if (cell.kind === 'value') return cell.value === null ? text.noValue : formatNumber(cell.value, format, text.locale);
  return cell.text;
}

/** Height that gives each category row room for its bars and label. */
export function barChartHeight(categories: number, seriesCount: number): number {
  return Math.max(200, 60 + categories * Math.max(28, 14 + seriesCount * 14));
}

/** Stacked horizontal bars: one bar per table row (category column), one stack segment per count column. */
export function stackedBarOption(
  table: ChartTable,
  categoryColumn: string,
  stackColumns: readonly string[],
  text: ChartText,
  colors: Readonly<Record<string, string>> = {},
): ChartOption {
  const categories = table.rows.map((r) => textAt(r, categoryColumn));
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: categories, inverse: true },
    series: stackColumns.map((key) => {
      const column = table.columns.find((c) => c.key === key);
      return {
        type: 'bar' as const,
        name: column?.label ?? key,
        stack: 'total',
        ...(colors[key] ? { itemStyle: { color: colors[key] } } : {}),
        emphasis: { focus: 'series' as const },
        data: table.rows.map((r) => {
          const cell = cellAt(r, key);
          return cell.kind === 'value' && cell.value !== null && cell.value !== 0 ? cell.value : null;
        }),
      };
    }),
  };
}

export interface BarSeriesSpec {
  column: string;
  color?: string;
}

/**
 * Grouped horizontal bars: one category per table row, one series per value column. A share is drawn in
 * percent (0–100), a maturity on its 0–5 scale. A category with a suppressed value carries the reason under
 * its name, and its bar is absent (not zero).
 */
export function groupedBarOption(
  table: ChartTable,
  categoryColumn: string,
  series: readonly BarSeriesSpec[],
  format: 'percent' | 'maturity',
  text: ChartText,
): ChartOption {
  const scale = format === 'percent' ? 100 : 1;
  const categories = table.rows.map((r) => textAt(r, categoryColumn));
  const notes = suppressionNotes(table, series.map((s) => s.column), text);
  return {
    aria: { enabled: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number; seriesIndex: number; marker: string; seriesName: string }[];
        const first = list[0];
        if (!first) return '';
        const row = table.rows[first.dataIndex];
        if (!row) return '';
        const lines = series.map((s, i) => {
          const column = table.columns.find((c) => c.key === s.column);
          const marker = list.find((p) => p.seriesIndex === i)?.marker ?? '';
          return `${marker}${escapeHtml(column?.label ?? s.column)}: ${escapeHtml(cellText(cellAt(row, s.column), format, text))}`;
        });
        return [`<b>${escapeHtml(textAt(row, categoryColumn))}</b>`, ...lines].join('<br/>');
      },
    },
    legend: series.length > 1 ? { top: 0 } : { show: false },
    grid: { left: 8, right: 48, top: series.length > 1 ? 36 : 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: format === 'percent' ? 100 : 5,
      axisLabel: { formatter: format === 'percent' ? '{value}%' : '{value}' },
    },
    yAxis: {
      type: 'category',
      data: categories,
      inverse: true,
      axisLabel: {
        formatter: (name: string, index: number) => (notes[index] ? `{name|${name}}\n{hidden|${notes[index]}}` : name),
        rich: { name: { align: 'right' }, hidden: { color: '#868e96', fontSize: 11, align: 'right', padding: [2, 0, 0, 0] } },
      },
    },
    series: series.map((s) => {
      const column = table.columns.find((c) => c.key === s.column);
      return {
        type: 'bar' as const,
        name: column?.label ?? s.column,
        barMaxWidth: 24,
        ...(s.color ? { itemStyle: { color: s.color } } : {}),
        label: {
          show: true,
          position: 'right' as const,
          formatter: (p: { dataIndex: number }) => {
            const row = table.rows[p.dataIndex];
            return row ? cellText(cellAt(row, s.column), format, text) : '';
          },
        },
        data: table.rows.map((r) => {
          const cell = cellAt(r, s.column);
          return cell.kind === 'value' && cell.value !== null ? round(cell.value * scale) : null;
        }),
      };
    }),
  };
}

/**
 * Per row, why its bars are missing (the suppression reasons of its cells among the drawn columns), or '' when
 * nothing is suppressed: shown under the category name so an absent bar never reads as zero.
 */
export function suppressionNotes(table: ChartTable, columns: readonly string[], text: ChartText): string[] {
  return table.rows.map((r) => {
    const reasons = new Set<string>();
    for (const c of columns) {
      const cell = cellAt(r, c);
      if (cell.kind === 'suppressed') reasons.add(text.suppression(cell.reason));
    }
    return [...reasons].join(' ');
  });
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface HeatmapSpec {
  /** Columns of the row label (e.g. number and title), joined by a space. */
  labelColumns: readonly string[];
  /** Value columns drawn as cells, left to right. */
  cellColumns: readonly string[];
  /** Marker written in suppressed cells. */
  suppressedMarker: string;
  /** Colour of suppressed cells (outside the value scale). */
  suppressedColor?: string;
}

/** Row label cut to a readable length for the axis; the tooltip and table carry the full text. */
export function shorten(label: string, max = 28): string {
  return [...label].length > max ? `${[...label].slice(0, max - 1).join('')}…` : label;
}

/** The heatmap points: [column, row, percent] for shown values; suppressed cells apart, with their reason. */
export function heatmapPoints(table: ChartTable, cellColumns: readonly string[]) {
  const values: [number, number, number][] = [];
  const hidden: { value: [number, number, number]; reason: SuppressionReason }[] = [];
  table.rows.forEach((row, y) => {
    cellColumns.forEach((key, x) => {
      const cell = cellAt(row, key);
      if (cell.kind === 'value' && cell.value !== null) values.push([x, y, round(cell.value * 100)]);
      else if (cell.kind === 'suppressed') hidden.push({ value: [x, y, 0], reason: cell.reason });
    });
  });
  return { values, hidden };
}

/** Rows drawn at once; more scroll with a slider beside the chart, so a long standard stays readable. */
export const HEATMAP_VISIBLE_ROWS = 40;

export function heatmapHeight(rows: number): number {
  return Math.max(240, 120 + Math.min(rows, HEATMAP_VISIBLE_ROWS) * 26);
}

/**
 * Requirements × groups, coloured by the share of operators with a gap on a fixed 0–100% scale (so two
 * dashboards compare). Suppressed cells are a second series outside the scale: grey with a marker.
 */
export function heatmapOption(table: ChartTable, spec: HeatmapSpec, text: ChartText): ChartOption {
  const { values, hidden } = heatmapPoints(table, spec.cellColumns);
  const xLabels = spec.cellColumns.map((k) => table.columns.find((c) => c.key === k)?.label ?? k);
  const yLabels = table.rows.map((r) => shorten(spec.labelColumns.map((c) => textAt(r, c)).filter(Boolean).join(' ')));
  const tooltip = (x: number, y: number) => {
    const row = table.rows[y];
    const key = spec.cellColumns[x];
    if (!row || key === undefined) return '';
    const label = spec.labelColumns.map((c) => textAt(row, c)).filter(Boolean).join(' ');
    return `<b>${escapeHtml(label)}</b><br/>${escapeHtml(xLabels[x] ?? '')}: ${escapeHtml(cellText(cellAt(row, key), 'percent', text))}`;
  };
  return {
    aria: { enabled: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const v = (p as { value?: unknown }).value;
        return Array.isArray(v) ? tooltip(Number(v[0]), Number(v[1])) : '';
      },
    },
    grid: { left: 8, right: table.rows.length > HEATMAP_VISIBLE_ROWS ? 40 : 16, top: 48, bottom: 64, containLabel: true },
    ...(table.rows.length > HEATMAP_VISIBLE_ROWS
      ? { dataZoom: [{ type: 'slider' as const, yAxisIndex: 0, startValue: 0, endValue: HEATMAP_VISIBLE_ROWS - 1, right: 8, width: 16, filterMode: 'none' as const, showDetail: false, zoomLock: true }] }
      : {}),
    xAxis: { type: 'category', data: xLabels, position: 'top', splitArea: { show: true }, axisLabel: { interval: 0, rotate: xLabels.length > 6 ? 30 : 0 } },
    yAxis: { type: 'category', data: yLabels, inverse: true, splitArea: { show: true }, axisLabel: { interval: 0 } },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min: 0,
      max: 100,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 8,
      formatter: (v: unknown) => `${Math.round(Number(v))}%`,
      inRange: { color: ['#ebfbee', '#ffe066', '#fa5252'] },
    },
    series: [
      {
        type: 'heatmap',
        data: values,
        label: { show: true, formatter: (p: { value?: unknown }) => (Array.isArray(p.value) ? `${Math.round(Number(p.value[2]))}%` : '') },
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      },
      {
        type: 'heatmap',
        data: hidden.map((h) => h.value),
        itemStyle: { color: spec.suppressedColor ?? '#f1f3f5', borderColor: '#dee2e6', borderWidth: 1 },
        label: { show: true, formatter: () => spec.suppressedMarker, color: '#868e96' },
      },
    ],
  };
}
