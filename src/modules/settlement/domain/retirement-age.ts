/**
 * Retirement age under normal working conditions: Labour Code 2019 Art. 169(2) and Decree 135/2020/NĐ-CP Art. 4 with
 * its Appendix I (the roadmap by month and year of birth). Pure: no I/O.
 *
 * - Men: 60 years 3 months for those retiring in 2021, 3 months more each year, 62 years from 2028.
 * - Women: 55 years 4 months in 2021, 4 months more each year, 60 years from 2035.
 * The age that applies is the one of the year in which the person reaches it (Appendix I: a man born 10/1961 reaches
 * 60y3m in 1/2022, but 2022 asks 60y6m, so he retires at 60y6m and draws his pension from 5/2022).
 * The retirement time is the end of the last day of the month the age is reached; the pension starts on the 1st of the
 * next month (Appendix I, column "thời điểm hưởng lương hưu"). That first day is what this module calls the
 * retirement date: months early run from the leaving date to it (Circular 01/2025/TT-BNV Art. 3(3)).
 * A birth date with only the year known is recorded as 1 January of that year (Decree 135/2020 Art. 4(3) reading).
 */
import type { IsoDate } from '../../../core/calendar/dates.js';

export type Sex = 'male' | 'female';

/** Months of age required of someone reaching retirement age in `year` (from 2021). */
export function requiredAgeMonths(sex: Sex, year: number): number {
  const steps = Math.max(1, year - 2020);
  return sex === 'male' ? Math.min(60 * 12 + 3 * steps, 62 * 12) : Math.min(55 * 12 + 4 * steps, 60 * 12);
}

export interface RetirementAge {
  /** the age, in whole years and months */
  years: number;
  months: number;
  /** the month the age is reached, 'YYYY-MM' */
  reachedMonth: string;
  /** the first day of the month after: the pension starts, months early are counted to it */
  retirementDate: IsoDate;
}

const monthIndex = (y: number, m: number) => y * 12 + (m - 1);
const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (idx: number) => ({ y: Math.floor(idx / 12), m: (idx % 12) + 1 });

/** The retirement age and date of a person born on `birthDate` (Appendix I of Decree 135/2020). */
export function retirementAge(birthDate: IsoDate, sex: Sex): RetirementAge {
  const born = monthIndex(Number(birthDate.slice(0, 4)), Number(birthDate.slice(5, 7)));
  // The year of reaching the age decides the age; ages grow by a quarter or a third of a year per year, so exactly
  // one year Y has born + required(Y) falling in Y. People reaching the old age before 2021 keep the 2021 start.
  for (let year = 2021; year <= 2100; year++) {
    const age = requiredAgeMonths(sex, year);
    const reached = monthOf(born + age);
    if (reached.y === year || (year === 2021 && reached.y < 2021)) return build(age, born + age);
    if (reached.y < year) return build(age, born + age); // a month skipped by the step: the later age applies
  }
  throw new RangeError(`birth date out of range: ${birthDate}`);
}

function build(age: number, reachedIdx: number): RetirementAge {
  const reached = monthOf(reachedIdx);
  const next = monthOf(reachedIdx + 1);
  return {
    years: Math.floor(age / 12),
    months: age % 12,
    reachedMonth: `${reached.y}-${pad(reached.m)}`,
    retirementDate: `${next.y}-${pad(next.m)}-01`,
  };
}

/**
 * Whole months from `from` to `to` (0 when `to` is not later): calendar months, a part month not counted
 * (leaving on 15/7 for a retirement date of 1/1 counts 5 months). Negative when `to` is before `from`.
 */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const [fy, fm, fd] = [Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10))];
  const [ty, tm, td] = [Number(to.slice(0, 4)), Number(to.slice(5, 7)), Number(to.slice(8, 10))];
  let n = (ty - fy) * 12 + (tm - fm);
  if (n > 0 && td < fd) n -= 1;
  else if (n < 0 && td > fd) n += 1;
  return n;
}

/** The same day `months` later; a day missing in the target month becomes its last day (Civil Code Art. 148). */
export function addMonths(day: IsoDate, months: number): IsoDate {
  const idx = monthIndex(Number(day.slice(0, 4)), Number(day.slice(5, 7))) + months;
  const { y, m } = monthOf(idx);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(Math.min(Number(day.slice(8, 10)), last))}`;
}
