/**
 * The life of a recommendation (phản ánh, kiến nghị). Pure: who may do what, and where it goes.
 *
 * Rules chosen:
 * 1. Routing: an item raised by a commune goes to its province; one raised by a province, or by a
 *    reinforcement officer (who reports up what is beyond the authority of the locality), goes to the Ministry.
 * 2. The holding level may answer (citing a legal basis), send it back to the asker for more
 *    information (the clock stops), or — the province only — forward it up to the Ministry.
 * 3. When it arrives at a level (raised, forwarded, information provided, reopened) a new time limit of
 *    N working days starts there (N: the field's setting, 15 by default — the PAKN limit of index 766).
 * 4. The asker accepts the answer (the item closes) or reopens it with a reason: it goes back to the
 *    level that answered, with a new time limit.
 * 5. The Ministry publishes answered items to the knowledge base, readable by every signed-in user.
 */
export const FIELDS = [
  'personnel',
  'organisation',
  'procedures',
  'decentralisation',
  'it_infrastructure',
  'policy_regimes',
  'archives',
  'other',
] as const;
export type Field = (typeof FIELDS)[number];

export const STATUSES = ['pending', 'info_requested', 'answered', 'accepted'] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = ['answer', 'forward', 'request_info', 'provide_info', 'accept', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];

export type Level = 'province' | 'ministry';
export type AskerKind = 'commune' | 'province' | 'officer';
export const URGENCIES = ['normal', 'urgent'] as const;

/** Who acts: the level holding the item, or the asker. */
export const ACTOR_OF: Record<Action, 'holder' | 'asker'> = {
  answer: 'holder',
  forward: 'holder',
  request_info: 'holder',
  provide_info: 'asker',
  accept: 'asker',
  reopen: 'asker',
};

const TRANSITIONS: Record<Status, Partial<Record<Action, Status>>> = {
  pending: { answer: 'answered', forward: 'pending', request_info: 'info_requested' },
  info_requested: { provide_info: 'pending' },
  answered: { accept: 'accepted', reopen: 'pending' },
  accepted: {},
};

export const firstLevel = (asker: AskerKind): Level => (asker === 'commune' ? 'province' : 'ministry');

export function nextStatus(status: Status, action: Action, level: Level): Status | null {
  if (action === 'forward' && level !== 'province') return null; // the Ministry is the top
  return TRANSITIONS[status][action] ?? null;
}

export function allowedActions(status: Status, level: Level): Action[] {
  return ACTIONS.filter((a) => nextStatus(status, a, level) !== null);
}

/** The level the item is held at after an action. */
export function levelAfter(action: Action, level: Level, answeredLevel: Level | null): Level {
  if (action === 'forward') return 'ministry';
  if (action === 'reopen' && answeredLevel) return answeredLevel;
  return level;
}

/** Actions that start a new answer time limit at the (new) level. */
export const startsClock = (action: Action) => action === 'forward' || action === 'provide_info' || action === 'reopen';

export const isOpen = (status: Status) => status === 'pending' || status === 'info_requested';
export const isPublishable = (status: Status) => status === 'answered' || status === 'accepted';
