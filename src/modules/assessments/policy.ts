/**
 * Who may do what in the assessments, as one table (core/policy.ts):
 * - the unit's management accounts (commune, province, Ministry, admin, in their scope) act as the head: they assign
 *   and review tasks, judge the general criteria, close periods and rate the year;
 * - the person themself (an account linked to the staff record) reports deliveries and writes the self-assessment;
 * - read-only accounts see their subtree; a staff account (a viewer linked to a staff record) sees only what is its
 *   own: `may` refuses it every record that is not its own.
 * Refusals of a record elsewhere answer "out of scope" (the route's 403), as `mustAt` throws.
 */
import { homePlace } from '../../core/capabilities.js';
import { outOfScope } from '../../core/errors.js';
import {
  ALL_ROLES,
  EVERY_ACCOUNT,
  WRITERS,
  allows,
  isStaffAccount,
  type Policy,
  type Target,
} from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';

export const ASSESSMENT_ACTIONS = [
  'settings.read',
  'settings.national',
  'settings.province',
  'period.read',
  'period.close',
  'task.assign',
  'task.review',
  'task.deliver',
  'review.read',
  'review.self',
  'review.head',
  'review.correct',
  'annual.read',
  'annual.rate',
  'compare',
  'overdue',
] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

/** A personal account judges and rates as the head only as a leader of its unit. */
const LEADER = ['leader'] as const;

export const assessmentPolicy: Policy<AssessmentAction> = {
  'settings.read': {
    roles: EVERY_ACCOUNT,
    where: 'anywhere',
    note: "no secret, but each province's own settings stay with it (the service checks the province)",
  },
  'settings.national': { roles: ['admin', 'ministry'], where: 'anywhere' },
  'settings.province': {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: LEADER,
    note: 'the place is the province itself',
  },
  'period.read': { roles: ALL_ROLES, where: 'in_scope', note: 'a staff account sees its own rows of a period' },
  'period.close': { roles: WRITERS, where: 'in_scope', unitRoles: LEADER },
  'task.assign': { roles: WRITERS, where: 'in_scope', unitRoles: LEADER },
  'task.review': {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: LEADER,
    note: 'never their own work (the service checks)',
  },
  'task.deliver': { roles: [], where: 'in_scope', own: true, note: 'the person themself only' },
  'review.read': { roles: ALL_ROLES, where: 'in_scope', own: true },
  'review.self': { roles: [], where: 'in_scope', own: true, note: 'the person themself only' },
  'review.head': { roles: WRITERS, where: 'in_scope', unitRoles: LEADER, note: 'never their own (the service checks)' },
  'review.correct': {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: LEADER,
    note: 'never their own (the service checks)',
  },
  'annual.read': {
    roles: ALL_ROLES,
    where: 'in_scope',
    note: "a staff account sees its unit's list once published there (the service checks)",
  },
  'annual.rate': {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: LEADER,
    note: 'compute, publish, change and confirm ratings',
  },
  compare: { roles: ALL_ROLES, where: 'anywhere', note: 'from the country or a province, not a commune' },
  overdue: { roles: ALL_ROLES, where: 'anywhere' },
};

/** The table, with a staff account kept to what is its own (the settings apart: every account reads them). */
export function may(action: AssessmentAction, actor: Actor, target: Target = {}): boolean {
  if (isStaffAccount(actor) && action !== 'settings.read') {
    const own = !!target.personId && actor.personId === target.personId;
    return !!assessmentPolicy[action].own && own;
  }
  return allows(assessmentPolicy, action, actor, target);
}

/** Refuses with "out of scope" of the place's unit, as the assessment routes answer. */
export function mustAt(action: AssessmentAction, actor: Actor, place: Place, personId?: string): void {
  if (!may(action, actor, { place, personId })) throw outOfScope(place.unitCode);
}

/** The actions the web may offer on a record, by name. */
export const actionsAt = (list: readonly AssessmentAction[], actor: Actor, target: Target): AssessmentAction[] =>
  list.filter((a) => may(a, actor, target));

/** GET /api/auth/me → capabilities; `assessments.own`: their own tasks, self-assessment and scores. */
export function assessmentCapabilities(actor: Actor): string[] {
  const place = homePlace(actor);
  const caps: string[] = [];
  if (may('period.read', actor, { place })) caps.push('assessments.read');
  if (may('task.assign', actor, { place })) caps.push('assessments.manage');
  if (may('compare', actor)) caps.push('assessments.compare');
  if (actor.personId) caps.push('assessments.own');
  return caps;
}
