/** Qualification ladders, lowest first: a requirement is met by its level or any above it. */
export const EDUCATION = ['upper_secondary', 'intermediate', 'college', 'bachelor', 'master', 'doctorate'] as const;
export const POLITICAL_THEORY = ['none', 'elementary', 'intermediate', 'advanced'] as const;
export const STATE_MANAGEMENT = ['none', 'specialist', 'principal_specialist', 'senior_specialist'] as const;
export type Education = (typeof EDUCATION)[number];
export type PoliticalTheory = (typeof POLITICAL_THEORY)[number];
export type StateManagement = (typeof STATE_MANAGEMENT)[number];

/** What a job position or post requires (Law 80/2025: positions are filled by standard). */
export interface Requirements {
  minEducation?: Education;
  /** accepted fields of study; empty or absent = any */
  educationFields?: string[];
  minPoliticalTheory?: PoliticalTheory;
  minStateManagement?: StateManagement;
  itCertificate?: boolean;
}

export interface Qualifications {
  educationLevel: string;
  educationField: string | null;
  politicalTheory: string;
  stateManagement: string;
  itCertificate: string | null;
}

const rank = (ladder: readonly string[], v: string | null | undefined) => (v ? ladder.indexOf(v) : -1);

export type Shortfall = 'education' | 'education_field' | 'political_theory' | 'state_management' | 'it_certificate';

/** Whether a person meets a position's requirements, and each reason when not. */
export function checkRequirements(req: Requirements, q: Qualifications): { meets: boolean; shortfalls: Shortfall[] } {
  const out: Shortfall[] = [];
  if (req.minEducation && rank(EDUCATION, q.educationLevel) < rank(EDUCATION, req.minEducation)) out.push('education');
  if (req.educationFields?.length && !(q.educationField && req.educationFields.includes(q.educationField)))
    out.push('education_field');
  if (
    req.minPoliticalTheory &&
    rank(POLITICAL_THEORY, q.politicalTheory) < rank(POLITICAL_THEORY, req.minPoliticalTheory)
  )
    out.push('political_theory');
  if (
    req.minStateManagement &&
    rank(STATE_MANAGEMENT, q.stateManagement) < rank(STATE_MANAGEMENT, req.minStateManagement)
  )
    out.push('state_management');
  if (req.itCertificate && !q.itCertificate) out.push('it_certificate');
  return { meets: out.length === 0, shortfalls: out };
}

/** Whole years of age on a date. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const AGE_BANDS = ['under_30', '30_39', '40_49', '50_59', '60_plus'] as const;
export function ageBand(age: number): (typeof AGE_BANDS)[number] {
  return age < 30 ? 'under_30' : age < 40 ? '30_39' : age < 50 ? '40_49' : age < 60 ? '50_59' : '60_plus';
}
