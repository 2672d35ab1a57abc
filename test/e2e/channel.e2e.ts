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
  return b;
}
async function close(b: Browser) {
  browsers.splice(browsers.indexOf(b), 1);
  await b.close();
}
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const DATE = /\d{2}\/\d{2}\/\d{4}/;

const TITLE = 'Bố trí công chức chuyên môn đất đai cho xã sau sắp xếp';
let itemPath = '';

async function statusIs(page: Page, label: string) {
  await page.getByTestId('rec-status').getByText(label, { exact: true }).waitFor();
}

/** Opens an action's form, fills it, confirms, and waits for the new status. */
async function act(page: Page, action: string, next: string, fill?: () => Promise<void>) {
  await page.getByTestId('rec-actions').getByRole('button', { name: action, exact: true }).click();
  if (fill) {
    await fill();
    await page.getByRole('button', { name: `Xác nhận: ${action}`, exact: true }).click();
  }
  await statusIs(page, next);
  await page
    .getByRole('status')
    .filter({ hasText: `Đã thực hiện: ${action}.` })
    .waitFor();
}

describe('the two-way channel', () => {
  it('a commune raises an item, the province forwards it, the Ministry answers with a legal basis, the commune accepts', async () => {
    // 1. The commune raises the item (similar items are suggested while typing).
    const { page } = await open();
    await signIn(page, server.url, 'commune-00004', undefined, '/kien-nghi');
    await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor();
    await page.getByRole('link', { name: 'Kiến nghị', exact: true }).waitFor();
    await page.getByTestId('bell').waitFor();
    await screenshot(page, 'channel-list-commune');
    await page.getByRole('link', { name: '+ Gửi kiến nghị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gửi kiến nghị' }).waitFor();
    await page.getByLabel('Lĩnh vực').selectOption('personnel');
    await page.getByLabel('Tiêu đề').fill(TITLE);
    await page
      .getByLabel('Nội dung khó khăn, vướng mắc, kiến nghị')
      .fill(
        'Sau sắp xếp, xã chưa có công chức có chuyên môn đất đai, xây dựng; đề nghị hướng dẫn việc điều động, biệt phái.',
      );
    await page.getByTestId('similar-hint').waitFor();
    expect(await page.getByTestId('similar-hint').textContent()).toContain(
      'Có thể vấn đề này đã được nêu hoặc đã có câu trả lời',
    );
    await page.getByLabel('Căn cứ pháp lý liên quan').fill('Nghị định 33/2023/NĐ-CP');
    await page.getByLabel('Khẩn').check();
    await screenshot(page, 'channel-raise-form');
    const posted = page.waitForRequest(
      (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/recommendations',
    );
    await page.getByRole('button', { name: 'Gửi kiến nghị', exact: true }).click();
    expect((await posted).headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    itemPath = new URL(page.url()).pathname;
    expect(itemPath).toMatch(/^\/kien-nghi\/[0-9a-f-]{36}$/);
    await statusIs(page, 'Đang chờ trả lời');
    expect(await page.getByTestId('rec-level').textContent()).toBe('đang ở: UBND cấp tỉnh');
    expect(await page.getByTestId('rec-due').textContent()).toMatch(DATE);
    expect(await page.getByTestId('rec-due').textContent()).toContain('Thời hạn 15 ngày làm việc');
    // The asker has nothing to do while the province holds it.
    expect(await page.getByTestId('rec-actions').count()).toBe(0);
    await screenshot(page, 'channel-raised');

    // 2. The province forwards it to the Ministry.
    const province = await open();
    await signIn(province.page, server.url, 'province-01', undefined, itemPath);
    await province.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const buttons = await province.page.getByTestId('rec-actions').getByRole('button').allTextContents();
    expect(buttons).toEqual(['Trả lời', 'Chuyển lên Bộ Nội vụ', 'Trả lại, yêu cầu bổ sung thông tin']);
    await act(province.page, 'Chuyển lên Bộ Nội vụ', 'Đang chờ trả lời', async () => {
      await province.page
        .getByLabel('Ý kiến khi chuyển (không bắt buộc)')
        .fill('Vượt thẩm quyền của tỉnh, đề nghị Bộ hướng dẫn.');
    });
    await province.page.getByTestId('rec-level').getByText('đang ở: Bộ Nội vụ', { exact: true }).waitFor();
    await close(province);

    // 3. The Ministry answers, citing a legal basis (required).
    const ministry = await open();
    await signIn(ministry.page, server.url, 'ministry', undefined, itemPath);
    const m = ministry.page;
    await m.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await m.getByTestId('rec-actions').getByRole('button', { name: 'Trả lời', exact: true }).click();
    await m
      .getByLabel('Nội dung trả lời')
      .fill('UBND tỉnh điều động, biệt phái công chức có chuyên môn về xã theo nhu cầu vị trí việc làm.');
    await m.getByRole('button', { name: 'Xác nhận: Trả lời', exact: true }).click();
    await m.getByText('Cần nhập nội dung trả lời và căn cứ pháp lý.').waitFor();
    await m.getByLabel('Căn cứ pháp lý của câu trả lời').fill('Điều 34 Nghị định 170/2025/NĐ-CP');
    await screenshot(m, 'channel-answer-form');
    await m.getByRole('button', { name: 'Xác nhận: Trả lời', exact: true }).click();
    await statusIs(m, 'Đã trả lời');
    const answer = (await m.getByTestId('rec-answer').textContent()) ?? '';
    expect(answer).toContain('Căn cứ pháp lý: Điều 34 Nghị định 170/2025/NĐ-CP');
    // who answered, by name (the Ministry's own account is named after the Ministry), never by login name
    expect(answer).toContain('Trả lời bởi Bộ Nội vụ (Bộ Nội vụ)');
    expect(answer).not.toContain('ministry');
    await close(ministry);

    // 4. The commune is notified and accepts the answer.
    await page.goto(server.url + '/kien-nghi');
    await page.getByTestId('bell-count').waitFor();
    await page.getByTestId('bell').click();
    await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    const notice = page
      .getByTestId('notifications')
      .getByRole('listitem')
      .filter({ hasText: 'Kiến nghị đã được trả lời' })
      .filter({ hasText: TITLE });
    await notice.first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await act(page, 'Chấp nhận câu trả lời', 'Đã chấp nhận');
    const history = page.getByTestId('rec-history').locator('tbody tr');
    await expect.poll(() => history.count()).toBe(4);
    const historyText = (await page.getByTestId('rec-history').textContent()) ?? '';
    for (const s of [
      'Gửi kiến nghị',
      'Chuyển lên Bộ Nội vụ',
      'Trả lời',
      'Chấp nhận câu trả lời',
      'UBND Phường Ba Đình',
      'Sở Nội vụ Thành phố Hà Nội',
      'Bộ Nội vụ',
      'Vượt thẩm quyền của tỉnh',
    ])
      expect(historyText).toContain(s);
    for (const login of ['commune-00004', 'province-01', 'ministry']) expect(historyText).not.toContain(login);
    await screenshot(page, 'channel-accepted');

    // The same item on a phone.
    const phone = await open(PHONE);
    await signIn(phone.page, server.url, 'commune-00004', undefined, itemPath);
    await phone.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await statusIs(phone.page, 'Đã chấp nhận');
    await screenshot(phone.page, 'channel-accepted-phone');
    await phone.page.goto(server.url + '/kien-nghi');
    await phone.page.getByTestId('rec-count').waitFor();
    await screenshot(phone.page, 'channel-list-phone');
  }, 240_000);

  it('the knowledge base is searchable without diacritics', async () => {
    const { page } = await open();
    await signIn(page, server.url, 'commune-00004', undefined, '/tri-thuc');
    await page.getByRole('heading', { level: 1, name: 'Hỏi – đáp (cơ sở tri thức)' }).waitFor();
    await page.getByLabel('Tìm câu hỏi, câu trả lời').fill('cong chuc');
    await expect.poll(() => page.url()).toContain('q=cong+chuc');
    await page.getByTestId('kb-entry').first().waitFor();
    const first = page.getByTestId('kb-entry').first();
    await first.locator('summary').click();
    expect(((await first.textContent()) ?? '').toLowerCase()).toMatch(/công chức/);
    await screenshot(page, 'channel-knowledge');
  }, 120_000);
});

describe('reinforcement officers', () => {
  it('an officer plans a week, logs a visit offline, and it syncs once when the connection returns', async () => {
    const { page, context } = await open();
    await signIn(page, server.url, 'officer-01', undefined, '/tang-cuong');
    await page.getByRole('heading', { level: 1, name: 'Công tác tăng cường' }).waitFor();
    const week = (await page.getByTestId('rf-week').textContent()) ?? '';
    expect(week).toMatch(/^Tuần \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4}$/);

    // Plan the week: one commune.
    const schedule = page.getByTestId('rf-schedule');
    await schedule.getByRole('button', { name: 'Lập / sửa lịch' }).click();
    await schedule.getByRole('button', { name: '+ Thêm xã' }).click();
    const communeSelect = schedule.getByLabel('Xã, phường').last();
    await expect.poll(async () => communeSelect.locator('option').count()).toBeGreaterThan(2);
    const commune = (await communeSelect.locator('option').nth(1).getAttribute('value'))!;
    const communeName = ((await communeSelect.locator('option').nth(1).textContent()) ?? '').trim();
    await communeSelect.selectOption(commune);
    await schedule.getByLabel('Nội dung làm việc').last().fill('Nắm tình hình bố trí công chức');
    await schedule.getByRole('button', { name: 'Lưu lịch' }).click();
    await page.getByText('Đã lưu lịch công tác tuần.').waitFor();
    await schedule.getByText(communeName).waitFor();

    // Offline: the log is kept on the device.
    await context.setOffline(true);
    const visit = page.getByTestId('rf-visit');
    await visit.getByTestId('rf-online').getByText('Mất kết nối', { exact: true }).waitFor();
    const findings = `Xã còn thiếu 2 công chức địa chính (${Date.now()})`;
    await visit.getByLabel('Xã, phường').selectOption(commune);
    await visit.getByLabel('Làm việc với').fill('Chủ tịch UBND xã, công chức văn phòng');
    await visit.getByLabel('Tình hình, kết quả ghi nhận').fill(findings);
    await visit.getByRole('button', { name: 'Lưu và gửi nhật ký' }).click();
    await page.getByTestId('rf-outbox').getByText('Nhật ký chờ gửi: 1').waitFor();
    const kept = await page.evaluate(() => localStorage.getItem('haicap.visitDrafts'));
    expect(kept).toContain(findings);
    await screenshot(page, 'reinforcement-offline-draft');

    // Online again: sent once, the outbox empties, the visit is listed.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/reinforcement/visits')
        posts.push(r.headers()['idempotency-key'] ?? '');
    });
    await context.setOffline(false);
    await page.getByTestId('rf-visit-sent').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rf-visit-sent').textContent()).toContain(communeName);
    await page.getByTestId('rf-outbox').waitFor({ state: 'detached' });
    await page.getByTestId('rf-visits').getByText(findings).waitFor();
    expect(posts.length).toBe(1);
    expect(posts[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.evaluate(() => localStorage.getItem('haicap.visitDrafts'))).toBe('[]');

    // Sent again with the same clientRef (a phone retrying): still one visit.
    const draft = JSON.parse(kept!)[0] as Record<string, string>;
    const again = await page.evaluate(async (d) => {
      const res = await fetch('/api/reinforcement/visits', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': sessionStorage.getItem('haicap.csrf') ?? '',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({
          phaseId: d.phaseId,
          communeCode: d.communeCode,
          visitedOn: d.visitedOn,
          metWith: d.metWith,
          findings: d.findings,
          clientRef: d.clientRef,
        }),
      });
      const list = await (
        await fetch(`/api/reinforcement/visits?officer=officer-01&commune=${d.communeCode}&pageSize=100`)
      ).json();
      return {
        status: res.status,
        same: (list.items as { findings: string }[]).filter((v) => v.findings === d.findings).length,
      };
    }, draft);
    expect(again).toEqual({ status: 200, same: 1 });
    await screenshot(page, 'reinforcement-week');

    // The weekly report: drafted from the week's logs and sent, unless the demo officer already sent it.
    const report = page.getByTestId('rf-report');
    await report
      .getByText(/^(Đã gửi ngày \d{2}\/\d{2}\/\d{4}|Chưa có dự thảo báo cáo tuần này\.|Hạn gửi: .*)$/)
      .first()
      .waitFor();
    if (await report.getByRole('button', { name: 'Lập dự thảo từ nhật ký tuần' }).count()) {
      await report.getByRole('button', { name: 'Lập dự thảo từ nhật ký tuần' }).click();
      await report.getByLabel('Nội dung báo cáo').waitFor();
      expect(await report.getByLabel('Nội dung báo cáo').inputValue()).toContain(findings);
    }
    if (await report.getByRole('button', { name: 'Gửi báo cáo về Bộ' }).count()) {
      await report.getByRole('button', { name: 'Gửi báo cáo về Bộ' }).click();
      await report.getByText('Đã gửi báo cáo về Bộ.').waitFor();
    }
    await report.getByText(/^Đã gửi ngày \d{2}\/\d{2}\/\d{4}$/).waitFor();

    const phone = await open(PHONE);
    await signIn(phone.page, server.url, 'officer-01', undefined, '/tang-cuong');
    await phone.page.getByTestId('rf-visit').waitFor();
    await screenshot(phone.page, 'reinforcement-phone');
  }, 180_000);

  it("the Ministry's support group sees coverage and reports due and late", async () => {
    const { page } = await open();
    await signIn(page, server.url, 'ministry', undefined, '/tang-cuong');
    await page.getByRole('heading', { level: 1, name: 'Tổ hỗ trợ: theo dõi cán bộ tăng cường' }).waitFor();
    await page.getByTestId('rf-reports-status').getByTestId('rf-card-late').waitFor();
    const cov = page.getByTestId('rf-coverage');
    await cov.locator('tbody tr').first().waitFor();
    await cov.locator('tbody tr').first().getByRole('button').click();
    await cov.getByText(/xã, phường chưa được đến làm việc:/).waitFor();
    await screenshot(page, 'reinforcement-support');

    // The map of visits: provinces coloured by the share of communes visited; a click lists those not yet visited.
    const map = page.getByTestId('rf-map');
    await map.locator('canvas').first().waitFor();
    const side = page.getByTestId('rf-map-side');
    await side.getByText('Bấm vào một tỉnh trên bản đồ').waitFor();
    const box = (await map.boundingBox())!;
    for (const [fx, fy] of [
      [0.29, 0.13],
      [0.25, 0.1],
      [0.3, 0.2],
      [0.43, 0.43],
      [0.35, 0.74],
      [0.4, 0.55],
    ] as const) {
      await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
      if (await side.locator('h3').count()) break;
    }
    await side.getByText(/xã, phường chưa được đến làm việc:/).waitFor();
    await screenshot(page, 'reinforcement-map');

    // The list's views: the most frequent problems by province this month, and the time to answer.
    await page.goto(`${server.url}/kien-nghi`);
    await page.getByTestId('rec-views-frequent').waitFor();
    await page.getByTestId('rec-views-time').waitFor();
    await screenshot(page, 'channel-views-ministry');
  }, 120_000);
});
