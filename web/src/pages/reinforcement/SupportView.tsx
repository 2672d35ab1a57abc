import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { ErrorBox, Loading, useLoad } from '../../components/common';
import { formatDate, formatInteger } from '../../format';
import { useI18n } from '../../i18n';
import type { Coverage, PhaseList, ReportsStatus } from '../../../../src/modules/reinforcement/contract';
import { Link } from '../../router';
import * as echarts from 'echarts/core';
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import {
  TooltipComponent,
  VisualMapComponent,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../components/useEChart';
import { loadProvinceGeo, PROVINCE_MAP } from '../../components/ProvinceChoropleth';
import { useProvinceNames } from './shared';

echarts.use([MapChart, VisualMapComponent, TooltipComponent, CanvasRenderer]);
type MapOption = echarts.ComposeOption<MapSeriesOption | VisualMapComponentOption | TooltipComponentOption>;

// ---------- the Ministry's support group ----------

export function SupportView() {
  const { t } = useI18n();
  const phases = useLoad((signal) => api.get<PhaseList>('/api/reinforcement/phases', undefined, signal), []);
  const [phaseId, setPhaseId] = useState('');
  const id = phaseId || phases.data?.items[0]?.id || '';
  const provinces = useProvinceNames();
  const cov = useLoad(
    (signal) =>
      id ? api.get<Coverage>(`/api/reinforcement/phases/${id}/coverage`, undefined, signal) : Promise.resolve(null),
    [id],
  );
  const status = useLoad(
    (signal) =>
      id
        ? api.get<ReportsStatus>(`/api/reinforcement/phases/${id}/reports-status`, undefined, signal)
        : Promise.resolve(null),
    [id],
  );
  const [openProvince, setOpenProvince] = useState<string | null>(null);
  const [mapProvince, setMapProvince] = useState<string | null>(null);

  if (phases.error) return <ErrorBox error={phases.error} onRetry={phases.reload} />;
  if (!phases.data) return <Loading />;
  if (!id) return <p className="empty">{t('rf.noPhase')}</p>;
  const pName = (c: string) => provinces.get(c) ?? c;
  const behind = (status.data?.officers ?? [])
    .filter((o) => o.late > 0 || o.due > 0)
    .sort((a, b) => b.late - a.late || b.due - a.due);

  return (
    <div className="rf-page">
      <h1>{t('rf.support.title')}</h1>
      <label className="field">
        <span>{t('rf.phase')}</span>
        <select value={id} onChange={(e) => setPhaseId(e.target.value)}>
          {phases.data.items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({formatDate(p.startsOn)} – {formatDate(p.endsOn)})
            </option>
          ))}
        </select>
      </label>

      <section className="panel" aria-labelledby="rf-reports-title" data-testid="rf-reports-status">
        <h2 id="rf-reports-title">{t('rf.reports.title')}</h2>
        {status.error ? (
          <ErrorBox error={status.error} onRetry={status.reload} />
        ) : !status.data ? (
          <Loading />
        ) : (
          <>
            <dl className="cards">
              {(['submitted', 'submitted_late', 'due', 'late'] as const).map((k) => (
                <div
                  key={k}
                  className={
                    'card' +
                    (k === 'late' && status.data!.totals.late > 0
                      ? ' card-bad'
                      : k === 'due' || k === 'submitted_late'
                        ? ' card-warn'
                        : '')
                  }
                  data-testid={`rf-card-${k}`}
                >
                  <dt>{t(`rf.reports.${k}`)}</dt>
                  <dd>
                    <span className="card-value">{formatInteger(status.data!.totals[k])}</span>
                  </dd>
                </div>
              ))}
            </dl>
            {behind.length === 0 ? (
              <p className="muted">{t('rf.reports.allIn')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table cards-on-phone">
                  <thead>
                    <tr>
                      <th>{t('rf.officer')}</th>
                      <th>{t('rf.province')}</th>
                      <th className="num">{t('rf.reports.due')}</th>
                      <th className="num">{t('rf.reports.late')}</th>
                      <th>{t('rf.reports.weeks')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {behind.map((o) => (
                      <tr key={o.username}>
                        <td data-label={t('rf.officer')}>
                          {o.displayName} <span className="muted small">({o.username})</span>
                        </td>
                        <td data-label={t('rf.province')}>{pName(o.provinceCode)}</td>
                        <td data-label={t('rf.reports.due')} className="num">
                          {o.due}
                        </td>
                        <td data-label={t('rf.reports.late')} className={`num${o.late ? ' text-bad strong' : ''}`}>
                          {o.late}
                        </td>
                        <td data-label={t('rf.reports.weeks')} className="small">
                          {o.weeks
                            .filter((w) => w.state === 'late' || w.state === 'due')
                            .map((w) => formatDate(w.weekStart))
                            .join(', ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="rf-map-title" data-testid="rf-map-panel">
        <h2 id="rf-map-title">{t('rf.map.title')}</h2>
        <p className="muted small">{t('rf.map.hint')}</p>
        {cov.error ? (
          <ErrorBox error={cov.error} onRetry={cov.reload} />
        ) : !cov.data ? (
          <Loading />
        ) : (
          <div className="map-layout">
            <CoverageMap coverage={cov.data} names={provinces} onPick={setMapProvince} />
            <div className="map-list" data-testid="rf-map-side" aria-live="polite">
              {mapProvince ? (
                <>
                  <h3>{pName(mapProvince)}</h3>
                  {(() => {
                    const p = cov.data.provinces.find((x) => x.provinceCode === mapProvince);
                    return p ? (
                      <p className="small">
                        {t('rf.cov.visited')}: <strong>{formatInteger(p.visited)}</strong> / {formatInteger(p.communes)}{' '}
                        ({share(p)}%) · {p.officers.map((o) => o.displayName).join(', ') || '—'}
                      </p>
                    ) : null;
                  })()}
                  <NotVisited phaseId={id} province={mapProvince} />
                </>
              ) : (
                <p className="muted">{t('rf.map.pick')}</p>
              )}
            </div>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="rf-cov-title" data-testid="rf-coverage">
        <h2 id="rf-cov-title">{t('rf.cov.title')}</h2>
        {cov.error ? (
          <ErrorBox error={cov.error} onRetry={cov.reload} />
        ) : !cov.data ? (
          <Loading />
        ) : (
          <div className="table-wrap">
            <table className="table cards-on-phone">
              <thead>
                <tr>
                  <th>{t('rf.province')}</th>
                  <th>{t('rf.officer')}</th>
                  <th className="num">{t('rf.cov.communes')}</th>
                  <th className="num">{t('rf.cov.visited')}</th>
                  <th className="num">{t('rf.cov.notVisited')}</th>
                </tr>
              </thead>
              <tbody>
                {[...cov.data.provinces]
                  .sort((a, b) => b.notVisited / Math.max(1, b.communes) - a.notVisited / Math.max(1, a.communes))
                  .map((p) => (
                    <CoverageRow
                      key={p.provinceCode}
                      p={p}
                      name={pName(p.provinceCode)}
                      phaseId={id}
                      open={openProvince === p.provinceCode}
                      onToggle={() => setOpenProvince((o) => (o === p.provinceCode ? null : p.provinceCode))}
                    />
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const share = (p: { communes: number; visited: number }) =>
  p.communes ? Math.round((p.visited * 1000) / p.communes) / 10 : 0;
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 34 provinces coloured by the share of their communes visited in the phase; a click picks a province. */
export function CoverageMap({
  coverage,
  names,
  onPick,
}: {
  coverage: Coverage;
  names: Map<string, string>;
  onPick(code: string): void;
}) {
  const { t } = useI18n();
  const geo = useLoad(() => loadProvinceGeo().then(() => true), []);
  const pick = useRef(onPick);
  pick.current = onPick;
  const { el, chart } = useEChart((c) =>
    c.on('click', (p) => {
      if (p.name) pick.current(p.name);
    }),
  );
  useEffect(() => {
    const c = chart.current;
    if (!c || !geo.data) return;
    const byCode = new Map(coverage.provinces.map((p) => [p.provinceCode, p]));
    const phone = window.innerWidth < 640;
    const option: MapOption = {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0] : p;
          const cp = item ? byCode.get(item.name) : undefined;
          if (!item || !cp) return '';
          return (
            `<strong>${escapeHtml(names.get(item.name) ?? item.name)}</strong><br/>` +
            `${escapeHtml(t('rf.map.share'))}: ${share(cp)}% (${formatInteger(cp.visited)}/${formatInteger(cp.communes)})<br/>` +
            `${escapeHtml(t('rf.cov.notVisited'))}: ${formatInteger(cp.notVisited)}`
          );
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        // the scale ends at the best province (rounded up to 10%), so early in a phase the map still shows contrast
        max: Math.min(100, Math.max(10, Math.ceil(Math.max(0, ...coverage.provinces.map(share)) / 10) * 10)),
        text: [t('rf.map.high'), t('rf.map.low')],
        calculable: true,
        orient: phone ? 'horizontal' : 'vertical',
        left: phone ? 'center' : 8,
        bottom: 8,
        inRange: { color: ['#fde2d2', '#f7b267', '#8cc084', '#2e7d4f'] },
        formatter: (v) => `${Math.round(Number(v))}%`,
        textStyle: { color: '#1f2933' },
      },
      series: [
        {
          type: 'map',
          map: PROVINCE_MAP,
          nameProperty: 'code',
          roam: !phone,
          scaleLimit: { min: 1, max: 8 },
          aspectScale: 1,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          itemStyle: { areaColor: '#eef0f2', borderColor: '#ffffff', borderWidth: 0.8 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#f5b841' } },
          select: { disabled: true },
          data: coverage.provinces.map((p) => ({ name: p.provinceCode, value: share(p) })),
        },
      ],
    };
    c.setOption(option, true);
  }, [coverage, geo.data, names, t]);
  if (geo.error) return <ErrorBox error={geo.error} onRetry={geo.reload} />;
  return <div ref={el} className="map-canvas" role="img" aria-label={t('rf.map.title')} data-testid="rf-map" />;
}

export function CoverageRow({
  p,
  name,
  phaseId,
  open,
  onToggle,
}: {
  p: Coverage['provinces'][number];
  name: string;
  phaseId: string;
  open: boolean;
  onToggle(): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <tr>
        <td data-label={t('rf.province')}>
          <Link href={`/units/${p.provinceCode}`}>{name}</Link>
        </td>
        <td data-label={t('rf.officer')}>{p.officers.map((o) => o.displayName).join(', ') || '—'}</td>
        <td data-label={t('rf.cov.communes')} className="num">
          {formatInteger(p.communes)}
        </td>
        <td data-label={t('rf.cov.visited')} className="num">
          {formatInteger(p.visited)}
        </td>
        <td data-label={t('rf.cov.notVisited')} className="num">
          {p.notVisited > 0 ? (
            <button type="button" className="linklike" aria-expanded={open} onClick={onToggle}>
              {formatInteger(p.notVisited)}
            </button>
          ) : (
            '0'
          )}
        </td>
      </tr>
      {open && (
        <tr className="sub-row">
          <td colSpan={5}>
            <NotVisited phaseId={phaseId} province={p.provinceCode} />
          </td>
        </tr>
      )}
    </>
  );
}

export function NotVisited({ phaseId, province }: { phaseId: string; province: string }) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) => api.get<Coverage>(`/api/reinforcement/phases/${phaseId}/coverage`, { province }, signal),
    [phaseId, province],
  );
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const list = res.data.provinces[0]?.notVisitedCommunes ?? [];
  return (
    <div>
      <strong>{t('rf.cov.listTitle', { n: list.length })}</strong>
      <p className="small">{list.map((c) => c.name).join(' · ')}</p>
    </div>
  );
}
