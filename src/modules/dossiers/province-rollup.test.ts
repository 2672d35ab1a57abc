// The province roll-up of the figures is added to inside the COMMIT (migration 0041, issue #14): after intakes
// and actions it still equals the sum of its units' rows, column by column, and nothing stays pending.
import { getTableColumns, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';
import { dossierProvinceStatsPending } from './schema.js';

/** the figure columns, as the schema has them (the pending table's, but its key) */
const COLUMNS = Object.values(getTableColumns(dossierProvinceStatsPending))
  .map((c) => c.name)
  .filter((n) => !['seq', 'province_code', 'day', 'field'].includes(n));

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session;
beforeAll(async () => {
  ctx = await createTestApp({ isolated: true });
  commune = await signIn(ctx.app, 'commune-00025');
}, 600_000);
afterAll(() => ctx?.close());

/** (day, field) rows where the province's roll-up differs from the sum of its units' rows */
async function mismatches(province: string) {
  const cols = sql.raw(COLUMNS.join(', '));
  const sums = sql.raw(COLUMNS.map((c) => `sum(${c})::int AS ${c}`).join(', '));
  return ctx.database.rows<Record<string, unknown>>(sql`
    (SELECT day, field, ${sums} FROM dossier_daily_stats WHERE province_code = ${province} GROUP BY day, field
     EXCEPT SELECT day, field, ${cols} FROM dossier_province_stats WHERE province_code = ${province})
    UNION ALL
    (SELECT day, field, ${cols} FROM dossier_province_stats WHERE province_code = ${province}
     EXCEPT SELECT day, field, ${sums} FROM dossier_daily_stats WHERE province_code = ${province} GROUP BY day, field)`);
}

describe("the province's roll-up of the figures", () => {
  it('equals the sum of its units after intakes and actions, with nothing left pending', async () => {
    const intake = (body: Record<string, unknown>) =>
      commune.send('POST', '/api/dossiers', { procedureCode: '1.004873', applicantName: 'Phạm Văn Cộng', ...body });
    const made = await Promise.all([
      intake({ channel: 'in_person', waitMinutes: 17 }),
      intake({ channel: 'in_person', waitMinutes: 4 }),
      intake({ channel: 'online' }),
      intake({ channel: 'post' }),
    ]);
    for (const r of made) expect(r.statusCode).toBe(201);
    const [first] = made.map((r) => r.json() as { id: string; version: number });
    let d = first!;
    for (const action of ['start_processing', 'complete', 'return_result']) {
      const r = await commune.send('POST', `/api/dossiers/${d.id}/transitions`, { action, version: d.version });
      expect(r.statusCode, action).toBe(200);
      d = r.json() as typeof d;
    }
    expect(await mismatches('01')).toEqual([]);
    const [pending] = await ctx.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM dossier_province_stats_pending`,
    );
    expect(pending!.n).toBe(0);
  });

  it("adds every figure column (the trigger's statement names each column of the pending table)", async () => {
    const [fn] = await ctx.database.rows<{ def: string }>(
      sql`SELECT pg_get_functiondef('dossier_province_stats_apply'::regproc) AS def`,
    );
    const [cols] = await ctx.database.rows<{ names: string[] }>(
      sql`SELECT array_agg(column_name::text) AS names FROM information_schema.columns
          WHERE table_name = 'dossier_province_stats_pending' AND column_name NOT IN ('seq', 'province_code', 'day', 'field')`,
    );
    expect(COLUMNS).toEqual(expect.arrayContaining(['received', 'finished_on_time', 'wait_minutes_total']));
    expect([...cols!.names].sort()).toEqual([...COLUMNS].sort());
    for (const c of COLUMNS) expect(fn!.def).toContain(`${c} = s.${c} + EXCLUDED.${c}`);
  });
});
