/**
 * The life of a settlement case (issue 18; Decree 178 Art. 17: the head lists each case with its cost or refuses in
 * writing): proposed by the agency → approved by the competent level (the province for its units, the ministry for
 * its own) → leaving decision issued (number, date) → paid (date, amount) → closed. A proposed or approved case may be
 * refused in writing with the reason. Pure: no I/O.
 */
export const STATUSES = ['proposed', 'approved', 'decided', 'paid', 'closed', 'refused'] as const;
export type Status = (typeof STATUSES)[number];

export const STEPS = ['approve', 'refuse', 'decide', 'pay', 'close'] as const;
export type Step = (typeof STEPS)[number];

const NEXT: Record<Step, { from: readonly Status[]; to: Status }> = {
  approve: { from: ['proposed'], to: 'approved' },
  refuse: { from: ['proposed', 'approved'], to: 'refused' },
  decide: { from: ['approved'], to: 'decided' },
  pay: { from: ['decided'], to: 'paid' },
  close: { from: ['paid'], to: 'closed' },
};

/** The status after a step, or null when the step is not allowed now. */
export function nextStatus(status: Status, step: Step): Status | null {
  return NEXT[step].from.includes(status) ? NEXT[step].to : null;
}

export const stepsFrom = (status: Status): Step[] => STEPS.filter((s) => nextStatus(status, s) !== null);

/** Settled: nothing is left to do on the case. */
export const isSettled = (status: Status) => status === 'paid' || status === 'closed' || status === 'refused';

/** Which level approves: the province for its units' cases, the ministry for its own (Decree 178 Art. 17). */
export const approvingLevel = (agencyKind: 'unit' | 'ministry') => (agencyKind === 'unit' ? 'province' : 'ministry');
