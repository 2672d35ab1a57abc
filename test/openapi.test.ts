import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { createTestApp } from './helpers.js';
import { responseCoverage, type OpenApiDocument } from './openapi/coverage.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let doc: OpenApiDocument & Record<string, unknown>;
beforeAll(async () => {
  ctx = await createTestApp();
  const r = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(r.statusCode).toBe(200);
  doc = r.json();
});
afterAll(() => ctx.close());

/** A minimal document with the given operations under `paths`. */
const planted = (paths: OpenApiDocument['paths']) => ({
  openapi: '3.0.3',
  info: { title: 'planted', version: '1' },
  paths,
});
const jsonBody = (schema: Record<string, unknown>) => ({
  description: 'ok',
  content: { 'application/json': { schema } },
});

describe('the response schemas in the OpenAPI document', () => {
  it('counts an operation without a 2xx body schema, and one with a bare {} schema', () => {
    const coverage = responseCoverage(
      planted({
        '/with': { get: { responses: { 200: jsonBody({ type: 'object' }) } } },
        '/without': { get: { responses: { 200: { description: 'Default Response' } } }, post: {} },
        '/empty': { put: { responses: { 200: jsonBody({}) } } },
        '/error-only': { patch: { responses: { 400: jsonBody({ type: 'object' }) } } },
      }),
    );
    expect(coverage.operations).toBe(5);
    expect(coverage.withoutBody).toEqual(['GET /without', 'POST /without', 'PUT /empty', 'PATCH /error-only']);
  });

  it('accepts 201, 204 No Content, binary downloads and shared responses', () => {
    const coverage = responseCoverage({
      ...planted({
        '/created': { post: { responses: { 201: jsonBody({ $ref: '#/components/schemas/Thing' }) } } },
        '/deleted': { delete: { responses: { 204: {} } } },
        '/file': { get: { responses: { 200: jsonBody({ type: 'string', format: 'binary' }) } } },
        '/shared': { get: { responses: { 200: { $ref: '#/components/responses/Thing' } } } },
      }),
      components: { responses: { Thing: jsonBody({ type: 'object' }) } },
    });
    expect(coverage).toEqual({ operations: 4, withoutBody: [] });
  });

  it('accepts a redirect that describes its Location header, not one that does not', () => {
    const coverage = responseCoverage(
      planted({
        '/described': { get: { responses: { 302: { description: 'to', headers: { location: { schema: {} } } } } } },
        '/bare': { get: { responses: { 302: { description: 'Redirect' } } } },
      }),
    );
    expect(coverage).toEqual({ operations: 2, withoutBody: ['GET /bare'] });
  });

  it('describes the sign-in through an OpenID Connect provider (its redirects)', () => {
    const paths = doc.paths ?? {};
    for (const p of ['/api/auth/oidc/start', '/api/auth/oidc/callback'])
      expect(Object.keys(paths[p]?.get?.responses ?? {})).toContain('302');
  });

  it("describes the answers of the platform's own routes (health, meta, province boundaries)", () => {
    const { operations, withoutBody } = responseCoverage(doc);
    expect(operations).toBeGreaterThan(90);
    expect(withoutBody).not.toContain('GET /api/health');
    expect(withoutBody).not.toContain('GET /api/meta');
    expect(withoutBody).not.toContain('GET /api/geo/provinces');
  });

  it('describes the success answer of every operation (100 %)', () => {
    const { operations, withoutBody } = responseCoverage(doc);
    expect(operations).toBeGreaterThan(90);
    expect(withoutBody).toEqual([]);
  });
});

describe('the OpenAPI document under a standard validator', () => {
  const validate = async (document: unknown) => {
    const result = await new Validator().validate(structuredClone(document) as never);
    return { valid: result.valid, errors: describeErrors(result.errors) };
  };

  it('rejects a planted document with a numeric exclusiveMinimum (a boolean in OpenAPI 3.0)', async () => {
    const good = planted({ '/x': { get: { responses: { 200: jsonBody({ type: 'number', minimum: 0 }) } } } });
    expect(await validate(good)).toEqual({ valid: true, errors: [] });
    const broken = planted({
      '/x': { get: { responses: { 200: jsonBody({ type: 'number', exclusiveMinimum: 0 }) } } },
    });
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('exclusiveMinimum must be boolean');
  });

  it('declares OpenAPI 3.0.3', () => {
    expect(doc.openapi).toBe('3.0.3');
  });

  it('validates the whole document, with no error', async () => {
    expect(await validate(doc)).toEqual({ valid: true, errors: [] });
  });
});

describe('a typed client generated from the document', () => {
  it('generates types with openapi-typescript that compile under strict TypeScript and type the answers', async () => {
    const dir = join('.tmp', `openapi-client-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(join(dir, 'schema.d.ts'), astToString(await openapiTS(doc as never)));
      writeFileSync(join(dir, 'usage.ts'), USAGE);
      expect(compile([join(dir, 'schema.d.ts'), join(dir, 'usage.ts')])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * What a client writes with the generated types. The `@ts-expect-error` lines prove the types are precise: were
 * the answers typed loosely (`unknown`, `any`, a missing route), those lines would compile and TypeScript would
 * report the directive unused.
 */
const USAGE = `import type { paths } from './schema.js';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export const health: Json<'/api/health', 'get'> = { status: 'ok', database: 'pglite' };
// @ts-expect-error the health status is only 'ok'
export const down: Json<'/api/health', 'get'> = { status: 'down', database: 'pglite' };

export const meta: Json<'/api/meta', 'get'> = { demo: false, demoAccounts: null, oidc: { label: 'VNeID' } };
export const password: string | undefined = meta.demoAccounts?.password;
export const button: string | undefined = meta.oidc?.label;
// @ts-expect-error demo is a boolean
export const notBoolean: Json<'/api/meta', 'get'> = { demo: 'yes', demoAccounts: null, oidc: null };

// @ts-expect-error no such route
export type Missing = paths['/api/no-such-route'];
`;

function compile(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    lib: ['lib.es2022.d.ts'],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

function describeErrors(errors: unknown): string[] {
  if (!Array.isArray(errors)) return errors ? [String(errors)] : [];
  return errors.map((e: { instancePath?: string; message?: string }) => `${e.instancePath ?? ''} ${e.message ?? ''}`);
}
