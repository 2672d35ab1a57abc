/**
 * Scoring of cadres and civil servants by results (Law 80/2025 Art. 25–26, Decree 335/2025;
 * public employees Decree 233/2026): pure functions, no I/O. Score = general criteria (≤ 30)
 * + task results (≤ 70); task results from the products assigned and delivered in the period.
 */
import { BANDS, type AssessmentSettings, type Band } from './settings.js';

/** A task as scoring sees it. Points of the task = quantity × the kind's conversion weight × weight. */
export interface ScoredTask {
  productKind: string;
  /** products assigned */
  quantity: number;
  /** the head's weight of this task (difficulty), 1 by default */
  weight: number;
  /** products delivered and accepted by the head */
  delivered: number;
  /** major errors found in the delivered products */
  majorErrors: number;
  /** delays in delivering */
  delays: number;
  /**
   * An objective, confirmed cause: 'task' takes the task out of the period altogether,
   * 'timeliness' forgives its delays only.
   */
  exemption: 'none' | 'task' | 'timeliness';
  /**
   * The products one by one, when known (the calculator): `delivered`, `majorErrors` and `delays` are then read
   * from them, each product losing 25 % of its own points per error or delay.
   */
  products?: readonly ProductOutcome[];
}

export interface ProductOutcome {
  accepted: boolean;
  majorErrors: number;
  delays: number;
}

export interface TaskResult {
  assignedPoints: number;
  /** percentages 0–100, null when nothing (non-exempt) was assigned */
  quantity: number | null;
  quality: number | null;
  timeliness: number | null;
  /** the three measures combined with the measure weights */
  percent: number | null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Two decimals, the way scores are shown and stored. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

export function kindWeight(s: AssessmentSettings, code: string): number {
  const k = s.productKinds.find((p) => p.code === code);
  if (!k) throw new Error(`unknown product kind ${code}`);
  return k.weight;
}

export function taskPoints(s: AssessmentSettings, t: Pick<ScoredTask, 'productKind' | 'quantity' | 'weight'>): number {
  return t.quantity * kindWeight(s, t.productKind) * t.weight;
}

/**
 * Quantity: delivered points over assigned points. Quality: the delivered points less, per major error, the error
 * penalty of **that product's** points (Decree 335/2025: "−25 % of that product's points per major error"; four
 * reports with one major error lose a quarter of one report: 93.75 %), a product never below zero. Timeliness: less
 * the delay penalty per delay (a late delivery of the task delays each product in it). All over the assigned points,
 * so an undelivered product costs on every measure.
 */
export function taskResults(s: AssessmentSettings, tasks: readonly ScoredTask[]): TaskResult {
  let assigned = 0;
  let qty = 0;
  let qual = 0;
  let time = 0;
  for (const t of tasks) {
    if (t.exemption === 'task') continue;
    const points = taskPoints(s, t);
    if (points <= 0) continue;
    assigned += points;
    const perProduct = points / t.quantity;
    if (t.products) {
      // One by one: up to `quantity` accepted products count.
      const accepted = t.products.filter((p) => p.accepted).slice(0, t.quantity);
      for (const p of accepted) {
        qty += perProduct;
        qual += perProduct * clamp(1 - s.errorPenalty * Math.max(0, p.majorErrors), 0, 1);
        const delays = t.exemption === 'timeliness' ? 0 : Math.max(0, p.delays);
        time += perProduct * clamp(1 - s.delayPenalty * delays, 0, 1);
      }
      continue;
    }
    const share = t.quantity > 0 ? clamp(t.delivered / t.quantity, 0, 1) : 0;
    const delivered = points * share;
    qty += delivered;
    // Each error costs a share of one product's points; all of them together at most what was delivered.
    qual += Math.max(0, delivered - s.errorPenalty * Math.max(0, t.majorErrors) * perProduct);
    const delays = t.exemption === 'timeliness' ? 0 : Math.max(0, t.delays);
    time += delivered * clamp(1 - s.delayPenalty * delays, 0, 1);
  }
  if (assigned === 0) return { assignedPoints: 0, quantity: null, quality: null, timeliness: null, percent: null };
  const q = (100 * qty) / assigned;
  const ql = (100 * qual) / assigned;
  const tl = (100 * time) / assigned;
  const w = s.measureWeights;
  const percent = (w.quantity * q + w.quality * ql + w.timeliness * tl) / (w.quantity + w.quality + w.timeliness);
  return { assignedPoints: assigned, quantity: q, quality: ql, timeliness: tl, percent };
}

/** Leaders: also the unit's results (full when every subordinate completes, reduced when any fails) and the organisation of its work. */
export interface LeaderInputs {
  /** did every subordinate reach at least "completed" in the period? (none = true) */
  allSubordinatesCompleted: boolean;
  /** the superior's judgement of how the leader organised the unit's work, 0–100 % */
  organisationPercent: number;
  /** the unit's results as a percentage, when given (the calculator); otherwise from `allSubordinatesCompleted` */
  unitPercent?: number;
}

export function leaderTaskPercent(s: AssessmentSettings, own: number | null, leader: LeaderInputs): number {
  const unit =
    leader.unitPercent !== undefined
      ? clamp(leader.unitPercent, 0, 100)
      : 100 * (leader.allSubordinatesCompleted ? 1 : s.unitResultWhenAnyFails);
  const sh = s.leaderShares;
  // A leader with no products of their own is judged on the unit and its organisation alone.
  if (own === null)
    return (sh.unit * unit + sh.organisation * clamp(leader.organisationPercent, 0, 100)) / (sh.unit + sh.organisation);
  return sh.own * own + sh.unit * unit + sh.organisation * clamp(leader.organisationPercent, 0, 100);
}

export interface PeriodInputs {
  tasks: readonly ScoredTask[];
  /** the general criteria as judged, by criterion code; missing = not yet judged */
  general: Partial<Record<string, number>>;
  leader?: LeaderInputs;
}

export interface PeriodScore {
  general: number;
  /** general criteria all judged */
  generalComplete: boolean;
  task: TaskResult;
  /** the percentage actually used for the 70 points (a leader's includes the unit and organisation) */
  taskPercent: number | null;
  taskPoints: number | null;
  /** null while it cannot be scored: no task assigned and not a leader, or general criteria missing */
  total: number | null;
  band: Band | null;
}

export function periodScore(s: AssessmentSettings, input: PeriodInputs): PeriodScore {
  let general = 0;
  let complete = true;
  for (const c of s.generalCriteria) {
    const v = input.general[c.code];
    if (v === undefined || v === null || Number.isNaN(v)) complete = false;
    else general += clamp(v, 0, c.max);
  }
  general = Math.min(general, s.generalMax);
  const task = taskResults(s, input.tasks);
  const taskPercent = input.leader ? leaderTaskPercent(s, task.percent, input.leader) : task.percent;
  const taskPts = taskPercent === null ? null : (s.taskMax * clamp(taskPercent, 0, 100)) / 100;
  // The band is read from the exact score; rounding to two decimals is for display (89.995 is good, shown 90).
  const exact = taskPts === null || !complete ? null : clamp(general + taskPts, 0, 100);
  const total = exact === null ? null : round2(exact);
  return {
    general: round2(general),
    generalComplete: complete,
    task,
    taskPercent: taskPercent === null ? null : round2(taskPercent),
    taskPoints: taskPts === null ? null : round2(taskPts),
    total,
    band: exact === null ? null : bandOf(s, exact),
  };
}

/** ≥ 90 excellent; 70 to under 90 good; 50 to under 70 completed; under 50 not completed. */
export function bandOf(s: AssessmentSettings, score: number): Band {
  const f = s.bandFloors;
  if (score >= f.excellent) return 'excellent';
  if (score >= f.good) return 'good';
  if (score >= f.completed) return 'completed';
  return 'not_completed';
}

/** The worse of two bands: a cap never raises a rating. */
export function capBand(band: Band, cap: Band): Band {
  return BANDS.indexOf(band) >= BANDS.indexOf(cap) ? band : cap;
}

export const bandAtLeast = (band: Band, floor: Band) => BANDS.indexOf(band) <= BANDS.indexOf(floor);

export interface AnnualInputs {
  /** the scores of the year's periods (null = not scored), wherever the person worked: they take their scores along */
  periodScores: readonly (number | null)[];
  /** months worked in the year */
  monthsWorked: number;
  /** months absent (leave, sickness; not maternity leave) in the year: taken off the months worked */
  monthsAbsent: number;
  /**
   * months of maternity leave in the year (Decree 48/2023 amending Decree 90/2020): neither absence nor taken off
   * the months worked; the person is rated on the scores of the time actually worked.
   */
  maternityMonths?: number;
  /** a disciplinary sanction in the year */
  sanctioned: boolean;
}

export type NotRatedReason = 'under_min_months' | 'no_scores';

export type AnnualResult =
  | { rated: false; reason: NotRatedReason; average: number | null }
  | { rated: true; average: number; scoredBand: Band; band: Band; caps: ('absence' | 'sanction')[] };

/**
 * The year's rating: the average of the periodic scores (band from the exact average, shown to two decimals), then
 * the rules of Decree 90/2020 kept by the settings: months absent are taken off the months worked, under
 * `minMonthsWorked` left is not rated; an absence of `absenceCapMonths` or more caps the band; a sanction caps it.
 * Maternity leave is not absence by default (setting `maternityLeave`: the clause of Decree 48/2023 is not in the
 * brief; docs/assessments.md).
 */
export function annualRating(s: AssessmentSettings, input: AnnualInputs): AnnualResult {
  const scores = input.periodScores.filter((x): x is number => x !== null);
  const exact = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  const average = exact === null ? null : round2(exact);
  // Maternity leave: rated on the time actually worked (setting `maternityLeave`, default), or absence like any leave.
  const maternity = s.maternityLeave === 'absence' ? Math.max(0, input.maternityMonths ?? 0) : 0;
  const absent = Math.max(0, input.monthsAbsent) + maternity;
  if (input.monthsWorked - absent < s.minMonthsWorked - 1e-9)
    return { rated: false, reason: 'under_min_months', average };
  if (exact === null || average === null) return { rated: false, reason: 'no_scores', average };
  const scoredBand = bandOf(s, exact);
  let band = scoredBand;
  const caps: ('absence' | 'sanction')[] = [];
  if (absent >= s.absenceCapMonths && capBand(band, s.absenceCap) !== band) {
    band = capBand(band, s.absenceCap);
    caps.push('absence');
  }
  if (input.sanctioned && capBand(band, s.sanctionCap) !== band) {
    band = capBand(band, s.sanctionCap);
    caps.push('sanction');
  }
  return { rated: true, average, scoredBand, band, caps };
}

export interface QuotaCheck {
  counts: Record<Band, number>;
  /** how many may be rated excellent */
  quota: number;
  excellent: number;
  exceeded: boolean;
}

/** How many may be rated excellent: the quota share of those rated good (a larger share in outstanding units). */
export function excellentQuota(s: AssessmentSettings, good: number, outstandingUnit = false): number {
  const share = outstandingUnit ? s.excellentQuotaShareOutstanding : s.excellentQuotaShare;
  return Math.floor(share * good + 1e-9);
}

/** Excellent may not exceed the quota. */
export function quotaCheck(s: AssessmentSettings, bands: readonly Band[], outstandingUnit = false): QuotaCheck {
  const counts: Record<Band, number> = { excellent: 0, good: 0, completed: 0, not_completed: 0 };
  for (const b of bands) counts[b]++;
  const quota = excellentQuota(s, counts.good, outstandingUnit);
  return { counts, quota, excellent: counts.excellent, exceeded: counts.excellent > quota };
}

/**
 * Months covered by the given date ranges (both ends included) inside the year, by calendar months: a month fully
 * covered counts 1, a month partly covered its share of days. 1/1–30/6 is 6 months; 2/7–31/12 is 5.97.
 */
export function monthsInYear(year: number, ranges: readonly { start: string; end: string | null }[]): number {
  const DAY = 86_400_000;
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const spans: [number, number][] = [];
  for (const r of ranges) {
    const a = Math.max(from, Date.parse(r.start + 'T00:00:00Z'));
    const b = Math.min(to, r.end ? Date.parse(r.end + 'T00:00:00Z') + DAY : to);
    if (b > a) spans.push([a, b]);
  }
  let months = 0;
  for (let m = 0; m < 12; m++) {
    const ms = Date.UTC(year, m, 1);
    const me = Date.UTC(year, m + 1, 1);
    // covered days of the month: the union of the spans cut to the month
    const cut = spans
      .map(([a, b]): [number, number] => [Math.max(a, ms), Math.min(b, me)])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let covered = 0;
    let end = -Infinity;
    for (const [a, b] of cut) {
      const start = Math.max(a, end);
      if (b > start) covered += b - start;
      end = Math.max(end, b);
    }
    months += covered / (me - ms);
  }
  return round2(months);
}

/** Periods of a year: quarters 1–4 or months 1–12, with their first and last days. */
export function periodsOfYear(year: number, kind: 'month' | 'quarter'): { seq: number; start: string; end: string }[] {
  const n = kind === 'month' ? 12 : 4;
  const len = kind === 'month' ? 1 : 3;
  const pad = (x: number) => String(x).padStart(2, '0');
  return Array.from({ length: n }, (_, i) => {
    const m0 = i * len;
    const last = new Date(Date.UTC(year, m0 + len, 0));
    return {
      seq: i + 1,
      start: `${year}-${pad(m0 + 1)}-01`,
      end: `${year}-${pad(m0 + len)}-${pad(last.getUTCDate())}`,
    };
  });
}

/** Delays of a delivery by default: one when delivered after the due date. The head may record more. */
export const defaultDelays = (dueDate: string, deliveredOn: string | null) =>
  deliveredOn && deliveredOn > dueDate ? 1 : 0;
