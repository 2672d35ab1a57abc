import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';
import { LIMITS } from './domain/lockout.js';

const MAX_FAILED_LOGINS = LIMITS.pair.max;

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let admin: Session;
const unique = () => Math.random().toString(36).slice(2, 8);

async function newAccount(password = 'first-password-1') {
  const username = `user-${unique()}`;
  const r = await admin.send('POST', '/api/users', {
    username,
    displayName: 'Test',
    role: 'commune',
    provinceCode: '01',
    communeCode: '00004',
    password,
  });
  expect(r.statusCode).toBe(201);
  return username;
}
const login = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await signIn(ctx.app, 'admin');
});
afterAll(() => ctx.close());

describe('sign-in', () => {
  it('sets an HttpOnly SameSite session cookie and returns the user and a CSRF token', async () => {
    const r = await login('commune-00004', 'haicap-demo');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.user).toMatchObject({
      username: 'commune-00004',
      role: 'commune',
      provinceCode: '01',
      communeCode: '00004',
    });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.user.passwordHash).toBeUndefined();
    const cookie = r.cookies.find((c) => c.name === 'haicap_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
  });

  it('answers 401 to a wrong password and to an unknown user, with the same message', async () => {
    const wrong = await login('commune-00004', 'not-the-password');
    const unknown = await login('nobody-here', 'whatever');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} wrong passwords, even against the right one`, async () => {
    const username = await newAccount();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect((await login(username, 'wrong-password')).statusCode).toBe(401);
    const locked = await login(username, 'first-password-1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    const entries = (await admin.get('/api/audit?entity=user&pageSize=100')).json().items as {
      action: string;
      after: { ip?: string } | null;
    }[];
    expect(entries.some((e) => e.action === 'lock')).toBe(true);
  });

  it('refuses API calls without a session, and writes without the CSRF token', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
    const s = await signIn(ctx.app, 'commune-00004');
    const noToken = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/units/00004/profile',
      payload: { phone: '024 3333 3333' },
      headers: { cookie: s.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_invalid');
  });

  it('signs out: the old cookie no longer works', async () => {
    const s = await signIn(ctx.app, 'commune-00004');
    expect((await s.send('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('checks the current password and the length, then closes the other sessions', async () => {
    const username = await newAccount();
    const a = await signIn(ctx.app, username, 'first-password-1');
    const b = await signIn(ctx.app, username, 'first-password-1');
    const short = await a.send('POST', '/api/auth/password', {
      currentPassword: 'first-password-1',
      newPassword: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('newPassword');
    const wrong = await a.send('POST', '/api/auth/password', {
      currentPassword: 'not-it',
      newPassword: 'second-password-2',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('currentPassword');
    expect(
      (
        await a.send('POST', '/api/auth/password', {
          currentPassword: 'first-password-1',
          newPassword: 'second-password-2',
        })
      ).statusCode,
    ).toBe(200);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(username, 'first-password-1')).statusCode).toBe(401);
    expect((await login(username, 'second-password-2')).statusCode).toBe(200);
  });
});

describe('accounts', () => {
  it('refuses a scope that does not fit the role, naming the field', async () => {
    const r = await admin.send('POST', '/api/users', {
      username: `bad-${unique()}`,
      displayName: 'x',
      role: 'commune',
      provinceCode: '01',
      password: 'long-enough-pw',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('role');
    const wrongProvince = await admin.send('POST', '/api/users', {
      username: `bad-${unique()}`,
      displayName: 'x',
      role: 'commune',
      provinceCode: '79',
      communeCode: '00004',
      password: 'long-enough-pw',
    });
    expect(wrongProvince.statusCode).toBe(400);
    expect(wrongProvince.json().error.field).toBe('communeCode');
  });

  it('creates an account once when a flaky connection repeats the request with the same Idempotency-Key', async () => {
    const username = `retry-${unique()}`;
    const payload = {
      username,
      displayName: 'Retry',
      role: 'province',
      provinceCode: '01',
      password: 'long-enough-pw',
    };
    const send = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        payload,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'idempotency-key': `key-${username}` },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const withoutKey = await admin.send('POST', '/api/users', payload);
    expect(withoutKey.statusCode).toBe(409);
    expect(withoutKey.json().error.field).toBe('username');
  });
});

describe('a tab that lost its CSRF token', () => {
  it('gets the token back from /api/auth/me, and can still sign out and in', async () => {
    const s = await signIn(ctx.app, 'commune-00004');
    const me = await s.get('/api/auth/me');
    expect(me.json().csrfToken).toBe(s.csrfToken);
    const relogin = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'commune-00004', password: 'haicap-demo' },
      headers: { cookie: s.cookie },
    });
    expect(relogin.statusCode).toBe(200);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(out.statusCode).toBe(200);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });
});
