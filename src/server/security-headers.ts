import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * The security headers of every answer (docs/security.md):
 * - a Content-Security-Policy the built web app works with: its scripts and styles come from its own files (Vite
 *   emits no inline script; React and ECharts set styles through the DOM, which CSP allows), images may be data:
 *   or blob: URLs (chart export), nothing may frame the app (`frame-ancestors 'none'`, and X-Frame-Options: DENY);
 * - nosniff, Referrer-Policy: same-origin;
 * - HSTS only behind TLS (SECURE_COOKIES=1): on plain HTTP inside a LAN it would lock users out;
 * - `Cache-Control: no-store` on the API (personal data never kept by a browser or proxy on a shared office
 *   computer), unless a route marks its answer as public reference data (`public, …`).
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { secure: boolean }) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: opts.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The app opens downloads (attachments, workbooks) from its own origin only.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // The API documentation page (Swagger UI) applies one inline style: allowed there, and there only.
    const csp = reply.getHeader('content-security-policy');
    if (req.url.startsWith('/api/docs') && typeof csp === 'string')
      reply.header('content-security-policy', csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
    if (req.url.startsWith('/api/') || req.url === '/api') {
      const set = reply.getHeader('cache-control');
      if (!(typeof set === 'string' && set.startsWith('public'))) reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
