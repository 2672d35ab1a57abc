import { describe, expect, it } from 'vitest';
import { calculateBenefit, type Benefit, type BenefitInput, type Refusal } from './benefits.js';
import { caseWarnings, latestLeaveDate } from './deadlines.js';
import { eligibilityRefusals, type EligibilityInput } from './eligibility.js';
import { nextStatus, stepsFrom } from './lifecycle.js';
import { addMonths, monthsBetween, retirementAge } from './retirement-age.js';
import { insuranceHalfYears, monthlySalary } from './salary.js';
import { DEFAULT_SETTINGS, DEFAULT_SETTINGS as S, baseSalaryOn, settingsProblem } from './settings.js';

// Every figure below was worked out by hand from the legal brief (section D, rulings H), Circular 01/2025/TT-BNV and
// Appendix I of Decree 135/2020; the comment beside each case shows the arithmetic.

describe('retirement age (Labour Code 2019 Art. 169; Decree 135/2020 Appendix I)', () => {
  const cases: [string, 'male' | 'female', number, number, string][] = [
    // born, sex, age years, age months, pension from (the retirement date)
    ['1961-09-15', 'male', 60, 3, '2022-01-01'], // 9/1961 + 60y3m = 12/2021, reached in 2021: pension from 1/2022
    ['1961-10-01', 'male', 60, 6, '2022-05-01'], // 60y3m would fall in 1/2022, which asks 60y6m → 4/2022
    ['1963-01-20', 'male', 60, 9, '2023-11-01'], // Appendix I row 1/1963 → 11/2023
    ['1963-04-02', 'male', 61, 0, '2024-05-01'], // row 4/1963 → 5/2024
    ['1966-03-31', 'male', 61, 9, '2028-01-01'], // row 3/1966 → 1/2028
    ['1966-04-01', 'male', 62, 0, '2028-05-01'], // from 4/1966: 62 years
    ['1968-01-10', 'female', 56, 4, '2024-06-01'], // row 1/1968 → 6/2024
    ['1968-09-05', 'female', 56, 8, '2025-06-01'], // row 9/1968 → 6/2025
    ['1975-04-30', 'female', 59, 8, '2035-01-01'], // row 4/1975 → 1/2035
    ['1975-05-01', 'female', 60, 0, '2035-06-01'], // from 5/1975: 60 years
  ];
  for (const [born, sex, y, m, date] of cases)
    it(`${sex} born ${born}: ${y}y${m}m, pension from ${date}`, () => {
      const r = retirementAge(born, sex);
      expect([r.years, r.months, r.retirementDate]).toEqual([y, m, date]);
    });

  it('counts whole calendar months and adds months the Civil Code way', () => {
    expect(monthsBetween('2025-08-01', '2028-06-01')).toBe(34);
    expect(monthsBetween('2025-08-15', '2028-06-01')).toBe(33); // a part month is not counted
    expect(monthsBetween('2028-06-01', '2025-08-01')).toBe(-34);
    expect(addMonths('2025-03-15', 12)).toBe('2026-03-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
});

describe('salary of the month before leaving (Decree 178 Art. 5; Circular 01/2025 Art. 3(2))', () => {
  it('(grade + leadership) × base salary + allowances, with the 25 % public-service allowance', () => {
    // 4.98 × 2,340,000 = 11,653,200; 0.3 × 2,340,000 = 702,000; 25 % × 12,355,200 = 3,088,800 → 15,444,000
    const s = monthlySalary(
      { coefficient: 4.98, leadershipCoefficient: 0.3, allowances: { publicService: true } },
      '2025-08-01',
      S,
    );
    expect(s.parts.map((p) => [p.code, p.amount])).toEqual([
      ['grade', 11_653_200],
      ['leadership', 702_000],
      ['public_service', 3_088_800],
    ]);
    expect(s.amount).toBe(15_444_000);
    expect(s.month).toBe('2025-07');
  });

  it('seniority beyond the frame enters the public-service base', () => {
    // 6.2 × 2,340,000 = 14,508,000; beyond frame 5 % × 14,508,000 = 725,400; other 0.2 × 2,340,000 = 468,000;
    // public service 25 % × (14,508,000 + 725,400) = 3,808,350 → 19,509,750
    const s = monthlySalary(
      { coefficient: 6.2, allowances: { seniorityBeyondFramePercent: 5, publicService: true, coefficient: 0.2 } },
      '2025-10-01',
      S,
    );
    expect(s.amount).toBe(19_509_750);
  });

  it('takes the base salary in force in the month before the leaving month (2,530,000 from 1/7/2026)', () => {
    expect(baseSalaryOn(S, '2026-06-30')).toBe(2_340_000);
    expect(baseSalaryOn(S, '2026-07-01')).toBe(2_530_000);
    expect(monthlySalary({ coefficient: 3 }, '2026-07-01', S).amount).toBe(7_020_000); // June: 3 × 2,340,000
    expect(monthlySalary({ coefficient: 3 }, '2026-07-20', S).amount).toBe(7_020_000); // still June's
    expect(monthlySalary({ coefficient: 3 }, '2026-08-01', S).amount).toBe(7_590_000); // July: 3 × 2,530,000
  });

  it('rounds social-insurance odd months: 1–6 a half year, 7–11 a whole year (Art. 5(3))', () => {
    expect(insuranceHalfYears(25, 0)).toBe(50);
    expect(insuranceHalfYears(25, 1)).toBe(51);
    expect(insuranceHalfYears(25, 6)).toBe(51);
    expect(insuranceHalfYears(25, 7)).toBe(52);
    expect(insuranceHalfYears(25, 11)).toBe(52);
  });
});

const ok = (r: Benefit | Refusal): Benefit => {
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r;
};
const lines = (b: Benefit) => Object.fromEntries(b.lines.map((l) => [l.code, [l.months, l.amount]]));
const base: BenefitInput = {
  regime: 'early_retirement',
  category: 'civil_servant',
  decisionDate: '2025-07-01',
  leaveDate: '2025-08-01',
  monthlySalary: 10_000_000,
  socialInsurance: { years: 30, months: 0 },
};

describe('early retirement, Art. 7 (Decree 178 as amended by Decree 67)', () => {
  it('2–5 years early, within 12 months, leaving from 1/7/2025: three lines', () => {
    // man born 10/5/1966 → 62 years, pension from 1/6/2028; leaving 1/8/2025 → 34 months early
    // salary 15,444,000 (4.98 + 0.3, public service); SI 30y4m → 30.5 years
    // (a) 1.0 × 15,444,000 × 34 = 525,096,000; (b) 5 × 2 full years = 10 months = 154,440,000;
    // (c) 4 + 0.5 × 15.5 = 11.75 months = 181,467,000 → 861,003,000
    const b = ok(
      calculateBenefit(
        {
          ...base,
          monthlySalary: undefined,
          birthDate: '1966-05-10',
          sex: 'male',
          salary: { coefficient: 4.98, leadershipCoefficient: 0.3, allowances: { publicService: true } },
          socialInsurance: { years: 30, months: 4 },
        },
        S,
      ),
    );
    expect(b.retirementDate).toBe('2028-06-01');
    expect(b.monthsEarly).toBe(34);
    expect(b.monthlySalary).toBe(15_444_000);
    expect(lines(b)).toEqual({
      pension_lump_sum: [34, 525_096_000],
      early_years: [10, 154_440_000],
      service_years: [11.75, 181_467_000],
    });
    expect(b.total).toBe(861_003_000);
    expect(b.warnings).toContain('odd_early_months_not_counted');
  });

  it('5–10 years early, from the 13th month: 0.45 × 60, 4 months per year', () => {
    // woman born 20/3/1975 → 59y8m, pension from 1/12/2034; decision 1/3/2025, leaving 1/4/2026 (13th month)
    // 104 months early = 8 years 8 months; SI 22y7m → 23 years
    // (a) 0.45 × 10,000,000 × 60 = 270,000,000; (b) 4 × 8 = 32 months = 320,000,000; (c) 4 + 0.5 × 8 = 8 → 80,000,000
    const b = ok(
      calculateBenefit(
        {
          ...base,
          birthDate: '1975-03-20',
          sex: 'female',
          decisionDate: '2025-03-01',
          leaveDate: '2026-04-01',
          socialInsurance: { years: 22, months: 7 },
        },
        S,
      ),
    );
    expect([b.retirementDate, b.monthsEarly, b.withinFirst12Months]).toEqual(['2034-12-01', 104, false]);
    expect(lines(b)).toEqual({
      pension_lump_sum: [27, 270_000_000],
      early_years: [32, 320_000_000],
      service_years: [8, 80_000_000],
    });
    expect(b.total).toBe(670_000_000);
  });

  it('leaving before 1/7/2025: 5 months for the first 20 years, 0.5 per later year (6 and 7 odd months)', () => {
    // man born 10/6/1966 → pension from 1/7/2028; leaving 1/5/2025 → 38 months; decision 1/1/2025
    // (a) 38 × 10,000,000 = 380,000,000; (b) 5 × 3 = 15 months = 150,000,000
    // SI 25y6m → 25.5 years: (c) 5 + 0.5 × 5.5 = 7.75 → 77,500,000; SI 25y7m → 26: 5 + 3 = 8 → 80,000,000
    const six = ok(
      calculateBenefit(
        {
          ...base,
          retirementDate: '2028-07-01',
          decisionDate: '2025-01-01',
          leaveDate: '2025-05-01',
          socialInsurance: { years: 25, months: 6 },
        },
        S,
      ),
    );
    expect(lines(six)).toEqual({
      pension_lump_sum: [38, 380_000_000],
      early_years: [15, 150_000_000],
      service_years: [7.75, 77_500_000],
    });
    expect(six.total).toBe(607_500_000);
    const seven = ok(
      calculateBenefit(
        {
          ...base,
          retirementDate: '2028-07-01',
          decisionDate: '2025-01-01',
          leaveDate: '2025-05-01',
          socialInsurance: { years: 25, months: 7 },
        },
        S,
      ),
    );
    expect(lines(seven).service_years).toEqual([8, 80_000_000]);
  });

  it('30/6/2025 and 1/7/2025: the service line changes with the 2024 Social Insurance Law', () => {
    // SI 25 years. Leaving 30/6/2025: 5 + 0.5 × 5 = 7.5 months; leaving 1/7/2025: 4 + 0.5 × 10 = 9 months
    const at = (leaveDate: string) =>
      lines(
        ok(
          calculateBenefit(
            {
              ...base,
              retirementDate: '2028-07-01',
              decisionDate: '2025-03-01',
              leaveDate,
              socialInsurance: { years: 25, months: 0 },
            },
            S,
          ),
        ),
      ).service_years;
    expect(at('2025-06-30')).toEqual([7.5, 75_000_000]);
    expect(at('2025-07-01')).toEqual([9, 90_000_000]);
  });

  describe('under 2 years early: only the one-time sum (Art. 7(2)(d))', () => {
    // man born 15/1/1965 → 61y6m, pension from 1/8/2026; leaving 1/6/2025 → 14 months; decision 1/1/2024 (13th month)
    const input = {
      ...base,
      birthDate: '1965-01-15',
      sex: 'male' as const,
      decisionDate: '2024-01-01',
      leaveDate: '2025-06-01',
      monthlySalary: 12_000_000,
      socialInsurance: { years: 35, months: 0 },
    };

    it('halved from the 13th month, as (a) is (the brief: "pension plus (a)"; "from month 13 the lump sum is halved")', () => {
      // 0.5 × 12,000,000 × 14 = 84,000,000 (a legal worked case: the platform paid it whole)
      const b = ok(calculateBenefit(input, S));
      expect(b.monthsEarly).toBe(14);
      expect(lines(b)).toEqual({ pension_lump_sum: [7, 84_000_000] });
      expect(b.warnings).toEqual(expect.arrayContaining(['under_two_years_pension_only', 'from_13th_month']));
      // within the first 12 months: whole
      const early = ok(calculateBenefit({ ...input, decisionDate: '2024-07-01' }, S));
      expect(lines(early)).toEqual({ pension_lump_sum: [14, 168_000_000] });
    });

    it('whole at any month under the setting for the reading of Circular 01/2025 Art. 4(3)', () => {
      const b = ok(calculateBenefit(input, { ...S, underTwoYearsLumpSum: 'always_full' }));
      expect(lines(b)).toEqual({ pension_lump_sum: [14, 168_000_000] });
      expect(b.lines[0]!.clause).toContain('Circular 01/2025 Art. 4(3)');
    });
  });

  describe('boundaries: exactly 2, 5 and 10 years early', () => {
    const at = (retirementDate: string) =>
      calculateBenefit({ ...base, retirementDate, leaveDate: '2025-08-01', decisionDate: '2025-07-01' }, S);
    it('24 months: 1.0 × 24 and 5 × 2', () => {
      expect(lines(ok(at('2027-08-01')))).toMatchObject({
        pension_lump_sum: [24, 240_000_000],
        early_years: [10, 100_000_000],
      });
    });
    it('23 months: the lump sum only', () => {
      expect(Object.keys(lines(ok(at('2027-07-01'))))).toEqual(['pension_lump_sum']);
    });
    it('60 months: 1.0 × 60 and 5 × 5', () => {
      expect(lines(ok(at('2030-08-01')))).toMatchObject({
        pension_lump_sum: [60, 600_000_000],
        early_years: [25, 250_000_000],
      });
    });
    it('61 months: 0.9 × 60 and 4 × 5', () => {
      expect(lines(ok(at('2030-09-01')))).toMatchObject({
        pension_lump_sum: [54, 540_000_000],
        early_years: [20, 200_000_000],
      });
    });
    it('120 months: 0.9 × 60 and 4 × 10', () => {
      expect(lines(ok(at('2035-08-01')))).toMatchObject({
        pension_lump_sum: [54, 540_000_000],
        early_years: [40, 400_000_000],
      });
    });
    it('121 months: refused, Art. 7 goes to 10 years', () => {
      expect(at('2035-09-01')).toMatchObject({ ok: false, code: 'too_early', field: 'leaveDate' });
    });
  });

  it('exactly 12 months after the decision is the last day of the first 12 months (Civil Code Art. 147–148)', () => {
    // decision 15/3/2025; 36 months early either way; 15/3/2026 → 1.0 × 36; 16/3/2026 (13th month) → 0.5 × 36
    const at = (leaveDate: string, retirementDate: string, decisionDate = '2025-03-15') =>
      lines(ok(calculateBenefit({ ...base, decisionDate, leaveDate, retirementDate }, S))).pension_lump_sum;
    expect(at('2026-03-15', '2029-03-15')).toEqual([36, 360_000_000]);
    expect(at('2026-03-16', '2029-03-16')).toEqual([18, 180_000_000]);
    // a decision on 31/8/2025: the window ends with 31/8/2026
    expect(at('2026-08-31', '2029-08-31', '2025-08-31')).toEqual([36, 360_000_000]);
    expect(at('2026-09-01', '2029-09-01', '2025-08-31')).toEqual([18, 180_000_000]);
  });

  it('refuses without a pension earned: 20 years before 1/7/2025, 15 from then', () => {
    const r = (leaveDate: string, years: number) =>
      calculateBenefit(
        {
          ...base,
          retirementDate: '2028-07-01',
          decisionDate: '2025-01-01',
          leaveDate,
          socialInsurance: { years, months: 0 },
        },
        S,
      );
    expect(r('2025-06-01', 19)).toMatchObject({ ok: false, code: 'pension_not_earned', field: 'socialInsurance' });
    expect(r('2025-07-01', 15).ok).toBe(true);
    expect(r('2025-07-01', 14)).toMatchObject({ ok: false, code: 'pension_not_earned' });
  });

  it('Art. 7a: months early × 1.0 within 12 months of 15/3/2025, halved after; over 5 years refused', () => {
    const a = (leaveDate: string, retirementDate: string) =>
      calculateBenefit(
        { ...base, regime: 'early_retirement_streamlining', decisionDate: '2025-03-15', leaveDate, retirementDate },
        S,
      );
    // 36 months early, SI 30 years, from 1/7/2025: (b) 5 × 3 = 15; (c) 4 + 0.5 × 15 = 11.5
    expect(lines(ok(a('2025-09-01', '2028-09-01')))).toEqual({
      pension_lump_sum: [36, 360_000_000],
      early_years: [15, 150_000_000],
      service_years: [11.5, 115_000_000],
    });
    expect(lines(ok(a('2026-04-01', '2029-04-01'))).pension_lump_sum).toEqual([18, 180_000_000]);
    expect(a('2025-09-01', '2030-10-01')).toMatchObject({ ok: false, code: 'streamlining_over_five_years' });
  });

  it('Art. 7b: months early × 1.0 never halved, capped at 60', () => {
    const b = ok(
      calculateBenefit(
        {
          ...base,
          regime: 'early_retirement_not_reelected',
          decisionDate: '2024-01-01',
          leaveDate: '2026-01-01',
          retirementDate: '2032-01-01',
        },
        S,
      ),
    );
    // 72 months early: (a) 1.0 × 60 (cap), (b) 4 × 6 = 24, (c) 4 + 0.5 × 15 = 11.5
    expect(lines(b)).toEqual({
      pension_lump_sum: [60, 600_000_000],
      early_years: [24, 240_000_000],
      service_years: [11.5, 115_000_000],
    });
    expect(b.warnings).toContain('months_capped');
  });

  it('refuses a leaving date on or after the retirement date', () => {
    expect(calculateBenefit({ ...base, retirementDate: '2025-08-01' }, S)).toMatchObject({
      ok: false,
      code: 'not_early',
    });
  });
});

describe('quitting, Art. 9 and 10', () => {
  it('a civil servant within 12 months: 0.8 × salary × 60 capped months, 1.5 per year, 3 months job search', () => {
    // man born 2/2/1980 → pension from 1/3/2042; SI 12y3m = 147 months → 60; 12.5 years
    // 0.8 × 8,000,000 × 60 = 384,000,000; 1.5 × 8,000,000 × 12.5 = 150,000,000; 3 × 8,000,000 = 24,000,000
    const b = ok(
      calculateBenefit(
        {
          ...base,
          regime: 'quit',
          birthDate: '1980-02-02',
          sex: 'male',
          leaveDate: '2025-09-01',
          monthlySalary: 8_000_000,
          socialInsurance: { years: 12, months: 3 },
        },
        S,
      ),
    );
    expect(lines(b)).toEqual({
      severance: [48, 384_000_000],
      insurance_years: [18.75, 150_000_000],
      job_search: [3, 24_000_000],
    });
    expect(b.total).toBe(558_000_000);
  });

  it('a public employee from the 13th month: 0.4 × salary × months, no job-search line', () => {
    // SI 3y2m = 38 months → 3.5 years; 0.4 × 8,000,000 × 38 = 121,600,000; 1.5 × 3.5 = 5.25 months = 42,000,000
    const b = ok(
      calculateBenefit(
        {
          ...base,
          regime: 'quit',
          category: 'public_employee',
          decisionDate: '2025-01-01',
          leaveDate: '2026-02-01',
          retirementDate: '2045-01-01',
          monthlySalary: 8_000_000,
          socialInsurance: { years: 3, months: 2 },
        },
        S,
      ),
    );
    expect(lines(b)).toEqual({ severance: [15.2, 121_600_000], insurance_years: [5.25, 42_000_000] });
    expect(b.total).toBe(163_600_000);
    expect(b.warnings).toEqual(expect.arrayContaining(['unemployment_insurance', 'from_13th_month']));
  });

  it('quitting needs 2 years or more to retirement: 24 months yes, 23 refused', () => {
    const q = (leaveDate: string) =>
      calculateBenefit(
        { ...base, regime: 'quit', decisionDate: '2024-12-01', leaveDate, retirementDate: '2027-01-01' },
        S,
      );
    expect(q('2025-01-01').ok).toBe(true);
    expect(q('2025-02-01')).toMatchObject({
      ok: false,
      kind: 'not_allowed',
      code: 'quit_under_two_years',
      field: 'leaveDate',
    });
  });

  it('asks for what it needs, naming the field', () => {
    expect(calculateBenefit({ ...base, retirementDate: undefined }, S)).toMatchObject({
      ok: false,
      kind: 'invalid',
      field: 'birthDate',
    });
    expect(calculateBenefit({ ...base, retirementDate: '2028-01-01', monthlySalary: undefined }, S)).toMatchObject({
      field: 'monthlySalary',
    });
    expect(calculateBenefit({ ...base, retirementDate: '2028-01-01', leaveDate: '2025-06-01' }, S)).toMatchObject({
      code: 'leave_before_decision',
    });
  });
});

describe('eligibility (Decree 178 Art. 2, 6 and the excluded cases)', () => {
  const e: EligibilityInput = {
    regime: 'early_retirement',
    group: 'non_leader_staff',
    maternityOrYoungChild: false,
    volunteers: false,
    underDiscipline: false,
    lastThreeYears: ['good', 'good', 'completed'],
  };
  it('lets an eligible case through', () => expect(eligibilityRefusals(e)).toEqual([]));
  it('names each reason with its field and clause', () => {
    const codes = (x: Partial<EligibilityInput>) => eligibilityRefusals({ ...e, ...x }).map((r) => [r.code, r.field]);
    expect(codes({ group: 'other' })).toEqual([['group_not_covered', 'group']]);
    expect(codes({ regime: 'early_retirement_not_reelected' })).toEqual([['regime_not_for_group', 'regime']]);
    expect(codes({ maternityOrYoungChild: true })).toEqual([['maternity_or_young_child', 'maternityOrYoungChild']]);
    expect(codes({ maternityOrYoungChild: true, volunteers: true })).toEqual([]);
    expect(codes({ underDiscipline: true })).toEqual([['under_discipline', 'underDiscipline']]);
    expect(codes({ lastThreeYears: ['good', null, 'good'] })).toEqual([['assessments_missing', 'lastThreeYears']]);
    expect(eligibilityRefusals({ ...e, group: 'other' })[0]!.clause).toMatch(/Decree 178 Art\. 2/);
  });
});

describe('lifecycle and deadlines (Official Letter 6383/BNV-TCBC)', () => {
  it('goes proposed → approved → decided → paid → closed, refusals only before the decision', () => {
    expect(nextStatus('proposed', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'decide')).toBe('decided');
    expect(nextStatus('decided', 'pay')).toBe('paid');
    expect(nextStatus('paid', 'close')).toBe('closed');
    expect(nextStatus('proposed', 'decide')).toBeNull();
    expect(stepsFrom('approved')).toEqual(['refuse', 'decide']);
    expect(stepsFrom('decided')).toEqual(['pay']);
  });

  it('allows leaving up to 31/12/2025 only for decisions issued before 1/8/2025', () => {
    expect(latestLeaveDate(S.deadlines, '2025-07-31')).toBe('2025-12-31');
    expect(latestLeaveDate(S.deadlines, '2025-08-01')).toBe('2025-09-01');
  });

  it('warns of cases at risk and late', () => {
    const c = { status: 'approved' as const, leaveDate: '2025-09-01', decisionIssuedOn: null, paidOn: null };
    expect(caseWarnings(c, '2025-08-26', S)).toEqual([
      { kind: 'decision', due: '2025-08-31', level: 'at_risk', days: 5 },
      { kind: 'payment', due: '2025-08-31', level: 'at_risk', days: 5 },
    ]);
    expect(caseWarnings(c, '2025-09-10', S).map((w) => [w.kind, w.level, w.days])).toEqual([
      ['decision', 'late', 10],
      ['payment', 'late', 10],
    ]);
    expect(
      caseWarnings({ ...c, status: 'paid', decisionIssuedOn: '2025-08-20', paidOn: '2025-08-30' }, '2025-10-01', S),
    ).toEqual([]);
  });
});

describe('payment by 31/8/2025 (Official Letter 6383/BNV-TCBC)', () => {
  const leaving = (leaveDate: string, decisionIssuedOn: string | null, paidOn: string | null) => ({
    status: paidOn ? ('paid' as const) : ('decided' as const),
    leaveDate,
    decisionIssuedOn,
    paidOn,
  });
  const payment = (c: ReturnType<typeof leaving>, today: string) =>
    caseWarnings(c, today, S)
      .filter((w) => w.kind === 'payment')
      .map((w) => [w.due, w.level, w.days]);

  it('is due by 31/8 for a case leaving on 1/9/2025, the last day a decision from August allows', () => {
    // decided 15/8 (not phased), leaves 1/9, unpaid on 1/9: a day late
    expect(payment(leaving('2025-09-01', '2025-08-15', null), '2025-09-01')).toEqual([['2025-08-31', 'late', 1]]);
    expect(payment(leaving('2025-09-01', '2025-08-15', '2025-09-01'), '2025-09-05')).toEqual([
      ['2025-08-31', 'late', 1],
    ]);
    expect(payment(leaving('2025-09-01', '2025-08-15', '2025-08-29'), '2025-09-05')).toEqual([]);
  });

  it('is due on the leaving day for a phased case (decision before 1/8/2025, leaving later in the year)', () => {
    expect(payment(leaving('2025-11-01', '2025-07-20', null), '2025-10-30')).toEqual([['2025-11-01', 'at_risk', 2]]);
    expect(payment(leaving('2025-11-01', '2025-07-20', '2025-11-01'), '2025-11-20')).toEqual([]);
  });
});

describe('settings a Department may not save', () => {
  it('names the field and says why in both languages', () => {
    expect(settingsProblem(DEFAULT_SETTINGS)).toBeNull();
    const months = settingsProblem({ ...DEFAULT_SETTINGS, maxMonths: 0 });
    expect(months).toEqual({ field: 'maxMonths', detail: { vi: 'từ 1 đến 120 tháng', en: '1 to 120 months' } });
    const twice = settingsProblem({
      ...DEFAULT_SETTINGS,
      baseSalaries: [
        { from: '2024-07-01', amount: 2_340_000 },
        { from: '2024-07-01', amount: 2_500_000 },
      ],
    });
    expect(twice?.field).toBe('baseSalaries');
    expect(twice?.detail.vi).toBe('mỗi ngày áp dụng chỉ một mức');
  });
});
