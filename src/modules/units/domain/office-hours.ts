/**
 * A unit's office hours: the days and the hours its one-stop receives dossiers and returns results, as the citizen's
 * page shows them (where and when to collect the result). Each unit sets its own in its profile; a unit that has not
 * gets the default below. Pure.
 *
 * The default's sources: state bodies work Monday to Friday (Decision 188/1999/QĐ-TTg Art. 1, the 40-hour week;
 * docs/deadlines.md), and the platform's office clock counts 08:00–12:00 and 13:00–17:00, the 8 working hours a day the
 * steps are timed in (docs/one-stop.md, `WORK_PERIODS` of the dossiers' internal process). The hours of the day are a
 * province's or a unit's decision (many open at 07:30 or receive on Saturday mornings): hence a setting per unit.
 */

export interface OfficeHours {
  /** ISO weekdays the office is open: 1 Monday … 7 Sunday, ascending */
  days: number[];
  /** the opening periods of each of those days, "HH:MM" to "HH:MM", in order */
  periods: { from: string; to: string }[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  days: [1, 2, 3, 4, 5],
  periods: [
    { from: '08:00', to: '12:00' },
    { from: '13:00', to: '17:00' },
  ],
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type OfficeHoursProblem = 'days_invalid' | 'periods_missing' | 'time_invalid' | 'periods_order';

/** What is wrong with the hours, or null: days 1–7 each once, 1–3 periods of valid times, in order, not overlapping. */
export function officeHoursProblem(h: OfficeHours): OfficeHoursProblem | null {
  if (
    !h.days.length ||
    h.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7) ||
    new Set(h.days).size !== h.days.length
  )
    return 'days_invalid';
  if (!h.periods.length || h.periods.length > 3) return 'periods_missing';
  if (h.periods.some((p) => !TIME.test(p.from) || !TIME.test(p.to))) return 'time_invalid';
  let last = '';
  for (const p of h.periods) {
    if (p.from >= p.to || p.from < last) return 'periods_order';
    last = p.to;
  }
  return null;
}

/** The hours kept in order (days ascending). */
export const normalOfficeHours = (h: OfficeHours): OfficeHours => ({
  days: [...h.days].sort((a, b) => a - b),
  periods: h.periods.map((p) => ({ from: p.from, to: p.to })),
});

/** The unit's hours for the citizen's page: its own, else the default (and which). */
export const officeHoursOf = (own: OfficeHours | null | undefined) =>
  own ? { ...own, source: 'unit' as const } : { ...DEFAULT_OFFICE_HOURS, source: 'default' as const };
