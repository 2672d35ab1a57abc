import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { notFound, outOfScope } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import { agencies, assignments, people, posts } from '../schema.js';
import { COMMUNE_AGENCIES, PROVINCE_HOME_AFFAIRS } from '../domain/structure.js';
import { mayWorkforce } from '../policy.js';
import { unitOf } from './shared.js';

/** Agencies and posts of a unit, with who holds each post now and the vacant seats. */
export async function unitStructure(db: Db, actor: Actor, unitCode: string, today: string) {
  const unit = await unitOf(db, unitCode);
  if (!unit) throw notFound('unit', { code: unitCode });
  if (!mayWorkforce('structure', actor, { provinceCode: unit.provinceCode, unitCode: unit.code }))
    throw outOfScope(unitCode);
  const [ags, ps, holders] = await Promise.all([
    db
      .select()
      .from(agencies)
      .where(and(eq(agencies.provinceCode, unit.provinceCode), eq(agencies.unitCode, unitCode)))
      .orderBy(asc(agencies.kind)),
    db
      .select()
      .from(posts)
      .where(and(eq(posts.provinceCode, unit.provinceCode), eq(posts.unitCode, unitCode))),
    db
      .select({
        postId: assignments.postId,
        personId: people.id,
        fullName: people.fullName,
        kind: assignments.kind,
        endDate: assignments.endDate,
      })
      .from(assignments)
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(
        and(
          eq(assignments.provinceCode, unit.provinceCode),
          eq(assignments.unitCode, unitCode),
          or(isNull(assignments.endDate), gt(assignments.endDate, today)),
        ),
      ),
  ]);
  // The legal order of Decree 150/2025 (Party, Council, Committee, office, departments, center), then the province's.
  const order = [...COMMUNE_AGENCIES.map((a) => a.kind), PROVINCE_HOME_AFFAIRS.kind];
  ags.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return ags.map((a) => {
    const agencyPosts = ps.filter((p) => p.agencyId === a.id);
    const staffed = holders.filter((h) => agencyPosts.some((p) => p.id === h.postId)).length;
    return {
      id: a.id,
      kind: a.kind,
      name: a.name,
      approvedHeadcount: a.approvedHeadcount,
      staffed,
      posts: agencyPosts.map((p) => {
        const on = holders.filter((h) => h.postId === p.id);
        return {
          id: p.id,
          kind: p.kind,
          code: p.code,
          title: p.title,
          seats: p.seats,
          vacant: Math.max(0, p.seats - on.length),
          holders: on.map((h) => ({ personId: h.personId, fullName: h.fullName, kind: h.kind, endDate: h.endDate })),
        };
      }),
    };
  });
}
