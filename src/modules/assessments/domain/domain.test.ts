import { describe, expect, it } from 'vitest';
import { Rng } from '../../../core/random.js';
import { DEFAULT_SETTINGS as S, BANDS, mergeSettings, settingsProblem, type Band } from './settings.js';
import {
  annualRating,
  bandOf,
  capBand,
  monthsInYear,
  periodScore,
  periodsOfYear,
  quotaCheck,
  taskResults,
  type ScoredTask,
} from './scoring.js';
import { managedStaff, scoreUnitPeriod, type PostHolding, type TaskRow } from './period.js';

const task = (over: Partial<ScoredTask> = {}): ScoredTask => ({
  productKind: 'report',
  quantity: 1,
  weight: 1,
  delivered: 1,
  majorErrors: 0,
  delays: 0,
  exemption: 'none',
  ...over,
});
const full = { qualities: 10, competence: 10, innovation: 10 };

describe('task results (Decree 335/2025: quantity, quality, timeliness)', () => {
  // Worked cases: each row is what a head would check by hand.
  const cases: {
    name: string;
    tasks: ScoredTask[];
    quantity: number;
    quality: number;
    timeliness: number;
    percent: number;
  }[] = [
    {
      name: 'everything delivered, no error, on time',
      tasks: [task(), task({ productKind: 'plan' })],
      quantity: 100,
      quality: 100,
      timeliness: 100,
      percent: 100,
    },
    {
      name: 'one of four equal reports missing',
      tasks: [task({ quantity: 4, delivered: 3 })],
      quantity: 75,
      quality: 75,
      timeliness: 75,
      percent: 75,
    },
    {
      name: 'one major error costs 25 % of that product',
      tasks: [task({ majorErrors: 1 }), task()],
      quantity: 100,
      quality: 87.5,
      timeliness: 100,
      percent: 95.83,
    },
    {
      name: "one major error in four reports costs 25 % of that report's points, not of the task (93.75 %)",
      tasks: [task({ quantity: 4, delivered: 4, majorErrors: 1 })],
      quantity: 100,
      quality: 93.75,
      timeliness: 100,
      percent: 97.92,
    },
    {
      name: 'four errors over four reports cost one report in all; twenty cannot go below zero',
      tasks: [
        task({ quantity: 4, delivered: 4, majorErrors: 4 }),
        task({ quantity: 4, delivered: 4, majorErrors: 20 }),
      ],
      quantity: 100,
      quality: 37.5,
      timeliness: 100,
      percent: 79.17,
    },
    {
      name: 'two delays cost 50 % of that product',
      tasks: [task({ delays: 2 }), task()],
      quantity: 100,
      quality: 100,
      timeliness: 75,
      percent: 91.67,
    },
    {
      name: 'five errors cannot go below zero',
      tasks: [task({ majorErrors: 5 })],
      quantity: 100,
      quality: 0,
      timeliness: 100,
      percent: 66.67,
    },
    {
      name: 'the conversion weight counts: a plan (2) late, a report (1) on time',
      tasks: [task({ productKind: 'plan', delays: 1 }), task()],
      quantity: 100,
      quality: 100,
      timeliness: 83.33,
      percent: 94.44,
    },
    {
      name: 'an exempt task (objective cause) leaves the period',
      tasks: [task({ delivered: 0, exemption: 'task' }), task()],
      quantity: 100,
      quality: 100,
      timeliness: 100,
      percent: 100,
    },
    {
      name: 'a delay with an objective cause is forgiven, not the error',
      tasks: [task({ delays: 1, majorErrors: 1, exemption: 'timeliness' })],
      quantity: 100,
      quality: 75,
      timeliness: 100,
      percent: 91.67,
    },
    {
      name: 'over-delivery does not earn more than assigned',
      tasks: [task({ quantity: 2, delivered: 5 })],
      quantity: 100,
      quality: 100,
      timeliness: 100,
      percent: 100,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = taskResults(S, c.tasks);
      expect(r.quantity).toBeCloseTo(c.quantity, 2);
      expect(r.quality).toBeCloseTo(c.quality, 2);
      expect(r.timeliness).toBeCloseTo(c.timeliness, 2);
      expect(r.percent).toBeCloseTo(c.percent, 2);
    });
  }

  it('nothing assigned cannot be scored', () => {
    expect(taskResults(S, []).percent).toBeNull();
    expect(taskResults(S, [task({ exemption: 'task' })]).percent).toBeNull();
    expect(periodScore(S, { tasks: [], general: full }).total).toBeNull();
  });
});

describe('period score = general (≤ 30) + task results (≤ 70)', () => {
  it('a perfect period is 100 and excellent', () => {
    const p = periodScore(S, { tasks: [task()], general: full });
    expect(p.total).toBe(100);
    expect(p.band).toBe('excellent');
  });
  it('75 % of the tasks and 24 general points make 24 + 52.5 = 76.5, good', () => {
    const p = periodScore(S, {
      tasks: [task({ quantity: 4, delivered: 3 })],
      general: { qualities: 8, competence: 8, innovation: 8 },
    });
    expect(p.taskPoints).toBe(52.5);
    expect(p.total).toBe(76.5);
    expect(p.band).toBe('good');
  });
  it('is not scored until every general criterion is judged', () => {
    const p = periodScore(S, { tasks: [task()], general: { qualities: 10, competence: 10 } });
    expect(p.generalComplete).toBe(false);
    expect(p.total).toBeNull();
  });
  it('general criteria above their maximum count only up to it', () => {
    expect(
      periodScore(S, { tasks: [task()], general: { qualities: 50, competence: 10, innovation: 10 } }).general,
    ).toBe(30);
  });
});

describe('leaders: the unit results and the organisation of its work', () => {
  const own = [task()];
  it('full unit results when every subordinate completes', () => {
    const p = periodScore(S, {
      tasks: own,
      general: full,
      leader: { allSubordinatesCompleted: true, organisationPercent: 100 },
    });
    expect(p.taskPercent).toBe(100);
    expect(p.total).toBe(100);
  });
  it('half the unit results when any subordinate fails: 40 + 15 + 30 = 85 % → 59.5 points', () => {
    const p = periodScore(S, {
      tasks: own,
      general: full,
      leader: { allSubordinatesCompleted: false, organisationPercent: 100 },
    });
    expect(p.taskPercent).toBe(85);
    expect(p.taskPoints).toBe(59.5);
    expect(p.total).toBe(89.5);
    expect(p.band).toBe('good');
  });
  it('a leader without products of their own is judged on the unit and the organisation', () => {
    const p = periodScore(S, {
      tasks: [],
      general: full,
      leader: { allSubordinatesCompleted: true, organisationPercent: 50 },
    });
    expect(p.taskPercent).toBe(75);
  });
});

describe('bands on the exact score; rounding is for display only', () => {
  it('29.995 general points and 60 task points make 89.995: shown 90, rated good', () => {
    const p = periodScore(S, {
      tasks: [task({ quantity: 7, delivered: 6 })],
      general: { qualities: 9.995, competence: 10, innovation: 10 },
    });
    expect(p.total).toBe(90);
    expect(p.band).toBe('good');
  });
  it('a year of 89.99 and 90 averages 89.995: shown 90, rated good', () => {
    const a = annualRating(S, { periodScores: [89.99, 90], monthsWorked: 12, monthsAbsent: 0, sanctioned: false });
    expect(a.rated && [a.average, a.band]).toEqual([90, 'good']);
  });
});

describe('months worked, absence and maternity (Decree 90/2020 as amended by Decree 48/2023)', () => {
  it.each([
    ['1/1–30/6 is six calendar months', [{ start: '2026-01-01', end: '2026-06-30' }], 6],
    ['2/7–31/12 is under six months (one day of July missing)', [{ start: '2026-07-02', end: '2026-12-31' }], 5.97],
    ['1/7–31/12 is six months', [{ start: '2026-07-01', end: null }], 6],
    ['a whole year', [{ start: '2020-03-01', end: null }], 12],
    ['February counts as a whole month', [{ start: '2026-02-01', end: '2026-02-28' }], 1],
    [
      'overlapping assignments count once',
      [
        { start: '2026-01-01', end: '2026-03-31' },
        { start: '2026-03-01', end: '2026-04-30' },
      ],
      4,
    ],
  ])('%s', (_what, ranges, months) => expect(monthsInYear(2026, ranges)).toBeCloseTo(months, 2));

  const year = (over: Partial<Parameters<typeof annualRating>[1]>) =>
    annualRating(S, { periodScores: [95, 95, 95, 95], monthsWorked: 12, monthsAbsent: 0, sanctioned: false, ...over });
  it('takes absence off the months worked: 12 months with 7 absent leaves 5, not rated', () => {
    expect(year({ monthsAbsent: 7 })).toMatchObject({ rated: false, reason: 'under_min_months' });
  });
  it('caps at completed for an absence of three to under six months', () => {
    expect(year({ monthsAbsent: 3 })).toMatchObject({ rated: true, band: 'completed', caps: ['absence'] });
    expect(year({ monthsAbsent: 2.9 })).toMatchObject({ rated: true, band: 'excellent' });
  });
  it('maternity leave is neither absence nor a bar: rated on the time actually worked', () => {
    expect(year({ maternityMonths: 6 })).toMatchObject({ rated: true, band: 'excellent', caps: [] });
    expect(year({ monthsWorked: 12, maternityMonths: 8 })).toMatchObject({ rated: true, band: 'excellent' });
  });
  it('maternity leave is a setting: counted as absence when a province so sets it', () => {
    expect(S.maternityLeave).toBe('time_worked');
    const asAbsence = { ...S, maternityLeave: 'absence' as const };
    const y = (maternityMonths: number) =>
      annualRating(asAbsence, {
        periodScores: [95, 95, 95, 95],
        monthsWorked: 12,
        monthsAbsent: 0,
        maternityMonths,
        sanctioned: false,
      });
    expect(y(4)).toMatchObject({ rated: true, band: 'completed', caps: ['absence'] });
    expect(y(7)).toMatchObject({ rated: false, reason: 'under_min_months' });
  });
});

describe('bands', () => {
  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [70, 'good'],
    [69.99, 'completed'],
    [50, 'completed'],
    [49.99, 'not_completed'],
    [0, 'not_completed'],
  ] as [number, Band][])('%s points → %s', (score, band) => expect(bandOf(S, score)).toBe(band));
  it('a cap never raises', () => {
    expect(capBand('excellent', 'completed')).toBe('completed');
    expect(capBand('not_completed', 'completed')).toBe('not_completed');
  });
});

describe('annual rating (Decree 335/2025 Art. 21)', () => {
  const base = { monthsWorked: 12, monthsAbsent: 0, sanctioned: false };
  it('is the average of the periodic scores', () => {
    const r = annualRating(S, { ...base, periodScores: [92, 88, 95, 91] });
    expect(r).toMatchObject({ rated: true, average: 91.5, band: 'excellent' });
  });
  it('periods not scored do not count', () => {
    expect(annualRating(S, { ...base, periodScores: [80, null, 60] })).toMatchObject({ average: 70, band: 'good' });
  });
  it('under 6 months worked: not rated', () => {
    expect(annualRating(S, { ...base, monthsWorked: 5.9, periodScores: [95, 95] })).toMatchObject({
      rated: false,
      reason: 'under_min_months',
    });
    expect(annualRating(S, { ...base, monthsWorked: 6, periodScores: [95, 95] })).toMatchObject({
      rated: true,
      band: 'excellent',
    });
  });
  it('a disciplinary sanction caps the rating at not completed', () => {
    expect(annualRating(S, { ...base, sanctioned: true, periodScores: [95] })).toMatchObject({
      rated: true,
      scoredBand: 'excellent',
      band: 'not_completed',
      caps: ['sanction'],
    });
  });
  it('an absence of 3 months caps at completed, not below what was scored', () => {
    expect(annualRating(S, { ...base, monthsAbsent: 3, periodScores: [95] })).toMatchObject({
      band: 'completed',
      caps: ['absence'],
    });
    expect(annualRating(S, { ...base, monthsAbsent: 3, periodScores: [40] })).toMatchObject({
      band: 'not_completed',
      caps: [],
    });
  });
  it('the caps are settings', () => {
    const lenient = mergeSettings(S, { sanctionCap: 'completed' });
    expect(annualRating(lenient, { ...base, sanctioned: true, periodScores: [95] })).toMatchObject({
      band: 'completed',
    });
  });
  it('no scored period: not rated', () => {
    expect(annualRating(S, { ...base, periodScores: [null] })).toMatchObject({ rated: false, reason: 'no_scores' });
  });
});

describe('the excellent quota', () => {
  it('excellent may not exceed 20 % of those rated good', () => {
    const ten: Band[] = [...Array(10).fill('good'), 'excellent', 'excellent'];
    expect(quotaCheck(S, ten)).toMatchObject({ quota: 2, excellent: 2, exceeded: false });
    expect(quotaCheck(S, [...ten, 'excellent'])).toMatchObject({ quota: 2, exceeded: true });
  });
  it('an outstanding unit may have 25 %', () => {
    const unit: Band[] = [...Array(12).fill('good'), 'excellent', 'excellent', 'excellent'];
    expect(quotaCheck(S, unit).exceeded).toBe(true);
    expect(quotaCheck(S, unit, true).exceeded).toBe(false);
  });
});

describe('periods and months worked', () => {
  it('quarters and months of a year', () => {
    expect(periodsOfYear(2026, 'quarter')[0]).toEqual({ seq: 1, start: '2026-01-01', end: '2026-03-31' });
    expect(periodsOfYear(2028, 'month')[1]).toEqual({ seq: 2, start: '2028-02-01', end: '2028-02-29' });
  });
  it('counts the months of overlapping assignments once, inside the year', () => {
    expect(monthsInYear(2026, [{ start: '2020-01-01', end: null }])).toBeCloseTo(12, 0);
    expect(
      monthsInYear(2026, [
        { start: '2026-07-01', end: null },
        { start: '2026-09-01', end: '2026-10-31' },
      ]),
    ).toBeCloseTo(6, 0);
    expect(monthsInYear(2026, [{ start: '2026-08-01', end: null }])).toBeLessThan(6);
  });
});

describe('settings', () => {
  it('the defaults are consistent', () => expect(settingsProblem(S)).toBeNull());
  it('refuses leader shares that do not add up, naming the field', () => {
    expect(settingsProblem(mergeSettings(S, { leaderShares: { own: 0.5, unit: 0.5, organisation: 0.5 } }))?.[0]).toBe(
      'leaderShares',
    );
  });
});

describe('properties (seeded random cases)', () => {
  const rng = new Rng(335);
  const kinds = S.productKinds.map((k) => k.code);
  const randomTask = (): ScoredTask => {
    const quantity = rng.int(0, 6);
    return {
      productKind: rng.pick(kinds),
      quantity,
      weight: rng.pick([0.5, 1, 1.5, 2]),
      delivered: rng.int(0, quantity + 2),
      majorErrors: rng.int(0, 5),
      delays: rng.int(0, 5),
      exemption: rng.pick(['none', 'none', 'none', 'task', 'timeliness'] as const),
    };
  };
  it('scores stay within 0–100 and each measure within 0–100', () => {
    for (let i = 0; i < 2000; i++) {
      const tasks = Array.from({ length: rng.int(0, 8) }, randomTask);
      const general = { qualities: rng.int(-5, 15), competence: rng.int(0, 10), innovation: rng.int(0, 12) };
      const leader = rng.int(0, 1)
        ? { allSubordinatesCompleted: rng.int(0, 1) === 1, organisationPercent: rng.int(-20, 120) }
        : undefined;
      const p = periodScore(S, { tasks, general, leader });
      for (const m of [p.task.quantity, p.task.quality, p.task.timeliness, p.taskPercent]) {
        if (m === null) continue;
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThanOrEqual(100);
      }
      if (p.total !== null) {
        expect(p.total).toBeGreaterThanOrEqual(0);
        expect(p.total).toBeLessThanOrEqual(100);
        expect(BANDS.indexOf(p.band!)).toBeGreaterThanOrEqual(BANDS.indexOf(bandOf(S, p.total))); // exact ≤ shown
      }
    }
  });
  it('bands are monotonic: a higher score never gets a worse band', () => {
    for (let i = 0; i < 2000; i++) {
      const a = rng.int(0, 10000) / 100;
      const b = rng.int(0, 10000) / 100;
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(BANDS.indexOf(bandOf(S, hi))).toBeLessThanOrEqual(BANDS.indexOf(bandOf(S, lo)));
    }
  });
  it('another error or delay never raises the score', () => {
    for (let i = 0; i < 1000; i++) {
      const tasks = Array.from({ length: rng.int(1, 6) }, randomTask);
      const before = taskResults(S, tasks).percent;
      const j = rng.int(0, tasks.length - 1);
      const worse = tasks.map((t, k) => (k === j ? { ...t, majorErrors: t.majorErrors + 1, delays: t.delays + 1 } : t));
      const after = taskResults(S, worse).percent;
      if (before !== null && after !== null) expect(after).toBeLessThanOrEqual(before + 1e-9);
    }
  });
});

describe("a leader's unit results: the staff the leader manages, heads and deputies below included", () => {
  const holdings: PostHolding[] = [
    { personId: 'chair', agencyKind: 'people_committee', postCode: 'committee_chair', postKind: 'leadership' },
    { personId: 'vice', agencyKind: 'people_committee', postCode: 'committee_vice_chair', postKind: 'leadership' },
    { personId: 'ecoHead', agencyKind: 'economic_dept', postCode: 'economic_dept_head', postKind: 'leadership' },
    {
      personId: 'ecoDeputy',
      agencyKind: 'economic_dept',
      postCode: 'economic_dept_deputy_head',
      postKind: 'leadership',
    },
    { personId: 'ecoStaff', agencyKind: 'economic_dept', postCode: 'finance_planning', postKind: 'job_position' },
    { personId: 'culHead', agencyKind: 'culture_social_dept', postCode: 'culture_dept_head', postKind: 'leadership' },
    { personId: 'culStaff', agencyKind: 'culture_social_dept', postCode: 'home_affairs', postKind: 'job_position' },
  ];
  it('maps whom each leader manages, within the unit or the department', () => {
    const m = managedStaff(holdings);
    expect([...m.get('ecoHead')!].sort()).toEqual(['ecoDeputy', 'ecoStaff']);
    expect([...m.get('ecoDeputy')!]).toEqual(['ecoStaff']);
    expect([...m.get('culHead')!]).toEqual(['culStaff']);
    expect([...m.get('chair')!].sort()).toEqual(['culHead', 'culStaff', 'ecoDeputy', 'ecoHead', 'ecoStaff', 'vice']);
  });
  it("a failing deputy halves the head's and the chairman's unit results, not another department's head", () => {
    const t = (personId: string, accepted: number): TaskRow => ({
      personId,
      productKind: 'report',
      quantity: 1,
      weight: 1,
      dueDate: '2026-03-31',
      status: 'reviewed',
      deliveredQuantity: accepted,
      deliveredOn: '2026-03-20',
      acceptedQuantity: accepted,
      majorErrors: 0,
      delays: 0,
      exemption: 'none',
    });
    const people = holdings.map((h) => h.personId);
    const tasks = people.map((id) => t(id, id === 'ecoDeputy' ? 0 : 1)); // the deputy delivered nothing
    const weak = { qualities: 5, competence: 5, innovation: 5 };
    const reviews = people.map((id) =>
      id === 'ecoDeputy'
        ? { personId: id, headGeneral: weak, organisationPercent: 0 } // 15 + 70 × 30 % = 36: not completed
        : { personId: id, headGeneral: full, organisationPercent: 100 },
    );
    const leaders = new Set(holdings.filter((h) => h.postKind === 'leadership').map((h) => h.personId));
    const scores = scoreUnitPeriod(S, tasks, reviews, leaders, managedStaff(holdings));
    expect(scores.get('ecoDeputy')!.band).toBe('not_completed');
    expect(scores.get('ecoHead')!.taskPercent).toBe(85); // 40 own + 15 unit (half) + 30 organisation
    expect(scores.get('chair')!.taskPercent).toBe(85);
    expect(scores.get('culHead')!.taskPercent).toBe(100); // the other department all completed
  });
});
