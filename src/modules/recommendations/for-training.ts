/**
 * Named queries of the channel for the training module (read through the door, not the tables): the answered items
 * a question raised at a conference looks like, so the bridge is shown the answer before sending it again.
 */
import { desc, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recommendations } from './schema.js';
import { rankSimilar } from './domain/similarity.js';

/** How many recent answered items are compared. */
const POOL = 3000;

/** Answered (or published) items like `text`, best first; every reader may see an answered item's title. */
export async function answeredLike(db: Db, texts: string[], opts: { threshold?: number } = {}) {
  const pool = (
    await db
      .select({
        id: recommendations.id,
        code: recommendations.code,
        title: recommendations.title,
        searchKey: recommendations.searchKey,
      })
      .from(recommendations)
      .where(or(inArray(recommendations.status, ['answered', 'accepted']), isNotNull(recommendations.publishedAt)))
      .orderBy(desc(recommendations.updatedAt))
      .limit(POOL)
  ).map((r) => ({ ...r, text: r.searchKey }));
  return texts.map((t) => {
    const [best] = rankSimilar(t, pool, { threshold: opts.threshold ?? 0.5, limit: 1 });
    return best ? { id: best.id, code: best.code, title: best.title } : null;
  });
}
