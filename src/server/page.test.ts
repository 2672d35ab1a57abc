// The page on a weak connection (issue #16): it carries the session the app would otherwise ask for in a second round
// trip, and somebody signed out gets a sign-in form in plain HTML to type into while the script arrives. The page is
// personal, so never stored, and the session's text cannot break out of its data block.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn } from '../../test/helpers.js';
import { signInShellHtml } from '../../web/build/sign-in-shell.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  const webDir = mkdtempSync(join(tmpdir(), 'haicap-page-'));
  mkdirSync(join(webDir, 'assets'));
  // the built page's shape: vite's script in the head, the sign-in form of the build inside #root
  const shell = signInShellHtml(join(import.meta.dirname, '..', '..', 'web', 'src'));
  writeFileSync(
    join(webDir, 'index.html'),
    '<!doctype html><html lang="vi"><head><script type="module" crossorigin src="/assets/index-AbC123.js"></script>' +
      `</head><body><div id="root">${shell}</div></body></html>`,
  );
  writeFileSync(join(webDir, 'assets', 'index-AbC123.js'), 'console.log(1);');
  ctx = await createTestApp({ isolated: true, config: { webDir } });
}, 600_000);
afterAll(async () => ctx?.close());

/** The data block of the page, parsed as the app parses it. */
function boot(html: string): { session: { user: { displayName: string }; csrfToken: string } | null; meta?: unknown } {
  const m = html.match(/<script type="application\/json" id="boot">([^<]*)<\/script>/);
  expect(m, 'the page has its data block').not.toBeNull();
  return JSON.parse(m![1]!) as never;
}

describe('the page, made for the person asking', () => {
  it('signed out: the plain sign-in form in Vietnamese, and what the sign-in screen asks for', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<input id="shell-password" name="password" type="password"');
    expect(res.body).toContain('<h1>Đăng nhập</h1>');
    const b = boot(res.body);
    expect(b.session).toBeNull();
    expect(b.meta).toEqual((await ctx.app.inject({ method: 'GET', url: '/api/meta' })).json());
  });

  it('signed in: the session the app would ask for (with its CSRF token), and no sign-in form', async () => {
    const s = await signIn(ctx.app, 'commune-00004');
    for (const url of ['/', '/index.html', '/ho-so?page=2']) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('shell-password');
      const b = boot(res.body);
      expect(b.session, url).toEqual((await s.get('/api/auth/me')).json());
      expect(b.session!.csrfToken, url).toBe(s.csrfToken);
      expect(b.meta, url).toBeUndefined();
    }
  });

  it('a cookie of a closed session is signed out: the form again', async () => {
    const s = await signIn(ctx.app, 'commune-00004');
    await s.send('POST', '/api/auth/logout', {});
    const res = await ctx.app.inject({ method: 'GET', url: '/', headers: { cookie: s.cookie } });
    expect(res.body).toContain('shell-password');
    expect(boot(res.body).session).toBeNull();
  });

  it('the pages that need no session (citizens’ look-up, certificate check) have no sign-in form', async () => {
    for (const url of ['/tra-cuu', '/tra-cuu?ma=H01.00004-251001-0001', '/trainings/certificates/ABC-123']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('shell-password');
    }
  });

  it('is personal: never stored by the browser or a proxy', async () => {
    const s = await signIn(ctx.app, 'commune-00004');
    for (const cookie of [undefined, s.cookie]) {
      const res = await ctx.app.inject({ method: 'GET', url: '/', headers: cookie ? { cookie } : {} });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(String(res.headers.vary)).toMatch(/cookie/i);
    }
  });

  it('a name with markup cannot leave the data block (no script of ours or anyone’s runs from it)', async () => {
    const name = 'Lê </script><script>alert(1)</script><!-- & \u2028 Thị';
    const [before] = await ctx.database.rows<{ display_name: string }>(
      sql`SELECT display_name FROM users WHERE username = 'commune-00004'`,
    );
    await ctx.database.db.execute(sql`UPDATE users SET display_name = ${name} WHERE username = 'commune-00004'`);
    try {
      const s = await signIn(ctx.app, 'commune-00004');
      const res = await ctx.app.inject({ method: 'GET', url: '/', headers: { cookie: s.cookie } });
      expect(res.body).not.toContain('<script>alert(1)');
      expect(res.body.match(/<script/g)).toHaveLength(2); // vite's module and the data block, nothing more
      expect(boot(res.body).session!.user.displayName).toBe(name);
    } finally {
      await ctx.database.db.execute(
        sql`UPDATE users SET display_name = ${before!.display_name} WHERE username = 'commune-00004'`,
      );
    }
  });

  it('the build’s files are still served as they are (the page is not served raw at /index.html)', async () => {
    const asset = await ctx.app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1);');
    const s = await signIn(ctx.app, 'commune-00004');
    const raw = await ctx.app.inject({ method: 'GET', url: '/index.html', headers: { cookie: s.cookie } });
    expect(raw.body).toContain('id="boot"');
  });
});
