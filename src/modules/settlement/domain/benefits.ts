/**
 * The benefit calculator of Decree 178/2024/NĐ-CP as amended by Decree 67/2025/NĐ-CP, guided by Circular
 * 01/2025/TT-BNV (legal brief, section D and rulings H). Pure: no I/O, no clock. Every line carries its clause, the
 * months of salary it is worth, the salary it is counted on and its amount, so that a person or an auditor sees how
 * the total is reached. Money is whole VND: each line is rounded half up, the total is the sum of the lines.
 *
 * Regimes:
 * - early_retirement (Art. 7, people directly affected by restructuring):
 *   (a) Art. 7(1) one-time pension sum: ≤ 5 years early → 1.0 × salary × months early; > 5–10 years → 0.9 × salary × 60;
 *       leaving from the 13th month after the restructuring decision → half of it (Art. 7(1)(b)); under 2 years early
 *       the same by default, or whole at any month under the setting `underTwoYearsLumpSum` (Circular 01/2025 Art.
 *       4(3), a reading the legal brief does not carry);
 *   (b) Art. 7(2)(a)/(b) per early year: 5 months' salary (2–5 years early), 4 months (> 5–10 years);
 *   (c) Art. 7(2) for the social-insurance years: leaving before 1/7/2025, 5 months for the first 20 years and 0.5 month
 *       per later year; from 1/7/2025 with 15 years or more, 4 months for the first 15 years and 0.5 per later year
 *       (Decree 67/2025; Circular 02/2025/TT-BNV; Official Letter 1814/BNV-TCBC; ruling H);
 *   (b) and (c) need 2 years early or more; under 2 years only (a) (Art. 7(2)(d)). A pension must be earned: 20 years
 *   of compulsory social insurance before 1/7/2025 (Social Insurance Law 2014 Art. 54), 15 from 1/7/2025 (2024 Law
 *   Art. 64).
 * - early_retirement_streamlining (Art. 7a, not directly affected, ≤ 5 years to retirement): (b) + (c) + 1.0 × salary ×
 *   months early when leaving within 12 months of 15/3/2025, half from the 13th month.
 * - early_retirement_not_reelected (Art. 7b, cadres not re-elected or re-appointed): (b) + (c) + 1.0 × salary × months
 *   early, never halved.
 * - quit (Art. 9 cadres and civil servants, Art. 10 public employees and contract staff; ≥ 2 years to retirement):
 *   0.8 × salary × severance months in the first 12 months, 0.4 from the 13th (severance months = months of compulsory
 *   social insurance, at most 60: Art. 5(2), ruling H); 1.5 months per social-insurance year (Art. 9(2)/10(2));
 *   3 months' job-search allowance for cadres and civil servants (Art. 9(4)); public employees receive unemployment
 *   insurance instead (Art. 10(4)), not a line here.
 * Months early and severance months are capped at 60 (Art. 5).
 */
import type { IsoDate } from '../../../core/calendar/dates.js';
import { addMonths, monthsBetween, retirementAge, type Sex } from './retirement-age.js';
import { insuranceHalfYears, monthlySalary, vnd, type MonthlySalary, type SalaryInput } from './salary.js';
import type { SettlementSettings } from './settings.js';

export const REGIMES = [
  'early_retirement',
  'early_retirement_streamlining',
  'early_retirement_not_reelected',
  'quit',
] as const;
export type Regime = (typeof REGIMES)[number];

/** cadres and civil servants (also at commune level) quit under Art. 9; public employees and contract staff Art. 10 */
export const CATEGORIES = ['civil_servant', 'commune_cadre', 'public_employee', 'contract_worker'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Decree 67/2025/NĐ-CP took effect on 15/3/2025: Art. 7a's 12 months run from it. */
export const DECREE_67_DATE = '2025-03-15';
/** The 2024 Social Insurance Law took effect on 1/7/2025: 15 years earn a pension, the service line changes. */
export const SI_LAW_2024_DATE = '2025-07-01';

export interface BenefitInput {
  regime: Regime;
  category: Category;
  /** the restructuring decision's date (its effect) */
  decisionDate: IsoDate;
  /** the first day of leaving (the retirement or quitting date in the leaving decision) */
  leaveDate: IsoDate;
  /** the pension start the law gives (first day after the month the age is reached); else from birth date and sex */
  retirementDate?: IsoDate;
  birthDate?: IsoDate;
  sex?: Sex;
  /** the salary of the month before leaving, in VND; else computed from `salary` */
  monthlySalary?: number;
  salary?: SalaryInput;
  socialInsurance: { years: number; months: number };
}

export type LineCode =
  'pension_lump_sum' | 'early_years' | 'service_years' | 'severance' | 'insurance_years' | 'job_search';

export interface BenefitLine {
  code: LineCode;
  /** the legal source of the line */
  clause: string;
  /** the formula with its figures, e.g. "1.0 × 11,653,200 × 34" */
  formula: string;
  /** months of salary the line is worth (factor × months), e.g. 54 for 0.9 × 60: amount = basis × months */
  months: number;
  /** the salary base: the monthly salary the line is counted on */
  basis: number;
  amount: number;
}

export type Warning =
  | 'from_13th_month'
  | 'odd_early_months_not_counted'
  | 'months_capped'
  | 'unemployment_insurance'
  | 'under_two_years_pension_only';

export interface Benefit {
  ok: true;
  total: number;
  monthlySalary: number;
  salary: MonthlySalary | null;
  retirementDate: IsoDate;
  retirementAge: { years: number; months: number } | null;
  monthsEarly: number;
  /** the early years the per-year line counts */
  yearsEarly: number;
  /** social-insurance years as counted (odd months rounded, Art. 5(3)) */
  insuranceYears: number;
  withinFirst12Months: boolean;
  lines: BenefitLine[];
  warnings: Warning[];
}

export type RefusalCode =
  | 'required'
  | 'invalid_value'
  | 'leave_before_decision'
  | 'not_early'
  | 'too_early'
  | 'streamlining_over_five_years'
  | 'pension_not_earned'
  | 'quit_under_two_years';

/** Why the calculator cannot give a benefit: the field at fault and the clause (`kind: 'invalid'` = bad input). */
export interface Refusal {
  ok: false;
  kind: 'invalid' | 'not_allowed';
  code: RefusalCode;
  field: string;
  clause: string;
  params: Record<string, string | number>;
}

const refuse = (
  kind: Refusal['kind'],
  code: RefusalCode,
  field: string,
  clause: string,
  params: Record<string, string | number> = {},
): Refusal => ({ ok: false, kind, code, field, clause, params });

const fmt = (n: number) => n.toLocaleString('en-US');
/** a multiplier kept in thousandths (0.45 × 60 = 27,000 ‰) so that the amount is exact before the one rounding */
const line = (code: LineCode, clause: string, formula: string, milli: number, salary: number): BenefitLine => ({
  code,
  clause,
  formula,
  months: milli / 1000,
  basis: salary,
  amount: vnd((salary * milli) / 1000),
});

export function calculateBenefit(input: BenefitInput, settings: SettlementSettings): Benefit | Refusal {
  const { regime, leaveDate, decisionDate } = input;
  if (leaveDate < decisionDate) return refuse('invalid', 'leave_before_decision', 'leaveDate', 'Decree 178 Art. 7, 9');
  const si = input.socialInsurance;
  if (!Number.isInteger(si.years) || si.years < 0 || !Number.isInteger(si.months) || si.months < 0 || si.months > 11)
    return refuse('invalid', 'invalid_value', 'socialInsurance', 'Decree 178 Art. 5(3)');

  // Retirement date: given, or from birth date and sex (Decree 135/2020 Appendix I).
  let retirementDate = input.retirementDate;
  let age: Benefit['retirementAge'] = null;
  if (!retirementDate) {
    if (!input.birthDate) return refuse('invalid', 'required', 'birthDate', 'Decree 135/2020 Appendix I');
    if (!input.sex) return refuse('invalid', 'required', 'sex', 'Decree 135/2020 Appendix I');
    const r = retirementAge(input.birthDate, input.sex);
    retirementDate = r.retirementDate;
    age = { years: r.years, months: r.months };
  }

  // Salary of the month before leaving (Art. 5(6); Circular 01/2025 Art. 3(2)).
  let salary: MonthlySalary | null = null;
  let monthly = input.monthlySalary;
  if (monthly === undefined) {
    if (!input.salary) return refuse('invalid', 'required', 'monthlySalary', 'Decree 178 Art. 5(6)');
    try {
      salary = monthlySalary(input.salary, leaveDate, settings);
    } catch {
      return refuse('invalid', 'invalid_value', 'leaveDate', 'Circular 01/2025 Art. 3(2)(a)');
    }
    monthly = salary.amount;
  }
  if (!Number.isInteger(monthly) || monthly <= 0)
    return refuse('invalid', 'invalid_value', 'monthlySalary', 'Decree 178 Art. 5(6)');

  const monthsEarly = Math.max(0, monthsBetween(leaveDate, retirementDate));
  // "Trong thời hạn 12 tháng tính từ" the decision (Circular 01/2025 Art. 3(1)) is a time limit counted as the Civil
  // Code counts them (Art. 147–148: from the next day, ending at the end of the corresponding day of the 12th month):
  // decision 15/3/2025 → leaving on 15/3/2026 is still within; from 16/3/2026 is the 13th month.
  const windowStart = regime === 'early_retirement_streamlining' ? DECREE_67_DATE : decisionDate;
  const withinFirst12Months = leaveDate <= addMonths(windowStart, 12);
  const halfYears = insuranceHalfYears(si.years, si.months);
  const siMonths = si.years * 12 + si.months;
  const warnings: Warning[] = [];
  const lines: BenefitLine[] = [];
  const cap = settings.maxMonths;
  let yearsEarly = 0;

  if (regime === 'quit') {
    // Art. 9/10: only with 2 years or more to retirement.
    if (monthsEarly < 24)
      return refuse('not_allowed', 'quit_under_two_years', 'leaveDate', 'Decree 178 Art. 9, 10', {
        months: monthsEarly,
        retirementDate,
      });
    const art = input.category === 'public_employee' || input.category === 'contract_worker' ? 'Art. 10' : 'Art. 9';
    const sevMonths = Math.min(siMonths, cap);
    if (siMonths > cap) warnings.push('months_capped');
    const factor = withinFirst12Months ? 800 : 400;
    if (!withinFirst12Months) warnings.push('from_13th_month');
    lines.push(
      line(
        'severance',
        `Decree 178 ${art}(1), Art. 5(2)`,
        `${factor / 1000} × ${fmt(monthly)} × ${sevMonths}`,
        factor * sevMonths,
        monthly,
      ),
    );
    lines.push(
      line(
        'insurance_years',
        `Decree 178 ${art}(2), Art. 5(3)`,
        `1.5 × ${fmt(monthly)} × ${halfYears / 2}`,
        750 * halfYears,
        monthly,
      ),
    );
    if (art === 'Art. 9') lines.push(line('job_search', 'Decree 178 Art. 9(4)', `3 × ${fmt(monthly)}`, 3000, monthly));
    else warnings.push('unemployment_insurance');
  } else {
    if (monthsEarly <= 0)
      return refuse('not_allowed', 'not_early', 'leaveDate', 'Decree 178 Art. 7; Decree 135/2020 Appendix I', {
        retirementDate,
      });
    if (monthsEarly > 120)
      return refuse('not_allowed', 'too_early', 'leaveDate', 'Decree 178 Art. 7(1)', { months: monthsEarly });
    if (regime === 'early_retirement_streamlining' && monthsEarly > 60)
      return refuse('not_allowed', 'streamlining_over_five_years', 'leaveDate', 'Decree 178 Art. 2(2), Art. 7a', {
        months: monthsEarly,
      });
    const newLaw = leaveDate >= SI_LAW_2024_DATE;
    const pensionYears = newLaw ? 15 : 20;
    if (siMonths < pensionYears * 12)
      return refuse(
        'not_allowed',
        'pension_not_earned',
        'socialInsurance',
        newLaw
          ? 'Decree 178 Art. 7(2); Social Insurance Law 2024 Art. 64'
          : 'Decree 178 Art. 7(2); Social Insurance Law 2014 Art. 54',
        { years: pensionYears },
      );

    // (a) the one-time pension sum for the months early.
    if (regime === 'early_retirement') {
      // under 2 years early the sum is whole at any month only under the Circular's reading (settings.ts)
      const underTwo = monthsEarly < 24 && settings.underTwoYearsLumpSum === 'always_full';
      const full = withinFirst12Months || underTwo;
      if (!full) warnings.push('from_13th_month');
      if (monthsEarly <= 60) {
        const f = full ? 1000 : 500;
        lines.push(
          line(
            'pension_lump_sum',
            underTwo
              ? 'Decree 178 Art. 7(1)(a); Circular 01/2025 Art. 4(3)'
              : `Decree 178 Art. 7(1)(${full ? 'a' : 'b'})`,
            `${f / 1000} × ${fmt(monthly)} × ${monthsEarly}`,
            f * monthsEarly,
            monthly,
          ),
        );
      } else {
        const f = full ? 900 : 450;
        lines.push(
          line(
            'pension_lump_sum',
            `Decree 178 Art. 7(1)(${full ? 'a' : 'b'})`,
            `${f / 1000} × ${fmt(monthly)} × 60`,
            f * 60,
            monthly,
          ),
        );
      }
    } else {
      const halved = regime === 'early_retirement_streamlining' && !withinFirst12Months;
      if (halved) warnings.push('from_13th_month');
      const m = Math.min(monthsEarly, cap);
      if (monthsEarly > cap) warnings.push('months_capped');
      const f = halved ? 500 : 1000;
      const clause =
        regime === 'early_retirement_streamlining' ? `Decree 178 Art. 7a(${halved ? 2 : 1})` : 'Decree 178 Art. 7b';
      lines.push(line('pension_lump_sum', clause, `${f / 1000} × ${fmt(monthly)} × ${m}`, f * m, monthly));
    }

    if (monthsEarly < 24) {
      // Art. 7(2)(d): under 2 years early, the pension without reduction and nothing more.
      warnings.push('under_two_years_pension_only');
    } else {
      // (b) per early year.
      const perYear = monthsEarly <= 60 ? 5 : 4;
      const odd = monthsEarly % 12;
      const halfYearsEarly =
        settings.earlyYearOddMonths === 'half_year_rule'
          ? Math.floor(monthsEarly / 12) * 2 + (odd === 0 ? 0 : odd <= 6 ? 1 : 2)
          : Math.floor(monthsEarly / 12) * 2;
      if (odd && settings.earlyYearOddMonths === 'whole_years') warnings.push('odd_early_months_not_counted');
      yearsEarly = halfYearsEarly / 2;
      lines.push(
        line(
          'early_years',
          `Decree 178 Art. 7(2)(${perYear === 5 ? 'a' : 'b'}); Circular 01/2025 Art. 4`,
          `${perYear} × ${fmt(monthly)} × ${yearsEarly}`,
          perYear * 500 * halfYearsEarly,
          monthly,
        ),
      );
      // (c) the social-insurance years.
      if (newLaw) {
        lines.push(
          line(
            'service_years',
            'Decree 178 Art. 7(2) as amended by Decree 67/2025; Circular 02/2025/TT-BNV',
            `(4 + 0.5 × ${(halfYears - 30) / 2}) × ${fmt(monthly)}`,
            4000 + 250 * (halfYears - 30),
            monthly,
          ),
        );
      } else {
        lines.push(
          line(
            'service_years',
            'Decree 178 Art. 7(2)',
            `(5 + 0.5 × ${(halfYears - 40) / 2}) × ${fmt(monthly)}`,
            5000 + 250 * (halfYears - 40),
            monthly,
          ),
        );
      }
    }
  }

  return {
    ok: true,
    total: lines.reduce((s, l) => s + l.amount, 0),
    monthlySalary: monthly,
    salary,
    retirementDate,
    retirementAge: age,
    monthsEarly,
    yearsEarly,
    insuranceYears: halfYears / 2,
    withinFirst12Months,
    lines,
    warnings,
  };
}
