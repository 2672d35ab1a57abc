import { dueDate, type WorkingCalendar } from '../../../core/calendar/deadline.js';
import type { IsoDate } from '../../../core/calendar/dates.js';

/** Index 766: a PAKN is answered within 15 working days. The default of every field's setting. */
export const DEFAULT_ANSWER_WORKING_DAYS = 15;
/** Warn this many working days before the time limit runs out. */
export const DEFAULT_WARN_WORKING_DAYS = 3;

/**
 * The answer deadline of an item arriving at a level at `arrivedAt`, counted as for dossiers: the N-th working day
 * after the day of arrival; after 15:00 or on a day off the next working day is day one (docs/deadlines.md).
 */
export const answerDueDate = (arrivedAt: Date, workingDays: number, cal: WorkingCalendar): IsoDate =>
  dueDate(arrivedAt, workingDays, cal);

/** Working days left until the deadline: 0 on the day itself, negative once it has passed. */
export const workingDaysLeft = (today: IsoDate, due: IsoDate, cal: WorkingCalendar): number =>
  cal.workingDaysBetween(today, due);

/** Due soon: still open, not yet late, and at most `warnDays` working days left. */
export const isDueSoon = (today: IsoDate, due: IsoDate | null, warnDays: number, cal: WorkingCalendar): boolean =>
  !!due && due >= today && workingDaysLeft(today, due, cal) <= warnDays;

export const isLate = (today: IsoDate, due: IsoDate | null): boolean => !!due && due < today;
