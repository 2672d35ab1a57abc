import { useEffect, useMemo, useState } from 'react';
import { api, withQuery, type Role } from './api';
import { maybe, type Translate } from './i18n';

/** The workforce registry as the API returns it (src/modules/workforce/service.ts). */
export const CATEGORIES = ['cadre', 'civil_servant', 'public_employee', 'contract'] as const;
export const EDUCATION = ['upper_secondary', 'intermediate', 'college', 'bachelor', 'master', 'doctorate'] as const;
export const POLITICAL_THEORY = ['none', 'elementary', 'intermediate', 'advanced'] as const;
export const STATE_MANAGEMENT = ['none', 'specialist', 'principal_specialist', 'senior_specialist'] as const;
export const AGE_BANDS = ['under_30', '30_39', '40_49', '50_59', '60_plus'] as const;
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

export type Category = (typeof CATEGORIES)[number];
export type AssignmentKind = 'regular' | 'secondment' | 'reinforcement';

export interface Person {
  id: string;
  provinceCode: string;
  unitCode: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  /** in full for those who manage the person, else masked (••••••••• 123) */
  nationalId: string;
  ethnicity: string;
  phone: string | null;
  email: string | null;
  category: Category;
  educationLevel: string;
  educationField: string | null;
  politicalTheory: string;
  stateManagement: string;
  itCertificate: string | null;
  foreignLanguage: string | null;
  rankCode: string | null;
  salaryStep: number | null;
  salaryCoefficient: number | null;
  partyJoinDate: string | null;
  version: number;
}

export interface Assignment {
  id: string;
  unitCode: string;
  agencyName: string | null;
  postTitle: string | null;
  kind: AssignmentKind;
  startDate: string;
  endDate: string | null;
  fromUnitCode: string | null;
  note: string | null;
  current: boolean;
}

export interface PersonDetail extends Person {
  age: number;
  requirements: { post: string | null; meets: boolean; shortfalls: string[] } | null;
  assignments: Assignment[];
}

export interface AgencyStaffing {
  id: string;
  kind: string;
  name: string;
  approvedHeadcount: number;
  staffed: number;
  posts: {
    id: string;
    kind: 'leadership' | 'job_position';
    code: string;
    title: string;
    seats: number;
    vacant: number;
    holders: { personId: string; fullName: string; kind: AssignmentKind; endDate: string | null }[];
  }[];
}

export interface Vacancy {
  provinceCode: string;
  unitCode: string;
  code: string;
  title: string;
  vacantSeats: number;
  vacantSince: string;
  daysVacant: number;
}

export interface Secondment {
  personId: string;
  fullName: string;
  unitCode: string;
  fromUnitCode: string | null;
  kind: AssignmentKind;
  startDate: string;
  endDate: string | null;
}

export interface WorkforceSummary {
  scope: { provinceCode: string | null; unitCode: string | null };
  staff: number;
  approvedHeadcount: number;
  byUnit: { provinceCode: string; unitCode: string; approvedHeadcount: number; staff: number }[];
  requirements: {
    assessed: number;
    notMeeting: number;
    notMeetingRate: number | null;
    shortfalls: Record<string, number>;
  };
  leadershipVacancies: { total: number; byPost: Record<string, number>; items: Vacancy[] };
  structure: {
    byCategory: Record<string, number>;
    byEducation: Record<string, number>;
    bySex: Record<string, number>;
    byAge: Record<string, number>;
  };
  secondments: Secondment[];
  /** Country scope only: each province's figures (the Ministry's map). */
  byProvince?: ProvinceFigures[];
}

export interface ProvinceFigures {
  provinceCode: string;
  staff: number;
  approvedHeadcount: number;
  leadershipVacancies: number;
  assessed: number;
  notMeeting: number;
}

/** Every signed-in user but the system administrator (who manages accounts, not staff). */
export const canSeeWorkforce = (role: Role) => role !== 'admin';

/** A national ID shown in full means the user manages (may edit) the person. */
export const isFullNationalId = (id: string) => /^\d{12}$/.test(id);

export const categoryLabel = (t: Translate, c: string) => maybe(t, `wf.category.${c}`, c);
export const educationLabel = (t: Translate, e: string | null | undefined) =>
  e ? maybe(t, `wf.education.${e}`, e) : '';
export const fieldOfStudyLabel = (t: Translate, f: string | null | undefined) =>
  f ? maybe(t, `wf.field.${f}`, f) : '';
export const politicalLabel = (t: Translate, p: string) => maybe(t, `wf.political.${p}`, p);
export const stateManagementLabel = (t: Translate, s: string) => maybe(t, `wf.stateMgmt.${s}`, s);
export const kindLabel = (t: Translate, k: string) => maybe(t, `wf.kind.${k}`, k);
export const shortfallLabel = (t: Translate, s: string) => maybe(t, `wf.shortfall.${s}`, s);
export const ageBandLabel = (t: Translate, b: string) => maybe(t, `wf.age.${b}`, b);
export const sexLabel = (t: Translate, s: string) => maybe(t, `wf.sex.${s}`, s);

/** The Excel export of a unit (or of the whole scope when no unit is given). */
export const exportHref = (unit?: string | null) => withQuery('/api/workforce/export', { unit });
/** The summary views as one workbook, a sheet per view. */
export const summaryExportHref = (unit?: string | null) => withQuery('/api/workforce/summary.xlsx', { unit });

// Unit names of a province, fetched once per page load (codes → full names, for tables and pickers).
export interface UnitName {
  code: string;
  level: 'province' | 'commune';
  fullName: string;
  type: string;
}
const nameCache = new Map<string, Promise<UnitName[]>>();
export function loadUnitNames(province: string): Promise<UnitName[]> {
  let p = nameCache.get(province);
  if (!p) {
    p = api.get<{ items: UnitName[] }>('/api/units/names', { province }).then((r) => r.items);
    p.catch(() => nameCache.delete(province));
    nameCache.set(province, p);
  }
  return p;
}

/** Names of the units of the given provinces; unknown codes stay as they are. */
export function useUnitNames(provinces: (string | null | undefined)[]): {
  nameOf(code: string | null | undefined): string;
  units: Map<string, UnitName[]>;
} {
  const key = [...new Set(provinces.filter((p): p is string => !!p))].sort().join(',');
  const [units, setUnits] = useState<Map<string, UnitName[]>>(new Map());
  useEffect(() => {
    let cancelled = false;
    for (const p of key ? key.split(',') : []) {
      loadUnitNames(p).then(
        (items) => {
          if (!cancelled) setUnits((m) => (m.has(p) ? m : new Map(m).set(p, items)));
        },
        () => undefined,
      );
    }
    return () => {
      cancelled = true;
    };
  }, [key]);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const list of units.values()) for (const u of list) names.set(u.code, u.fullName);
    return { nameOf: (code) => (code ? (names.get(code) ?? code) : ''), units };
  }, [units]);
}

/** Whole years of age on a date (YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
