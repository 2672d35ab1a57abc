/**
 * The public sector's days off in a year: the Labour Code's holidays, computed, overridden by the
 * Ministry of Home Affairs' yearly notice where there is one (passed in as data). Pure: no clock, no I/O.
 *
 * Rules (Bộ luật Lao động 2019 = Labour Code 45/2019/QH14, in force 1/1/2021):
 * - Art. 112(1): 1/1; Tết (5 days); 10/3 lunar (Hùng Kings); 30/4; 1/5; 2/9 + one adjacent day (1/9 or 3/9).
 *   Before 2021 (Labour Code 2012, Art. 115) National Day was the single day 2/9.
 * - Art. 112(3): the Prime Minister fixes the Tết days and the extra National Day each year; for the
 *   public sector the Ministry of Home Affairs notice (Thông báo …/TB-BNV) carries them, with any swap of
 *   a working day for a make-up Saturday. Those notices are data: `official`.
 * - Without a notice (a default, not a forecast):
 *   · Tết = the last day of the old lunar year + days 1–4 of the new one;
 *   · the extra National Day is the adjacent day that joins 2/9 to the weekend: 3/9 when 2/9 falls on a
 *     Thursday, Sunday or Monday, otherwise 1/9. This reproduces the Prime Minister's choices 2021–2026
 *     (2021 3/9, 2022 1/9, 2023 1/9, 2024 3/9, 2025 1/9, 2026 1/9);
 *   · no swaps.
 * - Art. 111(3): a holiday falling on the weekly rest day (Saturday or Sunday for the public sector,
 *   Decision 188/1999/QĐ-TTg) is taken on the next working day ("nghỉ bù"). Our assumption, where the Code
 *   is silent: a holiday falling on another holiday (possible when 10/3 lunar is 30/4 or 1/5) is also
 *   taken on the next working day. Substitutes are always derived, also in years with a notice.
 */
import {
  addDays,
  dayNumber,
  isIsoDate,
  isWeekend,
  viDate,
  viWeekday,
  enWeekday,
  weekday,
  yearOf,
  ymd,
  type IsoDate,
} from './dates.js';
import { hungKingsDay, solarToLunar, tetDate } from './lunar.js';

export type DayOffKind = 'holiday' | 'substitute' | 'swap_off';

export interface DayOff {
  date: IsoDate;
  reason: string;
  reasonEn: string;
  kind: DayOffKind;
  /** The legal text or notice this day off comes from. */
  source: string;
}

/** A Saturday (or Sunday) that is a working day, in exchange for a weekday off. */
export interface SwapWorkday {
  date: IsoDate;
  reason: string;
  reasonEn: string;
  /** The weekday given off in exchange. */
  replaces: IsoDate;
  source: string;
}

export interface YearDaysOff {
  year: number;
  /** Sorted by date. Holidays on a weekend are listed too, with their substitute. */
  daysOff: DayOff[];
  /** Make-up working days of this year's swaps (normally Saturdays), sorted by date. */
  swapWorkdays: SwapWorkday[];
  /** Whether a notice for this year was used (otherwise the Labour Code defaults). */
  official: boolean;
}

/** One year's notice(s), as data (see data/reference/calendar/official-days.json). */
export interface OfficialYear {
  note?: string;
  /** The Tết days off on weekdays, as the notice gives them (weekend days of the break need not be listed). */
  tet?: { days: IsoDate[]; source: string };
  /** The day off adjacent to 2/9: 1/9 or 3/9. */
  nationalDayExtra?: { date: IsoDate; source: string };
  /** A weekday off made up on a weekend day. */
  swaps?: { off: IsoDate; work: IsoDate; source: string }[];
  /** One-off days off decided for a year (none so far). */
  extraHolidays?: { date: IsoDate; reason: string; reasonEn: string; source: string }[];
}

export type OfficialCalendar = Readonly<Record<number, OfficialYear>>;

const LC2019 = 'Bộ luật Lao động 2019, Điều 112';
const LC2012 = 'Bộ luật Lao động 2012, Điều 115';
const SUBSTITUTE_SOURCE = 'Bộ luật Lao động 2019, Điều 111 khoản 3';
/** A holiday's name without its parenthesised detail. */
const bare = (reason: string) => reason.replace(/ \(.*\)$/, '');

/** The Labour Code's fixed holidays, Tết and the National Day extra day (before substitutes and swaps). */
function holidays(year: number, official: OfficialYear | undefined): DayOff[] {
  const lc = year >= 2021 ? LC2019 : LC2012;
  const h = (date: IsoDate, reason: string, reasonEn: string, source = lc): DayOff => ({
    date,
    reason,
    reasonEn,
    kind: 'holiday',
    source,
  });
  const list: DayOff[] = [
    h(ymd(year, 1, 1), 'Tết Dương lịch', "New Year's Day"),
    h(
      hungKingsDay(year),
      'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      "Hung Kings' Commemoration Day (10th day of the 3rd lunar month)",
    ),
    h(ymd(year, 4, 30), 'Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'),
    h(ymd(year, 5, 1), 'Ngày Quốc tế lao động (1/5)', 'International Labour Day (1 May)'),
    h(ymd(year, 9, 2), 'Quốc khánh (2/9)', 'National Day (2 September)'),
  ];

  const tet = tetDate(year);
  const tetDays = official?.tet?.days ?? [addDays(tet, -1), tet, addDays(tet, 1), addDays(tet, 2), addDays(tet, 3)];
  const tetSource = official?.tet?.source ?? `${lc} (mặc định: ngày cuối năm âm lịch và mùng 1–4 Tết)`;
  for (const d of tetDays) {
    const l = solarToLunar(d);
    const vi = l.month === 1 ? `mùng ${l.day} tháng Giêng` : `${l.day} tháng ${l.month === 12 ? 'Chạp' : l.month}`;
    const en = `day ${l.day} of lunar month ${l.month}`;
    list.push(h(d, `Tết Nguyên đán (${vi})`, `Lunar New Year, Tết (${en})`, tetSource));
  }

  if (official?.nationalDayExtra) {
    list.push(
      h(
        official.nationalDayExtra.date,
        'Quốc khánh (ngày liền kề)',
        'National Day (adjacent day)',
        official.nationalDayExtra.source,
      ),
    );
  } else if (year >= 2021) {
    const w = weekday(ymd(year, 9, 2));
    const extra = w === 4 || w === 0 || w === 1 ? ymd(year, 9, 3) : ymd(year, 9, 1);
    list.push(
      h(
        extra,
        'Quốc khánh (ngày liền kề)',
        'National Day (adjacent day)',
        `${LC2019} (mặc định: ngày liền kề nối với cuối tuần)`,
      ),
    );
  }

  for (const x of official?.extraHolidays ?? []) list.push(h(x.date, x.reason, x.reasonEn, x.source));
  return list;
}

/** The days off of `year` and its make-up working Saturdays; `official` is that year's notice, if any. */
export function daysOff(year: number, official?: OfficialYear): YearDaysOff {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new RangeError(`year out of range: ${year}`);
  const swaps = official?.swaps ?? [];
  const list = holidays(year, official).sort((a, b) => a.date.localeCompare(b.date));

  // Art. 111(3): a holiday on a weekend (or on another holiday) is taken on the next free working day.
  const taken = new Set<IsoDate>([
    ...list.filter((d) => !isWeekend(d.date)).map((d) => d.date),
    ...swaps.map((s) => s.off),
  ]);
  const claimed = new Set<IsoDate>();
  const out: DayOff[] = [];
  for (const d of list) {
    const displaced = isWeekend(d.date) || claimed.has(d.date);
    if (!claimed.has(d.date)) out.push(d);
    claimed.add(d.date);
    if (!displaced) continue;
    let s = addDays(d.date, 1);
    while (isWeekend(s) || taken.has(s)) s = addDays(s, 1);
    taken.add(s);
    out.push({
      date: s,
      kind: 'substitute',
      reason: `Nghỉ bù ${bare(d.reason)} (${viDate(d.date)} trùng ${isWeekend(d.date) ? viWeekday(d.date) : 'ngày nghỉ lễ khác'})`,
      reasonEn: `In lieu of ${bare(d.reasonEn)} (${d.date} falls on ${isWeekend(d.date) ? `a ${enWeekday(d.date)}` : 'another holiday'})`,
      source: SUBSTITUTE_SOURCE,
    });
  }
  for (const s of swaps) {
    out.push({
      date: s.off,
      kind: 'swap_off',
      reason: `Nghỉ hoán đổi, làm bù ${viWeekday(s.work)} ${viDate(s.work)}`,
      reasonEn: `Swapped day off, made up on ${enWeekday(s.work)} ${s.work}`,
      source: s.source,
    });
  }
  out.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  const swapWorkdays = swaps
    .map((s): SwapWorkday => ({
      date: s.work,
      reason: `Làm bù cho ngày nghỉ ${viWeekday(s.off)} ${viDate(s.off)}`,
      reasonEn: `Make-up working day for ${enWeekday(s.off)} ${s.off}`,
      replaces: s.off,
      source: s.source,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { year, daysOff: out, swapWorkdays, official: official !== undefined };
}

// ---------------------------------------------------------------------------------------------
// The notices file, checked on load so that a typo fails loudly instead of moving a deadline.

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `{ years: { "2025": OfficialYear, … } }` and checks every date: real dates of that year,
 * Tết days within a week of mùng 1, the National Day extra on 1/9 or 3/9, swaps from a weekday to a
 * weekend day (the make-up day may be in the previous year: 2/1/2015 was made up on 27/12/2014).
 */
export function parseOfficialCalendar(json: unknown): OfficialCalendar {
  const fail = (where: string, what: string): never => {
    throw new Error(`official days-off data, ${where}: ${what}`);
  };
  if (!isObj(json) || !isObj(json.years)) return fail('root', 'expected { years: { "YYYY": … } }');
  const out: Record<number, OfficialYear> = {};
  for (const [key, raw] of Object.entries(json.years)) {
    const year = Number(key);
    if (!/^\d{4}$/.test(key)) fail(key, 'a year key must be YYYY');
    if (!isObj(raw)) return fail(key, 'expected an object');
    const date = (v: unknown, where: string, years = [year]): IsoDate => {
      if (typeof v !== 'string' || !isIsoDate(v)) return fail(`${key} ${where}`, `not a date: ${String(v)}`);
      if (!years.includes(yearOf(v))) fail(`${key} ${where}`, `${v} is outside ${years.join(' or ')}`);
      return v;
    };
    const source = (v: unknown, where: string): string =>
      typeof v === 'string' && v.trim() !== '' ? v : fail(`${key} ${where}`, 'a source is required');
    const y: OfficialYear = {};
    if (typeof raw.note === 'string') y.note = raw.note;
    if (raw.tet !== undefined) {
      const t = raw.tet;
      if (!isObj(t) || !Array.isArray(t.days) || t.days.length === 0)
        return fail(`${key} tet`, 'expected { days: [...], source }');
      const mung1 = dayNumber(tetDate(year));
      const days = t.days.map((d, i) => date(d, `tet.days[${i}]`));
      for (const d of days)
        if (Math.abs(dayNumber(d) - mung1) > 7)
          fail(`${key} tet`, `${d} is not within a week of Tết (${tetDate(year)})`);
      y.tet = { days, source: source(t.source, 'tet.source') };
    }
    if (raw.nationalDayExtra !== undefined) {
      const n = raw.nationalDayExtra;
      if (!isObj(n)) return fail(`${key} nationalDayExtra`, 'expected { date, source }');
      const d = date(n.date, 'nationalDayExtra.date');
      if (d !== ymd(year, 9, 1) && d !== ymd(year, 9, 3))
        fail(`${key} nationalDayExtra`, `${d} is neither 1/9 nor 3/9`);
      y.nationalDayExtra = { date: d, source: source(n.source, 'nationalDayExtra.source') };
    }
    if (raw.swaps !== undefined) {
      if (!Array.isArray(raw.swaps)) return fail(`${key} swaps`, 'expected an array');
      y.swaps = raw.swaps.map((s: unknown, i) => {
        if (!isObj(s)) return fail(`${key} swaps[${i}]`, 'expected { off, work, source }');
        const off = date(s.off, `swaps[${i}].off`);
        const work = date(s.work, `swaps[${i}].work`, [year - 1, year]);
        if (isWeekend(off)) fail(`${key} swaps[${i}]`, `the day off ${off} is a ${enWeekday(off)}`);
        if (!isWeekend(work))
          fail(`${key} swaps[${i}]`, `the make-up day ${work} is a ${enWeekday(work)}, not a weekend day`);
        return { off, work, source: source(s.source, `swaps[${i}].source`) };
      });
    }
    if (raw.extraHolidays !== undefined) {
      if (!Array.isArray(raw.extraHolidays)) return fail(`${key} extraHolidays`, 'expected an array');
      y.extraHolidays = raw.extraHolidays.map((x: unknown, i) => {
        if (!isObj(x) || typeof x.reason !== 'string' || typeof x.reasonEn !== 'string')
          return fail(`${key} extraHolidays[${i}]`, 'expected { date, reason, reasonEn, source }');
        return {
          date: date(x.date, `extraHolidays[${i}].date`),
          reason: x.reason,
          reasonEn: x.reasonEn,
          source: source(x.source, `extraHolidays[${i}].source`),
        };
      });
    }
    out[year] = y;
  }
  return out;
}
