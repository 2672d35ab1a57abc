// Bridge points: the list, the live board, the silent ones, and the check-ins reported from each hall.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { send } from '../../../db/pipeline.js';
import { invalid, notFound } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { recordAudit } from '../../audit/index.js';
import {
  applyCheckIn,
  checkInWindowProblem,
  countByState,
  type BridgeState,
  type BridgeStatus,
  type CheckInState,
} from '../domain/bridges.js';
import { bridgePlace, mayReadEvent, mustTraining } from '../policy.js';
import { publishChange } from '../live.js';
import { trainingBridges, trainingCheckIns, trainingEvents } from '../schema.js';
import type { BridgeChange } from '../contract.js';
import {
  CHECK_IN_OPENS_MINUTES,
  CHECK_IN_CLOSES_MINUTES,
  DEVICE_CLOCK_SLACK_MS,
  type BridgeRow,
  bridgeScope,
  bridgeOut,
  loadEvent,
  loadEventForUnits,
} from './common.js';

export interface BridgesQuery {
  province?: string;
  state?: BridgeState;
  kind?: 'host' | 'province' | 'commune';
  page?: number;
  pageSize?: number;
}

export async function listBridges(db: Db, actor: Actor, id: string, q: BridgesQuery) {
  await loadEventForUnits(db, actor, id);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const where = and(
    eq(trainingBridges.eventId, id),
    bridgeScope(actor),
    q.province ? eq(trainingBridges.provinceCode, q.province) : undefined,
    q.state ? eq(trainingBridges.state, q.state) : undefined,
    q.kind ? eq(trainingBridges.kind, q.kind) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(trainingBridges)
      .where(where)
      .orderBy(
        sql`${trainingBridges.kind} = 'host' DESC, ${trainingBridges.kind} = 'province' DESC`,
        asc(trainingBridges.unitCode),
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(trainingBridges).where(where),
  ]);
  return { items: rows.map(bridgeOut), total: total?.n ?? 0, page, pageSize };
}

/**
 * The host's map: counts by state, and each province with its communes' states in code order (the map's tiles);
 * the caller's scope only.
 */
export async function board(db: Db, actor: Actor, id: string) {
  await loadEventForUnits(db, actor, id);
  const rows = await db
    .select({
      unitCode: trainingBridges.unitCode,
      provinceCode: trainingBridges.provinceCode,
      kind: trainingBridges.kind,
      state: trainingBridges.state,
      name: trainingBridges.name,
    })
    .from(trainingBridges)
    .where(and(eq(trainingBridges.eventId, id), bridgeScope(actor)))
    .orderBy(asc(trainingBridges.unitCode));
  let hostCode: string | null = null;
  const provinces = new Map<
    string,
    { provinceCode: string; name: string; states: BridgeState[]; communes: { unitCode: string; state: BridgeState }[] }
  >();
  const provinceOf = (code: string) => {
    let p = provinces.get(code);
    if (!p) provinces.set(code, (p = { provinceCode: code, name: code, states: [], communes: [] }));
    return p;
  };
  for (const r of rows) {
    if (r.kind === 'host') hostCode = r.unitCode;
    if (r.provinceCode === null) continue;
    const p = provinceOf(r.provinceCode);
    p.states.push(r.state);
    if (r.kind === 'commune') p.communes.push({ unitCode: r.unitCode, state: r.state });
    else p.name = r.name;
  }
  // a commune sees its own bridge only: its province's tile still carries the province's name, never its code
  const unnamed = [...provinces.values()].filter((p) => p.name === p.provinceCode).map((p) => p.provinceCode);
  if (unnamed.length) {
    const named = await db
      .select({ code: trainingBridges.unitCode, name: trainingBridges.name })
      .from(trainingBridges)
      .where(and(eq(trainingBridges.eventId, id), inArray(trainingBridges.unitCode, unnamed)));
    for (const n of named) provinces.get(n.code)!.name = n.name;
  }
  let host = null;
  if (hostCode) {
    const [h] = await db
      .select()
      .from(trainingBridges)
      .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, hostCode)));
    host = h ? bridgeOut(h) : null;
  }
  return {
    host,
    byState: countByState(rows.map((r) => r.state)),
    provinces: [...provinces.values()]
      .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode))
      .map((p) => ({
        provinceCode: p.provinceCode,
        name: p.name,
        byState: countByState(p.states),
        communes: p.communes,
      })),
  };
}

/** The communes (and provinces) not heard from yet, by province, with their hall, officer and phone to call. */
export async function silentBridges(db: Db, actor: Actor, id: string, q: { province?: string }) {
  await loadEventForUnits(db, actor, id);
  const rows = await db
    .select()
    .from(trainingBridges)
    .where(
      and(
        eq(trainingBridges.eventId, id),
        bridgeScope(actor),
        eq(trainingBridges.state, 'silent'),
        q.province ? eq(trainingBridges.provinceCode, q.province) : undefined,
      ),
    )
    .orderBy(asc(trainingBridges.provinceCode), asc(trainingBridges.unitCode));
  const names = new Map(
    (
      await db
        .select({ code: trainingBridges.unitCode, name: trainingBridges.name })
        .from(trainingBridges)
        .where(and(eq(trainingBridges.eventId, id), inArray(trainingBridges.kind, ['province', 'host'])))
    ).map((r) => [r.code, r.name]),
  );
  const byProvince = new Map<string, ReturnType<typeof bridgeOut>[]>();
  for (const r of rows) {
    const key = r.provinceCode ?? '';
    if (!byProvince.has(key)) byProvince.set(key, []);
    byProvince.get(key)!.push(bridgeOut(r));
  }
  return {
    provinces: [...byProvince.entries()].map(([code, silent]) => ({
      provinceCode: code,
      name: names.get(code) ?? code,
      silent,
    })),
    total: rows.length,
  };
}

export interface CheckInInput {
  state: CheckInState;
  passed?: boolean;
  note?: string;
  at?: string;
  clientRef?: string;
}

/** A report sent again with a clientRef already logged: the transaction is rolled back, nothing changes. */
class Replayed extends Error {
  constructor(readonly bridge: BridgeRow) {
    super('replayed');
  }
}

/**
 * A bridge reports: its connection test, connected, trouble, left. Sent by the unit's own account (a commune only for
 * its own bridge; a province for its own and its communes'; the Ministry for any). Pressed twice, or sent again from
 * the device's queue with the same clientRef, it changes nothing the second time. Published to the live maps after
 * the commit.
 *
 * Lean, since every bridge of the country checks in within minutes on the morning of a national event (issue #17):
 * the event is read with the bridge it locks (one round trip; the event alone only to tell which of the two is
 * missing), then the report's log row, the bridge's new state and its audit entry go out together (pipelined); a
 * report already logged under its clientRef rolls the three back.
 */
export async function checkIn(
  db: Db,
  actor: Actor,
  id: string,
  unitCode: string,
  input: CheckInInput,
  clock: DeadlineClock,
) {
  const now = clock.now();
  const at = input.at ? new Date(input.at) : now;
  const checkReport = (e: { startsAt: Date; endsAt: Date }) => {
    if (at.getTime() > now.getTime() + DEVICE_CLOCK_SLACK_MS) throw invalid('at', 'training_at_in_future');
    const window = checkInWindowProblem(input.state, at, e, {
      opensMinutes: CHECK_IN_OPENS_MINUTES,
      closesMinutes: CHECK_IN_CLOSES_MINUTES,
    });
    if (window === 'too_early')
      throw invalid('state', 'training_check_in_too_early', { hours: CHECK_IN_OPENS_MINUTES / 60 });
    if (window === 'too_late') throw invalid('at', 'training_check_in_closed');
    if (input.state === 'tested' && input.passed === false && !input.note?.trim())
      throw invalid('note', 'training_failed_test_needs_note');
  };
  let result: { bridge: BridgeRow; applied: boolean; change: BridgeChange | null };
  try {
    result = await db.transaction(async (tx) => {
      const [row] = await tx
        .select({
          bridge: trainingBridges,
          host: trainingEvents.provinceCode,
          startsAt: trainingEvents.startsAt,
          endsAt: trainingEvents.endsAt,
        })
        .from(trainingBridges)
        .innerJoin(trainingEvents, eq(trainingEvents.id, trainingBridges.eventId))
        .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, unitCode)))
        .for('update', { of: trainingBridges });
      if (!row) {
        // the event unseen or missing (404 of the event), the report refused, or no such bridge: as before
        checkReport(await loadEvent(tx, actor, id));
        throw notFound('training_bridge', { code: unitCode });
      }
      if (!mayReadEvent(actor, row.host)) throw notFound('training_event');
      checkReport(row);
      const b = row.bridge;
      mustTraining('check_in', actor, bridgePlace(b));
      const before: BridgeStatus = {
        state: b.state,
        lastAt: b.lastAt,
        connectedAt: b.connectedAt,
        reconnects: b.reconnects,
        testResult: b.testResult,
      };
      const next = applyCheckIn(before, { state: input.state, passed: input.passed, at });
      const applied = next !== before;
      const logged = send(
        input.clientRef
          ? tx
              .insert(trainingCheckIns)
              .values(logRow(b, input, at, now, actor))
              .onConflictDoNothing()
              .returning({ id: trainingCheckIns.id })
          : tx
              .insert(trainingCheckIns)
              .values(logRow(b, input, at, now, actor))
              .returning({ id: trainingCheckIns.id }),
      );
      if (!applied) {
        if (!(await logged).length) throw new Replayed(b);
        return { bridge: b, applied, change: null };
      }
      const note = input.note?.trim() || null;
      const updating = send(
        tx
          .update(trainingBridges)
          .set({
            state: next.state,
            lastAt: next.lastAt,
            connectedAt: next.connectedAt,
            reconnects: next.reconnects,
            testResult: next.testResult,
            ...(input.state === 'tested' ? { testNote: note } : { note }),
            updatedAt: now,
          })
          .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, unitCode)))
          .returning(),
      );
      const auditing = recordAudit(tx, actor, {
        action: 'check_in',
        entity: 'training_bridge',
        entityId: `${id}/${unitCode}`,
        provinceCode: b.provinceCode,
        unitCode,
        before: { state: b.state },
        after: { state: next.state, report: input.state, passed: input.passed ?? null, at: at.toISOString() },
      });
      const [log, [updated]] = await Promise.all([logged, updating, auditing]);
      if (!log.length) throw new Replayed(b);
      const change: BridgeChange | null =
        b.state === next.state
          ? null
          : { unitCode, provinceCode: b.provinceCode, from: b.state, to: next.state, at: now.toISOString() };
      return { bridge: updated!, applied, change };
    });
  } catch (err) {
    if (!(err instanceof Replayed)) throw err;
    result = { bridge: err.bridge, applied: false, change: null };
  }
  if (result.change) publishChange(id, { ...result.change, at: new Date().toISOString() });
  return { bridge: bridgeOut(result.bridge), applied: result.applied };
}

const logRow = (b: BridgeRow, input: CheckInInput, at: Date, now: Date, actor: Actor) => ({
  eventId: b.eventId,
  provinceCode: b.provinceCode,
  unitCode: b.unitCode,
  state: input.state,
  passed: input.state === 'tested' ? input.passed !== false : null,
  note: input.note?.trim() || null,
  at,
  receivedAt: now,
  username: actor.username,
  clientRef: input.clientRef ?? null,
});
