/**
 * The unit administrator's accounts (docs/accounts.md): every official can have one personal account, linked to
 * their staff record, with roles in their unit. The unit's own account (commune-xxxxx, province-xx) and a personal
 * account with the unit_admin role administer them: list, create, change roles, close, reset a password. Only the
 * accounts of people who work in the administrator's own unit; every change is audited.
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound, outOfScope } from '../../core/errors.js';
import { isAdmin, type Actor, type Place, type Role, type UnitRole } from '../../core/scope.js';
import { must } from '../../core/policy.js';
import { recordAudit } from '../audit/index.js';
import { peopleAtWork, unitPeopleIds, type PersonAtWork } from '../workforce/index.js';
import { accountPolicy } from './policy.js';
import { unitProvince } from '../units/index.js';
import { sessions, users } from './schema.js';
import { forgetAccount } from './throttle.js';
import { forgetSessions } from './service.js';
import { isPersonal, personalScope } from './domain/personal.js';
import { MIN_PASSWORD_LENGTH } from './domain/lockout.js';

type UserRow = typeof users.$inferSelect;
const localDay = (now: Date) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const hash = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/** The caller's own unit: the one whose accounts it administers (any unit it names, for an administrator). */
async function ownUnit(db: Db, actor: Actor, unit?: string): Promise<Place> {
  if (!actor.provinceCode) {
    if (!unit) throw invalid('unit', 'required');
    const provinceCode = await unitProvince(db, unit);
    if (!provinceCode) throw invalid('unit', 'invalid_value', { detail: unit });
    return { provinceCode, unitCode: unit };
  }
  const own = { provinceCode: actor.provinceCode, unitCode: actor.communeCode ?? actor.provinceCode };
  if (unit && unit !== own.unitCode) throw outOfScope(unit);
  return own;
}

/** Checks that the caller administers the accounts of the person's unit (its own unit; all for an administrator). */
function mustManage(actor: Actor, at: PersonAtWork) {
  const place = { provinceCode: at.provinceCode, unitCode: at.unitCode };
  must(accountPolicy, 'manage_unit', actor, { place });
  if (!isAdmin(actor) && (actor.communeCode ?? actor.provinceCode) !== at.unitCode) throw outOfScope(at.unitCode);
}

/**
 * Roles a personal administrator gives and manages only if it holds them itself: the leader approves and signs, so an
 * account holding (or being given) that role is managed by the unit's own account or the platform's administrator
 * (a probe, 2026-12-08: a personal administrator gave itself the role, then set the Chairman's password). A unit's
 * own account, with no unit roles of its own, manages them all.
 */
const PROTECTED_ROLES: readonly UnitRole[] = ['leader'];

/** Whether the caller may give, or manage an account holding, these roles (PROTECTED_ROLES). */
function withinOwnRoles(actor: Actor, roles: readonly UnitRole[]): boolean {
  const own = actor.unitRoles ?? [];
  return !own.length || !roles.some((r) => PROTECTED_ROLES.includes(r) && !own.includes(r));
}

function mustNotOverreach(actor: Actor, roles: readonly UnitRole[]) {
  if (!withinOwnRoles(actor, roles)) throw new AppError(403, 'forbidden', 'unit_role_beyond_own');
}

function present(u: UserRow, at: PersonAtWork | undefined, actor: Actor) {
  return {
    id: u.id,
    username: u.username,
    name: at?.fullName ?? u.displayName,
    post: at?.postTitle ?? null,
    personId: u.personId,
    kind: (isPersonal(u) ? 'personal' : 'unit') as 'personal' | 'unit',
    unitRoles: u.unitRoles as UnitRole[],
    readOnly: u.unitRoles.length === 0 && u.role === 'viewer',
    providerOnly: !u.passwordSignIn,
    closed: !!u.closedAt,
    // the page offers its roles, password and closing only to those who may (not one's own, not a leader's for a
    // personal administrator who is not one)
    managed: isPersonal(u) && !u.closedAt && u.id !== actor.id && withinOwnRoles(actor, u.unitRoles as UnitRole[]),
  };
}

/** The accounts of a unit: its own account(s), then the personal accounts of the people who work there. */
export async function listUnitAccounts(db: Db, actor: Actor, q: { unit?: string }, now = new Date()) {
  const own = await ownUnit(db, actor, q.unit);
  must(accountPolicy, 'manage_unit', actor, { place: own });
  const isProvince = own.unitCode === own.provinceCode;
  const unitAccount = isProvince
    ? and(eq(users.provinceCode, own.unitCode), isNull(users.communeCode), isNull(users.personId))
    : and(eq(users.communeCode, own.unitCode), isNull(users.personId));
  const peopleIds = await unitPeopleIds(db, own.provinceCode, own.unitCode);
  const rows = await db
    .select()
    .from(users)
    .where(
      or(
        unitAccount,
        and(
          sql`${users.role} NOT IN ('admin', 'ministry')`,
          or(
            peopleIds.length ? inArray(users.personId, peopleIds) : sql`false`,
            isProvince ? undefined : eq(users.communeCode, own.unitCode),
          ),
        ),
      ),
    )
    .orderBy(asc(users.closedAt), asc(users.displayName));
  const at = await peopleAtWork(
    db,
    rows.filter((u) => u.personId).map((u) => u.personId!),
    localDay(now),
  );
  // A person seconded elsewhere is listed where they work now, not here.
  const items = rows
    .filter((u) => !u.personId || !isPersonal(u) || at.get(u.personId)?.unitCode === own.unitCode)
    .map((u) => present(u, u.personId ? at.get(u.personId) : undefined, actor));
  return { items };
}

export interface NewUnitAccount {
  personId: string;
  username: string;
  /** required unless the account signs in only through the provider */
  password?: string;
  /** signs in only through the OpenID Connect provider (docs/decisions/0005): no password */
  providerOnly?: boolean;
  unitRoles: UnitRole[];
  /** without a role in the unit: read-only (sees the unit) instead of a staff account (sees its own work) */
  readOnly?: boolean;
}

const baseRole = (unitRoles: readonly UnitRole[], readOnly: boolean | undefined, at: PersonAtWork): Role =>
  personalScope(readOnly ? 'viewer' : 'staff', unitRoles, at).role;

async function loadPersonal(db: Db, actor: Actor, id: string, now: Date) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u || !isPersonal(u)) throw notFound('user');
  const at = (await peopleAtWork(db, [u.personId!], localDay(now))).get(u.personId!);
  if (!at) throw notFound('user');
  mustManage(actor, at);
  mustNotOverreach(actor, u.unitRoles as UnitRole[]);
  return { u, at };
}

/** What the platform offers for signing in: whether an OpenID Connect provider is configured (routes.ts). */
export interface SignInOptions {
  provider: boolean;
}

/** An account that signs in only through the provider must be able to: the platform has one. */
function mustOfferProvider(options: SignInOptions) {
  if (!options.provider)
    throw new AppError(400, 'provider_sign_in_not_configured', 'provider_sign_in_not_configured', {}, 'providerOnly');
}

/** A hash of random bytes nobody holds: the account of a person who signs in only through the provider. */
const noPassword = () => hash(randomBytes(32).toString('base64url'));

/** Creates the personal account of a person who works in the unit (one open account a person). */
export async function createUnitAccount(
  db: Db,
  actor: Actor,
  input: NewUnitAccount,
  options: SignInOptions,
  now = new Date(),
) {
  if (input.providerOnly) {
    mustOfferProvider(options);
    if (input.password !== undefined) throw invalid('password', 'invalid_value', { detail: 'providerOnly' });
  } else if (input.password === undefined) throw invalid('password', 'required');
  else if (input.password.length < MIN_PASSWORD_LENGTH)
    throw invalid('password', 'password_too_short', { min: MIN_PASSWORD_LENGTH });
  const at = (await peopleAtWork(db, [input.personId], localDay(now))).get(input.personId);
  if (!at) throw invalid('personId', 'invalid_value', { detail: input.personId });
  mustManage(actor, at);
  mustNotOverreach(actor, input.unitRoles);
  const passwordHash = input.providerOnly ? await noPassword() : await hash(input.password!);
  const unitRoles = [...new Set(input.unitRoles)];
  const scope = personalScope(baseRole(unitRoles, input.readOnly, at), unitRoles, at);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken) throw new AppError(409, 'username_taken', 'username_taken', { username: input.username }, 'username');
    const [has] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.personId, input.personId), isNull(users.closedAt)));
    if (has) throw new AppError(409, 'person_has_account', 'person_has_account', {}, 'personId');
    const [u] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: at.fullName,
        passwordHash,
        passwordSignIn: !input.providerOnly,
        personId: input.personId,
        unitRoles,
        ...scope,
      })
      .returning();
    const item = present(u!, at, actor);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: u!.id,
      provinceCode: at.provinceCode,
      unitCode: at.unitCode,
      after: { name: item.name, unitRoles, readOnly: item.readOnly, providerOnly: item.providerOnly },
    });
    return item;
  });
}

/**
 * Changes a personal account's roles in the unit; its open sessions take them at once. `providerOnly: true` turns
 * password sign-in off (the account then signs in only through the provider; its sessions end, whichever way they
 * were opened, so a password session cannot outlive the decision); it is turned back on by a password reset.
 */
export async function changeUnitRoles(
  db: Db,
  actor: Actor,
  id: string,
  input: { unitRoles: UnitRole[]; readOnly?: boolean; providerOnly?: boolean },
  options: SignInOptions,
  now = new Date(),
) {
  const { u, at } = await loadPersonal(db, actor, id, now);
  const passwordOff = input.providerOnly === true && u.passwordSignIn;
  if (passwordOff) mustOfferProvider(options);
  if (input.providerOnly === false && !u.passwordSignIn)
    throw new AppError(400, 'password_sign_in_needs_password', 'password_sign_in_needs_password', {}, 'providerOnly');
  if (actor.id === u.id && !input.unitRoles.includes('unit_admin') && u.unitRoles.includes('unit_admin'))
    throw invalid('unitRoles', 'invalid_value', { detail: 'unit_admin' });
  // nobody gives themselves a role: it is given by another administrator
  if (actor.id === u.id && input.unitRoles.some((r) => !u.unitRoles.includes(r)))
    throw new AppError(403, 'forbidden', 'unit_role_own');
  mustNotOverreach(actor, input.unitRoles);
  const unitRoles = [...new Set(input.unitRoles)];
  const scope = personalScope(baseRole(unitRoles, input.readOnly, at), unitRoles, at);
  const [next] = await db.transaction(async (tx) => {
    const r = await tx
      .update(users)
      .set({ unitRoles, ...scope, ...(passwordOff ? { passwordHash: await noPassword(), passwordSignIn: false } : {}) })
      .where(eq(users.id, u.id))
      .returning();
    const rolesChanged = unitRoles.join() !== u.unitRoles.join() || scope.role !== u.role;
    if (rolesChanged || !passwordOff)
      await recordAudit(tx, actor, {
        action: 'change_roles',
        entity: 'user',
        entityId: u.id,
        provinceCode: at.provinceCode,
        unitCode: at.unitCode,
        before: { unitRoles: u.unitRoles },
        after: { unitRoles },
      });
    if (passwordOff) {
      await tx.delete(sessions).where(eq(sessions.userId, u.id));
      await recordAudit(tx, actor, {
        action: 'password_sign_in_off',
        entity: 'user',
        entityId: u.id,
        provinceCode: at.provinceCode,
        unitCode: at.unitCode,
        before: { providerOnly: false },
        after: { providerOnly: true },
      });
    }
    return r;
  });
  forgetSessions(u.id);
  return present(next!, at, actor);
}

/** Closes a personal account: no more sign-in, its sessions end; the row stays for the names in the records. */
export async function closeUnitAccount(db: Db, actor: Actor, id: string, now = new Date()) {
  const { u, at } = await loadPersonal(db, actor, id, now);
  if (actor.id === u.id) throw invalid('id', 'invalid_value', { detail: 'own account' });
  const [next] = await db.transaction(async (tx) => {
    const r = await tx
      .update(users)
      .set({ closedAt: u.closedAt ?? now })
      .where(eq(users.id, u.id))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    if (!u.closedAt)
      await recordAudit(tx, actor, {
        action: 'close',
        entity: 'user',
        entityId: u.id,
        provinceCode: at.provinceCode,
        unitCode: at.unitCode,
      });
    return r;
  });
  forgetSessions(u.id);
  return present(next!, at, actor);
}

/**
 * Sets a new password for a personal account (the holder forgot it, or is locked out): its sessions end and its
 * sign-in limits start afresh, from every address.
 */
export async function resetUnitPassword(db: Db, actor: Actor, id: string, password: string, now = new Date()) {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalid('password', 'password_too_short', { min: MIN_PASSWORD_LENGTH });
  const { u, at } = await loadPersonal(db, actor, id, now);
  const passwordHash = await hash(password);
  await db.transaction(async (tx) => {
    // an account that signed in only through the provider may use passwords again: the administrator gave it one
    await tx.update(users).set({ passwordHash, passwordSignIn: true }).where(eq(users.id, u.id));
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await forgetAccount(tx, u.id);
    await recordAudit(tx, actor, {
      action: 'reset_password',
      entity: 'user',
      entityId: u.id,
      provinceCode: at.provinceCode,
      unitCode: at.unitCode,
      ...(u.passwordSignIn ? {} : { before: { providerOnly: true }, after: { providerOnly: false } }),
    });
  });
  forgetSessions(u.id);
  return { ok: true };
}
