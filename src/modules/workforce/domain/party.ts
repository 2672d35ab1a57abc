/** Party membership dates (Party Charter Art. 1: members are admitted from the age of 18). Pure. */
const MIN_AGE = 18;

/** The same day `years` later (29 February stays as written: the comparison is on the text of ISO dates). */
export const yearsAfter = (iso: string, years: number) =>
  `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;

/** Whether a Party membership date is one the record cannot hold: before the 18th birthday, or after today. */
export function partyJoinDateProblem(birthDate: string, joinDate: string, today?: string): boolean {
  return joinDate < yearsAfter(birthDate, MIN_AGE) || (today !== undefined && joinDate > today);
}
