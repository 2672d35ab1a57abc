import { actionsOn, allows, ALL_ROLES, WRITERS, type Policy } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';
import { PERSON_ACTIONS } from './domain/registry.js';

export type WorkforceAction = 'read' | 'edit' | 'create' | 'assign' | 'release' | 'import';

/**
 * Who may do what with the workforce registry. A person's place is their unit; a post's, the unit it belongs to.
 * Reading follows the scope (and a unit where a person serves on secondment sees them too, see getPerson).
 */
export const workforcePolicy: Policy<WorkforceAction> = {
  read: { roles: ALL_ROLES, where: 'in_scope', note: "people, agencies, posts and summaries of the caller's units" },
  edit: { roles: WRITERS, where: 'in_scope', note: "correct a person's record; the full ID number goes with it" },
  create: { roles: WRITERS, where: 'in_scope', note: 'add a person to a unit the caller manages' },
  assign: {
    roles: WRITERS,
    where: 'in_scope',
    note: 'the receiving post must be in scope; and the person must be released (next line)',
  },
  // Every assignment takes the person from their present unit — a move, a secondment or a reinforcement alike — so
  // the one who makes it must also manage that unit: a commune between its own posts, the province between its
  // communes, the Ministry across provinces. Nothing is granted before: the receiving unit sees the person only
  // once an assignment so made is in force (getPerson). (The simpler of the two rules; an approval by the home
  // unit would need a request-and-approve step, which the province already is.)
  release: {
    roles: WRITERS,
    where: 'in_scope',
    note: "the person's present unit must be in scope too, for every kind of assignment",
  },
  import: { roles: WRITERS, where: 'anywhere', note: 'each row is then checked against the scope (edit/create)' },
};

export const mayWorkforce = (action: WorkforceAction, actor: Actor, place?: Place) =>
  allows(workforcePolicy, action, actor, { place });

/** The actions on a person's record the web may offer. */
export const personActions = (actor: Actor, place: Place) =>
  actionsOn(workforcePolicy, PERSON_ACTIONS, actor, { place });
