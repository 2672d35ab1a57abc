import { describe, expect, it } from 'vitest';
import { loadOfficialCalendar } from './official.js';
import { weekday } from './dates.js';
import { daysOff, parseOfficialCalendar, type DayOff } from './days-off.js';

const official = loadOfficialCalendar();
const SAT = 6;
const brief = (list: DayOff[]) => list.map((d) => `${d.date} ${d.kind}`);

describe('official-days.json', () => {
  it('has notices for 2025 and 2026, each swap from a weekday to a Saturday', () => {
    expect(Object.keys(official).map(Number)).toEqual(expect.arrayContaining([2025, 2026]));
    for (const y of Object.values(official)) {
      for (const s of y.swaps ?? []) {
        expect(weekday(s.work), `${s.work} is a Saturday`).toBe(SAT);
        expect(weekday(s.off), `${s.off} is a weekday`).toBeGreaterThanOrEqual(1);
        expect(weekday(s.off)).toBeLessThanOrEqual(5);
        expect(s.source).not.toBe('');
      }
      for (const d of y.tet?.days ?? []) expect([1, 2, 3, 4, 5], `${d} is a weekday`).toContain(weekday(d));
    }
  });

  it('gives the weekdays the notices name: Tết 2025 from Mon 27/1 (swapped) to Fri 31/1, Tết 2026 Mon 16/2 to Fri 20/2', () => {
    expect(official[2025]!.swaps![0]).toMatchObject({ off: '2025-01-27', work: '2025-02-08' });
    expect(weekday('2025-01-27')).toBe(1);
    expect(weekday('2025-01-31')).toBe(5);
    expect(weekday('2026-02-16')).toBe(1);
    expect(weekday('2026-02-20')).toBe(5);
    expect(weekday('2026-08-31')).toBe(1);
    expect(weekday('2026-08-22')).toBe(SAT);
    expect(weekday('2025-04-26')).toBe(SAT);
    expect(weekday('2025-05-02')).toBe(5);
  });

  it('refuses a malformed notice instead of moving deadlines', () => {
    const bad = (y: unknown) => () => parseOfficialCalendar({ years: { 2026: y } });
    expect(bad({ swaps: [{ off: '2026-08-31', work: '2026-08-21', source: 'x' }] })).toThrow(/not a weekend day/); // a Friday
    expect(bad({ swaps: [{ off: '2026-08-30', work: '2026-08-22', source: 'x' }] })).toThrow(/Sunday/);
    expect(bad({ nationalDayExtra: { date: '2026-09-04', source: 'x' } })).toThrow(/neither 1\/9 nor 3\/9/);
    expect(bad({ tet: { days: ['2026-02-30'], source: 'x' } })).toThrow(/not a date/);
    expect(bad({ tet: { days: ['2026-03-16'], source: 'x' } })).toThrow(/within a week of Tết/);
    expect(bad({ tet: { days: ['2026-02-16'] } })).toThrow(/source/);
    expect(() => parseOfficialCalendar([])).toThrow(/years/);
  });
});

describe('days off with the notices', () => {
  it('2025: Tết 25/1–2/2 (Mon 27/1 swapped with Sat 8/2), 30/4–4/5 (Fri 2/5 swapped with Sat 26/4), 1–2/9', () => {
    const y = daysOff(2025, official[2025]);
    expect(y.official).toBe(true);
    expect(brief(y.daysOff)).toEqual([
      '2025-01-01 holiday',
      '2025-01-27 swap_off',
      '2025-01-28 holiday',
      '2025-01-29 holiday',
      '2025-01-30 holiday',
      '2025-01-31 holiday',
      '2025-04-07 holiday',
      '2025-04-30 holiday',
      '2025-05-01 holiday',
      '2025-05-02 swap_off',
      '2025-09-01 holiday',
      '2025-09-02 holiday',
    ]);
    expect(y.swapWorkdays.map((s) => [s.date, s.replaces])).toEqual([
      ['2025-02-08', '2025-01-27'],
      ['2025-04-26', '2025-05-02'],
    ]);
    expect(y.daysOff.find((d) => d.date === '2025-01-29')!.reason).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
    expect(y.daysOff.find((d) => d.date === '2025-01-28')!.reason).toBe('Tết Nguyên đán (29 tháng Chạp)');
    expect(y.daysOff.find((d) => d.date === '2025-01-27')!.reason).toBe('Nghỉ hoán đổi, làm bù thứ Bảy 08/02/2025');
  });

  it('2026: 1/1 (+ Fri 2/1 for Sat 10/1), Tết 16–20/2, Hùng Kings Sun 26/4 → Mon 27/4, 30/4–1/5, 31/8 for 22/8, 1–2/9', () => {
    const y = daysOff(2026, official[2026]);
    expect(brief(y.daysOff)).toEqual([
      '2026-01-01 holiday',
      '2026-01-02 swap_off',
      '2026-02-16 holiday',
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
      '2026-04-26 holiday',
      '2026-04-27 substitute',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-08-31 swap_off',
      '2026-09-01 holiday',
      '2026-09-02 holiday',
    ]);
    expect(y.swapWorkdays.map((s) => s.date)).toEqual(['2026-01-10', '2026-08-22']);
    const sub = y.daysOff.find((d) => d.date === '2026-04-27')!;
    expect(sub.reason).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 trùng Chủ nhật)');
    expect(sub.reasonEn).toBe("In lieu of Hung Kings' Commemoration Day (2026-04-26 falls on a Sunday)");
    expect(sub.source).toMatch(/Điều 111/);
    expect(y.daysOff.find((d) => d.date === '2026-02-16')!.source).toMatch(/9441\/TB-BNV/);
  });
});

describe('days off by the Labour Code defaults (no notice)', () => {
  it('2027: Tết 5/2–9/2, mùng 1 a Saturday and mùng 2 a Sunday → off Wed 10/2, Thu 11/2; 1/5 Sat → Mon 3/5; 2/9 Thu → + Fri 3/9', () => {
    const y = daysOff(2027);
    expect(y.official).toBe(false);
    expect(y.swapWorkdays).toEqual([]);
    expect(brief(y.daysOff)).toEqual([
      '2027-01-01 holiday',
      '2027-02-05 holiday',
      '2027-02-06 holiday',
      '2027-02-07 holiday',
      '2027-02-08 holiday',
      '2027-02-09 holiday',
      '2027-02-10 substitute',
      '2027-02-11 substitute',
      '2027-04-16 holiday',
      '2027-04-30 holiday',
      '2027-05-01 holiday',
      '2027-05-03 substitute',
      '2027-09-02 holiday',
      '2027-09-03 holiday',
    ]);
  });

  it('2028: 1/1 a Saturday → Mon 3/1; 30/4 a Sunday → Tue 2/5 (Mon 1/5 is Labour Day); 2/9 a Saturday → + Fri 1/9 and Mon 4/9', () => {
    const subs = daysOff(2028)
      .daysOff.filter((d) => d.kind === 'substitute')
      .map((d) => d.date);
    expect(subs).toEqual(['2028-01-03', '2028-01-31', '2028-05-02', '2028-09-04']);
    expect(daysOff(2028).daysOff.some((d) => d.date === '2028-09-01')).toBe(true);
  });

  it('2029: 2/9 on a Sunday → + Mon 3/9, and Tue 4/9 in lieu', () => {
    expect(brief(daysOff(2029).daysOff.filter((d) => d.date >= '2029-09-01'))).toEqual([
      '2029-09-02 holiday',
      '2029-09-03 holiday',
      '2029-09-04 substitute',
    ]);
  });

  it.each([
    [2021, '2021-09-03'], // 2/9 Thursday
    [2022, '2022-09-01'], // Friday
    [2023, '2023-09-01'], // Saturday
    [2024, '2024-09-03'], // Monday
    [2025, '2025-09-01'], // Tuesday
    [2026, '2026-09-01'], // Wednesday
  ])('the default National Day extra day of %i is %s, as the Prime Minister chose', (year, extra) => {
    expect(daysOff(year).daysOff.find((d) => d.reason === 'Quốc khánh (ngày liền kề)')!.date).toBe(extra);
  });

  it('2020 (Labour Code 2012): National Day is 2/9 alone', () => {
    expect(
      daysOff(2020)
        .daysOff.filter((d) => d.date.startsWith('2020-09'))
        .map((d) => d.date),
    ).toEqual(['2020-09-02']);
  });

  it('every list is sorted and has one entry per date', () => {
    for (let year = 2020; year <= 2100; year++) {
      const dates = daysOff(year, official[year]).daysOff.map((d) => d.date);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(dates.length);
    }
  });
});
