import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../core/errors.js';
import { MAX_JSON_DEPTH, unstorableTextAt } from '../core/text.js';

/**
 * Every request's text — params, query and JSON body, keys included — is refused with a 400 naming the field when
 * PostgreSQL could not store it (a NUL character, a lone surrogate: core/text.ts isStorableText), before the
 * route's schema or service sees it; such text used to reach the database and answer 500.
 */
export async function refuseUnstorableText(req: FastifyRequest) {
  for (const part of [req.params, req.query, req.body]) {
    const found = unstorableTextAt(part);
    if (typeof found === 'string') throw invalid(found, 'unstorable_text');
    if (found) {
      // named by the field the user sent (its first key), not by the path of 64 levels inside it
      const field = found.tooDeep.split('.')[0]!;
      throw new AppError(400, 'validation', 'too_deep', { field, max: MAX_JSON_DEPTH }, field);
    }
  }
}
