/**
 * Named queries of the channel for the reinforcement module (read through the door, not the tables): the items
 * raised during officers' visits. The pair runs one way: this file knows nothing of reinforcement's tables, so a
 * join with them takes the items as a subquery (one statement; PostgreSQL flattens it into the join).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recommendations } from './schema.js';

/** The items raised during one visit, by code. */
export function itemsOfVisit(db: Db, provinceCode: string, visitId: string) {
  return db
    .select({
      id: recommendations.id,
      code: recommendations.code,
      title: recommendations.title,
      status: recommendations.status,
      field: recommendations.field,
    })
    .from(recommendations)
    .where(and(eq(recommendations.provinceCode, provinceCode), eq(recommendations.visitId, visitId)))
    .orderBy(asc(recommendations.code));
}

/** The items raised during these visits of one province, by code. */
export function itemsOfVisits(db: Db, provinceCode: string, visitIds: string[]) {
  return db
    .select({
      code: recommendations.code,
      field: recommendations.field,
      title: recommendations.title,
      status: recommendations.status,
    })
    .from(recommendations)
    .where(and(eq(recommendations.provinceCode, provinceCode), inArray(recommendations.visitId, visitIds)))
    .orderBy(asc(recommendations.code));
}

/**
 * The items' province, visit and status as a subquery to join with the visits inside a bigger statement, e.g.
 * `.from(items).innerJoin(visits, and(eq(visits.provinceCode, items.provinceCode), eq(visits.id, items.visitId)))`.
 */
export function visitItemsJoin(db: Db) {
  return db
    .select({
      provinceCode: recommendations.provinceCode,
      visitId: recommendations.visitId,
      status: recommendations.status,
    })
    .from(recommendations)
    .as('visit_items');
}
