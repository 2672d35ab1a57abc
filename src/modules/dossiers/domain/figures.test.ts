import { describe, expect, it } from 'vitest';
import { alternatives, congestion, index766, rates, ZERO_SUMS, type UnitLoad } from './figures.js';

const load = (
  unitCode: string,
  open: number,
  overdueOpen: number,
  receivedLast7: number,
  finishedLast7: number,
): UnitLoad => ({ unitCode, open, overdueOpen, receivedLast7, finishedLast7 });

describe('board rates (index 766 definitions)', () => {
  it('gives percentages with one decimal, and no rate without a denominator', () => {
    const r = rates({
      ...ZERO_SUMS,
      received: 8,
      receivedOnline: 3,
      receivedOfferedOnline: 8,
      receivedDigitized: 6,
      finished: 3,
      finishedOnTime: 2,
      ratings: 0,
      waitMinutesTotal: 50,
    });
    expect(r).toMatchObject({
      onlineRate: 37.5,
      digitizationRate: 54.5, // input and result: (6 + 0) ÷ (8 + 3)
      inputDigitizationRate: 75,
      onTimeRate: 66.7,
      satisfactionRate: null,
      avgWaitMinutes: 10,
    });
    expect(rates(ZERO_SUMS).onTimeRate).toBeNull();
  });
});

describe('the 766 formulas (Decision 766/QĐ-TTg, legal brief §B)', () => {
  const period = {
    ...ZERO_SUMS,
    received: 10,
    receivedOnline: 2,
    receivedOfferedOnline: 10,
    receivedDigitized: 8,
    finished: 10,
    finishedOnTime: 8,
  };
  it('counts the on-time rate over all the period’s dossiers, the open ones within their time as on time', () => {
    const s = { ...period, finishedOnTime: 6, finished: 8 };
    expect(rates(s, { inProgress: 2, overdue: 1 }).onTimeRate).toBe(70); // (6 + 1) ÷ (8 + 2)
    expect(rates(s).onTimeRate).toBe(75); // a past period: the finished ones only
    expect(rates(s).onTimeIncludesOpen).toBe(false);
  });
  it('the online rate is over the dossiers of procedures offered online, not all dossiers', () => {
    // 10 received, 2 of them for a procedure not offered online (certification of a signature at the counter);
    // 4 of the 8 others came online: 4 ÷ 8 = 50 %, the 766 threshold (full points), not 4 ÷ 10 = 40 %
    const r = rates({ ...period, receivedOnline: 4, receivedOfferedOnline: 8 });
    expect(r.onlineRate).toBe(50);
    expect(index766(r).groups.online).toBe(22);
    expect(rates({ ...period, receivedOnline: 0, receivedOfferedOnline: 0 }).onlineRate).toBeNull();
  });
  it('satisfaction in handling = 100 % − (overdue rate + dissatisfied rate), beside the share of satisfied ratings', () => {
    const r = rates({ ...period, ratings: 5, ratingsSatisfied: 4 });
    expect(r.handlingSatisfactionRate).toBe(70); // 100 − (20 + 10)
    expect(r.satisfactionRate).toBe(80);
  });
  it('digitization counts the input and the result', () => {
    const r = rates({ ...period, finishedWithEResult: 6 });
    expect(r.digitizationRate).toBe(70); // (8 + 6) ÷ (10 + 10)
    expect(r.inputDigitizationRate).toBe(80);
  });
  it('scores the groups held, leaves transparency out of the total when not measured, and bands the share', () => {
    const i = index766(
      rates({ ...period, finishedWithEResult: 6, ratings: 5, ratingsSatisfied: 4, receivedOnline: 5 }),
    );
    // progress 80 % of 20 = 16; digitization 70/80 of 22 = 19.25; online 50/50 of 22 = 22; satisfaction 70/90 of 18 = 14
    expect(i.groups).toEqual({ transparency: null, progress: 16, digitization: 19.25, online: 22, satisfaction: 14 });
    expect([i.total, i.outOf, i.percent, i.band]).toEqual([71.25, 82, 86.9, 'good']);
    expect(i.notMeasured).toEqual(['transparency']);
    // complaints about dossiers are not recorded: said beside the satisfaction group, not estimated
    expect(i.caveats).toEqual(['satisfaction_without_complaints']);
    expect(index766(rates(ZERO_SUMS)).caveats).toEqual([]);
    const all = index766(rates({ ...period, finishedWithEResult: 8, finishedOnTime: 10, receivedOnline: 5 }), 100);
    expect([all.total, all.outOf, all.band]).toEqual([100, 100, 'excellent']);
  });
});

describe('congestion', () => {
  it('needs a real backlog that is rising and partly overdue', () => {
    expect(congestion(load('a', 20, 8, 30, 10)).congested).toBe(true);
    expect(congestion(load('b', 3, 3, 9, 1)).congested).toBe(false); // a handful is not congestion
    expect(congestion(load('c', 20, 8, 10, 30)).congested).toBe(false); // shrinking backlog
    expect(congestion(load('d', 20, 2, 30, 10)).congested).toBe(false); // 10 % overdue
  });

  it('suggests neighbours first, then the least pressed counters, never a congested one', () => {
    const loads = [
      load('a', 20, 8, 30, 10),
      load('b', 2, 0, 10, 10),
      load('c', 1, 0, 5, 20),
      load('d', 40, 20, 50, 5),
      load('e', 9, 0, 10, 10),
    ];
    expect(alternatives(loads, 'a')).toEqual(['c', 'b', 'e']);
    expect(alternatives(loads, 'a', new Set(['e']))).toEqual(['e', 'c', 'b']);
    expect(alternatives(loads, 'a')).not.toContain('d');
  });
});
