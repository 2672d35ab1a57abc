import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ErrorBox, Loading, useLoad } from './common';
import { loadCommuneGeo } from './ProvinceChoropleth';
import { useEChart } from './useEChart';
import { useI18n } from '../i18n';

echarts.use([MapChart, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<MapSeriesOption | TooltipComponentOption>;

interface GeoFeature {
  properties: { code: string; fullName: string };
}

/**
 * A commune on the map among the communes it shares a border with (the 2025 boundaries, simplified): the commune in
 * colour, its neighbours named around it.
 */
export function NeighbourMap({ code }: { code: string }) {
  const { t } = useI18n();
  const geo = useLoad(async () => {
    const name = await loadCommuneGeo({ around: code });
    const map = echarts.getMap(name) as unknown as { geoJSON?: { features: GeoFeature[] } } | undefined;
    return { name, features: map?.geoJSON?.features ?? [] };
  }, [code]);
  return (
    <section className="panel">
      <h2>{t('board.neighbourMap')}</h2>
      {geo.error ? (
        <ErrorBox error={geo.error} onRetry={geo.reload} />
      ) : !geo.data ? (
        <Loading />
      ) : (
        <>
          <Drawing mapName={geo.data.name} code={code} features={geo.data.features} />
          <p className="muted small">{t('board.neighbourNote', { n: Math.max(0, geo.data.features.length - 1) })}</p>
        </>
      )}
    </section>
  );
}

function Drawing({ mapName, code, features }: { mapName: string; code: string; features: GeoFeature[] }) {
  const { el, chart } = useEChart();
  useEffect(() => {
    const option: Option = {
      tooltip: {
        trigger: 'item',
        formatter: (p) =>
          Array.isArray(p) ? '' : String((p.data as { fullName?: string } | undefined)?.fullName ?? ''),
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: false,
          aspectScale: 1,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          label: {
            show: true,
            fontSize: 11,
            color: '#1f2933',
            formatter: (p) => String((p.data as { fullName?: string } | undefined)?.fullName ?? ''),
          },
          itemStyle: { areaColor: '#eef0f2', borderColor: '#8a94a0', borderWidth: 0.8 },
          emphasis: { label: { show: true }, itemStyle: { areaColor: '#f5d27a' } },
          select: { disabled: true },
          data: features.map((f) => ({
            name: f.properties.code,
            fullName: f.properties.fullName,
            itemStyle:
              f.properties.code === code
                ? { areaColor: '#2f6fb3', borderColor: '#0b3a75', borderWidth: 1.5 }
                : { areaColor: '#e6edf5' },
          })),
        },
      ],
    };
    chart.current?.setOption(option, true);
  }, [chart, mapName, code, features]);
  return <div ref={el} className="map-canvas" role="img" data-testid="neighbour-map" />;
}
