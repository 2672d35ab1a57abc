// Reading items: one with its history, and the lists the actor may see.
import { actorNames } from '../../../core/actor-names.js';
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { mayRead } from '../policy.js';
import { addDays } from '../../../core/calendar/dates.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { actsAsOfficer } from '../officers.js';
import { recommendationEvents, recommendations } from '../schema.js';
import { type Level, type Status } from '../domain/lifecycle.js';
import { channelCalendar, scopeSql, present, actionsFor, load, searchConditions } from './common.js';

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
