// Sign-in through an OpenID Connect provider (issue #16, docs/decisions/0005), against a provider this file starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';
import { oidcConfigFrom, type OidcConfig } from '../src/modules/accounts/index.js';
import { createTestApp, signIn, type Session } from './helpers.js';
import { startTestProvider, type ProviderUser, type Spoil, type TestProvider } from './oidc-provider.js';

const REDIRECT = 'http://localhost/api/auth/oidc/callback';
let provider: TestProvider;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let admin: Session;
/** a Ba Đình specialist with a personal account, and a person of the demo nation without one */
let officer: { username: string; displayName: string; nationalId: string };
let stranger: { nationalId: string };

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
  const [s] = rowsOf<{ national_id: string }>(
    await ctx.database.db.execute(sql`
      SELECT p.national_id FROM people p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
       ORDER BY p.national_id LIMIT 1`),
  );
  stranger = { nationalId: s!.national_id };
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

describe('without a provider configured', () => {
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
