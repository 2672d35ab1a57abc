/**
 * The monthly salary a benefit is counted on and the social-insurance years. Pure: no I/O.
 *
 * Decree 178/2024/NĐ-CP Art. 5(6) and Circular 01/2025/TT-BNV Art. 3(2)(a): the salary of the month immediately before
 * the leaving month = (grade/step coefficient + leadership allowance coefficient) × base salary + the allowances
 * counted on the salary (seniority beyond the frame, professional seniority, occupational preference and
 * responsibility, the public-service allowance, Party and union work allowance). The base salary is the one in force
 * in the month before the leaving month. The public-service allowance is 25 % of (salary by grade + leadership
 * allowance + seniority beyond the frame) for those who receive it (Decree 34/2012/NĐ-CP Art. 3; legal brief H:
 * Official Letter 1814/BNV-TCBC's worked examples include it).
 */
import type { IsoDate } from '../../../core/calendar/dates.js';
import { addMonths } from './retirement-age.js';
import { baseSalaryOn, type SettlementSettings } from './settings.js';

export interface SalaryInput {
  /** grade/step coefficient (hệ số lương theo ngạch, bậc), e.g. 4.98 */
  coefficient: number;
  /** leadership allowance coefficient (hệ số phụ cấp chức vụ lãnh đạo), e.g. 0.4 */
  leadershipCoefficient?: number;
  /** the other allowances counted by Art. 5 */
  allowances?: AllowancesInput;
}

export interface AllowancesInput {
  /** allowances expressed as coefficients of the base salary (responsibility, regional …), summed */
  coefficient?: number;
  /** seniority beyond the frame, % of the grade coefficient (phụ cấp thâm niên vượt khung) */
  seniorityBeyondFramePercent?: number;
  /** professional seniority, % of (grade + leadership + beyond frame) (phụ cấp thâm niên nghề) */
  professionalSeniorityPercent?: number;
  /** occupational preference, % of (grade + leadership + beyond frame) (phụ cấp ưu đãi theo nghề) */
  occupationalPercent?: number;
  /** receives the 25 % public-service allowance (phụ cấp công vụ) */
  publicService?: boolean;
  /** allowances stated in VND per month */
  amount?: number;
}

export interface SalaryPart {
  code: string;
  /** how the part is reached, with the figures */
  basis: string;
  amount: number;
}

export interface MonthlySalary {
  amount: number;
  baseSalary: number;
  /** 'YYYY-MM': the month before the leaving month */
  month: string;
  parts: SalaryPart[];
}

/** The month before the leaving month, as its last day (the base salary in force then applies). */
export function monthBeforeLeaving(leaveDate: IsoDate): { month: string; lastDay: IsoDate } {
  const first = addMonths(`${leaveDate.slice(0, 7)}-01`, -1);
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month: first.slice(0, 7), lastDay: `${first.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** Coefficients to hundredths (how pay scales write them), so that money stays in whole numbers. */
const hundredths = (c: number) => Math.round(c * 100);
/** Whole VND, half up. */
export const vnd = (x: number) => Math.round(x);
const fmt = (n: number) => n.toLocaleString('en-US');

export function monthlySalary(input: SalaryInput, leaveDate: IsoDate, settings: SettlementSettings): MonthlySalary {
  const { month, lastDay } = monthBeforeLeaving(leaveDate);
  const base = baseSalaryOn(settings, lastDay);
  if (base === undefined) throw new RangeError(`no base salary in force on ${lastDay}`);
  const a = input.allowances ?? {};
  const grade = hundredths(input.coefficient);
  const lead = hundredths(input.leadershipCoefficient ?? 0);
  const parts: SalaryPart[] = [];
  const gradeAmount = vnd((grade * base) / 100);
  parts.push({ code: 'grade', basis: `${input.coefficient} × ${fmt(base)}`, amount: gradeAmount });
  if (lead) {
    const v = vnd((lead * base) / 100);
    parts.push({ code: 'leadership', basis: `${input.leadershipCoefficient} × ${fmt(base)}`, amount: v });
  }
  let beyond = 0;
  if (a.seniorityBeyondFramePercent) {
    beyond = vnd((grade * base * a.seniorityBeyondFramePercent) / 10_000);
    parts.push({
      code: 'seniority_beyond_frame',
      basis: `${a.seniorityBeyondFramePercent}% × ${input.coefficient} × ${fmt(base)}`,
      amount: beyond,
    });
  }
  // Allowances counted as a percentage of (salary by grade + leadership allowance + seniority beyond the frame).
  const onSalary = gradeAmount + (lead ? vnd((lead * base) / 100) : 0) + beyond;
  const pct = (code: string, p: number | undefined) => {
    if (!p) return;
    parts.push({ code, basis: `${p}% × ${fmt(onSalary)}`, amount: vnd((onSalary * p) / 100) });
  };
  pct('professional_seniority', a.professionalSeniorityPercent);
  pct('occupational', a.occupationalPercent);
  if (a.publicService) pct('public_service', 25);
  if (a.coefficient) {
    parts.push({
      code: 'other_coefficient',
      basis: `${a.coefficient} × ${fmt(base)}`,
      amount: vnd((hundredths(a.coefficient) * base) / 100),
    });
  }
  if (a.amount) parts.push({ code: 'other_amount', basis: fmt(a.amount), amount: vnd(a.amount) });
  return { amount: parts.reduce((s, p) => s + p.amount, 0), baseSalary: base, month, parts };
}

/**
 * Social-insurance years for the benefits (Decree 178 Art. 5(3)): whole years, odd months 1–6 count as half a year,
 * 7–11 as a whole year. Returned in half years (an integer) so that money stays exact; 25 years 4 months → 51.
 */
export function insuranceHalfYears(years: number, months: number): number {
  const total = years * 12 + months;
  const whole = Math.floor(total / 12);
  const odd = total % 12;
  return whole * 2 + (odd === 0 ? 0 : odd <= 6 ? 1 : 2);
}
