import { useCallback, useEffect, useMemo, useState } from 'react';
import * as echarts from 'echarts/core';
import { useEChart } from '../components/useEChart';
import { loadProvinceGeo, ProvinceChoropleth } from '../components/ProvinceChoropleth';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, type UnitItem, type UnitPage } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { byName, formatDate, formatInteger, formatNumber } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import {
  AGE_BANDS,
  EDUCATION,
  SHORTFALLS,
  ageBandLabel,
  educationLabel,
  exportHref,
  kindLabel,
  shortfallLabel,
  summaryExportHref,
  useUnitNames,
  type ProvinceFigures,
  type WorkforceSummary,
} from '../workforce';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

const TOP_ROWS = 20;
/** A leadership post vacant this long is shown in red. */
const LONG_VACANCY_DAYS = 90;
const pct = (v: number | null) => (v == null ? '—' : `${formatNumber(v)}%`);

export default function WorkforcePage() {
  const { t } = useI18n();
  const { user } = useUser();
  const { query } = useLocation();
  const f = {
    province: user.provinceCode ?? query.get('province') ?? '',
    commune: user.communeCode ?? query.get('commune') ?? '',
  };
  const set = (next: Partial<typeof f>) => {
    const cur = new URLSearchParams(window.location.search);
    const v = { province: cur.get('province') ?? '', commune: cur.get('commune') ?? '', ...next };
    if ('province' in next) v.commune = '';
    const p = new URLSearchParams();
    if (v.province && !user.provinceCode) p.set('province', v.province);
    if (v.commune && !user.communeCode) p.set('commune', v.commune);
    const qs = p.toString();
    navigate('/workforce' + (qs ? '?' + qs : ''), { replace: true });
  };

  const provinces = useLoad(
    (signal) =>
      user.provinceCode
        ? Promise.resolve([] as UnitItem[])
        : api
            .get<UnitPage>('/api/units', { level: 'province', pageSize: 50 }, signal)
            .then((r) => [...r.items].sort(byName)),
    [user.provinceCode],
  );
  const unit = user.communeCode ? undefined : f.commune || f.province || undefined;
  const res = useLoad((signal) => api.get<WorkforceSummary>('/api/workforce/summary', { unit }, signal), [unit]);
  const xlsx = summaryExportHref(unit);
  const s = res.data;

  const [allVacancies, setAllVacancies] = useState(false);
  const vacancies = s
    ? allVacancies
      ? s.leadershipVacancies.items
      : s.leadershipVacancies.items.slice(0, TOP_ROWS)
    : [];
  const [allSecondments, setAllSecondments] = useState(false);
  const secondments = s ? (allSecondments ? s.secondments : s.secondments.slice(0, TOP_ROWS)) : [];
  // Names of the provinces in view: a secondment comes from a province (two-digit code).
  const { nameOf, units } = useUnitNames([
    f.province,
    s?.scope.provinceCode,
    ...vacancies.map((v) => v.provinceCode),
    ...secondments.map((x) => (x.fromUnitCode?.length === 2 ? x.fromUnitCode : null)),
  ]);
  const communes =
    f.province && !user.communeCode
      ? (units.get(f.province) ?? [])
          .filter((u) => u.level === 'commune')
          .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'))
      : [];
  const scopeLabel = s?.scope.unitCode
    ? nameOf(s.scope.unitCode)
    : s?.scope.provinceCode
      ? nameOf(s.scope.provinceCode)
      : t('scope.country');

  return (
    <div className="workforce-page">
      <div className="page-head">
        <h1>{t('wf.summary.title')}</h1>
        <div className="actions">
          <Link href="/people" className="btn">
            {t('wf.people.title')}
          </Link>
          <a className="btn" href={exportHref(unit ?? user.communeCode)} download data-testid="export-link">
            {t('wf.export')}
          </a>
        </div>
      </div>
      {!user.communeCode && (
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          {!user.provinceCode && (
            <label className="field">
              <span>{t('board.province')}</span>
              <select name="province" value={f.province} onChange={(e) => set({ province: e.target.value })}>
                <option value="">{t('board.wholeCountry')}</option>
                {(provinces.data ?? []).map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.fullName}
                  </option>
                ))}
              </select>
            </label>
          )}
          {f.province && (
            <label className="field">
              <span>{t('board.commune')}</span>
              <select name="commune" value={f.commune} onChange={(e) => set({ commune: e.target.value })}>
                <option value="">{t('board.wholeProvince')}</option>
                {communes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.fullName}
                  </option>
                ))}
              </select>
            </label>
          )}
        </form>
      )}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !s ? (
        <Loading />
      ) : (
        <div aria-busy={res.loading}>
          <p className="muted as-of">
            {t('wf.summary.scope', { scope: scopeLabel })}
            {s.scope.unitCode && (
              <>
                {' · '}
                <Link href={`/workforce/units/${s.scope.unitCode}`}>{t('wf.summary.unitStaffing')}</Link>
              </>
            )}
          </p>
          <Cards s={s} />
          {s.byProvince && !s.scope.provinceCode && (
            <ProvinceSection
              rows={s.byProvince}
              provinces={provinces.data ?? []}
              xlsx={xlsx}
              onPick={(code) => set({ province: code })}
            />
          )}
          <div className="chart-grid">
            <StructureChart
              title={t('wf.chart.age')}
              testId="age-chart"
              xlsx={xlsx}
              rows={AGE_BANDS.map((b) => ({ label: ageBandLabel(t, b), n: s.structure.byAge[b] ?? 0 }))}
              color="#2f6fb3"
            />
            <StructureChart
              title={t('wf.chart.education')}
              testId="education-chart"
              xlsx={xlsx}
              rows={EDUCATION.map((e) => ({ label: educationLabel(t, e), n: s.structure.byEducation[e] ?? 0 }))}
              color="#1d6b34"
              horizontal
            />
          </div>
          <Shortfalls s={s} xlsx={xlsx} />
          <section className="panel" data-testid="vacancies" aria-labelledby="vac-title">
            <SectionHead
              id="vac-title"
              title={t('wf.vac.title', { n: formatInteger(s.leadershipVacancies.total) })}
              xlsx={xlsx}
            />
            {s.leadershipVacancies.items.length === 0 ? (
              <p className="muted">{t('wf.vac.none')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table cards-on-phone">
                  <thead>
                    <tr>
                      <th>{t('wf.col.unit')}</th>
                      <th>{t('wf.vac.post')}</th>
                      <th className="num">{t('wf.vac.seats')}</th>
                      <th>{t('wf.vac.since')}</th>
                      <th className="num">{t('wf.vac.days')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {vacancies.map((v) => (
                      <tr key={`${v.unitCode}-${v.code}`} data-testid="vacancy-row">
                        <td data-label={t('wf.col.unit')}>
                          <Link href={`/workforce/units/${v.unitCode}`}>{nameOf(v.unitCode)}</Link>
                          {!s.scope.provinceCode && v.unitCode !== v.provinceCode && (
                            <span className="block muted small">{nameOf(v.provinceCode)}</span>
                          )}
                        </td>
                        <td data-label={t('wf.vac.post')} className="strong">
                          {v.title}
                        </td>
                        <td data-label={t('wf.vac.seats')} className="num">
                          {formatInteger(v.vacantSeats)}
                        </td>
                        <td data-label={t('wf.vac.since')} className="nowrap">
                          {formatDate(v.vacantSince)}
                        </td>
                        <td
                          data-label={t('wf.vac.days')}
                          className={`num${v.daysVacant >= LONG_VACANCY_DAYS ? ' text-bad' : ''}`}
                        >
                          {t('wf.vac.daysN', { n: formatInteger(v.daysVacant) })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {s.leadershipVacancies.items.length > TOP_ROWS && (
              <button
                type="button"
                className="btn btn-small show-all"
                aria-expanded={allVacancies}
                onClick={() => setAllVacancies((x) => !x)}
              >
                {allVacancies
                  ? t('board.showTop', { n: TOP_ROWS })
                  : t('board.showAll', { n: s.leadershipVacancies.items.length })}
              </button>
            )}
            {s.leadershipVacancies.items.reduce((n, v) => n + v.vacantSeats, 0) < s.leadershipVacancies.total && (
              <p className="muted small">{t('wf.vac.limited', { n: s.leadershipVacancies.items.length })}</p>
            )}
          </section>
          {s.scope.provinceCode && !s.scope.unitCode && <Staffing s={s} nameOf={nameOf} xlsx={xlsx} />}
          <Secondments
            s={s}
            rows={secondments}
            all={allSecondments}
            onAll={() => setAllSecondments((x) => !x)}
            nameOf={nameOf}
            xlsx={xlsx}
          />
        </div>
      )}
    </div>
  );
}

function Cards({ s }: { s: WorkforceSummary }) {
  const { t } = useI18n();
  const r = s.requirements;
  return (
    <dl className="cards" data-testid="wf-cards">
      <div className="card">
        <dt>{t('wf.card.staff')}</dt>
        <dd>
          <span className="card-value">{formatInteger(s.staff)}</span>
        </dd>
      </div>
      <div className={`card${s.staff < s.approvedHeadcount ? ' card-warn' : ''}`}>
        <dt>{t('wf.card.approved')}</dt>
        <dd>
          <span className="card-value">{formatInteger(s.approvedHeadcount)}</span>
          <span className="card-sub">
            {s.approvedHeadcount
              ? t('wf.card.filled', { p: pct(Math.round((s.staff / s.approvedHeadcount) * 1000) / 10) })
              : ''}
          </span>
        </dd>
      </div>
      <div className={`card${s.leadershipVacancies.total > 0 ? ' card-bad' : ''}`}>
        <dt>{t('wf.card.vacancies')}</dt>
        <dd>
          <span className="card-value">{formatInteger(s.leadershipVacancies.total)}</span>
        </dd>
      </div>
      <div className={`card${r.notMeeting > 0 ? ' card-warn' : ''}`}>
        <dt>{t('wf.card.notMeeting')}</dt>
        <dd>
          <span className="card-value">{pct(r.notMeetingRate)}</span>
          <span className="card-sub">
            {t('board.ofN', { n: formatInteger(r.notMeeting), d: formatInteger(r.assessed) })}
          </span>
        </dd>
      </div>
    </dl>
  );
}

/** A section's title with the link to the summary workbook (a sheet per section). */
function SectionHead({ id, title, xlsx }: { id?: string; title: string; xlsx: string }) {
  const { t } = useI18n();
  return (
    <div className="panel-head wrap">
      <h2 id={id}>{title}</h2>
      <a
        className="btn btn-small"
        href={xlsx}
        download
        title={t('wf.summaryExport.title')}
        data-testid="summary-export"
      >
        {t('wf.summaryExport')}
      </a>
    </div>
  );
}

function Shortfalls({ s, xlsx }: { s: WorkforceSummary; xlsx: string }) {
  const { t } = useI18n();
  const r = s.requirements;
  const rows = [
    ...SHORTFALLS,
    ...Object.keys(r.shortfalls).filter((k) => !(SHORTFALLS as readonly string[]).includes(k)),
  ]
    .map((k) => ({ k, n: r.shortfalls[k] ?? 0 }))
    .sort((a, b) => b.n - a.n);
  return (
    <section className="panel" data-testid="shortfalls" aria-labelledby="sf-title">
      <SectionHead id="sf-title" title={t('wf.sf.title')} xlsx={xlsx} />
      <p className="muted small">{t('wf.sf.hint', { n: formatInteger(r.notMeeting), d: formatInteger(r.assessed) })}</p>
      <div className="table-wrap">
        <table className="table cards-on-phone">
          <thead>
            <tr>
              <th>{t('wf.sf.reason')}</th>
              <th className="num">{t('wf.sf.people')}</th>
              <th className="num">{t('wf.sf.share')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.k}>
                <td data-label={t('wf.sf.reason')}>{shortfallLabel(t, x.k)}</td>
                <td data-label={t('wf.sf.people')} className="num">
                  {formatInteger(x.n)}
                </td>
                <td data-label={t('wf.sf.share')} className="num">
                  {r.assessed ? pct(Math.round((x.n / r.assessed) * 1000) / 10) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Staffing({ s, nameOf, xlsx }: { s: WorkforceSummary; nameOf(code: string): string; xlsx: string }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  // Largest gap first: the units that most need staff.
  const rows = [...s.byUnit].sort(
    (a, b) => b.approvedHeadcount - b.staff - (a.approvedHeadcount - a.staff) || a.unitCode.localeCompare(b.unitCode),
  );
  const shown = all ? rows : rows.slice(0, TOP_ROWS);
  return (
    <section className="panel" data-testid="staffing" aria-labelledby="staffing-title">
      <SectionHead id="staffing-title" title={t('wf.staffing.title')} xlsx={xlsx} />
      <div className="table-wrap">
        <table className="table cards-on-phone">
          <thead>
            <tr>
              <th>{t('wf.col.unit')}</th>
              <th className="num">{t('wf.card.approved')}</th>
              <th className="num">{t('wf.card.staff')}</th>
              <th className="num">{t('wf.staffing.gap')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.unitCode}>
                <td data-label={t('wf.col.unit')}>
                  <Link href={`/workforce/units/${u.unitCode}`}>{nameOf(u.unitCode)}</Link>
                </td>
                <td data-label={t('wf.card.approved')} className="num">
                  {formatInteger(u.approvedHeadcount)}
                </td>
                <td data-label={t('wf.card.staff')} className="num">
                  {formatInteger(u.staff)}
                </td>
                <td data-label={t('wf.staffing.gap')} className="num">
                  {u.approvedHeadcount > u.staff ? formatInteger(u.approvedHeadcount - u.staff) : t('common.none')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > TOP_ROWS && (
        <button type="button" className="btn btn-small show-all" aria-expanded={all} onClick={() => setAll((x) => !x)}>
          {all ? t('board.showTop', { n: TOP_ROWS }) : t('board.showAll', { n: rows.length })}
        </button>
      )}
    </section>
  );
}

function Secondments({
  s,
  rows,
  all,
  onAll,
  nameOf,
  xlsx,
}: {
  s: WorkforceSummary;
  rows: WorkforceSummary['secondments'];
  all: boolean;
  onAll(): void;
  nameOf(code: string | null): string;
  xlsx: string;
}) {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="secondments" aria-labelledby="sec-title">
      <SectionHead id="sec-title" title={t('wf.sec.title', { n: formatInteger(s.secondmentsTotal) })} xlsx={xlsx} />
      {s.secondments.length === 0 ? (
        <p className="muted">{t('wf.sec.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th>{t('wf.sec.person')}</th>
                <th>{t('wf.sec.route')}</th>
                <th>{t('wf.history.kind')}</th>
                <th>{t('wf.sec.start')}</th>
                <th>{t('wf.sec.end')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr key={`${x.personId}-${x.startDate}-${x.unitCode}`}>
                  <td data-label={t('wf.sec.person')}>
                    <Link href={`/people/${x.personId}`} className="strong">
                      {x.fullName}
                    </Link>
                  </td>
                  <td data-label={t('wf.sec.route')}>
                    {x.fromUnitCode ? nameOf(x.fromUnitCode) : t('common.none')} → {nameOf(x.unitCode)}
                  </td>
                  <td data-label={t('wf.history.kind')}>{kindLabel(t, x.kind)}</td>
                  <td data-label={t('wf.sec.start')} className="nowrap">
                    {formatDate(x.startDate)}
                  </td>
                  <td data-label={t('wf.sec.end')} className="nowrap">
                    {x.endDate ? formatDate(x.endDate) : t('common.none')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s.secondments.length > TOP_ROWS && (
        <button type="button" className="btn btn-small show-all" aria-expanded={all} onClick={onAll}>
          {all ? t('board.showTop', { n: TOP_ROWS }) : t('board.showAll', { n: s.secondments.length })}
        </button>
      )}
    </section>
  );
}

function StructureChart({
  title,
  rows,
  color,
  testId,
  xlsx,
  horizontal = false,
}: {
  title: string;
  rows: { label: string; n: number }[];
  color: string;
  testId: string;
  xlsx: string;
  horizontal?: boolean;
}) {
  const { t } = useI18n();
  const { el, chart } = useEChart();
  const total = useMemo(() => rows.reduce((s, r) => s + r.n, 0), [rows]);

  useEffect(() => {
    const categories = { type: 'category' as const, data: rows.map((r) => r.label) };
    const values = {
      type: 'value' as const,
      minInterval: 1,
      axisLabel: { formatter: (v: number) => formatInteger(v) },
    };
    // Long labels (education levels) read best on a horizontal chart, lowest level at the bottom.
    const option: Option = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatInteger(Number(v)) },
      grid: { left: 8, right: horizontal ? 48 : 16, top: 24, bottom: 8, containLabel: true },
      xAxis: horizontal ? values : { ...categories, axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: horizontal ? { ...categories, axisLabel: { width: 150, overflow: 'truncate' } } : values,
      series: [
        {
          type: 'bar',
          name: t('wf.card.staff'),
          data: rows.map((r) => r.n),
          itemStyle: { color },
          barMaxWidth: horizontal ? 26 : 48,
          label: {
            show: true,
            position: horizontal ? 'right' : 'top',
            formatter: (p) => formatInteger(Number(p.value)),
          },
        },
      ],
    };
    chart.current?.setOption(option, true);
  }, [rows, color, horizontal, t]);

  return (
    <section className="panel">
      <SectionHead title={title} xlsx={xlsx} />
      <div
        ref={el}
        className="bar-chart"
        style={{ height: '260px' }}
        role="img"
        aria-label={`${title}: ${rows.map((r) => `${r.label} ${formatInteger(r.n)}`).join(', ')}`}
        data-testid={testId}
      />
      <p className="muted small">{t('wf.chart.total', { n: formatInteger(total) })}</p>
    </section>
  );
}

const MAP_METRICS = ['filled', 'vacancies', 'notMeeting'] as const;
type MapMetric = (typeof MAP_METRICS)[number];
const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : null);
function mapFigure(p: ProvinceFigures, m: MapMetric): number | null {
  if (m === 'filled') return ratio(p.staff, p.approvedHeadcount);
  if (m === 'vacancies') return p.leadershipVacancies;
  return ratio(p.notMeeting, p.assessed);
}
const showFigure = (m: MapMetric, v: number | null) =>
  v == null ? '—' : m === 'vacancies' ? formatInteger(v) : pct(v);

/** The Ministry's map: the 34 provinces coloured by a picked figure, with the same figures ranked beside it. */
function ProvinceSection({
  rows,
  provinces,
  xlsx,
  onPick,
}: {
  rows: ProvinceFigures[];
  provinces: UnitItem[];
  xlsx: string;
  onPick(code: string): void;
}) {
  const { t } = useI18n();
  const [metric, setMetric] = useState<MapMetric>('filled');
  const names = useMemo(() => new Map(provinces.map((p) => [p.code, p.fullName])), [provinces]);
  const label = t(`wf.map.metric.${metric}` as MessageKey);
  // Worst first: least staffed, most vacancies, most not meeting requirements.
  const ranked = useMemo(
    () =>
      rows
        .map((p) => ({ p, v: mapFigure(p, metric) }))
        .sort(
          (a, b) =>
            (metric === 'filled' ? (a.v ?? Infinity) - (b.v ?? Infinity) : (b.v ?? -1) - (a.v ?? -1)) ||
            a.p.provinceCode.localeCompare(b.p.provinceCode),
        ),
    [rows, metric],
  );
  return (
    <section className="panel" data-testid="wf-map-section" aria-labelledby="wf-map-title">
      <SectionHead id="wf-map-title" title={t('wf.map.title')} xlsx={xlsx} />
      <div className="filters">
        <label className="field">
          <span>{t('wf.map.metric')}</span>
          <select name="map-metric" value={metric} onChange={(e) => setMetric(e.target.value as MapMetric)}>
            {MAP_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`wf.map.metric.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted map-hint">{t('wf.map.hint')}</p>
      </div>
      <div className="map-layout">
        <WorkforceMap rows={rows} metric={metric} label={label} names={names} onPick={onPick} />
        <div className="map-list" aria-label={label}>
          <ol>
            {ranked.map(({ p, v }) => (
              <li key={p.provinceCode}>
                <button type="button" className="linklike" onClick={() => onPick(p.provinceCode)}>
                  {names.get(p.provinceCode) ?? p.provinceCode}
                </button>
                <span className="num">{showFigure(metric, v)}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}

// Good is green, bad is red: a low staffing rate is bad, many vacancies or many not meeting is bad.
const GOOD_TO_BAD = ['#2e7d4f', '#8cc084', '#f7b267', '#c0392b'];
const BAD_TO_GOOD = [...GOOD_TO_BAD].reverse();

function WorkforceMap({
  rows,
  metric,
  label,
  names,
  onPick,
}: {
  rows: ProvinceFigures[];
  metric: MapMetric;
  label: string;
  names: Map<string, string>;
  onPick(code: string): void;
}) {
  const { t } = useI18n();
  const geo = useLoad(() => loadProvinceGeo().then(() => true), []);
  const values = useMemo(() => new Map(rows.map((p) => [p.provinceCode, mapFigure(p, metric)])), [rows, metric]);
  const format = useCallback((v: number) => showFigure(metric, v), [metric]);
  const detail = useCallback(
    (code: string) => {
      const f = rows.find((p) => p.provinceCode === code);
      return f ? `${t('wf.card.staff')}: ${formatInteger(f.staff)} / ${formatInteger(f.approvedHeadcount)}` : '';
    },
    [rows, t],
  );
  if (geo.error) return <ErrorBox error={geo.error} onRetry={geo.reload} />;
  if (!geo.data) return <Loading />;
  return (
    <ProvinceChoropleth
      values={values}
      names={names}
      label={label}
      format={format}
      onPick={onPick}
      colors={metric === 'filled' ? BAD_TO_GOOD : GOOD_TO_BAD}
      detail={detail}
      testId="wf-map"
    />
  );
}
