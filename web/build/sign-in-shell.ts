/**
 * The sign-in screen as plain HTML inside `<div id="root">` of the built index.html (issue #16: on a commune's weak
 * connection the first screen is useful before the script arrives — on "Fast 3G" the 86 KB of script take two round
 * trips and half a second more). The officer types their name and password at once; when the app starts it takes the
 * typed values over (web/src/boot.ts) and renders the same form in its place. The submit button waits for the app.
 * The texts are the Vietnamese catalogue's own (web/src/i18n/vi.ts). The server keeps this part only for a page asked
 * by somebody signed out, on a page that needs a session (src/server/page.ts), between the two markers below.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { catalogueEntries } from './first-paint-messages.js';

export const SHELL_START = '<!--sign-in-shell-->';
export const SHELL_END = '<!--/sign-in-shell-->';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The catalogue's value of `key`: its source is one string literal (or literals joined with +) of our own file. */
function message(entries: Map<string, string>, key: string): string {
  const source = entries.get(key);
  if (source === undefined) throw new Error(`sign-in shell: vi.ts has no message ${key}`);
  return (Function(`return (${source});`) as () => string)();
}

export function signInShellHtml(webSrc: string): string {
  const entries = catalogueEntries(fs.readFileSync(path.join(webSrc, 'i18n', 'vi.ts'), 'utf8'));
  const m = (key: string) => escapeHtml(message(entries, key));
  // The markup and classes of web/src/pages/SignIn.tsx, so that the app's form replaces it without a jump.
  return (
    SHELL_START +
    '<div class="signin-page"><div class="signin-top"></div><main class="signin-card" id="main">' +
    `<div class="brand brand-large"><span class="brand-name">${m('app.name')}</span>` +
    `<span class="brand-tagline">${m('app.tagline')}</span></div><h1>${m('signin.title')}</h1>` +
    '<form id="sign-in-shell" novalidate>' +
    `<label class="field"><span>${m('signin.username')}</span>` +
    '<input id="shell-username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required></label>' +
    `<label class="field"><span>${m('signin.password')}</span>` +
    '<input id="shell-password" name="password" type="password" autocomplete="current-password" required></label>' +
    `<button type="submit" class="btn btn-primary btn-block" disabled>${m('signin.submit')}</button>` +
    '</form>' +
    // the citizens' look-up needs no session: a plain link works before the script arrives
    `<p class="public-link"><a href="/tra-cuu">${m('public.link')}</a></p>` +
    '</main></div>' +
    SHELL_END
  );
}

export function signInShell(webSrc: string): Plugin {
  return {
    name: 'haicap-sign-in-shell',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes('<div id="root"></div>')) throw new Error('sign-in shell: index.html has no empty #root');
        return html.replace('<div id="root"></div>', `<div id="root">${signInShellHtml(webSrc)}</div>`);
      },
    },
  };
}
