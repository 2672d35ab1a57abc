// Attendance: presence recorded or imported, absences, the minutes counted against the rule, the report.
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { bulkInsert } from '../../../db/bulk.js';
import { invalid, notFound } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import { vietnamLocal } from '../../../core/calendar/dates.js';
import { recordAudit } from '../../audit/index.js';
import { presentMinutes } from '../domain/attendance.js';
import { readReport, type ImportError } from '../domain/import.js';
import { reportCells } from '../report-file.js';
import { mustTraining } from '../policy.js';
import { trainingAttendees, trainingBridges, trainingPresence } from '../schema.js';
import { type EventRow, bridgeScope, attendeeScope, ruleOf, loadEvent, loadEventForUnits } from './common.js';

/** `ended`: the conference is over, so a certificate can be issued to who attended (the minutes are final). */
export const attendeeOut = (
  a: typeof trainingAttendees.$inferSelect,
  unitName: string | null,
  required: number,
  ended: boolean,
) => ({
  personId: a.personId,
  fullName: a.fullName,
  provinceCode: a.provinceCode,
  unitCode: a.unitCode,
  unitName: unitName ?? a.unitCode,
  category: a.category,
  minutes: a.minutes,
  attended: a.minutes >= required,
  absenceReason: a.absenceReason,
  certificate: ended && a.minutes >= required,
  certificateCode: a.certificateCode,
});

export async function loadAttendee(db: Db, eventId: string, personId: string) {
  const [a] = await db
    .select()
    .from(trainingAttendees)
    .where(and(eq(trainingAttendees.eventId, eventId), eq(trainingAttendees.personId, personId)));
  if (!a) throw notFound('training_attendee');
  return a;
}

/** Recomputes the minutes of these people from their presence intervals (one statement for the update). */
export async function recomputeMinutes(tx: Db, e: EventRow, personIds: string[]) {
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
export async function setAbsence(
  db: Db,
  actor: Actor,
  id: string,
  personId: string,
  reason: string,
  now: Date = new Date(),
) {
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
  return attendeeOut(
    { ...a, absenceReason: reason.trim() },
    unit?.name ?? null,
    ruleOf(e).requiredMinutes,
    now.getTime() >= e.endsAt.getTime(),
  );
}

/**
 * After the event: by province (the national view) or by commune (a province's view): bridges, bridges that
 * connected, staff expected and attended; and the absentees with their reasons.
 */
export async function attendanceReport(db: Db, actor: Actor, id: string) {
  const e = await loadEventForUnits(db, actor, id);
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
