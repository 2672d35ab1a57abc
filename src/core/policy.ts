import { forbidden, outOfScope } from './errors.js';
import { inScope, type Actor, type Place, type Role } from './scope.js';

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

export const ALL_ROLES: readonly Role[] = ['admin', 'ministry', 'province', 'commune', 'viewer'];
export const WRITERS: readonly Role[] = ['admin', 'ministry', 'province', 'commune'];
export const READERS = ALL_ROLES;

/** A staff account: read-only and linked to its own staff record. */
export const isStaffAccount = (actor: Actor) => actor.role === 'viewer' && !!actor.personId;

export function allows<A extends string>(policy: Policy<A>, action: A, actor: Actor, target: Target = {}): boolean {
  const rule = policy[action];
  const own = !!target.personId && actor.personId === target.personId;
  if (rule.own && own) return true;
  if (!rule.roles.includes(actor.role)) return false;
  // An officer acts with an officer's reach, not the Ministry's (issue #14): what viewers may, and their field work.
  if (actor.officer && !rule.officer && !rule.roles.includes('viewer')) return false;
  if (rule.where === 'anywhere') return true;
  return !target.place || inScope(actor, target.place);
}

/** Throws the refusal the route answers with: 403 out of scope when the role may but the place is elsewhere. */
export function must<A extends string>(policy: Policy<A>, action: A, actor: Actor, target: Target = {}): void {
  if (allows(policy, action, actor, target)) return;
  const roleMay = policy[action].roles.includes(actor.role);
  if (roleMay && target.place) throw outOfScope(target.place.unitCode);
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
