import { Fragment, useState } from 'react';
import { api } from '../api';
import {
  annualDocxHref,
  annualXlsxHref,
  capLabel,
  notRatedLabel,
  type AnnualComputed,
  type AnnualListItem,
  type UnitAnnual,
} from '../assessments';
import { useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import { BandBars } from '../components/assessments/BandBars';
import { BandTag } from '../components/assessments/Bits';
import { RatingEditor } from '../components/assessments/RatingEditor';
import { formatDate, formatDateTime, formatInteger, formatNumber, todayInVietnam } from '../format';
import { useI18n } from '../i18n';
import { Link, withQuery } from '../router';
import { categoryLabel } from '../workforce';

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** A unit's annual classification: the list, the bands against the excellent quota, compute, confirm, publish, downloads. */
export function AssessmentAnnualPage({ code, year }: { code: string; year: number }) {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const res = useLoad(
    (signal) => api.get<UnitAnnual>(`/api/assessments/units/${code}/annual/${year}`, undefined, signal),
    [code, year],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const head = writable && !!res.data?.actions.includes('annual.rate');
  const d = res.data;

  const act = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await fn());
      res.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!d) return <Loading />;
  const left = daysBetween(todayInVietnam(), d.due);
  const rated = d.items.filter((x) => x.band).length;
  return (
    <article className="annual-page" aria-busy={res.loading || busy}>
      <Link
        href={withQuery('/danh-gia', {
          province: user.provinceCode ? null : d.unit.provinceCode,
          unit: user.communeCode ? null : d.unit.code,
          year,
        })}
      >
        {t('as.back')}
      </Link>
      <div className="page-head">
        <h1>{t('as.annual.title', { unit: d.unit.name, year })}</h1>
        <div className="actions">
          <a className="btn" href={annualXlsxHref(code, year)} download data-testid="xlsx-link">
            {t('as.annual.xlsx')}
          </a>
          <a className="btn" href={annualDocxHref(code, year)} download data-testid="docx-link">
            {t('as.annual.docx')}
          </a>
        </div>
      </div>
      <p className={`due-line${left < 0 ? ' text-bad' : ''}`} data-testid="annual-due">
        {left >= 0
          ? t('as.annual.due', { date: formatDate(d.due), n: left })
          : t('as.annual.late', { date: formatDate(d.due), n: -left })}
        {d.publishedAt && (
          <span className="badge badge-current">{t('as.annual.published', { at: formatDateTime(d.publishedAt) })}</span>
        )}
        {d.outstanding && <span className="badge">{t('as.annual.outstanding')}</span>}
      </p>
      <dl className="cards">
        <Card label={t('as.card.staff')} value={d.staff} />
        <Card label={t('as.card.rated')} value={rated} />
        <Card label={t('as.card.confirmed')} value={d.confirmed} warn={d.confirmed < d.items.length} />
        <Card label={t('as.card.notRated')} value={d.notRated} />
      </dl>
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <section className="panel" aria-labelledby="dist-title">
        <h2 id="dist-title">{t('as.annual.distribution')}</h2>
        <BandBars quota={d.quota} notRated={d.notRated} />
      </section>
      {head && (
        <div className="actions as-links">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() =>
              act(async () => {
                const r = await api.post<AnnualComputed>(`/api/assessments/units/${code}/annual/${year}/compute`);
                return t('as.annual.computed', { proposed: r.proposed, confirmed: r.confirmed, notRated: r.notRated });
              })
            }
          >
            {t('as.annual.compute')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || d.items.length === 0}
            onClick={() =>
              act(async () => {
                await api.post(`/api/assessments/units/${code}/annual/${year}/publish`, { publish: true });
                return t('as.annual.publishDone');
              })
            }
          >
            {t('as.annual.publish')}
          </button>
          <label className="check">
            <input
              type="checkbox"
              checked={d.outstanding}
              disabled={busy}
              onChange={(e) => {
                const outstanding = e.target.checked;
                void act(async () => {
                  await api.post(`/api/assessments/units/${code}/annual/${year}/publish`, { outstanding });
                  return t('as.annual.outstandingSaved');
                });
              }}
            />
            {t('as.annual.outstandingToggle')}
          </label>
        </div>
      )}
      <RatingsTable items={d.items} head={head} busy={busy} act={act} />
    </article>
  );
}

function Card({ label, value, warn }: { label: string; value: number; warn?: boolean }) {
  return (
    <div className={`card${warn ? ' card-warn' : ''}`}>
      <dt>{label}</dt>
      <dd>
        <span className="card-value">{formatInteger(value)}</span>
      </dd>
    </div>
  );
}

function RatingsTable({
  items,
  head,
  busy,
  act,
}: {
  items: AnnualListItem[];
  head: boolean;
  busy: boolean;
  act(fn: () => Promise<string>): Promise<void>;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="list-title">
      <h2 id="list-title">{t('as.annual.list', { n: items.length })}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('as.annual.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone" data-testid="annual-list">
            <thead>
              <tr>
                <th>{t('as.col.name')}</th>
                <th>{t('as.col.category')}</th>
                <th className="num">{t('as.col.periods')}</th>
                <th className="num">{t('as.col.average')}</th>
                <th>{t('as.col.band')}</th>
                <th>{t('as.col.status')}</th>
                {head && <th>{t('as.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <Fragment key={a.id}>
                  <tr data-testid="rating">
                    <td data-label={t('as.col.name')}>
                      <Link href={`/people/${a.personId}`} className="strong">
                        {a.fullName}
                      </Link>
                    </td>
                    <td data-label={t('as.col.category')}>
                      {a.category ? categoryLabel(t, a.category) : t('common.none')}
                    </td>
                    <td data-label={t('as.col.periods')} className="num">
                      {formatInteger(a.periodsScored)}
                    </td>
                    <td data-label={t('as.col.average')} className="num">
                      {formatNumber(a.average)}
                    </td>
                    <td data-label={t('as.col.band')}>
                      <BandTag band={a.band} />
                      {a.notRatedReason && (
                        <span className="block muted small">{notRatedLabel(t, a.notRatedReason)}</span>
                      )}
                      {a.caps.map((c) => (
                        <span key={c} className="block muted small">
                          {capLabel(t, c)}
                        </span>
                      ))}
                      {a.loweredReason && (
                        <span className="block muted small">{t('as.rating.lowered', { text: a.loweredReason })}</span>
                      )}
                    </td>
                    <td data-label={t('as.col.status')}>
                      <span className={`status rating-${a.status}`}>
                        {t(a.status === 'confirmed' ? 'as.rating.confirmed' : 'as.rating.proposed')}
                      </span>
                    </td>
                    {head && (
                      <td data-label={t('as.col.actions')}>
                        {a.status === 'proposed' && (
                          <span className="actions row-actions">
                            <button
                              type="button"
                              className="btn btn-small"
                              disabled={busy}
                              onClick={() =>
                                act(async () => {
                                  await api.post(`/api/assessments/annual/${a.id}/confirm`);
                                  return t('as.rating.confirmDone', { name: a.fullName ?? '' });
                                })
                              }
                            >
                              {t('as.rating.confirm')}
                            </button>
                            <button
                              type="button"
                              className="btn btn-small"
                              aria-expanded={editing === a.id}
                              onClick={() => setEditing(editing === a.id ? null : a.id)}
                            >
                              {t('common.edit')}
                            </button>
                          </span>
                        )}
                      </td>
                    )}
                  </tr>
                  {editing === a.id && (
                    <tr className="sub-row">
                      <td colSpan={7}>
                        <RatingEditor
                          rating={a}
                          onCancel={() => setEditing(null)}
                          onDone={() => {
                            setEditing(null);
                            void act(async () => t('as.rating.saved', { name: a.fullName ?? '' }));
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
