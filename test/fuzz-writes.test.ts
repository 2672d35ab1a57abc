/**
 * Fuzzing of every write route (issue #14). The routes come from the OpenAPI document: every POST, PUT, PATCH and
 * DELETE. For each, fast-check draws malformed inputs from the route's own schemas — a required field missing, a
 * value of a type Ajv cannot coerce, text with NUL or a lone surrogate, a string past its maxLength, deep nesting,
 * numbers out of range or not whole, impossible dates, values outside an enum, unknown fields where none are allowed,
 * bad path parameters — and sends them as a caller the access matrix lets use the route. Asserted: every answer is a
 * 4xx in the error shape (a 400 names the field), never a 5xx, and nothing is written: the row count of every table,
 * the audit log among them, is the same after the run as before (and the audit log after each route).
 *
 * The default run is small and fixed (seed 14, FUZZ_CASES cases per route, default 3). A longer run:
 * `FUZZ_RUNS=20000 npx vitest run test/fuzz-writes.test.ts` draws that many (route, input) pairs at random
 * (`FUZZ_SEED` to replay one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createTestApp, signIn, type Session } from './helpers.js';
import { ACCESS_MATRIX, type Caller } from './access-matrix.js';
import type { Database } from '../src/db/client.js';
import { fieldLabel } from '../src/core/field-labels.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
};
type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Route {
  method: Method;
  path: string;
  params: Record<string, Schema>;
  body?: Schema;
  multipart: boolean;
  caller: Caller;
}
const DELETE = Symbol('missing');
type Input = { where: 'body' | 'param'; field: string; value: unknown; kind: string };

const SOME_ID = '00000000-0000-4000-8000-00000000fa22';
const CALLER_ORDER: Caller[] = ['commune', 'province', 'ministry', 'admin', 'officer', 'staff', 'viewer'];
const USERNAMES: Record<Caller, string> = {
  admin: 'admin',
  ministry: 'ministry',
  province: 'province-01',
  commune: 'commune-00004',
  viewer: 'viewer',
  officer: 'officer-01',
  staff: 'staff-00004',
};

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let routes: Route[] = [];
const sessions = new Map<Caller, Session>();

beforeAll(async () => {
  ctx = await createTestApp({ isolated: true });
  const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase() as Method;
      if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const params = Object.fromEntries(
        (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p.schema ?? {}]),
      );
      const content = op.requestBody?.content ?? {};
      const row = ACCESS_MATRIX[`${method} ${path}`];
      const access = row?.access;
      const caller =
        access === undefined || access === 'public'
          ? 'commune'
          : (CALLER_ORDER.find((c) => access[c].startsWith('Y')) ?? 'admin');
      routes.push({
        method,
        path,
        params,
        body: content['application/json']?.schema,
        multipart:
          !!content['multipart/form-data'] || (!content['application/json'] && Object.keys(content).length > 0),
        caller,
      });
    }
  }
  // Routes that take no input at all (sign-out, a mark-all-read) have nothing malformed to send.
  routes = routes.filter((r) => r.body || r.multipart || Object.keys(r.params).length > 0);
  for (const c of new Set(routes.map((r) => r.caller))) sessions.set(c, await signIn(ctx.app, USERNAMES[c]));
}, 600_000);
afterAll(() => ctx?.close());

// ---------- valid-looking values from a schema, and malformed ones ----------

const typesOf = (s: Schema): string[] =>
  s.type ? (Array.isArray(s.type) ? s.type : [s.type]) : (s.anyOf ?? s.oneOf ?? s.allOf ?? []).flatMap(typesOf);
const flat = (s: Schema): Schema => {
  const alts = (s.anyOf ?? s.oneOf ?? []).filter((a) => !typesOf(a).every((t) => t === 'null'));
  return alts.length ? flat(alts[0]!) : s.allOf?.length ? Object.assign({}, ...s.allOf.map(flat)) : s;
};
const isDate = (s: Schema) => s.format === 'date' || s.format === 'calendar-date';

function sample(schema: Schema, depth = 0): unknown {
  const s = flat(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const type = typesOf(s)[0];
  if (type === 'string') {
    if (isDate(s)) return '2026-11-16';
    if (s.format === 'date-time') return '2026-11-16T09:00:00+07:00';
    if (s.format === 'uuid') return SOME_ID;
    if (s.format === 'email') return 'fuzz@example.vn';
    return 'a'.repeat(Math.max(s.minLength ?? 1, 1));
  }
  if (type === 'integer' || type === 'number') return s.minimum ?? (s.maximum !== undefined ? s.maximum : 1);
  if (type === 'boolean') return false;
  if (type === 'array')
    return depth > 4 ? [] : Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}, depth + 1));
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    if (depth < 5) for (const k of s.required ?? []) out[k] = sample(s.properties?.[k] ?? {}, depth + 1);
    return out;
  }
  return 'a';
}

const nest = (n: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const LONE = ['\ud800', '\udbff', '\udc00', '\udfff'];
const ascii = fc.string({ maxLength: 12, unit: 'grapheme-ascii' });
const BAD_DATES = ['2025-02-30', '2026-13-45', '2026-00-10', '2023-02-29', '1899-12-31', '2101-01-01', '9999-12-31'];

/** Values the schema `s` must refuse (whatever Ajv's type coercion makes of them). */
function badValues(schema: Schema): fc.Arbitrary<{ value: unknown; kind: string }>[] {
  const s = flat(schema);
  const types = typesOf(s);
  const out: fc.Arbitrary<{ value: unknown; kind: string }>[] = [];
  const k = (kind: string) => (value: unknown) => ({ value, kind });
  if (types.length === 0 && !s.enum && s.const === undefined) return out; // anything goes
  out.push(fc.integer({ min: 40, max: 400 }).map(nest).map(k('deep nesting')));
  if (!types.includes('object')) out.push(fc.dictionary(ascii, ascii, { maxKeys: 3 }).map(k('object for a scalar')));
  if (types.includes('string') || types.length === 0) {
    out.push(
      fc
        .tuple(ascii, ascii)
        .map(([a, b]) => `${a}\u0000${b}`)
        .map(k('NUL')),
    );
    out.push(
      fc
        .tuple(ascii, fc.constantFrom(...LONE), ascii)
        .map(([a, l, b]) => a + l + b)
        .map(k('lone surrogate')),
    );
    if (s.maxLength !== undefined)
      out.push(
        fc
          .integer({ min: s.maxLength + 1, max: s.maxLength + 100_000 })
          .map((n) => 'ẽ'.repeat(n))
          .map(k('past maxLength')),
      );
    if (s.enum?.length || s.const !== undefined)
      out.push(
        ascii
          .map((x) => `zz-${x}`)
          .filter((x) => !(s.enum ?? [s.const]).includes(x))
          .map(k('outside the enum')),
      );
    if (isDate(s)) {
      out.push(fc.constantFrom(...BAD_DATES).map(k('impossible date')));
      out.push(
        fc
          .tuple(
            fc.integer({ min: 1000, max: 9999 }),
            fc.integer({ min: 13, max: 99 }),
            fc.integer({ min: 1, max: 28 }),
          )
          .map(([y, m, d]) => `${y}-${m}-${String(d).padStart(2, '0')}`)
          .map(k('impossible date')),
      );
    }
    if (s.format === 'date-time')
      out.push(fc.constantFrom('2026-02-30T10:00:00Z', 'yesterday').map(k('bad date-time')));
    if (s.format === 'uuid') out.push(ascii.map((x) => `not-a-uuid-${x}`).map(k('bad uuid')));
  }
  if (types.includes('integer') || types.includes('number')) {
    if (!types.includes('string')) out.push(ascii.map((x) => `abc${x}`).map(k('text for a number')));
    if (s.maximum !== undefined)
      out.push(
        fc
          .integer({ min: 1, max: 1e9 })
          .map((d) => s.maximum! + d)
          .map(k('above maximum')),
      );
    if (s.minimum !== undefined)
      out.push(
        fc
          .integer({ min: 1, max: 1e9 })
          .map((d) => s.minimum! - d)
          .map(k('below minimum')),
      );
    if (types.includes('integer') && !types.includes('number'))
      out.push(
        fc
          .integer({ min: -1000, max: 1000 })
          .map((n) => n + 0.5)
          .map(k('not whole')),
      );
  }
  if (types.includes('boolean') && !types.includes('string')) out.push(fc.constant('maybe').map(k('not a boolean')));
  return out;
}

/** One malformed input for the route: a body field broken (or missing, or unknown), or a path parameter broken. */
function inputArb(route: Route): fc.Arbitrary<Input> {
  const options: fc.Arbitrary<Input>[] = [];
  const body = route.body ? flat(route.body) : undefined;
  if (body?.properties) {
    for (const [field, fs] of Object.entries(body.properties)) {
      for (const bad of badValues(fs))
        options.push(bad.map(({ value, kind }) => ({ where: 'body', field, value, kind })));
      if (body.required?.includes(field))
        options.push(fc.constant({ where: 'body', field, value: DELETE, kind: 'missing' } as Input));
    }
    if (body.additionalProperties === false)
      options.push(
        ascii.map((x) => ({
          where: 'body',
          field: `unknown_${x.replace(/\W/g, '')}`,
          value: 1,
          kind: 'unknown field',
        })),
      );
  } else if (body && typesOf(body).includes('array')) {
    options.push(
      fc.constant({ where: 'body', field: '', value: { not: 'a list' }, kind: 'object for a list' } as Input),
    );
  }
  if (route.multipart)
    options.push(
      fc.constant({ where: 'body', field: '', value: { file: 'not a file' }, kind: 'JSON for a file' } as Input),
    );
  for (const [field, ps] of Object.entries(route.params)) {
    for (const bad of badValues(ps).slice(1))
      options.push(bad.map(({ value, kind }) => ({ where: 'param', field, value, kind })));
    options.push(fc.constant({ where: 'param', field, value: 'x'.repeat(3000), kind: 'long parameter' } as Input));
  }
  return fc.oneof(...options);
}

/** A drawn value as the text of a path parameter (an object without a prototype has no String form). */
function paramText(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return '[object]';
    }
  }
}

/** Percent-encodes a path part; a lone surrogate (no UTF-8 form) goes as the bytes of an encoded surrogate, invalid UTF-8. */
function encodePart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

function request(route: Route, input: Input): { url: string; payload: unknown } {
  const params = Object.fromEntries(Object.entries(route.params).map(([k, s]) => [k, String(sample(s))]));
  let payload: unknown = route.body ? sample(route.body) : undefined;
  if (input.where === 'param') params[input.field] = paramText(input.value);
  else if (input.field === '') payload = input.value;
  else {
    payload = { ...(payload as Record<string, unknown>) };
    if (input.value === DELETE) delete (payload as Record<string, unknown>)[input.field];
    else (payload as Record<string, unknown>)[input.field] = input.value;
  }
  const url = route.path.replace(/\{(\w+)\}/g, (_, k: string) => encodePart(params[k] ?? ''));
  return { url, payload };
}

async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.rows<{ name: string }>(
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  const counts = await database.rows<Record<string, string | number>>(
    sql.raw(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t.name}") AS "${t.name}"`).join(', ')}`),
  );
  return Object.fromEntries(Object.entries(counts[0]!).map(([k, v]) => [k, Number(v)]));
}
const auditCount = async (database: Database) =>
  Number((await database.rows<{ n: string }>(sql`SELECT count(*) AS n FROM audit_log`))[0]!.n);

interface Tally {
  requests: number;
  statuses: Map<number, number>;
  kinds: Set<string>;
}

async function send(route: Route, input: Input, tally: Tally) {
  const { url, payload } = request(route, input);
  const session = sessions.get(route.caller)!;
  const res = await ctx.app.inject({
    method: route.method,
    url,
    payload: payload as never,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  });
  tally.requests++;
  tally.kinds.add(input.kind);
  tally.statuses.set(res.statusCode, (tally.statuses.get(res.statusCode) ?? 0) + 1);
  const what =
    `${route.method} ${url.slice(0, 120)} as ${route.caller}, ${input.where} ${input.field}: ${input.kind} → ` +
    `${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
  const { error } = res.json() as { error: { code: unknown; message: unknown; field?: unknown } };
  expect(typeof error.code, what).toBe('string');
  expect(typeof error.message, what).toBe('string');
  if (res.statusCode === 400 && input.where === 'body' && input.field !== '') {
    expect(typeof error.field, what).toBe('string');
    // named as the form names it (the key stays in `field` for the page), never by the key itself
    expect(String(error.message), what).toContain(fieldLabel(String(error.field), 'vi'));
    expect(String(error.message), what).not.toContain(`«${String(error.field)}»`);
  }
}

const SEED = Number(process.env.FUZZ_SEED ?? 14);
const PER_ROUTE = Number(process.env.FUZZ_CASES ?? 3);

describe('malformed input to every write route of the OpenAPI document', () => {
  it('answers 4xx in the error shape, never 5xx, and writes nothing', async () => {
    const t0 = Date.now();
    const before = await tableCounts(ctx.database);
    const tally: Tally = { requests: 0, statuses: new Map(), kinds: new Set() };
    expect(routes.length).toBeGreaterThan(50);
    for (const [i, route] of routes.entries()) {
      const audit = await auditCount(ctx.database);
      for (const input of fc.sample(inputArb(route), { seed: SEED + i, numRuns: PER_ROUTE })) {
        await send(route, input, tally);
      }
      expect(await auditCount(ctx.database), `${route.method} ${route.path} wrote to the audit log`).toBe(audit);
    }
    if (process.env.FUZZ_RUNS) {
      const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1e9);
      console.log(`fuzz: long run, seed ${seed}`);
      await fc.assert(
        fc.asyncProperty(
          fc.nat(routes.length - 1).chain((i) => inputArb(routes[i]!).map((input) => ({ route: routes[i]!, input }))),
          async ({ route, input }) => send(route, input, tally),
        ),
        { seed, numRuns: Number(process.env.FUZZ_RUNS), endOnFailure: true },
      );
    }
    expect(await tableCounts(ctx.database)).toEqual(before);
    console.log(
      `fuzz: ${routes.length} write routes, ${tally.requests} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `answers ${JSON.stringify(Object.fromEntries(tally.statuses))}; kinds: ${[...tally.kinds].sort().join(', ')}`,
    );
  }, 3_600_000);
});
