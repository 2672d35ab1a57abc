/**
 * Rearrangement plans of public service units and state-owned enterprises, alongside the 2025 rearrangement of the
 * administrative units: merge, split, dissolve, transfer to another owner, equitize, divest. The legal brief holds no
 * text on them (its section E covers the administrative units only): the shapes below are what each kind means, and
 * the rules of the plan's life are the platform's; see docs/organisations.md.
 */
export const PLAN_KINDS = ['merge', 'split', 'dissolve', 'transfer', 'equitize', 'divest'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_STATES = ['draft', 'approved', 'in_progress', 'done', 'cancelled'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const PLAN_ACTIONS = ['approve', 'start', 'complete', 'cancel'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const ORG_KINDS = ['public_service_unit', 'state_enterprise'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** How many units each kind takes before and makes after: [min, max] (max null = no limit). */
const SHAPE: Record<PlanKind, { before: [number, number | null]; after: [number, number | null] }> = {
  merge: { before: [2, null], after: [1, 1] },
  split: { before: [1, 1], after: [2, null] },
  dissolve: { before: [1, null], after: [0, 0] },
  transfer: { before: [1, 1], after: [1, 1] },
  equitize: { before: [1, 1], after: [1, 1] },
  divest: { before: [1, 1], after: [0, 0] },
};

export function shapeProblem(kind: PlanKind, before: number, after: number): { field: string; detail: string } | null {
  const s = SHAPE[kind];
  const out = (n: number, [min, max]: [number, number | null]) => n < min || (max !== null && n > max);
  const range = ([min, max]: [number, number | null]) =>
    max === null ? `≥ ${min}` : min === max ? `${min}` : `${min}–${max}`;
  if (out(before, s.before)) return { field: 'before', detail: range(s.before) };
  if (out(after, s.after)) return { field: 'after', detail: range(s.after) };
  return null;
}

/** What the units made by the plan are: an equitized unit becomes an enterprise; the rest keep the kind. */
export const kindAfter = (plan: PlanKind, before: OrgKind): OrgKind =>
  plan === 'equitize' ? 'state_enterprise' : before;

const FROM: Record<PlanAction, readonly PlanState[]> = {
  approve: ['draft'],
  start: ['approved'],
  complete: ['approved', 'in_progress'],
  cancel: ['draft', 'approved', 'in_progress'],
};
const TO: Record<PlanAction, PlanState> = {
  approve: 'approved',
  start: 'in_progress',
  complete: 'done',
  cancel: 'cancelled',
};

export const allowedPlanActions = (state: PlanState): PlanAction[] =>
  PLAN_ACTIONS.filter((a) => FROM[a].includes(state));

/** The state after the action; null when not allowed. A plan is approved only with its decision (number and date). */
export function nextPlanState(
  state: PlanState,
  action: PlanAction,
  decision: { number: string | null; date: string | null },
): PlanState | 'needs_decision' | null {
  if (!FROM[action].includes(state)) return null;
  if ((action === 'approve' || action === 'complete') && (!decision.number || !decision.date)) return 'needs_decision';
  return TO[action];
}

/** Overdue: still open after its target date. */
export const isOverdue = (p: { state: PlanState; targetDate: string }, today: string) =>
  (p.state === 'draft' || p.state === 'approved' || p.state === 'in_progress') && p.targetDate < today;
