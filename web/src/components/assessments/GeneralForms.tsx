import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { criterionLabel, readNumber, type Criterion, type General, type PersonReview } from '../../assessments';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { Field, useSubmit } from './TaskForms';

type Criteria = PersonReview['criteria'];
const toText = (n: number | null | undefined) => (n == null ? '' : String(n).replace('.', ','));

/** The three general criteria, each with its maximum from the settings. */
function CriteriaInputs({
  prefix,
  criteria,
  values,
  errors,
  onChange,
}: {
  prefix: string;
  criteria: Criteria;
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange(code: Criterion, v: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      {criteria.map((c) => {
        const id = `${prefix}-${c.code}`;
        return (
          <Field
            key={c.code}
            id={id}
            label={criterionLabel(t, c.code)}
            hint={t('as.f.max', { max: formatNumber(c.max) })}
            error={errors[c.code]}
          >
            <input
              id={id}
              inputMode="decimal"
              value={values[c.code] ?? ''}
              onChange={(e) => onChange(c.code, e.target.value)}
              aria-invalid={errors[c.code] ? true : undefined}
            />
          </Field>
        );
      })}
    </>
  );
}

function readCriteria(t: ReturnType<typeof useI18n>['t'], criteria: Criteria, values: Record<string, string>) {
  const general: General = {};
  const errors: Record<string, string> = {};
  for (const c of criteria) {
    const n = readNumber(values[c.code] ?? '', 0, c.max);
    if (n === null) errors[c.code] = t('as.err.number', { min: 0, max: formatNumber(c.max) });
    else general[c.code] = n;
  }
  return { general, errors };
}

const initial = (criteria: Criteria, g: General | null | undefined) =>
  Object.fromEntries(criteria.map((c) => [c.code, toText(g?.[c.code])]));

/** The person's self-assessment of the general criteria, with a comment. */
export function SelfAssessForm({ r, onDone }: { r: PersonReview; onDone(): void }) {
  const { t } = useI18n();
  const [values, setValues] = useState(() => initial(r.criteria, r.review?.selfGeneral));
  const [comment, setComment] = useState(r.review?.selfComment ?? '');
  const { busy, errors, run, errorBox } = useSubmit(['comment', ...r.criteria.map((c) => c.code)]);
  const [done, setDone] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const { general, errors: errs } = readCriteria(t, r.criteria, values);
    void run(
      () => errs,
      async () => {
        await api.put(`/api/assessments/periods/${r.period.id}/people/${r.person.id}/self`, {
          general,
          comment: comment.trim() || null,
        });
        setDone(true);
        onDone();
      },
    );
  };
  return (
    <form className="form-grid" onSubmit={submit} noValidate data-testid="self-form">
      <CriteriaInputs
        prefix="self"
        criteria={r.criteria}
        values={values}
        errors={errors}
        onChange={(c, v) => setValues((x) => ({ ...x, [c]: v }))}
      />
      <Field id="self-comment" label={t('as.f.selfComment')} wide>
        <textarea
          id="self-comment"
          rows={3}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Field>
      {errorBox}
      {done && (
        <p className="alert alert-ok" role="status">
          {t('as.self.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('as.self.submit')}
        </button>
      </div>
    </form>
  );
}

/** The head's assessment: general criteria, comment, the collective's comments, and a leader's organisation of the work. */
export function HeadAssessForm({ r, onDone }: { r: PersonReview; onDone(): void }) {
  const { t } = useI18n();
  const leader = !!r.score?.leader;
  const [values, setValues] = useState(() => initial(r.criteria, r.review?.headGeneral ?? r.review?.selfGeneral));
  const [comment, setComment] = useState(r.review?.headComment ?? '');
  const [collective, setCollective] = useState(r.review?.collectiveComment ?? '');
  const [org, setOrg] = useState(toText(r.review?.organisationPercent));
  const { busy, errors, run, errorBox } = useSubmit([
    'comment',
    'collectiveComment',
    'organisationPercent',
    ...r.criteria.map((c) => c.code),
  ]);
  const [done, setDone] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const { general, errors: errs } = readCriteria(t, r.criteria, values);
    const orgPercent = org.trim() ? readNumber(org, 0, 100) : null;
    if (leader && org.trim() && orgPercent === null)
      errs.organisationPercent = t('as.err.number', { min: 0, max: 100 });
    void run(
      () => errs,
      async () => {
        await api.put(`/api/assessments/periods/${r.period.id}/people/${r.person.id}/head`, {
          general,
          comment: comment.trim() || null,
          collectiveComment: collective.trim() || null,
          ...(leader ? { organisationPercent: orgPercent } : {}),
          ...(r.review ? { version: r.review.version } : {}),
        });
        setDone(true);
        onDone();
      },
    );
  };
  return (
    <form className="form-grid" onSubmit={submit} noValidate data-testid="head-form">
      <CriteriaInputs
        prefix="head"
        criteria={r.criteria}
        values={values}
        errors={errors}
        onChange={(c, v) => setValues((x) => ({ ...x, [c]: v }))}
      />
      {leader && (
        <Field
          id="head-org"
          label={t('as.f.organisation')}
          hint={t('as.f.organisationHint')}
          error={errors.organisationPercent}
        >
          <input
            id="head-org"
            inputMode="decimal"
            value={org}
            onChange={(e) => setOrg(e.target.value)}
            aria-invalid={errors.organisationPercent ? true : undefined}
          />
        </Field>
      )}
      <Field id="head-comment" label={t('as.f.headComment')} wide>
        <textarea
          id="head-comment"
          rows={3}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Field>
      <Field id="head-collective" label={t('as.f.collectiveComment')} wide>
        <textarea
          id="head-collective"
          rows={2}
          maxLength={4000}
          value={collective}
          onChange={(e) => setCollective(e.target.value)}
        />
      </Field>
      {errorBox}
      {done && (
        <p className="alert alert-ok" role="status">
          {t('as.head.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('as.head.submit')}
        </button>
      </div>
    </form>
  );
}

/** After closing: change the head's general criteria (or a leader's organisation) with the reason. */
export function CorrectionForm({ r, onDone }: { r: PersonReview; onDone(): void }) {
  const { t } = useI18n();
  const leader = !!r.score?.leader;
  const [values, setValues] = useState(() => initial(r.criteria, r.review?.headGeneral));
  const [org, setOrg] = useState(toText(r.review?.organisationPercent));
  const [reason, setReason] = useState('');
  const { busy, errors, run, errorBox } = useSubmit([
    'reason',
    'organisationPercent',
    ...r.criteria.map((c) => c.code),
  ]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { general, errors: errs } = readCriteria(t, r.criteria, values);
    const orgPercent = leader && org.trim() ? readNumber(org, 0, 100) : null;
    if (leader && org.trim() && orgPercent === null)
      errs.organisationPercent = t('as.err.number', { min: 0, max: 100 });
    if (reason.trim().length < 5) errs.reason = t('as.err.reason');
    void run(
      () => errs,
      async () => {
        await api.post(`/api/assessments/reviews/${r.review!.id}/corrections`, {
          reason: reason.trim(),
          general,
          ...(orgPercent !== null ? { organisationPercent: orgPercent } : {}),
        });
        setReason('');
        onDone();
      },
    );
  };
  return (
    <form className="form-grid" onSubmit={submit} noValidate data-testid="correction-form">
      <CriteriaInputs
        prefix="corr"
        criteria={r.criteria}
        values={values}
        errors={errors}
        onChange={(c, v) => setValues((x) => ({ ...x, [c]: v }))}
      />
      {leader && (
        <Field id="corr-org" label={t('as.f.organisation')} error={errors.organisationPercent}>
          <input id="corr-org" inputMode="decimal" value={org} onChange={(e) => setOrg(e.target.value)} />
        </Field>
      )}
      <Field id="corr-reason" label={t('as.f.correctionReason')} error={errors.reason} wide>
        <textarea
          id="corr-reason"
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
        />
      </Field>
      {errorBox}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('as.correct.submit')}
        </button>
      </div>
    </form>
  );
}
