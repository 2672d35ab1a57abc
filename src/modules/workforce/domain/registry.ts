// The registry's words: pure lists shared by the API contract, the services and the web.

export const CATEGORIES = ['cadre', 'civil_servant', 'public_employee', 'contract'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ASSIGNMENT_KINDS = ['regular', 'secondment', 'reinforcement'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

export const POST_KINDS = ['leadership', 'job_position'] as const;

/** Why a person does not meet their post's requirements (see checkRequirements). */
export const SHORTFALLS = [
  'education',
  'education_field',
  'political_theory',
  'state_management',
  'it_certificate',
] as const;

/** Fields of study used by the job positions' requirements. */
export const EDUCATION_FIELDS = [
  'law',
  'public_administration',
  'economics',
  'finance',
  'accounting',
  'land_management',
  'construction',
  'agriculture',
  'environment',
  'social_work',
  'archives',
  'it',
  'education',
] as const;

/** What a caller may do with a person's record (sent with the record, see policy.ts). */
export const PERSON_ACTIONS = ['edit'] as const;
