/**
 * The life of an archive hand-over after the 2025 rearrangement (Law on Archives 33/2024/QH15, in force 1/7/2025: the
 * archive of a dissolved or merged body goes to the body that takes over its tasks; the hand-over is made on an
 * inventory and recorded in minutes signed by both sides). Article numbers are not in the legal brief: see
 * docs/archives.md ("unconfirmed").
 *
 * not_started → inventoried → handed_over → received | received_with_shortfalls → received
 */
export const HANDOVER_STATES = [
  'not_started',
  'inventoried',
  'handed_over',
  'received_with_shortfalls',
  'received',
] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

export const HANDOVER_ACTIONS = ['inventory', 'hand_over', 'receive', 'resolve_shortfalls'] as const;
export type HandoverAction = (typeof HANDOVER_ACTIONS)[number];

export const FORMER_LEVELS = ['commune', 'district', 'province'] as const;
export type FormerLevel = (typeof FORMER_LEVELS)[number];

/** From which states each action may be taken (an inventory may be corrected until the archive is handed over). */
const FROM: Record<HandoverAction, readonly HandoverState[]> = {
  inventory: ['not_started', 'inventoried'],
  hand_over: ['inventoried'],
  receive: ['handed_over'],
  resolve_shortfalls: ['received_with_shortfalls'],
};

export const allowedHandoverActions = (state: HandoverState): HandoverAction[] =>
  HANDOVER_ACTIONS.filter((a) => FROM[a].includes(state));

/** The state after the action, or null when the action is not allowed in this state. */
export function nextHandoverState(
  state: HandoverState,
  action: HandoverAction,
  shortfalls: readonly unknown[] = [],
): HandoverState | null {
  if (!FROM[action].includes(state)) return null;
  switch (action) {
    case 'inventory':
      return 'inventoried';
    case 'hand_over':
      return 'handed_over';
    case 'receive':
      return shortfalls.length ? 'received_with_shortfalls' : 'received';
    case 'resolve_shortfalls':
      return 'received';
  }
}

/** What the archive holds: shelving, boxes, files, the years covered, permanent and fixed-term files. */
export interface Extent {
  shelfMetres: number;
  boxes: number;
  files: number;
  yearFrom: number;
  yearTo: number;
  permanentFiles: number;
  fixedTermFiles: number;
}

export interface Problem {
  field: string;
  detail: string;
}

/** The earliest year an archive of the units of the Democratic Republic can cover. */
const FIRST_YEAR = 1945;

export function extentProblems(e: Extent, thisYear: number): Problem[] {
  const out: Problem[] = [];
  if (e.yearFrom < FIRST_YEAR || e.yearFrom > thisYear)
    out.push({ field: 'extent.yearFrom', detail: `${FIRST_YEAR} – ${thisYear}` });
  if (e.yearTo < e.yearFrom || e.yearTo > thisYear)
    out.push({ field: 'extent.yearTo', detail: `${e.yearFrom} – ${thisYear}` });
  // Each file is kept either permanently or for a fixed term: the two counts make up the files.
  if (e.permanentFiles + e.fixedTermFiles !== e.files)
    out.push({ field: 'extent.fixedTermFiles', detail: `permanent + fixed-term = ${e.files}` });
  if (e.files > 0 && e.boxes === 0 && e.shelfMetres === 0)
    out.push({ field: 'extent.boxes', detail: 'files need boxes or shelving' });
  return out;
}

export interface Signatory {
  side: 'handing' | 'receiving';
  name: string;
  position: string;
}

export interface HandoverRecord {
  handedOverOn: string;
  recordNumber: string;
  signatories: Signatory[];
}

/**
 * The minutes are signed by both sides: at least one signatory for the side handing over and one for the side
 * receiving. The date is not in the future; the work began with the rearrangement plans in 2025.
 */
export function recordProblems(r: HandoverRecord, today: string): Problem[] {
  const out: Problem[] = [];
  if (r.handedOverOn > today) out.push({ field: 'handedOverOn', detail: `≤ ${today}` });
  if (r.handedOverOn < '2025-01-01') out.push({ field: 'handedOverOn', detail: '≥ 2025-01-01' });
  if (!r.recordNumber.trim()) out.push({ field: 'recordNumber', detail: 'required' });
  for (const side of ['handing', 'receiving'] as const)
    if (!r.signatories.some((s) => s.side === side && s.name.trim()))
      out.push({ field: 'signatories', detail: `a signatory of the ${side} side` });
  return out;
}

export interface Shortfall {
  description: string;
  files: number;
}

export function receiptProblems(
  receivedOn: string,
  handedOverOn: string | null,
  today: string,
  shortfalls: readonly Shortfall[],
): Problem[] {
  const out: Problem[] = [];
  if (receivedOn > today) out.push({ field: 'receivedOn', detail: `≤ ${today}` });
  if (handedOverOn && receivedOn < handedOverOn) out.push({ field: 'receivedOn', detail: `≥ ${handedOverOn}` });
  shortfalls.forEach((s, i) => {
    if (!s.description.trim()) out.push({ field: `shortfalls.${i}.description`, detail: 'required' });
  });
  return out;
}
