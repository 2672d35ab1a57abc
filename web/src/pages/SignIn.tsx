import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, type Meta } from '../api';
import { useAuth } from '../auth';
import { bootMeta, forgetShellInput, shellInputTyped } from '../boot';
import { errorText } from '../components/common';
import { useI18n } from '../i18n';
import { LangToggle } from '../LangToggle';
import { Link } from '../router';

/** Why a sign-in through the provider failed, as the server's redirect names it (`/?oidc_error=…`). */
const OIDC_ERRORS = ['no_account', 'failed', 'throttled', 'unavailable'] as const;
type OidcError = (typeof OIDC_ERRORS)[number];

function takeOidcError(): OidcError | null {
  const params = new URLSearchParams(window.location.search);
  const value = params.get('oidc_error');
  if (value === null) return null;
  // the reason is read once: a reload shows the plain page
  params.delete('oidc_error');
  const rest = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (rest ? `?${rest}` : '') + window.location.hash);
  return (OIDC_ERRORS as readonly string[]).includes(value) ? (value as OidcError) : 'failed';
}

export function SignIn({ notice }: { notice?: 'sessionLost' }) {
  const { t } = useI18n();
  const { signIn } = useAuth();
  // What the officer typed into the page's plain form while the script was on its way (web/src/boot.ts).
  const [typed] = useState(shellInputTyped);
  const [username, setUsername] = useState(typed?.username ?? '');
  const [password, setPassword] = useState(typed?.password ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [meta, setMeta] = useState<Meta | null>(() => bootMeta() ?? null);
  const [oidcError] = useState(takeOidcError);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    forgetShellInput();
    if (typed?.focus === 'username') usernameRef.current?.focus();
    if (typed?.focus === 'password') passwordRef.current?.focus();
    if (bootMeta() === undefined) api.get<Meta>('/api/meta').then(setMeta, () => setMeta(null));
  }, [typed]);

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
        {oidcError && (
          <p className="alert alert-error" role="alert">
            {t(`signin.oidc.${oidcError}`)}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <label className="field">
            <span>{t('signin.username')}</span>
            <input
              ref={usernameRef}
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
              ref={passwordRef}
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
        {meta?.oidc && (
          <div className="signin-oidc">
            <p className="signin-or">{t('signin.or')}</p>
            {/* a plain link: the browser goes to the provider and comes back to the callback */}
            <a className="btn btn-block" href="/api/auth/oidc/start">
              {meta.oidc.label}
            </a>
          </div>
        )}
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
