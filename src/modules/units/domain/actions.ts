/** What a caller may do with a unit (sent with the unit, see policy.ts). */
export const UNIT_ACTIONS = ['edit_profile'] as const;
