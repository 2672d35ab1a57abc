import { useState, type FormEvent } from 'react';
import { api, ApiError, type UnitPage } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import {
  FORMS,
  actionLabel,
  channelLabel,
  fieldLabel,
  fileToBase64,
  formHref,
  formatBytes,
  formatMinutes,
  rememberUnitNames,
  statusLabel,
  useProcedureMap,
  useUnitNames,
  type Action,
  type ApologyWarning,
  type DossierDetail,
} from '../dossiers';
import { byName, formatDate, formatDateTime, parseDate } from '../format';
import { maybe, useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { isOpen } from '../../../src/modules/dossiers/domain/lifecycle';
import { DueDate, StatusBadge } from './Dossiers';
import { DossierSteps } from './DossierSteps';

const MAX_BYTES = 10 * 1024 * 1024;

export function DossierPage({ id }: { id: string }) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) => api.get<DossierDetail>(`/api/dossiers/${encodeURIComponent(id)}`, undefined, signal),
    [id],
  );
  const d = res.data;
  const procedures = useProcedureMap(d ? [d.provinceCode] : []);
  const unitNames = useUnitNames(
    d
      ? [d.receivingUnitCode, d.handlingUnitCode, ...d.events.flatMap((e) => [e.unitCode, e.toUnitCode ?? e.unitCode])]
      : [],
  );

  if (res.error && !d) {
    return (
      <div>
        <Link href="/dossiers">{t('dossier.back')}</Link>
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
  if (!d) return <Loading />;
  const unit = (code: string) => unitNames.get(code) ?? code;
  const proc = procedures.get(d.procedureCode);

  return (
    <article className="dossier-page" aria-busy={res.loading}>
      <Link href="/dossiers">{t('dossier.back')}</Link>
      <header className="unit-header">
        <h1>{t('dossier.title', { code: d.receiptCode })}</h1>
        <p className="unit-sub">
          <span data-testid="dossier-status">
            <StatusBadge status={d.status} />
          </span>
          {d.overdue && <span className="badge badge-overdue">{t('dossier.overdue')}</span>}
        </p>
      </header>
      <dl className="facts" data-testid="dossier-facts">
        <div className="wide-2">
          <dt>{t('dossier.procedure')}</dt>
          <dd>
            {proc?.name ?? d.procedureCode}{' '}
            <span className="muted small">
              ({d.procedureCode} · {fieldLabel(t, d.procedureField)})
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('dossier.due')}</dt>
          <dd data-testid="due-date">
            <DueDate d={d} />
            {d.originalDueDate && d.dueDate && d.originalDueDate !== d.dueDate && (
              <span className="muted small block">
                {t('dossier.originalDue', { date: formatDate(d.originalDueDate) })}
              </span>
            )}
            <span className="muted small block">
              {d.workingDays === 0 ? t('dossier.sameDay') : t('dossier.workingDays', { n: d.workingDays })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('dossier.received')}</dt>
          <dd>
            {formatDateTime(d.receivedAt)} <span className="muted small">· {channelLabel(t, d.channel)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('dossier.applicant')}</dt>
          <dd>{d.applicantName}</dd>
        </div>
        {d.applicantIdNumber && (
          <div>
            <dt>{t('dossier.idNumber')}</dt>
            <dd className="mono">{d.applicantIdNumber}</dd>
          </div>
        )}
        {d.applicantPhone && (
          <div>
            <dt>{t('dossier.phone')}</dt>
            <dd>{d.applicantPhone}</dd>
          </div>
        )}
        {d.applicantAddress && (
          <div className="wide-2">
            <dt>{t('dossier.address')}</dt>
            <dd>{d.applicantAddress}</dd>
          </div>
        )}
        <div>
          <dt>{t('dossier.receivingUnit')}</dt>
          <dd>{unit(d.receivingUnitCode)}</dd>
        </div>
        <div>
          <dt>{t('dossier.handlingUnit')}</dt>
          <dd>{unit(d.handlingUnitCode)}</dd>
        </div>
        {d.supplementCount > 0 && (
          <div>
            <dt>{t('dossier.supplements')}</dt>
            <dd>{d.supplementCount}</dd>
          </div>
        )}
        {d.finishedAt && (
          <div>
            <dt>{t('dossier.finished')}</dt>
            <dd>{formatDateTime(d.finishedAt)}</dd>
          </div>
        )}
        {d.returnedAt && (
          <div>
            <dt>{t('dossier.returned')}</dt>
            <dd>{formatDateTime(d.returnedAt)}</dd>
          </div>
        )}
        {d.ratingToken && !d.rating && (
          <div>
            <dt>{t('dossier.ratingToken')}</dt>
            <dd className="mono">{d.ratingToken}</dd>
          </div>
        )}
        {d.rating && (
          <div>
            <dt>{t('dossier.rating')}</dt>
            <dd>{maybe(t, `rating.${d.rating}`, d.rating)}</dd>
          </div>
        )}
        {d.apologyIssuedAt && (
          <div className="wide">
            <dd className="small">
              {formatDateTime(d.apologyIssuedAt)} — {t('dossier.apologyIssued', { reason: d.apologyReason ?? '' })}
            </dd>
          </div>
        )}
      </dl>

      <DossierSteps d={d} onDone={res.reload} />
      <Actions d={d} onDone={res.reload} />
      <Apology d={d} onDone={res.reload} />
      <Documents d={d} onDone={res.reload} />
      <Steps d={d} unit={unit} />
      <Forms d={d} />
    </article>
  );
}

function Actions({ d, onDone }: { d: DossierDetail; onDone(): void }) {
  const { t } = useI18n();
  const { writable } = useUser();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Action | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [target, setTarget] = useState('');
  // The steps the law allows now that the caller may take: decisions at the holding unit, the result's return at
  // the receiving center too (the dossier's `actions`).
  // A dossier worked in steps gets its result from a leader's approval and is returned with it (DossierSteps).
  const inSteps = d.step !== null;
  // The one-stop's receiving officer records the papers the applicant brings (`receive_supplement`).
  const rowOf = (a: Action) =>
    a === 'return_result' ? 'return_result' : a === 'supplement_received' ? 'receive_supplement' : 'decide';
  const steps = d.allowedActions
    .filter((a) => d.actions.includes(rowOf(a)))
    .filter((a) => !inSteps || (a !== 'complete' && a !== 'return_result'));
  const canAct =
    writable &&
    (d.actions.includes('decide') || d.actions.includes('return_result') || d.actions.includes('receive_supplement'));
  if (!canAct) return null;

  const run = async (action: Action, toUnitCode?: string) => {
    setBusy(action);
    setError(null);
    setDone(null);
    try {
      await api.post(`/api/dossiers/${d.id}/transitions`, {
        action,
        version: d.version,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(toUnitCode ? { toUnitCode } : {}),
      });
      setDone(action);
      setNote('');
      setTransferring(false);
      setTarget('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const conflict = error instanceof ApiError && error.status === 409;

  return (
    <section className="panel" aria-labelledby="actions-title" data-testid="dossier-actions">
      <h2 id="actions-title">{t('dossier.actions')}</h2>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('dossier.done', { action: actionLabel(t, done) })}
        </p>
      )}
      {error !== null && (
        <div className="alert alert-error" role="alert">
          <span>{errorText(t, error)}</span>
          {conflict && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setError(null);
                onDone();
              }}
            >
              {t('dossier.reload')}
            </button>
          )}
        </div>
      )}
      {steps.length === 0 ? (
        <p className="muted">{t('dossier.noActions')}</p>
      ) : (
        <>
          <label className="field">
            <span>{t('dossier.note')}</span>
            <textarea name="note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="actions action-buttons">
            {steps.map((a) => (
              <button
                key={a}
                type="button"
                className={`btn${a === 'refuse' || a === 'stop' ? ' btn-danger' : primaryAction(steps) === a ? ' btn-primary' : ''}`}
                disabled={busy !== null}
                aria-expanded={a === 'transfer' ? transferring : undefined}
                onClick={() => (a === 'transfer' ? setTransferring((x) => !x) : run(a))}
              >
                {busy === a ? t('dossier.busy') : actionLabel(t, a)}
              </button>
            ))}
          </div>
          {transferring && (
            <form
              className="transfer-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (target) void run('transfer', target);
              }}
            >
              <TransferTarget
                province={d.provinceCode}
                exclude={d.handlingUnitCode}
                value={target}
                onChange={setTarget}
                invalid={error instanceof ApiError && error.field === 'toUnitCode'}
              />
              <button type="submit" className="btn btn-primary" disabled={!target || busy !== null}>
                {t('dossier.transferConfirm')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

/** The step an officer most likely takes next, highlighted. */
function primaryAction(allowed: Action[]): Action | undefined {
  const order: Action[] = [
    'accept',
    'start_processing',
    'supplement_received',
    'payment_received',
    'complete',
    'return_result',
    'stop',
  ];
  return order.find((a) => allowed.includes(a));
}

function TransferTarget({
  province,
  exclude,
  value,
  onChange,
  invalid,
}: {
  province: string;
  exclude: string;
  value: string;
  onChange(v: string): void;
  invalid: boolean;
}) {
  const { t } = useI18n();
  const units = useLoad(
    async (signal) => {
      const r = await api.get<UnitPage>('/api/units', { province, level: 'commune', pageSize: 500 }, signal);
      rememberUnitNames(r.items);
      return [...r.items].sort(byName);
    },
    [province],
  );
  const names = useUnitNames([province]);
  const options = [{ code: province, fullName: names.get(province) ?? province }, ...(units.data ?? [])].filter(
    (u) => u.code !== exclude,
  );
  return (
    <label className="field">
      <span>{t('dossier.transferTo')}</span>
      {options.length > 1 ? (
        <select name="toUnitCode" value={value} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('dossier.transferPick')}</option>
          {options.map((u) => (
            <option key={u.code} value={u.code}>
              {u.fullName} ({u.code})
            </option>
          ))}
        </select>
      ) : (
        // A commune officer sees no other commune in the registry: the code is typed.
        <input
          name="toUnitCode"
          inputMode="numeric"
          placeholder="00000"
          value={value}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 5))}
        />
      )}
    </label>
  );
}

function Apology({ d, onDone }: { d: DossierDetail; onDone(): void }) {
  const { t } = useI18n();
  const { writable } = useUser();
  const warnings = useLoad(
    (signal) => api.get<{ items: ApologyWarning[] }>('/api/dossiers/apology-warnings', undefined, signal),
    [d.id, d.version],
  );
  const [open, setOpen] = useState(false);
  const [dateText, setDateText] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [badDate, setBadDate] = useState(false);
  const [done, setDone] = useState(false);
  const warning = warnings.data?.items.find((w) => w.id === d.id);
  const available =
    writable && d.actions.includes('apologize') && isOpen(d.status) && !!d.dueDate && !d.apologyIssuedAt;
  if (!available && !done) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const iso = parseDate(dateText);
    setBadDate(!iso);
    if (!iso) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/dossiers/${d.id}/apology`, { newDueDate: iso, reason: reason.trim() });
      setDone(true);
      setOpen(false);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errField = error instanceof ApiError ? error.field : undefined;

  return (
    <section className="panel" aria-labelledby="apology-title">
      <div className="panel-head">
        <h2 id="apology-title">{t('dossier.apology')}</h2>
        {available && !open && (
          <button type="button" className="btn" onClick={() => setOpen(true)}>
            {t('dossier.apologyOpen')}
          </button>
        )}
      </div>
      {warning && (
        <p className="alert alert-warn" role="status">
          {t('dossier.apologyWarn', { date: formatDate(warning.latestApologyDay) })}
        </p>
      )}
      {done && (
        <p className="alert alert-ok" role="status">
          {t('dossier.apologyDone')}{' '}
          <a href={formHref(d.id, '04')} target="_blank" rel="noopener">
            {t('dossier.form.04')}
          </a>
        </p>
      )}
      {open && (
        <form className="form-grid" onSubmit={submit} noValidate>
          <label className="field">
            <span>{t('dossier.apologyNewDate')}</span>
            <input
              name="newDueDate"
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              value={dateText}
              aria-invalid={badDate || errField === 'newDueDate'}
              onChange={(e) => setDateText(e.target.value)}
            />
            {badDate && <span className="field-error">{t('units.badDate')}</span>}
          </label>
          <label className="field">
            <span>{t('dossier.apologyReason')}</span>
            <textarea
              name="reason"
              rows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {error !== null && (
            <p className="alert alert-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy || !dateText.trim() || !reason.trim()}>
              {busy ? t('common.saving') : t('dossier.apologySubmit')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Documents({ d, onDone }: { d: DossierDetail; onDone(): void }) {
  const { t } = useI18n();
  const { writable } = useUser();
  const [kind, setKind] = useState<'input' | 'result'>('input');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const canUpload = writable && d.actions.includes('attach');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setMessage(null);
    setError(null);
    if (file.size > MAX_BYTES) {
      setError(new ApiError(413, 'too_big', t('dossier.doc.tooBig')));
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await fileToBase64(file);
      const r = await api.post<{ duplicate: boolean }>(`/api/dossiers/${d.id}/documents`, {
        kind,
        name: file.name,
        contentType: file.type || 'application/octet-stream',
        contentBase64,
      });
      setMessage(r.duplicate ? t('dossier.doc.duplicate') : t('dossier.doc.uploaded', { name: file.name }));
      setFile(null);
      setInputKey((k) => k + 1);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="docs-title" data-testid="dossier-documents">
      <h2 id="docs-title">{t('dossier.documents')}</h2>
      {d.documents.length === 0 ? (
        <p className="muted">{t('dossier.doc.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th>{t('dossier.doc.name')}</th>
                <th>{t('dossier.doc.kind')}</th>
                <th className="num">{t('dossier.doc.size')}</th>
                <th>{t('dossier.doc.sha')}</th>
                <th>{t('dossier.doc.at')}</th>
              </tr>
            </thead>
            <tbody>
              {d.documents.map((x) => (
                <tr key={x.id}>
                  <td data-label={t('dossier.doc.name')}>{x.name}</td>
                  <td data-label={t('dossier.doc.kind')}>
                    {t(x.kind === 'input' ? 'dossier.doc.input' : 'dossier.doc.result')}
                  </td>
                  <td data-label={t('dossier.doc.size')} className="num nowrap">
                    {formatBytes(x.sizeBytes)}
                  </td>
                  <td data-label={t('dossier.doc.sha')} className="mono hash" title={x.sha256}>
                    {x.sha256}
                  </td>
                  <td data-label={t('dossier.doc.at')} className="nowrap">
                    {formatDateTime(x.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canUpload && (
        <form className="upload-form" onSubmit={submit}>
          <label className="field">
            <span>{t('dossier.doc.kind')}</span>
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as 'input' | 'result')}>
              <option value="input">{t('dossier.doc.input')}</option>
              <option value="result">{t('dossier.doc.result')}</option>
            </select>
          </label>
          <label className="field field-grow">
            <span>{t('dossier.doc.file')}</span>
            <input
              key={inputKey}
              type="file"
              name="file"
              accept="application/pdf,image/*"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <button type="submit" className="btn" disabled={!file || busy}>
            {busy ? t('dossier.doc.uploading') : t('dossier.doc.upload')}
          </button>
        </form>
      )}
      {message && (
        <p className="alert alert-ok" role="status">
          {message}
        </p>
      )}
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}

function Steps({ d, unit }: { d: DossierDetail; unit(code: string): string }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="steps-title">
      <h2 id="steps-title">{t('dossier.steps')}</h2>
      <div className="table-wrap">
        <table className="table cards-on-phone" data-testid="dossier-steps">
          <thead>
            <tr>
              <th>{t('dossier.step.at')}</th>
              <th>{t('dossier.step.action')}</th>
              <th>{t('dossier.step.actor')}</th>
              <th>{t('dossier.step.units')}</th>
              <th>{t('dossier.step.note')}</th>
              <th className="num">{t('dossier.step.held')}</th>
            </tr>
          </thead>
          <tbody>
            {d.events.map((e, i) => (
              <tr key={i}>
                <td data-label={t('dossier.step.at')} className="nowrap">
                  {formatDateTime(e.at)}
                </td>
                <td data-label={t('dossier.step.action')}>
                  <span className="strong">{actionLabel(t, e.action)}</span>
                  {e.fromStatus !== e.toStatus && (
                    <span className="muted small block">→ {statusLabel(t, e.toStatus)}</span>
                  )}
                </td>
                <td data-label={t('dossier.step.actor')}>
                  {e.actor ? (
                    <>
                      {e.actor.name}
                      {e.actor.post && <div className="muted">{e.actor.post}</div>}
                    </>
                  ) : (
                    t('dossier.step.citizen')
                  )}
                </td>
                <td data-label={t('dossier.step.units')}>
                  {unit(e.unitCode)}
                  {e.toUnitCode && e.toUnitCode !== e.unitCode && <> → {unit(e.toUnitCode)}</>}
                </td>
                <td data-label={t('dossier.step.note')}>
                  {e.note ? (e.action === 'rate' ? rateNote(t, e.note) : e.note) : t('common.none')}
                </td>
                <td data-label={t('dossier.step.held')} className="num nowrap">
                  {formatMinutes(t, e.minutesUntilNext)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** 'satisfied: comment' → 'Hài lòng: comment'. */
function rateNote(t: Parameters<typeof maybe>[0], note: string) {
  const [rating, ...rest] = note.split(': ');
  return [maybe(t, `rating.${rating}`, rating ?? ''), ...rest].join(': ');
}

function Forms({ d }: { d: DossierDetail }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="forms-title">
      <h2 id="forms-title">{t('dossier.forms')}</h2>
      <ul className="form-links">
        {FORMS.map((f) => (
          <li key={f}>
            <a href={formHref(d.id, f)} target="_blank" rel="noopener" data-testid={`form-${f}`}>
              {t(`dossier.form.${f}` as MessageKey)}
            </a>{' '}
            <span className="muted small">({t('dossier.newTab')})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
