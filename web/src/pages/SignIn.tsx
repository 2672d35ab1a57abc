import { useEffect, useState, type FormEvent } from 'react';
import { api, type Meta } from '../api';
import { useAuth } from '../auth';
import { errorText } from '../components/common';
import { useI18n } from '../i18n';
import { LangToggle } from '../LangToggle';
import { Link } from '../router';

export function SignIn({ notice }: { notice?: 'sessionLost' }) {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [meta, setMeta] = useState<Meta | null>(null);

  useEffect(() => {
    api.get<Meta>('/api/meta').then(setMeta, () => setMeta(null));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="signin-page">
      <div className="signin-top">
        <LangToggle />
      </div>
      <main className="signin-card" id="main">
        <div className="brand brand-large">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <h1>{t('signin.title')}</h1>
        {notice === 'sessionLost' && <p className="alert alert-info">{t('signin.sessionLost')}</p>}
        <form onSubmit={submit} noValidate>
          <label className="field">
            <span>{t('signin.username')}</span>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('signin.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {error !== null && (
            <p className="alert alert-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy || !username || !password}>
            {busy ? t('signin.submitting') : t('signin.submit')}
          </button>
        </form>
        <p className="public-link">
          <Link href="/tra-cuu">{t('public.link')}</Link>
        </p>
        {meta?.demo && meta.demoAccounts && (
          <section className="demo-box" aria-labelledby="demo-title">
            <h2 id="demo-title">{t('signin.demoTitle')}</h2>
            <p>{t('signin.demoPassword', { password: meta.demoAccounts.password })}</p>
            <p className="muted">{t('signin.demoHint')}</p>
            <ul>
              {meta.demoAccounts.examples.map((name) => (
                <li key={name}>
                  <button
                    type="button"
                    className="linklike"
                    onClick={() => {
                      setUsername(name);
                      setPassword(meta.demoAccounts!.password);
                    }}
                  >
                    {name}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
