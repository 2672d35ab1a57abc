/**
 * The Vietnamese lunisolar calendar, after Hồ Ngọc Đức's astronomical algorithm
 * ("Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/), computed at UTC+7:
 *
 * - a lunar month starts on the local day of the new moon (mean new moon with the main periodic
 *   terms, after Meeus, "Astronomical Algorithms");
 * - month 11 is the month that contains the winter solstice (sun longitude 270°);
 * - a year with 13 months (two month-11 starts more than 365 days apart) gets a leap month: the
 *   first month after month 11 that contains no major solar term (no multiple of 30° of sun longitude).
 *
 * Computed at UTC+7 rather than UTC+8, Vietnam's calendar sometimes differs from China's
 * (Tết 1985: 21/1 vs 20/2; 2007: 17/2 vs 18/2; 2030: 2/2 vs 3/2). Good for about 1800–2199.
 * Pure: no clock, no I/O.
 */
import { fromDayNumber, dayNumber, type IsoDate } from './dates.js';

export const VIETNAM_TIME_ZONE = 7;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True for the days of a leap month (tháng nhuận). */
  leap: boolean;
}

const PI = Math.PI;
const INT = Math.floor;
/** Julian day number of 1970-01-01. */
const JD_EPOCH = 2440588;

const jdFromDate = (date: IsoDate) => dayNumber(date) + JD_EPOCH;
const jdToDate = (jd: number) => fromDayNumber(jd - JD_EPOCH);

/** Julian date (fractional, UT) of the k-th new moon after 1900-01-01 13:52 UT. */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900-01-00 12:00
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** Sun's apparent longitude in radians, [0, 2π), at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Local day (Julian day number) of the k-th new moon. */
const newMoonDay = (k: number, tz: number) => INT(newMoon(k) + 0.5 + tz / 24);

/** Sector 0..11 (30° each) of the sun's longitude at the start of local day `jd`. */
const sunSector = (jd: number, tz: number) => INT((sunLongitude(jd - 0.5 - tz / 24) / PI) * 6);

/** Julian day number on which lunar month 11 of (solar) year `yy` starts. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(`${String(yy).padStart(4, '0')}-12-31`) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = newMoonDay(k, tz);
  if (sunSector(nm, tz) >= 9) nm = newMoonDay(k - 1, tz); // the new moon is past the winter solstice
  return nm;
}

/** Months after month 11 (starting at a11) to the leap month: the first one without a major term. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let last: number;
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The solar date of a lunar date; RangeError when it does not exist (e.g. a leap month the year lacks). */
export function lunarToSolar(day: number, month: number, year: number, leap = false, tz = VIETNAM_TIME_ZONE): IsoDate {
  if (
    !Number.isInteger(day) ||
    day < 1 ||
    day > 30 ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12 ||
    !Number.isInteger(year)
  ) {
    throw new RangeError(`not a lunar date: ${day}/${month}/${year}`);
  }
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) throw new RangeError(`lunar year ${year} has no leap month ${month}`);
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`lunar year ${year} has no leap month`);
  }
  const monthStart = newMoonDay(k + off, tz);
  const jd = monthStart + day - 1;
  if (day === 30 && newMoonDay(k + off + 1, tz) <= jd) throw new RangeError(`lunar month ${month}/${year} has 29 days`);
  return jdToDate(jd);
}

/** The lunar date of a solar date. */
export function solarToLunar(date: IsoDate, tz = VIETNAM_TIME_ZONE): LunarDate {
  const dn = jdFromDate(date);
  const yy = Number(date.slice(0, 4));
  const k = INT((dn - 2415021.076998695) / 29.530588853);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dn) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    year = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = dn - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/** Mùng 1 Tết: the first day of lunar year `year` (the lunar year that mostly overlaps solar `year`). */
export const tetDate = (year: number): IsoDate => lunarToSolar(1, 1, year);

/** Giỗ Tổ Hùng Vương: 10/3 lunar (never the leap third month). */
export const hungKingsDay = (year: number): IsoDate => lunarToSolar(10, 3, year);
