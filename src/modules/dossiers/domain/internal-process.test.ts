import { describe, expect, it } from 'vitest';
import { WorkingCalendar, dueDate } from '../../../core/calendar/deadline.js';
import { loadOfficialCalendar } from '../../../core/calendar/official.js';
import {
  NATIONAL_PROCESSES,
  processKindOf,
  processProblem,
  stepDueMoments,
  stepLate,
  urgencyOf,
  type ProcessStep,
} from './internal-process.js';

const cal = new WorkingCalendar(loadOfficialCalendar());
const vn = (local: string) => new Date(`${local}+07:00`);
/** "2026-03-09 10:00" in Vietnam's time, as a reader checks it */
const local = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('internal processes as data', () => {
  it('the national defaults are valid processes, one per kind', () => {
    for (const steps of Object.values(NATIONAL_PROCESSES)) expect(processProblem(steps)).toBeNull();
    expect([processKindOf(0), processKindOf(3), processKindOf(4)]).toEqual(['same_day', 'short', 'standard']);
  });

  it('refuses shares that do not add up to 100, missing steps, steps out of order, no role', () => {
    const base = NATIONAL_PROCESSES.short;
    expect(processProblem(base.map((x) => (x.step === 'process' ? { ...x, sharePercent: 50 } : x)))).toEqual({
      problem: 'shares_total',
    });
    expect(processProblem(base.filter((x) => x.step !== 'approve'))?.problem).toBe('step_missing');
    expect(processProblem([...base].reverse())?.problem).toBe('steps_order');
    expect(processProblem(base.map((x) => (x.step === 'assign' ? { ...x, roles: [] } : x)))?.problem).toBe(
      'roles_missing',
    );
    expect(processProblem(base.map((x) => (x.step === 'assign' ? { ...x, sharePercent: 2.5 } : x)))?.problem).toBe(
      'share_invalid',
    );
  });
});

describe("each step's due moment (office hours 08:00–12:00, 13:00–17:00 on working days)", () => {
  const short: ProcessStep[] = NATIONAL_PROCESSES.short;

  it('a 1-day procedure received Monday 9/3/2026 10:00 is shared over 15 office hours up to Tuesday 17:00', () => {
    const start = vn('2026-03-09T10:00:00');
    const due = dueDate(start, 1, cal);
    expect(due).toBe('2026-03-10');
    const m = stepDueMoments(short, start, due, cal).map((x) => [x.step, local(x.dueAt)]);
    // 6 h on Monday + 8 h on Tuesday = 840 min: receive 5 % = 42 min, assign 10 % = 84 min, process 70 % = 588 min
    // (Monday's 360, then 228 from Tuesday 08:00), approve 95 % = 798 min (lunch skipped)
    expect(m).toEqual([
      ['receive', '2026-03-09 10:42'],
      ['assign', '2026-03-09 11:24'],
      ['process', '2026-03-10 11:48'],
      ['approve', '2026-03-10 16:18'],
      ['return', '2026-03-10 17:00'],
    ]);
  });

  it('a same-day (0-day) procedure received at 09:00 shares the day: the result is due at 17:00 that day', () => {
    const start = vn('2026-03-09T09:00:00');
    const due = dueDate(start, 0, cal);
    expect(due).toBe('2026-03-09');
    const m = stepDueMoments(NATIONAL_PROCESSES.same_day, start, due, cal);
    expect(m.map((x) => local(x.dueAt))).toEqual([
      '2026-03-09 09:42', // 10 % of 7 h = 42 min
      '2026-03-09 10:03',
      '2026-03-09 14:54', // 70 % of 420 = 294 min after 09:00, lunch skipped
      '2026-03-09 16:39',
      '2026-03-09 17:00',
    ]);
  });

  it('a same-day procedure received after 15:00 on Friday is shared over the next working day (Monday)', () => {
    const start = vn('2026-03-13T15:30:00');
    const due = dueDate(start, 0, cal);
    expect(due).toBe('2026-03-16');
    const m = stepDueMoments(NATIONAL_PROCESSES.same_day, start, due, cal);
    // Friday 15:30–17:00 (90 min) then Monday's 480 min: 570 min; receive 10 % = 57 min → Friday 16:27
    expect(local(m[0]!.dueAt)).toBe('2026-03-13 16:27');
    // process: 70 % = 399 min: Friday's 90, Monday's morning 240, then 69 from 13:00
    expect(local(m[2]!.dueAt)).toBe('2026-03-16 14:09');
    expect(local(m.at(-1)!.dueAt)).toBe('2026-03-16 17:00');
  });

  it('received on a Saturday, the count starts at Monday 08:00; Tết days are skipped', () => {
    const m = stepDueMoments(NATIONAL_PROCESSES.short, vn('2026-03-14T09:00:00'), '2026-03-16', cal);
    expect(local(m[0]!.dueAt)).toBe('2026-03-16 08:24');
    const tet = stepDueMoments(
      NATIONAL_PROCESSES.standard,
      vn('2026-02-13T10:00:00'),
      dueDate(vn('2026-02-13T10:00:00'), 5, cal),
      cal,
    );
    for (const x of tet)
      expect(local(x.dueAt).slice(0, 10) < '2026-02-14' || local(x.dueAt).slice(0, 10) > '2026-02-22').toBe(true);
    expect(local(tet.at(-1)!.dueAt)).toBe('2026-02-27 17:00');
  });

  it('the moments never go backwards and the last one is the due date at 17:00', () => {
    for (const days of [0, 1, 2, 5, 15]) {
      const start = vn('2026-04-01T14:10:00');
      const m = stepDueMoments(NATIONAL_PROCESSES[processKindOf(days)], start, dueDate(start, days, cal), cal);
      for (let i = 1; i < m.length; i++)
        expect(m[i]!.dueAt.getTime()).toBeGreaterThanOrEqual(m[i - 1]!.dueAt.getTime());
      expect(local(m.at(-1)!.dueAt).slice(11)).toBe('17:00');
    }
  });

  it('late, due today, due soon', () => {
    const due = vn('2026-03-10T10:30:00');
    expect(stepLate(due, vn('2026-03-10T10:31:00'), vn('2026-03-09T00:00:00'))).toBe(true);
    expect(stepLate(due, null, vn('2026-03-10T10:00:00'))).toBe(false);
    expect(urgencyOf(due, vn('2026-03-10T11:00:00'), cal)).toBe('late');
    expect(urgencyOf(due, vn('2026-03-10T08:00:00'), cal)).toBe('today');
    expect(urgencyOf(due, vn('2026-03-09T08:00:00'), cal)).toBe('soon');
    expect(urgencyOf(due, vn('2026-03-05T08:00:00'), cal)).toBe('later');
  });
});
