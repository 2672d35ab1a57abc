import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, request, type UnitPage } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import {
  MAX_FILE_BYTES,
  addDaysIso,
  fileToUpload,
  formatBytes,
  loadDrafts,
  mondayOf,
  saveDrafts,
  uuid,
  type Phase,
  type PhaseDetail,
  type Schedule,
  type Visit,
  type VisitDraft,
  useAssignment,
  type Officer,
} from '../channel';
import { formatDate, formatInteger, parseDate, todayInVietnam } from '../format';
import { useI18n } from '../i18n';
import type {
  Coverage,
  PhaseList,
  ReportList,
  ReportsStatus,
  ScheduleList,
  VisitPage,
} from '../../../src/modules/reinforcement/contract';
import { Link } from '../router';
import * as echarts from 'echarts/core';
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import {
  TooltipComponent,
  VisualMapComponent,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../components/useEChart';
import { loadProvinceGeo, PROVINCE_MAP } from '../components/ProvinceChoropleth';

echarts.use([MapChart, VisualMapComponent, TooltipComponent, CanvasRenderer]);
type MapOption = echarts.ComposeOption<MapSeriesOption | VisualMapComponentOption | TooltipComponentOption>;

export function ReinforcementPage() {
  const { t } = useI18n();
  const { user } = useUser();
  const a = useAssignment();
  if (a.error) return <ErrorBox error={a.error} onRetry={a.reload} />;
  if (!a.data) return <Loading />;
  if (a.data.officer && a.data.phase) return <OfficerWeek phase={a.data.phase} officer={a.data.officer} />;
  if (user.role === 'ministry' || user.role === 'admin') return <SupportView />;
  return <p className="empty">{t('rf.notOfficer')}</p>;
}

// ---------- names ----------

function useCommunes(province: string) {
  return useLoad(
    async (signal) => {
      const r = await api.get<{ items: { code: string; level: string; fullName: string }[] }>(
        '/api/units/names',
        { province },
        signal,
      );
      return r.items.filter((u) => u.level === 'commune');
    },
    [province],
  );
}

function useProvinceNames(): Map<string, string> {
  const res = useLoad((signal) => api.get<UnitPage>('/api/units', { level: 'province', pageSize: 100 }, signal), []);
  return useMemo(() => new Map((res.data?.items ?? []).map((u) => [u.code, u.fullName])), [res.data]);
}

const clamp = (d: string, lo: string, hi: string) => (d < lo ? lo : d > hi ? hi : d);

// ---------- the officer's week ----------

function OfficerWeek({ phase, officer }: { phase: PhaseDetail; officer: Officer }) {
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

function ScheduleEditor({
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

const FORM_KEY = 'haicap.visitForm';
interface VisitForm {
  communeCode: string;
  visitedOn: string;
  metWith: string;
  findings: string;
  resolved: string;
}

function loadForm(defaultDay: string): VisitForm {
  try {
    const raw = localStorage.getItem(FORM_KEY);
    if (raw) return JSON.parse(raw) as VisitForm;
  } catch {
    /* nothing kept */
  }
  return { communeCode: '', visitedOn: formatDate(defaultDay), metWith: '', findings: '', resolved: '' };
}

const RETRY_MS = 15_000;

/**
 * The visit log: the form is kept on the device while typed; a sent log goes into an outbox on the
 * device and is sent when the connection allows (with its clientRef and an Idempotency-Key, so a
 * repeat makes one visit).
 */
function VisitLog({
  phase,
  communes,
  names,
  defaultDay,
  onSent,
}: {
  phase: Phase;
  communes: { code: string; fullName: string }[];
  names: Map<string, string>;
  defaultDay: string;
  onSent(): void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<VisitForm>(() => loadForm(defaultDay));
  const [drafts, setDrafts] = useState<VisitDraft[]>(() => loadDrafts().filter((d) => d.phaseId === phase.id));
  const [online, setOnline] = useState(() => navigator.onLine);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [badDate, setBadDate] = useState(false);

  useEffect(() => {
    try {
      localStorage.setItem(FORM_KEY, JSON.stringify(form));
    } catch {
      /* storage unavailable */
    }
  }, [form]);

  const flush = useCallback(async () => {
    if (!navigator.onLine) return;
    const pending = loadDrafts();
    if (pending.length === 0) return;
    setSending(true);
    let any = false;
    for (const d of pending.filter((x) => x.phaseId === phase.id)) {
      try {
        const v = await api.post<Visit>(
          '/api/reinforcement/visits',
          {
            phaseId: d.phaseId,
            communeCode: d.communeCode,
            visitedOn: d.visitedOn,
            metWith: d.metWith,
            findings: d.findings,
            ...(d.resolved.trim() ? { resolved: d.resolved.trim() } : {}),
            clientRef: d.clientRef,
          },
          { 'Idempotency-Key': d.idempotencyKey },
        );
        saveDrafts(loadDrafts().filter((x) => x.clientRef !== d.clientRef));
        setSent(
          t('rf.visit.sent', { commune: names.get(v.communeCode) ?? v.communeCode, date: formatDate(v.visitedOn) }),
        );
        any = true;
      } catch (err) {
        const msg = err instanceof ApiError && err.status === 0 ? '' : errorText(t, err);
        saveDrafts(loadDrafts().map((x) => (x.clientRef === d.clientRef ? { ...x, lastError: msg || undefined } : x)));
        if (err instanceof ApiError && err.status === 0) break; // the connection is gone: try again later
      }
    }
    setDrafts(loadDrafts().filter((d) => d.phaseId === phase.id));
    setSending(false);
    if (any) onSent();
  }, [phase.id, names, onSent, t]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const timer = setInterval(() => {
      setOnline(navigator.onLine);
      void flush();
    }, RETRY_MS);
    void flush();
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearInterval(timer);
    };
  }, [flush]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const iso = parseDate(form.visitedOn);
    setBadDate(!iso);
    if (!form.communeCode || !form.metWith.trim() || !form.findings.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (!iso) return;
    const draft: VisitDraft = {
      clientRef: `visit-${uuid()}`,
      idempotencyKey: uuid(),
      phaseId: phase.id,
      communeCode: form.communeCode,
      visitedOn: iso,
      metWith: form.metWith.trim(),
      findings: form.findings.trim(),
      resolved: form.resolved,
      savedAt: new Date().toISOString(),
    };
    saveDrafts([...loadDrafts(), draft]);
    setDrafts(loadDrafts().filter((d) => d.phaseId === phase.id));
    setForm({ communeCode: '', visitedOn: form.visitedOn, metWith: '', findings: '', resolved: '' });
    setSent(null);
    void flush();
  };
  const discard = (ref: string) => {
    saveDrafts(loadDrafts().filter((d) => d.clientRef !== ref));
    setDrafts(loadDrafts().filter((d) => d.phaseId === phase.id));
  };

  return (
    <section className="panel" aria-labelledby="rf-visit-title" data-testid="rf-visit">
      <div className="panel-head">
        <h2 id="rf-visit-title">{t('rf.visit.title')}</h2>
        <span className={online ? 'chip chip-ok' : 'chip chip-off'} data-testid="rf-online">
          {online ? t('rf.online') : t('rf.offline')}
        </span>
      </div>
      {!online && (
        <p className="alert alert-warn" role="status">
          {t('rf.visit.offlineHint')}
        </p>
      )}
      {sent && (
        <p className="alert alert-ok" role="status" data-testid="rf-visit-sent">
          {sent}
        </p>
      )}
      {drafts.length > 0 && (
        <div className="alert alert-info outbox" data-testid="rf-outbox">
          <div>
            <strong>{t('rf.outbox', { n: drafts.length })}</strong>
            <ul>
              {drafts.map((d) => (
                <li key={d.clientRef}>
                  {formatDate(d.visitedOn)} · {names.get(d.communeCode) ?? d.communeCode} ·{' '}
                  <span className="muted small">{t('rf.savedOnDevice')}</span>
                  {d.lastError && <span className="text-bad small block">{d.lastError}</span>}
                  {d.lastError && (
                    <button type="button" className="btn btn-small" onClick={() => discard(d.clientRef)}>
                      {t('rf.discard')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {online && (
              <button type="button" className="btn btn-small" disabled={sending} onClick={() => void flush()}>
                {sending ? t('rf.sending') : t('rf.sendNow')}
              </button>
            )}
          </div>
        </div>
      )}
      <form className="rec-form" onSubmit={submit} noValidate>
        <label className="field">
          <span>
            {t('rf.commune')} <span className="req">*</span>
          </span>
          <select
            name="communeCode"
            value={form.communeCode}
            aria-invalid={missing && !form.communeCode}
            onChange={(e) => setForm({ ...form, communeCode: e.target.value })}
          >
            <option value="">{t('rf.pickCommune')}</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.fullName}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-date">
          <span>
            {t('rf.visit.date')} <span className="req">*</span>
          </span>
          <input
            name="visitedOn"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            value={form.visitedOn}
            aria-invalid={badDate}
            onChange={(e) => setForm({ ...form, visitedOn: e.target.value })}
          />
        </label>
        <label className="field">
          <span>
            {t('rf.visit.metWith')} <span className="req">*</span>
          </span>
          <input
            name="metWith"
            maxLength={1000}
            value={form.metWith}
            aria-invalid={missing && !form.metWith.trim()}
            onChange={(e) => setForm({ ...form, metWith: e.target.value })}
          />
        </label>
        <label className="field">
          <span>
            {t('rf.visit.findings')} <span className="req">*</span>
          </span>
          <textarea
            name="findings"
            rows={4}
            maxLength={10000}
            value={form.findings}
            aria-invalid={missing && !form.findings.trim()}
            onChange={(e) => setForm({ ...form, findings: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('rf.visit.resolved')}</span>
          <textarea
            name="resolved"
            rows={2}
            maxLength={5000}
            value={form.resolved}
            onChange={(e) => setForm({ ...form, resolved: e.target.value })}
          />
        </label>
        {(missing || badDate) && (
          <p className="alert alert-error" role="alert">
            {missing ? t('rf.visit.missing') : t('units.badDate')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            {t('rf.visit.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A visit's photos (downloaded by position); the officer adds more when the connection allows. */
function VisitPhotos({ v, onDone }: { v: Visit; onDone(): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const photos = v.photos ?? [];
  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const list = [...files];
    const big = list.find((f) => f.size > MAX_FILE_BYTES || f.size === 0);
    if (big) return setError(t('rec.attach.tooBig', { name: big.name }));
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/reinforcement/visits/${v.id}/photos`, { photos: await Promise.all(list.map(fileToUpload)) });
      onDone();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="small block" data-testid="rf-visit-photos">
      {photos.length > 0 && (
        <>
          {t('rf.photos')}:{' '}
          {photos.map((p, i) => (
            <span key={`${p.sha256}-${i}`}>
              {i > 0 && ', '}
              <a href={`/api/reinforcement/visits/${v.id}/photos/${i}`} target="_blank" rel="noreferrer">
                {p.name}
              </a>{' '}
              <span className="muted">({formatBytes(p.sizeBytes)})</span>
            </span>
          ))}{' '}
        </>
      )}
      {photos.length < 10 && (
        <label className="linklike">
          {busy ? t('rec.attach.uploading') : t('rf.photos.add')}
          <input
            type="file"
            accept="image/*"
            multiple
            hidden
            disabled={busy}
            onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))}
          />
        </label>
      )}
      {error && (
        <span className="text-bad block" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

function WeekVisits({
  phase,
  officer,
  week,
  names,
}: {
  phase: Phase;
  officer: Officer;
  week: string;
  names: Map<string, string>;
}) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) =>
      api.get<VisitPage>(
        '/api/reinforcement/visits',
        { phase: phase.id, officer: officer.username, from: week, to: addDaysIso(week, 6), pageSize: 100 },
        signal,
      ),
    [phase.id, week],
  );
  return (
    <section className="panel" aria-labelledby="rf-visits-title">
      <h2 id="rf-visits-title">{t('rf.visits.title')}</h2>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.items.length === 0 ? (
        <p className="muted">{t('rf.visits.none')}</p>
      ) : (
        <ul className="plan-list" data-testid="rf-visits">
          {res.data.items.map((v) => (
            <li key={v.id} data-testid="rf-visit-row">
              <span className="nowrap strong">{formatDate(v.visitedOn)}</span> ·{' '}
              {names.get(v.communeCode) ?? v.communeCode}
              <span className="muted small block">
                {t('rf.visit.metWith')}: {v.metWith}
              </span>
              <span className="small block prewrap">{v.findings}</span>
              <VisitPhotos v={v} onDone={res.reload} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function WeekReport({ phase, officer, week }: { phase: Phase; officer: Officer; week: string }) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) =>
      api.get<ReportList>('/api/reinforcement/reports', { phase: phase.id, officer: officer.username }, signal),
    [phase.id],
  );
  const report = res.data?.items.find((r) => r.periodStart === week) ?? null;
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (what: 'draft' | 'save' | 'submit') => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (what === 'draft') await api.post('/api/reinforcement/reports/draft', { phaseId: phase.id, weekStart: week });
      if (what === 'save' && report && text !== null)
        await api.patch(`/api/reinforcement/reports/${report.id}`, { content: text, version: report.version });
      if (what === 'submit' && report) {
        if (text !== null && text !== report.content)
          await api.patch(`/api/reinforcement/reports/${report.id}`, { content: text, version: report.version });
        await api.post(`/api/reinforcement/reports/${report.id}/submit`);
      }
      setText(null);
      setDone(t(`rf.report.done.${what}`));
      res.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="rf-report-title" data-testid="rf-report">
      <h2 id="rf-report-title">{t('rf.report.title')}</h2>
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : !report ? (
        <>
          <p className="muted">{t('rf.report.none')}</p>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run('draft')}>
            {t('rf.report.draft')}
          </button>
        </>
      ) : report.status === 'submitted' ? (
        <>
          <p>
            <span className="status rec-status-accepted">
              {t('rf.report.submitted', { date: formatDate(report.submittedOn) })}
            </span>{' '}
            <span className="muted small">{t('rf.report.due', { date: formatDate(report.dueOn) })}</span>
          </p>
          <pre className="report-text">{report.content}</pre>
        </>
      ) : (
        <>
          <p className="muted small">{t('rf.report.due', { date: formatDate(report.dueOn) })}</p>
          <label className="field">
            <span>{t('rf.report.content')}</span>
            <textarea
              name="report"
              rows={14}
              value={text ?? report.content}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <div className="actions">
            <button type="button" className="btn" disabled={busy} onClick={() => void run('draft')}>
              {t('rf.report.redraft')}
            </button>
            <button type="button" className="btn" disabled={busy || text === null} onClick={() => void run('save')}>
              {t('rf.report.save')}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run('submit')}>
              {t('rf.report.submit')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

// ---------- the Ministry's support group ----------

function SupportView() {
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

const share = (p: { communes: number; visited: number }) =>
  p.communes ? Math.round((p.visited * 1000) / p.communes) / 10 : 0;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 34 provinces coloured by the share of their communes visited in the phase; a click picks a province. */
function CoverageMap({
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

function CoverageRow({
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

function NotVisited({ phaseId, province }: { phaseId: string; province: string }) {
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
