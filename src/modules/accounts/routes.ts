import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, SESSION_COOKIE } from '../../core/context.js';
import { Lang, Paging, StringEnum } from '../../core/schemas.js';
import { changePassword, createUser, listUsers, login, logout, SESSION_HOURS } from './service.js';
import { ROLES } from '../../core/scope.js';

const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  provinceCode: Type.Union([Type.String(), Type.Null()]),
  communeCode: Type.Union([Type.String(), Type.Null()]),
  personId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export async function accountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token for writes',
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: Type.Object({ user: User, csrfToken: Type.String() }) },
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
      schema: { tags: ['auth'], summary: 'Sign out', querystring: Type.Object({ lang: Lang }) },
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
        response: { 200: Type.Object({ user: User, csrfToken: Type.String() }) },
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
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1 }),
          newPassword: Type.String({ minLength: 1, maxLength: 200 }),
        }),
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
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging, lang: Lang }),
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
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,49}$' }),
            displayName: Type.String({ minLength: 1, maxLength: 120 }),
            role: StringEnum(ROLES),
            provinceCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{2}$' }), Type.Null()])),
            communeCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{5}$' }), Type.Null()])),
            password: Type.String({ minLength: 1, maxLength: 200 }),
            personId: Type.Optional(
              Type.Union([
                Type.String({
                  format: 'uuid',
                  description: "the holder's staff record: they see and report their own assessment",
                }),
                Type.Null(),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: User },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(app.database.db, actorOf(req), req.body)),
  );
}
