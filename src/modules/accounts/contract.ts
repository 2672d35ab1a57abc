// The accounts API's contract: every route's request and response schemas (the routes import them; the web
// imports the types). Built once at module level.
import { Type, type Static } from 'typebox';
import { Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { ROLES } from '../../core/scope.js';

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  provinceCode: OrNull(Type.String()),
  communeCode: OrNull(Type.String()),
  personId: Type.Optional(
    OrNull(
      Type.String({
        description: "the account holder's own staff record, when linked (they see and report their own assessment)",
      }),
    ),
  ),
});
export const Session = Type.Object({ user: User, csrfToken: Type.String() });
export const Ok = Type.Object({ ok: Type.Boolean() });

export const LangQuery = Type.Object({ lang: Lang });
export const Credentials = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export const PasswordChange = Type.Object({
  currentPassword: Type.String({ minLength: 1 }),
  newPassword: Type.String({ minLength: 1, maxLength: 200 }),
});
export const UsersQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging, lang: Lang });
export const UserPage = Page(User);
export const NewUser = Type.Object(
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
);

export type User = Static<typeof User>;
export type Role = User['role'];
export type Session = Static<typeof Session>;
