import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, withQuery, type Page } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import {
  STATES,
  STATE_COLOUR,
  loadOutbox,
  newRef,
  saveOutbox,
  type BoardT,
  type BridgeState,
  type BridgeT,
  type EventDetailT,
  type QueuedCheckIn,
} from '../training';
import type {
  AttendanceReportT,
  AttendeeT,
  BridgeChange,
  ImportResultT,
  MaterialsT,
  QuestionT,
  SilentListT,
} from '../../../src/modules/training/contract';
import { EditTraining, PresenceCodeCard, PresenceForm } from './TrainingForms';

/** A conference: the host's live map and lists, a bridge's check-in, the attendance and certificates. */
export function TrainingPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useUser();
  const event = useLoad((signal) => api.get<EventDetailT>(`/api/trainings/${id}`, {}, signal), [id]);
  if (event.error) return <ErrorBox error={event.error} onRetry={event.reload} />;
  if (!event.data) return <Loading />;
  const e = event.data;
  const host = e.actions.includes('manage');
  const ownBridge = user.communeCode ?? (user.role === 'province' ? user.provinceCode : null);
  return (
    <section>
      <p>
        <Link href="/tap-huan">← {t('tr.title')}</Link>
      </p>
      <h1>{e.title}</h1>
      <p className="muted">
        {formatDateTime(e.startsAt)} – {formatDateTime(e.endsAt)} ·{' '}
        {e.province ? (e.hostName ?? t('tr.hostProvince')) : t('tr.hostMinistry')}
      </p>
      <p data-testid="tr-rule">
        {t('tr.rule', { share: e.rule.share, required: e.rule.requiredMinutes, session: e.rule.sessionMinutes })}
      </p>
      {e.programme && (
        <p style={{ whiteSpace: 'pre-line' }}>
          <strong>{t('tr.programme')}:</strong> {e.programme}
        </p>
      )}
      {e.trainers && (
        <p>
          <strong>{t('tr.trainers')}:</strong> {e.trainers}
        </p>
      )}
      {user.personId && (
        <p>
          <Link href={`/tap-huan/${id}/chung-nhan/${user.personId}`}>{t('tr.myCertificate')}</Link>
        </p>
      )}
      {e.actions.includes('edit') && <EditTraining event={e} onSaved={event.reload} />}
      <MaterialsCard eventId={id} host={host} />
      {ownBridge && e.actions.includes('check_in') && <BridgeCheckIn eventId={id} unitCode={ownBridge} />}
      {ownBridge && e.actions.includes('check_in') && <PresenceCodeCard eventId={id} unitCode={ownBridge} />}
      <LiveBoard eventId={id} />
      {(host || user.role === 'province') && <SilentBridges eventId={id} />}
      {ownBridge && e.actions.includes('check_in') && <PresenceForm event={e} unitCode={ownBridge} />}
      <Attendance eventId={id} />
      <Questions eventId={id} asker={user.role === 'commune' || user.role === 'province' ? ownBridge : null} />
      {(host || user.role === 'province') && <Report eventId={id} />}
    </section>
  );
}

function StateChip({ state }: { state: BridgeState }) {
  const { t } = useI18n();
  return (
    <span className="chip" style={{ borderColor: STATE_COLOUR[state], color: STATE_COLOUR[state] }}>
      {t(`tr.state.${state}`)}
    </span>
  );
}

/** The board, kept live by the server's stream (EventSource reconnects by itself). */
function LiveBoard({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const [board, setBoard] = useState<BoardT | null>(null);
  const [states, setStates] = useState<Map<string, BridgeState>>(new Map());
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(withQuery(`/api/trainings/${eventId}/live`));
    source.addEventListener('snapshot', (m) => {
      const b = JSON.parse((m as MessageEvent<string>).data) as BoardT;
      setBoard(b);
      const s = new Map<string, BridgeState>();
      for (const p of b.provinces) for (const c of p.communes) s.set(c.unitCode, c.state);
      setStates(s);
      setLive(true);
    });
    source.addEventListener('bridge', (m) => {
      const c = JSON.parse((m as MessageEvent<string>).data) as BridgeChange;
      setStates((prev) => new Map(prev).set(c.unitCode, c.to));
    });
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [eventId]);
  const counts = useMemo(() => {
    const out = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<BridgeState, number>;
    for (const s of states.values()) out[s]++;
    return out;
  }, [states]);
  if (!board) return <Loading />;
  return (
    <div className="card" data-testid="tr-board">
      <h2>
        {t('tr.board')}{' '}
        <span className={live ? 'chip chip-ok' : 'chip chip-off'} data-testid="tr-live">
          {live ? t('tr.live') : t('tr.reconnecting')}
        </span>
      </h2>
      <p>
        {STATES.map((s) => (
          <span key={s} data-testid={`tr-count-${s}`} style={{ marginRight: 12 }}>
            <StateChip state={s} /> {counts[s].toLocaleString('vi-VN')}
          </span>
        ))}
        <span className="muted">{t('tr.communesOnly')}</span>
      </p>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }}>
        {board.provinces.map((p) => (
          <div key={p.provinceCode} className="card" style={{ padding: 6 }}>
            <strong>{p.name}</strong>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 1, marginTop: 4 }} aria-label={p.name}>
              {p.communes.map((c) => {
                const st = states.get(c.unitCode) ?? c.state;
                return (
                  <span
                    key={c.unitCode}
                    title={`${c.unitCode}: ${t(`tr.state.${st}`)}`}
                    data-unit={c.unitCode}
                    data-state={st}
                    style={{ width: 7, height: 7, background: STATE_COLOUR[st], display: 'inline-block' }}
                  />
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

function SilentBridges({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const list = useLoad((signal) => api.get<SilentListT>(`/api/trainings/${eventId}/silent`, {}, signal), [eventId]);
  useEffect(() => {
    const timer = setInterval(list.reload, 30_000);
    return () => clearInterval(timer);
  }, [list.reload]);
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <div className="card" data-testid="tr-silent">
      <h2>
        {t('tr.silent', { n: list.data.total })}{' '}
        <button type="button" className="btn btn-small" onClick={list.reload}>
          {t('common.retry')}
        </button>
      </h2>
      {list.data.provinces.map((p) => (
        <details key={p.provinceCode}>
          <summary>
            {p.name} ({p.silent.length})
          </summary>
          <table className="table">
            <thead>
              <tr>
                <th>{t('tr.bridge')}</th>
                <th>{t('tr.hall')}</th>
                <th>{t('tr.officer')}</th>
                <th>{t('tr.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {p.silent.map((b) => (
                <tr key={b.unitCode}>
                  <td>{b.name}</td>
                  <td>{b.hall ?? '—'}</td>
                  <td>{b.officer ?? '—'}</td>
                  <td>{b.phone ? <a href={`tel:${b.phone.replace(/\s/g, '')}`}>{b.phone}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </div>
  );
}

const RETRY_MS = 10_000;

/**
 * A bridge's own check-in: each press is kept in the device's outbox first, then sent (with its report id and the
 * time it was pressed), so a press on a dropped connection is sent when the connection returns.
 */
function BridgeCheckIn({ eventId, unitCode }: { eventId: string; unitCode: string }) {
  const { t } = useI18n();
  const [bridge, setBridge] = useState<BridgeT | null>(null);
  const [outbox, setOutbox] = useState<QueuedCheckIn[]>(() => loadOutbox().filter((q) => q.eventId === eventId));
  const [online, setOnline] = useState(() => navigator.onLine);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<Page<BridgeT>>(`/api/trainings/${eventId}/bridges`, { pageSize: 5 })
      .then((p) => setBridge(p.items.find((b) => b.unitCode === unitCode) ?? null))
      .catch(() => undefined);
  }, [eventId, unitCode]);

  const flush = useCallback(async () => {
    if (!navigator.onLine) return;
    for (const q of loadOutbox().filter((x) => x.eventId === eventId)) {
      try {
        const res = await api.post<{ bridge: BridgeT }>(
          `/api/trainings/${q.eventId}/bridges/${q.unitCode}/check-in`,
          q.body,
          { 'Idempotency-Key': q.body.clientRef },
        );
        setBridge(res.bridge);
        saveOutbox(loadOutbox().filter((x) => x.body.clientRef !== q.body.clientRef));
      } catch (err) {
        if (err instanceof ApiError && err.status === 0) break; // still offline: keep it
        setError(errorText(t, err));
        saveOutbox(loadOutbox().filter((x) => x.body.clientRef !== q.body.clientRef));
      }
    }
    setOutbox(loadOutbox().filter((x) => x.eventId === eventId));
  }, [eventId, t]);

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

  const press = (state: QueuedCheckIn['body']['state'], passed?: boolean) => {
    setError(null);
    if ((state === 'trouble' || passed === false) && !note.trim()) {
      setError(t('tr.noteNeeded'));
      return;
    }
    const item: QueuedCheckIn = {
      eventId,
      unitCode,
      body: {
        state,
        ...(passed === undefined ? {} : { passed }),
        ...(note.trim() ? { note: note.trim() } : {}),
        at: new Date().toISOString(),
        clientRef: newRef(),
      },
    };
    saveOutbox([...loadOutbox(), item]);
    setOutbox(loadOutbox().filter((x) => x.eventId === eventId));
    setNote('');
    void flush();
  };

  return (
    <div className="card" data-testid="tr-checkin">
      <h2>
        {t('tr.myBridge')}: {bridge?.name ?? unitCode}{' '}
        <span className={online ? 'chip chip-ok' : 'chip chip-off'} data-testid="tr-online">
          {online ? t('rf.online') : t('rf.offline')}
        </span>
      </h2>
      {bridge && (
        <p data-testid="tr-my-state">
          <StateChip state={bridge.state} /> {bridge.lastAt ? formatDateTime(bridge.lastAt) : ''}
        </p>
      )}
      <div className="actions" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <button type="button" className="btn" onClick={() => press('tested', true)}>
          {t('tr.do.testPassed')}
        </button>
        <button type="button" className="btn" onClick={() => press('tested', false)}>
          {t('tr.do.testFailed')}
        </button>
        <button type="button" className="btn" onClick={() => press('connected')} data-testid="tr-connected">
          {t('tr.do.connected')}
        </button>
        <button type="button" className="btn" onClick={() => press('trouble')}>
          {t('tr.do.trouble')}
        </button>
        <button type="button" className="btn" onClick={() => press('left')}>
          {t('tr.do.left')}
        </button>
      </div>
      <label>
        {t('tr.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      </label>
      {outbox.length > 0 && (
        <p className="alert" data-testid="tr-outbox">
          {t('tr.outbox', { n: outbox.length })}
        </p>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

function Attendance({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useLoad(
    (signal) =>
      api.get<Page<AttendeeT> & { rule: { requiredMinutes: number } }>(
        `/api/trainings/${eventId}/attendees`,
        { page, pageSize: 50 },
        signal,
      ),
    [eventId, page],
  );
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const d = list.data;
  return (
    <div className="card" data-testid="tr-attendees">
      <h2>{t('tr.attendees', { n: d.total })}</h2>
      <ReportImport eventId={eventId} onDone={list.reload} />
      <table className="table">
        <thead>
          <tr>
            <th>{t('tr.person')}</th>
            <th>{t('tr.bridge')}</th>
            <th>{t('tr.minutes')}</th>
            <th>{t('tr.attended')}</th>
            <th>{t('tr.certificate')}</th>
          </tr>
        </thead>
        <tbody>
          {d.items.map((a) => (
            <tr key={a.personId}>
              <td>{a.fullName}</td>
              <td>{a.unitName}</td>
              <td>
                {a.minutes}/{d.rule.requiredMinutes}
              </td>
              <td>{a.attended ? t('tr.yes') : (a.absenceReason ?? t('tr.no'))}</td>
              <td>
                {a.certificate ? (
                  <>
                    <Link href={`/tap-huan/${eventId}/chung-nhan/${a.personId}`}>{t('tr.certificatePage')}</Link> ·{' '}
                    <a href={withQuery(`/api/trainings/${eventId}/attendees/${a.personId}/certificate`)} download>
                      {t('tr.download')}
                    </a>
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.total > d.pageSize && (
        <p>
          <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            ←
          </button>{' '}
          {page}/{Math.ceil(d.total / d.pageSize)}{' '}
          <button
            type="button"
            className="btn btn-small"
            disabled={page * d.pageSize >= d.total}
            onClick={() => setPage(page + 1)}
          >
            →
          </button>
        </p>
      )}
    </div>
  );
}

function Report({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const report = useLoad(
    (signal) => api.get<AttendanceReportT>(`/api/trainings/${eventId}/report`, {}, signal),
    [eventId],
  );
  if (report.error) return <ErrorBox error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  return (
    <div className="card" data-testid="tr-report">
      <h2>{t('tr.report')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th>{t('tr.place')}</th>
            <th>{t('tr.bridges')}</th>
            <th>{t('tr.connectedBridges')}</th>
            <th>{t('tr.expected')}</th>
            <th>{t('tr.attendedCount')}</th>
          </tr>
        </thead>
        <tbody>
          {[...r.rows, { ...r.totals, name: t('tr.total') }].map((row) => (
            <tr key={row.code || 'total'}>
              <td>{row.name}</td>
              <td>{row.bridges}</td>
              <td>{row.connected}</td>
              <td>{row.expected}</td>
              <td>{row.attended}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Questions raised at the bridge; the asking unit sends each to the two-way channel with one click. */
function Questions({ eventId, asker }: { eventId: string; asker: string | null }) {
  const { t } = useI18n();
  const list = useLoad(
    (signal) => api.get<{ items: QuestionT[] }>(`/api/trainings/${eventId}/questions`, {}, signal),
    [eventId],
  );
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ask = async () => {
    setError(null);
    try {
      await api.post(`/api/trainings/${eventId}/questions`, { text: text.trim(), clientRef: newRef() });
      setText('');
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const forward = async (q: QuestionT) => {
    setError(null);
    try {
      await api.post(`/api/trainings/${eventId}/questions/${q.id}/forward`, { force: !!q.similarAnswered });
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <div className="card" data-testid="tr-questions">
      <h2>{t('tr.questions')}</h2>
      {asker && (
        <p>
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={4000} />
          <button type="button" className="btn" disabled={text.trim().length < 3} onClick={() => void ask()}>
            {t('tr.ask')}
          </button>
        </p>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {list.data?.items.map((q) => (
        <div key={q.id} className="card" style={{ padding: 6 }}>
          <p>
            <strong>{q.unitName}</strong>: {q.text}
          </p>
          {q.similarAnswered && !q.recommendationId && (
            <p className="muted">
              {t('tr.similar')} <Link href={`/kien-nghi/${q.similarAnswered.id}`}>{q.similarAnswered.code}</Link>
            </p>
          )}
          {q.recommendationId ? (
            <Link href={`/kien-nghi/${q.recommendationId}`}>{t('tr.forwarded')}</Link>
          ) : (
            asker === q.unitCode && (
              <button type="button" className="btn btn-small" onClick={() => void forward(q)}>
                {q.similarAnswered ? t('tr.forwardAnyway') : t('tr.forward')}
              </button>
            )
          )}
        </div>
      ))}
    </div>
  );
}

/** The materials kept with the event: every bridge downloads them; the host adds them. */
function MaterialsCard({ eventId, host }: { eventId: string; host: boolean }) {
  const { t } = useI18n();
  const list = useLoad((signal) => api.get<MaterialsT>(`/api/trainings/${eventId}/materials`, {}, signal), [eventId]);
  const [error, setError] = useState<string | null>(null);
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    try {
      const payload = await Promise.all(
        [...files].map(
          (f) =>
            new Promise<{ name: string; contentType: string; contentBase64: string }>((resolve, reject) => {
              const reader = new FileReader();
              reader.onload = () =>
                resolve({
                  name: f.name,
                  contentType: f.type || 'application/octet-stream',
                  contentBase64: String(reader.result).split(',')[1] ?? '',
                });
              reader.onerror = () => reject(reader.error);
              reader.readAsDataURL(f);
            }),
        ),
      );
      await api.post(`/api/trainings/${eventId}/materials`, { files: payload });
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  if (!list.data) return null;
  if (!host && list.data.items.length === 0) return null;
  return (
    <div className="card" data-testid="tr-materials">
      <h2>{t('tr.materials')}</h2>
      <ul>
        {list.data.items.map((m, n) => (
          <li key={n}>
            <a href={withQuery(`/api/trainings/${eventId}/materials/${n}`)} download>
              {m.name}
            </a>
          </li>
        ))}
      </ul>
      {host && (
        <label>
          {t('tr.addMaterials')} <input type="file" multiple onChange={(e) => void upload(e.target.files)} />
        </label>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** The conference tool's report (CSV or Excel) imported by the bridge; errors shown by row, nothing written then. */
function ReportImport({ eventId, onDone }: { eventId: string; onDone(): void }) {
  const { t } = useI18n();
  const [result, setResult] = useState<{ imported: number; errors: { row: number; message: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setResult(null);
    try {
      const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
      const body = isCsv
        ? { csv: await file.text() }
        : {
            xlsxBase64: await new Promise<string>((resolve, reject) => {
              const reader = new FileReader();
              reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
              reader.onerror = () => reject(reader.error);
              reader.readAsDataURL(file);
            }),
          };
      const res = await api.post<ImportResultT>(`/api/trainings/${eventId}/presence/import`, body);
      setResult(res);
      if (res.imported) onDone();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <div data-testid="tr-import">
      <label>
        {t('tr.import')} <input type="file" accept=".csv,.xlsx" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {result && result.errors.length === 0 && <p className="alert">{t('tr.imported', { n: result.imported })}</p>}
      {result && result.errors.length > 0 && (
        <ul className="alert alert-error" role="alert">
          {result.errors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
