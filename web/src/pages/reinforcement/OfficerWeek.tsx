import { useMemo, useState, type FormEvent } from 'react';
import { api, request } from '../../api';
import { ErrorBox, Loading, errorText, useLoad } from '../../components/common';
import { addDaysIso, mondayOf, type Phase, type PhaseDetail, type Schedule, type Officer } from '../../channel';
import { formatDate, todayInVietnam } from '../../format';
import { useI18n } from '../../i18n';
import type { ScheduleList } from '../../../../src/modules/reinforcement/contract';
import { clamp, useCommunes, useProvinceNames } from './shared';
import { VisitLog, WeekVisits } from './VisitLog';
import { WeekReport } from './WeekReport';

// ---------- the officer's week ----------

export function OfficerWeek({ phase, officer }: { phase: PhaseDetail; officer: Officer }) {
  const { t } = useI18n();
  const today = todayInVietnam();
  const firstWeek = mondayOf(phase.startsOn);
  const lastWeek = mondayOf(phase.endsOn);
  const [week, setWeek] = useState(() => clamp(mondayOf(today), firstWeek, lastWeek));
  const communes = useCommunes(officer.provinceCode);
  const provinces = useProvinceNames();
  const names = useMemo(() => new Map((communes.data ?? []).map((c) => [c.code, c.fullName])), [communes.data]);
  const [visitsTick, setVisitsTick] = useState(0);
  const weekEnd = addDaysIso(week, 6);

  return (
    <div className="rf-page">
      <h1>{t('rf.title')}</h1>
      <p className="muted">
        {phase.name} · {formatDate(phase.startsOn)} – {formatDate(phase.endsOn)}
        <span className="block">
          {t('rf.officerAt', {
            name: officer.displayName,
            province: provinces.get(officer.provinceCode) ?? officer.provinceCode,
          })}
        </span>
      </p>
      <nav className="week-nav" aria-label={t('rf.weekNav')}>
        <button
          type="button"
          className="btn btn-small"
          disabled={week <= firstWeek}
          onClick={() => setWeek(addDaysIso(week, -7))}
        >
          ‹ {t('rf.prevWeek')}
        </button>
        <strong data-testid="rf-week">{t('rf.week', { from: formatDate(week), to: formatDate(weekEnd) })}</strong>
        <button
          type="button"
          className="btn btn-small"
          disabled={week >= lastWeek}
          onClick={() => setWeek(addDaysIso(week, 7))}
        >
          {t('rf.nextWeek')} ›
        </button>
      </nav>
      {communes.error ? <ErrorBox error={communes.error} onRetry={communes.reload} /> : null}
      <ScheduleEditor
        key={`s-${week}`}
        phase={phase}
        officer={officer}
        week={week}
        communes={communes.data ?? []}
        names={names}
      />
      <VisitLog
        phase={phase}
        communes={communes.data ?? []}
        names={names}
        defaultDay={clamp(today, phase.startsOn, phase.endsOn)}
        onSent={() => setVisitsTick((n) => n + 1)}
      />
      <WeekVisits key={`v-${week}-${visitsTick}`} phase={phase} officer={officer} week={week} names={names} />
      <WeekReport key={`r-${week}-${visitsTick}`} phase={phase} officer={officer} week={week} />
    </div>
  );
}

export function ScheduleEditor({
  phase,
  officer,
  week,
  communes,
  names,
}: {
  phase: Phase;
  officer: Officer;
  week: string;
  communes: { code: string; fullName: string }[];
  names: Map<string, string>;
}) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) =>
      api.get<ScheduleList>(
        '/api/reinforcement/schedules',
        { phase: phase.id, officer: officer.username, week },
        signal,
      ),
    [phase.id, week],
  );
  const [savedNow, setSavedNow] = useState<Schedule | null>(null);
  const schedule = savedNow ?? res.data?.items[0] ?? null;
  const [rows, setRows] = useState<{ communeCode: string; plannedOn: string; purpose: string }[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const days = Array.from({ length: 7 }, (_, i) => addDaysIso(week, i));
  const editing = rows !== null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!rows) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const saved = await request<Schedule>('PUT', '/api/reinforcement/schedules', {
        body: {
          phaseId: phase.id,
          weekStart: week,
          visits: rows
            .filter((r) => r.communeCode)
            .map((r) => ({
              communeCode: r.communeCode,
              plannedOn: r.plannedOn,
              ...(r.purpose.trim() ? { purpose: r.purpose.trim() } : {}),
            })),
          ...(schedule ? { version: schedule.version } : {}),
        },
      });
      setSavedNow(saved);
      setRows(null);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="rf-schedule-title" data-testid="rf-schedule">
      <div className="panel-head">
        <h2 id="rf-schedule-title">{t('rf.schedule')}</h2>
        {!editing && res.data && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              setRows(
                (schedule?.visits ?? []).map((v) => ({
                  communeCode: v.communeCode,
                  plannedOn: v.plannedOn,
                  purpose: v.purpose ?? '',
                })),
              )
            }
          >
            {t('rf.editSchedule')}
          </button>
        )}
      </div>
      {saved && (
        <p className="alert alert-ok" role="status">
          {t('rf.scheduleSaved')}
        </p>
      )}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : !editing ? (
        schedule && schedule.visits.length > 0 ? (
          <ul className="plan-list">
            {[...schedule.visits]
              .sort((a, b) => a.plannedOn.localeCompare(b.plannedOn))
              .map((v, i) => (
                <li key={i}>
                  <span className="nowrap strong">{formatDate(v.plannedOn)}</span> ·{' '}
                  {names.get(v.communeCode) ?? v.communeCode}
                  {v.purpose && <span className="muted small block">{v.purpose}</span>}
                </li>
              ))}
          </ul>
        ) : (
          <p className="muted">{t('rf.noPlan')}</p>
        )
      ) : (
        <form onSubmit={save} className="plan-form">
          {rows.map((r, i) => (
            <div key={i} className="plan-row">
              <label className="field">
                <span>{t('rf.day')}</span>
                <select
                  value={r.plannedOn}
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, plannedOn: e.target.value } : x)))}
                >
                  {days.map((d) => (
                    <option key={d} value={d}>
                      {formatDate(d)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field field-grow">
                <span>{t('rf.commune')}</span>
                <select
                  value={r.communeCode}
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, communeCode: e.target.value } : x)))}
                >
                  <option value="">{t('rf.pickCommune')}</option>
                  {communes.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.fullName}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field field-grow">
                <span>{t('rf.purpose')}</span>
                <input
                  value={r.purpose}
                  maxLength={500}
                  onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, purpose: e.target.value } : x)))}
                />
              </label>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
                aria-label={t('rf.removeRow')}
              >
                ✕
              </button>
            </div>
          ))}
          <div className="actions">
            <button
              type="button"
              className="btn"
              onClick={() => setRows([...rows, { communeCode: '', plannedOn: week, purpose: '' }])}
            >
              {t('rf.addVisit')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('common.saving') : t('rf.saveSchedule')}
            </button>
            <button type="button" className="btn" onClick={() => setRows(null)}>
              {t('common.cancel')}
            </button>
          </div>
          {error !== null && (
            <p className="alert alert-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
