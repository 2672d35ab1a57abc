import { describe, expect, it } from 'vitest';
import { allowedPlanActions, isOverdue, kindAfter, nextPlanState, shapeProblem } from './plans.js';

describe('the shape of each kind of plan', () => {
  it('a merger takes two units or more into one', () => {
    expect(shapeProblem('merge', 3, 1)).toBeNull();
    expect(shapeProblem('merge', 1, 1)).toEqual({ field: 'before', detail: '≥ 2' });
    expect(shapeProblem('merge', 2, 2)).toEqual({ field: 'after', detail: '1' });
  });
  it('a split makes two or more of one; a dissolution and a divestment make none', () => {
    expect(shapeProblem('split', 1, 2)).toBeNull();
    expect(shapeProblem('split', 1, 1)).toEqual({ field: 'after', detail: '≥ 2' });
    expect(shapeProblem('dissolve', 2, 0)).toBeNull();
    expect(shapeProblem('dissolve', 1, 1)).toEqual({ field: 'after', detail: '0' });
    expect(shapeProblem('divest', 1, 0)).toBeNull();
  });
  it('a transfer and an equitization turn one unit into one; an equitized unit is an enterprise', () => {
    expect(shapeProblem('transfer', 1, 1)).toBeNull();
    expect(shapeProblem('equitize', 2, 1)).toEqual({ field: 'before', detail: '1' });
    expect(kindAfter('equitize', 'public_service_unit')).toBe('state_enterprise');
    expect(kindAfter('merge', 'public_service_unit')).toBe('public_service_unit');
  });
});

describe('the life of a plan', () => {
  const decided = { number: '1234/QĐ-UBND', date: '2025-09-15' };
  it('is approved with its decision, carried out, done', () => {
    expect(nextPlanState('draft', 'approve', decided)).toBe('approved');
    expect(nextPlanState('approved', 'start', decided)).toBe('in_progress');
    expect(nextPlanState('in_progress', 'complete', decided)).toBe('done');
  });
  it('is not approved without a decision number and date', () => {
    expect(nextPlanState('draft', 'approve', { number: null, date: '2025-09-15' })).toBe('needs_decision');
  });
  it('can be cancelled until done, and nothing follows done', () => {
    expect(allowedPlanActions('in_progress')).toEqual(['complete', 'cancel']);
    expect(allowedPlanActions('done')).toEqual([]);
    expect(nextPlanState('done', 'cancel', decided)).toBeNull();
  });
  it('is overdue when still open after its target date', () => {
    expect(isOverdue({ state: 'in_progress', targetDate: '2026-01-31' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ state: 'done', targetDate: '2026-01-31' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ state: 'approved', targetDate: '2026-03-02' }, '2026-03-02')).toBe(false);
  });
});
