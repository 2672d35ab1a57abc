import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * A fixed-window limit per client address, in memory (one process). Enough to keep a public
 * page from being scraped; a multi-process deployment would move the counters to Redis.
 */
export function rateLimiter(limit: number, windowMs: number) {
  const hits = new Map<string, { start: number; n: number }>();
  return async (req: FastifyRequest) => {
    const now = Date.now();
    if (hits.size > 10_000) for (const [k, v] of hits) if (now - v.start > windowMs) hits.delete(k);
    const h = hits.get(req.ip);
    if (!h || now - h.start > windowMs) {
      hits.set(req.ip, { start: now, n: 1 });
      return;
    }
    h.n++;
    if (h.n > limit) throw new AppError(429, 'too_many_requests', 'too_many_requests');
  };
}
