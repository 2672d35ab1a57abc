// What the service sections share: the settings lookup, the scope filter, the audiences told, an item as sent.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden, notFound } from '../../../core/errors.js';
import { scopeWhere, type Actor } from '../../../core/scope.js';
import { roleMay, stepsFor } from '../policy.js';
import { type WorkingCalendar } from '../../../core/calendar/deadline.js';
import { sharedWorkingCalendar } from '../../../core/calendar/official.js';
import { searchKey } from '../../../core/text.js';
import { recommendations, recommendationSettings } from '../schema.js';
import { isOpen, type Action, type Level, type Status } from '../domain/lifecycle.js';
import { DEFAULT_ANSWER_WORKING_DAYS, DEFAULT_WARN_WORKING_DAYS, isLate, workingDaysLeft } from '../domain/deadline.js';
import { type Audience } from '../notify.js';

export type Row = typeof recommendations.$inferSelect;
export type Tx = Db;

/** The official working-day calendar: the process's one copy (core). */
export const channelCalendar = sharedWorkingCalendar;

export interface FieldSetting {
  answerWorkingDays: number;
  warnWorkingDays: number;
}

/** All settings rows, keyed `province|field` ('' = national). */
export async function loadSettings(db: Db): Promise<Map<string, FieldSetting>> {
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

// ---------- who is who ----------

/** The rows of the items the actor may read (see `mayRead`): one filter for lists and counts. */
export const scopeSql = (actor: Actor): SQL | undefined => {
  // A role the channel is closed to (a staff account) is refused before any list or count reads.
  if (!roleMay('read', actor)) throw forbidden();
  return scopeWhere(actor, {
    provinceCode: recommendations.provinceCode,
    unitCode: [recommendations.askerUnitCode, recommendations.unitCode],
  });
};

export const askerAudience = (
  r: Pick<Row, 'askerKind' | 'askerUnitCode' | 'askerUserId' | 'provinceCode'>,
): Audience =>
  r.askerKind === 'commune'
    ? { kind: 'commune', provinceCode: r.provinceCode, communeCode: r.askerUnitCode }
    : r.askerKind === 'province'
      ? { kind: 'province', provinceCode: r.provinceCode }
      : { kind: 'user', userId: r.askerUserId };

export const holderAudience = (level: Level, provinceCode: string): Audience =>
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

export const actionsFor = stepsFor;

export async function load(db: Db, id: string, forUpdate = false) {
  const q = db.select().from(recommendations).where(eq(recommendations.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw notFound('recommendation', { code: id });
  return r;
}

/** Words of a query as LIKE conditions on the search key: "bien che" finds "Biên chế". */
export function searchConditions(column: typeof recommendations.searchKey, q: string): SQL[] {
  return searchKey(q)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => sql`${column} LIKE ${`%${w.replace(/[%_\\]/g, '\\$&')}%`}`);
}
