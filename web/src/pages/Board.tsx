import { useCallback, useEffect, useMemo, useState } from 'react';
import * as echarts from 'echarts/core';
import { useEChart } from '../components/useEChart';
import { loadCommuneGeo, loadProvinceGeo, ProvinceChoropleth } from '../components/ProvinceChoropleth';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { NeighbourMap } from '../components/NeighbourMap';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, withQuery, type UnitItem, type UnitPage } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, useLoad } from '../components/common';
import {
  FIELDS,
  figureHref,
  fieldLabel,
  GROUP_FIGURES,
  type Board,
  type BoardTrend,
  type Congestion,
  type DossierFigure,
  type Figures,
} from '../dossiers';
import { byName, formatDate, formatInteger, formatMonth, formatNumber, todayInVietnam } from '../format';
import { DateRangeFields } from '../components/DateRangeFields';
import { useI18n, type MessageKey } from '../i18n';
import { Link, navigate, useLocation } from '../router';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

function daysBefore(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

const TOP_ROWS = 20;
const pct = (v: number | null) => (v == null ? '—' : `${formatNumber(v)}%`);

export default function BoardPage() {
  const { t, lang } = useI18n();
  const { user } = useUser();
  const { query } = useLocation();
  const today = todayInVietnam();
  const f = {
    province: user.provinceCode ?? query.get('province') ?? '',
    commune: user.communeCode ?? query.get('commune') ?? '',
    field: query.get('field') ?? '',
    from: query.get('from') ?? daysBefore(today, 29),
    to: query.get('to') ?? today,
  };
  const set = (next: Partial<typeof f>) => {
    const cur = new URLSearchParams(window.location.search);
    const v = {
      province: cur.get('province') ?? '',
      commune: cur.get('commune') ?? '',
      field: cur.get('field') ?? '',
      from: cur.get('from') ?? '',
      to: cur.get('to') ?? '',
      ...next,
    };
    if ('province' in next) v.commune = '';
    const p = new URLSearchParams();
    for (const [k, val] of Object.entries(v))
      if (val && !(k === 'province' && user.provinceCode) && !(k === 'commune' && user.communeCode)) p.set(k, val);
    const qs = p.toString();
    navigate('/board' + (qs ? '?' + qs : ''), { replace: true });
  };
  const [badDate, setBadDate] = useState(false);

  const provinces = useLoad(
    (signal) =>
      user.role === 'ministry' || user.role === 'admin' || user.role === 'viewer'
        ? api
            .get<UnitPage>('/api/units', { level: 'province', pageSize: 50 }, signal)
            .then((r) => [...r.items].sort(byName))
        : Promise.resolve([] as UnitItem[]),
    [user.role],
  );
  const communes = useLoad(
    (signal) =>
      f.province && user.role !== 'commune'
        ? api
            .get<UnitPage>('/api/units', { level: 'commune', province: f.province, pageSize: 500 }, signal)
            .then((r) => [...r.items].sort(byName))
        : Promise.resolve([] as UnitItem[]),
    [f.province, user.role],
  );
  const provinceName = useLoad(
    (signal) =>
      f.province
        ? api.get<UnitItem>(`/api/units/${f.province}`, undefined, signal).then((u) => u.fullName)
        : Promise.resolve(''),
    [f.province],
  );

  const unit = user.role === 'commune' ? undefined : f.commune || f.province || undefined;
  const board = useLoad(
    (signal) => api.get<Board>('/api/dashboards/dossiers', { unit, from: f.from, to: f.to, field: f.field }, signal),
    [unit, f.from, f.to, f.field],
  );

  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of provinces.data ?? []) m.set(p.code, p.fullName);
    for (const c of communes.data ?? []) m.set(c.code, c.fullName);
    if (f.province && provinceName.data) m.set(f.province, t('board.provinceCenter', { name: provinceName.data }));
    return m;
  }, [provinces.data, communes.data, provinceName.data, f.province, t]);
  const nameOf = (code: string) => names.get(code) ?? code;

  return (
    <div className="board-page">
      <h1>{t('board.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        {(provinces.data?.length ?? 0) > 0 && (
          <label className="field">
            <span>{t('board.province')}</span>
            <select name="province" value={f.province} onChange={(e) => set({ province: e.target.value })}>
              <option value="">{t('board.wholeCountry')}</option>
              {provinces.data!.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        {user.role !== 'commune' && f.province && (
          <label className="field">
            <span>{t('board.commune')}</span>
            <select name="commune" value={f.commune} onChange={(e) => set({ commune: e.target.value })}>
              <option value="">{t('board.wholeProvince')}</option>
              {(communes.data ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('dossiers.field')}</span>
          <select name="field" value={f.field} onChange={(e) => set({ field: e.target.value })}>
            <option value="">{t('dossiers.allFields')}</option>
            {FIELDS.map((x) => (
              <option key={x} value={x}>
                {fieldLabel(t, x)}
              </option>
            ))}
          </select>
        </label>
        <DateRangeFields from={f.from} to={f.to} onApply={(key, iso) => set({ [key]: iso })} onInvalid={setBadDate} />
        <a
          className="btn"
          href={withQuery('/api/dashboards/dossiers/export', { unit, from: f.from, to: f.to, field: f.field, lang })}
          download
          data-testid="board-export"
        >
          {t('board.export')}
        </a>
      </form>
      {badDate && (
        <p className="alert alert-error" role="alert">
          {t('units.badDate')}
        </p>
      )}
      {board.error ? (
        <ErrorBox error={board.error} onRetry={board.reload} />
      ) : !board.data ? (
        <Loading />
      ) : (
        <div aria-busy={board.loading}>
          <p className="muted as-of">
            {t('board.period', {
              from: formatDate(board.data.period.from),
              to: formatDate(board.data.period.to),
              today: formatDate(board.data.today),
            })}
          </p>
          <Cards b={board.data} field={f.field} />
          <TrendChart unit={unit} field={f.field} />
          {board.data.scope.kind === 'country' && (
            <OverdueMap rows={board.data.byUnit} nameOf={nameOf} onPick={(code) => set({ province: code })} />
          )}
          {board.data.scope.kind === 'province' && board.data.scope.provinceCode && (
            <OverdueMap
              rows={board.data.byUnit}
              nameOf={nameOf}
              province={board.data.scope.provinceCode}
              onPick={(code) => set({ commune: code })}
            />
          )}
          {board.data.scope.kind === 'commune' && board.data.scope.communeCode && (
            <NeighbourMap code={board.data.scope.communeCode} />
          )}
          {board.data.byUnit.length > 0 && <UnitChart rows={board.data.byUnit} nameOf={nameOf} />}
          <FigureTable
            title={t('board.byField')}
            firstCol={t('board.col.field')}
            rows={board.data.byField.map((r) => ({ key: r.field, label: fieldLabel(t, r.field), ...r }))}
            testId="by-field"
          />
          {board.data.scope.kind !== 'commune' && (
            <FigureTable
              title={t('board.byUnit')}
              firstCol={t('board.col.unit')}
              rows={board.data.byUnit.map((r) => ({ key: r.unitCode, label: nameOf(r.unitCode), ...r }))}
              testId="by-unit"
            />
          )}
        </div>
      )}
      {user.role !== 'commune' && <CongestionPanel province={f.province} nameOf={nameOf} />}
    </div>
  );
}

/** The board's place as the dossier list names it: a commune by `unit`, a province by `province`, the country by neither. */
export const listPlace = (scope: Board['scope']) =>
  scope.kind === 'commune'
    ? { unit: scope.communeCode }
    : scope.kind === 'province'
      ? { province: scope.provinceCode }
      : {};

function Cards({ b, field }: { b: Board; field: string }) {
  const { t } = useI18n();
  const x = b.totals;
  const cards: {
    key: string;
    label: MessageKey;
    value: string;
    sub?: string;
    tone?: 'bad' | 'warn';
    /** the dossiers behind the figure (docs/dossier-figures.md) */
    drill?: readonly DossierFigure[];
  }[] = [
    { key: 'received', label: 'board.card.received', value: formatInteger(x.received), drill: ['received'] },
    { key: 'inProgress', label: 'board.card.inProgress', value: formatInteger(x.inProgress) },
    {
      key: 'dueToday',
      label: 'board.card.dueToday',
      value: formatInteger(x.dueToday),
      tone: x.dueToday > 0 ? 'warn' : undefined,
    },
    {
      key: 'overdue',
      label: 'board.card.overdue',
      value: formatInteger(x.overdue),
      tone: x.overdue > 0 ? 'bad' : undefined,
    },
    {
      key: 'onTime',
      label: 'board.card.onTime',
      value: pct(x.onTimeRate),
      // 766: over all the period's dossiers; those still open within their time count as on time
      sub: x.onTimeIncludesOpen
        ? t('board.ofN', {
            n: formatInteger(x.finishedOnTime + x.inProgress - x.overdue),
            d: formatInteger(x.finished + x.inProgress),
          })
        : t('board.ofN', { n: formatInteger(x.finishedOnTime), d: formatInteger(x.finished) }),
      drill: GROUP_FIGURES.progress,
    },
    {
      key: 'online',
      label: 'board.card.online',
      value: pct(x.onlineRate),
      // 766: over the dossiers of procedures offered online
      sub: t('board.card.onlineOf', { n: formatInteger(x.receivedOnline), d: formatInteger(x.receivedOfferedOnline) }),
      drill: GROUP_FIGURES.online,
    },
    {
      key: 'digitized',
      label: 'board.card.digitized',
      value: pct(x.digitizationRate),
      // 766: the input and the result
      sub: t('board.ofN', {
        n: formatInteger(x.receivedDigitized + x.finishedWithEResult),
        d: formatInteger(x.received + x.finished),
      }),
      drill: GROUP_FIGURES.digitization,
    },
    {
      key: 'eResult',
      label: 'board.card.eResult',
      value: pct(x.eResultRate),
      sub: t('board.ofN', { n: formatInteger(x.finishedWithEResult), d: formatInteger(x.finished) }),
      drill: ['no_e_result'],
    },
    {
      key: 'satisfaction',
      label: 'board.card.satisfaction',
      // 766: satisfaction in handling = 100 % − (overdue rate + rate with a complaint or a dissatisfied rating)
      value: pct(x.handlingSatisfactionRate),
      // beside it, the share of satisfied ratings (named as such)
      sub: t('board.card.satisfiedShare', { n: pct(x.satisfactionRate) }),
      drill: GROUP_FIGURES.satisfaction,
    },
    {
      key: 'index766',
      label: 'board.card.index766',
      value:
        x.index766.percent == null
          ? '—'
          : `${formatNumber(x.index766.percent)}% · ${t(`board.band766.${x.index766.band}` as MessageKey)}`,
      sub:
        x.index766.total == null
          ? undefined
          : x.index766.notMeasured.length
            ? t('board.card.index766Sub', {
                total: formatNumber(x.index766.total),
                outOf: formatInteger(x.index766.outOf),
                missing: x.index766.notMeasured.map((g) => t(`board.group766.${g}` as MessageKey)).join(', '),
              })
            : t('board.card.index766SubAll', {
                total: formatNumber(x.index766.total),
                outOf: formatInteger(x.index766.outOf),
              }),
    },
    {
      key: 'wait',
      label: 'board.card.wait',
      value: x.avgWaitMinutes == null ? '—' : t('board.minutes', { n: formatNumber(x.avgWaitMinutes) }),
    },
    { key: 'queue', label: 'board.card.queue', value: formatInteger(x.queue) },
  ];
  return (
    <dl className="cards" data-testid="board-cards">
      {cards.map((c) => (
        <div key={c.key} className={`card${c.tone ? ` card-${c.tone}` : ''}`} data-testid={`card-${c.key}`}>
          <dt>{t(c.label)}</dt>
          <dd>
            <span className="card-value">{c.value}</span>
            {c.sub && <span className="card-sub">{c.sub}</span>}
            {c.drill?.map((fig) => (
              <Link
                key={fig}
                className="card-sub"
                href={figureHref(listPlace(b.scope), b.period, fig, field)}
                data-testid={`drill-${fig}`}
              >
                {t(`figure.link.${fig}` as MessageKey)}
              </Link>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FigureTable({
  title,
  firstCol,
  rows,
  testId,
}: {
  title: string;
  firstCol: string;
  rows: (Figures & { key: string; label: string; index766?: Board['totals']['index766'] })[];
  testId: string;
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  // the places' lines carry their own 766 index (the fields' lines do not)
  const withIndex = rows.some((r) => r.index766);
  const sorted = [...rows].sort((a, b) => b.received - a.received || a.label.localeCompare(b.label, 'vi'));
  const shown = all ? sorted : sorted.slice(0, TOP_ROWS);
  return (
    <section className="panel">
      <h2>{title}</h2>
      {sorted.length === 0 ? (
        <p className="muted">{t('board.noData')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone" data-testid={testId}>
            <thead>
              <tr>
                <th>{firstCol}</th>
                <th className="num">{t('board.col.received')}</th>
                <th className="num">{t('board.col.finished')}</th>
                <th className="num">{t('board.col.onTime')}</th>
                <th className="num">{t('board.col.online')}</th>
                <th className="num">{t('board.col.digitized')}</th>
                <th className="num">{t('board.col.eResult')}</th>
                <th className="num">{t('board.col.satisfaction')}</th>
                {withIndex && <th className="num">{t('board.card.index766')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.key}>
                  <td data-label={firstCol}>{r.label}</td>
                  <td data-label={t('board.col.received')} className="num">
                    {formatInteger(r.received)}
                  </td>
                  <td data-label={t('board.col.finished')} className="num">
                    {formatInteger(r.finished)}
                  </td>
                  <td data-label={t('board.col.onTime')} className="num">
                    {pct(r.onTimeRate)}
                  </td>
                  <td data-label={t('board.col.online')} className="num">
                    {pct(r.onlineRate)}
                  </td>
                  <td data-label={t('board.col.digitized')} className="num">
                    {pct(r.digitizationRate)}
                  </td>
                  <td data-label={t('board.col.eResult')} className="num">
                    {pct(r.eResultRate)}
                  </td>
                  <td data-label={t('board.col.satisfaction')} className="num">
                    {pct(r.satisfactionRate)}
                  </td>
                  {withIndex && (
                    <td data-label={t('board.card.index766')} className="num">
                      {r.index766?.percent == null
                        ? '—'
                        : `${formatNumber(r.index766.percent)}% · ${t(`board.band766.${r.index766.band}` as MessageKey)}`}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sorted.length > TOP_ROWS && (
        <button type="button" className="btn btn-small show-all" aria-expanded={all} onClick={() => setAll((x) => !x)}>
          {all ? t('board.showTop', { n: TOP_ROWS }) : t('board.showAll', { n: sorted.length })}
        </button>
      )}
    </section>
  );
}

function UnitChart({ rows, nameOf }: { rows: (Figures & { unitCode: string })[]; nameOf(code: string): string }) {
  const { t } = useI18n();
  const { el, chart } = useEChart();
  const top = useMemo(
    () =>
      [...rows]
        .sort((a, b) => b.received - a.received)
        .slice(0, 15)
        .reverse(),
    [rows],
  );

  useEffect(() => {
    const option: Option = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatInteger(Number(v)) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatInteger(v) } },
      yAxis: {
        type: 'category',
        data: top.map((r) => nameOf(r.unitCode)),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('board.col.received'),
          data: top.map((r) => r.received),
          itemStyle: { color: '#2f6fb3' },
        },
        {
          type: 'bar',
          name: t('board.col.finished'),
          data: top.map((r) => r.finished),
          itemStyle: { color: '#1d6b34' },
        },
      ],
    };
    chart.current?.setOption(option, true);
  }, [top, nameOf, t]);

  return (
    <section className="panel">
      <h2>{t('board.chart')}</h2>
      <div
        ref={el}
        className="bar-chart"
        style={{ height: `${Math.max(160, 60 + top.length * 34)}px` }}
        role="img"
        aria-label={t('board.chart')}
        data-testid="board-chart"
      />
    </section>
  );
}

function CongestionPanel({ province, nameOf }: { province: string; nameOf(code: string): string }) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) =>
      province
        ? api.get<Congestion>('/api/dashboards/dossiers/congestion', { province }, signal)
        : Promise.resolve(null),
    [province],
  );
  return (
    <section className="panel" aria-labelledby="congestion-title" data-testid="congestion">
      <h2 id="congestion-title">{t('congestion.title')}</h2>
      <p className="muted small">{t('congestion.hint')}</p>
      {!province ? (
        <p className="muted">{t('congestion.pick')}</p>
      ) : res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.congested.length === 0 ? (
        <p className="empty" data-testid="congestion-none">
          {t('congestion.none')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th>{t('congestion.col.unit')}</th>
                <th className="num">{t('congestion.col.open')}</th>
                <th className="num">{t('congestion.col.growth')}</th>
                <th className="num">{t('congestion.col.overdue')}</th>
                <th>{t('congestion.col.instead')}</th>
              </tr>
            </thead>
            <tbody>
              {res.data.congested.map((c) => (
                <tr key={c.unitCode} className="row-overdue">
                  <td data-label={t('congestion.col.unit')} className="strong">
                    {nameOf(c.unitCode)}
                  </td>
                  <td data-label={t('congestion.col.open')} className="num">
                    {formatInteger(c.open)}
                  </td>
                  <td data-label={t('congestion.col.growth')} className="num">
                    +{formatInteger(c.growth)}
                  </td>
                  <td data-label={t('congestion.col.overdue')} className="num">
                    {pct(c.overdueShare)}
                  </td>
                  <td data-label={t('congestion.col.instead')}>
                    {c.receiveInstead.map(nameOf).join(', ') || t('common.none')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The country's congestion at a glance: each province by the share of what it holds that is overdue. */
function OverdueMap({
  rows,
  nameOf,
  onPick,
  province,
}: {
  rows: Board['byUnit'];
  nameOf(code: string): string;
  onPick(code: string): void;
  /** a province: its communes' map; none: the provinces' */
  province?: string;
}) {
  const { t } = useI18n();
  const geo = useLoad(
    () => (province ? loadCommuneGeo({ province }) : loadProvinceGeo().then(() => undefined)),
    [province],
  );
  const values = useMemo(
    () => new Map(rows.map((r) => [r.unitCode, r.inProgress ? (r.overdue / r.inProgress) * 100 : null])),
    [rows],
  );
  const names = useMemo(() => new Map(rows.map((r) => [r.unitCode, nameOf(r.unitCode)])), [rows, nameOf]);
  const format = useCallback((v: number) => `${formatNumber(Math.round(v * 10) / 10)}%`, []);
  return (
    <section className="card">
      <h2>{t(province ? 'board.overdueMapCommunes' : 'board.overdueMap')}</h2>
      {geo.error ? (
        <ErrorBox error={geo.error} onRetry={geo.reload} />
      ) : geo.loading ? (
        <Loading />
      ) : (
        <ProvinceChoropleth
          key={geo.data ?? 'provinces'}
          values={values}
          names={names}
          label={t('board.overdueShare')}
          format={format}
          onPick={onPick}
          testId={province ? 'commune-map' : 'overdue-map'}
          mapName={geo.data ?? undefined}
        />
      )}
    </section>
  );
}

/** Received and finished by month, with the on-time rate, over the last 12 months (from the daily summaries). */
function TrendChart({ unit, field }: { unit?: string; field: string }) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) => api.get<BoardTrend>('/api/dashboards/dossiers/trend', { unit, field }, signal),
    [unit, field],
  );
  const { el, chart } = useEChart();
  const months = res.data?.months;
  useEffect(() => {
    if (!months) return;
    const option: Option = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => formatMonth(m.month)) },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatInteger(v) } },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
      ],
      series: [
        {
          type: 'bar',
          name: t('board.col.received'),
          data: months.map((m) => m.received),
          itemStyle: { color: '#2f6fb3' },
          tooltip: { valueFormatter: (v) => formatInteger(Number(v)) },
        },
        {
          type: 'bar',
          name: t('board.col.finished'),
          data: months.map((m) => m.finished),
          itemStyle: { color: '#1d6b34' },
          tooltip: { valueFormatter: (v) => formatInteger(Number(v)) },
        },
        {
          type: 'line',
          name: t('board.col.onTime'),
          yAxisIndex: 1,
          data: months.map((m) => m.onTimeRate),
          itemStyle: { color: '#b7791f' },
          tooltip: { valueFormatter: (v) => pct(v == null ? null : Number(v)) },
        },
      ],
    };
    chart.current?.setOption(option, true);
  }, [months, chart, t]);
  return (
    <section className="panel">
      <h2>{t('board.trend')}</h2>
      {res.error ? <ErrorBox error={res.error} onRetry={res.reload} /> : null}
      <div
        ref={el}
        className="bar-chart"
        style={{ height: '300px' }}
        role="img"
        aria-label={t('board.trend')}
        data-testid="board-trend"
      />
    </section>
  );
}
