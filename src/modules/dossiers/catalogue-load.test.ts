import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';
import { loadProcedureCatalogue } from './reference.js';

// An installation loaded from an earlier catalogue: the wrong codes it held for four procedures, and 1.004884 under
// the name of another procedure. Isolated: it rewrites national procedures other files list.
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // commune 00004 of Hà Nội

beforeAll(async () => {
  ctx = await createTestApp({ isolated: true });
  baDinh = await signIn(ctx.app, 'commune-00004');
});
afterAll(() => ctx.close());

type Procedure = { code: string; name: string; workingDays: number };

it("brings an earlier catalogue's procedures in line: retired codes leave the list, corrected names reach it", async () => {
  await ctx.database.rows(sql`DELETE FROM procedures WHERE province_code = '' AND code IN ('1.001758', '1.001731')`);
  await ctx.database.rows(
    sql`INSERT INTO procedures (code, province_code, valid_from, name, field, decision_level, working_days, fee_vnd,
          online, boundary_free, documents, legal_basis)
        VALUES ('1.001758', '', '2025-07-01', 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội', 'bao_tro_xa_hoi',
          'commune', 5, 0, true, true, '["Giấy chứng tử"]'::jsonb, 'Nghị định 20/2021/NĐ-CP, Điều 11')`,
  );
  await ctx.database.rows(
    sql`UPDATE procedures SET name = 'Cấp bản sao trích lục hộ tịch', working_days = 0
        WHERE province_code = '' AND code = '1.004884'`,
  );

  const result = await loadProcedureCatalogue(ctx.database);
  expect(result.loaded).toBe(true); // 1.001731 added
  expect(result.corrected).toBeGreaterThanOrEqual(2); // 1.004884 renamed, 1.001758 ended

  const items = ((await baDinh.get('/api/procedures')).json() as { items: Procedure[] }).items;
  const byCode = new Map(items.map((p) => [p.code, p]));
  expect(byCode.has('1.001758')).toBe(false);
  expect(byCode.get('1.001731')?.name).toBe('Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội');
  expect(byCode.get('1.004884')).toMatchObject({ name: 'Đăng ký lại khai sinh', workingDays: 5 });
  expect(byCode.get('2.000635')).toMatchObject({ workingDays: 0 });

  // loading again changes nothing
  expect(await loadProcedureCatalogue(ctx.database)).toEqual({ loaded: false, corrected: 0 });
});
