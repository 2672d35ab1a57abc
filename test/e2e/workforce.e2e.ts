import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  SCREENSHOT_DIR,
  openBrowser,
  screenshot,
  signIn,
  startServer,
  type Browser,
  type RunningServer,
} from './server';

let server: RunningServer;
const browsers: Browser[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(async () => {
  while (browsers.length) await browsers.pop()!.close();
});

async function open(opts?: Parameters<typeof openBrowser>[0]) {
  const b = await openBrowser(opts);
  browsers.push(b);
  return b.page;
}
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const DATE = /\d{2}\/\d{2}\/\d{4}/;

/** The name as someone types it on a keyboard without Vietnamese input: no diacritics, lower case. */
const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/** Waits until the charts have drawn on their canvas. */
async function chartDrawn(page: Page, testId: string) {
  await page.getByTestId(testId).locator('canvas').waitFor();
}

let personPath = '';

describe('workforce', () => {
  it('a commune officer finds a person by a name without diacritics, sees history and requirement check, edits the record', async () => {
    const page = await open();
    await signIn(page, server.url, 'commune-00004');
    await page.getByRole('link', { name: 'Nhân sự', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cán bộ, công chức, viên chức' }).waitFor();
    await page.getByTestId('person-row').first().waitFor();
    expect(await page.getByTestId('people-count').textContent()).toMatch(/^Kết quả: [\d.]+ người$/);
    // Only the commune's own staff, with the unit's name (the names come in their own request, after the rows).
    await expect
      .poll(async () => new Set(await page.getByTestId('people').locator('tbody td:nth-child(2)').allTextContents()))
      .toEqual(new Set(['Phường Ba Đình']));
    await screenshot(page, 'workforce-people');

    // Someone holding a job position now (so the requirement check applies), searched without diacritics.
    const names = await page.getByTestId('people').locator('tbody td:first-child a').allTextContents();
    const holders = await page.evaluate(async () => {
      const res = await fetch('/api/agencies?unit=00004');
      const body = (await res.json()) as {
        items: { posts: { kind: string; holders: { fullName: string; kind: string }[] }[] }[];
      };
      return body.items.flatMap((a) =>
        a.posts
          .filter((p) => p.kind === 'job_position')
          .flatMap((p) => p.holders.filter((h) => h.kind === 'regular').map((h) => h.fullName)),
      );
    });
    const name = holders.find((n) => plain(n) !== n.toLowerCase()) ?? holders[0]!;
    expect(name).toBeTruthy();
    await page.getByLabel('Tìm theo họ tên').fill(plain(name));
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(plain(name));
    await page.getByTestId('people').getByRole('link', { name, exact: true }).first().waitFor();
    expect(Number(((await page.getByTestId('people-count').textContent()) ?? '').replace(/\D/g, ''))).toBeLessThan(
      names.length + 1,
    );
    await page.getByTestId('people').getByRole('link', { name, exact: true }).first().click();

    await page.getByRole('heading', { level: 1, name }).waitFor();
    personPath = new URL(page.url()).pathname;
    expect(personPath).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    const history = page.getByTestId('assignment-history');
    await history.waitFor();
    const historyText = (await history.textContent()) ?? '';
    expect(historyText).toContain('Phường Ba Đình');
    expect(historyText).toMatch(/Chính thức|Biệt phái|Tăng cường/);
    expect(historyText).toMatch(DATE);
    const check = (await page.getByTestId('requirement-check').textContent()) ?? '';
    expect(check).toMatch(/Đáp ứng yêu cầu vị trí việc làm|Chưa đáp ứng yêu cầu của vị trí/);
    expect(historyText).toContain('Hiện tại');
    // The commune manages its staff: the full ID number, and the record can be edited.
    expect(await page.getByTestId('person-record').textContent()).toMatch(/\d{12}/);
    await screenshot(page, 'workforce-person');

    // Edit: a wrong e-mail is caught next to its field; then saved.
    await page.getByRole('button', { name: 'Sửa lý lịch' }).click();
    await page.getByLabel('Thư điện tử').fill('not-an-email');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Địa chỉ thư điện tử không đúng dạng.').waitFor();
    await screenshot(page, 'workforce-person-form-error');
    await page.getByLabel('Thư điện tử').fill('can.bo@badinh.hanoi.gov.vn');
    await page.getByLabel('Điện thoại').fill('024 3733 0001');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu lý lịch.').waitFor();
    await expect
      .poll(async () => (await page.getByTestId('person-record').textContent()) ?? '')
      .toContain('024 3733 0001');

    // Someone else changes the record while the form is open: the save is refused with the server's message.
    await page.getByRole('button', { name: 'Sửa lý lịch' }).click();
    const status = await page.evaluate(async (path) => {
      const id = path.split('/').pop();
      const res = await fetch(`/api/people/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': sessionStorage.getItem('haicap.csrf') ?? '' },
        body: JSON.stringify({ phone: '024 3733 0002' }),
      });
      return res.status;
    }, personPath);
    expect(status).toBe(200);
    await page.getByLabel('Điện thoại').fill('024 3733 0003');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const conflict = page.getByTestId('save-error');
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/vừa được người khác cập nhật/);
    await screenshot(page, 'workforce-person-conflict');
    await page.getByRole('button', { name: 'Tải lại dữ liệu mới nhất' }).click();
    await expect
      .poll(async () => (await page.getByTestId('person-record').textContent()) ?? '')
      .toContain('024 3733 0002');

    // The unit's staffing: agencies with their headcount, posts with holders.
    await page.goto(server.url + '/units/00004');
    await page.getByTestId('unit-workforce-link').click();
    await page.getByRole('heading', { level: 1, name: 'Nhân sự, biên chế: Phường Ba Đình' }).waitFor();
    await page.getByTestId('agency').first().waitFor();
    expect(await page.getByTestId('agency').count()).toBeGreaterThanOrEqual(6);
    expect(await page.getByText('Chủ tịch UBND', { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('export-link').getAttribute('href')).toBe('/api/workforce/export?unit=00004&lang=vi');
    await screenshot(page, 'workforce-unit');

    // Export the commune's staff and import the same file again: every row checked, nothing changes.
    await page.goto(server.url + '/people');
    const exportHref = await page.getByTestId('export-link').getAttribute('href');
    expect(exportHref).toBe('/api/workforce/export?unit=00004&lang=vi');
    const xlsx = await page.request.get(server.url + exportHref);
    expect(xlsx.status()).toBe(200);
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.getByLabel('Tệp Excel (.xlsx)').setInputFiles({
      name: 'nhan-su.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsx.body(),
    });
    await page.getByRole('button', { name: 'Kiểm tra và nhập' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    const reportText = (await report.textContent()) ?? '';
    expect(reportText).toMatch(/\d+ dòng: thêm mới 0, cập nhật 0, không đổi \d+\./);
    // The round trip should change nothing; when the server refuses a row, the error names its row and column.
    if (reportText.includes('Không nhập dòng nào')) expect(await report.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'workforce-import');
  });

  it('on a phone, the commune officer reads the list and the person page', async () => {
    const page = await open(PHONE);
    await signIn(page, server.url, 'commune-00004', undefined, '/people');
    await page.getByTestId('person-row').first().waitFor();
    await screenshot(page, 'workforce-people-phone', false);
    await page.goto(server.url + personPath);
    await page.getByTestId('assignment-history').waitFor();
    await screenshot(page, 'workforce-person-phone');
    await page.goto(server.url + '/workforce/units/00004');
    await page.getByTestId('agency').first().waitFor();
    await screenshot(page, 'workforce-unit-phone', false);
  });

  it('a province officer sees the summary: cards, reasons, charts, leadership vacancies longest first, secondments', async () => {
    const page = await open();
    await signIn(page, server.url, 'province-01', undefined, '/workforce');
    await page.getByRole('heading', { level: 1, name: 'Tổng hợp nhân sự' }).waitFor();
    await page.getByTestId('wf-cards').waitFor();
    expect(await page.getByTestId('wf-cards').textContent()).toContain('Biên chế được giao');
    await page.getByTestId('vacancy-row').first().waitFor();
    const days = (await page.getByTestId('vacancy-row').locator('td:last-child').allTextContents()).map((d) =>
      Number(d.replace(/\D/g, '')),
    );
    expect(days.length).toBeGreaterThan(0);
    expect([...days].sort((a, b) => b - a)).toEqual(days);
    // Unit names, not codes.
    expect(await page.getByTestId('vacancy-row').first().locator('td:first-child').textContent()).toMatch(
      /^(Phường|Xã|Thành phố|Đặc khu) /,
    );
    await chartDrawn(page, 'age-chart');
    await chartDrawn(page, 'education-chart');
    expect(await page.getByTestId('shortfalls').textContent()).toContain('Chuyên ngành đào tạo không phù hợp');
    await page.getByTestId('secondments').getByRole('link').first().waitFor();
    expect(await page.getByTestId('secondments').textContent()).toContain('→');
    await screenshot(page, 'workforce-summary-province');

    // Narrow to one commune.
    await page.getByLabel('Xã, phường').selectOption({ label: 'Phường Ba Đình' });
    await expect.poll(() => page.url()).toContain('commune=00004');
    await expect.poll(async () => (await page.getByText('Phạm vi: Phường Ba Đình').count()) > 0).toBe(true);
  });

  it('on a phone, the province summary stacks cards and charts', async () => {
    const page = await open(PHONE);
    await signIn(page, server.url, 'province-01', undefined, '/workforce');
    await page.getByTestId('vacancy-row').first().waitFor();
    await chartDrawn(page, 'age-chart');
    await screenshot(page, 'workforce-summary-phone');
  });

  it('the ministry opens the country-wide summary and picks a province', async () => {
    const page = await open();
    await signIn(page, server.url, 'ministry', undefined, '/workforce');
    await page.getByRole('heading', { level: 1, name: 'Tổng hợp nhân sự' }).waitFor();
    await page.getByTestId('wf-cards').waitFor();
    expect(await page.getByText('Phạm vi: Toàn quốc').count()).toBe(1);
    await page.getByTestId('vacancy-row').first().waitFor();
    await chartDrawn(page, 'education-chart');
    // The map of the 34 provinces, coloured by the picked figure, with the same figures listed beside it.
    await chartDrawn(page, 'wf-map');
    const mapSection = page.getByTestId('wf-map-section');
    expect(await mapSection.locator('.map-list li').count()).toBe(34);
    expect(await mapSection.locator('.map-list li').first().textContent()).toMatch(/^(Thành phố|Tỉnh) .+%$/);
    await page.getByLabel('Chỉ tiêu').selectOption('vacancies');
    await expect
      .poll(async () => (await mapSection.locator('.map-list li').first().textContent()) ?? '')
      .toMatch(/^(Thành phố|Tỉnh) .+\d$/);
    await page.waitForTimeout(600); // the colour transition
    await mapSection.screenshot({ path: `${SCREENSHOT_DIR}/workforce-map-ministry.png` });
    await screenshot(page, 'workforce-summary-ministry');
    // Every section links to the summary workbook.
    expect(await page.getByTestId('summary-export').first().getAttribute('href')).toMatch(
      /^\/api\/workforce\/summary\.xlsx(\?lang=vi)?$/,
    );
    expect(await page.getByTestId('summary-export').count()).toBeGreaterThanOrEqual(5);
    // A province is picked from the map's list (as by a click on the map).
    await mapSection.getByRole('button', { name: 'Thành phố Hà Nội' }).click();
    await expect.poll(() => page.url()).toContain('province=01');
    await page.getByTestId('staffing').waitFor();
    expect(await page.getByTestId('wf-map-section').count()).toBe(0);
    expect(await page.getByTestId('summary-export').first().getAttribute('href')).toContain(
      '/api/workforce/summary.xlsx?unit=01',
    );
    await page.getByLabel('Tỉnh, thành phố').selectOption('79');
    await expect.poll(() => page.url()).toContain('province=79');
  });
});
