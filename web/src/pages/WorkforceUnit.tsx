import { api, type UnitDetail } from '../api';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { formatDate, formatInteger } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { exportHref, kindLabel, type AgencyStaffing } from '../workforce';

/** Agencies in the order of the organisation (Law 72/2025, Decree 150/2025): Party, Council, Committee, office, departments, center. */
const AGENCY_ORDER = [
  'party_committee',
  'people_council',
  'people_committee',
  'office',
  'economic_dept',
  'culture_social_dept',
  'service_center',
  'home_affairs_dept',
];
const rank = (kind: string) => {
  const i = AGENCY_ORDER.indexOf(kind);
  return i < 0 ? AGENCY_ORDER.length : i;
};

/** A unit's agencies: approved headcount against staff, each post with its holders and vacant seats. */
export function WorkforceUnitPage({ code }: { code: string }) {
  const { t } = useI18n();
  const unit = useLoad(
    (signal) => api.get<UnitDetail>(`/api/units/${encodeURIComponent(code)}`, undefined, signal),
    [code],
  );
  const res = useLoad(
    (signal) => api.get<{ items: AgencyStaffing[] }>('/api/agencies', { unit: code }, signal).then((r) => r.items),
    [code],
  );

  const items = [...(res.data ?? [])].sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name, 'vi'));
  const approved = items.reduce((s, a) => s + a.approvedHeadcount, 0);
  const staffed = items.reduce((s, a) => s + a.staffed, 0);
  const leaderVacant = items.reduce(
    (s, a) => s + a.posts.filter((p) => p.kind === 'leadership').reduce((x, p) => x + p.vacant, 0),
    0,
  );
  const vacant = items.reduce((s, a) => s + a.posts.reduce((x, p) => x + p.vacant, 0), 0);

  return (
    <article className="wf-unit-page">
      <Link href={`/units/${code}`}>{t('wf.unit.back')}</Link>
      <div className="page-head">
        <h1>{t('wf.unit.title', { name: unit.data?.fullName ?? code })}</h1>
        <div className="actions">
          <Link href={`/people?unit=${code}${unit.data ? `&province=${unit.data.provinceCode}` : ''}`} className="btn">
            {t('wf.unit.people')}
          </Link>
          <a className="btn" href={exportHref(code)} download data-testid="export-link">
            {t('wf.export')}
          </a>
        </div>
      </div>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="empty">{t('wf.unit.none')}</p>
      ) : (
        <>
          <dl className="cards" data-testid="unit-staffing-cards">
            <div className="card">
              <dt>{t('wf.card.approved')}</dt>
              <dd>
                <span className="card-value">{formatInteger(approved)}</span>
              </dd>
            </div>
            <div className={`card${staffed < approved ? ' card-warn' : ''}`}>
              <dt>{t('wf.unit.staffed')}</dt>
              <dd>
                <span className="card-value">{formatInteger(staffed)}</span>
                <span className="card-sub">{t('wf.unit.ofApproved', { n: formatInteger(approved) })}</span>
              </dd>
            </div>
            <div className="card">
              <dt>{t('wf.unit.vacantSeats')}</dt>
              <dd>
                <span className="card-value">{formatInteger(vacant)}</span>
              </dd>
            </div>
            <div className={`card${leaderVacant > 0 ? ' card-bad' : ''}`}>
              <dt>{t('wf.card.vacancies')}</dt>
              <dd>
                <span className="card-value">{formatInteger(leaderVacant)}</span>
              </dd>
            </div>
          </dl>
          {items.map((a) => (
            <section key={a.id} className="panel" data-testid="agency">
              <div className="panel-head wrap">
                <h2>{a.name}</h2>
                <span
                  className={`status ${a.staffed < a.approvedHeadcount ? 'status-supplement_requested' : 'status-processed'}`}
                >
                  {t('wf.unit.headcount', {
                    staffed: formatInteger(a.staffed),
                    approved: formatInteger(a.approvedHeadcount),
                  })}
                </span>
              </div>
              <div className="table-wrap">
                <table className="table cards-on-phone staffing-table">
                  <thead>
                    <tr>
                      <th className="col-post">{t('wf.unit.post')}</th>
                      <th className="num col-seats">{t('wf.unit.seats')}</th>
                      <th className="col-holders">{t('wf.unit.holders')}</th>
                      <th className="num col-vacant">{t('wf.unit.vacant')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.posts.map((p) => {
                      const leaderGap = p.kind === 'leadership' && p.vacant > 0;
                      return (
                        <tr
                          key={p.id}
                          className={leaderGap ? 'row-overdue' : undefined}
                          data-testid={leaderGap ? 'leader-vacancy' : undefined}
                        >
                          <td data-label={t('wf.unit.post')}>
                            <span className={p.kind === 'leadership' ? 'strong' : undefined}>{p.title}</span>
                            {p.kind === 'leadership' && (
                              <span className="muted small"> · {t('wf.unit.leadership')}</span>
                            )}
                          </td>
                          <td data-label={t('wf.unit.seats')} className="num">
                            {formatInteger(p.seats)}
                          </td>
                          <td data-label={t('wf.unit.holders')}>
                            {p.holders.length === 0 ? (
                              <span className="muted">{t('common.none')}</span>
                            ) : (
                              <ul className="holders">
                                {p.holders.map((h) => (
                                  <li key={h.personId}>
                                    <Link href={`/people/${h.personId}`}>{h.fullName}</Link>
                                    {h.kind !== 'regular' && (
                                      <span className="muted small">
                                        {' '}
                                        ({kindLabel(t, h.kind)}
                                        {h.endDate && `, ${t('wf.unit.until', { date: formatDate(h.endDate) })}`})
                                      </span>
                                    )}
                                  </li>
                                ))}
                              </ul>
                            )}
                          </td>
                          <td data-label={t('wf.unit.vacant')} className="num">
                            {p.vacant > 0 ? (
                              leaderGap ? (
                                <span className="badge badge-overdue">
                                  {t('wf.unit.vacantLeader', { n: p.vacant })}
                                </span>
                              ) : (
                                formatInteger(p.vacant)
                              )
                            ) : (
                              t('common.none')
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      )}
    </article>
  );
}
