import { capabilitiesFrom } from '../../core/capabilities.js';
import { actionsOn, allows, EVERY_ACCOUNT, WRITERS, type Policy } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';
import { UNIT_ACTIONS } from './domain/actions.js';

export type UnitAction = 'read' | 'edit_profile';

/**
 * Who may do what with the unit registry. A unit's place is itself (a province: its own code). Lists are filtered
 * by the same scope in SQL; the names of a province's units (for pickers) are open to any user of the province
 * (see unitNames), the one read wider than the scope.
 */
export const unitPolicy: Policy<UnitAction> = {
  read: {
    roles: EVERY_ACCOUNT,
    where: 'in_scope',
    note: "a unit inside the caller's subtree (a staff account: its own unit's public profile)",
  },
  edit_profile: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['leader', 'unit_admin'],
    note: "the unit's contact details",
  },
};

export const mayUnit = (action: UnitAction, actor: Actor, place: Place) => allows(unitPolicy, action, actor, { place });

/** The actions on a unit the web may offer. */
export const unitActions = (actor: Actor, place: Place) => actionsOn(unitPolicy, UNIT_ACTIONS, actor, { place });

/** GET /api/auth/me → capabilities. */
export const unitCapabilities = (actor: Actor) =>
  capabilitiesFrom(unitPolicy, { read: 'units.read', edit_profile: 'units.edit' }, actor);
