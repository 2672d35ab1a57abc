import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/server/app.js';
import { DiskFileStore } from '../src/core/file-store.js';
import { createTestApp, DEMO_PASSWORD, signIn } from './helpers.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('security headers', () => {
  it('sends a CSP that forbids framing and foreign code, nosniff, a referrer policy, and no-store on the API', async () => {
    const commune = await signIn(ctx.app, 'commune-00004');
    for (const res of [
      await ctx.app.inject({ method: 'GET', url: '/api/health' }),
      await commune.get('/api/people?pageSize=1'),
      await ctx.app.inject({ method: 'GET', url: '/api/people' }), // 401
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['cache-control']).toBe('no-store');
      // Plain HTTP (no SECURE_COOKIES): no HSTS, which would lock a LAN deployment out of http://.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    // The API documentation (Swagger UI) may apply inline styles, never inline scripts; the app may not.
    const docs = String(
      (await ctx.app.inject({ method: 'GET', url: '/api/docs/' })).headers['content-security-policy'],
    );
    expect(docs).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs).toContain("script-src 'self';");
    // Public reference data keeps its own caching.
    const geo = await ctx.app.inject({ method: 'GET', url: '/api/geo/provinces' });
    expect(geo.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('adds HSTS only behind TLS (SECURE_COOKIES=1)', async () => {
    const secure = await buildApp({
      database: ctx.database,
      config: { demo: true, demoPassword: DEMO_PASSWORD, secureCookies: true },
      fileStore: new DiskFileStore(mkdtempSync(join(tmpdir(), 'haicap-files-'))),
    });
    try {
      const res = await secure.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}; includeSubDomains/);
    } finally {
      await secure.close();
    }
  });
});
