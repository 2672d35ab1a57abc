import { describe, expect, it } from 'vitest';
import { backoffMinutes, minutesLeft } from './lockout.js';

describe('sign-in back-off', () => {
  it('waits longer after each block in a row, up to an hour', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(backoffMinutes)).toEqual([5, 10, 20, 40, 60, 60, 60]);
  });
  it('tells at least one minute left', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    expect(minutesLeft(new Date('2026-03-02T10:00:10Z'), now)).toBe(1);
    expect(minutesLeft(new Date('2026-03-02T10:09:01Z'), now)).toBe(10);
  });
});
