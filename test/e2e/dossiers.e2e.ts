import { createHash } from 'node:crypto';
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

async function open(opts?: Parameters<typeof openBrowser>[0]) {
  const b = await openBrowser(opts);
  browsers.push(b);
  return b.page;
}
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const DATE = /\d{2}\/\d{2}\/\d{4}/;

/** Shared between the steps: the dossier the commune received. */
let receiptCode = '';
let ratingToken = '';
let dossierPath = '';
let openDossierPath = '';

async function statusIs(page: Page, label: string) {
  await page.getByTestId('dossier-status').getByText(label, { exact: true }).waitFor();
}

async function act(page: Page, action: string, next: string) {
  await page.getByRole('button', { name: action, exact: true }).click();
  await statusIs(page, next);
  await page
    .getByRole('status')
    .filter({ hasText: `Đã thực hiện: ${action}.` })
    .waitFor();
}

// Giảng Võ (00025) works without personal accounts: its account walks the lifecycle itself. Ba Đình works in steps
// with four people (test/e2e/one-stop.e2e.ts).
describe('dossiers', () => {
  it('a commune officer receives a dossier, walks it to the returned result, and prints its forms', async () => {
    const page = await open();
    await signIn(page, server.url, 'commune-00025', undefined, '/dossiers');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ thủ tục hành chính' }).waitFor();
    await page.getByRole('link', { name: '+ Tiếp nhận hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();

    // The procedure is found by a search without diacritics and picked from the list grouped by field.
    await page.getByLabel('Thủ tục hành chính').fill('tinh trang hon nhan');
    await page.getByRole('option', { name: /Cấp Giấy xác nhận tình trạng hôn nhân/ }).click();
    const facts = page.getByTestId('procedure-facts');
    await facts.waitFor();
    expect(await facts.textContent()).toContain('3 ngày làm việc');
    expect(await facts.textContent()).toContain('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân');
    expect(await facts.textContent()).toContain('Tiếp nhận không phụ thuộc địa giới hành chính');
    expect(await page.getByLabel('Trực tiếp').isChecked()).toBe(true);
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
    // A wrong citizen ID is caught before sending.
    await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill('00119');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số.').waitFor();
    await page.getByLabel('Số định danh cá nhân (12 chữ số)').fill('001190012345');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByLabel('Địa chỉ').fill('12 Phố Đội Cấn, Phường Ba Đình, Hà Nội');
    expect(await page.getByLabel('Hồ sơ đầy đủ, hợp lệ').isChecked()).toBe(true);
    await page.getByLabel('Thời gian chờ tại quầy (phút)').fill('7');
    await screenshot(page, 'dossier-intake-form');

    const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/dossiers');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    expect((await posted).headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByTestId('receipt-code').waitFor();
    receiptCode = ((await page.getByTestId('receipt-code').textContent()) ?? '').trim();
    ratingToken = /: ([0-9A-F]{10})/.exec((await page.getByTestId('rating-token').textContent()) ?? '')?.[1] ?? '';
    expect(ratingToken).not.toBe('');
    expect(receiptCode).toMatch(/^T01\.X00025-\d{6}-\d{4}$/);
    expect(await page.getByTestId('due-date').textContent()).toMatch(
      new RegExp(`^Ngày hẹn trả kết quả: ${DATE.source}$`),
    );
    const print = page.getByRole('link', { name: /In Giấy tiếp nhận hồ sơ và hẹn trả kết quả \(Mẫu 01\)/ });
    expect(await print.getAttribute('href')).toMatch(/^\/api\/dossiers\/[0-9a-f-]{36}\/forms\/01\?lang=vi$/);
    expect(await print.getAttribute('target')).toBe('_blank');
    await screenshot(page, 'dossier-intake-done');

    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${receiptCode}` }).waitFor();
    dossierPath = new URL(page.url()).pathname;
    await statusIs(page, 'Đã tiếp nhận');
    // The national status code stays in the data exchanged with the portal; the officer reads the status's name.
    expect(await page.locator('article').textContent()).not.toMatch(/mã trạng thái/);
    // Unit names arrive after the dossier: wait for them as the officer's eye would.
    await page.getByTestId('dossier-facts').getByText('Phường Giảng Võ').first().waitFor();
    const facts2 = (await page.getByTestId('dossier-facts').textContent()) ?? '';
    expect(facts2).toContain('Cấp Giấy xác nhận tình trạng hôn nhân');
    expect(facts2).toContain('Nguyễn Thị Hoa');
    expect(facts2).not.toContain('00025');
    const firstDue = ((await page.getByTestId('due-date').textContent()) ?? '').match(DATE)?.[0];
    expect(firstDue).toBeTruthy();

    await act(page, 'Bắt đầu xử lý', 'Đang xử lý');
    await page.getByLabel('Ghi chú (không bắt buộc)').fill('Thiếu bản sao giấy tờ tùy thân');
    await act(page, 'Yêu cầu bổ sung', 'Chờ bổ sung hồ sơ');
    // The clock stops: no due date while the applicant completes the dossier.
    expect(await page.getByTestId('due-date').textContent()).toContain('Tạm dừng tính thời hạn');
    expect(await page.getByTestId('due-date').textContent()).not.toMatch(DATE);
    await screenshot(page, 'dossier-supplement-requested');
    await act(page, 'Đã nhận đủ bổ sung', 'Đang xử lý');
    expect(await page.getByTestId('due-date').textContent()).toMatch(DATE);

    // Scan the electronic result: listed with its size and SHA-256.
    const pdf = Buffer.from('%PDF-1.4\n% haicap e2e result\n%%EOF\n');
    await page.getByLabel('Loại tài liệu').selectOption('result');
    await page
      .getByLabel('Chọn tệp (tối đa 10 MB)')
      .setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Tải lên', exact: true }).click();
    await page.getByText('Đã tải lên «ket-qua.pdf».').waitFor();
    const docs = page.getByTestId('dossier-documents');
    await docs.getByText(createHash('sha256').update(pdf).digest('hex')).waitFor();
    expect(await docs.textContent()).toContain('Kết quả điện tử');

    await act(page, 'Hoàn thành giải quyết', 'Đã giải quyết xong');
    await act(page, 'Trả kết quả', 'Đã trả kết quả');
    expect(await page.getByText('Hồ sơ đã kết thúc: không còn thao tác nào.').isVisible()).toBe(true);

    const steps = page.getByTestId('dossier-steps').locator('tbody tr');
    await expect.poll(() => steps.count()).toBe(6);
    const stepText = (await page.getByTestId('dossier-steps').textContent()) ?? '';
    for (const s of [
      'Tiếp nhận hồ sơ',
      'Bắt đầu xử lý',
      'Yêu cầu bổ sung',
      'Đã nhận đủ bổ sung',
      'Hoàn thành giải quyết',
      'Trả kết quả',
      'Thiếu bản sao giấy tờ tùy thân',
      'UBND Phường Giảng Võ', // who acted, by name: never a login name
    ])
      expect(stepText).toContain(s);
    for (const f of ['01', '02', '03', '04', '05'])
      expect(await page.getByTestId(`form-${f}`).getAttribute('href')).toContain(`/forms/${f}`);
    await screenshot(page, 'dossier-page');

    // The list finds it by receipt code, with its due date.
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByLabel('Mã hồ sơ hoặc tên người nộp').fill(receiptCode);
    await expect.poll(() => page.getByTestId('dossier-count').textContent()).toBe('Kết quả: 1 hồ sơ');
    const row = page.getByTestId('dossier-row');
    expect(await row.textContent()).toContain('Đã trả kết quả');
    expect(await row.textContent()).toMatch(DATE);
    await screenshot(page, 'dossier-list');
  });

  it('a stale page gets the 409 message when someone acted first', async () => {
    const page = await open();
    await signIn(page, server.url, 'commune-00025', undefined, '/dossiers/new');
    // The procedure is found by a search without diacritics and picked from the list grouped by field.
    await page.getByLabel('Thủ tục hành chính').fill('tinh trang hon nhan');
    await page.getByRole('option', { name: /Cấp Giấy xác nhận tình trạng hôn nhân/ }).click();
    await page.getByLabel('Họ và tên').fill('Trần Văn Bình');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await statusIs(page, 'Đã tiếp nhận');
    // Someone else starts processing it meanwhile (same session, another request).
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const status = await page.evaluate(async (dossierId) => {
      const r = await fetch(`/api/dossiers/${dossierId}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': sessionStorage.getItem('haicap.csrf') ?? '' },
        body: JSON.stringify({ action: 'start_processing' }),
      });
      return r.status;
    }, id);
    expect(status).toBe(200);
    await page.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText('Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.')
      .waitFor();
    await screenshot(page, 'dossier-conflict', false);
    await page.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
    await statusIs(page, 'Đang xử lý');
    openDossierPath = new URL(page.url()).pathname;
    // Transfer asks for the target unit first.
    await page.getByRole('button', { name: 'Chuyển đơn vị có thẩm quyền' }).click();
    await page.getByLabel('Chuyển đến đơn vị có thẩm quyền').waitFor();
    expect(await page.getByRole('button', { name: 'Chuyển hồ sơ' }).isDisabled()).toBe(true);
  });

  it('on a phone (390×844) the dossier page reads as cards without sideways scrolling', async () => {
    expect(dossierPath).not.toBe('');
    const page = await open(PHONE);
    await signIn(page, server.url, 'commune-00025', undefined, dossierPath);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${receiptCode}` }).waitFor();
    await page.getByTestId('dossier-steps').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-dossier-top', false);
    await page.getByTestId('dossier-steps').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-dossier-steps', false);
    await page.getByTestId('form-05').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-dossier-forms', false);

    // An open dossier: the action buttons fit the phone.
    await page.goto(server.url + openDossierPath);
    await page.getByTestId('dossier-actions').waitFor();
    await page.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('dossier-actions').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-dossier-actions', false);

    await page.goto(server.url + '/dossiers');
    await page.getByTestId('dossier-row').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-dossier-list', false);
  });

  it('a citizen looks the dossier up without signing in and rates it once', async () => {
    expect(receiptCode).not.toBe('');
    const page = await open(PHONE);
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await page.getByLabel('Mã hồ sơ').fill(receiptCode.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    const result = page.getByTestId('public-result');
    await result.waitFor();
    expect(await page.getByTestId('public-status').textContent()).toBe('Đã trả kết quả');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Cấp Giấy xác nhận tình trạng hôn nhân');
    expect(text).toMatch(DATE);
    expect(text).not.toContain('Nguyễn Thị Hoa'); // no personal data in public
    expect(page.url()).toContain('/tra-cuu?ma=');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-public-lookup');

    // The rating's own form (the complaint form below asks for the same proof, folded away).
    const rating = page.locator('form.rating-form');
    await rating.getByLabel('Rất hài lòng').check();
    // only the applicant may rate: the rating code printed on the receipt (issue #14)
    await rating.getByLabel('Mã đánh giá', { exact: true }).fill(ratingToken);
    await rating.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn ông/bà đã đánh giá.').waitFor();
    await screenshot(page, 'phone-public-rated');

    // Once only: a fresh look-up shows the recorded rating and no form; the API refuses a second one.
    await page.reload();
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page.getByText('Đánh giá đã ghi nhận: Rất hài lòng.').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    const again = await page.evaluate(
      async ({ code, token }) =>
        (
          await fetch(`/api/public/dossiers/${code}/rating`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ rating: 'satisfied', token }),
          })
        ).status,
      { code: receiptCode, token: ratingToken },
    );
    expect(again).toBe(409);

    // A code that does not exist gets the API's message.
    await page.getByLabel('Mã hồ sơ').fill('T01.X00025-250101-9999');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Không tìm thấy');
  });

  it('the province board shows the received dossier and the congestion section', async () => {
    const page = await open();
    await signIn(page, server.url, 'province-01', undefined, '/board');
    await page.getByRole('heading', { level: 1, name: 'Bảng điều hành giải quyết thủ tục hành chính' }).waitFor();
    const received = page.getByTestId('card-received').locator('.card-value');
    await received.waitFor();
    expect(Number(((await received.textContent()) ?? '0').replace(/\./g, ''))).toBeGreaterThanOrEqual(1);
    await page.getByTestId('congestion').waitFor();
    await page.getByTestId('congestion').getByRole('heading', { name: 'Điểm nghẽn tiếp nhận' }).waitFor();
    await page.getByTestId('congestion').locator('.empty, table').first().waitFor();
    // The unit table names the commune instead of its code.
    await page.getByTestId('by-unit').getByText('Phường Giảng Võ').waitFor();
    await page.getByTestId('board-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('by-field').textContent()).toContain('Hộ tịch');
    await page.waitForTimeout(400);
    await screenshot(page, 'province-board', false);
    await page.getByTestId('congestion').scrollIntoViewIfNeeded();
    await screenshot(page, 'province-board-congestion', false);
  });

  it('the ministry sees overdue shares on a map of the provinces and clicks into one', async () => {
    const page = await open();
    await signIn(page, server.url, 'ministry', undefined, '/board');
    const map = page.getByTestId('overdue-map');
    await map.locator('canvas').waitFor();
    await page.waitForTimeout(600);
    await map.scrollIntoViewIfNeeded();
    await screenshot(page, 'ministry-board-overdue-map', false);
    // Hover over the land until a province's overdue share shows, then click it: the board narrows to it.
    const box = (await map.boundingBox())!;
    let hit: { x: number; y: number } | null = null;
    outer: for (let fy = 0.1; fy < 0.95; fy += 0.08) {
      for (let fx = 0.15; fx < 0.6; fx += 0.06) {
        const pt = { x: box.x + box.width * fx, y: box.y + box.height * fy };
        await page.mouse.move(pt.x, pt.y);
        await page.waitForTimeout(120);
        if (/Đang quá hạn \/ đang giải quyết: [\d,]+%/.test(await page.locator('body').innerText())) {
          hit = pt;
          break outer;
        }
      }
    }
    expect(hit).not.toBeNull();
    await page.mouse.click(hit!.x, hit!.y);
    await page.getByTestId('congestion').locator('.empty, table').first().waitFor();
    expect(new URL(page.url()).searchParams.get('province')).toMatch(/^\d{2}$/);
  });

  it('the ministry board offers a province picker and shows that province’s congestion', async () => {
    const page = await open(PHONE);
    await signIn(page, server.url, 'ministry', undefined, '/board');
    await page.getByTestId('card-received').waitFor();
    expect(await page.getByText('Chọn một tỉnh, thành phố để xem điểm nghẽn.').isVisible()).toBe(true);
    await page.getByLabel('Tỉnh, thành phố').selectOption('01');
    await page.getByTestId('congestion').locator('.empty, table').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.waitForTimeout(400);
    await screenshot(page, 'phone-ministry-board', false);
    await page.getByTestId('congestion').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-ministry-congestion', false);
  });
});
