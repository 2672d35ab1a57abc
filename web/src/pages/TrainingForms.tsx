import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, withQuery } from '../api';
import { can, useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link, useLocation } from '../router';
import { newRef, type EventDetailT } from '../training';
import type {
  AttendeeT,
  CertificateStatusT,
  ChangesPreviewT,
  EventChangesBodyT,
  PresenceCodeT,
  ScanResultT,
} from '../../../src/modules/training/contract';
import { CATEGORIES } from '../workforce';

/** An instant as its Vietnam day (YYYY-MM-DD) and time (HH:MM). */
function vnParts(iso: string): { day: string; time: string } {
  const local = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
}
const vnInstant = (day: string, time: string) => `${day}T${time}:00+07:00`;
const vnTime = (iso: string) => vnParts(iso).time;

/** The host edits the conference until it starts; the bridges are laid out again only when the day changes. */
export function EditTraining({ event, onSaved }: { event: EventDetailT; onSaved(): void }) {
  const { t } = useI18n();
  const start = vnParts(event.startsAt);
  const initial = {
    title: event.title,
    programme: event.programme ?? '',
    trainers: event.trainers ?? '',
    day: start.day,
    start: start.time,
    end: vnTime(event.endsAt),
    share: event.attendShare,
    categories: event.audience?.categories ?? [],
    leadersOnly: event.audience?.leadersOnly ?? false,
    communesOnly: event.audience?.communesOnly ?? true,
  };
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the registrations the new audience cancels, shown before saving; saving again confirms
  const [cancels, setCancels] = useState<ChangesPreviewT['cancelled'] | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!form.title.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(form.day)) {
      setError(t('tr.new.missing'));
      return;
    }
    const body: EventChangesBodyT = {
      title: form.title.trim(),
      programme: form.programme.trim() || null,
      trainers: form.trainers.trim() || null,
      attendShare: form.share,
      audience: form.categories.length
        ? { categories: form.categories, leadersOnly: form.leadersOnly, communesOnly: form.communesOnly }
        : null,
    };
    if (form.day !== initial.day || form.start !== initial.start || form.end !== initial.end) {
      body.startsAt = vnInstant(form.day, form.start);
      body.endsAt = vnInstant(form.day, form.end);
    }
    setBusy(true);
    try {
      const audienceChanged =
        JSON.stringify([...form.categories].sort()) !== JSON.stringify([...initial.categories].sort()) ||
        form.leadersOnly !== initial.leadersOnly ||
        form.communesOnly !== initial.communesOnly;
      if (audienceChanged && !cancels) {
        const preview = await api.post<ChangesPreviewT>(`/api/trainings/${event.id}/changes/preview`, body);
        if (preview.cancelled.total > 0) {
          setCancels(preview.cancelled);
          return;
        }
      }
      if (cancels) body.confirmCancellations = true;
      await api.patch<EventDetailT>(`/api/trainings/${event.id}`, body);
      setCancels(null);
      setOpen(false);
      onSaved();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="tr-edit">
        {t('tr.edit')}
      </button>
    );
  const toggle = (c: (typeof CATEGORIES)[number]) =>
    setForm({
      ...form,
      categories: form.categories.includes(c) ? form.categories.filter((x) => x !== c) : [...form.categories, c],
    });
  return (
    <form className="card form" onSubmit={submit} data-testid="tr-edit-form">
      <h2>{t('tr.edit')}</h2>
      <label className="field">
        {t('tr.new.title')}
        <input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={300} />
      </label>
      <label className="field">
        {t('tr.programme')}
        <textarea
          value={form.programme}
          rows={3}
          maxLength={5000}
          onChange={(e) => setForm({ ...form, programme: e.target.value })}
        />
      </label>
      <label className="field">
        {t('tr.trainers')}
        <input
          value={form.trainers}
          maxLength={1000}
          onChange={(e) => setForm({ ...form, trainers: e.target.value })}
        />
      </label>
      <SessionFieldset form={form} onChange={(patch) => setForm({ ...form, ...patch })} />
      <fieldset>
        <legend>{t('tr.audience')}</legend>
        {CATEGORIES.map((c) => (
          <label key={c} className="checkbox">
            <input type="checkbox" checked={form.categories.includes(c)} onChange={() => toggle(c)} />{' '}
            {t(`wf.category.${c}`)}
          </label>
        ))}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.leadersOnly}
            onChange={(e) => setForm({ ...form, leadersOnly: e.target.checked })}
          />{' '}
          {t('tr.audience.leadersOnly')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.communesOnly}
            onChange={(e) => setForm({ ...form, communesOnly: e.target.checked })}
          />{' '}
          {t('tr.audience.communesOnly')}
        </label>
        <p className="muted">{t('tr.audience.note')}</p>
      </fieldset>
      <p className="muted">{t('tr.edit.layout')}</p>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {cancels && (
        <div className="alert alert-warn" role="alert" data-testid="tr-edit-cancels">
          <p>{t('tr.edit.cancels', { n: cancels.total })}</p>
          {/* up to 500 names: a list that scrolls, so the confirmation stays in sight */}
          <ul style={{ maxHeight: '16rem', overflowY: 'auto' }} data-testid="tr-edit-cancels-list">
            {cancels.items.map((p) => (
              <li key={p.personId}>
                {p.fullName} — {p.unitName ?? p.unitCode}
              </li>
            ))}
          </ul>
          {cancels.total > cancels.items.length && (
            <p className="muted">{t('tr.edit.cancelsMore', { n: cancels.total - cancels.items.length })}</p>
          )}
        </div>
      )}
      <button type="submit" className="btn" disabled={busy}>
        {cancels ? t('tr.edit.confirmCancels') : t('tr.edit.save')}
      </button>{' '}
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
        {t('tr.cancel')}
      </button>
    </form>
  );
}

/** How often the bridge's screen takes a new code (each lives 5 minutes on the server). */
const CODE_REFRESH_MS = 60_000;

/** The bridge shows a QR code at the door; attendees scan it with their own account to record their presence. */
export function PresenceCodeCard({ eventId, unitCode }: { eventId: string; unitCode: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const [code, setCode] = useState<PresenceCodeT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setCode(await api.get<PresenceCodeT>(`/api/trainings/${eventId}/bridges/${unitCode}/presence-code`));
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [eventId, unitCode, t]);
  useEffect(() => {
    if (!shown) return;
    void load();
    const timer = setInterval(() => void load(), CODE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [shown, load]);
  return (
    <div className="card" data-testid="tr-presence-code">
      <h2>{t('tr.qr.title')}</h2>
      <p className="muted">{t('tr.qr.intro')}</p>
      {!shown ? (
        <button type="button" className="btn" onClick={() => setShown(true)}>
          {t('tr.qr.show')}
        </button>
      ) : (
        code && (
          <div style={{ textAlign: 'center' }}>
            <img
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`}
              alt={t('tr.qr.alt', { bridge: code.bridgeName })}
              style={{ width: 'min(80vw, 360px)', height: 'auto' }}
              data-testid="tr-qr"
            />
            <p>
              <strong>{code.bridgeName}</strong>
            </p>
            <p className="muted">{t('tr.qr.renews')}</p>
          </div>
        )
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

interface Row {
  present: boolean;
  join: string;
  leave: string;
  reason: string;
}

/**
 * The bridge officer's form (this bridge's registered staff): who was present at this point (from–to, the whole
 * session by default) and why the others were absent. Each line saved is one presence interval (audited); the
 * minutes are counted by the server.
 */
export function PresenceForm({ event, unitCode }: { event: EventDetailT; unitCode: string }) {
  const { t } = useI18n();
  const list = useLoad(
    (signal) =>
      api.get<{ items: AttendeeT[]; total: number; rule: { requiredMinutes: number } }>(
        `/api/trainings/${event.id}/attendees`,
        { unit: unitCode, pageSize: 500 },
        signal,
      ),
    [event.id, unitCode],
  );
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = vnTime(event.startsAt);
  const end = vnTime(event.endsAt);
  const day = vnParts(event.startsAt).day;
  const rowOf = (a: AttendeeT): Row =>
    rows[a.personId] ?? { present: false, join: start, leave: end, reason: a.absenceReason ?? '' };
  const set = (a: AttendeeT, change: Partial<Row>) => setRows({ ...rows, [a.personId]: { ...rowOf(a), ...change } });
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const items = list.data.items;
  const save = async () => {
    setError(null);
    setDone(null);
    setBusy(true);
    let present = 0;
    let absent = 0;
    try {
      for (const a of items) {
        const r = rows[a.personId];
        if (!r) continue;
        if (r.present) {
          if (r.leave <= r.join) throw new Error(t('tr.presence.leaveBeforeJoin', { name: a.fullName }));
          await api.post(`/api/trainings/${event.id}/presence`, {
            personId: a.personId,
            joinedAt: vnInstant(day, r.join),
            leftAt: vnInstant(day, r.leave),
            source: 'officer',
            clientRef: newRef(),
          });
          present++;
        } else if (r.reason.trim() && r.reason.trim() !== (a.absenceReason ?? '')) {
          await api.put(`/api/trainings/${event.id}/attendees/${a.personId}/absence`, { reason: r.reason.trim() });
          absent++;
        }
      }
      setRows({});
      setDone(t('tr.presence.saved', { present, absent }));
      list.reload();
    } catch (err) {
      setError(err instanceof Error && !('status' in err) ? err.message : errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card" data-testid="tr-presence-form">
      <h2>{t('tr.presence.title')}</h2>
      <p className="muted">{t('tr.presence.intro', { required: list.data.rule.requiredMinutes })}</p>
      {items.length === 0 ? (
        <p>{t('tr.presence.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('tr.person')}</th>
              <th>{t('tr.minutes')}</th>
              <th>{t('tr.presence.present')}</th>
              <th>{t('tr.presence.from')}</th>
              <th>{t('tr.presence.to')}</th>
              <th>{t('tr.presence.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => {
              const r = rowOf(a);
              return (
                <tr key={a.personId} data-person={a.fullName}>
                  <td>{a.fullName}</td>
                  <td>
                    {a.minutes}/{list.data!.rule.requiredMinutes} {a.attended ? `(${t('tr.yes')})` : ''}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('tr.presence.presentOf', { name: a.fullName })}
                      checked={r.present}
                      onChange={(e) => set(a, { present: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      value={r.join}
                      disabled={!r.present}
                      onChange={(e) => set(a, { join: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      value={r.leave}
                      disabled={!r.present}
                      onChange={(e) => set(a, { leave: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      value={r.reason}
                      disabled={r.present}
                      maxLength={500}
                      placeholder={t('tr.presence.reasonHint')}
                      aria-label={t('tr.presence.reasonOf', { name: a.fullName })}
                      onChange={(e) => set(a, { reason: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {done && <p className="alert">{done}</p>}
      <button
        type="button"
        className="btn"
        disabled={busy || Object.keys(rows).length === 0}
        onClick={() => void save()}
      >
        {t('tr.presence.save')}
      </button>
    </div>
  );
}

/** What the attendee's phone opens from the bridge's QR code: their presence is recorded at once. */
export function TrainingScanPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useUser();
  const { query } = useLocation();
  const token = query.get('ma') ?? '';
  const [result, setResult] = useState<ScanResultT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = useCallback(
    async (action: 'join' | 'leave') => {
      setBusy(true);
      setError(null);
      try {
        setResult(await api.post<ScanResultT>(`/api/trainings/${id}/presence/scan`, { token, action }));
      } catch (err) {
        setError(errorText(t, err));
      } finally {
        setBusy(false);
      }
    },
    [id, token, t],
  );
  useEffect(() => {
    if (token) void send('join');
  }, [token, send]);
  return (
    <section data-testid="tr-scan">
      <h1>{t('tr.scan.title')}</h1>
      {!token && <p className="alert alert-error">{t('tr.scan.noCode')}</p>}
      {busy && !result && <Loading />}
      {result && (
        <div className="card">
          <h2>{result.title}</h2>
          <p>
            <strong>{result.fullName}</strong> · {result.bridgeName}
          </p>
          {result.present ? (
            <p className="alert" data-testid="tr-scan-present">
              {t('tr.scan.present', { since: result.since ? formatDateTime(result.since) : '' })}
            </p>
          ) : (
            <p className="alert" data-testid="tr-scan-left">
              {t('tr.scan.left', { minutes: result.minutes, required: result.requiredMinutes })}
            </p>
          )}
          {result.present && (
            <button type="button" className="btn" disabled={busy} onClick={() => void send('leave')}>
              {t('tr.scan.leave')}
            </button>
          )}
        </div>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {user.personId && (
        <p>
          <Link href={`/tap-huan/${id}/chung-nhan/${user.personId}`}>{t('tr.myCertificate')}</Link>
        </p>
      )}
    </section>
  );
}

/**
 * The certificate page: the certificate to print (and its PDF) for who attended long enough, once the conference has
 * ended; otherwise the reason, with the minutes and the rule.
 */
export function TrainingCertificatePage({ id, personId }: { id: string; personId: string }) {
  const { t } = useI18n();
  const { user } = useUser();
  // the units go back to the event's page; a staff account to its own conferences (the event's page is not theirs)
  const back = can(user, 'trainings.read') ? `/tap-huan/${id}` : '/tap-huan';
  const status = useLoad(
    (signal) =>
      api.get<CertificateStatusT>(`/api/trainings/${id}/attendees/${personId}/certificate/status`, {}, signal),
    [id, personId],
  );
  if (status.error) return <ErrorBox error={status.error} onRetry={status.reload} />;
  if (!status.data) return <Loading />;
  const s = status.data;
  const reason =
    s.status === 'not_registered'
      ? t('tr.cert.notRegistered')
      : s.status === 'not_ended'
        ? t('tr.cert.notEnded', { end: formatDateTime(s.endsAt) })
        : s.status === 'not_attended'
          ? t('tr.cert.notAttended', { minutes: s.minutes, required: s.requiredMinutes, share: s.share })
          : null;
  return (
    <section data-testid="tr-certificate-page">
      <p className="no-print">
        <Link href={back}>← {back === '/tap-huan' ? t('tr.mine.title') : s.title}</Link>
      </p>
      {reason ? (
        <div className="card">
          <h1>{t('tr.certificate')}</h1>
          <p className="alert" role="status" data-testid="tr-cert-reason">
            {reason}
          </p>
        </div>
      ) : (
        <>
          <style>
            {'@media print { body * { visibility: hidden; } .tr-certificate, .tr-certificate * { visibility: visible; }' +
              ' .tr-certificate { position: absolute; left: 0; top: 0; width: 100%; border: none; } }'}
          </style>
          <div
            className="card tr-certificate"
            style={{ textAlign: 'center', padding: '32px 24px', border: '3px double #8a6d1d' }}
            data-testid="tr-cert"
          >
            <p>
              <strong>{t('tr.cert.motto1')}</strong>
              <br />
              {t('tr.cert.motto2')}
            </p>
            <p>{s.certificate!.hostName}</p>
            <h1 style={{ letterSpacing: 2 }}>{t('tr.cert.heading')}</h1>
            <p>{t('tr.cert.certifies')}</p>
            <p style={{ fontSize: '1.6em' }}>
              <strong>{s.fullName}</strong>
            </p>
            <p>{s.unitName}</p>
            <p>{t('tr.cert.attended')}</p>
            <p style={{ fontSize: '1.2em' }}>
              <strong>{s.title}</strong>
            </p>
            <p>
              {formatDateTime(s.startsAt)} – {formatDateTime(s.endsAt)}
            </p>
            <p>{t('tr.cert.minutes', { minutes: s.minutes, session: s.sessionMinutes })}</p>
            <p className="muted">{t('tr.cert.number', { code: s.certificate!.code })}</p>
          </div>
          <p className="no-print">
            <button type="button" className="btn" onClick={() => window.print()}>
              {t('tr.cert.print')}
            </button>{' '}
            <a className="btn" href={withQuery(`/api/trainings/${id}/attendees/${personId}/certificate`)} download>
              {t('tr.download')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

/** The day, start, end and attendance share of a conference: the same fields when it is created and edited. */
export interface SessionFields {
  day: string;
  start: string;
  end: string;
  share: number;
}

export function SessionFieldset({
  form,
  onChange,
}: {
  form: SessionFields;
  onChange(patch: Partial<SessionFields>): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label className="field">
        {t('tr.new.day')}
        <input type="date" value={form.day} onChange={(e) => onChange({ day: e.target.value })} name="day" />
      </label>
      <label className="field">
        {t('tr.new.start')}
        <input type="time" value={form.start} onChange={(e) => onChange({ start: e.target.value })} />
      </label>
      <label className="field">
        {t('tr.new.end')}
        <input type="time" value={form.end} onChange={(e) => onChange({ end: e.target.value })} />
      </label>
      <label className="field">
        {t('tr.new.share')}
        <input
          type="number"
          min={1}
          max={100}
          value={form.share}
          onChange={(e) => onChange({ share: Number(e.target.value) })}
        />
      </label>
    </>
  );
}
