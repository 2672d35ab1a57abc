/**
 * A personal account (linked to a staff record) acts in the unit where its holder works today: its scope follows
 * the workforce (a move or a secondment changes it, nobody edits the account), and its role follows its unit roles:
 * any role in the unit acts at the unit's level (commune or province), with what each unit role allows in the
 * policies; none leaves it read-only (viewer) or a staff account (its own record and work). An account made with a
 * unit's role and no unit roles (an administrator linked a unit account to its holder) acts as the unit's account.
 * Roles are spelled as in core/scope.ts (a domain file imports no core module with I/O).
 */
type Level = 'commune' | 'province';

export function personalScope<R extends string>(
  base: R,
  unitRoles: readonly string[],
  place: { provinceCode: string; unitCode: string },
): { role: R | Level; provinceCode: string; communeCode: string | null } {
  const level: Level = place.unitCode === place.provinceCode ? 'province' : 'commune';
  const acting = unitRoles.length > 0 || base === 'commune' || base === 'province';
  const role = acting ? level : base === 'viewer' ? base : ('staff' as R);
  return { role, provinceCode: place.provinceCode, communeCode: level === 'commune' ? place.unitCode : null };
}

/** Is the account a personal one of a unit (the national and unit accounts are not)? */
export const isPersonal = (u: { personId: string | null; role: string }) =>
  !!u.personId && u.role !== 'admin' && u.role !== 'ministry';
