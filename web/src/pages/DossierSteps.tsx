import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useUser } from '../auth';
import { errorText } from '../components/common';
import { fileToBase64, type DossierDetail } from '../dossiers';
import { formatDate, formatDateTime, parseDate } from '../format';
import { maybe, useI18n } from '../i18n';
import type { StepAction } from '../../../src/modules/dossiers/domain/steps';

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * The internal process on a dossier's page: where it stands, who holds it, the step's due moment and late mark, the
 * steps the caller may take (as the API says: `stepActions`), and the timeline of steps with people and times.
 */
export function DossierSteps({ d, onDone }: { d: DossierDetail; onDone(): void }) {
  const { t } = useI18n();
  if (!d.step && d.steps.length === 0) return null;
  const person = (p: { name: string; post: string | null } | null) =>
    p ? (p.post ? `${p.name} (${p.post})` : p.name) : '—';
  return (
    <section className="panel" aria-labelledby="steps-title" data-testid="dossier-process">
      <h2 id="steps-title">{t('steps.title')}</h2>
      {d.step && (
        <p data-testid="current-step">
          <strong>{t('steps.current', { step: maybe(t, `step.${d.step}`, d.step) })}</strong>
          {d.assignee && <span className="block">{t('steps.holder', { name: person(d.assignee) })}</span>}
          {d.stepDueAt && (
            <span className="block">
              {t('steps.due', { at: formatDateTime(d.stepDueAt) })}{' '}
              {d.stepLate && <span className="badge badge-overdue">{t('steps.late')}</span>}
            </span>
          )}
        </p>
      )}
      {d.missingPapers.length > 0 && (
        <div className="alert alert-warn">
          <strong>{t('steps.missing')}:</strong> {d.missingPapers.join('; ')}
        </div>
      )}
      {d.resultNumber && (
        <p data-testid="result-line">
          {t('steps.result', {
            number: d.resultNumber,
            date: formatDate(d.resultDate),
            signer: d.resultSigner ?? '—',
          })}
        </p>
      )}
      <StepActions d={d} onDone={onDone} />
      <div className="table-wrap">
        <table className="table" data-testid="steps-timeline">
          <thead>
            <tr>
              <th>{t('steps.title')}</th>
              <th>{t('steps.assignee')}</th>
              <th>{t('steps.started')}</th>
              <th>{t('queue.stepDue')}</th>
              <th>{t('steps.ended')}</th>
              <th>{t('steps.by')}</th>
            </tr>
          </thead>
          <tbody>
            {d.steps.map((s, i) => (
              <tr key={i} className={s.late ? 'row-late' : undefined}>
                <td>
                  {maybe(t, `step.${s.step}`, s.step)}
                  {s.late && (
                    <>
                      {' '}
                      <span className="badge badge-overdue">{t('steps.late')}</span>
                    </>
                  )}
                </td>
                <td>{s.assignee ? person(s.assignee) : '—'}</td>
                <td>{formatDateTime(s.startedAt)}</td>
                <td>{s.dueAt ? formatDateTime(s.dueAt) : '—'}</td>
                <td>{s.endedAt ? formatDateTime(s.endedAt) : t('steps.open')}</td>
                <td>
                  {person(s.by)}
                  {s.outcome && s.endedAt && (
                    <span className="muted small block">
                      {maybe(t, `stepAction.${s.outcome}`, maybe(t, `dossier.action.${s.outcome}`, ''))}
                      {s.note ? ` — ${s.note}` : ''}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function StepActions({ d, onDone }: { d: DossierDetail; onDone(): void }) {
  const { t } = useI18n();
  const { writable } = useUser();
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  const [number, setNumber] = useState('');
  const [dateText, setDateText] = useState('');
  const [signer, setSigner] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<StepAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<StepAction | null>(null);
  if (!writable || d.stepActions.length === 0) return null;

  const run = async (action: StepAction, e?: FormEvent) => {
    e?.preventDefault();
    setBusy(action);
    setError(null);
    setDone(null);
    try {
      let result: Record<string, unknown> | undefined;
      if (action === 'return_result') {
        if (file && file.size > MAX_BYTES) throw new ApiError(413, 'too_big', t('dossier.doc.tooBig'));
        result = {
          number: number.trim(),
          date: parseDate(dateText) ?? '',
          signer: signer.trim(),
          ...(file
            ? {
                file: {
                  name: file.name,
                  contentType: file.type || 'application/pdf',
                  contentBase64: await fileToBase64(file),
                },
              }
            : {}),
        };
      }
      await api.post(`/api/dossiers/${d.id}/steps`, {
        action,
        version: d.version,
        ...(action === 'assign' ? { assignee } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(result ? { result } : {}),
      });
      setDone(action);
      setNote('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const has = (a: StepAction) => d.stepActions.includes(a);
  const field = error instanceof ApiError ? error.field : undefined;
  const label = (a: StepAction) => (busy === a ? t('dossier.busy') : t(`stepAction.${a}`));

  return (
    <div className="step-actions" data-testid="step-actions">
      {done && (
        <p className="alert alert-ok" role="status">
          {t('steps.done', { action: t(`stepAction.${done}`) })}
        </p>
      )}
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {error instanceof Error && !(error instanceof ApiError) ? error.message : errorText(t, error)}
        </p>
      )}
      {has('pick') && (
        <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => run('pick')}>
          {label('pick')}
        </button>
      )}
      {has('assign') && (
        <form className="inline-form" onSubmit={(e) => run('assign', e)}>
          <label className="field">
            <span>{t('steps.assignee')}</span>
            <select
              name="assignee"
              value={assignee}
              aria-invalid={field === 'assignee'}
              onChange={(e) => setAssignee(e.target.value)}
            >
              <option value="">{t('steps.pickAssignee')}</option>
              {d.assignable.map((a) => (
                <option key={a.username} value={a.username}>
                  {a.post ? `${a.name} (${a.post})` : a.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn btn-primary" disabled={!assignee || busy !== null}>
            {d.step === 'process' ? t('stepAction.reassign') : label('assign')}
          </button>
        </form>
      )}
      {(has('submit') || has('verify') || has('approve') || has('send_back')) && (
        <>
          <label className="field">
            <span>{has('send_back') ? t('steps.reason') : t('steps.note')}</span>
            <textarea
              name="stepNote"
              rows={2}
              maxLength={1000}
              value={note}
              aria-invalid={field === 'note'}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="actions action-buttons">
            {(['submit', 'verify', 'approve', 'send_back'] as const).filter(has).map((a) => (
              <button
                key={a}
                type="button"
                className={`btn${a === 'send_back' ? ' btn-danger' : ' btn-primary'}`}
                disabled={busy !== null}
                onClick={() => run(a)}
              >
                {label(a)}
              </button>
            ))}
          </div>
        </>
      )}
      {has('return_result') && (
        <form className="result-form" onSubmit={(e) => run('return_result', e)}>
          <label className="field">
            <span>{t('steps.resultNumber')}</span>
            <input
              name="resultNumber"
              value={number}
              required
              aria-invalid={field === 'result'}
              onChange={(e) => setNumber(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('steps.resultDate')}</span>
            <input
              name="resultDate"
              value={dateText}
              required
              placeholder="dd/mm/yyyy"
              onChange={(e) => setDateText(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('steps.resultSigner')}</span>
            <input name="resultSigner" value={signer} required onChange={(e) => setSigner(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('steps.resultFile')}</span>
            <input name="resultFile" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy !== null}>
            {label('return_result')}
          </button>
        </form>
      )}
    </div>
  );
}
