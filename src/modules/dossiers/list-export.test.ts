import { sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

const clock = testClock();
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // commune 00004, Hà Nội
let hanoi: Session; // province 01
let ministry: Session;

type Item = { receiptCode: string; provinceCode: string; handlingUnitCode: string; handlingUnitName?: string | null };
type Page = { items: Item[]; total: number };

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [baDinh, hanoi, ministry] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'ministry'),
  ]);
});
afterAll(() => ctx.close());

const receive = async (applicantName: string) => {
  const res = await baDinh.send('POST', '/api/dossiers', {
    procedureCode: '1.004873',
    channel: 'in_person',
    applicantName,
    applicantIdNumber: '001190012345',
  });
  expect(res.statusCode).toBe(201);
  return (res.json() as { receiptCode: string }).receiptCode;
};

describe("the Ministry's and a province's dossier lists", () => {
  it('name the handling unit and filter by province and by commune', async () => {
    const code = await receive('Trần Văn Xuất');
    const byProvince = (await ministry.get('/api/dossiers?province=01&pageSize=100')).json() as Page;
    expect(byProvince.items.length).toBeGreaterThan(0);
    expect(byProvince.items.every((d) => d.provinceCode === '01')).toBe(true);
    const byCommune = (await hanoi.get('/api/dossiers?unit=00004&pageSize=100')).json() as Page;
    // Ba Đình is a busy ward (tens a day at scale 1): the new dossier is found by its code within the commune's list
    const found = (await hanoi.get(`/api/dossiers?unit=00004&q=${code}`)).json() as Page;
    const mine = found.items.find((d) => d.receiptCode === code);
    expect(mine?.handlingUnitName).toBe('Phường Ba Đình');
    expect(byCommune.items.every((d) => d.handlingUnitName)).toBe(true);
    // A province filter outside one's scope shows nothing of the other province.
    const other = (await hanoi.get('/api/dossiers?province=79')).json() as Page;
    expect(other.total).toBe(0);
  });

  it('export the filtered list to Excel with names and statuses in words, one row per dossier', async () => {
    await receive('Lê Thị Xuất Khẩu');
    const today = clock.localDate(clock.now());
    const list = (await hanoi.get(`/api/dossiers?unit=00004&from=${today}&pageSize=100`)).json() as Page;
    const res = await hanoi.get(`/api/dossiers/export?unit=00004&from=${today}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('00004');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Hồ sơ');
    expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['STT', 'Mã hồ sơ', 'Thủ tục']);
    expect(ws.rowCount - 1).toBe(list.total);
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    const row = rows.find((r) => r[5] === 'Lê Thị Xuất Khẩu')!;
    expect(row[6]).toBe('Phường Ba Đình'); // the unit by name, not its code
    expect(row[10]).toBe('Đã tiếp nhận'); // the status in words
    expect(String(row[3])).not.toMatch(/^\d+\.\d+$/); // the procedure by name
    // A commune's export holds only its own dossiers, whatever the filter asks.
    const commune = await baDinh.get('/api/dossiers/export?province=79');
    const cwb = new ExcelJS.Workbook();
    await cwb.xlsx.load(commune.rawPayload as unknown as ArrayBuffer);
    expect(cwb.worksheets[0]!.rowCount).toBe(1);
  });
});

describe('a long list', () => {
  // The cap made small (LIST_COUNT_CAP): the tests' demo holds thousands of dossiers, the country tens of thousands.
  const CAP = 500;
  let capped: Awaited<ReturnType<typeof createTestApp>>;
  let ministryCapped: Session;
  let baDinhCapped: Session;
  beforeAll(async () => {
    capped = await createTestApp({ clock, config: { listCountCap: CAP } });
    [ministryCapped, baDinhCapped] = await Promise.all([
      signIn(capped.app, 'ministry'),
      signIn(capped.app, 'commune-00004'),
    ]);
  });
  afterAll(() => capped.close());
  type Counted = Page & { totalCapped: boolean; items: Item[] };
  const countAll = async (where: SQL) =>
    (await capped.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM dossiers WHERE ${where}`))[0]!.n;

  it('says "more than" past the cap instead of counting every dossier of the country', async () => {
    expect(await countAll(sql`true`)).toBeGreaterThan(CAP + 50);
    const first = (await ministryCapped.get('/api/dossiers?pageSize=50')).json() as Counted;
    expect(first).toMatchObject({ total: CAP, totalCapped: true });
    expect(first.items).toHaveLength(50);
    // newest first, as before
    const times = first.items.map((d) => (d as Item & { receivedAt: string }).receivedAt);
    expect([...times].sort().reverse()).toEqual(times);
    // a page past the cap still counts as far as itself, and the next one stays open
    const far = (await ministryCapped.get(`/api/dossiers?pageSize=50&page=${CAP / 50 + 1}`)).json() as Counted;
    expect(far.items).toHaveLength(50);
    expect(far.total).toBe(CAP + 50);
    expect(far.totalCapped).toBe(true);
  });

  it('counts exactly below the cap, and on the last page', async () => {
    const n = await countAll(sql`province_code = '01' AND handling_unit_code = '00004' AND status = 'received'`);
    expect(n).toBeLessThan(CAP);
    const list = (await baDinhCapped.get('/api/dossiers?status=received&pageSize=20')).json() as Counted;
    // the commune's list holds what it handles or received: at least its own handled ones
    expect(list.total).toBeGreaterThanOrEqual(n);
    expect(list.totalCapped).toBe(false);
    const last = Math.ceil(list.total / 20);
    const end = (await baDinhCapped.get(`/api/dossiers?status=received&pageSize=20&page=${last}`)).json() as Counted;
    expect(end).toMatchObject({ total: list.total, totalCapped: false });
  });
});
