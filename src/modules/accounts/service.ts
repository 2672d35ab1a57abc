import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { and, asc, eq, gt, ilike, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { recordAudit } from '../audit/index.js';
import { unitProvince } from '../units/index.js';
import { sessions, users } from './schema.js';
import { personPlace } from '../workforce/index.js';
import { inScope, roleScopeProblem, scopeOf, type Actor, type Role } from '../../core/scope.js';
import { mustAccounts } from './policy.js';
import { afterFailure, isLocked, minutesLeft, MIN_PASSWORD_LENGTH } from './domain/lockout.js';

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
  };
}

const userPlace = (u: Pick<UserRow, 'provinceCode' | 'communeCode'>) => ({
  provinceCode: u.provinceCode,
  unitCode: u.communeCode ?? u.provinceCode,
});

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/** Checks the password (with lockout) and opens a session. Returns the cookie token. */
export async function login(db: Db, username: string, password: string, ip: string | null, now = new Date()) {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) {
    // Spend the same time as a real check, so timing does not reveal which usernames exist.
    await argon2.verify(DUMMY_HASH, password).catch(() => false);
    throw new AppError(401, 'invalid_credentials', 'invalid_credentials');
  }
  if (isLocked(u.lockedUntil, now)) {
    throw new AppError(423, 'account_locked', 'account_locked', { minutes: minutesLeft(u.lockedUntil!, now) });
  }
  const ok = await argon2.verify(u.passwordHash, password).catch(() => false);
  if (!ok) {
    const next = afterFailure(u.failedLogins, now);
    await db.transaction(async (tx) => {
      await tx.update(users).set(next).where(eq(users.id, u.id));
      if (next.lockedUntil) {
        await recordAudit(tx, null, {
          action: 'lock',
          entity: 'user',
          entityId: u.id,
          ...userPlace(u),
          after: { lockedUntil: next.lockedUntil.toISOString(), ip },
        });
      }
    });
    throw new AppError(401, 'invalid_credentials', 'invalid_credentials');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    if (u.failedLogins !== 0 || u.lockedUntil)
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, u.id), lt(sessions.expiresAt, now)));
    await tx.insert(sessions).values({
      id: sha256(token),
      userId: u.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    });
  });
  return { token, csrfToken, user: publicUser(u) };
}
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
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row) {
    sessionCache.delete(id);
    return null;
  }
  const u = row.user;
  const actor = {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    provinceCode: u.provinceCode,
    communeCode: u.communeCode,
    personId: u.personId,
  };
  if (sessionCache.size > 10_000) sessionCache.clear();
  if (generation !== readFrom) return { actor: { ...actor, ip }, csrfToken: row.csrfToken }; // read before a forget
  sessionCache.set(id, { seenAt: now.getTime(), expiresAt: row.expiresAt.getTime(), actor, csrfToken: row.csrfToken });
  return { actor: { ...actor, ip }, csrfToken: row.csrfToken };
}

export async function logout(db: Db, token: string) {
  sessionCache.delete(sha256(token));
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
  // After the delete too: a lookup that read the row meanwhile is not cached (see `generation`).
  generation++;
  sessionCache.delete(sha256(token));
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
  if (!(await argon2.verify(u.passwordHash, currentPassword).catch(() => false))) {
    throw new AppError(400, 'wrong_password', 'wrong_password', {}, 'currentPassword');
  }
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
      await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
      await tx.delete(sessions).where(eq(sessions.userId, u.id));
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
