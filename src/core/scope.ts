import { and, eq, or, type AnyColumn, type SQL } from 'drizzle-orm';
/**
 * Who may see and change what: the one scope predicate every service uses.
 * The unit tree is shallow (country → province → commune), so a place is (provinceCode, unitCode)
 * and a scope is "everything", "one province" or "one commune".
 */
import type { Role, UnitRole } from './roles.js';
export { ROLES, UNIT_ROLES, type Role, type UnitRole } from './roles.js';

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** null = whole country */
  provinceCode: string | null;
  /** set only for a commune-wide scope */
  communeCode: string | null;
  ip: string | null;
  /** the account holder's own staff record, when linked: they see and report their own assessment */
  personId?: string | null;
  /**
   * A reinforcement officer: a Ministry user serving in the field, whose reach the sign-in hook narrows to the province
   * of their assignment (provinceCode). They read what that province's viewers read and take only the actions the
   * policies mark `officer: true` (their field work, raising items) — src/core/policy.ts, issue #14.
   */
  officer?: boolean;
  /**
   * A personal account's roles in its unit (empty or absent for a unit's own account, which acts as the unit's
   * administrator and takes every action of its role): what the policies' `unitRoles` ask for.
   */
  unitRoles?: readonly UnitRole[];
  /** false for an account that signs in only through the OpenID Connect provider: it has no password to change */
  passwordSignIn?: boolean;
}

export interface Place {
  provinceCode: string;
  /** the commune code, or the province code for a province-level record */
  unitCode: string;
}

export type Scope =
  | { kind: 'country' }
  | { kind: 'province'; provinceCode: string }
  | { kind: 'commune'; provinceCode: string; communeCode: string };

/**
 * The actor's subtree. A staff account (a person's own account) sees its own unit only, whether a commune or the
 * province's own offices: its colleagues are the people of its unit, not the province's communes.
 */
export function scopeOf(actor: Pick<Actor, 'provinceCode' | 'communeCode'> & { role?: Role }): Scope {
  if (actor.role === 'staff' && actor.provinceCode)
    return { kind: 'commune', provinceCode: actor.provinceCode, communeCode: actor.communeCode ?? actor.provinceCode };
  if (actor.provinceCode && actor.communeCode)
    return { kind: 'commune', provinceCode: actor.provinceCode, communeCode: actor.communeCode };
  if (actor.provinceCode) return { kind: 'province', provinceCode: actor.provinceCode };
  return { kind: 'country' };
}

/** Is the place inside the actor's subtree? A commune user does not see its province's own records. */
export function inScope(actor: Pick<Actor, 'provinceCode' | 'communeCode'> & { role?: Role }, place: Place): boolean {
  const s = scopeOf(actor);
  if (s.kind === 'country') return true;
  if (s.kind === 'province') return place.provinceCode === s.provinceCode;
  return place.provinceCode === s.provinceCode && place.unitCode === s.communeCode;
}

export const canRead = (actor: Actor, place: Place) => inScope(actor, place);

/** Viewers never write; everyone else writes inside their scope. */
export const canWrite = (actor: Actor, place: Place) =>
  actor.role !== 'viewer' && actor.role !== 'staff' && inScope(actor, place);

export const isAdmin = (actor: Actor) => actor.role === 'admin';

/** The scope a role requires: checked when accounts are created. Returns an error text or null. */
export function roleScopeProblem(role: Role, provinceCode: string | null, communeCode: string | null): string | null {
  switch (role) {
    case 'admin':
    case 'ministry':
      return provinceCode || communeCode ? 'role has the whole country' : null;
    case 'province':
      return !provinceCode || communeCode ? 'needs a province and no commune' : null;
    case 'commune':
      return !provinceCode || !communeCode ? 'needs a province and a commune' : null;
    case 'viewer':
      return communeCode && !provinceCode ? 'a commune needs its province' : null;
    case 'staff':
      return !provinceCode ? "needs the province of the person's unit" : null;
  }
}

/** The columns that place a row: its province and its unit (commune, or the province for a province-level row). */
export interface PlaceColumns {
  provinceCode: AnyColumn;
  /** one column, or several (a row that belongs to each: e.g. a dossier's receiving and handling units) */
  unitCode: AnyColumn | AnyColumn[];
}

/**
 * The SQL condition for the rows inside the actor's subtree (undefined = the whole country): the one filter every
 * service's list and count use, so that reads agree with `inScope`.
 */
export function scopeWhere(
  actor: Pick<Actor, 'provinceCode' | 'communeCode'> & { role?: Role },
  cols: PlaceColumns,
): SQL | undefined {
  const s = scopeOf(actor);
  if (s.kind === 'country') return undefined;
  if (s.kind === 'province') return eq(cols.provinceCode, s.provinceCode);
  const units = Array.isArray(cols.unitCode) ? cols.unitCode : [cols.unitCode];
  const unit = units.length === 1 ? eq(units[0]!, s.communeCode) : or(...units.map((c) => eq(c, s.communeCode)));
  return and(eq(cols.provinceCode, s.provinceCode), unit);
}
