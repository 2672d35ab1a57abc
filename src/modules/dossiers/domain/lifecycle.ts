/**
 * The dossier lifecycle of the one-stop shop (Decree 61/2018 Art. 17–21, Decree 118/2025 Art. 21),
 * with the status codes used by the national public service portal integrations:
 * 1 registered, 2 received, 3 not accepted, 4 in processing, 5 supplement requested,
 * 6 financial obligation, 7 withdrawal requested, 8 stopped, 9 processed, 10 result returned.
 * "Overdue" is not a status: it is derived from the end time and the due date.
 */
export const STATUSES = [
  'registered',
  'received',
  'not_accepted',
  'in_processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
  'stopped',
  'processed',
  'returned',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_CODE: Record<Status, number> = Object.fromEntries(STATUSES.map((s, i) => [s, i + 1])) as Record<
  Status,
  number
>;

export const CHANNELS = ['in_person', 'online', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The citizen's satisfaction once the result is ready (index 766). */
export const RATINGS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const ACTIONS = [
  'accept', // an online registration is checked and received (Form 01)
  'refuse', // not accepted / reasoned refusal (Form 03)
  'start_processing',
  'request_supplement', // Form 02: the clock stops
  'supplement_received', // the clock restarts from zero
  'request_payment',
  'payment_received',
  'request_withdrawal', // the applicant asks to withdraw
  'stop', // "Thông báo dừng giải quyết hồ sơ"
  'transfer', // hand the dossier to the competent unit
  'complete', // result ready
  'return_result',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Which actions each status allows, and where they lead (`transfer` keeps the status). */
const TRANSITIONS: Record<Status, Partial<Record<Action, Status>>> = {
  registered: {
    accept: 'received',
    refuse: 'not_accepted',
    request_supplement: 'supplement_requested',
    request_withdrawal: 'withdrawal_requested',
  },
  received: {
    start_processing: 'in_processing',
    request_supplement: 'supplement_requested',
    refuse: 'not_accepted',
    transfer: 'received',
    request_withdrawal: 'withdrawal_requested',
    complete: 'processed',
  },
  in_processing: {
    request_supplement: 'supplement_requested',
    request_payment: 'financial_obligation',
    refuse: 'not_accepted',
    transfer: 'in_processing',
    request_withdrawal: 'withdrawal_requested',
    complete: 'processed',
  },
  supplement_requested: {
    supplement_received: 'in_processing',
    request_withdrawal: 'withdrawal_requested',
    refuse: 'not_accepted',
  },
  financial_obligation: { payment_received: 'in_processing', request_withdrawal: 'withdrawal_requested' },
  withdrawal_requested: { stop: 'stopped' },
  not_accepted: {},
  stopped: {},
  processed: { return_result: 'returned' },
  returned: {},
};

export function allowedActions(status: Status): Action[] {
  return Object.keys(TRANSITIONS[status]) as Action[];
}

/** The status after `action`, or null when the law does not allow it from `status`. */
export function nextStatus(status: Status, action: Action): Status | null {
  return TRANSITIONS[status][action] ?? null;
}

/** Statuses in which the dossier is still being handled (counts toward the backlog). */
export const OPEN_STATUSES: Status[] = [
  'registered',
  'received',
  'in_processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
];
export const isOpen = (s: Status) => OPEN_STATUSES.includes(s);

/** Waiting in the intake queue (not yet taken up by a handler): the boards' "queue" figure. */
export const QUEUE_STATUSES: Status[] = ['registered', 'received'];
export const inQueue = (s: Status) => QUEUE_STATUSES.includes(s);

/** Ended by a decision or a stop: the end time that the on-time rate compares with the due date. */
export const isFinished = (s: Status) =>
  s === 'processed' || s === 'returned' || s === 'not_accepted' || s === 'stopped';

/** The clock runs while the agency holds the dossier; it stops while the applicant has to act. */
export const clockRuns = (s: Status) => s === 'received' || s === 'in_processing' || s === 'financial_obligation';

/** Working days from receipt within which the agency may ask for a supplement (Decree 61/2018 Art. 19). */
export const SUPPLEMENT_REQUEST_WORKING_DAYS = 3;

/** A supplement request made on `today` is late when the last day to ask (`supplementDueDate`) has passed. */
export const supplementRequestLate = (supplementDueDate: string | null, today: string) =>
  supplementDueDate !== null && today > supplementDueDate;

/**
 * Overdue (index 766, brief §B): a dossier ended after its (possibly rescheduled) due date, or still open past it
 * at `today`; more than one supplement request after receipt also counts as overdue. A supplement request made after
 * the 3 working days the agency had to ask (Decree 61/2018 Art. 19) is recorded and shown (`lateSupplementCount`) but
 * is no cause of its own: the formula names none (docs/deadlines.md).
 */
export function isOverdue(
  d: { dueDate: string | null; finishedOn: string | null; supplementCount: number },
  today: string,
): boolean {
  if (d.supplementCount > 1) return true;
  if (!d.dueDate) return false;
  return (d.finishedOn ?? today) > d.dueDate;
}

/**
 * The apology with a new date (Form 04): once only, issued at the latest on `latestApologyDay`
 * (one day before the deadline), with a new date after the current one, on a working day (the result is
 * returned when the office is open; Decree 61/2018 Art. 19(9), Art. 20).
 */
export function apologyProblem(
  d: { status: Status; dueDate: string | null; apologyIssued: boolean },
  today: string,
  latestApologyDay: string,
  newDueDate: string,
  isWorkingDay: (date: string) => boolean,
): 'already_issued' | 'too_late' | 'not_open' | 'date_not_later' | 'date_not_working_day' | null {
  if (!isOpen(d.status) || !d.dueDate) return 'not_open';
  if (d.apologyIssued) return 'already_issued';
  if (today > latestApologyDay) return 'too_late';
  if (newDueDate <= d.dueDate) return 'date_not_later';
  if (!isWorkingDay(newDueDate)) return 'date_not_working_day';
  return null;
}
