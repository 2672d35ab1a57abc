import { lazy, Suspense } from 'react';
import { api, ApiError } from '../../api';
import { capLabel, notRatedLabel, periodLabel, points, useSettings, type PersonRecord } from '../../assessments';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { ErrorBox, Loading, useLoad } from '../common';
import { BandTag, ScoreCell } from './Bits';

const ScoreChart = lazy(() => import('./ScoreChart'));

/** A person's period scores over time (a line against the band floors) and annual ratings. */
export function PersonRecordView({
  personId,
  provinceCode,
  title,
  hideWhenRefused,
  linkPeriods,
}: {
  personId: string;
  provinceCode: string | null;
  title: string;
  hideWhenRefused?: boolean;
  linkPeriods?: boolean;
}) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) => api.get<PersonRecord>(`/api/assessments/people/${personId}`, undefined, signal),
    [personId],
  );
  const settings = useSettings(provinceCode);
  if (hideWhenRefused && res.error instanceof ApiError && (res.error.status === 403 || res.error.status === 404))
    return null;
  const r = res.data;
  return (
    <section className="panel" aria-labelledby="as-record-title" data-testid="assessment-record">
      <h2 id="as-record-title">{title}</h2>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !r ? (
        <Loading />
      ) : r.periods.length === 0 && r.annual.length === 0 ? (
        <p className="muted">{t('as.record.none')}</p>
      ) : (
        <>
          {settings && r.periods.length > 0 && (
            <Suspense fallback={<Loading />}>
              <ScoreChart periods={r.periods} settings={settings} />
            </Suspense>
          )}
          {r.periods.length > 0 && (
            <>
              <h3 className="table-caption">{t('as.record.periods')}</h3>
              <div className="table-wrap">
                <table className="table cards-on-phone" data-testid="record-periods">
                  <thead>
                    <tr>
                      <th>{t('as.col.period')}</th>
                      <th className="num">{t('as.col.general')}</th>
                      <th className="num">{t('as.col.tasks')}</th>
                      <th>{t('as.col.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...r.periods].reverse().map((p) => (
                      <tr key={p.period.id}>
                        <td data-label={t('as.col.period')}>
                          {linkPeriods ? (
                            <Link href={`/danh-gia/ky/${p.period.id}/nguoi/${personId}`}>
                              {periodLabel(t, p.period)}
                            </Link>
                          ) : (
                            periodLabel(t, p.period)
                          )}
                          {p.period.status === 'open' && <span className="muted small"> · {t('as.period.open')}</span>}
                        </td>
                        <td data-label={t('as.col.general')} className="num">
                          {points(p.score?.general)}
                        </td>
                        <td data-label={t('as.col.tasks')} className="num">
                          {points(p.score?.taskPoints)}
                        </td>
                        <td data-label={t('as.col.total')}>
                          <ScoreCell score={p.score} provisional={p.period.status === 'open'} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {r.annual.length > 0 && (
            <>
              <h3 className="table-caption">{t('as.record.annual')}</h3>
              <div className="table-wrap">
                <table className="table cards-on-phone" data-testid="record-annual">
                  <thead>
                    <tr>
                      <th>{t('as.col.year')}</th>
                      <th className="num">{t('as.col.average')}</th>
                      <th>{t('as.col.band')}</th>
                      <th>{t('as.col.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.annual.map((a) => (
                      <tr key={a.id}>
                        <td data-label={t('as.col.year')}>{a.year}</td>
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
                        </td>
                        <td data-label={t('as.col.status')}>
                          {t(a.status === 'confirmed' ? 'as.rating.confirmed' : 'as.rating.proposed')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
