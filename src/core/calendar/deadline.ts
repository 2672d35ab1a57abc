/**
 * Working days and the due dates of administrative procedures. Pure: the instant of receipt and the
 * notices are passed in; no clock, no I/O.
 *
 * Rules chosen, with their sources (see the project's domain brief, shared/domain/legal-brief.md, sections A and F):
 * 1. Time is Vietnam's civil time, UTC+7; a time limit is counted in working days ("ngày làm việc").
 * 2. A working day is Monday–Friday (public bodies rest on Saturday and Sunday, Decision
 *    188/1999/QĐ-TTg Art. 1) that is not a day off of `days-off.ts` (Labour Code 2019 Art. 112 holidays,
 *    Art. 111(3) substitutes, the notice's Tết days and swapped days), plus the make-up Saturdays of a
 *    swap, which ARE working days.
 * 3. Receipt: a dossier received after 15:00 (strictly later than 15:00:00 local time), or on a day that
 *    is not a working day, counts as received on the next working day (Decree 61/2018 Art. 19 on
 *    transfer, repeated in sector rules: civil status, certification, Decree 63/2024). The day it counts
 *    as received is the "effective receipt day" (`receivedOn`).
 * 4. Counting (domain brief, ruling H): received at or before 15:00 on a working day D, a period counted
 *    in days starts the day after the triggering day (Civil Code 2015 Art. 147): day one is the working
 *    day after D and an N-day procedure is due on the N-th working day after D. Received after 15:00 or on
 *    a day off, "thời gian được tính bắt đầu từ ngày làm việc tiếp theo": the next working day W is itself
 *    day one, so the due date is the (N−1)-th working day after W (counted in working hours, 8 a day from
 *    08:00, the same dates). 1 working day received Monday 10:00 → due Tuesday; received Friday 15:30 →
 *    due Monday, not Tuesday.
 *    Same-day procedures ("giải quyết ngay trong ngày": certification of copies and signatures, birth and
 *    death registration when complete, extracts) have a time limit of 0 working days: due the day of
 *    receipt, or the next working day when received after 15:00 or on a day off — `receivedOn`.
 * 5. A period ending on a weekend or holiday ends on the next working day (Civil Code Art. 148). Counting
 *    only working days always ends on a working day, so this rule is built in.
 * 6. Apology (Decree 61/2018 Art. 19(9); Lai Châu 88/2025/QĐ-UBND): a late agency must send Form 04
 *    "at least 1 day before the deadline". Our reading: no later than the last working day strictly
 *    before the due date (the office is closed on days off, so "one day before" a Monday due date is the
 *    Friday, or the make-up Saturday when there is one). `latestApologyDate`.
 */
import { addDays, isWeekend, vietnamLocal, yearOf, type IsoDate } from './dates.js';
import { daysOff, type OfficialCalendar, type YearDaysOff } from './days-off.js';

/** After this local time (minutes after midnight) a dossier counts as received the next working day. */
export const RECEIPT_CUTOFF_MINUTES = 15 * 60;

/** A loop bound: no stretch of days off lasts this long. */
const MAX_SCAN_DAYS = 366 * 3;

export class WorkingCalendar {
  private readonly years = new Map<number, YearDaysOff & { off: Set<IsoDate>; work: Set<IsoDate> }>();

  /** `official`: the notices by year (data/reference/calendar/official-days.json). */
  constructor(private readonly official: OfficialCalendar = {}) {}

  /** The year's days off and make-up days, computed once per year. */
  daysOff(year: number): YearDaysOff {
    return this.year(year);
  }

  private year(y: number) {
    let entry = this.years.get(y);
    if (!entry) {
      const d = daysOff(y, this.official[y]);
      // A swap's make-up day may fall in the year before its notice's year (27/12/2014 for 2/1/2015).
      const work = new Set<IsoDate>();
      for (const notice of [this.official[y], this.official[y + 1]]) {
        for (const s of notice?.swaps ?? []) if (yearOf(s.work) === y) work.add(s.work);
      }
      entry = { ...d, off: new Set(d.daysOff.map((x) => x.date)), work };
      this.years.set(y, entry);
    }
    return entry;
  }

  isWorkingDay(date: IsoDate): boolean {
    const y = this.year(yearOf(date));
    if (y.work.has(date)) return true;
    return !isWeekend(date) && !y.off.has(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.scan(date, +1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate {
    return this.scan(date, -1);
  }

  /** `date` itself when it is a working day, otherwise the next one. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /** The n-th working day after `date` (`date` itself is not counted); n = 0 gives `date`. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    let d = date;
    for (let i = 0; i < n; i++) d = this.nextWorkingDay(d);
    return d;
  }

  /**
   * Working days d with a < d ≤ b: so `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
   * Negative when b is before a (minus the count with a and b exchanged); 0 when a = b.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    if (b < a) return -this.workingDaysBetween(b, a);
    let n = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  private scan(date: IsoDate, step: 1 | -1): IsoDate {
    let d = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) return d;
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${date}`);
  }
}

/** The effective receipt day: the local day of receipt, or the next working day after 15:00 or on a day off. */
export function receivedOn(receivedAt: Date, cal: WorkingCalendar): IsoDate {
  const { date, minutes } = vietnamLocal(receivedAt);
  if (!cal.isWorkingDay(date) || minutes > RECEIPT_CUTOFF_MINUTES) return cal.nextWorkingDay(date);
  return date;
}

/**
 * Whether the receipt counts on the day itself: at or before 15:00 on a working day (rule 3). Otherwise the
 * effective receipt day is the next working day and that day is day one of the count (rule 4).
 */
export function receivedInHours(receivedAt: Date, cal: WorkingCalendar): boolean {
  const { date, minutes } = vietnamLocal(receivedAt);
  return cal.isWorkingDay(date) && minutes <= RECEIPT_CUTOFF_MINUTES;
}

/**
 * The due date ('YYYY-MM-DD', Vietnam) of a procedure of `workingDays` working days (0 = same day) received
 * at `receivedAt` (rules 3 and 4).
 */
export function dueDate(receivedAt: Date, workingDays: number, cal: WorkingCalendar): IsoDate {
  if (!Number.isInteger(workingDays) || workingDays < 0)
    throw new RangeError(`working days must be a whole number ≥ 0: ${workingDays}`);
  const on = receivedOn(receivedAt, cal);
  if (receivedInHours(receivedAt, cal)) return cal.addWorkingDays(on, workingDays);
  // `on` is the next working day and is itself day one.
  return cal.addWorkingDays(on, Math.max(workingDays - 1, 0));
}

/** The last day to send the apology and new date (Form 04): the last working day before the due date. */
export function latestApologyDate(due: IsoDate, cal: WorkingCalendar): IsoDate {
  return cal.previousWorkingDay(due);
}
