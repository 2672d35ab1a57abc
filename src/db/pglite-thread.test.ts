import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert, runSoon } from './bulk.js';
import { currentWalSegment, dropSpareWal, openPgliteInThread } from './pglite-thread.js';
import { openDatabase, type Database } from './client.js';

// The first preparation's database: PGlite in a worker thread, bulk loads not waited for.
describe('an embedded database in a worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'haicap-thread-'));
  let database: Database & { settle(): Promise<void> };
  const columns = { id: 'int', note: 'text', at: 'timestamptz', info: 'jsonb' };
  const count = async (t: string) =>
    Number((await database.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${t}`)))[0]!.n);

  beforeAll(async () => {
    database = await openPgliteInThread(join(dir, 'db'));
    await database.db.execute(sql.raw('CREATE TABLE t (id int PRIMARY KEY, note text, at timestamptz, info jsonb)'));
  }, 60_000);
  afterAll(async () => {
    await database?.close().catch(() => {}); // it holds the failure of the second test
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs statements in the order sent: a read after bulk loads finds every row, with its values', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      id: i + 1,
      note: `dòng\t${i + 1}`,
      at: '2026-07-01T01:00:00.000Z',
      info: { i, unit: 'Phường Ba Đình' },
    }));
    await bulkInsert(database.db, 't', columns, rows, 100); // 25 loads, answered before they are stored
    expect(await count('t')).toBe(2500);
    const [one] = await database.rows<{ note: string; at: string; info: unknown }>(
      sql`SELECT note, at::text AS at, info FROM t WHERE id = 2500`,
    );
    expect(one).toEqual({
      note: 'dòng\t2500',
      at: '2026-07-01 01:00:00+00',
      info: { i: 2499, unit: 'Phường Ba Đình' },
    });
  });

  it('runs a statement sent without waiting, with its parameters, before the next one', async () => {
    await runSoon(database.db, sql`INSERT INTO t (id, note) VALUES (${9001}, ${'Xã Bát Tràng'})`);
    const [row] = await database.rows<{ note: string }>(sql`SELECT note FROM t WHERE id = 9001`);
    expect(row?.note).toBe('Xã Bát Tràng');
  });

  it('throws a failed bulk load at the next statement, and at every one after', async () => {
    await bulkInsert(database.db, 't', columns, [{ id: 1, note: 'again' }]);
    await expect(database.db.execute(sql`SELECT 1`)).rejects.toMatchObject({ cause: { code: '23505' } });
    // the error stays: whoever goes on is told (the preparation stops and its directory is thrown away)
    await expect(database.settle()).rejects.toMatchObject({ code: '23505' });
  });

  it('commits a transaction and rolls one back when its work fails', async () => {
    const other = await openPgliteInThread(join(dir, 'db2'));
    try {
      await other.db.execute(sql.raw('CREATE TABLE t (id int PRIMARY KEY, note text, at timestamptz, info jsonb)'));
      await other.db.transaction(async (tx) => {
        await bulkInsert(tx, 't', columns, [{ id: 1, note: 'kept' }]);
        await tx.execute(sql`INSERT INTO t (id, note) VALUES (2, 'kept too')`);
      });
      await expect(
        other.db.transaction(async (tx) => {
          await bulkInsert(tx, 't', columns, [{ id: 3, note: 'not kept' }]);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      const notes = await other.rows<{ note: string }>(sql`SELECT note FROM t ORDER BY id`);
      expect(notes.map((r) => r.note)).toEqual(['kept', 'kept too']);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('answers a directory it cannot open with its error, not a wait', async () => {
    await expect(openPgliteInThread('/dev/null/haicap')).rejects.toThrow(/ENOTDIR/);
  });

  it('drops the spare log segments of a closed directory, and the database opens with its rows', async () => {
    const path = join(dir, 'db3');
    const db = await openPgliteInThread(path);
    await db.db.execute(sql.raw('CREATE TABLE kept (id int PRIMARY KEY, note text)'));
    await bulkInsert(db.db, 'kept', { id: 'int', note: 'text' }, [
      { id: 1, note: 'Phường Ba Đình' },
      { id: 2, note: 'Xã Đông Anh' },
    ]);
    await db.db.execute(sql`CHECKPOINT`);
    const current = await currentWalSegment(db);
    await db.close();
    // the recycled segments a bulk load leaves: empty 16 MB files named after the current one
    const next = (k: number) =>
      current.slice(0, 16) + (parseInt(current.slice(16), 16) + k).toString(16).toUpperCase().padStart(8, '0');
    for (const k of [1, 2, 3]) {
      const f = join(path, 'pg_wal', next(k));
      writeFileSync(f, '');
      truncateSync(f, 16 * 1024 * 1024);
    }
    expect(dropSpareWal(path, current)).toBe(2);
    const left = readdirSync(join(path, 'pg_wal')).filter((f) => /^[0-9A-F]{24}$/.test(f));
    expect(left).toContain(current);
    expect(left).toContain(next(1));
    expect(left).not.toContain(next(2));
    const again = await openDatabase({ dataDir: path });
    try {
      const rows = await again.rows<{ note: string }>(sql`SELECT note FROM kept ORDER BY id`);
      expect(rows.map((r) => r.note)).toEqual(['Phường Ba Đình', 'Xã Đông Anh']);
    } finally {
      await again.close();
    }
  }, 60_000);
});
