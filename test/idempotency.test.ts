import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp } from './helpers.js';
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
