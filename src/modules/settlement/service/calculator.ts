// The calculator: a benefit computed from a salary and a record, without a case.
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import type { Lang } from '../../../core/i18n.js';
import { type Actor } from '../../../core/scope.js';
import { calculateBenefit, type Benefit, type Refusal } from '../domain/benefits.js';
import type { AllowancesInput, SalaryInput } from '../domain/salary.js';
import { RULE_VERSION } from '../domain/settings.js';
import type { CalculateBody, Calculation } from '../contract.js';
import { LINE_LABELS, SALARY_LABELS, WARNING_LABELS, label } from '../labels.js';
import { citeClause, localNumbers } from '../domain/citation.js';
import { viDate } from '../../../core/calendar/dates.js';
import { may } from '../policy.js';
import { loadSettings } from './settings.js';

/** A bare allowances number up to this is a coefficient of the base salary; above, an amount in VND. */
const MAX_ALLOWANCE_COEFFICIENT = 20;

export const normaliseSalary = (s: CalculateBody['salary']): SalaryInput | undefined => {
  if (!s) return undefined;
  const allowances: AllowancesInput | undefined =
    typeof s.allowances === 'number'
      ? s.allowances <= MAX_ALLOWANCE_COEFFICIENT
        ? { coefficient: s.allowances }
        : { amount: Math.round(s.allowances) }
      : (s.allowances ?? undefined);
  return { coefficient: s.coefficient, leadershipCoefficient: s.leadershipCoefficient, allowances };
};

/** A refusal of the calculator as the API's error: 400 for missing or bad input, 422 when the law does not allow it. */
export function refusalError(r: Refusal): AppError {
  // the clause as each language cites it (the error handler picks the reader's)
  const params = {
    ...r.params,
    field: r.field,
    'clause@vi': citeClause(r.clause, 'vi'),
    'clause@en': citeClause(r.clause, 'en'),
    // dates as every page writes them (dd/mm/yyyy)
    ...(typeof r.params.retirementDate === 'string' ? { retirementDate: viDate(r.params.retirementDate) } : {}),
  };
  if (r.kind === 'invalid') {
    const key =
      r.code === 'leave_before_decision'
        ? 'settlement_leave_before_decision'
        : r.code === 'required'
          ? 'settlement_required'
          : 'settlement_invalid_value';
    return new AppError(400, 'validation', key, params, r.field);
  }
  return new AppError(422, r.code, `settlement_${r.code}` as 'settlement_quit_under_two_years', params, r.field);
}

export function presentBenefit(b: Benefit, lang: Lang): Calculation {
  return {
    total: b.total,
    monthlySalary: b.monthlySalary,
    salary: b.salary
      ? {
          month: b.salary.month,
          baseSalary: b.salary.baseSalary,
          amount: b.salary.amount,
          parts: b.salary.parts.map((p) => ({
            ...p,
            label: label(SALARY_LABELS, p.code, lang),
            basis: localNumbers(p.basis, lang),
          })),
        }
      : null,
    retirementDate: b.retirementDate,
    retirementAge: b.retirementAge,
    monthsEarly: b.monthsEarly,
    yearsEarly: b.yearsEarly,
    insuranceYears: b.insuranceYears,
    withinFirst12Months: b.withinFirst12Months,
    // The breakdown keeps each clause and formula as the rules wrote it; the reader gets them in their language.
    lines: b.lines.map((l) => ({
      ...l,
      label: label(LINE_LABELS, l.code, lang),
      clause: citeClause(l.clause, lang),
      formula: localNumbers(l.formula, lang),
    })),
    warnings: b.warnings.map((code) => ({ code, message: label(WARNING_LABELS, code, lang) })),
    ruleVersion: RULE_VERSION,
  };
}

/** "What would I get": runs the calculator, stores nothing. */
export async function calculate(db: Db, actor: Actor, body: CalculateBody, lang: Lang): Promise<Calculation> {
  if (!may('calculate', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  const settings = await loadSettings(db);
  const r = calculateBenefit({ ...body, salary: normaliseSalary(body.salary) }, settings);
  if (!r.ok) throw refusalError(r);
  return presentBenefit(r, lang);
}
