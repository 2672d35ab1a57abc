import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';
import type { Db } from '../../db/client.js';
import { actorForToken } from './service.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await signIn(ctx.app, 'admin');
});
afterAll(() => ctx.close());

/**
 * A database whose one session read was answered before a commit but arrives after it: on PostgreSQL another
 * connection reads the old rows while the password change commits (PGlite runs one statement at a time, so the
 * test holds the answer back instead).
 */
function lateReader(rows: unknown[]) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const chain: object = new Proxy(() => undefined, {
    get: (_, prop) =>
      prop === 'then'
        ? (resolve: (v: unknown) => void, reject: (e: unknown) => void) => gate.then(() => rows).then(resolve, reject)
        : () => chain,
  });
  return { db: chain as unknown as Db, release };
}

describe('the session cache', () => {
  it('never brings back a session a password change closed, even from a read answered before the commit', async () => {
    const username = `cache-${Math.random().toString(36).slice(2, 8)}`;
    const made = await admin.send('POST', '/api/users', {
      username,
      displayName: 'Người dùng thử',
      role: 'commune',
      provinceCode: '01',
      communeCode: '00004',
      password: 'first-password-1',
    });
    expect(made.statusCode, made.body).toBe(201);
    const phone = await signIn(ctx.app, username, 'first-password-1');
    const laptop = await signIn(ctx.app, username, 'first-password-1');
    const token = /haicap_session=([^;]+)/.exec(phone.cookie)![1]!;

    // The phone's next request reads its session now (a row that still exists) …
    const { database } = ctx;
    const before = await actorForToken(database.db, token, null);
    expect(before?.actor.username).toBe(username);
    // … and a second request's read is answered with that same (pre-commit) row, but only after the change commits.
    const late = lateReader([
      {
        user: { ...before!.actor, passwordHash: 'x' },
        csrfToken: before!.csrfToken,
        expiresAt: new Date(Date.now() + 3600_000),
      },
    ]);
    const far = new Date(Date.now() + 60_000); // past the cache's few seconds: this read goes to the database
    const pending = actorForToken(late.db, token, null, far);

    // Meanwhile the laptop changes the password, which closes the phone's session.
    const changed = await laptop.send('POST', '/api/auth/password', {
      currentPassword: 'first-password-1',
      newPassword: 'second-password-2',
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    late.release();
    await pending;

    // The phone is signed out at once, not after the cache's few seconds.
    expect(await actorForToken(database.db, token, null, far)).toBeNull();
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
  });
});
