import type { FastifyInstance } from 'fastify';
import { actorForToken } from '../modules/accounts/index.js';
import { officerReach } from '../modules/reinforcement/index.js';
import { SESSION_COOKIE } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { pickLang } from '../core/i18n.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing in or out must work from a tab that lost its token while the cookie lives on; public routes need no session at all. */
const CSRF_EXEMPT = new Set(['/api/auth/login', '/api/auth/logout']);

/**
 * Resolves the session cookie into `request.actor` for every request, refuses API routes that are
 * not marked public when nobody is signed in, and checks the CSRF token on cookie-authenticated writes.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.query, req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await actorForToken(app.database.db, token, req.ip);
      if (found) {
        req.actor = found.actor;
        if (found.actor.role === 'ministry') {
          // A reinforcement officer acts in the province of their assignment, not with the Ministry's reach (issue #14).
          const province = await officerReach(app.database.db, found.actor.id, app.clock.localDate(app.clock.now()));
          if (province) req.actor = { ...found.actor, provinceCode: province, communeCode: null, officer: true };
        }
        req.sessionToken = token;
        req.csrfToken = found.csrfToken;
        const exempt = CSRF_EXEMPT.has(req.routeOptions.url ?? '') || req.routeOptions.config?.public === true;
        if (!SAFE_METHODS.has(req.method) && !exempt && req.headers['x-csrf-token'] !== found.csrfToken) {
          throw new AppError(403, 'csrf_invalid', 'csrf_invalid');
        }
      }
    }
    // The browsable API documentation (swagger-ui's own routes) is public like the document itself.
    const isPublic = req.routeOptions.config?.public === true || req.url.startsWith('/api/docs');
    // Unknown routes fall through to the 404 handler, which answers without revealing anything.
    if (!isPublic && req.routeOptions.url && !req.actor) throw new AppError(401, 'unauthenticated', 'unauthenticated');
  });
}
