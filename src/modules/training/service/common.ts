// What the training service's sections share: the check-in window, the scopes, a bridge as sent, an event loaded.
import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { bulkInsert } from '../../../db/bulk.js';
import type { LaidBridge } from '../domain/bridges.js';
import { notFound } from '../../../core/errors.js';
import { scopeWhere, type Actor } from '../../../core/scope.js';
import { requiredMinutes, sessionMinutes } from '../domain/attendance.js';
import { mayReadEvent, mustTraining, seesOwnEventsOnly } from '../policy.js';
import { personInAudienceSql } from '../../workforce/index.js';
import { trainingAttendees, trainingBridges, trainingEvents } from '../schema.js';

/** Settings of the check-in window (documented in docs/trainings.md). */
export const CHECK_IN_OPENS_MINUTES = 180;
export const CHECK_IN_CLOSES_MINUTES = 60;
/** A device's clock may run ahead of the server's this much; later reports are refused. */
export const DEVICE_CLOCK_SLACK_MS = 5 * 60_000;

export type EventRow = typeof trainingEvents.$inferSelect;
export type BridgeRow = typeof trainingBridges.$inferSelect;

export const bridgeScope = (actor: Actor) =>
  scopeWhere(actor, { provinceCode: trainingBridges.provinceCode, unitCode: trainingBridges.unitCode });
export const attendeeScope = (actor: Actor) =>
  scopeWhere(actor, { provinceCode: trainingAttendees.provinceCode, unitCode: trainingAttendees.unitCode });

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function bridgeOut(b: BridgeRow) {
  return {
    unitCode: b.unitCode,
    provinceCode: b.provinceCode,
    kind: b.kind,
    name: b.name,
    hall: b.hall,
    officer: b.officer,
    phone: b.phone,
    state: b.state,
    testResult: b.testResult,
    testNote: b.testNote,
    note: b.note,
    lastAt: iso(b.lastAt),
    connectedAt: iso(b.connectedAt),
    reconnects: b.reconnects,
  };
}

export const ruleOf = (e: EventRow) => ({
  sessionMinutes: sessionMinutes(e),
  requiredMinutes: requiredMinutes(e, e.attendShare),
  share: e.attendShare,
});

/** The events that are a person's own: registered for, or named by the audience (a staff account sees only these). */
export function ownEvents(db: Db, actor: Actor): SQL {
  if (!actor.personId) return sql`false`;
  return or(
    exists(
      db
        .select({ one: sql`1` })
        .from(trainingAttendees)
        .where(and(eq(trainingAttendees.eventId, trainingEvents.id), eq(trainingAttendees.personId, actor.personId))),
    ),
    personInAudienceSql(actor.personId, trainingEvents.audience, trainingEvents.provinceCode),
  )!;
}

/**
 * The event, if the actor may see it: a province's own event is not found elsewhere, and for a staff account an event
 * that is not its own is not found under any of its pages (the probe of 2026-12-07 read the attendance of events the
 * event's own page hid).
 */
export async function loadEvent(db: Db, actor: Actor, id: string): Promise<EventRow> {
  const [e] = await db
    .select()
    .from(trainingEvents)
    .where(and(eq(trainingEvents.id, id), seesOwnEventsOnly(actor) ? ownEvents(db, actor) : undefined));
  if (!e || !mayReadEvent(actor, e.provinceCode)) throw notFound('training_event');
  return e;
}

/**
 * The event, for a page of the units' work on it (its attendance, bridges, board, silent list, report, questions): a
 * staff account's own event is found, and these pages are still refused to it (403; its own attendance: /mine).
 */
export async function loadEventForUnits(db: Db, actor: Actor, id: string): Promise<EventRow> {
  const e = await loadEvent(db, actor, id);
  mustTraining('read_bridges', actor);
  return e;
}

/** Writes the bridges laid out for an event (on creation, and those a new day's registry adds on editing). */
export async function insertBridges(db: Db, eventId: string, laid: readonly LaidBridge[]) {
  await bulkInsert(
    db,
    'training_bridges',
    {
      event_id: 'uuid',
      unit_code: 'text',
      province_code: 'text',
      kind: 'text',
      name: 'text',
      hall: 'text',
      officer: 'text',
      phone: 'text',
    },
    laid.map((b) => ({
      event_id: eventId,
      unit_code: b.unitCode,
      province_code: b.provinceCode,
      kind: b.kind,
      name: b.name,
      hall: b.hall,
      officer: b.officer,
      phone: b.phone,
    })),
  );
}
