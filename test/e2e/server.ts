import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { E2E_DEMO } from './global-setup';

export const DEMO_PASSWORD = E2E_DEMO.demoPassword;
export const SCREENSHOT_DIR = 'test-results/screenshots';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (built web app, its own embedded database) and waits until /api/health answers. The database
 * is a copy of the one the browser tests' global setup prepared (test/e2e/global-setup.ts), unless the server is
 * given a database server or a demo of another size: then it prepares its own, as a first `npm start` does.
 * HAICAP_E2E_SERVER_ROOT runs the server from another checkout (e.g. a clean export while src/ is mid-change).
 * `env` adds to or overrides the server's environment (e.g. DATABASE_URL, for a server on PostgreSQL); `port` is known
 * before the start when something else must name the server's address (e.g. an OpenID provider's redirect).
 */
export async function startServer(opts: { env?: Record<string, string>; port?: number } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'haicap-e2e-db-'));
  const template = inject('e2eTemplate');
  if (template && !opts.env?.DATABASE_URL && !opts.env?.DEMO_SCALE && !opts.env?.DEMO_SEED)
    cpSync(template, dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('npx', ['tsx', 'src/server/main.ts'], {
    // A small demo nation (a tenth of the dossier history) keeps each start short.
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DEMO_SCALE: String(E2E_DEMO.scale),
      DEMO_SEED: String(E2E_DEMO.seed),
      ...opts.env,
    },
    cwd: process.env.HAICAP_E2E_SERVER_ROOT || process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async () => {
    if (!exited && child.pid) {
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        process.kill(-child.pid, 'SIGTERM'); // the group we started: npx and the server under it
      } catch {
        /* already gone */
      }
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  // HAICAP_E2E_READY_SECONDS: a machine shared with other work may need longer than the default to build the demo.
  const deadline = Date.now() + (Number(process.env.HAICAP_E2E_READY_SECONDS) || 300) * 1000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited before it was ready:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server not ready in time:\n${output}`);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh chromium profile (no cookies, no storage) with one page. */
export async function openBrowser(
  opts: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'haicap-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // as the offices' browsers are: the browser's own controls (time fields, file pickers) in Vietnamese
    locale: 'vi-VN',
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    isMobile: opts.isMobile,
    hasTouch: opts.isMobile,
    deviceScaleFactor: 1,
    args: [
      '--lang=vi-VN', // the native date and time fields: 07/12/2026, 08:00
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string, fullPage = true) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage });
}

/** Signs in through the form, as a user would, and waits for the shell. */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD, path = '/units') {
  await page.goto(baseUrl + path);
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.getByTestId('user-name').waitFor({ state: 'attached' });
}
