import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { BANDS, bandLabel, readNumber, type AnnualRating, type Band } from '../../assessments';
import { useI18n } from '../../i18n';
import { Field, useSubmit } from './TaskForms';

/** Absence and a sanction (the rating is computed again), or a lower band with its reason: never a higher one. */
export function RatingEditor({ rating, onDone, onCancel }: { rating: AnnualRating; onDone(): void; onCancel(): void }) {
  const { t } = useI18n();
  // The band the rules give (before any lowering): the one a lowering is measured from.
  const base = rating.loweredReason ? rating.scoredBand : rating.band;
  const lowerOptions: Band[] = base ? BANDS.slice(BANDS.indexOf(base)) : [];
  const [f, setF] = useState({
    absent: String(rating.monthsAbsent ?? 0).replace('.', ','),
    maternity: String(rating.maternityMonths ?? 0).replace('.', ','),
    sanctioned: rating.sanctioned,
    sanctionNote: rating.sanctionNote ?? '',
    band: rating.band ?? '',
    reason: rating.loweredReason ?? '',
  });
  const { busy, errors, run, errorBox } = useSubmit([
    'monthsAbsent',
    'maternityMonths',
    'sanctionNote',
    'band',
    'loweredReason',
  ]);
  const id = `rt-${rating.id.slice(0, 8)}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const absent = readNumber(f.absent, 0, 12);
    const maternity = readNumber(f.maternity, 0, 12);
    const lowering = !!f.band && !!base && f.band !== base;
    void run(
      () => ({
        ...(absent === null ? { monthsAbsent: t('as.err.number', { min: 0, max: 12 }) } : {}),
        ...(maternity === null ? { maternityMonths: t('as.err.number', { min: 0, max: 12 }) } : {}),
        ...(lowering && !f.reason.trim() ? { loweredReason: t('as.err.loweredReason') } : {}),
      }),
      async () => {
        await api.patch(`/api/assessments/annual/${rating.id}`, {
          monthsAbsent: absent,
          maternityMonths: maternity,
          sanctioned: f.sanctioned,
          sanctionNote: f.sanctioned ? f.sanctionNote.trim() || null : null,
          ...(lowering ? { band: f.band, loweredReason: f.reason.trim() } : {}),
          version: rating.version,
        });
        onDone();
      },
    );
  };
  return (
    <form className="form-grid compact-form" onSubmit={submit} noValidate data-testid="rating-form">
      <Field id={`${id}-a`} label={t('as.f.monthsAbsent')} error={errors.monthsAbsent}>
        <input
          id={`${id}-a`}
          inputMode="decimal"
          value={f.absent}
          onChange={(e) => setF({ ...f, absent: e.target.value })}
        />
      </Field>
      <Field
        id={`${id}-m`}
        label={t('as.f.maternityMonths')}
        hint={t('as.f.maternityHint')}
        error={errors.maternityMonths}
      >
        <input
          id={`${id}-m`}
          inputMode="decimal"
          value={f.maternity}
          onChange={(e) => setF({ ...f, maternity: e.target.value })}
        />
      </Field>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={f.sanctioned}
            onChange={(e) => setF({ ...f, sanctioned: e.target.checked })}
          />{' '}
          {t('as.f.sanctioned')}
        </label>
      </div>
      {f.sanctioned && (
        <Field id={`${id}-s`} label={t('as.f.sanctionNote')} wide>
          <input
            id={`${id}-s`}
            value={f.sanctionNote}
            maxLength={1000}
            onChange={(e) => setF({ ...f, sanctionNote: e.target.value })}
          />
        </Field>
      )}
      {lowerOptions.length > 1 && (
        <Field id={`${id}-b`} label={t('as.f.band')} hint={t('as.f.bandHint')} error={errors.band}>
          <select id={`${id}-b`} value={f.band} onChange={(e) => setF({ ...f, band: e.target.value })}>
            {lowerOptions.map((b) => (
              <option key={b} value={b}>
                {bandLabel(t, b)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {f.band && base && f.band !== base && (
        <Field id={`${id}-r`} label={t('as.f.loweredReason')} error={errors.loweredReason} wide>
          <textarea
            id={`${id}-r`}
            rows={2}
            maxLength={1000}
            value={f.reason}
            onChange={(e) => setF({ ...f, reason: e.target.value })}
          />
        </Field>
      )}
      {errorBox}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
