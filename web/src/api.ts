import { apiLang } from './i18n';

/** What the API returns: the types come from the modules' contracts (see the server's OpenAPI at /api/docs). */
export type {
  Capability,
  Role,
  SignedInUser as User,
  SignedOut,
  UnitAccount,
} from '../../src/modules/accounts/contract';
export type { Counts, FormerUnit, Profile, UnitDetail, UnitItem, UnitPage } from '../../src/modules/units/contract';
export type { AuditEntry } from '../../src/modules/audit/contract';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type { Meta } from '../../src/core/system-contract';

/** An error answered by the API (or a network failure, status 0). `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const CSRF_KEY = 'haicap.csrf';

export const csrf = {
  get(): string | null {
    try {
      return sessionStorage.getItem(CSRF_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null) {
    try {
      if (token) sessionStorage.setItem(CSRF_KEY, token);
      else sessionStorage.removeItem(CSRF_KEY);
    } catch {
      /* storage unavailable: writes will need a new sign-in */
    }
  },
};

/** Called when the server says the session is gone, so the app can show the sign-in page. */
let onUnauthenticated: (() => void) | null = null;
export const setUnauthenticatedHandler = (fn: (() => void) | null) => {
  onUnauthenticated = fn;
};

type Query = Record<string, string | number | undefined | null | false>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '' && v !== false) params.set(k, String(v));
  params.set('lang', apiLang());
  return `${path}?${params.toString()}`;
}

export async function request<T>(
  method: string,
  path: string,
  opts: {
    query?: Query;
    body?: unknown;
    signal?: AbortSignal;
    quiet401?: boolean;
    headers?: Record<string, string>;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': apiLang(), ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrf.get();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    if (res.status === 401 && !opts.quiet401 && onUnauthenticated) onUnauthenticated();
    throw new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? '', err?.field);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
};
