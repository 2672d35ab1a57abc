import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTestApp, signIn, testClock, type Session } from '../../../../test/helpers.js';
import { auditEntriesOf } from '../../audit/index.js';
import { makeNationalId } from '../domain/national-id.js';
import { people, workforceImportJobs } from '../schema.js';
import { COLUMNS } from './domain/template.js';
import type { ImportReport } from './import.js';
import { zipBomb } from '../../../../test/zip-bomb.js';

const clock = testClock('2026-11-20T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session;
let hanoi: Session;
let viewer: Session;

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [baDinh, hanoi, viewer] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'viewer'),
  ]);
});
afterAll(() => ctx.close());

const HEADERS = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số định danh cá nhân',
  'Dân tộc',
  'Điện thoại',
  'Email',
  'Mã đơn vị',
  'Đối tượng',
  'Trình độ chuyên môn',
  'Chuyên ngành',
  'Lý luận chính trị',
  'Quản lý nhà nước',
  'Tin học',
  'Ngoại ngữ',
  'Mã ngạch',
  'Bậc lương',
  'Hệ số lương',
  'Ngày vào Đảng',
];
type Row = (string | number | null)[];
// Serials far above the demo's and other tests' so that files sharing a server database never collide.
let serial = 900_000 + Math.floor(Math.random() * 90_000);
const id = (birth: string, sex: 'male' | 'female') => makeNationalId('001', birth, sex, ++serial);

function person(n: number, unit = '00004', extra: Partial<Record<string, string | number | null>> = {}): Row {
  const v: Record<string, string | number | null> = {
    'Họ và tên': `Nguyễn Văn Nhập ${n}`,
    'Ngày sinh': '14/03/1988',
    'Giới tính': 'Nam',
    'Số định danh cá nhân': id('1988-03-14', 'male'),
    'Dân tộc': 'Kinh',
    'Điện thoại': '0912345678',
    Email: `nhap${n}@hanoi.gov.vn`,
    'Mã đơn vị': unit,
    'Đối tượng': 'Công chức',
    'Trình độ chuyên môn': 'Đại học',
    'Chuyên ngành': 'Luật',
    'Lý luận chính trị': 'Trung cấp',
    'Quản lý nhà nước': 'Chuyên viên',
    'Tin học': 'Ứng dụng CNTT cơ bản',
    'Ngoại ngữ': 'Tiếng Anh B1',
    'Mã ngạch': '01.003',
    'Bậc lương': 3,
    'Hệ số lương': 3.0,
    'Ngày vào Đảng': '19/05/2015',
    ...extra,
  };
  return HEADERS.map((h) => (h === 'STT' ? n : (v[h] ?? null)));
}

async function workbook(rows: Row[], headers = HEADERS, titleRows: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhân sự');
  for (const title of titleRows) ws.addRow([title]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(app: FastifyInstance, s: Session, file: Buffer, query = '') {
  const boundary = '----haicap-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nhan-su.xlsx"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/workforce/import${query}`,
    payload: body,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
}

async function importFile(s: Session, file: Buffer, query = '') {
  const res = await upload(ctx.app, s, file, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportReport;
}

const idsOf = (rows: Row[]) => rows.map((r) => String(r[4]));

describe('importing the personnel template', () => {
  it('imports nothing from a file with wrong rows, naming the wrong cells; fixed, it imports all; again, nothing changes', async () => {
    const good = [person(1), person(2), person(4)];
    const badDate = person(3, '00004', { 'Ngày sinh': '31/02/1990' });
    // A woman's ID number on a man's row, and a category the template does not know.
    const badRow5 = person(5, '00004', {
      'Số định danh cá nhân': id('1988-03-14', 'female'),
      'Đối tượng': 'Công nhân',
    });
    const file = [good[0]!, good[1]!, badDate, good[2]!, badRow5];

    const rejected = await importFile(baDinh, await workbook(file));
    expect(rejected.status).toBe('rejected');
    expect(rejected.created + rejected.updated + rejected.unchanged).toBe(0);
    // Excel rows: the header is row 1, so the third person is row 4 and the fifth row 6.
    expect(rejected.errors.map((e) => ({ row: e.row, column: e.column }))).toEqual([
      { row: 4, column: 'Ngày sinh' },
      { row: 6, column: 'Số định danh cá nhân' },
      { row: 6, column: 'Đối tượng' },
    ]);
    expect(rejected.errors[0]!.message).toContain('31/02/1990');
    expect(rejected.errors[2]!.message).toContain('Công chức');
    expect(rejected.message).toMatch(/Không nhập dòng nào: có 3 lỗi ở 2 dòng/);
    const db = ctx.database.db;
    expect(
      await db
        .select()
        .from(people)
        .where(inArray(people.nationalId, idsOf(file))),
    ).toHaveLength(0);

    const fixed = [good[0]!, good[1]!, person(3), good[2]!, person(5)];
    const imported = await importFile(baDinh, await workbook(fixed));
    expect(imported).toMatchObject({
      status: 'imported',
      rows: 5,
      created: 5,
      updated: 0,
      unchanged: 0,
      errorCount: 0,
    });
    const stored = await db
      .select()
      .from(people)
      .where(inArray(people.nationalId, idsOf(fixed)));
    expect(stored).toHaveLength(5);
    expect(stored.find((p) => p.fullName === 'Nguyễn Văn Nhập 1')).toMatchObject({
      unitCode: '00004',
      provinceCode: '01',
      birthDate: '1988-03-14',
      sex: 'male',
      category: 'civil_servant',
      educationLevel: 'bachelor',
      educationField: 'law',
      politicalTheory: 'intermediate',
      stateManagement: 'specialist',
      rankCode: '01.003',
      salaryStep: 3,
      salaryCoefficient: 3,
      partyJoinDate: '2015-05-19',
      searchKey: 'nguyen van nhap 1',
    });

    const again = await importFile(baDinh, await workbook(fixed));
    expect(again).toMatchObject({ status: 'imported', created: 0, updated: 0, unchanged: 5 });
    expect(
      (
        await db
          .select()
          .from(people)
          .where(inArray(people.nationalId, idsOf(fixed)))
      ).every((p) => p.version === 1),
    ).toBe(true);

    // One changed cell: that person is updated (version + 1), and the import is audited with the change.
    fixed[1] = person(2, '00004', { 'Số định danh cá nhân': fixed[1]![4], 'Điện thoại': '0987654321' });
    const changed = await importFile(baDinh, await workbook(fixed));
    expect(changed).toMatchObject({ status: 'imported', created: 0, updated: 1, unchanged: 4 });
    const [p2] = await db
      .select()
      .from(people)
      .where(eq(people.nationalId, String(fixed[1]![4])));
    expect(p2).toMatchObject({ phone: '0987654321', version: 2 });
    const audit = await auditEntriesOf(db, 'workforce_import', changed.importId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      provinceCode: '01',
      unitCode: '00004',
      after: {
        created: 0,
        updated: 1,
        updates: [{ personId: p2!.id, before: { phone: '0912345678' }, after: { phone: '0987654321' } }],
      },
    });
  });

  it("refuses a commune's row of another commune on «Mã đơn vị», and a duplicate ID number within the file", async () => {
    const twin = person(2);
    const res = await upload(
      ctx.app,
      baDinh,
      await workbook([person(1, '00008'), twin, [...twin.slice(0, 1), 'Trần Văn Trùng', ...twin.slice(2)]]),
      '?lang=en',
    );
    const report = res.json() as ImportReport;
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      { row: 2, column: 'Mã đơn vị', code: 'out_of_scope', message: 'Unit 00008 is outside your scope.' },
      {
        row: 4,
        column: 'Số định danh cá nhân',
        code: 'duplicate_in_file',
        message: 'Same personal identification number as row 3 of the file.',
      },
    ]);
    expect(report.message).toMatch(/^Nothing was imported/);
  });

  it('matches headers without diacritics below a title, reports a missing required column, and refuses a viewer', async () => {
    const plainHeaders = HEADERS.map((h) =>
      h.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toUpperCase(),
    );
    const ok = await importFile(
      hanoi,
      await workbook([person(1, '00008')], plainHeaders, ['DANH SÁCH CÁN BỘ, CÔNG CHỨC', '']),
    );
    expect(ok).toMatchObject({ status: 'imported', created: 1, headerRow: 3 });
    const noUnit = await importFile(
      hanoi,
      await workbook(
        [person(1).filter((_, i) => i !== 8)],
        HEADERS.filter((h) => h !== 'Mã đơn vị'),
      ),
    );
    expect(noUnit.errors).toEqual([expect.objectContaining({ row: 1, column: 'Mã đơn vị', code: 'missing_column' })]);
    expect((await upload(ctx.app, viewer, await workbook([person(1)]))).statusCode).toBe(403);
    const notExcel = await upload(ctx.app, hanoi, Buffer.from('not a workbook'));
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().error.field).toBe('file');
  });

  it('runs a large import as a job with a percentage to poll, ending in its report', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => person(i + 1));
    const res = await upload(ctx.app, baDinh, await workbook(rows), '?mode=async');
    expect(res.statusCode).toBe(202);
    const { job } = res.json() as { job: string };
    let state: { status: string; percent: number; report: ImportReport | null } = res.json();
    for (let i = 0; i < 100 && state.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await baDinh.get(`/api/workforce/import/${job}`)).json();
      expect(state.percent).toBeGreaterThanOrEqual(0);
    }
    expect(state).toMatchObject({ status: 'done', percent: 100, report: { status: 'imported', created: 30 } });
    expect((await hanoi.get(`/api/workforce/import/${job}`)).statusCode).toBe(404); // someone else's job
  });
});

describe('import jobs across API processes (issue #14)', () => {
  type JobState = {
    status: string;
    percent: number;
    report: ImportReport | null;
    error: { code: string; message: string } | null;
  };
  let other: Awaited<ReturnType<typeof ctx.second>>;
  beforeAll(async () => {
    other = await ctx.second();
  });
  afterAll(() => other.close());

  /** Polls the job through `app` (a session is valid in every process) until it is no longer running. */
  async function settled(app: FastifyInstance, s: Session, job: string): Promise<JobState> {
    for (let i = 0; i < 1200; i++) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/workforce/import/${job}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      const state = res.json() as JobState;
      if (state.status !== 'running') return state;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the job is still running');
  }

  it('shows a job started in one process, its progress and its report, in another process; to its owner only', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => person(100 + i));
    const res = await upload(ctx.app, baDinh, await workbook(rows), '?mode=async');
    expect(res.statusCode).toBe(202);
    const { job } = res.json() as { job: string };
    const first = await other.app.inject({
      method: 'GET',
      url: `/api/workforce/import/${job}`,
      headers: { cookie: baDinh.cookie },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ job });
    const state = await settled(other.app, baDinh, job);
    expect(state).toMatchObject({ status: 'done', percent: 100, report: { status: 'imported', created: 30 } });
    const stranger = await other.app.inject({
      method: 'GET',
      url: `/api/workforce/import/${job}`,
      headers: { cookie: hanoi.cookie },
    });
    expect(stranger.statusCode).toBe(404); // someone else's job, in this process too
  });

  it('marks failed, saying to import again, a job whose process died (no heartbeat for the stale interval)', async () => {
    const me = (await baDinh.get('/api/auth/me')).json().user as { id: string; provinceCode: string };
    const job = randomUUID();
    // What a process killed during an import leaves: its job "running", the heartbeat long stopped.
    await ctx.database.db.insert(workforceImportJobs).values({
      id: job,
      provinceCode: me.provinceCode,
      userId: me.id,
      fileName: 'nhan-su.xlsx',
      status: 'running',
      phase: 'writing',
      percent: 67,
      claimedBy: 'a-process-that-died',
      heartbeatAt: new Date(Date.now() - 60 * 60 * 1000),
      startedAt: new Date(Date.now() - 61 * 60 * 1000),
    });
    const res = await other.app.inject({
      method: 'GET',
      url: `/api/workforce/import/${job}?lang=en`,
      headers: { cookie: baDinh.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const state = res.json() as JobState & { finishedAt: string | null };
    expect(state.status).toBe('failed');
    expect(state.error?.code).toBe('import_interrupted');
    expect(state.error?.message).toMatch(/import the file again/);
    expect(state.finishedAt).not.toBeNull();
  });

  it('writes nothing for a job declared dead while it ran: the job runs once, and says so', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => person(1000 + i));
    const res = await upload(ctx.app, baDinh, await workbook(rows), '?mode=async');
    expect(res.statusCode).toBe(202);
    const { job } = res.json() as { job: string };
    // Another process found the heartbeat stale (as it would after a long pause) and marked the job failed.
    const marked = await ctx.database.db
      .update(workforceImportJobs)
      .set({ status: 'failed', error: { code: 'import_interrupted', message: '…' }, finishedAt: new Date() })
      .where(and(eq(workforceImportJobs.id, job), eq(workforceImportJobs.status, 'running')))
      .returning({ id: workforceImportJobs.id });
    expect(marked).toHaveLength(1);
    const state = await settled(ctx.app, baDinh, job);
    expect(state.status).toBe('failed');
    expect(state.report).toBeNull();
    const written = await ctx.database.db
      .select({ id: people.id })
      .from(people)
      .where(inArray(people.nationalId, idsOf(rows)));
    expect(written).toHaveLength(0);
  });
});

describe('exporting the workforce', () => {
  it('exports the template with the same headers, which re-imports unchanged', async () => {
    const res = await baDinh.get('/api/workforce/export?unit=00004');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.header));
    expect(ws.rowCount).toBeGreaterThan(5);
    expect(String(ws.getRow(2).getCell(5).value)).toMatch(/^\d{12}$/);
    expect(String(ws.getRow(2).getCell(9).value)).toBe('00004');

    const report = (await importFile(baDinh, res.rawPayload)) as { updated: number; unchanged: number };
    expect(report).toMatchObject({ status: 'imported', rows: ws.rowCount - 1, created: 0 });
    // On PostgreSQL the test files share one database: another file may change one of Ba Đình's people between the
    // export and the import. Alone (PGlite, a database per file) nothing may change.
    if (process.env.DATABASE_URL) expect(report.updated + report.unchanged).toBe(ws.rowCount - 1);
    else expect(report).toMatchObject({ updated: 0, unchanged: ws.rowCount - 1 });
  });

  it('keeps the scope: another commune is refused, a viewer gets masked ID numbers', async () => {
    expect((await baDinh.get('/api/workforce/export?unit=00008')).statusCode).toBe(403);
    expect((await baDinh.get('/api/workforce/export?unit=01')).statusCode).toBe(403);
    const res = await viewer.get('/api/workforce/export?unit=00004');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]!.getRow(2).getCell(5).value)).toMatch(/^•{9}\d{3}$/);
  });
});

describe('a hostile workbook (zip bomb)', () => {
  const MB = 1024 * 1024;
  const peak = () => process.resourceUsage().maxRSS * 1024;
  /** The resident memory sampled every 10 ms while `work` runs, above what it was at the start (for the figures). */
  async function sampledGrowth<T>(work: () => Promise<T>): Promise<[T, number]> {
    const start = process.memoryUsage().rss;
    let top = start;
    const timer = setInterval(() => (top = Math.max(top, process.memoryUsage().rss)), 10);
    try {
      return [await work(), top - start];
    } finally {
      clearInterval(timer);
    }
  }

  // The directory may tell the truth (refused from the directory), lie (refused when inflating passes the
  // size it declared) or say "zip64" without the extra field (refused: never handed to ExcelJS).
  it.each(['lie', 'zip64', 'truth'] as const)(
    'refuses a small file that unpacks to 400 MB (directory: %s) without unpacking it, naming the file',
    async (declared) => {
      const bomb = await zipBomb(400, declared);
      expect(bomb.length).toBeLessThan(2 * MB);
      const before = peak();
      const [res, sampled] = await sampledGrowth(() => upload(ctx.app, baDinh, bomb));
      const grew = peak() - before;
      expect(res.statusCode, res.body).toBe(400);
      const { error } = res.json() as { error: { field: string; message: string } };
      expect(error.field).toBe('file');
      expect(error.message).toContain('nhan-su.xlsx');
      // The server never held the inflated part (ExcelJS would have held it several times over).
      expect(grew).toBeLessThan(150 * MB);
      console.log(
        `zip bomb (${declared}): ${(bomb.length / MB).toFixed(2)} MB → 400 MB, RSS rose ${(sampled / MB).toFixed(0)} MB at most`,
      );
    },
  );

  it('refuses three bombs sent at once, and still imports a real file afterwards', async () => {
    const bomb = await zipBomb(300, 'lie');
    const before = peak();
    const [answers, sampled] = await sampledGrowth(() =>
      Promise.all([1, 2, 3].map(() => upload(ctx.app, baDinh, bomb))),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([400, 400, 400]);
    expect(peak() - before).toBeLessThan(150 * MB);
    console.log(`three zip bombs at once: RSS rose ${(sampled / MB).toFixed(0)} MB at most`);
    const report = await importFile(baDinh, await workbook([person(1)]));
    expect(report.status).toBe('imported');
  });

  it('refuses an upload above 20 MB with 413 naming the file', async () => {
    const res = await upload(ctx.app, baDinh, Buffer.alloc(21 * MB, 7));
    expect(res.statusCode, res.body).toBe(413);
    const { error } = res.json() as { error: { field: string; message: string } };
    expect(error.field).toBe('file');
    expect(error.message).toContain('nhan-su.xlsx');
  });
});
