import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES, REGIMES, calculateBenefit } from './benefits.js';
import { GROUPS, eligibilityRefusals } from './eligibility.js';
import { DEFAULT_SETTINGS, RULE_VERSION } from './settings.js';
import { citeClause, localNumbers, ruleVersionWords } from './citation.js';

describe('legal references as a Vietnamese official cites them', () => {
  it.each([
    ['Decree 178 Art. 7(1)(a)', 'điểm a khoản 1 Điều 7 Nghị định số 178/2024/NĐ-CP'],
    [
      'Decree 178 Art. 7(1)(a); Circular 01/2025 Art. 4(3)',
      'điểm a khoản 1 Điều 7 Nghị định số 178/2024/NĐ-CP; khoản 3 Điều 4 Thông tư số 01/2025/TT-BNV',
    ],
    ['Decree 178 Art. 10(1), Art. 5(2)', 'khoản 1 Điều 10, khoản 2 Điều 5 Nghị định số 178/2024/NĐ-CP'],
    ['Decree 178 Art. 7, 7a, 7b, 9, 10', 'Điều 7, 7a, 7b, 9, 10 Nghị định số 178/2024/NĐ-CP'],
    ['Decree 178 Art. 7a(2)', 'khoản 2 Điều 7a Nghị định số 178/2024/NĐ-CP'],
    [
      'Decree 178 Art. 7; Decree 135/2020 Appendix I',
      'Điều 7 Nghị định số 178/2024/NĐ-CP; Phụ lục I Nghị định số 135/2020/NĐ-CP',
    ],
    [
      'Decree 178 Art. 2 (as amended by Decree 67/2025)',
      'Điều 2 Nghị định số 178/2024/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 67/2025/NĐ-CP',
    ],
    [
      'Decree 178 Art. 7(2) as amended by Decree 67/2025; Circular 02/2025/TT-BNV',
      'khoản 2 Điều 7 Nghị định số 178/2024/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 67/2025/NĐ-CP; ' +
        'Thông tư số 02/2025/TT-BNV',
    ],
    [
      'Decree 178 Art. 7(2); Social Insurance Law 2024 Art. 64',
      'khoản 2 Điều 7 Nghị định số 178/2024/NĐ-CP; Điều 64 Luật Bảo hiểm xã hội năm 2024',
    ],
  ])('%s', (clause, vi) => {
    expect(citeClause(clause, 'vi')).toBe(vi);
  });

  it('in English the instrument is named in full and the articles stay as written', () => {
    expect(citeClause('Decree 178 Art. 7(1)(a); Circular 01/2025 Art. 4(3)', 'en')).toBe(
      'Decree 178/2024/ND-CP Art. 7(1)(a); Circular 01/2025/TT-BNV Art. 4(3)',
    );
  });

  it('a reference in another form is shown as it is, not half-translated', () => {
    expect(citeClause('Resolution 18-NQ/TW', 'vi')).toBe('Resolution 18-NQ/TW');
    expect(citeClause('Decree 178 Art. 7; Resolution 18', 'vi')).toBe('Decree 178 Art. 7; Resolution 18');
  });

  it('every clause the calculator and the eligibility check give reads in Vietnamese, without English left', () => {
    const seen = new Set<string>();
    const date = fc
      .integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2027, 11, 31) })
      .map((t) => new Date(t).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.record({
          regime: fc.constantFrom(...REGIMES),
          category: fc.constantFrom(...CATEGORIES),
          decisionDate: date,
          leaveDate: date,
          birth: fc.integer({ min: 1958, max: 2000 }),
          sex: fc.constantFrom('male' as const, 'female' as const),
          salary: fc.option(fc.integer({ min: 1, max: 40_000_000 }), { nil: undefined }),
          years: fc.integer({ min: 0, max: 40 }),
          months: fc.integer({ min: 0, max: 11 }),
        }),
        (x) => {
          const r = calculateBenefit(
            {
              regime: x.regime,
              category: x.category,
              decisionDate: x.decisionDate,
              leaveDate: x.leaveDate,
              birthDate: `${x.birth}-06-15`,
              sex: x.sex,
              monthlySalary: x.salary,
              socialInsurance: { years: x.years, months: x.months },
            },
            DEFAULT_SETTINGS,
          );
          if (r.ok) for (const l of r.lines) seen.add(l.clause);
          else seen.add(r.clause);
        },
      ),
      { seed: 178, numRuns: 3000 },
    );
    for (const regime of REGIMES)
      for (const group of GROUPS)
        for (const flags of [0, 1, 2, 3])
          for (const r of eligibilityRefusals({
            regime,
            group,
            maternityOrYoungChild: (flags & 1) === 1,
            volunteers: false,
            underDiscipline: (flags & 2) === 2,
            lastThreeYears: [null, 'good', 'not_completed'],
          }))
            seen.add(r.clause);
    // the calculator's lines and refusals of every kind were reached
    expect(seen.size).toBeGreaterThan(15);
    for (const clause of seen) {
      const vi = citeClause(clause, 'vi');
      expect(vi, clause).toMatch(/Điều|Phụ lục|Thông tư/);
      expect(vi, clause).not.toMatch(/Decree|Circular|Art\.|Appendix|Law|amended/);
    }
  });
});

describe("a formula's numbers as the reader writes them", () => {
  it('Vietnamese: decimal comma, dots between thousands', () => {
    expect(localNumbers('0.8 × 2,340,000 × 12', 'vi')).toBe('0,8 × 2.340.000 × 12');
    expect(localNumbers('1.5 × 11,653,200 × 15.5', 'vi')).toBe('1,5 × 11.653.200 × 15,5');
    expect(localNumbers('4.98 × 2,340,000', 'vi')).toBe('4,98 × 2.340.000');
  });
  it('English: as written', () => {
    expect(localNumbers('0.8 × 2,340,000 × 12', 'en')).toBe('0.8 × 2,340,000 × 12');
  });
});

describe('the rules a case was computed under, in words', () => {
  it('names the decrees and the circular of the rule version in force, never its code', () => {
    const vi = ruleVersionWords(RULE_VERSION, 'vi');
    expect(vi).toContain('Nghị định số 178/2024/NĐ-CP');
    expect(vi).toContain('Nghị định số 67/2025/NĐ-CP');
    expect(vi).toContain('Thông tư số 01/2025/TT-BNV');
    expect(vi).toContain('Thông tư số 02/2025/TT-BNV');
    expect(ruleVersionWords(RULE_VERSION, 'en')).toContain('Decree 67/2025/ND-CP');
    for (const lang of ['vi', 'en'] as const) {
      expect(ruleVersionWords(RULE_VERSION, lang)).not.toContain(RULE_VERSION);
      // a version these words do not know yet is still words
      expect(ruleVersionWords('ND178-v9', lang)).not.toMatch(/ND178|v9/);
    }
  });
});
