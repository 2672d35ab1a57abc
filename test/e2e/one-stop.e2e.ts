/**
 * The one-stop's real steps with four people of Phường Ba Đình (docs/one-stop.md): the receiving officer receives a
 * dossier with a missing paper (Form 02) and records the paper when the citizen brings it; the leader assigns it; the
 * specialist processes it; the leader sends it back once with a reason, then approves; the receiving officer returns it
 * with the result; the citizen looks it up (handling unit, where to collect and when, the steps and the rounds of papers
 * without names) and rates it. Each lands on "Việc của tôi".
 */
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

async function as(username: string, path = '/') {
  const b = await openBrowser();
  browsers.push(b);
  await signIn(b.page, server.url, username, undefined, path);
  return b.page;
}
async function statusIs(page: Page, label: string) {
  await page.getByTestId('dossier-status').getByText(label, { exact: true }).waitFor();
}
async function stepIs(page: Page, label: string) {
  await page.getByTestId('current-step').getByText(`Bước hiện tại: ${label}`).waitFor();
}
/** Opens the dossier from the person's queue (their landing page). */
async function fromQueue(page: Page, list: string, code: string) {
  await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
  await page.getByTestId(`queue-${list}`).getByRole('link', { name: code }).click();
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
}

describe('the one-stop with four people', () => {
  it('receive with a missing paper → supplement → assign → process → sent back → approve → return → look-up and rating', async () => {
    // 1. The receiving officer lands on their queue, receives with a paper missing: Form 02 names it.
    let page = await as('00004-tiepnhan-1');
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    await screenshot(page, 'one-stop-landing-receiving');
    await page.goto(server.url + '/dossiers/new');
    await page.getByLabel('Thủ tục hành chính').fill('tinh trang hon nhan');
    await page.getByRole('option', { name: /Cấp Giấy xác nhận tình trạng hôn nhân/ }).click();
    const papers = page.getByTestId('intake-papers');
    await papers.getByLabel('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân').uncheck();
    await papers.getByText(/Còn thiếu: Tờ khai cấp Giấy xác nhận tình trạng hôn nhân/).waitFor();
    await page.getByLabel('Họ và tên').fill('Đỗ Thị Mai');
    await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill('001190067890');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByTestId('receipt-code').waitFor();
    const code = ((await page.getByTestId('receipt-code').textContent()) ?? '').trim();
    const token = /: ([0-9A-F]{10})/.exec((await page.getByTestId('rating-token').textContent()) ?? '')?.[1] ?? '';
    const form02 = page.getByRole('link', { name: 'In Phiếu yêu cầu bổ sung (Mẫu 02)' });
    const pdf = await page.evaluate(async (href) => (await fetch(href!)).status, await form02.getAttribute('href'));
    expect(pdf).toBe(200);
    await page.getByRole('link', { name: 'Mở hồ sơ', exact: true }).click();
    await statusIs(page, 'Chờ bổ sung hồ sơ');
    const dossierPath = new URL(page.url()).pathname;
    expect(await page.getByTestId('dossier-process').textContent()).toContain(
      'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân',
    );

    // 2. The citizen brings the paper back to the counter: the receiving officer records it and the clock starts; the
    // leader assigns it to a specialist of the unit, picked by name.
    await page.getByRole('button', { name: 'Đã nhận đủ bổ sung', exact: true }).click();
    await statusIs(page, 'Đang xử lý');
    page = await as('00004-lanhdao-1', dossierPath);
    await stepIs(page, 'Phân công');
    // (a select's accessible name also holds its chosen option, so it is found by its field, not by an exact label)
    const select = page.locator('select[name="assignee"]');
    expect(await select.locator('option').allTextContents()).not.toContain('00004-chuyenvien-1');
    await select.selectOption('00004-chuyenvien-1');
    await page.getByRole('button', { name: 'Phân công', exact: true }).click();
    await stepIs(page, 'Thẩm định, xử lý');
    await statusIs(page, 'Đang xử lý');

    // 3. The specialist finds it among their tasks and sends the draft to the leader.
    page = await as('00004-chuyenvien-1');
    await fromQueue(page, 'mine', code);
    await page.getByLabel('Ghi chú / dự thảo kết quả').fill('Dự thảo Giấy xác nhận tình trạng hôn nhân');
    await page.getByRole('button', { name: 'Trình lãnh đạo (kèm dự thảo kết quả)' }).click();
    await stepIs(page, 'Phê duyệt, ký');

    // 4. The leader lands on the approvals; sending back needs a reason.
    page = await as('00004-lanhdao-1');
    // (the screenshot once the approvals are there, not the page still loading)
    await page.getByTestId('queue-approvals').getByRole('link', { name: code }).waitFor();
    await screenshot(page, 'one-stop-landing-leader');
    await fromQueue(page, 'approvals', code);
    await page.getByRole('button', { name: 'Trả lại chuyên viên' }).click();
    await page
      .getByRole('alert')
      .getByText(/Phải nêu lý do/)
      .waitFor();
    await page.getByLabel('Lý do trả lại (bắt buộc)').fill('Ghi rõ nơi cư trú trước khi chuyển đến');
    await page.getByRole('button', { name: 'Trả lại chuyên viên' }).click();
    await stepIs(page, 'Thẩm định, xử lý');

    // 5. The specialist corrects and sends it again; the leader approves.
    page = await as('00004-chuyenvien-1');
    await fromQueue(page, 'mine', code);
    await page.getByRole('button', { name: 'Trình lãnh đạo (kèm dự thảo kết quả)' }).click();
    await stepIs(page, 'Phê duyệt, ký');
    page = await as('00004-lanhdao-1');
    await fromQueue(page, 'approvals', code);
    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await statusIs(page, 'Đã giải quyết xong');
    await stepIs(page, 'Trả kết quả');

    // 6. The receiving officer returns it only with the result: number, date, signer, file.
    page = await as('00004-tiepnhan-1');
    await fromQueue(page, 'toReturn', code);
    await page.getByLabel('Số kết quả').fill('37/GXN-UBND');
    await page.getByLabel('Ngày kết quả (dd/mm/yyyy)').fill(new Date().toLocaleDateString('en-GB'));
    await page.getByLabel('Người ký').fill('Chủ tịch UBND phường');
    await page.getByLabel('Tệp kết quả').setInputFiles({
      name: 'giay-xac-nhan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% ket qua\n'),
    });
    await page.getByTestId('step-actions').getByRole('button', { name: 'Trả kết quả', exact: true }).click();
    await statusIs(page, 'Đã trả kết quả');
    await page
      .getByTestId('result-line')
      .getByText(/37\/GXN-UBND/)
      .waitFor();
    const timeline = (await page.getByTestId('steps-timeline').textContent()) ?? '';
    for (const s of ['Tiếp nhận', 'Phân công', 'Thẩm định, xử lý', 'Phê duyệt, ký', 'Trả kết quả', 'Ghi rõ nơi cư trú'])
      expect(timeline).toContain(s);
    expect(timeline).not.toMatch(/00004-|chuyenvien|lanhdao|tiepnhan/); // names and posts, never login names
    await screenshot(page, 'one-stop-dossier-steps');

    // 7. The citizen looks it up: the handling unit, where to collect, the steps without names; and rates it.
    await page.goto(`${server.url}/tra-cuu?ma=${encodeURIComponent(code)}`);
    await page.getByTestId('public-result').waitFor();
    expect(await page.getByTestId('public-handling-unit').textContent()).toContain('Ba Đình');
    expect(await page.getByTestId('public-collect').textContent()).toContain('Ba Đình');
    const steps = (await page.getByTestId('public-steps').textContent()) ?? '';
    expect(steps).toContain('Phê duyệt, ký');
    // the rounds of papers in the timeline, and the unit's office hours (the default until Ba Đình sets its own)
    expect(steps).toContain('Đã nhận hồ sơ bổ sung của công dân');
    expect(await page.getByTestId('public-hours').textContent()).toBe(
      'Giờ làm việc: thứ Hai đến thứ Sáu; 8:00–12:00, 13:00–17:00',
    );
    const publicText = (await page.getByTestId('public-result').textContent()) ?? '';
    expect(publicText).not.toMatch(/00004-[a-z]|Đỗ Thị Mai/); // no officer's login name, no applicant's name
    const rating = page.locator('form.rating-form'); // the complaint form asks for the same rating code
    await rating.getByLabel('Rất hài lòng').check();
    await rating.getByLabel('Mã đánh giá', { exact: true }).fill(token);
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn ông/bà đã đánh giá.').waitFor();
    await screenshot(page, 'one-stop-public');
  }, 180_000); // four people sign in in turn and walk twelve steps: more than the 60 s of a single page
});
