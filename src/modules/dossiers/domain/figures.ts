/**
 * The figures of the operations board, after the definitions of index 766 (Decision 766/QĐ-TTg).
 * Pure: sums in, rates out. A rate is null when its denominator is zero (nothing to rate yet).
 */
export interface StatSums {
  received: number;
  receivedOnline: number;
  receivedDigitized: number;
  finished: number;
  finishedOnTime: number;
  finishedWithEResult: number;
  ratings: number;
  ratingsSatisfied: number;
  waitMinutesTotal: number;
}

export const ZERO_SUMS: StatSums = {
  received: 0,
  receivedOnline: 0,
  receivedDigitized: 0,
  finished: 0,
  finishedOnTime: 0,
  finishedWithEResult: 0,
  ratings: 0,
  ratingsSatisfied: 0,
  waitMinutesTotal: 0,
};

/** Adds two sets of figures (the totals of a board are the sum of its field breakdown). */
export const addSums = (a: StatSums, b: StatSums): StatSums =>
  Object.fromEntries(
    Object.keys(ZERO_SUMS).map((k) => [k, Number(a[k as keyof StatSums]) + Number(b[k as keyof StatSums])]),
  ) as unknown as StatSums;

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);

export function rates(s: StatSums) {
  return {
    /** finished on or before the (possibly rescheduled) due date, with at most one supplement round ÷ finished */
    onTimeRate: rate(s.finishedOnTime, s.finished),
    /** received online (channel 2) ÷ received */
    onlineRate: rate(s.receivedOnline, s.received),
    /** received with the input documents scanned ÷ received */
    digitizationRate: rate(s.receivedDigitized, s.received),
    /** finished with an electronic result ÷ finished */
    eResultRate: rate(s.finishedWithEResult, s.finished),
    /** very satisfied + satisfied ÷ ratings given */
    satisfactionRate: rate(s.ratingsSatisfied, s.ratings),
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
