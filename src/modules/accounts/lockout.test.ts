import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';
import { LIMITS } from './domain/lockout.js';

/**
 * Sign-in lockout under hostile use (issue #14): parallel guesses are counted, nobody can lock an owner out from
 * elsewhere, addresses and accounts are throttled, the password change is limited, sign-ins are audited.
 */
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let admin: Session;
const unique = () => Math.random().toString(36).slice(2, 8);
const PASSWORD = 'first-password-1';
let lastOctet = 10;
/** A fresh client address for each test, so the tests do not throttle each other. */
const address = () => `198.51.100.${lastOctet++}`;

async function newAccount() {
  const username = `lock-${unique()}`;
  const r = await admin.send('POST', '/api/users', {
    username,
    displayName: 'Người thử',
    role: 'commune',
    provinceCode: '01',
    communeCode: '00004',
    password: PASSWORD,
  });
  expect(r.statusCode).toBe(201);
  return username;
}
const login = (username: string, password: string, remoteAddress: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

type Entry = { action: string; entityId: string; actor: { username: string } | null; ip: string | null };
async function auditOf(userId: string) {
  const r = await admin.get('/api/audit?entity=user&pageSize=500');
  return (r.json().items as Entry[]).filter((e) => e.entityId === userId);
}
const idOf = async (username: string) =>
  ((await admin.get(`/api/users?q=${username}`)).json().items as { id: string; username: string }[]).find(
    (u) => u.username === username,
  )!.id;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await signIn(ctx.app, 'admin');
});
afterAll(() => ctx.close());

// Every try hashes a password (argon2, on purpose slow): on a busy machine a case takes tens of seconds.
describe('sign-in lockout', { timeout: 120_000 }, () => {
  it('counts 40 parallel guesses: no more than the limit are checked, and the address is then held back', async () => {
    const username = await newAccount();
    const from = address();
    const answers = await Promise.all(Array.from({ length: 40 }, () => login(username, 'guess-password', from)));
    const checked = answers.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(LIMITS.pair.max);
    // the others wait without their password being checked: the account from this address (423), or the address (429)
    expect(answers.filter((r) => r.statusCode === 423 || r.statusCode === 429).length).toBe(40 - checked);
    expect(answers.some((r) => r.json().error?.code === 'account_locked')).toBe(true);
    // even the right password waits, from that address
    const right = await login(username, PASSWORD, from);
    expect([423, 429]).toContain(right.statusCode);
    // every checked guess is in the audit log, with its address
    const failed = (await auditOf(await idOf(username))).filter((e) => e.action === 'sign_in_failed');
    expect(failed.length).toBe(checked);
    expect(failed.every((e) => e.ip === from)).toBe(true);
  });

  it('does not lock the owner out: five wrong passwords from one address leave the admin free to sign in from another', async () => {
    const attacker = address();
    for (let i = 0; i < LIMITS.pair.max + 2; i++) await login('admin', 'not-the-password', attacker);
    expect((await login('admin', 'haicap-demo', attacker)).statusCode).toBe(423);
    expect((await login('admin', 'haicap-demo', address())).statusCode).toBe(200);
  });

  it('throttles an address that tries many accounts', async () => {
    const from = address();
    const answers = [];
    for (let i = 0; i < LIMITS.addr.max + 3; i++)
      answers.push((await login(`nobody-${unique()}`, 'x-password', from)).statusCode);
    expect(answers.slice(0, LIMITS.addr.max).every((s) => s === 401)).toBe(true);
    expect(answers.at(-1)).toBe(429);
    // another address is not concerned
    expect((await login('commune-00004', 'haicap-demo', address())).statusCode).toBe(200);
  });

  it('throttles guesses at one account from many addresses, but lets its owner in from a known address', async () => {
    const username = await newAccount();
    const home = address();
    expect((await login(username, PASSWORD, home)).statusCode).toBe(200);
    const answers = [];
    for (let i = 0; i < LIMITS.acct.max + 2; i++)
      answers.push((await login(username, 'spray-password', `203.0.113.${i % 250}`)).statusCode);
    expect(answers.at(-1)).toBe(429);
    expect((await login(username, PASSWORD, `192.0.2.${lastOctet++}`)).statusCode).toBe(429);
    expect((await login(username, PASSWORD, home)).statusCode).toBe(200);
  });

  it("lets the unit's administrator reset a locked account, which then signs in from the locked address", async () => {
    const unitAdmin = await signIn(ctx.app, 'commune-00004');
    const staffPerson = (await signIn(ctx.app, 'staff-00004').then((s) => s.get('/api/auth/me'))).json().user.personId;
    const people = (await unitAdmin.get('/api/people?unit=00004&pageSize=100')).json().items as { id: string }[];
    const accounts = (await unitAdmin.get('/api/unit-accounts')).json().items as { personId: string | null }[];
    const taken = new Set([staffPerson, ...accounts.map((a) => a.personId)]);
    const person = people.find((p) => !taken.has(p.id))!;
    const username = `lock-${unique()}`;
    const created = await unitAdmin.send('POST', '/api/unit-accounts', {
      personId: person.id,
      username,
      password: PASSWORD,
      unitRoles: ['specialist'],
    });
    expect(created.statusCode).toBe(201);
    const from = address();
    for (let i = 0; i < LIMITS.pair.max + 1; i++) await login(username, 'wrong-password', from);
    expect((await login(username, PASSWORD, from)).statusCode).toBe(423);
    const reset = await unitAdmin.send('POST', `/api/unit-accounts/${created.json().id}/password`, {
      password: 'reset-password-2',
    });
    expect(reset.statusCode).toBe(200);
    expect((await login(username, 'reset-password-2', from)).statusCode).toBe(200);
  });

  it('limits the password change: guesses of the current password stop after the limit, even right ones', async () => {
    const username = await newAccount();
    const s = await signIn(ctx.app, username, PASSWORD);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        s.send('POST', '/api/auth/password', { currentPassword: 'guess-it', newPassword: 'another-password-3' }),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 400).length).toBeLessThanOrEqual(LIMITS.pw.max);
    expect(answers.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(12 - LIMITS.pw.max);
    const right = await s.send('POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'another-password-3',
    });
    expect(right.statusCode).toBe(429);
  });

  it('audits sign-ins, failed sign-ins and sign-outs: who, when and from where', async () => {
    const username = await newAccount();
    const from = address();
    await login(username, 'wrong-password', from);
    const ok = await login(username, PASSWORD, from);
    const cookie = ok.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie }, remoteAddress: from });
    const entries = await auditOf(await idOf(username));
    for (const action of ['sign_in_failed', 'sign_in', 'sign_out']) {
      const e = entries.find((x) => x.action === action);
      expect(e, action).toBeDefined();
      expect(e!.ip, action).toBe(from);
    }
  });
});
