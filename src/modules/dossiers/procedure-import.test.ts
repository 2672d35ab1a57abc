import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

const clock = testClock('2026-04-01T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let hanoi: Session; // province 01
let hcm: Session; // province 79
let baDinh: Session; // commune 00004 of Hà Nội

type Report = {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  rows: number;
  refusals: { row: number; column: string; message: string }[];
};
type Procedure = {
  code: string;
  provinceCode: string;
  name: string;
  workingDays: number;
  feeVnd: number;
  field: string;
};

/** A sheet as the national database exports it: a merged title row, then the header, then one row per procedure. */
async function exportFile(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách TTHC');
  ws.addRow(['DANH SÁCH THỦ TỤC HÀNH CHÍNH']);
  ws.mergeCells('A1:I1');
  ws.addRow([
    'STT',
    'Mã thủ tục',
    'Tên thủ tục',
    'Lĩnh vực',
    'Cấp thực hiện',
    'Thời hạn giải quyết',
    'Phí, lệ phí',
    'Thành phần hồ sơ',
    'Căn cứ pháp lý',
  ]);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const GOOD = [
  [
    '1.001193',
    'Thủ tục đăng ký khai sinh',
    'Hộ tịch',
    'Cấp Xã',
    'Trong ngày làm việc',
    'Miễn lệ phí',
    '- Tờ khai đăng ký khai sinh\n- Giấy chứng sinh',
    'Luật Hộ tịch 2014',
  ],
  [
    '1.099901',
    'Thủ tục riêng của tỉnh về khai sinh lưu động',
    'Hộ tịch',
    'Cấp Xã',
    '05 ngày làm việc',
    '8.000 đồng',
    'Tờ khai',
    'Quyết định của UBND tỉnh',
  ],
  [
    '1.099902',
    'Cấp phép vận tải đường bộ',
    'Đường bộ',
    'Cấp Tỉnh',
    '10 ngày làm việc',
    '0',
    'Đơn đề nghị',
    'Luật Đường bộ 2024',
  ],
];
const BAD = ['1.099903', 'Thủ tục có thời hạn không rõ', 'Hộ tịch', 'Cấp Xã', 'Theo quy định', 'Không', 'Tờ khai', ''];

function upload(app: FastifyInstance, s: Session, file: Buffer, query = '') {
  const boundary = '----haicap-procedures';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="danh-sach-tthc.xlsx"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/procedures/import${query}`,
    payload,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
}

beforeAll(async () => {
  ctx = await createTestApp({ clock, isolated: true });
  [hanoi, hcm, baDinh] = await Promise.all([
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'commune-00004'),
  ]);
});
afterAll(() => ctx.close());

const listOf = async (s: Session, query: string) =>
  ((await s.get(`/api/procedures?${query}`)).json() as { items: Procedure[] }).items;

describe('searching the procedures', () => {
  it('loads the whole national catalogue', async () => {
    expect((await listOf(baDinh, '')).length).toBeGreaterThanOrEqual(100);
  });

  it('finds "khai sinh" whatever the case and diacritics, and by code', async () => {
    for (const q of ['khai sinh', 'KHAI SINH', 'khái sinh', 'Khai  Sinh', 'dang ky khai sinh']) {
      const names = (await listOf(baDinh, `q=${encodeURIComponent(q)}`)).map((p) => p.name);
      expect(names, q).toContain('Đăng ký khai sinh');
      expect(
        names.every((n) => /khai sinh/i.test(n)),
        q,
      ).toBe(true);
    }
    expect((await listOf(baDinh, 'q=1.001193')).map((p) => p.code)).toEqual(['1.001193']);
    expect(await listOf(baDinh, `q=${encodeURIComponent('không có thủ tục này')}`)).toEqual([]);
  });
});

describe("importing a province's official list", () => {
  it("creates the province's versions, refuses the bad row naming its row and column, and changes nothing the second time", async () => {
    const file = await exportFile([...GOOD, BAD]);
    const res = await upload(ctx.app, hanoi, file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report).toMatchObject({ rows: 4, created: 3, updated: 0, unchanged: 0, refused: 1 });
    // The header is row 2 (under the title): the bad procedure is on row 6.
    expect(report.refusals).toEqual([
      expect.objectContaining({
        row: 6,
        column: 'Thời hạn giải quyết',
        message: expect.stringContaining('Theo quy định'),
      }),
    ]);

    const list = await listOf(baDinh, '');
    const birth = list.find((p) => p.code === '1.001193')!;
    expect(birth).toMatchObject({ provinceCode: '01', name: 'Thủ tục đăng ký khai sinh', feeVnd: 0, workingDays: 0 });
    expect(list.find((p) => p.code === '1.099901')).toMatchObject({
      provinceCode: '01',
      workingDays: 5,
      feeVnd: 8000,
      field: 'ho_tich',
    });
    expect(list.find((p) => p.code === '1.099902')).toMatchObject({ field: 'khac' });
    expect(list.some((p) => p.code === '1.099903')).toBe(false);
    // Another province keeps the national catalogue.
    const inHcm = await listOf(hcm, '');
    expect(inHcm.find((p) => p.code === '1.001193')).toMatchObject({ provinceCode: '', name: 'Đăng ký khai sinh' });
    expect(inHcm.some((p) => p.code === '1.099901')).toBe(false);

    const again = (await upload(ctx.app, hanoi, file)).json() as Report;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, refused: 1 });

    // The audit log has one entry per version created, none for the repeat.
    // (Counted by this file's codes: on PostgreSQL the test files share a database.)
    const audit = await ctx.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log
          WHERE entity = 'procedure' AND province_code = '01' AND entity_id IN ('1.001193', '1.099901', '1.099902')`,
    );
    expect(audit[0]!.n).toBe(3);
  });

  it('updates a version from a later date when the official list changes', async () => {
    clock.set('2026-05-04T09:00:00+07:00');
    const changed = [[...GOOD[1]!.slice(0, 4), '03 ngày làm việc', ...GOOD[1]!.slice(5)]];
    const report = (await upload(ctx.app, hanoi, await exportFile(changed))).json() as Report;
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0, refused: 0 });
    expect((await listOf(baDinh, 'q=1.099901'))[0]).toMatchObject({ workingDays: 3 });
    expect((await listOf(baDinh, 'q=1.099901&at=2026-04-15'))[0]).toMatchObject({ workingDays: 5 });
  });

  it('reads the publication and effective dates (766 transparency), refusing a date it cannot read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách TTHC');
    ws.addRow(['Mã thủ tục', 'Tên thủ tục', 'Thời hạn giải quyết', 'Ngày công bố', 'Ngày có hiệu lực']);
    ws.addRow(['1.099911', 'Thủ tục riêng thứ nhất', '05 ngày làm việc', '02/03/2026', '09/03/2026']);
    ws.addRow(['1.099912', 'Thủ tục riêng thứ hai', '05 ngày làm việc', 'đầu tháng 3', '09/03/2026']);
    const res = await upload(ctx.app, hanoi, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report).toMatchObject({ created: 1, refused: 1 });
    expect(report.refusals[0]).toMatchObject({ row: 3, column: 'Ngày công bố' });
    expect(report.refusals[0]!.message).toContain('đầu tháng 3');
    const [p] = await listOf(baDinh, 'q=1.099911');
    expect(p).toMatchObject({ publishedOn: '2026-03-02', effectiveOn: '2026-03-09' });
  });

  it("refuses a commune's account and another province's account", async () => {
    const file = await exportFile(GOOD);
    expect((await upload(ctx.app, baDinh, file)).statusCode).toBe(403);
    expect((await upload(ctx.app, hcm, file, '?province=01')).statusCode).toBe(403);
  });

  it('refuses a file that is not an Excel workbook, naming the file field', async () => {
    const res = await upload(ctx.app, hanoi, Buffer.from('not a workbook'));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { field: 'file' } });
  });
});
