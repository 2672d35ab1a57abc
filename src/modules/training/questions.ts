/**
 * Questions raised at bridges during a conference, and their way into the two-way channel: the asking unit sends each
 * one as a recommendation with one click (the channel's asker is always a unit: a commune or a province). A question
 * that looks like an item already answered is shown that item first; sending it anyway takes `force`.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, notFound, outOfScope } from '../../core/errors.js';
import { scopeWhere, type Actor } from '../../core/scope.js';
import type { DeadlineClock } from '../../core/clock.js';
import { recordAudit } from '../audit/index.js';
import { Notifier, answeredLike, channelCalendar, raiseInTx } from '../recommendations/index.js';
import { mustTraining } from './policy.js';
import { loadEvent, loadEventForUnits } from './service/common.js';
import { trainingBridges, trainingQuestions } from './schema.js';

/** A question raised at the actor's bridge (a commune's, or a province's own or one of its communes'). */
export async function askQuestion(
  db: Db,
  actor: Actor,
  id: string,
  input: { unitCode?: string; text: string; clientRef?: string },
  clock: DeadlineClock,
) {
  await loadEvent(db, actor, id);
  const unitCode = input.unitCode ?? actor.communeCode ?? actor.provinceCode;
  const [b] = unitCode
    ? await db
        .select()
        .from(trainingBridges)
        .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, unitCode)))
    : [];
  if (!b || b.provinceCode === null) throw notFound('training_bridge', { code: unitCode ?? '' });
  mustTraining('ask', actor, { provinceCode: b.provinceCode, unitCode: b.unitCode });
  const q = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainingQuestions)
      .values({
        eventId: id,
        provinceCode: b.provinceCode!,
        unitCode: b.unitCode,
        text: input.text.trim(),
        askedBy: actor.username,
        clientRef: input.clientRef ?? null,
        createdAt: clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const [again] = await tx
        .select()
        .from(trainingQuestions)
        .where(
          and(
            eq(trainingQuestions.eventId, id),
            eq(trainingQuestions.unitCode, b.unitCode),
            eq(trainingQuestions.clientRef, input.clientRef ?? ''),
          ),
        );
      return again!;
    }
    await recordAudit(tx, actor, {
      action: 'ask',
      entity: 'training_question',
      entityId: row.id,
      provinceCode: row.provinceCode,
      unitCode: row.unitCode,
      after: { text: row.text },
    });
    return row;
  });
  return (await questionsOut(db, [q], new Map([[b.unitCode, b.name]])))[0]!;
}

async function questionsOut(db: Db, rows: (typeof trainingQuestions.$inferSelect)[], names: Map<string, string>) {
  const open = rows.filter((r) => !r.recommendationId);
  const similar = await answeredLike(
    db,
    open.map((r) => r.text),
  );
  const byId = new Map(open.map((r, i) => [r.id, similar[i] ?? null]));
  return rows.map((r) => ({
    id: r.id,
    unitCode: r.unitCode,
    unitName: names.get(r.unitCode) ?? r.unitCode,
    text: r.text,
    askedBy: r.askedBy,
    createdAt: r.createdAt.toISOString(),
    recommendationId: r.recommendationId,
    similarAnswered: byId.get(r.id) ?? null,
  }));
}

/** The questions of the event in the caller's scope, oldest first, each with an answered item it looks like. */
export async function listQuestions(db: Db, actor: Actor, id: string) {
  await loadEventForUnits(db, actor, id);
  const rows = await db
    .select({ q: trainingQuestions, name: trainingBridges.name })
    .from(trainingQuestions)
    .leftJoin(
      trainingBridges,
      and(
        eq(trainingBridges.eventId, trainingQuestions.eventId),
        eq(trainingBridges.unitCode, trainingQuestions.unitCode),
      ),
    )
    .where(
      and(
        eq(trainingQuestions.eventId, id),
        scopeWhere(actor, { provinceCode: trainingQuestions.provinceCode, unitCode: trainingQuestions.unitCode }),
      ),
    )
    .orderBy(asc(trainingQuestions.createdAt))
    .limit(1000);
  return {
    items: await questionsOut(
      db,
      rows.map((r) => r.q),
      new Map(rows.map((r) => [r.q.unitCode, r.name ?? r.q.unitCode])),
    ),
  };
}

/**
 * Sends a question to the two-way channel as a recommendation of the asking unit (one click). Sent already: the same
 * item again. Looking like an answered item: refused with that item named, unless `force`.
 */
export async function forwardQuestion(
  db: Db,
  actor: Actor,
  id: string,
  questionId: string,
  force: boolean,
  clock: DeadlineClock,
) {
  const e = await loadEvent(db, actor, id);
  const [q] = await db
    .select()
    .from(trainingQuestions)
    .where(and(eq(trainingQuestions.eventId, id), eq(trainingQuestions.id, questionId)));
  if (!q) throw notFound('training_question');
  mustTraining('ask', actor, { provinceCode: q.provinceCode, unitCode: q.unitCode });
  // The channel's asker is the unit itself: its commune account, or the province for its own bridge.
  const asker =
    (actor.role === 'commune' && actor.communeCode === q.unitCode) ||
    (actor.role === 'province' && actor.provinceCode === q.unitCode);
  if (!asker) throw outOfScope(q.unitCode);
  if (q.recommendationId) return { recommendationId: q.recommendationId, code: null };
  if (!force) {
    const [like] = await answeredLike(db, [q.text]);
    if (like)
      throw new AppError(409, 'already_answered', 'training_question_answered', { code: like.code, title: like.title });
  }
  const now = clock.now();
  const notifier = new Notifier(now);
  const out = await db.transaction(async (tx) => {
    const title = q.text.length > 150 ? `${q.text.slice(0, 147)}…` : q.text;
    const r = await raiseInTx(
      tx,
      actor,
      {
        field: 'other',
        title,
        content: `${q.text}\n\n(Câu hỏi tại hội nghị tập huấn «${e.title}».)`,
        unitCode: q.unitCode,
      },
      { now, cal: channelCalendar(), notifier, attachments: [] },
    );
    await tx.update(trainingQuestions).set({ recommendationId: r.id }).where(eq(trainingQuestions.id, q.id));
    await recordAudit(tx, actor, {
      action: 'forward',
      entity: 'training_question',
      entityId: q.id,
      provinceCode: q.provinceCode,
      unitCode: q.unitCode,
      after: { recommendation: r.code },
    });
    return { recommendationId: r.id, code: r.code as string | null };
  });
  await notifier.flush();
  return out;
}
