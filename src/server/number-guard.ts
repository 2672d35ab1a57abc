import type { FastifyRequest } from 'fastify';
import { invalid } from '../core/errors.js';

type PropertySchema = { type?: unknown; items?: PropertySchema; anyOf?: PropertySchema[] };

const kindOf = (s: PropertySchema | undefined): 'integer' | 'number' | null => {
  if (!s) return null;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (s.items) return kindOf(s.items);
  for (const a of s.anyOf ?? []) {
    const k = kindOf(a);
    if (k) return k;
  }
  return null;
};

/**
 * A number in the query or the path that no number can hold is a 400 naming its field: the validator turns "1e309"
 * or "Infinity" into Infinity and checks `maximum` on finite numbers only, so it reached PostgreSQL and answered 500
 * on every list (a probe, 2026-12-08); a whole number past 2^53 (an id of 20 digits) cannot be read exactly either.
 * Only fields the route's schema declares as numbers are looked at; text stays the schema's business.
 */
export async function refuseUnreadableNumbers(req: FastifyRequest) {
  const schema = req.routeOptions.schema as
    | {
        querystring?: { properties?: Record<string, PropertySchema> };
        params?: { properties?: Record<string, PropertySchema> };
      }
    | undefined;
  if (!schema) return;
  for (const [part, values] of [
    [schema.querystring, req.query],
    [schema.params, req.params],
  ] as const) {
    const properties = part?.properties;
    if (!properties || !values || typeof values !== 'object') continue;
    for (const [field, raw] of Object.entries(values as Record<string, unknown>)) {
      const kind = kindOf(properties[field]);
      if (!kind) continue;
      for (const v of Array.isArray(raw) ? raw : [raw]) {
        if (typeof v !== 'string' || v.trim() === '') continue;
        const n = Number(v);
        if (Number.isNaN(n)) continue; // not a number at all: the schema's own refusal names it
        if (!Number.isFinite(n) || (kind === 'integer' && Number.isInteger(n) && !Number.isSafeInteger(n)))
          throw invalid(field, 'number_out_of_range');
      }
    }
  }
}
