import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { and, asc, eq, gt, ilike, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { recordAudit } from '../audit/index.js';
import { unitProvince } from '../units/index.js';
import { sessions, users } from './schema.js';
import { peopleAtWork, personPlace } from '../workforce/index.js';
import { isPersonal, personalScope } from './domain/personal.js';
import { inScope, roleScopeProblem, scopeOf, type Actor, type Role, type UnitRole } from '../../core/scope.js';
import { mustAccounts } from './policy.js';
import {
  ADDRESS_BLOCK_MINUTES,
  backoffMinutes,
  KNOWN_ADDRESS_DAYS,
  LIMITS,
  minutesLeft,
  MIN_PASSWORD_LENGTH,
  throttleKey,
} from './domain/lockout.js';
import { block, claim, forget, forgetAccount, release, remember, remembered } from './throttle.js';

export const SESSION_HOURS = 12;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type UserRow = typeof users.$inferSelect;

export function publicUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    provinceCode: u.provinceCode,
    communeCode: u.communeCode,
    personId: u.personId,
    unitRoles: u.unitRoles as UnitRole[],
  };
}

/** Vietnam's date of an instant (the workforce's assignments are dated in local days). */
const localDay = (now: Date) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * The account as it acts now: a personal account takes the unit where its holder works today (domain/personal.ts);
 * the others act as stored.
 */
export async function resolveAccount(db: Db, u: UserRow, now: Date): Promise<UserRow> {
  if (!isPersonal(u)) return u;
  const at = (await peopleAtWork(db, [u.personId!], localDay(now))).get(u.personId!);
  return at ? { ...u, ...personalScope(u.role, u.unitRoles as UnitRole[], at) } : u;
}

const userPlace = (u: Pick<UserRow, 'provinceCode' | 'communeCode'>) => ({
  provinceCode: u.provinceCode,
  unitCode: u.communeCode ?? u.provinceCode,
});

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/** The account as the audit log names it for its own sign-ins: who, and from where. */
const selfActor = (u: UserRow, ip: string | null): Actor => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  provinceCode: u.provinceCode,
  communeCode: u.communeCode,
  personId: u.personId,
  unitRoles: u.unitRoles as UnitRole[],
  passwordSignIn: u.passwordSignIn,
  ip,
});

/** An audit entry of a sign-in event (sign_in, sign_in_failed, sign_out, lock), in its own transaction. */
async function auditSignIn(db: Db, u: UserRow, ip: string | null, action: string, after?: Record<string, unknown>) {
  await db.transaction((tx) =>
    recordAudit(tx, selfActor(u, ip), { action, entity: 'user', entityId: u.id, ...userPlace(u), after }),
  );
}

/**
 * Checks the password and opens a session. Returns the cookie token. The throttle (domain/lockout.ts) counts each
 * attempt before the password is checked: the address, then the account from that address, then the account from
 * everywhere; a right password gives its claims back.
 */
export async function login(db: Db, username: string, password: string, ip: string | null, now = new Date()) {
  const address = ip ?? 'unknown';
  const addrKey = throttleKey.addr(address);
  const addr = await claim(db, addrKey, 'addr', now);
  if (addr.blockedUntil) throw throttled(429, 'address_throttled', addr.blockedUntil, now);
  if (addr.n > LIMITS.addr.max) {
    const b = await block(db, addrKey, new Date(now.getTime() + ADDRESS_BLOCK_MINUTES * 60_000), now);
    throw throttled(429, 'address_throttled', b.until, now);
  }

  const [stored] = await db.select().from(users).where(eq(users.username, username));
  const u = stored && !stored.closedAt ? await resolveAccount(db, stored, now) : stored;
  if (!u || u.closedAt) {
    // Spend the same time as a real check, so timing does not reveal which usernames exist.
    await argon2.verify(DUMMY_HASH, password).catch(() => false);
    if (u) await auditSignIn(db, u, ip, 'sign_in_failed', { closed: true });
    throw new AppError(401, 'invalid_credentials', 'invalid_credentials');
  }

  if (!u.passwordSignIn) {
    // The account signs in only through the provider: there is no password to guess (its hash is of random bytes);
    // the person is told to use the provider's button. The address's attempt was counted above.
    await argon2.verify(DUMMY_HASH, password).catch(() => false);
    await auditSignIn(db, u, ip, 'sign_in_failed', { reason: 'password_sign_in_off' });
    throw new AppError(401, 'password_sign_in_off', 'password_sign_in_off');
  }

  const pairKey = throttleKey.pair(u.id, address);
  const pair = await claim(db, pairKey, 'pair', now);
  if (pair.blockedUntil) throw throttled(423, 'account_locked', pair.blockedUntil, now);
  if (pair.n > LIMITS.pair.max) {
    const b = await block(db, pairKey, new Date(now.getTime() + backoffMinutes(pair.strikes) * 60_000), now);
    if (b.first) await auditSignIn(db, u, ip, 'lock', { lockedUntil: b.until.toISOString(), ip });
    throw throttled(423, 'account_locked', b.until, now);
  }

  const acctKey = throttleKey.acct(u.id);
  const acct = await claim(db, acctKey, 'acct', now);
  if (acct.n > LIMITS.acct.max) {
    const since = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
    if (!(await remembered(db, throttleKey.known(u.id, address), since))) {
      const until = new Date(now.getTime() + LIMITS.acct.windowMinutes * 60_000);
      throw throttled(429, 'account_throttled', until, now);
    }
  }

  const ok = await argon2.verify(u.passwordHash, password).catch(() => false);
  if (!ok) {
    await auditSignIn(db, u, ip, 'sign_in_failed');
    throw new AppError(401, 'invalid_credentials', 'invalid_credentials');
  }
  await Promise.all([release(db, acctKey), forget(db, [pairKey])]);
  return openSession(db, u, ip, now, { method: 'password' });
}

/**
 * Opens a session for an account whose holder proved who they are (a right password, or an OpenID Connect provider's
 * ID token): gives back the address's claim, remembers the address, stores the session and audits the sign-in. The
 * caller has resolved the account (`resolveAccount`) and checked it is open.
 */
export async function openSession(
  db: Db,
  u: UserRow,
  ip: string | null,
  now: Date,
  how: { method: 'password' } | { method: 'oidc'; idToken: string },
) {
  const { method } = how;
  const address = ip ?? 'unknown';
  await release(db, throttleKey.addr(address));
  await remember(db, throttleKey.known(u.id, address), now);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(and(eq(sessions.userId, u.id), lt(sessions.expiresAt, now)));
    await tx.insert(sessions).values({
      id: sha256(token),
      userId: u.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      method,
      idToken: how.method === 'oidc' ? how.idToken : null,
    });
    await recordAudit(tx, selfActor(u, ip), {
      action: 'sign_in',
      entity: 'user',
      entityId: u.id,
      ...userPlace(u),
      // a password sign-in is written as it always was
      ...(method === 'password' ? {} : { after: { method } }),
    });
  });
  return { token, csrfToken, user: publicUser(u) };
}

const throttled = (
  status: 423 | 429,
  key: 'account_locked' | 'address_throttled' | 'account_throttled',
  until: Date,
  now: Date,
) => new AppError(status, key, key, { minutes: minutesLeft(until, now) });

const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$E1qPlvcw7zgBG2DXzX0J4g$k3yj2pjv5R7GbpIQOFB3kDULWu0h3MkhIURXTBz4qM4';

/**
 * Sessions seen in the last few seconds, so a page's burst of requests costs one lookup. Sign-out and
 * password changes evict at once in this process; another process may honour a closed session for at
 * most SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000;
type CachedSession = { seenAt: number; expiresAt: number; actor: Omit<Actor, 'ip'>; csrfToken: string };
const sessionCache = new Map<string, CachedSession>();

/**
 * Bumped by every forget: a lookup whose database read began before a forget (a password change, a sign-out
 * elsewhere, a role change) does not put its answer in the cache, since the row it read may be gone by now.
 */
let generation = 0;

/** Forgets cached sessions: one user's, or all. Call it after the commit (and it may be called before too). */
export function forgetSessions(userId?: string) {
  generation++;
  for (const [k, v] of sessionCache) if (!userId || v.actor.id === userId) sessionCache.delete(k);
}

/** The actor behind a session cookie, or null when the session is unknown or expired. */
export async function actorForToken(
  db: Db,
  token: string,
  ip: string | null,
  now = new Date(),
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const id = sha256(token);
  const hit = sessionCache.get(id);
  if (hit && now.getTime() - hit.seenAt < SESSION_CACHE_MS && hit.expiresAt > now.getTime())
    return { actor: { ...hit.actor, ip }, csrfToken: hit.csrfToken };
  const readFrom = generation;
  const [row] = await db
    .select({ user: users, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), isNull(users.closedAt)));
  if (!row) {
    sessionCache.delete(id);
    return null;
  }
  const u = await resolveAccount(db, row.user, now);
  const actor = {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    provinceCode: u.provinceCode,
    communeCode: u.communeCode,
    personId: u.personId,
    unitRoles: u.unitRoles as UnitRole[],
    passwordSignIn: u.passwordSignIn,
  };
  if (sessionCache.size > 10_000) sessionCache.clear();
  if (generation !== readFrom) return { actor: { ...actor, ip }, csrfToken: row.csrfToken }; // read before a forget
  sessionCache.set(id, { seenAt: now.getTime(), expiresAt: row.expiresAt.getTime(), actor, csrfToken: row.csrfToken });
  return { actor: { ...actor, ip }, csrfToken: row.csrfToken };
}

/**
 * Ends the session of a cookie, audited. Answers how it had been opened: a session opened through the OpenID Connect
 * provider gives back its ID token, for the sign-out at the provider (routes.ts); null when there was no session.
 */
export async function logout(
  db: Db,
  token: string,
  actor: Actor | null,
): Promise<{ method: string; idToken: string | null } | null> {
  sessionCache.delete(sha256(token));
  const ended = await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(sessions)
      .where(eq(sessions.id, sha256(token)))
      .returning({ userId: sessions.userId, method: sessions.method, idToken: sessions.idToken });
    if (!gone || !actor) return gone ?? null;
    const place = { provinceCode: actor.provinceCode, unitCode: actor.communeCode ?? actor.provinceCode };
    await recordAudit(tx, actor, { action: 'sign_out', entity: 'user', entityId: actor.id, ...place });
    return gone;
  });
  // After the delete too: a lookup that read the row meanwhile is not cached (see `generation`).
  generation++;
  sessionCache.delete(sha256(token));
  return ended && { method: ended.method, idToken: ended.idToken };
}

/** Changes the actor's password and closes its other sessions. */
export async function changePassword(
  db: Db,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
  keepToken: string | null,
) {
  if (newPassword.length < MIN_PASSWORD_LENGTH)
    throw invalid('newPassword', 'password_too_short', { min: MIN_PASSWORD_LENGTH });
  const [u] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!u) throw notFound('user');
  if (!u.passwordSignIn)
    throw new AppError(400, 'no_password_to_change', 'no_password_to_change', {}, 'currentPassword');
  // Guesses of the current password (a session left open) are limited like sign-ins, counted before the check.
  const now = new Date();
  const pwKey = throttleKey.pw(u.id);
  const c = await claim(db, pwKey, 'pw', now);
  if (c.blockedUntil)
    throw new AppError(429, 'password_attempts', 'password_attempts', { minutes: minutesLeft(c.blockedUntil, now) });
  if (c.n > LIMITS.pw.max) {
    const b = await block(db, pwKey, new Date(now.getTime() + LIMITS.pw.windowMinutes * 60_000), now);
    throw new AppError(429, 'password_attempts', 'password_attempts', { minutes: minutesLeft(b.until, now) });
  }
  if (!(await argon2.verify(u.passwordHash, currentPassword).catch(() => false))) {
    throw new AppError(400, 'wrong_password', 'wrong_password', {}, 'currentPassword');
  }
  await forget(db, [pwKey]);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, u.id));
    const others = keepToken
      ? and(eq(sessions.userId, u.id), sql`${sessions.id} <> ${sha256(keepToken)}`)
      : eq(sessions.userId, u.id);
    await tx.delete(sessions).where(others);
    forgetSessions(u.id);
    await recordAudit(tx, actor, { action: 'change_password', entity: 'user', entityId: u.id, ...userPlace(u) });
  });
  // Again after the commit: a lookup that read the old rows meanwhile is not cached (see `generation`).
  forgetSessions(u.id);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  provinceCode?: string | null;
  communeCode?: string | null;
  password: string;
  /** the holder's staff record; it must sit inside the account's scope */
  personId?: string | null;
}

/** Administrators create accounts of any role; the scope must fit the role and name real units. */
export async function createUser(db: Db, actor: Actor, input: NewUser) {
  mustAccounts('create', actor);
  const provinceCode = input.provinceCode ?? null;
  const communeCode = input.communeCode ?? null;
  const problem = roleScopeProblem(input.role, provinceCode, communeCode);
  if (problem) throw invalid('role', 'invalid_scope', { detail: problem });
  if (input.role === 'staff' && !input.personId) throw invalid('personId', 'required');
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw invalid('password', 'password_too_short', { min: MIN_PASSWORD_LENGTH });
  if (provinceCode) {
    const code = communeCode ?? provinceCode;
    if ((await unitProvince(db, code)) !== provinceCode)
      throw invalid(communeCode ? 'communeCode' : 'provinceCode', 'invalid_value', { detail: code });
  }
  if (input.personId) {
    const p = await personPlace(db, input.personId);
    if (!p || !inScope({ provinceCode, communeCode }, p))
      throw invalid('personId', 'invalid_value', { detail: input.personId });
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.username, input.username));
    if (existing) throw new AppError(409, 'username_taken', 'username_taken', { username: input.username }, 'username');
    const [u] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        provinceCode,
        communeCode,
        passwordHash,
        personId: input.personId ?? null,
      })
      .returning();
    const pub = publicUser(u!);
    await recordAudit(tx, actor, { action: 'create', entity: 'user', entityId: u!.id, ...userPlace(u!), after: pub });
    return pub;
  });
}

/** Accounts inside the actor's scope (administrators see all). */
export async function listUsers(db: Db, actor: Actor, q: { q?: string; page: number; pageSize: number }) {
  mustAccounts('list', actor);
  const s = scopeOf(actor);
  const conds: SQL[] = [];
  if (s.kind === 'province') conds.push(eq(users.provinceCode, s.provinceCode));
  if (q.q) conds.push(ilike(users.username, `%${q.q.replace(/[%_\\]/g, '\\$&')}%`));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(where),
  ]);
  return { items: items.map(publicUser), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Sets a password from the command line or the environment (administrator bootstrap). */
export async function setPassword(db: Db, username: string, password: string, role: Role = 'admin') {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.username, username));
    if (u) {
      await tx.update(users).set({ passwordHash }).where(eq(users.id, u.id));
      await tx.delete(sessions).where(eq(sessions.userId, u.id));
      await forgetAccount(tx, u.id);
      forgetSessions(u.id);
      await recordAudit(tx, null, { action: 'set_password', entity: 'user', entityId: u.id, ...userPlace(u) });
    } else {
      const [n] = await tx.insert(users).values({ username, displayName: username, role, passwordHash }).returning();
      await recordAudit(tx, null, {
        action: 'create',
        entity: 'user',
        entityId: n!.id,
        provinceCode: null,
        unitCode: null,
        after: publicUser(n!),
      });
    }
  });
  forgetSessions(); // after the commit (see `generation`); the command line runs rarely: all of them
}
