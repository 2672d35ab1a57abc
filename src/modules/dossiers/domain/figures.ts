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

export const ZERO_SUMS: StatSums = { received: 0, receivedOnline: 0, receivedDigitized: 0, finished: 0, finishedOnTime: 0, finishedWithEResult: 0, ratings: 0, ratingsSatisfied: 0, waitMinutesTotal: 0 };

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
    avgWaitMinutes: s.received - s.receivedOnline > 0 ? Math.round((s.waitMinutesTotal / (s.received - s.receivedOnline)) * 10) / 10 : null,
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
  /** the backlog grew over the last 7 days (more received than finished) by at least this many */
  minGrowth: number;
  /** share of open dossiers already overdue, percent */
  minOverdueShare: number;
}

export const DEFAULT_CONGESTION: CongestionRule = { minGrowth: 1, minOverdueShare: 10 };

/** A unit is congested now when its backlog is rising and a real share of it is already overdue. */
export function congestion(load: UnitLoad, rule: CongestionRule = DEFAULT_CONGESTION) {
  const growth = load.receivedLast7 - load.finishedLast7;
  const overdueShare = load.open > 0 ? Math.round((load.overdueOpen / load.open) * 1000) / 10 : 0;
  return { growth, overdueShare, congested: growth >= rule.minGrowth && overdueShare >= rule.minOverdueShare };
}

/** Where else to receive: the least loaded units (backlog per weekly throughput), excluding the congested one. */
export function alternatives(loads: UnitLoad[], exclude: string, n = 3) {
  const pressure = (l: UnitLoad) => l.open / Math.max(1, l.finishedLast7);
  return loads
    .filter((l) => l.unitCode !== exclude && !congestion(l).congested)
    .sort((a, b) => pressure(a) - pressure(b) || a.unitCode.localeCompare(b.unitCode))
    .slice(0, n)
    .map((l) => l.unitCode);
}
