// The accounts API's contract: every route's request and response schemas (the routes import them; the web
// imports the types). Built once at module level.
import { Type, type Static } from 'typebox';
import { Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { ROLES, UNIT_ROLES } from '../../core/scope.js';

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
  unitRoles: Type.Optional(
    Type.Array(StringEnum(UNIT_ROLES), { description: "a personal account's roles in its unit (docs/accounts.md)" }),
  ),
});
/**
 * What a user may open, each derived by its module from its policy table and registered through core
 * (src/core/capabilities.ts): `<area>.<what>`; `*.own` is one's own record, never another's.
 */
export const CAPABILITIES = [
  'account.password',
  'accounts.create',
  'accounts.list',
  'accounts.unit',
  'archives.digitize',
  'archives.plan',
  'archives.read',
  'assessments.compare',
  'assessments.manage',
  'assessments.own',
  'assessments.read',
  'audit.read',
  'channel.raise',
  'channel.read',
  'dossiers.approve',
  'dossiers.assign',
  'dossiers.figures',
  'dossiers.pick',
  'dossiers.queue',
  'dossiers.read',
  'dossiers.receive',
  'dossiers.work',
  'organisations.read',
  'procedures.adjust',
  'reinforcement.field',
  'reinforcement.manage',
  'reinforcement.read',
  'reports.read',
  'settlement.read',
  'trainings.own',
  'trainings.read',
  'units.edit',
  'units.read',
  'workforce.import',
  'workforce.own',
  'workforce.read',
  'workforce.structure',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const Session = Type.Object({
  user: Type.Object({
    ...User.properties,
    capabilities: Type.Array(StringEnum(CAPABILITIES), {
      description:
        "what the user may open, derived from the modules' policies (e.g. dossiers.read, assessments.own): " +
        'the web builds its menus from it',
    }),
  }),
  csrfToken: Type.String(),
});
export const Ok = Type.Object({ ok: Type.Boolean() });
export const SignedOut = Type.Object({
  ok: Type.Boolean(),
  endSession: Type.Optional(
    Type.String({
      description:
        "for a session opened through the OpenID Connect provider: the provider's end-session address (with " +
        '`id_token_hint` and `post_logout_redirect_uri`), where the browser goes next so the provider signs out too',
    }),
  ),
});

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
export type SignedOut = Static<typeof SignedOut>;
/** The signed-in user, with what they may open. */
export type SignedInUser = Session['user'];

// ---------- the unit administrator's accounts ----------

export const UnitAccountsQuery = Type.Object({
  unit: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$', description: 'administrators name the unit' })),
  lang: Lang,
});
export const UnitAccount = Type.Object({
  id: Type.String(),
  username: Type.String({ description: 'the sign-in name, for its holder (never shown where a person acted)' }),
  name: Type.String({ description: "the holder's name (from the staff record), or the unit account's name" }),
  post: OrNull(Type.String({ description: 'the title of the post the holder holds today' })),
  personId: OrNull(Type.String()),
  kind: StringEnum(['personal', 'unit'] as const),
  unitRoles: Type.Array(StringEnum(UNIT_ROLES)),
  readOnly: Type.Boolean(),
  providerOnly: Type.Boolean({ description: 'signs in only through the OpenID Connect provider (no password)' }),
  closed: Type.Boolean(),
  managed: Type.Boolean({ description: 'the caller may change its roles, reset its password and close it' }),
});
export const UnitAccounts = Type.Object({ items: Type.Array(UnitAccount) });
export const NewUnitAccount = Type.Object({
  personId: Type.String({ format: 'uuid', description: 'the staff record of a person who works in the unit' }),
  username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,49}$' }),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'required unless providerOnly' })),
  providerOnly: Type.Optional(
    Type.Boolean({
      description:
        'signs in only through the configured OpenID Connect provider: no password (400 when none is configured)',
    }),
  ),
  unitRoles: Type.Array(StringEnum(UNIT_ROLES), { maxItems: 4 }),
  readOnly: Type.Optional(
    Type.Boolean({ description: 'without a unit role: reads the unit (true) or only its own work (false, default)' }),
  ),
});
export const UnitRolesPatch = Type.Object({
  unitRoles: Type.Array(StringEnum(UNIT_ROLES), { maxItems: 4 }),
  readOnly: Type.Optional(Type.Boolean()),
  providerOnly: Type.Optional(
    Type.Boolean({
      description:
        'true: password sign-in off (its sessions end); back on only by a password reset (false here answers 400)',
    }),
  ),
});
export const AccountParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const PasswordReset = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) });
export type UnitAccount = Static<typeof UnitAccount>;

// ---------- sign-in through an OpenID Connect provider (docs/decisions/0005) ----------

/** What the provider sends back to the callback (RFC 6749 §4.1.2; other parameters are let through). */
export const OidcCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  iss: Type.Optional(Type.String({ maxLength: 500 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 1000 })),
});
/** A redirect: the answer is where it sends the browser. */
export const Redirect = (where: string) =>
  Type.Null({
    description: `Redirect (302) ${where}`,
    headers: { location: { type: 'string', description: where } },
  });
/** Why a sign-in through the provider failed, in the sign-in page's address (`/?oidc_error=…`); the page words it. */
export const OIDC_ERRORS = ['no_account', 'failed', 'throttled', 'unavailable'] as const;
export type OidcError = (typeof OIDC_ERRORS)[number];
