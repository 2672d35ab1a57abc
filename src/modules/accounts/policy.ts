import { capabilitiesFrom } from '../../core/capabilities.js';
import { allows, EVERY_ACCOUNT, must, type Policy } from '../../core/policy.js';
import type { Actor } from '../../core/scope.js';

export type AccountAction = 'list' | 'create' | 'change_own_password' | 'manage_unit';

/**
 * Who may do what with accounts. Administrators create accounts of any role; administrators, the ministry and the
 * province list the accounts of their scope (the list filters in SQL); everyone changes their own password.
 */
export const accountPolicy: Policy<AccountAction> = {
  list: { roles: ['admin', 'ministry', 'province'], where: 'anywhere', note: "the accounts of the caller's scope" },
  create: { roles: ['admin'], where: 'anywhere', note: 'an account of any role, its scope fitting the role' },
  change_own_password: { roles: EVERY_ACCOUNT, where: 'anywhere', note: 'closes the other sessions' },
  manage_unit: {
    roles: ['admin', 'province', 'commune'],
    where: 'in_scope',
    unitRoles: ['unit_admin'],
    note: "the personal accounts of the unit's staff (the place: the person's unit, which must be the caller's own)",
  },
};

export const mayAccounts = (action: AccountAction, actor: Actor) => allows(accountPolicy, action, actor);
export const mustAccounts = (action: AccountAction, actor: Actor) => must(accountPolicy, action, actor);

/**
 * GET /api/auth/me → capabilities; `accounts.unit`: the page of one's own unit's accounts (a unit has a place);
 * `account.password` only for an account that has a password.
 */
export const accountCapabilities = (actor: Actor) =>
  capabilitiesFrom(
    accountPolicy,
    {
      list: 'accounts.list',
      create: 'accounts.create',
      // an account that signs in only through the provider has no password to change
      ...(actor.passwordSignIn === false ? {} : { change_own_password: 'account.password' }),
      ...(actor.provinceCode ? { manage_unit: 'accounts.unit' } : {}),
    },
    actor,
  );
