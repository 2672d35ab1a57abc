// The web app on a weak connection (issue #16): the built assets carry a hash in their names, so a browser keeps
// them for a year without asking again; the page itself is asked again each time (a new build is seen at once; it is
// personal too: src/server/page.ts, never stored).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  const webDir = mkdtempSync(join(tmpdir(), 'haicap-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(
    join(webDir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>',
  );
  writeFileSync(join(webDir, 'assets', 'index-AbC123.js'), 'console.log(1);'.repeat(200));
  writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  ctx = await createTestApp({ config: { webDir } });
}, 600_000);
afterAll(async () => ctx?.close());

describe('the web app in the browser cache', () => {
  it('a built asset is kept a year and never asked again (immutable)', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('the page is asked again each time (never stored), at its address and at any page of the app', async () => {
    for (const url of ['/', '/index.html', '/ho-so']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('other files (no hash in the name) are revalidated too', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
