import { describe, expect, it } from 'vitest';
import { alternatives, congestion, rates, ZERO_SUMS, type UnitLoad } from './figures.js';

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
      receivedDigitized: 6,
      finished: 3,
      finishedOnTime: 2,
      ratings: 0,
      waitMinutesTotal: 50,
    });
    expect(r).toMatchObject({
      onlineRate: 37.5,
      digitizationRate: 75,
      onTimeRate: 66.7,
      satisfactionRate: null,
      avgWaitMinutes: 10,
    });
    expect(rates(ZERO_SUMS).onTimeRate).toBeNull();
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
