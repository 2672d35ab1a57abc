import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { bulkInsert, dropSecondaryIndexes, rebuildIndexes } from './bulk.js';

// On the test server when DATABASE_URL is set, else an embedded database in memory.
const name = `bulk_test_${process.pid}`;
const columns = { id: 'int', note: 'text', payload: 'jsonb', list: 'jsonb', raw: 'json', day: 'date' };

describe('bulkInsert', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ url: process.env.DATABASE_URL });
    await database.db.execute(
      sql.raw(`CREATE TABLE ${name} (id int PRIMARY KEY, note text, payload jsonb, list jsonb, raw json, day date)`),
    );
  });
  afterAll(async () => {
    await database.db.execute(sql.raw(`DROP TABLE IF EXISTS ${name}`));
    await database.close();
  });

  it('stores json values exactly as given: objects, arrays, strings, numbers, null and missing, across chunks', async () => {
    const payloads: unknown[] = [
      { a: 1, nested: { b: [1, 2, { c: 'Nguyễn "Văn" \\ A' }] } },
      ['x', 2, null, true],
      'a plain string with "quotes"',
      42.5,
      null,
      undefined,
      {},
    ];
    const rows = payloads.map((p, i) => ({
      id: i + 1,
      note: `dòng ${i + 1}`,
      payload: p,
      list: i % 2 ? [i, { k: 'v' }] : null,
      raw: { kept: 'as json', i },
      day: '2026-07-01',
    }));
    // a chunk of 3: the rows travel in three statements
    await bulkInsert(database.db, name, columns, rows, 3);
    const back = await database.rows<{
      id: number;
      note: string;
      payload: unknown;
      list: unknown;
      raw: unknown;
      kind: string | null;
    }>(sql.raw(`SELECT id, note, payload, list, raw, jsonb_typeof(payload) AS kind FROM ${name} ORDER BY id`));
    expect(back).toHaveLength(payloads.length);
    back.forEach((r, i) => {
      expect(r.note).toBe(`dòng ${i + 1}`);
      expect(r.payload).toEqual(payloads[i] ?? null);
      expect(r.list).toEqual(i % 2 ? [i, { k: 'v' }] : null);
      expect(r.raw).toEqual({ kept: 'as json', i });
    });
    // a string stays a JSON string (not parsed as a document), a missing value is SQL null, not JSON null
    expect(back.map((r) => r.kind)).toEqual(['object', 'array', 'string', 'number', null, null, 'object']);
    // the caller's rows are not changed
    expect(rows[0]!.payload).toEqual(payloads[0]);
  });

  it('keeps text with tabs, line breaks and backslashes, and reads dates, numbers and flags as the JSON path did', async () => {
    const t = `${name}_kinds`;
    await database.db.execute(
      sql.raw(
        `CREATE TABLE ${t} (id int PRIMARY KEY, note text, at timestamptz, day date, ok boolean, x float8, tags jsonb)`,
      ),
    );
    const note = 'Tổ 3\tthôn Đông\nghi chú \\N và \\. \r\ncuối';
    const at = new Date('2026-07-01T08:15:30.250Z');
    await bulkInsert(
      database.db,
      t,
      { id: 'int', note: 'text', at: 'timestamptz', day: 'date', ok: 'boolean', x: 'float8', tags: 'jsonb' },
      [
        { id: 1, note, at, day: '2026-07-01', ok: true, x: 0.1 + 0.2, tags: ['a\tb', { k: 'dòng\nmới' }] },
        { id: 2, note: '\\N', at: at.toISOString(), day: '2026-12-31', ok: false, x: Number.NaN, tags: 'chữ' },
        { id: 3, note: '', at: null, ok: null, x: -1.5e-7, tags: null },
      ],
    );
    const back = await database.rows<{
      id: number;
      note: string | null;
      at: string | null;
      day: string | null;
      ok: boolean | null;
      x: number | null;
      tags: unknown;
    }>(
      sql.raw(
        `SELECT id, note, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at, day::text AS day, ok, x, tags
         FROM ${t} ORDER BY id`,
      ),
    );
    expect(back).toEqual([
      {
        id: 1,
        note,
        at: '2026-07-01T08:15:30.250',
        day: '2026-07-01',
        ok: true,
        x: 0.1 + 0.2,
        tags: ['a\tb', { k: 'dòng\nmới' }],
      },
      // the text "\N" is text, not null; a NaN is null, as JSON writes it
      { id: 2, note: '\\N', at: '2026-07-01T08:15:30.250', day: '2026-12-31', ok: false, x: null, tags: 'chữ' },
      { id: 3, note: '', at: null, day: null, ok: null, x: -1.5e-7, tags: null },
    ]);
    await database.db.execute(sql.raw(`DROP TABLE ${t}`));
  });

  it('writes inside a transaction, and a rolled-back one leaves nothing', async () => {
    await database.db.transaction(async (tx) => {
      await bulkInsert(tx, name, columns, [{ id: 100, note: 'Phường Ba Đình', payload: { ok: true } }]);
    });
    await expect(
      database.db.transaction(async (tx) => {
        await bulkInsert(tx, name, columns, [{ id: 101, note: 'không giữ' }]);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const back = await database.rows<{ id: number; note: string; payload: unknown }>(
      sql.raw(`SELECT id, note, payload FROM ${name} WHERE id >= 100 ORDER BY id`),
    );
    expect(back).toEqual([{ id: 100, note: 'Phường Ba Đình', payload: { ok: true } }]);
  });

  it('refuses a column type that is not a plain type name, before anything is written', async () => {
    // the types are written into the statement: anything but a type name (and its size) is a programming error
    await expect(
      bulkInsert(database.db, name, { id: 'int', note: 'text); DROP TABLE users; --' }, [{ id: 900, note: 'x' }]),
    ).rejects.toThrow(/unexpected column type/);
    const left = await database.rows<{ n: number | string }>(
      sql.raw(`SELECT count(*) AS n FROM ${name} WHERE id = 900`),
    );
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('defers only the plain indexes of a bulk load and builds them again as they were', async () => {
    const t = `${name}_ix`;
    for (const ddl of [
      `CREATE TABLE ${t} (id int PRIMARY KEY, code text UNIQUE, a text, b int)`,
      `CREATE INDEX ${t}_a_idx ON ${t} (a, b DESC) WHERE b > 0`,
      `CREATE UNIQUE INDEX ${t}_b_idx ON ${t} (b)`,
    ])
      await database.db.execute(sql.raw(ddl));
    const indexes = async () =>
      (
        await database.rows<{ def: string }>(
          sql`SELECT indexdef AS def FROM pg_indexes WHERE tablename = ${t} ORDER BY indexname`,
        )
      ).map((r) => r.def);
    const before = await indexes();
    expect(before).toHaveLength(4);
    const dropped = await dropSecondaryIndexes(database.db, [t]);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toContain(`${t}_a_idx`);
    // the primary key and both unique indexes stay: conflicts are still refused while the index is away
    expect(await indexes()).toHaveLength(3);
    await bulkInsert(database.db, t, { id: 'int', code: 'text', a: 'text', b: 'int' }, [
      { id: 1, code: 'x', a: 'p', b: 1 },
    ]);
    await expect(
      bulkInsert(database.db, t, { id: 'int', code: 'text', a: 'text', b: 'int' }, [
        { id: 2, code: 'x', a: 'q', b: 2 },
      ]),
    ).rejects.toThrow();
    await rebuildIndexes(database.db, dropped);
    expect(await indexes()).toEqual(before);
    // a misspelt table is an error, not a silent no-op
    await expect(dropSecondaryIndexes(database.db, [t, `${t}_missing`])).rejects.toThrow(`no such table: ${t}_missing`);
    expect(await indexes()).toEqual(before);
    await database.db.execute(sql.raw(`DROP TABLE ${t}`));
  });
});
