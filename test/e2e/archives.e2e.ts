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

/** A small PDF of `n` pages (the server counts its /Type /Page objects), padded to need a few pieces. */
const pdf = (n: number) =>
  Buffer.from(
    '%PDF-1.4\n' +
      Array.from({ length: n }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`).join('') +
      ' '.repeat(5000) +
      '%%EOF\n',
    'latin1',
  );

/** Today in Vietnam, as a date field takes it. */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

describe('archives after the merger', () => {
  it('a province records a hand-over with shortfalls, a commune digitizes a batch, the Ministry reads both boards', async () => {
    // 1. Hà Nội's Department receives an archive handed over to it, with files missing.
    const province = await open();
    await signIn(province, server.url, 'province-01', undefined, '/luu-tru');
    await province.getByRole('heading', { level: 1, name: 'Lưu trữ sau sắp xếp' }).waitFor({ timeout: 120_000 });
    // The filtered list replaces the first one: wait for it, or the row read below is gone by the click.
    const filtered = province.waitForResponse(
      (r) => r.url().includes('/api/archives/handovers?') && r.url().includes('state=handed_over'),
    );
    await province.getByLabel('Trạng thái').selectOption({ label: 'Đã bàn giao' });
    await filtered;
    await expect.poll(() => province.locator('.table-wrap[aria-busy="true"]').count()).toBe(0);
    const row = province.getByTestId('handover-row').first();
    await row.waitFor();
    const former = (await row.locator('td').first().getByRole('button').textContent())!;
    await row.getByRole('button', { name: former }).click();
    const receive = province.getByTestId('receive-form');
    await receive.getByLabel('Ngày nhận').fill(today());
    await receive.getByLabel('Tài liệu còn thiếu (nếu có)').fill('Thiếu sổ đăng ký hộ tịch năm 1998–1999');
    await receive.getByLabel('Số hồ sơ thiếu').fill('2');
    await screenshot(province, 'archives-receive');
    await receive.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
    await province.getByTestId('handover-detail').waitFor({ state: 'detached' });
    await province.getByLabel('Trạng thái').selectOption({ label: 'Đã nhận, còn thiếu' });
    await province.getByLabel('Tên đơn vị cũ').fill(former);
    const received = province.getByTestId('handover-row').filter({ hasText: former }).first();
    await expect.poll(() => received.textContent()).toContain('Thiếu 2 hồ sơ');

    // 2. Phường Ba Đình plans a fonds, opens a batch, uploads a scan (twice: the second is recognised), describes it.
    const commune = await open();
    await signIn(commune, server.url, 'commune-00004', undefined, '/luu-tru?tab=plans');
    const fonds = `Phông UBND phường Trúc Bạch (cũ) ${Date.now()}`;
    await commune.getByRole('button', { name: 'Lập kế hoạch số hóa' }).click();
    const planForm = commune.getByTestId('plan-form');
    await planForm.getByLabel('Phông').fill(fonds);
    await planForm.getByLabel('Số hồ sơ').fill('40');
    await planForm.getByLabel('Số trang').fill('1200');
    await planForm.getByRole('button', { name: 'Lưu' }).click();
    await commune.getByRole('button', { name: fonds }).click();
    const batchForm = commune.getByTestId('batch-form');
    await batchForm.getByLabel('Tên lô').fill('Lô 01 – hộ tịch');
    await batchForm.getByLabel('Số hồ sơ dự kiến').fill('5');
    await batchForm.getByRole('button', { name: 'Mở lô mới' }).click();
    await commune.getByRole('link', { name: 'Lô 01 – hộ tịch' }).click();
    await commune.getByRole('heading', { level: 1, name: 'Lô 01 – hộ tịch' }).waitFor();

    const scan = { name: 'ho-tich-1998.pdf', mimeType: 'application/pdf', buffer: pdf(3) };
    await commune.getByLabel('Chọn tệp quét').setInputFiles(scan);
    await commune.getByRole('button', { name: 'Tải lên' }).click();
    await commune.getByTestId('upload-item').getByText('Đã nhận', { exact: true }).waitFor();
    await commune.getByTestId('scan-list').getByText('ho-tich-1998.pdf').waitFor();
    // The same file again, under another name: known by its SHA-256, not sent.
    await commune.getByLabel('Chọn tệp quét').setInputFiles({ ...scan, name: 'ho-tich-1998 (2).pdf' });
    await commune.getByRole('button', { name: 'Tải lên' }).click();
    await commune.getByTestId('upload-item').getByText('Tệp này đã có trong lô, không gửi lại').waitFor();
    expect(await commune.getByTestId('batch-scans').textContent()).toBe('1');
    await screenshot(commune, 'archives-batch-upload');

    await commune.getByRole('button', { name: 'Hoàn thành quét' }).click();
    await commune.getByRole('button', { name: 'Xác nhận đã kiểm tra' }).click();
    await commune.getByRole('button', { name: 'Thêm biên mục' }).click();
    const form = commune.getByTestId('description-form');
    await form.getByLabel('Mã hồ sơ').fill('HT-1998-01');
    await form.getByLabel('Số văn bản').fill('12');
    await form.getByLabel('Ký hiệu').fill('QĐ-UBND');
    await form.getByLabel('Ngày văn bản').fill('1998-05-14');
    await form.getByLabel('Cơ quan ban hành').fill('UBND phường Trúc Bạch');
    await form.getByLabel('Trích yếu').fill('Quyết định về việc đăng ký khai sinh quá hạn');
    expect(await form.getByLabel('Số trang').inputValue()).toBe('3');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const table = commune.getByTestId('descriptions');
    await table.getByText('Quyết định về việc đăng ký khai sinh quá hạn').waitFor();
    expect(await table.textContent()).toContain('14/05/1998');
    expect(await table.textContent()).toContain('12/QĐ-UBND');
    // A typo seen after saving: corrected in place.
    await table.getByRole('button', { name: 'Sửa' }).first().click();
    await commune
      .getByTestId('description-form')
      .getByLabel('Trích yếu')
      .fill('Quyết định về việc đăng ký khai sinh quá hạn năm 1998');
    await commune.getByTestId('description-form').getByRole('button', { name: 'Lưu' }).click();
    await table.getByText('Quyết định về việc đăng ký khai sinh quá hạn năm 1998').waitFor();
    await commune.getByRole('button', { name: 'Hoàn thành biên mục' }).click();
    await commune.getByRole('button', { name: 'Đưa ra sử dụng' }).click();
    await commune.getByTestId('batch-stages').locator('[aria-current=step]').getByText('Đưa ra sử dụng').waitFor();
    await screenshot(commune, 'archives-batch-published');

    // Found without diacritics.
    await commune.goto(`${server.url}/luu-tru?tab=search`);
    await commune.getByLabel('Trích yếu, số ký hiệu, cơ quan ban hành').fill('dang ky khai sinh qua han');
    await commune.getByRole('button', { name: 'Tìm', exact: true }).click();
    await commune
      .getByTestId('descriptions')
      .getByText('Quyết định về việc đăng ký khai sinh quá hạn')
      .first()
      .waitFor();

    // 3. The Ministry reads the share received per province and the digitization board.
    const ministry = await open();
    await signIn(ministry, server.url, 'ministry', undefined, '/luu-tru?tab=board');
    await ministry.getByTestId('handover-board').waitFor();
    expect(await ministry.getByTestId('handover-board').locator('tbody tr').count()).toBe(34);
    expect(await ministry.getByTestId('handover-total').textContent()).toMatch(/đơn vị cũ; đã nhận/);
    await screenshot(ministry, 'archives-handover-board');
    await ministry.getByRole('tab', { name: 'Số hóa', exact: true }).click();
    await ministry.getByTestId('digitization-board').waitFor();
    const hanoi = ministry.getByTestId('digitization-board').locator('tbody tr').filter({ hasText: 'Hà Nội' });
    expect(await hanoi.count()).toBe(1);
    await screenshot(ministry, 'archives-digitization-board');
  });
});
