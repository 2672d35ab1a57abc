import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';
import { appendAudit, verifyAuditChain } from './service.js';
import { GENESIS_HASH, entryHash, verifyEntries, type AuditContent } from './domain/chain.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session;
let admin: Session;

beforeAll(async () => {
  // its own database on PostgreSQL: the tests read the newest entries of Ba Đình, which other files write meanwhile
  ctx = await createTestApp({ isolated: true });
  commune = await signIn(ctx.app, 'commune-00004');
  admin = await signIn(ctx.app, 'admin');
});
afterAll(() => ctx.close());

type Entry = {
  actorUsername: string;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
};

describe('audit of a change', () => {
  it('records who, when, from where, and what changed (before and after)', async () => {
    const phone = `024 ${Date.now() % 10000} 1234`;
    const startedAt = Date.now();
    const r = await commune.send('PATCH', '/api/units/00004/profile', { phone });
    expect(r.statusCode).toBe(200);
    expect(r.json().profile.phone).toBe(phone);
    const [entry] = (await commune.get('/api/audit?unit=00004&pageSize=1')).json().items as Entry[];
    expect(entry).toMatchObject({
      actorUsername: 'commune-00004',
      action: 'update',
      entity: 'unit_profile',
      entityId: '00004',
      ip: null, // the address is shown to administrators only (issue #14)
    });
    const [asAdmin] = (await admin.get('/api/audit?unit=00004&pageSize=1')).json().items as Entry[];
    expect(asAdmin).toMatchObject({ entity: 'unit_profile', entityId: '00004', ip: '127.0.0.1' });
    expect(entry!.after!.phone).toBe(phone);
    expect(entry!.before!.phone).not.toBe(phone);
    expect(new Date(entry!.at).getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
  });

  it('records nothing when the same change is sent again (safe retry)', async () => {
    const email = `retry-${Date.now()}@example.vn`;
    await commune.send('PATCH', '/api/units/00004/profile', { email });
    const count = async () => (await commune.get('/api/audit?unit=00004&pageSize=1')).json().total as number;
    const n = await count();
    expect((await commune.send('PATCH', '/api/units/00004/profile', { email })).statusCode).toBe(200);
    expect(await count()).toBe(n);
  });

  it('keeps the chain verifiable, and the table refuses updates and deletes', async () => {
    expect((await verifyAuditChain(ctx.database)).ok).toBe(true);
    await expect(ctx.database.db.execute(sql`UPDATE audit_log SET actor_username = 'someone-else'`)).rejects.toThrow();
    await expect(ctx.database.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    expect((await verifyAuditChain(ctx.database)).ok).toBe(true);
  });

  it('keeps each chain one line when many changes commit at once, and a change rolled back leaves no entry', async () => {
    const count = async () =>
      (
        await ctx.database.rows<{ n: number; pending: number }>(
          sql`SELECT (SELECT count(*) FROM audit_log WHERE province_code = '01')::int AS n,
                     (SELECT count(*) FROM audit_pending)::int AS pending`,
        )
      )[0]!;
    const before = await count();
    // 24 changes of one province at once, each entry in the transaction of its change (two connections or more on
    // PostgreSQL: the entries join the chain at each commit, in the order the chain's lock is granted)
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        ctx.database.db.transaction(async (tx) => {
          await appendAudit(tx, null, {
            action: 'update',
            entity: 'unit_profile',
            entityId: `0000${i % 10}`,
            provinceCode: '01',
            unitCode: '00004',
            after: { n: i },
          });
          await tx.execute(sql`SELECT pg_sleep(${(i % 3) / 100})`);
        }),
      ),
    );
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await appendAudit(tx, null, {
          action: 'update',
          entity: 'unit_profile',
          entityId: 'rolled-back',
          provinceCode: '01',
          unitCode: '00004',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count()).toEqual({ n: before.n + 24, pending: 0 });
    const [gone] = await ctx.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = 'rolled-back'`,
    );
    expect(gone!.n).toBe(0);
    expect((await verifyAuditChain(ctx.database)).ok).toBe(true);
  });

  it.skipIf(!!process.env.DATABASE_URL)(
    'detects an entry edited behind the trigger (private PGlite copy only)',
    async () => {
      await commune.send('PATCH', '/api/units/00004/profile', { chairName: `Trần Văn ${Date.now()}` });
      const [target] = await ctx.database.rows<{ id: number }>(sql`SELECT max(id)::int AS id FROM audit_log`);
      await ctx.database.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await ctx.database.db.execute(
        sql`UPDATE audit_log SET after = '{"chairName":"forged"}' WHERE id = ${target!.id}`,
      );
      const result = await verifyAuditChain(ctx.database);
      expect(result.ok).toBe(false);
      expect(result.firstBadId).toBe(target!.id);
    },
  );

  it('shows administrators every place, and refuses others outside their scope', async () => {
    const all = (await admin.get('/api/audit?pageSize=500')).json() as { items: { unitCode: string | null }[] };
    expect(all.items.length).toBeGreaterThan(0);
  });
});

describe('hash chain', () => {
  const content = (n: number): AuditContent => ({
    at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    actorId: null,
    actorUsername: 'u',
    ip: null,
    action: 'update',
    entity: 'x',
    entityId: String(n),
    provinceCode: '01',
    unitCode: '00004',
    before: { a: n },
    after: { a: n + 1, b: [1, 2] },
  });
  const chain = () => {
    let prev = GENESIS_HASH;
    return [1, 2, 3].map((n) => {
      const c = content(n);
      const hash = entryHash(prev, c);
      const e = { ...c, id: n, prevHash: prev, hash };
      prev = hash;
      return e;
    });
  };

  it('verifies an intact chain, whatever the key order of the stored JSON', () => {
    const entries = chain().map((e) => ({ ...e, after: { b: [1, 2], a: (e.after as { a: number }).a } }));
    expect(verifyEntries(entries)).toMatchObject({ ok: true, checked: 3 });
  });

  it('names the first changed, removed or re-ordered entry', () => {
    const edited = chain();
    edited[1]!.before = { a: 99 };
    expect(verifyEntries(edited).firstBadId).toBe(2);
    const removed = chain().filter((e) => e.id !== 2);
    expect(verifyEntries(removed).firstBadId).toBe(3);
  });
});
