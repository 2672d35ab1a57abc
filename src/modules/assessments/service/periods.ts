/** Periods: opened on first use, listed, scored live, closed (frozen). */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { outOfScope } from '../../../core/errors.js';
import { actorNames } from '../../../core/actor-names.js';
import type { Actor, Place } from '../../../core/scope.js';
import { actionsAt, may, mustAt } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { personNames, unitPostHolders } from '../../workforce/index.js';
import { assessmentPeriods, assessmentReviews, assessmentTasks } from '../schema.js';
import type { AssessmentSettings } from '../domain/settings.js';
import { periodsOfYear } from '../domain/scoring.js';
import { freezeScore, managedStaff, scoreUnitPeriod, type TaskRow } from '../domain/period.js';
import {
  type PeriodRow,
  placeOf,
  periodLabel,
  ownOnly,
  scopeWhere,
  loadPeriod,
  mustBeOpen,
  presentPeriod,
} from './common.js';
import { settingsFor } from './settings.js';

/** The period of a unit that holds a date, opened on first use. */
export async function ensurePeriod(tx: Db, place: Place, date: string, s: AssessmentSettings): Promise<PeriodRow> {
  const year = Number(date.slice(0, 4));
  const period = periodsOfYear(year, s.periodKind).find((p) => p.start <= date && date <= p.end)!;
  await tx
    .insert(assessmentPeriods)
    .values({
      provinceCode: place.provinceCode,
      unitCode: place.unitCode,
      year,
      kind: s.periodKind,
      seq: period.seq,
      startDate: period.start,
      endDate: period.end,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(assessmentPeriods)
    .where(
      and(
        eq(assessmentPeriods.provinceCode, place.provinceCode),
        eq(assessmentPeriods.unitCode, place.unitCode),
        eq(assessmentPeriods.year, year),
        eq(assessmentPeriods.kind, s.periodKind),
        eq(assessmentPeriods.seq, period.seq),
      ),
    );
  return row!;
}

export async function listPeriods(
  db: Db,
  actor: Actor,
  q: { unit?: string; year?: number; status?: 'open' | 'closed' },
) {
  if (ownOnly(actor)) {
    // A staff member sees the periods they have a review or a task in.
    const [fromTasks, fromReviews] = await Promise.all([
      db
        .selectDistinct({ id: assessmentTasks.periodId })
        .from(assessmentTasks)
        .where(eq(assessmentTasks.personId, actor.personId!)),
      db
        .selectDistinct({ id: assessmentReviews.periodId })
        .from(assessmentReviews)
        .where(eq(assessmentReviews.personId, actor.personId!)),
    ]);
    const ids = [...new Set([...fromTasks, ...fromReviews].map((r) => r.id))];
    const rows = ids.length
      ? await db
          .select()
          .from(assessmentPeriods)
          .where(
            and(
              inArray(assessmentPeriods.id, ids),
              q.unit ? eq(assessmentPeriods.unitCode, q.unit) : undefined,
              q.year ? eq(assessmentPeriods.year, q.year) : undefined,
            ),
          )
          .orderBy(desc(assessmentPeriods.startDate))
      : [];
    return { items: rows.map(presentPeriod) };
  }
  const conds: (SQL | undefined)[] = [scopeWhere(actor, assessmentPeriods)];
  if (q.unit) conds.push(eq(assessmentPeriods.unitCode, q.unit));
  if (q.year) conds.push(eq(assessmentPeriods.year, q.year));
  if (q.status) conds.push(eq(assessmentPeriods.status, q.status));
  const rows = await db
    .select()
    .from(assessmentPeriods)
    .where(and(...conds))
    .orderBy(desc(assessmentPeriods.startDate), asc(assessmentPeriods.unitCode))
    .limit(500);
  return { items: rows.map(presentPeriod) };
}

/** Leaders of a unit during a period (those holding a leadership post there) and whom each manages. */
export async function leadersOf(db: Db, place: Place, start: string, end: string) {
  const rows = await unitPostHolders(db, place, start, end);
  const leaders = new Set(rows.filter((r) => r.postKind === 'leadership').map((r) => r.personId));
  return { leaders, managed: managedStaff(rows) };
}

/** Live scores of everyone in a period (or the frozen ones once it is closed). */
export async function periodScores(db: Db, period: PeriodRow) {
  const [tasks, reviews, s] = await Promise.all([
    db
      .select()
      .from(assessmentTasks)
      .where(and(eq(assessmentTasks.provinceCode, period.provinceCode), eq(assessmentTasks.periodId, period.id))),
    db
      .select()
      .from(assessmentReviews)
      .where(and(eq(assessmentReviews.provinceCode, period.provinceCode), eq(assessmentReviews.periodId, period.id))),
    settingsFor(db, period.provinceCode),
  ]);
  const { leaders, managed } = await leadersOf(db, placeOf(period), period.startDate, period.endDate);
  const live = scoreUnitPeriod(
    s,
    tasks as TaskRow[],
    reviews.map((r) => ({
      personId: r.personId,
      headGeneral: r.headGeneral,
      organisationPercent: r.organisationPercent,
    })),
    leaders,
    managed,
  );
  return { tasks, reviews, live, settings: s };
}

/** A period's people with their scores, for the head (and the bands against the quota). */
export async function getPeriod(db: Db, actor: Actor, id: string) {
  const period = await loadPeriod(db, id);
  if (!ownOnly(actor) && !may('period.read', actor, { place: placeOf(period) })) throw outOfScope(period.unitCode);
  const { tasks, reviews, live } = await periodScores(db, period);
  const ids = [...new Set([...live.keys(), ...reviews.map((r) => r.personId)])].filter(
    (pid) => !ownOnly(actor) || pid === actor.personId,
  );
  if (ownOnly(actor) && ids.length === 0) throw outOfScope(period.unitCode);
  const names = ids.length ? await personNames(db, ids) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.fullName]));
  const reviewOf = new Map(reviews.map((r) => [r.personId, r]));
  const items = ids.map((pid) => {
    const r = reviewOf.get(pid);
    const score =
      period.status === 'closed' && r?.frozen ? r.frozen : live.has(pid) ? freezeScore(live.get(pid)!) : null;
    return {
      personId: pid,
      fullName: nameOf.get(pid) ?? '',
      reviewId: r?.id ?? null,
      tasks: tasks.filter((t) => t.personId === pid).length,
      tasksReviewed: tasks.filter((t) => t.personId === pid && t.status === 'reviewed').length,
      selfAssessed: !!r?.selfAt,
      headAssessed: !!r?.headAt,
      provisional: period.status === 'open' && (live.get(pid)?.provisional ?? true),
      score,
    };
  });
  items.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  const actions = actionsAt(['period.close', 'task.assign', 'task.review'], actor, { place: placeOf(period) });
  const closer = period.closedBy ? (await actorNames(db, [period.closedBy])).get(period.closedBy) : undefined;
  return { period: presentPeriod(period), closedByName: closer ?? null, items, actions };
}

/** Closing freezes every score of the period; afterwards only a recorded correction changes one. */
export async function closePeriod(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, id, 'update');
    mustAt('period.close', actor, placeOf(period));
    mustBeOpen(period);
    const { reviews, live } = await periodScores(tx, period);
    const reviewOf = new Map(reviews.map((r) => [r.personId, r]));
    let scored = 0;
    for (const [pid, score] of live) {
      const frozen = freezeScore(score);
      if (frozen.total !== null) scored++;
      if (reviewOf.has(pid)) {
        await tx
          .update(assessmentReviews)
          .set({ frozen, version: sql`${assessmentReviews.version} + 1` })
          .where(
            and(
              eq(assessmentReviews.provinceCode, period.provinceCode),
              eq(assessmentReviews.id, reviewOf.get(pid)!.id),
            ),
          );
      } else {
        await tx.insert(assessmentReviews).values({
          provinceCode: period.provinceCode,
          unitCode: period.unitCode,
          periodId: period.id,
          personId: pid,
          frozen,
        });
      }
    }
    const [closed] = await tx
      .update(assessmentPeriods)
      .set({ status: 'closed', closedAt: new Date(), closedBy: actor.username })
      .where(and(eq(assessmentPeriods.provinceCode, period.provinceCode), eq(assessmentPeriods.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'close',
      entity: 'assessment_period',
      entityId: id,
      provinceCode: period.provinceCode,
      unitCode: period.unitCode,
      after: { label: periodLabel(period), people: live.size, scored },
    });
    return { period: presentPeriod(closed!), people: live.size, scored };
  });
}
