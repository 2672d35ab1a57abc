import { ALL_ROLES, allows, must, type Policy } from '../../core/policy.js';
import type { Actor } from '../../core/scope.js';

/**
 * Who may do what with the reinforcement phases, as one table. The Ministry's support group (administrators and the
 * Ministry users not serving in the field) runs the phases; officers (Ministry users assigned to a province for a phase)
 * plan their weeks, log their visits and send their reports, on their own assignment only; a visit is read in its
 * province and by the commune visited. The officers' work is read by the country and by each province for its own
 * (`provinceFilter` in the service); a commune sees only the visits to it.
 */
export const REINFORCEMENT_ACTIONS = ['manage_phases', 'field_work', 'read_visit'] as const;
export type ReinforcementAction = (typeof REINFORCEMENT_ACTIONS)[number];

export const REINFORCEMENT_POLICY: Policy<ReinforcementAction> = {
  manage_phases: {
    roles: ['admin', 'ministry'],
    where: 'anywhere',
    note: 'the support group: not an officer in the field',
  },
  field_work: {
    roles: ['ministry'],
    where: 'anywhere',
    note: 'an officer, on their own assignment and records',
    officer: true,
  },
  read_visit: { roles: ALL_ROLES, where: 'in_scope', note: 'its province, and the commune visited' },
};

/** May the actor take the action? `officer`: the actor serves as an officer (in any phase). */
export function may(action: ReinforcementAction, actor: Actor, ctx: { officer?: boolean } = {}): boolean {
  if (action === 'manage_phases' && ctx.officer) return false;
  return allows(REINFORCEMENT_POLICY, action, actor);
}

/** Throws unless the actor may read the visit (out of scope: the commune visited is named). */
export const mustReadVisit = (actor: Actor, v: { provinceCode: string; communeCode: string }) =>
  must(REINFORCEMENT_POLICY, 'read_visit', actor, { place: { provinceCode: v.provinceCode, unitCode: v.communeCode } });

/**
 * GET /api/auth/me → capabilities: the phases' pages are read by the country and the provinces (a commune sees the
 * visits to it on its own pages); the support group manages them.
 */
export const reinforcementCapabilities = (actor: Actor) => [
  ...(allows(REINFORCEMENT_POLICY, 'read_visit', actor) && actor.communeCode === null ? ['reinforcement.read'] : []),
  ...(allows(REINFORCEMENT_POLICY, 'manage_phases', actor) ? ['reinforcement.manage'] : []),
  // an officer serving in the field: their week's plan is their work (and their landing page)
  ...(actor.officer && allows(REINFORCEMENT_POLICY, 'field_work', actor) ? ['reinforcement.field'] : []),
];
