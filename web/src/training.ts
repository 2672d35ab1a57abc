/**
 * The training conferences in the web app: who sees what, the states' colours, and the bridge's outbox on the device
 * (a check-in pressed on a weak connection is kept and sent when the connection returns, like the visit log).
 */
import type { Role } from './api';
import type {
  BridgeT,
  BoardT,
  EventDetailT,
  EventSummaryT,
  CheckInBodyT,
  MyEventT,
} from '../../src/modules/training/contract';

export type { BridgeT, BoardT, EventDetailT, EventSummaryT, MyEventT };
export type BridgeState = BridgeT['state'];
export const STATES: BridgeState[] = ['connected', 'tested', 'trouble', 'left', 'silent'];
export const STATE_COLOUR: Record<BridgeState, string> = {
  connected: '#1b7f3b',
  tested: '#2f6fb3',
  trouble: '#c0392b',
  left: '#8e8e8e',
  silent: '#e0b300',
};

export const canHost = (role: Role) => role === 'admin' || role === 'ministry' || role === 'province';

export interface QueuedCheckIn {
  eventId: string;
  unitCode: string;
  body: CheckInBodyT & { at: string; clientRef: string };
  lastError?: string;
}

const OUTBOX = 'haicap.trainingOutbox';

export function loadOutbox(): QueuedCheckIn[] {
  try {
    return JSON.parse(localStorage.getItem(OUTBOX) ?? '[]') as QueuedCheckIn[];
  } catch {
    return [];
  }
}

export function saveOutbox(items: QueuedCheckIn[]) {
  try {
    localStorage.setItem(OUTBOX, JSON.stringify(items));
  } catch {
    /* storage unavailable: the report stays in memory only */
  }
}

export const newRef = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
