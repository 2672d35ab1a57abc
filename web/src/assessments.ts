import { api, withQuery, type Role, type User } from './api';
import { useLoad } from './components/common';
import { formatNumber } from './format';
import { maybe, type Translate } from './i18n';

/** The work-efficiency toolkit and the annual assessment as the API returns them (src/modules/assessments/). */
export const BANDS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export type Band = (typeof BANDS)[number];
export type Criterion = 'qualities' | 'competence' | 'innovation';
export const CRITERIA: readonly Criterion[] = ['qualities', 'competence', 'innovation'];
export type General = Partial<Record<Criterion, number>>;

export interface Settings {
  generalMax: number;
  taskMax: number;
  generalCriteria: { code: Criterion; max: number }[];
  bandFloors: { excellent: number; good: number; completed: number };
  excellentQuotaShare: number;
  excellentQuotaShareOutstanding: number;
  annualDue: { month: number; day: number };
  periodKind: 'month' | 'quarter';
  productKinds: { code: string; weight: number }[];
}

/**
 * The documented defaults (domain/settings.ts), used only when the settings cannot be read
 * (a commune-wide account is refused GET /api/assessments/settings for its province).
 */
export const DEFAULT_SETTINGS: Settings = {
  generalMax: 30,
  taskMax: 70,
  generalCriteria: [
    { code: 'qualities', max: 10 },
    { code: 'competence', max: 10 },
    { code: 'innovation', max: 10 },
  ],
  bandFloors: { excellent: 90, good: 70, completed: 50 },
  excellentQuotaShare: 0.2,
  excellentQuotaShareOutstanding: 0.25,
  annualDue: { month: 12, day: 15 },
  periodKind: 'quarter',
  productKinds: [
    'document',
    'report',
    'plan',
    'draft_regulation',
    'dossier',
    'inspection',
    'meeting',
    'field_visit',
    'other',
  ].map((code) => ({ code, weight: 1 })),
};

export interface Period {
  id: string;
  provinceCode: string;
  unitCode: string;
  year: number;
  kind: 'month' | 'quarter';
  seq: number;
  startDate: string;
  endDate: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  label: string;
}

export interface Score {
  general: number;
  taskPercent: number | null;
  taskPoints: number | null;
  quantity: number | null;
  quality: number | null;
  timeliness: number | null;
  total: number | null;
  band: Band | null;
  leader: boolean;
}

export type TaskStatus = 'assigned' | 'delivered' | 'reviewed';
export type Exemption = 'none' | 'task' | 'timeliness';

export interface Task {
  id: string;
  provinceCode: string;
  unitCode: string;
  periodId: string;
  personId: string;
  title: string;
  productKind: string;
  quantity: number;
  weight: number;
  dueDate: string;
  assignedBy: string;
  status: TaskStatus;
  deliveredQuantity: number | null;
  deliveredOn: string | null;
  evidence: string | null;
  acceptedQuantity: number | null;
  majorErrors: number;
  delays: number;
  exemption: Exemption;
  exemptionReason: string | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  version: number;
  fullName?: string | null;
}

export interface PeriodPerson {
  personId: string;
  fullName: string;
  reviewId: string | null;
  tasks: number;
  tasksReviewed: number;
  selfAssessed: boolean;
  headAssessed: boolean;
  provisional: boolean;
  score: Score | null;
}

export interface ReviewRow {
  id: string;
  selfGeneral: General | null;
  selfComment: string | null;
  selfAt: string | null;
  headGeneral: General | null;
  headComment: string | null;
  headBy: string | null;
  headAt: string | null;
  collectiveComment: string | null;
  organisationPercent: number | null;
  frozen: Score | null;
  version: number;
}

export interface Correction {
  id: string;
  reason: string;
  before: Score;
  after: Score;
  by: string;
  at: string;
}

export interface PersonReview {
  period: Period;
  person: { id: string; fullName: string; unitCode: string; provinceCode: string };
  review: ReviewRow | null;
  tasks: Task[];
  score: Score | null;
  provisional: boolean;
  criteria: { code: Criterion; max: number }[];
  corrections: Correction[];
  canSelfAssess: boolean;
  canHeadAssess: boolean;
}

export interface AnnualRating {
  id: string;
  unitCode: string;
  personId: string;
  year: number;
  monthsWorked: number;
  monthsAbsent: number;
  sanctioned: boolean;
  sanctionNote: string | null;
  average: number | null;
  periodsScored: number;
  scoredBand: Band | null;
  band: Band | null;
  caps: string[];
  notRatedReason: string | null;
  loweredReason: string | null;
  status: 'proposed' | 'confirmed';
  version: number;
  fullName?: string | null;
  category?: string | null;
}

export interface PersonRecord {
  person: { id: string; fullName: string; unitCode: string; provinceCode: string };
  periods: { period: Period; reviewId: string | null; score: Score | null; published: boolean }[];
  annual: AnnualRating[];
}

export interface UnitAnnual {
  unit: { code: string; name: string; provinceCode: string; provinceName: string; level: 'province' | 'commune' };
  year: number;
  due: string;
  staff: number;
  outstanding: boolean;
  publishedAt: string | null;
  quota: { counts: Record<Band, number>; quota: number; excellent: number; exceeded: boolean };
  notRated: number;
  confirmed: number;
  items: AnnualRating[];
}

export interface CompareRow {
  code: string;
  name: string;
  staff: number;
  rated: number;
  confirmed: number;
  notRated: number;
  bands: Record<Band, number>;
  excellentShare: number | null;
  unitsOverQuota: number;
}

export interface Overdue {
  year: number;
  due: string;
  daysLeft: number;
  items: {
    provinceCode: string;
    unitCode: string;
    name: string;
    staff: number;
    confirmed: number;
    proposed: number;
    pending: number;
  }[];
}

/** Accounts that act as the head of a unit: assign, review, assess, close, rate. */
export const isManager = (role: Role) =>
  role === 'commune' || role === 'province' || role === 'ministry' || role === 'admin';
/** Who sees the nav entry: the heads, and staff whose account is linked to their record. */
export const canSeeAssessments = (user: User) => isManager(user.role) || !!user.personId;

export const bandLabel = (t: Translate, b: string | null | undefined) =>
  b ? maybe(t, `as.band.${b}`, b) : t('as.band.none');
export const kindLabel = (t: Translate, k: string) => maybe(t, `as.kind.${k}`, k);
export const taskStatusLabel = (t: Translate, s: string) => maybe(t, `as.taskStatus.${s}`, s);
export const criterionLabel = (t: Translate, c: string) => maybe(t, `as.criterion.${c}`, c);
export const notRatedLabel = (t: Translate, r: string | null) => (r ? maybe(t, `as.notRated.${r}`, r) : '');
export const capLabel = (t: Translate, c: string) => maybe(t, `as.cap.${c}`, c);
export const periodLabel = (t: Translate, p: Pick<Period, 'kind' | 'seq' | 'year'>) =>
  t(p.kind === 'quarter' ? 'as.period.quarter' : 'as.period.month', { n: p.seq, year: p.year });

/** Band colours: the same in tables, bars and the line chart. */
export const BAND_COLOR: Record<Band, string> = {
  excellent: '#1b7f3b',
  good: '#2f6fb3',
  completed: '#b07800',
  not_completed: '#b3261e',
};

export const points = (n: number | null | undefined) => formatNumber(n == null ? null : Math.round(n * 10) / 10);

/** The scoring settings that apply to a province (the defaults when they cannot be read). */
export function useSettings(province: string | null | undefined) {
  const res = useLoad(
    (signal) =>
      api
        .get<{ settings: Settings }>('/api/assessments/settings', { province: province || undefined }, signal)
        .then((r) => r.settings),
    [province],
  );
  return res.data ?? (res.error ? DEFAULT_SETTINGS : null);
}

export const annualXlsxHref = (code: string, year: number) =>
  withQuery(`/api/assessments/units/${code}/annual/${year}/list.xlsx`);
export const annualDocxHref = (code: string, year: number) =>
  withQuery(`/api/assessments/units/${code}/annual/${year}/report.docx`);

/** Reads a whole number typed in a form, or null when it is not one in [min, max]. */
export function readInt(text: string, min: number, max: number): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** Reads a decimal typed with a comma or a point, or null when it is not one in [min, max]. */
export function readNumber(text: string, min: number, max: number): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}
