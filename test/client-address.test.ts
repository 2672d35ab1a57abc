import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD } from './helpers.js';
import { trustedProxyHops } from '../src/server/app.js';

/**
 * The address recorded for a sign-in, a write and the rate limits comes from the connection, or from the
 * X-Forwarded-For entries added by the configured number of trusted proxies (TRUST_PROXY=<hops>), never from what
 * the client itself wrote in the header (issue #14).
 */
type App = Awaited<ReturnType<typeof createTestApp>>;
const opened: App[] = [];
afterAll(async () => {
  for (const a of opened) await a.close();
});

async function appWith(trustProxy: string | undefined) {
  const before = process.env.TRUST_PROXY;
  if (trustProxy === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = trustProxy;
  try {
    const a = await createTestApp();
    opened.push(a);
    return a;
  } finally {
    if (before === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = before;
  }
}

/** Signs in and receives a dossier with the given connection address and X-Forwarded-For; returns the audited address. */
async function recordedAddress(a: App, remoteAddress: string, forwarded: string) {
  const headers = { 'x-forwarded-for': forwarded };
  const login = await a.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers,
    payload: { username: 'commune-00004', password: DEMO_PASSWORD },
  });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const { csrfToken } = login.json() as { csrfToken: string };
  const made = await a.app.inject({
    method: 'POST',
    url: '/api/dossiers',
    remoteAddress,
    headers: { ...headers, cookie, 'x-csrf-token': csrfToken },
    payload: { procedureCode: '1.004873', channel: 'in_person', applicantName: 'Đỗ Văn Nam' },
  });
  expect(made.statusCode).toBe(201);
  const id = (made.json() as { id: string }).id;
  const admin = await a.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: DEMO_PASSWORD },
  });
  const adminCookie = admin.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const log = (
    await a.app.inject({
      method: 'GET',
      url: '/api/audit?entity=dossier&pageSize=20',
      headers: { cookie: adminCookie },
    })
  ).json() as { items: { entityId: string; ip: string | null }[] };
  const entry = log.items.find((e) => e.entityId === id);
  expect(entry).toBeDefined();
  return entry!.ip;
}

describe('client addresses', () => {
  it('ignores a forged X-Forwarded-For when no proxy is trusted (TRUST_PROXY unset)', async () => {
    const a = await appWith(undefined);
    expect(await recordedAddress(a, '198.51.100.20', '6.6.6.6')).toBe('198.51.100.20');
  }, 180_000); // each test opens an app of its own on the demo database

  it('with one trusted hop, takes the address the proxy appended (the last one), not what the client wrote', async () => {
    const a = await appWith('1');
    expect(await recordedAddress(a, '10.0.0.2', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
  }, 180_000);

  it('reads TRUST_PROXY as a number of hops; anything else trusts no proxy', () => {
    expect([trustedProxyHops('1'), trustedProxyHops('2'), trustedProxyHops(' 3 ')]).toEqual([1, 2, 3]);
    for (const v of [undefined, '', '0', 'true', 'yes', '-1', '1.5', 'all', '99'])
      expect(trustedProxyHops(v), String(v)).toBe(false);
  });
});
