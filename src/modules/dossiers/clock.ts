import { dueDate, latestApologyDate, type WorkingCalendar } from '../calendar/domain/deadline.js';
import { vietnamLocal } from '../calendar/domain/dates.js';
import { officialWorkingCalendar } from '../calendar/official.js';
import type { DeadlineClock } from './service.js';

let shared: WorkingCalendar | undefined;
const calendar = () => (shared ??= officialWorkingCalendar());

/** The dossier rules' view of time: `now` and the official working-day calendar. */
export function makeClock(now: () => Date, cal: WorkingCalendar = calendar()): DeadlineClock {
  return {
    now,
    localDate: (at) => vietnamLocal(at).date,
    dueDate: (receivedAt, workingDays) => dueDate(receivedAt, workingDays, cal),
    latestApologyDay: (due) => latestApologyDate(due, cal),
  };
}

export const systemClock = () => makeClock(() => new Date());
