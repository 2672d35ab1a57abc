// Editing a training event before it starts: its fields, and its bridges laid out again only when the scope changes.
import { and, eq, inArray, notInArray, type AnyColumn } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { vietnamLocal } from '../../../core/calendar/dates.js';
import { recordAudit } from '../../audit/index.js';
import { unitsWithContactsOn } from '../../units/index.js';
import { layOutBridges } from '../domain/bridges.js';
import { eventPlace, mustTraining } from '../policy.js';
import { trainingAttendees, trainingBridges, trainingCheckIns, trainingEvents, trainingPresence } from '../schema.js';
import type { Audience } from '../schema.js';
import { insertBridges, loadEvent } from './common.js';
import { registerAudienceInTx } from './registration.js';
import { recomputeMinutes } from './attendance.js';
import { getEvent } from './events.js';

export interface EventChanges {
  title?: string;
  programme?: string | null;
  trainers?: string | null;
  startsAt?: string;
  endsAt?: string;
  attendShare?: number;
  audience?: { categories: Audience['categories']; leadersOnly?: boolean; communesOnly?: boolean } | null;
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
  const audience: Audience | null =
    input.audience === undefined
      ? (e.audience ?? null)
      : input.audience && {
          categories: input.audience.categories,
          leadersOnly: input.audience.leadersOnly ?? false,
          communesOnly: input.audience.communesOnly ?? true,
        };
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
  return getEvent(db, actor, id, now);
}
