import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { invalid } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import { recordAudit } from '../../audit/index.js';
import { assignments, posts } from '../schema.js';
import { mustWorkforce } from '../policy.js';
import { placeOf } from './shared.js';
import { loadPerson, movePerson } from './people.js';
import { workforceChanged } from './summary.js';

export interface AssignInput {
  personId: string;
  postId: string;
  kind: 'regular' | 'secondment' | 'reinforcement';
  startDate: string;
  endDate?: string;
  note?: string;
}

/**
 * Puts a person on a post from a date. A regular assignment closes the person's current regular one
 * (a move between units keeps the whole record: the person's unit follows); a secondment or
 * reinforcement runs beside it and must end.
 */
export async function assign(db: Db, actor: Actor, input: AssignInput) {
  if (input.kind !== 'regular' && !input.endDate) throw invalid('endDate', 'required', { field: 'endDate' });
  if (input.endDate && input.endDate <= input.startDate)
    throw invalid('endDate', 'invalid_value', { detail: `> ${input.startDate}` });
  const touched: string[] = [];
  const result = await db.transaction(async (tx) => {
    const p = await loadPerson(tx, input.personId, true);
    const [post] = await tx.select().from(posts).where(eq(posts.id, input.postId));
    if (!post) throw invalid('postId', 'invalid_value', { detail: input.postId });
    touched.push(p.provinceCode, post.provinceCode);
    // The receiving unit decides who serves in it, and every kind of assignment needs the right over the person's
    // present unit too (policy: assign + release): a commune cannot take someone it does not manage.
    mustWorkforce('assign', actor, placeOf(post));
    mustWorkforce('release', actor, placeOf(p));
    if (input.kind === 'regular') {
      await tx
        .update(assignments)
        .set({ endDate: input.startDate })
        .where(
          and(
            eq(assignments.personId, p.id),
            eq(assignments.kind, 'regular'),
            or(isNull(assignments.endDate), gt(assignments.endDate, input.startDate)),
          ),
        );
    }
    const [a] = await tx
      .insert(assignments)
      .values({
        provinceCode: post.provinceCode,
        personId: p.id,
        unitCode: post.unitCode,
        agencyId: post.agencyId,
        postId: post.id,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        fromUnitCode: input.kind === 'regular' ? null : p.unitCode,
        note: input.note ?? null,
      })
      .returning();
    if (input.kind === 'regular' && (p.unitCode !== post.unitCode || p.provinceCode !== post.provinceCode)) {
      await movePerson(tx, p, post);
    }
    await recordAudit(tx, actor, {
      action: 'assign',
      entity: 'person',
      entityId: p.id,
      provinceCode: post.provinceCode,
      unitCode: post.unitCode,
      before: { unitCode: p.unitCode },
      after: {
        postId: post.id,
        postTitle: post.title,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
      },
    });
    return {
      id: a!.id,
      personId: p.id,
      unitCode: post.unitCode,
      postTitle: post.title,
      kind: a!.kind,
      startDate: a!.startDate,
      endDate: a!.endDate,
    };
  });
  // After the commit: a summary computed meanwhile must not outlive the change.
  await workforceChanged(db, touched);
  return result;
}
