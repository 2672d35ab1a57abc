/**
 * A procedure's internal process ("quy trình nội bộ"), as provinces publish it beside each procedure: the steps, who
 * performs each, and each step's share of the time limit. Pure: no clock, no I/O; the working calendar is passed in.
 *
 * Sources: Decree 61/2018 Art. 17–20 (receive, hand over, process, return through the one-stop), Circular 01/2018
 * Form 05 (the processing control slip: one line per hand-over with its due moment), and the provinces' decisions
 * that publish an internal process per procedure (e.g. "Bước 1 tiếp nhận … 0,5 ngày; Bước 2 phân công …; Bước 3
 * thẩm định …; Bước 4 xem xét, trình ký …; Bước 5 phê duyệt, ký …; Bước 6 trả kết quả"). The national defaults below
 * are ours (no national text fixes the shares); a province adjusts its own per procedure (docs/one-stop.md).
 */
import type { WorkingCalendar } from '../../../core/calendar/deadline.js';
import { vietnamLocal, type IsoDate } from '../../../core/calendar/dates.js';

export const STEPS = ['receive', 'assign', 'process', 'verify', 'approve', 'return'] as const;
export type Step = (typeof STEPS)[number];

/** The unit roles that perform steps (src/core/scope.ts UNIT_ROLES, without the accounts' administrator). */
export const STEP_ROLES = ['receiving', 'specialist', 'leader'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export interface ProcessStep {
  step: Step;
  /** the unit roles that may perform it (one is enough) */
  roles: StepRole[];
  /** whole percent of the time limit; the steps' shares add up to 100 */
  sharePercent: number;
}

/** The kinds a national default is given for: by the time limit. */
export const PROCESS_KINDS = ['same_day', 'short', 'standard'] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

/** Same-day procedures (0 working days), up to 3 working days, longer. */
export const processKindOf = (workingDays: number): ProcessKind =>
  workingDays === 0 ? 'same_day' : workingDays <= 3 ? 'short' : 'standard';

const s = (step: Step, roles: StepRole[], sharePercent: number): ProcessStep => ({ step, roles, sharePercent });

/** The national default process of each kind (a province's own version replaces it for a procedure). */
export const NATIONAL_PROCESSES: Record<ProcessKind, ProcessStep[]> = {
  same_day: [
    s('receive', ['receiving'], 10),
    s('assign', ['leader', 'receiving'], 5),
    s('process', ['specialist'], 55),
    s('approve', ['leader'], 25),
    s('return', ['receiving'], 5),
  ],
  short: [
    s('receive', ['receiving'], 5),
    s('assign', ['leader', 'receiving'], 5),
    s('process', ['specialist'], 60),
    s('approve', ['leader'], 25),
    s('return', ['receiving'], 5),
  ],
  standard: [
    s('receive', ['receiving'], 5),
    s('assign', ['leader', 'receiving'], 5),
    s('process', ['specialist'], 55),
    s('verify', ['leader'], 10),
    s('approve', ['leader'], 20),
    s('return', ['receiving'], 5),
  ],
};

export type ProcessProblem =
  'steps_order' | 'step_missing' | 'shares_total' | 'share_invalid' | 'roles_missing' | 'roles_invalid';

const REQUIRED: Step[] = ['receive', 'assign', 'process', 'approve', 'return'];

/**
 * What is wrong with a process, or null: the steps in the order of STEPS, each once; receive, assign, process,
 * approve and return present (verify is optional); whole shares ≥ 0 adding up to 100; each step with a role of
 * STEP_ROLES.
 */
export function processProblem(steps: readonly ProcessStep[]): { problem: ProcessProblem; step?: Step } | null {
  let last = -1;
  for (const x of steps) {
    const i = STEPS.indexOf(x.step);
    if (i <= last) return { problem: 'steps_order', step: x.step };
    last = i;
    if (!Number.isInteger(x.sharePercent) || x.sharePercent < 0 || x.sharePercent > 100)
      return { problem: 'share_invalid', step: x.step };
    if (!x.roles.length) return { problem: 'roles_missing', step: x.step };
    if (x.roles.some((r) => !STEP_ROLES.includes(r))) return { problem: 'roles_invalid', step: x.step };
  }
  for (const r of REQUIRED) if (!steps.some((x) => x.step === r)) return { problem: 'step_missing', step: r };
  if (steps.reduce((a, x) => a + x.sharePercent, 0) !== 100) return { problem: 'shares_total' };
  return null;
}

// ---------- working time ----------

/**
 * Office hours counted for the steps: 08:00–12:00 and 13:00–17:00, 8 working hours a day (docs/deadlines.md counts
 * a working day as 8 hours from 08:00). Minutes after local midnight.
 */
export const WORK_PERIODS: readonly (readonly [number, number])[] = [
  [8 * 60, 12 * 60],
  [13 * 60, 17 * 60],
];
export const MINUTES_PER_WORKING_DAY = WORK_PERIODS.reduce((a, [f, t]) => a + t - f, 0);
const DAY_START = WORK_PERIODS[0]![0];
const DAY_END = WORK_PERIODS[WORK_PERIODS.length - 1]![1];

/** A moment on the office clock: a working day and the minutes after midnight (inside office hours). */
interface Point {
  date: IsoDate;
  minutes: number;
}

/** The instant of a local date and minutes (Vietnam, UTC+7). */
export function instantOf(date: IsoDate, minutes: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + (minutes - 7 * 60) * 60_000);
}

/** Where the office clock stands at `at`: the same moment inside office hours, else the next opening. */
function officePoint(at: Date, cal: WorkingCalendar): Point {
  const { date, minutes } = vietnamLocal(at);
  if (!cal.isWorkingDay(date) || minutes >= DAY_END) return { date: cal.nextWorkingDay(date), minutes: DAY_START };
  for (const [from, to] of WORK_PERIODS) {
    if (minutes < from) return { date, minutes: from };
    if (minutes < to) return { date, minutes };
  }
  return { date: cal.nextWorkingDay(date), minutes: DAY_START };
}

/** Office minutes of one day after `minutes` (up to the end of the day). */
function minutesLeftOfDay(minutes: number): number {
  let n = 0;
  for (const [from, to] of WORK_PERIODS) if (minutes < to) n += to - Math.max(from, minutes);
  return n;
}

/** Office minutes from `a` to `b` (a ≤ b, both office points). */
function officeMinutesBetween(a: Point, b: Point, cal: WorkingCalendar): number {
  if (b.date < a.date || (b.date === a.date && b.minutes <= a.minutes)) return 0;
  if (a.date === b.date) return minutesLeftOfDay(a.minutes) - minutesLeftOfDay(b.minutes);
  const fullDays = Math.max(0, cal.workingDaysBetween(a.date, b.date) - 1);
  return (
    minutesLeftOfDay(a.minutes) +
    fullDays * MINUTES_PER_WORKING_DAY +
    (MINUTES_PER_WORKING_DAY - minutesLeftOfDay(b.minutes))
  );
}

/** `p` moved forward by `n` office minutes. */
function addOfficeMinutes(p: Point, n: number, cal: WorkingCalendar): Point {
  let { date, minutes } = p;
  let left = n;
  for (;;) {
    for (const [from, to] of WORK_PERIODS) {
      if (minutes >= to) continue;
      const start = Math.max(from, minutes);
      if (start + left <= to) return { date, minutes: start + left };
      left -= to - start;
      minutes = to;
    }
    date = cal.nextWorkingDay(date);
    minutes = DAY_START;
  }
}

export interface StepDue {
  step: Step;
  /** the moment the step must be done by */
  dueAt: Date;
}

/**
 * Each step's due moment: the office time from the clock's start (`start`: receipt, or the moment a completed dossier
 * came back) to the close of office hours on the dossier's due date, shared out in the steps' order by their shares.
 * The last step is due when the dossier is. A same-day procedure (0 working days) shares the office hours left on the
 * day it counts as received; received after hours, its due date is the next working day and the whole day is shared.
 */
export function stepDueMoments(
  steps: readonly ProcessStep[],
  start: Date,
  dueDate: IsoDate,
  cal: WorkingCalendar,
): StepDue[] {
  const from = officePoint(start, cal);
  const end: Point = { date: cal.workingDayOnOrAfter(dueDate), minutes: DAY_END };
  const total = officeMinutesBetween(from, end, cal);
  let cumulative = 0;
  return steps.map((x, i) => {
    cumulative += x.sharePercent;
    const last = i === steps.length - 1;
    const at = last ? end : addOfficeMinutes(from, Math.round((total * cumulative) / 100), cal);
    return { step: x.step, dueAt: instantOf(at.date, at.minutes) };
  });
}

/** A step is late when it ended (or is still open at `now`) after its due moment. */
export const stepLate = (dueAt: Date | null, endedAt: Date | null, now: Date) =>
  dueAt !== null && (endedAt ?? now).getTime() > dueAt.getTime();

/** Where a step's due moment stands for a queue: late, due today, due by the next working day, later. */
export type Urgency = 'late' | 'today' | 'soon' | 'later';
export function urgencyOf(dueAt: Date | null, now: Date, cal: WorkingCalendar): Urgency {
  if (!dueAt) return 'later';
  if (dueAt.getTime() < now.getTime()) return 'late';
  const today = vietnamLocal(now).date;
  const day = vietnamLocal(dueAt).date;
  if (day <= today) return 'today';
  return day <= cal.nextWorkingDay(today) ? 'soon' : 'later';
}
