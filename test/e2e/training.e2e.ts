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
  for (const b of browsers.splice(0)) await b.close();
});

async function open() {
  const b = await openBrowser();
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
});
