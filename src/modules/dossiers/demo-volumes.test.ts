// The demo nation's one-stop volumes where people look (issue #16): a busy city ward receives tens of dossiers a
// working day, not a few a week; the rest of the country keeps its share of the national volume. On a private copy of
// the prepared demo, so that only the demo's own dossiers are counted (the tests' demo is at scale 0.05).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers.js';
import { openDatabase, runMigrations } from '../../db/client.js';

const TEST_SCALE = 0.05;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp({ isolated: true });
}, 600_000);
afterAll(async () => ctx?.close());

async function receivedPerWorkingDay(unit: string): Promise<number> {
  const [row] = await ctx.database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n
        FROM dossiers WHERE receiving_unit_code = ${unit}`,
  );
  // a year of working days (~250) whatever the day the demo was made
  return row!.n / 250;
}

describe('the demo nation where people look', () => {
  it('Ba Đình (the showcase ward) and the largest wards of Hà Nội and Hồ Chí Minh City are as busy as city wards', async () => {
    // 20, 31 and 38 a working day at scale 1 (Hà Đông and Dĩ An: one a day per 6,000 residents)
    for (const [unit, perDay] of [
      ['00004', 20],
      ['09556', 31],
      ['25942', 38],
    ] as const) {
      const got = (await receivedPerWorkingDay(unit)) / TEST_SCALE;
      expect(got, unit).toBeGreaterThan(perDay * 0.95);
      expect(got, unit).toBeLessThan(perDay * 1.2); // a ward short of staff gets a recent surge (15 %)
    }
  });

  it('a ward of the same size elsewhere in Hà Nội keeps its share of the country (a few a week)', async () => {
    const got = (await receivedPerWorkingDay('00008')) / TEST_SCALE; // Ngọc Hà, 93,536 residents
    expect(got).toBeLessThan(1);
  });
});

describe('the prepared demo nation', () => {
  it('has every index the migrations make (the bulk steps drop their plain indexes and build them again)', async () => {
    const list = `SELECT tablename || ': ' || indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`;
    const fresh = await openDatabase({});
    try {
      await runMigrations(fresh);
      const want = (await fresh.rows<{ def: string }>(sql.raw(list))).map((r) => r.def);
      const got = (await ctx.database.rows<{ def: string }>(sql.raw(list))).map((r) => r.def);
      expect(want.length).toBeGreaterThan(100);
      expect(got).toEqual(want);
    } finally {
      await fresh.close();
    }
    // a fresh embedded database and every migration: 12 s alone on 2 cores, past 30 s beside two other suites
  }, 120_000);
});
