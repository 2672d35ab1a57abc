import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { can, useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import { formatDate, formatNumber, parseDate } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { PersonRecordView } from '../components/assessments/PersonRecordView';
import {
  CATEGORIES,
  EDUCATION,
  EDUCATION_FIELDS,
  POLITICAL_THEORY,
  STATE_MANAGEMENT,
  categoryLabel,
  educationLabel,
  fieldOfStudyLabel,
  kindLabel,
  politicalLabel,
  sexLabel,
  shortfallLabel,
  stateManagementLabel,
  useUnitNames,
  type Person,
  type PersonDetail,
} from '../workforce';

export function PersonPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const res = useLoad(
    (signal) => api.get<PersonDetail>(`/api/people/${encodeURIComponent(id)}`, undefined, signal),
    [id],
  );
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const p = res.data;
  const { nameOf } = useUnitNames([p?.provinceCode]);

  if (res.error) {
    return (
      <div>
        <Link href="/people">{t('wf.person.back')}</Link>
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
  if (!p) return <Loading />;
  // The record says what the caller may do with it (the workforce policy).
  const canEdit = writable && p.actions.includes('edit');

  return (
    <article className="person-page" aria-busy={res.loading}>
      <Link href="/people">{t('wf.person.back')}</Link>
      <header className="unit-header">
        <h1>{p.fullName}</h1>
        <p className="unit-sub">
          <span className="badge">{categoryLabel(t, p.category)}</span>
          <span>
            {t('wf.person.unit')} <Link href={`/workforce/units/${p.unitCode}`}>{nameOf(p.unitCode)}</Link>
          </span>
          <span>{t('wf.person.age', { n: p.age })}</span>
        </p>
      </header>
      {saved && !editing && (
        <p className="alert alert-ok" role="status">
          {t('wf.person.saved')}
        </p>
      )}
      <RequirementCheck p={p} />
      {editing ? (
        <EditForm
          p={p}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            res.reload();
          }}
          onReload={() => {
            setEditing(false);
            res.reload();
          }}
        />
      ) : (
        <Record
          p={p}
          onEdit={
            canEdit
              ? () => {
                  setSaved(false);
                  setEditing(true);
                }
              : undefined
          }
        />
      )}
      <History p={p} nameOf={nameOf} />
      <PersonRecordView
        personId={p.id}
        provinceCode={p.provinceCode}
        title={t('as.record.title')}
        hideWhenRefused
        linkPeriods={can(user, 'assessments.read')}
      />
    </article>
  );
}

function RequirementCheck({ p }: { p: PersonDetail }) {
  const { t } = useI18n();
  const r = p.requirements;
  return (
    <section className="panel" data-testid="requirement-check" aria-labelledby="req-title">
      <h2 id="req-title">{t('wf.req.title')}</h2>
      {!r ? (
        <p className="muted">{t('wf.req.none')}</p>
      ) : r.meets ? (
        <p className="req req-ok">
          <span aria-hidden="true">✓</span> {t('wf.req.meets')}
          {r.post && <span className="muted"> · {t('wf.req.post', { post: r.post })}</span>}
        </p>
      ) : (
        <div className="req req-short">
          <p>
            <span aria-hidden="true">!</span> {t('wf.req.notMeets', { post: r.post ?? '' })}
          </p>
          <ul>
            {r.shortfalls.map((s) => (
              <li key={s}>{shortfallLabel(t, s)}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Record({ p, onEdit }: { p: PersonDetail; onEdit?: () => void }) {
  const { t } = useI18n();
  const none = t('common.none');
  const rows: [MessageKey, string][] = [
    ['wf.f.birthDate', `${formatDate(p.birthDate)} (${t('wf.person.age', { n: p.age })})`],
    ['wf.f.sex', sexLabel(t, p.sex)],
    ['wf.f.nationalId', p.nationalId],
    ['wf.f.ethnicity', p.ethnicity || none],
    ['wf.f.phone', p.phone || none],
    ['wf.f.email', p.email || none],
    ['wf.f.category', categoryLabel(t, p.category)],
    ['wf.f.educationLevel', educationLabel(t, p.educationLevel)],
    ['wf.f.educationField', fieldOfStudyLabel(t, p.educationField) || none],
    ['wf.f.politicalTheory', politicalLabel(t, p.politicalTheory)],
    ['wf.f.stateManagement', stateManagementLabel(t, p.stateManagement)],
    ['wf.f.itCertificate', p.itCertificate || none],
    ['wf.f.foreignLanguage', p.foreignLanguage || none],
    ['wf.f.rankCode', p.rankCode || none],
    [
      'wf.f.salary',
      p.salaryStep == null && p.salaryCoefficient == null
        ? none
        : t('wf.person.salary', { step: p.salaryStep ?? none, coef: formatNumber(p.salaryCoefficient) }),
    ],
    ['wf.f.partyJoinDate', p.partyJoinDate ? formatDate(p.partyJoinDate) : none],
  ];
  return (
    <section className="panel" aria-labelledby="record-title">
      <div className="panel-head">
        <h2 id="record-title">{t('wf.person.record')}</h2>
        {onEdit && (
          <button type="button" className="btn" onClick={onEdit}>
            {t('wf.person.edit')}
          </button>
        )}
      </div>
      <dl className="facts facts-plain person-facts" data-testid="person-record">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd className={k === 'wf.f.nationalId' ? 'mono' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function History({ p, nameOf }: { p: PersonDetail; nameOf(code: string | null | undefined): string }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('wf.history.title')}</h2>
      {p.assignments.length === 0 ? (
        <p className="muted">{t('wf.history.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone" data-testid="assignment-history">
            <thead>
              <tr>
                <th>{t('wf.col.unit')}</th>
                <th>{t('wf.history.agency')}</th>
                <th>{t('wf.history.post')}</th>
                <th>{t('wf.history.kind')}</th>
                <th>{t('wf.history.period')}</th>
                <th>{t('wf.history.note')}</th>
              </tr>
            </thead>
            <tbody>
              {p.assignments.map((a) => (
                <tr key={a.id} className={a.current ? 'row-current' : undefined}>
                  <td data-label={t('wf.col.unit')}>{nameOf(a.unitCode)}</td>
                  <td data-label={t('wf.history.agency')}>{a.agencyName ?? t('common.none')}</td>
                  <td data-label={t('wf.history.post')} className="strong">
                    {a.postTitle ?? t('common.none')}
                  </td>
                  <td data-label={t('wf.history.kind')}>
                    <span className={`status kind-${a.kind}`}>{kindLabel(t, a.kind)}</span>
                    {a.fromUnitCode && (
                      <span className="block muted small">
                        {t('wf.history.from', { unit: nameOf(a.fromUnitCode) })}
                      </span>
                    )}
                  </td>
                  <td data-label={t('wf.history.period')} className="nowrap">
                    {formatDate(a.startDate)} – {a.endDate ? formatDate(a.endDate) : t('unit.current')}
                    {a.current && (
                      <>
                        {' '}
                        <span className="badge badge-current">{t('wf.history.current')}</span>
                      </>
                    )}
                  </td>
                  <td data-label={t('wf.history.note')}>{a.note ?? t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Kind = 'text' | 'date' | 'select' | 'int' | 'number';
interface FieldDef {
  key: keyof Person;
  kind: Kind;
  nullable?: boolean;
  options?: readonly string[];
  optionLabel?: (v: string) => string;
  input?: 'tel' | 'email';
  hint?: MessageKey;
}

function fieldDefs(t: ReturnType<typeof useI18n>['t']): FieldDef[] {
  return [
    { key: 'fullName', kind: 'text' },
    { key: 'birthDate', kind: 'date', hint: 'wf.hint.date' },
    { key: 'sex', kind: 'select', options: ['male', 'female'], optionLabel: (v) => sexLabel(t, v) },
    { key: 'nationalId', kind: 'text', hint: 'wf.hint.nationalId' },
    { key: 'ethnicity', kind: 'text' },
    { key: 'phone', kind: 'text', nullable: true, input: 'tel' },
    { key: 'email', kind: 'text', nullable: true, input: 'email' },
    { key: 'category', kind: 'select', options: CATEGORIES, optionLabel: (v) => categoryLabel(t, v) },
    { key: 'educationLevel', kind: 'select', options: EDUCATION, optionLabel: (v) => educationLabel(t, v) },
    {
      key: 'educationField',
      kind: 'select',
      nullable: true,
      options: EDUCATION_FIELDS,
      optionLabel: (v) => fieldOfStudyLabel(t, v),
    },
    { key: 'politicalTheory', kind: 'select', options: POLITICAL_THEORY, optionLabel: (v) => politicalLabel(t, v) },
    {
      key: 'stateManagement',
      kind: 'select',
      options: STATE_MANAGEMENT,
      optionLabel: (v) => stateManagementLabel(t, v),
    },
    { key: 'itCertificate', kind: 'text', nullable: true },
    { key: 'foreignLanguage', kind: 'text', nullable: true },
    { key: 'rankCode', kind: 'text', nullable: true },
    { key: 'salaryStep', kind: 'int', nullable: true },
    { key: 'salaryCoefficient', kind: 'number', nullable: true },
    { key: 'partyJoinDate', kind: 'date', nullable: true, hint: 'wf.hint.date' },
  ];
}

const toText = (def: FieldDef, v: unknown): string => {
  if (v == null) return '';
  if (def.kind === 'date') return formatDate(String(v));
  if (def.kind === 'number') return String(v).replace('.', ',');
  return String(v);
};

/** Reads one field of the form; `error` is a message key when the text is not acceptable. */
function readField(def: FieldDef, text: string): { value: unknown; error?: MessageKey } {
  const s = text.trim();
  if (s === '') return def.nullable ? { value: null } : { value: undefined, error: 'wf.err.required' };
  switch (def.kind) {
    case 'date': {
      const iso = parseDate(s);
      return iso ? { value: iso } : { value: undefined, error: 'wf.err.date' };
    }
    case 'int': {
      const n = Number(s);
      return Number.isInteger(n) && n >= 1 && n <= 20 ? { value: n } : { value: undefined, error: 'wf.err.salaryStep' };
    }
    case 'number': {
      const n = Number(s.replace(',', '.'));
      return Number.isFinite(n) && n >= 1 && n <= 12 ? { value: n } : { value: undefined, error: 'wf.err.coefficient' };
    }
    default:
      if (def.key === 'fullName' && s.length < 2) return { value: undefined, error: 'wf.err.fullName' };
      if (def.key === 'nationalId' && !/^\d{12}$/.test(s)) return { value: undefined, error: 'wf.err.nationalId' };
      if (def.key === 'email' && !/^[^@\s]+@[^@\s]+$/.test(s)) return { value: undefined, error: 'wf.err.email' };
      if (def.key === 'phone' && !/^[0-9 +().-]*$/.test(s)) return { value: undefined, error: 'wf.err.phone' };
      return { value: s };
  }
}

function EditForm({
  p,
  onCancel,
  onSaved,
  onReload,
}: {
  p: PersonDetail;
  onCancel(): void;
  onSaved(): void;
  onReload(): void;
}) {
  const { t } = useI18n();
  const defs = fieldDefs(t);
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(defs.map((d) => [d.key, toText(d, p[d.key])])),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const errors: Record<string, string> = {};
    const body: Record<string, unknown> = {};
    for (const d of defs) {
      const r = readField(d, form[d.key] ?? '');
      if (r.error) errors[d.key] = t(r.error);
      else if (r.value !== (p[d.key] ?? null)) body[d.key] = r.value;
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (Object.keys(body).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    try {
      await api.patch<Person>(`/api/people/${p.id}`, { ...body, version: p.version });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.field && defs.some((d) => d.key === err.field))
        setFieldErrors({ [err.field]: err.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <section className="panel" aria-labelledby="edit-title">
      <h2 id="edit-title">{t('wf.person.editTitle')}</h2>
      <form className="form-grid" onSubmit={submit} noValidate data-testid="person-form">
        {defs.map((d) => {
          const err = fieldErrors[d.key];
          const id = `pf-${d.key}`;
          const common = {
            id,
            name: d.key,
            value: form[d.key] ?? '',
            'aria-invalid': err ? true : undefined,
            'aria-describedby': err ? `${id}-err` : undefined,
          };
          const change = (v: string) => setForm((f) => ({ ...f, [d.key]: v }));
          return (
            <div key={d.key} className="field">
              <label htmlFor={id}>
                {t(`wf.f.${d.key}` as MessageKey)}
                {d.hint && <span className="hint muted small"> ({t(d.hint)})</span>}
              </label>
              {d.kind === 'select' ? (
                <select {...common} onChange={(e) => change(e.target.value)}>
                  {d.nullable && <option value="">{t('common.none')}</option>}
                  {[...d.options!, ...(form[d.key] && !d.options!.includes(form[d.key]!) ? [form[d.key]!] : [])].map(
                    (o) => (
                      <option key={o} value={o}>
                        {d.optionLabel ? d.optionLabel(o) : o}
                      </option>
                    ),
                  )}
                </select>
              ) : (
                <input
                  {...common}
                  type={d.input ?? 'text'}
                  inputMode={
                    d.kind === 'date' || d.kind === 'int' || d.key === 'nationalId'
                      ? 'numeric'
                      : d.kind === 'number'
                        ? 'decimal'
                        : undefined
                  }
                  placeholder={d.kind === 'date' ? 'dd/mm/yyyy' : undefined}
                  autoComplete="off"
                  onChange={(e) => change(e.target.value)}
                />
              )}
              {err && (
                <span className="field-error" id={`${id}-err`} role="alert">
                  {err}
                </span>
              )}
            </div>
          );
        })}
        {error !== null && (
          <div className="alert alert-error" role="alert" data-testid="save-error">
            <span>{errorText(t, error)}</span>
            {conflict && (
              <button type="button" className="btn btn-small" onClick={onReload}>
                {t('wf.person.reload')}
              </button>
            )}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
