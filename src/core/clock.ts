import { dueDate, latestApologyDate, type WorkingCalendar } from './calendar/deadline.js';
import { vietnamLocal } from './calendar/dates.js';
import { sharedWorkingCalendar } from './calendar/official.js';

/** Time and the working-day calendar, passed in so the rules stay testable. */
export interface DeadlineClock {
  now(): Date;
  /** Vietnam-local date of an instant */
  localDate(at: Date): string;
  dueDate(receivedAt: Date, workingDays: number): string;
  latestApologyDay(dueDate: string): string;
  /** the working calendar the clock counts on */
  calendar: WorkingCalendar;
}

/** The dossier rules' view of time: `now` and the official working-day calendar. */
export function makeClock(now: () => Date, cal: WorkingCalendar = sharedWorkingCalendar()): DeadlineClock {
  return {
    now,
    localDate: (at) => vietnamLocal(at).date,
    dueDate: (receivedAt, workingDays) => dueDate(receivedAt, workingDays, cal),
    latestApologyDay: (due) => latestApologyDate(due, cal),
    calendar: cal,
  };
}

export const systemClock = () => makeClock(() => new Date());
