import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api';
import { ErrorBox, Loading, errorText, useLoad } from '../../components/common';
import {
  MAX_FILE_BYTES,
  addDaysIso,
  fileToUpload,
  formatBytes,
  loadDrafts,
  saveDrafts,
  uuid,
  type Phase,
  type Visit,
  type VisitDraft,
  type Officer,
} from '../../channel';
import { formatDate, parseDate } from '../../format';
import { useI18n } from '../../i18n';
import type { VisitPage } from '../../../../src/modules/reinforcement/contract';

const FORM_KEY = 'haicap.visitForm';
interface VisitForm {
  communeCode: string;
  visitedOn: string;
  metWith: string;
  findings: string;
  resolved: string;
}

export function loadForm(defaultDay: string): VisitForm {
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
export function VisitLog({
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
export function VisitPhotos({ v, onDone }: { v: Visit; onDone(): void }) {
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

export function WeekVisits({
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
