import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, signIn, startServer, type Browser, type RunningServer } from './server';

let server: RunningServer;
let browser: Browser | null = null;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(async () => {
  await browser?.close();
  browser = null;
});

async function open(opts?: Parameters<typeof openBrowser>[0]) {
  browser = await openBrowser(opts);
  return browser.page;
}

describe('haicap web app', () => {
  it('a wrong password shows the error message; demo accounts are listed', async () => {
    const page = await open();
    await page.goto(server.url + '/');
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    await page.getByText('Tài khoản dùng thử').waitFor();
    expect(await page.getByText('Mật khẩu chung: haicap-demo').isVisible()).toBe(true);
    await page.getByLabel('Tên đăng nhập').fill('ministry');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await screenshot(page, 'signin-error');
  });

  it('on a slow connection the officer types into the sign-in form before the script arrives; nothing typed is lost', async () => {
    const page = await open();
    // the app's script held back, as a commune's weak connection holds it for a second or two
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(server.url + '/', { waitUntil: 'commit' });
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill('commune-00004');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('haicap-demo');
    // the button waits for the app (the plain form cannot sign in by itself)
    expect(await page.getByRole('button', { name: 'Đăng nhập' }).isDisabled()).toBe(true);
    await screenshot(page, 'signin-before-script');
    release();
    // the app's own form takes the place of the plain one, with what was typed
    await page.getByText('Tài khoản dùng thử').waitFor();
    expect(await page.locator('#shell-username').count()).toBe(0);
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('commune-00004');
    expect(await page.getByLabel('Mật khẩu', { exact: true }).inputValue()).toBe('haicap-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('user-name').waitFor({ state: 'attached' });
    // signed in, the page comes with the session: a reload shows the work at once, never the sign-in form
    await page.unroute(/\/assets\/index-[^/]+\.js$/);
    await page.reload({ waitUntil: 'commit' });
    await page.getByTestId('user-name').waitFor({ state: 'attached' });
    expect(await page.locator('#shell-password').count()).toBe(0);
  });

  it('a commune user sees only its commune, its former units, and can edit its phone number (audited)', async () => {
    const page = await open();
    await signIn(page, server.url, 'commune-00004');
    expect(await page.getByTestId('user-name').textContent()).toBe('UBND Phường Ba Đình');
    await page.getByTestId('result-count').waitFor();
    expect(await page.getByTestId('result-count').textContent()).toBe('Kết quả: 1 đơn vị');
    expect(await page.getByRole('link', { name: 'Phường Ba Đình' }).isVisible()).toBe(true);
    // The menu offers what the API serves the commune: its own unit's log, not the accounts of the whole system.
    expect(await page.getByRole('link', { name: 'Nhật ký' }).count()).toBe(1);

    // Another province's ward is out of scope: nothing found.
    await page.getByLabel('Tìm theo tên').fill('Thủ Dầu Một');
    await page.getByText('Không tìm thấy đơn vị nào.').waitFor();
    expect(page.url()).toContain('q=');
    await page.getByLabel('Tìm theo tên').fill('');
    await page.getByRole('link', { name: 'Phường Ba Đình' }).click();

    await page.getByRole('heading', { level: 1, name: 'Phường Ba Đình' }).waitFor();
    const former = page.getByTestId('former-units');
    await former.waitFor();
    const formerText = (await former.textContent()) ?? '';
    expect(formerText).toContain('Phường Trúc Bạch');
    expect(formerText).toContain('Nhập toàn bộ');
    expect(formerText).toContain('Nhập một phần');
    // A split former commune names its other successors as links.
    expect(await former.getByRole('link', { name: 'Phường Hoàn Kiếm' }).first().getAttribute('href')).toBe(
      '/units/00070',
    );

    await page.getByRole('button', { name: 'Sửa' }).click();
    const phone = '024 3823 4567';
    await page.getByLabel('Điện thoại').fill(phone);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu thông tin liên hệ.').waitFor();
    expect(await page.getByTestId('profile').textContent()).toContain(phone);
    const audit = page.getByTestId('unit-audit');
    await audit.getByText(`→ ${phone}`).waitFor();
    expect(await audit.textContent()).toContain('UBND Phường Ba Đình'); // who changed it, by name
    expect(await audit.textContent()).not.toContain('commune-00004');
    await screenshot(page, 'commune-unit-page');

    // Saved on the server: still there after a reload.
    await page.reload();
    await page.getByTestId('profile').waitFor();
    expect(await page.getByTestId('profile').textContent()).toContain(phone);
  });

  it('the ministry sees 34 provinces, finds Ba Đình, sees Đồng Nai become a city, and the map renders', async () => {
    const page = await open();
    await signIn(page, server.url, 'ministry');
    await page.getByTestId('province-count').waitFor();
    expect(await page.getByTestId('province-count').textContent()).toBe('34 tỉnh, thành phố');
    expect(await page.getByTestId('province-row').count()).toBe(34);

    // Expanding a province loads its communes.
    await page.getByRole('button', { name: 'Mở danh sách xã, phường của Thành phố Hà Nội' }).click();
    await page.getByText('126 đơn vị cấp xã').waitFor();
    await screenshot(page, 'ministry-units-tree', false);

    await page.getByLabel('Tìm theo tên').fill('ba dinh');
    await page.getByTestId('result-count').waitFor();
    await page.getByRole('link', { name: 'Phường Ba Đình' }).waitFor();
    await screenshot(page, 'ministry-search');

    // "Which new ward is my old one?": a former ward's name, typed without diacritics, leads to its successor.
    await page.getByLabel('Tìm theo tên').fill('truc bach');
    await page.getByText('Trước 01/7/2025: Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội').waitFor();
    expect(await page.getByRole('link', { name: 'Phường Ba Đình' }).isVisible()).toBe(true);
    await screenshot(page, 'ministry-search-former-name');

    await page.goto(server.url + '/units/75');
    await page.getByRole('heading', { level: 1, name: 'Thành phố Đồng Nai' }).waitFor();
    const versions = page.getByTestId('versions');
    const rows = versions.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const first = (await rows.nth(0).textContent()) ?? '';
    const second = (await rows.nth(1).textContent()) ?? '';
    expect(first).toContain('01/07/2025');
    expect(first).toContain('30/04/2026');
    expect(first).toContain('Tỉnh Đồng Nai');
    expect(second).toContain('30/04/2026');
    expect(second).toContain('Thành phố Đồng Nai');
    expect(await page.getByText('95 đơn vị: 62 xã, 33 phường, 0 đặc khu').isVisible()).toBe(true);
    await screenshot(page, 'ministry-dong-nai');

    // The same province on an earlier date is still a tỉnh.
    await page.goto(server.url + '/units/75?at=2026-01-15');
    await page.getByRole('heading', { level: 1, name: 'Tỉnh Đồng Nai' }).waitFor();

    // The audit page shows the commune's edit from the test before.
    await page.getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByRole('heading', { name: 'Nhật ký hoạt động' }).waitFor();
    // The person (or unit) who acted, by name: never a login name.
    await page.getByText('UBND Phường Ba Đình').first().waitFor();
    expect(await page.getByText('commune-00004').count()).toBe(0);
    await screenshot(page, 'ministry-audit');

    await page.getByRole('link', { name: 'Bản đồ' }).click();
    const map = page.getByTestId('map');
    await map.locator('canvas').waitFor();
    const painted = await map.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) return 0;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 16) if (data[i + 3]! > 0 && (data[i]! < 235 || data[i + 1]! < 235)) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    await screenshot(page, 'ministry-map-before-hover', false);
    const box = (await map.boundingBox())!;
    // Hover over the land (a coarse grid) until the tooltip shows a province's figure in Vietnamese format.
    let tooltip = '';
    let hit: { x: number; y: number } | null = null;
    outer: for (let fy = 0.1; fy < 0.95; fy += 0.08) {
      for (let fx = 0.15; fx < 0.6; fx += 0.06) {
        const pt = { x: box.x + box.width * fx, y: box.y + box.height * fy };
        await page.mouse.move(pt.x, pt.y);
        await page.waitForTimeout(120);
        tooltip = (await page.locator('body').innerText()) ?? '';
        if (/Dân số \(người\): \d/.test(tooltip)) {
          hit = pt;
          break outer;
        }
      }
    }
    await page.waitForTimeout(300);
    await screenshot(page, 'ministry-map', false);
    expect(tooltip).toMatch(/Dân số \(người\): \d{1,3}(\.\d{3})+/);
    await page.getByLabel('Chỉ tiêu').selectOption('density');
    await page.waitForTimeout(500);
    await screenshot(page, 'ministry-map-density', false);
    // Clicking a province opens its unit page.
    await page.mouse.click(hit!.x, hit!.y);
    await page.waitForURL(/\/units\/\d{2}$/);
    await page.getByTestId('versions').waitFor();
  });
  it('switching to English changes the labels and is remembered', async () => {
    const page = await open();
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByText('Demo accounts').isVisible()).toBe(true);
    await signIn(page, server.url, 'province-01');
    expect(await page.getByRole('link', { name: 'Units', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Map', exact: true }).isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'Administrative units' }).waitFor(); // the page loads when opened
    await page.reload();
    await page.getByRole('heading', { name: 'Administrative units' }).waitFor();
    await page.getByText('1 provinces and cities').waitFor();
    await screenshot(page, 'english-units', false);
    // API messages follow the language too.
    await page.goto(server.url + '/units/79');
    expect(await page.getByRole('alert').textContent()).toMatch(/[A-Za-z]/);
    await screenshot(page, 'english-out-of-scope');
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
    await page.getByRole('link', { name: 'Đơn vị hành chính' }).waitFor();
  });

  it('a read-only viewer gets no edit button', async () => {
    const page = await open();
    await signIn(page, server.url, 'viewer', undefined, '/units/00004');
    await page.getByRole('heading', { level: 1, name: 'Phường Ba Đình' }).waitFor();
    await page.getByRole('heading', { name: 'Thông tin liên hệ' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sửa' }).count()).toBe(0);
  });

  it('on a phone (390×844) the units page is usable: menu collapses, no sideways scrolling, results as cards', async () => {
    const page = await open({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await screenshot(page, 'phone-signin');
    await signIn(page, server.url, 'province-01');
    await page.getByTestId('province-count').waitFor();
    // The province user's own province opens by itself.
    await page.getByText('126 đơn vị cấp xã').waitFor();
    expect(await page.getByRole('link', { name: 'Bản đồ' }).isVisible()).toBe(false);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-units-tree', false);

    await page.getByRole('button', { name: /Danh mục/ }).click();
    expect(await page.getByRole('link', { name: 'Bản đồ' }).isVisible()).toBe(true);
    await screenshot(page, 'phone-menu-open', false);
    await page.getByRole('button', { name: /Danh mục/ }).click();

    await page.getByLabel('Tìm theo tên').fill('hoan kiem');
    await page.getByTestId('result-count').waitFor();
    // Phường Hoàn Kiếm, and the wards that took parts of the former Quận Hoàn Kiếm.
    await page.getByRole('link', { name: 'Phường Hoàn Kiếm' }).waitFor();
    expect(await page.getByTestId('result-count').textContent()).toMatch(/^Kết quả: \d+ đơn vị$/);
    expect(await page.getByTestId('formerly').filter({ hasText: 'Quận Hoàn Kiếm' }).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-search-cards');
    await page.getByRole('link', { name: 'Phường Hoàn Kiếm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phường Hoàn Kiếm' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-unit-page', false);
    await page.getByTestId('former-units').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-unit-lineage', false);
  });
});
