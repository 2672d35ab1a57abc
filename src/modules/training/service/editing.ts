// Editing a training event before it starts: its fields, and its bridges laid out again only when the scope changes.
import { and, eq, inArray, notInArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { vietnamLocal } from '../../../core/calendar/dates.js';
import { recordAudit } from '../../audit/index.js';
import { audienceSql } from '../../workforce/index.js';
import { unitsWithContactsOn } from '../../units/index.js';
import { layOutBridges } from '../domain/bridges.js';
import { eventPlace, mustTraining } from '../policy.js';
import { trainingAttendees, trainingBridges, trainingCheckIns, trainingEvents, trainingPresence } from '../schema.js';
import type { Audience, UnitNotice } from '../schema.js';
import { insertBridges, loadEvent, type EventRow } from './common.js';
import { registerAudienceInTx } from './registration.js';
import { recomputeMinutes } from './attendance.js';
import { getEvent } from './events.js';
import { deliverNoticesAfterCommit, queueNotices } from './notices.js';

export interface EventChanges {
  title?: string;
  programme?: string | null;
  trainers?: string | null;
  startsAt?: string;
  endsAt?: string;
  attendShare?: number;
  audience?: { categories: Audience['categories']; leadersOnly?: boolean; communesOnly?: boolean } | null;
  /** the host has seen the registrations a new audience cancels, and confirms */
  confirmCancellations?: boolean;
}

/** The most people a preview lists (the total is always given). */
export const MAX_LISTED_CANCELLATIONS = 500;
/** The reason written in the audit and the units' notices. */
export const CANCEL_REASON = 'audience_changed';

const audienceOf = (e: EventRow, input: EventChanges): Audience | null =>
  input.audience === undefined
    ? (e.audience ?? null)
    : input.audience && {
        categories: input.audience.categories,
        leadersOnly: input.audience.leadersOnly ?? false,
        communesOnly: input.audience.communesOnly ?? true,
      };

/**
 * The registrations a new audience cancels: those made by the (old) audience whose person the new one leaves out
 * (all of them when the audience is taken away). Those registered by name from a list are kept: a bridge or the host
 * chose them.
 */
const leftOut = (e: EventRow, audience: Audience | null): SQL =>
  sql`a.event_id = ${e.id}::uuid AND a.registered_by = 'audience' ${
    audience
      ? sql`AND a.person_id NOT IN (SELECT n.id FROM (${audienceSql({ ...audience, provinceCode: e.provinceCode })}) n)`
      : sql``
  }`;

interface LeftOutRow extends Record<string, unknown> {
  person_id: string;
  full_name: string;
  unit_code: string;
  province_code: string;
  unit_name: string | null;
}

async function leftOutPeople(db: Db, e: EventRow, audience: Audience | null, limit?: number) {
  const res = await db.execute(sql`
    SELECT a.person_id, a.full_name, a.unit_code, a.province_code, b.name AS unit_name
    FROM training_attendees a
    LEFT JOIN training_bridges b ON b.event_id = a.event_id AND b.unit_code = a.unit_code
    WHERE ${leftOut(e, audience)}
    ORDER BY a.unit_code, a.full_name
    ${limit ? sql`LIMIT ${limit}` : sql``}`);
  return ((res as { rows?: LeftOutRow[] }).rows ?? (res as unknown as LeftOutRow[])) as LeftOutRow[];
}

async function countLeftOut(db: Db, e: EventRow, audience: Audience | null) {
  const res = await db.execute(sql`SELECT count(*)::int AS n FROM training_attendees a WHERE ${leftOut(e, audience)}`);
  const rows = ((res as { rows?: { n: number }[] }).rows ?? (res as unknown as { n: number }[])) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

/**
 * What saving these changes would cancel, for the host to read before saving: the registrations the new audience
 * leaves out (none when the audience does not change).
 */
export async function previewChanges(db: Db, actor: Actor, id: string, input: EventChanges) {
  const e = await loadEvent(db, actor, id);
  mustTraining('edit', actor, eventPlace(e.provinceCode));
  const audience = audienceOf(e, input);
  if (sameAudience(e.audience ?? null, audience)) return { cancelled: { total: 0, items: [] } };
  const [total, rows] = await Promise.all([
    countLeftOut(db, e, audience),
    leftOutPeople(db, e, audience, MAX_LISTED_CANCELLATIONS),
  ]);
  return {
    cancelled: {
      total,
      items: rows.map((r) => ({
        personId: r.person_id,
        fullName: r.full_name,
        unitCode: r.unit_code,
        unitName: r.unit_name,
      })),
    },
  };
}

const sameAudience = (a: Audience | null, b: Audience | null) =>
  JSON.stringify(a && { ...a, categories: [...a.categories].sort() }) ===
  JSON.stringify(b && { ...b, categories: [...b.categories].sort() });

/**
 * The host edits its event until it starts: title, programme, trainers, times, the share to attend, the audience.
 * The bridges stay as they are (their tests and contacts kept) unless the scope changes: new times on another day lay
 * them out again from the registry of that day (units gone are taken off with their reports, new units added, the
 * others kept). A new audience registers the people it names (those registered before stay: a bridge may have added
 * them by list). Materials are kept through their own route. Audited with what changed.
 */
export async function updateEvent(db: Db, actor: Actor, id: string, input: EventChanges, clock: DeadlineClock) {
  const e = await loadEvent(db, actor, id);
  mustTraining('edit', actor, eventPlace(e.provinceCode));
  const now = clock.now();
  if (now.getTime() >= e.startsAt.getTime()) throw new AppError(409, 'started', 'training_started');
  const startsAt = input.startsAt ? new Date(input.startsAt) : e.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt) : e.endsAt;
  if (!(endsAt.getTime() > startsAt.getTime())) throw invalid('endsAt', 'training_ends_before_start');
  if (endsAt.getTime() - startsAt.getTime() > 3 * 24 * 3600_000) throw invalid('endsAt', 'training_too_long');
  if (input.startsAt && startsAt.getTime() <= now.getTime()) throw invalid('startsAt', 'training_starts_in_past');
  const day = vietnamLocal(startsAt).date;
  if (day < '2025-07-01') throw invalid('startsAt', 'date_before_registry');
  const audience = audienceOf(e, input);
  const next = {
    title: input.title === undefined ? e.title : input.title.trim(),
    programme: input.programme === undefined ? e.programme : input.programme?.trim() || null,
    trainers: input.trainers === undefined ? e.trainers : input.trainers?.trim() || null,
    startsAt,
    endsAt,
    attendShare: input.attendShare ?? e.attendShare,
    audience,
  };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const show = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  for (const k of ['title', 'programme', 'trainers', 'startsAt', 'endsAt', 'attendShare'] as const)
    if (show(e[k]) !== show(next[k])) {
      before[k] = show(e[k]);
      after[k] = show(next[k]);
    }
  const audienceChanged = !sameAudience(e.audience ?? null, audience);
  if (audienceChanged) {
    before.audience = e.audience;
    after.audience = audience;
  }
  const relay = day !== e.registryDate;
  if (!Object.keys(after).length) return getEvent(db, actor, id, now);
  // A new audience that leaves registered people out cancels their registration: only once the host has seen them.
  if (audienceChanged && !input.confirmCancellations) {
    const count = await countLeftOut(db, e, audience);
    if (count > 0) throw new AppError(409, 'audience_cancels', 'training_audience_cancels', { count }, 'audience');
  }
  // The layout of the new day is read before the transaction (the registry's door reads with its own connection).
  const laid = relay ? layOutBridges(e.provinceCode, await unitsWithContactsOn(db, day, e.provinceCode)) : null;
  if (laid && !laid.length) throw invalid('startsAt', 'date_before_registry');
  await db.transaction(async (tx) => {
    let bridgesTotal = e.bridgesTotal;
    if (laid) {
      const keep = laid.map((b) => b.unitCode);
      const gone = await tx
        .delete(trainingBridges)
        .where(and(eq(trainingBridges.eventId, id), notInArray(trainingBridges.unitCode, keep)))
        .returning({ unitCode: trainingBridges.unitCode });
      const goneCodes = gone.map((g) => g.unitCode);
      const kept = new Set(
        (
          await tx
            .select({ unitCode: trainingBridges.unitCode })
            .from(trainingBridges)
            .where(eq(trainingBridges.eventId, id))
        ).map((b) => b.unitCode),
      );
      const added = laid.filter((b) => !kept.has(b.unitCode));
      if (goneCodes.length) {
        const of = <T extends { eventId: AnyColumn; unitCode: AnyColumn }>(t: T) =>
          and(eq(t.eventId, id), inArray(t.unitCode, goneCodes));
        await tx.delete(trainingCheckIns).where(of(trainingCheckIns));
        await tx.delete(trainingPresence).where(of(trainingPresence));
        await tx.delete(trainingAttendees).where(of(trainingAttendees));
      }
      await insertBridges(tx, id, added);
      bridgesTotal = laid.length;
      before.bridges = { total: e.bridgesTotal, registryDate: e.registryDate };
      after.bridges = { total: laid.length, registryDate: day, removed: goneCodes.length, added: added.length };
    }
    await tx
      .update(trainingEvents)
      .set({ ...next, registryDate: day, bridgesTotal, updatedAt: now })
      .where(eq(trainingEvents.id, id));
    if (audienceChanged) {
      const cancelled = await cancelLeftOut(tx, actor, { ...e, ...next }, e, audience, now);
      if (cancelled) after.cancelled = cancelled;
    }
    if (audienceChanged && audience)
      after.registered = await registerAudienceInTx(tx, id, e.provinceCode, audience, now);
    if (after.startsAt || after.endsAt) {
      const people = await tx
        .select({ personId: trainingAttendees.personId })
        .from(trainingAttendees)
        .where(eq(trainingAttendees.eventId, id));
      await recomputeMinutes(
        tx,
        { ...e, ...next },
        people.map((p) => p.personId),
      );
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'training_event',
      entityId: id,
      provinceCode: e.provinceCode,
      unitCode: e.provinceCode,
      before,
      after,
    });
  });
  // the units' notices go after the commit: the save stays short, and a failure to notify never undoes it
  await deliverNoticesAfterCommit(db, now);
  return getEvent(db, actor, id, now);
}

/**
 * Cancels the registrations the new audience leaves out (their presence, if any, with them), in the event's audit
 * entry with the reason, and tells each unit whose staff lost their place, naming them.
 */
async function cancelLeftOut(
  tx: Db,
  actor: Actor,
  next: EventRow,
  before: EventRow,
  audience: Audience | null,
  now: Date,
): Promise<{ count: number; reason: string } | null> {
  const people = await leftOutPeople(tx, before, audience);
  if (!people.length) return null;
  const ids = people.map((p) => p.person_id);
  await tx
    .delete(trainingPresence)
    .where(and(eq(trainingPresence.eventId, before.id), inArray(trainingPresence.personId, ids)));
  await tx
    .delete(trainingAttendees)
    .where(and(eq(trainingAttendees.eventId, before.id), inArray(trainingAttendees.personId, ids)));
  const byUnit = new Map<string, LeftOutRow[]>();
  for (const p of people) byUnit.set(p.unit_code, [...(byUnit.get(p.unit_code) ?? []), p]);
  const notices: UnitNotice[] = [];
  for (const [unitCode, list] of byUnit) {
    const provinceCode = list[0]!.province_code;
    await recordAudit(tx, actor, {
      action: 'cancel_registrations',
      entity: 'training_event',
      entityId: before.id,
      provinceCode,
      unitCode,
      before: { registered: list.map((p) => ({ personId: p.person_id, fullName: p.full_name })) },
      after: { reason: CANCEL_REASON },
    });
    notices.push({
      provinceCode,
      unitCode,
      title: `Hội nghị “${next.title}”: hủy đăng ký của ${list.length} người do thay đổi đối tượng tham dự`,
      body:
        `Đơn vị tổ chức đã thay đổi đối tượng tham dự hội nghị “${next.title}”; những người sau không còn thuộc ` +
        `đối tượng nên đăng ký của họ đã bị hủy: ${list.map((p) => p.full_name).join(', ')}. Nếu vẫn cần cử ` +
        `người dự, điểm cầu có thể đăng ký theo danh sách.`,
    });
  }
  // every unit's notice in one outbox row, delivered after the commit
  await queueNotices(tx, before.id, notices, now);
  return { count: people.length, reason: CANCEL_REASON };
}
