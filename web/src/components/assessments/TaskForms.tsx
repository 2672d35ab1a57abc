import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, type Page } from '../../api';
import { kindLabel, readInt, readNumber, type Exemption, type Settings, type Task } from '../../assessments';
import { formatDate, parseDate, todayInVietnam } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { errorText, useLoad } from '../common';

type Errors = Record<string, string>;

/** A labelled field with its error under it (the error is announced). */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  wide,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`field${wide ? ' field-wide' : ''}`}>
      <label htmlFor={id}>
        {label}
        {hint && <span className="hint muted small"> ({hint})</span>}
      </label>
      {children}
      {error && (
        <span className="field-error" id={`${id}-err`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

const invalid = (err?: string, id?: string) =>
  err ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {};

/** Sends a form: busy state, the API's error (a field's own error goes under the field). */
export function useSubmit(fields: readonly string[]) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Errors>({});
  const run = async (check: () => Errors, send: () => Promise<void>) => {
    setError(null);
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      await send();
    } catch (err) {
      const field = err instanceof ApiError && err.field ? err.field.split('.').pop()! : '';
      if (field && fields.includes(field)) setErrors({ [field]: err instanceof ApiError ? err.message : '' });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errorBox = error !== null && (
    <div className="alert alert-error" role="alert">
      <span>{errorText(t, error)}</span>
    </div>
  );
  return { busy, errors, run, errorBox };
}

const newRef = () => `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The head assigns a task: who, what, which product kind, how many, weight, due date. */
export function AssignTaskForm({
  unitCode,
  settings,
  personId,
  onDone,
}: {
  unitCode: string;
  settings: Settings;
  personId?: string;
  onDone(task: Task): void;
}) {
  const { t } = useI18n();
  const people = useLoad(
    (signal) =>
      api
        .get<Page<{ id: string; fullName: string }>>('/api/people', { unit: unitCode, pageSize: 500 }, signal)
        .then((r) => [...r.items].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'))),
    [unitCode],
  );
  const [f, setF] = useState({
    personId: personId ?? '',
    title: '',
    productKind: settings.productKinds[0]?.code ?? '',
    quantity: '1',
    weight: '1',
    dueDate: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const { busy, errors, run, errorBox } = useSubmit([
    'personId',
    'title',
    'productKind',
    'quantity',
    'weight',
    'dueDate',
  ]);
  // One reference per task being written: sending the same form again (a lost answer) returns the same task.
  const [clientRef, setClientRef] = useState(newRef);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const quantity = readInt(f.quantity, 1, 10000);
    const weight = readNumber(f.weight, 0.1, 10);
    const due = parseDate(f.dueDate);
    void run(
      () => {
        const out: Errors = {};
        if (!f.personId) out.personId = t('as.err.required');
        if (f.title.trim().length < 3) out.title = t('as.err.title');
        if (quantity === null) out.quantity = t('as.err.int', { min: 1, max: 10000 });
        if (weight === null) out.weight = t('as.err.number', { min: '0,1', max: 10 });
        if (!due) out.dueDate = t('as.err.date');
        return out;
      },
      async () => {
        const task = await api.post<Task>('/api/assessments/tasks', {
          personId: f.personId,
          title: f.title.trim(),
          productKind: f.productKind,
          quantity,
          weight,
          dueDate: due,
          clientRef,
        });
        setF((x) => ({ ...x, title: '', quantity: '1', weight: '1' }));
        setClientRef(newRef());
        onDone(task);
      },
    );
  };
  return (
    <form className="form-grid" onSubmit={submit} noValidate data-testid="assign-form">
      {!personId && (
        <Field id="as-person" label={t('as.f.person')} error={errors.personId}>
          <select
            id="as-person"
            value={f.personId}
            onChange={set('personId')}
            {...invalid(errors.personId, 'as-person')}
          >
            <option value="">{people.data ? t('as.f.pickPerson') : t('common.loading')}</option>
            {people.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.fullName}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="as-title" label={t('as.f.title')} error={errors.title} wide>
        <input
          id="as-title"
          value={f.title}
          onChange={set('title')}
          maxLength={300}
          autoComplete="off"
          {...invalid(errors.title, 'as-title')}
        />
      </Field>
      <Field id="as-kind" label={t('as.f.productKind')} error={errors.productKind}>
        <select id="as-kind" value={f.productKind} onChange={set('productKind')}>
          {settings.productKinds.map((k) => (
            <option key={k.code} value={k.code}>
              {kindLabel(t, k.code)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="as-qty" label={t('as.f.quantity')} error={errors.quantity}>
        <input
          id="as-qty"
          inputMode="numeric"
          value={f.quantity}
          onChange={set('quantity')}
          {...invalid(errors.quantity, 'as-qty')}
        />
      </Field>
      <Field id="as-weight" label={t('as.f.weight')} hint={t('as.f.weightHint')} error={errors.weight}>
        <input
          id="as-weight"
          inputMode="decimal"
          value={f.weight}
          onChange={set('weight')}
          {...invalid(errors.weight, 'as-weight')}
        />
      </Field>
      <Field id="as-due" label={t('as.f.dueDate')} hint="dd/mm/yyyy" error={errors.dueDate}>
        <input
          id="as-due"
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          value={f.dueDate}
          onChange={set('dueDate')}
          autoComplete="off"
          {...invalid(errors.dueDate, 'as-due')}
        />
      </Field>
      {errorBox}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('as.assign.submit')}
        </button>
      </div>
    </form>
  );
}

/** The person reports what they delivered, when, with evidence (again, until the head reviews it). */
export function DeliveryForm({ task, onDone }: { task: Task; onDone(): void }) {
  const { t } = useI18n();
  const [f, setF] = useState({
    qty: String(task.deliveredQuantity ?? task.quantity),
    on: formatDate(task.deliveredOn ?? todayInVietnam()),
    evidence: task.evidence ?? '',
  });
  const { busy, errors, run, errorBox } = useSubmit(['deliveredQuantity', 'deliveredOn', 'evidence']);
  const id = `dl-${task.id.slice(0, 8)}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const qty = readInt(f.qty, 0, 10000);
    const on = parseDate(f.on);
    void run(
      () => ({
        ...(qty === null ? { deliveredQuantity: t('as.err.int', { min: 0, max: 10000 }) } : {}),
        ...(!on ? { deliveredOn: t('as.err.date') } : {}),
      }),
      async () => {
        await api.post(`/api/assessments/tasks/${task.id}/delivery`, {
          deliveredQuantity: qty,
          deliveredOn: on,
          evidence: f.evidence.trim() || null,
          version: task.version,
        });
        onDone();
      },
    );
  };
  return (
    <form className="form-grid compact-form" onSubmit={submit} noValidate data-testid="delivery-form">
      <Field id={`${id}-q`} label={t('as.f.deliveredQuantity')} error={errors.deliveredQuantity}>
        <input
          id={`${id}-q`}
          inputMode="numeric"
          value={f.qty}
          onChange={(e) => setF({ ...f, qty: e.target.value })}
          {...invalid(errors.deliveredQuantity, `${id}-q`)}
        />
      </Field>
      <Field id={`${id}-d`} label={t('as.f.deliveredOn')} hint="dd/mm/yyyy" error={errors.deliveredOn}>
        <input
          id={`${id}-d`}
          inputMode="numeric"
          value={f.on}
          onChange={(e) => setF({ ...f, on: e.target.value })}
          {...invalid(errors.deliveredOn, `${id}-d`)}
        />
      </Field>
      <Field id={`${id}-e`} label={t('as.f.evidence')} hint={t('as.f.evidenceHint')} error={errors.evidence} wide>
        <textarea
          id={`${id}-e`}
          rows={2}
          maxLength={2000}
          value={f.evidence}
          onChange={(e) => setF({ ...f, evidence: e.target.value })}
        />
      </Field>
      {errorBox}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : task.status === 'delivered' ? t('as.deliver.again') : t('as.deliver.submit')}
        </button>
      </div>
    </form>
  );
}

export interface TaskJudgement {
  acceptedQuantity: number;
  majorErrors: number;
  delays: number;
  exemption: Exemption;
  exemptionReason: string | null;
  note: string | null;
  /** a correction after closing: why */
  reason?: string;
}

/** The head's judgement of a task: accepted products, major errors, delays, an exemption with its reason. */
export function ReviewTaskForm({
  task,
  submitLabel,
  withReason,
  onSubmit,
}: {
  task: Task;
  submitLabel: MessageKey;
  withReason?: boolean;
  onSubmit(j: TaskJudgement): Promise<void>;
}) {
  const { t } = useI18n();
  const late = task.deliveredOn && task.deliveredOn > task.dueDate ? 1 : 0;
  const [f, setF] = useState({
    accepted: String(task.acceptedQuantity ?? task.deliveredQuantity ?? 0),
    errors: String(task.majorErrors ?? 0),
    delays: String(task.status === 'reviewed' ? task.delays : late),
    exemption: task.exemption ?? 'none',
    reason: task.exemptionReason ?? '',
    note: task.reviewNote ?? '',
    why: '',
  });
  const { busy, errors, run, errorBox } = useSubmit([
    'acceptedQuantity',
    'majorErrors',
    'delays',
    'exemptionReason',
    'note',
    'reason',
  ]);
  const id = `rv-${task.id.slice(0, 8)}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const accepted = readInt(f.accepted, 0, 10000);
    const majorErrors = readInt(f.errors, 0, 100);
    const delays = readInt(f.delays, 0, 100);
    void run(
      () => {
        const out: Errors = {};
        if (accepted === null) out.acceptedQuantity = t('as.err.int', { min: 0, max: 10000 });
        if (majorErrors === null) out.majorErrors = t('as.err.int', { min: 0, max: 100 });
        if (delays === null) out.delays = t('as.err.int', { min: 0, max: 100 });
        if (f.exemption !== 'none' && !f.reason.trim()) out.exemptionReason = t('as.err.exemptionReason');
        if (withReason && f.why.trim().length < 5) out.reason = t('as.err.reason');
        return out;
      },
      () =>
        onSubmit({
          acceptedQuantity: accepted!,
          majorErrors: majorErrors!,
          delays: delays!,
          exemption: f.exemption,
          exemptionReason: f.exemption === 'none' ? null : f.reason.trim(),
          note: f.note.trim() || null,
          ...(withReason ? { reason: f.why.trim() } : {}),
        }),
    );
  };
  return (
    <form className="form-grid compact-form" onSubmit={submit} noValidate data-testid="review-form">
      <Field
        id={`${id}-a`}
        label={t('as.f.acceptedQuantity')}
        hint={t('as.f.ofQuantity', { n: task.quantity })}
        error={errors.acceptedQuantity}
      >
        <input
          id={`${id}-a`}
          inputMode="numeric"
          value={f.accepted}
          onChange={(e) => setF({ ...f, accepted: e.target.value })}
          {...invalid(errors.acceptedQuantity, `${id}-a`)}
        />
      </Field>
      <Field id={`${id}-m`} label={t('as.f.majorErrors')} error={errors.majorErrors}>
        <input
          id={`${id}-m`}
          inputMode="numeric"
          value={f.errors}
          onChange={(e) => setF({ ...f, errors: e.target.value })}
          {...invalid(errors.majorErrors, `${id}-m`)}
        />
      </Field>
      <Field
        id={`${id}-l`}
        label={t('as.f.delays')}
        hint={late ? t('as.f.deliveredLate') : undefined}
        error={errors.delays}
      >
        <input
          id={`${id}-l`}
          inputMode="numeric"
          value={f.delays}
          onChange={(e) => setF({ ...f, delays: e.target.value })}
          {...invalid(errors.delays, `${id}-l`)}
        />
      </Field>
      <Field id={`${id}-x`} label={t('as.f.exemption')}>
        <select
          id={`${id}-x`}
          value={f.exemption}
          onChange={(e) => setF({ ...f, exemption: e.target.value as Exemption })}
        >
          {(['none', 'task', 'timeliness'] as const).map((x) => (
            <option key={x} value={x}>
              {t(`as.exemption.${x}`)}
            </option>
          ))}
        </select>
      </Field>
      {f.exemption !== 'none' && (
        <Field id={`${id}-r`} label={t('as.f.exemptionReason')} error={errors.exemptionReason} wide>
          <textarea
            id={`${id}-r`}
            rows={2}
            maxLength={1000}
            value={f.reason}
            onChange={(e) => setF({ ...f, reason: e.target.value })}
            {...invalid(errors.exemptionReason, `${id}-r`)}
          />
        </Field>
      )}
      <Field id={`${id}-n`} label={t('as.f.reviewNote')} wide>
        <textarea
          id={`${id}-n`}
          rows={2}
          maxLength={2000}
          value={f.note}
          onChange={(e) => setF({ ...f, note: e.target.value })}
        />
      </Field>
      {errorBox}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t(submitLabel)}
        </button>
      </div>
    </form>
  );
}
