import { eq, sql } from 'drizzle-orm';
import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from './client.js';
import { anyOf, insertInto, setList, tableShape } from './statements.js';

// A table with every kind of column the hot statements carry; on the test server when DATABASE_URL is set.
const name = `statements_test_${process.pid}`;
const things = pgTable(name, {
  id: uuid('id').primaryKey(),
  provinceCode: text('province_code').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  atText: timestamp('at_text', { withTimezone: true, mode: 'string' }),
  day: date('day'),
  count: integer('count').notNull().default(1),
  flag: boolean('flag').notNull().default(false),
  payload: jsonb('payload'),
  note: text('note'),
});
const shape = tableShape(things);

describe('statements as templates read and write rows as the query builder does', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ url: process.env.DATABASE_URL });
    await database.db.execute(
      sql.raw(
        `CREATE TABLE ${name} (id uuid PRIMARY KEY, province_code text NOT NULL, at timestamptz NOT NULL, at_text timestamptz,
          day date, count int NOT NULL DEFAULT 1, flag boolean NOT NULL DEFAULT false, payload jsonb, note text)`,
      ),
    );
  });
  afterAll(async () => {
    await database.db.execute(sql.raw(`DROP TABLE IF EXISTS ${name}`));
    await database.close();
  });

  const id = '3a677724-0f10-4633-9323-225190cbd510';
  const read = async () =>
    rowsOf(await database.db.execute(sql`SELECT ${shape.selection} FROM ${things} WHERE id = ${id}`)).map((r) =>
      shape.read(r),
    );

  it('inserts with defaults and nulls, and reads dates, days, numbers, flags and JSON back as the builder does', async () => {
    await database.db.execute(
      insertInto(shape, {
        id,
        provinceCode: '79',
        at: new Date('2026-03-04T02:30:00.123Z'),
        day: '2026-03-05',
        payload: { a: [1, 'hai'], b: null },
        note: null,
        atText: undefined,
      }),
    );
    const [viaTemplate] = await read();
    const [viaBuilder] = await database.db.select().from(things).where(eq(things.id, id));
    expect(viaTemplate).toEqual(viaBuilder);
    expect(viaTemplate).toMatchObject({
      provinceCode: '79',
      day: '2026-03-05',
      count: 1,
      flag: false,
      payload: { a: [1, 'hai'], b: null },
      note: null,
      atText: null,
    });
    expect(viaTemplate!.at).toEqual(new Date('2026-03-04T02:30:00.123Z'));
  });

  it('updates the keys given and leaves the others', async () => {
    const changes = { count: 5, flag: true, day: null, note: 'đã sửa', payload: undefined };
    const [updated] = rowsOf(
      await database.db.execute(
        sql`UPDATE ${things} SET ${setList(shape, changes)} WHERE id = ${id} RETURNING ${shape.selection}`,
      ),
    ).map((r) => shape.read(r));
    const [viaBuilder] = await database.db.select().from(things).where(eq(things.id, id));
    expect(updated).toEqual(viaBuilder);
    expect(updated).toMatchObject({
      count: 5,
      flag: true,
      day: null,
      note: 'đã sửa',
      payload: { a: [1, 'hai'], b: null },
    });
  });

  it('matches a list of values sent as one parameter: the same statement text whatever its length', async () => {
    const ids = ['0c4a9c1e-5d1b-4c55-9d7e-0b3e3f0f0001', '0c4a9c1e-5d1b-4c55-9d7e-0b3e3f0f0002'];
    for (const [i, x] of ids.entries())
      await database.db.insert(things).values({ id: x, provinceCode: '01', at: new Date(), note: `mục ${i}` });
    const notes = async (list: string[], type?: 'uuid') =>
      (
        await database.db
          .select({ note: things.note })
          .from(things)
          .where(anyOf(things.id, list, type))
      )
        .map((r) => r.note)
        .sort();
    expect(await notes(ids, 'uuid')).toEqual(['mục 0', 'mục 1']);
    expect(await notes([ids[1]!, id.replace('0', '9')], 'uuid')).toEqual(['mục 1']);
    expect(await notes([], 'uuid')).toEqual([]);
    const text = (n: number) =>
      database.db
        .select()
        .from(things)
        .where(anyOf(things.note, Array(n).fill('x')))
        .toSQL();
    expect(text(1).sql).toBe(text(500).sql);
    expect(text(500).params).toHaveLength(1);
    expect(() => anyOf(things.note, ['a\u001fb'])).toThrow(/separator/);
  });

  it('refuses a key that is not a column', () => {
    expect(() => insertInto(shape, { id, nope: 1 })).toThrow(/has no column nope/);
  });
});
