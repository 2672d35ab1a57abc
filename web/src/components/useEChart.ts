import { useEffect, useRef } from 'react';
import { init, type ECharts } from 'echarts/core';

/**
 * A chart bound to a div: created on mount, resized with its box, disposed on unmount.
 * The page registers the chart types it uses (`echarts.use([...])`) before rendering.
 */
export function useEChart(onInit?: (chart: ECharts) => void) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    const c = init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    onInit?.(c);
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
    // The chart lives as long as the component: onInit runs once.
  }, []);
  return { el, chart };
}
