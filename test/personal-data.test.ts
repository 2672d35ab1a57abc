import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from './helpers.js';
import { buildApp } from '../src/server/app.js';
import { isDemoMode } from '../src/server/setup.js';
import { DiskFileStore } from '../src/core/file-store.js';

/**
 * Personal data (Law on Personal Data Protection, in force 1/1/2026; Decree 13/2023/NĐ-CP, Art. 3 on minimisation):
 * the Ministry, viewers and officers see citizens' dossiers with masked identities; reading a citizen's full dossier
 * or an official's personal record leaves an audit entry; the audit log's IP addresses are for administrators only;
 * the demo password is given to anonymous callers only in demo mode (issue #14).
 */
const clock = testClock('2026-03-03T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session;
let ministry: Session;
let viewer: Session;
let admin: Session;
let dossierId: string;

const ID = '001190054321';
const PHONE = '0912345678';
const ADDRESS = '12 Phố Đội Cấn, Phường Ba Đình, Hà Nội';

type Dossier = { applicantIdNumber: string | null; applicantPhone: string | null; applicantAddress: string | null };
type Audit = {
  items: { action: string; entity: string; entityId: string; actorUsername: string; ip: string | null }[];
};

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [commune, ministry, admin] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'ministry'),
    signIn(ctx.app, 'admin'),
  ]);
  const username = `viewer-pd-${Math.random().toString(36).slice(2, 8)}`;
  const made = await admin.send('POST', '/api/users', {
    username,
    displayName: 'Xem Hà Nội',
    role: 'viewer',
    provinceCode: '01',
    password: 'viewer-password-1',
  });
  expect(made.statusCode).toBe(201);
  viewer = await signIn(ctx.app, username, 'viewer-password-1');
  const d = await commune.send('POST', '/api/dossiers', {
    procedureCode: '1.004873',
    channel: 'in_person',
    applicantName: 'Hoàng Văn Sơn',
    applicantIdNumber: ID,
    applicantPhone: PHONE,
    applicantAddress: ADDRESS,
  });
  expect(d.statusCode).toBe(201);
  dossierId = (d.json() as { id: string }).id;
});
afterAll(() => ctx.close());

const auditOf = async (entity: string) =>
  ((await admin.get(`/api/audit?entity=${entity}&pageSize=100`)).json() as Audit).items;

describe("citizens' identities", () => {
  it('are shown whole to the office handling the dossier', async () => {
    const d = (await commune.get(`/api/dossiers/${dossierId}`)).json() as Dossier;
    expect([d.applicantIdNumber, d.applicantPhone, d.applicantAddress]).toEqual([ID, PHONE, ADDRESS]);
  });

  it('are masked for the Ministry and for viewers, who keep the last digits to tell dossiers apart', async () => {
    for (const s of [ministry, viewer]) {
      const res = await s.get(`/api/dossiers/${dossierId}`);
      expect(res.statusCode).toBe(200);
      const d = res.json() as Dossier;
      expect(d.applicantIdNumber).toBe('*********321');
      expect(d.applicantPhone).toBe('*******678');
      expect(d.applicantAddress).not.toContain('Đội Cấn');
      expect(res.body).not.toContain(ID);
      expect(res.body).not.toContain(PHONE);
    }
  });

  it("leave an audit entry of kind 'read' when a dossier is read whole, and none when masked", async () => {
    const before = (await auditOf('dossier')).filter((e) => e.action === 'read' && e.entityId === dossierId);
    await commune.get(`/api/dossiers/${dossierId}`);
    await ministry.get(`/api/dossiers/${dossierId}`);
    const reads = (await auditOf('dossier')).filter((e) => e.action === 'read' && e.entityId === dossierId);
    expect(reads.length - before.length).toBe(1);
    expect(reads[0]!.actorUsername).toBe('commune-00004');
  });
});

describe("officials' personal records", () => {
  it("leave an audit entry of kind 'read' when opened", async () => {
    const list = (await commune.get('/api/people?pageSize=1')).json() as { items: { id: string }[] };
    const id = list.items[0]!.id;
    expect((await commune.get(`/api/people/${id}`)).statusCode).toBe(200);
    const reads = (await auditOf('person')).filter((e) => e.action === 'read' && e.entityId === id);
    expect(reads.map((e) => e.actorUsername)).toContain('commune-00004');
  });
});

describe('the audit log', () => {
  it('shows IP addresses to administrators only', async () => {
    const forAdmin = (await admin.get('/api/audit?entity=dossier&pageSize=50')).json() as Audit;
    expect(forAdmin.items.some((e) => e.ip !== null)).toBe(true);
    for (const s of [ministry, commune, await signIn(ctx.app, 'province-01')]) {
      const items = ((await s.get('/api/audit?entity=dossier&pageSize=50')).json() as Audit).items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((e) => e.ip === null)).toBe(true);
    }
  });
});

describe('the demo password', () => {
  it('is not served to anonymous callers outside demo mode', async () => {
    const app = await buildApp({
      database: ctx.database,
      config: { demo: false, demoPassword: 'haicap-demo', secureCookies: false },
      fileStore: new DiskFileStore(mkdtempSync(join(tmpdir(), 'haicap-files-'))),
    });
    try {
      const meta = await app.inject({ method: 'GET', url: '/api/meta' });
      expect(meta.json()).toEqual({ demo: false, demoAccounts: null, oidc: null });
      expect(meta.body).not.toContain('haicap-demo');
    } finally {
      await app.close();
    }
    // in demo mode the sign-in page shows it
    expect(((await ctx.app.inject({ method: 'GET', url: '/api/meta' })).json() as { demo: boolean }).demo).toBe(true);
  });

  it('is demo mode only when the demo was asked for, not because a database holds the demo accounts', () => {
    const server = { databaseUrl: 'postgres://db/haicap' };
    expect(isDemoMode({ ...server, demo: undefined }, true)).toBe(false); // a server started without DEMO=1
    expect(isDemoMode({ ...server, demo: true }, true)).toBe(true);
    expect(isDemoMode({ databaseUrl: undefined, demo: false }, true)).toBe(false); // --no-demo
    expect(isDemoMode({ databaseUrl: undefined, demo: undefined }, true)).toBe(true); // the embedded default
    expect(isDemoMode({ databaseUrl: undefined, demo: true }, false)).toBe(false); // not loaded
  });
});
