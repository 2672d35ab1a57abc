/**
 * Training conferences: events and their bridge points, check-ins and the live board, attendance, certificates.
 * Every list is scoped (`scopeWhere`), every record checked by the policy table, every change audited; retried
 * writes (a phone on a weak connection) are idempotent by their clientRef as well as by the Idempotency-Key.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bulkInsert } from '../../db/bulk.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { scopeOf, scopeWhere, type Actor } from '../../core/scope.js';
import type { DeadlineClock } from '../../core/clock.js';
import { vietnamLocal } from '../../core/calendar/dates.js';
import { recordAudit } from '../audit/index.js';
import { unitsWithContactsOn } from '../units/index.js';
import { audienceSql, peopleListSql } from '../workforce/index.js';
import {
  BRIDGE_STATES,
  applyCheckIn,
  checkInWindowProblem,
  countByState,
  layOutBridges,
  type BridgeState,
  type BridgeStatus,
  type CheckInState,
} from './domain/bridges.js';
import { DEFAULT_ATTEND_SHARE, presentMinutes, requiredMinutes, sessionMinutes } from './domain/attendance.js';
import { readReport, type ImportError } from './domain/import.js';
import { reportCells } from './report-file.js';
import { bridgePlace, eventPlace, mayReadEvent, mayTraining, mustTraining } from './policy.js';
import { publishChange } from './live.js';
import { trainingAttendees, trainingBridges, trainingCheckIns, trainingEvents, trainingPresence } from './schema.js';
import type { Audience } from './schema.js';
import type { BridgeChange } from './contract.js';

/** Settings of the check-in window (documented in docs/trainings.md). */
export const CHECK_IN_OPENS_MINUTES = 180;
export const CHECK_IN_CLOSES_MINUTES = 60;
/** A device's clock may run ahead of the server's this much; later reports are refused. */
const DEVICE_CLOCK_SLACK_MS = 5 * 60_000;

type EventRow = typeof trainingEvents.$inferSelect;
type BridgeRow = typeof trainingBridges.$inferSelect;

const bridgeScope = (actor: Actor) =>
  scopeWhere(actor, { provinceCode: trainingBridges.provinceCode, unitCode: trainingBridges.unitCode });
const attendeeScope = (actor: Actor) =>
  scopeWhere(actor, { provinceCode: trainingAttendees.provinceCode, unitCode: trainingAttendees.unitCode });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

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

const ruleOf = (e: EventRow) => ({
  sessionMinutes: sessionMinutes(e),
  requiredMinutes: requiredMinutes(e, e.attendShare),
  share: e.attendShare,
});

/** The event, if the actor may see it (a province's own event is not found elsewhere). */
async function loadEvent(db: Db, actor: Actor, id: string): Promise<EventRow> {
  const [e] = await db.select().from(trainingEvents).where(eq(trainingEvents.id, id));
  if (!e || !mayReadEvent(actor, e.provinceCode)) throw notFound('training_event');
  return e;
}

// ---------- events ----------

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
    if (again) return getEvent(db, actor, again.id);
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
    await bulkInsert(
      tx,
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
        event_id: e!.id,
        unit_code: b.unitCode,
        province_code: b.provinceCode,
        kind: b.kind,
        name: b.name,
        hall: b.hall,
        officer: b.officer,
        phone: b.phone,
      })),
    );
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
  return getEvent(db, actor, id);
}

/** Events the actor sees: national ones and its province's own; newest first. */
export async function listEvents(db: Db, actor: Actor) {
  const s = scopeOf(actor);
  const rows = await db
    .select()
    .from(trainingEvents)
    .where(
      s.kind === 'country'
        ? undefined
        : or(isNull(trainingEvents.provinceCode), eq(trainingEvents.provinceCode, s.provinceCode)),
    )
    .orderBy(desc(trainingEvents.startsAt))
    .limit(200);
  return { items: rows.map(summaryOut) };
}

const summaryOut = (e: EventRow) => ({
  id: e.id,
  title: e.title,
  province: e.provinceCode,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  bridges: { total: e.bridgesTotal },
});

/** The event with its bridges counted by state (the caller's scope) and the attendance rule. */
export async function getEvent(db: Db, actor: Actor, id: string) {
  const e = await loadEvent(db, actor, id);
  const [states, [att]] = await Promise.all([
    db
      .select({ state: trainingBridges.state, n: count() })
      .from(trainingBridges)
      .where(and(eq(trainingBridges.eventId, id), bridgeScope(actor)))
      .groupBy(trainingBridges.state),
    db
      .select({ n: count() })
      .from(trainingAttendees)
      .where(and(eq(trainingAttendees.eventId, id), attendeeScope(actor))),
  ]);
  const byState = countByState([]);
  for (const r of states) byState[r.state] = r.n;
  const actions: string[] = [];
  if (mayTraining('manage', actor, eventPlace(e.provinceCode))) actions.push('manage');
  if (actor.role !== 'viewer') actions.push('check_in');
  return {
    ...summaryOut(e),
    programme: e.programme,
    trainers: e.trainers,
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

// ---------- bridges ----------

export interface BridgesQuery {
  province?: string;
  state?: BridgeState;
  kind?: 'host' | 'province' | 'commune';
  page?: number;
  pageSize?: number;
}

export async function listBridges(db: Db, actor: Actor, id: string, q: BridgesQuery) {
  await loadEvent(db, actor, id);
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
  await loadEvent(db, actor, id);
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
  await loadEvent(db, actor, id);
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

/**
 * A bridge reports: its connection test, connected, trouble, left. Sent by the unit's own account (a commune only for
 * its own bridge; a province for its own and its communes'; the Ministry for any). Pressed twice, or sent again from
 * the device's queue with the same clientRef, it changes nothing the second time. Published to the live maps after
 * the commit.
 */
export async function checkIn(
  db: Db,
  actor: Actor,
  id: string,
  unitCode: string,
  input: CheckInInput,
  clock: DeadlineClock,
) {
  const e = await loadEvent(db, actor, id);
  const now = clock.now();
  const at = input.at ? new Date(input.at) : now;
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
  const result = await db.transaction(async (tx) => {
    const [b] = await tx
      .select()
      .from(trainingBridges)
      .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, unitCode)))
      .for('update');
    if (!b) throw notFound('training_bridge', { code: unitCode });
    mustTraining('check_in', actor, bridgePlace(b));
    if (input.clientRef) {
      const [logged] = await tx
        .insert(trainingCheckIns)
        .values(logRow(b, input, at, now, actor))
        .onConflictDoNothing()
        .returning({ id: trainingCheckIns.id });
      if (!logged) return { bridge: b, applied: false, change: null };
    } else await tx.insert(trainingCheckIns).values(logRow(b, input, at, now, actor));
    const before: BridgeStatus = {
      state: b.state,
      lastAt: b.lastAt,
      connectedAt: b.connectedAt,
      reconnects: b.reconnects,
      testResult: b.testResult,
    };
    const next = applyCheckIn(before, { state: input.state, passed: input.passed, at });
    const applied = next !== before;
    if (!applied) return { bridge: b, applied, change: null };
    const note = input.note?.trim() || null;
    const [updated] = await tx
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
      .returning();
    await recordAudit(tx, actor, {
      action: 'check_in',
      entity: 'training_bridge',
      entityId: `${id}/${unitCode}`,
      provinceCode: b.provinceCode,
      unitCode,
      before: { state: b.state },
      after: { state: next.state, report: input.state, passed: input.passed ?? null, at: at.toISOString() },
    });
    const change: BridgeChange | null =
      b.state === next.state
        ? null
        : { unitCode, provinceCode: b.provinceCode, from: b.state, to: next.state, at: now.toISOString() };
    return { bridge: updated!, applied, change };
  });
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

// ---------- attendance ----------

async function registerAudienceInTx(tx: Db, eventId: string, host: string | null, a: Audience, now: Date) {
  const from = audienceSql({ ...a, provinceCode: host });
  return insertAttendees(tx, eventId, from, now, undefined);
}

/** Inserts the people of `from` (a workforce subquery) whose unit has a bridge in the event; returns how many. */
async function insertAttendees(tx: Db, eventId: string, from: SQL, now: Date, scope: SQL | undefined) {
  const res = await tx.execute(sql`
    INSERT INTO training_attendees (event_id, person_id, province_code, unit_code, full_name, category, registered_at)
    SELECT ${eventId}::uuid, a.id, a.province_code, a.unit_code, a.full_name, a.category, ${now.toISOString()}::timestamptz
    FROM (${from}) a
    WHERE EXISTS (SELECT 1 FROM training_bridges b WHERE b.event_id = ${eventId}::uuid AND b.unit_code = a.unit_code)
      ${scope ? sql`AND ${scope}` : sql``}
    ON CONFLICT DO NOTHING`);
  return rowCount(res);
}

const rowCount = (res: unknown) =>
  Number(
    (res as { count?: number; affectedRows?: number }).count ?? (res as { affectedRows?: number }).affectedRows ?? 0,
  );

/**
 * Registers who should attend: the host by post group (staff categories, leaders only) from the workforce, or a list
 * of people; a bridge (a commune, a province) registers its own staff by list.
 */
export async function registerAttendees(
  db: Db,
  actor: Actor,
  id: string,
  input: { audience?: EventInput['audience']; personIds?: string[] },
  clock: DeadlineClock,
) {
  const e = await loadEvent(db, actor, id);
  const host = mayTraining('manage', actor, eventPlace(e.provinceCode));
  if (!input.audience && !input.personIds) throw invalid('personIds', 'required', { field: 'personIds' });
  if (input.audience && !host) mustTraining('manage', actor, eventPlace(e.provinceCode));
  if (!host && actor.role === 'viewer') mustTraining('record_presence', actor);
  // A bridge registers only the staff of its own units.
  const s = scopeOf(actor);
  const scope = host
    ? undefined
    : s.kind === 'country'
      ? undefined
      : s.kind === 'province'
        ? sql`a.province_code = ${s.provinceCode}`
        : sql`a.province_code = ${s.provinceCode} AND a.unit_code = ${s.communeCode}`;
  const now = clock.now();
  const registered = await db.transaction(async (tx) => {
    const n = input.audience
      ? await registerAudienceInTx(
          tx,
          id,
          e.provinceCode,
          {
            categories: input.audience.categories,
            leadersOnly: input.audience.leadersOnly ?? false,
            communesOnly: input.audience.communesOnly ?? true,
          },
          now,
        )
      : await insertAttendees(tx, id, peopleListSql(input.personIds!), now, scope);
    await recordAudit(tx, actor, {
      action: 'register',
      entity: 'training_event',
      entityId: id,
      provinceCode: e.provinceCode ?? (s.kind === 'country' ? null : s.provinceCode),
      unitCode: e.provinceCode,
      after: { registered: n, audience: input.audience ?? null, people: input.personIds?.length ?? 0 },
    });
    return n;
  });
  const [total] = await db
    .select({ n: count() })
    .from(trainingAttendees)
    .where(and(eq(trainingAttendees.eventId, id), attendeeScope(actor)));
  return { registered, total: total?.n ?? 0 };
}

export interface AttendeesQuery {
  province?: string;
  unit?: string;
  attended?: boolean;
  page?: number;
  pageSize?: number;
}

export async function listAttendees(db: Db, actor: Actor, id: string, q: AttendeesQuery) {
  const e = await loadEvent(db, actor, id);
  const rule = ruleOf(e);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const where = and(
    eq(trainingAttendees.eventId, id),
    attendeeScope(actor),
    q.province ? eq(trainingAttendees.provinceCode, q.province) : undefined,
    q.unit ? eq(trainingAttendees.unitCode, q.unit) : undefined,
    q.attended === undefined
      ? undefined
      : q.attended
        ? gte(trainingAttendees.minutes, rule.requiredMinutes)
        : lt(trainingAttendees.minutes, rule.requiredMinutes),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ a: trainingAttendees, unitName: trainingBridges.name })
      .from(trainingAttendees)
      .leftJoin(
        trainingBridges,
        and(
          eq(trainingBridges.eventId, trainingAttendees.eventId),
          eq(trainingBridges.unitCode, trainingAttendees.unitCode),
        ),
      )
      .where(where)
      .orderBy(asc(trainingAttendees.unitCode), asc(trainingAttendees.fullName))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(trainingAttendees).where(where),
  ]);
  return {
    items: rows.map(({ a, unitName }) => attendeeOut(a, unitName, rule.requiredMinutes)),
    total: total?.n ?? 0,
    page,
    pageSize,
    rule,
  };
}

const attendeeOut = (a: typeof trainingAttendees.$inferSelect, unitName: string | null, required: number) => ({
  personId: a.personId,
  fullName: a.fullName,
  provinceCode: a.provinceCode,
  unitCode: a.unitCode,
  unitName: unitName ?? a.unitCode,
  category: a.category,
  minutes: a.minutes,
  attended: a.minutes >= required,
  absenceReason: a.absenceReason,
  certificate: a.minutes >= required,
  certificateCode: a.certificateCode,
});

async function loadAttendee(db: Db, eventId: string, personId: string) {
  const [a] = await db
    .select()
    .from(trainingAttendees)
    .where(and(eq(trainingAttendees.eventId, eventId), eq(trainingAttendees.personId, personId)));
  if (!a) throw notFound('training_attendee');
  return a;
}

/** Recomputes the minutes of these people from their presence intervals (one statement for the update). */
async function recomputeMinutes(tx: Db, e: EventRow, personIds: string[]) {
  if (!personIds.length) return new Map<string, number>();
  const spans = await tx
    .select({
      personId: trainingPresence.personId,
      joinedAt: trainingPresence.joinedAt,
      leftAt: trainingPresence.leftAt,
    })
    .from(trainingPresence)
    .where(and(eq(trainingPresence.eventId, e.id), inArray(trainingPresence.personId, personIds)));
  const byPerson = new Map<string, { joinedAt: Date; leftAt: Date | null }[]>(personIds.map((p) => [p, []]));
  for (const s of spans) byPerson.get(s.personId)?.push(s);
  const minutes = new Map([...byPerson].map(([p, list]) => [p, presentMinutes(list, e)]));
  const json = JSON.stringify([...minutes].map(([person_id, m]) => ({ person_id, minutes: m })));
  await tx.execute(sql`
    UPDATE training_attendees t SET minutes = x.minutes
    FROM json_to_recordset(${json}::json) AS x(person_id uuid, minutes int)
    WHERE t.event_id = ${e.id}::uuid AND t.person_id = x.person_id`);
  return minutes;
}

export interface PresenceInput {
  personId: string;
  joinedAt: string;
  leftAt?: string;
  source?: 'officer' | 'qr';
  clientRef?: string;
}

/** A join–leave interval entered by the bridge officer or scanned at the door (the person's QR code). */
export async function recordPresence(db: Db, actor: Actor, id: string, input: PresenceInput) {
  const e = await loadEvent(db, actor, id);
  const a = await loadAttendee(db, id, input.personId);
  mustTraining('record_presence', actor, { provinceCode: a.provinceCode, unitCode: a.unitCode });
  const joinedAt = new Date(input.joinedAt);
  const leftAt = input.leftAt ? new Date(input.leftAt) : null;
  if (leftAt && leftAt.getTime() < joinedAt.getTime()) throw invalid('leftAt', 'training_leave_before_join');
  const rule = ruleOf(e);
  const minutes = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainingPresence)
      .values({
        eventId: id,
        personId: a.personId,
        provinceCode: a.provinceCode,
        unitCode: a.unitCode,
        joinedAt,
        leftAt,
        source: input.source ?? 'officer',
        clientRef: input.clientRef ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: trainingPresence.id });
    if (!row) return a.minutes;
    const m = (await recomputeMinutes(tx, e, [a.personId])).get(a.personId) ?? 0;
    await recordAudit(tx, actor, {
      action: 'presence',
      entity: 'training_attendee',
      entityId: `${id}/${a.personId}`,
      provinceCode: a.provinceCode,
      unitCode: a.unitCode,
      after: { joinedAt: input.joinedAt, leftAt: input.leftAt ?? null, source: input.source ?? 'officer', minutes: m },
    });
    return m;
  });
  return { personId: a.personId, minutes, attended: minutes >= rule.requiredMinutes };
}

/**
 * Imports the conference tool's report (CSV): every row must name a person registered at a bridge in the caller's
 * scope. Nothing is written when any row is wrong; the errors come back by row and column.
 */
export async function importPresence(db: Db, actor: Actor, id: string, file: { csv?: string; xlsxBase64?: string }) {
  const e = await loadEvent(db, actor, id);
  mustTraining('record_presence', actor);
  const people = await db
    .select({
      personId: trainingAttendees.personId,
      provinceCode: trainingAttendees.provinceCode,
      unitCode: trainingAttendees.unitCode,
    })
    .from(trainingAttendees)
    .where(and(eq(trainingAttendees.eventId, id), attendeeScope(actor)));
  const known = new Map(people.map((p) => [p.personId, p]));
  const { rows, errors } = readReport(await reportCells(file), vietnamLocal(e.startsAt).date, (p) => known.has(p));
  if (errors.length || !rows.length) return { imported: 0, errors: errors.length ? errors : [noRows] };
  await db.transaction(async (tx) => {
    await bulkInsert(
      tx,
      'training_presence',
      {
        event_id: 'uuid',
        person_id: 'uuid',
        province_code: 'text',
        unit_code: 'text',
        joined_at: 'timestamptz',
        left_at: 'timestamptz',
        source: 'text',
      },
      rows.map((r) => {
        const p = known.get(r.personId)!;
        return {
          event_id: id,
          person_id: r.personId,
          province_code: p.provinceCode,
          unit_code: p.unitCode,
          joined_at: r.joinedAt.toISOString(),
          left_at: r.leftAt?.toISOString() ?? null,
          source: 'import',
        };
      }),
    );
    await recomputeMinutes(tx, e, [...new Set(rows.map((r) => r.personId))]);
    const s = scopeOf(actor);
    await recordAudit(tx, actor, {
      action: 'import_presence',
      entity: 'training_event',
      entityId: id,
      provinceCode: s.kind === 'country' ? e.provinceCode : s.provinceCode,
      unitCode: s.kind === 'commune' ? s.communeCode : (e.provinceCode ?? null),
      after: { rows: rows.length },
    });
  });
  return { imported: rows.length, errors: [] as ImportError[] };
}

const noRows: ImportError = { row: 2, column: 'person_id', problem: 'missing', value: '' };

/** The reason an expected person did not attend (sick, on duty…), written by their bridge. */
export async function setAbsence(db: Db, actor: Actor, id: string, personId: string, reason: string) {
  const e = await loadEvent(db, actor, id);
  const a = await loadAttendee(db, id, personId);
  mustTraining('record_presence', actor, { provinceCode: a.provinceCode, unitCode: a.unitCode });
  await db.transaction(async (tx) => {
    await tx
      .update(trainingAttendees)
      .set({ absenceReason: reason.trim() })
      .where(and(eq(trainingAttendees.eventId, id), eq(trainingAttendees.personId, personId)));
    await recordAudit(tx, actor, {
      action: 'absence_reason',
      entity: 'training_attendee',
      entityId: `${id}/${personId}`,
      provinceCode: a.provinceCode,
      unitCode: a.unitCode,
      before: { reason: a.absenceReason },
      after: { reason: reason.trim() },
    });
  });
  const [unit] = await db
    .select({ name: trainingBridges.name })
    .from(trainingBridges)
    .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, a.unitCode)));
  return attendeeOut({ ...a, absenceReason: reason.trim() }, unit?.name ?? null, ruleOf(e).requiredMinutes);
}

/**
 * After the event: by province (the national view) or by commune (a province's view): bridges, bridges that
 * connected, staff expected and attended; and the absentees with their reasons.
 */
export async function attendanceReport(db: Db, actor: Actor, id: string) {
  const e = await loadEvent(db, actor, id);
  const rule = ruleOf(e);
  const s = scopeOf(actor);
  const byUnit = s.kind !== 'country';
  const bridgeKey = byUnit ? sql`b.unit_code` : sql`b.province_code`;
  const attKey = byUnit ? sql`a.unit_code` : sql`a.province_code`;
  const scopeB =
    s.kind === 'country'
      ? sql`TRUE`
      : s.kind === 'province'
        ? sql`b.province_code = ${s.provinceCode}`
        : sql`b.province_code = ${s.provinceCode} AND b.unit_code = ${s.communeCode}`;
  const scopeA =
    s.kind === 'country'
      ? sql`TRUE`
      : s.kind === 'province'
        ? sql`a.province_code = ${s.provinceCode}`
        : sql`a.province_code = ${s.provinceCode} AND a.unit_code = ${s.communeCode}`;
  const bridgeRows = await db.execute(sql`
    SELECT ${bridgeKey} AS code, count(*)::int AS bridges, count(b.connected_at)::int AS connected
    FROM training_bridges b WHERE b.event_id = ${id}::uuid AND b.province_code IS NOT NULL AND ${scopeB}
    GROUP BY 1`);
  const attRows = await db.execute(sql`
    SELECT ${attKey} AS code, count(*)::int AS expected, count(*) FILTER (WHERE a.minutes >= ${rule.requiredMinutes})::int AS attended
    FROM training_attendees a WHERE a.event_id = ${id}::uuid AND ${scopeA}
    GROUP BY 1`);
  const names = new Map(
    (
      await db
        .select({ code: trainingBridges.unitCode, name: trainingBridges.name })
        .from(trainingBridges)
        .where(and(eq(trainingBridges.eventId, id), bridgeScope(actor)))
    ).map((r) => [r.code, r.name]),
  );
  const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : ((r as { rows: T[] }).rows ?? [])) as T[];
  const table = new Map<
    string,
    { code: string; name: string; bridges: number; connected: number; expected: number; attended: number }
  >();
  const entry = (code: string) => {
    let r = table.get(code);
    if (!r)
      table.set(
        code,
        (r = { code, name: names.get(code) ?? code, bridges: 0, connected: 0, expected: 0, attended: 0 }),
      );
    return r;
  };
  for (const r of rowsOf<{ code: string; bridges: number; connected: number }>(bridgeRows))
    Object.assign(entry(r.code), { bridges: r.bridges, connected: r.connected });
  for (const r of rowsOf<{ code: string; expected: number; attended: number }>(attRows))
    Object.assign(entry(r.code), { expected: r.expected, attended: r.attended });
  const rows = [...table.values()].sort((a, b) => a.code.localeCompare(b.code));
  const totals = rows.reduce(
    (t, r) => ({
      ...t,
      bridges: t.bridges + r.bridges,
      connected: t.connected + r.connected,
      expected: t.expected + r.expected,
      attended: t.attended + r.attended,
    }),
    { code: '', name: '', bridges: 0, connected: 0, expected: 0, attended: 0 },
  );
  const absentees = await db
    .select({ a: trainingAttendees, unitName: trainingBridges.name })
    .from(trainingAttendees)
    .leftJoin(
      trainingBridges,
      and(
        eq(trainingBridges.eventId, trainingAttendees.eventId),
        eq(trainingBridges.unitCode, trainingAttendees.unitCode),
      ),
    )
    .where(
      and(eq(trainingAttendees.eventId, id), attendeeScope(actor), lt(trainingAttendees.minutes, rule.requiredMinutes)),
    )
    .orderBy(asc(trainingAttendees.unitCode), asc(trainingAttendees.fullName))
    .limit(2000);
  return {
    rule,
    totals,
    rows,
    absentees: absentees.map(({ a, unitName }) => ({
      personId: a.personId,
      fullName: a.fullName,
      unitName: unitName ?? a.unitCode,
      minutes: a.minutes,
      reason: a.absenceReason,
    })),
  };
}

// ---------- certificates ----------

const newCertificateCode = () => [...randomBytes(12)].map((b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 32]).join('');

/**
 * The certificate of a person who attended: issued once (its verification code is kept), downloadable by the person
 * and by the units in scope. Refused to a person who did not attend long enough.
 */
export async function certificateOf(db: Db, actor: Actor, id: string, personId: string) {
  const e = await loadEvent(db, actor, id);
  const a = await loadAttendee(db, id, personId);
  mustTraining('certificate', actor, { provinceCode: a.provinceCode, unitCode: a.unitCode }, a.personId);
  const rule = ruleOf(e);
  if (a.minutes < rule.requiredMinutes)
    throw new AppError(409, 'not_attended', 'training_not_attended', {
      minutes: a.minutes,
      required: rule.requiredMinutes,
    });
  let code = a.certificateCode;
  if (!code) {
    code = newCertificateCode();
    await db.transaction(async (tx) => {
      const [set] = await tx
        .update(trainingAttendees)
        .set({ certificateCode: code })
        .where(
          and(
            eq(trainingAttendees.eventId, id),
            eq(trainingAttendees.personId, personId),
            isNull(trainingAttendees.certificateCode),
          ),
        )
        .returning({ code: trainingAttendees.certificateCode });
      if (!set) {
        // issued meanwhile by another request: use that one
        code = (await loadAttendee(tx, id, personId)).certificateCode!;
        return;
      }
      await recordAudit(tx, actor, {
        action: 'issue_certificate',
        entity: 'training_attendee',
        entityId: `${id}/${personId}`,
        provinceCode: a.provinceCode,
        unitCode: a.unitCode,
        after: { code, minutes: a.minutes },
      });
    });
  }
  const [unit] = await db
    .select({ name: trainingBridges.name })
    .from(trainingBridges)
    .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, a.unitCode)));
  const [host] = e.provinceCode
    ? await db
        .select({ name: trainingBridges.name })
        .from(trainingBridges)
        .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.kind, 'host')))
    : [{ name: 'Bộ Nội vụ' }];
  return {
    code: code!,
    fullName: a.fullName,
    unitName: unit?.name ?? a.unitCode,
    title: e.title,
    hostName: host?.name ?? 'Bộ Nội vụ',
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    minutes: a.minutes,
    sessionMinutes: rule.sessionMinutes,
  };
}

/** Public: the certificate with this verification code (what its QR code opens). */
export async function verifyCertificate(db: Db, code: string) {
  const [row] = await db
    .select({ a: trainingAttendees, e: trainingEvents })
    .from(trainingAttendees)
    .innerJoin(trainingEvents, eq(trainingEvents.id, trainingAttendees.eventId))
    .where(eq(trainingAttendees.certificateCode, code));
  if (!row) throw notFound('training_certificate');
  return {
    valid: row.a.minutes >= requiredMinutes(row.e, row.e.attendShare),
    fullName: row.a.fullName,
    title: row.e.title,
    startsAt: row.e.startsAt.toISOString(),
    minutes: row.a.minutes,
  };
}

export { BRIDGE_STATES };
