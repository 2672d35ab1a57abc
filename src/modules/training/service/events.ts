// Training events: created with their bridge points and audience, listed, read with their figures.
import { and, count, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden, invalid } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { vietnamLocal } from '../../../core/calendar/dates.js';
import { recordAudit } from '../../audit/index.js';
import { unitsWithContactsOn } from '../../units/index.js';
import { countByState, layOutBridges } from '../domain/bridges.js';
import { DEFAULT_ATTEND_SHARE } from '../domain/attendance.js';
import { eventPlace, mayTraining, mustTraining, seesOwnEventsOnly } from '../policy.js';
import { trainingAttendees, trainingBridges, trainingEvents } from '../schema.js';
import type { Audience } from '../schema.js';
import { type EventRow, bridgeScope, attendeeScope, ruleOf, loadEvent, insertBridges, ownEvents } from './common.js';
import { registerAudienceInTx } from './registration.js';
import { SCAN_OPENS_MINUTES } from './presence.js';

export interface EventInput {
  title: string;
  startsAt: string;
  endsAt: string;
  province?: string;
  programme?: string;
  trainers?: string;
  attendShare?: number;
  audience?: { categories: Audience['categories']; leadersOnly?: boolean; communesOnly?: boolean };
  clientRef?: string;
}

/**
 * Creates an event and lays out its bridges from the units registry as of the event's day (Vietnam time): the host's
 * main bridge, then every province and commune in scope, inserted in bulk in the same transaction.
 */
export async function createEvent(db: Db, actor: Actor, input: EventInput, clock: DeadlineClock) {
  // A province's account holds its own event even without naming its province.
  const host = input.province ?? (actor.role === 'province' ? actor.provinceCode : null);
  mustTraining('create', actor, eventPlace(host));
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (!(endsAt.getTime() > startsAt.getTime())) throw invalid('endsAt', 'training_ends_before_start');
  if (endsAt.getTime() - startsAt.getTime() > 3 * 24 * 3600_000) throw invalid('endsAt', 'training_too_long');
  if (input.clientRef) {
    const [again] = await db
      .select()
      .from(trainingEvents)
      .where(and(eq(trainingEvents.createdBy, actor.username), eq(trainingEvents.clientRef, input.clientRef)));
    if (again) return getEvent(db, actor, again.id, clock.now());
  }
  const day = vietnamLocal(startsAt).date;
  if (day < '2025-07-01') throw invalid('startsAt', 'date_before_registry');
  const units = await unitsWithContactsOn(db, day, host);
  const laid = layOutBridges(host, units);
  if (!laid.length) throw invalid('province', 'invalid_value', { detail: String(host) });
  const now = clock.now();
  const audience: Audience | null = input.audience
    ? {
        categories: input.audience.categories,
        leadersOnly: input.audience.leadersOnly ?? false,
        communesOnly: input.audience.communesOnly ?? true,
      }
    : null;
  const id = await db.transaction(async (tx) => {
    const [e] = await tx
      .insert(trainingEvents)
      .values({
        provinceCode: host,
        title: input.title.trim(),
        programme: input.programme?.trim() || null,
        trainers: input.trainers?.trim() || null,
        startsAt,
        endsAt,
        registryDate: day,
        attendShare: input.attendShare ?? DEFAULT_ATTEND_SHARE,
        audience,
        bridgesTotal: laid.length,
        createdBy: actor.username,
        clientRef: input.clientRef ?? null,
        createdAt: now,
      })
      .returning({ id: trainingEvents.id });
    await insertBridges(tx, e!.id, laid);
    if (audience) await registerAudienceInTx(tx, e!.id, host, audience, now);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'training_event',
      entityId: e!.id,
      provinceCode: host,
      unitCode: host,
      after: { title: input.title, startsAt: input.startsAt, endsAt: input.endsAt, bridges: laid.length, audience },
    });
    return e!.id;
  });
  return getEvent(db, actor, id, clock.now());
}

/**
 * A staff account's own events: those it is registered for (by the audience, or by a bridge's list) and those whose
 * audience names it now (a person who joined after the registration still finds the event).
 */

/**
 * Events the actor sees: national ones and its province's own (a staff account: only its own of these); newest first.
 */
export async function listEvents(db: Db, actor: Actor) {
  const s = scopeOf(actor);
  const rows = await db
    .select({ e: trainingEvents, hostName: hostNameSql })
    .from(trainingEvents)
    .where(
      and(
        s.kind === 'country'
          ? undefined
          : or(isNull(trainingEvents.provinceCode), eq(trainingEvents.provinceCode, s.provinceCode)),
        seesOwnEventsOnly(actor) ? ownEvents(db, actor) : undefined,
      ),
    )
    .orderBy(desc(trainingEvents.startsAt))
    .limit(200);
  return { items: rows.map((r) => summaryOut(r.e, r.hostName)) };
}

/**
 * The signed-in person's own conferences (an account linked to a staff record): those they are registered for or
 * whose audience names them, each with their registration, minutes present against the rule, whether the door's scan
 * is open now and whether a certificate is theirs (the certificate itself is issued on its page, audited there).
 */
export async function myEvents(db: Db, actor: Actor, now: Date) {
  const personId = actor.personId;
  if (!personId) throw forbidden();
  const rows = await db
    .select({ e: trainingEvents, a: trainingAttendees, hostName: hostNameSql })
    .from(trainingEvents)
    .leftJoin(
      trainingAttendees,
      and(eq(trainingAttendees.eventId, trainingEvents.id), eq(trainingAttendees.personId, personId)),
    )
    .where(ownEvents(db, actor))
    .orderBy(desc(trainingEvents.startsAt))
    .limit(200);
  const t = now.getTime();
  return {
    personId,
    items: rows.map(({ e, a, hostName }) => {
      const rule = ruleOf(e);
      const ended = t >= e.endsAt.getTime();
      return {
        ...summaryOut(e, hostName),
        registered: !!a,
        minutes: a?.minutes ?? 0,
        requiredMinutes: rule.requiredMinutes,
        share: rule.share,
        ended,
        scanOpen: !!a && !ended && t >= e.startsAt.getTime() - SCAN_OPENS_MINUTES * 60_000,
        certificate: !!a && ended && a.minutes >= rule.requiredMinutes,
      };
    }),
  };
}

/** The host province's name: its event's main bridge (laid out from the registry as of the event's date). */
const hostNameSql = sql<string | null>`(SELECT ${trainingBridges.name} FROM ${trainingBridges}
  WHERE ${trainingBridges.eventId} = ${trainingEvents.id} AND ${trainingBridges.kind} = 'host'
    AND ${trainingEvents.provinceCode} IS NOT NULL LIMIT 1)`;

const summaryOut = (e: EventRow, hostName: string | null) => ({
  id: e.id,
  title: e.title,
  province: e.provinceCode,
  hostName: e.provinceCode ? hostName : null,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  bridges: { total: e.bridgesTotal },
});

/** The event with its bridges counted by state (the caller's scope) and the attendance rule. */
export async function getEvent(db: Db, actor: Actor, id: string, now: Date = new Date()) {
  // (a staff account's event that is not its own is not found: loadEvent)
  const e = await loadEvent(db, actor, id);
  const [states, [att], [host]] = await Promise.all([
    db
      .select({ state: trainingBridges.state, n: count() })
      .from(trainingBridges)
      .where(and(eq(trainingBridges.eventId, id), bridgeScope(actor)))
      .groupBy(trainingBridges.state),
    db
      .select({ n: count() })
      .from(trainingAttendees)
      .where(and(eq(trainingAttendees.eventId, id), attendeeScope(actor))),
    e.provinceCode
      ? db
          .select({ name: trainingBridges.name })
          .from(trainingBridges)
          .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.kind, 'host')))
      : [],
  ]);
  const byState = countByState([]);
  for (const r of states) byState[r.state] = r.n;
  const actions: string[] = [];
  if (mayTraining('edit', actor, eventPlace(e.provinceCode)) && now.getTime() < e.startsAt.getTime())
    actions.push('edit');
  if (mayTraining('manage', actor, eventPlace(e.provinceCode))) actions.push('manage');
  if (actor.role !== 'viewer') actions.push('check_in');
  return {
    ...summaryOut(e, host?.name ?? null),
    programme: e.programme,
    trainers: e.trainers,
    audience: e.audience ?? null,
    registryDate: e.registryDate,
    attendShare: e.attendShare,
    rule: ruleOf(e),
    bridges: {
      total: e.bridgesTotal,
      inScope: states.reduce((a, r) => a + r.n, 0),
      byState,
    },
    attendees: att?.n ?? 0,
    actions,
    createdAt: e.createdAt.toISOString(),
  };
}
