import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web app's page (index.html), made for the person asking (issue #16, weak connections). On chromium's "Fast 3G"
 * each round trip costs 0.56 s, and the app used to spend two of them before showing anything: the script, then
 * `GET /api/auth/me` (and `GET /api/meta` on the sign-in screen). Now the page carries both answers in a data block
 * (`<script type="application/json" id="boot">`, never executed, so the CSP stays `script-src 'self'`) that
 * web/src/boot.ts reads; and somebody signed out on a page that needs a session gets the plain-HTML sign-in form of the
 * build (web/build/sign-in-shell.ts) to type into while the script arrives. The page is personal: never stored.
 */

/** The markers around the sign-in form in the built index.html (web/build/sign-in-shell.ts writes them). */
export const SHELL_START = '<!--sign-in-shell-->';
export const SHELL_END = '<!--/sign-in-shell-->';

/** Pages that need no session (web/src/App.tsx): the citizens' look-up and the certificate check. */
const PUBLIC_PAGES = [/^\/tra-cuu\/?$/, /^\/trainings\/certificates\/[^/]+\/?$/];

/** JSON safe inside a script element: no `</script>`, no `<!--`, no line separators a parser could stumble on. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function withoutShell(html: string): string {
  const a = html.indexOf(SHELL_START);
  const b = html.indexOf(SHELL_END);
  return a >= 0 && b > a ? html.slice(0, a) + html.slice(b + SHELL_END.length) : html;
}

/** The answer of one of our own GET routes for this request's cookie and language, or null unless 200. */
async function own(app: FastifyInstance, req: FastifyRequest, url: string): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (req.headers.cookie) headers.cookie = req.headers.cookie;
  if (req.headers['accept-language']) headers['accept-language'] = req.headers['accept-language'];
  const res = await app.inject({ method: 'GET', url, headers });
  return res.statusCode === 200 ? (res.json() as unknown) : null;
}

export async function sendPage(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, template: string) {
  const path = req.url.split('?')[0]!;
  const session = req.headers.cookie ? await own(app, req, '/api/auth/me') : null;
  const boot = session ? { session } : { session: null, meta: await own(app, req, '/api/meta') };
  let html = session || PUBLIC_PAGES.some((p) => p.test(path)) ? withoutShell(template) : template;
  html = html.replace('</body>', `<script type="application/json" id="boot">${scriptSafeJson(boot)}</script></body>`);
  return reply
    .header('cache-control', 'no-store')
    .header('vary', 'cookie')
    .type('text/html; charset=utf-8')
    .send(req.method === 'HEAD' ? undefined : html);
}
