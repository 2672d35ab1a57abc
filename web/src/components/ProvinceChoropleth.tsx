import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import {
  TooltipComponent,
  VisualMapComponent,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { useEChart } from './useEChart';

echarts.use([MapChart, VisualMapComponent, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<MapSeriesOption | VisualMapComponentOption | TooltipComponentOption>;

/** The name the province boundaries are registered under, for pages that draw their own map series. */
export const PROVINCE_MAP = 'vn-provinces';
const MAP_NAME = PROVINCE_MAP;

/** The boundaries are public and cached by the browser; register them once per page load. */
let geoLoad: Promise<void> | null = null;
export function loadProvinceGeo(): Promise<void> {
  geoLoad ??= fetch('/api/geo/provinces')
    .then((r) => {
      if (!r.ok) throw new ApiError(r.status, 'geo', '');
      return r.json();
    })
    .then((geo: Parameters<typeof echarts.registerMap>[1]) => {
      if (!echarts.getMap(MAP_NAME)) echarts.registerMap(MAP_NAME, geo);
    })
    .catch((e: unknown) => {
      geoLoad = null;
      throw e instanceof ApiError ? e : new ApiError(0, 'network', '');
    });
  return geoLoad;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface ChoroplethProps {
  /** province code → figure (null: no data) */
  values: Map<string, number | null>;
  /** province code → full name */
  names: Map<string, string>;
  label: string;
  format(value: number): string;
  onPick?(code: string): void;
  testId?: string;
  /** low → high; default blues */
  colors?: string[];
  /** a second tooltip line for a province */
  detail?(code: string): string;
  /** the registered map to draw (default: the provinces); a province's communes with `loadCommuneGeo` */
  mapName?: string;
}

/**
 * The communes' boundaries (simplified 2025 shapes): a province's (`{ province }`) or a commune among its neighbours
 * (`{ around }`); registered once under the returned name.
 */
const communeGeo = new Map<string, Promise<string>>();
export function loadCommuneGeo(q: { province: string } | { around: string }): Promise<string> {
  const name = 'province' in q ? `communes-${q.province}` : `around-${q.around}`;
  const url = 'province' in q ? `/api/geo/communes?province=${q.province}` : `/api/geo/communes?around=${q.around}`;
  let load = communeGeo.get(name);
  if (!load) {
    load = fetch(url)
      .then((r) => {
        if (!r.ok) throw new ApiError(r.status, 'geo', '');
        return r.json();
      })
      .then((geo: Parameters<typeof echarts.registerMap>[1]) => {
        if (!echarts.getMap(name)) echarts.registerMap(name, geo);
        return name;
      })
      .catch((e: unknown) => {
        communeGeo.delete(name);
        throw e instanceof ApiError ? e : new ApiError(0, 'network', '');
      });
    communeGeo.set(name, load);
  }
  return load;
}

const BLUES = ['#e0ecf8', '#7fb0dd', '#2f6fb3', '#0b3a75'];

/** The 34 provinces coloured by one figure. Call `loadProvinceGeo()` before rendering it. */
export function ProvinceChoropleth({
  values,
  names,
  label,
  format,
  onPick,
  testId = 'map',
  colors = BLUES,
  detail,
  mapName = MAP_NAME,
}: ChoroplethProps) {
  const { t } = useI18n();
  const { el, chart } = useEChart();

  useEffect(() => {
    const c = chart.current;
    if (!c || !onPick) return;
    const handler = (p: { data?: unknown; name: string }) => {
      if (p.data) onPick(p.name);
    };
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [chart, onPick]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const data = [...values]
      .filter((e): e is [string, number] => e[1] != null)
      .map(([name, value]) => ({ name, value }));
    const nums = data.map((d) => d.value);
    const phone = window.innerWidth < 640;
    const option: Option = {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0] : p;
          if (!item) return '';
          const v = values.get(item.name);
          const more = detail ? `<br/>${escapeHtml(detail(item.name))}` : '';
          return (
            `<strong>${escapeHtml(names.get(item.name) ?? item.name)}</strong><br/>` +
            `${escapeHtml(label)}: ${v == null ? escapeHtml(t('map.noData')) : format(v)}${more}`
          );
        },
      },
      visualMap: {
        type: 'continuous',
        min: nums.length ? Math.min(...nums) : 0,
        max: nums.length ? Math.max(...nums) : 1,
        text: [t('map.high'), t('map.low')],
        calculable: true,
        orient: phone ? 'horizontal' : 'vertical',
        left: phone ? 'center' : 8,
        bottom: 8,
        inRange: { color: colors },
        formatter: (v) => format(Number(v)),
        textStyle: { color: '#1f2933' },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: !phone,
          scaleLimit: { min: 1, max: 8 },
          aspectScale: 1,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          itemStyle: { areaColor: '#eef0f2', borderColor: '#ffffff', borderWidth: 0.8 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#f5b841' } },
          select: { disabled: true },
          data,
        },
      ],
    };
    c.setOption(option, true);
  }, [chart, values, names, label, format, colors, detail, t, mapName]);

  return <div ref={el} className="map-canvas" role="img" aria-label={label} data-testid={testId} />;
}
