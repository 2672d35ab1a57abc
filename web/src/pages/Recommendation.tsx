import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, WhoActed, errorText, useLoad } from '../components/common';
import {
  MAX_FILE_BYTES,
  fileToUpload,
  formatBytes,
  recActionLabel,
  recFieldLabel,
  recLevelLabel,
  refreshUnread,
  type RecAction,
  type RecEvent,
} from '../channel';
import { useUnitNames } from '../dossiers';
import { formatDate, formatDateTime, whoText } from '../format';
import { useI18n } from '../i18n';
import type { RecommendationDetail, SimilarList } from '../../../src/modules/recommendations/contract';
import { Link, useLocation } from '../router';
import { RecDue, RecStatus } from './Recommendations';

type Detail = RecommendationDetail;

export function RecommendationPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const res = useLoad(
    (signal) => api.get<Detail>(`/api/recommendations/${encodeURIComponent(id)}`, undefined, signal),
    [id],
  );
  const r = res.data;
  const names = useUnitNames(r ? [r.unitCode, r.askerUnitCode] : []);

  if (res.error && !r) {
    return (
      <div>
        <Link href="/kien-nghi">{t('rec.back')}</Link>
        <ErrorBox
          error={res.error}
          onRetry={
            res.error instanceof ApiError && (res.error.status >= 500 || res.error.status === 0)
              ? res.reload
              : undefined
          }
        />
      </div>
    );
  }
  if (!r) return <Loading />;
  const unit = (code: string) => names.get(code) ?? code;

  return (
    <article className="rec-detail" aria-busy={res.loading}>
      <Link href="/kien-nghi">{t('rec.back')}</Link>
      <header className="unit-header">
        <h1>{r.title}</h1>
        <p className="unit-sub">
          <span className="mono strong" data-testid="rec-code">
            {r.code}
          </span>
          <span data-testid="rec-status">
            <RecStatus status={r.status} />
          </span>
          <span className="muted" data-testid="rec-level">
            {t('rec.heldAt', { level: recLevelLabel(t, r.level) })}
          </span>
          {r.urgency === 'urgent' && <span className="badge">{t('rec.urgency.urgent')}</span>}
        </p>
      </header>
      {query.get('sent') === '1' && r.events.length === 1 && (
        <p className="alert alert-ok" role="status">
          {t('rec.sent', { code: r.code })}
        </p>
      )}
      <dl className="facts" data-testid="rec-facts">
        <div>
          <dt>{t('rec.fieldLabel')}</dt>
          <dd>{recFieldLabel(t, r.field)}</dd>
        </div>
        <div>
          <dt>{t('rec.asker')}</dt>
          <dd>
            {r.askerKind === 'officer' ? t('rec.askerOfficer', { user: r.asker?.name ?? '' }) : unit(r.askerUnitCode)}
            {r.asker && (
              <span className="muted small block">
                {r.askerKind === 'officer' ? r.asker.post : [r.asker.name, r.asker.post].filter(Boolean).join(', ')}
              </span>
            )}
          </dd>
        </div>
        {r.unitCode !== r.askerUnitCode && (
          <div>
            <dt>{t('rec.unit')}</dt>
            <dd>{unit(r.unitCode)}</dd>
          </div>
        )}
        <div>
          <dt>{t('rec.raised')}</dt>
          <dd>{formatDateTime(r.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('rec.col.due')}</dt>
          <dd data-testid="rec-due">
            <RecDue r={r} />
            {r.workingDays && r.status === 'pending' ? (
              <span className="muted small block">
                {t('rec.limit', { n: r.workingDays, date: formatDate(r.arrivedOn) })}
              </span>
            ) : null}
          </dd>
        </div>
        <div className="wide">
          <dt>{t('rec.form.content')}</dt>
          <dd className="prewrap">{r.content}</dd>
        </div>
        {r.legalBasis && (
          <div className="wide">
            <dt>{t('rec.form.legalBasis')}</dt>
            <dd>{r.legalBasis}</dd>
          </div>
        )}
      </dl>

      <Attachments r={r} onDone={res.reload} />

      {r.answer && (
        <section className="panel answer-panel" data-testid="rec-answer" aria-labelledby="answer-title">
          <h2 id="answer-title">{t('rec.answerTitle')}</h2>
          <p className="prewrap">{r.answer}</p>
          <p>
            <strong>{t('rec.answerBasis')}:</strong> {r.answerLegalBasis}
          </p>
          <p className="muted small">
            {t('rec.answeredBy', {
              who: whoText(r.answerer),
              level: recLevelLabel(t, r.answeredLevel ?? ''),
              at: formatDateTime(r.answeredAt),
            })}
          </p>
          {r.publishedAt && <p className="small">{t('rec.publishedAt', { at: formatDateTime(r.publishedAt) })}</p>}
        </section>
      )}

      <Actions r={r} onDone={res.reload} />
      <History events={r.events} />
      <Similar id={r.id} />
    </article>
  );
}

/** The item's attachments, downloaded by position; the asker adds more until the item is accepted. */
function Attachments({ r, onDone }: { r: Detail; onDone(): void }) {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canAdd = writable && user.username === r.askerUsername && !r.closedAt && r.attachments.length < 10;
  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const list = [...files];
    const big = list.find((f) => f.size > MAX_FILE_BYTES || f.size === 0);
    if (big) return setError(t('rec.attach.tooBig', { name: big.name }));
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/recommendations/${r.id}/attachments`, {
        attachments: await Promise.all(list.map(fileToUpload)),
      });
      onDone();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  if (r.attachments.length === 0 && !canAdd) return null;
  return (
    <section className="panel" aria-labelledby="rec-att-title" data-testid="rec-attachments">
      <h2 id="rec-att-title">{t('rec.attach.title')}</h2>
      {r.attachments.length === 0 ? (
        <p className="muted">{t('rec.attach.none')}</p>
      ) : (
        <ul>
          {r.attachments.map((a, i) => (
            <li key={`${a.sha256}-${i}`}>
              <a href={`/api/recommendations/${r.id}/attachments/${i}`} download={a.name}>
                {a.name}
              </a>{' '}
              <span className="muted small">({formatBytes(a.sizeBytes)})</span>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <label className="field">
          <span>{t('rec.attach.add')}</span>
          <input
            type="file"
            multiple
            disabled={busy}
            aria-describedby="rec-att-hint"
            onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))}
          />
          <span id="rec-att-hint" className="muted small">
            {busy ? t('rec.attach.uploading') : t('rec.attach.pick')}
          </span>
        </label>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

const NOTE_REQUIRED: RecAction[] = ['request_info', 'provide_info', 'reopen'];

function Actions({ r, onDone }: { r: Detail; onDone(): void }) {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const [open, setOpen] = useState<RecAction | null>(null);
  const [answer, setAnswer] = useState('');
  const [basis, setBasis] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const canPublish =
    writable &&
    (user.role === 'ministry' || user.role === 'admin') &&
    !r.publishedAt &&
    (r.status === 'answered' || r.status === 'accepted');
  if (!writable || (r.actions.length === 0 && !canPublish && !done)) return null;

  const run = async (action: RecAction) => {
    if (action === 'answer' && (!answer.trim() || !basis.trim())) return setMissing(true);
    if (NOTE_REQUIRED.includes(action) && !note.trim()) return setMissing(true);
    setMissing(false);
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.post(`/api/recommendations/${r.id}/actions`, {
        action,
        version: r.version,
        ...(action === 'answer' ? { answer: answer.trim(), legalBasis: basis.trim() } : {}),
        ...(action !== 'answer' && note.trim() ? { note: note.trim() } : {}),
      });
      setDone(recActionLabel(t, action));
      setOpen(null);
      setAnswer('');
      setBasis('');
      setNote('');
      onDone();
      void refreshUnread();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/recommendations/${r.id}/publish`);
      setDone(t('rec.publish'));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (open) void run(open);
  };
  // Actions with a form open it; accept goes at once.
  const direct = (a: RecAction) => a === 'accept';

  return (
    <section className="panel" aria-labelledby="rec-actions-title" data-testid="rec-actions">
      <h2 id="rec-actions-title">{t('rec.actionsTitle')}</h2>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('rec.done', { action: done })}
        </p>
      )}
      {error !== null && (
        <div className="alert alert-error" role="alert">
          <span>{errorText(t, error)}</span>
          {error instanceof ApiError && error.status === 409 && (
            <button type="button" className="btn btn-small" onClick={onDone}>
              {t('rec.reload')}
            </button>
          )}
        </div>
      )}
      <div className="actions action-buttons">
        {r.actions.map((a) => (
          <button
            key={a}
            type="button"
            className={`btn${a === 'answer' || a === 'accept' || a === 'provide_info' ? ' btn-primary' : ''}`}
            disabled={busy}
            aria-expanded={direct(a) ? undefined : open === a}
            onClick={() => {
              setMissing(false);
              if (direct(a)) void run(a);
              else setOpen((o) => (o === a ? null : a));
            }}
          >
            {recActionLabel(t, a)}
          </button>
        ))}
        {canPublish && (
          <button type="button" className="btn" disabled={busy} onClick={() => void publish()}>
            {t('rec.publish')}
          </button>
        )}
      </div>
      {open && (
        <form className="rec-action-form" onSubmit={submit} noValidate>
          {open === 'answer' ? (
            <>
              <label className="field">
                <span>
                  {t('rec.form.answer')} <span className="req">*</span>
                </span>
                <textarea
                  name="answer"
                  rows={6}
                  maxLength={20000}
                  value={answer}
                  aria-invalid={missing && !answer.trim()}
                  onChange={(e) => setAnswer(e.target.value)}
                />
              </label>
              <label className="field">
                <span>
                  {t('rec.form.answerBasis')} <span className="req">*</span>
                </span>
                <input
                  name="answerLegalBasis"
                  maxLength={1000}
                  value={basis}
                  placeholder={t('rec.form.legalBasisPlaceholder')}
                  aria-invalid={missing && !basis.trim()}
                  onChange={(e) => setBasis(e.target.value)}
                />
              </label>
            </>
          ) : (
            <label className="field">
              <span>
                {t(`rec.note.${open}`)} {NOTE_REQUIRED.includes(open) && <span className="req">*</span>}
              </span>
              <textarea
                name="note"
                rows={3}
                maxLength={5000}
                value={note}
                aria-invalid={missing && !note.trim()}
                onChange={(e) => setNote(e.target.value)}
              />
            </label>
          )}
          {missing && (
            <p className="alert alert-error" role="alert">
              {open === 'answer' ? t('rec.form.answerMissing') : t('rec.form.noteMissing')}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('dossier.busy') : t('rec.confirm', { action: recActionLabel(t, open) })}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function History({ events }: { events: RecEvent[] }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="rec-history-title">
      <h2 id="rec-history-title">{t('rec.history')}</h2>
      <div className="table-wrap">
        <table className="table cards-on-phone" data-testid="rec-history">
          <thead>
            <tr>
              <th>{t('rec.hist.at')}</th>
              <th>{t('rec.hist.action')}</th>
              <th>{t('rec.hist.who')}</th>
              <th>{t('rec.col.level')}</th>
              <th>{t('rec.hist.note')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => (
              <tr key={i}>
                <td data-label={t('rec.hist.at')} className="nowrap">
                  {formatDateTime(e.at)}
                </td>
                <td data-label={t('rec.hist.action')}>{recActionLabel(t, e.action)}</td>
                <td data-label={t('rec.hist.who')}>
                  <WhoActed actor={e.actor} />
                </td>
                <td data-label={t('rec.col.level')}>{e.level ? recLevelLabel(t, e.level) : ''}</td>
                <td data-label={t('rec.hist.note')} className="prewrap">
                  {e.note ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Similar({ id }: { id: string }) {
  const { t } = useI18n();
  const res = useLoad((signal) => api.get<SimilarList>('/api/recommendations/similar', { id, limit: 5 }, signal), [id]);
  const items = res.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="rec-similar-title">
      <h2 id="rec-similar-title">{t('rec.similar.title')}</h2>
      <ul>
        {items.map((s) => (
          <li key={s.id}>
            <Link href={s.published ? `/tri-thuc?q=${encodeURIComponent(s.title)}` : `/kien-nghi/${s.id}`}>
              {s.title}
            </Link>{' '}
            <span className="muted small">
              ({s.code}
              {s.published ? ` · ${t('rec.similar.published')}` : ''})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
