/**
 * Calendar dates as 'YYYY-MM-DD' strings (no time, no zone) and their arithmetic through
 * day numbers (days since 1970-01-01). Pure: no clock, no I/O.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Vietnam's civil time, UTC+7 all year (no daylight saving). */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** True when `s` is a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws RangeError on anything else. Deadline arithmetic asks for the
 * same few thousand dates again and again (a year of intake in the demo, a board's period): both directions are
 * remembered, up to a bound.
 */
export function dayNumber(date: IsoDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const n = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
  remember(dayNumbers, date, n);
  return n;
}

export function fromDayNumber(n: number): IsoDate {
  const known = isoDates.get(n);
  if (known !== undefined) return known;
  const date = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
  remember(isoDates, n, date);
  return date;
}

const MAX_REMEMBERED = 50_000;
const dayNumbers = new Map<string, number>();
const isoDates = new Map<number, IsoDate>();
function remember<K, V>(m: Map<K, V>, k: K, v: V) {
  if (m.size >= MAX_REMEMBERED) m.clear();
  m.set(k, v);
}

export function ymd(year: number, month: number, day: number): IsoDate {
  return fromDayNumber(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export const addDays = (date: IsoDate, n: number): IsoDate => fromDayNumber(dayNumber(date) + n);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: IsoDate): number => ((dayNumber(date) % 7) + 11) % 7; // 1970-01-01 was a Thursday

export const isWeekend = (date: IsoDate): boolean => {
  const w = weekday(date);
  return w === 0 || w === 6;
};

export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

/** The Vietnamese civil date and minutes after midnight of an instant (UTC+7). */
export function vietnamLocal(at: Date): { date: IsoDate; minutes: number } {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid instant');
  const local = new Date(ms + VIETNAM_OFFSET_MINUTES * 60_000);
  return {
    date: local.toISOString().slice(0, 10),
    minutes:
      local.getUTCHours() * 60 +
      local.getUTCMinutes() +
      local.getUTCSeconds() / 60 +
      local.getUTCMilliseconds() / 60_000,
  };
}

const VI_WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** '27/01/2025' — the way dates are written in Vietnamese documents. */
export const viDate = (date: IsoDate): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * A date as official documents write it (Decree 30/2020, brief §G): "ngày 05 tháng 7 năm 2026", days below 10 and
 * months 1–2 with a leading zero ("ngày 15 tháng 02 năm 2026").
 */
export function officialDateWords(date: IsoDate): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : m} năm ${y}`;
}

/** The place and date line of an official document (Decree 30/2020): "Bắc Ninh, ngày 05 tháng 7 năm 2026". */
export const placeDateLine = (place: string, date: IsoDate): string => `${place}, ${officialDateWords(date)}`;
export const viWeekday = (date: IsoDate): string => VI_WEEKDAYS[weekday(date)]!;
export const enWeekday = (date: IsoDate): string => EN_WEEKDAYS[weekday(date)]!;
