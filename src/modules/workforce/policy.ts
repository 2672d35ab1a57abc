import { capabilitiesFrom } from '../../core/capabilities.js';
import { actionsOn, allows, ALL_ROLES, EVERY_ACCOUNT, must, WRITERS, type Policy } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';
import { PERSON_ACTIONS } from './domain/registry.js';

export type WorkforceAction = 'read' | 'structure' | 'edit' | 'create' | 'assign' | 'release' | 'import';

/**
 * Who may do what with the workforce registry. A person's place is their unit; a post's, the unit it belongs to.
 * Reading follows the scope (and a unit where a person serves on secondment sees them too, see getPerson).
 */
export const workforcePolicy: Policy<WorkforceAction> = {
  read: {
    roles: ALL_ROLES,
    where: 'in_scope',
    own: true,
    note: "people, summaries and the staff workbook of the caller's units; a staff account its own record only",
  },
  structure: {
    roles: EVERY_ACCOUNT,
    where: 'in_scope',
    note: "a unit's agencies and posts with their holders: a staff account sees its colleagues by name and post",
  },
  edit: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['leader'],
    note: "correct a person's record; the full ID number goes with it",
  },
  create: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['leader'],
    note: 'add a person to a unit the caller manages',
  },
  assign: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['leader'],
    note: 'the receiving post must be in scope; and the person must be released (next line)',
  },
  // Every assignment takes the person from their present unit — a move, a secondment or a reinforcement alike — so
  // the one who makes it must also manage that unit: a commune between its own posts, the province between its
  // communes, the Ministry across provinces. Nothing is granted before: the receiving unit sees the person only
  // once an assignment so made is in force (getPerson). (The simpler of the two rules; an approval by the home
  // unit would need a request-and-approve step, which the province already is.)
  release: {
    roles: WRITERS,
    unitRoles: ['leader'],
    where: 'in_scope',
    note: "the person's present unit must be in scope too, for every kind of assignment",
  },
  import: {
    roles: WRITERS,
    where: 'anywhere',
    unitRoles: ['leader'],
    note: 'each row is then checked against the scope (edit/create)',
  },
};

export const mayWorkforce = (action: WorkforceAction, actor: Actor, place?: Place, personId?: string) =>
  allows(workforcePolicy, action, actor, { place, personId });

/**
 * Refuses an action at a place with the refusal that says why: out of scope when the role may take it elsewhere,
 * forbidden when the role (or the person's roles in the unit) may not take it at all (a one-stop officer adding a
 * person to their own unit was told the unit was outside their scope: the probe of 2026-12-07).
 */
export const mustWorkforce = (action: WorkforceAction, actor: Actor, place: Place) =>
  must(workforcePolicy, action, actor, { place });

/** Refuses (403 forbidden) a role the action is closed to, before a list or an export reads anything. */
export const mustWorkforceRole = (action: WorkforceAction, actor: Actor) => must(workforcePolicy, action, actor);

/** The actions on a person's record the web may offer. */
export const personActions = (actor: Actor, place: Place) =>
  actionsOn(workforcePolicy, PERSON_ACTIONS, actor, { place });

/** What the user may open of the workforce (GET /api/auth/me → capabilities); `workforce.own`: their own record. */
export const workforceCapabilities = (actor: Actor) => [
  ...capabilitiesFrom(
    workforcePolicy,
    { read: 'workforce.read', structure: 'workforce.structure', import: 'workforce.import' },
    actor,
  ),
  ...(actor.personId ? ['workforce.own'] : []),
];
