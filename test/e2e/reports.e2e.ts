import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  return b.page;
}

describe('a periodic report from draft to approval', () => {
  it('a ward drafts its 6-month report, writes its assessment, sends it; the province returns it, then approves', async () => {
    // 1. Phường Ba Đình drafts the current half year's report: the figures are there, taken from the platform.
    const ward = await open();
    await signIn(ward, server.url, 'commune-00004', undefined, '/bao-cao');
    await ward.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor({ timeout: 120_000 });
    const create = ward.locator('form', { has: ward.getByRole('heading', { name: 'Lập dự thảo báo cáo' }) });
    await create.getByLabel('Loại báo cáo').selectOption({ label: 'Báo cáo 6 tháng' });
    const period = create.getByLabel('Kỳ báo cáo');
    const periodName = (await period.locator('option:checked').textContent())!;
    expect(periodName).toMatch(/^6 tháng (đầu|cuối) năm 20\d\d$/);
    await create.getByRole('button', { name: 'Lập dự thảo' }).click();
    await ward.getByTestId('rp-flow').waitFor();
    await expect.poll(() => ward.textContent('body')).toContain(periodName);
    const dossiers = ward.getByTestId('rp-section-dossiers');
    await expect.poll(() => dossiers.textContent()).toContain('Hồ sơ tiếp nhận');
    await expect.poll(() => dossiers.textContent()).toContain('Xem dữ liệu gốc');
    const reportUrl = ward.url();

    const own = ward.getByTestId('rp-section-assessment');
    await own.getByLabel('Nhận định, đánh giá của đơn vị').fill('Bộ máy phường vận hành thông suốt sau sắp xếp.');
    await own.getByRole('button', { name: 'Lưu' }).click();
    await own.getByRole('status').getByText('Đã lưu.').waitFor();
    await screenshot(ward, 'reports-ward-draft');
    await ward.getByTestId('rp-flow').getByRole('button', { name: 'Gửi cấp trên' }).click();
    await ward.getByText('Đã gửi', { exact: true }).first().waitFor();

    // 2. Hà Nội's Department opens it from the list, returns it with a comment.
    const province = await open();
    await signIn(province, server.url, 'province-01', undefined, reportUrl.replace(server.url, ''));
    const flow = province.getByTestId('rp-flow');
    await flow.waitFor({ timeout: 60_000 });
    await flow.getByRole('button', { name: 'Trả lại' }).click();
    await flow.getByRole('alert').getByText('Nhập ý kiến để trả lại báo cáo.').waitFor();
    await flow.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill('Bổ sung số liệu hồ sơ quá hạn và nguyên nhân.');
    await flow.getByRole('button', { name: 'Trả lại' }).click();
    await province.getByText('Bị trả lại', { exact: true }).first().waitFor();

    // 3. The ward sees the comment in the history, amends and sends again; the province approves.
    await ward.reload();
    await expect.poll(() => ward.textContent('body')).toContain('Bổ sung số liệu hồ sơ quá hạn và nguyên nhân.');
    const again = ward.getByTestId('rp-section-assessment');
    await again
      .getByLabel('Nhận định, đánh giá của đơn vị')
      .fill('Bộ máy phường vận hành thông suốt; 3 hồ sơ quá hạn do thiếu chuyên viên tư pháp.');
    await again.getByRole('button', { name: 'Lưu' }).click();
    await again.getByRole('status').getByText('Đã lưu.').waitFor();
    await ward.getByTestId('rp-flow').getByRole('button', { name: 'Gửi cấp trên' }).click();
    await ward.getByText('Đã gửi', { exact: true }).first().waitFor();

    await province.reload();
    await province.getByTestId('rp-flow').getByRole('button', { name: 'Duyệt' }).click();
    await province.getByText('Đã duyệt', { exact: true }).first().waitFor();
    // Approved: it can be published, not approved or returned again.
    const after = province.getByTestId('rp-flow');
    await after.getByRole('button', { name: 'Ban hành' }).waitFor();
    expect(await after.getByRole('button', { name: 'Duyệt' }).count()).toBe(0);
    expect(await after.getByRole('button', { name: 'Trả lại' }).count()).toBe(0);
    await screenshot(province, 'reports-province-approved');
    // No code or login name shows on the page: people are named, the period in words.
    const text = (await province.textContent('body'))!;
    expect(text).not.toMatch(/commune-00004|province-01|20\d\d-H[12]/);

    // 4. The Word document downloads.
    const href = await province.getByRole('link', { name: 'Tải bản Word' }).getAttribute('href');
    const doc = await province.request.get(server.url + href);
    expect(doc.status()).toBe(200);
    expect((await doc.body()).subarray(0, 2).toString()).toBe('PK');
  });
});
