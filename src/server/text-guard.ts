import type { FastifyRequest } from 'fastify';
import { invalid } from '../core/errors.js';
import { unstorableTextAt } from '../core/text.js';

/**
 * Every request's text — params, query and JSON body, keys included — is refused with a 400 naming the field when
 * PostgreSQL could not store it (a NUL character, a lone surrogate: core/text.ts isStorableText), before the
 * route's schema or service sees it; such text used to reach the database and answer 500.
 */
export async function refuseUnstorableText(req: FastifyRequest) {
  for (const part of [req.params, req.query, req.body]) {
    const field = unstorableTextAt(part);
    if (field) throw invalid(field, 'unstorable_text');
  }
}
