/**
 * Settlement (issue 18): (1) the benefit calculator in process over 100,000 varied cases (early retirement under
 * Art. 7/7a/7b and quitting, salaries from coefficients), cases/s, target ≥ 20,000/s; (2) the progress board
 * (`settlementProgress`) for the Ministry (34 provinces + 27 central agencies) and for a province over 100,000 cases made
 * by the demo generator, p50/p99 over repeated calls, target p99 < 100 ms on PostgreSQL, against a plain GROUP BY.
 */
import { sql } from 'drizzle-orm';
import { makeClock } from '../../src/core/clock.js';
import { Rng } from '../../src/core/random.js';
import type { DemoUnit } from '../../src/core/demo.js';
import type { Actor } from '../../src/core/scope.js';
import {
  calculateBenefit,
  generateSettlement,
  REPORTED_DECISIONS,
  SETTLEMENT_DEFAULT_SETTINGS,
  settlementProgress,
  type BenefitInput,
} from '../../src/modules/settlement/index.js';
import { openHarnessDb } from '../db.js';
import { percentile, round, type Scenario, type ScenarioResult } from '../lib.js';

const actor = (role: Actor['role'], provinceCode: string | null): Actor => ({
  id: '00000000-0000-4000-8000-00000000b002',
  username: `bench-${role}`,
  displayName: 'bench',
  role,
  provinceCode,
  communeCode: null,
  ip: null,
});

/** Varied inputs, drawn once (the drawing is not measured). */
export function calculatorInputs(n: number, seed = 18): BenefitInput[] {
  const rng = new Rng(seed);
  const out: BenefitInput[] = [];
  const regimes = [
    'early_retirement',
    'early_retirement_streamlining',
    'early_retirement_not_reelected',
    'quit',
  ] as const;
  for (let i = 0; i < n; i++) {
    const regime = regimes[i % 4]!;
    const male = rng.next() < 0.55;
    const early = regime !== 'quit';
    const year = early ? (male ? rng.int(1964, 1973) : rng.int(1968, 1980)) : rng.int(1975, 1995);
    out.push({
      regime,
      category: rng.pick(['civil_servant', 'commune_cadre', 'public_employee'] as const),
      decisionDate: '2025-03-01',
      leaveDate: `2025-${String(rng.int(4, 12)).padStart(2, '0')}-01`,
      birthDate: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-15`,
      sex: male ? 'male' : 'female',
      salary: {
        coefficient: rng.pick([2.34, 3.0, 3.66, 4.32, 4.98, 6.2]),
        leadershipCoefficient: rng.next() < 0.3 ? 0.3 : undefined,
        allowances: { publicService: true, seniorityBeyondFramePercent: rng.next() < 0.1 ? 5 : undefined },
      },
      socialInsurance: { years: early ? rng.int(20, 36) : rng.int(2, 20), months: rng.int(0, 11) },
    });
  }
  return out;
}

export const settlement: Scenario = {
  name: 'settlement',
  async run(ctx) {
    const results: ScenarioResult[] = [];
    // (1) the calculator
    const inputs = calculatorInputs(100_000);
    for (let i = 0; i < 5_000; i++) calculateBenefit(inputs[i]!, SETTLEMENT_DEFAULT_SETTINGS); // warm-up
    const t0 = performance.now();
    let ok = 0;
    for (const input of inputs) if (calculateBenefit(input, SETTLEMENT_DEFAULT_SETTINGS).ok) ok++;
    const s = (performance.now() - t0) / 1000;
    const rate = round(inputs.length / s, 0);
    results.push({
      name: 'settlement-calculator',
      figure: rate,
      unit: 'cases/s',
      reference: null,
      referenceUnit: '',
      ratio: null,
      target: '≥ 20,000 cases/s in process',
      met: rate >= 20_000,
      notes: `${inputs.length.toLocaleString('en')} cases (${ok.toLocaleString('en')} with a benefit, the rest refused with a reason)`,
    });

    // (2) the progress board over 100,000 cases
    const h = await openHarnessDb(ctx, 'settlement');
    try {
      const { database } = h;
      const units = await database.rows<DemoUnit>(sql`
        SELECT u.code, u.level, u.province_code AS "provinceCode", u.name, v.full_name AS "fullName"
        FROM units u JOIN unit_versions v ON v.code = u.code AND v.valid_to IS NULL ORDER BY u.level DESC, u.code`);
      const target = 100_000;
      const tLoad = performance.now();
      await generateSettlement({
        database,
        rng: new Rng(7),
        units,
        seed: 7,
        scale: target / REPORTED_DECISIONS,
        password: 'x',
      });
      ctx.log(`  made ${target.toLocaleString('en')} cases in ${round((performance.now() - tLoad) / 1000, 1)} s`);
      await h.exec('VACUUM ANALYZE settlement_cases'); // as autovacuum (or src/db/maintenance.ts) would
      const clock = makeClock(() => new Date('2025-09-15T03:00:00Z'));
      const time = async (f: () => Promise<unknown>, n = 30) => {
        await f();
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          const a = performance.now();
          await f();
          ms.push(performance.now() - a);
        }
        return { p50: round(percentile(ms, 50), 1), p99: round(percentile(ms, 99), 1) };
      };
      const country = await time(() => settlementProgress(database.db, actor('ministry', null), clock, 'vi'));
      const province = await time(() => settlementProgress(database.db, actor('province', '01'), clock, 'vi'));
      const plain = await time(() =>
        database.rows(sql`SELECT province_code, unit_code, status, count(*), sum(benefit_total)
          FROM settlement_cases GROUP BY 1, 2, 3`),
      );
      results.push({
        name: 'settlement-board',
        figure: country.p99,
        unit: 'ms p99 (country)',
        reference: plain.p99,
        referenceUnit: 'ms p99 (plain GROUP BY)',
        ratio: plain.p99 ? round(country.p99 / plain.p99, 2) : null,
        target: 'p99 < 100 ms over 100,000 cases on PostgreSQL',
        met: ctx.kind === 'postgres' ? country.p99 < 100 && province.p99 < 100 : null,
        notes: `country p50 ${country.p50} ms; province p50 ${province.p50} / p99 ${province.p99} ms`,
        details: { country, province, plain, cases: target },
      });
    } finally {
      await h.close();
    }
    return results;
  },
};
