import { LineChart, ScatterChart, type BarSeriesOption, type LineSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import { MarkLineComponent, type GridComponentOption, type LegendComponentOption, type MarkLineComponentOption, type TooltipComponentOption, type AriaComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import type { ChartOption } from '../../components/EChart';
import type { StepPoint } from './analysis';
import type { Distribution, ProviderType } from './types';

// The shared EChart component registers only what the dashboards draw (bars, heatmaps); the scenario timeline
// also needs a step line, markers and marking lines. Registered here, they load with this module's chunk only.
use([LineChart, ScatterChart, MarkLineComponent]);

type TimelineOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption | AriaComponentOption
>;

/** The EChart component's option type lists what it registers itself; the series registered above are added here. */
const asChartOption = (option: TimelineOption) => option as unknown as ChartOption;

/** Node colours of the graph and charts: services one colour, providers one per type. */
export const SERVICE_COLOR = '#228be6';
export const PROVIDER_COLORS: Readonly<Record<ProviderType, string>> = {
  cloud: '#7950f2',
  data_centre: '#ae3ec9',
  telecom: '#15aabf',
  power: '#fab005',
  logistics: '#fd7e14',
  payment: '#12b886',
  software: '#868e96',
};
export const MTPD_COLOR = '#e03131';

export interface TimelineText {
  locale: string;
  hoursAxis: string;
  peopleAxis: string;
  peopleSeries: string;
  mtpdSeries: string;
  scenarioEnd: string;
  /** Name of the service for a crossing marker's tooltip. */
  serviceName: (id: string) => string;
}

export interface TimelineMarker {
  serviceId: string;
  at: number;
  people: number;
}

/** People affected over time as a step line; services passing their MTPD as red markers on it; the outage's end as a line. */
export function timelineOption(points: readonly StepPoint[], markers: readonly TimelineMarker[], scenarioHours: number, text: TimelineText): ChartOption {
  const number = new Intl.NumberFormat(text.locale, { maximumFractionDigits: 1 });
  return asChartOption({
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: text.hoursAxis, nameLocation: 'middle', nameGap: 24, min: 0 },
    yAxis: { type: 'value', name: text.peopleAxis, minInterval: 1, axisLabel: { formatter: (v: number) => number.format(v) } },
    series: [
      {
        type: 'line',
        name: text.peopleSeries,
        step: 'end',
        symbol: 'none',
        areaStyle: { opacity: 0.15 },
        lineStyle: { width: 2 },
        color: SERVICE_COLOR,
        data: points.map((p) => [p.t, p.people]),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: '#495057' },
          label: { formatter: text.scenarioEnd },
          data: [{ xAxis: scenarioHours }],
        },
      },
      {
        type: 'scatter',
        name: text.mtpdSeries,
        symbol: 'diamond',
        symbolSize: 12,
        color: MTPD_COLOR,
        tooltip: {
          formatter: (p: unknown) => {
            const v = (p as { value: [number, number, string] }).value;
            return `${text.serviceName(v[2])}<br/>${text.hoursAxis}: ${number.format(v[0])}`;
          },
        },
        data: markers.map((m) => [m.at, m.people, m.serviceId]),
      },
    ],
  });
}

export interface HistogramText {
  locale: string;
  valueAxis: string;
  countAxis: string;
  series: string;
  percentiles: { p50: string; p90: string; p99: string };
}

/** A Monte-Carlo distribution's histogram as bars, with p50/p90/p99 as marked lines. */
export function histogramOption(d: Distribution, text: HistogramText): ChartOption {
  const number = new Intl.NumberFormat(text.locale, { maximumFractionDigits: 0 });
  const label = (b: { from: number; to: number }) => `${number.format(b.from)}–${number.format(b.to)}`;
  // Bars sit on categories; a percentile line goes to the bin that holds it.
  const binOf = (v: number) => {
    const i = d.histogram.findIndex((b) => v >= b.from && v <= b.to);
    return i < 0 ? (v < (d.histogram[0]?.from ?? 0) ? 0 : d.histogram.length - 1) : i;
  };
  const categories = d.histogram.map(label);
  return asChartOption({
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 24, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: categories, name: text.valueAxis, nameLocation: 'middle', nameGap: 24, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: text.countAxis, minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: text.series,
        color: '#4c6ef5',
        barCategoryGap: '8%',
        data: d.histogram.map((b) => b.count),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: MTPD_COLOR },
          data: (['p50', 'p90', 'p99'] as const).map((k) => ({
            xAxis: categories[binOf(d[k])] ?? 0,
            // Names only: the values are in the card's description, and three long numbers overlap when close.
            label: { formatter: text.percentiles[k] },
          })),
        },
      },
    ],
  });
}
