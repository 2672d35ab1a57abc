// Raising an item: who asks from where, its number, deadline and first holder; a draft sent again makes one item.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, invalid, outOfScope } from '../../../core/errors.js';
import type { FileStore } from '../../../core/file-store.js';
import { storeAttachments, withStagedFiles, type AttachmentInput } from '../../../core/attachments.js';
import { type Actor } from '../../../core/scope.js';
import { may } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { receivedOn, type WorkingCalendar } from '../../../core/calendar/deadline.js';
import { vietnamLocal } from '../../../core/calendar/dates.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { unitPlace } from '../../units/index.js';
import { searchKey } from '../../../core/text.js';
import { officerProvincesOn } from '../officers.js';
import { recommendationEvents, recommendations, recommendationSequences, type AttachmentMeta } from '../schema.js';
import { firstLevel, type AskerKind, type Field } from '../domain/lifecycle.js';
import { answerDueDate } from '../domain/deadline.js';
import { Notifier } from '../notify.js';
import { type Tx, channelCalendar, loadSettings, settingFor, holderAudience, present, actionsFor } from './common.js';

export interface RaiseInput {
  field: Field;
  title: string;
  content: string;
  legalBasis?: string;
  /** the unit concerned; default the asker's own unit */
  unitCode?: string;
  urgency?: 'normal' | 'urgent';
  attachments?: AttachmentInput[];
  /** the draft's id on the device: the same draft sent again (at once or days later) makes one item */
  clientRef?: string;
}

/** Thrown inside the raising transaction when the same draft was raised meanwhile: the transaction rolls back. */
class DraftAlreadyRaised extends Error {}

interface RaiseContext {
  now: Date;
  cal: WorkingCalendar;
  notifier: Notifier;
  attachments: AttachmentMeta[];
  /** set by a visit log: the officer's province in that phase (already checked) and the visit */
  officerProvince?: string;
  visitId?: string;
}

/** Who asks, from where, and the unit concerned; refuses what the actor may not raise. */
async function resolveAsker(db: Db, actor: Actor, input: RaiseInput, ctx: RaiseContext, today: string) {
  if (!may('raise', actor)) throw forbidden();
  const unitCode = input.unitCode ?? actor.communeCode ?? actor.provinceCode;
  if (!unitCode) throw invalid('unitCode', 'required', { field: 'unitCode' });
  const unit = await unitPlace(db, unitCode);
  if (!unit) throw invalid('unitCode', 'invalid_value', { detail: unitCode });
  if (actor.role === 'commune') {
    if (unit.code !== actor.communeCode) throw outOfScope(unit.code);
    return {
      askerKind: 'commune' as AskerKind,
      provinceCode: unit.provinceCode,
      askerUnitCode: actor.communeCode,
      unitCode: unit.code,
    };
  }
  if (actor.role === 'province') {
    if (unit.provinceCode !== actor.provinceCode) throw outOfScope(unit.code);
    return {
      askerKind: 'province' as AskerKind,
      provinceCode: unit.provinceCode,
      askerUnitCode: actor.provinceCode,
      unitCode: unit.code,
    };
  }
  // A Ministry user raises items only as an officer in the field, in a province of their assignment.
  const provinces = ctx.officerProvince ? [ctx.officerProvince] : await officerProvincesOn(db, actor.id, today);
  if (provinces.length === 0)
    throw new AppError(403, 'officer_not_assigned', 'officer_not_assigned', { province: unit.provinceCode });
  if (!provinces.includes(unit.provinceCode))
    throw new AppError(
      403,
      'officer_not_assigned',
      'officer_not_assigned',
      { province: unit.provinceCode },
      'unitCode',
    );
  return {
    askerKind: 'officer' as AskerKind,
    provinceCode: unit.provinceCode,
    askerUnitCode: unit.code,
    unitCode: unit.code,
  };
}

/** Raises an item inside the caller's transaction (a visit log raises its items with it). */
export async function raiseInTx(tx: Tx, actor: Actor, input: RaiseInput, ctx: RaiseContext) {
  const today = vietnamLocal(ctx.now).date;
  const who = await resolveAsker(tx, actor, input, ctx, today);
  const level = firstLevel(who.askerKind);
  const setting = settingFor(await loadSettings(tx), input.field, level, who.provinceCode);
  const month = today.slice(2, 7).replace('-', '');
  const [seq] = await tx
    .insert(recommendationSequences)
    .values({ provinceCode: who.provinceCode, month, last: 1 })
    .onConflictDoUpdate({
      target: [recommendationSequences.provinceCode, recommendationSequences.month],
      set: { last: sql`${recommendationSequences.last} + 1` },
    })
    .returning({ last: recommendationSequences.last });
  const code = `KN${who.provinceCode}-${month}-${String(seq!.last).padStart(4, '0')}`;
  const [r] = await tx
    .insert(recommendations)
    .values({
      provinceCode: who.provinceCode,
      code,
      field: input.field,
      title: input.title.trim(),
      content: input.content.trim(),
      legalBasis: input.legalBasis?.trim() || null,
      unitCode: who.unitCode,
      urgency: input.urgency ?? 'normal',
      attachments: ctx.attachments,
      askerKind: who.askerKind,
      askerUnitCode: who.askerUnitCode,
      askerUserId: actor.id,
      askerUsername: actor.username,
      visitId: ctx.visitId ?? null,
      clientRef: input.clientRef ?? null,
      status: 'pending',
      level,
      arrivedOn: receivedOn(ctx.now, ctx.cal),
      workingDays: setting.answerWorkingDays,
      dueDate: answerDueDate(ctx.now, setting.answerWorkingDays, ctx.cal),
      searchKey: searchKey(`${input.title} ${input.content} ${input.legalBasis ?? ''}`),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning();
  // The same draft arrived twice at once: the other request raised it (its number is given back by the rollback).
  if (!r) throw new DraftAlreadyRaised();
  await tx.insert(recommendationEvents).values({
    provinceCode: r!.provinceCode,
    recommendationId: r!.id,
    at: ctx.now,
    actorUsername: actor.username,
    action: 'raise',
    fromStatus: null,
    toStatus: 'pending',
    level,
  });
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'recommendation',
    entityId: r!.id,
    provinceCode: r!.provinceCode,
    unitCode: r!.unitCode,
    after: { code, field: r!.field, level, dueDate: r!.dueDate, visitId: r!.visitId },
  });
  await ctx.notifier.notify(tx, holderAudience(level, r!.provinceCode), {
    kind: 'recommendation_arrived',
    entity: 'recommendation',
    entityId: r!.id,
    provinceCode: r!.provinceCode,
    title: `${code}: ${r!.title}`,
    body: `Kiến nghị mới, hạn trả lời ${r!.dueDate}.`,
  });
  return r!;
}

export async function raiseRecommendation(
  db: Db,
  actor: Actor,
  input: RaiseInput,
  clock: DeadlineClock,
  store: FileStore,
) {
  const now = clock.now();
  const cal = channelCalendar();
  const raised = async () => {
    if (!input.clientRef) return null;
    const [dup] = await db
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.askerUserId, actor.id), eq(recommendations.clientRef, input.clientRef)));
    return dup ? present(dup, clock.localDate(now), cal, actionsFor(actor, dup, false)) : null;
  };
  const earlier = await raised();
  if (earlier) return earlier;
  const notifier = new Notifier(now);
  let row;
  try {
    row = await withStagedFiles(store, async (staged) => {
      // Authorised before any file is stored (and again in the transaction); a failure removes what was stored.
      if (input.attachments?.length)
        await resolveAsker(db, actor, input, { now, cal, notifier, attachments: [] }, vietnamLocal(now).date);
      const attachments = await storeAttachments(
        staged,
        `recommendations/${actor.provinceCode ?? 'ministry'}`,
        input.attachments,
      );
      return db.transaction((tx) => raiseInTx(tx, actor, input, { now, cal, notifier, attachments }));
    });
  } catch (e) {
    if (!(e instanceof DraftAlreadyRaised)) throw e;
    const dup = await raised();
    if (!dup) throw e;
    return dup;
  }
  await notifier.flush();
  return present(row, clock.localDate(now), cal, actionsFor(actor, row, false));
}
