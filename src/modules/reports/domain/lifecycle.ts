/**
 * A report's flow (issue #20): draft → submitted (locked) → returned with comments, or approved by the level above →
 * published. A returned report is edited and submitted again. Only a draft or a returned report takes text or new
 * figures.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const FLOW_STEPS = ['submit', 'return', 'approve', 'publish'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

const NEXT: Record<FlowStep, { from: readonly ReportStatus[]; to: ReportStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
};

/** The status a step leads to from `status`, or null when the step does not apply. */
export function nextStatus(status: ReportStatus, step: FlowStep): ReportStatus | null {
  const rule = NEXT[step];
  return rule.from.includes(status) ? rule.to : null;
}

/** The steps open from a status (the web offers those the caller may also take). */
export const stepsFrom = (status: ReportStatus): FlowStep[] => FLOW_STEPS.filter((s) => nextStatus(status, s));

/** Text and figures change only while the author holds the report. */
export const isEditable = (status: ReportStatus) => status === 'draft' || status === 'returned';

/** A step that needs a comment: a return says why. */
export const needsComment = (step: FlowStep) => step === 'return';

/** Submitted in time, late, or not yet (the state a level above sees of the level below). */
export type ChildState = 'submitted' | 'late' | 'missing';

/**
 * The state of a lower level's report on `today`: handed up (submitted, approved, published) is "submitted"; not
 * handed up is "late" after the due day, else "missing" (not yet due, or no report at all).
 */
export function childState(status: ReportStatus | null, due: string, today: string): ChildState {
  if (status === 'submitted' || status === 'approved' || status === 'published') return 'submitted';
  return today > due ? 'late' : 'missing';
}
