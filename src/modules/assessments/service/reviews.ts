/** Reviews: self-assessment, the head's, the collective's comments, corrections after closing, a person's record. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid, notFound, outOfScope } from '../../../core/errors.js';
import { actorNames } from '../../../core/actor-names.js';
import type { Actor } from '../../../core/scope.js';
import { actionsAt, may, mustAt } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { personPlace } from '../../workforce/index.js';
import {
  annualRatings,
  assessmentCorrections,
  assessmentPeriods,
  assessmentReviews,
  assessmentTasks,
  type GeneralScores,
} from '../schema.js';
import type { AssessmentSettings } from '../domain/settings.js';
import { bandOf, round2 } from '../domain/scoring.js';
import { freezeScore } from '../domain/period.js';
import {
  type PeriodRow,
  placeOf,
  periodLabel,
  conflict,
  notSelf,
  loadPerson,
  loadPeriod,
  mustBeOpen,
  presentPeriod,
  presentTask,
  loadTask,
} from './common.js';
import { settingsFor } from './settings.js';
import { periodScores } from './periods.js';
import { type TaskReviewInput, reviewValues } from './tasks.js';

/** A person is assessed in a unit's period when they work there now or were given tasks in it. */
export async function mustBelong(tx: Db, period: PeriodRow, personId: string) {
  const p = await personPlace(tx, personId);
  if (!p) throw notFound('person', { code: personId });
  if (p.provinceCode === period.provinceCode && p.unitCode === period.unitCode) return;
  const [t] = await tx
    .select({ id: assessmentTasks.id })
    .from(assessmentTasks)
    .where(
      and(
        eq(assessmentTasks.provinceCode, period.provinceCode),
        eq(assessmentTasks.periodId, period.id),
        eq(assessmentTasks.personId, personId),
      ),
    )
    .limit(1);
  if (!t) throw outOfScope(period.unitCode);
}

export async function reviewFor(tx: Db, period: PeriodRow, personId: string) {
  await mustBelong(tx, period, personId);
  await tx
    .insert(assessmentReviews)
    .values({ provinceCode: period.provinceCode, unitCode: period.unitCode, periodId: period.id, personId })
    .onConflictDoNothing();
  const [r] = await tx
    .select()
    .from(assessmentReviews)
    .where(
      and(
        eq(assessmentReviews.provinceCode, period.provinceCode),
        eq(assessmentReviews.periodId, period.id),
        eq(assessmentReviews.personId, personId),
      ),
    )
    .for('update');
  return r!;
}

export function checkGeneral(s: AssessmentSettings, general: GeneralScores, prefix: string) {
  for (const c of s.generalCriteria) {
    const v = general[c.code];
    if (v === undefined) throw invalid(`${prefix}.${c.code}`, 'required', { field: `${prefix}.${c.code}` });
    if (v < 0 || v > c.max) throw invalid(`${prefix}.${c.code}`, 'general_over_max', { max: c.max });
  }
}

/** One person's assessment in a period: tasks, self-assessment, the head's, the collective's comments, the score. */
export async function getReview(db: Db, actor: Actor, periodId: string, personId: string) {
  const period = await loadPeriod(db, periodId);
  mustAt('review.read', actor, placeOf(period), personId);
  const { tasks, reviews, live, settings } = await periodScores(db, period);
  const person = await loadPerson(db, personId);
  const r = reviews.find((x) => x.personId === personId) ?? null;
  const liveScore = live.get(personId);
  const corrections = r
    ? await db
        .select()
        .from(assessmentCorrections)
        .where(
          and(eq(assessmentCorrections.provinceCode, period.provinceCode), eq(assessmentCorrections.reviewId, r.id)),
        )
        .orderBy(asc(assessmentCorrections.at))
    : [];
  const correctors = await actorNames(
    db,
    corrections.map((c) => c.by),
  );
  return {
    period: presentPeriod(period),
    person: { id: person.id, fullName: person.fullName, unitCode: person.unitCode, provinceCode: person.provinceCode },
    review: r,
    tasks: tasks.filter((t) => t.personId === personId).map(presentTask),
    score: period.status === 'closed' && r?.frozen ? r.frozen : liveScore ? freezeScore(liveScore) : null,
    provisional: period.status === 'open' && (liveScore?.provisional ?? true),
    criteria: settings.generalCriteria,
    corrections: corrections.map((c) => ({ ...c, actor: correctors.get(c.by) ?? null })),
    canSelfAssess: may('review.self', actor, { personId }) && period.status === 'open',
    canHeadAssess: may('review.head', actor, { place: placeOf(period) }) && period.status === 'open',
    actions: actionsAt(['review.head', 'review.correct', 'task.review'], actor, { place: placeOf(period) }),
  };
}

export async function selfAssess(
  db: Db,
  actor: Actor,
  periodId: string,
  personId: string,
  input: { general: GeneralScores; comment?: string | null },
) {
  if (!may('review.self', actor, { personId })) throw new AppError(403, 'not_own_record', 'not_own_record');
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, periodId, 'share');
    mustBeOpen(period);
    checkGeneral(await settingsFor(tx, period.provinceCode), input.general, 'general');
    const r = await reviewFor(tx, period, personId);
    const [u] = await tx
      .update(assessmentReviews)
      .set({
        selfGeneral: input.general,
        selfComment: input.comment ?? null,
        selfAt: new Date(),
        version: r.version + 1,
      })
      .where(and(eq(assessmentReviews.provinceCode, r.provinceCode), eq(assessmentReviews.id, r.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'self_assess',
      entity: 'assessment_review',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before: { general: r.selfGeneral, comment: r.selfComment },
      after: input,
    });
    return u!;
  });
}

export async function headAssess(
  db: Db,
  actor: Actor,
  periodId: string,
  personId: string,
  input: {
    general?: GeneralScores;
    comment?: string | null;
    organisationPercent?: number | null;
    collectiveComment?: string | null;
    version?: number;
  },
) {
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, periodId, 'share');
    mustAt('review.head', actor, placeOf(period));
    notSelf(actor, personId);
    mustBeOpen(period);
    if (input.general) checkGeneral(await settingsFor(tx, period.provinceCode), input.general, 'general');
    const r = await reviewFor(tx, period, personId);
    if (input.version !== undefined && input.version !== r.version) throw conflict();
    const set: Partial<typeof assessmentReviews.$inferInsert> = { version: r.version + 1 };
    if (input.general) Object.assign(set, { headGeneral: input.general, headBy: actor.username, headAt: new Date() });
    if (input.comment !== undefined) set.headComment = input.comment;
    if (input.organisationPercent !== undefined) set.organisationPercent = input.organisationPercent;
    if (input.collectiveComment !== undefined)
      Object.assign(set, { collectiveComment: input.collectiveComment, collectiveAt: new Date() });
    const [u] = await tx
      .update(assessmentReviews)
      .set(set)
      .where(and(eq(assessmentReviews.provinceCode, r.provinceCode), eq(assessmentReviews.id, r.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'head_assess',
      entity: 'assessment_review',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before: {
        general: r.headGeneral,
        comment: r.headComment,
        organisationPercent: r.organisationPercent,
        collectiveComment: r.collectiveComment,
      },
      after: input,
    });
    return u!;
  });
}

/**
 * After closing, a change goes through a correction: the reason, the changed inputs (the head's
 * general criteria, a leader's organisation, task judgements), the frozen score before and after.
 */
export async function correctReview(
  db: Db,
  actor: Actor,
  reviewId: string,
  input: {
    reason: string;
    general?: GeneralScores;
    organisationPercent?: number;
    tasks?: ({ id: string } & TaskReviewInput)[];
  },
) {
  return db.transaction(async (tx) => {
    // The period first, then the review: the order closing takes them in.
    const [found] = await tx
      .select({ periodId: assessmentReviews.periodId })
      .from(assessmentReviews)
      .where(eq(assessmentReviews.id, reviewId));
    if (!found) throw notFound('assessment_review', { code: reviewId });
    const period = await loadPeriod(tx, found.periodId, 'update');
    const [r] = await tx.select().from(assessmentReviews).where(eq(assessmentReviews.id, reviewId)).for('update');
    if (!r) throw notFound('assessment_review', { code: reviewId });
    mustAt('review.correct', actor, placeOf(period));
    notSelf(actor, r.personId);
    if (period.status !== 'closed')
      throw new AppError(409, 'period_not_closed', 'period_not_closed', { period: periodLabel(period) });
    if (!input.reason.trim()) throw invalid('reason', 'required', { field: 'reason' });
    const s = await settingsFor(tx, period.provinceCode);
    if (input.general) checkGeneral(s, input.general, 'general');
    for (const change of input.tasks ?? []) {
      const t = await loadTask(tx, change.id);
      if (t.periodId !== period.id || t.personId !== r.personId)
        throw invalid('tasks', 'invalid_value', { detail: change.id });
      await tx
        .update(assessmentTasks)
        .set({
          ...reviewValues(t, change),
          status: 'reviewed',
          reviewedBy: actor.username,
          reviewedAt: new Date(),
          version: t.version + 1,
        })
        .where(and(eq(assessmentTasks.provinceCode, t.provinceCode), eq(assessmentTasks.id, t.id)));
    }
    const set: Partial<typeof assessmentReviews.$inferInsert> = {};
    if (input.general) set.headGeneral = input.general;
    if (input.organisationPercent !== undefined) set.organisationPercent = input.organisationPercent;
    if (Object.keys(set).length)
      await tx
        .update(assessmentReviews)
        .set(set)
        .where(and(eq(assessmentReviews.provinceCode, r.provinceCode), eq(assessmentReviews.id, r.id)));
    const { live } = await periodScores(tx, period);
    const score = live.get(r.personId);
    const before = r.frozen ?? (score ? freezeScore({ ...score, total: null, band: null }) : null);
    if (!before) throw notFound('assessment_review', { code: reviewId });
    let after = score ? freezeScore(score) : before;
    // Scores carried in without their tasks (an earlier system): the task part stays, the general part is corrected.
    if ((!score || score.taskPercent === null) && before.taskPoints !== null) {
      const general = input.general
        ? Math.min(
            s.generalMax,
            s.generalCriteria.reduce((a, c) => a + (input.general![c.code] ?? 0), 0),
          )
        : before.general;
      const exact = Math.min(100, general + before.taskPoints);
      after = { ...before, general, total: round2(exact), band: bandOf(s, exact) }; // band on the exact score
    }
    await tx
      .update(assessmentReviews)
      .set({ frozen: after, version: r.version + 1 })
      .where(and(eq(assessmentReviews.provinceCode, r.provinceCode), eq(assessmentReviews.id, r.id)));
    const [c] = await tx
      .insert(assessmentCorrections)
      .values({
        provinceCode: r.provinceCode,
        reviewId: r.id,
        reason: input.reason.trim(),
        before,
        after,
        by: actor.username,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'correct',
      entity: 'assessment_review',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before,
      after: { ...after, reason: input.reason.trim() },
    });
    return c!;
  });
}

/** A person's scores over time, wherever they worked (the scores follow the person), and the annual ratings. */
export async function personAssessments(db: Db, actor: Actor, personId: string) {
  const person = await loadPerson(db, personId);
  const reviews = await db
    .select({ r: assessmentReviews, p: assessmentPeriods })
    .from(assessmentReviews)
    .innerJoin(
      assessmentPeriods,
      and(
        eq(assessmentPeriods.provinceCode, assessmentReviews.provinceCode),
        eq(assessmentPeriods.id, assessmentReviews.periodId),
      ),
    )
    .where(eq(assessmentReviews.personId, personId))
    .orderBy(asc(assessmentPeriods.startDate));
  const visible =
    may('review.read', actor, { place: placeOf(person), personId }) ||
    reviews.some((x) => may('review.read', actor, { place: placeOf(x.r) }));
  if (!visible) throw outOfScope(person.unitCode);
  // Open periods with tasks but no review row yet still show, scored live.
  const taskPeriods = await db
    .selectDistinct({ id: assessmentTasks.periodId })
    .from(assessmentTasks)
    .where(eq(assessmentTasks.personId, personId));
  const known = new Set(reviews.map((x) => x.p.id));
  const extra = taskPeriods.filter((t) => !known.has(t.id));
  const extraPeriods = extra.length
    ? await db
        .select()
        .from(assessmentPeriods)
        .where(
          inArray(
            assessmentPeriods.id,
            extra.map((e) => e.id),
          ),
        )
    : [];
  const periods = [
    ...reviews.map((x) => ({ period: x.p, review: x.r as typeof x.r | null })),
    ...extraPeriods.map((p) => ({ period: p, review: null })),
  ].sort((a, b) => a.period.startDate.localeCompare(b.period.startDate));
  const items = [];
  for (const { period, review } of periods) {
    let score = period.status === 'closed' ? (review?.frozen ?? null) : null;
    if (period.status === 'open') {
      const { live } = await periodScores(db, period);
      const l = live.get(personId);
      score = l ? freezeScore(l) : null;
    }
    items.push({
      period: presentPeriod(period),
      reviewId: review?.id ?? null,
      score,
      published: period.status === 'closed',
    });
  }
  const ratings = await db
    .select()
    .from(annualRatings)
    .where(eq(annualRatings.personId, personId))
    .orderBy(desc(annualRatings.year));
  return { person, periods: items, annual: ratings };
}
