// The knowledge base (published answers) and the items like a given one or a draft.
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, invalid, notFound, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { may, mayRead, roleMay } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { isOfficer } from '../officers.js';
import { recommendationEvents, recommendations } from '../schema.js';
import { isPublishable, type Status } from '../domain/lifecycle.js';
import { rankSimilar } from '../domain/similarity.js';
import { type Row, scopeSql, load, searchConditions } from './common.js';

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
