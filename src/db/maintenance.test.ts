import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { maintainTables, maintenanceFor, startMaintenance } from './maintenance.js';

describe('the autovacuum rule', () => {
  const table = (t: Partial<Parameters<typeof maintenanceFor>[0]>) => ({
    table: 't',
    live: 10_000,
    dead: 0,
    insertedSinceVacuum: 0,
    modifiedSinceAnalyze: 0,
    ...t,
  });

  it('vacuums a table once a fifth of it is dead rows or new rows, and analyzes it once a tenth has changed', () => {
    expect(maintenanceFor(table({ dead: 2_051 }))).toBe('vacuum');
    expect(maintenanceFor(table({ dead: 2_050, modifiedSinceAnalyze: 2_050 }))).toBe('analyze');
    expect(maintenanceFor(table({ insertedSinceVacuum: 3_001 }))).toBe('vacuum');
    expect(maintenanceFor(table({ modifiedSinceAnalyze: 1_051 }))).toBe('analyze');
    expect(maintenanceFor(table({ dead: 40, insertedSinceVacuum: 900, modifiedSinceAnalyze: 1_000 }))).toBeNull();
    expect(maintenanceFor(table({ live: 0, insertedSinceVacuum: 1_001 }))).toBe('vacuum');
  });
});

describe('maintenance of the embedded database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
    await database.db.execute(sql`CREATE TABLE busy (id int PRIMARY KEY, v int)`);
    await database.db.execute(sql`CREATE TABLE quiet (id int PRIMARY KEY, v int)`);
    await database.db.execute(sql`INSERT INTO busy SELECT g, g FROM generate_series(1, 10000) g`);
    await database.db.execute(sql`INSERT INTO quiet SELECT g, g FROM generate_series(1, 500) g`);
    await maintainTables(database);
  });
  afterAll(() => database.close());

  const stats = async (table: string) =>
    (
      await database.rows<{ dead: number; vacuums: number }>(
        sql`SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums FROM pg_stat_user_tables WHERE relname = ${table}`,
      )
    )[0]!;

  it('reclaims the rows that updates left behind, and leaves tables without changes alone', async () => {
    await database.db.execute(sql`UPDATE busy SET v = v + 1 WHERE id <= 3000`);
    await database.db.execute(sql`UPDATE quiet SET v = v + 1 WHERE id <= 10`);
    const quietBefore = await stats('quiet');
    const done = await maintainTables(database);
    expect(done).toEqual([{ table: 'busy', done: 'vacuum' }]);
    expect((await stats('busy')).dead).toBe(0);
    expect((await stats('quiet')).vacuums).toBe(quietBefore.vacuums);
    expect(await maintainTables(database)).toEqual([]);
  });

  it('lets a count read the index alone once the table is vacuumed', async () => {
    const plan = await database.rows<{ 'QUERY PLAN': string }>(
      sql`EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM busy WHERE id BETWEEN 100 AND 5000`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Only Scan/);
    expect(text).toMatch(/Heap Fetches: 0/);
  });

  it('runs a pass soon after the start, says what it did, and stops after the pass under way', async () => {
    await database.db.execute(sql`UPDATE busy SET v = v + 1 WHERE id > 6000`);
    const lines: string[] = [];
    const stop = startMaintenance(database, (l) => lines.push(l), 60 * 60_000, 10);
    for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^maintenance: vacuum busy in \d+ ms$/);
    expect((await stats('busy')).dead).toBe(0);
  });
});
