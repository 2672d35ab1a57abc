/**
 * The settings of the assessment rules. Where the legal brief (section C) marks a detail unconfirmed,
 * it is a setting here with its documented default, never a hidden constant. A province may override
 * any of them for its own units; the national row applies otherwise.
 */
export type Band = 'excellent' | 'good' | 'completed' | 'not_completed';
/** From best to worst: the order ratings are capped in. */
export const BANDS: readonly Band[] = ['excellent', 'good', 'completed', 'not_completed'];

/** The three general criteria of Law 80/2025 Art. 25. */
export const CRITERIA = ['qualities', 'competence', 'innovation'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface ProductKind {
  code: string;
  /** converted units of one product of this kind (the conversion weight) */
  weight: number;
}

export interface AssessmentSettings {
  /** Decree 335/2025: general criteria at most 30 points. */
  generalMax: number;
  /** Decree 335/2025: task results at most 70 points. */
  taskMax: number;
  /**
   * The split of the 30 general points over the three contents of Law 80/2025 Art. 25
   * (qualities and discipline; competence, responsibility and service; innovation).
   * Unconfirmed in the brief: default 10 / 10 / 10.
   */
  generalCriteria: { code: Criterion; max: number }[];
  /** Decree 335/2025: −25 % of that product's points per major error. */
  errorPenalty: number;
  /** Decree 335/2025: −25 % of that product's points per delay. */
  delayPenalty: number;
  /**
   * How quantity, quality and timeliness make the task percentage. Unconfirmed: the brief cites a public
   * implementation using the plain mean ((qty + qual + time) / 3 × 0.7): default weights 1 / 1 / 1.
   */
  measureWeights: { quantity: number; quality: number; timeliness: number };
  /**
   * A leader's task percentage: own products, the unit's results, the organisation of the unit's work.
   * Unconfirmed in the brief (it names the parts, not their shares): default 40 / 30 / 30.
   */
  leaderShares: { own: number; unit: number; organisation: number };
  /** Decree 335/2025: the unit's results count 100 % when every subordinate completes, 50 % when any fails. */
  unitResultWhenAnyFails: number;
  /** Band floors: ≥ 90 excellent, 70 to under 90 good, 50 to under 70 completed. */
  bandFloors: { excellent: number; good: number; completed: number };
  /** Under this many months worked in the year: not rated (Decree 90/2020 as amended; kept by the new rules). */
  minMonthsWorked: number;
  /** Absence of at least this many months (and under minMonthsWorked of work lost) caps the rating (Decree 90/2020). */
  absenceCapMonths: number;
  absenceCap: Band;
  /** A disciplinary sanction in the year caps the rating. Decree 90/2020: "không hoàn thành". */
  sanctionCap: Band;
  /**
   * Maternity leave in the annual rating. The brief names Decree 90/2020 as amended by Decree 48/2023 but not the
   * clause that treats maternity leave, so the rule is a setting (issue #15): `time_worked` (default) rates the person
   * on the time actually worked, maternity months being neither absence (no cap) nor taken off the months worked (no
   * "under six months"); `absence` counts them as absence, as any other leave. docs/assessments.md.
   */
  maternityLeave: 'time_worked' | 'absence';
  /**
   * The excellent quota: Party Regulation 366 caps excellent at 20 % of those rated good, 25 % in units
   * recognised as outstanding. Decree 335's own quota is unconfirmed: default that ratio.
   */
  excellentQuotaShare: number;
  excellentQuotaShareOutstanding: number;
  /** Day and month by which the annual rating is due (Decree 335/2025 Art. 21: before 15 December). */
  annualDue: { month: number; day: number };
  /** Periods of task results: monthly or quarterly. */
  periodKind: 'month' | 'quarter';
  /** Conversion weights per product kind. Unconfirmed (each agency sets its own): a starting table. */
  productKinds: ProductKind[];
}

export const DEFAULT_SETTINGS: AssessmentSettings = {
  generalMax: 30,
  taskMax: 70,
  generalCriteria: [
    { code: 'qualities', max: 10 },
    { code: 'competence', max: 10 },
    { code: 'innovation', max: 10 },
  ],
  errorPenalty: 0.25,
  delayPenalty: 0.25,
  measureWeights: { quantity: 1, quality: 1, timeliness: 1 },
  leaderShares: { own: 0.4, unit: 0.3, organisation: 0.3 },
  unitResultWhenAnyFails: 0.5,
  bandFloors: { excellent: 90, good: 70, completed: 50 },
  minMonthsWorked: 6,
  absenceCapMonths: 3,
  absenceCap: 'completed',
  sanctionCap: 'not_completed',
  maternityLeave: 'time_worked',
  excellentQuotaShare: 0.2,
  excellentQuotaShareOutstanding: 0.25,
  annualDue: { month: 12, day: 15 },
  periodKind: 'quarter',
  productKinds: [
    { code: 'document', weight: 1 },
    { code: 'report', weight: 1 },
    { code: 'plan', weight: 2 },
    { code: 'draft_regulation', weight: 4 },
    { code: 'dossier', weight: 0.25 },
    { code: 'inspection', weight: 3 },
    { code: 'meeting', weight: 0.5 },
    { code: 'field_visit', weight: 1 },
    { code: 'other', weight: 1 },
  ],
};

/** Why a settings override may be refused, in the reader's two languages (the error's detail). */
export const SETTINGS_PROBLEMS = {
  maxima: {
    vi: 'điểm tối đa phần tiêu chí chung và phần kết quả nhiệm vụ phải cộng lại bằng 100',
    en: 'the general and task maxima must add up to 100',
  },
  criteria: {
    vi: 'điểm tối đa của các tiêu chí phải cộng lại bằng điểm tối đa phần tiêu chí chung',
    en: 'the criteria maxima must add up to the general maximum',
  },
  leaderShares: {
    vi: 'các tỷ trọng của người đứng đầu phải cộng lại bằng 1',
    en: 'the leader shares must add up to 1',
  },
  measures: { vi: 'phải có ít nhất một tiêu chí đo được tính', en: 'at least one measure must count' },
  bandFloors: {
    vi: 'ngưỡng điểm phải giảm dần từ hoàn thành xuất sắc đến hoàn thành nhiệm vụ',
    en: 'the floors must fall from excellent to completed',
  },
  productKinds: {
    vi: 'mỗi loại sản phẩm cần một hệ số quy đổi lớn hơn 0',
    en: 'every product kind needs a positive weight',
  },
  kindsInUse: {
    vi: 'không bỏ được loại sản phẩm đang có nhiệm vụ sử dụng',
    en: 'a product kind that tasks use cannot be removed',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

/** Why a settings override is not acceptable, as [field, problem], or null. */
export function settingsProblem(s: AssessmentSettings): [string, keyof typeof SETTINGS_PROBLEMS] | null {
  if (s.generalMax + s.taskMax !== 100) return ['taskMax', 'maxima'];
  const criteria = s.generalCriteria.reduce((a, c) => a + c.max, 0);
  if (Math.abs(criteria - s.generalMax) > 1e-9) return ['generalCriteria', 'criteria'];
  const shares = s.leaderShares.own + s.leaderShares.unit + s.leaderShares.organisation;
  if (Math.abs(shares - 1) > 1e-9) return ['leaderShares', 'leaderShares'];
  const w = s.measureWeights;
  if (w.quantity + w.quality + w.timeliness <= 0) return ['measureWeights', 'measures'];
  const f = s.bandFloors;
  if (!(f.excellent > f.good && f.good > f.completed && f.completed > 0 && f.excellent <= 100))
    return ['bandFloors', 'bandFloors'];
  if (s.productKinds.length === 0 || s.productKinds.some((k) => !(k.weight > 0)))
    return ['productKinds', 'productKinds'];
  return null;
}

/** Settings with an override applied (overrides are stored as partial objects). */
export function mergeSettings(
  base: AssessmentSettings,
  ...overrides: (Partial<AssessmentSettings> | undefined)[]
): AssessmentSettings {
  let out = base;
  for (const o of overrides) if (o) out = { ...out, ...o };
  return out;
}
