import { describe, expect, it } from 'vitest';
import { sharedWorkingCalendar } from '../../../core/calendar/official.js';
import { alternatives, congestion, index766, publicationOnTime, rates, ZERO_SUMS, type UnitLoad } from './figures.js';

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
    const r = rates({ ...period, ratings: 5, ratingsSatisfied: 4, complainedOrDissatisfied: 1 });
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
      rates({
        ...period,
        finishedWithEResult: 6,
        ratings: 5,
        ratingsSatisfied: 4,
        complainedOrDissatisfied: 1,
        receivedOnline: 5,
      }),
    );
    // progress 80 % of 20 = 16; digitization 70/80 of 22 = 19.25; online 50/50 of 22 = 22; satisfaction 70/90 of 18 = 14
    expect(i.groups).toEqual({ transparency: null, progress: 16, digitization: 19.25, online: 22, satisfaction: 14 });
    expect([i.total, i.outOf, i.percent, i.band]).toEqual([71.25, 82, 86.9, 'good']);
    expect(i.notMeasured).toEqual(['transparency']);
    // satisfaction is scored from satisfaction in handling alone (feedback handling is not held): said beside it
    expect(i.caveats).toEqual(['satisfaction_handling_only']);
    expect(index766(rates(ZERO_SUMS)).caveats).toEqual([]);
    const all = index766(rates({ ...period, finishedWithEResult: 8, finishedOnTime: 10, receivedOnline: 5 }), 100);
    expect([all.total, all.outOf, all.band]).toEqual([100, 100, 'excellent']);
    expect(all.caveats).toEqual(['satisfaction_handling_only', 'transparency_publication_only']);
  });

  it('satisfaction counts a dossier with a complaint and a dissatisfied rating once', () => {
    // 10 dossiers of the period, 2 overdue; 3 complained about, one of them also rated "not satisfied", and one other
    // rated "not satisfied": 4 dossiers with a complaint or a dislike, not 5
    const r = rates({ ...period, ratings: 6, ratingsSatisfied: 4, complainedOrDissatisfied: 4 });
    expect(r.handlingSatisfactionRate).toBe(40); // 100 − (20 + 40)
    expect(r.satisfactionRate).toBe(66.7); // the share of satisfied ratings, beside it, is about ratings only
  });

  it('transparency: procedures published on time, from the catalogue dates where recorded', () => {
    const cal = sharedWorkingCalendar();
    const between = (a: string, b: string) => cal.workingDaysBetween(a, b);
    // a province publishes at least 5 working days before the text takes effect: Mon 1/6/2026 → Mon 8/6/2026 is 5
    const province = (publishedOn: string | null, effectiveOn: string | null) => ({
      provinceCode: '31',
      publishedOn,
      effectiveOn,
    });
    expect(publicationOnTime([province('2026-06-01', '2026-06-08')], between).rate).toBe(100);
    expect(publicationOnTime([province('2026-06-02', '2026-06-08')], between).rate).toBe(0); // 4 working days
    // a ministry needs 20 working days: 1/6 → 26/6/2026 is 19, → 29/6 is 20
    const ministry = (effectiveOn: string) => ({ provinceCode: '', publishedOn: '2026-06-01', effectiveOn });
    expect(publicationOnTime([ministry('2026-06-26')], between).onTime).toBe(0);
    expect(publicationOnTime([ministry('2026-06-29')], between).onTime).toBe(1);
    // undated versions are left out, never counted late; none dated: not measured
    const t = publicationOnTime(
      [
        province('2026-06-01', '2026-06-08'),
        province('2026-06-03', '2026-06-08'),
        province(null, '2026-06-08'),
        province('2026-06-01', null),
      ],
      between,
    );
    expect(t).toEqual({ dated: 2, onTime: 1, rate: 50 });
    expect(publicationOnTime([province(null, null)], between).rate).toBeNull();
    // in the index: 50 % of 18 = 9 points, the group is counted and the total is out of 100
    const i = index766(
      rates({
        ...period,
        finishedWithEResult: 6,
        ratings: 5,
        ratingsSatisfied: 4,
        complainedOrDissatisfied: 1,
        receivedOnline: 5,
      }),
      t.rate,
    );
    expect(i.groups.transparency).toBe(9);
    expect([i.total, i.outOf, i.percent, i.band]).toEqual([80.25, 100, 80.3, 'good']);
    expect(i.notMeasured).toEqual([]);
  });

  it('bands the exact score, not the rounded one', () => {
    // a total of 89.996 of 100 shows as 90 but is "good" (below 90)
    const below = index766(
      {
        onTimeRate: 100,
        onTimeIncludesOpen: true,
        onlineRate: 50,
        digitizationRate: 80,
        inputDigitizationRate: 80,
        eResultRate: 80,
        satisfactionRate: 100,
        handlingSatisfactionRate: 90,
        avgWaitMinutes: null,
      },
      44.42, // 18 × 44.42 % = 7.9956 points: total 89.9956
    );
    expect(below.percent).toBe(90);
    expect(below.band).toBe('good');
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
