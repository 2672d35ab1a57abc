import { sql } from 'drizzle-orm';
import { pgTable, text, integer, timestamp, boolean, uuid, index } from 'drizzle-orm/pg-core';
import { ROLES, type Role } from '../../core/scope.js';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /**
   * False for an account that signs in only through the OpenID Connect provider (docs/decisions/0005): no password
   * is asked or accepted (its hash is of random bytes nobody holds); a password reset by the unit's administrator
   * turns passwords back on.
   */
  passwordSignIn: boolean('password_sign_in').notNull().default(true),
  role: text('role', { enum: ROLES as [Role, ...Role[]] }).notNull(),
  /** Scope: both null = whole country; province only = that province; both = that commune. */
  provinceCode: text('province_code'),
  communeCode: text('commune_code'),
  /** the staff record of the account holder, when there is one: they see and report their own assessment */
  personId: uuid('person_id'),
  /**
   * A personal account's roles in its unit (docs/accounts.md): receiving (one-stop receiving officer), specialist,
   * leader (approves and signs), unit_admin (the unit's accounts). Empty for the unit accounts and the national ones.
   */
  unitRoles: text('unit_roles')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Closed by the unit's administrator: no sign-in, no session; the row stays for the audit trail and the names. */
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  isDemo: boolean('is_demo').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a stolen table does not give live cookies. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    /** how the holder proved who they are: 'password' or 'oidc' */
    method: text('method').notNull().default('password'),
    /**
     * The provider's ID token of an OIDC sign-in: sent back as `id_token_hint` when the holder signs out, so the
     * provider ends its own session too (RP-initiated logout). Null for a password sign-in.
     */
    idToken: text('id_token'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in throttle (docs/accounts.md): one row a key, counted atomically (INSERT … ON CONFLICT DO UPDATE … RETURNING),
 * so parallel guesses are counted as the sequential ones. Keys: `pair:<user>:<address>` (an account from one address:
 * progressive back-off), `addr:<address>` (all sign-ins from one address), `acct:<user>` (one account from every
 * address: only its known addresses may go on), `known:<user>:<address>` (an address the owner signed in from),
 * `pw:<user>` (wrong current passwords on the password change). Not a place's record: no province_code.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }),
  /** how many times the key was blocked in a row: the next block lasts longer */
  strikes: integer('strikes').notNull().default(0),
});
