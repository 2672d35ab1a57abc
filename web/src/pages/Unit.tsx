import { useState, type FormEvent } from 'react';
import { api, ApiError, type AuditEntry, type Page, type Profile, type UnitDetail } from '../api';
import { can, useUser } from '../auth';
import { AuditTable } from '../components/AuditTable';
import { ErrorBox, Loading, Pager, errorText, useLoad } from '../components/common';
import { formatDate, formatDateTime, formatInteger, formatMonth, formatNumber, todayInVietnam } from '../format';
import { maybe, typeLabel, useI18n, type MessageKey } from '../i18n';
import { Link, useLocation } from '../router';
import { figureHref, GROUP_FIGURES, INDEX_766_POINTS, type Board, type DossierFigure } from '../dossiers';
import { unitHref } from './Units';
import { officeHoursText, parsePeriods, periodsText } from '../officeHours';

export function UnitPage({ code }: { code: string }) {
  const { t } = useI18n();
  const { user } = useUser();
  const { query } = useLocation();
  const at = query.get('at') ?? undefined;
  const [auditTick, setAuditTick] = useState(0);
  const [saved, setSaved] = useState<UnitDetail | null>(null);
  const res = useLoad(
    (signal) => api.get<UnitDetail>(`/api/units/${encodeURIComponent(code)}`, { at }, signal),
    [code, at],
  );

  if (res.error) {
    return (
      <div>
        <Link href="/units">{t('unit.back')}</Link>
        <ErrorBox
          error={res.error}
          onRetry={res.error instanceof ApiError && res.error.status >= 500 ? res.reload : undefined}
        />
      </div>
    );
  }
  if (!res.data) return <Loading />;
  const u = saved && saved.code === res.data.code && !at ? { ...res.data, profile: saved.profile } : res.data;
  return (
    <article className="unit-page">
      <Link href="/units">{t('unit.back')}</Link>
      <Header u={u} />
      <Facts u={u} />
      {can(user, 'dossiers.figures') && !at && <Index766Card u={u} />}
      <Versions u={u} />
      <Pending u={u} />
      <Former u={u} />
      <ProfileCard
        u={u}
        onSaved={(next) => {
          setSaved(next);
          setAuditTick((n) => n + 1);
        }}
      />
      <UnitAudit code={u.code} tick={auditTick} />
    </article>
  );
}

function Header({ u }: { u: UnitDetail }) {
  const { t } = useI18n();
  const { user } = useUser();
  const today = todayInVietnam();
  return (
    <header className="unit-header">
      <h1>{u.fullName}</h1>
      <p className="unit-sub">
        <span className="badge">{typeLabel(t, u.type)}</span>
        <span>{t('unit.code', { code: u.code })}</span>
        {u.level === 'commune' && u.province && (
          <span>
            {t('unit.province')}{' '}
            {user.role === 'commune' ? (
              u.province.fullName
            ) : (
              <Link href={unitHref(u.province.code, u.at, today)}>{u.province.fullName}</Link>
            )}
          </span>
        )}
        <span className="muted">{t('units.asOf', { date: formatDate(u.at) })}</span>
        {can(user, 'workforce.read') && (
          <Link href={`/workforce/units/${u.code}`} data-testid="unit-workforce-link">
            {t('unit.workforce')}
          </Link>
        )}
      </p>
    </header>
  );
}

/**
 * The unit's 766 index this month (Decision 766/QĐ-TTg; docs/dossier-figures.md), from the board's figures, with the
 * groups measured and a link to the board for the place and month. Hidden when the caller may not read the figures.
 */
function Index766Card({ u }: { u: UnitDetail }) {
  const { t } = useI18n();
  const today = todayInVietnam();
  const from = `${today.slice(0, 8)}01`;
  const res = useLoad(
    (signal) => api.get<Board>('/api/dashboards/dossiers', { unit: u.code, from, to: today }, signal),
    [u.code, from, today],
  );
  if (res.error || !res.data) return null;
  const i = res.data.totals.index766;
  const province = u.level === 'commune' ? (u.province?.code ?? '') : u.code;
  const board = `/board?province=${province}${u.level === 'commune' ? `&commune=${u.code}` : ''}&from=${from}&to=${today}`;
  const groups = Object.keys(INDEX_766_POINTS) as (keyof typeof INDEX_766_POINTS)[];
  // the dossiers behind each group's figure: a commune's by `unit`, a province's (with its communes) by `province`
  const place = u.level === 'commune' ? { unit: u.code } : { province: u.code };
  return (
    <section className="card" data-testid="unit-index766">
      <h2>{t('unit.index766', { month: formatMonth(today) })}</h2>
      {i.percent == null ? (
        <p className="muted">{t('unit.index766None')}</p>
      ) : (
        <>
          <p>
            <strong>
              {formatNumber(i.percent)}% · {t(`board.band766.${i.band}` as MessageKey)}
            </strong>{' '}
            <span className="muted">
              {t('board.card.index766SubAll', { total: formatNumber(i.total ?? 0), outOf: formatInteger(i.outOf) })}
            </span>
          </p>
          <ul>
            {groups.map((g) => (
              <li key={g}>
                {t(`board.group766.${g}` as MessageKey)}:{' '}
                {i.groups[g] == null
                  ? t('unit.index766NotMeasured')
                  : `${formatNumber(i.groups[g])}/${formatInteger(INDEX_766_POINTS[g])}`}
                {i.groups[g] != null &&
                  GROUP_FIGURES[g].map((fig: DossierFigure) => (
                    <span key={fig}>
                      {' · '}
                      <Link href={figureHref(place, { from, to: today }, fig)} data-testid={`unit-drill-${fig}`}>
                        {t(`figure.link.${fig}` as MessageKey)}
                      </Link>
                    </span>
                  ))}
              </li>
            ))}
          </ul>
          {i.caveats.includes('satisfaction_handling_only') && (
            <p className="muted small">{t('unit.index766HandlingOnly')}</p>
          )}
          {i.publication && (
            <p className="muted small">
              {t('unit.index766PublicationOnly', {
                onTime: formatInteger(i.publication.onTime),
                dated: formatInteger(i.publication.dated),
              })}
            </p>
          )}
        </>
      )}
      <Link href={board}>{t('unit.index766Board')}</Link>
    </section>
  );
}

function Facts({ u }: { u: UnitDetail }) {
  const { t } = useI18n();
  const density = u.population != null && u.areaKm2 ? u.population / u.areaKm2 : null;
  return (
    <dl className="facts">
      <div>
        <dt>{t('unit.area')}</dt>
        <dd>{u.areaKm2 == null ? t('common.none') : t('unit.km2', { n: formatNumber(u.areaKm2) })}</dd>
      </div>
      <div>
        <dt>{t('unit.population')}</dt>
        <dd>{u.population == null ? t('common.none') : t('unit.people', { n: formatInteger(u.population) })}</dd>
      </div>
      <div>
        <dt>{t('unit.density')}</dt>
        <dd>{density == null ? t('common.none') : t('unit.perKm2', { n: formatInteger(density) })}</dd>
      </div>
      {u.gisAreaKm2 != null && (
        <div>
          <dt>{t('unit.gisArea')}</dt>
          <dd>{t('unit.km2', { n: formatNumber(u.gisAreaKm2) })}</dd>
        </div>
      )}
      {u.counts && (
        <div className="wide">
          <dt>{t('unit.counts')}</dt>
          <dd>
            {t('unit.countsDetail', {
              total: u.counts.total,
              xa: u.counts.xa,
              phuong: u.counts.phuong,
              dac_khu: u.counts.dac_khu,
            })}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Versions({ u }: { u: UnitDetail }) {
  const { t } = useI18n();
  return (
    <section className="panel">
      <h2>{t('unit.versions')}</h2>
      <div className="table-wrap">
        <table className="table cards-on-phone" data-testid="versions">
          <thead>
            <tr>
              <th>{t('unit.validFrom')}</th>
              <th>{t('unit.validTo')}</th>
              <th>{t('units.col.type')}</th>
              <th>{t('unit.fullName')}</th>
              <th>{t('unit.legalBasis')}</th>
            </tr>
          </thead>
          <tbody>
            {u.versions.map((v) => (
              <tr key={v.validFrom}>
                <td data-label={t('unit.validFrom')}>{formatDate(v.validFrom)}</td>
                <td data-label={t('unit.validTo')}>{v.validTo ? formatDate(v.validTo) : t('unit.current')}</td>
                <td data-label={t('units.col.type')}>{typeLabel(t, v.type)}</td>
                <td data-label={t('unit.fullName')}>{v.fullName}</td>
                <td data-label={t('unit.legalBasis')}>{v.legalBasis ?? t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Pending({ u }: { u: UnitDetail }) {
  const { t } = useI18n();
  return (
    <section className="panel">
      <h2>{t('unit.pending')}</h2>
      {u.pendingAmendments.length === 0 ? (
        <p className="muted">{t('unit.pendingNone')}</p>
      ) : (
        <ul>
          {u.pendingAmendments.map((p, i) => (
            <li key={i}>
              {p.fullNameAfter} ({typeLabel(t, p.typeAfter)}) — {p.legalBasis}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Former({ u }: { u: UnitDetail }) {
  const { t } = useI18n();
  const today = todayInVietnam();
  return (
    <section className="panel">
      <h2>{t('unit.formerUnits')}</h2>
      {u.formerUnits.length === 0 ? (
        <p className="muted">{t('unit.formerNone')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone" data-testid="former-units">
            <thead>
              <tr>
                <th>{t('unit.former.name')}</th>
                <th>{t('unit.former.parent')}</th>
                <th>{t('unit.former.relation')}</th>
                <th>{t('unit.former.others')}</th>
              </tr>
            </thead>
            <tbody>
              {u.formerUnits.map((f, i) => (
                <tr key={`${f.code ?? f.name}-${i}`}>
                  <td data-label={t('unit.former.name')}>
                    <span className="strong">{f.name}</span>
                    {f.code && <span className="muted small"> ({f.code})</span>}
                  </td>
                  <td data-label={t('unit.former.parent')}>
                    {[f.parentName, f.level !== 'province' ? f.provinceName : null].filter(Boolean).join(', ') ||
                      t('common.none')}
                  </td>
                  <td data-label={t('unit.former.relation')}>{maybe(t, `relation.${f.relation}`, f.relation)}</td>
                  <td data-label={t('unit.former.others')}>
                    {f.otherSuccessors.length === 0
                      ? t('common.none')
                      : f.otherSuccessors.map((s, j) => (
                          <span key={s.code}>
                            {j > 0 && ', '}
                            <Link href={unitHref(s.code, u.at, today)}>{s.fullName}</Link>
                          </span>
                        ))}
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

/** The default hours (src/modules/units/domain/office-hours.ts), shown when the unit has not set its own. */
const DEFAULT_HOURS = {
  days: [1, 2, 3, 4, 5],
  periods: [
    { from: '08:00', to: '12:00' },
    { from: '13:00', to: '17:00' },
  ],
};

const PROFILE_FIELDS = ['address', 'phone', 'email', 'chairName'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

function ProfileCard({ u, onSaved }: { u: UnitDetail; onSaved(next: UnitDetail): void }) {
  const { t } = useI18n();
  const { writable } = useUser();
  // The unit says what the caller may do with it (the units policy).
  const canEdit = writable && u.actions.includes('edit_profile');
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<Record<ProfileField, string>>({ address: '', phone: '', email: '', chairName: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  // Office hours: the days ticked and the periods typed ("08:00-12:00, 13:00-17:00"); empty: the default.
  const [days, setDays] = useState<number[]>([]);
  const [periods, setPeriods] = useState('');
  const [badPeriods, setBadPeriods] = useState(false);
  const p: Profile | null = u.profile;

  const start = () => {
    setForm({ address: p?.address ?? '', phone: p?.phone ?? '', email: p?.email ?? '', chairName: p?.chairName ?? '' });
    setDays(p?.officeHours?.days ?? []);
    setPeriods(p?.officeHours ? periodsText(p.officeHours) : '');
    setBadPeriods(false);
    setError(null);
    setDone(false);
    setEditing(true);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = periods.trim() ? parsePeriods(periods) : null;
    const bad = (periods.trim() !== '' && !parsed) || (!!parsed && days.length === 0);
    setBadPeriods(bad);
    if (bad) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        ...Object.fromEntries(PROFILE_FIELDS.map((k) => [k, form[k].trim() === '' ? null : form[k].trim()])),
        officeHours: parsed ? { days, periods: parsed } : null,
      };
      const next = await api.patch<UnitDetail>(`/api/units/${u.code}/profile`, body);
      setEditing(false);
      setDone(true);
      onSaved(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const label = (k: ProfileField) => t(`unit.profile.${k}` as MessageKey);
  const errField = error instanceof ApiError ? error.field : undefined;

  return (
    <section className="panel" aria-labelledby="profile-title">
      <div className="panel-head">
        <h2 id="profile-title">{t('unit.profile')}</h2>
        {canEdit && !editing && (
          <button type="button" className="btn" onClick={start}>
            {t('common.edit')}
          </button>
        )}
      </div>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('unit.profile.saved')}
        </p>
      )}
      {editing ? (
        <form className="profile-form" onSubmit={submit}>
          {PROFILE_FIELDS.map((k) => (
            <label key={k} className="field">
              <span>{label(k)}</span>
              <input
                name={k}
                type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
                value={form[k]}
                aria-invalid={errField === k}
                onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))}
              />
            </label>
          ))}
          <fieldset className="field">
            <legend>{t('unit.profile.officeHours')}</legend>
            <div className="actions">
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <label key={d} className="check">
                  <input
                    type="checkbox"
                    name={`day-${d}`}
                    checked={days.includes(d)}
                    onChange={(e) =>
                      setDays((x) => (e.target.checked ? [...x, d].sort((a, b) => a - b) : x.filter((y) => y !== d)))
                    }
                  />{' '}
                  {t(`lookup.weekday.${d}` as MessageKey)}
                </label>
              ))}
            </div>
            <label className="field">
              <span>{t('unit.profile.officePeriods')}</span>
              <input
                name="officePeriods"
                placeholder="08:00-12:00, 13:00-17:00"
                value={periods}
                aria-invalid={badPeriods || errField === 'officeHours'}
                onChange={(e) => setPeriods(e.target.value)}
              />
            </label>
            <p className="muted small">{t('unit.profile.officeHoursHint')}</p>
            {badPeriods && (
              <p className="alert alert-error" role="alert">
                {t('unit.profile.officeHoursInvalid')}
              </p>
            )}
          </fieldset>
          {error !== null && (
            <p className="alert alert-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : !p ? (
        <p className="muted">{t('unit.profile.empty')}</p>
      ) : (
        <dl className="facts facts-plain" data-testid="profile">
          {PROFILE_FIELDS.map((k) => (
            <div key={k}>
              <dt>{label(k)}</dt>
              <dd>{p[k] || t('common.none')}</dd>
            </div>
          ))}
          <div className="wide">
            <dt>{t('unit.profile.officeHours')}</dt>
            <dd data-testid="profile-hours">
              {officeHoursText(t, p.officeHours ?? DEFAULT_HOURS)}
              {!p.officeHours && <span className="muted small"> ({t('unit.profile.officeHoursDefault')})</span>}
            </dd>
          </div>
          <div className="wide">
            <dd className="muted small">{t('unit.profile.updatedAt', { time: formatDateTime(p.updatedAt) })}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function UnitAudit({ code, tick }: { code: string; tick: number }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const res = useLoad(
    (signal) => api.get<Page<AuditEntry>>('/api/audit', { unit: code, page, pageSize: 20 }, signal),
    [code, page, tick],
  );
  return (
    <section className="panel" data-testid="unit-audit">
      <h2>{t('unit.audit')}</h2>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <AuditTable items={res.data.items} />
      )}
      {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />}
    </section>
  );
}
