// The channel's figures: open items, late answers, problems by province, time to answer.
import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { recommendations } from '../schema.js';
import { scopeSql } from './common.js';

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
