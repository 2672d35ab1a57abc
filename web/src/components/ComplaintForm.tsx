import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { errorText } from './common';
import { useI18n } from '../i18n';

const DIGITS = /^\d{4}$/;

/**
 * The citizen's complaint about a dossier (phản ánh, kiến nghị) on the public look-up: the text and what only the
 * applicant holds, the rating code printed on the receipt or the last 4 digits of the ID number (as for the rating).
 * It counts in the 766 satisfaction in handling procedures (docs/dossier-figures.md).
 */
export function ComplaintForm({ code, initialToken }: { code: string; initialToken: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [token, setToken] = useState(initialToken);
  const [idDigits, setIdDigits] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const proven = token.trim() !== '' || DIGITS.test(idDigits.trim());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !proven) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/public/dossiers/${encodeURIComponent(code)}/complaints`, {
        text: text.trim(),
        ...(token.trim() ? { token: token.trim() } : { idDigits: idDigits.trim() }),
      });
      setSent(true);
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (sent)
    return (
      <p className="alert alert-ok" role="status">
        {t('public.complained')}
      </p>
    );
  return (
    <details className="complaint-form">
      <summary>{t('public.complain')}</summary>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('public.complainText')}</span>
          <textarea name="complaint" rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('public.token')}</span>
          <input
            name="complaintToken"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('public.idDigits')}</span>
          <input
            name="complaintIdDigits"
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            value={idDigits}
            disabled={token.trim() !== ''}
            onChange={(e) => setIdDigits(e.target.value)}
          />
        </label>
        {error !== null && (
          <p className="alert alert-error" role="alert">
            {error instanceof ApiError && error.status === 429 ? t('public.tooMany') : errorText(t, error)}
          </p>
        )}
        <button type="submit" className="btn btn-block" disabled={busy || !text.trim() || !proven}>
          {t('public.complainSubmit')}
        </button>
      </form>
    </details>
  );
}
