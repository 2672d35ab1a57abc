import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { api, ApiError, type UnitPage } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import {
  CHANNELS,
  FIELDS,
  channelLabel,
  fieldLabel,
  formHref,
  loadProcedures,
  matchProcedures,
  type Channel,
  type Dossier,
  type Procedure,
} from '../dossiers';
import { byName, collator, formatDate, formatInteger } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';

interface Form {
  procedureCode: string;
  channel: Channel;
  applicantName: string;
  applicantIdNumber: string;
  applicantPhone: string;
  applicantAddress: string;
  complete: boolean;
  /** the procedure's papers the officer unticked: missing (Form 02 names them) */
  missing: string[];
  handlingUnitCode: string;
  handlingUnitName: string;
  waitMinutes: string;
}

const EMPTY: Form = {
  procedureCode: '',
  channel: 'in_person',
  applicantName: '',
  applicantIdNumber: '',
  applicantPhone: '',
  applicantAddress: '',
  complete: true,
  missing: [],
  handlingUnitCode: '',
  handlingUnitName: '',
  waitMinutes: '',
};

export function DossierIntakePage() {
  const { t } = useI18n();
  const { user } = useUser();
  const procedures = useLoad(() => loadProcedures(user.provinceCode), [user.provinceCode]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [idError, setIdError] = useState(false);
  const [done, setDone] = useState<Dossier | null>(null);
  // One key per submission: a retry after a lost answer reuses it, so the server makes one dossier.
  const idemKey = useRef<string | null>(null);

  const proc = procedures.data?.find((p) => p.code === form.procedureCode) ?? null;

  const update = (patch: Partial<Form>) => {
    idemKey.current = null; // the content changed: this is a new submission
    setForm((f) => ({ ...f, ...patch }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.applicantIdNumber && !/^\d{12}$/.test(form.applicantIdNumber)) {
      setIdError(true);
      return;
    }
    setIdError(false);
    setBusy(true);
    setError(null);
    idemKey.current ??= crypto.randomUUID();
    const trimmed = (s: string) => (s.trim() === '' ? undefined : s.trim());
    const body = {
      procedureCode: form.procedureCode,
      channel: form.channel,
      applicantName: form.applicantName.trim(),
      applicantIdNumber: trimmed(form.applicantIdNumber),
      applicantPhone: trimmed(form.applicantPhone),
      applicantAddress: trimmed(form.applicantAddress),
      complete: form.channel === 'online' ? undefined : form.complete,
      papers: form.channel === 'online' || !proc ? undefined : proc.documents.filter((p) => !form.missing.includes(p)),
      handlingUnitCode:
        proc?.boundaryFree && proc.decisionLevel === 'commune' && form.handlingUnitCode
          ? form.handlingUnitCode
          : undefined,
      waitMinutes:
        form.channel === 'in_person' && form.waitMinutes !== ''
          ? Math.max(0, Math.round(Number(form.waitMinutes)))
          : undefined,
    };
    try {
      const d = await api.post<Dossier>('/api/dossiers', body, { 'idempotency-key': idemKey.current });
      idemKey.current = null;
      setDone(d);
      window.scrollTo(0, 0);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="intake-page">
        <Link href="/dossiers">{t('dossier.back')}</Link>
        <section className="panel receipt-done" data-testid="intake-done">
          <p className="alert alert-ok" role="status">
            {t('intake.done')}
          </p>
          <p className="muted">{t('intake.receiptCode')}</p>
          <p className="receipt-code" data-testid="receipt-code">
            {done.receiptCode}
          </p>
          <p className="due-line" data-testid="due-date">
            {done.dueDate ? t('intake.dueDate', { date: formatDate(done.dueDate) }) : t('intake.noDue')}
          </p>
          {done.ratingToken && (
            <p className="muted small" data-testid="rating-token">
              {t('intake.ratingToken', { token: done.ratingToken })}
            </p>
          )}
          <div className="actions">
            <a
              className="btn btn-primary"
              href={formHref(done.id, done.status === 'supplement_requested' ? '02' : '01')}
              target="_blank"
              rel="noopener"
            >
              {t(done.status === 'supplement_requested' ? 'intake.printSupplement' : 'intake.printReceipt')}
            </a>
            <Link className="btn" href={`/dossiers/${done.id}`}>
              {t('intake.open')}
            </Link>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setDone(null);
                setForm(EMPTY);
              }}
            >
              {t('intake.another')}
            </button>
          </div>
        </section>
      </div>
    );
  }

  const errField = error instanceof ApiError ? error.field : undefined;
  const fieldError = (name: string | string[]) => {
    const names = Array.isArray(name) ? name : [name];
    if (!errField || !names.includes(errField)) return null;
    return (
      <span className="field-error" role="alert">
        {errorText(t, error)}
      </span>
    );
  };
  const showPicker = !!(proc?.boundaryFree && proc.decisionLevel === 'commune' && user.provinceCode);
  // Errors shown next to their field; any other goes in the box above the button.
  const knownFields = [
    'procedureCode',
    'applicantName',
    'applicantIdNumber',
    'applicantPhone',
    'applicantAddress',
    ...(showPicker ? ['handlingUnitCode', 'receivingUnitCode'] : []),
    ...(form.channel === 'in_person' ? ['waitMinutes'] : []),
  ];

  return (
    <div className="intake-page">
      <Link href="/dossiers">{t('dossier.back')}</Link>
      <h1>{t('intake.title')}</h1>
      {procedures.error ? (
        <ErrorBox error={procedures.error} onRetry={procedures.reload} />
      ) : !procedures.data ? (
        <Loading />
      ) : (
        <form className="panel intake-form" onSubmit={submit} noValidate>
          <ProcedurePicker
            procedures={procedures.data}
            value={form.procedureCode}
            invalid={errField === 'procedureCode'}
            onChange={(code) => update({ procedureCode: code, handlingUnitCode: '', handlingUnitName: '' })}
          >
            {fieldError('procedureCode')}
          </ProcedurePicker>
          {proc && <ProcedureFacts p={proc} />}

          <fieldset className="field radio-group">
            <legend>{t('intake.channel')}</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="check">
                <input
                  type="radio"
                  name="channel"
                  value={c}
                  checked={form.channel === c}
                  onChange={() => update({ channel: c })}
                />
                <span>{channelLabel(t, c)}</span>
              </label>
            ))}
          </fieldset>

          <h2>{t('intake.applicant')}</h2>
          <div className="form-grid">
            <label className="field">
              <span>{t('intake.name')}</span>
              <input
                name="applicantName"
                autoComplete="off"
                required
                value={form.applicantName}
                aria-invalid={errField === 'applicantName'}
                onChange={(e) => update({ applicantName: e.target.value })}
              />
              {fieldError('applicantName')}
            </label>
            <label className="field">
              <span>{t('intake.idNumber')}</span>
              <input
                name="applicantIdNumber"
                inputMode="numeric"
                autoComplete="off"
                maxLength={12}
                value={form.applicantIdNumber}
                aria-invalid={idError || errField === 'applicantIdNumber'}
                onChange={(e) => update({ applicantIdNumber: e.target.value.replace(/\D/g, '') })}
              />
              {idError && (
                <span className="field-error" role="alert">
                  {t('intake.idBad')}
                </span>
              )}
              {fieldError('applicantIdNumber')}
            </label>
            <label className="field">
              <span>{t('intake.phone')}</span>
              <input
                name="applicantPhone"
                type="tel"
                autoComplete="off"
                value={form.applicantPhone}
                aria-invalid={errField === 'applicantPhone'}
                onChange={(e) => update({ applicantPhone: e.target.value })}
              />
              {fieldError('applicantPhone')}
            </label>
            <label className="field">
              <span>{t('intake.address')}</span>
              <input
                name="applicantAddress"
                autoComplete="off"
                value={form.applicantAddress}
                aria-invalid={errField === 'applicantAddress'}
                onChange={(e) => update({ applicantAddress: e.target.value })}
              />
              {fieldError('applicantAddress')}
            </label>
          </div>

          {form.channel !== 'online' && proc && proc.documents.length > 0 && (
            <fieldset className="field papers" data-testid="intake-papers">
              <legend>{t('intake.papers')}</legend>
              {proc.documents.map((paper) => (
                <label key={paper} className="check">
                  <input
                    type="checkbox"
                    name="paper"
                    checked={!form.missing.includes(paper)}
                    onChange={(e) =>
                      update({
                        missing: e.target.checked ? form.missing.filter((m) => m !== paper) : [...form.missing, paper],
                      })
                    }
                  />
                  <span>{paper}</span>
                </label>
              ))}
              {proc.documents.some((p) => form.missing.includes(p)) && (
                <p className="alert alert-warn small" role="status">
                  {t('intake.papersMissing', {
                    list: proc.documents.filter((p) => form.missing.includes(p)).join('; '),
                  })}
                </p>
              )}
            </fieldset>
          )}

          {form.channel !== 'online' && (
            <div className="field">
              <label className="check">
                <input
                  type="checkbox"
                  name="complete"
                  checked={form.complete}
                  onChange={(e) => update({ complete: e.target.checked })}
                />
                <span>{t('intake.complete')}</span>
              </label>
              <span className="muted small hint">{t('intake.completeHint')}</span>
            </div>
          )}

          {showPicker && user.provinceCode && (
            <HandlingUnitPicker
              province={user.provinceCode}
              own={user.communeCode}
              code={form.handlingUnitCode}
              name={form.handlingUnitName}
              invalid={errField === 'handlingUnitCode' || errField === 'receivingUnitCode'}
              onChange={(code, name) => update({ handlingUnitCode: code, handlingUnitName: name })}
            >
              {fieldError(['handlingUnitCode', 'receivingUnitCode'])}
            </HandlingUnitPicker>
          )}

          {form.channel === 'in_person' && (
            <label className="field field-narrow">
              <span>{t('intake.wait')}</span>
              <input
                name="waitMinutes"
                type="number"
                inputMode="numeric"
                min={0}
                max={1440}
                value={form.waitMinutes}
                aria-invalid={errField === 'waitMinutes'}
                onChange={(e) => update({ waitMinutes: e.target.value })}
              />
              {fieldError('waitMinutes')}
            </label>
          )}

          {error !== null && !(errField && knownFields.includes(errField)) && (
            <p className="alert alert-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
          <button
            type="submit"
            className="btn btn-primary btn-wide"
            disabled={busy || !form.procedureCode || !form.applicantName.trim()}
          >
            {busy ? t('intake.submitting') : t('intake.submit')}
          </button>
        </form>
      )}
    </div>
  );
}

function ProcedureFacts({ p }: { p: Procedure }) {
  const { t } = useI18n();
  return (
    <div className="procedure-facts" data-testid="procedure-facts">
      <p className="chips">
        <span className="chip">
          {p.workingDays === 0 ? t('intake.sameDay') : t('intake.days', { n: p.workingDays })}
        </span>
        <span className="chip">
          {p.feeVnd > 0 ? t('intake.fee', { fee: formatInteger(p.feeVnd) }) : t('intake.free')}
        </span>
        <span className={`chip${p.boundaryFree ? ' chip-ok' : ''}`}>
          {p.boundaryFree ? t('intake.boundaryFree') : t('intake.notBoundaryFree')}
        </span>
        {p.decisionLevel === 'province' && <span className="chip">{t('intake.provinceLevel')}</span>}
      </p>
      <p className="small strong">{t('intake.documents')}</p>
      <ul className="small">
        {p.documents.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
      {p.legalBasis && <p className="muted small">{p.legalBasis}</p>}
    </div>
  );
}

/** The most procedures listed at once: more words narrow the list. */
const MAX_SHOWN = 60;

/**
 * The procedure, found by a search box: words of its name or its code, without regard to diacritics, the matches
 * grouped by field. Arrow keys move through the matches, Enter takes one, Escape closes the list.
 */
function ProcedurePicker({
  procedures,
  value,
  invalid,
  onChange,
  children,
}: {
  procedures: Procedure[];
  value: string;
  invalid: boolean;
  onChange(code: string): void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const chosen = procedures.find((p) => p.code === value) ?? null;
  const order = useMemo(() => new Map(FIELDS.map((f, i) => [f as string, i])), []);
  const matches = useMemo(
    () =>
      matchProcedures(procedures, q).sort(
        (a, b) =>
          (order.get(a.field) ?? FIELDS.length) - (order.get(b.field) ?? FIELDS.length) ||
          collator.compare(a.name, b.name),
      ),
    [procedures, q, order],
  );
  const shown = matches.slice(0, MAX_SHOWN);
  const groups = useMemo(() => {
    const out: [string, { p: Procedure; i: number }[]][] = [];
    shown.forEach((p, i) => {
      const last = out[out.length - 1];
      if (last && last[0] === p.field) last[1].push({ p, i });
      else out.push([p.field, [{ p, i }]]);
    });
    return out;
  }, [shown]);

  const choose = (p: Procedure) => {
    onChange(p.code);
    setOpen(false);
    setQ('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = shown.length;
      if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter') {
      e.preventDefault(); // never submits the form from the search box
      const p = shown[Math.min(active, shown.length - 1)];
      if (open && p) choose(p);
    } else if (e.key === 'Escape') setOpen(false);
  };

  if (chosen && !open)
    return (
      <div className="field procedure-picker">
        <span id="procedure-label">{t('intake.procedure')}</span>
        <p className="chosen">
          <span data-testid="procedure-chosen">
            {chosen.name} ({chosen.code} · {fieldLabel(t, chosen.field)})
          </span>{' '}
          <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
            {t('intake.procedureChange')}
          </button>
        </p>
        {children}
      </div>
    );

  return (
    <div className="field procedure-picker">
      <label htmlFor="procedure-search">{t('intake.procedure')}</label>
      <input
        id="procedure-search"
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls="procedure-list"
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `procedure-${shown[active].code}` : undefined}
        aria-invalid={invalid}
        placeholder={t('intake.procedureSearch')}
        autoComplete="off"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKey}
        autoFocus={!!chosen}
      />
      {open && (
        <div className="pick-list procedure-list" id="procedure-list" role="listbox" aria-label={t('intake.procedure')}>
          {groups.map(([field, items]) => (
            <div key={`${field}-${items[0]!.i}`} role="group" aria-label={fieldLabel(t, field)}>
              <div className="pick-group" aria-hidden="true">
                {fieldLabel(t, field)}
              </div>
              {items.map(({ p, i }) => (
                <div
                  key={p.code}
                  id={`procedure-${p.code}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'pick-option active' : 'pick-option'}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(p)}
                  onMouseEnter={() => setActive(i)}
                >
                  {p.name} <span className="muted small">({p.code})</span>
                </div>
              ))}
            </div>
          ))}
          {matches.length === 0 && <p className="muted small">{t('intake.procedureNone')}</p>}
          {matches.length > shown.length && (
            <p className="muted small">
              {t('intake.procedureMore', { n: formatInteger(matches.length - shown.length) })}
            </p>
          )}
        </div>
      )}
      {children}
    </div>
  );
}

/** Another commune of the province as the competent unit (boundary-free procedures only). */
function HandlingUnitPicker({
  province,
  own,
  code,
  name,
  invalid,
  onChange,
  children,
}: {
  province: string;
  own: string | null;
  code: string;
  name: string;
  invalid: boolean;
  onChange(code: string, name: string): void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<{ code: string; fullName: string; name: string }[]>([]);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setResults([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<UnitPage>(
          '/api/units',
          {
            province,
            level: 'commune',
            q: /^\d+$/.test(text) ? undefined : text,
            pageSize: /^\d+$/.test(text) ? 500 : 20,
          },
          ctrl.signal,
        )
        .then((r) =>
          setResults(
            r.items
              .filter((u) => u.code !== own && (!/^\d+$/.test(text) || u.code.startsWith(text)))
              .sort(byName)
              .slice(0, 20),
          ),
        )
        .catch(() => setResults([]));
    }, 300);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, province, own]);

  return (
    <div className="field handling-picker">
      <span id="handling-label">{t('intake.handling')}</span>
      {code ? (
        <p className="chosen">
          <span>{t('intake.handlingChosen', { name: name || code })}</span>{' '}
          <button type="button" className="btn btn-small" onClick={() => onChange('', '')}>
            {t('intake.handlingClear')}
          </button>
        </p>
      ) : (
        <>
          <input
            type="search"
            aria-labelledby="handling-label"
            placeholder={t('intake.handlingSearch')}
            value={q}
            aria-invalid={invalid}
            autoComplete="off"
            onChange={(e) => setQ(e.target.value)}
          />
          <span className="muted small hint">{t('intake.handlingSelf')}</span>
          {(results.length > 0 || /^\d{5}$/.test(q.trim())) && (
            <ul className="pick-list">
              {results.map((u) => (
                <li key={u.code}>
                  <button type="button" className="linklike" onClick={() => onChange(u.code, u.fullName)}>
                    {u.fullName} ({u.code})
                  </button>
                </li>
              ))}
              {/^\d{5}$/.test(q.trim()) && !results.some((u) => u.code === q.trim()) && (
                <li>
                  <button type="button" className="linklike" onClick={() => onChange(q.trim(), '')}>
                    {t('intake.handlingUseCode', { code: q.trim() })}
                  </button>
                </li>
              )}
            </ul>
          )}
        </>
      )}
      {children}
    </div>
  );
}
