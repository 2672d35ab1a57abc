import { forbidden, outOfScope } from './errors.js';
import { inScope, type Actor, type Place, type Role, type UnitRole } from './scope.js';

/**
 * A module's access rules as one table (its `policy.ts`): for each action, the roles that may take it and where the
 * record must lie. Services and routes ask the table; records sent to the web carry the actions the caller may take
 * (`actionsOn`), so the web shows what it is told instead of re-deriving roles.
 *
 * - `anywhere`: the role alone decides (reference data, the country's figures);
 * - `in_scope`: the record's place is inside the actor's subtree (`inScope`);
 * and `own: true` lets a person act on a record that is their own (their staff record, their task) whatever the role.
 */
export type Where = 'anywhere' | 'in_scope';

export interface Rule {
  roles: readonly Role[];
  where: Where;
  /** a person may take this action on their own record (a staff account on its tasks, self-assessment) */
  own?: boolean;
  /**
   * For a personal account with roles in its unit: the unit roles that may take the action (one is enough). Absent:
   * any of them. A unit's own account (no unit roles) is its administrator and is not asked.
   */
  unitRoles?: readonly UnitRole[];
  /** a line for the reader of the table */
  note?: string;
  /**
   * A reinforcement officer may take it (their field work). An officer otherwise takes only the actions a viewer may
   * take (reads, in the province of their assignment), whatever their Ministry role allows elsewhere.
   */
  officer?: boolean;
}

export type Policy<A extends string> = Readonly<Record<A, Rule>>;

/** What the rule needs to know of the record. */
export interface Target {
  place?: Place;
  /** the staff record the row belongs to, when it belongs to one person */
  personId?: string | null;
}

/**
 * Every account that sees a place (the country, a province, a commune). A staff account is NOT among them: it
 * reaches only what a rule opens to it by name (`EVERY_ACCOUNT`, or `STAFF` in its roles) or as its own (`own`), so a
 * new rule written with ALL_ROLES stays closed to it.
 */
export const ALL_ROLES: readonly Role[] = ['admin', 'ministry', 'province', 'commune', 'viewer'];
export const WRITERS: readonly Role[] = ['admin', 'ministry', 'province', 'commune'];
export const READERS = ALL_ROLES;
/** Every signed-in account, staff accounts included (their own password, the settings everyone reads). */
export const EVERY_ACCOUNT: readonly Role[] = [...ALL_ROLES, 'staff'];

/** A staff account: a civil servant's own account, linked to their staff record; it sees its own record and work. */
export const isStaffAccount = (actor: Actor) => actor.role === 'staff';

export function allows<A extends string>(policy: Policy<A>, action: A, actor: Actor, target: Target = {}): boolean {
  const rule = policy[action];
  const own = !!target.personId && actor.personId === target.personId;
  if (rule.own && own) return true;
  if (!rule.roles.includes(actor.role)) return false;
  // An officer acts with an officer's reach, not the Ministry's (issue #14): what viewers may, and their field work.
  if (actor.officer && !rule.officer && !rule.roles.includes('viewer')) return false;
  if (rule.unitRoles && actor.unitRoles?.length && !actor.unitRoles.some((r) => rule.unitRoles!.includes(r)))
    return false;
  if (rule.where === 'anywhere') return true;
  return !target.place || inScope(actor, target.place);
}

/** Throws the refusal the route answers with: 403 out of scope when the role may but the place is elsewhere. */
export function must<A extends string>(policy: Policy<A>, action: A, actor: Actor, target: Target = {}): void {
  if (allows(policy, action, actor, target)) return;
  const rule = policy[action];
  const unitRolesMay =
    !rule.unitRoles || !actor.unitRoles?.length || actor.unitRoles.some((r) => rule.unitRoles!.includes(r));
  const roleMay = rule.roles.includes(actor.role) && unitRolesMay;
  // (a national record has no unit to name: "Đơn vị  nằm ngoài…" was the message)
  if (roleMay && target.place?.unitCode) throw outOfScope(target.place.unitCode);
  throw forbidden();
}

/** The actions of `list` the actor may take on this record, for the web to show. */
export function actionsOn<A extends string>(
  policy: Policy<A>,
  list: readonly A[],
  actor: Actor,
  target: Target = {},
): A[] {
  return list.filter((a) => allows(policy, a, actor, target));
}
