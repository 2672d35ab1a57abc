import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { errorText } from '../components/common';
import { ComplaintForm } from '../components/ComplaintForm';
import { RATINGS, statusLabel, type PublicDossier, type Rating } from '../dossiers';
import { formatDate, formatDateTime } from '../format';
import { maybe, useI18n, type Translate } from '../i18n';
import { LangToggle } from '../LangToggle';
import { officeHoursText } from '../officeHours';
import { Link, navigate, useLocation } from '../router';

const CODE = /^[A-Za-z0-9.-]{10,40}$/;

/** Too many requests gets its own friendly text; everything else is the API's message. */
function publicError(t: Translate, err: unknown): string {
  if (err instanceof ApiError && err.status === 429) return t('public.tooMany');
  return errorText(t, err);
}

/** The citizens' look-up: no sign-in, only what the receipt code may reveal. */
export function PublicLookupPage() {
  const { t } = useI18n();
  const { state } = useAuth();
  const { query } = useLocation();
  const [code, setCode] = useState(query.get('ma') ?? '');
  // The link printed on the receipt may carry the rating code (t): kept in memory, dropped from the address.
  const [token] = useState(query.get('t') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [badCode, setBadCode] = useState(false);
  const [result, setResult] = useState<PublicDossier | null>(null);
  const [thanked, setThanked] = useState(false);

  const lookup = async (e?: FormEvent) => {
    e?.preventDefault();
    const c = code.trim().toUpperCase();
    setBadCode(!CODE.test(c));
    if (!CODE.test(c)) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setThanked(false);
    try {
      const r = await api.get<PublicDossier>(`/api/public/dossiers/${encodeURIComponent(c)}`);
      setResult(r);
      navigate(`/tra-cuu?ma=${encodeURIComponent(c)}`, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // Opened from the link printed on the receipt (/tra-cuu?ma=…): the citizen sees their dossier at once.
  useEffect(() => {
    if (query.get('ma')) void lookup();
  }, []);

  return (
    <div className="signin-page public-page">
      <div className="signin-top public-top">
        <LangToggle />
      </div>
      <main className="signin-card public-card" id="main">
        <div className="brand brand-large">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <h1>{t('public.title')}</h1>
        <p className="muted">{t('public.intro')}</p>
        <form onSubmit={lookup} noValidate role="search">
          <label className="field">
            <span>{t('public.code')}</span>
            <input
              name="receiptCode"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              placeholder={t('public.codePlaceholder')}
              value={code}
              aria-invalid={badCode}
              onChange={(e) => setCode(e.target.value)}
            />
            {badCode && <span className="field-error">{t('public.badCode')}</span>}
          </label>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy || !code.trim()}>
            {busy ? t('public.searching') : t('public.submit')}
          </button>
        </form>
        {error !== null && (
          <p
            className={`alert ${error instanceof ApiError && error.status === 429 ? 'alert-warn' : 'alert-error'} public-result`}
            role="alert"
          >
            {publicError(t, error)}
          </p>
        )}
        {result && (
          <Result
            r={result}
            token={token}
            thanked={thanked}
            onRated={(rating) => {
              setThanked(true);
              setResult({ ...result, canRate: false, rating });
            }}
          />
        )}
        <p className="public-foot">
          {state.status === 'signedIn' ? (
            <Link href="/dossiers">{t('nav.dossiers')}</Link>
          ) : (
            <Link href="/">{t('public.staff')}</Link>
          )}
        </p>
      </main>
    </div>
  );
}

function Result({
  r,
  token,
  thanked,
  onRated,
}: {
  r: PublicDossier;
  token: string;
  thanked: boolean;
  onRated(rating: Rating): void;
}) {
  const { t } = useI18n();
  // The steps and the rounds of papers (asked for, brought) in the order they happened; at the same moment, papers
  // brought come before the step they open, papers asked for after the step that asked.
  const rank = (e: Entry) => (e.kind === 'step' ? 1 : e.action === 'supplement_received' ? 0 : 2);
  type Entry =
    | { kind: 'step'; at: string; s: PublicDossier['steps'][number] }
    | { kind: 'papers'; at: string; action: PublicDossier['supplements'][number]['action'] };
  const timeline: Entry[] = [
    ...r.steps.map((s): Entry => ({ kind: 'step', at: s.startedAt, s })),
    ...r.supplements.map((x): Entry => ({ kind: 'papers', at: x.at, action: x.action })),
  ].sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
  return (
    <section className="public-result" aria-live="polite" data-testid="public-result">
      <p className="receipt-code small-code">{r.receiptCode}</p>
      <dl className="facts facts-plain public-facts">
        <div className="wide">
          <dt>{t('public.procedure')}</dt>
          <dd>{r.procedureName}</dd>
        </div>
        <div className="wide">
          <dt>{t('public.status')}</dt>
          <dd>
            <span className={`status status-${r.status}`} data-testid="public-status">
              {statusLabel(t, r.status)}
            </span>
            {r.overdue && (
              <>
                {' '}
                <span className="badge badge-overdue">{t('public.overdue')}</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('public.received')}</dt>
          <dd>{formatDate(r.receivedOn)}</dd>
        </div>
        <div>
          <dt>{t('public.due')}</dt>
          <dd>
            {r.dueDate ? (
              formatDate(r.dueDate)
            ) : (
              <span className="muted">
                {r.status === 'supplement_requested' ? t('dossier.clockStopped') : t('common.none')}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('public.rescheduled')}</dt>
          <dd>{r.rescheduled ? t('common.yes') : t('common.no')}</dd>
        </div>
        {r.finishedOn && (
          <div>
            <dt>{t('public.finished')}</dt>
            <dd>{formatDate(r.finishedOn)}</dd>
          </div>
        )}
        {r.handlingUnitName && (
          <div className="wide">
            <dt>{t('lookup.handlingUnit')}</dt>
            <dd data-testid="public-handling-unit">{r.handlingUnitName}</dd>
          </div>
        )}
        {r.collect && (
          <div className="wide">
            <dt>{t('lookup.collect')}</dt>
            <dd data-testid="public-collect">
              {r.collect.place && <span className="block">{r.collect.place}</span>}
              {r.collect.address && <span className="block">{r.collect.address}</span>}
              <span className="block muted small" data-testid="public-hours">
                {officeHoursText(t, r.collect.hours)}
              </span>
              {(r.collect.phone || r.collect.email) && (
                <span className="block">
                  {t('lookup.contact')}: {[r.collect.phone, r.collect.email].filter(Boolean).join(' · ')}
                </span>
              )}
            </dd>
          </div>
        )}
      </dl>
      {timeline.length > 0 && (
        <section aria-labelledby="public-steps-title">
          <h3 id="public-steps-title">{t('lookup.steps')}</h3>
          <ol className="public-steps" data-testid="public-steps">
            {timeline.map((e, i) =>
              e.kind === 'step' ? (
                <li key={i}>
                  <strong>{maybe(t, `step.${e.s.step}`, e.s.step)}</strong>{' '}
                  <span className="muted small">
                    {formatDateTime(e.s.startedAt)}
                    {e.s.endedAt ? ` → ${formatDateTime(e.s.endedAt)}` : ` · ${t('steps.open')}`}
                  </span>
                </li>
              ) : (
                <li key={i} data-testid="public-supplement">
                  <strong>{t(`lookup.${e.action}`)}</strong> <span className="muted small">{formatDateTime(e.at)}</span>
                </li>
              ),
            )}
          </ol>
        </section>
      )}
      {r.canRate ? (
        <RatingForm code={r.receiptCode} initialToken={token} onRated={onRated} />
      ) : thanked ? (
        <p className="alert alert-ok" role="status">
          {t('public.rated')}
        </p>
      ) : (
        r.rating && (
          <p className="alert alert-ok">
            {t('public.ratedAlready', { rating: maybe(t, `rating.${r.rating}`, r.rating) })}
          </p>
        )
      )}
      <ComplaintForm code={r.receiptCode} initialToken={token} />
    </section>
  );
}

const DIGITS = /^\d{4}$/;

/**
 * Only the applicant may rate (issue #14): they give the rating code printed on the receipt, or the last 4 digits
 * of their ID number.
 */
function RatingForm({
  code,
  initialToken,
  onRated,
}: {
  code: string;
  initialToken: string;
  onRated(rating: Rating): void;
}) {
  const { t } = useI18n();
  const [rating, setRating] = useState<Rating | null>(null);
  const [token, setToken] = useState(initialToken);
  const [idDigits, setIdDigits] = useState('');
  const proven = token.trim() !== '' || DIGITS.test(idDigits.trim());
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rating || !proven) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/public/dossiers/${encodeURIComponent(code)}/rating`, {
        rating,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(token.trim() ? { token: token.trim() } : { idDigits: idDigits.trim() }),
      });
      onRated(rating);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="rating-form" onSubmit={submit}>
      <fieldset className="field radio-group">
        <legend>{t('public.rate')}</legend>
        {RATINGS.map((r) => (
          <label key={r} className="check rating-option">
            <input type="radio" name="rating" value={r} checked={rating === r} onChange={() => setRating(r)} />
            <span>{t(`rating.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('public.token')}</span>
        <input
          name="ratingToken"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          value={token}
          aria-describedby="rating-token-hint"
          onChange={(e) => setToken(e.target.value)}
        />
      </label>
      <p id="rating-token-hint" className="muted small">
        {t('public.tokenHint')}
      </p>
      <label className="field">
        <span>{t('public.idDigits')}</span>
        <input
          name="idDigits"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          value={idDigits}
          disabled={token.trim() !== ''}
          onChange={(e) => setIdDigits(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('public.comment')}</span>
        <textarea
          name="comment"
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {publicError(t, error)}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={busy || !rating || !proven}>
        {t('public.rateSubmit')}
      </button>
    </form>
  );
}
