import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, forbidden, invalid, notFound, outOfScope } from '../../core/errors.js';
import type { FileStore } from '../../core/file-store.js';
import { storeAttachments, withStagedFiles, type AttachmentInput } from '../../core/attachments.js';
import { MAX_ATTACHMENTS } from './contract.js';
import { scopeOf, scopeWhere, type Actor } from '../../core/scope.js';
import { may, mayRead, mayStep, roleMay, stepsFor } from './policy.js';
import { recordAudit } from '../audit/index.js';
import { receivedOn, type WorkingCalendar } from '../../core/calendar/deadline.js';
import { addDays, vietnamLocal } from '../../core/calendar/dates.js';
import { sharedWorkingCalendar } from '../../core/calendar/official.js';
import type { DeadlineClock } from '../../core/clock.js';
import { unitPlace } from '../units/index.js';
import { searchKey } from '../../core/text.js';
import { actorNames } from '../../core/actor-names.js';
import { actsAsOfficer, isOfficer, officerProvincesOn } from './officers.js';
import {
  recommendationEvents,
  recommendations,
  recommendationSequences,
  recommendationSettings,
  type AttachmentMeta,
} from './schema.js';
import {
  ACTOR_OF,
  allowedActions,
  firstLevel,
  isOpen,
  isPublishable,
  levelAfter,
  nextStatus,
  startsClock,
  type Action,
  type AskerKind,
  type Field,
  type Level,
  type Status,
} from './domain/lifecycle.js';
import {
  answerDueDate,
  DEFAULT_ANSWER_WORKING_DAYS,
  DEFAULT_WARN_WORKING_DAYS,
  isDueSoon,
  isLate,
  workingDaysLeft,
} from './domain/deadline.js';
import { rankSimilar } from './domain/similarity.js';
import { Notifier, type Audience } from './notify.js';

type Row = typeof recommendations.$inferSelect;
type Tx = Db;

/** The official working-day calendar: the process's one copy (core). */
export const channelCalendar = sharedWorkingCalendar;

// ---------- settings ----------

export interface FieldSetting {
  answerWorkingDays: number;
  warnWorkingDays: number;
}

/** All settings rows, keyed `province|field` ('' = national). */
async function loadSettings(db: Db): Promise<Map<string, FieldSetting>> {
  const rows = await db.select().from(recommendationSettings);
  return new Map(
    rows.map((r) => [
      `${r.provinceCode}|${r.field}`,
      { answerWorkingDays: r.answerWorkingDays, warnWorkingDays: r.warnWorkingDays },
    ]),
  );
}

/** The setting that applies at a level: a province's own for its level, else the national one, else the default. */
export function settingFor(
  all: Map<string, FieldSetting>,
  field: string,
  level: Level,
  provinceCode: string,
): FieldSetting {
  return (
    (level === 'province' ? all.get(`${provinceCode}|${field}`) : undefined) ??
    all.get(`|${field}`) ?? {
      answerWorkingDays: DEFAULT_ANSWER_WORKING_DAYS,
      warnWorkingDays: DEFAULT_WARN_WORKING_DAYS,
    }
  );
}

export async function listSettings(db: Db, actor: Actor, fields: readonly string[]) {
  const all = await loadSettings(db);
  const province = actor.provinceCode;
  return {
    items: fields.map((field) => ({
      field,
      national: settingFor(all, field, 'ministry', ''),
      ...(province ? { province: { provinceCode: province, ...settingFor(all, field, 'province', province) } } : {}),
    })),
  };
}

/** The Ministry sets the national limit of a field; a province its own limit for the answers of its level. */
export async function putSetting(
  db: Db,
  actor: Actor,
  field: Field,
  input: FieldSetting & { provinceCode?: string },
  clock: DeadlineClock,
) {
  const s = scopeOf(actor);
  const provinceCode = input.provinceCode ?? (s.kind === 'province' ? s.provinceCode : '');
  const allowed =
    provinceCode === ''
      ? may('set_national_limit', actor)
      : may('set_province_limit', actor, { place: { provinceCode, unitCode: provinceCode } });
  if (!allowed) throw forbidden();
  if (input.warnWorkingDays >= input.answerWorkingDays)
    throw invalid('warnWorkingDays', 'invalid_value', { detail: `< ${input.answerWorkingDays}` });
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(recommendationSettings)
      .where(and(eq(recommendationSettings.provinceCode, provinceCode), eq(recommendationSettings.field, field)));
    const values = {
      provinceCode,
      field,
      answerWorkingDays: input.answerWorkingDays,
      warnWorkingDays: input.warnWorkingDays,
      updatedBy: actor.username,
      updatedAt: now,
    };
    await tx
      .insert(recommendationSettings)
      .values(values)
      .onConflictDoUpdate({ target: [recommendationSettings.provinceCode, recommendationSettings.field], set: values });
    await recordAudit(tx, actor, {
      action: 'set',
      entity: 'recommendation_setting',
      entityId: `${provinceCode || 'national'}:${field}`,
      provinceCode: provinceCode || null,
      unitCode: provinceCode || null,
      before: before ? { answerWorkingDays: before.answerWorkingDays, warnWorkingDays: before.warnWorkingDays } : null,
      after: { answerWorkingDays: input.answerWorkingDays, warnWorkingDays: input.warnWorkingDays },
    });
    return { provinceCode, field, answerWorkingDays: input.answerWorkingDays, warnWorkingDays: input.warnWorkingDays };
  });
}

// ---------- who is who ----------

/** The rows of the items the actor may read (see `mayRead`): one filter for lists and counts. */
const scopeSql = (actor: Actor): SQL | undefined => {
  // A role the channel is closed to (a staff account) is refused before any list or count reads.
  if (!roleMay('read', actor)) throw forbidden();
  return scopeWhere(actor, {
    provinceCode: recommendations.provinceCode,
    unitCode: [recommendations.askerUnitCode, recommendations.unitCode],
  });
};

const askerAudience = (r: Pick<Row, 'askerKind' | 'askerUnitCode' | 'askerUserId' | 'provinceCode'>): Audience =>
  r.askerKind === 'commune'
    ? { kind: 'commune', provinceCode: r.provinceCode, communeCode: r.askerUnitCode }
    : r.askerKind === 'province'
      ? { kind: 'province', provinceCode: r.provinceCode }
      : { kind: 'user', userId: r.askerUserId };

const holderAudience = (level: Level, provinceCode: string): Audience =>
  level === 'province' ? { kind: 'province', provinceCode } : { kind: 'ministry' };

// ---------- presenting ----------

export function present(r: Row, today: string, cal: WorkingCalendar, actions: Action[] = []) {
  const status = r.status as Status;
  const open = isOpen(status);
  return {
    id: r.id,
    code: r.code,
    provinceCode: r.provinceCode,
    field: r.field,
    title: r.title,
    content: r.content,
    legalBasis: r.legalBasis,
    unitCode: r.unitCode,
    urgency: r.urgency,
    attachments: r.attachments.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
    })),
    askerKind: r.askerKind,
    askerUnitCode: r.askerUnitCode,
    askerUsername: r.askerUsername,
    visitId: r.visitId,
    status,
    level: r.level as Level,
    arrivedOn: r.arrivedOn,
    workingDays: r.workingDays,
    dueDate: r.dueDate,
    workingDaysLeft: open && status === 'pending' && r.dueDate ? workingDaysLeft(today, r.dueDate, cal) : null,
    overdue: status === 'pending' && isLate(today, r.dueDate),
    answer: r.answer,
    answerLegalBasis: r.answerLegalBasis,
    answeredLevel: r.answeredLevel,
    answeredBy: r.answeredBy,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answerWorkingDays: r.answerWorkingDays,
    answeredLate: r.answeredLate,
    infoRequestCount: r.infoRequestCount,
    reopenCount: r.reopenCount,
    closedAt: r.closedAt?.toISOString() ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
    /** what the signed-in user may do now */
    actions,
  };
}

const actionsFor = stepsFor;

// ---------- raising ----------

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

// ---------- reading ----------

async function load(db: Db, id: string, forUpdate = false) {
  const q = db.select().from(recommendations).where(eq(recommendations.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw notFound('recommendation', { code: id });
  return r;
}

export async function getRecommendation(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const r = await load(db, id);
  if (!mayRead(actor, r)) throw outOfScope(r.unitCode);
  const events = await db
    .select()
    .from(recommendationEvents)
    .where(and(eq(recommendationEvents.provinceCode, r.provinceCode), eq(recommendationEvents.recommendationId, r.id)))
    .orderBy(asc(recommendationEvents.id));
  const officer = await actsAsOfficer(db, actor);
  const names = await actorNames(db, [
    r.askerUsername,
    ...(r.answeredBy ? [r.answeredBy] : []),
    ...events.map((e) => e.actorUsername),
  ]);
  return {
    ...present(r, clock.localDate(clock.now()), channelCalendar(), actionsFor(actor, r, officer)),
    asker: names.get(r.askerUsername) ?? null,
    answerer: (r.answeredBy && names.get(r.answeredBy)) || null,
    events: events.map((e) => ({
      at: e.at.toISOString(),
      actorUsername: e.actorUsername,
      actor: names.get(e.actorUsername) ?? null,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      level: e.level,
      note: e.note,
    })),
  };
}

/** Words of a query as LIKE conditions on the search key: "bien che" finds "Biên chế". */
export function searchConditions(column: typeof recommendations.searchKey, q: string): SQL[] {
  return searchKey(q)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => sql`${column} LIKE ${`%${w.replace(/[%_\\]/g, '\\$&')}%`}`);
}

export interface ListQuery {
  status?: Status;
  level?: Level;
  field?: string;
  province?: string;
  unit?: string;
  asker?: string;
  visit?: string;
  overdue?: boolean;
  open?: boolean;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listRecommendations(db: Db, actor: Actor, query: ListQuery, clock: DeadlineClock) {
  const today = clock.localDate(clock.now());
  const conds: (SQL | undefined)[] = [scopeSql(actor)];
  if (query.status) conds.push(eq(recommendations.status, query.status));
  if (query.level) conds.push(eq(recommendations.level, query.level));
  if (query.field) conds.push(eq(recommendations.field, query.field));
  if (query.province) conds.push(eq(recommendations.provinceCode, query.province));
  if (query.unit)
    conds.push(or(eq(recommendations.unitCode, query.unit), eq(recommendations.askerUnitCode, query.unit)));
  if (query.asker) conds.push(eq(recommendations.askerUsername, query.asker));
  if (query.visit) conds.push(eq(recommendations.visitId, query.visit));
  if (query.open)
    conds.push(isNull(recommendations.closedAt), inArray(recommendations.status, ['pending', 'info_requested']));
  if (query.overdue) conds.push(eq(recommendations.status, 'pending'), lt(recommendations.dueDate, today));
  if (query.from) conds.push(gte(recommendations.createdAt, new Date(`${query.from}T00:00:00+07:00`)));
  if (query.to) conds.push(lt(recommendations.createdAt, new Date(`${addDays(query.to, 1)}T00:00:00+07:00`)));
  if (query.q) conds.push(...searchConditions(recommendations.searchKey, query.q));
  const where = and(...conds);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(recommendations)
      .where(where)
      .orderBy(desc(recommendations.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(recommendations)
      .where(where),
  ]);
  const cal = channelCalendar();
  const officer = await actsAsOfficer(db, actor);
  return {
    items: items.map((r) => present(r, today, cal, actionsFor(actor, r, officer))),
    total: count?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ---------- acting ----------

export interface ActInput {
  action: Action;
  /** answer: the answer; others: the note (required to send back or reopen) */
  note?: string;
  answer?: string;
  /** answer: the legal basis it cites (required) */
  legalBasis?: string;
  version?: number;
}

export async function actOnRecommendation(db: Db, actor: Actor, id: string, input: ActInput, clock: DeadlineClock) {
  const now = clock.now();
  const today = clock.localDate(now);
  const cal = channelCalendar();
  const notifier = new Notifier(now);
  const officer = await actsAsOfficer(db, actor);
  const result = await db.transaction(async (tx) => {
    const r = await load(tx, id, true);
    if (!mayRead(actor, r)) throw outOfScope(r.unitCode);
    const who = ACTOR_OF[input.action];
    if (!who) throw invalid('action');
    if (!mayStep(input.action, actor, r, officer)) throw forbidden();
    if (input.version !== undefined && input.version !== r.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const from = r.status as Status;
    const level = r.level as Level;
    const to = nextStatus(from, input.action, level);
    if (!to)
      throw new AppError(
        409,
        'illegal_transition',
        'recommendation_illegal_transition',
        { action: input.action, status: from, allowed: allowedActions(from, level).join(', ') || '—' },
        'action',
      );
    if (input.action === 'answer') {
      if (!input.answer?.trim()) throw invalid('answer', 'required', { field: 'answer' });
      if (!input.legalBasis?.trim()) throw invalid('legalBasis', 'required', { field: 'legalBasis' });
    }
    if (
      (input.action === 'request_info' || input.action === 'reopen' || input.action === 'provide_info') &&
      !input.note?.trim()
    )
      throw invalid('note', 'required', { field: 'note' });

    const newLevel = levelAfter(input.action, level, (r.answeredLevel as Level | null) ?? null);
    const patch: Partial<Row> = { status: to, level: newLevel, version: r.version + 1, updatedAt: now };
    if (startsClock(input.action)) {
      const setting = settingFor(await loadSettings(tx), r.field, newLevel, r.provinceCode);
      Object.assign(patch, {
        arrivedOn: receivedOn(now, cal),
        workingDays: setting.answerWorkingDays,
        dueDate: answerDueDate(now, setting.answerWorkingDays, cal),
        warnedForDue: null,
      });
    }
    switch (input.action) {
      case 'answer':
        Object.assign(patch, {
          answer: input.answer!.trim(),
          answerLegalBasis: input.legalBasis!.trim(),
          answeredLevel: level,
          answeredBy: actor.username,
          answeredAt: now,
          answeredOn: today,
          answerWorkingDays: Math.max(0, cal.workingDaysBetween(r.arrivedOn, today)),
          answeredLate: isLate(today, r.dueDate),
        });
        break;
      case 'request_info':
        Object.assign(patch, { dueDate: null, infoRequestCount: r.infoRequestCount + 1 });
        break;
      case 'provide_info':
        patch.content = `${r.content}\n\n— Bổ sung ${today}: ${input.note!.trim()}`;
        patch.searchKey = searchKey(`${r.title} ${patch.content} ${r.legalBasis ?? ''}`);
        break;
      case 'reopen':
        patch.reopenCount = r.reopenCount + 1;
        break;
      case 'accept':
        patch.closedAt = now;
        break;
      default:
        break;
    }
    const [updated] = await tx
      .update(recommendations)
      .set(patch)
      .where(and(eq(recommendations.provinceCode, r.provinceCode), eq(recommendations.id, r.id)))
      .returning();
    const note = input.action === 'answer' ? input.answer!.trim() : (input.note?.trim() ?? null);
    await tx.insert(recommendationEvents).values({
      provinceCode: r.provinceCode,
      recommendationId: r.id,
      at: now,
      actorUsername: actor.username,
      action: input.action,
      fromStatus: from,
      toStatus: to,
      level: newLevel,
      note,
    });
    await recordAudit(tx, actor, {
      action: input.action,
      entity: 'recommendation',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before: { status: from, level, dueDate: r.dueDate },
      after: {
        status: to,
        level: newLevel,
        dueDate: updated!.dueDate,
        note,
        legalBasis: input.action === 'answer' ? input.legalBasis!.trim() : undefined,
      },
    });
    const title = `${r.code}: ${r.title}`;
    const base = { entity: 'recommendation', entityId: r.id, provinceCode: r.provinceCode };
    switch (input.action) {
      case 'forward':
      case 'provide_info':
      case 'reopen':
        await notifier.notify(tx, holderAudience(newLevel, r.provinceCode), {
          ...base,
          kind: `recommendation_${input.action === 'forward' ? 'arrived' : input.action === 'reopen' ? 'reopened' : 'info_provided'}`,
          title,
          body: `Hạn trả lời ${updated!.dueDate}.`,
        });
        break;
      case 'answer':
        await notifier.notify(tx, askerAudience(r), {
          ...base,
          kind: 'recommendation_answered',
          title,
          body: `${input.answer!.trim()}\nCăn cứ: ${input.legalBasis!.trim()}`,
        });
        // A commune's item answered by the Ministry: its province, which forwarded it, is told too.
        if (level === 'ministry' && r.askerKind === 'commune')
          await notifier.notify(
            tx,
            { kind: 'province', provinceCode: r.provinceCode },
            { ...base, kind: 'recommendation_answered', title },
          );
        break;
      case 'request_info':
        await notifier.notify(tx, askerAudience(r), {
          ...base,
          kind: 'recommendation_info_requested',
          title,
          body: input.note!.trim(),
        });
        break;
      case 'accept':
        await notifier.notify(tx, holderAudience(level, r.provinceCode), {
          ...base,
          kind: 'recommendation_accepted',
          title,
        });
        break;
    }
    return updated!;
  });
  await notifier.flush();
  return present(result, today, cal, actionsFor(actor, result, officer));
}

// ---------- knowledge base ----------

/** The Ministry publishes an answered item so that one answer serves many. */
export async function publishRecommendation(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  if (!roleMay('publish', actor) || !may('publish', actor, { officer: await isOfficer(db, actor.id) }))
    throw forbidden();
  const now = clock.now();
  return db.transaction(async (tx) => {
    const r = await load(tx, id, true);
    if (!isPublishable(r.status as Status))
      throw new AppError(409, 'not_publishable', 'recommendation_not_publishable');
    if (r.publishedAt) throw new AppError(409, 'already_published', 'recommendation_already_published');
    const [updated] = await tx
      .update(recommendations)
      .set({ publishedAt: now, publishedBy: actor.username, version: r.version + 1, updatedAt: now })
      .where(and(eq(recommendations.provinceCode, r.provinceCode), eq(recommendations.id, r.id)))
      .returning();
    await tx.insert(recommendationEvents).values({
      provinceCode: r.provinceCode,
      recommendationId: r.id,
      at: now,
      actorUsername: actor.username,
      action: 'publish',
      fromStatus: r.status,
      toStatus: r.status,
      level: r.level,
    });
    await recordAudit(tx, actor, {
      action: 'publish',
      entity: 'recommendation',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      after: { publishedAt: now.toISOString() },
    });
    return knowledgeEntry(updated!);
  });
}

/** What the knowledge base shows: the question and its answer, not who asked. */
function knowledgeEntry(r: Row) {
  return {
    id: r.id,
    code: r.code,
    field: r.field,
    provinceCode: r.provinceCode,
    title: r.title,
    question: r.content,
    legalBasis: r.legalBasis,
    answer: r.answer,
    answerLegalBasis: r.answerLegalBasis,
    answeredLevel: r.answeredLevel,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
  };
}

export async function listKnowledge(db: Db, q: { q?: string; field?: string; page: number; pageSize: number }) {
  const where = and(
    isNotNull(recommendations.publishedAt),
    q.field ? eq(recommendations.field, q.field) : undefined,
    ...(q.q ? searchConditions(recommendations.searchKey, q.q) : []),
  );
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(recommendations)
      .where(where)
      .orderBy(desc(recommendations.publishedAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(recommendations)
      .where(where),
  ]);
  return { items: items.map(knowledgeEntry), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getKnowledge(db: Db, id: string) {
  const [r] = await db
    .select()
    .from(recommendations)
    .where(and(eq(recommendations.id, id), isNotNull(recommendations.publishedAt)));
  if (!r) throw notFound('recommendation', { code: id });
  return knowledgeEntry(r);
}

// ---------- similar items ----------

/** How many recent items are compared (newest first); the knowledge base is always included. */
const SIMILAR_POOL = 3000;

/**
 * Items like a given one or a draft text: from the actor's scope and the published knowledge base,
 * compared on diacritics-free trigrams (`domain/similarity.ts`).
 */
export async function similarRecommendations(
  db: Db,
  actor: Actor,
  input: { id?: string; text?: string; limit: number },
) {
  let text = input.text ?? '';
  let self: string | undefined;
  if (input.id) {
    const r = await load(db, input.id);
    if (!mayRead(actor, r)) throw outOfScope(r.unitCode);
    text = `${r.title} ${r.content}`;
    self = r.id;
  }
  if (!text.trim()) throw invalid('text', 'required', { field: 'text' });
  const cols = {
    id: recommendations.id,
    code: recommendations.code,
    field: recommendations.field,
    title: recommendations.title,
    status: recommendations.status,
    provinceCode: recommendations.provinceCode,
    searchKey: recommendations.searchKey,
    publishedAt: recommendations.publishedAt,
    answer: recommendations.answer,
  };
  const [mine, published] = await Promise.all([
    db
      .select(cols)
      .from(recommendations)
      .where(scopeSql(actor))
      .orderBy(desc(recommendations.createdAt))
      .limit(SIMILAR_POOL),
    db
      .select(cols)
      .from(recommendations)
      .where(isNotNull(recommendations.publishedAt))
      .orderBy(desc(recommendations.publishedAt))
      .limit(SIMILAR_POOL),
  ]);
  const pool = new Map(
    [...mine, ...published].filter((c) => c.id !== self).map((c) => [c.id, { ...c, text: c.searchKey }]),
  );
  return {
    items: rankSimilar(text, [...pool.values()], { limit: input.limit }).map((c) => ({
      id: c.id,
      code: c.code,
      field: c.field,
      title: c.title,
      status: c.status,
      provinceCode: c.provinceCode,
      published: !!c.publishedAt,
      /** the answer, when published (readable by everyone) */
      answer: c.publishedAt ? c.answer : null,
      score: c.score,
    })),
  };
}

// ---------- deadlines ----------

/** Items held at the actor's level whose answer time runs out soon, and those already late. */
export async function dueSoon(db: Db, actor: Actor, clock: DeadlineClock, q: { level?: Level }) {
  const today = clock.localDate(clock.now());
  const cal = channelCalendar();
  const level =
    q.level ??
    (actor.role === 'province'
      ? 'province'
      : actor.role === 'ministry' || actor.role === 'admin'
        ? 'ministry'
        : undefined);
  const rows = await db
    .select()
    .from(recommendations)
    .where(
      and(
        scopeSql(actor),
        eq(recommendations.status, 'pending'),
        isNotNull(recommendations.dueDate),
        level ? eq(recommendations.level, level) : undefined,
        lte(recommendations.dueDate, addDays(today, 30)),
      ),
    )
    .orderBy(asc(recommendations.dueDate))
    .limit(2000);
  const settings = await loadSettings(db);
  const officer = await actsAsOfficer(db, actor);
  const soon = rows.filter((r) =>
    isDueSoon(today, r.dueDate, settingFor(settings, r.field, r.level as Level, r.provinceCode).warnWorkingDays, cal),
  );
  const late = rows.filter((r) => isLate(today, r.dueDate));
  return {
    today,
    dueSoon: soon.map((r) => present(r, today, cal, actionsFor(actor, r, officer))),
    overdue: late.map((r) => present(r, today, cal, actionsFor(actor, r, officer))),
  };
}

/**
 * Warns the holders of items whose time limit runs out soon: one notice (and e-mail) per deadline.
 * Run hourly by the routes' timer, and on demand by the Ministry.
 */
export async function sendDeadlineWarnings(db: Db, clock: DeadlineClock): Promise<{ warned: number }> {
  const now = clock.now();
  const today = clock.localDate(now);
  const cal = channelCalendar();
  const settings = await loadSettings(db);
  const rows = await db
    .select()
    .from(recommendations)
    .where(
      and(
        eq(recommendations.status, 'pending'),
        gte(recommendations.dueDate, today),
        lte(recommendations.dueDate, addDays(today, 30)),
        or(isNull(recommendations.warnedForDue), sql`${recommendations.warnedForDue} <> ${recommendations.dueDate}`),
      ),
    )
    .limit(5000);
  const due = rows.filter((r) =>
    isDueSoon(today, r.dueDate, settingFor(settings, r.field, r.level as Level, r.provinceCode).warnWorkingDays, cal),
  );
  const notifier = new Notifier(now);
  await db.transaction(async (tx) => {
    for (const r of due) {
      await tx
        .update(recommendations)
        .set({ warnedForDue: r.dueDate })
        .where(and(eq(recommendations.provinceCode, r.provinceCode), eq(recommendations.id, r.id)));
      await notifier.notify(tx, holderAudience(r.level as Level, r.provinceCode), {
        kind: 'recommendation_due_soon',
        entity: 'recommendation',
        entityId: r.id,
        provinceCode: r.provinceCode,
        title: `${r.code}: ${r.title}`,
        body: `Sắp hết hạn trả lời: ${r.dueDate} (còn ${workingDaysLeft(today, r.dueDate!, cal)} ngày làm việc).`,
      });
    }
  });
  await notifier.flush();
  return { warned: due.length };
}

// ---------- views ----------

/** Open items by field and level, overdue answers, the most frequent problems by province this month, time to answer. */
export async function recommendationStats(db: Db, actor: Actor, clock: DeadlineClock, q: { month?: string }) {
  const today = clock.localDate(clock.now());
  const month = q.month ?? today.slice(0, 7);
  const monthStart = new Date(`${month}-01T00:00:00+07:00`);
  const next = new Date(monthStart.getTime() + 32 * 86_400_000);
  const monthEnd = new Date(`${next.toISOString().slice(0, 7)}-01T00:00:00+07:00`);
  const scope = scopeSql(actor);
  const inMonth = and(scope, gte(recommendations.createdAt, monthStart), lt(recommendations.createdAt, monthEnd));
  const [open, overdue, byProvince, topTitles, answerTimes] = await Promise.all([
    db
      .select({
        field: recommendations.field,
        level: recommendations.level,
        status: recommendations.status,
        n: sql<number>`count(*)::int`,
      })
      .from(recommendations)
      .where(and(scope, inArray(recommendations.status, ['pending', 'info_requested'])))
      .groupBy(recommendations.field, recommendations.level, recommendations.status),
    db
      .select({ level: recommendations.level, n: sql<number>`count(*)::int` })
      .from(recommendations)
      .where(and(scope, eq(recommendations.status, 'pending'), lt(recommendations.dueDate, today)))
      .groupBy(recommendations.level),
    db
      .select({
        provinceCode: recommendations.provinceCode,
        field: recommendations.field,
        n: sql<number>`count(*)::int`,
      })
      .from(recommendations)
      .where(inMonth)
      .groupBy(recommendations.provinceCode, recommendations.field),
    db
      .select({
        provinceCode: recommendations.provinceCode,
        title: recommendations.title,
        n: sql<number>`count(*)::int`,
      })
      .from(recommendations)
      .where(inMonth)
      .groupBy(recommendations.provinceCode, recommendations.title)
      .having(sql`count(*) > 1`),
    db
      .select({
        level: recommendations.answeredLevel,
        answered: sql<number>`count(*)::int`,
        averageWorkingDays: sql<number>`round(avg(${recommendations.answerWorkingDays})::numeric, 1)::float8`,
        medianWorkingDays: sql<number>`percentile_cont(0.5) within group (order by ${recommendations.answerWorkingDays})::float8`,
        late: sql<number>`count(*) filter (where ${recommendations.answeredLate})::int`,
      })
      .from(recommendations)
      .where(
        and(
          scope,
          isNotNull(recommendations.answeredAt),
          gte(recommendations.answeredAt, monthStart),
          lt(recommendations.answeredAt, monthEnd),
        ),
      )
      .groupBy(recommendations.answeredLevel),
  ]);
  const provinces = new Map<
    string,
    {
      provinceCode: string;
      total: number;
      fields: { field: string; count: number }[];
      topProblems: { title: string; count: number }[];
    }
  >();
  for (const r of byProvince) {
    const p = provinces.get(r.provinceCode) ?? { provinceCode: r.provinceCode, total: 0, fields: [], topProblems: [] };
    p.total += r.n;
    p.fields.push({ field: r.field, count: r.n });
    provinces.set(r.provinceCode, p);
  }
  for (const r of topTitles) provinces.get(r.provinceCode)?.topProblems.push({ title: r.title, count: r.n });
  for (const p of provinces.values()) {
    p.fields.sort((a, b) => b.count - a.count);
    p.topProblems = p.topProblems.sort((a, b) => b.count - a.count).slice(0, 5);
  }
  return {
    today,
    month,
    open: open.map((r) => ({ field: r.field, level: r.level, status: r.status, count: r.n })),
    overdue: overdue.map((r) => ({ level: r.level, count: r.n })),
    byProvince: [...provinces.values()].sort((a, b) => b.total - a.total),
    timeToAnswer: answerTimes.map((r) => ({
      level: r.level,
      answered: r.answered,
      averageWorkingDays: r.averageWorkingDays,
      medianWorkingDays: r.medianWorkingDays,
      late: r.late,
      onTimeRate: r.answered ? Math.round(((r.answered - r.late) * 1000) / r.answered) / 10 : null,
    })),
  };
}

// ---------- attachments ----------

/** An attachment's bytes, for whoever may read the item. n: its position in the item's list. */
export async function getAttachment(db: Db, actor: Actor, id: string, n: number, store: FileStore) {
  const r = await load(db, id);
  if (!mayRead(actor, r)) throw outOfScope(r.unitCode);
  const a = r.attachments[n];
  if (!a) throw notFound('recommendation', { code: `${r.code} #${n}` });
  return { name: a.name, contentType: a.contentType, sha256: a.sha256, bytes: await store.get(a.storageKey) };
}

/** The asker adds attachments to an item not yet accepted (e.g. the information asked for). */
export async function addAttachments(
  db: Db,
  actor: Actor,
  id: string,
  files: AttachmentInput[],
  clock: DeadlineClock,
  store: FileStore,
) {
  const r0 = await load(db, id);
  if (!mayRead(actor, r0)) throw outOfScope(r0.unitCode);
  if (r0.askerUserId !== actor.id || r0.closedAt) throw forbidden();
  if (r0.attachments.length + files.length > MAX_ATTACHMENTS)
    throw invalid('attachments', 'invalid_value', { detail: `≤ ${MAX_ATTACHMENTS}` });
  const now = clock.now();
  const row = await withStagedFiles(store, async (staged) => {
    const stored = await storeAttachments(staged, `recommendations/${r0.provinceCode}`, files);
    return db.transaction(async (tx) => {
      const r = await load(tx, id, true);
      if (r.attachments.length + stored.length > MAX_ATTACHMENTS)
        throw invalid('attachments', 'invalid_value', { detail: `≤ ${MAX_ATTACHMENTS}` });
      const [u] = await tx
        .update(recommendations)
        .set({ attachments: [...r.attachments, ...stored], version: r.version + 1, updatedAt: now })
        .where(and(eq(recommendations.provinceCode, r.provinceCode), eq(recommendations.id, r.id)))
        .returning();
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'recommendation',
        entityId: r.id,
        provinceCode: r.provinceCode,
        unitCode: r.unitCode,
        after: { attachments: stored.map((a) => a.name) },
      });
      return u!;
    });
  });
  const officer = await actsAsOfficer(db, actor);
  return present(row, clock.localDate(now), channelCalendar(), actionsFor(actor, row, officer));
}
