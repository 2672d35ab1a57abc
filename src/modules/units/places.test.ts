// A unit's place (code, province, level) is read once per process and kept until the registry is loaded again.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers.js';
import { bulkInsert } from '../../db/bulk.js';
import { unitPlace } from './queries.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  // its own copy: the test changes a unit behind the registry's back
  ctx = await createTestApp({ isolated: true });
}, 600_000);
afterAll(() => ctx?.close());

describe("a unit's place", () => {
  it('is kept once read, and read again once the registry is loaded again', async () => {
    const db = ctx.database.db;
    expect(await unitPlace(db, '00004')).toEqual({ code: '00004', provinceCode: '01', level: 'commune' });
    expect(await unitPlace(db, 'no-such-unit')).toBeUndefined();
    await db.execute(sql`UPDATE units SET level = 'province' WHERE code = '00004'`);
    expect((await unitPlace(db, '00004'))!.level).toBe('commune'); // kept: not asked again
    await bulkInsert(db, 'units', { code: 'text' }, []); // a load of the registry (nothing new here)
    expect((await unitPlace(db, '00004'))!.level).toBe('province');
  });
});
