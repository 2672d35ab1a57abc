import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { errorText } from '../common';
import {
  bandLabel,
  criterionLabel,
  kindLabel,
  points,
  readInt,
  readNumber,
  type PersonReview,
} from '../../assessments';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';

type Calculated = {
  total: number | null;
  band: string | null;
  parts: { general: number; quantity: number | null; quality: number | null; timeliness: number | null };
};
type Row = {
  title: string;
  productKind: string;
  quantity: number;
  weight: number;
  accepted: string;
  errors: string;
  delays: string;
};

const pct = (v: number | null) => (v == null ? '—' : `${formatNumber(Math.round(v * 10) / 10)}%`);

/**
 * "What will my score be": the period's tasks and general criteria as they stand, each changeable, scored by
 * `POST /api/assessments/calculate` with the unit's settings (nothing is stored). Each major error and each delay
 * costs 25 % of its own product's points (Decree 335/2025; docs/assessments.md).
 */
export function WhatIf({ r }: { r: PersonReview }) {
  const { t } = useI18n();
  const g = r.review?.headGeneral ?? r.review?.selfGeneral ?? {};
  const [general, setGeneral] = useState<Record<string, string>>(() =>
    Object.fromEntries(r.criteria.map((c) => [c.code, String(g[c.code] ?? c.max * 0.8).replace('.', ',')])),
  );
  const [rows, setRows] = useState<Row[]>(() =>
    r.tasks
      .filter((x) => x.exemption !== 'task')
      .map((x) => ({
        title: x.title,
        productKind: x.productKind,
        quantity: x.quantity,
        weight: x.weight,
        accepted: String(x.acceptedQuantity ?? x.deliveredQuantity ?? x.quantity),
        errors: String(x.majorErrors),
        delays: String(x.exemption === 'timeliness' ? 0 : x.delays),
      })),
  );
  const [result, setResult] = useState<Calculated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (i: number, k: 'accepted' | 'errors' | 'delays', v: string) =>
    setRows((rs) => rs.map((x, j) => (j === i ? { ...x, [k]: v } : x)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const gen: Record<string, number> = {};
    for (const c of r.criteria) {
      const n = readNumber(general[c.code] ?? '', 0, c.max);
      if (n === null) return setError(`${criterionLabel(t, c.code)}: ${t('as.err.number', { min: 0, max: c.max })}`);
      gen[c.code] = n;
    }
    const tasks = [];
    for (const x of rows) {
      const accepted = readInt(x.accepted, 0, x.quantity);
      const errors = readInt(x.errors, 0, 20 * x.quantity);
      const delays = readInt(x.delays, 0, 20 * x.quantity);
      if (accepted === null || errors === null || delays === null)
        return setError(`${x.title}: ${t('as.err.number', { min: 0, max: x.quantity })}`);
      // errors and delays spread over the accepted products, one each first
      const n = Math.max(accepted, 1);
      const share = (total: number, i: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);
      tasks.push({
        productKind: x.productKind,
        quantity: x.quantity,
        weight: x.weight,
        products: Array.from({ length: accepted }, (_, i) => ({
          accepted: true,
          majorErrors: Math.min(20, share(errors, i)),
          delays: Math.min(20, share(delays, i)),
        })),
      });
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<Calculated>('/api/assessments/calculate', { general: gen, tasks }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="panel" data-testid="what-if">
      <summary>{t('as.whatIf.title')}</summary>
      <p className="muted small">{t('as.whatIf.hint')}</p>
      <form onSubmit={submit} noValidate>
        <div className="form-grid compact-form">
          {r.criteria.map((c) => (
            <div className="field" key={c.code}>
              <label htmlFor={`wi-${c.code}`}>{criterionLabel(t, c.code)}</label>
              <input
                id={`wi-${c.code}`}
                inputMode="decimal"
                value={general[c.code] ?? ''}
                onChange={(e) => setGeneral({ ...general, [c.code]: e.target.value })}
              />
            </div>
          ))}
        </div>
        {rows.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('as.whatIf.task')}</th>
                  <th className="num">{t('as.whatIf.quantity')}</th>
                  <th className="num">{t('as.whatIf.accepted')}</th>
                  <th className="num">{t('as.whatIf.errors')}</th>
                  <th className="num">{t('as.whatIf.delays')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((x, i) => (
                  <tr key={i}>
                    <td>
                      {x.title} <span className="muted small">({kindLabel(t, x.productKind)})</span>
                    </td>
                    <td className="num">{x.quantity}</td>
                    {(['accepted', 'errors', 'delays'] as const).map((k) => (
                      <td className="num" key={k}>
                        <input
                          aria-label={`${x.title}: ${t(`as.whatIf.${k}`)}`}
                          inputMode="numeric"
                          size={3}
                          value={x[k]}
                          onChange={(e) => set(i, k, e.target.value)}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <button className="btn" type="submit" disabled={busy}>
          {t('as.whatIf.run')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p data-testid="what-if-result" role="status">
          <strong>
            {points(result.total)} · {bandLabel(t, result.band)}
          </strong>{' '}
          <span className="muted small">
            {t('as.whatIf.parts', {
              general: points(result.parts.general),
              quantity: pct(result.parts.quantity),
              quality: pct(result.parts.quality),
              timeliness: pct(result.parts.timeliness),
            })}
          </span>
        </p>
      )}
    </details>
  );
}
