import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { BAND_COLOR, bandLabel, periodLabel, type PersonRecord, type Settings } from '../../assessments';
import { useI18n } from '../../i18n';
import { useEChart } from '../useEChart';

echarts.use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<
  LineSeriesOption | GridComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

/** A person's period scores as a line, with the band floors as dashed lines (loaded only when shown). */
export default function ScoreChart({ periods, settings }: { periods: PersonRecord['periods']; settings: Settings }) {
  const { t } = useI18n();
  const { el, chart } = useEChart();
  useEffect(() => {
    const f = settings.bandFloors;
    const floors = [
      { band: 'excellent' as const, v: f.excellent },
      { band: 'good' as const, v: f.good },
      { band: 'completed' as const, v: f.completed },
    ];
    const option: Option = {
      grid: { left: 36, right: 40, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : String(v).replace('.', ',')) },
      xAxis: {
        type: 'category',
        data: periods.map((p) => periodLabel(t, p.period)),
        axisLabel: periods.length <= 6 ? { interval: 0, fontSize: 11 } : { hideOverlap: true },
      },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25 },
      series: [
        {
          type: 'line',
          name: t('as.col.total'),
          data: periods.map((p) =>
            p.score?.total == null
              ? null
              : {
                  value: Math.round(p.score.total * 10) / 10,
                  itemStyle: { color: p.score.band ? BAND_COLOR[p.score.band] : '#323f4b' },
                },
          ),
          connectNulls: true,
          showSymbol: true,
          showAllSymbol: true,
          symbolSize: 10,
          lineStyle: { width: 3, color: '#323f4b' },
          itemStyle: { color: '#323f4b' },
          markLine: {
            silent: true,
            symbol: 'none',
            label: {
              position: 'end',
              formatter: (p) => `≥ ${(p.data as { yAxis?: number }).yAxis ?? ''}`,
              fontSize: 11,
            },
            data: floors.map((x) => ({
              name: bandLabel(t, x.band),
              yAxis: x.v,
              lineStyle: { color: BAND_COLOR[x.band], type: 'dashed' },
            })),
          },
        },
      ],
    };
    chart.current?.setOption(option, true);
  }, [periods, settings, t, chart]);
  const f = settings.bandFloors;
  const floors = [
    ['excellent', f.excellent],
    ['good', f.good],
    ['completed', f.completed],
  ] as const;
  return (
    <figure className="score-figure">
      <div ref={el} className="score-chart" role="img" aria-label={t('as.chart.label')} data-testid="score-chart" />
      <figcaption className="score-legend">
        {floors.map(([band, v]) => (
          <span key={band}>
            <span className="legend-dash" style={{ borderColor: BAND_COLOR[band] }} aria-hidden="true" />{' '}
            {bandLabel(t, band)} ≥ {v}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
