/**
 * The dated settings of the settlement rules (legal brief, section D). Where the texts leave a detail open it is a
 * setting with its documented default (docs/settlement.md), never a hidden constant. Pure: no I/O.
 */
import type { IsoDate } from '../../../core/calendar/dates.js';

export interface DatedAmount {
  /** in force from this day (inclusive) */
  from: IsoDate;
  /** VND per month */
  amount: number;
}

export interface SettlementSettings {
  /**
   * Base salary (lương cơ sở) by date: 1,800,000 from 1/7/2023 (Decree 24/2023/NĐ-CP), 2,340,000 from 1/7/2024
   * (Decree 73/2024/NĐ-CP), 2,530,000 from 1/7/2026 (Decree 161/2026/NĐ-CP). The one in force in the month before
   * the leaving month applies (Circular 01/2025/TT-BNV Art. 3(2)(a)).
   */
  baseSalaries: DatedAmount[];
  /**
   * Early years for the "per early year" line (Decree 178 Art. 7(2); Circular 01/2025/TT-BNV Art. 4(1)(b): "cứ mỗi
   * năm nghỉ sớm (đủ 12 tháng)"): 'whole_years' counts full years only (default, the Circular's words);
   * 'half_year_rule' counts odd months as the social-insurance years are counted (1–6 → ½ year, 7–11 → 1 year).
   */
  earlyYearOddMonths: 'whole_years' | 'half_year_rule';
  /**
   * The one-time sum of a person under 2 years from retirement (Art. 7(2)(d): the pension and (a) only) leaving from
   * the 13th month after the restructuring decision: 'halved_from_13th_month' halves it as (a) is halved (default: the
   * legal brief, section D, "pension plus (a)" and "from month 13 the lump sum is halved"); 'always_full' pays it
   * whole at any month (a reading of Circular 01/2025/TT-BNV Art. 4(3) the brief does not carry).
   */
  underTwoYearsLumpSum: 'halved_from_13th_month' | 'always_full';
  /** Decree 178 Art. 5: months early and severance months are capped at 60. */
  maxMonths: number;
  /**
   * Official Letter 6383/BNV-TCBC (13/8/2025): leaving decisions by 31/8/2025; leaving by 1/9/2025, or by 31/12/2025
   * when the decision was issued before 1/8/2025; payment by 31/8/2025; reports by 8/9/2025.
   */
  deadlines: {
    decisionsBy: IsoDate;
    leaveBy: IsoDate;
    phasedDecisionBefore: IsoDate;
    phasedLeaveBy: IsoDate;
    paymentBy: IsoDate;
    reportsBy: IsoDate;
  };
  /** a case is "at risk" this many calendar days before a deadline it has not met (choice, default 7) */
  warnDays: number;
}

export const DEFAULT_SETTINGS: SettlementSettings = {
  baseSalaries: [
    { from: '2023-07-01', amount: 1_800_000 },
    { from: '2024-07-01', amount: 2_340_000 },
    { from: '2026-07-01', amount: 2_530_000 },
  ],
  earlyYearOddMonths: 'whole_years',
  underTwoYearsLumpSum: 'halved_from_13th_month',
  maxMonths: 60,
  deadlines: {
    decisionsBy: '2025-08-31',
    leaveBy: '2025-09-01',
    phasedDecisionBefore: '2025-08-01',
    phasedLeaveBy: '2025-12-31',
    paymentBy: '2025-08-31',
    reportsBy: '2025-09-08',
  },
  warnDays: 7,
};

/** The version of the rules a stored benefit was computed with (shown beside it; bump on any change of a formula). */
// v2 (2026-12-08): under 2 years early the one-time sum is halved from the 13th month by default (underTwoYearsLumpSum)
export const RULE_VERSION = 'ND178-ND67-TT01/2025-v2';

/** The base salary in force on a day, or undefined before the first dated value. */
export function baseSalaryOn(settings: Pick<SettlementSettings, 'baseSalaries'>, day: IsoDate): number | undefined {
  let found: number | undefined;
  for (const b of [...settings.baseSalaries].sort((a, z) => a.from.localeCompare(z.from)))
    if (b.from <= day) found = b.amount;
  return found;
}

/** A problem with a settings object, in words for the field at fault, or null. */
export function settingsProblem(s: SettlementSettings): { field: string; detail: { vi: string; en: string } } | null {
  const problem = (field: string, vi: string, en: string) => ({ field, detail: { vi, en } });
  if (s.baseSalaries.length === 0)
    return problem('baseSalaries', 'cần ít nhất một mức lương cơ sở', 'at least one base salary');
  for (const b of s.baseSalaries)
    if (!Number.isInteger(b.amount) || b.amount <= 0)
      return problem('baseSalaries', 'mức lương cơ sở là số đồng nguyên, lớn hơn 0', 'a whole number of dong above 0');
  if (new Set(s.baseSalaries.map((b) => b.from)).size !== s.baseSalaries.length)
    return problem('baseSalaries', 'mỗi ngày áp dụng chỉ một mức', 'one amount per date');
  if (s.maxMonths < 1 || s.maxMonths > 120) return problem('maxMonths', 'từ 1 đến 120 tháng', '1 to 120 months');
  return null;
}
