import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, SESSION_COOKIE } from '../../core/context.js';
import { capabilitiesOf } from '../../core/capabilities.js';
import type { Actor } from '../../core/scope.js';
import {
  type Capability,
  Credentials,
  LangQuery,
  OidcCallbackQuery,
  SignedOut,
  type OidcError,
  Redirect,
  NewUser,
  Ok,
  PasswordChange,
  Session,
  User,
  UserPage,
  UsersQuery,
  AccountParams,
  NewUnitAccount,
  PasswordReset,
  UnitAccount,
  UnitAccounts,
  UnitAccountsQuery,
  UnitRolesPatch,
} from './contract.js';
import { changePassword, createUser, listUsers, login, logout, SESSION_HOURS } from './service.js';
import {
  auditOidcFailure,
  OIDC_COOKIE,
  OIDC_COOKIE_PATH,
  OIDC_FLOW_MINUTES,
  oidcSignIn,
  OidcRefusal,
  OidcSignIn,
  type OidcFailure,
} from './oidc.js';
import { AppError } from '../../core/errors.js';
import {
  changeUnitRoles,
  closeUnitAccount,
  createUnitAccount,
  listUnitAccounts,
  resetUnitPassword,
} from './unit-accounts.js';

/** What the caller may open, from the modules' policies; the names are the contract's (capabilities.test.ts). */
const capabilitiesFor = async (actor: Actor) => (await capabilitiesOf(actor)) as Capability[];

/** The sign-in page's words for a failure (the audit keeps the exact reason). */
const pageError: Record<OidcFailure, OidcError> = {
  oidc_no_account: 'no_account',
  oidc_throttled: 'throttled',
  oidc_unavailable: 'unavailable',
  oidc_invalid: 'failed',
  oidc_provider_refused: 'failed',
  oidc_flow_expired: 'failed',
};

export async function accountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token for writes',
        querystring: LangQuery,
        body: Credentials,
        response: { 200: Session },
      },
    },
    async (req, reply) => {
      const { token, csrfToken, user } = await login(app.database.db, req.body.username, req.body.password, req.ip);
      const capabilities = await capabilitiesFor({ ...user, ip: req.ip });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.secureCookies || req.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      return { user: { ...user, capabilities }, csrfToken };
    },
  );

  // Sign-in through an OpenID Connect provider (docs/decisions/0005): described always, answered when configured.
  const provider = app.config.oidc ? new OidcSignIn(app.config.oidc) : null;
  const signInOptions = { provider: !!provider };
  const secure = (protocol: string) => app.config.secureCookies || protocol === 'https';
  const notConfigured = (url: string) =>
    new AppError(404, 'not_found', 'route_not_found', { path: url.split('?')[0]! });

  r.get(
    '/api/auth/oidc/start',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in through the configured OpenID Connect provider (404 when none): redirects to the provider',
        security: [],
        response: { 302: Redirect("to the provider's authorization page, or to the sign-in page when it is down") },
      },
    },
    async (req, reply) => {
      if (!provider) throw notConfigured(req.url);
      try {
        const { url, cookie } = await provider.start();
        reply.setCookie(OIDC_COOKIE, cookie, {
          path: OIDC_COOKIE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: secure(req.protocol),
          maxAge: OIDC_FLOW_MINUTES * 60,
        });
        return reply.redirect(url, 302);
      } catch (err) {
        if (!(err instanceof OidcRefusal)) throw err;
        req.log.warn({ detail: err.detail }, 'OpenID Connect provider unavailable');
        return reply.redirect(`/?oidc_error=${pageError[err.reason]}`, 302);
      }
    },
  );

  r.get(
    '/api/auth/oidc/callback',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          "The provider's answer: opens a session for the one open personal account of the person it names, " +
          'or sends back to the sign-in page with the reason (audited)',
        security: [],
        querystring: OidcCallbackQuery,
        response: { 302: Redirect('to the home page signed in, or to the sign-in page with ?oidc_error=…') },
      },
    },
    async (req, reply) => {
      if (!provider) throw notConfigured(req.url);
      const cookie = req.cookies[OIDC_COOKIE];
      // the flow is used once, whatever happens
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      const search = new URL(req.url, 'http://callback').search;
      try {
        const { token } = await oidcSignIn(app.database.db, provider, search, cookie, req.ip);
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: secure(req.protocol),
          maxAge: SESSION_HOURS * 3600,
        });
        return reply.redirect('/', 302);
      } catch (err) {
        if (!(err instanceof OidcRefusal)) throw err;
        // a held-back address is not audited at each knock, as with passwords (its count is the record)
        if (err.reason !== 'oidc_throttled') await auditOidcFailure(app.database.db, req.ip, err);
        return reply.redirect(`/?oidc_error=${pageError[err.reason]}`, 302);
      }
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out (and, for a sign-in through the provider, where the browser ends the provider session)',
        querystring: LangQuery,
        response: { 200: SignedOut },
      },
    },
    async (req, reply) => {
      const ended = req.sessionToken ? await logout(app.database.db, req.sessionToken, req.actor) : null;
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      // RP-initiated logout: the provider's own session would otherwise sign the next person at this PC straight in
      const endSession = provider && ended?.method === 'oidc' ? await provider.endSessionUrl(ended.idToken) : null;
      return endSession ? { ok: true, endSession } : { ok: true };
    },
  );

  r.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: "The signed-in user and the session's CSRF token (for a tab that lost it)",
        response: { 200: Session },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return {
        user: {
          id: a.id,
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          provinceCode: a.provinceCode,
          communeCode: a.communeCode,
          personId: a.personId ?? null,
          unitRoles: [...(a.unitRoles ?? [])],
          capabilities: await capabilitiesFor(a),
        },
        csrfToken: req.csrfToken ?? '',
      };
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password (closes your other sessions)',
        querystring: LangQuery,
        body: PasswordChange,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await changePassword(
        app.database.db,
        actorOf(req),
        req.body.currentPassword,
        req.body.newPassword,
        req.sessionToken,
      );
      return { ok: true };
    },
  );

  r.get(
    '/api/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Accounts in your scope (administrators, ministry and province users)',
        querystring: UsersQuery,
        response: { 200: UserPage },
      },
    },
    (req) =>
      listUsers(app.database.db, actorOf(req), {
        q: req.query.q,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (administrators)',
        querystring: LangQuery,
        body: NewUser,
        response: { 201: User },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(app.database.db, actorOf(req), req.body)),
  );

  // The unit administrator's accounts (docs/accounts.md): the personal accounts of the unit's staff.
  r.get(
    '/api/unit-accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: "Your unit's accounts: its own and its staff's personal accounts, with names, posts and roles",
        querystring: UnitAccountsQuery,
        response: { 200: UnitAccounts },
      },
    },
    (req) => listUnitAccounts(app.database.db, actorOf(req), { unit: req.query.unit }),
  );

  r.post(
    '/api/unit-accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create the personal account of a person who works in your unit, with their roles in it',
        querystring: LangQuery,
        body: NewUnitAccount,
        response: { 201: UnitAccount },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createUnitAccount(app.database.db, actorOf(req), req.body, signInOptions)),
  );

  r.patch(
    '/api/unit-accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: "Change a personal account's roles in the unit (its open sessions take them at once)",
        params: AccountParams,
        querystring: LangQuery,
        body: UnitRolesPatch,
        response: { 200: UnitAccount },
      },
    },
    (req) => changeUnitRoles(app.database.db, actorOf(req), req.params.id, req.body, signInOptions),
  );

  r.post(
    '/api/unit-accounts/:id/close',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Close a personal account: no more sign-in; its records keep the name',
        params: AccountParams,
        querystring: LangQuery,
        response: { 200: UnitAccount },
      },
    },
    (req) => closeUnitAccount(app.database.db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/unit-accounts/:id/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password for a personal account (it is unlocked everywhere, its sessions end)',
        params: AccountParams,
        querystring: LangQuery,
        body: PasswordReset,
        response: { 200: Ok },
      },
    },
    (req) => resetUnitPassword(app.database.db, actorOf(req), req.params.id, req.body.password),
  );
}
