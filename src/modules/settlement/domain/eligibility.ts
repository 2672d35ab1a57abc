/**
 * Who may leave under Decree 178/2024/NĐ-CP (as amended by Decree 67/2025/NĐ-CP): the checks an agency runs before
 * proposing a case, each refusal with its clause (legal brief, section D "Eligibility"). Pure: no I/O.
 * The benefit's own conditions (2 years to retirement for quitting, a pension earned, at most 10 years early) are
 * checked by the calculator (benefits.ts) and reported the same way.
 */
import type { Regime } from './benefits.js';

/** The groups Decree 178 Art. 2 covers (as amended by Decree 67). */
export const GROUPS = [
  // Art. 2(1): directly affected by the restructuring
  'non_leader_staff', // civil servants and public employees who are not leaders, Art. 2(1)(a)
  'leader_volunteer', // leaders and managers who volunteer to leave, Art. 2(1)(a)
  'commune_staff', // commune cadres and civil servants, Art. 2(1)(b)
  'contract_before_2019', // contract staff hired before 15/1/2019 or treated as civil servants, Art. 2(1)(c)
  'armed_forces', // army, police and cipher staff, Art. 2(1)(d)–(e)
  // Art. 2(2): not directly affected, budget-paid since before 15/1/2019, ≤ 5 years to retirement (Art. 7a)
  'streamlining',
  // Art. 2(3): staff of associations assigned by the Party or the State
  'association_staff',
  // Art. 2(4): cadres not re-elected or re-appointed (Decree 177/2024) (Art. 7b)
  'not_reelected',
  // none of the above: refused
  'other',
] as const;
export type Group = (typeof GROUPS)[number];

/** The annual ratings of Law 80/2025 Art. 26 / Decree 90/2020 (the last three years are screened: Art. 6). */
export const RATINGS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export type Rating = (typeof RATINGS)[number];

export interface EligibilityInput {
  regime: Regime;
  group: Group;
  /** pregnant, on maternity leave or raising a child under 36 months */
  maternityOrYoungChild: boolean;
  /** volunteers to leave all the same (lifts the maternity exclusion) */
  volunteers: boolean;
  /** under discipline, criminal prosecution or inspection */
  underDiscipline: boolean;
  /** the last three years' annual ratings, oldest first (null where not recorded) */
  lastThreeYears: (Rating | null)[];
}

export type EligibilityCode =
  | 'group_not_covered'
  | 'regime_not_for_group'
  | 'maternity_or_young_child'
  | 'under_discipline'
  | 'assessments_missing';

export interface EligibilityRefusal {
  code: EligibilityCode;
  field: string;
  clause: string;
}

const REGIME_GROUPS: Record<Regime, readonly Group[]> = {
  early_retirement: [
    'non_leader_staff',
    'leader_volunteer',
    'commune_staff',
    'contract_before_2019',
    'armed_forces',
    'association_staff',
  ],
  early_retirement_streamlining: ['streamlining'],
  early_retirement_not_reelected: ['not_reelected'],
  quit: [
    'non_leader_staff',
    'leader_volunteer',
    'commune_staff',
    'contract_before_2019',
    'association_staff',
    'streamlining',
  ],
};

/** Every reason the case cannot go ahead, in the order an officer checks them (empty = eligible). */
export function eligibilityRefusals(input: EligibilityInput): EligibilityRefusal[] {
  const out: EligibilityRefusal[] = [];
  if (input.group === 'other')
    out.push({ code: 'group_not_covered', field: 'group', clause: 'Decree 178 Art. 2 (as amended by Decree 67/2025)' });
  else if (!REGIME_GROUPS[input.regime].includes(input.group))
    out.push({ code: 'regime_not_for_group', field: 'regime', clause: 'Decree 178 Art. 7, 7a, 7b, 9, 10' });
  if (input.maternityOrYoungChild && !input.volunteers)
    out.push({ code: 'maternity_or_young_child', field: 'maternityOrYoungChild', clause: 'Decree 178 Art. 3(2)' });
  if (input.underDiscipline)
    out.push({ code: 'under_discipline', field: 'underDiscipline', clause: 'Decree 178 Art. 3(3)' });
  // Art. 6: the agency screens on the last three years' results; cadres not re-elected leave on age (Art. 7b).
  if (
    input.regime !== 'early_retirement_not_reelected' &&
    (input.lastThreeYears.length < 3 || input.lastThreeYears.some((r) => !r))
  )
    out.push({ code: 'assessments_missing', field: 'lastThreeYears', clause: 'Decree 178 Art. 6' });
  return out;
}
