import { BarChart, HeatmapChart, type BarSeriesOption, type HeatmapSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  type AriaComponentOption,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMantineTheme } from '@mantine/core';
import { useEffect, useRef } from 'react';

// Only what the dashboards draw, so the bundle carries bar and heatmap charts and nothing else.
use([BarChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapContinuousComponent, DataZoomComponent, AriaComponent, SVGRenderer]);

/** The chart options the registered charts and components accept. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
  | DataZoomComponentOption
  | AriaComponentOption
>;

interface EChartProps {
  option: ChartOption;
  height: number;
  /** Accessible name of the chart image; the table view carries the figures for screen readers. */
  label: string;
  testId?: string;
}

/**
 * One ECharts instance on a div: created on mount, given the whole option on every change (notMerge, so a
 * removed series disappears), resized with its box, disposed on unmount. SVG rendering keeps Japanese text
 * sharp at any zoom and lets tests read labels from the DOM.
 */
export function EChart({ option, height, label, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // ECharts measures text itself: it must know the page's font, or Japanese labels overlap and get clipped.
  const fontFamily = useMantineTheme().fontFamily;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...option, textStyle: { fontFamily, ...(option.textStyle as object | undefined) } }, { notMerge: true });
  }, [option, fontFamily]);

  useEffect(() => {
    chart.current?.resize();
  }, [height]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
