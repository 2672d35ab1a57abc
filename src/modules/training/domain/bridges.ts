/**
 * The bridge points of a training conference and their live state. Pure: no database, no clock.
 *
 * A national conference is held by the Ministry: its main bridge, then every province and every commune in force on
 * the event's date (1 + 34 + 3,321 = 3,356 points). A province's own conference: its main bridge (the province itself)
 * and its communes.
 */

export const BRIDGE_KINDS = ['host', 'province', 'commune'] as const;
export type BridgeKind = (typeof BRIDGE_KINDS)[number];

/** What a bridge reports (the check-in route's `state`). */
export const CHECK_IN_STATES = ['tested', 'connected', 'trouble', 'left'] as const;
export type CheckInState = (typeof CHECK_IN_STATES)[number];

/** The state the host's map shows: silent until the bridge reports anything. */
export const BRIDGE_STATES = ['silent', 'tested', 'connected', 'trouble', 'left'] as const;
export type BridgeState = (typeof BRIDGE_STATES)[number];

/** The Ministry's main bridge code (it is no unit of the registry). */
export const MINISTRY_BRIDGE = 'BNV';

export interface RegistryUnit {
  code: string;
  level: 'province' | 'commune';
  provinceCode: string;
  name: string;
  fullName: string | null;
  address: string | null;
  phone: string | null;
  chairName: string | null;
}

export interface LaidBridge {
  unitCode: string;
  /** null for the Ministry's main bridge: it belongs to no province */
  provinceCode: string | null;
  kind: BridgeKind;
  name: string;
  hall: string | null;
  officer: string | null;
  phone: string | null;
}

/**
 * The points of an event, host first, then provinces and communes by code. `hostProvince`: the province holding its
 * own event (null: the Ministry, for the whole country). `units` are the registry's units in force on the event's
 * date; units outside the host's province are left out.
 */
export function layOutBridges(hostProvince: string | null, units: readonly RegistryUnit[]): LaidBridge[] {
  const toBridge = (u: RegistryUnit, kind: BridgeKind): LaidBridge => ({
    unitCode: u.code,
    provinceCode: u.provinceCode,
    kind,
    name: u.fullName ?? u.name,
    hall: u.address,
    officer: u.chairName,
    phone: u.phone,
  });
  const byCode = (a: RegistryUnit, b: RegistryUnit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  if (hostProvince === null) {
    const host: LaidBridge = {
      unitCode: MINISTRY_BRIDGE,
      provinceCode: null,
      kind: 'host',
      name: 'Bộ Nội vụ',
      hall: 'Trụ sở Bộ Nội vụ, 8 Tôn Thất Thuyết, Hà Nội',
      officer: null,
      phone: null,
    };
    const provinces = units.filter((u) => u.level === 'province').sort(byCode);
    const communes = units.filter((u) => u.level === 'commune').sort(byCode);
    return [host, ...provinces.map((u) => toBridge(u, 'province')), ...communes.map((u) => toBridge(u, 'commune'))];
  }
  const province = units.find((u) => u.level === 'province' && u.code === hostProvince);
  if (!province) return [];
  const communes = units.filter((u) => u.level === 'commune' && u.provinceCode === hostProvince).sort(byCode);
  return [toBridge(province, 'host'), ...communes.map((u) => toBridge(u, 'commune'))];
}

export interface BridgeStatus {
  state: BridgeState;
  /** the device time of the check-in that set the state */
  lastAt: Date | null;
  connectedAt: Date | null;
  reconnects: number;
  testResult: 'passed' | 'failed' | null;
}

export interface CheckIn {
  state: CheckInState;
  /** connection test only: false = failed (with a note) */
  passed?: boolean;
  at: Date;
}

/**
 * A check-in applied to a bridge. The latest report (by the time it was made on the device) sets the state, so a
 * phone sending its queue late does not overwrite a newer report; a connection test never downgrades a bridge that
 * is connected. A failed test puts the bridge in trouble (someone has to call it). A bridge connecting again after
 * trouble or leaving counts a reconnection.
 */
export function applyCheckIn(current: BridgeStatus, c: CheckIn): BridgeStatus {
  const stale = current.lastAt !== null && c.at.getTime() < current.lastAt.getTime();
  if (c.state === 'tested') {
    const testResult = c.passed === false ? 'failed' : 'passed';
    if (stale) return current;
    if (current.state === 'connected') return { ...current, testResult };
    return { ...current, testResult, state: testResult === 'passed' ? 'tested' : 'trouble', lastAt: c.at };
  }
  if (stale) return current;
  if (c.state === 'connected') {
    const again = current.connectedAt !== null && current.state !== 'connected';
    return {
      ...current,
      state: 'connected',
      lastAt: c.at,
      connectedAt: current.connectedAt ?? c.at,
      reconnects: current.reconnects + (again ? 1 : 0),
    };
  }
  return { ...current, state: c.state, lastAt: c.at };
}

/** Counts by map state, every state present (0 when none). */
export function countByState(states: Iterable<BridgeState>): Record<BridgeState, number> {
  const out = Object.fromEntries(BRIDGE_STATES.map((s) => [s, 0])) as Record<BridgeState, number>;
  for (const s of states) out[s]++;
  return out;
}

/**
 * When a bridge may report. A connection test any time until the session ends; connected, trouble and left from
 * `opensMinutes` before the start (the morning's connection) until `closesMinutes` after the end. Times are the
 * device's: a phone that was offline sends its reports later, with the time they were made.
 */
export function checkInWindowProblem(
  state: CheckInState,
  at: Date,
  event: { startsAt: Date; endsAt: Date },
  opts: { opensMinutes: number; closesMinutes: number },
): 'too_early' | 'too_late' | null {
  const closes = event.endsAt.getTime() + opts.closesMinutes * 60_000;
  if (at.getTime() > closes) return 'too_late';
  if (state === 'tested') return null;
  if (at.getTime() < event.startsAt.getTime() - opts.opensMinutes * 60_000) return 'too_early';
  return null;
}
