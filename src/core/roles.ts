/**
 * The roles of an account and of a person in their unit: pure, so that the web shows the same lists (docs/accounts.md).
 * `staff`: a civil servant's own account, linked to their staff record (`personId`): it reaches its own record and
 * work only, never the place's records.
 */
export type Role = 'admin' | 'ministry' | 'province' | 'commune' | 'viewer' | 'staff';
export const ROLES: Role[] = ['admin', 'ministry', 'province', 'commune', 'viewer', 'staff'];

/**
 * Roles of a person in their unit: the one-stop's receiving officer, a specialist who handles dossiers, a leader who
 * approves and signs, the unit's administrator of accounts.
 */
export const UNIT_ROLES = ['receiving', 'specialist', 'leader', 'unit_admin'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
