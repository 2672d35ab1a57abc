import { api } from '../api';
import { BANDS, bandLabel, type Comparison, type Overdue } from '../assessments';
import { can, useUser } from '../auth';
import { useState } from 'react';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { formatDate, formatInteger, formatNumber, todayInVietnam } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation, withQuery } from '../router';

const thisYear = () => Number(todayInVietnam().slice(0, 4));
const PAGE_SIZE = 20;

/** Provinces (the Ministry) or communes (a province) compared by bands, and the units not done before 15 December. */
export function AssessmentSummaryPage() {
  const { t } = useI18n();
  const { user } = useUser();
  const { query } = useLocation();
  const year = Number(query.get('year')) || thisYear();
  const page = Number(query.get('page')) || 1;
  const go = (next: { year?: number; page?: number }) =>
    navigate(
      withQuery('/danh-gia/tong-hop', {
        year: (next.year ?? year) === thisYear() ? null : (next.year ?? year),
        page: next.page ?? 1,
      }),
      { replace: true },
    );
  const canCompare = can(user, 'assessments.compare') && user.communeCode === null && user.role !== 'viewer';
  return (
    <article className="summary-page">
      <Link href="/danh-gia">{t('as.back')}</Link>
      <div className="page-head">
        <h1>{t('as.summary.title', { year })}</h1>
        <label className="field">
          <span>{t('as.f.year')}</span>
          <select value={year} onChange={(e) => go({ year: Number(e.target.value) })}>
            {[thisYear(), thisYear() - 1].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <OverdueSection year={year} page={page} onPage={(p) => go({ page: p })} />
      {canCompare && <CompareSection year={year} />}
    </article>
  );
}

function OverdueSection({ year, page, onPage }: { year: number; page: number; onPage(p: number): void }) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) => api.get<Overdue>('/api/assessments/overdue', { year, page, pageSize: PAGE_SIZE }, signal),
    [year, page],
  );
  const d = res.data;
  return (
    <section className="panel" aria-labelledby="overdue-title">
      <h2 id="overdue-title">{t('as.overdue.title')}</h2>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !d ? (
        <Loading />
      ) : (
        <>
          <p className={`due-line${d.daysLeft < 0 ? ' text-bad' : ''}`} data-testid="days-left">
            {d.daysLeft >= 0
              ? t('as.annual.due', { date: formatDate(d.due), n: d.daysLeft })
              : t('as.annual.late', { date: formatDate(d.due), n: -d.daysLeft })}
          </p>
          {d.items.length === 0 ? (
            <p className="muted">{t('as.overdue.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table cards-on-phone" data-testid="overdue">
                <thead>
                  <tr>
                    <th>{t('as.col.unit')}</th>
                    <th className="num">{t('as.card.staff')}</th>
                    <th className="num">{t('as.card.confirmed')}</th>
                    <th className="num">{t('as.col.proposed')}</th>
                    <th className="num">{t('as.col.pending')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((u) => (
                    <tr key={`${u.provinceCode}-${u.unitCode}`} className={d.daysLeft < 0 ? 'row-overdue' : undefined}>
                      <td data-label={t('as.col.unit')}>
                        <Link href={`/danh-gia/nam/${u.unitCode}/${year}`}>{u.name}</Link>
                      </td>
                      <td data-label={t('as.card.staff')} className="num">
                        {formatInteger(u.staff)}
                      </td>
                      <td data-label={t('as.card.confirmed')} className="num">
                        {formatInteger(u.confirmed)}
                      </td>
                      <td data-label={t('as.col.proposed')} className="num">
                        {formatInteger(u.proposed)}
                      </td>
                      <td data-label={t('as.col.pending')} className="num strong">
                        {formatInteger(u.pending)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {(page > 1 || d.items.length === PAGE_SIZE) && (
            <nav className="pager" aria-label={t('as.overdue.title')}>
              <button type="button" className="btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
                ‹ {t('common.prev')}
              </button>
              <span>{t('as.overdue.page', { page })}</span>
              <button
                type="button"
                className="btn"
                disabled={d.items.length < PAGE_SIZE}
                onClick={() => onPage(page + 1)}
              >
                {t('common.next')} ›
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

function CompareSection({ year }: { year: number }) {
  const { t } = useI18n();
  const res = useLoad((signal) => api.get<Comparison>('/api/assessments/compare', { year }, signal), [year]);
  const [overOnly, setOverOnly] = useState(false);
  const d = res.data;
  const rows = d ? (overOnly ? d.items.filter((u) => u.unitsOverQuota > 0) : d.items) : [];
  const share = (n: number, of: number) => (of ? `${formatNumber(Math.round((1000 * n) / of) / 10)}%` : '—');
  return (
    <section className="panel" aria-labelledby="compare-title">
      <h2 id="compare-title">{d?.level === 'province' ? t('as.compare.provinces') : t('as.compare.communes')}</h2>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !d ? (
        <Loading />
      ) : d.items.length === 0 ? (
        <p className="muted">{t('as.compare.none')}</p>
      ) : (
        <>
          <label className="check">
            <input type="checkbox" checked={overOnly} onChange={(e) => setOverOnly(e.target.checked)} />{' '}
            {t('as.compare.overOnly', { n: d.items.filter((u) => u.unitsOverQuota > 0).length })}
          </label>
          <div className="table-wrap">
            <table className="table compare-table" data-testid="compare">
              <thead>
                <tr>
                  <th>{t('as.col.unit')}</th>
                  <th className="num">{t('as.card.staff')}</th>
                  <th className="num">{t('as.card.rated')}</th>
                  <th className="num">{t('as.card.confirmed')}</th>
                  {BANDS.map((b) => (
                    <th key={b} className="num">
                      {bandLabel(t, b)}
                    </th>
                  ))}
                  <th className="num">{t('as.col.overQuota')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((u) => (
                  <tr key={u.code} className={u.unitsOverQuota > 0 ? 'row-overdue' : undefined}>
                    <td>
                      {d.level === 'commune' ? <Link href={`/danh-gia/nam/${u.code}/${year}`}>{u.name}</Link> : u.name}
                    </td>
                    <td className="num">{formatInteger(u.staff)}</td>
                    <td className="num">{formatInteger(u.rated)}</td>
                    <td className="num">{formatInteger(u.confirmed)}</td>
                    {BANDS.map((b) => (
                      <td key={b} className="num">
                        {formatInteger(u.bands[b])} <span className="muted small">({share(u.bands[b], u.rated)})</span>
                      </td>
                    ))}
                    <td className="num">
                      {u.unitsOverQuota > 0 ? (
                        <span className="badge badge-overdue">{formatInteger(u.unitsOverQuota)}</span>
                      ) : (
                        '0'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
