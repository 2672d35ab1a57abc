/**
 * The browser through two API processes on one PostgreSQL database (issue #14), behind a round-robin proxy on
 * loopback (test/e2e/round-robin.ts): sign-in, an intake pressed again after its answer was lost (one Idempotency-Key,
 * the two requests on the two processes), a background workforce import whose progress is polled on both, sign-out.
 *
 * Runs whenever a PostgreSQL server is reachable: DATABASE_URL's, or 127.0.0.1:5432 (user postgres, trust, as in CI).
 * It makes its own throw-away database there and drops it at the end; without a server it is skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withServer } from '../pg-server';
import { makeNationalId } from '../../src/modules/workforce/domain/national-id';
import { startRoundRobin, type RoundRobin } from './round-robin';
import { openBrowser, screenshot, signIn, startServer, type Browser, type RunningServer } from './server';

/** A server to make the throw-away database on, or null (then the file is skipped). */
async function reachablePostgres(): Promise<string | null> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(url);
  const open = await new Promise<boolean>((resolve) => {
    const s = connect(Number(u.port || 5432), u.hostname);
    s.setTimeout(2000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
  if (!open) return null;
  try {
    await withServer(url, (q) => q`SELECT 1`.then(() => {}));
    return url;
  } catch {
    return null;
  }
}

const serverUrl = await reachablePostgres();

describe.skipIf(!serverUrl)('two API processes behind a round-robin proxy, one PostgreSQL database', () => {
  const name = `haicap_e2e_two_${process.pid}_${Date.now() % 100000}`;
  const filesDir = mkdtempSync(join(tmpdir(), 'haicap-e2e-files-'));
  let a: RunningServer | undefined;
  let b: RunningServer | undefined;
  let proxy: RoundRobin | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await withServer(serverUrl!, (q) => q.unsafe(`CREATE DATABASE "${name}"`).then(() => {}));
    const u = new URL(serverUrl!);
    u.pathname = `/${name}`;
    const env = { DATABASE_URL: u.toString(), DEMO: '1', FILES_DIR: filesDir };
    // One after the other: the first prepares the database (migrations, the demo nation), the second finds it ready.
    a = await startServer({ env });
    b = await startServer({ env });
    proxy = await startRoundRobin([a.url, b.url]);
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await withServer(serverUrl!, (q) => q.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => {}));
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('signs in, receives a dossier pressed again after a lost answer, imports the workforce with progress, signs out', async ({
    onTestFailed,
  }) => {
    browser = await openBrowser();
    const { page } = browser;
    onTestFailed(async () => {
      await screenshot(page, 'two-processes-failed');
      console.log(proxy!.log.slice(-40));
    });
    const base = proxy!.url;
    // Giảng Võ (00025) works without personal accounts: its account receives dossiers and imports its staff.
    await signIn(page, base, 'commune-00025', undefined, '/dossiers');

    // Intake: the first answer is lost on the way back (the dossier made all the same), the officer presses again.
    await page.getByRole('link', { name: '+ Tiếp nhận hồ sơ' }).click();
    await page.getByLabel('Thủ tục hành chính').fill('tinh trang hon nhan');
    await page.getByRole('option', { name: /Cấp Giấy xác nhận tình trạng hôn nhân/ }).click();
    const applicant = `Trần Thị Hai Tiến Trình ${Date.now() % 100000}`;
    await page.getByLabel('Họ và tên').fill(applicant);
    await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill('001190012345');
    let lost = false;
    await page.route(
      (url) => url.pathname === '/api/dossiers',
      async (route) => {
        if (route.request().method() !== 'POST' || lost) return route.continue();
        lost = true;
        await route.fetch(); // the server receives it and answers …
        await route.abort('connectionreset'); // … and the answer never arrives
      },
    );
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByTestId('receipt-code').waitFor();
    const intakes = proxy!.log.filter((r) => r.method === 'POST' && r.path.split('?')[0] === '/api/dossiers');
    expect(intakes).toHaveLength(2);
    expect(intakes[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(intakes[1]!.idempotencyKey).toBe(intakes[0]!.idempotencyKey);
    expect(new Set(intakes.map((r) => r.backend))).toEqual(new Set([0, 1])); // one press on each process
    expect(intakes.map((r) => r.status)).toEqual([201, 201]);
    const listed = await page.request.get(`${base}/api/dossiers?q=${encodeURIComponent(applicant)}`);
    expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(1); // one dossier made
    await screenshot(page, 'two-processes-intake');

    // A workforce file large enough to run in the background: its progress is polled through the proxy.
    await page.goto(base + '/people');
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    const file = await staffWorkbook(3000);
    expect(file.length).toBeGreaterThan(200_000); // io/routes.ts ASYNC_BYTES: imported as a job
    await page.getByLabel('Tệp Excel (.xlsx)').setInputFiles({
      name: 'nhan-su-giang-vo.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await page.getByRole('button', { name: 'Kiểm tra và nhập' }).click();
    await page.locator('.import-progress progress').waitFor();
    const report = page.getByTestId('import-report');
    const failed = page.getByTestId('workforce-import').getByRole('alert');
    await report.or(failed).first().waitFor({ timeout: 180_000 });
    // Before the jobs were kept in the database: "not found" from the process that did not run the job.
    if (await failed.count()) throw new Error(`the import page shows: ${await failed.first().textContent()}`);
    expect(await report.textContent()).toMatch(/3\.?000 dòng: thêm mới 3\.?000, cập nhật 0, không đổi 0\./);
    await screenshot(page, 'two-processes-import');
    const started = proxy!.log.filter((r) => r.method === 'POST' && r.path.startsWith('/api/workforce/import'));
    expect(started.map((r) => r.status)).toEqual([202]);
    const polls = proxy!.log.filter((r) => r.method === 'GET' && r.path.startsWith('/api/workforce/import/'));
    // The first poll goes to the process that did not receive the file (the rotation per path), all answered.
    expect(polls[0]!.backend).not.toBe(started[0]!.backend);
    expect(polls.every((r) => r.status === 200)).toBe(true);
    console.log(`import polled ${polls.length} times: ${polls.map((r) => r.backend).join('')}`);

    // Sign-out through one process ends the session in both (the other's cache within SESSION_CACHE_MS).
    const cookies = await page.context().cookies(base);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel(/Tên đăng nhập|Username/).waitFor();
    for (const server of [a!, b!])
      await expect
        .poll(async () => (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status, {
          timeout: 15_000,
        })
        .toBe(401);

    const counts = proxy!.counts();
    console.log(`requests per process: ${counts.join(' / ')}`);
    expect(Math.min(...counts)).toBeGreaterThan(10);
  }, 300_000);
});

/** The personnel template with `n` new people of Phường Giảng Võ. */
async function staffWorkbook(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhân sự');
  const headers = [
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
  ];
  ws.addRow(headers);
  const base = 700_000 + Math.floor(Math.random() * 100_000);
  for (let i = 1; i <= n; i++)
    ws.addRow([
      i,
      `Nguyễn Văn Hai Tiến Trình ${i}`,
      '14/03/1988',
      'Nam',
      makeNationalId('001', '1988-03-14', 'male', base + i),
      'Kinh',
      '0912345678',
      `hai.tien.trinh.${i}@hanoi.gov.vn`,
      '00025',
      'Công chức',
      'Đại học',
      'Luật',
      'Trung cấp',
      'Chuyên viên',
      'Ứng dụng CNTT cơ bản',
      'Tiếng Anh B1',
      '01.003',
      3,
      3.0,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
