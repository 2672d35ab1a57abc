import { useEffect, useState } from 'react';
import { api, type Page } from '../api';
import { can, useUser } from '../auth';
import { DataTable } from '../components/DataTable';
import { ErrorBox, Loading, Pager, SelectFilter, useLoad } from '../components/common';
import {
  REC_FIELDS,
  REC_STATUSES,
  recFieldLabel,
  recLevelLabel,
  recStatusLabel,
  useAssignment,
  type Recommendation,
} from '../channel';
import { formatDate, formatInteger, formatNumber, todayInVietnam } from '../format';
import { useUnitNames } from '../dossiers';
import { useI18n } from '../i18n';
import type { DueSoon, Stats } from '../../../src/modules/recommendations/contract';
import { Link, navigate, useLocation, withQuery } from '../router';

const PAGE_SIZE = 50;

interface Filters {
  q: string;
  status: string;
  field: string;
  level: string;
  overdue: boolean;
  page: number;
}

function readFilters(query: URLSearchParams): Filters {
  return {
    q: query.get('q') ?? '',
    status: query.get('status') ?? '',
    field: query.get('field') ?? '',
    level: query.get('level') ?? '',
    overdue: query.get('overdue') === '1',
    page: Math.max(1, Number(query.get('page')) || 1),
  };
}

/** The filters live in the address bar, so Back and shared links keep them. */
function useFilters() {
  const { query } = useLocation();
  const filters = readFilters(query);
  const set = (next: Partial<Filters>) => {
    const f = { ...readFilters(new URLSearchParams(window.location.search)), page: 1, ...next };
    navigate(
      withQuery('/kien-nghi', {
        q: f.q,
        status: f.status,
        field: f.field,
        level: f.level,
        overdue: f.overdue,
        page: f.page,
      }),
      { replace: true },
    );
  };
  return { filters, set };
}

/** Who may raise an item: communes, provinces, and officers in the field. */
export function useCanRaise(): boolean {
  const { user, writable } = useUser();
  const assignment = useAssignment();
  if (!writable) return false;
  return can(user, 'channel.raise') && (user.role !== 'ministry' || !!assignment.data?.officer);
}

export function RecommendationsPage() {
  const { t } = useI18n();
  const { filters, set } = useFilters();
  const canRaise = useCanRaise();
  const [qText, setQText] = useState(filters.q);

  useEffect(() => {
    if (qText.trim() === filters.q) return;
    const timer = setTimeout(() => set({ q: qText.trim() }), 350);
    return () => clearTimeout(timer);
  }, [qText]);

  const res = useLoad(
    (signal) =>
      api.get<Page<Recommendation>>(
        '/api/recommendations',
        {
          q: filters.q,
          status: filters.status,
          field: filters.field,
          level: filters.level,
          overdue: filters.overdue && 'true',
          page: filters.page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [filters.q, filters.status, filters.field, filters.level, filters.overdue, filters.page],
  );
  const anyFilter = filters.q || filters.status || filters.field || filters.level || filters.overdue;

  return (
    <div className="rec-page">
      <div className="page-head">
        <h1>{t('rec.title')}</h1>
        <div className="actions">
          <Link href="/tri-thuc" className="btn">
            {t('kb.title')}
          </Link>
          {canRaise && (
            <Link href="/kien-nghi/moi" className="btn btn-primary">
              {t('rec.new')}
            </Link>
          )}
        </div>
      </div>
      <DueSoonBox />
      <StatsViews />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="field field-grow">
          <span>{t('rec.q')}</span>
          <input
            type="search"
            name="q"
            value={qText}
            placeholder={t('rec.qPlaceholder')}
            autoComplete="off"
            onChange={(e) => setQText(e.target.value)}
          />
        </label>
        <SelectFilter
          name="status"
          label={t('rec.statusLabel')}
          value={filters.status}
          allLabel={t('rec.allStatuses')}
          options={REC_STATUSES}
          labelOf={(v) => recStatusLabel(t, v)}
          onChange={(v) => set({ status: v })}
        />
        <SelectFilter
          name="field"
          label={t('rec.fieldLabel')}
          value={filters.field}
          allLabel={t('rec.allFields')}
          options={REC_FIELDS}
          labelOf={(v) => recFieldLabel(t, v)}
          onChange={(v) => set({ field: v })}
        />
        <label className="field">
          <span>{t('rec.levelLabel')}</span>
          <select name="level" value={filters.level} onChange={(e) => set({ level: e.target.value })}>
            <option value="">{t('rec.allLevels')}</option>
            <option value="province">{recLevelLabel(t, 'province')}</option>
            <option value="ministry">{recLevelLabel(t, 'ministry')}</option>
          </select>
        </label>
        <div className="checks">
          <label className="check">
            <input
              type="checkbox"
              name="overdue"
              checked={filters.overdue}
              onChange={(e) => set({ overdue: e.target.checked })}
            />
            <span>{t('rec.overdueOnly')}</span>
          </label>
        </div>
        {anyFilter && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setQText('');
              navigate('/kien-nghi', { replace: true });
            }}
          >
            {t('dossiers.clear')}
          </button>
        )}
      </form>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <section aria-busy={res.loading}>
          <p className="result-count" data-testid="rec-count">
            {t('rec.results', { n: formatInteger(res.data.total) })}
          </p>
          <DataTable
            rows={res.data.items}
            rowKey={(r) => r.id}
            empty={t('rec.none')}
            className="rec-table"
            rowClassName={(r) => (r.overdue ? 'row-overdue' : undefined)}
            rowTestId="rec-row"
            columns={[
              {
                header: t('rec.col.code'),
                className: 'nowrap',
                headerClassName: '',
                cell: (r) => (
                  <Link href={`/kien-nghi/${r.id}`} className="strong mono">
                    {r.code}
                  </Link>
                ),
              },
              {
                header: t('rec.col.title'),
                cell: (r) => (
                  <>
                    <Link href={`/kien-nghi/${r.id}`}>{r.title}</Link>
                    {r.urgency === 'urgent' && (
                      <>
                        {' '}
                        <span className="badge">{t('rec.urgency.urgent')}</span>
                      </>
                    )}
                  </>
                ),
              },
              { header: t('rec.fieldLabel'), cell: (r) => recFieldLabel(t, r.field) },
              { header: t('rec.col.level'), cell: (r) => recLevelLabel(t, r.level) },
              { header: t('rec.col.due'), className: 'nowrap', headerClassName: '', cell: (r) => <RecDue r={r} /> },
              { header: t('rec.statusLabel'), cell: (r) => <RecStatus status={r.status} /> },
            ]}
          />
          <Pager
            page={res.data.page}
            pageSize={res.data.pageSize}
            total={res.data.total}
            onPage={(page) => set({ page })}
          />
        </section>
      )}
    </div>
  );
}

export function RecStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`status rec-status-${status}`}>{recStatusLabel(t, status)}</span>;
}

export function RecDue({ r }: { r: Pick<Recommendation, 'dueDate' | 'overdue' | 'status' | 'workingDaysLeft'> }) {
  const { t } = useI18n();
  if (r.status === 'info_requested') return <span className="muted">{t('rec.clockStopped')}</span>;
  if (!r.dueDate || r.status === 'answered' || r.status === 'accepted')
    return <span className="muted">{t('common.none')}</span>;
  return (
    <>
      {formatDate(r.dueDate)}
      {r.overdue ? (
        <>
          {' '}
          <span className="badge badge-overdue">{t('rec.overdue')}</span>
        </>
      ) : (
        r.workingDaysLeft !== null && (
          <span className="muted small block">{t('rec.daysLeft', { n: r.workingDaysLeft })}</span>
        )
      )}
    </>
  );
}

/** Items held at the user's level whose answer time runs out soon ("sắp đến hạn"), and the late ones. */
function DueSoonBox() {
  const { t } = useI18n();
  const res = useLoad((signal) => api.get<DueSoon>('/api/recommendations/due-soon', undefined, signal), []);
  const soon = res.data?.dueSoon ?? [];
  const late = res.data?.overdue ?? [];
  if (soon.length === 0 && late.length === 0) return null;
  return (
    <section className="alert alert-warn warn-box" role="status" data-testid="rec-due-soon">
      <div>
        <h2>{t('rec.dueSoon.title', { n: soon.length })}</h2>
        {soon.length > 0 && (
          <ul>
            {soon.slice(0, 8).map((r) => (
              <li key={r.id}>
                <Link href={`/kien-nghi/${r.id}`} className="mono">
                  {r.code}
                </Link>{' '}
                · {r.title} · {t('rec.dueOn', { date: formatDate(r.dueDate) })}
              </li>
            ))}
          </ul>
        )}
        {late.length > 0 && (
          <p>
            <Link href="/kien-nghi?overdue=1">{t('rec.dueSoon.late', { n: late.length })}</Link>
          </p>
        )}
      </div>
    </section>
  );
}

/** The month's views: the most frequent problems by province, and the time to answer per level. */
function StatsViews() {
  const { t } = useI18n();
  const [month, setMonth] = useState(() => todayInVietnam().slice(0, 7));
  const res = useLoad((signal) => api.get<Stats>('/api/recommendations/stats', { month }, signal), [month]);
  const names = useUnitNames((res.data?.byProvince ?? []).map((p) => p.provinceCode));
  const rows = (res.data?.byProvince ?? []).slice(0, 10);
  const days = (v: number | null) => (v == null ? t('common.none') : formatNumber(v));
  return (
    <section className="panel" aria-labelledby="rec-views-title" data-testid="rec-views">
      <h2 id="rec-views-title">{t('rec.views.title')}</h2>
      <label className="field">
        <span>{t('rec.views.month')}</span>
        <input
          type="month"
          name="month"
          value={month}
          max={todayInVietnam().slice(0, 7)}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
      </label>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <div className="chart-grid">
          <section aria-labelledby="rec-views-frequent" data-testid="rec-views-frequent">
            <h3 id="rec-views-frequent">{t('rec.views.frequent')}</h3>
            {rows.length === 0 ? (
              <p className="muted">{t('rec.views.noData')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table cards-on-phone">
                  <thead>
                    <tr>
                      <th>{t('rec.views.province')}</th>
                      <th className="num">{t('rec.views.total')}</th>
                      <th>{t('rec.views.topFields')}</th>
                      <th>{t('rec.views.repeated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((p) => (
                      <tr key={p.provinceCode}>
                        <td data-label={t('rec.views.province')}>{names.get(p.provinceCode) ?? p.provinceCode}</td>
                        <td data-label={t('rec.views.total')} className="num">
                          {formatInteger(p.total)}
                        </td>
                        <td data-label={t('rec.views.topFields')} className="small">
                          {p.fields
                            .slice(0, 3)
                            .map((f) => `${recFieldLabel(t, f.field)} (${formatInteger(f.count)})`)
                            .join(', ')}
                        </td>
                        <td data-label={t('rec.views.repeated')} className="small">
                          {p.topProblems.length === 0
                            ? t('common.none')
                            : p.topProblems
                                .slice(0, 3)
                                .map((x) => `${x.title} (${formatInteger(x.count)})`)
                                .join('; ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="rec-views-time" data-testid="rec-views-time">
            <h3 id="rec-views-time">{t('rec.views.time')}</h3>
            {res.data.timeToAnswer.length === 0 ? (
              <p className="muted">{t('rec.views.noAnswers')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table cards-on-phone">
                  <thead>
                    <tr>
                      <th>{t('rec.views.level')}</th>
                      <th className="num">{t('rec.views.answered')}</th>
                      <th className="num">{t('rec.views.median')}</th>
                      <th className="num">{t('rec.views.average')}</th>
                      <th className="num">{t('rec.views.late')}</th>
                      <th className="num">{t('rec.views.onTime')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {res.data.timeToAnswer.map((r) => (
                      <tr key={r.level ?? '-'}>
                        <td data-label={t('rec.views.level')}>{recLevelLabel(t, r.level ?? '')}</td>
                        <td data-label={t('rec.views.answered')} className="num">
                          {formatInteger(r.answered)}
                        </td>
                        <td data-label={t('rec.views.median')} className="num">
                          {days(r.medianWorkingDays)}
                        </td>
                        <td data-label={t('rec.views.average')} className="num">
                          {days(r.averageWorkingDays)}
                        </td>
                        <td data-label={t('rec.views.late')} className={`num${r.late ? ' text-bad' : ''}`}>
                          {formatInteger(r.late)}
                        </td>
                        <td data-label={t('rec.views.onTime')} className="num">
                          {r.onTimeRate == null ? t('common.none') : `${formatNumber(r.onTimeRate)}%`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      )}
    </section>
  );
}
