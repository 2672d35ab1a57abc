/**
 * The one-stop's steps inside a dossier's lifecycle (docs/one-stop.md): who may do what in which step. Pure.
 *
 * The national portal's statuses stay as they are (lifecycle.ts): the steps are a layer inside them. `receive` ends at
 * intake (status received); `assign` (by a leader or the receiving officer) or `pick` (a specialist from the unit's
 * queue) starts the processing (received → in_processing); `submit` hands the specialist's draft result to the next
 * step (verify, if the process has it, then approve); a leader `approve`s (in_processing → processed: the result is
 * signed) or `send_back`s it to the specialist with a reason; `return_result` hands the result to the applicant
 * (processed → returned), only with its number, date, signer and file.
 *
 * A unit's own account (the former shared login, now the unit's administrator) is no person: it may do the counter's
 * work (assign, return the result) but never process, verify or approve, which are a person's judgement and signature.
 * A leader does not approve a dossier they processed themselves.
 */
import type { Status } from './lifecycle.js';
import type { ProcessStep, Step, StepRole } from './internal-process.js';

export const STEP_ACTIONS = ['assign', 'pick', 'submit', 'verify', 'approve', 'send_back', 'return_result'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export interface StepActor {
  username: string;
  /** the personal account's roles in the unit; empty for the unit's own account */
  unitRoles: readonly string[];
}

export interface StepState {
  status: Status;
  /** the current step, null when the dossier's steps are over (or it is not worked in steps) */
  step: Step | null;
  assigneeUsername: string | null;
  process: readonly ProcessStep[];
}

export interface StepInput {
  /** assign: the specialist's login name and their roles in the dossier's unit (null: no such person there) */
  assignee?: { username: string; unitRoles: readonly string[] } | null;
  reason?: string;
  result?: { number?: string; date?: string; signer?: string; hasFile: boolean };
}

export type StepProblem =
  | 'wrong_step' // the action belongs to another step
  | 'not_your_role' // the step's roles do not include the caller's
  | 'not_a_person' // a unit's account may not process, verify or approve
  | 'not_assignee' // the dossier is another specialist's
  | 'already_taken' // picked by someone else first
  | 'assignee_not_specialist'
  | 'own_work' // a leader approving their own processing
  | 'reason_required'
  | 'result_required';

/** Minimum length of a leader's reason for sending a dossier back. */
export const MIN_REASON_LENGTH = 5;

const isPerson = (a: StepActor) => a.unitRoles.length > 0;
const stepOf = (steps: readonly ProcessStep[], step: Step) => steps.find((x) => x.step === step);
const hasRole = (a: StepActor, roles: readonly StepRole[]) => a.unitRoles.some((r) => roles.includes(r as StepRole));

/** The step each action is taken in. */
const ACTION_STEP: Record<StepAction, readonly Step[]> = {
  assign: ['assign', 'process'],
  pick: ['assign'],
  submit: ['process'],
  verify: ['verify'],
  approve: ['approve'],
  send_back: ['verify', 'approve'],
  return_result: ['return'],
};

/** Why the actor may not take the action now, or null when they may. */
export function stepProblem(
  s: StepState,
  action: StepAction,
  actor: StepActor,
  input: StepInput = {},
): StepProblem | null {
  // Two specialists picking at once: the second finds it already taken (and by whom), not "another step".
  if (action === 'pick' && s.assigneeUsername && s.assigneeUsername !== actor.username) return 'already_taken';
  if (!s.step || !ACTION_STEP[action].includes(s.step)) return 'wrong_step';
  const step = stepOf(s.process, s.step);
  if (!step) return 'wrong_step';
  switch (action) {
    case 'assign': {
      // Reassigning a dossier already in processing is the leader's (or the unit's account's) call.
      const roles: StepRole[] = s.step === 'assign' ? step.roles : ['leader'];
      if (isPerson(actor) && !hasRole(actor, roles)) return 'not_your_role';
      if (!input.assignee || !input.assignee.unitRoles.includes('specialist')) return 'assignee_not_specialist';
      return null;
    }
    case 'pick':
      if (!isPerson(actor)) return 'not_a_person';
      if (!actor.unitRoles.includes('specialist')) return 'not_your_role';
      if (s.assigneeUsername && s.assigneeUsername !== actor.username) return 'already_taken';
      return null;
    case 'submit':
      if (!isPerson(actor)) return 'not_a_person';
      if (s.assigneeUsername !== actor.username) return 'not_assignee';
      return null;
    case 'verify':
    case 'approve':
    case 'send_back':
      if (!isPerson(actor)) return 'not_a_person';
      if (!hasRole(actor, step.roles)) return 'not_your_role';
      if (action !== 'send_back' && s.assigneeUsername === actor.username) return 'own_work';
      if (action === 'send_back' && (input.reason ?? '').trim().length < MIN_REASON_LENGTH) return 'reason_required';
      return null;
    case 'return_result': {
      if (isPerson(actor) && !hasRole(actor, [...step.roles, 'leader'])) return 'not_your_role';
      const r = input.result;
      if (!r || !r.number?.trim() || !r.date || !r.signer?.trim() || !r.hasFile) return 'result_required';
      return null;
    }
  }
}

/** The step after `action` in this process (null: the steps are over). */
export function stepAfter(steps: readonly ProcessStep[], current: Step, action: StepAction): Step | null {
  if (action === 'send_back') return 'process';
  if (action === 'assign' || action === 'pick') return 'process';
  if (action === 'return_result') return null;
  const i = steps.findIndex((x) => x.step === current);
  return steps[i + 1]?.step ?? null;
}

/** The portal status after a step action (the steps live inside the statuses). */
export function statusAfter(status: Status, action: StepAction): Status {
  if ((action === 'assign' || action === 'pick') && status === 'received') return 'in_processing';
  if (action === 'approve') return 'processed';
  if (action === 'return_result') return 'returned';
  return status;
}

/** The statuses in which each step's actions may be taken (the clock stops in the others: supplement, payment…). */
export function statusAllowsStep(status: Status, action: StepAction): boolean {
  if (action === 'return_result') return status === 'processed';
  if (action === 'assign' || action === 'pick') return status === 'received' || status === 'in_processing';
  return status === 'in_processing';
}

/** The step actions the actor may take now (for the web to show). */
export function stepActionsFor(s: StepState, actor: StepActor): StepAction[] {
  return STEP_ACTIONS.filter((a) => {
    if (!statusAllowsStep(s.status, a)) return false;
    // Inputs the caller will give: judge the rest.
    const p = stepProblem(s, a, actor, {
      assignee: { username: '', unitRoles: ['specialist'] },
      reason: 'x'.repeat(MIN_REASON_LENGTH),
      result: { number: '1', date: '2000-01-01', signer: 'x', hasFile: true },
    });
    return p === null && !(a === 'pick' && s.assigneeUsername === actor.username);
  });
}

/**
 * In a unit that works with personal accounts the old one-click lifecycle actions that would skip the steps are
 * closed: the result comes only from a leader's approval and is returned with it. (`start_processing` stays: it
 * skips no one, and the dossier waits in the unit's queue for a specialist.)
 */
export const SKIPPING_ACTIONS = ['complete', 'return_result'] as const;

/**
 * Who records that the applicant brought the missing papers (the lifecycle's `supplement_received`) on a dossier worked
 * in steps. The papers come back where the dossier was handed in, at the one-stop (Decree 61/2018 Art. 17–19: the
 * receipt, Form 02 and its completion), so the roles of the process's `receive` step record them, beside the
 * specialist and the leader who hold the dossier. Read from the dossier's own process (data): a province that gives
 * its receiving step to other roles changes who records the supplement too. The unit's own account (no unit roles)
 * does the counter's work and may.
 */
export function supplementReceivers(process: readonly ProcessStep[]): StepRole[] {
  const receive = stepOf(process, 'receive')?.roles ?? ['receiving'];
  return [...new Set<StepRole>([...receive, 'specialist', 'leader'])];
}

export const maySupplementReceived = (process: readonly ProcessStep[], actor: StepActor) =>
  !isPerson(actor) || hasRole(actor, supplementReceivers(process));
