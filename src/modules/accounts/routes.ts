import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, SESSION_COOKIE } from '../../core/context.js';
import {
  Credentials,
  LangQuery,
  NewUser,
  Ok,
  PasswordChange,
  Session,
  User,
  UserPage,
  UsersQuery,
} from './contract.js';
import { changePassword, createUser, listUsers, login, logout, SESSION_HOURS } from './service.js';

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
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.secureCookies || req.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      return { user, csrfToken };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Sign out', querystring: LangQuery, response: { 200: Ok } },
    },
    async (req, reply) => {
      if (req.sessionToken) await logout(app.database.db, req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
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
    (req) => {
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
}
