import type { Role, UnitRole } from '../../../core/scope.js';

/**
 * A personal account (linked to a staff record) acts in the unit where its holder works today: its scope follows
 * the workforce (a move or a secondment changes it, nobody edits the account), and its role follows its unit roles:
 * any role in the unit acts as the unit's level (commune or province), with what each unit role allows in the
 * policies; none leaves it read-only (viewer) or a staff account (its own record and work).
 */
export function personalScope(
  base: Role,
  unitRoles: readonly UnitRole[],
  place: { provinceCode: string; unitCode: string },
): { role: Role; provinceCode: string; communeCode: string | null } {
  const level = place.unitCode === place.provinceCode ? 'province' : 'commune';
  const role: Role = unitRoles.length ? level : base === 'viewer' ? 'viewer' : 'staff';
  return { role, provinceCode: place.provinceCode, communeCode: level === 'commune' ? place.unitCode : null };
}

/** Is the account a personal one of a unit (the national and unit accounts are not)? */
export const isPersonal = (u: { personId: string | null; role: Role }) =>
  !!u.personId && u.role !== 'admin' && u.role !== 'ministry';
