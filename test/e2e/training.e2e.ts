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
  for (const b of browsers.splice(0)) await b.close();
});

async function open(phone = false) {
  const b = await openBrowser(phone ? { viewport: { width: 390, height: 844 }, isMobile: true } : {});
  browsers.push(b);
  return b;
}

/** Vietnam-local date and HH:MM, `minutes` from now. */
function vietnam(minutes: number) {
  const d = new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString();
  return { day: d.slice(0, 10), time: d.slice(11, 16) };
}

describe('training conferences', () => {
  it('the Ministry creates a conference; a commune checks in offline, then online; the host map changes live', async () => {
    const host = await open();
    await signIn(host.page, server.url, 'ministry', undefined, '/tap-huan');
    await host.page.getByRole('heading', { level: 1, name: 'Hội nghị tập huấn trực tuyến' }).waitFor();
    await host.page.getByTestId('tr-new').click();
    const form = host.page.getByTestId('tr-new-form');
    const start = vietnam(30);
    const end = vietnam(150);
    const title = `Tập huấn thử ${Date.now()}`;
    await form.getByLabel('Tên hội nghị').fill(title);
    await form.getByLabel('Ngày tổ chức').fill(start.day);
    await form.getByLabel('Giờ khai mạc').fill(start.time);
    await form.getByLabel('Giờ bế mạc').fill(end.day === start.day ? end.time : '23:59');
    await form.getByRole('button', { name: 'Tạo hội nghị và lập điểm cầu' }).click();
    await host.page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 60_000 });
    await host.page.getByTestId('tr-live').getByText('Trực tiếp').waitFor();
    expect(await host.page.getByTestId('tr-count-silent').textContent()).toContain('3.321');
    const eventPath = new URL(host.page.url()).pathname;

    const commune = await open();
    await signIn(commune.page, server.url, 'commune-00004', undefined, eventPath);
    const checkin = commune.page.getByTestId('tr-checkin');
    await checkin.waitFor();
    // Offline: the press is kept on the device.
    await commune.context.setOffline(true);
    await checkin.getByTestId('tr-online').getByText('Mất kết nối', { exact: true }).waitFor();
    await checkin.getByTestId('tr-connected').click();
    await checkin.getByTestId('tr-outbox').waitFor();
    expect(await commune.page.evaluate(() => localStorage.getItem('haicap.trainingOutbox'))).toContain('connected');
    await screenshot(commune.page, 'training-offline-checkin');
    // Back online: sent once, the outbox empties, the host's tile turns connected without a reload.
    await commune.context.setOffline(false);
    await checkin.getByTestId('tr-outbox').waitFor({ state: 'detached', timeout: 30_000 });
    await checkin.getByTestId('tr-my-state').getByText('Đã kết nối').waitFor();
    await expect
      .poll(() => host.page.locator('[data-unit="00004"]').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('connected');
    expect(await host.page.getByTestId('tr-count-connected').textContent()).toContain('1');
    await screenshot(host.page, 'training-host-map');
  });

  it("a certificate downloads from the past demo conference's attendance list", async () => {
    const { page } = await open();
    await signIn(page, server.url, 'commune-00004', undefined, '/tap-huan');
    await page.getByRole('link', { name: /Hội nghị tập huấn nghiệp vụ/ }).click();
    const list = page.getByTestId('tr-attendees');
    await list.waitFor();
    const link = list.getByRole('link', { name: 'Tải PDF' }).first();
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^Giay chung nhan .*\.pdf$|\.pdf$/);
  });

  it('a staff account finds its own conferences in the menu on a phone, not the organisers’ list', async () => {
    const { page } = await open(true);
    await signIn(page, server.url, 'staff-00004', undefined, '/');
    await page.getByRole('button', { name: /Danh mục/ }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Tập huấn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hội nghị tập huấn của tôi' }).waitFor();
    // the demo registers no civil servant of Ba Đình: the page says so (a later walk registers this one)
    await page.getByText('Bạn chưa được đăng ký dự hội nghị tập huấn nào.').waitFor();
    expect(await page.getByText('Không tìm thấy trang này.').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'training-staff-mine-phone');
  });

  it('the host edits a conference: new title and times, then a new audience cancels registrations once confirmed', async () => {
    const { page } = await open();
    await signIn(page, server.url, 'province-01', undefined, '/tap-huan');
    await page.getByTestId('tr-new').click();
    const form = page.getByTestId('tr-new-form');
    const start = vietnam(40);
    const title = `Tập huấn sửa ${Date.now()}`;
    await form.getByLabel('Tên hội nghị').fill(title);
    await form.getByLabel('Ngày tổ chức').fill(start.day);
    await form.getByLabel('Giờ khai mạc').fill(start.time);
    await form.getByLabel('Giờ bế mạc').fill('23:59');
    await form.getByRole('button', { name: 'Tạo hội nghị và lập điểm cầu' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 60_000 });
    editedEvent = new URL(page.url()).pathname;

    // first edit: the title, the opening time and an audience (civil servants: registered, nobody cancelled)
    await page.getByTestId('tr-edit').click();
    let edit = page.getByTestId('tr-edit-form');
    const newTitle = `${title} (đã sửa)`;
    await edit.getByLabel('Tên hội nghị').fill(newTitle);
    await edit.getByLabel('Giờ khai mạc').fill(vietnam(35).time);
    await edit.getByLabel('Công chức').check();
    await edit.screenshot({ path: `${SCREENSHOT_DIR}/training-edit-form.png` });
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('heading', { level: 1, name: newTitle }).waitFor({ timeout: 60_000 });
    await edit.waitFor({ state: 'detached' });

    // second edit: cadres instead of civil servants: the page lists who loses their place before saving
    await page.getByTestId('tr-edit').click();
    edit = page.getByTestId('tr-edit-form');
    await edit.getByLabel('Công chức').uncheck();
    await edit.getByLabel('Cán bộ', { exact: true }).check();
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const cancels = edit.getByTestId('tr-edit-cancels');
    await cancels.waitFor({ timeout: 60_000 });
    // the list scrolls inside the form: the confirmation is in sight below it
    const listBox = (await cancels.getByTestId('tr-edit-cancels-list').boundingBox())!;
    expect(listBox.height).toBeLessThan(400);
    expect(await cancels.textContent()).toMatch(/không còn gồm [\d.]+ người/);
    await edit.screenshot({ path: `${SCREENSHOT_DIR}/training-edit-cancellations.png` });
    await edit.getByRole('button', { name: 'Hủy các đăng ký này và lưu' }).click();
    await edit.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('at the door: the bridge shows its QR code, the attendee opens it on a phone and is marked present', async () => {
    expect(editedEvent).toBeTruthy();
    const eventId = editedEvent.split('/').pop()!;
    const officer = await open();
    await signIn(officer.page, server.url, 'commune-00004', undefined, editedEvent);
    const staffId = await personIdOf('staff-00004');
    // the bridge registers the staff member by list (their category left the audience)
    expect(
      (await apiSend(officer.page, 'POST', `/api/trainings/${eventId}/attendees`, { personIds: [staffId] })).ok(),
    ).toBe(true);
    const card = officer.page.getByTestId('tr-presence-code');
    await card.getByRole('button', { name: 'Hiện mã QR' }).click();
    await card.getByTestId('tr-qr').waitFor();
    // the commune's map names its province, not its code
    await officer.page
      .getByTestId('tr-board')
      .getByText(/Hà Nội/)
      .first()
      .waitFor();
    await card.screenshot({ path: `${SCREENSHOT_DIR}/training-door-qr.png` });
    const code = (await (
      await officer.page.request.get(`${server.url}/api/trainings/${eventId}/bridges/00004/presence-code`)
    ).json()) as { url: string };
    const scanned = new URL(code.url);

    const phone = await open(true);
    await signIn(phone.page, server.url, 'staff-00004', undefined, scanned.pathname + scanned.search);
    await phone.page.getByTestId('tr-scan-present').waitFor({ timeout: 30_000 });
    expect(await phone.page.getByTestId('tr-scan-present').textContent()).toContain('Đã ghi nhận có mặt');
    await screenshot(phone.page, 'training-scan-present-phone');
    // the attendee's own list says registered, with their check-in open
    await phone.page.goto(`${server.url}/tap-huan`);
    const mine = phone.page.getByTestId('tr-mine');
    await mine.getByText(/\(đã sửa\)/).waitFor();
    await mine.getByText('Đã đăng ký tham dự').waitFor();
    await screenshot(phone.page, 'training-staff-mine-registered-phone');
  });

  it('a certificate: the page, its PDF, and the public check from the QR says genuine; a forged code is not', async () => {
    const { page } = await open();
    await signIn(page, server.url, 'commune-00004', undefined, '/tap-huan');
    await page.getByRole('link', { name: /Hội nghị tập huấn nghiệp vụ/ }).click();
    const list = page.getByTestId('tr-attendees');
    await list.getByRole('link', { name: 'Xem, in' }).first().click();
    const cert = page.getByTestId('tr-cert');
    await cert.waitFor({ timeout: 30_000 });
    await screenshot(page, 'training-certificate-page');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const number = (await cert.getByText(/^Số:/).textContent())!;
    const code = /Số: (\S+)/.exec(number)![1]!;

    const visitor = await open(true);
    await visitor.page.goto(`${server.url}/trainings/certificates/${code}`);
    const result = visitor.page.getByTestId('tr-verify-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain('Giấy chứng nhận hợp lệ');
    await screenshot(visitor.page, 'training-certificate-genuine-phone');
    await visitor.page.goto(`${server.url}/trainings/certificates/${code.slice(0, -2)}XX`);
    await visitor.page.getByText('Không tìm thấy giấy chứng nhận có mã này', { exact: false }).waitFor();
    await screenshot(visitor.page, 'training-certificate-forged-phone');
  });
});

let editedEvent = '';

/** A demo account's person, read with the admin's session through the API. */
async function personIdOf(username: string): Promise<string> {
  const b = await open();
  await signIn(b.page, server.url, username, undefined, '/account');
  const me = (await (await b.page.request.get(`${server.url}/api/auth/me`)).json()) as { user: { personId: string } };
  await b.close();
  browsers.splice(browsers.indexOf(b), 1);
  return me.user.personId;
}

/** A write through the API with the page's session (its CSRF token, as the web sends it). */
async function apiSend(page: Page, method: string, path: string, body: unknown) {
  const token = await page.evaluate(() => sessionStorage.getItem('haicap.csrf'));
  return page.request.fetch(`${server.url}${path}`, {
    method,
    data: body,
    headers: { 'content-type': 'application/json', 'x-csrf-token': token ?? '' },
  });
}
