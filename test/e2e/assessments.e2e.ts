import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
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
afterEach(async (ctx) => {
  // A failed step leaves a picture of where it stopped.
  if (ctx.task.result?.state === 'fail')
    for (const [i, b] of browsers.entries())
      await screenshot(b.page, `assessments-failed-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}-${i}`).catch(
        () => undefined,
      );
  while (browsers.length) await browsers.pop()!.close();
});

async function open(opts?: Parameters<typeof openBrowser>[0]) {
  const b = await openBrowser(opts);
  browsers.push(b);
  return b.page;
}
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const COMMUNE = '00004';

/** A JSON API session outside the browser (set-up only: the account linked to a staff record). */
async function apiSession(username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) return null;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { personId?: string | null } };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(server.url + path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { call, user };
}

/** The staff account of the commune: the demo one when the demo nation has it, else one the administrator links to a person. */
async function staffAccount(): Promise<{ username: string; password: string; personId: string; fullName: string }> {
  const demo = await apiSession(`staff-${COMMUNE}`);
  if (demo?.user.personId) {
    const p = await demo.call<{ fullName: string }>('GET', `/api/people/${demo.user.personId}`);
    return {
      username: `staff-${COMMUNE}`,
      password: DEMO_PASSWORD,
      personId: demo.user.personId,
      fullName: p.fullName,
    };
  }
  const head = (await apiSession(`commune-${COMMUNE}`))!;
  const people = await head.call<{ items: { id: string; fullName: string }[] }>(
    'GET',
    `/api/people?unit=${COMMUNE}&pageSize=100`,
  );
  // Someone with a Vietnamese name in diacritics, to see it rendered.
  const person = people.items.find((p) => /[^\x20-\x7e]/.test(p.fullName)) ?? people.items[0]!;
  const admin = (await apiSession('admin'))!;
  const password = 'e2e-staff-password';
  await admin.call('POST', '/api/users', {
    username: 'e2e-staff',
    displayName: person.fullName,
    role: 'viewer',
    provinceCode: '01',
    communeCode: COMMUNE,
    personId: person.id,
    password,
  });
  return { username: 'e2e-staff', password, personId: person.id, fullName: person.fullName };
}

const dueDate = () => {
  // A due date later in the open quarter (the server's today is in it).
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3);
  const end = new Date(Date.UTC(now.getUTCFullYear(), q * 3 + 3, 0));
  const d = new Date(Math.min(end.getTime(), now.getTime() + 7 * 86_400_000));
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

/** The text of a person's row on the period page. */
async function personRow(page: Page, name: string) {
  const row = page.getByTestId('period-person').filter({ hasText: name });
  await row.waitFor();
  return row;
}

describe('assessments', () => {
  let staff: Awaited<ReturnType<typeof staffAccount>>;
  let periodPath = '';
  const title = `Báo cáo tình hình tiếp nhận hồ sơ ${Date.now() % 10000}`;

  it('a commune head assigns a task to a person of the unit', async () => {
    staff = await staffAccount();
    const page = await open();
    await signIn(page, server.url, `commune-${COMMUNE}`);
    await page.getByRole('link', { name: 'Đánh giá, xếp loại', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Đánh giá, xếp loại cán bộ, công chức' }).waitFor();
    await page
      .getByTestId('periods')
      .or(page.getByText('Chưa có kỳ nào.', { exact: false }))
      .first()
      .waitFor();
    await screenshot(page, 'assessments-home');
    await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    const form = page.getByTestId('assign-form');
    await form
      .getByLabel('Người được giao')
      .locator('option', { hasText: staff.fullName })
      .first()
      .waitFor({ state: 'attached' });
    await form.getByLabel('Người được giao').selectOption({ value: staff.personId });
    await form.getByLabel('Nội dung nhiệm vụ').fill(title);
    await form.getByLabel('Loại sản phẩm').selectOption({ label: 'Báo cáo' });
    await form.getByLabel('Số lượng sản phẩm').fill('2');
    // A mistake first: the date in the wrong format is explained under the field.
    await form.getByLabel(/Hạn hoàn thành/).fill('2026-12-40');
    await form.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await form.getByText('Nhập ngày theo dạng dd/mm/yyyy.').waitFor();
    await form.getByLabel(/Hạn hoàn thành/).fill(dueDate());
    await form.getByRole('button', { name: 'Giao nhiệm vụ' }).click();

    await page.getByText('Đã giao nhiệm vụ.').waitFor();
    periodPath = new URL(page.url()).pathname;
    expect(periodPath).toMatch(/^\/danh-gia\/ky\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Quý \d\/\d{4} · Phường Ba Đình$/);
    expect(await page.getByTestId('period-status').textContent()).toBe('Đang mở');
    // The person is listed with the new task counted (the demo may have given them others already).
    const row = await personRow(page, staff.fullName);
    expect(await row.textContent()).toMatch(/\d+\/[1-9]\d*/);
    await screenshot(page, 'assessments-period-assigned');
  });

  it('the staff member, on a phone, reports the delivery and assesses themself', async () => {
    const page = await open(PHONE);
    await signIn(page, server.url, staff.username, staff.password);
    await page.getByRole('button', { name: /Danh mục/ }).click();
    await page.getByRole('link', { name: 'Đánh giá, xếp loại', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Kết quả công việc của tôi' }).waitFor();
    const task = page.getByTestId('task').filter({ hasText: title });
    await task.waitFor();
    expect(await task.textContent()).toContain('Giao 2 Báo cáo');
    await task.getByLabel('Số sản phẩm đã hoàn thành').fill('2');
    await task.getByLabel(/Minh chứng/).fill('Báo cáo số 15/BC-UBND ngày hôm nay');
    await task.getByRole('button', { name: 'Báo cáo kết quả' }).click();
    await task.getByText('Đã báo cáo kết quả', { exact: true }).waitFor();
    expect(await task.textContent()).toContain('Báo cáo: 2 sản phẩm');

    const self = page.getByTestId('self-form');
    await self.getByLabel(/Phẩm chất chính trị/).fill('9');
    await self.getByLabel(/Năng lực, trách nhiệm/).fill('12');
    await self.getByLabel(/Tinh thần đổi mới/).fill('8,5');
    await self.getByRole('button', { name: 'Lưu tự đánh giá' }).click();
    await self.getByText('Nhập số từ 0 đến 10.').waitFor();
    await self.getByLabel(/Năng lực, trách nhiệm/).fill('9');
    await self.getByRole('button', { name: 'Lưu tự đánh giá' }).click();
    await page.getByText('Đã lưu tự đánh giá.').waitFor();
    await page.getByTestId('assessment-record').getByText('Quý', { exact: false }).first().waitFor();
    // Nothing sticks out sideways on the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'assessments-staff-phone');
  });

  it('the head reviews the delivery and assesses the person: the score updates', async () => {
    const page = await open();
    await signIn(page, server.url, `commune-${COMMUNE}`, DEMO_PASSWORD, periodPath);
    const awaiting = page.getByTestId('awaiting').getByTestId('task').filter({ hasText: title });
    await awaiting.waitFor();
    expect(await awaiting.textContent()).toContain('Báo cáo số 15/BC-UBND');
    const before = await (await personRow(page, staff.fullName)).getByTestId('task-points').textContent();
    await awaiting.locator('summary').click();
    await awaiting.getByLabel('Số sản phẩm được nghiệm thu').fill('2');
    // One product came back with a major error: the task points go down from what the delivery alone gave.
    await awaiting.getByLabel('Số lỗi lớn').fill('1');
    await awaiting.getByRole('button', { name: 'Lưu đánh giá nhiệm vụ' }).click();
    await awaiting.waitFor({ state: 'detached' });
    const row = await personRow(page, staff.fullName);
    await expect.poll(() => row.getByTestId('task-points').textContent()).not.toBe(before);
    expect(await row.getByTestId('task-points').textContent()).toMatch(/^\d+(,\d+)?\/70$/);

    // The head's own scores of the general criteria make the total.
    await row.getByRole('link', { name: staff.fullName }).click();
    await page.getByRole('heading', { level: 1, name: staff.fullName }).waitFor();
    const head = page.getByTestId('head-form');
    // The form starts from the head's earlier scores, else from the self-assessment.
    expect(await head.getByLabel(/Phẩm chất chính trị/).inputValue()).toMatch(/^\d+(,\d+)?$/);
    await head.getByLabel(/Phẩm chất chính trị/).fill('9');
    await head.getByLabel(/Năng lực, trách nhiệm/).fill('9');
    await head.getByLabel(/Tinh thần đổi mới/).fill('9');
    await head.getByLabel('Nhận xét của thủ trưởng').fill('Hoàn thành đúng hạn, chất lượng tốt.');
    await head.getByRole('button', { name: 'Lưu đánh giá' }).click();
    await head.getByText('Đã lưu đánh giá của thủ trưởng.').waitFor();
    const total = page.locator('.panel-head').getByTestId('score');
    // The demo's other tasks of the period count too: any band, but a number now.
    await expect.poll(() => total.textContent()).toMatch(/^\d+(,\d+)?\s*(Không hoàn thành|Hoàn thành)/);
    await screenshot(page, 'assessments-review');

    await page.getByRole('link', { name: '‹ Về kỳ đánh giá' }).click();
    const scored = await personRow(page, staff.fullName);
    expect(await scored.getByTestId('score').textContent()).toMatch(/^\d+(,\d+)?\s*(Không hoàn thành|Hoàn thành)/);
    await screenshot(page, 'assessments-period-scored');
  });

  it('the annual page shows the distribution against the quota and the downloads; the person page shows the results', async () => {
    const page = await open();
    await signIn(page, server.url, `commune-${COMMUNE}`, DEMO_PASSWORD, '/danh-gia');
    await page.getByTestId('annual-link').click();
    await page.getByRole('heading', { level: 1, name: /^Xếp loại chất lượng năm \d{4}: Phường Ba Đình$/ }).waitFor();
    await page.getByTestId('band-bars').waitFor();
    expect(await page.getByTestId('annual-due').textContent()).toMatch(
      /Hạn hoàn thành: 15\/12\/\d{4} \((còn|đã quá) \d+ ngày\)/,
    );
    await page.getByRole('button', { name: 'Tính đề xuất xếp loại' }).click();
    await page.getByText(/^Đã tính: \d+ đề xuất/).waitFor();
    const list = page.getByTestId('annual-list');
    await list.waitFor();
    expect(await page.getByTestId('rating').count()).toBeGreaterThan(0);
    const counts = await Promise.all(
      ['excellent', 'good', 'completed', 'not_completed'].map((b) => page.getByTestId(`band-count-${b}`).textContent()),
    );
    expect(counts.every((c) => /^\d+$/.test(c ?? ''))).toBe(true);
    const xlsx = await page.getByTestId('xlsx-link').getAttribute('href');
    const res = await page.request.get(server.url + xlsx!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    await screenshot(page, 'assessments-annual');

    // The same page in English.
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { level: 1, name: /^Annual rating \d{4}: Phường Ba Đình$/ }).waitFor();
    expect(await page.getByTestId('band-bars').textContent()).toContain('Excellent completion of duties');
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();

    await page.goto(`${server.url}/people/${staff.personId}`);
    const record = page.getByTestId('assessment-record');
    await record.getByTestId('record-periods').waitFor();
    expect(await record.textContent()).toMatch(/Kết quả đánh giá.*Quý \d\/\d{4}/s);
    await record.locator('canvas').waitFor();
    await screenshot(page, 'assessments-person');
  });

  it('reads well on a phone: the annual list as cards', async () => {
    const page = await open(PHONE);
    await signIn(page, server.url, `commune-${COMMUNE}`, DEMO_PASSWORD, `/danh-gia`);
    await page.getByTestId('annual-link').click();
    await page.getByTestId('band-bars').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'assessments-annual-phone');
  }, 120_000);

  it('a province on a phone: units not done by 15 December, the comparison scrolling in its box, a unit over the quota', async () => {
    const province = await open(PHONE);
    await signIn(province, server.url, 'province-01', DEMO_PASSWORD, '/danh-gia/tong-hop');
    await province.getByTestId('compare').waitFor();
    await province.getByTestId('days-left').waitFor();
    expect(await province.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(province, 'assessments-summary-phone');

    // A commune over the excellent quota: its annual page says so plainly.
    const over = province.getByLabel(/Chỉ hiện đơn vị vượt tỷ lệ xuất sắc/);
    const label =
      (await province.locator('label.check', { hasText: 'Chỉ hiện đơn vị vượt tỷ lệ xuất sắc' }).textContent()) ?? '';
    const n = Number(/\((\d+)\)/.exec(label)?.[1] ?? 0);
    if (n > 0) {
      await over.check();
      await province.getByTestId('compare').locator('tbody tr.row-overdue a').first().click();
      await province.getByTestId('quota-exceeded').waitFor();
      expect(await province.getByTestId('quota-exceeded').textContent()).toMatch(
        /^Vượt tỷ lệ: \d+ người “Hoàn thành xuất sắc nhiệm vụ”, tối đa được \d+\./,
      );
      await screenshot(province, 'assessments-over-quota-phone', false);
    }
  }, 120_000);
});
