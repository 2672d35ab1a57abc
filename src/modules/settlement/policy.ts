/**
 * Who may do what in the settlement of leaving cases (Decree 178/2024, issue 18), as one table (core/policy.ts):
 * - the agency proposes, corrects (before the decision) and pays: its commune, its province, or the Ministry for a
 *   ministry or central agency (no account belongs to a ministry: the Ministry of Home Affairs acts for them);
 * - the competent level approves, refuses, issues the leaving decision and may override an amount: the province for
 *   its units (communes never approve their own cases), the Ministry for the central agencies (Art. 17);
 * - read-only accounts see their subtree; a person linked to a staff record reads their own case;
 * - every signed-in account may run the calculator ("what would I get") and read the progress (scoped by the service).
 * A central agency's case lies at { provinceCode: '', unitCode: agency }: only country-wide accounts reach it.
 */
import { outOfScope } from '../../core/errors.js';
import {
  ALL_ROLES,
  EVERY_ACCOUNT,
  WRITERS,
  allows,
  isStaffAccount,
  must,
  type Policy,
  type Target,
} from '../../core/policy.js';
import type { Actor, Place, Role } from '../../core/scope.js';

export const SETTLEMENT_ACTIONS = [
  'calculate',
  'case.read',
  'case.propose',
  'case.correct',
  'case.approve',
  'case.refuse',
  'case.decide',
  'case.pay',
  'case.close',
  'case.override',
  'progress',
  'settings.read',
  'settings.write',
] as const;
export type SettlementAction = (typeof SETTLEMENT_ACTIONS)[number];

const APPROVERS: readonly Role[] = ['admin', 'ministry', 'province'];

export const settlementPolicy: Policy<SettlementAction> = {
  calculate: { roles: EVERY_ACCOUNT, where: 'anywhere', note: 'stores nothing; staff accounts too' },
  'case.read': { roles: ALL_ROLES, where: 'in_scope', own: true },
  'case.propose': { roles: WRITERS, where: 'in_scope', note: 'the agency lists the case (Art. 17)' },
  'case.correct': { roles: WRITERS, where: 'in_scope', note: 'before the leaving decision, with a reason' },
  'case.approve': { roles: APPROVERS, where: 'in_scope', note: 'province for its units, Ministry for its own' },
  'case.refuse': { roles: APPROVERS, where: 'in_scope', note: 'in writing, with the reason' },
  'case.decide': { roles: APPROVERS, where: 'in_scope', note: 'the leaving decision (number, date)' },
  'case.pay': { roles: WRITERS, where: 'in_scope', note: 'the agency pays' },
  'case.close': { roles: WRITERS, where: 'in_scope' },
  'case.override': { roles: APPROVERS, where: 'in_scope', note: 'with a reason; the approver is the caller' },
  progress: { roles: ALL_ROLES, where: 'anywhere', note: 'the service keeps each caller to its subtree' },
  'settings.read': { roles: EVERY_ACCOUNT, where: 'anywhere' },
  'settings.write': { roles: ['admin', 'ministry'], where: 'anywhere' },
};

/** The table, with a staff account kept to reading its own case and the calculator. */
export function may(action: SettlementAction, actor: Actor, target: Target = {}): boolean {
  if (isStaffAccount(actor) && action !== 'calculate' && action !== 'settings.read') {
    const own = !!target.personId && actor.personId === target.personId;
    return action === 'case.read' && own;
  }
  return allows(settlementPolicy, action, actor, target);
}

export function mustAt(action: SettlementAction, actor: Actor, place: Place, personId?: string | null): void {
  if (may(action, actor, { place, personId })) return;
  if (settlementPolicy[action].roles.includes(actor.role) && !isStaffAccount(actor)) throw outOfScope(place.unitCode);
  must(settlementPolicy, action, actor, { place, personId }); // throws forbidden
  throw outOfScope(place.unitCode);
}

/** The case steps the web may offer, by name. */
export const actionsAt = (list: readonly SettlementAction[], actor: Actor, target: Target): SettlementAction[] =>
  list.filter((a) => may(a, actor, target));
