import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  api,
  ApiError,
  csrf,
  request,
  setUnauthenticatedHandler,
  type SignedOut,
  type UnitDetail,
  type User,
} from './api';
import { bootSession } from './boot';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signedOut'; notice?: 'sessionLost' }
  /** writable is false when the session cookie lives but this tab lost its CSRF token (writes would be refused). */
  | { status: 'signedIn'; user: User; writable: boolean };

interface Auth {
  state: AuthState;
  /** The signed-in user's place: province or commune full name, null for the whole country or while loading. */
  scopeName: string | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** The state a session answer (`GET /api/auth/me`) gives, or null when this tab has no CSRF token for it. */
function signedInState(me: { user: User; csrfToken?: string }): AuthState | null {
  if (me.csrfToken) csrf.set(me.csrfToken);
  return csrf.get() ? { status: 'signedIn', user: me.user, writable: true } : null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  // The page may carry the session (src/server/page.ts): then the first render is the right screen, no round trip.
  const [boot] = useState(bootSession);
  const [state, setState] = useState<AuthState>(() =>
    boot === null ? { status: 'signedOut' } : (boot && signedInState(boot)) || { status: 'loading' },
  );
  const [scopeName, setScopeName] = useState<string | null>(null);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      csrf.set(null);
      setState({ status: 'signedOut' });
    });
    let cancelled = false;
    if (boot === null) csrf.set(null);
    if (boot === null || (boot && csrf.get())) return () => setUnauthenticatedHandler(null);
    (async () => {
      try {
        const me =
          boot ?? (await request<{ user: User; csrfToken?: string }>('GET', '/api/auth/me', { quiet401: true }));
        const signedIn = signedInState(me);
        if (signedIn) {
          if (!cancelled) setState(signedIn);
          return;
        }
        // Signed in (cookie) but this tab has no CSRF token: close that session and ask to sign in again.
        try {
          await request('POST', '/api/auth/logout', { body: {}, quiet401: true });
          if (!cancelled) setState({ status: 'signedOut', notice: 'sessionLost' });
        } catch {
          // The server refuses the sign-out without the token: keep reading, but no writes.
          if (!cancelled) setState({ status: 'signedIn', user: me.user, writable: false });
        }
      } catch {
        csrf.set(null);
        if (!cancelled) setState({ status: 'signedOut' });
      }
    })();
    return () => {
      cancelled = true;
      setUnauthenticatedHandler(null);
    };
  }, [boot]);

  const user = state.status === 'signedIn' ? state.user : null;
  useEffect(() => {
    setScopeName(null);
    if (!user) return;
    const code = user.communeCode ?? user.provinceCode;
    if (!code) return;
    let cancelled = false;
    api
      .get<UnitDetail>(`/api/units/${code}`)
      .then((u) => {
        if (cancelled) return;
        setScopeName(u.level === 'commune' && u.province ? `${u.fullName}, ${u.province.fullName}` : u.fullName);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [user]);

  const signIn = useCallback(async (username: string, password: string) => {
    const res = await request<{ user: User; csrfToken: string }>('POST', '/api/auth/login', {
      body: { username, password },
      quiet401: true,
    });
    csrf.set(res.csrfToken);
    // The session as each request sees it: a reinforcement officer's reach (and its capabilities, its landing page)
    // is narrowed to the province of their assignment per request, not at sign-in.
    const me = await request<{ user: User }>('GET', '/api/auth/me', { quiet401: true }).catch(() => null);
    setState({ status: 'signedIn', user: me?.user ?? res.user, writable: true });
  }, []);

  const signOut = useCallback(async () => {
    let endSession: string | undefined;
    try {
      ({ endSession } = await request<SignedOut>('POST', '/api/auth/logout', {
        body: {},
        quiet401: true,
      }));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 0) throw e;
    }
    csrf.set(null);
    // Signed in through the province's single sign-on: sign out there too, or the next person at this PC would be
    // signed straight back in as this one. The provider sends the browser back to the home page.
    if (endSession) window.location.assign(endSession);
    setState({ status: 'signedOut' });
  }, []);

  const value = useMemo<Auth>(() => ({ state, scopeName, signIn, signOut }), [state, scopeName, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user (pages below the shell only render when signed in). */
export function useUser(): { user: User; writable: boolean } {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useUser while signed out');
  return { user: state.user, writable: state.writable };
}

export { can } from './can';
