import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useAuth, useUser } from '../auth';
import { errorText } from '../components/common';
import { useI18n } from '../i18n';

export function AccountPage() {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const { scopeName } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<'tooShort' | 'mismatch' | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    setError(null);
    if (next.length < 10) return setLocalError('tooShort');
    if (next !== confirm) return setLocalError('mismatch');
    setLocalError(null);
    setBusy(true);
    try {
      await api.post('/api/auth/password', { currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errField = error instanceof ApiError ? error.field : undefined;

  return (
    <div className="account-page">
      <h1>{t('account.title')}</h1>
      <dl className="facts">
        <div>
          <dt>{t('account.username')}</dt>
          <dd>{user.username}</dd>
        </div>
        <div>
          <dt>{t('account.role')}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
        </div>
        <div className="wide">
          <dt>{t('account.scope')}</dt>
          <dd>{user.provinceCode ? (scopeName ?? '…') : t('scope.country')}</dd>
        </div>
      </dl>
      {writable && (
        <section className="panel narrow">
          <h2>{t('account.changePassword')}</h2>
          <form onSubmit={submit} noValidate>
            <label className="field">
              <span>{t('account.current')}</span>
              <input
                type="password"
                name="currentPassword"
                autoComplete="current-password"
                value={current}
                aria-invalid={errField === 'currentPassword'}
                onChange={(e) => setCurrent(e.target.value)}
                required
              />
            </label>
            <label className="field">
              <span>{t('account.new')}</span>
              <input
                type="password"
                name="newPassword"
                autoComplete="new-password"
                value={next}
                aria-invalid={errField === 'newPassword' || localError === 'tooShort'}
                onChange={(e) => setNext(e.target.value)}
                required
              />
            </label>
            <label className="field">
              <span>{t('account.confirm')}</span>
              <input
                type="password"
                name="confirmPassword"
                autoComplete="new-password"
                value={confirm}
                aria-invalid={localError === 'mismatch'}
                onChange={(e) => setConfirm(e.target.value)}
                required
              />
            </label>
            {localError && (
              <p className="alert alert-error" role="alert">
                {t(localError === 'tooShort' ? 'account.tooShort' : 'account.mismatch')}
              </p>
            )}
            {error !== null && (
              <p className="alert alert-error" role="alert">
                {errorText(t, error)}
              </p>
            )}
            {done && (
              <p className="alert alert-ok" role="status">
                {t('account.done')}
              </p>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy || !current || !next || !confirm}>
              {busy ? t('common.saving') : t('account.submit')}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}
