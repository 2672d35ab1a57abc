import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, signIn } from './helpers.js';
import { registerIdempotency } from '../src/server/idempotency.js';
import type { Actor } from '../src/core/scope.js';

/**
 * The two paths of the Idempotency-Key claim that ordinary traffic rarely takes (issue #14): a server fault releases
 * the key so that the retry runs the work again, and a claim left pending by a request that died (a crash) is taken
 * over by the next retry instead of making every retry wait and fail. A bare Fastify instance with the claim hooks,
 * on the test database, and a route whose work the test controls.
 */
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let app: FastifyInstance;
const userId = randomUUID();
let runs = 0;
let failNext = false;

beforeAll(async () => {
  ctx = await createTestApp();
  app = Fastify();
  app.decorate('database', ctx.database);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    req.actor = { id: userId, username: 'idempotency-test', role: 'commune' } as unknown as Actor;
  });
  registerIdempotency(app);
  app.post('/work', async (_req, reply) => {
    runs += 1;
    if (failNext) {
      failNext = false;
      throw new Error('the database went away');
    }
    return reply.status(201).send({ run: runs });
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const send = (key: string) => app.inject({ method: 'POST', url: '/work', headers: { 'idempotency-key': key } });

describe('Idempotency-Key claims', () => {
  it('releases the key when the first attempt fails with a server fault, so that the retry runs', async () => {
    const key = `fault-${randomUUID()}`;
    const before = runs;
    failNext = true;
    const first = await send(key);
    expect(first.statusCode).toBe(500);
    const retry = await send(key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replay']).toBeUndefined();
    expect(runs - before).toBe(2);
    const again = await send(key); // now the success is stored and replayed
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json()).toEqual(retry.json());
    expect(runs - before).toBe(2);
  });

  it('takes over a claim left pending by a request that died more than two minutes ago', async () => {
    const key = `stale-${randomUUID()}`;
    await ctx.database.rows(
      sql`insert into idempotency_keys (user_id, key, route, status, body, created_at)
          values (${userId}, ${key}, 'POST /work', 0, null, now() - interval '3 minutes')`,
    );
    const before = runs;
    const started = Date.now();
    const retry = await send(key);
    expect(retry.statusCode).toBe(201);
    expect(runs - before).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000); // not after waiting out the wait limit
    const [row] = await ctx.database.rows<{ status: number }>(
      sql`select status from idempotency_keys where user_id = ${userId} and key = ${key}`,
    );
    expect(row!.status).toBe(201);
  });

  it('does not take over a claim that is still fresh: the repeat waits for its answer', async () => {
    const key = `fresh-${randomUUID()}`;
    await ctx.database.rows(
      sql`insert into idempotency_keys (user_id, key, route, status, body, created_at)
          values (${userId}, ${key}, 'POST /work', 0, null, now())`,
    );
    const before = runs;
    const waiting = send(key);
    await new Promise((r) => setTimeout(r, 300));
    await ctx.database.rows(
      sql`update idempotency_keys set status = 201, body = '{"run":-1}'::jsonb where user_id = ${userId} and key = ${key}`,
    );
    const answer = await waiting;
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toEqual({ run: -1 });
    expect(runs - before).toBe(0);
  });
});

describe('a key sent with another request (the probe of 2026-12-07)', () => {
  it('is refused (422, nothing saved) rather than answered with the first request’s dossier', async () => {
    const officer = await signIn(ctx.app, 'commune-00004');
    const intake = (applicantName: string, key: string, lang = 'vi') =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/dossiers?lang=${lang}`,
        payload: { procedureCode: '1.001193', channel: 'in_person', applicantName },
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'idempotency-key': key },
      });
    const key = `intake-${randomUUID()}`;
    const first = await intake('Trần Văn Bình', key);
    expect(first.statusCode, first.body).toBe(201);
    expect((await intake('Trần Văn Bình', key)).json().receiptCode).toBe(first.json().receiptCode);
    const other = await intake('Lê Thị Mai', key);
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json().error).toMatchObject({ code: 'idempotency_key_reused', field: 'idempotency-key' });
    expect(other.json().error.message).toContain('yêu cầu khác');
    const found = await officer.get(`/api/dossiers?q=${encodeURIComponent('Lê Thị Mai')}&pageSize=50`);
    expect((found.json().items as { applicantName: string }[]).some((d) => d.applicantName === 'Lê Thị Mai')).toBe(
      false,
    );
  });

  it('a key of the wrong form is told what a key is, with no placeholder left in the message', async () => {
    const officer = await signIn(ctx.app, 'commune-00004');
    for (const lang of ['vi', 'en']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/dossiers?lang=${lang}`,
        payload: { procedureCode: '1.001193', channel: 'in_person', applicantName: 'Trần Văn Bình' },
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'idempotency-key': 'short' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('idempotency-key');
      expect(res.json().error.message).toMatch(lang === 'vi' ? /8–100 ký tự/ : /8–100 characters/);
      expect(res.json().error.message).not.toContain('{');
    }
  });
});
