// Who is expected at an event: the audience registered from the registry, and the list of attendees.
import { and, asc, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { invalid } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { recordAudit } from '../../audit/index.js';
import { audienceSql, peopleListSql } from '../../workforce/index.js';
import { eventPlace, mayTraining, mustTraining } from '../policy.js';
import { trainingAttendees, trainingBridges } from '../schema.js';
import type { Audience } from '../schema.js';
import { attendeeScope, ruleOf, loadEvent, loadEventForUnits } from './common.js';
import { attendeeOut } from './attendance.js';
import type { EventInput } from './events.js';

export async function registerAudienceInTx(tx: Db, eventId: string, host: string | null, a: Audience, now: Date) {
  const from = audienceSql({ ...a, provinceCode: host });
  return insertAttendees(tx, eventId, from, now, undefined, 'audience');
}

/** Inserts the people of `from` (a workforce subquery) whose unit has a bridge in the event; returns how many. */
async function insertAttendees(
  tx: Db,
  eventId: string,
  from: SQL,
  now: Date,
  scope: SQL | undefined,
  by: 'audience' | 'list',
) {
  const res = await tx.execute(sql`
    INSERT INTO training_attendees (event_id, person_id, province_code, unit_code, full_name, category, registered_by, registered_at)
    SELECT ${eventId}::uuid, a.id, a.province_code, a.unit_code, a.full_name, a.category, ${by}, ${now.toISOString()}::timestamptz
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
      : await insertAttendees(tx, id, peopleListSql(input.personIds!), now, scope, 'list');
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

export async function listAttendees(db: Db, actor: Actor, id: string, q: AttendeesQuery, now: Date = new Date()) {
  const e = await loadEventForUnits(db, actor, id);
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
    items: rows.map(({ a, unitName }) =>
      attendeeOut(a, unitName, rule.requiredMinutes, now.getTime() >= e.endsAt.getTime()),
    ),
    total: total?.n ?? 0,
    page,
    pageSize,
    rule,
  };
}
