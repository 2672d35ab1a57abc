import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { hungKingsDay, lunarToSolar, solarToLunar, tetDate } from './lunar.js';

describe('the Vietnamese lunar calendar (UTC+7)', () => {
  // Mùng 1 Tết and Giỗ Tổ Hùng Vương as printed on Vietnamese calendars.
  it.each([
    [2020, '2020-01-25', '2020-04-02'],
    [2021, '2021-02-12', '2021-04-21'],
    [2022, '2022-02-01', '2022-04-10'],
    [2023, '2023-01-22', '2023-04-29'],
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
    [2029, '2029-02-13', '2029-04-23'],
    [2030, '2030-02-02', '2030-04-12'],
  ])('Tết %i is on %s and Hùng Kings day (10/3 lunar) on %s', (year, tet, hung) => {
    expect(tetDate(year)).toBe(tet);
    expect(hungKingsDay(year)).toBe(hung);
    expect(solarToLunar(tet)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it.each([
    ['1985', '1985-01-21', 'a month before China (20/2/1985)'],
    ['2007', '2007-02-17', 'a day before China (18/2/2007)'],
    ['2030', '2030-02-02', 'a day before China (3/2/2030)'],
  ])('Tết %s is on %s, %s, because the new moon is computed at UTC+7', (year, tet) => {
    expect(tetDate(Number(year))).toBe(tet);
  });

  it('knows the leap months: 4/2020, 2/2023, 6/2025, 5/2028', () => {
    expect(lunarToSolar(1, 4, 2020, true)).toBe('2020-05-23');
    expect(lunarToSolar(1, 2, 2023, true)).toBe('2023-03-22');
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(lunarToSolar(1, 5, 2028, true)).toBe('2028-06-23');
    expect(solarToLunar('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(() => lunarToSolar(1, 3, 2025, true)).toThrow(RangeError); // 2025's leap month is the 6th
    expect(() => lunarToSolar(1, 1, 2026, true)).toThrow(RangeError); // Bính Ngọ has no leap month
  });

  it('puts Mid-Autumn 2025 (15/8 lunar) on 6/10/2025, after the leap 6th month', () => {
    expect(lunarToSolar(15, 8, 2025)).toBe('2025-10-06');
  });

  it('ends Ất Tỵ on 29 tháng Chạp (16/2/2026): the 12th month has no 30th day', () => {
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(lunarToSolar(29, 12, 2025)).toBe('2026-02-16');
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(RangeError);
  });

  it('converts every day of 2020–2030 to lunar and back', () => {
    for (let d = '2020-01-01'; d <= '2030-12-31'; d = addDays(d, 1)) {
      const l = solarToLunar(d);
      expect(lunarToSolar(l.day, l.month, l.year, l.leap)).toBe(d);
    }
  });

  it('rejects dates that are not lunar dates', () => {
    expect(() => lunarToSolar(31, 1, 2026)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2026)).toThrow(RangeError);
  });
});
