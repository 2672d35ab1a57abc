import { useEffect, useMemo, useState } from 'react';
import * as echarts from 'echarts/core';
import { useEChart } from '../components/useEChart';
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent, type TooltipComponentOption, type VisualMapComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, ApiError, type UnitItem, type UnitPage } from '../api';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { collator, formatInteger, formatNumber, todayInVietnam } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { Link, navigate } from '../router';

echarts.use([MapChart, VisualMapComponent, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<MapSeriesOption | VisualMapComponentOption | TooltipComponentOption>;

const MAP_NAME = 'vn-provinces';
const METRICS = ['population', 'area', 'density', 'communes', 'phuong', 'xa'] as const;
type Metric = (typeof METRICS)[number];

function figure(u: UnitItem, m: Metric): number | null {
  switch (m) {
    case 'population':
      return u.population;
    case 'area':
      return u.areaKm2;
    case 'density':
      return u.population != null && u.areaKm2 ? u.population / u.areaKm2 : null;
    case 'communes':
      return u.counts?.total ?? null;
    case 'phuong':
      return u.counts?.phuong ?? null;
    case 'xa':
      return u.counts?.xa ?? null;
  }
}
const show = (m: Metric, v: number) => (m === 'area' ? formatNumber(v) : formatInteger(v));

/** The boundaries are public and cached by the browser; register them once per page load. */
let geoLoad: Promise<void> | null = null;
function loadGeo(): Promise<void> {
  geoLoad ??= fetch('/api/geo/provinces')
    .then((r) => {
      if (!r.ok) throw new ApiError(r.status, 'geo', '');
      return r.json();
    })
    .then((geo: Parameters<typeof echarts.registerMap>[1]) => echarts.registerMap(MAP_NAME, geo))
    .catch((e: unknown) => {
      geoLoad = null;
      throw e instanceof ApiError ? e : new ApiError(0, 'network', '');
    });
  return geoLoad;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export default function MapPage() {
  const { t } = useI18n();
  const [metric, setMetric] = useState<Metric>('population');
  const data = useLoad(
    async (signal) => {
      const [, units] = await Promise.all([loadGeo(), api.get<UnitPage>('/api/units', { level: 'province', pageSize: 50, at: todayInVietnam() }, signal)]);
      return units.items;
    },
    [],
  );
  const metricLabel = t(`map.metric.${metric}` as MessageKey);

  const ranked = useMemo(
    () =>
      (data.data ?? [])
        .map((u) => ({ u, v: figure(u, metric) }))
        .sort((a, b) => (b.v ?? -1) - (a.v ?? -1) || collator.compare(a.u.name, b.u.name)),
    [data.data, metric],
  );

  return (
    <div className="map-page">
      <h1>{t('map.title')}</h1>
      <div className="filters">
        <label className="field">
          <span>{t('map.metric')}</span>
          <select name="metric" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`map.metric.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted map-hint">{t('map.hint')}</p>
      </div>
      {data.error ? (
        <ErrorBox error={data.error} onRetry={data.reload} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <div className="map-layout">
          <ProvinceMap units={data.data} metric={metric} metricLabel={metricLabel} />
          <section className="panel map-list" aria-label={metricLabel}>
            <h2>{metricLabel}</h2>
            <ol>
              {ranked.map(({ u, v }) => (
                <li key={u.code}>
                  <Link href={`/units/${u.code}`}>{u.name}</Link>
                  <span className="num">{v == null ? t('map.noData') : show(metric, v)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </div>
  );
}

function ProvinceMap({ units, metric, metricLabel }: { units: UnitItem[]; metric: Metric; metricLabel: string }) {
  const { t } = useI18n();
  const { el, chart } = useEChart((c) =>
    c.on('click', (p) => {
      if (p.data) navigate(`/units/${p.name}`);
    }),
  );

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const byCode = new Map(units.map((u) => [u.code, u]));
    const values = units.map((u) => ({ name: u.code, value: figure(u, metric) })).filter((d): d is { name: string; value: number } => d.value != null);
    const nums = values.map((d) => d.value);
    const phone = window.innerWidth < 640;
    const option: Option = {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0] : p;
          const u = item ? byCode.get(item.name) : undefined;
          if (!u) return '';
          const v = figure(u, metric);
          return `<strong>${escapeHtml(u.fullName)}</strong><br/>${escapeHtml(metricLabel)}: ${v == null ? escapeHtml(t('map.noData')) : show(metric, v)}`;
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
        inRange: { color: ['#e0ecf8', '#7fb0dd', '#2f6fb3', '#0b3a75'] },
        formatter: (v) => show(metric, Number(v)),
        textStyle: { color: '#1f2933' },
      },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          nameProperty: 'code',
          roam: !phone,
          scaleLimit: { min: 1, max: 8 },
          aspectScale: 1,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          itemStyle: { areaColor: '#eef0f2', borderColor: '#ffffff', borderWidth: 0.8 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#f5b841' } },
          select: { disabled: true },
          data: values,
        },
      ],
    };
    c.setOption(option, true);
  }, [units, metric, metricLabel, t]);

  return <div ref={el} className="map-canvas" role="img" aria-label={metricLabel} data-testid="map" />;
}
