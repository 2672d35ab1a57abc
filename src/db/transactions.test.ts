/**
 * Transactions on PostgreSQL through the platform's client (client.ts: postgres.js behind the prepared-statement
 * proxy): all or nothing, pipelined statements inside one, nested transactions as savepoints, connections given back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from './client.js';

const url = process.env.DATABASE_URL;
/** drizzle's error for a failed statement, PostgreSQL's unique violation as its cause */
const DUPLICATE = { cause: { code: '23505' } };

describe.skipIf(!url)('transactions on PostgreSQL', () => {
  let database: Database;
  const table = `transactions_test_${process.pid}`;
  const count = async () =>
    (await database.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;

  beforeAll(async () => {
    database = await openDatabase({ url });
    await database.db.execute(sql.raw(`CREATE TABLE ${table} (id int PRIMARY KEY)`));
  });
  afterAll(async () => {
    await database.db.execute(sql.raw(`DROP TABLE IF EXISTS ${table}`));
    await database.close();
  });

  it('keeps what a transaction wrote, and nothing of one whose later statement failed', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`INSERT INTO ${table} VALUES (1)`));
      await tx.execute(sql.raw(`INSERT INTO ${table} VALUES (2)`));
    });
    expect(await count()).toBe(2);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`INSERT INTO ${table} VALUES (3)`));
        await tx.execute(sql.raw(`INSERT INTO ${table} VALUES (1)`)); // duplicate key
      }),
    ).rejects.toMatchObject(DUPLICATE);
    expect(await count()).toBe(2);
  });

  it('runs statements sent together without awaiting each (a pipeline) inside one transaction', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await Promise.all([
          tx.execute(sql.raw(`INSERT INTO ${table} VALUES (10)`)),
          tx.execute(sql.raw(`INSERT INTO ${table} VALUES (11)`)),
          tx.execute(sql.raw(`INSERT INTO ${table} VALUES (2)`)), // duplicate key
        ]);
      }),
    ).rejects.toMatchObject(DUPLICATE);
    expect(await count()).toBe(2);
  });

  it('sees its own writes and hides them from others until the commit', async () => {
    let seenInside = -1;
    let seenOutside = -1;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`INSERT INTO ${table} VALUES (20)`));
      seenInside = (
        (await tx.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as unknown as { n: number }[]
      )[0]!.n;
      seenOutside = await count();
    });
    expect(seenInside).toBe(3);
    expect(seenOutside).toBe(2);
    expect(await count()).toBe(3);
  });

  it('rolls a nested transaction back to its savepoint and keeps the outer one', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`INSERT INTO ${table} VALUES (30)`));
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql.raw(`INSERT INTO ${table} VALUES (31)`));
          await inner.execute(sql.raw(`INSERT INTO ${table} VALUES (30)`)); // duplicate key
        }),
      ).rejects.toMatchObject(DUPLICATE);
      await tx.transaction(async (inner) => {
        await inner.execute(sql.raw(`INSERT INTO ${table} VALUES (32)`));
      });
    });
    const ids = await database.rows<{ id: number }>(sql.raw(`SELECT id FROM ${table} WHERE id >= 30 ORDER BY id`));
    expect(ids.map((r) => r.id)).toEqual([30, 32]);
  });

  it('gives its connection back: more transactions than the pool has connections all finish', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`INSERT INTO ${table} VALUES (${100 + i})`));
        }),
      ),
    );
    expect(await count()).toBe(45);
  });
});
