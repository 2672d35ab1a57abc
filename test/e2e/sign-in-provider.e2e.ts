// Sign-in through a province's single sign-on, in the browser (issue #16): the server started with an OpenID Connect
// provider (test/oidc-provider.ts, in this process), the commune's administrator makes a personal account that signs
// in only through the provider, that official signs in with the button and signs out at the provider too.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../oidc-provider';
import { freePort, openBrowser, screenshot, signIn, startServer, type Browser, type RunningServer } from './server';

const LABEL = 'Đăng nhập bằng VNeID';
let provider: TestProvider;
let server: RunningServer;
let browser: Browser | null = null;
/** the official the administrator gives an account */
let official: { name: string; nationalId: string } | null = null;

beforeAll(async () => {
  const port = await freePort();
  provider = await startTestProvider({ redirectUri: `http://127.0.0.1:${port}/api/auth/oidc/callback` });
  server = await startServer({
    port,
    env: {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
      OIDC_POST_LOGOUT_REDIRECT_URI: `http://127.0.0.1:${port}/`,
      OIDC_LABEL: LABEL,
    },
  });
});
afterAll(async () => {
  await server?.stop();
  await provider?.close();
});
afterEach(async () => {
  await browser?.close();
  browser = null;
});

describe('single sign-on in the browser', () => {
  it("the commune's administrator makes an account that signs in only through the provider", async () => {
    browser = await openBrowser();
    const page = browser.page;
    await page.goto(server.url + '/');
    // The sign-in page offers the provider beside the password, in its configured words.
    await page.getByRole('link', { name: LABEL }).waitFor();
    await screenshot(page, 'sso-signin-page');

    await signIn(page, server.url, 'commune-00004', undefined, '/tai-khoan-don-vi');
    await page.getByRole('heading', { name: 'Tài khoản của đơn vị' }).waitFor();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Tạo tài khoản' }) });
    const person = form.getByLabel('Cán bộ, công chức');
    // the form comes with the unit's people (evaluateAll below does not wait)
    await person.locator('option:not([value=""])').first().waitFor({ state: 'attached' });
    const options = await person
      .locator('option')
      .evaluateAll((os) =>
        (os as HTMLOptionElement[]).filter((o) => o.value).map((o) => ({ id: o.value, name: o.textContent ?? '' })),
      );
    expect(options.length).toBeGreaterThan(0);
    const chosen = options[0]!;
    await person.selectOption(chosen.id);
    await form.getByLabel('Tên đăng nhập').fill('00004-sso-1');
    // Only through the provider: no password asked.
    await form.getByLabel(`Chỉ đăng nhập qua «${LABEL}» (không dùng mật khẩu)`).check();
    expect(await form.getByLabel('Mật khẩu ban đầu (ít nhất 10 ký tự)').count()).toBe(0);
    await form.getByLabel('Chuyên viên xử lý').check();
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản.').waitFor();
    const row = page.getByRole('row').filter({ hasText: chosen.name });
    await row.getByText('chỉ đăng nhập một lần').waitFor();
    await screenshot(page, 'sso-unit-accounts');

    const detail = await page.request.get(`${server.url}/api/people/${chosen.id}`);
    expect(detail.status()).toBe(200);
    official = { name: chosen.name, nationalId: ((await detail.json()) as { nationalId: string }).nationalId };
    expect(official.nationalId).toMatch(/^\d{12}$/);
  });

  it('that official signs in with the button, lands signed in under their own name, and signs out at the provider too', async () => {
    expect(official).not.toBeNull();
    browser = await openBrowser();
    const page = browser.page;
    // No password works for this account.
    await page.goto(server.url + '/');
    await page.getByLabel('Tên đăng nhập').fill('00004-sso-1');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('haicap-demo');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').waitFor();

    provider.user = { sub: 'vneid-sso-1', personal_id: official!.nationalId };
    await page.getByRole('link', { name: LABEL }).click();
    await page.getByTestId('user-name').waitFor();
    expect(await page.getByTestId('user-name').textContent()).toContain(official!.name);
    // A specialist lands on their own work.
    await page.getByRole('link', { name: 'Việc của tôi' }).and(page.locator('[aria-current="page"]')).waitFor();
    await expect.poll(() => page.getByText('Đang tải…').count(), { timeout: 30_000 }).toBe(0);
    await screenshot(page, 'sso-signed-in');

    const before = provider.signOuts.length;
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    // Back from the provider's sign-out to the platform's sign-in page.
    await page.getByRole('link', { name: LABEL }).waitFor();
    expect(provider.signOuts.length).toBe(before + 1);
    expect(provider.signOuts.at(-1)!.subject).toBe('vneid-sso-1'); // with the ID token as its hint
    expect(new URL(page.url()).origin).toBe(server.url);
    const me = await page.request.get(`${server.url}/api/auth/me`);
    expect(me.status()).toBe(401);
  });
});
