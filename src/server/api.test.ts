import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, signIn } from '../../test/helpers.js';
import { referenceDir } from '../modules/units/index.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('the API surface', () => {
  it('answers health with the database kind', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const list = doc.paths['/api/units'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['level', 'province', 'type', 'q', 'at', 'page', 'pageSize']),
    );
    expect((await ctx.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers unknown routes with a JSON 404 in the asked language', async () => {
    const vi = await ctx.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(vi.statusCode).toBe(404);
    expect(vi.json().error).toEqual({ code: 'not_found', message: 'Không tìm thấy địa chỉ /api/no-such-thing.' });
    const en = await ctx.app.inject({ method: 'GET', url: '/api/no-such-thing?lang=en' });
    expect(en.json().error.message).toBe('No such address: /api/no-such-thing.');
  });

  it('names the missing field of a bad body, and never leaks a stack trace', async () => {
    const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'validation', field: 'password' });
    const broken = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('names an unsupported field in a profile update and saves nothing', async () => {
    const s = await signIn(ctx.app, 'commune-00004');
    const before = (await s.get('/api/units/00004')).json().profile;
    const r = await s.send('PATCH', '/api/units/00004/profile', { phone: '024 1234 5678', chairman: 'x' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('chairman');
    const bad = await s.send('PATCH', '/api/units/00004/profile', { email: 'not-an-email' });
    expect(bad.json().error.field).toBe('email');
    expect((await s.get('/api/units/00004')).json().profile).toEqual(before);
  });

  it('tells the sign-in page about demo mode', async () => {
    const meta = (await ctx.app.inject({ method: 'GET', url: '/api/meta' })).json();
    expect(meta.demo).toBe(true);
    expect(meta.demoAccounts.examples).toContain('commune-00004');
    expect(meta.demoAccounts.password).toBe('haicap-demo');
  });

  it('sends the province boundaries as the file, all 34 provinces', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: '/api/geo/provinces' });
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.body).toBe(readFileSync(join(referenceDir, 'provinces.geojson'), 'utf8'));
    expect(r.json()).toMatchObject({ type: 'FeatureCollection' });
    expect(r.json().features).toHaveLength(34);
  });
});

describe('weak connections', () => {
  it('compresses large answers for clients that accept it', async () => {
    const r = await ctx.app.inject({
      method: 'GET',
      url: '/api/geo/provinces',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.rawPayload.length).toBeLessThan(200_000); // the GeoJSON is ~400 KB raw
  });
});
