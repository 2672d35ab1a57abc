import { describe, expect, it } from 'vitest';
import { loadOfficialCalendar } from './official.js';
import { addDays } from './dates.js';
import { WorkingCalendar, dueDate, latestApologyDate, receivedOn } from './deadline.js';

const cal = new WorkingCalendar(loadOfficialCalendar());
/** An instant given in Vietnam's time. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('due dates of procedures (working days, Vietnam time)', () => {
  it.each([
    // what a user would check                                                          received (VN)            days  receivedOn    due
    [
      '1 working day received Monday 9/3/2026 10:00 is due Tuesday (Civil Code Art. 147)',
      '2026-03-09T10:00:00',
      1,
      '2026-03-09',
      '2026-03-10',
    ],
    [
      '5 working days from Friday 13/2/2026 10:00 skip Tết (14–22/2) and land on Friday 27/2',
      '2026-02-13T10:00:00',
      5,
      '2026-02-13',
      '2026-02-27',
    ],
    [
      '15 working days from Monday 2/2/2026 10:00 cross Tết and land on Monday 2/3',
      '2026-02-02T10:00:00',
      15,
      '2026-02-02',
      '2026-03-02',
    ],
    [
      'received Friday 13/3/2026 16:00 (after 15:00): Monday 16/3 is day one, 1 day → Monday 16/3 (ruling H)',
      '2026-03-13T16:00:00',
      1,
      '2026-03-16',
      '2026-03-16',
    ],
    [
      'received Thursday 12/3/2026 at 15:00 sharp still counts that day: 1 day → Friday 13/3',
      '2026-03-12T15:00:00',
      1,
      '2026-03-12',
      '2026-03-13',
    ],
    [
      'received Thursday 12/3/2026 at 15:00:01: Friday is day one, 1 day → Friday 13/3',
      '2026-03-12T15:00:01',
      1,
      '2026-03-13',
      '2026-03-13',
    ],
    [
      'received on Saturday 14/3/2026 09:00: Monday 16/3 is day one, 1 day → Monday 16/3',
      '2026-03-14T09:00:00',
      1,
      '2026-03-16',
      '2026-03-16',
    ],
    [
      'received on Sunday 15/3/2026 23:59: Monday 16/3 is day one, 3 days → Wednesday 18/3',
      '2026-03-15T23:59:00',
      3,
      '2026-03-16',
      '2026-03-18',
    ],
    // Tết 2025: off Sat 25/1 – Sun 2/2, Monday 27/1 swapped with Saturday 8/2
    [
      '3 working days from Thursday 23/1/2025 10:00: Fri 24/1, Mon 3/2, Tue 4/2',
      '2025-01-23T10:00:00',
      3,
      '2025-01-23',
      '2025-02-04',
    ],
    [
      'received Friday 24/1/2025 16:00: Monday 3/2 after Tết is day one, 1 day → Monday 3/2',
      '2025-01-24T16:00:00',
      1,
      '2025-02-03',
      '2025-02-03',
    ],
    [
      'received during Tết, Wednesday 29/1/2025 (mùng 1): Monday 3/2 is day one, 2 days → Tuesday 4/2',
      '2025-01-29T09:00:00',
      2,
      '2025-02-03',
      '2025-02-04',
    ],
    [
      'received on the swapped-off Monday 27/1/2025: Monday 3/2 is day one, 1 day → Monday 3/2',
      '2025-01-27T09:00:00',
      1,
      '2025-02-03',
      '2025-02-03',
    ],
    [
      '5 working days from Wednesday 5/2/2025 count the make-up Saturday 8/2: → Tuesday 11/2',
      '2025-02-05T09:00:00',
      5,
      '2025-02-05',
      '2025-02-11',
    ],
    [
      'received on the make-up Saturday 8/2/2025 10:00 counts that day: 1 day → Monday 10/2',
      '2025-02-08T10:00:00',
      1,
      '2025-02-08',
      '2025-02-10',
    ],
    [
      'received on an ordinary Saturday 15/2/2025: Monday 17/2 is day one, 1 day → Monday 17/2',
      '2025-02-15T10:00:00',
      1,
      '2025-02-17',
      '2025-02-17',
    ],
    // 30/4–1/5/2025: off Wed 30/4 – Sun 4/5, Friday 2/5 swapped with Saturday 26/4
    [
      '1 working day from Friday 25/4/2025 10:00 is due on the make-up Saturday 26/4',
      '2025-04-25T10:00:00',
      1,
      '2025-04-25',
      '2025-04-26',
    ],
    [
      '2 working days from Tuesday 29/4/2025 14:59 skip 30/4–4/5: Mon 5/5, Tue 6/5',
      '2025-04-29T14:59:00',
      2,
      '2025-04-29',
      '2025-05-06',
    ],
    [
      'received Tuesday 29/4/2025 15:30: Monday 5/5 is day one, 1 day → Monday 5/5',
      '2025-04-29T15:30:00',
      1,
      '2025-05-05',
      '2025-05-05',
    ],
    [
      '3 working days received Monday 7/4/2025 (Hùng Kings day): Tuesday 8/4 is day one → Thursday 10/4',
      '2025-04-07T09:00:00',
      3,
      '2025-04-08',
      '2025-04-10',
    ],
    // National Day 2025: off Sat 30/8 – Tue 2/9
    [
      '1 working day from Friday 29/8/2025 10:00 skips 1–2/9 and is due Wednesday 3/9',
      '2025-08-29T10:00:00',
      1,
      '2025-08-29',
      '2025-09-03',
    ],
    // 2026: New Year 1/1 (Thu) + Fri 2/1 swapped with Sat 10/1
    [
      '1 working day from Wednesday 31/12/2025 10:00 skips 1–4/1/2026 and is due Monday 5/1',
      '2025-12-31T10:00:00',
      1,
      '2025-12-31',
      '2026-01-05',
    ],
    [
      '5 working days from Monday 5/1/2026 10:00 land on the make-up Saturday 10/1',
      '2026-01-05T10:00:00',
      5,
      '2026-01-05',
      '2026-01-10',
    ],
    // Hùng Kings 2026 on Sunday 26/4 → Monday 27/4 off; 30/4–1/5 Thu–Fri
    [
      '3 working days from Friday 24/4/2026 10:00: Tue 28/4, Wed 29/4, Mon 4/5',
      '2026-04-24T10:00:00',
      3,
      '2026-04-24',
      '2026-05-04',
    ],
    [
      'received Sunday 26/4/2026 (Hùng Kings): Tuesday 28/4 is day one (27/4 is the substitute day)',
      '2026-04-26T10:00:00',
      1,
      '2026-04-28',
      '2026-04-28',
    ],
    // National Day 2026: off Sat 29/8 – Wed 2/9, Monday 31/8 swapped with Saturday 22/8
    [
      'received on the make-up Saturday 22/8/2026 09:00 counts that day: 1 day → Monday 24/8',
      '2026-08-22T09:00:00',
      1,
      '2026-08-22',
      '2026-08-24',
    ],
    [
      '2 working days from Friday 28/8/2026 10:00 skip 29/8–2/9: Thu 3/9, Fri 4/9',
      '2026-08-28T10:00:00',
      2,
      '2026-08-28',
      '2026-09-04',
    ],
  ])('%s', (_what, local, days, on, due) => {
    expect(receivedOn(vn(local), cal)).toBe(on);
    expect(dueDate(vn(local), days, cal)).toBe(due);
  });

  it('reads the instant in Vietnam time whatever offset it was written with', () => {
    // 08:30 UTC is 15:30 in Vietnam: after the cut-off.
    expect(receivedOn(new Date('2026-03-12T08:30:00Z'), cal)).toBe('2026-03-13');
    expect(dueDate(new Date('2026-03-12T08:30:00Z'), 1, cal)).toBe('2026-03-13');
    // Sunday 20:00 UTC is Monday 03:00 in Vietnam: a working day.
    expect(receivedOn(new Date('2026-03-15T20:00:00Z'), cal)).toBe('2026-03-16');
    // Friday 13/2/2026 10:00 in Paris (UTC+1) is 16:00 in Vietnam: after 15:00, so after Tết.
    expect(receivedOn(new Date('2026-02-13T10:00:00+01:00'), cal)).toBe('2026-02-23');
  });

  it('refuses a time limit that is not a whole number of days ≥ 0', () => {
    expect(() => dueDate(vn('2026-03-09T10:00:00'), -1, cal)).toThrow(RangeError);
    expect(() => dueDate(vn('2026-03-09T10:00:00'), 1.5, cal)).toThrow(RangeError);
    expect(() => dueDate(new Date('nonsense'), 1, cal)).toThrow(RangeError);
  });

  // Before 15:00 on a working day: N working days after it; otherwise the N-th working day counting the next working
  // day as day one (Civil Code Art. 147–148, ruling H).
  it('always ends on a working day, N working days counted from day one', () => {
    for (let d = '2025-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      for (const n of [1, 3, 7]) {
        for (const time of ['10:00:00', '16:00:00']) {
          const at = vn(`${d}T${time}`);
          const due = dueDate(at, n, cal);
          expect(cal.isWorkingDay(due)).toBe(true);
          const early = cal.isWorkingDay(d) && time === '10:00:00';
          // working days counted: after the receipt day (early), or from day one = the next working day included
          expect(cal.workingDaysBetween(early ? d : cal.previousWorkingDay(receivedOn(at, cal)), due)).toBe(n);
        }
      }
    }
  });
});

describe('counting after 15:00 or from a day off: the next working day is day one (ruling H)', () => {
  it.each([
    // the brief's own example: Friday 15:30 with 1 working day is due Monday, not Tuesday
    ['Friday 13/3/2026 15:30, 1 working day → Monday 16/3', '2026-03-13T15:30:00', 1, '2026-03-16'],
    [
      'Friday 13/3/2026 15:00 sharp, 1 working day → Monday 16/3 (the following working day)',
      '2026-03-13T15:00:00',
      1,
      '2026-03-16',
    ],
    ['Friday 13/3/2026 16:00, 3 working days → Mon 16, Tue 17, Wed 18/3', '2026-03-13T16:00:00', 3, '2026-03-18'],
    ['Saturday 14/3/2026, 5 working days → Mon 16 … Fri 20/3', '2026-03-14T09:00:00', 5, '2026-03-20'],
    [
      'Friday 13/2/2026 16:00 before Tết, 2 working days → Mon 23/2 (day one), Tue 24/2',
      '2026-02-13T16:00:00',
      2,
      '2026-02-24',
    ],
    ['Friday 9/1/2026 15:30, 1 working day → the make-up Saturday 10/1', '2026-01-09T15:30:00', 1, '2026-01-10'],
  ])('%s', (_what, local, days, due) => {
    expect(dueDate(vn(local), days, cal)).toBe(due);
  });
});

describe('same-day procedures: a time limit of 0 working days (ruling H, "giải quyết ngay trong ngày")', () => {
  it.each([
    ['received Monday 9/3/2026 10:00 → due that Monday', '2026-03-09T10:00:00', '2026-03-09'],
    ['received Monday 9/3/2026 at 15:00 sharp → due that Monday', '2026-03-09T15:00:00', '2026-03-09'],
    ['received Monday 9/3/2026 15:30 → due Tuesday 10/3', '2026-03-09T15:30:00', '2026-03-10'],
    ['received Friday 13/3/2026 16:00 → due Monday 16/3', '2026-03-13T16:00:00', '2026-03-16'],
    ['received Saturday 14/3/2026 09:00 → due Monday 16/3', '2026-03-14T09:00:00', '2026-03-16'],
    ['received Friday 13/2/2026 15:30 before Tết → due Monday 23/2', '2026-02-13T15:30:00', '2026-02-23'],
    ['received on the make-up Saturday 10/1/2026 09:00 → due that Saturday', '2026-01-10T09:00:00', '2026-01-10'],
  ])('%s', (_what, local, due) => {
    expect(dueDate(vn(local), 0, cal)).toBe(due);
  });
});

describe('the working calendar', () => {
  it.each([
    ['2025-02-08', true, 'make-up Saturday after Tết 2025'],
    ['2025-04-26', true, 'make-up Saturday before 30/4/2025'],
    ['2026-01-10', true, 'make-up Saturday for Friday 2/1/2026'],
    ['2026-08-22', true, 'make-up Saturday for Monday 31/8/2026'],
    ['2025-02-15', false, 'an ordinary Saturday'],
    ['2025-01-27', false, 'Monday swapped off before Tết 2025'],
    ['2025-05-02', false, 'Friday swapped off after 1/5/2025'],
    ['2026-04-27', false, 'substitute for Hùng Kings day on Sunday 26/4/2026'],
    ['2026-08-31', false, 'Monday swapped off before National Day 2026'],
    ['2026-09-03', true, 'Thursday after National Day 2026'],
    ['2026-03-16', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('steps over days off both ways', () => {
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.previousWorkingDay('2026-02-23')).toBe('2026-02-13');
    expect(cal.workingDayOnOrAfter('2026-02-17')).toBe('2026-02-23');
    expect(cal.workingDayOnOrAfter('2026-02-23')).toBe('2026-02-23');
    expect(cal.addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
    expect(() => cal.addWorkingDays('2026-02-13', -1)).toThrow(RangeError);
  });

  it('counts working days between two dates (after the first, up to and including the second)', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
    expect(cal.workingDaysBetween('2026-02-27', '2026-02-13')).toBe(-5);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-13')).toBe(0);
    // 31/12/2025 → 10/1/2026: Mon 5 – Fri 9 and the make-up Saturday 10/1
    expect(cal.workingDaysBetween('2025-12-31', '2026-01-10')).toBe(6);
  });

  it('uses the Labour Code defaults for a year without a notice: Tết 2027 (mùng 1 on a Saturday)', () => {
    // off Fri 5/2 – Thu 11/2/2027: 29 Tết, mùng 1–4, and two days in lieu of Saturday and Sunday
    expect(dueDate(vn('2027-02-04T10:00:00'), 1, cal)).toBe('2027-02-12');
  });
});

describe('the apology deadline (Form 04, "at least 1 day before the deadline")', () => {
  it.each([
    ['due Tuesday 10/3/2026 → apologise by Monday 9/3', '2026-03-10', '2026-03-09'],
    ['due Monday 23/2/2026, just after Tết → by Friday 13/2', '2026-02-23', '2026-02-13'],
    ['due Monday 10/2/2025 → by the make-up Saturday 8/2', '2025-02-10', '2025-02-08'],
    ['due Monday 4/5/2026 → by Wednesday 29/4 (27/4 and 30/4–1/5 are off)', '2026-05-04', '2026-04-29'],
  ])('%s', (_what, due, by) => {
    expect(latestApologyDate(due, cal)).toBe(by);
  });
});
