// One ECharts chart. The option comes from a pure function of the API's object (each
// feature's *Chart.ts, unit tested); this component only draws it. ECharts is loaded on
// first use. Tooltips are drawn on the canvas (renderMode richText), so the strict
// Content-Security-Policy needs no inline styles.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { EChartsCoreOption } from 'echarts/core';

type ECharts = ReturnType<typeof import('./echarts').init>;

export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
  value: unknown;
}

let loader: Promise<typeof import('./echarts')> | null = null;
function loadECharts(): Promise<typeof import('./echarts')> {
  loader ??= import('./echarts');
  return loader;
}

// Starts loading ECharts now (a view with charts calls it as it loads, so the library
// arrives while the view's data is on its way, not after).
export function preloadCharts(): void {
  void loadECharts();
}

export function Chart({
  option,
  label,
  height = 280,
  onClick,
  testId,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  onClick?: (event: ChartClick) => void;
  testId?: string;
}): JSX.Element {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadECharts().then(({ init }) => {
      if (disposed || !element.current) return;
      const instance = init(element.current, undefined, { renderer: 'canvas' });
      chart.current = instance;
      instance.on('click', (event) => {
        clickRef.current?.({
          dataIndex: event.dataIndex,
          seriesIndex: event.seriesIndex ?? 0,
          value: event.value,
        });
      });
      instance.setOption(option, true);
      // The end-to-end test finds a point's pixel through the instance (convertToPixel).
      (element.current as HTMLDivElement & { bwChart?: ECharts }).bwChart = instance;
      element.current.dataset.ready = 'true';
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(element.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <div
      ref={element}
      class="chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height: `${height}px` }}
    />
  );
}
