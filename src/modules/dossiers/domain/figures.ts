/**
 * The figures of the operations board, after the definitions of index 766 (Decision 766/QĐ-TTg).
 * Pure: sums in, rates out. A rate is null when its denominator is zero (nothing to rate yet).
 */
export interface StatSums {
  received: number;
  receivedOnline: number;
  /** received for procedures offered online (partly or fully): the 766 online rate's denominator */
  receivedOfferedOnline: number;
  receivedDigitized: number;
  finished: number;
  finishedOnTime: number;
  finishedWithEResult: number;
  ratings: number;
  ratingsSatisfied: number;
  /** dossiers with a complaint or a dissatisfied rating, each once (a complained dossier rated "not satisfied" is one) */
  complainedOrDissatisfied: number;
  waitMinutesTotal: number;
}

export const ZERO_SUMS: StatSums = {
  received: 0,
  receivedOnline: 0,
  receivedOfferedOnline: 0,
  receivedDigitized: 0,
  finished: 0,
  finishedOnTime: 0,
  finishedWithEResult: 0,
  ratings: 0,
  ratingsSatisfied: 0,
  complainedOrDissatisfied: 0,
  waitMinutesTotal: 0,
};

/** Adds two sets of figures (the totals of a board are the sum of its field breakdown). */
export const addSums = (a: StatSums, b: StatSums): StatSums =>
  Object.fromEntries(
    Object.keys(ZERO_SUMS).map((k) => [k, Number(a[k as keyof StatSums]) + Number(b[k as keyof StatSums])]),
  ) as unknown as StatSums;

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);

/** The dossiers still open at the end of the period (known when the period runs to today or later: the live backlog). */
export interface OpenAtEnd {
  inProgress: number;
  /** of which past their due date */
  overdue: number;
}

/**
 * The rates of a period (Decision 766/QĐ-TTg formulas, legal brief §B; docs/dossier-figures.md). `open`: the dossiers
 * still open at the period's end, when known; then the on-time rate is over all the period's dossiers, the open ones
 * within their time counting as on time (766 formula), otherwise over the finished ones.
 */
export function rates(s: StatSums, open: OpenAtEnd | null = null) {
  const openCount = open?.inProgress ?? 0;
  const openLate = open?.overdue ?? 0;
  const dossiersOfPeriod = s.finished + openCount;
  const late = s.finished - s.finishedOnTime + openLate;
  const dissatisfied = s.complainedOrDissatisfied;
  return {
    /**
     * on time ÷ the period's dossiers: finished on or before the (possibly rescheduled) due date, with at most one
     * supplement round after receipt and no late request, plus those still open within their time (when known)
     */
    onTimeRate: rate(s.finishedOnTime + openCount - openLate, dossiersOfPeriod),
    /** whether the on-time rate counts the dossiers still open at the period's end */
    onTimeIncludesOpen: open !== null,
    /**
     * 766 online rate: received online (channel 2) ÷ received for procedures offered online (a dossier of a
     * procedure only done at the counter does not lower it)
     */
    onlineRate: rate(s.receivedOnline, s.receivedOfferedOnline),
    /** 766 digitization, input and result: (inputs digitized + e-results) ÷ (received + finished) */
    digitizationRate: rate(s.receivedDigitized + s.finishedWithEResult, s.received + s.finished),
    /** received with the input documents digitized (scanned, or submitted online) ÷ received */
    inputDigitizationRate: rate(s.receivedDigitized, s.received),
    /** finished with an electronic result ÷ finished */
    eResultRate: rate(s.finishedWithEResult, s.finished),
    /** share of satisfied ratings: very satisfied + satisfied ÷ ratings given */
    satisfactionRate: rate(s.ratingsSatisfied, s.ratings),
    /**
     * 766 satisfaction in handling procedures: 100 % − (overdue rate + rate of dossiers with a complaint or a
     * dissatisfied rating), a dossier with both counted once
     */
    handlingSatisfactionRate:
      dossiersOfPeriod > 0
        ? Math.max(0, Math.round((1000 * (dossiersOfPeriod - late - dissatisfied)) / dossiersOfPeriod) / 10)
        : null,
    /** average queue wait of in-person and postal intakes, minutes */
    avgWaitMinutes:
      s.received - s.receivedOnline > 0
        ? Math.round((s.waitMinutesTotal / (s.received - s.receivedOnline)) * 10) / 10
        : null,
  };
}

export interface UnitLoad {
  unitCode: string;
  open: number;
  overdueOpen: number;
  receivedLast7: number;
  finishedLast7: number;
}

export interface CongestionRule {
  /** at least this many dossiers open (a handful is not congestion) */
  minOpen: number;
  /** the backlog grew over the last 7 days (more received than finished) by at least this many */
  minGrowth: number;
  /** share of open dossiers already overdue, percent */
  minOverdueShare: number;
}

export const DEFAULT_CONGESTION: CongestionRule = { minOpen: 5, minGrowth: 2, minOverdueShare: 20 };

/** A unit is congested now when its backlog is real, rising, and a real share of it is already overdue. */
export function congestion(load: UnitLoad, rule: CongestionRule = DEFAULT_CONGESTION) {
  const growth = load.receivedLast7 - load.finishedLast7;
  const overdueShare = load.open > 0 ? Math.round((load.overdueOpen / load.open) * 1000) / 10 : 0;
  return {
    growth,
    overdueShare,
    congested: load.open >= rule.minOpen && growth >= rule.minGrowth && overdueShare >= rule.minOverdueShare,
  };
}

/**
 * Where else to receive (boundary-free intake): units that are not congested, neighbours first
 * (communes formed from the same former district), then the least pressed (backlog per weekly
 * throughput), then the busiest counters (they are staffed).
 */
export function alternatives(loads: UnitLoad[], exclude: string, neighbours: ReadonlySet<string> = new Set(), n = 3) {
  const pressure = (l: UnitLoad) => l.open / Math.max(1, l.finishedLast7);
  const near = (l: UnitLoad) => (neighbours.has(l.unitCode) ? 0 : 1);
  return loads
    .filter((l) => l.unitCode !== exclude && !congestion(l).congested)
    .sort(
      (a, b) =>
        near(a) - near(b) ||
        pressure(a) - pressure(b) ||
        b.finishedLast7 - a.finishedLast7 ||
        a.unitCode.localeCompare(b.unitCode),
    )
    .slice(0, n)
    .map((l) => l.unitCode);
}

/** The 766 groups the platform holds data for, with their points (Decision 766/QĐ-TTg; legal brief §B). */
export const INDEX_766_POINTS = {
  transparency: 18,
  progress: 20,
  digitization: 22,
  online: 22,
  satisfaction: 18,
} as const;
export type Group766 = keyof typeof INDEX_766_POINTS;

/**
 * 766 bands. 90–100 excellent and under 50 weak are confirmed; the Tốt/Khá/Trung bình cut-offs are not (brief
 * §Unconfirmed): defaults 80 / 65 / 50, to be replaced when the text is found.
 */
export const INDEX_766_BANDS = { excellent: 90, good: 80, fair: 65, average: 50 } as const;
export type Band766 = 'excellent' | 'good' | 'fair' | 'average' | 'weak';

export const band766 = (percent: number): Band766 =>
  percent >= INDEX_766_BANDS.excellent
    ? 'excellent'
    : percent >= INDEX_766_BANDS.good
      ? 'good'
      : percent >= INDEX_766_BANDS.fair
        ? 'fair'
        : percent >= INDEX_766_BANDS.average
          ? 'average'
          : 'weak';

/**
 * The 766 transparency item the platform can measure: procedures published on time. A ministry publishes at least 20
 * working days, a province at least 5, before the legal text that sets or changes the procedure takes effect (766
 * formula description, brief §B; the rule of Decree 63/2010 Art. 15 as amended by Decree 92/2017, cited there as
 * unconfirmed). A national version (province '') is the ministry's publication, a province's own version the
 * province's. Working days are counted from the publication day (not counted) up to the effective day (counted),
 * as `WorkingCalendar.workingDaysBetween`: published Monday 1/6/2026, effective Monday 8/6/2026 is 5 working days.
 */
export const PUBLICATION_LEAD_WORKING_DAYS = { ministry: 20, province: 5 } as const;

export interface PublishedVersion {
  /** '' for the national catalogue (a ministry's publication) */
  provinceCode: string;
  publishedOn: string | null;
  effectiveOn: string | null;
}

/**
 * The share of procedure versions published on time, over those whose both dates are recorded (the others are left
 * out: not recorded, never counted late). `rate` null when none is recorded: transparency is then not measured.
 */
export function publicationOnTime(versions: PublishedVersion[], workingDaysBetween: (a: string, b: string) => number) {
  const dated = versions.filter((v) => v.publishedOn && v.effectiveOn);
  const onTime = dated.filter(
    (v) =>
      workingDaysBetween(v.publishedOn!, v.effectiveOn!) >=
      (v.provinceCode === '' ? PUBLICATION_LEAD_WORKING_DAYS.ministry : PUBLICATION_LEAD_WORKING_DAYS.province),
  ).length;
  return { dated: dated.length, onTime, rate: rate(onTime, dated.length) };
}

/**
 * The 766 index of a place and period from its rates. Each group is scored from the item the platform measures,
 * full points at the 766 threshold and in proportion below it (item weights within a group are unconfirmed):
 * progress = on-time rate (full at 100 %); digitization = input and result (full at ≥ 80 %); online = online dossiers
 * (full at ≥ 50 %); satisfaction = satisfaction in handling procedures (full at ≥ 90 %); transparency = procedures
 * published on time (full at 100 %), from the catalogue's publication and effective dates: `transparencyPercent` null
 * (no dated procedure in the period) = not measured, left out of the total (said so in `notMeasured`). A group
 * without data (no dossier) is not measured either. The band reads the exact total over the points measured, as a
 * percentage (rounding is for display only).
 */
/**
 * What a measured group leaves out for want of data, said beside the index: satisfaction is scored from satisfaction
 * in handling procedures alone (feedback handled on time and feedback satisfaction are not held); transparency from
 * on-time publication alone (publication in the national database, complete components and synchronisation with the
 * national portal are not held).
 */
export type Caveat766 = 'satisfaction_handling_only' | 'transparency_publication_only';

export function index766(r: ReturnType<typeof rates>, transparencyPercent: number | null = null) {
  const score = (value: number | null, fullAt: number, points: number) =>
    value === null ? null : points * Math.min(1, value / fullAt);
  const exact: Record<Group766, number | null> = {
    transparency: score(transparencyPercent, 100, INDEX_766_POINTS.transparency),
    progress: score(r.onTimeRate, 100, INDEX_766_POINTS.progress),
    digitization: score(r.digitizationRate, 80, INDEX_766_POINTS.digitization),
    online: score(r.onlineRate, 50, INDEX_766_POINTS.online),
    satisfaction: score(r.handlingSatisfactionRate, 90, INDEX_766_POINTS.satisfaction),
  };
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const groups = Object.fromEntries(
    Object.entries(exact).map(([g, v]) => [g, v === null ? null : round2(v)]),
  ) as Record<Group766, number | null>;
  const measured = (Object.keys(groups) as Group766[]).filter((g) => groups[g] !== null);
  const outOf = measured.reduce((a, g) => a + INDEX_766_POINTS[g], 0);
  const exactTotal = measured.reduce((a, g) => a + exact[g]!, 0);
  const total = round2(exactTotal);
  const percent = outOf > 0 ? Math.round((total / outOf) * 1000) / 10 : null;
  const caveats: Caveat766[] = [];
  if (groups.satisfaction !== null) caveats.push('satisfaction_handling_only');
  if (groups.transparency !== null) caveats.push('transparency_publication_only');
  return {
    groups,
    total: outOf > 0 ? total : null,
    outOf,
    percent,
    // the band reads the exact score; the rounded figures are for display
    band: percent === null ? null : band766((exactTotal / outOf) * 100),
    notMeasured: (Object.keys(groups) as Group766[]).filter((g) => groups[g] === null),
    caveats,
  };
}

/**
 * The dossiers behind a figure of the board (the list's `figure=` filter; docs/dossier-figures.md). Each names the
 * dossiers one of the board's counts is made of, with the same unit and the same day as the count:
 * - by receipt (the receiving unit, the day of receipt): `received`, `not_digitized` (input not digitized),
 *   `offered_online` (of a procedure offered online on the day of receipt), `online` (received online),
 *   `offered_online_not_online`;
 * - by end (the handling unit, the day finished): `finished`, `no_e_result` (finished without an electronic result);
 * - the period's dossiers (the handling unit: finished in the period, and, when the period runs to today or later,
 *   those open now): `of_period`, `not_on_time` (the 766 on-time test failed);
 * - `complained_or_dissatisfied`: with a complaint or a "not satisfied" rating, once, on the day the board counts it
 *   (the finished day, or the first complaint's day while it was open), by the handling unit.
 */
export const DOSSIER_FIGURES = [
  'received',
  'not_digitized',
  'offered_online',
  'online',
  'offered_online_not_online',
  'finished',
  'no_e_result',
  'of_period',
  'not_on_time',
  'complained_or_dissatisfied',
] as const;
export type DossierFigure = (typeof DOSSIER_FIGURES)[number];
