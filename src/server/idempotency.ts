import type { FastifyInstance } from 'fastify';
import { and, eq, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../db/meta.js';
import { invalid } from '../core/errors.js';

const KEY_HEADER = 'idempotency-key';
const KEEP_HOURS = 24;
let lastPurge = 0;

/**
 * A POST sent again with the same Idempotency-Key (a flaky connection retrying) gets the first
 * answer back instead of being applied twice. Keys are per user and kept for a day.
 */
export function registerIdempotency(app: FastifyInstance) {
  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers[KEY_HEADER];
    if (req.method !== 'POST' || !req.actor || typeof key !== 'string') return;
    if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(key)) throw invalid(KEY_HEADER);
    const [hit] = await app.database.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, req.actor.id), eq(idempotencyKeys.key, key)));
    if (!hit) return;
    if (hit.route !== `${req.method} ${req.url}`) throw invalid(KEY_HEADER);
    reply.header('idempotent-replay', 'true');
    return reply.status(hit.status).send(hit.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const key = req.headers[KEY_HEADER];
    if (req.method !== 'POST' || !req.actor || typeof key !== 'string' || reply.getHeader('idempotent-replay'))
      return payload;
    // Keep successes and refusals (a 4xx will be refused the same way again); never a server fault.
    if (reply.statusCode >= 500 || typeof payload !== 'string') return payload;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return payload;
    }
    const db = app.database.db;
    if (Date.now() - lastPurge > 3600_000) {
      lastPurge = Date.now();
      await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, new Date(Date.now() - KEEP_HOURS * 3600_000)));
    }
    await db
      .insert(idempotencyKeys)
      .values({ userId: req.actor.id, key, route: `${req.method} ${req.url}`, status: reply.statusCode, body })
      .onConflictDoNothing();
    return payload;
  });
}
