import { allows, ALL_ROLES, must, type Policy } from '../../core/policy.js';
import type { Actor } from '../../core/scope.js';

export type AccountAction = 'list' | 'create' | 'change_own_password';

/**
 * Who may do what with accounts. Administrators create accounts of any role; administrators, the ministry and the
 * province list the accounts of their scope (the list filters in SQL); everyone changes their own password.
 */
export const accountPolicy: Policy<AccountAction> = {
  list: { roles: ['admin', 'ministry', 'province'], where: 'anywhere', note: "the accounts of the caller's scope" },
  create: { roles: ['admin'], where: 'anywhere', note: 'an account of any role, its scope fitting the role' },
  change_own_password: { roles: ALL_ROLES, where: 'anywhere', note: 'closes the other sessions' },
};

export const mayAccounts = (action: AccountAction, actor: Actor) => allows(accountPolicy, action, actor);
export const mustAccounts = (action: AccountAction, actor: Actor) => must(accountPolicy, action, actor);
