import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from './helpers.js';

/**
 * Scope cannot be crossed: every route, walked by a commune user, a province user and a viewer,
 * against their own place, a sibling commune and another province.
 */
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session; // Phường Ba Đình, Hà Nội
let province: Session; // Hà Nội
let viewer: Session; // read-only, Hà Nội
let ministry: Session;

const OWN = '00004'; // Phường Ba Đình
const SIBLING = '00008'; // Phường Ngọc Hà, same province
const OTHER_PROVINCE = '79'; // Hồ Chí Minh City
const OTHER_COMMUNE = '25747'; // Phường Thủ Dầu Một, Hồ Chí Minh City

type Page = { items: { code?: string; provinceCode?: string | null; unitCode?: string | null }[]; total: number };

beforeAll(async () => {
  ctx = await createTestApp();
  const admin = await signIn(ctx.app, 'admin');
  const suffix = Math.random().toString(36).slice(2, 8);
  const created = await admin.send('POST', '/api/users', {
    username: `viewer-01-${suffix}`,
    displayName: 'Viewer Hà Nội',
    role: 'viewer',
    provinceCode: '01',
    password: 'viewer-password-1',
  });
  expect(created.statusCode).toBe(201);
  [commune, province, viewer, ministry] = await Promise.all([
    signIn(ctx.app, `commune-${OWN}`),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, `viewer-01-${suffix}`, 'viewer-password-1'),
    signIn(ctx.app, 'ministry'),
  ]);
});
afterAll(() => ctx.close());

describe('a commune user', () => {
  it('lists only its own commune, whatever the filters and search say', async () => {
    const all = (await commune.get('/api/units?pageSize=500')).json() as Page;
    expect(all.items.map((u) => u.code)).toEqual([OWN]);
    for (const url of [
      `/api/units?province=${OTHER_PROVINCE}`,
      '/api/units?level=province',
      '/api/units?q=ho%20chi%20minh',
      '/api/units?type=xa&pageSize=500',
    ]) {
      expect(((await commune.get(url)).json() as Page).total, url).toBe(0);
    }
    // The sibling's name finds only the user's own ward (which took a part of the former Phường Ngọc Hà).
    const sibling = (await commune.get(`/api/units?q=${encodeURIComponent('Ngọc Hà')}`)).json() as Page;
    expect(sibling.items.map((u) => u.code)).toEqual([OWN]);
  });

  it('cannot open a sibling commune, its province record or another province', async () => {
    for (const code of [SIBLING, '01', OTHER_PROVINCE, OTHER_COMMUNE]) {
      const r = await commune.get(`/api/units/${code}`);
      expect(r.statusCode, code).toBe(403);
      expect(r.json().error.code).toBe('out_of_scope');
    }
    expect((await commune.get(`/api/units/${OWN}`)).statusCode).toBe(200);
  });

  it("cannot change a sibling commune's profile, and the profile stays as it was", async () => {
    const before = (await ministry.get(`/api/units/${SIBLING}`)).json().profile;
    const r = await commune.send('PATCH', `/api/units/${SIBLING}/profile`, { phone: '0999 999 999' });
    expect(r.statusCode).toBe(403);
    expect((await ministry.get(`/api/units/${SIBLING}`)).json().profile).toEqual(before);
  });

  it('sees no audit entries of other places and no accounts', async () => {
    await ministry.send('PATCH', `/api/units/${SIBLING}/profile`, { email: `sibling-${Date.now()}@example.vn` });
    const audit = (await commune.get(`/api/audit?unit=${SIBLING}`)).json() as Page;
    expect(audit.total).toBe(0);
    const own = (await commune.get('/api/audit?pageSize=500')).json() as Page;
    expect(own.items.every((e) => e.unitCode === OWN)).toBe(true);
    expect((await commune.get('/api/users')).statusCode).toBe(403);
    expect(
      (
        await commune.send('POST', '/api/users', {
          username: 'intruder',
          displayName: 'x',
          role: 'ministry',
          password: 'long-enough-pw',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('unit names for pickers', () => {
  it("give a commune user the names of its own province's communes, and nothing of another province", async () => {
    const names = (await commune.get('/api/units/names?province=01&q=ngoc%20ha')).json() as {
      items: { code: string; fullName: string }[];
    };
    expect(names.items.map((u) => u.fullName)).toContain('Phường Ngọc Hà');
    expect((await commune.get(`/api/units/names?province=${OTHER_PROVINCE}`)).statusCode).toBe(403);
    expect((await province.get(`/api/units/names?province=${OTHER_PROVINCE}`)).statusCode).toBe(403);
    const all = (await ministry.get('/api/units/names?province=79')).json() as { items: unknown[] };
    expect(all.items.length).toBeGreaterThan(100);
  });
});

describe('a province user', () => {
  it('lists its province and its communes only', async () => {
    const provinces = (await province.get('/api/units?level=province')).json() as Page;
    expect(provinces.items.map((u) => u.code)).toEqual(['01']);
    const communes = (await province.get('/api/units?level=commune&pageSize=500')).json() as Page;
    expect(communes.total).toBe(126);
    expect(communes.items.every((u) => u.provinceCode === '01')).toBe(true);
    expect(((await province.get(`/api/units?province=${OTHER_PROVINCE}`)).json() as Page).total).toBe(0);
    expect(((await province.get('/api/units?q=sai%20gon')).json() as Page).total).toBe(0);
  });

  it('cannot read or change another province', async () => {
    expect((await province.get(`/api/units/${OTHER_PROVINCE}`)).statusCode).toBe(403);
    expect((await province.get(`/api/units/${OTHER_COMMUNE}`)).statusCode).toBe(403);
    expect(
      (await province.send('PATCH', `/api/units/${OTHER_COMMUNE}/profile`, { phone: '028 0000 0000' })).statusCode,
    ).toBe(403);
    expect(
      (await province.send('PATCH', `/api/units/${SIBLING}/profile`, { chairName: 'Nguyễn Văn Thử' })).statusCode,
    ).toBe(200);
  });

  it("sees only its province's audit entries and accounts", async () => {
    await ministry.send('PATCH', `/api/units/${OTHER_COMMUNE}/profile`, { email: `hcm-${Date.now()}@example.vn` });
    const audit = (await province.get(`/api/audit?unit=${OTHER_COMMUNE}`)).json() as Page;
    expect(audit.total).toBe(0);
    const all = (await province.get('/api/audit?pageSize=500')).json() as Page;
    expect(all.items.every((e) => e.provinceCode === '01')).toBe(true);
    const users = (await province.get('/api/users?pageSize=500')).json() as Page;
    expect(users.total).toBeGreaterThan(100);
    expect(users.items.every((u) => u.provinceCode === '01')).toBe(true);
  });
});

describe('a viewer', () => {
  it('reads its scope and changes nothing', async () => {
    expect((await viewer.get(`/api/units/${SIBLING}`)).statusCode).toBe(200);
    expect((await viewer.get(`/api/units/${OTHER_PROVINCE}`)).statusCode).toBe(403);
    const r = await viewer.send('PATCH', `/api/units/${OWN}/profile`, { phone: '024 1111 1111' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
  });
});

describe('every route', () => {
  it('needs a signed-in user, except the few meant for the public', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const open: string[] = [];
    const closed: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (path.startsWith('/api/docs')) continue;
      for (const method of Object.keys(methods)) {
        const url = path
          .replace('{code}', OWN)
          .replace('{id}', '00000000-0000-4000-8000-000000000000')
          .replace('{receiptCode}', 'T01.X00004-260101-0001');
        const r = await ctx.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          payload: method === 'get' ? undefined : {},
          remoteAddress: '10.9.9.9',
        });
        (r.statusCode === 401 ? closed : open).push(`${method} ${path}`);
      }
    }
    expect(open.sort()).toEqual(
      [
        'get /api/health',
        'get /api/meta',
        'post /api/auth/login',
        // sign-in through an OpenID Connect provider: 404 here, none is configured (test/oidc-sign-in.test.ts)
        'get /api/auth/oidc/start',
        'get /api/auth/oidc/callback',
        'get /api/geo/provinces',
        'get /api/geo/communes',
        'get /api/public/dossiers/{receiptCode}',
        'post /api/public/dossiers/{receiptCode}/rating',
        'post /api/public/dossiers/{receiptCode}/complaints',
        // anyone holding a training certificate's code checks that it is real (the QR on the certificate)
        'get /api/trainings/certificates/{code}',
        ...open.filter((r) => r.startsWith('get /api/calendar/')),
      ].sort(),
    );
    expect(closed).toEqual(
      expect.arrayContaining([
        'get /api/units',
        'get /api/units/{code}',
        'patch /api/units/{code}/profile',
        'get /api/audit',
        'get /api/users',
        'post /api/users',
        'get /api/dossiers',
        'post /api/dossiers/{id}/transitions',
      ]),
    );
  });
});
