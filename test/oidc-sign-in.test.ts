// Sign-in through an OpenID Connect provider (issue #16, docs/decisions/0005), against a provider this file starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';
import { oidcConfigFrom, type OidcConfig } from '../src/modules/accounts/index.js';
import { createTestApp, DEMO_PASSWORD, signIn, type Session } from './helpers.js';
import { startTestProvider, type ProviderUser, type Spoil, type TestProvider } from './oidc-provider.js';

const REDIRECT = 'http://localhost/api/auth/oidc/callback';
let provider: TestProvider;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let admin: Session;
/** a Ba Đình specialist with a personal account, and a person of the demo nation without one */
let officer: { username: string; displayName: string; nationalId: string };
let stranger: { nationalId: string; personId: string };

beforeAll(async () => {
  provider = await startTestProvider({ redirectUri: REDIRECT });
  const oidc = oidcConfigFrom({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: REDIRECT,
    OIDC_LABEL: 'Đăng nhập bằng VNeID',
  }) as OidcConfig;
  expect(oidc.issuer).toBe(provider.issuer);
  ctx = await createTestApp({ config: { oidc } });
  admin = await signIn(ctx.app, 'admin');
  const [o] = rowsOf<{ username: string; display_name: string; national_id: string }>(
    await ctx.database.db.execute(sql`
      SELECT u.username, u.display_name, p.national_id FROM users u JOIN people p ON p.id = u.person_id
       WHERE u.username = '00004-chuyenvien-1'`),
  );
  officer = { username: o!.username, displayName: o!.display_name, nationalId: o!.national_id };
  const [s] = rowsOf<{ national_id: string; id: string }>(
    await ctx.database.db.execute(sql`
      SELECT p.national_id, p.id FROM people p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
       ORDER BY p.national_id LIMIT 1`),
  );
  stranger = { nationalId: s!.national_id, personId: s!.id };
});
afterAll(async () => {
  await ctx?.close();
  await provider?.close();
});

const cookieOf = (r: LightMyRequestResponse, name: string) => r.cookies.find((c) => c.name === name);

/** The browser's way: start here, sign in at the provider, come back to the callback. */
async function throughProvider(user: ProviderUser, spoil: Spoil | null = null) {
  const start = await ctx.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
  expect(start.statusCode).toBe(302);
  const flow = cookieOf(start, 'haicap_oidc')!;
  provider.user = user;
  provider.spoil = spoil;
  const atProvider = await fetch(start.headers.location as string, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const back = new URL(atProvider.headers.get('location')!);
  expect(back.origin + back.pathname).toBe(REDIRECT);
  const callback = (url = back.pathname + back.search, cookie = `haicap_oidc=${flow.value}`) =>
    ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  return { start, flow, back, callback };
}

const failures = async () =>
  (await admin.get('/api/audit?entity=user&action=sign_in_failed&pageSize=100')).json().items as {
    after: { method?: string; reason?: string; detail?: string } | null;
  }[];

/** The answer sends the browser back to the sign-in page with the reason, and opens no session. */
function refused(r: LightMyRequestResponse, error: string) {
  expect(r.statusCode).toBe(302);
  expect(r.headers.location).toBe(`/?oidc_error=${error}`);
  expect(cookieOf(r, 'haicap_session')).toBeUndefined();
}

describe('sign-in through an OpenID Connect provider', () => {
  it('tells the sign-in page to show the button, with its words', async () => {
    const meta = (await ctx.app.inject({ method: 'GET', url: '/api/meta' })).json();
    expect(meta.oidc).toEqual({ label: 'Đăng nhập bằng VNeID' });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce kept in a short-lived HttpOnly cookie', async () => {
    const start = await ctx.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    const to = new URL(start.headers.location as string);
    expect(to.origin + to.pathname).toBe(`${provider.issuer}/authorize`);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const flow = cookieOf(start, 'haicap_oidc')!;
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc', maxAge: 600 });
    // the verifier stays with us: the provider sees only its challenge
    const { verifier } = JSON.parse(Buffer.from(flow.value, 'base64url').toString()) as { verifier: string };
    expect(verifier).toMatch(/^[\w-]{43,}$/);
    expect(start.headers.location).not.toContain(verifier);
  });

  it('signs in a person with a personal account: they land on the home page signed in, /api/auth/me names them', async () => {
    const { callback } = await throughProvider({ sub: 'vneid-officer', personal_id: officer.nationalId });
    const r = await callback();
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('/');
    const session = cookieOf(r, 'haicap_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookieOf(r, 'haicap_oidc')!.value).toBe(''); // the flow is spent
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `haicap_session=${session.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      username: officer.username,
      displayName: officer.displayName,
      communeCode: '00004',
    });
    expect(me.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    const signIns = (await admin.get('/api/audit?entity=user&action=sign_in&pageSize=100')).json().items as {
      actorUsername: string;
      after: { method?: string } | null;
    }[];
    expect(signIns.some((e) => e.actorUsername === officer.username && e.after?.method === 'oidc')).toBe(true);
  });

  it('refuses a person without an account, and audits the failed sign-in with its reason', async () => {
    const { callback } = await throughProvider({ sub: 'vneid-stranger', personal_id: stranger.nationalId });
    refused(await callback(), 'no_account');
    const entry = (await failures()).find((e) => e.after?.reason === 'oidc_no_account');
    expect(entry?.after).toMatchObject({ method: 'oidc', reason: 'oidc_no_account' });
    expect(JSON.stringify(entry)).not.toContain(stranger.nationalId); // the personal ID stays out of the log
  });

  it('refuses a tampered state before the code is spent', async () => {
    const { back, callback } = await throughProvider({ sub: 'vneid-officer', personal_id: officer.nationalId });
    const before = provider.tokenRequests;
    back.searchParams.set('state', 'tampered-' + back.searchParams.get('state'));
    refused(await callback(back.pathname + back.search), 'failed');
    expect(provider.tokenRequests).toBe(before);
    expect((await failures())[0]?.after).toMatchObject({ method: 'oidc', reason: 'oidc_invalid' });
    expect((await failures())[0]?.after?.detail).toContain('"state"');
  });

  it('refuses a callback without the flow cookie (a code carried to another browser)', async () => {
    const { callback } = await throughProvider({ sub: 'vneid-officer', personal_id: officer.nationalId });
    refused(await callback(undefined, ''), 'failed');
    expect((await failures())[0]?.after).toMatchObject({ reason: 'oidc_flow_expired' });
  });

  it('refuses an ID token with another nonce', async () => {
    const { callback } = await throughProvider(
      { sub: 'vneid-officer', personal_id: officer.nationalId },
      { nonce: 'someone-elses-nonce' },
    );
    refused(await callback(), 'failed');
    expect((await failures())[0]?.after).toMatchObject({ reason: 'oidc_invalid' });
    expect((await failures())[0]?.after?.detail).toContain('"nonce"');
  });

  it('refuses an expired ID token', async () => {
    const { callback } = await throughProvider(
      { sub: 'vneid-officer', personal_id: officer.nationalId },
      { expiredFor: 3600 },
    );
    refused(await callback(), 'failed');
    expect((await failures())[0]?.after).toMatchObject({ reason: 'oidc_invalid' });
    expect((await failures())[0]?.after?.detail).toContain('"exp"');
  });

  it('refuses an ID token signed by a key the provider does not publish', async () => {
    const { callback } = await throughProvider(
      { sub: 'vneid-officer', personal_id: officer.nationalId },
      { otherKey: true },
    );
    refused(await callback(), 'failed');
    expect((await failures())[0]?.after).toMatchObject({ reason: 'oidc_invalid' });
    expect((await failures())[0]?.after?.detail).toContain('signature verification failed');
  });

  it('refuses a replayed code, even with its own flow cookie', async () => {
    const { callback } = await throughProvider({ sub: 'vneid-officer', personal_id: officer.nationalId });
    expect((await callback()).headers.location).toBe('/');
    refused(await callback(), 'failed');
    expect((await failures())[0]?.after).toMatchObject({ reason: 'oidc_invalid' });
    expect((await failures())[0]?.after?.detail).toContain('invalid_grant');
  });

  it('refuses when the person declines at the provider', async () => {
    const { callback } = await throughProvider(null as unknown as ProviderUser);
    refused(await callback(), 'failed');
    expect((await failures())[0]?.after).toMatchObject({ reason: 'oidc_provider_refused', detail: 'access_denied' });
  });
});

/** Opens a session through the provider for a person, as the browser would; answers the session cookie. */
async function sessionThroughProvider(user: ProviderUser) {
  const { callback } = await throughProvider(user);
  const r = await callback();
  expect(r.headers.location).toBe('/');
  return `haicap_session=${cookieOf(r, 'haicap_session')!.value}`;
}
const meOf = (app: typeof ctx.app, cookie: string) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const logoutOf = (app: typeof ctx.app, cookie: string) =>
  app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie }, payload: {} });
const passwordSignIn = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('signing out of a session opened through the provider (RP-initiated logout)', () => {
  it("sends the browser to the provider's end-session address, which signs the person out there and comes back home", async () => {
    const cookie = await sessionThroughProvider({ sub: 'vneid-officer', personal_id: officer.nationalId });
    const out = await logoutOf(ctx.app, cookie);
    expect(out.statusCode).toBe(200);
    const to = new URL(out.json().endSession as string);
    expect(to.origin + to.pathname).toBe(`${provider.issuer}/logout`);
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe('http://localhost/');
    expect(to.searchParams.get('client_id')).toBe(provider.clientId);
    // our session is over whatever the provider does
    expect((await meOf(ctx.app, cookie)).statusCode).toBe(401);
    const atProvider = await fetch(to, { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    expect(atProvider.headers.get('location')).toBe('http://localhost/');
    // the hint is the ID token the provider signed for this person: it knows whose session to end
    expect(provider.signOuts.at(-1)).toEqual({ subject: 'vneid-officer', back: 'http://localhost/' });
  });

  it('gives a password session no end-session address', async () => {
    const s = await signIn(ctx.app, officer.username);
    const out = await logoutOf(ctx.app, s.cookie);
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
  });

  it('ends our session without an address when the provider publishes no end-session endpoint', async () => {
    const bare = await startTestProvider({ redirectUri: REDIRECT, endSession: false });
    const app = await buildApp({
      database: ctx.database,
      config: {
        demo: true,
        secureCookies: false,
        oidc: {
          ...(ctx.app.config.oidc as OidcConfig),
          issuer: bare.issuer,
          clientId: bare.clientId,
          clientSecret: bare.clientSecret,
        },
      },
    });
    try {
      const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      bare.user = { sub: 'vneid-officer', personal_id: officer.nationalId };
      const back = new URL(
        (await fetch(start.headers.location as string, { redirect: 'manual' })).headers.get('location')!,
      );
      const r = await app.inject({
        method: 'GET',
        url: back.pathname + back.search,
        headers: { cookie: `haicap_oidc=${cookieOf(start, 'haicap_oidc')!.value}` },
      });
      const cookie = `haicap_session=${cookieOf(r, 'haicap_session')!.value}`;
      const out = await logoutOf(app, cookie);
      expect(out.json()).toEqual({ ok: true });
      expect((await meOf(app, cookie)).statusCode).toBe(401);
    } finally {
      await app.close();
      await bare.close();
    }
  });
});

describe('accounts that sign in only through the provider', () => {
  /** Two people of one commune without an account, and their unit's administrator (the unit account). */
  let unitAdmin: Session;
  let people: { id: string; nationalId: string }[];
  beforeAll(async () => {
    // far from the communes other test files give accounts to (the files share one database on PostgreSQL)
    const rows = rowsOf<{ id: string; unit_code: string; national_id: string }>(
      await ctx.database.db.execute(sql`
        WITH free AS (
          SELECT p.id, p.unit_code, p.national_id FROM people p
           WHERE length(p.unit_code) = 5 AND p.province_code = '79' AND p.national_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id))
        SELECT * FROM free WHERE unit_code = (
          SELECT unit_code FROM free GROUP BY unit_code HAVING count(*) >= 2 ORDER BY unit_code DESC LIMIT 1)
         ORDER BY national_id DESC LIMIT 2`),
    );
    expect(rows).toHaveLength(2);
    unitAdmin = await signIn(ctx.app, `commune-${rows[0]!.unit_code}`);
    people = rows.map((r) => ({ id: r.id, nationalId: r.national_id }));
  });

  it('are made by the unit administrator without a password; the person signs in through the provider only', async () => {
    const username = `sso-${Date.now().toString(36)}`;
    const made = await unitAdmin.send('POST', '/api/unit-accounts', {
      personId: people[0]!.id,
      username,
      providerOnly: true,
      unitRoles: ['specialist'],
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ providerOnly: true, unitRoles: ['specialist'] });
    // a password is refused with words that send the person to the provider's button, and audited
    const tried = await passwordSignIn(username, 'any-password-at-all');
    expect(tried.statusCode).toBe(401);
    expect(tried.json().error.message).toContain('đăng nhập một lần');
    const audit = (await admin.get('/api/audit?entity=user&action=sign_in_failed&pageSize=20')).json().items as {
      actorUsername: string;
      after: { reason?: string } | null;
    }[];
    expect(audit.find((e) => e.actorUsername === username)?.after).toMatchObject({ reason: 'password_sign_in_off' });
    // the provider's way works, and the account has no password page nor a password to change
    const cookie = await sessionThroughProvider({ sub: 'vneid-sso', personal_id: people[0]!.nationalId });
    const me = (await meOf(ctx.app, cookie)).json();
    expect(me.user.username).toBe(username);
    expect(me.user.capabilities).not.toContain('account.password');
    const change = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': me.csrfToken },
      payload: { currentPassword: 'x', newPassword: 'a-new-password-1' },
    });
    expect(change.statusCode).toBe(400);
    expect(change.json().error.field).toBe('currentPassword');
  });

  it('turn password sign-in off for an account (its sessions end); a password reset turns it back on', async () => {
    const username = `pw-${Date.now().toString(36)}`;
    const made = await unitAdmin.send('POST', '/api/unit-accounts', {
      personId: people[1]!.id,
      username,
      password: 'first-password-1',
      unitRoles: [],
    });
    expect(made.json().providerOnly).toBe(false);
    const id = made.json().id as string;
    const open = await signIn(ctx.app, username, 'first-password-1');
    const off = await unitAdmin.send('PATCH', `/api/unit-accounts/${id}`, { unitRoles: [], providerOnly: true });
    expect(off.statusCode).toBe(200);
    expect(off.json().providerOnly).toBe(true);
    expect((await open.get('/api/auth/me')).statusCode).toBe(401);
    expect((await passwordSignIn(username, 'first-password-1')).statusCode).toBe(401);
    const history = (await admin.get(`/api/audit?entity=user&entityId=${id}&pageSize=20`)).json().items as {
      action: string;
    }[];
    expect(history.map((e) => e.action)).toContain('password_sign_in_off');
    // back on: not by a flag, but by giving the account a password
    const flag = await unitAdmin.send('PATCH', `/api/unit-accounts/${id}`, { unitRoles: [], providerOnly: false });
    expect(flag.statusCode).toBe(400);
    expect(flag.json().error.field).toBe('providerOnly');
    expect(
      (await unitAdmin.send('POST', `/api/unit-accounts/${id}/password`, { password: 'second-password-2' })).statusCode,
    ).toBe(200);
    expect((await passwordSignIn(username, 'second-password-2')).statusCode).toBe(200);
    const listed = (await unitAdmin.get('/api/unit-accounts')).json().items as { id: string; providerOnly: boolean }[];
    expect(listed.find((a) => a.id === id)?.providerOnly).toBe(false);
  });
});

describe('without a provider configured', () => {
  it('refuses an account that would sign in only through a provider, naming the field', async () => {
    const plain = await buildApp({ database: ctx.database, config: { demo: true, secureCookies: false } });
    try {
      const login = await plain.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'commune-00004', password: DEMO_PASSWORD },
      });
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const r = await plain.inject({
        method: 'POST',
        url: '/api/unit-accounts',
        headers: { cookie, 'x-csrf-token': login.json().csrfToken },
        payload: { personId: stranger.personId, username: 'nobody-sso', providerOnly: true, unitRoles: [] },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.field).toBe('providerOnly');
    } finally {
      await plain.close();
    }
  });

  it('answers 404 on the routes and the sign-in page shows no button', async () => {
    const plain = await buildApp({ database: ctx.database, config: { demo: true, secureCookies: false } });
    try {
      expect((await plain.inject({ method: 'GET', url: '/api/auth/oidc/start' })).statusCode).toBe(404);
      expect((await plain.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=y' })).statusCode).toBe(
        404,
      );
      expect((await plain.inject({ method: 'GET', url: '/api/meta' })).json().oidc).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
