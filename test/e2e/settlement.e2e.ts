import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, startServer, type Browser, type RunningServer } from './server';

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

async function open() {
  const b = await openBrowser();
  browsers.push(b);
  return b;
}

/** Opens a step's form, fills it, confirms, and waits for the new status. */
async function step(page: Page, name: string, next: string, fill?: () => Promise<void>) {
  await page.getByRole('button', { name, exact: true }).click();
  if (fill) await fill();
  await page.getByTestId('st-step-form').getByRole('button', { name: 'Xác nhận', exact: true }).click();
  await page.getByTestId('st-status').getByText(next, { exact: true }).waitFor();
}

describe('settlement of a leaving case', () => {
  it('a commune files a case, the province approves and decides, the commune pays, the Ministry reads the board', async () => {
    // 1. The commune files the case; the page shows how the total is reached (worked by hand in domain.test.ts).
    const { page } = await open();
    await signIn(page, server.url, 'commune-00004', undefined, '/nghi-viec/moi');
    await page.getByRole('heading', { level: 1, name: 'Lập hồ sơ nghỉ việc' }).waitFor();
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn Bình');
    await page.getByLabel('Ngày sinh').fill('1966-05-10');
    await page.getByLabel('Hệ số lương ngạch, bậc').fill('4.98');
    await page.getByLabel('Hệ số phụ cấp chức vụ').fill('0.3');
    await page.getByLabel('Số năm đóng BHXH bắt buộc').fill('30');
    await page.getByLabel('Số tháng lẻ').fill('4');
    await page.getByLabel('Quyết định sắp xếp tổ chức bộ máy').fill('1656/NQ-UBTVQH15');
    await page.getByLabel('Ngày quyết định sắp xếp').fill('2025-07-01');
    await page.getByLabel('Ngày nghỉ việc').fill('2025-08-01');
    await screenshot(page, 'settlement-new');
    await page.getByRole('button', { name: 'Lập hồ sơ và tính chế độ' }).click();
    await page.getByTestId('st-case').waitFor();
    expect(await page.getByTestId('st-total').textContent()).toContain('861.003.000');
    // each line's legal basis as an official cites it, its formula and months written the Vietnamese way
    const lines = await page.getByTestId('st-lines').textContent();
    expect(lines).toContain('điểm a khoản 1 Điều 7 Nghị định số 178/2024/NĐ-CP');
    expect(lines).toContain('1 × 15.444.000 × 34');
    expect(lines).toContain('11,75');
    expect(lines).not.toMatch(/Decree|Art\./);
    await screenshot(page, 'settlement-case');
    const casePath = new URL(page.url()).pathname;

    // 2. The province approves and records the leaving decision.
    const province = (await open()).page;
    await signIn(province, server.url, 'province-01', undefined, casePath);
    await step(province, 'Phê duyệt', 'Đã phê duyệt');
    await step(province, 'Ghi quyết định nghỉ việc', 'Đã có quyết định nghỉ', async () => {
      await province.getByLabel('Quyết định nghỉ việc', { exact: true }).fill('215/QĐ-UBND');
      await province.getByLabel('Ngày quyết định nghỉ việc').fill('2025-07-20');
    });

    // 3. The commune records the payment.
    await page.reload();
    await step(page, 'Ghi chi trả', 'Đã chi trả', async () => {
      await page.getByLabel('Ngày chi trả').fill('2025-08-01');
    });
    expect(await page.getByTestId('st-history').textContent()).toContain('Ghi chi trả');

    // 4. The Ministry reads the national board.
    const ministry = (await open()).page;
    await signIn(ministry, server.url, 'ministry', undefined, '/nghi-viec/tien-do');
    await ministry.getByTestId('st-finished').waitFor();
    expect(await ministry.getByTestId('st-finished').textContent()).toMatch(/\/34 tỉnh.*\/27 bộ/);
    expect(await ministry.getByTestId('st-progress-central').locator('tbody tr').count()).toBe(27);
    await screenshot(ministry, 'settlement-progress');
  });
});
