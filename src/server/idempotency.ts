import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, lt, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../db/meta.js';
import { AppError } from '../core/errors.js';

const KEY_HEADER = 'idempotency-key';
const KEEP_HOURS = 24;
/** A claim is pending while its status is 0: the first request holds it until its answer is stored. */
const PENDING = 0;
/** How long a repeat waits for the first request's answer before it is told to try again. */
const WAIT_MS = Number(process.env.IDEMPOTENCY_WAIT_MS ?? 15_000);
/** A pending claim older than this belongs to a request that died (a crash): the next repeat takes it over. */
const STALE_MS = 120_000;
let lastPurge = 0;

declare module 'fastify' {
  interface FastifyRequest {
    /** this request holds the claim on its Idempotency-Key and must store or release it */
    idempotencyClaim: { key: string } | null;
  }
}

const routeOf = (req: FastifyRequest) => `${req.method} ${req.url}`;

/** sha256 of the body as parsed (bytes as they came): a retry sends the same body, another request another. */
function bodyHash(body: unknown): string {
  const h = createHash('sha256');
  if (body instanceof Uint8Array) h.update(body);
  else {
    try {
      h.update(JSON.stringify(body ?? null) ?? 'null');
    } catch {
      h.update(String(body)); // not JSON (a stream): the route is the request's only mark
    }
  }
  return h.digest('hex');
}

/** The key does not have the form of one (8–100 letters, digits, _ . : -). */
const badKey = () => new AppError(400, 'validation', 'idempotency_key_format', {}, KEY_HEADER);
/**
 * The key was used for another request (another route or another body): refused rather than answered with the
 * first's answer, which would tell the sender its different request was done (422, as the IETF draft on the header
 * asks; the probe of 2026-12-07 got 201 and the first dossier for a different applicant).
 */
const reusedKey = () => new AppError(422, 'idempotency_key_reused', 'idempotency_key_reused', {}, KEY_HEADER);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Claims held by requests of this process, by user and key. A repeat that arrives here while the first runs wakes when
 * the first has stored its answer instead of at its next look (25, 50, 100… ms: a retry waited ~45 ms past the first's
 * answer under load); a repeat that reached another process keeps looking at the table.
 */
const held = new Map<string, { done: Promise<void>; end(): void }>();
const heldKey = (userId: string, key: string) => `${userId}\n${key}`;
function hold(userId: string, key: string) {
  const k = heldKey(userId, key);
  let end = () => {};
  const done = new Promise<void>((resolve) => (end = resolve));
  const entry = { done, end };
  held.set(k, entry);
  // a request that ended without either hook (it should not) is forgotten when its claim goes stale
  setTimeout(() => {
    if (held.get(k) === entry) held.delete(k);
    entry.end();
  }, STALE_MS).unref();
}
function letGo(userId: string, key: string) {
  const k = heldKey(userId, key);
  held.get(k)?.end();
  held.delete(k);
}
/** Waits `ms`, or less if the claim's holder is a request of this process and ends before. */
const waitForHolder = (userId: string, key: string, ms: number) => {
  const h = held.get(heldKey(userId, key));
  return h ? Promise.race([h.done, sleep(ms)]) : sleep(ms);
};

/**
 * A POST sent again with the same Idempotency-Key (a flaky connection retrying) gets the first answer back instead of
 * being applied twice, even when the repeats arrive while the first is still running: the key is claimed (a pending
 * row, inserted with ON CONFLICT DO NOTHING) before the work runs; the holder stores its answer, the others wait for it
 * and replay it. A server fault releases the claim so that a later retry runs again. Keys are per user, kept for a day.
 */
export function registerIdempotency(app: FastifyInstance) {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers[KEY_HEADER];
    if (req.method !== 'POST' || !req.actor || typeof key !== 'string') return;
    if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(key)) throw badKey();
    const db = app.database.db;
    const userId = req.actor.id;
    const route = routeOf(req);
    const requestHash = bodyHash(req.body);
    const deadline = Date.now() + WAIT_MS;
    for (let pause = 25; ; pause = Math.min(pause * 2, 400)) {
      const claimed = await db
        .insert(idempotencyKeys)
        .values({ userId, key, route, requestHash, status: PENDING, body: null })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length) {
        req.idempotencyClaim = { key };
        hold(userId, key);
        return;
      }
      const [hit] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      if (!hit) continue; // released meanwhile: claim it on the next turn
      if (hit.route !== route || (hit.requestHash !== null && hit.requestHash !== requestHash)) throw reusedKey();
      if (hit.status !== PENDING) {
        reply.header('idempotent-replay', 'true');
        return reply.status(hit.status).send(hit.body);
      }
      if (Date.now() - hit.createdAt.getTime() > STALE_MS) {
        // The holder died without answering: take the claim over (one repeat wins the update).
        const taken = await db
          .update(idempotencyKeys)
          .set({ createdAt: sql`now()` })
          .where(
            and(
              eq(idempotencyKeys.userId, userId),
              eq(idempotencyKeys.key, key),
              eq(idempotencyKeys.status, PENDING),
              // Still stale in the database's own terms (an equality on the timestamp read back would never hold on
              // PostgreSQL: it keeps microseconds, a JavaScript Date milliseconds). The winner's now() ends it.
              lt(idempotencyKeys.createdAt, new Date(Date.now() - STALE_MS)),
            ),
          )
          .returning({ key: idempotencyKeys.key });
        if (taken.length) {
          req.idempotencyClaim = { key };
          hold(userId, key);
          return;
        }
        await waitForHolder(userId, key, pause); // another repeat took it: wait for its answer
        continue;
      }
      if (Date.now() > deadline) throw new AppError(409, 'request_in_progress', 'request_in_progress');
      await waitForHolder(userId, key, pause);
    }
  });

  /** Stores the holder's answer (a success or a refusal: a 4xx would be refused the same way again). */
  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotencyClaim;
    if (!claim || !req.actor) return payload;
    req.idempotencyClaim = null;
    const where = and(eq(idempotencyKeys.userId, req.actor.id), eq(idempotencyKeys.key, claim.key));
    const db = app.database.db;
    let body: unknown = undefined;
    if (reply.statusCode < 500 && typeof payload === 'string') {
      try {
        body = JSON.parse(payload);
      } catch {
        body = undefined;
      }
    }
    if (body === undefined) {
      // A server fault, or an answer that cannot be replayed (a file): release the key so that a retry runs again.
      await db
        .delete(idempotencyKeys)
        .where(where)
        .finally(() => letGo(req.actor!.id, claim.key));
      return payload;
    }
    await db
      .update(idempotencyKeys)
      .set({ status: reply.statusCode, body })
      .where(where)
      .finally(() => letGo(req.actor!.id, claim.key));
    if (Date.now() - lastPurge > 3600_000) {
      lastPurge = Date.now();
      await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, new Date(Date.now() - KEEP_HOURS * 3600_000)));
    }
    return payload;
  });

  /** A request that ended without sending (the client went away mid-way) releases its claim. */
  app.addHook('onResponse', async (req) => {
    const claim = req.idempotencyClaim;
    if (!claim || !req.actor) return;
    req.idempotencyClaim = null;
    await app.database.db
      .delete(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.userId, req.actor.id),
          eq(idempotencyKeys.key, claim.key),
          eq(idempotencyKeys.status, PENDING),
        ),
      )
      .finally(() => letGo(req.actor!.id, claim.key));
  });
}
