import { describe, expect, it } from 'vitest';
import { childState, nextStatus, stepsFrom } from './lifecycle.js';
import { DEFAULT_OUTLINES, outlineProblem } from './outline.js';
import {
  countedTo,
  lastEndedPeriod,
  parsePeriod,
  periodProblem,
  periodTitle,
  previousPeriod,
  recentPeriods,
} from './periods.js';
import { REPORT_KINDS } from './periods.js';
import { figureChanges, sumOf, type StoredFigures } from './figures.js';

describe('periods', () => {
  const cases: [string, string, string, string, string][] = [
    // key, kind, from, to, previous
    ['2026-H1', 'semiannual', '2026-01-01', '2026-06-30', '2025-H2'],
    ['2025-H2', 'semiannual', '2025-07-01', '2025-12-31', '2025-H1'],
    ['2026', 'annual', '2026-01-01', '2026-12-31', '2025'],
    ['2026-05', 'monthly', '2026-05-01', '2026-05-31', '2026-04'],
    ['2026-01', 'monthly', '2026-01-01', '2026-01-31', '2025-12'],
    ['2024-02', 'monthly', '2024-02-01', '2024-02-29', '2024-01'], // leap year
    ['2026-02', 'monthly', '2026-02-01', '2026-02-28', '2026-01'],
  ];
  for (const [key, kind, from, to, prev] of cases)
    it(`${key}: ${kind} ${from}..${to}, previous ${prev}`, () => {
      const p = parsePeriod(key)!;
      expect([p.kind, p.from, p.to, previousPeriod(p).key]).toEqual([kind, from, to, prev]);
    });

  it('refuses what is not a period', () => {
    for (const bad of ['2026-H3', '2026-13', '2026-00', '26', '2026-h1', '2026-5', '1999', ' 2026', '2026-H1x', ''])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it("checks the period's form against the kind", () => {
    expect(periodProblem('semiannual', '2026-H1')).toBeNull();
    expect(periodProblem('annual', '2026-H1')).toBe('period_kind_mismatch');
    expect(periodProblem('monthly', '2026')).toBe('period_kind_mismatch');
    expect(periodProblem('monthly', '2026-13')).toBe('invalid_period');
  });

  it('names the period that ended last (what the schedule drafts)', () => {
    expect(lastEndedPeriod('semiannual', '2026-07-01').key).toBe('2026-H1');
    expect(lastEndedPeriod('semiannual', '2026-06-30').key).toBe('2025-H2');
    expect(lastEndedPeriod('annual', '2026-01-01').key).toBe('2025');
    expect(lastEndedPeriod('monthly', '2026-01-15').key).toBe('2025-12');
    expect(lastEndedPeriod('monthly', '2026-06-01').key).toBe('2026-05');
  });

  it('counts to today while the period runs', () => {
    const p = parsePeriod('2026-H1')!;
    expect(countedTo(p, '2026-03-02')).toBe('2026-03-02');
    expect(countedTo(p, '2026-08-01')).toBe('2026-06-30');
  });

  it('words the period for the title', () => {
    expect(periodTitle(parsePeriod('2026-H1')!)).toBe('6 tháng đầu năm 2026');
    expect(periodTitle(parsePeriod('2025-H2')!)).toBe('6 tháng cuối năm 2025');
    expect(periodTitle(parsePeriod('2026')!)).toBe('năm 2026');
    expect(periodTitle(parsePeriod('2026-05')!)).toBe('tháng 5 năm 2026');
  });
});

describe('outlines', () => {
  it('every default outline is valid and every kind has one', () => {
    for (const kind of REPORT_KINDS) {
      expect(DEFAULT_OUTLINES[kind].kind).toBe(kind);
      expect(outlineProblem(DEFAULT_OUTLINES[kind])).toBeNull();
    }
  });
  it('the 6-month review carries the modules the issue names, in order, then the text sections', () => {
    expect(DEFAULT_OUTLINES.semiannual.sections.map((s) => s.provider)).toEqual([
      'units',
      'workforce',
      'dossiers',
      'recommendations',
      'reinforcement',
      'training',
      'settlement',
      'archives',
      'organisations',
      null,
      null,
      null,
    ]);
  });
  it('names the field of an edited outline that is wrong', () => {
    const o = DEFAULT_OUTLINES.monthly;
    const dup = { ...o, sections: [...o.sections, o.sections[0]!] };
    expect(outlineProblem(dup)).toEqual({ field: 'sections[5].key', detail: 'duplicate dossiers' });
    const badProvider = { ...o, sections: [{ key: 'x', title: 'X', provider: 'weather' as never }] };
    expect(outlineProblem(badProvider)?.field).toBe('sections[0].provider');
    expect(outlineProblem({ ...o, dueDays: { ...o.dueDays, province: -1 } })?.field).toBe('dueDays.province');
    expect(outlineProblem({ ...o, sections: [] })?.field).toBe('sections');
  });
});

describe('the flow', () => {
  it('draft → submitted → returned → submitted → approved → published', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'publish')).toBe('published');
  });
  it('refuses steps out of order', () => {
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('draft', 'publish')).toBeNull();
    expect(nextStatus('approved', 'return')).toBeNull();
    expect(nextStatus('published', 'submit')).toBeNull();
    expect(stepsFrom('submitted')).toEqual(['return', 'approve']);
  });
  it("a level below's state: handed up, late after the due day, else missing", () => {
    expect(childState('approved', '2026-07-05', '2026-07-20')).toBe('submitted');
    expect(childState('draft', '2026-07-05', '2026-07-05')).toBe('missing');
    expect(childState('returned', '2026-07-05', '2026-07-06')).toBe('late');
    expect(childState(null, '2026-07-05', '2026-07-06')).toBe('late');
  });
});

describe('figures: what a recomputation changes, the sums of the level below', () => {
  const source = {
    module: 'dossiers',
    query: 'dossierBoard',
    period: '2026-H1',
    scope: { kind: 'commune' as const, provinceCode: '01', unitCode: '00004' },
    computedAt: '2026-07-01T00:00:00.000Z',
    link: '/board',
  };
  const set = (values: Record<string, number | null>): StoredFigures => ({
    available: true,
    module: 'dossiers',
    figures: Object.entries(values).map(([key, value]) => ({ key, value, format: 'int', previous: null, source })),
    tables: [],
  });
  it('answers each changed figure with its difference, and nothing for the unchanged', () => {
    expect(
      figureChanges(set({ received: 100, finished: 90, late: 3 }), set({ received: 120, finished: 90, late: null })),
    ).toEqual([
      { key: 'received', before: 100, after: 120, difference: 20 },
      { key: 'late', before: 3, after: null, difference: null },
    ]);
    expect(figureChanges(null, set({ received: 5 }))).toEqual([
      { key: 'received', before: null, after: 5, difference: null },
    ]);
  });
  it('sums a figure over the reports below, ignoring those without it', () => {
    expect(sumOf([set({ received: 10 }), set({ received: 5 }), null, set({ finished: 1 })], 'received')).toBe(15);
    expect(sumOf([null], 'received')).toBeNull();
  });
});

describe('the periods a user picks from', () => {
  it('starts at the period today falls in and goes back, newest first', () => {
    expect(recentPeriods('semiannual', '2026-12-06')).toEqual([
      '2026-H2',
      '2026-H1',
      '2025-H2',
      '2025-H1',
      '2024-H2',
      '2024-H1',
    ]);
    expect(recentPeriods('semiannual', '2026-06-30')[0]).toBe('2026-H1');
    expect(recentPeriods('annual', '2026-01-02')).toEqual(['2026', '2025', '2024', '2023', '2022']);
    const months = recentPeriods('monthly', '2026-02-10');
    expect(months.slice(0, 3)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(months).toHaveLength(13);
    for (const k of ['semiannual', 'annual', 'monthly'] as const)
      for (const p of recentPeriods(k, '2026-12-06')) expect(periodProblem(k, p)).toBeNull();
  });
  it('never offers a period before 2020', () => {
    expect(recentPeriods('annual', '2021-05-01')).toEqual(['2021', '2020']);
  });
});
