import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

/**
 * The board's trend by month, its Excel export and the communes' maps (issue #16): the trend reads the same summaries
 * as the board, so twelve months of it add up to the board over those months.
 */
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let province: Session;
let commune: Session;
let ministry: Session;

beforeAll(async () => {
  ctx = await createTestApp({ clock: testClock() });
  [province, commune, ministry] = await Promise.all([
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'ministry'),
  ]);
}, 600_000);
afterAll(() => ctx?.close());

describe('the trend by month', () => {
  it('gives the last 12 months, whose sums equal the board over the same days', async () => {
    for (const [s, unit] of [
      [ministry, ''],
      [province, '01'],
      [commune, '00004'],
    ] as const) {
      const trend = (await s.get(`/api/dashboards/dossiers/trend${unit ? `?unit=${unit}` : ''}`)).json();
      expect(trend.months).toHaveLength(12);
      expect(trend.months[11].month).toBe('2026-03');
      expect(trend.months[0].month).toBe('2025-04');
      const board = (
        await s.get(`/api/dashboards/dossiers?from=2025-04-01&to=2026-03-02${unit ? `&unit=${unit}` : ''}`)
      ).json();
      const sum = (k: string) => trend.months.reduce((a: number, m: Record<string, number>) => a + m[k]!, 0);
      expect(sum('received'), unit || 'country').toBe(board.totals.received);
      expect(sum('finished')).toBe(board.totals.finished);
      expect(sum('finishedOnTime')).toBe(board.totals.finishedOnTime);
    }
  });

  it("stays inside the caller's scope", async () => {
    expect((await commune.get('/api/dashboards/dossiers/trend?unit=00008')).statusCode).toBe(403);
    expect((await province.get('/api/dashboards/dossiers/trend?unit=79')).statusCode).toBe(403);
  });
});

describe('the board in Excel', () => {
  it("carries the figures, the communes by name and the months of a province's board", async () => {
    const res = await province.get('/api/dashboards/dossiers/export?from=2026-02-01&to=2026-03-02');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo lĩnh vực', 'Theo đơn vị', 'Theo tháng']);
    const units: string[] = [];
    wb.getWorksheet('Theo đơn vị')!.eachRow((r, i) => i > 1 && units.push(String(r.getCell(1).value)));
    const board = (await province.get('/api/dashboards/dossiers?from=2026-02-01&to=2026-03-02')).json();
    expect(units).toHaveLength(board.byUnit.length);
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => /^(Phường|Xã|Đặc khu|Thành phố|Tỉnh) /.test(u))).toBe(true);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getRow(2).getCell(2).value).toBe('Thành phố Hà Nội');
    expect(summary.getRow(5).getCell(2).value).toBe(board.totals.received);
    expect(wb.getWorksheet('Theo tháng')!.rowCount).toBe(13);
  });
});

describe("the communes' maps", () => {
  it("draws a province's communes, and a commune among its neighbours", async () => {
    const all = (await ctx.app.inject({ method: 'GET', url: '/api/geo/communes?province=01' })).json();
    expect(all.features).toHaveLength(126);
    const around = (await ctx.app.inject({ method: 'GET', url: '/api/geo/communes?around=00004' })).json();
    expect(around.features[0].properties).toMatchObject({ code: '00004', fullName: 'Phường Ba Đình' });
    expect(around.features.map((f: { properties: { code: string } }) => f.properties.code)).toContain('00008');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/geo/communes' })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/geo/communes?around=99999' })).statusCode).toBe(404);
  });
});
